"""Alerts: "Email me new internships like these", with double opt-in and daily or weekly digests.

Nothing is sent to an address before it is confirmed through the link in the one email it
gets; an address gets at most CONFIRMATIONS_PER_DAY of those. `alerts_send_due` (manage.py
send_alerts, meant for cron) claims each due digest by moving its `sent_through` day forward in
one conditional update before sending, so two runs, even at once, never send one twice.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from postings.feeds import PostingFeed
from postings.listing.filterset import PostingFilter
from students.eligibility import AboutMe, Answer, verdict
from students.models import FREQUENCY_DAYS, Alert, ConfirmationEmail

logger = logging.getLogger(__name__)

CONFIRMATIONS_PER_DAY = 3
# An alert never confirmed is deleted after this long, with its address.
UNCONFIRMED_DAYS = 7
DIGEST_LENGTH = 50


class TooManyConfirmations(Exception):
    """The address was sent CONFIRMATIONS_PER_DAY confirmation emails in the last day."""


def site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def filters_of(query: str) -> PostingFilter:
    return PostingFilter(QueryDict(query))


def alert_title(alert: Alert) -> str:
    return PostingFeed().title(filters_of(alert.query)).removeprefix("ML Intern Board: ")


def clean_query(query: str) -> str:
    """The list page's query as its filters read it: only valid filter values, no page."""
    return filters_of(query).active_query()


def _send_confirmation(alert: Alert) -> None:
    since = timezone.now() - timedelta(days=1)
    with transaction.atomic():
        sent = ConfirmationEmail.objects.filter(email__iexact=alert.email, sent_at__gte=since)
        if sent.count() >= CONFIRMATIONS_PER_DAY:
            raise TooManyConfirmations(alert.email)
        ConfirmationEmail.objects.create(email=alert.email.lower())
    context = {
        "alert": alert,
        "title": alert_title(alert),
        "confirm_url": site_url(reverse("students:alert-confirm", args=[alert.token])),
    }
    EmailMessage(
        subject="Confirm your ML Intern Board alert",
        body=render_to_string("students/email/confirm.txt", context),
        to=[alert.email],
    ).send()
    Alert.objects.filter(pk=alert.pk).update(confirmation_sent_at=timezone.now())


def alert_subscribe(*, email: str, query: str, frequency: str, about_me: AboutMe | None) -> Alert:
    """Records the alert (or finds the same one) and sends its confirmation email.

    Raises TooManyConfirmations when the address had its share of them today.
    """
    query = clean_query(query)
    about_data = about_me.as_session_data() if about_me else None
    alert = (
        Alert.objects.for_email(email)
        .filter(query=query, frequency=frequency, about_me=about_data)
        .first()
    )
    if alert is None:
        alert = Alert(email=email, query=query, frequency=frequency, about_me=about_data)
        alert.full_clean()
        alert.save()
    if alert.confirmed_at is None:
        _send_confirmation(alert)
    return alert


def alert_confirm(*, alert: Alert) -> Alert:
    """Confirms the address; the first digest covers postings published from today on."""
    if alert.confirmed_at is None:
        alert.confirmed_at = timezone.now()
        alert.sent_through = timezone.localdate() - timedelta(days=1)
        alert.save(update_fields=["confirmed_at", "sent_through"])
    return alert


def alert_unsubscribe(*, alert: Alert) -> None:
    alert.delete()


def _digest_postings(alert: Alert, *, after, through):
    postings = (
        filters_of(alert.query)
        .qs.filter(first_published_on__gt=after, first_published_on__lte=through)
        .newest_first()
        .with_card_details()
    )
    about = AboutMe.from_session_data(alert.about_me)
    found = []
    for posting in postings[: DIGEST_LENGTH * 4]:
        if about is None or verdict(posting, about).answer != Answer.NO:
            found.append(posting)
        if len(found) == DIGEST_LENGTH:
            break
    return found


def _send_digest(alert: Alert, postings, *, after, through) -> None:
    manage = site_url(reverse("students:alert-manage", args=[alert.token]))
    unsubscribe = site_url(reverse("students:alert-unsubscribe", args=[alert.token]))
    context = {
        "alert": alert,
        "title": alert_title(alert),
        "postings": [(p, site_url(p.get_absolute_url())) for p in postings],
        "list_url": site_url(reverse("postings:list") + (f"?{alert.query}" if alert.query else "")),
        "manage_url": manage,
        "unsubscribe_url": unsubscribe,
        "after": after,
        "through": through,
    }
    EmailMessage(
        subject=f"{len(postings)} new internship{'s' if len(postings) != 1 else ''}: "
        f"{context['title']}",
        body=render_to_string("students/email/digest.txt", context),
        to=[alert.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    ).send()


def alerts_send_due(*, today=None) -> int:
    """Sends every digest that is due; returns how many emails went out. Safe to run twice."""
    today = today or timezone.localdate()
    through = today - timedelta(days=1)  # today is not over: its postings go out tomorrow
    sent = 0
    for alert in Alert.objects.confirmed().filter(sent_through__lt=through).order_by("pk"):
        after = alert.sent_through
        if (through - after).days < FREQUENCY_DAYS[alert.frequency]:
            continue
        claimed = Alert.objects.filter(pk=alert.pk, sent_through=after).update(sent_through=through)
        if not claimed:
            continue  # another run took it
        postings = _digest_postings(alert, after=after, through=through)
        if not postings:
            continue
        try:
            _send_digest(alert, postings, after=after, through=through)
        except Exception:
            # Not sent: give it back, so the next run tries again.
            Alert.objects.filter(pk=alert.pk, sent_through=through).update(sent_through=after)
            logger.exception("Alert %s: digest not sent", alert.pk)
            continue
        sent += 1
    _forget_stale(now=timezone.now())
    return sent


def _forget_stale(*, now) -> None:
    """Unconfirmed alerts after UNCONFIRMED_DAYS, and the rate limit's log after a day."""
    Alert.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - timedelta(days=UNCONFIRMED_DAYS)
    ).delete()
    ConfirmationEmail.objects.filter(sent_at__lt=now - timedelta(days=1)).delete()
