"""Placeholder until the reader lands: finds the title (the first line) and nothing else."""

from postings.ingest.reading import Reading


def read_posting(text: str, *, html: bool = False) -> Reading:
    """Reads one posting's text; `html=True` when it is the HTML an ATS returns."""
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    reading = Reading(title=first_line)
    if first_line:
        reading.evidence["title"] = [first_line]
    return reading
