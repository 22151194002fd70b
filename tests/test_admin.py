"""The posting admin as a recruiter uses it: lists, validation, workflow, conflicts, history."""

import re
from datetime import date, timedelta
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.contrib.messages import get_messages
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from postings.models import PayBand, Posting, Requirement, Status
from tests.factories import (
    ClosedPostingFactory,
    CompanyFactory,
    DraftPostingFactory,
    PayBandFactory,
    PublishedPostingFactory,
    RecruiterFactory,
    RequirementFactory,
)
from tests.pages import page_of, text_of


def changelist_url():
    return reverse("admin:postings_posting_changelist")


def change_url(posting):
    return reverse("admin:postings_posting_change", args=[posting.pk])


def form_data(response) -> dict:
    """The POST data the change or add page would submit unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms.extend(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            data[form.add_prefix(name)] = value
    return data


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def company(db):
    return CompanyFactory(name="Acme", slug="acme")


@pytest.fixture
def recruiter(client, company):
    user = RecruiterFactory(companies=[company])
    client.force_login(user)
    return user


# The list.


def test_changelist_shows_the_columns_recruiters_scan(client, recruiter, company):
    posting = PublishedPostingFactory(
        company=company, title="Vision intern", season="fall", year=2026, posted_on=date(2026, 3, 1)
    )
    PayBandFactory(posting=posting, minimum=Decimal(10000), maximum=Decimal(11000))
    page = client.get(changelist_url()).content.decode()
    for text in ["Vision intern", "Acme", "Published", "Fall 2026", "$10,000–$11,000 / month"]:
        assert text in page
    assert "March 1, 2026" in page or "Mar. 1, 2026" in page


def test_changelist_runs_the_same_queries_for_two_or_twenty_postings(
    client, recruiter, company, django_assert_max_num_queries
):
    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(changelist_url())
        assert response.status_code == 200
        return len(queries)

    for _ in range(2):
        PayBandFactory(posting=PublishedPostingFactory(company=company))
    few = count_queries()
    for _ in range(18):
        PayBandFactory(posting=PublishedPostingFactory(company=company))
    assert count_queries() == few


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ({"status__exact": "draft"}, "A draft", "A live one"),
        ({"degree": "masters"}, "A draft", "A live one"),
        ({"arrangement": "remote"}, "A live one", "A draft"),
        ({"season__exact": "fall"}, "A live one", "A draft"),
        ({"q": "live"}, "A live one", "A draft"),
    ],
)
def test_changelist_filters_and_search(client, recruiter, company, query, shown, hidden):
    DraftPostingFactory(company=company, title="A draft", for_masters=True)
    PublishedPostingFactory(company=company, title="A live one", offers_remote=True, season="fall")
    page = client.get(changelist_url(), query).content.decode()
    assert shown in page
    assert hidden not in page


def test_drafts_are_listed_before_posted_postings(client, recruiter, company):
    PublishedPostingFactory(company=company, title="Old posting")
    DraftPostingFactory(company=company, title="Fresh draft")
    page = client.get(changelist_url()).content.decode()
    assert page.index("Fresh draft") < page.index("Old posting")


# The change form.


def test_change_form_carries_the_version_and_shows_status_read_only(client, recruiter, company):
    posting = PublishedPostingFactory(company=company)
    page = client.get(change_url(posting)).content.decode()
    assert 'type="hidden" name="loaded_version" value="1"' in page
    assert 'name="status"' not in page
    assert "Save and close posting" in page
    assert "Save and publish" not in page
    assert "View on site" in page


def test_draft_change_form_offers_a_preview_that_works_for_the_recruiter(
    client, recruiter, company
):
    posting = DraftPostingFactory(company=company, title="Hidden draft")
    page = client.get(change_url(posting)).content.decode()
    assert "Preview draft" in page
    assert "Save and publish" in page
    preview = client.get(posting.get_absolute_url())
    assert preview.status_code == 200
    assert "Hidden draft" in preview.content.decode()
    client.logout()
    assert client.get(posting.get_absolute_url()).status_code == 404


def test_new_posting_starts_as_a_draft_for_the_recruiters_company(client, recruiter, company):
    response = client.get(reverse("admin:postings_posting_add"))
    data = form_data(response)
    assert data["company"] == company.pk
    data.update({"title": "New intern", "slug": "new-intern", "season": "summer", "year": 2026})
    response = client.post(reverse("admin:postings_posting_add"), data)
    posting = Posting.objects.get(slug="new-intern")
    assert response.status_code == 302
    assert posting.status == Status.DRAFT
    assert posting.version == 1
    assert posting.history.first().history_user == recruiter


def test_saving_raises_the_version_and_records_who(client, recruiter, company):
    posting = PublishedPostingFactory(company=company, title="Before")
    data = form_data(client.get(change_url(posting)))
    data["title"] = "After"
    client.post(change_url(posting), data)
    posting.refresh_from_db()
    assert (posting.title, posting.version) == ("After", 2)
    assert posting.history.first().history_user == recruiter


def test_status_cannot_be_set_through_the_form(client, recruiter, company):
    posting = DraftPostingFactory(company=company)
    data = form_data(client.get(change_url(posting)))
    data["status"] = "published"
    client.post(change_url(posting), data)
    posting.refresh_from_db()
    assert posting.status == Status.DRAFT


# Validation, each on the field at fault.


def errors_of(response, field):
    return response.context["adminform"].form.errors.get(field, [])


def test_pay_minimum_above_maximum_is_reported_on_the_row(client, recruiter, company):
    posting = PublishedPostingFactory(company=company)
    band = PayBandFactory(posting=posting)
    data = form_data(client.get(change_url(posting)))
    data.update({"pay_bands-0-minimum": "12000", "pay_bands-0-maximum": "9000"})
    response = client.post(change_url(posting), data)
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[0].errors["minimum"] == ["The minimum is above the maximum."]
    band.refresh_from_db()
    assert band.minimum == Decimal(8000)


def test_closing_date_before_posting_date_is_reported_on_the_closing_date(
    client, recruiter, company
):
    posting = PublishedPostingFactory(company=company)
    data = form_data(client.get(change_url(posting)))
    data.update({"posted_on": "2026-05-10", "closes_on": "2026-05-01"})
    response = client.post(change_url(posting), data)
    assert errors_of(response, "closes_on") == ["The closing date is before the posting date."]


def test_duplicate_slug_for_the_company_is_reported_on_the_slug(client, recruiter, company):
    PublishedPostingFactory(company=company, slug="taken")
    posting = DraftPostingFactory(company=company)
    data = form_data(client.get(change_url(posting)))
    data["slug"] = "taken"
    response = client.post(change_url(posting), data)
    assert errors_of(response, "slug") == ["Acme already has a posting with this slug."]


def test_same_slug_at_another_company_is_fine(client, recruiter, company):
    PublishedPostingFactory(company=CompanyFactory(), slug="shared")
    posting = DraftPostingFactory(company=company)
    data = form_data(client.get(change_url(posting)))
    data["slug"] = "shared"
    assert client.post(change_url(posting), data).status_code == 302


@pytest.mark.parametrize(
    "url", ["ftp://example.com/apply", "javascript:alert(1)", "mailto:jobs@example.com"]
)
def test_non_web_apply_url_is_reported_on_the_apply_url(client, recruiter, company, url):
    posting = DraftPostingFactory(company=company)
    data = form_data(client.get(change_url(posting)))
    data["apply_url"] = url
    response = client.post(change_url(posting), data)
    assert errors_of(response, "apply_url")
    posting.refresh_from_db()
    assert posting.apply_url == "https://example.com/apply"


def test_publishing_without_apply_url_is_reported_on_the_apply_url(client, recruiter, company):
    posting = DraftPostingFactory(company=company, apply_url="")
    data = form_data(client.get(change_url(posting)))
    data["_publish"] = "Save and publish"
    response = client.post(change_url(posting), data)
    assert "needs an apply URL" in errors_of(response, "apply_url")[0]
    posting.refresh_from_db()
    assert posting.status == Status.DRAFT


def test_clearing_the_apply_url_of_a_published_posting_is_refused(client, recruiter, company):
    posting = PublishedPostingFactory(company=company)
    data = form_data(client.get(change_url(posting)))
    data["apply_url"] = ""
    response = client.post(change_url(posting), data)
    assert "needs an apply URL" in errors_of(response, "apply_url")[0]


def test_a_published_posting_that_never_had_an_apply_url_stays_editable(client, recruiter, company):
    """Like the real Pinterest postings: the rule bites when a posting becomes published."""
    posting = PublishedPostingFactory(company=company, apply_url="")
    band = PayBandFactory(posting=posting)
    data = form_data(client.get(change_url(posting)))
    data["pay_bands-0-maximum"] = "9500"
    response = client.post(change_url(posting), data)
    assert response.status_code == 302
    band.refresh_from_db()
    assert band.maximum == Decimal(9500)


def test_bad_inline_values_never_give_a_server_error(client, recruiter, company):
    posting = PublishedPostingFactory(company=company)
    data = form_data(client.get(change_url(posting)))
    data.update(
        {
            "pay_bands-TOTAL_FORMS": "1",
            "pay_bands-0-minimum": "-5",
            "pay_bands-0-maximum": "abc",
            "pay_bands-0-currency": "dollars",
            "pay_bands-0-period": "fortnight",
            "requirements-TOTAL_FORMS": "1",
            "requirements-0-kind": "qualification",
            "requirements-0-text": "   ",
            "year": "1800",
        }
    )
    response = client.post(change_url(posting), data)
    assert response.status_code == 200
    band_form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert set(band_form.errors) >= {"minimum", "maximum", "currency", "period"}
    assert "between 2000 and 2100" in errors_of(response, "year")[0]
    assert not PayBand.objects.filter(posting=posting).exists()
    assert not Requirement.objects.filter(posting=posting).exists()


# Conflicting edits.


def test_second_save_from_a_stale_form_is_refused_and_keeps_the_input(client, recruiter, company):
    posting = PublishedPostingFactory(company=company, title="Original")
    first = form_data(client.get(change_url(posting)))
    second = dict(first)

    first["title"] = "First recruiter's title"
    assert client.post(change_url(posting), first).status_code == 302

    second["title"] = "Second recruiter's title"
    response = client.post(change_url(posting), second)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this posting" in page
    assert "reload the page" in page
    assert 'value="Second recruiter&#x27;s title"' in page
    posting.refresh_from_db()
    assert (posting.title, posting.version) == ("First recruiter's title", 2)


def test_a_stale_form_stays_refused_until_reloaded(client, recruiter, company):
    posting = PublishedPostingFactory(company=company)
    stale = form_data(client.get(change_url(posting)))
    client.post(change_url(posting), dict(stale, title="Someone else"))
    client.post(change_url(posting), dict(stale, title="Mine"))
    response = client.post(change_url(posting), dict(stale, title="Mine again"))
    assert "Someone else saved this posting" in response.content.decode()
    fresh = form_data(client.get(change_url(posting)))
    assert client.post(change_url(posting), dict(fresh, title="Mine")).status_code == 302
    posting.refresh_from_db()
    assert (posting.title, posting.version) == ("Mine", 3)


def test_a_save_that_keeps_losing_the_race_is_refused_without_an_error_page(
    client, recruiter, company, monkeypatch
):
    """Someone saves between validation and the UPDATE, on every try: nothing is overwritten."""
    from postings import forms

    posting = PublishedPostingFactory(company=company, title="Original")
    data = form_data(client.get(change_url(posting)))
    real_check = forms.PostingAdminForm._check_version

    def check_then_someone_saves(form, cleaned):
        real_check(form, cleaned)
        Posting.objects.filter(pk=posting.pk).update(version=F("version") + 1, title="Sneaky")

    monkeypatch.setattr(forms.PostingAdminForm, "_check_version", check_then_someone_saves)
    response = client.post(change_url(posting), dict(data, title="Mine"))
    assert response["Location"] == change_url(posting)
    assert "Someone else saved this posting; reload and retry." in messages_of(response)
    assert Posting.objects.get(pk=posting.pk).title != "Mine"


@pytest.mark.django_db(transaction=True)
def test_a_race_lost_after_validation_shows_the_conflict_and_keeps_the_input(client):
    """A real second connection commits between validation and the UPDATE (PostgreSQL)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs a second database connection, which only PostgreSQL tests have")
    import psycopg2

    from postings import forms

    company = CompanyFactory(name="Acme", slug="acme")
    client.force_login(RecruiterFactory(companies=[company]))
    posting = PublishedPostingFactory(company=company, title="Original")
    data = form_data(client.get(change_url(posting)))
    real_check = forms.PostingAdminForm._check_version
    settings = connection.settings_dict

    def check_then_someone_saves(form, cleaned):
        real_check(form, cleaned)
        other = psycopg2.connect(
            dbname=settings["NAME"],
            user=settings["USER"],
            host=settings["HOST"],
            port=settings["PORT"] or 5432,
            password=settings["PASSWORD"],
        )
        with other, other.cursor() as cursor:
            cursor.execute(
                "UPDATE postings_posting SET version = version + 1, title = 'Other' "
                "WHERE id = %s AND version = 1",
                [posting.pk],
            )
        other.close()

    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(forms.PostingAdminForm, "_check_version", check_then_someone_saves)
    try:
        response = client.post(change_url(posting), dict(data, title="Mine"))
    finally:
        monkeypatch.undo()
    assert response.status_code == 200
    assert "Someone else saved this posting" in response.content.decode()
    assert 'value="Mine"' in response.content.decode()
    posting.refresh_from_db()
    assert (posting.title, posting.version) == ("Other", 2)


