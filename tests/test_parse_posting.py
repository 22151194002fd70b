"""manage.py parse_posting: the reader's fields as JSON or for a person, and bad input refused."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from postings.ingest.reading import JSON_KEYS, REQUIREMENT_KINDS
from postings.ingest.source_text import MAX_POSTING_BYTES

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
FALL = SEED / "pinterest-2025-fall-machine-learning-intern.txt"


def parse(*args, stdin=None):
    out = io.StringIO()
    call_command("parse_posting", *args, stdout=out, stdin=stdin)
    return out.getvalue()


def test_json_has_exactly_the_keys_of_the_issue_in_order():
    printed = json.loads(parse(str(FALL), "--json"))
    assert list(printed) == list(JSON_KEYS)
    assert list(printed["requirements"]) == list(REQUIREMENT_KINDS)
    assert set(printed["locations"][0]) == {"city", "region", "country"}
    assert set(printed["pay"][0]) == {"min", "max", "currency", "period"}


def test_json_gives_the_facts_of_the_posting():
    printed = json.loads(parse(str(FALL), "--json"))
    assert printed["title"] == "2025 Fall Machine Learning Intern"
    assert printed["pay"] == [{"min": 10000, "max": 11000, "currency": "USD", "period": "month"}]
    assert printed["closes_on"] is None
    assert printed["work_authorization"] == "not_stated"


def test_a_posting_on_standard_input_reads_like_a_file():
    from_stdin = parse("-", "--json", stdin=io.StringIO(FALL.read_text()))
    assert json.loads(from_stdin) == json.loads(parse(str(FALL), "--json"))


def test_html_is_recognised_without_being_told():
    html = "<h2>ML Intern, Summer 2026</h2><h3>Responsibilities</h3><ul><li>Train models</li></ul>"
    printed = json.loads(parse("-", "--json", stdin=io.StringIO(html)))
    assert printed["title"] == "ML Intern, Summer 2026"
    assert printed["requirements"]["responsibility"] == ["Train models"]


def test_for_a_person_each_field_shows_where_it_came_from_and_the_notes():
    text = parse(str(SEED / "pinterest-phd-machine-learning-internship-2026-usa.txt"))
    assert "posted_on: 2025-09-26" in text
    assert "from: “September 26, 2025”" in text
    assert "closes_on: (not stated)" in text
    assert "Notes:" in text
    assert "“What you’ll do:” has nothing under it." in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t  \n", "only spaces"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Stelle für Praktikanten".encode("latin-1"), "not UTF-8"),
        (b"a" * (MAX_POSTING_BYTES + 1), "over 1,000,000 bytes"),
    ],
    ids=["empty", "whitespace", "binary", "undecodable", "over-1-MB"],
)
def test_bad_input_is_refused_with_a_message_and_status_2(tmp_path, data, message):
    path = tmp_path / "posting.txt"
    path.write_bytes(data)
    for args, stdin in (([str(path)], None), (["-"], io.BytesIO(data))):
        with pytest.raises(CommandError) as refused:
            parse(*args, stdin=stdin)
        assert refused.value.returncode == 2
        assert message in str(refused.value)


def test_a_missing_file_or_a_folder_is_refused_with_status_2(tmp_path):
    for path, message in ((tmp_path / "nothing.txt", "no such file"), (tmp_path, "a folder")):
        with pytest.raises(CommandError) as refused:
            parse(str(path))
        assert refused.value.returncode == 2
        assert message in str(refused.value)


def test_from_the_shell_json_is_all_that_standard_output_holds():
    manage = Path(__file__).resolve().parent.parent / "manage.py"
    done = subprocess.run(
        [sys.executable, str(manage), "parse_posting", str(FALL), "--json"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "SECRET_KEY": "insecure-key-for-tests-only"},
    )
    assert json.loads(done.stdout)["company"] == "Pinterest"


def test_from_the_shell_bad_input_exits_with_status_2_and_no_traceback(tmp_path):
    manage = Path(__file__).resolve().parent.parent / "manage.py"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = subprocess.run(
        [sys.executable, str(manage), "parse_posting", str(empty)],
        capture_output=True,
        text=True,
        env={**os.environ, "SECRET_KEY": "insecure-key-for-tests-only"},
    )
    assert done.returncode == 2
    assert "The text is empty." in done.stderr
    assert "Traceback" not in done.stderr
