"""A stand-in for the posting reader, for tests of what is done with a `Reading`.

The reader itself is tested on its own corpus (tests/ingest_corpus/); tests of the review page
and the board import need a reading they can predict. This one knows only the few facts the
test texts and tests/job_boards/ carry: the title, "Summer 2026", a "Location:" line among a
handful of places, degree words, "on-site" and "remote", list items as qualifications, and one
research area.
"""

import re

from postings.ingest import Place, Reading

PLACES = {
    "San Francisco, CA": Place("San Francisco", "CA", "US"),
    "New York, NY": Place("New York", "NY", "US"),
    "Toronto, ON": Place("Toronto", "ON", "CA"),
    "Montreal, QC": Place("Montreal", "QC", "CA"),
    "Boston, Massachusetts, United States": Place("Boston", "MA", "US"),
}
SEASON = re.compile(r"\b(Spring|Summer|Fall|Winter) (20\d\d)\b")
HEADING = re.compile(r"<h1>(.*?)</h1>", re.DOTALL)
ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)
DEGREES = {"bachelors": "Bachelor's", "masters": "Master's", "phd": "PhD"}
ARRANGEMENTS = {"onsite": "on-site", "remote": "remote"}


def read_posting(text: str, *, html: bool = False) -> Reading:
    heading = HEADING.search(text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = heading[1] if heading else (lines[0] if lines else "")
    reading = Reading(title=title)
    if title:
        reading.evidence["title"] = [title]
    if season := SEASON.search(text):
        reading.season, reading.year = season[1].lower(), int(season[2])
        reading.evidence["season"] = reading.evidence["year"] = [season[0]]
    for name, place in PLACES.items():
        if f"Location: {name}" in text:
            reading.locations.append(place)
            reading.evidence.setdefault("locations", []).append(f"Location: {name}")
    reading.degree_levels = [level for level, word in DEGREES.items() if word in text]
    reading.arrangements = [kind for kind, word in ARRANGEMENTS.items() if word in text]
    reading.requirements["qualification"] = [item.strip() for item in ITEM.findall(text)]
    if "natural language processing" in text:
        reading.research_areas = ["natural-language-processing"]
        reading.evidence["research_areas"] = ["natural language processing"]
    return reading