# The workflow, from the change form and from actions.


def test_save_and_publish_publishes_a_draft_and_records_the_day(client, recruiter, company):
    posting = DraftPostingFactory(company=company)
    data = form_data(client.get(change_url(posting)))
    data["_publish"] = "Save and publish"
    response = client.post(change_url(posting), data)
    posting.refresh_from_db()
    assert posting.status == Status.PUBLISHED
    assert posting.first_published_on == timezone.localdate()
    assert posting.posted_on is None
    assert response["Location"] == change_url(posting)
    assert any("saved and published" in message for message in messages_of(response))


def test_save_and_close_then_reopen(client, recruiter, company):
    posting = PublishedPostingFactory(company=company)
    data = form_data(client.get(change_url(posting)))
    client.post(change_url(posting), dict(data, _close="Save and close posting"))
    posting.refresh_from_db()
    assert posting.status == Status.CLOSED
    page = client.get(change_url(posting)).content.decode()
    assert "Save and reopen" in page
    data = form_data(client.get(change_url(posting)))
    client.post(change_url(posting), dict(data, _reopen="Save and reopen"))
    posting.refresh_from_db()
    assert posting.status == Status.PUBLISHED


def test_publish_action_publishes_drafts_and_explains_the_rest(client, recruiter, company):
    ready = DraftPostingFactory(company=company, title="Ready")
    no_url = DraftPostingFactory(company=company, title="No link", apply_url="")
    live = PublishedPostingFactory(company=company, title="Live")
    response = client.post(
        changelist_url(),
        {"action": "publish_selected", "_selected_action": [ready.pk, no_url.pk, live.pk]},
    )
    statuses = dict(Posting.objects.values_list("title", "status"))
    assert statuses == {"Ready": "published", "No link": "draft", "Live": "published"}
    shown = " ".join(messages_of(response))
    assert "1 posting published." in shown
    assert "2 not published" in shown
    assert "“No link”: A published posting needs an apply URL" in shown


