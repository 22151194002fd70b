"""A `Reading` turned into a posting: field values, tags found or created, pay bands, requirements.

Only the `Reading` interface is used, so whatever reader fills one will do. The admin's review
page shows a draft as the posting form's initial values; the board import saves it.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import slugify

from postings.ingest import PayRange, Place, Reading
from postings.models import (
    ARRANGEMENT_FIELDS,
    DEGREE_FIELDS,
    Category,
    Location,
    Posting,
    RequirementKind,
    ResearchArea,
)
from postings.vocabulary import AREA_BY_SLUG

# Reading fields that are posting fields of the same name and meaning.
SAME_NAME_FIELDS = (
    "title",
    "organization",
    "team",
    "summary",
    "season",
    "year",
    "start_window",
    "duration_weeks",
    "applicants_based_in",
    "work_authorization",
    "note_to_applicants",
    "in_office_requirement",
    "pay_note",
    "apply_url",
    "posted_on",
    "closes_on",
)
# Each reading field with the posting form fields it fills.
FORM_FIELDS = {
    **{name: (name,) for name in SAME_NAME_FIELDS},
    "categories": ("categories",),
    "degree_levels": tuple(DEGREE_FIELDS.values()),
    "arrangements": tuple(ARRANGEMENT_FIELDS.values()),
    "locations": ("locations",),
    "research_areas": ("research_areas",),
}
# The facts that make a text a posting rather than any other page (a title alone does not).
POSTING_FACTS = (
    "season",
    "year",
    "start_window",
    "duration_weeks",
    "degree_levels",
    "arrangements",
    "locations",
    "pay",
    "requirements",
    "apply_url",
    "closes_on",
)
FACTS_NEEDED = 2
NOT_ONE_INTERNSHIP = "This does not read like the posting of one internship."
NOT_A_POSTING = (
    "This does not read like an internship posting: no title with dates, places, pay or "
    "requirements was found in it. Paste the posting's own text."
)


@dataclass
class PostingDraft:
    """A posting as a reading describes it; `evidence` and `notes` are keyed by reading field."""

    fields: dict
    locations: list[Location] = field(default_factory=list)
    research_areas: list[ResearchArea] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    pay_bands: list[dict] = field(default_factory=list)
    requirements: list[dict] = field(default_factory=list)
    evidence: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


def stated(reading: Reading, name: str) -> bool:
    value = getattr(reading, name)
    if name == "work_authorization":
        return value != Posting._meta.get_field(name).default
    if name == "requirements":
        return any(value.values())
    return value not in ("", None, [], {})


def posting_problem(reading: Reading) -> str | None:
    """Why the text read is no posting, or None: it needs a title and a couple of its facts."""
    if not reading.is_posting and reading.notes.get("posting"):
        return f"{NOT_ONE_INTERNSHIP} {reading.notes['posting']}"  # the reader says why
    facts = sum(stated(reading, name) for name in POSTING_FACTS)
    if not reading.title or facts < FACTS_NEEDED:
        return NOT_A_POSTING
    return None


def draft_from_reading(reading: Reading) -> PostingDraft:
    """The posting `reading` describes; locations and research areas are found or created."""
    fields = {name: getattr(reading, name) for name in SAME_NAME_FIELDS}
    fields["title"] = fields["title"][: Posting._meta.get_field("title").max_length]
    for level, column in DEGREE_FIELDS.items():
        fields[column] = level in reading.degree_levels
    for arrangement, column in ARRANGEMENT_FIELDS.items():
        fields[column] = arrangement in reading.arrangements
    notes = dict(reading.notes)
    draft = PostingDraft(
        fields=fields,
        locations=_unique(filter(None, (location_for(p, notes) for p in reading.locations))),
        research_areas=research_areas_for(reading.research_areas, notes),
        categories=categories_named(reading.categories, notes),
        pay_bands=[_pay_band(band, position, notes) for position, band in enumerate(reading.pay)],
        requirements=requirement_rows(reading.requirements),
        evidence={name: list(pieces) for name, pieces in reading.evidence.items() if pieces},
        notes=notes,
    )
    return draft


def location_for(place: Place, notes: dict) -> Location | None:
    """The board's row for `place`, added when the board does not know it yet."""
    values = {"city": place.city.strip(), "region": place.region.strip(), "country": place.country}
    found = Location.objects.filter(**values).first()
    if found is not None:
        return found
    location = Location(**values)
    try:
        location.full_clean()
    except ValidationError as error:
        notes.setdefault("locations", f"{place.city}: not a place the board can keep ({error}).")
        return None
    # get_or_create: another import may add the same place meanwhile (one row per place).
    return Location.objects.get_or_create(**values)[0]


def research_areas_for(slugs: list[str], notes: dict) -> list[ResearchArea]:
    """The research areas named by vocabulary slugs, added from the vocabulary when missing."""
    areas = []
    for slug in slugs:
        area = AREA_BY_SLUG.get(slug)
        if area is None:
            notes.setdefault("research_areas", f"“{slug}” is not in the board's vocabulary.")
            continue
        row = ResearchArea.objects.filter(Q(slug=area.slug) | Q(name__iexact=area.name)).first()
        if row is None:
            defaults = {"name": area.name}
            row = ResearchArea.objects.get_or_create(slug=area.slug, defaults=defaults)[0]
        areas.append(row)
    return _unique(areas)


def categories_named(names: list[str], notes: dict) -> list[Category]:
    """The board's categories of these names; categories are kept by superusers, never added."""
    found, unknown = [], []
    for name in names:
        category = Category.objects.filter(name__iexact=name.strip()).first()
        if category is None:
            unknown.append(name)
        else:
            found.append(category)
    if unknown:
        notes.setdefault(
            "categories",
            "Not among the board's categories (a superuser can add them): " + ", ".join(unknown),
        )
    return _unique(found)


def _pay_band(band: PayRange, position: int, notes: dict) -> dict:
    return {
        "minimum": band.minimum,
        "maximum": band.maximum,
        "currency": band.currency,
        "period": band.period,
        "location": location_for(band.place, notes) if band.place else None,
        "position": position,
    }


def requirement_rows(requirements: dict[str, list[str]]) -> list[dict]:
    """Requirement rows in the posting's order of kinds, each kind's lines in the text's order."""
    rows = []
    for kind in RequirementKind.values:
        for line in requirements.get(kind, []):
            if line.strip():
                rows.append({"kind": kind, "text": line.strip(), "position": len(rows)})
    return rows


def free_slug(company, title: str, *, taken: set[str] | None = None) -> str:
    """A slug for `title` that no other posting of `company` has: the title's, or numbered."""
    max_length = Posting._meta.get_field("slug").max_length
    base = slugify(title)[:max_length].strip("-") or "internship"
    if taken is None:
        taken = set(
            Posting.objects.for_company(company)
            .filter(slug__startswith=base)
            .values_list("slug", flat=True)
        )
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)] + suffix
    return candidate


def _unique(rows) -> list:
    seen, unique = set(), []
    for row in rows:
        if row.pk not in seen:
            seen.add(row.pk)
            unique.append(row)
    return unique
