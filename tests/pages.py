"""Helpers for tests that read pages as a student would."""

import re
from html import unescape


def page_of(client, url):
    """The HTML of a page that must answer 200."""
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def text_of(html):
    """The visible words of a page, roughly: tags dropped, entities decoded, spaces collapsed."""
    return unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))
