"""Security headers on every page, safe cookies, CSRF, HTTPS, and admin lockout after failures."""

import os
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from tests.factories import PublishedPostingFactory

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent
LOGIN_URL = "/admin/login/"


def production_env(**overrides):
    """The environment of a real deployment: DEBUG off, a long random key, nothing else set."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "DATABASE_URL", "VIRTUAL_ENV"}
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="interns.example.org",
        DJANGO_SETTINGS_MODULE="jobboard.settings",
    )
    env.update(overrides)
    return env


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def page_urls():
    posting = PublishedPostingFactory()
    return [
        "/",
        posting.get_absolute_url(),
        posting.company.get_absolute_url(),
        "/sitemap.xml",
        "/feeds/atom/",
        "/no-such-page/",
        LOGIN_URL,
    ]


def test_every_page_sends_the_security_headers(client, page_urls):
    for url in page_urls:
        response = client.get(url, secure=True)
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        ), url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert "Content-Security-Policy" in response, url


def test_cached_pages_keep_the_security_headers(client, page_urls):
    client.get("/", secure=True)
    response = client.get("/", secure=True)
    assert response["X-Cache"] == "HIT"
    assert response["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" in response
    assert "Content-Security-Policy" in response


def test_content_security_policy_allows_only_our_own_scripts_and_styles(client):
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in client.get("/")["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["form-action"] == "'self'"
    assert "unsafe-inline" not in client.get("/")["Content-Security-Policy"]


def test_pages_contain_no_inline_script_or_style(client, page_urls):
    for url in page_urls:
        page = client.get(url).content.decode()
        # JSON-LD is data, not script, so the policy does not apply to it.
        scripts = page.replace('<script type="application/ld+json">', "")
        assert "<script>" not in scripts, url
        assert "<style" not in page, url
        assert " style=" not in page, url
        assert " onclick=" not in page.lower(), url


def test_plain_http_is_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get("/?season=summer")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/?season=summer"


def test_https_behind_the_proxy_is_recognised(settings):
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response


def test_session_and_csrf_cookies_are_secure_httponly_and_same_site(
    client, settings, django_user_model
):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    django_user_model.objects.create_superuser("boss", password="correct horse battery")
    client.get(LOGIN_URL, secure=True)
    response = client.post(
        LOGIN_URL,
        {"username": "boss", "password": "correct horse battery", "next": "/admin/"},
        secure=True,
    )
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies[name] if name in response.cookies else client.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name


def test_production_settings_make_cookies_secure_by_default():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; from django.conf import settings; django.setup(); "
            "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, "
            "settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS)",
        ],
        cwd=BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split()[-4:] == ["True", "True", "True", "31536000"], result.stderr


def test_the_admin_login_form_is_protected_against_csrf(django_user_model):
    django_user_model.objects.create_superuser("boss", password="correct horse battery")
    strict = Client(enforce_csrf_checks=True)
    form = strict.get(LOGIN_URL).content.decode()
    assert 'name="csrfmiddlewaretoken"' in form

    response = strict.post(LOGIN_URL, {"username": "boss", "password": "correct horse battery"})

    assert response.status_code == 403
    assert "_auth_user_id" not in strict.session


def fail_login(client, username="boss", address="203.0.113.7"):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": "wrong guess"},
        REMOTE_ADDR=address,
    )


def log_in(client, username="boss", address="203.0.113.7"):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": "correct horse battery", "next": "/admin/"},
        REMOTE_ADDR=address,
    )


@pytest.fixture
def admin_account(django_user_model):
    return django_user_model.objects.create_superuser("boss", password="correct horse battery")


def test_admin_sign_in_is_locked_after_five_wrong_passwords(client, admin_account):
    for _ in range(4):
        response = fail_login(client)
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()

    locked = fail_login(client)
    assert locked.status_code == 429
    assert "locked" in locked.content.decode().lower()

    # Even the right password is refused while locked.
    refused = log_in(client)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_holds_for_that_username_and_address_only(client, admin_account):
    for _ in range(5):
        fail_login(client)

    from_elsewhere = log_in(Client(), address="198.51.100.20")

    assert from_elsewhere.status_code == 302
    assert from_elsewhere["Location"] == "/admin/"


def test_the_lockout_ends_after_the_cool_off(client, admin_account):
    for _ in range(5):
        fail_login(client)
    assert log_in(client).status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))

    assert log_in(client).status_code == 302


def test_a_successful_sign_in_resets_the_failure_count(client, admin_account):
    for _ in range(4):
        fail_login(client)
    assert log_in(client).status_code == 302
    client.logout()

    for _ in range(4):
        assert fail_login(client).status_code == 200
    assert log_in(client).status_code == 302


def test_one_address_trying_one_password_on_many_usernames_is_locked_out(
    client, admin_account, settings
):
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    for number in range(limit - 1):
        assert fail_login(client, username=f"victim{number}").status_code == 200

    assert fail_login(client, username="one-more-victim").status_code == 429
    assert fail_login(client, username="yet-another").status_code == 429
    # Even the right password of a real account, from that address.
    assert log_in(client).status_code == 429
    # Other addresses are not affected.
    assert log_in(Client(), address="198.51.100.20").status_code == 302


def test_signing_in_to_ones_own_account_does_not_reset_the_address_count(
    client, admin_account, settings, django_user_model
):
    django_user_model.objects.create_superuser("attacker", password="correct horse battery")
    for number in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        fail_login(client, username=f"victim{number}")

    assert log_in(client, username="attacker").status_code == 302
    client.logout()

    assert fail_login(client, username="victim-after").status_code == 429


def test_a_few_typos_from_a_shared_office_address_lock_no_one_out(
    client, admin_account, django_user_model
):
    django_user_model.objects.create_superuser("colleague", password="correct horse battery")
    for username in ["boss", "colleague", "boss", "colleague", "boss", "colleague"]:
        assert fail_login(client, username=username).status_code == 200

    assert log_in(client, username="colleague").status_code == 302


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]
)
def test_sign_in_with_an_unsafe_next_lands_on_the_admin_index(client, admin_account, next_url):
    response = client.post(
        LOGIN_URL,
        {"username": "boss", "password": "correct horse battery", "next": next_url},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_behind_a_proxy_the_lockout_uses_the_forwarded_client_address(
    client, admin_account, settings
):
    settings.PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            LOGIN_URL,
            {"username": "boss", "password": "wrong guess"},
            REMOTE_ADDR="127.0.0.1",
            headers={"X-Forwarded-For": "1.2.3.4, 203.0.113.7"},
        )

    other_student = Client().post(
        LOGIN_URL,
        {"username": "boss", "password": "correct horse battery", "next": "/admin/"},
        REMOTE_ADDR="127.0.0.1",
        headers={"X-Forwarded-For": "198.51.100.20"},
    )

    assert other_student.status_code == 302


def test_check_deploy_reports_nothing_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_catches_a_short_secret_key():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env(SECRET_KEY="short")
    )
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


def without_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    return env


@pytest.mark.parametrize("entry_point", ["jobboard.wsgi", "jobboard.asgi"])
def test_a_debug_off_server_without_a_secret_key_refuses_to_start(entry_point):
    # gunicorn (and runserver) load the application from these modules before serving.
    result = subprocess.run(
        [sys.executable, "-c", f"import {entry_point}"],
        cwd=BASE_DIR,
        env=without_secret_key(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_runserver_without_a_secret_key_refuses_to_start_with_debug_off():
    result = run_manage("runserver", "--noreload", "127.0.0.1:0", env=without_secret_key())
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_check_deploy_flags_a_missing_secret_key():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=without_secret_key())
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


def test_commands_that_sign_nothing_run_without_a_secret_key():
    result = run_manage("makemigrations", "--check", "--dry-run", env=without_secret_key())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_the_admin_can_be_moved_with_a_setting():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.urls import reverse; "
            "print(reverse('admin:login'))",
        ],
        cwd=BASE_DIR,
        env=production_env(ADMIN_URL="staff-7f3a/"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip().splitlines()[-1] == "/staff-7f3a/login/", result.stderr


def test_static_files_carry_the_pages_csp_and_frame_headers(client, settings, tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("body { color: black; }")
    settings.STATIC_ROOT = tmp_path
    page = Client().get("/", secure=True)

    response = Client().get("/static/css/site.css", secure=True)

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == page["Content-Security-Policy"]
    assert response["X-Frame-Options"] == page["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" in response
    response.close()
