"""Saved internships: the save control, /me/, status and note, the private link, the CSV export,
and privacy with the page cache on."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from students.models import NOTE_LIMIT, SavedInternship, SavedList
from tests.factories import ClosedPostingFactory, PayBandFactory, PublishedPostingFactory
from tests.pages import page_of, text_of

pytestmark = pytest.mark.django_db


def save(client, posting):
    """Saves `posting` as a visitor without JavaScript: the link, then the confirmation form."""
    confirm = client.get(reverse("students:save", args=[posting.pk]))
    assert confirm.status_code == 200
    return client.post(reverse("students:save", args=[posting.pk]))


def my_list_text(client):
    """The words of the saved internships on /me/ (not the messages above them)."""
    html = page_of(client, reverse("students:my-list"))
    start = html.find('<ol class="saved-list">')
    return text_of(html[start : html.index("</ol>", start)]) if start >= 0 else ""


def entry_of(posting):
    return SavedInternship.objects.get(posting=posting)


def test_list_and_posting_pages_of_a_visitor_with_nothing_saved_stay_cacheable(client):
    posting = PublishedPostingFactory()
    for url in (reverse("postings:list"), posting.get_absolute_url()):
        first = client.get(url)
        assert reverse("students:save", args=[posting.pk]) in first.content.decode()
        assert not first.cookies, "no CSRF or session cookie on an anonymous page"
        assert "csrfmiddlewaretoken" not in first.content.decode()
        assert first["X-Cache"] == "MISS"
        assert client.get(url)["X-Cache"] == "HIT"


def test_saving_without_javascript_goes_through_a_small_form_and_back(client):
    posting = PublishedPostingFactory(title="Ranking Intern")
    confirm = client.get(
        reverse("students:save", args=[posting.pk]) + f"?next={posting.get_absolute_url()}"
    )
    assert "csrfmiddlewaretoken" in confirm.content.decode()
    saved = client.post(
        reverse("students:save", args=[posting.pk]), {"next": posting.get_absolute_url()}
    )
    assert saved.status_code == 302 and saved["Location"] == posting.get_absolute_url()
    assert "Saved · My internships" in text_of(page_of(client, posting.get_absolute_url()))
    assert "Ranking Intern" in my_list_text(client)


def test_saving_with_javascript_answers_json(client):
    posting = PublishedPostingFactory()
    response = client.post(
        reverse("students:save", args=[posting.pk]), HTTP_ACCEPT="application/json"
    )
    assert response.json() == {"saved": True, "list_url": reverse("students:my-list")}
    assert SavedInternship.objects.filter(posting=posting).count() == 1


def test_saving_twice_keeps_one_entry(client):
    posting = PublishedPostingFactory()
    save(client, posting)
    save(client, posting)
    assert SavedInternship.objects.filter(posting=posting).count() == 1


def test_two_tabs_saving_at_once_keep_both(client):
    first, second = PublishedPostingFactory(), PublishedPostingFactory()
    # Both tabs opened their confirmation form before either saved.
    client.get(reverse("students:save", args=[first.pk]))
    client.get(reverse("students:save", args=[second.pk]))
    client.post(reverse("students:save", args=[first.pk]))
    client.post(reverse("students:save", args=[second.pk]))
    assert SavedList.objects.count() == 1
    assert SavedList.objects.get().entries.count() == 2


def test_my_list_shows_company_pay_closing_date_and_soonest_first(client):
    today = timezone.localdate()
    later = PublishedPostingFactory(title="Later", closes_on=today + timedelta(days=40))
    sooner = PublishedPostingFactory(title="Sooner", closes_on=today + timedelta(days=5))
    PayBandFactory(posting=sooner)
    save(client, later)
    save(client, sooner)
    text = my_list_text(client)
    assert text.index("Sooner") < text.index("Later")
    assert sooner.company.name in text
    assert "$8,000–$9,000 a month" in text or "8,000" in text


def test_a_closed_or_removed_posting_stays_on_the_list_marked(client):
    closed = ClosedPostingFactory(title="Closed one")
    removed = PublishedPostingFactory(title="Removed one")
    save(client, closed)
    save(client, removed)
    removed.delete()
    text = my_list_text(client)
    assert "Closed one" in text and "Closed" in text
    assert "Removed one" in text and "Removed from the board" in text


def test_status_change_is_dated_and_the_note_kept(client):
    posting = PublishedPostingFactory()
    save(client, posting)
    entry = entry_of(posting)
    response = client.post(
        reverse("students:update-entry", args=[entry.pk]),
        {"status": "applied", "note": "Referred by Ana"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.status_set_on, entry.note) == (
        "applied",
        timezone.localdate(),
        "Referred by Ana",
    )
    assert "Referred by Ana" in page_of(client, reverse("students:my-list"))


def test_a_note_over_the_limit_is_refused_with_a_reason_and_nothing_changes(client):
    posting = PublishedPostingFactory()
    save(client, posting)
    entry = entry_of(posting)
    response = client.post(
        reverse("students:update-entry", args=[entry.pk]),
        {"status": "applied", "note": "x" * 10_000},
    )
    assert response.status_code == 400
    assert f"at most {NOTE_LIMIT} characters" in text_of(response.content.decode())
    entry.refresh_from_db()
    assert (entry.status, entry.note) == ("saved", "")


def test_an_unknown_status_is_refused(client):
    posting = PublishedPostingFactory()
    save(client, posting)
    entry = entry_of(posting)
    response = client.post(
        reverse("students:update-entry", args=[entry.pk]), {"status": "hired!", "note": ""}
    )
    assert response.status_code == 400
    entry.refresh_from_db()
    assert entry.status == "saved"


def test_a_forged_posting_id_is_not_found(client):
    draft_or_missing = [999_999, 2**63]
    for posting_id in draft_or_missing:
        assert client.get(f"/me/save/{posting_id}/").status_code == 404
        assert client.post(f"/me/save/{posting_id}/").status_code == 404
    assert not SavedInternship.objects.exists()


def test_another_visitors_entry_cannot_be_changed_or_removed(client):
    posting = PublishedPostingFactory()
    owner = Client()
    save(owner, posting)
    entry = entry_of(posting)
    save(client, PublishedPostingFactory())
    changed = client.post(
        reverse("students:update-entry", args=[entry.pk]), {"status": "rejected", "note": "ha"}
    )
    removed = client.post(reverse("students:remove-entry", args=[entry.pk]))
    assert (changed.status_code, removed.status_code) == (404, 404)
    entry.refresh_from_db()
    assert (entry.status, entry.note) == ("saved", "")


def test_a_post_without_csrf_token_is_refused(client):
    posting = PublishedPostingFactory()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("students:save", args=[posting.pk]))
    assert response.status_code == 403
    assert not SavedInternship.objects.exists()


def test_removing_an_entry(client):
    posting = PublishedPostingFactory(title="Gone soon")
    save(client, posting)
    client.post(reverse("students:remove-entry", args=[entry_of(posting).pk]))
    assert "Gone soon" not in my_list_text(client)


def test_the_private_link_opens_the_list_on_another_device(client):
    posting = PublishedPostingFactory(title="Shared Intern")
    save(client, posting)
    link = SavedList.objects.get().get_absolute_url()
    assert link in page_of(client, reverse("students:my-list"))
    phone = Client()
    assert phone.get(link).status_code == 200
    phone.post(link)
    assert "Shared Intern" in my_list_text(phone)


def test_opening_the_private_link_keeps_what_the_device_had_saved(client):
    save(client, PublishedPostingFactory(title="From laptop"))
    link = SavedList.objects.get().get_absolute_url()
    phone = Client()
    save(phone, PublishedPostingFactory(title="From phone"))
    phone.post(link)
    text = my_list_text(phone)
    assert "From laptop" in text and "From phone" in text
    assert SavedList.objects.count() == 1


def test_a_new_link_replaces_the_old_one(client):
    save(client, PublishedPostingFactory(title="Kept"))
    old_link = SavedList.objects.get().get_absolute_url()
    client.post(reverse("students:new-link"))
    new_link = SavedList.objects.get().get_absolute_url()
    assert new_link != old_link
    assert Client().get(old_link).status_code == 404
    assert "Kept" in my_list_text(client)  # this device follows the new key


def test_an_unknown_key_is_a_clear_not_found(client):
    response = client.get(reverse("students:open-list", args=["not-a-real-key"]))
    assert response.status_code == 404
    assert "This private link does not work" in response.content.decode()


def test_csv_export_has_a_row_per_saved_internship(client):
    posting = PublishedPostingFactory(title="=HYPERLINK(evil)")
    save(client, posting)
    response = client.get(reverse("students:export-csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Title", "Company", "Verdict"]
    assert rows[1][0] == "'=HYPERLINK(evil)"  # no formula in a spreadsheet
    assert rows[1][5] == "Saved"


def test_an_unused_list_older_than_a_year_is_deleted_and_the_page_says_so(client):
    save(client, PublishedPostingFactory())
    assert "may be deleted" in text_of(page_of(client, reverse("students:my-list")))
    SavedList.objects.update(last_used_at=timezone.now() - timedelta(days=366))
    kept = SavedList.objects.create(key="recent")
    call_command("delete_unused_lists", stdout=io.StringIO())
    assert list(SavedList.objects.all()) == [kept]


def test_two_visitors_never_see_each_others_list_verdicts_or_note_with_the_page_cache_on():
    posting = PublishedPostingFactory(for_phd=True, for_masters=False)
    ana, ben, anonymous = Client(), Client(), Client()
    ana.post(
        reverse("students:about-me"),
        {"degree": "masters", "country": "DE", "needs_sponsorship": "no"},
    )
    save(ana, posting)
    ana.post(
        reverse("students:update-entry", args=[entry_of(posting).pk]),
        {"status": "applied", "note": "Secret note of Ana"},
    )
    ben.post(
        reverse("students:about-me"), {"degree": "phd", "country": "DE", "needs_sponsorship": "no"}
    )
    urls = [posting.get_absolute_url(), reverse("postings:list")]
    for _ in range(2):  # the second round would be served from the cache if anything were stored
        for url in urls:
            ana_page = ana.get(url)
            ben_page = ben.get(url)
            anonymous_page = anonymous.get(url)
            assert "Not for you" in text_of(ana_page.content.decode())
            assert "You can apply" in text_of(ben_page.content.decode())
            assert "Saved · My internships" in text_of(ana_page.content.decode())
            for page in (ben_page, anonymous_page):
                text = text_of(page.content.decode())
                assert "Not for you" not in text and "Saved · My internships" not in text
            assert "You can apply" not in text_of(anonymous_page.content.decode())
            for page in (ana_page, ben_page):
                assert page.get("X-Cache") != "HIT"
                assert "private" in page["Cache-Control"]
    assert "Secret note of Ana" not in page_of(ben, reverse("students:my-list"))
    assert "Secret note of Ana" not in page_of(anonymous, reverse("students:my-list"))
    assert "Secret note of Ana" in page_of(ana, reverse("students:my-list"))
