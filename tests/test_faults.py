"""The board keeps serving when PostgreSQL or Redis goes away, or the listing index cannot be built.

A database that goes away and comes back is a TCP proxy between Django and PostgreSQL that the
test cuts and restores (PostgreSQL runs only); requests go through Django's WSGI handler as
gunicorn sends them, so its per-request connection handling is what recovers. A database or
Redis that is simply away is a closed port, on any run.
"""

import logging
import socket
import threading
from contextlib import contextmanager, suppress

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections
from django.db.models.signals import post_save
from django.db.utils import ConnectionHandler
from django.test import Client, RequestFactory

from jobboard import cache as page_cache
from jobboard import faults
from postings.listing import index as listing_index
from postings.listing.index import ListingIndex, current_index
from postings.models import PayBand, Posting
from tests.factories import PayBandFactory, PublishedPostingFactory, RecruiterFactory
from tests.test_admin import form_data

# A list page with words, which the database searches: a list page whose cards are all cached
# needs no database (its counts and order come from the listing index) and keeps answering.
STUDENT_PAGES = ["/?q=ranking", "/feeds/atom/", "/sitemap.xml"]


def closed_port():
    """A local port nothing listens on (connections to it are refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class CuttableProxy:
    """Forwards TCP connections to `target`; `cut()` drops them all and refuses new ones until
    `restore()`, as a database server that crashed and came back would."""

    def __init__(self, target):
        self.target = target
        self.cut_off = False
        self._open = set()
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self.cut_off:
                client.close()
                continue
            server = socket.create_connection(self.target)
            with self._lock:
                self._open |= {client, server}
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source, sink):
        with suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for end in (source, sink):
            with suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self):
        self.cut_off = True
        with self._lock:
            ends, self._open = self._open, set()
        for end in ends:
            with suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()

    def restore(self):
        self.cut_off = False

    def close(self):
        self.cut()
        self._listener.close()


def wsgi(path, *, method="get", data=None, cookies=None):
    """(status, headers, body) of one request through Django's WSGI handler, as gunicorn calls it.

    Unlike the test client it sends request_started and request_finished, on which Django
    closes a broken database connection so that the next request opens a new one.
    """
    request = getattr(RequestFactory(), method)(path, data or {})
    environ = request.environ
    if cookies:
        environ["HTTP_COOKIE"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=int(status.split()[0]), headers=dict(headers))

    result = WSGIHandler()(environ, start_response)
    try:
        body = b"".join(result).decode()
    finally:
        result.close()
    return started["status"], started["headers"], body


def assert_the_503_page(status, headers, body):
    assert status == 503
    assert headers["Retry-After"] == str(faults.RETRY_AFTER_SECONDS)
    assert "no-store" in headers["Cache-Control"]
    assert "<title>Back in a moment · ML Intern Board</title>" in body
    assert "cannot reach its database" in body
    assert headers["X-Frame-Options"] == "DENY"  # the site's headers, as on every page


# PostgreSQL that goes away and comes back ----------------------------------------------------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="cuts a TCP connection to PostgreSQL"
)


@pytest.fixture
def proxied_database(transactional_db, settings):
    """The default connection goes through a proxy the test can cut; yields the proxy."""
    settings.CONN_MAX_AGE = 60
    proxy = CuttableProxy((connection.settings_dict["HOST"], int(connection.settings_dict["PORT"])))
    original_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = proxy.port
    try:
        yield proxy
    finally:
        proxy.restore()
        connection.close()
        connection.settings_dict["PORT"] = original_port
        proxy.close()


@postgres_only
def test_student_pages_answer_503_while_the_database_is_down_and_recover_without_a_restart(
    proxied_database,
):
    posting = PublishedPostingFactory(title="Ranking Intern")
    pages = [*STUDENT_PAGES, posting.get_absolute_url(), posting.company.get_absolute_url()]
    # The list page reads the listing index and is cached; the others are not asked yet.
    assert wsgi("/")[0] == 200
    assert wsgi("/healthz")[0] == 200

    proxied_database.cut()

    for page in pages:
        assert_the_503_page(*wsgi(page))
    health_status, _, health = wsgi("/healthz")
    assert (health_status, health) == (503, '{"status": "error", "database": "unavailable"}')
    # A page cached before the outage is still served from the cache.
    status, headers, body = wsgi("/")
    assert (status, headers.get("X-Cache")) == (200, "HIT")
    assert "Ranking Intern" in body

    proxied_database.restore()

    for page in [*pages, "/healthz"]:
        status, _, body = wsgi(page)
        assert status == 200, page
    assert "Ranking Intern" in wsgi(posting.get_absolute_url())[2]


@postgres_only
def test_a_recruiters_save_cut_off_halfway_is_refused_whole_with_a_clear_message(
    proxied_database,
):
    posting = PublishedPostingFactory(title="Ranking Intern", summary="Before.")
    PayBandFactory(posting=posting)
    recruiter = RecruiterFactory(companies=[posting.company])
    client = Client()
    client.force_login(recruiter)
    url = f"/admin/postings/posting/{posting.pk}/change/"
    data = form_data(client.get(url))
    data.update(
        {
            "title": "Renamed Intern",
            "summary": "After.",
            "pay_bands-0-maximum": "9900",
            "csrfmiddlewaretoken": "c" * 32,
        }
    )
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": "c" * 32}

    def cut_once_the_posting_is_written(sender, instance, **kwargs):
        post_save.disconnect(cut_once_the_posting_is_written, sender=Posting)
        proxied_database.cut()

    post_save.connect(cut_once_the_posting_is_written, sender=Posting)
    try:
        status, headers, body = wsgi(url, method="post", data=data, cookies=cookies)
    finally:
        post_save.disconnect(cut_once_the_posting_is_written, sender=Posting)

    assert_the_503_page(status, headers, body)
    assert "Nothing you sent was saved." in body
    proxied_database.restore()
    assert wsgi("/healthz")[0] == 200  # the next request reconnects
    posting.refresh_from_db()
    assert (posting.title, posting.summary, posting.version) == ("Ranking Intern", "Before.", 1)
    assert [band.maximum for band in PayBand.objects.filter(posting=posting)] == [9000]
    assert posting.history.count() == 1


# A database that is simply away (any run) -----------------------------------------------------


@contextmanager
def database_away():
    """The default database is a PostgreSQL at a closed port for the duration of the block."""
    away = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "HOST": "127.0.0.1",
                "PORT": closed_port(),
                "NAME": "away",
                "USER": "nobody",
            }
        }
    )["default"]
    present = connections["default"]
    connections["default"] = away
    try:
        yield
    finally:
        connections["default"] = present
        away.close()


@pytest.mark.django_db
def test_pages_answer_503_with_the_sites_page_while_the_database_is_away(client, caplog):
    posting = PublishedPostingFactory()
    pages = [*STUDENT_PAGES, posting.get_absolute_url(), posting.company.get_absolute_url()]
    # A running site holds an index of its postings; an empty list could be answered from it.
    current_index.get()

    with database_away():
        responses = {page: client.get(page) for page in pages}
        health = client.get("/healthz")

    for response in responses.values():
        assert_the_503_page(response.status_code, response, response.content.decode())
    assert health.status_code == 503
    # One log line for the outage, not one per request.
    reports = [r for r in caplog.records if r.name == "jobboard.faults"]
    assert len(reports) == 1
    assert "Database unavailable" in reports[0].getMessage()
    # And back.
    assert client.get(posting.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_a_recruiters_save_while_the_database_is_away_says_nothing_was_saved(client):
    posting = PublishedPostingFactory(title="Ranking Intern")
    client.force_login(RecruiterFactory(companies=[posting.company]))
    url = f"/admin/postings/posting/{posting.pk}/change/"
    data = dict(form_data(client.get(url)), title="Renamed Intern")

    with database_away():
        response = client.post(url, data)

    assert_the_503_page(response.status_code, response, response.content.decode())
    assert "Nothing you sent was saved." in response.content.decode()
    posting.refresh_from_db()
    assert posting.title == "Ranking Intern"


def test_other_errors_are_not_mistaken_for_a_database_outage(rf):
    middleware = faults.DatabaseUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(rf.get("/"), ValueError("a bug")) is None


# Redis that refuses connections ---------------------------------------------------------------


@pytest.fixture
def redis_refusing(settings):
    refusing = {
        "BACKEND": "jobboard.redis_cache.ReusedClientRedisCache",
        "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }
    settings.CACHES = {"default": refusing, "page_generation": refusing}
    settings.PAGE_CACHE_SECONDS = 300


@pytest.mark.django_db
def test_with_redis_down_pages_are_served_uncached_and_the_fault_logged_once_a_minute(
    client, redis_refusing, caplog, monkeypatch
):
    clock = [1000.0]
    monkeypatch.setattr("time.monotonic", lambda: clock[0])
    # Without a readable generation an index younger than a minute is trusted: not an earlier
    # test's.
    monkeypatch.setattr(current_index, "_index", None)
    posting = PublishedPostingFactory(title="Ranking Intern")  # its save meets the fault first

    def cache_reports():
        return [r for r in caplog.records if r.name == "jobboard.cache"]

    for second in range(0, 50, 5):
        clock[0] = 1000.0 + second
        response = client.get("/")
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert "Ranking Intern" in response.content.decode()
    assert client.get(posting.get_absolute_url()).status_code == 200
    assert len(cache_reports()) == 1
    assert "Page cache unavailable" in cache_reports()[0].getMessage()

    clock[0] = 1000.0 + 61
    client.get("/")
    assert len(cache_reports()) == 2
    assert "more times since the last report" in cache_reports()[1].getMessage()


@pytest.mark.django_db
def test_with_redis_down_recruiters_still_save(client, redis_refusing):
    posting = PublishedPostingFactory(title="Ranking Intern")
    client.force_login(RecruiterFactory(companies=[posting.company]))
    url = f"/admin/postings/posting/{posting.pk}/change/"

    response = client.post(url, dict(form_data(client.get(url)), title="Renamed Intern"))

    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.title == "Renamed Intern"


@pytest.mark.django_db
def test_when_the_cache_answers_again_pages_cached_before_the_outage_are_forgotten(
    client, settings, monkeypatch
):
    """A save during the outage could not change the generation; the first contact after does."""
    posting = PublishedPostingFactory(title="Ranking Intern")
    client.get(posting.get_absolute_url())  # cached with the title
    clock = [1000.0]
    monkeypatch.setattr("time.monotonic", lambda: clock[0])
    working = settings.CACHES
    refusing = {
        "BACKEND": "jobboard.redis_cache.ReusedClientRedisCache",
        "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
    }
    settings.CACHES = {**working, "page_generation": refusing}
    Posting.objects.filter(pk=posting.pk).update(title="Renamed Intern")
    page_cache.invalidate_pages()  # fails: the generation lives in the refusing cache

    settings.CACHES = working
    clock[0] += page_cache.CACHE_RETRY_SECONDS + 1

    assert "Renamed Intern" in client.get(posting.get_absolute_url()).content.decode()


# A listing index that cannot be built ---------------------------------------------------------


@pytest.mark.django_db
def test_when_the_listing_index_cannot_be_rebuilt_the_previous_one_keeps_serving(
    client, monkeypatch, caplog
):
    PublishedPostingFactory(title="Ranking Intern")
    assert "Ranking Intern" in client.get("/").content.decode()
    built = current_index.get()

    def broken_build(cls, today=None):
        raise RuntimeError("index build failed")

    monkeypatch.setattr(ListingIndex, "build", classmethod(broken_build))
    PublishedPostingFactory(title="Vision Intern")  # a write: the index must be rebuilt

    response = client.get("/")

    assert response.status_code == 200
    assert "Ranking Intern" in response.content.decode()
    assert "no-store" in response["Cache-Control"]  # no cache keeps the older answer
    assert current_index.get() is built
    [report] = [
        r
        for r in caplog.records
        if r.name == "postings.listing.index" and r.levelno == logging.ERROR
    ]
    assert "the one built" in report.getMessage() and "keeps serving" in report.getMessage()
    assert "index build failed" in report.exc_text

    monkeypatch.undo()
    monkeypatch.setattr(listing_index, "REBUILD_RETRY_SECONDS", 0)
    current_index._retry_at = 0.0
    assert "Vision Intern" in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_process_that_never_built_an_index_cannot_serve_the_list(monkeypatch):
    fresh = listing_index._Current()

    def broken_build(cls, today=None):
        raise RuntimeError("index build failed")

    monkeypatch.setattr(ListingIndex, "build", classmethod(broken_build))
    with pytest.raises(RuntimeError):
        fresh.get()
