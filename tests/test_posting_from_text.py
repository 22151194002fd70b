"""The admin's "New posting from text": paste, review beside the evidence, save a draft.

What the reader finds is a `Reading` built in each test (the reader is tested on its own); the
same pages with the real reader are in tests/test_imports_with_reader.py.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.admin import PENDING_SESSION_KEY
from imports.drafts import NOT_A_POSTING
from imports.models import PostingSource
from postings.ingest import PayRange, Place, Reading
from postings.models import Posting, Status
from tests.factories import CompanyFactory, RecruiterFactory, SuperuserFactory
from tests.pages import text_of
from tests.test_admin import form_data

PASTE = reverse("admin:postings_posting_from_text")
TEXT = "Machine Learning Intern\nSummer 2026, 12 weeks, San Francisco\nPay: $50-$60 per hour"


def a_reading() -> Reading:
    reading = Reading(
        title="Machine Learning Intern",
        company="Acme",
        season="summer",
        year=2026,
        duration_weeks=12,
        degree_levels=["phd"],
        locations=[Place("San Francisco", "CA", "US")],
        pay=[PayRange(Decimal("50"), Decimal("60"), "USD", "hour")],
        research_areas=["ranking"],
    )
    reading.requirements["qualification"] = ["Python", "PyTorch"]
    reading.evidence = {
        "title": ["Machine Learning Intern"],
        "season": ["Summer 2026"],
        "year": ["Summer 2026"],
        "duration_weeks": ["12 weeks"],
        "locations": ["San Francisco"],
        "pay": ["$50-$60 per hour"],
        "degree_levels": ["PhD students"],
    }
    reading.notes = {"closes_on": "“apply soon” is not a date"}
    return reading


@pytest.fixture
def reads_as(monkeypatch):
    """`reads_as(reading)`: the reader finds `reading` in any text from now on."""

    def use(reading):
        monkeypatch.setattr("imports.admin.read_posting", lambda text, html=False: reading)
        return reading

    use(a_reading())
    return use


@pytest.fixture
def acme(db):
    return CompanyFactory(name="Acme", slug="acme")


@pytest.fixture
def ana(client, acme):
    user = RecruiterFactory(username="ana@acme.example", companies=[acme])
    client.force_login(user)
    return user


def paste(client, text=TEXT, **data):
    return client.post(PASTE, {"text": text, **data})


def review(client, text=TEXT, **data):
    """Pastes `text` and follows to the review page."""
    response = paste(client, text, **data)
    assert response.status_code == 302, text_of(response.content.decode())[:2000]
    return client.get(response["Location"])


def errors_on(response) -> str:
    return text_of(response.content.decode())


# The paste page.


def test_the_posting_list_offers_new_posting_from_text(client, ana, reads_as):
    page = client.get(reverse("admin:postings_posting_changelist")).content.decode()
    assert f'href="{PASTE}"' in page
    assert "New posting from text" in page


def test_a_recruiter_of_one_company_is_not_asked_which(client, ana, acme, reads_as):
    CompanyFactory(name="Bravo", slug="bravo")
    page = client.get(PASTE).content.decode()
    assert f'type="hidden" name="company" value="{acme.pk}"' in page
    assert "Bravo" not in page


def test_a_recruiter_of_several_companies_chooses_among_theirs_only(client, acme, reads_as):
    other = CompanyFactory(name="Orbit", slug="orbit")
    CompanyFactory(name="Bravo", slug="bravo")
    client.force_login(RecruiterFactory(companies=[acme, other]))
    page = client.get(PASTE).content.decode()
    assert "<select" in page and "Acme" in page and "Orbit" in page
    assert "Bravo" not in page


def test_a_superuser_picks_any_company(client, acme, reads_as):
    bravo = CompanyFactory(name="Bravo", slug="bravo")
    client.force_login(SuperuserFactory())
    assert "Bravo" in client.get(PASTE).content.decode()
    response = review(client, company=bravo.pk)
    assert response.context["adminform"].form.initial["company"] == bravo.pk


def test_a_recruiter_without_a_company_is_told_so(client, db, reads_as):
    client.force_login(RecruiterFactory())
    page = errors_on(client.get(PASTE))
    assert "You do not recruit for any company yet" in page


def test_staff_who_may_not_add_postings_are_refused(client, acme, django_user_model):
    user = django_user_model.objects.create_user("viewer", is_staff=True)
    acme.recruiters.add(user)
    client.force_login(user)
    assert client.get(PASTE).status_code == 403
    assert client.post(PASTE, {"text": TEXT, "company": acme.pk}).status_code == 403


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Paste the posting's text, or choose a file."),
        ("   \n\n\t ", "Paste the posting's text, or choose a file."),
        ("Intern " * 300_000, "This text is longer than 1 MB"),
        ("Intern <script>alert(1)</script>", "This text contains a <script> tag"),
    ],
)
def test_bad_text_gets_a_message_and_nothing_is_saved(client, ana, acme, reads_as, text, message):
    response = paste(client, text, company=acme.pk)
    assert response.status_code == 200
    assert message in errors_on(response)
    assert not Posting.objects.exists()
    assert not client.session.get(PENDING_SESSION_KEY)


def test_text_that_is_no_posting_is_refused(client, ana, acme, reads_as):
    reads_as(Reading(title="Quarterly results"))
    response = paste(client, "Quarterly results\nRevenue grew.", company=acme.pk)
    assert NOT_A_POSTING in errors_on(response)
    assert not client.session.get(PENDING_SESSION_KEY)


def test_text_and_a_file_together_are_refused(client, ana, acme, reads_as):
    response = paste(
        client, TEXT, company=acme.pk, file=SimpleUploadedFile("posting.txt", TEXT.encode())
    )
    assert "Paste the text or choose a file, not both." in errors_on(response)


def test_a_binary_file_gets_a_message(client, ana, acme, reads_as):
    response = client.post(
        PASTE, {"company": acme.pk, "file": SimpleUploadedFile("posting.txt", b"\x00\x01\x02")}
    )
    assert response.status_code == 200
    assert "This file is not text" in errors_on(response)


@pytest.mark.parametrize("second_company", [False, True], ids=["hidden field", "choice"])
def test_another_companys_id_is_refused(client, ana, reads_as, second_company):
    if second_company:
        CompanyFactory(name="Orbit", slug="orbit").recruiters.add(ana)
    bravo = CompanyFactory(name="Bravo", slug="bravo")
    response = paste(client, company=bravo.pk)
    assert response.status_code == 200
    assert "Select a valid choice" in errors_on(response)
    assert not client.session.get(PENDING_SESSION_KEY)


# The review page.


def test_the_review_page_is_the_posting_form_filled_from_the_text(client, ana, acme, reads_as):
    response = review(client, company=acme.pk)
    form = response.context["adminform"].form
    assert form.initial["title"] == "Machine Learning Intern"
    assert form.initial["slug"] == "machine-learning-intern"
    assert form.initial["company"] == acme.pk
    assert (form.initial["season"], form.initial["year"], form.initial["duration_weeks"]) == (
        "summer",
        2026,
        12,
    )
    assert form.initial["for_phd"] is True
    assert len(form.initial["locations"]) == 1 and len(form.initial["research_areas"]) == 1
    pay_forms, requirement_forms = (
        inline.formset.forms for inline in response.context["inline_admin_formsets"]
    )
    assert [f.initial["minimum"] for f in pay_forms] == ["50"]
    assert [f.initial["text"] for f in requirement_forms] == ["Python", "PyTorch"]


def test_each_field_shows_the_text_it_came_from_or_not_stated(client, ana, acme, reads_as):
    response = review(client, company=acme.pk)
    page = errors_on(response)
    # A pay band's row shows its own piece of text, in its "From the text" column.
    assert '<q class="from-text">$50-$60 per hour</q>' in response.content.decode()
    # Quotation marks come from <q>, which browsers and screen readers render.
    assert "From the text: 12 weeks" in page
    assert "From the text: Summer 2026" in page
    assert "Not stated in the text: “apply soon” is not a date" in page
    assert "Read from the text you pasted" in page
    assert "Pay: 1 pay band" in page and "Requirements: 2 lines" in page
    assert page.count("Not stated in the text") >= 10


def test_the_review_says_when_the_text_names_another_company(client, ana, acme, reads_as):
    reading = a_reading()
    reading.company = "Pinterest"
    reads_as(reading)
    page = errors_on(review(client, company=acme.pk))
    assert "The text names the company “Pinterest”" in page


def test_text_from_the_posting_is_escaped_on_the_review_page(client, ana, acme, reads_as):
    reading = a_reading()
    reading.evidence["title"] = ['<script>alert("title")</script>']
    reads_as(reading)
    page = review(client, "Intern &lt;b&gt;", company=acme.pk).content.decode()
    assert '<script>alert("title")' not in page
    assert "&lt;script&gt;alert(&quot;title&quot;)" in page


def test_the_review_page_offers_only_save_draft(client, ana, acme, reads_as):
    page = review(client, company=acme.pk).content.decode()
    assert 'value="Save draft"' in page
    assert 'name="_publish"' not in page


def test_another_users_pasted_text_cannot_be_opened(client, ana, acme, reads_as):
    url = paste(client, company=acme.pk)["Location"]
    client.force_login(RecruiterFactory(companies=[acme]))
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == PASTE


# Saving.


def save(client, response, **changes):
    data = {**form_data(response), **changes}
    return client.post(response.request["PATH_INFO"], data)


def test_saving_creates_a_draft_of_the_recruiters_company_with_its_source(
    client, ana, acme, reads_as
):
    response = review(client, company=acme.pk)
    saved = save(client, response)

    posting = Posting.objects.get()
    assert saved.status_code == 302
    assert saved["Location"] == reverse("admin:postings_posting_change", args=[posting.pk])
    assert (posting.company, posting.status, posting.title) == (
        acme,
        Status.DRAFT,
        TEXT.split("\n")[0],
    )
    assert [str(location) for location in posting.locations.all()] == ["San Francisco, CA"]
    assert [band.as_posted() for band in posting.pay_bands.all()] == ["$50–$60 / hour"]
    assert [row.text for row in posting.requirements.all()] == ["Python", "PyTorch"]
    record = posting.history.order_by("history_date").first()
    assert (record.history_change_reason, record.history_user) == ("Created from pasted text", ana)
    source = PostingSource.objects.get(posting=posting)
    assert (source.origin, source.original_text) == ("text", TEXT)
    assert not client.session.get(PENDING_SESSION_KEY)


def test_the_draft_page_shows_the_text_it_was_read_from(client, ana, acme, reads_as):
    text = TEXT + "\n<b>bold?</b>"
    save(client, review(client, text, company=acme.pk))
    posting = Posting.objects.get()
    page = client.get(reverse("admin:postings_posting_change", args=[posting.pk])).content.decode()
    assert "Where this posting came from" in page
    assert "Created from pasted text" in page
    assert "&lt;b&gt;bold?&lt;/b&gt;" in page


def test_corrections_on_the_review_page_are_what_is_saved(client, ana, acme, reads_as):
    response = review(client, company=acme.pk)
    save(
        client,
        response,
        title="ML Intern, Ranking",
        closes_on="2026-03-01",
        **{"pay_bands-0-maximum": "65", "requirements-1-text": ""},
    )
    posting = Posting.objects.get()
    assert posting.title == "ML Intern, Ranking"
    assert posting.closes_on == date(2026, 3, 1)
    assert posting.pay_bands.get().maximum == 65
    # A pre-filled row emptied by the recruiter is not saved.
    assert [row.text for row in posting.requirements.all()] == ["Python"]


def test_a_field_left_empty_is_reported_and_nothing_saved(client, ana, acme, reads_as):
    reading = a_reading()
    reading.season = ""
    reads_as(reading)
    response = save(client, review(client, company=acme.pk))
    assert response.status_code == 200
    assert "This field is required" in errors_on(response)
    assert not Posting.objects.exists()


def test_saving_from_text_never_publishes(client, ana, acme, reads_as):
    response = review(client, company=acme.pk)
    save(client, response, apply_url="https://acme.example/apply", _publish="Save and publish")
    assert Posting.objects.get().status == Status.DRAFT


def test_a_forged_company_on_the_review_page_is_refused(client, ana, acme, reads_as):
    bravo = CompanyFactory(name="Bravo", slug="bravo")
    response = save(client, review(client, company=acme.pk), company=bravo.pk)
    assert "Select a valid choice" in errors_on(response)
    assert not Posting.objects.exists()


def test_an_uploaded_html_file_is_kept_as_sanitised_html(client, ana, acme, reads_as):
    upload = SimpleUploadedFile(
        "ml-intern.html", b"<h1>Machine Learning Intern</h1><img src=x onerror=alert(1)><p>Hi</p>"
    )
    response = client.post(PASTE, {"company": acme.pk, "file": upload})
    page = client.get(response["Location"])
    assert "Read from ml-intern.html" in errors_on(page)
    save(client, page)
    posting = Posting.objects.get()
    source = posting.source
    assert (source.origin, source.original_is_html) == ("file", True)
    assert "onerror" not in source.original_text and "<img" not in source.original_text
    reason = posting.history.order_by("history_date").first().history_change_reason
    assert reason == "Created from the uploaded file ml-intern.html"


def test_a_reader_failing_on_the_text_gets_a_message_not_an_error_page(
    client, ana, acme, monkeypatch
):
    def fails(text, html=False):
        raise ValueError("unexpected shape")

    monkeypatch.setattr("imports.admin.read_posting", fails)
    response = paste(client, company=acme.pk)
    assert response.status_code == 200
    assert "The text could not be read" in errors_on(response)
    assert not Posting.objects.exists()
