"""Job boards in the admin: superusers connect them, a company's recruiters see its imports."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from imports.ats import BASE_URLS
from imports.models import BoardKind, JobBoard
from imports.services import board_import
from postings.models import Posting
from tests.factories import CompanyFactory, RecruiterFactory, SuperuserFactory
from tests.pages import text_of
from tests.test_import_postings import GREENHOUSE_PATH, serve

CHANGELIST = reverse("admin:imports_jobboard_changelist")


@pytest.fixture
def boards(db):
    acme, bravo = CompanyFactory(name="Acme AI", slug="acme-ai"), CompanyFactory(name="Bravo")
    return {
        "acme": JobBoard.objects.create(company=acme, kind=BoardKind.GREENHOUSE, token="acmeai"),
        "bravo": JobBoard.objects.create(company=bravo, kind=BoardKind.LEVER, token="bravo"),
        "alice": RecruiterFactory(companies=[acme]),
    }


def test_a_recruiter_sees_their_companys_board_and_its_last_import(
    client, boards, server, fake_reader, settings
):
    settings.IMPORT_RETRIES = 0
    serve(server, GREENHOUSE_PATH, "greenhouse.json", query="content=true")
    board_import(board=boards["acme"], base_url=server.url_for("/"))
    client.force_login(boards["alice"])

    listing = text_of(client.get(CHANGELIST).content.decode())
    assert "Acme AI" in listing and "2 new" in listing
    assert "Bravo" not in listing
    page = client.get(reverse("admin:imports_jobboard_change", args=[boards["acme"].pk]))
    text = text_of(page.content.decode())
    assert "new: Machine Learning Intern, Summer 2026 (draft)" in text
    assert 'name="_save"' not in page.content.decode()


def test_a_recruiter_cannot_change_add_or_open_another_companys_board(client, boards):
    client.force_login(boards["alice"])
    acme, bravo = boards["acme"], boards["bravo"]
    other = reverse("admin:imports_jobboard_change", args=[bravo.pk])
    assert client.get(other).status_code == 404
    assert client.get(reverse("admin:imports_jobboard_add")).status_code == 403
    client.post(
        reverse("admin:imports_jobboard_change", args=[acme.pk]),
        {"company": acme.company_id, "kind": "lever", "token": "hijacked"},
    )
    acme.refresh_from_db()
    assert (acme.kind, acme.token) == ("greenhouse", "acmeai")


def test_recruiters_without_a_company_do_not_see_job_boards(client, boards):
    client.force_login(RecruiterFactory())
    assert client.get(CHANGELIST).status_code == 403


def test_import_now_imports_the_board_and_says_what_changed(
    client, boards, server, fake_reader, monkeypatch
):
    serve(server, GREENHOUSE_PATH, "greenhouse.json", query="content=true")
    monkeypatch.setitem(BASE_URLS, BoardKind.GREENHOUSE, server.url_for("/"))
    client.force_login(boards["alice"])
    response = client.post(
        CHANGELIST,
        {"action": "import_now", "_selected_action": [boards["acme"].pk, boards["bravo"].pk]},
    )
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert said == ["Acme AI: 2 new."]
    assert Posting.objects.filter(company=boards["acme"].company).count() == 2
    assert boards["bravo"].runs.count() == 0


def test_a_superuser_connects_a_board_and_a_bad_token_is_explained(client, db):
    company = CompanyFactory(name="Orbit")
    client.force_login(SuperuserFactory())
    add = reverse("admin:imports_jobboard_add")
    response = client.post(add, {"company": company.pk, "kind": "ashby", "token": "orbit/../x"})
    assert "Letters, digits, dots, dashes and underscores only." in text_of(
        response.content.decode()
    )
    client.post(add, {"company": company.pk, "kind": "ashby", "token": "orbit"})
    assert JobBoard.objects.get(company=company).token == "orbit"
