"""The README's commands work as written: the virtualenv's Python, commands that exist."""

import re
from pathlib import Path

from django.core.management import get_commands

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
CODE = re.findall(r"```sh\n(.*?)```|`([^`\n]+)`", README, flags=re.S)
COMMAND_LINES = [line for block, inline in CODE for line in (block or inline).splitlines()]


def test_every_manage_py_command_runs_with_the_virtualenvs_python_and_exists():
    commands = [line for line in COMMAND_LINES if "manage.py" in line]

    assert len(commands) >= 8
    for line in commands:
        match = re.search(r"(\S*)python manage\.py (\w+)", line)
        assert match and match.group(1) == ".venv/bin/", line
        assert match.group(2) in get_commands(), line


def test_no_command_calls_a_bare_python():
    for line in COMMAND_LINES:
        assert not re.search(r"(^|[\s($])python3?\s", line), line


def test_the_readme_says_make_run_takes_another_port():
    assert "make run PORT=8001" in README
