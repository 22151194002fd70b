"""Free-text fields are bounded everywhere, and their Markdown is rendered once, when saved."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from postings import services
from postings.models import TEXT_LIMITS, Company, Posting, Requirement
from tests.factories import (
    CompanyFactory,
    DraftPostingFactory,
    PublishedPostingFactory,
    RecruiterFactory,
    RequirementFactory,
)
from tests.pages import page_of
from tests.test_admin import form_data

pytestmark = pytest.mark.django_db

MODELS = {"company": Company, "posting": Posting, "requirement": Requirement}


def saved_row(model_name):
    if model_name == "company":
        return CompanyFactory()
    if model_name == "posting":
        return PublishedPostingFactory()
    return RequirementFactory()


@pytest.mark.parametrize("key", TEXT_LIMITS)
def test_model_validation_refuses_text_over_the_limit(key):
    model_name, field = key.split(".")
    row = saved_row(model_name)
    setattr(row, field, "x" * (TEXT_LIMITS[key] + 1))

    with pytest.raises(ValidationError) as refused:
        row.full_clean()

    assert field in refused.value.message_dict


@pytest.mark.parametrize("key", TEXT_LIMITS)
def test_the_database_refuses_text_over_the_limit_on_any_path(key):
    model_name, field = key.split(".")
    row = saved_row(model_name)
    rows = MODELS[model_name].objects.filter(pk=row.pk)

    rows.update(**{field: "x" * TEXT_LIMITS[key]})
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(**{field: "x" * (TEXT_LIMITS[key] + 1)})


@pytest.mark.parametrize(
    ("url_name", "field"),
    [
        ("admin:postings_posting_add", "summary"),
        ("admin:postings_posting_add", "note_to_applicants"),
        ("admin:postings_posting_add", "in_office_requirement"),
        ("admin:postings_posting_add", "pay_note"),
        ("admin:postings_company_add", "about"),
        ("admin:postings_company_add", "equal_opportunity_statement"),
    ],
)
def test_the_admin_form_states_the_limit_and_stops_there(admin_client, url_name, field):
    limit = TEXT_LIMITS[f"{url_name.split('_')[1]}.{field}"]
    page = admin_client.get(reverse(url_name)).content.decode()

    assert f'name="{field}"' in page
    assert f'maxlength="{limit}"' in page
    assert f"At most {limit:,} characters." in page


def test_a_requirement_line_in_the_admin_stops_at_its_limit(admin_client):
    posting = DraftPostingFactory()
    page = admin_client.get(reverse("admin:postings_posting_change", args=[posting.pk]))
    assert f'maxlength="{TEXT_LIMITS["requirement.text"]}"' in page.content.decode()


def test_saving_stores_the_sanitised_html_of_every_markdown_field():
    posting = PublishedPostingFactory(
        summary="You will **ship**.<script>alert(1)</script>",
        note_to_applicants="*Apply* early.",
        in_office_requirement="Three days a week.",
    )
    company = CompanyFactory(about="We **rank** pins.", equal_opportunity_statement="Equal.")

    posting.refresh_from_db()
    company.refresh_from_db()
    assert posting.summary_html == "<p>You will <strong>ship</strong>.</p>"
    assert posting.note_to_applicants_html == "<p><em>Apply</em> early.</p>"
    assert posting.in_office_requirement_html == "<p>Three days a week.</p>"
    assert company.about_html == "<p>We <strong>rank</strong> pins.</p>"
    assert company.equal_opportunity_statement_html == "<p>Equal.</p>"


def test_a_save_of_some_fields_renders_the_ones_it_saves():
    posting = PublishedPostingFactory(summary="Old.")
    posting.summary = "**New.**"
    posting.save(update_fields=["summary"])

    posting.refresh_from_db()
    assert posting.summary_html == "<p><strong>New.</strong></p>"


def test_an_edit_through_the_services_renders_the_new_text():
    posting = PublishedPostingFactory(summary="Old.")
    posting.summary = "New *text*."
    services.posting_save(posting=posting)

    posting.refresh_from_db()
    assert posting.summary_html == "<p>New <em>text</em>.</p>"


def test_restoring_an_old_version_renders_its_text():
    posting = PublishedPostingFactory(summary="First *version*.")
    posting.summary = "Second version."
    services.posting_save(posting=posting)
    first = posting.history.order_by("history_date").first()

    services.posting_restore(posting=posting, record=first)

    posting.refresh_from_db()
    assert posting.summary_html == "<p>First <em>version</em>.</p>"


def test_fixture_records_get_their_html_when_loaded():
    call_command("loaddata", "pinterest", verbosity=0)

    postings = list(Posting.objects.all())
    assert postings
    for posting in postings:
        for field, column in Posting.markdown_columns.items():
            assert bool(getattr(posting, column)) == bool(getattr(posting, field)), column
    for company in Company.objects.all():
        assert company.about_html.startswith("<p>")
        assert company.equal_opportunity_statement_html.startswith("<p>")


def test_demo_data_gets_its_html_when_seeded():
    call_command("seed_demo", postings=30, seed=3, verbosity=0)

    for posting in Posting.objects.all():
        assert posting.summary_html.startswith("<p>Join ")
        assert bool(posting.in_office_requirement_html) == bool(posting.in_office_requirement)
    for company in Company.objects.all():
        assert company.about_html.startswith("<p>")


def test_pages_render_no_markdown_when_they_are_asked_for(client):
    posting = PublishedPostingFactory(summary="You will **ship**.", note_to_applicants="*Note*")
    posting.company.about = "We **rank**."
    posting.company.save()

    with mock.patch("postings.text._markdown.render", side_effect=AssertionError("rendered")):
        detail = page_of(client, posting.get_absolute_url())
        company = page_of(client, posting.company.get_absolute_url())

    assert "You will <strong>ship</strong>." in detail
    assert "<em>Note</em>" in detail
    assert "We <strong>rank</strong>." in detail
    assert "We <strong>rank</strong>." in company
    assert "application/ld+json" in detail  # its description read the stored HTML too


def test_a_text_at_the_limit_typed_with_line_breaks_saves_as_the_browser_counted_it(client):
    """Browsers count a line break as one character against maxlength, but send two (CRLF)."""
    posting = DraftPostingFactory()
    recruiter = RecruiterFactory(companies=[posting.company])
    client.force_login(recruiter)
    url = reverse("admin:postings_posting_change", args=[posting.pk])
    limit = TEXT_LIMITS["posting.summary"]
    lines = ["x" * 99] * (limit // 100)  # 100 characters a line, with its line break
    typed = "\r\n".join(lines) + "y"

    response = client.post(url, dict(form_data(client.get(url)), summary=typed))

    assert response.status_code == 302
    posting.refresh_from_db()
    assert len(posting.summary) == limit
    assert "\r" not in posting.summary
