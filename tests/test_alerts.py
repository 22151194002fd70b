"""Alerts: double opt-in, daily and weekly digests, one-click unsubscribe, rate-limited
confirmations, and send_alerts safe to run twice (Django's mail outbox)."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from students.alerts import CONFIRMATIONS_PER_DAY, alerts_send_due
from students.models import Alert
from tests.factories import PublishedPostingFactory
from tests.pages import text_of

pytestmark = pytest.mark.django_db


def sign_up(client, query="degree=phd", email="ana@example.org", **extra):
    return client.post(
        reverse("students:alert-new"),
        {"email": email, "frequency": "daily", "query": query, **extra},
    )


def link_in(message, name):
    path = reverse(f"students:alert-{name}", args=["TOKEN"]).replace("TOKEN", "[^/]+")
    return re.search(rf"http://[^/\s]+({path})", message.body).group(1)


def confirmed_alert(client, **kwargs):
    sign_up(client, **kwargs)
    client.post(link_in(mail.outbox[-1], "confirm"))
    return Alert.objects.get(email=kwargs.get("email", "ana@example.org"))


def published_days_ago(days, **kwargs):
    day = timezone.localdate() - timedelta(days=days)
    return PublishedPostingFactory(posted_on=day, first_published_on=day, **kwargs)


def test_the_list_page_offers_an_alert_for_its_filters(client):
    PublishedPostingFactory()
    html = client.get(reverse("postings:list") + "?degree=phd").content.decode()
    assert f'href="{reverse("students:alert-new")}?degree=phd"' in html
    form = client.get(reverse("students:alert-new") + "?degree=phd&page=3&junk=1")
    assert 'name="query" value="degree=phd"' in form.content.decode()


def test_signing_up_sends_one_confirmation_email_and_nothing_else(client):
    response = sign_up(client)
    assert "Check your inbox" in text_of(response.content.decode())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana@example.org"]
    alert = Alert.objects.get()
    assert alert.confirmed_at is None
    published_days_ago(0, for_phd=True)
    assert alerts_send_due(today=timezone.localdate() + timedelta(days=2)) == 0
    assert len(mail.outbox) == 1, "nothing is sent to an unconfirmed address"


def test_opening_the_confirmation_link_asks_and_posting_confirms(client):
    sign_up(client)
    link = link_in(mail.outbox[0], "confirm")
    assert "Yes, start my alert" in client.get(link).content.decode()
    assert Alert.objects.get().confirmed_at is None
    client.post(link)
    assert Alert.objects.get().confirmed_at is not None


def test_a_malformed_email_is_explained_on_its_field(client):
    response = sign_up(client, email="not an address")
    assert response.status_code == 400
    assert "Enter a valid email address" in response.content.decode()
    assert not Alert.objects.exists() and not mail.outbox


def test_confirmation_emails_to_one_address_are_rate_limited(client):
    for number in range(CONFIRMATIONS_PER_DAY):
        assert sign_up(client, query=f"year=202{number}").status_code == 200
    refused = sign_up(client, query="degree=masters")
    assert refused.status_code == 429
    assert "No more confirmation emails today" in refused.content.decode()
    assert len(mail.outbox) == CONFIRMATIONS_PER_DAY


def test_a_daily_digest_sends_new_matching_postings_once(client):
    alert = confirmed_alert(client)
    Alert.objects.filter(pk=alert.pk).update(sent_through=timezone.localdate() - timedelta(days=2))
    published_days_ago(1, title="New PhD role", for_phd=True)
    published_days_ago(1, title="New bachelor role", for_phd=False, for_bachelors=True)
    published_days_ago(5, title="Old PhD role", for_phd=True)
    mail.outbox.clear()
    call_command("send_alerts", stdout=io.StringIO())
    call_command("send_alerts", stdout=io.StringIO())
    assert len(mail.outbox) == 1, "safe to run twice"
    digest = mail.outbox[0]
    assert "New PhD role" in digest.body
    assert "New bachelor role" not in digest.body and "Old PhD role" not in digest.body
    unsubscribe = link_in(digest, "unsubscribe")
    assert digest.extra_headers["List-Unsubscribe"].endswith(f"{unsubscribe}>")
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link_in(digest, "manage")


def test_a_weekly_digest_waits_a_week(client):
    alert = confirmed_alert(client)
    Alert.objects.filter(pk=alert.pk).update(frequency="weekly")
    published_days_ago(0, for_phd=True)
    today = timezone.localdate()
    mail.outbox.clear()
    assert alerts_send_due(today=today + timedelta(days=3)) == 0
    assert alerts_send_due(today=today + timedelta(days=7)) == 1
    assert alerts_send_due(today=today + timedelta(days=7)) == 0


def test_about_me_leaves_out_what_it_rules_out_when_asked(client):
    client.post(
        reverse("students:about-me"),
        {"degree": "phd", "country": "DE", "needs_sponsorship": "no"},
    )
    alert = confirmed_alert(client, query="", use_about_me="on")
    Alert.objects.filter(pk=alert.pk).update(sent_through=timezone.localdate() - timedelta(days=2))
    published_days_ago(1, title="German PhD role", for_phd=True)
    published_days_ago(1, title="US only role", for_phd=True, applicants_based_in="US")
    mail.outbox.clear()
    alerts_send_due()
    assert "German PhD role" in mail.outbox[0].body
    assert "US only role" not in mail.outbox[0].body


def test_one_click_unsubscribe_works_without_a_csrf_token(client):
    confirmed_alert(client)
    alert = Alert.objects.get()
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        reverse("students:alert-unsubscribe", args=[alert.token]),
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert not Alert.objects.exists()


def test_the_manage_page_lists_the_addresss_alerts_only(client):
    confirmed_alert(client, query="degree=phd")
    other = Client()
    confirmed_alert(other, email="ben@example.org", query="degree=masters")
    ana = Alert.objects.get(email="ana@example.org")
    text = text_of(client.get(reverse("students:alert-manage", args=[ana.token])).content.decode())
    assert "ana@example.org" in text and "PhD" in text
    assert "ben@example.org" not in text and "Master" not in text


def test_an_unknown_token_is_not_found(client):
    for name in ("confirm", "manage"):
        assert client.get(reverse(f"students:alert-{name}", args=["guess"])).status_code == 404
