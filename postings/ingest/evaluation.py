"""Scores the posting reader against a corpus of postings with their expected readings.

A corpus is a folder of `NAME.txt` or `NAME.html` files, each beside a `NAME.json` holding the
expected answer (the keys of `parse_posting --json` plus `_extra`; see
tests/ingest_corpus/README.md). What "right" means, field by field:

- text fields (title, company, start_window, and the `_extra` texts organization, team,
  note_to_applicants, in_office_requirement, pay_note, company_about,
  equal_opportunity_statement): equal after collapsing runs of whitespace; empty is "" or null;
- season, year, duration_weeks, applicants_based_in, work_authorization, posted_on, closes_on,
  apply_url: equal;
- degree_levels, arrangements, research_areas: equal as sets;
- locations: equal as sets of (city casefolded and without accents, region, country);
- pay: equal as multisets of (min, max, currency, period), amounts compared as numbers;
- pay_places: equal as multisets of (pay band, office), the office compared as a location is;
- requirements: each kind (responsibility, qualification, preferred, benefit) equal as an
  ordered list of lines after collapsing whitespace.

An invented value is a value or list item the reader gave that the expected answer does not have:
a non-empty scalar that differs from the expected one (work_authorization counts when it is not
"not_stated"), a list item (a location, a pay band, a requirement line, a slug) that is not
expected, a text that differs from the expected text.
"""

import json
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from postings.ingest.gazetteer import fold, gazetteer
from postings.ingest.reader import read_posting
from postings.ingest.reading import NOT_STATED, REQUIREMENT_KINDS, Reading

TEXT_FIELDS = ("title", "company", "start_window")
EXACT_FIELDS = (
    "season",
    "year",
    "duration_weeks",
    "applicants_based_in",
    "work_authorization",
    "posted_on",
    "closes_on",
    "apply_url",
)
SET_FIELDS = ("degree_levels", "arrangements", "research_areas")
EXTRA_TEXT_FIELDS = (
    "organization",
    "team",
    "note_to_applicants",
    "in_office_requirement",
    "pay_note",
    "company_about",
    "equal_opportunity_statement",
)
SCORED_FIELDS = (
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
    *EXTRA_TEXT_FIELDS,
    "pay_places",
)


@dataclass
class FieldResult:
    right: bool
    invented: list = field(default_factory=list)
    expected: object = None
    got: object = None


@dataclass
class PostingResult:
    name: str
    seconds: float  # wall-clock time of read_posting
    cpu_seconds: float  # processor time of read_posting: what reading costs on a busy machine
    fields: dict[str, FieldResult]

    @property
    def invented(self) -> list[tuple[str, object]]:
        return [(name, item) for name, result in self.fields.items() for item in result.invented]


@dataclass
class CorpusResult:
    postings: list[PostingResult]
    load_seconds: float
    load_cpu_seconds: float

    def accuracy(self, field_name: str) -> tuple[int, int]:
        results = [p.fields[field_name] for p in self.postings]
        return sum(r.right for r in results), len(results)

    @property
    def overall(self) -> tuple[int, int]:
        results = [r for p in self.postings for r in p.fields.values()]
        return sum(r.right for r in results), len(results)

    @property
    def invented(self) -> list[tuple[str, str, object]]:
        return [(p.name, name, item) for p in self.postings for name, item in p.invented]

    def milliseconds(self, *, cpu: bool = False) -> tuple[float, float]:
        """Median and maximum time to read one posting."""
        times = [(p.cpu_seconds if cpu else p.seconds) * 1000 for p in self.postings]
        return statistics.median(times), max(times)


def corpus_files(corpus: Path) -> list[tuple[Path, Path]]:
    """(posting, expected answer) pairs, by name."""
    pairs = []
    for expected in sorted(corpus.glob("*.json")):
        for suffix in (".txt", ".html"):
            source = expected.with_suffix(suffix)
            if source.exists():
                pairs.append((source, expected))
                break
    return pairs


