"""The HTTP client for public job boards: timeouts, retries with backoff, JSON or a clear reason.

A board that does not answer, answers with an error, or answers with something that is not
JSON raises `BoardUnavailable` with a sentence for the import's report.
"""

import json
import time

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.exceptions import TimeoutError as Urllib3Timeout
from urllib3.util.retry import Retry

USER_AGENT = "ML Intern Board job-board import"
# A board of a few hundred jobs with their full texts is a few megabytes.
MAX_RESPONSE_BYTES = 50_000_000
RETRY_STATUSES = (429, 500, 502, 503, 504)


class BoardUnavailable(Exception):
    """The board could not be read; the message says why, for the import's report."""


def get_json(url: str, *, timeout: float | None = None, retries: int | None = None):
    """The JSON document at `url`, retried on timeouts, dropped connections and 429/5xx."""
    timeout = settings.IMPORT_TIMEOUT_SECONDS if timeout is None else timeout
    retries = settings.IMPORT_RETRIES if retries is None else retries
    deadline = time.monotonic() + timeout * (retries + 1) + 5
    with _session(retries) as session:
        try:
            response = session.get(
                url,
                timeout=timeout,
                stream=True,
                headers={"Accept": "application/json", "User-Agent": USER_AGENT},
            )
            body = _read(response, deadline)
        except requests.RequestException as error:
            causes = list(_causes(error))
            if any(isinstance(cause, TimeoutError | Urllib3Timeout) for cause in causes):
                raise BoardUnavailable(f"the board did not answer within {timeout:g} s") from None
            reason = type(causes[-1]).__name__
            raise BoardUnavailable(f"the board could not be reached ({reason})") from None
    if response.status_code != 200:
        raise BoardUnavailable(f"the board answered HTTP {response.status_code}")
    try:
        return json.loads(body)
    except ValueError:
        raise BoardUnavailable("the board's answer is not valid JSON") from None


def _session(retries: int) -> requests.Session:
    retry = Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        status_forcelist=RETRY_STATUSES,
        allowed_methods={"GET"},
        backoff_factor=0.5,
        backoff_max=10,
        # A board asking us to come back in an hour must not hold the whole import up.
        respect_retry_after_header=False,
        raise_on_status=False,
    )
    session = requests.Session()
    session.mount("http://", HTTPAdapter(max_retries=retry))
    session.mount("https://", HTTPAdapter(max_retries=retry))
    return session


def _read(response, deadline: float) -> bytes:
    """The body, refused past MAX_RESPONSE_BYTES or the deadline (a board dripping bytes)."""
    chunks, size = [], 0
    for chunk in response.iter_content(chunk_size=65536):
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            raise BoardUnavailable("the board's answer is larger than 50 MB")
        if time.monotonic() > deadline:
            raise BoardUnavailable("the board took too long to send its answer")
        chunks.append(chunk)
    return b"".join(chunks)


def _causes(error: BaseException):
    """The error and what lies under it: requests wraps urllib3's errors, which wrap socket's."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        wrapped = getattr(error, "reason", None)
        if not isinstance(wrapped, BaseException):
            wrapped = next((arg for arg in error.args if isinstance(arg, BaseException)), None)
        error = wrapped or error.__cause__ or error.__context__
