"""The posting reader: one posting's text (plain or an ATS's HTML) in, a structured `Reading` out.

`read_posting(text)` never touches the network or the database.
"""

from postings.ingest.reader import read_posting
from postings.ingest.reading import JSON_KEYS, PayRange, Place, Reading

__all__ = ["JSON_KEYS", "PayRange", "Place", "Reading", "read_posting"]
