"""Admin sign-in lockout: django-axes's database handler, with a limit for each lockout key."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class PerKeyLimitHandler(AxesDatabaseHandler):
    """Locks a sign-in out when any key of AXES_LOCKOUT_PARAMETERS reaches its own limit.

    django-axes holds every key to one AXES_FAILURE_LIMIT. Here the keys (one username from one
    address; one address, whatever the usernames) have their own limits, AXES_LOCKOUT_LIMITS in
    the same order, and each key's failures are reported to axes scaled to AXES_FAILURE_LIMIT, so
    that a key reaching its own limit is what axes sees as reaching the limit.
    """

    def get_failures(self, request, credentials=None) -> int:
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        return max(
            count * settings.AXES_FAILURE_LIMIT // limit
            for count, limit in zip(counts, settings.AXES_LOCKOUT_LIMITS, strict=True)
        )

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful sign-in, forgets that username's failures from that address only.

        Forgetting the address's failures on other usernames too would let anyone with an
        account of their own reset the address's count whenever they liked.
        """
        by_username_and_address = self.filter_user_attempts(request, credentials)[0]
        deleted, _ = by_username_and_address.delete()
        return deleted
