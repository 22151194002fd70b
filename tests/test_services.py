"""The workflow and multi-step writes in postings.services."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from postings import services
from postings.models import Posting, Status
from tests.factories import (
    ClosedPostingFactory,
    DraftPostingFactory,
    LocationFactory,
    PayBandFactory,
    PublishedPostingFactory,
    RecruiterFactory,
    RequirementFactory,
)

TODAY = date(2026, 6, 15)


def test_publish_moves_a_draft_to_published_recording_the_day_it_came_onto_the_board(db):
    posting = DraftPostingFactory()
    services.posting_publish(posting=posting, today=TODAY)
    posting.refresh_from_db()
    assert (posting.status, posting.first_published_on, posting.version) == (
        Status.PUBLISHED,
        TODAY,
        2,
    )
    # The posting date stays the original's (none given here); the board's date stands in.
    assert posting.posted_on is None
    assert posting.date_posted == TODAY


def test_publish_keeps_a_posting_date_already_set(db):
    posting = DraftPostingFactory(posted_on=date(2026, 1, 2))
    services.posting_publish(posting=posting, today=TODAY)
    assert Posting.objects.get(pk=posting.pk).posted_on == date(2026, 1, 2)


def test_publish_needs_an_apply_url(db):
    posting = DraftPostingFactory(apply_url="")
    with pytest.raises(ValidationError) as error:
        services.posting_publish(posting=posting)
    assert "apply_url" in error.value.message_dict
    assert Posting.objects.get(pk=posting.pk).status == Status.DRAFT


@pytest.mark.parametrize(
    "factory, service",
    [
        (PublishedPostingFactory, services.posting_publish),
        (ClosedPostingFactory, services.posting_publish),
        (DraftPostingFactory, services.posting_close),
        (ClosedPostingFactory, services.posting_close),
        (DraftPostingFactory, services.posting_reopen),
        (PublishedPostingFactory, services.posting_reopen),
    ],
)
def test_status_moves_only_along_the_workflow(db, factory, service):
    posting = factory()
    before = posting.status
    with pytest.raises(ValidationError):
        service(posting=posting)
    assert Posting.objects.get(pk=posting.pk).status == before


def test_close_then_reopen(db):
    posting = PublishedPostingFactory()
    services.posting_close(posting=posting)
    assert Posting.objects.get(pk=posting.pk).status == Status.CLOSED
    services.posting_reopen(posting=posting, today=TODAY)
    assert Posting.objects.get(pk=posting.pk).status == Status.PUBLISHED


def test_reopen_refuses_a_passed_closing_date(db):
    posting = ClosedPostingFactory(posted_on=date(2026, 1, 1), closes_on=date(2026, 6, 1))
    with pytest.raises(ValidationError) as error:
        services.posting_reopen(posting=posting, today=TODAY)
    assert "closes_on" in error.value.message_dict


def test_save_refuses_a_stale_version(db):
    posting = PublishedPostingFactory(title="Theirs")
    Posting.objects.filter(pk=posting.pk).update(version=2)
    posting.title = "Mine"
    with pytest.raises(services.PostingConflict):
        services.posting_save(posting=posting, expected_version=1)
    assert Posting.objects.get(pk=posting.pk).title == "Theirs"


def test_save_validates_before_writing(db):
    posting = PublishedPostingFactory(posted_on=date(2026, 5, 1))
    posting.closes_on = date(2026, 4, 1)
    with pytest.raises(ValidationError):
        services.posting_save(posting=posting)
    assert Posting.objects.get(pk=posting.pk).closes_on is None


def test_save_records_the_user_in_history(db):
    user = RecruiterFactory()
    posting = DraftPostingFactory()
    services.posting_save(posting=posting, user=user)
    assert posting.history.first().history_user == user


def test_duplicate_copies_rows_and_tags_under_a_free_slug(db):
    location = LocationFactory()
    posting = PublishedPostingFactory(slug="ml", locations=[location])
    PayBandFactory(posting=posting, minimum=Decimal(50), maximum=Decimal(60), period="hour")
    RequirementFactory(posting=posting, text="PyTorch")
    DraftPostingFactory(company=posting.company, slug="ml-copy")
    copy = services.posting_duplicate_as_draft(posting=posting)
    assert copy.slug == "ml-copy-2"
    assert (copy.status, copy.posted_on, copy.version) == (Status.DRAFT, None, 1)
    assert list(copy.locations.all()) == [location]
    assert [band.as_posted() for band in copy.pay_bands.all()] == ["$50–$60 / hour"]
    assert [row.text for row in copy.requirements.all()] == ["PyTorch"]
    assert posting.pay_bands.count() == 1


def test_delete_only_drafts(db):
    draft, live = DraftPostingFactory(), PublishedPostingFactory()
    services.posting_delete(posting=draft)
    with pytest.raises(ValidationError):
        services.posting_delete(posting=live)
    assert list(Posting.objects.all()) == [live]


def test_close_expired_closes_only_published_postings_past_their_date(db):
    yesterday = TODAY - timedelta(days=1)
    expired = PublishedPostingFactory(posted_on=date(2026, 1, 1), closes_on=yesterday)
    closes_today = PublishedPostingFactory(posted_on=date(2026, 1, 1), closes_on=TODAY)
    no_date = PublishedPostingFactory()
    expired_draft = DraftPostingFactory(posted_on=date(2026, 1, 1), closes_on=yesterday)
    assert services.postings_close_expired(today=TODAY) == 1
    assert services.postings_close_expired(today=TODAY) == 0
    statuses = {p.pk: p.status for p in Posting.objects.all()}
    assert statuses == {
        expired.pk: Status.CLOSED,
        closes_today.pk: Status.PUBLISHED,
        no_date.pk: Status.PUBLISHED,
        expired_draft.pk: Status.DRAFT,
    }
    assert expired.history.first().status == Status.CLOSED


def test_restore_brings_back_fields_tags_and_rows_of_that_version(db):
    first_location, second_location = LocationFactory(), LocationFactory()
    posting = PublishedPostingFactory(title="V1", locations=[first_location])
    PayBandFactory(posting=posting, minimum=Decimal(5000), maximum=Decimal(6000))
    services.posting_save(posting=posting)  # version 2 closes the rows written above
    version_2 = posting.history.filter(version=2).first()

    posting.title = "V3"
    services.posting_save(posting=posting)
    posting.locations.set([second_location])
    posting.pay_bands.all().delete()
    RequirementFactory(posting=posting, text="Added later")

    services.posting_restore(posting=posting, record=version_2)
    posting.refresh_from_db()
    assert posting.title == "V1"
    assert list(posting.locations.all()) == [first_location]
    assert [b.as_posted() for b in posting.pay_bands.all()] == ["$5,000–$6,000 / month"]
    assert list(posting.requirements.all()) == []
    assert posting.status == Status.PUBLISHED


def test_restore_refuses_a_record_of_another_posting(db):
    posting, other = PublishedPostingFactory(), PublishedPostingFactory()
    with pytest.raises(ValidationError):
        services.posting_restore(posting=posting, record=other.history.first())


def test_first_save_records_rows_loaded_without_history_as_they_were(db):
    """`loaddata` writes pay bands without history; their first edit can still be undone."""
    call_command("loaddata", "pinterest", verbosity=0)
    posting = Posting.objects.get(slug="2025-fall-machine-learning-intern")
    band = posting.pay_bands.get()
    assert not band.history.exists()
    services.posting_save(posting=posting)
    baseline = band.history.get()
    assert (baseline.maximum, baseline.history_user) == (Decimal(11000), None)
    assert baseline.history_change_reason == services.BASELINE_REASON

    band.maximum = Decimal(12000)
    band.save()  # as the admin's inline does, just after the posting's own save
    as_loaded = posting.history.filter(version=1).order_by("history_date").last()
    services.posting_restore(posting=posting, record=as_loaded)
    assert posting.pay_bands.get().maximum == Decimal(11000)


def test_reopening_a_started_internship_without_a_closing_date_is_refused(db):
    today = timezone.localdate()
    posting = ClosedPostingFactory(year=today.year - 1)
    with pytest.raises(ValidationError, match="The internship has started"):
        services.posting_reopen(posting=posting)

    posting.closes_on = today + timedelta(days=10)
    posting.posted_on = today
    services.posting_reopen(posting=posting)
    assert posting.is_open_for_applications()
