"""Sends the alert digests that are due (meant for cron, e.g. every hour); safe to run twice."""

from django.core.management.base import BaseCommand

from students.alerts import alerts_send_due


class Command(BaseCommand):
    help = "Emails every daily or weekly alert digest that is due; nothing is sent twice."

    def handle(self, *args, **options):
        sent = alerts_send_due()
        self.stdout.write(f"Sent {sent} alert digest{'s' if sent != 1 else ''}.")
