"""/healthz answers in JSON whether the database works, for load balancers over plain http."""

import json
import logging
from unittest import mock

import pytest
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db


def test_healthz_reports_a_working_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_down(client, caplog):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("no route")):
        response = client.get("/healthz", headers={"X-Request-ID": "probe-17"})

    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "database": "unavailable"}
    assert response["X-Request-ID"] == "probe-17"
    [record] = [r for r in caplog.records if r.name == "jobboard.health"]
    assert record.levelno == logging.ERROR
    assert "no route" in record.exc_text


def test_healthz_is_never_cached(client):
    client.get("/healthz")
    response = client.get("/healthz")
    assert "no-store" in response["Cache-Control"]
    assert "X-Cache" not in response


def test_healthz_is_reachable_over_plain_http_when_https_is_enforced(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_healthz_answers_get_and_head_only(client):
    assert client.head("/healthz").status_code == 200
    response = client.post("/healthz")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
