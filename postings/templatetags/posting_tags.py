"""Display helpers for postings: choice labels, money, places, canonical URLs and JSON-LD."""

import json
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from postings import iso_codes, pay
from postings.common_pay import Rates, posting_pay_lines
from postings.models import (
    CLOSING_SOON_DAYS,
    DegreeLevel,
    PayPeriod,
    RequirementKind,
    WorkArrangement,
    format_money,
)

register = template.Library()

# How "applicants must be based in" reads in a sentence: "US-based applicants only".
COUNTRY_ADJECTIVES = {"US": "US", "GB": "UK", "CA": "Canada", "IN": "India"}

LABELS = {
    **{choice.value: choice.label for choice in DegreeLevel},
    **{choice.value: choice.label for choice in WorkArrangement},
}

# Same escapes as django.utils.html.json_script: no text can end the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def labels(choices):
    """["phd", "masters"] -> "PhD, Master's" (human labels of stored choices, in order)."""
    return ", ".join(LABELS.get(str(choice), str(choice)) for choice in choices)


@register.filter
def country_name(code):
    """ "DE" -> "Germany" (ISO 3166 names from pycountry); an unknown code shows as it is."""
    return iso_codes.country_name(code)


@register.filter
def based_in_phrase(code):
    """ "US" -> "US-based applicants only"."""
    if not code:
        return ""
    return f"{COUNTRY_ADJECTIVES.get(code, country_name(code))}-based applicants only"


@register.filter
def possessive(name):
    """ "Pinterest" -> "Pinterest's"; "Lumen Systems" -> "Lumen Systems'"."""
    name = str(name)
    return f"{name}'" if name[-1:] in ("s", "S") else f"{name}'s"


@register.simple_tag
def closing_day(closes_on, today=None):
    """A closing date as a <time> that reads after "Closes": "today", "tomorrow", "in 3 days"
    within a week, else "12 Dec" (with the year when it is not this one)."""
    today = today or timezone.localdate()
    days = (closes_on - today).days
    if days == 0:
        text = "today"
    elif days == 1:
        text = "tomorrow"
    elif 1 < days <= CLOSING_SOON_DAYS:
        text = f"in {days} days"
    else:
        text = date_format(closes_on, "j M" if closes_on.year == today.year else "j M Y")
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        closes_on.isoformat(),
        date_format(closes_on, "j F Y"),
        text,
    )


@register.simple_tag
def money(amount, currency):
    return format_money(amount, currency)


@register.simple_tag
def money_range(bounds, currency):
    """A (minimum, maximum) pair as "$10,000–$11,000", or one amount when they are equal."""
    low, high = bounds
    if low == high:
        return format_money(low, currency)
    return f"{format_money(low, currency)}–{format_money(high, currency)}"


def _whole(amount):
    return amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


@register.simple_tag
def pay_equivalents(band, weeks=None):
    """Rows of (label, amount text) restating a pay band per month, per hour and in total."""
    rows = []
    if band.period != PayPeriod.MONTH:
        low, high = band.per(PayPeriod.MONTH)
        rows.append(("Per month", money_range((_whole(low), _whole(high)), band.currency)))
    if band.period != PayPeriod.HOUR:
        rows.append(
            (
                f"Per hour ({pay.HOURS_PER_WEEK} h/week)",
                money_range(band.per(PayPeriod.HOUR), band.currency),
            )
        )
    if weeks:
        low, high = band.total_for_weeks(weeks)
        rows.append(
            (f"Total for {weeks} weeks", money_range((_whole(low), _whole(high)), band.currency))
        )
    return rows


@register.simple_tag
def requirement_sections(posting):
    """[(heading, [requirement, ...]), ...] in RequirementKind order, only sections with content."""
    requirements = posting.requirements.all()
    sections = []
    for kind, heading in RequirementKind.choices:
        items = [item for item in requirements if item.kind == kind]
        if items:
            sections.append((heading, items))
    return sections


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's absolute URL without its query string; empty where there is no request."""
    request = context.get("request")
    if request is None:
        return ""
    return request.build_absolute_uri(request.path)


@register.simple_tag(takes_context=True)
def absolute_static(context, path):
    """A static file's absolute URL, as Open Graph wants; empty where there is no request."""
    request = context.get("request")
    if request is None:
        return ""
    return request.build_absolute_uri(static(path))


@register.simple_tag
def json_ld(data):
    """A <script type="application/ld+json"> element whose JSON cannot close the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag(takes_context=True)
def pay_lines(context, posting):
    """The posting's pay bands, each with its office and its US-dollar restatement, at the
    board's exchange rates (read once per request)."""
    return posting_pay_lines(posting, rates=Rates.for_request(context.get("request")))
