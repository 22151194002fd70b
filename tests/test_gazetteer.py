"""The gazetteer's facts are kept between runs, and rebuilt when what they are made from changes."""

import pytest

from postings.ingest import gazetteer as module

SMALL_FACTS = {"cities": [("Lyon", "", "FR", 522969, "84", 45.7, 4.8)], "exact_names": {"lyon"}}


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = []

    def build():
        built.append(1)
        return SMALL_FACTS

    monkeypatch.setattr(module, "facts_from_packages", build)
    return tmp_path, built


def test_facts_are_built_once_and_read_back_from_the_users_cache(cache_home):
    home, built = cache_home
    assert module._kept_facts() == SMALL_FACTS
    assert module._kept_facts() == SMALL_FACTS
    assert len(built) == 1
    assert [path.parent.name for path in home.rglob("gazetteer-*.marshal")] == ["ml-intern-board"]


def test_unreadable_kept_facts_are_built_again(cache_home):
    _, built = cache_home
    module._kept_facts_path().parent.mkdir(parents=True)
    module._kept_facts_path().write_bytes(b"not marshal data")
    assert module._kept_facts() == SMALL_FACTS
    assert len(built) == 1


def test_a_cache_that_cannot_be_written_is_no_error(cache_home):
    home, built = cache_home
    (home / "ml-intern-board").write_text("a file where the directory would go")
    assert module._kept_facts() == SMALL_FACTS
    assert module._kept_facts() == SMALL_FACTS
    assert len(built) == 2


def test_facts_kept_by_an_older_version_are_removed(cache_home):
    home, _ = cache_home
    older = home / "ml-intern-board" / "gazetteer-0000000000000000.marshal"
    older.parent.mkdir(parents=True)
    older.write_bytes(b"old")
    module._kept_facts()
    assert not older.exists()


def test_the_gazetteer_finds_cities_by_any_of_their_names():
    places = module.gazetteer()
    assert places.cities_named("Cologne")[0].country == "DE"
    assert places.cities_named("NYC")[0].name == "New York"
    assert places.cities_named("Portland")[0].region == "OR"
    assert places.cities_named("Portland")[0] is places.cities_named("portland")[0]
