"""The text of a posting as it arrives (a file, standard input, an upload), checked before
reading: it must be UTF-8 text, not empty, not binary, and at most 1 MB."""

MAX_POSTING_BYTES = 1_000_000
CONTROL_CHARACTERS_ALLOWED = {"\t", "\n", "\r", "\f"}
MAX_CONTROL_SHARE = 0.01


class UnreadablePosting(ValueError):
    """The input is no posting text; the message says why, for a person."""


def posting_text(data: bytes) -> str:
    if len(data) > MAX_POSTING_BYTES:
        raise UnreadablePosting(
            f"The text is over {MAX_POSTING_BYTES:,} bytes, more than any posting; "
            "paste or save only the posting."
        )
    if b"\x00" in data:
        raise UnreadablePosting("This is a binary file, not a posting's text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadablePosting(
            f"The text is not UTF-8 (byte {error.start} cannot be read); save it as UTF-8."
        ) from error
    if not text.strip():
        raise UnreadablePosting("The text is empty." if not text else "The text is only spaces.")
    control = sum(1 for c in text if c < " " and c not in CONTROL_CHARACTERS_ALLOWED)
    if control > MAX_CONTROL_SHARE * len(text):
        raise UnreadablePosting("This is a binary file, not a posting's text.")
    return text
