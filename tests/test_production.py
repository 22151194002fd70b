"""Production: error pages, request ids in one-line logs, static files, connections, gunicorn."""

import gc
import io
import logging
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.test import Client
from django.urls import include, path

from postings.listing.index import ListingIndex, current_index
from tests.factories import PublishedPostingFactory

BASE_DIR = Path(__file__).resolve().parent.parent


def broken_view(request):
    raise RuntimeError("the view broke\nover two lines")


# A URLconf with a failing view, used through @pytest.mark.urls(__name__).
urlpatterns = [path("broken/", broken_view), path("", include("jobboard.urls"))]


def settings_in_subprocess(expression, **env):
    environment = {key: os.environ[key] for key in ("PATH", "HOME") if key in os.environ}
    environment.update(
        {"SECRET_KEY": "k" * 60, "DJANGO_SETTINGS_MODULE": "jobboard.settings", **env}
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; from django.conf import settings; django.setup(); print({expression})",
        ],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture
def console_output():
    """What the site's stdout log handler writes during the test."""
    [handler] = [h for h in logging.getLogger().handlers if h.name == "console"]
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


@pytest.mark.django_db
def test_missing_pages_get_the_sites_404_page(client):
    response = client.get("/internships/nobody/nothing/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in page
    assert 'class="site-header"' in page
    assert 'href="/"' in page


def test_the_500_page_renders_without_a_database_or_a_request():
    # No django_db mark: any query here would fail the test.
    page = render_to_string("500.html")
    assert "<h1>Something went wrong</h1>" in page
    assert 'class="site-header"' in page
    assert "css/site.css" in page


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_an_error_shows_the_500_page_and_logs_one_line_with_the_request_id(console_output):
    response = Client(raise_request_exception=False).get(
        "/broken/", headers={"X-Request-ID": "req-500"}
    )

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert response["X-Request-ID"] == "req-500"
    [line] = [line for line in console_output.getvalue().splitlines() if "broken" in line]
    assert "ERROR django.request [req-500] Internal Server Error: /broken/" in line
    assert "RuntimeError: the view broke \\n over two lines" in line


@pytest.mark.django_db
def test_every_response_gets_a_fresh_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


@pytest.mark.django_db
def test_the_proxys_request_id_is_kept(client):
    response = client.get("/healthz", headers={"X-Request-ID": "edge-1f2e.3d"})
    assert response["X-Request-ID"] == "edge-1f2e.3d"


@pytest.mark.django_db
@pytest.mark.parametrize("sent", ["two words", "x" * 200, "evil\\nINFO forged", ""])
def test_a_request_id_that_could_forge_log_lines_is_replaced(client, sent):
    response = client.get("/healthz", headers={"X-Request-ID": sent})
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db
def test_log_lines_of_a_request_carry_its_id(client, console_output):
    client.get("/no-such-page/", headers={"X-Request-ID": "req-404"})
    assert "WARNING django.request [req-404] Not Found: /no-such-page/" in (
        console_output.getvalue()
    )


def test_log_lines_outside_a_request_show_a_dash(console_output):
    logging.getLogger("jobboard").warning("started")
    assert "WARNING jobboard [-] started" in console_output.getvalue()


def test_with_debug_off_static_files_get_hashed_compressed_names():
    assert settings_in_subprocess("settings.STORAGES['staticfiles']['BACKEND']") == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_with_debug_on_static_files_are_served_as_they_are():
    assert settings_in_subprocess("settings.STORAGES['staticfiles']['BACKEND']", DEBUG="1") == (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


def test_database_connections_are_kept_and_checked():
    assert settings_in_subprocess(
        "settings.DATABASES['default']['CONN_MAX_AGE'], "
        "settings.DATABASES['default']['CONN_HEALTH_CHECKS']"
    ) == ("60 True")
    assert settings_in_subprocess(
        "settings.DATABASES['default']['CONN_MAX_AGE']", CONN_MAX_AGE="0"
    ) == ("0")


def test_without_redis_the_generation_is_shared_through_the_database_even_with_debug_on():
    # A seed_demo run beside `make run` must reach the server's listing index.
    for debug in ("0", "1"):
        assert settings_in_subprocess(
            "settings.CACHES['page_generation']['BACKEND']", DEBUG=debug
        ) == ("django.core.cache.backends.db.DatabaseCache")


def test_redis_url_moves_the_cache_and_its_generation_to_redis():
    assert settings_in_subprocess(
        "settings.CACHES['default']['BACKEND'], settings.CACHES['page_generation']['LOCATION']",
        REDIS_URL="redis://cache.internal:6379/1",
    ) == ("jobboard.redis_cache.ReusedClientRedisCache redis://cache.internal:6379/1")


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    root = tmp_path_factory.mktemp("staticfiles")
    environment = {key: os.environ[key] for key in ("PATH", "HOME") if key in os.environ}
    environment.update(SECRET_KEY="k" * 60, STATIC_ROOT=str(root))
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=BASE_DIR,
        env=environment,
        check=True,
        timeout=300,
    )
    return root


@pytest.mark.django_db
def test_collected_static_files_are_hashed_and_cached_for_ever(collected_static, settings):
    settings.STATIC_ROOT = collected_static
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    client = Client()
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', client.get("/").text)
    assert stylesheet, "the page links the stylesheet by its hashed name"

    response = client.get(stylesheet[1], headers={"Accept-Encoding": "gzip"})

    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] == "gzip"
    response.close()


