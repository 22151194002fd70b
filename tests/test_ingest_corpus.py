"""The reader against the corpus of postings with their expected fields (tests/ingest_corpus).

INGEST_CORPUS points the test at another folder of the same shape. Every posting must come out
with no invented value, and the corpus as a whole with at least 95% of its fields right, as
`make ingest-eval` counts them (postings/ingest/evaluation.py says what "right" is).
"""

import os
from pathlib import Path

import pytest

from postings.ingest.evaluation import corpus_files, evaluate_corpus, evaluate_posting

CORPUS = Path(os.environ.get("INGEST_CORPUS", Path(__file__).parent / "ingest_corpus"))
POSTINGS = corpus_files(CORPUS)
REQUIRED_ACCURACY = 0.95

needs_corpus = pytest.mark.skipif(not POSTINGS, reason=f"no corpus postings in {CORPUS}")


@needs_corpus
@pytest.mark.parametrize(("source", "expected"), POSTINGS, ids=[s.name for s, _ in POSTINGS])
def test_the_reader_invents_no_value(source, expected):
    result = evaluate_posting(source, expected)
    assert result.invented == []


@needs_corpus
def test_the_corpus_as_a_whole_has_at_least_95_percent_of_its_fields_right():
    right, total = evaluate_corpus(CORPUS).overall
    assert right / total >= REQUIRED_ACCURACY, f"{right}/{total}"
