"""Anonymous readers get cached pages that any change empties; signed-in users never do."""

import gzip
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path

from jobboard.cache import invalidate_pages, page_generation
from postings.models import Posting
from tests.factories import (
    CategoryFactory,
    DraftPostingFactory,
    LocationFactory,
    PayBandFactory,
    PublishedPostingFactory,
    RequirementFactory,
    ResearchAreaFactory,
)

pytestmark = pytest.mark.django_db


def form_page(request):
    return HttpResponse(
        Template("<form method=post>{% csrf_token %}</form>").render(RequestContext(request))
    )


def session_page(request):
    request.session["seen"] = True
    return HttpResponse("noted")


# A URLconf whose cached names answer with per-reader pages, used through @pytest.mark.urls.
urlpatterns = [
    path("robots.txt", form_page, name="robots"),
    path("sitemap.xml", session_page, name="sitemap"),
]


@pytest.fixture
def posting():
    return PublishedPostingFactory(
        title="Ranking Intern",
        company__name="Acme Labs",
        locations=[LocationFactory(city="Springfield")],
        research_areas=[ResearchAreaFactory(name="Ranking systems")],
        categories=[CategoryFactory(name="Consumer")],
    )


def quietly_retitle(posting, title):
    """Changes the row without sending signals, as only a cache hit can then hide it."""
    Posting.objects.filter(pk=posting.pk).update(title=title)


def test_second_anonymous_request_is_served_from_the_cache(client, posting):
    url = posting.get_absolute_url()
    first = client.get(url)
    quietly_retitle(posting, "Retitled behind the cache's back")

    second = client.get(url)

    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert "Ranking Intern" in second.content.decode()
    assert second.content == first.content


def test_a_reader_that_accepts_gzip_gets_the_page_compressed_from_the_store(client, posting):
    url = posting.get_absolute_url()
    first = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    quietly_retitle(posting, "Retitled behind the cache's back")

    second = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})

    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert second["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in second["Vary"]
    html = gzip.decompress(second.content).decode()
    assert "Ranking Intern" in html
    assert len(second.content) < len(html) / 2


def test_readers_with_and_without_gzip_never_get_each_others_page(client, posting):
    url = posting.get_absolute_url()
    client.get(url, headers={"Accept-Encoding": "gzip"})

    plain = client.get(url)

    assert plain["X-Cache"] == "MISS"
    assert not plain.has_header("Content-Encoding")
    assert "Ranking Intern" in plain.content.decode()
    assert client.get(url)["X-Cache"] == "HIT"


def test_a_cache_hit_runs_no_page_queries(client, posting):
    url = posting.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) == 0


@pytest.mark.parametrize(
    "url_of",
    [
        lambda posting: "/",
        lambda posting: posting.company.get_absolute_url(),
        lambda posting: "/sitemap.xml",
        lambda posting: "/robots.txt",
        lambda posting: "/feeds/atom/",
        lambda posting: "/feeds/rss/",
    ],
    ids=["list", "company", "sitemap", "robots", "atom", "rss"],
)
def test_every_student_page_is_cached(client, posting, url_of):
    url = url_of(posting)
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"


def test_each_query_string_is_cached_apart(client, posting):
    client.get("/?page=1")
    assert client.get("/?season=summer")["X-Cache"] == "MISS"


def change_posting_title(posting):
    posting.title = "Renamed Intern"
    posting.save()
    return "Renamed Intern"


def edit_pay_band(posting):
    band = PayBandFactory(posting=posting, minimum=Decimal("7000"), maximum=Decimal("7000"))
    caches["default"].clear()
    warm(posting)
    band.maximum = Decimal("7500")
    band.save()
    return "$7,000–$7,500 / month"


def add_requirement(posting):
    RequirementFactory(posting=posting, text="Knows gradient boosting")
    return "Knows gradient boosting"


def rename_company(posting):
    posting.company.name = "Acme Research"
    posting.company.save()
    return "Acme Research"


def rename_location(posting):
    location = posting.locations.get()
    location.city = "Shelbyville"
    location.save()
    return "Shelbyville"


def rename_category(posting):
    category = posting.categories.get()
    category.name = "Ads"
    category.save()
    return "Ads"


def rename_research_area(posting):
    area = posting.research_areas.get()
    area.name = "Learning to rank"
    area.save()
    return None


def add_location(posting):
    posting.locations.add(LocationFactory(city="Capital City"))
    return "Capital City"


def remove_category(posting):
    posting.categories.clear()
    return None


def add_research_area(posting):
    posting.research_areas.add(ResearchAreaFactory(name="Graph learning"))
    return None


def warm(posting):
    assert Client().get(posting.get_absolute_url())["X-Cache"] == "MISS"


@pytest.mark.parametrize(
    "change",
    [
        change_posting_title,
        edit_pay_band,
        add_requirement,
        rename_company,
        rename_location,
        rename_category,
        rename_research_area,
        add_location,
        remove_category,
        add_research_area,
    ],
)
def test_any_change_to_what_a_page_shows_empties_the_cache(client, posting, change):
    url = posting.get_absolute_url()
    before = client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"

    shown = change(posting)
    after = client.get(url)

    assert after["X-Cache"] == "MISS"
    assert after.content != before.content
    if shown is not None:
        assert shown in after.content.decode()


def test_publishing_a_draft_shows_it_in_the_cached_list_at_once(client):
    PublishedPostingFactory(title="Already open")
    assert "Already open" in client.get("/").content.decode()
    draft = DraftPostingFactory(title="Brand new role")
    assert "Brand new role" not in client.get("/").content.decode()

    draft.status = "published"
    draft.posted_on = draft.created_at.date()
    draft.save()

    assert "Brand new role" in client.get("/").content.decode()


