"""What the posting reader found in one posting's text: each field's value and where it came from.

A `Reading` is plain data with no database behind it. Every field starts empty ("", None or an
empty list): the reader fills only what the text states. For each field it fills, `evidence`
holds the piece(s) of the text the value came from; for a field it leaves empty on purpose
(the text is ambiguous, or states something that is not the field's fact), `notes` says why.
"""

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

# The keys of `manage.py parse_posting --json`, in order.
JSON_KEYS = (
    "title",
    "company",
    "season",
    "year",
    "duration_weeks",
    "start_window",
    "degree_levels",
    "arrangements",
    "locations",
    "pay",
    "applicants_based_in",
    "work_authorization",
    "research_areas",
    "requirements",
    "posted_on",
    "closes_on",
    "apply_url",
)
REQUIREMENT_KINDS = ("responsibility", "qualification", "preferred", "benefit")
NOT_STATED = "not_stated"


@dataclass(frozen=True)
class Place:
    """A city with its region (state, province; "" when none is known) and ISO 3166-1 country."""

    city: str
    region: str
    country: str


@dataclass(frozen=True)
class PayRange:
    """Pay as stated: amounts, ISO 4217 currency, period (hour, week, month, year), and the
    office it is for when the text ties it to one."""

    minimum: Decimal
    maximum: Decimal
    currency: str
    period: str
    place: Place | None = None


def _requirements():
    return {kind: [] for kind in REQUIREMENT_KINDS}


@dataclass
class Reading:
    title: str = ""
    company: str = ""
    organization: str = ""
    team: str = ""
    summary: str = ""
    categories: list[str] = field(default_factory=list)
    season: str = ""  # postings.models.Season value
    year: int | None = None
    start_window: str = ""
    duration_weeks: int | None = None
    degree_levels: list[str] = field(default_factory=list)  # DegreeLevel values
    arrangements: list[str] = field(default_factory=list)  # WorkArrangement values
    locations: list[Place] = field(default_factory=list)
    pay: list[PayRange] = field(default_factory=list)
    applicants_based_in: str = ""  # ISO 3166-1 alpha-2; "" when no restriction is stated
    work_authorization: str = NOT_STATED  # WorkAuthorization value
    research_areas: list[str] = field(default_factory=list)  # slugs of the research vocabulary
    requirements: dict[str, list[str]] = field(default_factory=_requirements)
    note_to_applicants: str = ""
    in_office_requirement: str = ""
    pay_note: str = ""  # what the posting says about how pay is set (pay transparency)
    posted_on: date | None = None
    closes_on: date | None = None
    apply_url: str = ""
    company_about: str = ""
    equal_opportunity_statement: str = ""
    # False when the text offers no role at all (a blog post, a company's "about" page): then
    # every field is empty and notes["posting"] says so.
    is_posting: bool = True
    # {field name: [piece of the text the value came from, ...]}
    evidence: dict[str, list[str]] = field(default_factory=dict)
    # {field name: why it was left empty, or what was ambiguous}
    notes: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        """The object `manage.py parse_posting --json` prints: exactly JSON_KEYS."""
        return {
            "title": self.title or None,
            "company": self.company or None,
            "season": self.season or None,
            "year": self.year,
            "duration_weeks": self.duration_weeks,
            "start_window": self.start_window or None,
            "degree_levels": list(self.degree_levels),
            "arrangements": list(self.arrangements),
            "locations": [asdict(place) for place in self.locations],
            "pay": [
                {
                    "min": _number(band.minimum),
                    "max": _number(band.maximum),
                    "currency": band.currency,
                    "period": band.period,
                }
                for band in self.pay
            ],
            "applicants_based_in": self.applicants_based_in or None,
            "work_authorization": self.work_authorization,
            "research_areas": list(self.research_areas),
            "requirements": {
                kind: list(self.requirements.get(kind, [])) for kind in REQUIREMENT_KINDS
            },
            "posted_on": self.posted_on.isoformat() if self.posted_on else None,
            "closes_on": self.closes_on.isoformat() if self.closes_on else None,
            "apply_url": self.apply_url or None,
        }


def _number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)
