"""A posting's text as lines that know whether they are a heading, a list item or running text.

Plain text and HTML both become a `Document`, so everything after this step reads one shape.
Plain text marks headings by their looks (a short line ending in a colon, a Markdown heading, a
line in capitals, or a heading our section table knows); HTML marks them by its tags.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from postings.ingest.headings import is_known_heading


class LineKind(StrEnum):
    HEADING = "heading"
    ITEM = "item"
    TEXT = "text"


@dataclass(frozen=True)
class Line:
    text: str
    kind: LineKind
    # A blank line (plain text) or a new block (HTML) comes before it.
    after_gap: bool = True

    @property
    def is_heading(self) -> bool:
        return self.kind is LineKind.HEADING


@dataclass(frozen=True)
class Link:
    label: str
    href: str


@dataclass
class Document:
    lines: list[Line]
    links: list[Link] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


BULLET = re.compile(r"^(?:[•·◦▪▫●○■□‣⁃∙➢➤►▶✓✔*+\-–—]|\(?\d{1,2}[.)])\s+")
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")
MARKDOWN_BOLD_LINE = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__):?$")
SENTENCE_END = re.compile(r"[.!?]$")
# A heading by its looks: at most eight words ending in a colon, with no sentence inside.
COLON_HEADING = re.compile(r"^[^.!?:]{2,60}:$")
MAX_HEADING_WORDS = 8
MAX_BLOCK_HEADING_WORDS = 6


def clean(text: str) -> str:
    """Collapses runs of spaces and drops invisible characters; keeps the words as written."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"[ \t\f\v]+", " ", text).strip()


def document_from_text(text: str) -> Document:
    lines = []
    gap = True
    for raw in text.splitlines():
        stripped = clean(raw)
        if not stripped:
            gap = True
            continue
        lines.append(_plain_line(stripped, after_gap=gap))
        gap = False
    lines = _mark_short_lines_that_open_a_block(_join_wrapped_lines(lines))
    return Document(lines=lines, links=[Link(url, url) for url in find_urls(text)])


# Text wrapped at a fixed width fills its lines; a short line ("Internship") ends where it does.
MIN_WRAPPED_WIDTH = 30


def _join_wrapped_lines(lines: list[Line]) -> list[Line]:
    """Text wrapped at a fixed width goes on in lowercase on the next line: one paragraph."""
    joined: list[Line] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not line.after_gap
            and line.kind is LineKind.TEXT
            and previous.kind is not LineKind.HEADING
            and re.match(r"[a-z0-9(]", line.text)
            and not re.search(r"[.!?:;]$", previous.text)
            and len(previous.text) >= MIN_WRAPPED_WIDTH
        ):
            joined[-1] = Line(f"{previous.text} {line.text}", previous.kind, previous.after_gap)
            continue
        joined.append(line)
    return joined


def _mark_short_lines_that_open_a_block(lines: list[Line]) -> list[Line]:
    """A short line after a blank line, with text right under it, heads that text: "Key facts".
    Not right under another heading, though: there it is the first line of that heading's text."""
    marked: list[Line] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        opens_block = following is not None and not following.after_gap
        under_a_heading = bool(marked) and marked[-1].is_heading
        if (
            line.kind is LineKind.TEXT
            and line.after_gap
            and opens_block
            and not under_a_heading
            and _is_short_label(line.text)
        ):
            line = Line(line.text, LineKind.HEADING, line.after_gap)
        marked.append(line)
    return marked


def _is_short_label(text: str) -> bool:
    """Short, and not a line of facts ("$45/hr - $60/hr  Hybrid", "Berlin · Internship")."""
    return (
        len(text.split()) <= MAX_BLOCK_HEADING_WORDS
        and not re.search(r"[.,;:]$", text)
        and not re.search(r"[$€£¥₹|·•]|\d{3}", text)
        and not URL.search(text)
        and any(c.isalpha() for c in text)
    )


def _plain_line(text: str, *, after_gap: bool) -> Line:
    if match := MARKDOWN_HEADING.match(text):
        return Line(match.group(1), LineKind.HEADING, after_gap)
    if match := MARKDOWN_BOLD_LINE.match(text):
        return Line(match.group(1).strip(), LineKind.HEADING, after_gap)
    if match := BULLET.match(text):
        return Line(text[match.end() :].strip(), LineKind.ITEM, after_gap)
    if looks_like_heading(text):
        return Line(text, LineKind.HEADING, after_gap)
    if match := MARKDOWN_EMPHASIS_LINE.fullmatch(text):
        text = match["text"]  # "*Acme welcomes applications from ...*": a paragraph in italics
    return Line(text, LineKind.TEXT, after_gap)


MARKDOWN_EMPHASIS_LINE = re.compile(r"(?P<mark>[*_])(?P<text>[^*_]{2,}[.!?])(?P=mark)")


def looks_like_heading(text: str) -> bool:
    """A line whose looks make it a heading in plain text."""
    if len(text.split()) > MAX_HEADING_WORDS:
        return False
    if is_known_heading(text):
        return True
    if COLON_HEADING.match(text):
        return True
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and not SENTENCE_END.search(text)


URL = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)


def find_urls(text: str) -> list[str]:
    return [url.rstrip(".,;:") for url in URL.findall(text)]