def test_deleting_a_posting_removes_it_from_the_cached_list(client):
    PublishedPostingFactory(title="Stays")
    going = PublishedPostingFactory(title="Goes away")
    assert "Goes away" in client.get("/").content.decode()

    going.delete()

    assert "Goes away" not in client.get("/").content.decode()


def test_deleting_a_requirement_removes_it_from_the_cached_page(client, posting):
    RequirementFactory(posting=posting, text="Speaks Klingon")
    url = posting.get_absolute_url()
    assert "Speaks Klingon" in client.get(url).content.decode()

    posting.requirements.get().delete()

    assert "Speaks Klingon" not in client.get(url).content.decode()


def test_writes_without_signals_show_after_invalidate_pages(client, posting):
    url = posting.get_absolute_url()
    client.get(url)
    quietly_retitle(posting, "Bulk edited")

    invalidate_pages()

    assert "Bulk edited" in client.get(url).content.decode()


@pytest.mark.parametrize(
    "load",
    [
        lambda: call_command("load_real_postings", stdout=io.StringIO()),
        lambda: call_command("loaddata", "pinterest", verbosity=0),
    ],
    ids=["load_real_postings", "loaddata"],
)
def test_loading_fixtures_empties_the_cache(client, db, load):
    url = "/?include_closed=1"
    assert "PhD Machine Learning" not in client.get(url).content.decode()
    load()
    assert "PhD Machine Learning Internship 2026 (USA)" in client.get(url).content.decode()


def test_signed_in_users_are_never_served_a_cached_page(client, posting, django_user_model):
    url = posting.get_absolute_url()
    client.get(url)
    quietly_retitle(posting, "Fresh for the recruiter")
    client.force_login(django_user_model.objects.create_user("recruiter", is_staff=True))

    response = client.get(url)

    assert "Fresh for the recruiter" in response.content.decode()
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_a_recruiters_draft_preview_is_never_cached_for_students(client, django_user_model):
    draft = DraftPostingFactory(title="Secret draft")
    recruiter = django_user_model.objects.create_user("recruiter", is_staff=True)
    draft.company.recruiters.add(recruiter)
    client.force_login(recruiter)
    assert "Secret draft" in client.get(draft.get_absolute_url()).content.decode()
    client.get("/")

    client.logout()

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/")["X-Cache"] == "MISS"


@pytest.mark.urls(__name__)
def test_a_page_holding_a_csrf_token_is_not_cached(client):
    first = client.get("/robots.txt")
    second = Client().get("/robots.txt")
    assert "X-Cache" not in second
    token = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert token.search(first.content)[1] != token.search(second.content)[1]


@pytest.mark.urls(__name__)
def test_a_page_that_writes_the_session_is_not_cached(client):
    client.get("/sitemap.xml")
    assert "X-Cache" not in Client().get("/sitemap.xml")


def test_not_found_pages_are_not_cached(client, posting):
    url = "/internships/nobody/nothing/"
    client.get(url)
    assert "X-Cache" not in client.get(url)


def test_the_admin_and_healthz_are_never_cached(client):
    assert "X-Cache" not in client.get("/healthz")
    assert "X-Cache" not in client.get("/admin/login/")


def test_page_cache_seconds_zero_turns_the_cache_off(client, posting, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = posting.get_absolute_url()
    client.get(url)
    quietly_retitle(posting, "Seen at once")

    response = client.get(url)

    assert "Seen at once" in response.content.decode()
    assert "X-Cache" not in response


def test_responses_carry_an_etag_and_answer_a_matching_conditional_get_with_304(client, posting):
    url = posting.get_absolute_url()
    etag = client.get(url)["ETag"]

    revalidated = client.get(url, headers={"If-None-Match": etag})

    assert revalidated.status_code == 304
    assert revalidated.content == b""


def test_a_stale_etag_gets_the_new_page(client, posting):
    url = posting.get_absolute_url()
    etag = client.get(url)["ETag"]
    change_posting_title(posting)

    response = client.get(url, headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Renamed Intern" in response.content.decode()


def test_the_cache_key_changes_at_midnight(client, posting, monkeypatch):
    url = posting.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"

    monkeypatch.setattr("jobboard.cache.timezone.localdate", lambda: date(2099, 1, 1))

    assert client.get(url)["X-Cache"] == "MISS"


def test_without_redis_the_generation_lives_in_the_database(client, posting, settings):
    """Every gunicorn worker reads it, so a save in one worker empties the others' caches."""
    database = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "page_cache_generation",
    }
    settings.CACHES = {**settings.CACHES, "page_generation": database}
    call_command("createcachetable", verbosity=0)
    url = posting.get_absolute_url()
    client.get(url)
    generation = caches["page_generation"].get("pages:generation")

    change_posting_title(posting)

    assert caches["page_generation"].get("pages:generation") != generation
    assert "Renamed Intern" in client.get(url).content.decode()


def test_a_missing_generation_table_leaves_the_callers_transaction_usable(posting, settings):
    """On PostgreSQL a failed statement aborts its transaction unless a savepoint holds it."""
    missing = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "no_such_cache_table",
    }
    settings.CACHES = {**settings.CACHES, "page_generation": missing}

    with transaction.atomic():
        invalidate_pages()
        assert page_generation() is None
        assert Posting.objects.get(pk=posting.pk).title == "Ranking Intern"
