"""Whatever text it is given, the posting reader answers with a `Reading` and never raises.

Property-based (Hypothesis): arbitrary text, text built from the pieces postings are made of
(headings, bullets, amounts, dates, places), and arbitrary or broken HTML.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from postings.ingest import JSON_KEYS, read_posting

# Pieces of real postings, so that examples reach the rules and not only the first check.
POSTING_PIECES = st.sampled_from(
    [
        "Machine Learning Intern, Summer 2026",
        "Responsibilities:",
        "What you'll do",
        "Nice to have",
        "Benefits",
        "About Acme",
        "- Train ranking models",
        "• Pursuing a BS/MS/PhD",
        "$45–$55/hour",
        "€2.000 brutto pro Monat",
        "$120K - $150K",
        "starting at $30 an hour",
        "Apply by March 1, 2026",
        "Posted 3 days ago",
        "31.01.2026",
        "San Francisco, CA (Hybrid)",
        "Remote - US",
        "We are unable to sponsor visas.",
        "Acme is an equal opportunity employer.",
        "https://acme.example/jobs/1",
        "12-week internship starting June 2026",
        "10-12 weeks",
        "6 months",
        "Full-time",
        "Our tracks",
        "",
        "\u00a0",
        "...",
        ":",
    ]
)
posting_like_text = st.lists(st.one_of(POSTING_PIECES, st.text(max_size=40)), max_size=25).map(
    "\n".join
)
TAGS = st.sampled_from(["p", "h2", "h3", "li", "ul", "ol", "div", "strong", "br", "a", "table"])


@st.composite
def html_fragments(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        tag = draw(TAGS)
        inner = draw(st.one_of(POSTING_PIECES, st.text(max_size=30)))
        closed = draw(st.booleans())
        attributes = ' href="https://acme.example/apply"' if tag == "a" else ""
        parts.append(f"<{tag}{attributes}>{inner}" + (f"</{tag}>" if closed else ""))
    return "".join(parts)


def assert_a_reading(reading):
    answer = reading.as_json()
    assert tuple(answer) == JSON_KEYS
    if not reading.is_posting:
        assert "posting" in reading.notes


@settings(max_examples=80)
@given(st.text(max_size=400))
def test_the_reader_answers_any_text(text):
    assert_a_reading(read_posting(text, html=False))


@settings(max_examples=80)
@given(posting_like_text)
def test_the_reader_answers_any_arrangement_of_posting_pieces(text):
    assert_a_reading(read_posting(text, html=False))


@settings(max_examples=80)
@given(st.one_of(html_fragments(), st.text(max_size=300).map(lambda t: f"<div>{t}</p><li>")))
def test_the_reader_answers_any_html(html):
    assert_a_reading(read_posting(html, html=True))


@settings(max_examples=40)
@given(st.one_of(st.text(max_size=300), html_fragments()))
def test_the_reader_finds_out_by_itself_whether_text_is_html(text):
    assert_a_reading(read_posting(text))
