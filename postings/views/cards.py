"""Posting cards for the list page and "More like this", each rendered once per content
generation and day.

Rendering 20 cards and building their model objects (a posting, its company, places and pay
bands) was most of an uncached list page. A card shows only its posting and the day (badges,
"closes in 3 days"), so for anonymous readers each is kept in the shared cache under the page
cache's generation, which every write to what pages show changes: a page reads its 20 cards in
one cache read and renders, from rows read for them alone, only those not there yet. Signed-in
readers and visitors with a personal state (`request.has_personal_state`: a card then shows their
verdict and what they saved) get cards rendered for them, and so does DEBUG, where templates
change under the developer's hands.
"""

from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from jobboard.cache import cache_outage, page_generation
from postings.models import Posting

CARD_TEMPLATE = "postings/_posting_card.html"
CARD_SECONDS = 600


def posting_cards(request, ids: list[int], *, heading_level: int = 2) -> list[str]:
    """The cards of the public postings among `ids`, in that order, as HTML (their titles
    headings of `heading_level`)."""
    generation = None
    personal = request.user.is_authenticated or getattr(request, "has_personal_state", False)
    if not settings.DEBUG and not personal:
        generation = page_generation()
    if generation is None:
        postings = Posting.objects.public_cards_in_order(ids)
        return [_render(request, posting, heading_level) for posting in postings]
    day = timezone.localdate().isoformat()
    key_of = {pk: f"card:{generation}:{day}:h{heading_level}:{pk}" for pk in ids}
    cache = caches["default"]
    found = cache_outage.call(lambda: cache.get_many(list(key_of.values())), default={}) or {}
    missing = [pk for pk in ids if key_of[pk] not in found]
    rendered = {}
    if missing:
        for posting in Posting.objects.public_cards_in_order(missing):
            rendered[posting.pk] = _render(request, posting, heading_level)
        stored = {key_of[pk]: str(html) for pk, html in rendered.items()}
        cache_outage.call(lambda: cache.set_many(stored, CARD_SECONDS))
    cards = [found.get(key_of[pk]) or rendered.get(pk) for pk in ids]
    # Only HTML this function rendered from the card template is ever stored under a card key.
    return [mark_safe(card) for card in cards if card is not None]  # noqa: S308


def _render(request, posting, heading_level):
    context = {"posting": posting, "heading_level": heading_level}
    return render_to_string(CARD_TEMPLATE, context, request=request)