def test_close_action_closes_many_at_once(client, recruiter, company):
    postings = PublishedPostingFactory.create_batch(3, company=company)
    response = client.post(
        changelist_url(),
        {"action": "close_selected", "_selected_action": [p.pk for p in postings]},
    )
    assert set(Posting.objects.values_list("status", flat=True)) == {Status.CLOSED}
    assert "3 postings closed." in messages_of(response)


def test_duplicate_action_makes_drafts_with_rows_and_new_slugs(client, recruiter, company):
    posting = PublishedPostingFactory(company=company, slug="vision")
    PayBandFactory(posting=posting)
    RequirementFactory(posting=posting, text="Python")
    response = client.post(
        changelist_url(), {"action": "duplicate_selected", "_selected_action": [posting.pk]}
    )
    copy = Posting.objects.get(slug="vision-copy")
    assert copy.status == Status.DRAFT
    assert copy.posted_on is None
    assert [b.as_posted() for b in copy.pay_bands.all()] == ["$8,000–$9,000 / month"]
    assert [r.text for r in copy.requirements.all()] == ["Python"]
    assert "1 posting duplicated as drafts." in messages_of(response)


def test_delete_action_deletes_drafts_only(client, recruiter, company):
    draft = DraftPostingFactory(company=company, title="Scrap me")
    live = PublishedPostingFactory(company=company, title="Keep me")
    response = client.post(
        changelist_url(),
        {"action": "delete_selected_drafts", "_selected_action": [draft.pk, live.pk]},
    )
    assert list(Posting.objects.values_list("title", flat=True)) == ["Keep me"]
    assert "1 not deleted" in " ".join(messages_of(response))
    assert Posting.history.filter(id=draft.pk, history_type="-").exists()


