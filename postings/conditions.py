"""Answers a Q of plain column tests for one object in hand, as the database would.

Rules such as "open for applications" are written once, as a Q on the posting's own columns
(`postings.models.open_for_applications_condition`). Lists ask the database; a posting already
loaded (a detail page, a card, an admin row) asks `matches`, so the rule has no second spelling
to drift apart from the first. Only lookups on the object's own fields are understood.
"""

import operator

from django.db.models import Q

COMPARISONS = {
    "exact": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
    "in": lambda value, options: value in options,
}


def matches(instance, condition: Q) -> bool:
    """Whether `instance` satisfies `condition` (AND/OR/NOT of lookups on its own fields)."""
    if condition.connector not in (Q.AND, Q.OR):
        raise ValueError(f"Unsupported connector {condition.connector}.")
    answers = (_child_matches(instance, child) for child in condition.children)
    found = all(answers) if condition.connector == Q.AND else any(answers)
    return found != condition.negated


def _child_matches(instance, child) -> bool:
    if isinstance(child, Q):
        return matches(instance, child)
    lookup, operand = child
    field, _, comparison = lookup.partition("__")
    value = getattr(instance, field)
    if comparison == "isnull":
        return (value is None) == operand
    if comparison not in ("", *COMPARISONS):
        raise ValueError(f"Unsupported lookup {lookup!r}.")
    # As in SQL, a comparison with a missing value is never true (and Django's negation of a
    # lookup on a nullable column is true for the missing value, as `not False` is here).
    if value is None:
        return False
    return COMPARISONS[comparison or "exact"](value, operand)
