"""What a visitor's session holds for this app: their "About me" and the key of their saved list.

Both are read once per request and kept on it, so a page with twenty cards reads the session
(and the saved list) once. A visitor with neither has no session at all: their pages stay
anonymous and cacheable.
"""

from datetime import timedelta

from django.conf import settings

from students.eligibility import AboutMe

ABOUT_ME = "students:about_me"
LIST_KEY = "students:list_key"
SESSION_KEYS = (ABOUT_ME, LIST_KEY)
# A session holding either is kept this long after it last changed (Django's default, two
# weeks, would lose a student's list between two application seasons).
KEPT_FOR = timedelta(days=365)


def _session(request):
    """The visitor's session when they have one (a cookie, or one started by this request).

    Without a session cookie the session is not touched at all: reading it would add
    "Vary: Cookie" to every anonymous page for nothing.
    """
    session = getattr(request, "session", None)
    if session is None:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or session.modified:
        return session
    return None


def holds_personal_state(request) -> bool:
    """Whether the visitor's pages would show anything of theirs (verdicts, saved postings)."""
    session = _session(request)
    return session is not None and any(key in session for key in SESSION_KEYS)


def about_me(request) -> AboutMe | None:
    if not hasattr(request, "_students_about_me"):
        session = _session(request)
        data = session.get(ABOUT_ME) if session is not None else None
        request._students_about_me = AboutMe.from_session_data(data)
    return request._students_about_me


def remember_about_me(request, about: AboutMe) -> None:
    request.session[ABOUT_ME] = about.as_session_data()
    request.session.set_expiry(KEPT_FOR)
    request._students_about_me = about


def forget_about_me(request) -> None:
    """Removes "About me" completely; with nothing else held, the session itself goes too."""
    request.session.pop(ABOUT_ME, None)
    request._students_about_me = None
    _end_session_if_empty(request)


def list_key(request) -> str | None:
    session = _session(request)
    key = session.get(LIST_KEY) if session is not None else None
    return key if isinstance(key, str) else None


def hold_list_key(request, key: str) -> None:
    request.session[LIST_KEY] = key
    request.session.set_expiry(KEPT_FOR)
    if hasattr(request, "_students_saved_ids"):
        del request._students_saved_ids


def forget_list_key(request) -> None:
    request.session.pop(LIST_KEY, None)
    _end_session_if_empty(request)


def _end_session_if_empty(request) -> None:
    if all(key.startswith("_") for key, _ in request.session.items()):
        request.session.flush()
