"""Reads one posting's text (a file, or "-" for standard input) and prints what the reader finds."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from postings.ingest import read_posting
from postings.ingest.reading import JSON_KEYS, REQUIREMENT_KINDS, Reading
from postings.ingest.source_text import MAX_POSTING_BYTES, UnreadablePosting, posting_text

BAD_INPUT = 2
EXTRA_FIELDS = (
    "organization",
    "team",
    "summary",
    "note_to_applicants",
    "in_office_requirement",
    "pay_note",
    "company_about",
    "equal_opportunity_statement",
)
EVIDENCE_WIDTH = 160


class Command(BaseCommand):
    help = (
        "Reads a posting's text (plain or HTML) from PATH, or from standard input with '-', and "
        "prints every field found with the text it came from; --json prints one JSON object."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH|-", help="A file, or - for standard input.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, path, json: bool, **options):
        data = self._read_bytes(path, options.get("stdin"))
        try:
            text = posting_text(data)
        except UnreadablePosting as error:
            raise CommandError(f"{_name(path)}: {error}", returncode=BAD_INPUT) from error
        reading = read_posting(text)
        if json:
            self.stdout.write(_as_json(reading))
        else:
            self.stdout.write(_for_a_person(reading))

    def _read_bytes(self, path: str, stdin) -> bytes:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin
            data = getattr(stream, "buffer", stream).read(MAX_POSTING_BYTES + 1)
            return data.encode("utf-8") if isinstance(data, str) else data
        file = Path(path)
        try:
            with file.open("rb") as handle:
                return handle.read(MAX_POSTING_BYTES + 1)
        except FileNotFoundError as error:
            raise CommandError(f"{path}: no such file.", returncode=BAD_INPUT) from error
        except IsADirectoryError as error:
            raise CommandError(f"{path} is a folder, not a file.", returncode=BAD_INPUT) from error
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}.", returncode=BAD_INPUT) from error


def _name(path: str) -> str:
    return "standard input" if path == "-" else path


def _as_json(reading: Reading) -> str:
    return json.dumps(reading.as_json(), ensure_ascii=False, indent=2)


def _for_a_person(reading: Reading) -> str:
    facts = reading.as_json()
    out = []
    for key in JSON_KEYS:
        if key == "requirements":
            out.extend(_requirements(reading))
            continue
        out.append(f"{key}: {_shown(key, facts[key])}")
        out.extend(_evidence(reading, key))
    for key in EXTRA_FIELDS:
        value = getattr(reading, key)
        out.append(f"{key}: {_clip(value) if value else '(not stated)'}")
    if reading.notes:
        out.append("")
        out.append("Notes:")
        out.extend(f"  {key}: {why}" for key, why in reading.notes.items())
    return "\n".join(out)


def _shown(key: str, value) -> str:
    if value in (None, "", []):
        return "(not stated)"
    if key == "locations":
        return "; ".join(", ".join(filter(None, place.values())) for place in value)
    if key == "pay":
        return "; ".join(_pay(band) for band in value)
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def _pay(band: dict) -> str:
    amount = band["min"] if band["min"] == band["max"] else f"{band['min']}–{band['max']}"
    return f"{amount} {band['currency']} per {band['period']}"


def _evidence(reading: Reading, key: str) -> list[str]:
    return [f"    from: “{_clip(piece)}”" for piece in reading.evidence.get(key, [])]


def _requirements(reading: Reading) -> list[str]:
    out = ["requirements:"]
    for kind in REQUIREMENT_KINDS:
        lines = reading.requirements.get(kind, [])
        heading = " / ".join(reading.evidence.get(kind, []))
        out.append(f"  {kind} ({len(lines)})" + (f", under “{heading}”" if heading else ""))
        out.extend(f"    - {line}" for line in lines)
    return out


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_WIDTH else text[: EVIDENCE_WIDTH - 1] + "…"