def test_django_bulk_delete_is_not_offered(client, recruiter, company):
    PublishedPostingFactory(company=company)
    page = client.get(changelist_url()).content.decode()
    assert 'value="delete_selected"' not in page
    assert 'value="delete_selected_drafts"' in page


def test_published_posting_cannot_be_deleted_but_a_draft_can(client, recruiter, company):
    live = PublishedPostingFactory(company=company)
    draft = DraftPostingFactory(company=company)
    live_delete = reverse("admin:postings_posting_delete", args=[live.pk])
    assert client.post(live_delete, {"post": "yes"}).status_code == 403
    assert "deletelink" not in client.get(change_url(live)).content.decode()
    draft_delete = reverse("admin:postings_posting_delete", args=[draft.pk])
    client.post(draft_delete, {"post": "yes"})
    assert list(Posting.objects.all()) == [live]
    deletion = Posting.history.get(id=draft.pk, history_type="-")
    assert deletion.history_user == recruiter


# History and restore.


def test_history_page_shows_pay_band_and_requirement_changes(client, recruiter, company):
    posting = PublishedPostingFactory(company=company)
    PayBandFactory(posting=posting)
    data = form_data(client.get(change_url(posting)))
    data["pay_bands-0-maximum"] = "9900"
    client.post(change_url(posting), data)
    page = client.get(reverse("admin:postings_posting_history", args=[posting.pk]))
    text = page.content.decode()
    assert "Pay bands and requirements" in text
    assert "maximum: 9000.00 → 9900.00" in text
    assert recruiter.username in text


