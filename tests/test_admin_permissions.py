"""A recruiter of one company can reach none of another company's postings through the admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from postings.migrations import __name__ as migrations_package
from postings.models import PayBand, Posting, Requirement, Status
from postings.permissions import RECRUITER_PERMISSIONS, RECRUITERS_GROUP
from tests.factories import (
    CompanyFactory,
    DraftPostingFactory,
    LocationFactory,
    PayBandFactory,
    PublishedPostingFactory,
    RecruiterFactory,
    RequirementFactory,
    SuperuserFactory,
)

CHANGELIST = "admin:postings_posting_changelist"


@pytest.fixture
def two_companies(db):
    """Alice recruits for Acme; Bravo has a draft and a published posting with rows."""
    acme, bravo = CompanyFactory(name="Acme"), CompanyFactory(name="Bravo")
    alice = RecruiterFactory(companies=[acme])
    ours = PublishedPostingFactory(company=acme, title="Acme vision intern")
    theirs = PublishedPostingFactory(company=bravo, title="Bravo secret intern")
    their_draft = DraftPostingFactory(company=bravo, title="Bravo draft intern")
    band = PayBandFactory(posting=theirs)
    requirement = RequirementFactory(posting=theirs, text="Bravo requirement")
    return {
        "alice": alice,
        "acme": acme,
        "bravo": bravo,
        "ours": ours,
        "theirs": theirs,
        "their_draft": their_draft,
        "band": band,
        "requirement": requirement,
    }


def test_recruiters_group_has_exactly_the_listed_permissions(db):
    group = Group.objects.get(name=RECRUITERS_GROUP)
    granted = {
        (app_label, codename)
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }
    assert granted == set(RECRUITER_PERMISSIONS)


def test_migration_keeps_the_same_permission_list_as_the_code():
    import importlib

    migration = importlib.import_module(f"{migrations_package}.0002_recruiters_group")
    assert migration.PERMISSIONS == RECRUITER_PERMISSIONS


def test_changelist_lists_only_the_recruiters_companies_postings(client, two_companies):
    client.force_login(two_companies["alice"])
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "Acme vision intern" in page
    assert "Bravo" not in page  # neither the postings nor the company filter


def test_changelist_search_finds_nothing_of_another_company(client, two_companies):
    client.force_login(two_companies["alice"])
    page = client.get(reverse(CHANGELIST), {"q": "Bravo"}).content.decode()
    assert "Bravo secret intern" not in page
    assert "0 postings" in page or "0 results" in page


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("admin:postings_posting_change", ["theirs"]),
        ("admin:postings_posting_delete", ["theirs"]),
        ("admin:postings_posting_delete", ["their_draft"]),
        ("admin:postings_posting_history", ["theirs"]),
    ],
)
def test_other_companys_posting_urls_are_not_found(client, two_companies, url_name, args):
    client.force_login(two_companies["alice"])
    url = reverse(url_name, args=[two_companies[name].pk for name in args])
    for response in (client.get(url), client.post(url, {"post": "yes", "title": "Hacked"})):
        assert response.status_code == 404
        assert "Bravo secret intern" not in response.content.decode()
    assert Posting.objects.filter(pk=two_companies["their_draft"].pk).exists()
    assert not Posting.objects.filter(title="Hacked").exists()


def test_other_companys_history_version_cannot_be_viewed_or_restored(client, two_companies):
    theirs = two_companies["theirs"]
    original_title = theirs.title
    theirs.title = "Bravo renamed"
    theirs.save()
    first = theirs.history.order_by("history_date").first()
    client.force_login(two_companies["alice"])
    url = reverse("admin:postings_posting_simple_history", args=[theirs.pk, first.history_id])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.title == "Bravo renamed" != original_title


def test_own_history_version_of_another_postings_record_is_not_found(client, two_companies):
    """Pairing one's own posting id with another posting's history id gives nothing."""
    theirs = two_companies["theirs"]
    record = theirs.history.first()
    client.force_login(two_companies["alice"])
    url = reverse(
        "admin:postings_posting_simple_history", args=[two_companies["ours"].pk, record.pk]
    )
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


@pytest.mark.parametrize(
    "action",
    [
        "publish_selected",
        "close_selected",
        "reopen_selected",
        "duplicate_selected",
        "delete_selected_drafts",
        "delete_selected",
    ],
)
def test_actions_ignore_another_companys_ids(client, two_companies, action):
    theirs, their_draft = two_companies["theirs"], two_companies["their_draft"]
    before = Posting.objects.count()
    client.force_login(two_companies["alice"])
    client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [theirs.pk, their_draft.pk], "post": "yes"},
    )
    theirs.refresh_from_db()
    their_draft.refresh_from_db()
    assert theirs.status == Status.PUBLISHED
    assert their_draft.status == Status.DRAFT
    assert Posting.objects.count() == before
    assert theirs.version == 1


def test_select_across_acts_only_on_own_postings(client, two_companies):
    client.force_login(two_companies["alice"])
    client.post(
        reverse(CHANGELIST),
        {"action": "close_selected", "select_across": "1", "_selected_action": ["0"]},
    )
    assert Posting.objects.get(pk=two_companies["ours"].pk).status == Status.CLOSED
    assert Posting.objects.get(pk=two_companies["theirs"].pk).status == Status.PUBLISHED


def test_company_choice_offers_only_the_recruiters_companies(client, two_companies):
    client.force_login(two_companies["alice"])
    page = client.get(reverse("admin:postings_posting_add")).content.decode()
    assert "Acme" in page
    assert "Bravo" not in page


def test_creating_a_posting_for_another_company_is_refused(client, two_companies):
    client.force_login(two_companies["alice"])
    response = client.post(
        reverse("admin:postings_posting_add"),
        {
            "company": two_companies["bravo"].pk,
            "title": "Planted",
            "slug": "planted",
            "season": "summer",
            "year": 2026,
            "work_authorization": "not_stated",
            "pay_bands-TOTAL_FORMS": 0,
            "pay_bands-INITIAL_FORMS": 0,
            "requirements-TOTAL_FORMS": 0,
            "requirements-INITIAL_FORMS": 0,
        },
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Posting.objects.filter(slug="planted").exists()


def test_inline_rows_of_another_posting_cannot_be_edited_through_own_posting(client, two_companies):
    """Posting another posting's pay band id in one's own inline formset changes nothing."""
    ours, band = two_companies["ours"], two_companies["band"]
    requirement = two_companies["requirement"]
    client.force_login(two_companies["alice"])
    url = reverse("admin:postings_posting_change", args=[ours.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "company": ours.company_id,
            "locations": [],
            "research_areas": [],
            "categories": [],
            "loaded_version": ours.version,
            "pay_bands-TOTAL_FORMS": 1,
            "pay_bands-INITIAL_FORMS": 1,
            "pay_bands-0-id": band.pk,
            "pay_bands-0-posting": ours.pk,
            "pay_bands-0-minimum": "1",
            "pay_bands-0-maximum": "2",
            "pay_bands-0-currency": "USD",
            "pay_bands-0-period": "month",
            "pay_bands-0-position": 0,
            "requirements-TOTAL_FORMS": 1,
            "requirements-INITIAL_FORMS": 1,
            "requirements-0-id": requirement.pk,
            "requirements-0-posting": ours.pk,
            "requirements-0-kind": "qualification",
            "requirements-0-text": "Hijacked",
            "requirements-0-position": 0,
            "requirements-0-DELETE": "on",
        }
    )
    client.post(url, data)
    band.refresh_from_db()
    assert band.minimum == 8000
    assert band.posting_id == two_companies["theirs"].pk
    assert Requirement.objects.get(pk=requirement.pk).text == "Bravo requirement"
    assert PayBand.objects.filter(posting=two_companies["theirs"]).count() == 1


def test_location_autocomplete_works_for_recruiters(client, two_companies):
    LocationFactory(city="Zurich", region="", country="CH")
    client.force_login(two_companies["alice"])
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "postings",
            "model_name": "posting",
            "field_name": "locations",
            "term": "Zur",
        },
    )
    assert [result["text"] for result in response.json()["results"]] == ["Zurich, CH"]


def test_posting_autocomplete_offers_only_own_postings(client, two_companies):
    client.force_login(two_companies["alice"])
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "postings", "model_name": "payband", "field_name": "posting", "term": "in"},
    )
    texts = [result["text"] for result in response.json()["results"]]
    assert texts == ["Acme vision intern (Acme)"]


def test_recruiters_cannot_open_companies_users_or_shared_lists_for_editing(client, two_companies):
    client.force_login(two_companies["alice"])
    for name in ["admin:postings_company_changelist", "admin:auth_user_changelist"]:
        assert client.get(reverse(name)).status_code == 403
    research_area_add = client.get(reverse("admin:postings_researcharea_add"))
    assert research_area_add.status_code == 403


def test_recruiter_without_a_company_sees_an_empty_list(client, two_companies):
    loner = RecruiterFactory()
    client.force_login(loner)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "Acme vision intern" not in page
    assert "Bravo secret intern" not in page


def test_superuser_sees_every_company(client, two_companies):
    client.force_login(SuperuserFactory())
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "Acme vision intern" in page
    assert "Bravo secret intern" in page
    change = client.get(reverse("admin:postings_posting_change", args=[two_companies["theirs"].pk]))
    assert "Bravo secret intern" in change.content.decode()


def test_a_recruiter_who_left_the_company_loses_access(client, two_companies):
    alice, acme, ours = two_companies["alice"], two_companies["acme"], two_companies["ours"]
    acme.recruiters.remove(alice)
    client.force_login(alice)
    url = reverse("admin:postings_posting_change", args=[ours.pk])
    assert client.get(url).status_code == 404


def test_view_on_site_redirect_does_not_reveal_another_companys_draft(client, two_companies):
    from django.contrib.contenttypes.models import ContentType

    draft = two_companies["their_draft"]
    content_type = ContentType.objects.get_for_model(Posting)
    url = reverse("admin:view_on_site", args=[content_type.pk, draft.pk])
    client.force_login(two_companies["alice"])
    assert client.get(url).status_code == 404

    client.force_login(SuperuserFactory())
    assert client.get(url)["Location"].endswith(draft.get_absolute_url())
