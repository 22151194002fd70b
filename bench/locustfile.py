"""Simulated students and recruiters for `make loadtest` (bench/loadtest.py sets everything up).

Students browse as on the live board: the list, filter combinations, searches, posting pages,
feeds and deeper pages, pausing between clicks. Recruiters sign in to the admin and save one of
their company's postings every few seconds, each save writing a marker of its own into the
note to applicants; the markers of the saves the admin confirmed are written to
LOADTEST_SAVES, where the runner looks each one up in the database afterwards.

Environment: LOADTEST_DATA, a JSON file of what the requests may name (written by the runner).
"""

import itertools
import json
import os
import random
import threading
import uuid
from html.parser import HTMLParser

from locust import HttpUser, between, task

DATA = json.loads(open(os.environ["LOADTEST_DATA"]).read())  # noqa: SIM115
SAVES_LOG = os.environ["LOADTEST_SAVES"]
_recruiter_accounts = itertools.cycle(DATA["recruiters"])
_saves_lock = threading.Lock()


class StudentUser(HttpUser):
    """A student clicking through the board, one to three seconds between clicks."""

    weight = 1
    wait_time = between(1, 3)

    def _get(self, path, name):
        with self.client.get(
            path, name=name, headers={"Accept-Encoding": "gzip"}, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    @task(10)
    def list_page(self):
        self._get("/", "list")

    @task(10)
    def filtered_list(self):
        self._get(random.choice(DATA["filters"]), "filters")

    @task(8)
    def search(self):
        self._get("/?q=" + random.choice(DATA["searches"]).replace(" ", "+"), "search")

    @task(15)
    def posting_page(self):
        self._get(random.choice(DATA["postings"]), "detail")

    @task(3)
    def feed(self):
        kind = random.choice(["atom", "rss"])
        query = random.choice(["", *DATA["filters"][:50]]).lstrip("/")
        self._get(f"/feeds/{kind}/{query}", "feed")

    @task(5)
    def deeper_page(self):
        filters = random.choice(["/?", "/?arrangement=onsite&", "/?degree=masters&"])
        self._get(f"{filters}page={random.randint(2, 60)}", "pagination")


class AdminForm(HTMLParser):
    """The fields a browser would send from the admin's change form, as they are on the page."""

    def __init__(self):
        super().__init__()
        self.fields = []
        self._textarea = None
        self._select = None
        self._select_options = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = (name, "multiple" in attrs)
            self._select_options = []
        elif tag == "option" and self._select:
            self._select_options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            text = self._textarea[1]
            self.fields.append((self._textarea[0], text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [value for value, selected in self._select_options if selected]
            if not chosen and not multiple and self._select_options:
                chosen = [self._select_options[0][0]]
            self.fields += [(name, value) for value in chosen]
            self._select = None


class RecruiterUser(HttpUser):
    """A recruiter editing their company's postings in the admin, a save every few seconds."""

    fixed_count = len(DATA["recruiters"])
    wait_time = between(2, 5)

    def on_start(self):
        account = next(_recruiter_accounts)
        self.postings = account["postings"]
        self.client.get("/admin/login/", name="admin sign-in")
        self.client.post(
            "/admin/login/",
            {
                "username": account["username"],
                "password": account["password"],
                "next": "/admin/",
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            name="admin sign-in",
        )

    @task
    def save_a_posting(self):
        posting_id = random.choice(self.postings)
        url = f"/admin/postings/posting/{posting_id}/change/"
        form = AdminForm()
        form.feed(self.client.get(url, name="admin change form").text)
        marker = f"Load test save {uuid.uuid4().hex}"
        data = [(name, value) for name, value in form.fields if name != "note_to_applicants"]
        data += [("note_to_applicants", marker), ("_save", "Save")]
        with self.client.post(
            url, data=data, name="admin save", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 302 and "/change/" not in response.headers["Location"]:
                with _saves_lock, open(SAVES_LOG, "a") as log:
                    log.write(json.dumps({"posting": posting_id, "marker": marker}) + "\n")
            else:
                response.failure(f"save not confirmed: HTTP {response.status_code}")
