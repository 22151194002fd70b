"""When the database or the cache is away: an honest answer, a log line now and then, recovery.

PostgreSQL down: pages (and the admin) answer 503 with the site's own page and Retry-After, and
nothing is retried or half-written (the admin saves in one transaction). When the database is
back, Django's connection handling reconnects on the next request (CONN_HEALTH_CHECKS), so
no restart is needed. The cache's faults are handled where it is used (jobboard.cache).
"""

import logging
import threading
import time

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# What a 503 tells browsers, crawlers and load balancers: ask again after this long.
RETRY_AFTER_SECONDS = 30
# A fault that lasts is reported at most this often, with how many times it happened meanwhile.
FAULT_LOG_INTERVAL_SECONDS = 60


class ThrottledFaultLog:
    """Logs a lasting fault once a minute rather than on every request it spoils."""

    def __init__(self, logger, message):
        self.logger = logger
        self.message = message
        self._lock = threading.Lock()
        self._logged_at = None
        self._unlogged = 0

    def report(self, error):
        with self._lock:
            now = time.monotonic()
            if self._logged_at is not None and now - self._logged_at < FAULT_LOG_INTERVAL_SECONDS:
                self._unlogged += 1
                return
            also = self._unlogged
            self._logged_at, self._unlogged = now, 0
        since = f" ({also} more times since the last report)" if also else ""
        self.logger.error("%s%s: %s", self.message, since, error, exc_info=error)


_database_fault = ThrottledFaultLog(logger, "Database unavailable; answering 503")


def database_unavailable_response(request):
    """The site's own 503 page, rendered without the database (no request context)."""
    html = render_to_string("503.html", {"sent_form": request.method == "POST"})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns "cannot reach the database" anywhere in a view into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        _database_fault.report(exception)
        return database_unavailable_response(request)
