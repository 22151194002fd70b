"""Recruiter-typed text renders as Markdown, can never run script on a student's page, and cannot
make rendering slow."""

import time
from html.parser import HTMLParser

import pytest

from postings.text import ALLOWED_TAGS, ALLOWED_URL_SCHEMES, plain_text, render_markdown


def test_markdown_becomes_html():
    assert render_markdown("**Bold** and a [link](https://example.com)") == (
        '<p><strong>Bold</strong> and a <a href="https://example.com" '
        'rel="nofollow noopener noreferrer">link</a></p>'
    )


def test_paragraphs_of_plain_text_stay_paragraphs():
    assert render_markdown("First.\n\nSecond.") == "<p>First.</p>\n<p>Second.</p>"


def test_lists_and_quotes_render():
    html = render_markdown("Perks:\n\n- Housing\n- Travel\n\n> Quoted")
    assert "<ul>\n<li>Housing</li>\n<li>Travel</li>\n</ul>" in html
    assert "<blockquote>\n<p>Quoted</p>\n</blockquote>" in html


class TagsAndAttributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "<javascript:alert(1)>",
        '<a href="javascript:alert(1)">click</a>',
        '<div onmouseover="alert(1)">hover</div>',
        '<iframe src="https://evil.example"></iframe>',
        "<svg><script>alert(1)</script></svg>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    ],
)
def test_nothing_a_recruiter_types_can_run(payload):
    found = TagsAndAttributes()
    found.feed(render_markdown(payload))

    assert found.tags <= ALLOWED_TAGS
    for tag, name, value in found.attributes:
        assert not name.startswith("on"), (tag, name)
        if name == "href":
            assert value.split(":", 1)[0] in ALLOWED_URL_SCHEMES, value


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("Ads & Monetization", "Ads & Monetization"),
        ("<b>Bold</b> intern", "Bold intern"),
        ("<script>alert(1)</script>Team", "Team"),
        ("&lt;img src=x onerror=alert(1)&gt;Team", "Team"),
        ("salary < 10k", "salary < 10k"),
    ],
)
def test_plain_text_keeps_the_words_and_drops_the_markup(typed, text):
    assert plain_text(typed) == text


# Rendering time per kilobyte. Each input below made Python-Markdown 3 take from seconds to
# most of a minute (20,000 "[" in a row: 35 s), quadratic or worse in its length; gunicorn
# killed the worker after 30 s. The yardstick is realistic Markdown of the same size rendered
# in the same run, so a slow or busy machine slows both alike. markdown-it-py takes up to
# 8 to 21 times the yardstick per kilobyte on these (20,000 "[" or "!["; more on a busy
# machine), Python-Markdown hundreds of times; the budget allows 60.
REALISTIC = (
    "Join the **Ads Ranking** team to build [models](https://example.com/ads) that serve "
    "*hundreds of millions* of people.\nYou will work with `PyTorch` on large data.\n\n"
    "- design experiments\n- ship a model to production, with a [mentor](https://example.com)\n\n"
)
PATHOLOGICAL = {
    "20,000 [": "[" * 20_000,
    "20,000 <a": "<a " * 20_000,
    "10,000 <http://": "<http://" * 10_000,
    "20,000 ![": "![" * 10_000,
    "6,000 [](": "[](" * 6_000,
    "10,000 emphasis openers": "*a " * 10_000,
    "10,000 nested quotes": "> " * 10_000 + "x",
    "10,000 nested list markers": "* " * 10_000 + "x",
    "20,000 asterisks": "*" * 20_000,
    "5,000 list items": "- item\n" * 5_000,
    "2,000 list items, indented deeper and deeper": "".join(
        "  " * (depth % 60) + "- item\n" for depth in range(2_000)
    ),
}
SLOWDOWN_BUDGET = 60


def seconds_per_kilobyte(text, runs=2):
    """The best of `runs` renders (the renderer's cache bypassed), per 1,024 characters."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        render_markdown.__wrapped__(text)
        best = min(best, time.perf_counter() - started)
    return best / (len(text) / 1024)


@pytest.fixture(scope="module")
def yardstick():
    return seconds_per_kilobyte(REALISTIC * (20_000 // len(REALISTIC)), runs=3)


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_no_input_takes_much_longer_per_kilobyte_than_realistic_markdown(name, yardstick):
    slowdown = seconds_per_kilobyte(PATHOLOGICAL[name]) / yardstick
    assert slowdown <= SLOWDOWN_BUDGET, f"{name}: {slowdown:.0f}× realistic Markdown per KB"
