"""The verdict on a posting reads what the posting states; silence is never "yes"."""

import pytest

from postings.models import Posting, Season, WorkAuthorization
from students.eligibility import AboutMe, Answer, verdict

MASTERS_IN_GERMANY = AboutMe(degree="masters", country="DE", needs_sponsorship=False)


def posting(**facts):
    """A posting in memory with the facts a verdict reads (no database needed)."""
    defaults = {
        "for_masters": True,
        "offers_onsite": True,
        "season": Season.SUMMER,
        "year": 2027,
        "work_authorization": WorkAuthorization.NOT_STATED,
    }
    return Posting(**{**defaults, **facts})


def test_every_requirement_met_means_you_can_apply():
    found = verdict(posting(), MASTERS_IN_GERMANY)
    assert found.answer == Answer.YES
    assert found.text == "You can apply"


def test_a_degree_the_student_is_not_studying_for_is_not_for_them():
    found = verdict(posting(for_masters=False, for_phd=True), MASTERS_IN_GERMANY)
    assert found.text == "Not for you: PhD students only"


def test_several_degrees_are_named_together():
    found = verdict(
        posting(for_masters=False, for_bachelors=True, for_phd=True), MASTERS_IN_GERMANY
    )
    assert found.text == "Not for you: Bachelor's and PhD students only"


def test_a_blank_country_restriction_means_anyone_may_apply():
    assert verdict(posting(applicants_based_in=""), MASTERS_IN_GERMANY).answer == Answer.YES
    assert verdict(posting(applicants_based_in="DE"), MASTERS_IN_GERMANY).answer == Answer.YES


def test_applicants_based_elsewhere_only_is_not_for_them():
    found = verdict(posting(applicants_based_in="US"), MASTERS_IN_GERMANY)
    assert found.text == "Not for you: US-based applicants only"


@pytest.mark.parametrize(
    ("stated", "answer", "text"),
    [
        (WorkAuthorization.SPONSORSHIP_OFFERED, Answer.YES, "You can apply"),
        (WorkAuthorization.NO_SPONSORSHIP, Answer.NO, "Not for you: No visa sponsorship"),
        (
            WorkAuthorization.NOT_STATED,
            Answer.CHECK,
            "Check: the posting does not say whether it sponsors visas",
        ),
        (
            WorkAuthorization.CITIZENSHIP_REQUIRED,
            Answer.NO,
            "Not for you: Citizens only, no visa sponsorship",
        ),
    ],
)
def test_a_student_who_needs_a_visa_is_told_what_the_posting_says(stated, answer, text):
    needs_visa = AboutMe(degree="masters", country="IN", needs_sponsorship=True)
    found = verdict(posting(work_authorization=stated), needs_visa)
    assert (found.answer, found.text) == (answer, text)


def test_silence_on_visas_does_not_matter_to_a_student_who_needs_none():
    assert verdict(posting(), MASTERS_IN_GERMANY).answer == Answer.YES


def test_citizenship_required_is_a_check_for_a_student_without_visa_needs():
    found = verdict(
        posting(work_authorization=WorkAuthorization.CITIZENSHIP_REQUIRED), MASTERS_IN_GERMANY
    )
    assert found.text == "Check: the posting asks for citizenship"


def test_seasons_and_years_are_checked_only_when_given():
    fall_2026 = AboutMe(
        degree="masters", country="DE", needs_sponsorship=False, seasons=("fall",), years=(2026,)
    )
    assert verdict(posting(), fall_2026).text == "Not for you: Summer 2027 only"
    assert verdict(posting(season="fall", year=2026), fall_2026).answer == Answer.YES


def test_arrangements_must_overlap_those_the_student_accepts():
    remote_only = AboutMe(
        degree="masters", country="DE", needs_sponsorship=False, arrangements=("remote",)
    )
    assert verdict(posting(), remote_only).text == "Not for you: On-site only"
    assert verdict(posting(offers_remote=True), remote_only).answer == Answer.YES
    silent = posting(offers_onsite=False)
    assert verdict(silent, remote_only).answer == Answer.CHECK


def test_not_for_you_wins_over_check_and_names_every_failed_requirement():
    needs_visa_phd = AboutMe(degree="phd", country="DE", needs_sponsorship=True)
    found = verdict(posting(applicants_based_in="US"), needs_visa_phd)
    assert found.text == "Not for you: Master's students only; US-based applicants only"


def test_stored_answers_that_no_longer_make_sense_are_no_answers():
    assert AboutMe.from_session_data({"degree": "wizard", "country": "DE"}) is None
    assert AboutMe.from_session_data("junk") is None
    stored = MASTERS_IN_GERMANY.as_session_data()
    assert AboutMe.from_session_data(stored) == MASTERS_IN_GERMANY
