"""Recruiter-typed text renders as Markdown and can never run script on a student's page."""

import pytest

from postings.text import render_markdown


def test_markdown_becomes_html():
    assert render_markdown("**Bold** and a [link](https://example.com)") == (
        '<p><strong>Bold</strong> and a <a href="https://example.com" '
        'rel="nofollow noopener noreferrer">link</a></p>'
    )


def test_paragraphs_of_plain_text_stay_paragraphs():
    assert render_markdown("First.\n\nSecond.") == "<p>First.</p>\n<p>Second.</p>"


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">click</a>',
        '<div onmouseover="alert(1)">hover</div>',
        '<iframe src="https://evil.example"></iframe>',
        "<svg><script>alert(1)</script></svg>",
    ],
)
def test_nothing_a_recruiter_types_can_run(payload):
    html = render_markdown(payload)
    for dangerous in ("<script", "onerror", "onmouseover", "javascript:", "<iframe", "<svg"):
        assert dangerous not in html.lower()
