"""import_postings against a real local HTTP server answering like Greenhouse, Lever and Ashby.

The answers are recorded in tests/job_boards/, shaped like each API's documented JSON. The
reader is the stand-in of tests/fake_reader.py; tests/test_imports_with_reader.py runs the real
one.
"""

import io
import json
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from werkzeug import Response

from imports.models import BoardKind, ImportRun, JobBoard, PostingSource
from imports.services import REMOVED_FROM_BOARD
from postings import services
from postings.models import PayBand, Posting, Requirement, Status
from tests.factories import CompanyFactory, RecruiterFactory
from tests.pages import page_of, text_of

RECORDED = Path(__file__).parent / "job_boards"
GREENHOUSE_PATH = "/v1/boards/acmeai/jobs"
LEVER_PATH = "/v0/postings/boltml"
ASHBY_PATH = "/posting-api/job-board/cortex"

# The recorded boards offer Summer and Fall 2026 internships, posted in January 2026.
RECORDED_ON = datetime(2026, 1, 15, 12, tzinfo=UTC)

pytestmark = pytest.mark.usefixtures("fake_reader", "on_the_day_the_boards_were_recorded")


@pytest.fixture
def on_the_day_the_boards_were_recorded(time_machine):
    """What is open depends on the day; the recorded internships were ahead in January 2026."""
    time_machine.move_to(RECORDED_ON)


def serve(server, path, body, *, status=200, query=None):
    """Answers `path` with `body` (a recorded file's name, a str or an object) from now on."""
    server.clear()
    _add(server, path, body, status=status, query=query)


def _add(server, path, body, *, status=200, query=None):
    if isinstance(body, str) and body.endswith(".json"):
        body = (RECORDED / body).read_text()
    elif not isinstance(body, str):
        body = json.dumps(body)
    server.expect_request(path, query_string=query).respond_with_data(
        body, status=status, content_type="application/json"
    )


def run(server, *args) -> str:
    out = io.StringIO()
    call_command(
        "import_postings", "--base-url", server.url_for("/"), *args, stdout=out, stderr=out
    )
    return out.getvalue()


@pytest.fixture
def acme(db):
    company = CompanyFactory(name="Acme AI", slug="acme-ai")
    JobBoard.objects.create(company=company, kind=BoardKind.GREENHOUSE, token="acmeai")
    return company


@pytest.fixture
def bolt(db):
    company = CompanyFactory(name="Bolt ML", slug="bolt-ml")
    JobBoard.objects.create(company=company, kind=BoardKind.LEVER, token="boltml")
    return company


@pytest.fixture
def cortex(db):
    company = CompanyFactory(name="Cortex", slug="cortex")
    JobBoard.objects.create(company=company, kind=BoardKind.ASHBY, token="cortex")
    return company


def history_count() -> int:
    return sum(model.history.count() for model in (Posting, PayBand, Requirement))


# New postings.


def test_new_internships_arrive_as_drafts_with_their_source(server, acme):
    serve(server, GREENHOUSE_PATH, "greenhouse.json", query="content=true")
    output = run(server)

    postings = {p.title: p for p in Posting.objects.filter(company=acme)}
    assert set(postings) == {"Machine Learning Intern, Summer 2026", "Research Intern, NLP"}
    ml = postings["Machine Learning Intern, Summer 2026"]
    assert ml.status == Status.DRAFT
    assert (ml.season, ml.year) == ("summer", 2026)
    assert ml.apply_url == "https://boards.greenhouse.io/acmeai/jobs/4001"
    assert ml.slug == "machine-learning-intern-summer-2026"
    assert ml.organization == "University Recruiting"
    assert ml.for_phd and not ml.for_masters
    assert [str(location) for location in ml.locations.all()] == ["San Francisco, CA"]
    assert [r.text for r in ml.requirements.all()] == [
        "Train and evaluate ranking models on real traffic",
        "Ship an experiment to production with your mentor",
        "Currently pursuing a PhD in Computer Science or a related field",
        "Experience with PyTorch",
    ]
    assert ml.posted_on.isoformat() == "2026-01-10"
    assert (
        ml.history.first().history_change_reason == "Imported from the company's Greenhouse board"
    )

    source = ml.source
    assert (source.origin, source.board.token, source.external_id) == (
        "greenhouse",
        "acmeai",
        "4001",
    )
    assert "<h3>What you'll do</h3>" in source.original_text  # unescaped once, kept as HTML
    assert "acme-ai (Greenhouse acmeai): 2 new, 1 not internships" in output
    assert "new: Machine Learning Intern, Summer 2026 (draft)" in output