def gunicorn_config(monkeypatch, **env):
    for name in ("BIND", "WEB_CONCURRENCY", "GUNICORN_TIMEOUT", "GUNICORN_MAX_REQUESTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(BASE_DIR)
    return runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))


def test_gunicorn_runs_two_workers_per_core_plus_one_by_default(monkeypatch):
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: 4)
    config = gunicorn_config(monkeypatch)
    assert config["workers"] == 9
    assert config["bind"] == "127.0.0.1:8000"
    assert config["accesslog"] == "-"
    assert config["timeout"] == 30


def test_gunicorn_workers_and_address_come_from_the_environment(monkeypatch):
    config = gunicorn_config(monkeypatch, WEB_CONCURRENCY="2", BIND="0.0.0.0:8104")
    assert config["workers"] == 2
    assert config["bind"] == "0.0.0.0:8104"


def test_gunicorn_access_log_lines_carry_the_request_id(monkeypatch):
    assert "%({x-request-id}o)s" in gunicorn_config(monkeypatch)["access_log_format"]


def test_gunicorn_workers_are_replaced_now_and_then_but_not_all_at_once(monkeypatch):
    config = gunicorn_config(monkeypatch, GUNICORN_MAX_REQUESTS="400")
    assert config["max_requests"] == 400
    assert config["max_requests_jitter"] == 100


@pytest.fixture
def new_worker(monkeypatch):
    """Runs gunicorn's post_worker_init hook as a new worker would, then undoes its gc.freeze."""
    worker = SimpleNamespace(log=logging.getLogger("gunicorn.error"))
    # A worker forked from gunicorn's master has no index yet (this process may have one).
    monkeypatch.setattr(current_index, "_index", None)
    hook = gunicorn_config(monkeypatch)["post_worker_init"]
    yield lambda: hook(worker)
    gc.unfreeze()


@pytest.mark.django_db
def test_a_new_worker_reads_the_listing_index_before_its_first_request(
    new_worker, django_assert_num_queries
):
    posting = PublishedPostingFactory()

    new_worker()

    with django_assert_num_queries(0):
        assert current_index.get().ids.tolist() == [posting.pk]


@pytest.mark.django_db
def test_a_new_worker_starts_even_when_the_index_cannot_be_read(new_worker, monkeypatch, caplog):
    def unreadable(today=None):
        raise DatabaseError("no such table")

    monkeypatch.setattr(ListingIndex, "build", unreadable)
    PublishedPostingFactory()  # a write: the index is due to be read again

    new_worker()

    assert "Listing index not read at start" in caplog.text
