"""Fills the board with synthetic demo postings, or removes them (`--clear`)."""

import time

from django.core.management.base import BaseCommand, CommandError

from jobboard.cache import invalidate_pages
from postings import demo
from postings.models import Company


class Command(BaseCommand):
    help = (
        "Creates N synthetic demo postings (deterministic for --seed) under demo companies; "
        "--clear first removes every demo company and all that hangs off it, and nothing else."
    )

    def add_arguments(self, parser):
        parser.add_argument("--postings", type=int, default=0, help="How many postings to create.")
        parser.add_argument("--seed", type=int, default=0, help="Same seed, same postings.")
        parser.add_argument(
            "--clear", action="store_true", help="Remove existing demo data before seeding."
        )

    def handle(self, *args, postings, seed, clear, **options):
        if postings < 0:
            raise CommandError("--postings must be zero or more.")
        if not postings and not clear:
            raise CommandError("Nothing to do: give --postings N, --clear, or both.")
        started = time.monotonic()
        if clear:
            removed = demo.clear()
            invalidate_pages()
            self.stdout.write(f"Removed {removed} demo companies and their postings.")
        elif postings and Company.objects.filter(is_demo=True).exists():
            raise CommandError("Demo data already exists; add --clear to replace it.")
        if postings:
            result = demo.seed(postings=postings, seed=seed)
            # Bulk inserts send no signals, so cached pages would not know about these.
            invalidate_pages()
            self.stdout.write(
                f"Created {result.postings} postings, {result.pay_bands} pay bands and "
                f"{result.requirements} requirements for {result.companies} demo companies "
                f"in {time.monotonic() - started:.1f} s."
            )
