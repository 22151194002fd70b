"""The address a posting gives for applying: a link whose words, or whose own path, say apply.

A button label without an address ("Apply Now") gives none, and the company's home page is not an
apply address.
"""

import re
from urllib.parse import urlsplit

from postings.ingest.document import Link, find_urls

APPLY_WORDS = re.compile(r"\bappl(?:y|ying|ication|ications)\b|\bsubmit\b", re.IGNORECASE)
APPLY_PATH = re.compile(r"appl(?:y|ication)|/jobs?/|/careers?/|/postings?/|/positions?/", re.I)


def apply_url(links: list[Link], texts: list[str]) -> tuple[str, str]:
    """(address, the words that offer it), or ("", "")."""
    for link in links:
        if link.label != link.href and APPLY_WORDS.search(link.label) and _is_page(link.href):
            return link.href, link.label
    for text in texts:
        for url in find_urls(text):
            if APPLY_WORDS.search(text) and _is_page(url):
                return url, text
    for link in links:
        if APPLY_PATH.search(urlsplit(link.href).path) and _is_page(link.href):
            return link.href, link.label
    return "", ""


def _is_page(url: str) -> bool:
    """An address with a path beyond the site's home page."""
    return urlsplit(url).path.strip("/") != ""