def test_the_run_is_recorded_for_the_admin(server, acme):
    serve(server, GREENHOUSE_PATH, "greenhouse.json", query="content=true")
    run(server)
    board = JobBoard.objects.get(company=acme)
    assert board.last_run.created == 2
    assert board.last_run.summary == "2 new"
    assert board.last_run.error == ""
    assert board.running_since is None


def test_a_second_run_changes_nothing_and_writes_no_history(server, acme):
    serve(server, GREENHOUSE_PATH, "greenhouse.json", query="content=true")
    run(server)
    before = history_count()
    versions = dict(Posting.objects.values_list("pk", "version"))

    output = run(server)

    assert history_count() == before
    assert dict(Posting.objects.values_list("pk", "version")) == versions
    assert "acme-ai (Greenhouse acmeai): 2 unchanged, 1 not internships" in output
    assert JobBoard.objects.get(company=acme).last_run.summary == "no changes"


def test_a_role_without_a_stated_season_is_reported_not_imported(server, acme):
    serve(server, GREENHOUSE_PATH, "greenhouse-changed.json", query="content=true")
    output = run(server)
    assert not Posting.objects.filter(title="Research Intern, Open Track").exists()
    assert "not imported: Research Intern, Open Track (its text states no season or year" in output
    assert JobBoard.objects.get(company=acme).last_run.failed == 1


def test_publish_at_once_publishes_new_internships(server, acme):
    JobBoard.objects.filter(company=acme).update(publish_at_once=True)
    serve(server, GREENHOUSE_PATH, "greenhouse.json", query="content=true")
    run(server)
    posting = Posting.objects.get(title="Research Intern, NLP")
    assert posting.status == Status.PUBLISHED
    assert posting.posted_on.isoformat() == "2026-01-11"


def test_a_new_internship_that_cannot_be_published_stays_a_draft_and_the_run_says_why(server, acme):
    JobBoard.objects.filter(company=acme).update(publish_at_once=True)
    data = json.loads((RECORDED / "greenhouse.json").read_text())
    data["jobs"][1]["absolute_url"] = ""
    serve(server, GREENHOUSE_PATH, data, query="content=true")
    output = run(server)
    assert Posting.objects.get(title="Research Intern, NLP").status == Status.DRAFT
    assert "new: Research Intern, NLP (left as a draft: apply url: A published posting" in output


# Keeping in step.


@pytest.fixture
def imported(server, acme):
    """The first recorded answer imported; the NLP internship published since."""
    serve(server, GREENHOUSE_PATH, "greenhouse.json", query="content=true")
    run(server)
    nlp = Posting.objects.get(title="Research Intern, NLP")
    services.posting_publish(posting=nlp)
    return {
        "ml": Posting.objects.get(title="Machine Learning Intern, Summer 2026"),
        "nlp": Posting.objects.get(pk=nlp.pk),
    }


def test_a_posting_changed_on_the_board_is_updated_with_history(server, imported):
    ml = imported["ml"]
    serve(server, GREENHOUSE_PATH, "greenhouse-changed.json", query="content=true")
    output = run(server)

    ml.refresh_from_db()
    assert ml.requirements.last().text == "Experience with PyTorch or JAX"
    assert ml.version == 2
    assert ml.history.first().history_change_reason == "Updated from the company's Greenhouse board"
    changed_rows = Requirement.history.filter(posting_id=ml.pk, history_type="~")
    assert [row.text for row in changed_rows] == ["Experience with PyTorch or JAX"]
    assert "updated: Machine Learning Intern, Summer 2026 (changed on the board)" in output


