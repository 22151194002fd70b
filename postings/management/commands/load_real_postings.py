"""Creates the real postings (fixtures/pinterest.json) that are missing; never overwrites edits."""

from django.core.management.base import BaseCommand

from postings.real_postings import real_postings_load


class Command(BaseCommand):
    help = (
        "Creates the records of fixtures/pinterest.json the database does not have yet, through "
        "the normal save path. Records already there, and whatever recruiters changed in them, "
        "are left as they are, so running it again is harmless."
    )

    def handle(self, *args, **options):
        result = real_postings_load()
        self.stdout.write(result.summary())