def test_history_of_a_deleted_draft_stays_readable(client, recruiter, company):
    draft = DraftPostingFactory(company=company, title="Gone draft")
    client.post(reverse("admin:postings_posting_delete", args=[draft.pk]), {"post": "yes"})
    page = client.get(reverse("admin:postings_posting_history", args=[draft.pk]))
    assert page.status_code == 200
    assert "Gone draft" in page.content.decode()


def test_restoring_an_earlier_version_brings_back_text_and_pay(client, recruiter, company):
    posting = PublishedPostingFactory(company=company, title="Good title")
    PayBandFactory(posting=posting)
    data = form_data(client.get(change_url(posting)))
    client.post(change_url(posting), data)  # version 2: the state to come back to
    good = posting.history.filter(version=2).order_by("history_date").first()

    data = form_data(client.get(change_url(posting)))
    data.update(
        {"title": "Bad title", "pay_bands-0-minimum": "5000", "pay_bands-0-maximum": "6000"}
    )
    client.post(change_url(posting), data)
    posting.refresh_from_db()
    assert posting.title == "Bad title"

    url = reverse("admin:postings_posting_simple_history", args=[posting.pk, good.history_id])
    preview = client.get(url).content.decode()
    assert "Bad title" in preview and "Good title" in preview
    assert "$8,000–$9,000 / month" in preview
    response = client.post(url)
    assert response["Location"] == change_url(posting)
    posting.refresh_from_db()
    assert posting.title == "Good title"
    assert posting.status == Status.PUBLISHED
    assert [b.as_posted() for b in posting.pay_bands.all()] == ["$8,000–$9,000 / month"]
    assert posting.version == 4
    assert posting.history.first().history_user == recruiter


