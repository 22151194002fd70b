"""What a visitor keeps here without an account: a saved list under a private key, and alerts."""

import secrets

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone

from postings.models import Posting

NOTE_LIMIT = 2000
# A list nobody opened or changed for this long may be deleted (manage.py delete_unused_lists).
UNUSED_LIST_DAYS = 365


def new_key() -> str:
    """A random, unguessable key (32 URL-safe characters, 192 bits)."""
    return secrets.token_urlsafe(24)


class SavedListQuerySet(models.QuerySet):
    def unused_since(self, moment):
        return self.filter(last_used_at__lt=moment)


class SavedList(models.Model):
    """One visitor's saved internships, found by the key their session (or private link) holds."""

    key = models.CharField(max_length=64, unique=True, default=new_key)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(default=timezone.now)

    objects = SavedListQuerySet.as_manager()

    class Meta:
        ordering = ["-last_used_at"]

    def __str__(self):
        return f"Saved list {self.pk}"

    def get_absolute_url(self):
        return reverse("students:open-list", kwargs={"key": self.key})


class Status(models.TextChoices):
    SAVED = "saved", "Saved"
    APPLYING = "applying", "Applying"
    APPLIED = "applied", "Applied"
    INTERVIEWING = "interviewing", "Interviewing"
    OFFER = "offer", "Offer"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class SavedInternship(models.Model):
    """A posting on a saved list, with where the student stands. Its title and company are kept
    as saved, so the entry stays (marked as removed) if the posting is deleted."""

    saved_list = models.ForeignKey(SavedList, on_delete=models.CASCADE, related_name="entries")
    posting = models.ForeignKey(
        Posting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=200)
    company_name = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SAVED)
    status_set_on = models.DateField(default=timezone.localdate)
    note = models.TextField(blank=True, max_length=NOTE_LIMIT)
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["saved_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["saved_list", "posting"], name="saved_internship_once_per_list"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="saved_internship_status_valid"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("note"), NOTE_LIMIT),
                name="saved_internship_note_bounded",
            ),
        ]

    def __str__(self):
        return f"{self.title} at {self.company_name} ({self.get_status_display()})"


class Frequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


FREQUENCY_DAYS = {Frequency.DAILY: 1, Frequency.WEEKLY: 7}


class AlertQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def for_email(self, email):
        return self.filter(email__iexact=email)


class Alert(models.Model):
    """ "Email me new internships like these": a list page's filters and where to send them.

    Nothing is sent before the address is confirmed (`confirmed_at`). `sent_through` is the last
    day whose new postings have been sent; a digest covers the days after it.
    """

    email = models.EmailField(max_length=254)
    query = models.CharField(
        "filters", max_length=2000, blank=True, help_text="The list page's query string."
    )
    frequency = models.CharField(max_length=6, choices=Frequency.choices, default=Frequency.WEEKLY)
    about_me = models.JSONField(
        null=True, blank=True, help_text='"About me" when the student chose to match on it.'
    )
    token = models.CharField(max_length=64, unique=True, default=new_key)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    sent_through = models.DateField(null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(frequency__in=Frequency.values), name="alert_frequency_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_frequency_display()} alert for {self.email}"

    def get_absolute_url(self):
        return reverse("students:alert-manage", kwargs={"token": self.token})


class ConfirmationEmail(models.Model):
    """One confirmation email sent, kept a day: how often an address was sent one (rate limit)."""

    email = models.EmailField(max_length=254, db_index=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"Confirmation to {self.email} at {self.sent_at:%Y-%m-%d %H:%M}"
