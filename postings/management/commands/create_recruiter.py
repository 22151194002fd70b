"""Creates (or updates) a recruiter: a staff user in the Recruiters group, linked to companies."""

import getpass
import sys

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from postings.models import Company
from postings.permissions import recruiters_group


class Command(BaseCommand):
    help = (
        "Creates a recruiter (a staff user in the Recruiters group) for one or more companies, "
        "or adds companies to an existing one. A new user is asked for a password; with "
        "--no-password (or --noinput) the account gets no usable password until someone runs "
        "`manage.py changepassword EMAIL`. An existing user's password is never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--company",
            action="append",
            required=True,
            metavar="SLUG",
            help="Slug of a company the recruiter works for; repeat for several.",
        )
        parser.add_argument(
            "--no-password",
            action="store_true",
            help="Do not ask for a password; set one later with changepassword.",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Never prompt (implies --no-password for a new user).",
        )

    def handle(self, *args, email, company, no_password, interactive, **options):
        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an email address.") from error
        companies = list(Company.objects.filter(slug__in=company))
        unknown = sorted(set(company) - {c.slug for c in companies})
        if unknown:
            raise CommandError(f"No company with slug {', '.join(unknown)}.")

        User = get_user_model()
        user = User.objects.filter(username__iexact=email).first()
        created = user is None
        if created:
            user = User(username=email, email=email)
            ask = interactive and not no_password and sys.stdin.isatty()
            password = self._ask_password(user) if ask else None
            if password is None:
                user.set_unusable_password()
            else:
                user.set_password(password)
        user.is_staff = True
        user.is_active = True
        with transaction.atomic():
            user.save()
            user.groups.add(recruiters_group())
            for each in companies:
                each.recruiters.add(user)

        names = ", ".join(c.name for c in companies)
        self.stdout.write(f"{'Created' if created else 'Updated'} recruiter {email} for {names}.")
        if not user.has_usable_password():
            self.stdout.write(
                f"The account has no password yet: run `manage.py changepassword {email}`."
            )

    def _ask_password(self, user):
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The passwords differ; try again.")
                continue
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password