def evaluate_corpus(corpus: Path) -> CorpusResult:
    started, cpu_started = time.perf_counter(), time.process_time()
    gazetteer()
    load_seconds, load_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    postings = [evaluate_posting(source, expected) for source, expected in corpus_files(corpus)]
    return CorpusResult(postings, load_seconds, load_cpu)


def evaluate_posting(source: Path, expected_path: Path) -> PostingResult:
    text = source.read_text(encoding="utf-8")
    started, cpu_started = time.perf_counter(), time.process_time()
    reading = read_posting(text, html=source.suffix == ".html")
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    return PostingResult(source.name, seconds, cpu_seconds, compare(reading, expected))


def compare(reading: Reading, expected: dict) -> dict[str, FieldResult]:
    got = reading.as_json()
    extra = expected.get("_extra", {})
    results = {}
    for name in TEXT_FIELDS:
        results[name] = _compare_text(got[name], expected.get(name))
    for name in EXACT_FIELDS:
        results[name] = _compare_exact(name, got[name], expected.get(name))
    for name in SET_FIELDS:
        results[name] = _compare_sets(got[name], expected.get(name) or [])
    results["locations"] = _compare_sets(
        [_place_key(p) for p in got["locations"]],
        [_place_key(p) for p in expected.get("locations") or []],
    )
    results["pay"] = _compare_multisets(
        [_band_key(b) for b in got["pay"]], [_band_key(b) for b in expected.get("pay") or []]
    )
    results["requirements"] = _compare_requirements(got["requirements"], expected)
    for name in EXTRA_TEXT_FIELDS:
        results[name] = _compare_text(getattr(reading, name), extra.get(name))
    results["pay_places"] = _compare_multisets(
        [
            (_band_key(band), _place_key(place))
            for band, place in zip(got["pay"], _pay_places(reading), strict=True)
        ],
        [
            (_band_key(band), _place_key(place))
            for band, place in zip(
                expected.get("pay") or [], extra.get("pay_places") or [], strict=False
            )
        ],
    )
    return {name: results[name] for name in SCORED_FIELDS}


def _collapsed(text) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _compare_text(got, expected) -> FieldResult:
    got, expected = _collapsed(got), _collapsed(expected)
    invented = [got] if got and got != expected else []
    return FieldResult(got == expected, invented, expected, got)


def _compare_exact(name, got, expected) -> FieldResult:
    empty = (None, "", NOT_STATED) if name == "work_authorization" else (None, "")
    invented = [got] if got not in empty and got != expected else []
    return FieldResult(got == expected, invented, expected, got)


def _compare_sets(got, expected) -> FieldResult:
    got_set, expected_set = set(map(_hashable, got)), set(map(_hashable, expected))
    invented = sorted(got_set - expected_set, key=str)
    return FieldResult(got_set == expected_set, invented, expected, got)


def _compare_multisets(got, expected) -> FieldResult:
    got_count, expected_count = Counter(got), Counter(expected)
    invented = list((got_count - expected_count).elements())
    return FieldResult(got_count == expected_count, invented, expected, got)


def _compare_requirements(got: dict, expected: dict) -> FieldResult:
    wanted = expected.get("requirements") or {}
    right, invented = True, []
    for kind in REQUIREMENT_KINDS:
        got_lines = [_collapsed(line) for line in got.get(kind, [])]
        expected_lines = [_collapsed(line) for line in wanted.get(kind, [])]
        right = right and got_lines == expected_lines
        invented.extend(f"{kind}: {line}" for line in got_lines if line not in expected_lines)
    return FieldResult(right, invented, wanted, got)


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value


def _place_key(place) -> tuple | None:
    if place is None:
        return None
    if not isinstance(place, dict):
        place = {"city": place.city, "region": place.region, "country": place.country}
    return (fold(place.get("city") or ""), place.get("region") or "", place.get("country") or "")


def _band_key(band: dict) -> tuple:
    return (
        Decimal(str(band["min"])).normalize(),
        Decimal(str(band["max"])).normalize(),
        band["currency"],
        band["period"],
    )


def _pay_places(reading: Reading) -> list:
    return [band.place for band in reading.pay]
