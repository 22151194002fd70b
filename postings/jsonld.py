"""schema.org JobPosting data for a posting, following Google's job-posting guidelines."""

from decimal import Decimal

from django.utils.html import escape

from postings.models import DegreeLevel, Posting, RequirementKind

UNIT_TEXT = {"hour": "HOUR", "week": "WEEK", "month": "MONTH", "year": "YEAR"}
CREDENTIAL_CATEGORY = {
    DegreeLevel.BACHELORS: "bachelor degree",
    DegreeLevel.MASTERS: "postgraduate degree",
    DegreeLevel.PHD: "postgraduate degree",
}


def _number(amount: Decimal) -> int | float:
    """JSON wants numbers, not the strings Decimal would serialise to."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def description_html(posting: Posting) -> str:
    """The summary (its stored, sanitised HTML) followed by each requirement section as a list."""
    parts = [str(posting.summary_html)] if posting.summary_html else []
    for kind, label in RequirementKind.choices:
        items = [item for item in posting.requirements.all() if item.kind == kind]
        if items:
            parts.append(f"<h3>{escape(label)}</h3>")
            parts.append(
                "<ul>" + "".join(f"<li>{escape(item.text)}</li>" for item in items) + "</ul>"
            )
    return "\n".join(parts) or f"<p>{escape(posting.title)}</p>"


def base_salary(posting: Posting) -> dict | None:
    """One MonetaryAmount spanning the bands stated in the first band's currency and period."""
    bands = list(posting.pay_bands.all())
    if not bands:
        return None
    first = bands[0]
    alike = [
        band for band in bands if (band.currency, band.period) == (first.currency, first.period)
    ]
    return {
        "@type": "MonetaryAmount",
        "currency": first.currency,
        "value": {
            "@type": "QuantitativeValue",
            "minValue": _number(min(band.minimum for band in alike)),
            "maxValue": _number(max(band.maximum for band in alike)),
            "unitText": UNIT_TEXT[first.period],
        },
    }


def job_posting(posting: Posting, *, url: str) -> dict:
    """The JobPosting dict for `posting` (fetched with_all_details()); `url` is its absolute URL."""
    company = posting.company
    organization = {"@type": "Organization", "name": company.name}
    if company.website:
        organization["sameAs"] = company.website

    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": description_html(posting),
        "identifier": {
            "@type": "PropertyValue",
            "name": company.name,
            "value": f"{company.slug}/{posting.slug}",
        },
        "url": url,
        "employmentType": "INTERN",
        "hiringOrganization": organization,
    }
    # The original's date when it gives one, else the day the posting was first published here.
    if posting.date_posted:
        data["datePosted"] = posting.date_posted.isoformat()
    if posting.closes_on:
        data["validThrough"] = posting.closes_on.isoformat()

    places = [
        {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": location.city,
                **({"addressRegion": location.region} if location.region else {}),
                "addressCountry": location.country,
            },
        }
        for location in posting.locations.all()
    ]
    if places:
        data["jobLocation"] = places
    if posting.is_fully_remote:
        data["jobLocationType"] = "TELECOMMUTE"
    if posting.applicants_based_in:
        data["applicantLocationRequirements"] = {
            "@type": "Country",
            "name": posting.applicants_based_in,
        }

    salary = base_salary(posting)
    if salary:
        data["baseSalary"] = salary

    categories = dict.fromkeys(CREDENTIAL_CATEGORY[level] for level in posting.degree_levels)
    if categories:
        data["educationRequirements"] = [
            {"@type": "EducationalOccupationalCredential", "credentialCategory": category}
            for category in categories
        ]
    return data
