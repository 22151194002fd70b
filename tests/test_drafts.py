"""A Reading made into a posting draft, and a posting's text checked and sanitised on the way in."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from imports.drafts import NOT_A_POSTING, draft_from_reading, free_slug, posting_problem
from imports.models import BoardKind, JobBoard, Origin, PostingSource
from imports.pasted import MAX_TEXT_BYTES, Unreadable, from_text, from_upload
from postings.ingest import PayRange, Place, Reading
from postings.models import Location, ResearchArea
from tests.factories import CategoryFactory, CompanyFactory, DraftPostingFactory, LocationFactory


def a_reading(**facts) -> Reading:
    reading = Reading(
        title="Machine Learning Intern",
        season="summer",
        year=2026,
        degree_levels=["masters", "phd"],
        arrangements=["hybrid"],
        locations=[Place("San Francisco", "CA", "US")],
        work_authorization="sponsorship_offered",
        apply_url="https://example.com/apply",
        closes_on=date(2026, 3, 1),
    )
    for name, value in facts.items():
        setattr(reading, name, value)
    return reading


def test_fields_of_the_same_meaning_are_copied(db):
    draft = draft_from_reading(a_reading(team="Ranking", duration_weeks=12))
    fields = draft.fields
    assert (fields["title"], fields["season"], fields["year"]) == (
        "Machine Learning Intern",
        "summer",
        2026,
    )
    assert (fields["team"], fields["duration_weeks"]) == ("Ranking", 12)
    assert fields["work_authorization"] == "sponsorship_offered"
    assert fields["closes_on"] == date(2026, 3, 1)
    assert fields["organization"] == ""


def test_degree_levels_and_arrangements_become_their_columns(db):
    fields = draft_from_reading(a_reading()).fields
    assert (fields["for_bachelors"], fields["for_masters"], fields["for_phd"]) == (
        False,
        True,
        True,
    )
    assert (fields["offers_onsite"], fields["offers_hybrid"], fields["offers_remote"]) == (
        False,
        True,
        False,
    )


def test_known_places_are_found_and_new_ones_added(db):
    known = LocationFactory(city="San Francisco", region="CA", country="US")
    draft = draft_from_reading(
        a_reading(locations=[Place("San Francisco", "CA", "US"), Place("Zurich", "", "CH")])
    )
    assert draft.locations[0] == known
    assert str(draft.locations[1]) == "Zurich, CH"
    assert Location.objects.count() == 2


def test_a_place_the_board_cannot_keep_is_left_out_with_a_note(db):
    draft = draft_from_reading(a_reading(locations=[Place("Atlantis", "", "Sunken")]))
    assert draft.locations == []
    assert "Atlantis" in draft.notes["locations"]
    assert not Location.objects.filter(city="Atlantis").exists()


def test_research_areas_by_slug_are_added_from_the_vocabulary_when_missing(db):
    existing = ResearchArea.objects.create(name="Ranking", slug="ranking")
    draft = draft_from_reading(
        a_reading(research_areas=["ranking", "natural-language-processing", "astrology"])
    )
    assert draft.research_areas[0] == existing
    added = draft.research_areas[1]
    assert (added.name, added.slug) == (
        "Natural language processing",
        "natural-language-processing",
    )
    assert len(draft.research_areas) == 2
    assert "astrology" in draft.notes["research_areas"]


def test_an_area_kept_under_another_slug_is_found_by_its_name(db):
    kept = ResearchArea.objects.create(name="Natural language processing", slug="nlp")
    draft = draft_from_reading(a_reading(research_areas=["natural-language-processing"]))
    assert draft.research_areas == [kept]


def test_only_existing_categories_are_used_and_the_rest_noted(db):
    consumer = CategoryFactory(name="Consumer", slug="consumer")
    draft = draft_from_reading(a_reading(categories=["consumer", "Moonshots"]))
    assert draft.categories == [consumer]
    assert "Moonshots" in draft.notes["categories"]


def test_pay_ranges_become_bands_in_order_with_their_office(db):
    office = Place("Seattle", "WA", "US")
    draft = draft_from_reading(
        a_reading(
            pay=[
                PayRange(Decimal("50"), Decimal("60"), "USD", "hour", office),
                PayRange(Decimal("9000"), Decimal("9000"), "USD", "month"),
            ]
        )
    )
    first, second = draft.pay_bands
    assert (first["minimum"], first["maximum"], first["period"], first["position"]) == (
        Decimal("50"),
        Decimal("60"),
        "hour",
        0,
    )
    assert str(first["location"]) == "Seattle, WA"
    assert second["location"] is None and second["position"] == 1


def test_requirements_keep_the_kinds_order_and_the_texts_order(db):
    requirements = {
        "benefit": ["Housing stipend"],
        "qualification": ["Python", "  ", "PyTorch"],
        "responsibility": ["Train models"],
        "preferred": [],
    }
    rows = draft_from_reading(a_reading(requirements=requirements)).requirements
    assert [(row["kind"], row["text"], row["position"]) for row in rows] == [
        ("responsibility", "Train models", 0),
        ("qualification", "Python", 1),
        ("qualification", "PyTorch", 2),
        ("benefit", "Housing stipend", 3),
    ]


def test_a_text_with_a_title_and_posting_facts_is_a_posting(db):
    assert posting_problem(a_reading()) is None


@pytest.mark.parametrize(
    "reading",
    [
        Reading(),
        Reading(title="Our quarterly results"),
        Reading(title="Weather in Paris", locations=[Place("Paris", "", "FR")]),
        Reading(title="", season="summer", year=2026, arrangements=["remote"]),
    ],
)
def test_a_text_without_posting_facts_is_no_posting(reading):
    assert posting_problem(reading) == NOT_A_POSTING


def test_free_slug_numbers_a_title_already_taken(db):
    company = CompanyFactory()
    DraftPostingFactory(company=company, slug="ml-intern")
    DraftPostingFactory(company=company, slug="ml-intern-2")
    assert free_slug(company, "ML Intern") == "ml-intern-3"
    assert free_slug(CompanyFactory(), "ML Intern") == "ml-intern"
    assert free_slug(company, "!!!") == "internship"


# The text on its way in.


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_is_refused(text):
    with pytest.raises(Unreadable, match="Paste the posting's text"):
        from_text(text)


def test_text_over_the_limit_is_refused():
    with pytest.raises(Unreadable, match="longer than 1 MB"):
        from_text("a" * (MAX_TEXT_BYTES + 1))


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "Intern <SCRIPT src=x>"])
def test_text_with_a_script_tag_is_refused(text):
    with pytest.raises(Unreadable, match="script"):
        from_text(text)


def test_pasted_text_is_kept_without_control_characters():
    pasted = from_text("ML Intern\r\nSummer 2026\x00\x07")
    assert pasted.text == "ML Intern\nSummer 2026"
    assert (pasted.origin, pasted.is_html) == (Origin.PASTED_TEXT, False)


def upload(name, content: bytes):
    return SimpleUploadedFile(name, content)


def test_an_html_file_is_kept_sanitised():
    pasted = from_upload(
        upload(
            "posting.html",
            b'<h1 onclick="x()">ML Intern</h1><script>steal()</script>'
            b'<p style="color:red">Summer 2026 <a href="javascript:x()">apply</a></p>',
        )
    )
    assert pasted.is_html and pasted.filename == "posting.html"
    assert pasted.origin == Origin.UPLOADED_FILE
    assert "script" not in pasted.text and "steal" not in pasted.text
    assert "onclick" not in pasted.text and "style" not in pasted.text
    assert "javascript" not in pasted.text
    assert "<h1>ML Intern</h1>" in pasted.text


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("posting.pdf", b"%PDF-1.7", "Upload a .txt or .html file"),
        ("posting.txt", b"ML\x00Intern", "not text"),
        ("posting.txt", "Stagiaire été".encode("latin-1"), "not in UTF-8"),
        ("posting.txt", b"   ", "empty"),
        ("posting.txt", b"<script>alert(1)</script>", "script"),
        ("posting.html", b"a" * (MAX_TEXT_BYTES + 1), "larger than 1 MB"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(name, content, message):
    with pytest.raises(Unreadable, match=message):
        from_upload(upload(name, content))


def test_a_utf8_file_with_a_byte_order_mark_is_read():
    pasted = from_upload(upload("posting.txt", "\ufeffStagiaire été 2026".encode()))
    assert pasted.text == "Stagiaire été 2026"


# The database keeps one source per job of a board.


def test_a_board_job_has_one_source(db):
    board = JobBoard.objects.create(company=CompanyFactory(), kind=BoardKind.LEVER, token="acme")
    PostingSource.objects.create(origin=Origin.LEVER, board=board, external_id="42")
    with pytest.raises(IntegrityError):
        PostingSource.objects.create(origin=Origin.LEVER, board=board, external_id="42")


def test_pasted_sources_need_no_external_id(db):
    PostingSource.objects.create(origin=Origin.PASTED_TEXT)
    PostingSource.objects.create(origin=Origin.PASTED_TEXT)
    assert PostingSource.objects.count() == 2


def test_a_board_token_must_stay_inside_the_url_path(db):
    with pytest.raises(IntegrityError):
        JobBoard.objects.create(company=CompanyFactory(), kind=BoardKind.LEVER, token="../admin")


def test_a_text_the_reader_finds_no_internship_posting_says_why():
    reading = Reading(is_posting=False, notes={"posting": "The role is no internship."})
    assert posting_problem(reading) == (
        "This does not read like the posting of one internship. The role is no internship."
    )