def test_a_posting_gone_from_the_board_is_closed_with_the_reason(server, imported, client):
    nlp = imported["nlp"]
    serve(server, GREENHOUSE_PATH, "greenhouse-changed.json", query="content=true")
    output = run(server)

    nlp.refresh_from_db()
    assert nlp.status == Status.CLOSED
    assert nlp.history.first().history_change_reason == REMOVED_FROM_BOARD
    assert nlp.source.removed_at is not None
    assert "removed: Research Intern, NLP (closed)" in output

    client.force_login(RecruiterFactory(companies=[nlp.company]))
    listing = client.get(reverse("admin:postings_posting_changelist")).content.decode()
    assert "removed from the board" in listing
    history = page_of(client, reverse("admin:postings_posting_history", args=[nlp.pk]))
    assert REMOVED_FROM_BOARD in text_of(history)


def test_a_draft_gone_from_the_board_is_marked_and_left_a_draft(server, imported):
    ml = imported["ml"]
    data = json.loads((RECORDED / "greenhouse.json").read_text())
    data["jobs"] = [job for job in data["jobs"] if job["id"] != 4001]
    serve(server, GREENHOUSE_PATH, data, query="content=true")
    output = run(server)
    ml.refresh_from_db()
    assert ml.status == Status.DRAFT
    assert ml.source.removed_at is not None
    assert "removed: Machine Learning Intern, Summer 2026 (marked; it stays draft)" in output


def test_a_posting_back_on_the_board_is_reopened(server, imported):
    nlp = imported["nlp"]
    serve(server, GREENHOUSE_PATH, "greenhouse-changed.json", query="content=true")
    run(server)
    serve(server, GREENHOUSE_PATH, "greenhouse.json", query="content=true")
    output = run(server)
    nlp.refresh_from_db()
    assert nlp.status == Status.PUBLISHED
    assert nlp.source.removed_at is None
    assert "updated: Research Intern, NLP (back on the board, reopened)" in output


def test_a_posting_edited_here_is_left_alone_and_flagged(server, imported, client):
    ml = imported["ml"]
    ml.summary = "Our own words about the role."
    services.posting_save(posting=ml)
    serve(server, GREENHOUSE_PATH, "greenhouse-changed.json", query="content=true")
    output = run(server)

    ml.refresh_from_db()
    assert ml.summary == "Our own words about the role."
    assert ml.requirements.last().text == "Experience with PyTorch"
    assert ml.source.held_back_at is not None
    assert "left alone: Machine Learning Intern, Summer 2026 (edited here" in output
    assert JobBoard.objects.get(company=ml.company).last_run.held_back == 1

    client.force_login(RecruiterFactory(companies=[ml.company]))
    listing = client.get(reverse("admin:postings_posting_changelist")).content.decode()
    assert "edited here; board changes held back" in listing


def test_publishing_an_import_is_not_an_edit(server, imported):
    """Only the content counts: publishing raises the version, not the posting's text."""
    ml = imported["ml"]
    services.posting_publish(posting=ml)
    serve(server, GREENHOUSE_PATH, "greenhouse-changed.json", query="content=true")
    run(server)
    ml.refresh_from_db()
    assert ml.requirements.last().text == "Experience with PyTorch or JAX"
    assert ml.status == Status.PUBLISHED


def test_held_back_changes_come_through_once_the_recruiter_asks(server, imported, client):
    ml = imported["ml"]
    ml.summary = "Our own words."
    services.posting_save(posting=ml)
    serve(server, GREENHOUSE_PATH, "greenhouse-changed.json", query="content=true")
    run(server)

    client.force_login(RecruiterFactory(companies=[ml.company]))
    client.post(
        reverse("admin:postings_posting_changelist"),
        {"action": "resume_board_updates", "_selected_action": [ml.pk]},
    )
    run(server)
    ml.refresh_from_db()
    assert ml.summary == ""
    assert ml.requirements.last().text == "Experience with PyTorch or JAX"
    assert ml.source.held_back_at is None


