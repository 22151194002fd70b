"""Whether a student may apply to a posting: the verdict and its reason, from the posting's facts.

Every rule reads what the posting itself states, and silence is never "yes": a posting that does
not say whether it sponsors visas gets "Check", not "You can apply", from a student who needs a
visa. Each rule gives at most one finding; the verdict is the worst of them (not for you, then
check, then you can apply), and its reasons are the findings of that kind, in the order below.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from postings import iso_codes
from postings.models import DegreeLevel, Season, WorkArrangement, WorkAuthorization
from postings.templatetags.posting_tags import based_in_phrase


class Answer(StrEnum):
    YES = "yes"
    CHECK = "check"
    NO = "no"


VERDICT_HEADINGS = {
    Answer.YES: "You can apply",
    Answer.CHECK: "Check",
    Answer.NO: "Not for you",
}


@dataclass(frozen=True)
class AboutMe:
    """What a student told us about themselves (held in their session, never in a table)."""

    degree: str
    country: str
    needs_sponsorship: bool
    seasons: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    arrangements: tuple[str, ...] = ()

    def as_session_data(self) -> dict:
        return {
            "degree": self.degree,
            "country": self.country,
            "needs_sponsorship": self.needs_sponsorship,
            "seasons": list(self.seasons),
            "years": list(self.years),
            "arrangements": list(self.arrangements),
        }

    @classmethod
    def from_session_data(cls, data) -> "AboutMe | None":
        """The stored answers, or None when there are none or they no longer make sense."""
        if not isinstance(data, dict):
            return None
        try:
            about = cls(
                degree=DegreeLevel(data["degree"]).value,
                country=str(data["country"]),
                needs_sponsorship=bool(data["needs_sponsorship"]),
                seasons=tuple(Season(s).value for s in data.get("seasons", ())),
                years=tuple(int(y) for y in data.get("years", ())),
                arrangements=tuple(WorkArrangement(a).value for a in data.get("arrangements", ())),
            )
        except (KeyError, TypeError, ValueError):
            return None
        return about

    def summary(self) -> str:
        """ "PhD student in Germany, needs visa sponsorship"."""
        visa = "needs visa sponsorship" if self.needs_sponsorship else "needs no visa sponsorship"
        return (
            f"{DegreeLevel(self.degree).label} student in "
            f"{iso_codes.country_name(self.country)}, {visa}"
        )


@dataclass(frozen=True)
class Verdict:
    answer: Answer
    reasons: tuple[str, ...] = field(default=())

    @property
    def heading(self) -> str:
        return VERDICT_HEADINGS[self.answer]

    @property
    def text(self) -> str:
        """ "Not for you: PhD students only"; "You can apply" has no reason after it."""
        if not self.reasons:
            return self.heading
        return f"{self.heading}: {'; '.join(self.reasons)}"


def _students_phrase(levels) -> str:
    names = [DegreeLevel(level).label for level in levels]
    joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{joined} students only"


def _degree(posting, about: AboutMe):
    levels = posting.degree_levels
    if not levels:
        return Answer.CHECK, "the posting does not say which degrees it is for"
    if about.degree not in levels:
        return Answer.NO, _students_phrase(levels)
    return Answer.YES, ""


def _country(posting, about: AboutMe):
    # "" is the model's "no restriction stated" (Posting.applicants_based_in): anyone may apply.
    restriction = posting.applicants_based_in
    if restriction and restriction != about.country:
        return Answer.NO, based_in_phrase(restriction)
    return Answer.YES, ""


def _work_authorization(posting, about: AboutMe):
    stated = posting.work_authorization
    if stated == WorkAuthorization.CITIZENSHIP_REQUIRED:
        if about.needs_sponsorship:
            return Answer.NO, "Citizens only, no visa sponsorship"
        return Answer.CHECK, "the posting asks for citizenship"
    if not about.needs_sponsorship or stated == WorkAuthorization.SPONSORSHIP_OFFERED:
        return Answer.YES, ""
    if stated == WorkAuthorization.NO_SPONSORSHIP:
        return Answer.NO, "No visa sponsorship"
    return Answer.CHECK, "the posting does not say whether it sponsors visas"


def _season(posting, about: AboutMe):
    wrong_season = about.seasons and posting.season not in about.seasons
    wrong_year = about.years and posting.year not in about.years
    if wrong_season or wrong_year:
        return Answer.NO, f"{posting.season_label} only"
    return Answer.YES, ""


def _arrangement(posting, about: AboutMe):
    if not about.arrangements:
        return Answer.YES, ""
    offered = posting.work_arrangements
    if not offered:
        return Answer.CHECK, "the posting does not say whether it is on-site, hybrid or remote"
    if not set(offered) & set(about.arrangements):
        labels = ", ".join(WorkArrangement(kind).label for kind in offered)
        return Answer.NO, f"{labels} only"
    return Answer.YES, ""


RULES = (_degree, _country, _work_authorization, _season, _arrangement)


def verdict(posting, about: AboutMe) -> Verdict:
    """One verdict for `posting` from what it states, judged against `about`."""
    findings = [rule(posting, about) for rule in RULES]
    for answer in (Answer.NO, Answer.CHECK):
        reasons = tuple(reason for found, reason in findings if found == answer)
        if reasons:
            return Verdict(answer, reasons)
    return Verdict(Answer.YES)
