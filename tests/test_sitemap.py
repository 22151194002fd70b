"""sitemap.xml lists what search engines should index, and robots.txt points to it."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import (
    ClosedPostingFactory,
    CompanyFactory,
    DraftPostingFactory,
    PublishedPostingFactory,
)

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_urls(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.findall("sm:url", NS)
    }


def test_sitemap_lists_the_home_page_pinterest_postings_and_company(client, pinterest):
    urls = sitemap_urls(client)
    assert set(urls) == {
        "http://testserver/",
        "http://testserver/internships/pinterest/2025-fall-machine-learning-intern/",
        "http://testserver/internships/pinterest/phd-machine-learning-internship-2026-usa/",
        "http://testserver/companies/pinterest/",
    }
    # The last change on this board: the day the real postings were loaded.
    assert urls["http://testserver/companies/pinterest/"] == "2025-08-31"


def test_sitemap_leaves_out_drafts_closed_and_expired_postings(client):
    today = timezone.localdate()
    draft = DraftPostingFactory(company=CompanyFactory(slug="drafty"))
    closed = ClosedPostingFactory()
    expired = PublishedPostingFactory(
        posted_on=today - timedelta(days=60), closes_on=today - timedelta(days=1)
    )
    still_open = PublishedPostingFactory(closes_on=today)

    urls = sitemap_urls(client)
    assert f"http://testserver{still_open.get_absolute_url()}" in urls
    for hidden in (draft, closed, expired):
        assert f"http://testserver{hidden.get_absolute_url()}" not in urls
    assert "http://testserver/companies/drafty/" not in urls
    assert f"http://testserver{closed.company.get_absolute_url()}" not in urls


def test_robots_txt_skips_query_strings_and_names_the_sitemap(client, settings):
    settings.ADMIN_URL = "hidden-door/"
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    lines = body.splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /*?" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "hidden-door" not in body


def test_robots_txt_refuses_other_methods(client):
    assert client.post("/robots.txt").status_code == 405
