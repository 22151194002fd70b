"""Imports the internships on companies' public job boards (Greenhouse, Lever, Ashby)."""

from django.core.management.base import BaseCommand, CommandError

from imports.models import JobBoard
from imports.services import board_import


class Command(BaseCommand):
    help = (
        "Reads each company's job board and brings its imported postings in step: new "
        "internships arrive as drafts (or published, where the company is set so), changed ones "
        "are updated unless edited here, and those gone from the board are closed. A board that "
        "cannot be read changes nothing. Exits with status 1 when any board failed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--company",
            action="append",
            metavar="SLUG",
            help="Import only this company's board (repeat for several); default: every board.",
        )
        parser.add_argument(
            "--base-url",
            metavar="URL",
            help="Replaces the scheme and host of the boards' APIs, e.g. http://127.0.0.1:8080.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would change; write nothing."
        )

    def handle(self, *args, company=None, base_url=None, dry_run=False, **options):
        boards = JobBoard.objects.select_related("company").order_by("company__slug")
        if company:
            boards = boards.filter(company__slug__in=company)
            unknown = sorted(set(company) - {board.company.slug for board in boards})
            if unknown:
                raise CommandError(
                    "No job board is connected for: " + ", ".join(unknown) + ". A superuser "
                    "connects one in the admin (Imports › Job boards)."
                )
        if not boards:
            self.stdout.write("No job board is connected; a superuser connects one in the admin.")
        failed = 0
        for board in boards:
            report = board_import(board=board, base_url=base_url, dry_run=dry_run)
            heading = f"{board.company.slug} ({board.get_kind_display()} {board.token})"
            if report.skipped:
                self.stdout.write(f"{heading}: skipped, {report.skipped}.")
                continue
            if report.error:
                failed += 1
                self.stderr.write(f"{heading}: not imported, {report.error}. Nothing changed.")
                continue
            self.stdout.write(f"{heading}: {_summary(report)}")
            for line in report.lines():
                self.stdout.write(f"  {line}")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        if failed:
            raise CommandError(f"{failed} of {len(boards)} boards could not be read.")


def _summary(report) -> str:
    counts = {action: report.count(action) for action in report.COUNTED}
    said = [f"{count} {action}" for action, count in counts.items() if count]
    if report.not_internships:
        said.append(f"{report.not_internships} not internships")
    return ", ".join(said) or "nothing on the board"
