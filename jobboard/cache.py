"""Whole-page cache for anonymous readers, emptied by any change to what the pages show.

A cache that fails (Redis down, the generation's table missing) is skipped: pages are served
uncached, writes still save, and the fault is logged once a minute. While it fails, each
process leaves it alone for a few seconds between tries; the first process to reach it again
changes the generation, since writes made meanwhile could not.
"""

import hashlib
import logging
import secrets
import threading
import time
from contextlib import nullcontext

import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, router, transaction
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag

from jobboard.faults import ThrottledFaultLog

logger = logging.getLogger(__name__)

GENERATION_KEY = "pages:generation"
# Changed only by writes that can change what list pages count, filter and order (an app's model
# says which: the `listing` of its "content changed" signal); the listing index is read again
# when it changes.
LISTING_GENERATION_KEY = "listing:generation"
# Changed instead by a write that names the postings it changed (an app's "content changed"
# with `postings`): the listing index reads just those again, as the app records them.
LISTING_CHANGES_KEY = "listing:changes"
# The student pages (list, detail, company, feeds) and the crawler files.
CACHED_NAMESPACES = {"postings"}
CACHED_URL_NAMES = {"sitemap", "robots"}


def _savepoint_if_database(cache):
    """A savepoint around the use of a database cache, when inside a transaction.

    On PostgreSQL a failed statement (the cache table missing, say) aborts the whole enclosing
    transaction; the savepoint confines the failure to the cache. Outside a transaction there
    is nothing to spoil, and other caches raise no DatabaseError: neither needs one.
    """
    if not isinstance(cache, DatabaseCache):
        return nullcontext()
    using = router.db_for_write(cache.cache_model_class)
    return transaction.atomic(using) if connections[using].in_atomic_block else nullcontext()


def _new_generation():
    return secrets.token_hex(8)


# What a failing cache raises: Redis's errors, socket errors, the database cache's errors.
CACHE_ERRORS = (redis.RedisError, OSError, DatabaseError)
# After a failure, this process leaves the cache alone this long before trying it again.
CACHE_RETRY_SECONDS = 5


class _CacheOutage:
    """Whether this process found the cache failing, and what to do when it answers again."""

    def __init__(self):
        self._lock = threading.Lock()
        self._retry_at = 0.0
        self._missed_writes = False
        self._log = ThrottledFaultLog(logger, "Page cache unavailable; serving pages uncached")

    def call(self, action, default=None):
        """`action()`, or `default` when the cache fails or failed a moment ago."""
        if time.monotonic() < self._retry_at:
            return default
        try:
            if self._missed_writes:
                self._forget_pages_cached_before()
            return action()
        except CACHE_ERRORS as error:
            with self._lock:
                self._retry_at = time.monotonic() + CACHE_RETRY_SECONDS
                self._missed_writes = True
            self._log.report(error)
            return default

    def _forget_pages_cached_before(self):
        """A write during the outage could not change the generation, so pages cached before
        it would be served again: change it now, before anything is read."""
        _set_new_generations()
        with self._lock:
            self._missed_writes = False
        logger.warning("Page cache reachable again; pages cached before the outage are forgotten")


cache_outage = _CacheOutage()


def _generation(key):
    generation_cache = caches["page_generation"]

    def read():
        with _savepoint_if_database(generation_cache):
            generation = generation_cache.get(key)
            if generation is None:
                generation_cache.add(key, _new_generation(), timeout=None)
                generation = generation_cache.get(key)
        return generation

    return cache_outage.call(read)


def page_generation():
    """The current generation, part of every page's key; None if it cannot be read."""
    return _generation(GENERATION_KEY)


def listing_generation():
    """(generation, changes generation) of what list pages count and order by; None if they
    cannot be read. The first changes with writes that name no postings, the second with
    writes that do (the listing index then reads only those postings again)."""
    generation = _generation(LISTING_GENERATION_KEY)
    changes = _generation(LISTING_CHANGES_KEY) if generation is not None else None
    return None if changes is None else (generation, changes)


