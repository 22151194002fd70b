"""The HTML an applicant tracking system returns, as a `Document`: headings, list items, paragraphs.

selectolax (a fast, maintained HTML5 parser) builds the tree; this module only decides where a
line ends and what kind it is: `<h1>`-`<h6>` and a paragraph that is wholly bold are headings,
`<li>` is an item, every other block is running text. Links are kept with their addresses.
"""

import html
import re

from selectolax.lexbor import LexborHTMLParser

from postings.ingest.document import (
    MAX_HEADING_WORDS,
    Document,
    Line,
    LineKind,
    Link,
    clean,
    looks_like_heading,
)

BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote", "pre",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "td", "th", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "address", "nav", "form",
}  # fmt: skip
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BOLD_TAGS = {"strong", "b"}
SKIPPED_TAGS = {"script", "style", "noscript", "template", "head", "title", "svg", "button"}
TAG = re.compile(r"</?(?:p|div|ul|ol|li|h[1-6]|br|strong|b|em|span|table|section|a)\b[^>]*>", re.I)
ESCAPED_TAG = re.compile(r"&lt;/?(?:p|div|ul|li|h[1-6]|br|strong)\b", re.I)


def looks_like_html(text: str) -> bool:
    return bool(TAG.search(text) or ESCAPED_TAG.search(text))


def document_from_html(markup: str) -> Document:
    if ESCAPED_TAG.search(markup) and not TAG.search(markup):
        markup = html.unescape(markup)  # Greenhouse's `content` arrives escaped once more
    tree = LexborHTMLParser(markup)
    root = tree.body or tree.root
    builder = _LineBuilder()
    if root is not None:
        builder.walk(root)
    builder.flush()
    return Document(lines=builder.lines, links=builder.links)


class _LineBuilder:
    def __init__(self):
        self.lines: list[Line] = []
        self.links: list[Link] = []
        self._parts: list[str] = []
        self._bold_chars = 0
        self._kind = LineKind.TEXT
        self._gap = True
        # How many <li> the walk is inside: "<li><p>...</p></li>" is still a list item.
        self._item_depth = 0

    def walk(self, node, *, in_bold=False):
        child = node.child
        while child is not None:
            self._visit(child, in_bold=in_bold)
            child = child.next

    def _visit(self, node, *, in_bold):
        tag = node.tag
        if tag == "-text":
            text = node.text_content or ""
            self._parts.append(text)
            if in_bold:
                self._bold_chars += len(re.sub(r"\s", "", text))
            return
        if tag in SKIPPED_TAGS or tag == "-comment":
            return
        if tag == "br":
            self.flush(gap=False)
            return
        if tag == "a":
            href = (node.attributes.get("href") or "").strip()
            if href.lower().startswith(("http://", "https://")):
                self.links.append(Link(clean(node.text(deep=True)), href))
        if tag not in BLOCK_TAGS:
            self.walk(node, in_bold=in_bold or tag in BOLD_TAGS)
            return
        self.flush()
        if tag in HEADING_TAGS:
            self._kind = LineKind.HEADING
        elif tag == "li":
            self._kind = LineKind.ITEM
        self._item_depth += tag == "li"
        self.walk(node, in_bold=in_bold)
        self.flush()
        self._item_depth -= tag == "li"

    def flush(self, *, gap=True):
        text = clean(re.sub(r"\s+", " ", "".join(self._parts)))
        if text:
            kind = LineKind.ITEM if self._item_depth else self._kind
            if (
                kind is LineKind.TEXT
                and self._is_bold_heading(text)
                or kind is LineKind.TEXT
                and looks_like_heading(text)
            ):
                kind = LineKind.HEADING
            self.lines.append(Line(text, kind, after_gap=self._gap))
            self._gap = gap
        else:
            self._gap = self._gap or gap
        self._parts = []
        self._bold_chars = 0
        self._kind = LineKind.TEXT if gap else self._kind

    def _is_bold_heading(self, text: str) -> bool:
        visible = len(re.sub(r"\s", "", text))
        short = len(text.split()) <= MAX_HEADING_WORDS
        return short and visible > 0 and self._bold_chars >= 0.9 * visible