def test_a_deleted_import_is_not_imported_again(server, imported):
    ml = imported["ml"]
    services.posting_delete(posting=ml)
    run(server)
    assert not Posting.objects.filter(title=ml.title).exists()
    assert PostingSource.objects.get(external_id="4001").posting is None


# Boards that cannot be read.


@pytest.mark.parametrize(
    "answer, status, reason",
    [
        ({"error": "internal"}, 500, "the board answered HTTP 500"),
        ({"error": "not found"}, 404, "the board answered HTTP 404"),
        ("{ this is not json", 200, "the board's answer is not valid JSON"),
        ({"jobs": "none today"}, 200, "not shaped like Greenhouse's API"),
        ({"jobs": [{"title": "Intern, Summer 2026"}]}, 200, "not shaped like Greenhouse's API"),
    ],
)
def test_a_board_that_answers_badly_changes_nothing_and_other_boards_still_import(
    server, imported, bolt, answer, status, reason
):
    before = history_count()
    serve(server, GREENHOUSE_PATH, answer, status=status, query="content=true")
    _add(server, LEVER_PATH, "lever.json", query="mode=json")

    with pytest.raises(CommandError, match="1 of 2 boards could not be read"):
        run(server)

    assert Posting.objects.get(pk=imported["nlp"].pk).status == Status.PUBLISHED
    assert Posting.objects.get(pk=imported["ml"].pk).version == 1
    assert Posting.objects.filter(company=bolt).count() == 2
    assert history_count() > before  # Bolt's two new postings, nothing of Acme's
    acme_run = JobBoard.objects.get(token="acmeai").last_run
    assert reason in acme_run.error
    assert acme_run.summary.startswith("failed: ")


def test_a_board_that_does_not_answer_in_time_changes_nothing(server, imported, bolt):
    def too_slow(request):
        time.sleep(1.5)
        return Response("{}", content_type="application/json")

    server.clear()
    server.expect_request(GREENHOUSE_PATH).respond_with_handler(too_slow)
    _add(server, LEVER_PATH, "lever.json", query="mode=json")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_postings", "--base-url", server.url_for("/"), stdout=out, stderr=out)
    assert "acme-ai (Greenhouse acmeai): not imported, the board did not answer within 0.5 s" in (
        out.getvalue()
    )
    assert Posting.objects.get(pk=imported["nlp"].pk).status == Status.PUBLISHED
    assert Posting.objects.filter(company=bolt).count() == 2


def test_a_board_failing_once_is_tried_again(server, acme):
    server.clear()
    server.expect_oneshot_request(GREENHOUSE_PATH).respond_with_data("busy", status=503)
    _add(server, GREENHOUSE_PATH, "greenhouse.json", query="content=true")
    run(server)
    assert Posting.objects.filter(company=acme).count() == 2


# Dry run, choosing companies, parallel runs.


def test_dry_run_prints_what_would_change_and_writes_nothing(server, imported):
    serve(server, GREENHOUSE_PATH, "greenhouse-changed.json", query="content=true")
    before = (history_count(), ImportRun.objects.count(), Posting.objects.count())

    output = run(server, "--dry-run")

    assert (history_count(), ImportRun.objects.count(), Posting.objects.count()) == before
    assert Posting.objects.get(pk=imported["nlp"].pk).status == Status.PUBLISHED
    assert "updated: Machine Learning Intern, Summer 2026 (changed on the board" in output
    assert "removed: Research Intern, NLP (would be closed)" in output
    assert "new: Computer Vision Intern (would be a draft)" in output
    assert "Dry run: nothing was written." in output


def test_only_the_named_companies_are_imported(server, acme, bolt):
    serve(server, LEVER_PATH, "lever.json", query="mode=json")
    run(server, "--company", "bolt-ml")
    assert Posting.objects.filter(company=bolt).count() == 2
    assert not Posting.objects.filter(company=acme).exists()