@pytest.mark.parametrize("bad_id", ["1.0", "0x1", "1%2F", "1%2F2", "-1", "1e3", "abc"])
# Not "page": pytest-playwright would take that name for its browser page.
@pytest.mark.parametrize("view", ["history/", "change/", "delete/", "history/{version}/"])
def test_a_malformed_posting_id_in_an_admin_url_is_not_found(
    client, recruiter, company, bad_id, view
):
    posting = PublishedPostingFactory(company=company, pk=1)
    version = posting.history.get().history_id
    url = f"/admin/postings/posting/{bad_id}/{view.format(version=version)}"

    # Django's admin sends some URLs it cannot place on to the change page, which 404s.
    assert client.get(url, follow=True).status_code == 404
    assert client.post(url, follow=True).status_code == 404


@pytest.mark.parametrize("bad_version", ["1.0", "0x1", "1%2F", "99999999999999999999"])
def test_a_malformed_version_in_a_restore_url_is_not_found(client, recruiter, company, bad_version):
    posting = PublishedPostingFactory(company=company)
    url = f"/admin/postings/posting/{posting.pk}/history/{bad_version}/"

    assert client.get(url, follow=True).status_code == 404
    assert client.post(url, follow=True).status_code == 404
    posting.refresh_from_db()
    assert posting.version == 1


def test_restore_keeps_the_current_status(client, recruiter, company):
    posting = DraftPostingFactory(company=company)
    client.post(change_url(posting), form_data(client.get(change_url(posting))))
    as_draft = posting.history.order_by("-history_date").first()
    client.post(
        change_url(posting),
        dict(form_data(client.get(change_url(posting))), _publish="Save and publish"),
    )
    client.post(reverse("admin:postings_posting_simple_history", args=[posting.pk, as_draft.pk]))
    posting.refresh_from_db()
    assert posting.status == Status.PUBLISHED


# Recruiter text on the public page.

XSS_PAYLOADS = {
    "summary": '<script>alert("summary")</script>Safe summary words',
    "note_to_applicants": '<img src="x" onerror="alert(1)">Safe note words',
    "pay_note": "[Click for pay](javascript:alert(document.cookie)) Safe pay words",
    "in_office_requirement": '<a href="javascript:alert(2)" onclick="alert(3)">Office words</a>',
}


def test_script_handlers_and_javascript_links_never_reach_the_public_page(
    client, recruiter, company
):
    posting = PublishedPostingFactory(company=company, slug="xss")
    data = form_data(client.get(change_url(posting)))
    data.update(XSS_PAYLOADS)
    data.update(
        {
            "requirements-TOTAL_FORMS": "1",
            "requirements-0-kind": "qualification",
            "requirements-0-text": (
                "<svg onload=alert(4)>Knows Python</svg> [x](javascript:alert(5))"
            ),
            "requirements-0-position": "0",
        }
    )
    assert client.post(change_url(posting), data).status_code == 302
    client.logout()
    page = client.get(posting.get_absolute_url()).content.decode()
    markup = LiveMarkup()
    markup.feed(page)
    assert markup.handlers == []
    assert markup.javascript_links == []
    assert ("img", "x") not in markup.sources
    assert markup.scripts_with_markup == []
    for harmless in ["Safe summary words", "Safe note words", "Safe pay words", "Knows Python"]:
        assert harmless in markup.text


