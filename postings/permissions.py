"""Who may edit what: the Recruiters group's permissions and the per-company checks."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from postings.models import Company

RECRUITERS_GROUP = "Recruiters"

# Recruiters write postings and their rows; they pick from the shared lists (and may add a
# new city), but the lists, companies and users are kept by superusers.
RECRUITER_PERMISSIONS = [
    ("postings", "view_posting"),
    ("postings", "add_posting"),
    ("postings", "change_posting"),
    ("postings", "delete_posting"),
    ("postings", "view_payband"),
    ("postings", "add_payband"),
    ("postings", "change_payband"),
    ("postings", "delete_payband"),
    ("postings", "view_requirement"),
    ("postings", "add_requirement"),
    ("postings", "change_requirement"),
    ("postings", "delete_requirement"),
    ("postings", "view_location"),
    ("postings", "add_location"),
    ("postings", "view_researcharea"),
    ("postings", "view_category"),
]


def recruiters_group() -> Group:
    """The Recruiters group with exactly RECRUITER_PERMISSIONS (the migration creates it too)."""
    group, _ = Group.objects.get_or_create(name=RECRUITERS_GROUP)
    wanted = Q()
    for app_label, codename in RECRUITER_PERMISSIONS:
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    group.permissions.set(Permission.objects.filter(wanted))
    return group


def company_ids_of(user) -> set[int]:
    """The companies `user` recruits for, cached on the user object for the request."""
    if not hasattr(user, "_recruiting_company_ids"):
        user._recruiting_company_ids = set(
            Company.objects.recruited_by(user).values_list("pk", flat=True)
        )
    return user._recruiting_company_ids


def may_edit_company(user, company_id: int | None) -> bool:
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or company_id in company_ids_of(user)
