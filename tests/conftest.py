"""Shared pytest fixtures."""

import pytest
from django.core.management import call_command


@pytest.fixture
def pinterest(db):
    """The two real Pinterest postings, loaded from fixtures/ as `make run` loads them."""
    call_command("loaddata", "pinterest", verbosity=0)