def test_an_unknown_company_is_refused(server, acme):
    with pytest.raises(CommandError, match="No job board is connected for: nobody"):
        run(server, "--company", "nobody")


def test_a_board_another_run_is_importing_is_skipped(server, acme):
    JobBoard.objects.filter(company=acme).update(running_since=timezone.now())
    serve(server, GREENHOUSE_PATH, "greenhouse.json", query="content=true")
    output = run(server)
    assert "skipped, another import of this board is still running" in output
    assert not Posting.objects.exists()


def test_a_board_left_running_by_a_dead_run_is_imported_after_a_while(server, acme):
    JobBoard.objects.filter(company=acme).update(
        running_since=timezone.now() - timezone.timedelta(hours=1)
    )
    serve(server, GREENHOUSE_PATH, "greenhouse.json", query="content=true")
    run(server)
    assert Posting.objects.filter(company=acme).count() == 2


# Lever and Ashby: what their structured fields give.


def test_lever_keeps_roles_by_commitment_and_uses_workplace_and_salary(server, bolt):
    serve(server, LEVER_PATH, "lever.json", query="mode=json")
    output = run(server)

    titles = set(Posting.objects.filter(company=bolt).values_list("title", flat=True))
    # Commitment decides: an "Intern" ML engineer is imported, a full-time intern coordinator not.
    assert titles == {"ML Engineer (Summer 2026)", "Machine Learning Intern, Fall 2026"}
    engineer = Posting.objects.get(title="ML Engineer (Summer 2026)")
    assert engineer.work_arrangements == ["hybrid"]
    band = engineer.pay_bands.get()
    assert (band.minimum, band.maximum, band.currency, band.period) == (
        Decimal("32.00"),
        Decimal("40.00"),
        "CAD",
        "hour",
    )
    assert engineer.apply_url.endswith("/apply")
    assert engineer.team == "Machine Learning"
    assert [str(location) for location in engineer.locations.all()] == ["Toronto, ON"]
    assert [r.text for r in engineer.requirements.all()] == [
        "Build candidate retrieval for recommendations",
        "Run offline evaluations",
        "Pursuing a Bachelor's or Master's in CS",
    ]
    fall = Posting.objects.get(title="Machine Learning Intern, Fall 2026")
    assert fall.work_arrangements == []  # "unspecified" states nothing
    assert fall.pay_bands.get().period == "month"
    assert "1 not internships" in output


def test_ashby_keeps_roles_by_employment_type_and_uses_compensation(server, cortex):
    serve(server, ASHBY_PATH, "ashby.json", query="includeCompensation=true")
    run(server)

    # "Intern Recruiter" is full-time; the robotics internship is not listed publicly yet.
    posting = Posting.objects.get(company=cortex)
    assert posting.title == "Applied Research Scientist, Summer 2026"
    assert posting.work_arrangements == ["remote"]
    band = posting.pay_bands.get()  # the salary component only, once
    assert (band.minimum, band.maximum, band.currency, band.period) == (
        Decimal("50.00"),
        Decimal("60.00"),
        "USD",
        "hour",
    )
    assert posting.apply_url.endswith("/application")
    assert posting.posted_on.isoformat() == "2026-01-15"


def test_a_reader_failing_on_one_posting_does_not_stop_the_others(server, acme, monkeypatch):
    from tests import fake_reader as stand_in

    def fails_on_nlp(text, html=False):
        if "natural language processing" in text:
            raise ValueError("unexpected shape")
        return stand_in.read_posting(text, html=html)

    monkeypatch.setattr("imports.ats.read_posting", fails_on_nlp)
    serve(server, GREENHOUSE_PATH, "greenhouse.json", query="content=true")
    output = run(server)
    assert list(Posting.objects.values_list("title", flat=True)) == [
        "Machine Learning Intern, Summer 2026"
    ]
    assert "not imported: Research Intern, NLP (ValueError; see the log)" in output


def test_without_boards_the_command_says_so(server, db):
    assert "No job board is connected" in run(server)
