"""Filter URLs without empty parameters, so a shared or bookmarked link says only what it means.

A GET form sends every field, chosen or not (`?q=&season=&year=&min_pay=`). The server answers
such a request with a redirect to the same query minus its empty values, keeping the others,
repeats included, in their order; static/js/filters.js drops them before the form is sent, so
with JavaScript on there is no redirect at all.
"""

from functools import wraps
from urllib.parse import parse_qsl

from django.http import HttpResponseRedirect
from django.utils.http import urlencode


def without_empty_parameters(view):
    """Wraps `view` so that a GET with empty parameters is redirected to the query without them."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        # request.GET first: it refuses a query of more fields than Django allows.
        if request.method in ("GET", "HEAD") and _has_empty_value(request.GET):
            pairs = parse_qsl(
                request.META.get("QUERY_STRING", ""), keep_blank_values=True, errors="replace"
            )
            query = urlencode([(name, value) for name, value in pairs if value.strip()])
            return HttpResponseRedirect(request.path + (f"?{query}" if query else ""))
        return view(request, *args, **kwargs)

    return wrapped


def _has_empty_value(query):
    return any(not value.strip() for _, values in query.lists() for value in values)
