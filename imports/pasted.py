"""A posting's text as a recruiter hands it in (pasted, or a .txt/.html file), checked, sanitised.

What is kept with a posting is the sanitised text, never the raw input: plain text without
control characters, or HTML with nothing left that could run in a browser.
"""

import re
from dataclasses import dataclass
from pathlib import PurePath

import nh3

from imports.models import Origin

# A posting is a few thousand characters; a megabyte is a whole web page and more.
MAX_TEXT_BYTES = 1_000_000
MAX_TEXT_LABEL = "1 MB"
# File suffix → whether its content is HTML.
FILE_SUFFIXES = {".txt": False, ".text": False, ".html": True, ".htm": True}

SCRIPT_TAG = re.compile(r"<\s*script\b", re.IGNORECASE)
# Control characters other than tab, newline and carriage return: never part of a posting.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# What the kept original may hold: its headings, paragraphs, lists, emphasis and links.
ORIGINAL_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "div", "span", "section", "ul", "ol", "li",
    "strong", "em", "b", "i", "u", "a", "blockquote", "pre", "code", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ORIGINAL_ATTRIBUTES = {"a": {"href"}}


class Unreadable(ValueError):
    """The input cannot be read as a posting's text; the message says why, for the form."""


@dataclass(frozen=True)
class PastedPosting:
    """A posting's text as handed in: the sanitised text, whether it is HTML, and its origin."""

    text: str
    is_html: bool = False
    origin: str = Origin.PASTED_TEXT
    filename: str = ""


def from_text(text: str) -> PastedPosting:
    """Checks pasted text; raises Unreadable with a message for the form."""
    if not text or not text.strip():
        raise Unreadable("Paste the posting's text, or choose a file.")
    if len(text.encode("utf-8", errors="replace")) > MAX_TEXT_BYTES:
        raise Unreadable(
            f"This text is longer than {MAX_TEXT_LABEL}; a posting is a few pages at most. "
            "Paste only the posting."
        )
    if SCRIPT_TAG.search(text):
        raise Unreadable(
            "This text contains a <script> tag. Paste the posting as it reads on the page, "
            "or save the page as an .html file and upload that."
        )
    return PastedPosting(text=sanitised_original(text, is_html=False))


def from_upload(uploaded) -> PastedPosting:
    """Checks an uploaded .txt or .html file; raises Unreadable with a message for the form."""
    suffix = PurePath(uploaded.name or "").suffix.lower()
    if suffix not in FILE_SUFFIXES:
        raise Unreadable("Upload a .txt or .html file.")
    if uploaded.size > MAX_TEXT_BYTES:
        raise Unreadable(f"This file is larger than {MAX_TEXT_LABEL}; upload only the posting.")
    content = uploaded.read(MAX_TEXT_BYTES + 1)
    if b"\x00" in content:
        raise Unreadable("This file is not text. Upload the posting as a .txt or .html file.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable(
            "This file is not in UTF-8. Save it as UTF-8 text (most editors offer this) and "
            "upload it again."
        ) from None
    if not text.strip():
        raise Unreadable("This file is empty.")
    is_html = FILE_SUFFIXES[suffix]
    if not is_html and SCRIPT_TAG.search(text):
        raise Unreadable("This text file contains a <script> tag; upload the posting's text.")
    return PastedPosting(
        text=sanitised_original(text, is_html=is_html),
        is_html=is_html,
        origin=Origin.UPLOADED_FILE,
        filename=PurePath(uploaded.name).name[:200],
    )


def sanitised_original(text: str, *, is_html: bool) -> str:
    """The text to keep: HTML cleaned of scripts, styles and attributes; no control characters."""
    text = CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n"))
    if not is_html:
        return text
    return nh3.clean(
        text,
        tags=ORIGINAL_TAGS,
        attributes=ORIGINAL_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
