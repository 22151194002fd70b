"""Closes published postings that no longer take applications (safe to run again)."""

from django.core.management.base import BaseCommand

from postings.services import postings_close_expired


class Command(BaseCommand):
    help = (
        "Closes published postings whose closing date has passed or, without one, whose "
        "internship has started (students already see them closed). Running it twice is harmless."
    )

    def handle(self, *args, **options):
        closed = postings_close_expired()
        noun = "posting" if closed == 1 else "postings"
        self.stdout.write(f"Closed {closed} {noun} no longer taking applications.")
