"""Deletes saved lists nobody opened or changed for a year (meant for a daily cron job)."""

from django.core.management.base import BaseCommand

from students.models import UNUSED_LIST_DAYS
from students.services import saved_lists_delete_unused


class Command(BaseCommand):
    help = f"Deletes saved lists unused for {UNUSED_LIST_DAYS} days, with everything on them."

    def handle(self, *args, **options):
        deleted = saved_lists_delete_unused()
        self.stdout.write(f"Deleted {deleted} unused saved list{'s' if deleted != 1 else ''}.")
