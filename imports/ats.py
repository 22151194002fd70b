"""The public job-board APIs of applicant tracking systems, each turned into one shape: `Job`.

One adapter per system reads its documented JSON:
- Greenhouse `GET /v1/boards/{token}/jobs?content=true` ({"jobs": [...]}, content HTML-escaped);
- Lever `GET /v0/postings/{site}?mode=json` (a bare list; description, lists, additional,
  categories.commitment and .location, workplaceType, salaryRange);
- Ashby `GET /posting-api/job-board/{name}?includeCompensation=true` ({"jobs": [...]};
  employmentType, location, address, isRemote/workplaceType, descriptionHtml, compensation).
Anything off that shape makes the whole board malformed: a job misread could otherwise look
removed and be closed.
"""

import hashlib
import html
import json
import re
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from urllib.parse import quote

from imports.client import BoardUnavailable, get_json
from imports.models import BoardKind
from postings.ingest import PayRange, Reading, read_posting
from postings.models import PayPeriod, WorkArrangement

BASE_URLS = {
    BoardKind.GREENHOUSE: "https://boards-api.greenhouse.io",
    BoardKind.LEVER: "https://api.lever.co",
    BoardKind.ASHBY: "https://api.ashbyhq.com",
}
PATHS = {
    BoardKind.GREENHOUSE: "/v1/boards/{token}/jobs?content=true",
    BoardKind.LEVER: "/v0/postings/{token}?mode=json",
    BoardKind.ASHBY: "/posting-api/job-board/{token}?includeCompensation=true",
}
INTERNSHIP = re.compile(r"\b(intern|interns|internship|internships|co-?op)\b", re.IGNORECASE)


class MalformedBoard(BoardUnavailable):
    """The board answered JSON, but not in the shape its API documents."""


@dataclass(frozen=True)
class Job:
    """One role on a board, as every adapter gives it."""

    external_id: str
    title: str
    apply_url: str
    description_html: str
    employment_type: str = ""  # as the board states it; "" when the board has no such field
    location_names: tuple[str, ...] = ()
    arrangements: tuple[str, ...] = ()  # WorkArrangement values from the board's workplace type
    pay: tuple[PayRange, ...] = ()
    department: str = ""
    team: str = ""
    published_on: date | None = None

    @property
    def is_internship(self) -> bool:
        """An internship by the board's employment type, or by its title where there is none."""
        return bool(INTERNSHIP.search(self.employment_type or self.title))

    @property
    def fingerprint(self) -> str:
        """Changes exactly when something the import uses changes on the board."""
        content = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(content.encode()).hexdigest()


def board_url(board, base_url: str | None = None) -> str:
    """The board's API address; `base_url` replaces the scheme and host (tests, mirrors)."""
    base = (base_url or BASE_URLS[board.kind]).rstrip("/")
    return base + PATHS[board.kind].format(token=quote(board.token, safe=""))


def fetch_jobs(board, *, base_url: str | None = None, **client_options) -> list[Job]:
    """Every job on `board`, internships or not; raises BoardUnavailable when it cannot be read."""
    data = get_json(board_url(board, base_url), **client_options)
    return jobs_from(board.kind, data)


def jobs_from(kind: str, data) -> list[Job]:
    """The jobs in a board's JSON answer; raises MalformedBoard when it is off the API's shape."""
    try:
        return ADAPTERS[kind](data)
    except (KeyError, TypeError, AttributeError, ValueError, InvalidOperation) as error:
        raise MalformedBoard(
            f"the board's answer is not shaped like {BoardKind(kind).label}'s API ({error!r})"
        ) from None


def greenhouse_jobs(data) -> list[Job]:
    jobs = []
    for job in _list(data["jobs"]):
        departments = [d["name"] for d in job.get("departments") or [] if d.get("name")]
        location = (job.get("location") or {}).get("name") or ""
        jobs.append(
            Job(
                external_id=str(_required(job, "id")),
                title=_text(job["title"]),
                apply_url=_text(job.get("absolute_url")),
                # The API sends the description's HTML escaped once more.
                description_html=html.unescape(_text(job.get("content"))),
                location_names=(location,) if location else (),
                department=departments[0] if departments else "",
                published_on=_date(job.get("first_published")),
            )
        )
    return jobs


LEVER_WORKPLACES = {
    "on-site": WorkArrangement.ONSITE,
    "onsite": WorkArrangement.ONSITE,
    "hybrid": WorkArrangement.HYBRID,
    "remote": WorkArrangement.REMOTE,
}
LEVER_INTERVALS = {
    "per-hour-wage": PayPeriod.HOUR,
    "per-week-salary": PayPeriod.WEEK,
    "per-month-salary": PayPeriod.MONTH,
    "per-year-salary": PayPeriod.YEAR,
}


def lever_jobs(data) -> list[Job]:
    jobs = []
    for job in _list(data):
        categories = job.get("categories") or {}
        locations = categories.get("allLocations") or [categories.get("location")]
        sections = [_text(job.get("description"))]
        for section in job.get("lists") or []:
            sections.append(f"<h3>{html.escape(_text(section['text']))}</h3>")
            sections.append(f"<ul>{_text(section['content'])}</ul>")
        sections += [_text(job.get("additional")), _text(job.get("salaryDescription"))]
        workplace = LEVER_WORKPLACES.get(_text(job.get("workplaceType")).lower())
        created = job.get("createdAt")
        jobs.append(
            Job(
                external_id=_text(_required(job, "id")),
                title=_text(job["text"]),
                apply_url=_text(job.get("applyUrl") or job.get("hostedUrl")),
                description_html="\n".join(part for part in sections if part),
                employment_type=_text(categories.get("commitment")),
                location_names=tuple(_text(name) for name in locations if name),
                arrangements=(workplace,) if workplace else (),
                pay=_lever_pay(job.get("salaryRange")),
                department=_text(categories.get("department")),
                team=_text(categories.get("team")),
                published_on=(
                    datetime.fromtimestamp(created / 1000, tz=UTC).date()
                    if isinstance(created, int | float)
                    else None
                ),
            )
        )
    return jobs


