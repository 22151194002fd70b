"""Marks requests of visitors whose pages show something of their own, for the page cache."""

from django.utils.functional import SimpleLazyObject

from students import visitor


class PersonalPagesMiddleware:
    """Sets `request.has_personal_state` (read by jobboard.cache.PageCacheMiddleware): a visitor
    with "About me" or a saved list gets pages made for them, never the shared cached ones, and
    theirs are never stored for anyone else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Read when first asked: the session is then read inside the view's handling, where a
        # database that is away gives the site's 503 page rather than a bare 500.
        request.has_personal_state = SimpleLazyObject(lambda: visitor.holds_personal_state(request))
        return self.get_response(request)