def _generation_and_page(key):
    """The current generation and what is stored under `key`, in one read when they share a cache.

    With Redis both live in the same store, and one MGET saves a round trip (and a client) on
    every hit; otherwise the generation comes from its own cache, shared by every worker.
    """
    cache = caches["default"]
    if settings.CACHES.get("page_generation") != settings.CACHES.get("default"):
        return page_generation(), cache_outage.call(lambda: cache.get(key))

    def read():
        with _savepoint_if_database(cache):
            return cache.get_many([GENERATION_KEY, key])

    found = cache_outage.call(read)
    if found is None:
        return None, None
    generation = found.get(GENERATION_KEY) or page_generation()
    return generation, found.get(key)


def _set_new_generations(*, listing=True, postings_named=False):
    generation_cache = caches["page_generation"]
    keys = [GENERATION_KEY]
    if listing:
        keys.append(LISTING_CHANGES_KEY if postings_named else LISTING_GENERATION_KEY)
    with _savepoint_if_database(generation_cache):
        generation_cache.set_many(dict.fromkeys(keys, _new_generation()), timeout=None)


def invalidate_pages(*, listing=True, postings_named=False):
    """Makes every cached page unreachable at once; call it after writes that send no signals.

    With `listing=False` (the write changed nothing list pages count or order) the listing
    index is kept; with `postings_named=True` (the app recorded which postings changed) it is
    updated for those postings instead of read whole.
    """
    cache_outage.call(lambda: _set_new_generations(listing=listing, postings_named=postings_named))


def _invalidate_on_change(sender, *, listing=True, postings=None, **kwargs):
    named = postings is not None
    invalidate_pages(listing=listing, postings_named=named)
    # Again once the change is visible to other connections: a page rendered from the old rows
    # between the first bump and the commit would otherwise stay cached under the new generation.
    transaction.on_commit(lambda: invalidate_pages(listing=listing, postings_named=named))


def invalidate_on(signal):
    """Invalidates the page cache whenever `signal` is sent: an app's "content changed",
    with `listing=False` when the write changed nothing list pages count or order, and
    `postings` (ids) when it names the postings it changed."""
    signal.connect(_invalidate_on_change, dispatch_uid=f"page-cache-{id(signal)}")


def _is_cacheable(request):
    match = request.resolver_match
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and match is not None
        and (match.namespace in CACHED_NAMESPACES or match.url_name in CACHED_URL_NAMES)
    )


def _is_storable(request, response):
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        # A page that holds a CSRF token or changes the session belongs to one reader; the
        # middleware that sets those cookies runs after this one, so ask the request.
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(getattr(request, "session", None), "modified", False)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class PageCacheMiddleware:
    """Serves anonymous readers' student pages from the cache; signed-in users get fresh ones.

    The key holds the full URL and today's date, since "closing soon" and what counts as open
    change at midnight; the page is stored with the generation read before it was rendered, and
    served only while that is still the current generation (changed on every write).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_page_cache_bypassed", False):
            # A recruiter may be previewing a draft, a student sees their own verdicts: no
            # shared cache may keep this page.
            patch_cache_control(response, private=True)
            return response
        key = getattr(request, "_page_cache_key", None)
        if key is None:
            return response
        if getattr(request, "_page_cache_hit", False):
            response["X-Cache"] = "HIT"
        elif _is_storable(request, response):
            set_response_etag(response)
            patch_cache_control(response, no_cache=True)
            stored = (request._page_cache_generation, response)
            seconds = settings.PAGE_CACHE_SECONDS
            cache_outage.call(lambda: caches["default"].set(key, stored, seconds))
            response["X-Cache"] = "MISS"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _is_cacheable(request):
            return None
        # Signed-in recruiters and visitors whose pages show their own verdicts or saved
        # postings (`has_personal_state`, set by the students app) get pages of their own.
        if request.user.is_authenticated or getattr(request, "has_personal_state", False):
            request._page_cache_bypassed = True
            return None
        url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        # Stored compressed for readers that accept it, as is for the others.
        encoding = (
            "gzip"
            if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
            else "identity"
        )
        key = f"pages:{timezone.localdate().isoformat()}:{encoding}:{url}"
        generation, cached = _generation_and_page(key)
        if generation is None:
            return None
        request._page_cache_key = key
        request._page_cache_generation = generation
        if cached is None or cached[0] != generation:
            return None
        request._page_cache_hit = True
        return cached[1]
