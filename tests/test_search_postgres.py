"""The stored search vector on PostgreSQL: kept current by triggers, searched through its index."""

from datetime import date

import pytest
from django.db import connection

from postings import demo
from postings.models import Posting
from postings.search import postgres as full_text
from tests.factories import (
    CompanyFactory,
    PublishedPostingFactory,
    RequirementFactory,
    ResearchAreaFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the stored search vector is PostgreSQL's"
    ),
]


def found(words):
    return set(full_text.search_vector_filter(Posting.objects.all(), words))


def stored_vector(posting):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM postings_posting WHERE id = %s", [posting.pk]
        )
        return cursor.fetchone()[0]


def test_a_new_posting_is_found_by_its_title_team_and_company():
    posting = PublishedPostingFactory(
        title="Robotics Intern", team="Manipulation", company=CompanyFactory(name="Kestrel Labs")
    )

    assert found("robotics") == {posting}
    assert found("manipulation") == {posting}
    assert found("kestrel") == {posting}
    assert found("astronomy") == set()


def test_changing_the_title_updates_the_vector():
    posting = PublishedPostingFactory(title="Robotics Intern")

    posting.title = "Speech Recognition Intern"
    posting.save()

    assert found("speech") == {posting}
    assert found("robotics") == set()


def test_adding_changing_and_deleting_a_requirement_updates_the_vector():
    posting = PublishedPostingFactory(title="Intern")

    line = RequirementFactory(posting=posting, text="Experience with PyTorch")
    assert found("pytorch") == {posting}

    line.text = "Experience with JAX"
    line.save()
    assert found("jax") == {posting}
    assert found("pytorch") == set()

    line.delete()
    assert found("jax") == set()


def test_adding_removing_and_renaming_a_research_area_updates_the_vector():
    posting = PublishedPostingFactory(title="Intern")
    area = ResearchAreaFactory(name="Causal inference", slug="causal-inference")

    posting.research_areas.add(area)
    assert found("causal") == {posting}

    area.name = "Bayesian statistics"
    area.save()
    assert found("bayesian") == {posting}
    assert found("causal") == set()

    posting.research_areas.remove(area)
    assert found("bayesian") == set()


def test_renaming_the_company_updates_its_postings_vectors():
    company = CompanyFactory(name="Basalt Systems")
    postings = {PublishedPostingFactory(company=company), PublishedPostingFactory(company=company)}

    company.name = "Granite Works"
    company.save()

    assert found("granite") == postings
    assert found("basalt") == set()


def test_title_words_rank_above_requirement_words():
    in_title = PublishedPostingFactory(title="Reinforcement Learning Intern")
    in_requirements = PublishedPostingFactory(title="Intern")
    RequirementFactory(posting=in_requirements, text="Some reinforcement learning coursework")

    ranked = full_text.search_vector_filter(Posting.objects.all(), "reinforcement learning")

    assert list(ranked.order_by("-search_rank")) == [in_title, in_requirements]


def test_web_search_syntax_supports_phrases_exclusion_and_or():
    vision = PublishedPostingFactory(title="Computer Vision Intern")
    speech = PublishedPostingFactory(title="Speech Intern")
    vision_speech = PublishedPostingFactory(title="Vision and Speech Intern")

    assert found('"computer vision"') == {vision}
    assert found("vision -speech") == {vision}
    assert found("computer or speech") == {vision, speech, vision_speech}


def test_search_works_when_the_postings_are_a_subquery():
    posting = PublishedPostingFactory(title="Graph Learning Intern")
    PublishedPostingFactory(title="Other Intern")

    matching = full_text.search_vector_filter(Posting.objects.all(), "graph")
    outer = Posting.objects.filter(pk__in=matching.values("pk"))

    assert list(outer) == [posting]


def test_seeded_postings_carry_the_same_vector_the_triggers_compute():
    demo.seed(postings=40, seed=1, today=date(2026, 3, 15))

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM postings_posting p"
            " WHERE search_vector IS DISTINCT FROM postings_search_document(p)"
        )
        assert cursor.fetchone()[0] == 0
    assert found("synthetic")


def test_search_uses_the_gin_index():
    demo.seed(postings=2000, seed=1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE postings_posting")
        # A table this small is cheaper to scan; `make bench` prints the plan at 100,000 rows.
        cursor.execute("SET LOCAL enable_seqscan = off")

    # Ranked, as the list page orders a search; otherwise the planner may walk the
    # newest-first index and filter, which says nothing about the search index.
    plan = (
        full_text.search_vector_filter(Posting.objects.all(), "reinforcement robotics")
        .order_by("-search_rank")
        .explain()
    )

    assert "posting_search_vector" in plan
    assert "Seq Scan on postings_posting" not in plan


def test_the_vector_is_stored_weighted():
    posting = PublishedPostingFactory(title="Vision Intern", team="Perception")

    vector = stored_vector(posting)

    assert "'vision':1A" in vector
    assert "'percept':3B" in vector
