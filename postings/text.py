"""Turns what recruiters type (plain text or Markdown) into HTML safe for a student's page.

Rendering happens once, when a text is saved (see `postings.models.RendersMarkdown`); pages
read the stored HTML. The renderer is markdown-it-py, whose time grows linearly with its input
even for the inputs that made Python-Markdown take tens of seconds (20,000 `[` in a row), and
nh3 then keeps only harmless tags, attributes and link schemes.
"""

import html
from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "code", "pre", "blockquote",
    "h3", "h4", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# CommonMark, raw HTML passed through to nh3 (which keeps only the tags above), block nesting
# capped at 20 levels.
_markdown = MarkdownIt("commonmark")


def sanitise_html(html: str) -> SafeString:
    """Keeps only the tags, attributes and link schemes a student's page allows."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just removed everything unsafe


@lru_cache(maxsize=512)
def render_markdown(text: str) -> SafeString:
    """Renders Markdown and keeps only harmless tags, attributes and link schemes.

    Cached: demo data and repeated saves render the same few texts again and again.
    """
    if not text:
        return mark_safe("")
    return sanitise_html(_markdown.render(text).strip())


def plain_text(text: str) -> str:
    """`text` with any HTML markup taken out, for places that carry text only (feed titles).

    Decoded and cleaned again until nothing changes, so that markup typed as entities
    ("&lt;b&gt;") cannot become a tag in a reader that decodes them once more.
    """
    for _ in range(5):
        cleaned = html.unescape(nh3.clean(text, tags=set()))
        if cleaned == text:
            return text
        text = cleaned
    return text.replace("<", "").replace(">", "")