class LiveMarkup(HTMLParser):
    """What a browser would act on: sources, event handlers, javascript: links, scripts."""

    def __init__(self):
        super().__init__()
        self.sources, self.handlers, self.javascript_links = [], [], []
        self.scripts_with_markup, self.text, self._in_script = [], "", False

    def handle_starttag(self, tag, attrs):
        self.sources += [(tag, value) for name, value in attrs if name == "src"]
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name, value))
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.javascript_links.append((tag, value))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            # Only JSON-LD is expected here; recruiter text inside must not open tags.
            if "<" in data:
                self.scripts_with_markup.append(data)
        else:
            self.text += data


def test_closing_date_in_the_past_blocks_reopening(client, recruiter, company):
    posting = ClosedPostingFactory(company=company, closes_on=date.today() - timedelta(days=2))
    data = form_data(client.get(change_url(posting)))
    response = client.post(change_url(posting), dict(data, _reopen="Save and reopen"))
    posting.refresh_from_db()
    assert posting.status == Status.CLOSED
    assert any("closing date has passed" in message for message in messages_of(response))


def test_browser_line_endings_do_not_count_as_changes(client, recruiter, company):
    posting = PublishedPostingFactory(company=company, summary="First line.\nSecond line.")
    RequirementFactory(posting=posting, text="One\nTwo")
    data = form_data(client.get(change_url(posting)))
    data["summary"] = "First line.\r\nSecond line."
    data["requirements-0-text"] = "One\r\nTwo"
    client.post(change_url(posting), data)
    posting.refresh_from_db()
    assert posting.summary == "First line.\nSecond line."
    assert posting.requirements.get().text == "One\nTwo"
    latest = posting.history.order_by("history_date").last()
    assert latest.diff_against(latest.prev_record).changes == []


# What students see, from the admin.


def test_a_closing_date_set_in_the_past_closes_the_posting_at_once(client, recruiter, company):
    today = timezone.localdate()
    posting = PublishedPostingFactory(company=company, title="Acme intern")
    assert "Acme intern" in text_of(page_of(client, "/"))

    data = form_data(client.get(change_url(posting)))
    data["closes_on"] = (today - timedelta(days=1)).isoformat()
    data["posted_on"] = (today - timedelta(days=40)).isoformat()
    assert client.post(change_url(posting), data).status_code == 302

    client.logout()
    assert "Acme intern" not in text_of(page_of(client, "/"))
    page = text_of(page_of(client, posting.get_absolute_url()))
    assert f"Applications closed on {(today - timedelta(days=1)):%-d %B %Y}" in page
    assert Posting.objects.get(pk=posting.pk).status == Status.PUBLISHED


def test_the_list_says_what_students_see(client, recruiter, company):
    today = timezone.localdate()
    in_nine_days = today + timedelta(days=9)
    PublishedPostingFactory(title="Open dated", closes_on=in_nine_days, company=company)
    PublishedPostingFactory(title="Open undated", year=today.year + 1, company=company)
    PublishedPostingFactory(title="Started", year=today.year - 1, company=company)
    PublishedPostingFactory(
        title="Expired",
        posted_on=today - timedelta(days=40),
        closes_on=today - timedelta(days=1),
        company=company,
    )
    ClosedPostingFactory(title="Withdrawn", company=company)
    DraftPostingFactory(title="Unfinished", company=company)

    html = client.get(changelist_url()).content.decode()
    rows = {
        title: text_of(row)
        for row in re.findall(r"<tr>.*?</tr>", html, re.S)
        for title in re.findall(r'<th class="field-title"><a [^>]*>([^<]+)</a>', row)
    }

    assert "Students see" in text_of(html)
    starts = date(today.year + 1, 5, 1)
    assert f"Open until {in_nine_days:%-d %b %Y}" in rows["Open dated"]
    assert f"Open until it starts, {starts:%-d %b %Y}" in rows["Open undated"]
    assert "Closed: internship started" in rows["Started"]
    assert "Closed: closing date passed" in rows["Expired"]
    assert "Closed by the company" in rows["Withdrawn"]
    assert "Not shown (draft)" in rows["Unfinished"]