def _lever_pay(salary) -> tuple[PayRange, ...]:
    if not salary:
        return ()
    period = LEVER_INTERVALS.get(salary.get("interval"))
    band = _pay_range(salary.get("min"), salary.get("max"), salary.get("currency"), period)
    return (band,) if band else ()


ASHBY_WORKPLACES = {
    "onsite": WorkArrangement.ONSITE,
    "hybrid": WorkArrangement.HYBRID,
    "remote": WorkArrangement.REMOTE,
}
ASHBY_INTERVALS = {
    "1 HOUR": PayPeriod.HOUR,
    "1 WEEK": PayPeriod.WEEK,
    "1 MONTH": PayPeriod.MONTH,
    "1 YEAR": PayPeriod.YEAR,
}


def ashby_jobs(data) -> list[Job]:
    jobs = []
    for job in _list(data["jobs"]):
        if job.get("isListed") is False:
            continue
        workplace = ASHBY_WORKPLACES.get(_text(job.get("workplaceType")).lower())
        if workplace is None and job.get("isRemote") is True:
            workplace = WorkArrangement.REMOTE
        places = [(job.get("location"), job.get("address"))]
        for secondary in job.get("secondaryLocations") or []:
            places.append((secondary.get("location"), secondary.get("address")))
        jobs.append(
            Job(
                external_id=_text(_required(job, "id")),
                title=_text(job["title"]),
                apply_url=_text(job.get("applyUrl") or job.get("jobUrl")),
                description_html=_text(job.get("descriptionHtml")),
                employment_type=_text(job.get("employmentType")),
                location_names=tuple(
                    name for name in (_ashby_place(*place) for place in places) if name
                ),
                arrangements=(workplace,) if workplace else (),
                pay=_ashby_pay(job.get("compensation")),
                department=_text(job.get("department")),
                team=_text(job.get("team")),
                published_on=_date(job.get("publishedAt")),
            )
        )
    return jobs


def _ashby_place(name, address) -> str:
    """ "City, Region, Country" from the postal address when it has a city; else the name."""
    postal = (address or {}).get("postalAddress") or {}
    keys = ("addressLocality", "addressRegion", "addressCountry")
    parts = [_text(postal.get(key)) for key in keys]
    if parts[0]:
        return ", ".join(part for part in parts if part)
    return _text(name)


def _ashby_pay(compensation) -> tuple[PayRange, ...]:
    if not compensation:
        return ()
    components = [
        component
        for tier in compensation.get("compensationTiers") or []
        for component in tier.get("components") or []
    ] or list(compensation.get("summaryComponents") or [])
    bands = []
    for component in components:
        if component.get("compensationType") != "Salary":
            continue
        band = _pay_range(
            component.get("minValue"),
            component.get("maxValue"),
            component.get("currencyCode"),
            ASHBY_INTERVALS.get(component.get("interval")),
        )
        if band and band not in bands:
            bands.append(band)
    return tuple(bands)


ADAPTERS = {
    BoardKind.GREENHOUSE: greenhouse_jobs,
    BoardKind.LEVER: lever_jobs,
    BoardKind.ASHBY: ashby_jobs,
}


def job_reading(job: Job) -> Reading:
    """What the board says about `job`: the reader for its text, the board's fields where it
    has them (title, apply URL, locations, workplace type, pay, department and team)."""
    header = f"<h1>{html.escape(job.title)}</h1>"
    if job.location_names:
        header += f"<p>Location: {html.escape('; '.join(job.location_names))}</p>"
    reading = read_posting(header + "\n" + job.description_html, html=True)
    reading = replace(reading, title=job.title, apply_url=job.apply_url or reading.apply_url)
    if job.location_names:
        located = read_posting("\n".join(f"Location: {name}" for name in job.location_names))
        if located.locations:
            reading.locations = list(located.locations)
            reading.evidence["locations"] = list(job.location_names)
    if job.arrangements:
        reading.arrangements = list(job.arrangements)
        reading.evidence["arrangements"] = ["the board's workplace type"]
    if job.pay:
        reading.pay = list(job.pay)
        reading.evidence["pay"] = ["the board's compensation"]
    reading.organization = reading.organization or job.department
    reading.team = reading.team or job.team
    reading.posted_on = job.published_on or reading.posted_on
    return reading


def _pay_range(minimum, maximum, currency, period) -> PayRange | None:
    """A band from the board's numbers, or None when they do not make one."""
    if period is None or not isinstance(currency, str):
        return None
    if not re.fullmatch(r"[A-Za-z]{3}", currency):
        return None
    amounts = [Decimal(str(value)) for value in (minimum, maximum) if value is not None]
    if not amounts or min(amounts) <= 0:
        return None
    return PayRange(min(amounts), max(amounts), currency.upper(), period)


def _list(value) -> list:
    if not isinstance(value, list):
        raise TypeError(f"expected a list of jobs, got {type(value).__name__}")
    return value


def _required(job: dict, key: str):
    value = job[key]
    if value in (None, ""):
        raise ValueError(f"a job without {key!r}")
    return value


def _text(value) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value.strip()


def _date(value) -> date | None:
    """The date of an ISO 8601 timestamp ("2026-01-15T10:00:00-05:00"), as the board states it."""
    if not value:
        return None
    return datetime.fromisoformat(_text(value).replace("Z", "+00:00")).date()
