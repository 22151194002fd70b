"""New posting from text and the board import with the real posting reader, end to end.

These need the reader's own answers (postings/ingest), not a stand-in: the seed texts of
fixtures/sources/ pasted in the admin give drafts with the fixture records' facts, and the
recorded Greenhouse board gives postings with the facts its texts state.
"""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from imports.models import BoardKind, JobBoard
from postings.models import Company, Posting, Status
from tests.factories import RecruiterFactory
from tests.test_admin import form_data
from tests.test_import_postings import GREENHOUSE_PATH, run, serve

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "fixtures" / "sources"
FIXTURE = json.loads((ROOT / "fixtures" / "pinterest.json").read_text())
FACTS = (
    "title", "organization", "team", "season", "year", "start_window", "duration_weeks",
    "for_bachelors", "for_masters", "for_phd", "offers_onsite", "offers_hybrid", "offers_remote",
    "applicants_based_in", "work_authorization", "apply_url", "closes_on",
)  # fmt: skip


def records(model):
    return {row["pk"]: row["fields"] for row in FIXTURE if row["model"] == f"postings.{model}"}


def expected(slug):
    """The fixture record of the posting with `slug`: its facts, places, areas, pay, lines."""
    pk, posting = next((pk, f) for pk, f in records("posting").items() if f["slug"] == slug)
    places, areas = records("location"), records("researcharea")
    return {
        "facts": {name: posting[name] for name in FACTS},
        "places": {tuple(places[pk].values()) for pk in posting["locations"]},
        "areas": {areas[pk]["slug"] for pk in posting["research_areas"]},
        "pay": [
            (band["minimum"], band["maximum"], band["currency"], band["period"])
            for band in records("payband").values()
            if band["posting"] == pk
        ],
        "lines": [
            (row["kind"], row["text"])
            for row in sorted(records("requirement").values(), key=lambda row: row["position"])
            if row["posting"] == pk
        ],
    }


def facts_of(posting: Posting) -> dict:
    facts = {name: getattr(posting, name) for name in FACTS}
    facts["closes_on"] = posting.closes_on.isoformat() if posting.closes_on else None
    return facts


@pytest.mark.parametrize(
    "slug", ["2025-fall-machine-learning-intern", "phd-machine-learning-internship-2026-usa"]
)
def test_a_seed_text_pasted_in_the_admin_becomes_a_draft_with_the_fixtures_facts(
    client, pinterest, slug
):
    company = Company.objects.get(slug="pinterest")
    client.force_login(RecruiterFactory(companies=[company]))
    text = (SOURCES / f"pinterest-{slug}.txt").read_text()

    pasted = client.post(
        reverse("admin:postings_posting_from_text"), {"text": text, "company": company.pk}
    )
    assert pasted.status_code == 302, "the seed text reads as a posting"
    review = client.get(pasted["Location"])
    saved = client.post(pasted["Location"], form_data(review))
    assert saved.status_code == 302

    draft = Posting.objects.exclude(slug=slug).get(title=expected(slug)["facts"]["title"])
    want = expected(slug)
    assert draft.status == Status.DRAFT
    assert facts_of(draft) == want["facts"]
    assert {(p.city, p.region, p.country) for p in draft.locations.all()} == want["places"]
    assert {area.slug for area in draft.research_areas.all()} == want["areas"]
    assert [
        (f"{b.minimum:.2f}", f"{b.maximum:.2f}", b.currency, b.period)
        for b in draft.pay_bands.all()
    ] == want["pay"]
    assert [(row.kind, row.text) for row in draft.requirements.all()] == want["lines"]


def test_the_recorded_greenhouse_board_imports_with_the_facts_its_texts_state(server, db):
    company = Company.objects.create(name="Acme AI", slug="acme-ai")
    JobBoard.objects.create(company=company, kind=BoardKind.GREENHOUSE, token="acmeai")
    serve(server, GREENHOUSE_PATH, "greenhouse.json", query="content=true")
    run(server)

    posting = Posting.objects.get(title="Machine Learning Intern, Summer 2026")
    assert (posting.season, posting.year, posting.duration_weeks) == ("summer", 2026, 12)
    assert posting.degree_levels == ["phd"]
    assert [str(location) for location in posting.locations.all()] == ["San Francisco, CA"]
    assert [band.as_posted() for band in posting.pay_bands.all()] == ["$55–$65 / hour"]
    assert [(row.kind, row.text) for row in posting.requirements.all()] == [
        ("responsibility", "Train and evaluate ranking models on real traffic"),
        ("responsibility", "Ship an experiment to production with your mentor"),
        ("qualification", "Currently pursuing a PhD in Computer Science or a related field"),
        ("qualification", "Experience with PyTorch"),
    ]
    nlp = Posting.objects.get(title="Research Intern, NLP")
    assert [str(location) for location in nlp.locations.all()] == ["New York, NY"]
    assert {area.slug for area in nlp.research_areas.all()} == {"natural-language-processing"}
