"""Request ids on every response and log line, one-line log records, and the client's address."""

import logging
import re
import uuid
from contextvars import ContextVar

from django.conf import settings

REQUEST_ID_HEADER = "X-Request-ID"
# Accept the proxy's id only if it is short and plain, so it cannot forge log lines or headers.
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

_request_id = ContextVar("request_id", default="-")


class RequestIdMiddleware:
    """Takes the X-Request-ID a proxy sent, or makes one, and returns it on the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = sent if VALID_REQUEST_ID.match(sent) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdLogFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request)."""

    def filter(self, record):
        # django.request logs 4xx responses after the middleware has returned, but passes the
        # request along with the record.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or _request_id.get()
        return True


class OneLineFormatter(logging.Formatter):
    """Keeps each event, traceback included, on one line, so log collectors never split it."""

    def format(self, record):
        return super().format(record).replace("\r", "").replace("\n", " \\n ")


def client_ip(request):
    """The client's address: the peer, or what the outermost of our proxies saw.

    Each proxy appends the address it received from to X-Forwarded-For; entries further left
    than our proxies' were written by the client and could be anything.
    """
    if settings.PROXY_COUNT:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        if len(forwarded) >= settings.PROXY_COUNT and forwarded[-settings.PROXY_COUNT]:
            return forwarded[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")
