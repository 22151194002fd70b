"""Synthetic demo companies and postings at any scale: deterministic for a seed, bulk-inserted."""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from postings.models import (
    Category,
    Company,
    Location,
    PayBand,
    PayPeriod,
    Posting,
    Requirement,
    RequirementKind,
    ResearchArea,
    Season,
    Status,
    WorkAuthorization,
    rendered_html_columns,
)
from postings.search import postgres as full_text_search
from postings.seasons import internship_start

BATCH_SIZE = 2000
MAX_COMPANIES = 400

# (city, region, country): many cities in many countries, with the currency paid there.
CITIES = [
    ("San Francisco", "CA", "US"),
    ("Palo Alto", "CA", "US"),
    ("Mountain View", "CA", "US"),
    ("Sunnyvale", "CA", "US"),
    ("San Jose", "CA", "US"),
    ("Los Angeles", "CA", "US"),
    ("San Diego", "CA", "US"),
    ("Seattle", "WA", "US"),
    ("Redmond", "WA", "US"),
    ("Bellevue", "WA", "US"),
    ("New York", "NY", "US"),
    ("Boston", "MA", "US"),
    ("Cambridge", "MA", "US"),
    ("Austin", "TX", "US"),
    ("Dallas", "TX", "US"),
    ("Chicago", "IL", "US"),
    ("Pittsburgh", "PA", "US"),
    ("Atlanta", "GA", "US"),
    ("Denver", "CO", "US"),
    ("Washington", "DC", "US"),
    ("Toronto", "ON", "CA"),
    ("Montreal", "QC", "CA"),
    ("Vancouver", "BC", "CA"),
    ("Waterloo", "ON", "CA"),
    ("Edmonton", "AB", "CA"),
    ("London", "England", "GB"),
    ("Cambridge", "England", "GB"),
    ("Edinburgh", "Scotland", "GB"),
    ("Manchester", "England", "GB"),
    ("Berlin", "", "DE"),
    ("Munich", "", "DE"),
    ("Tübingen", "", "DE"),
    ("Paris", "", "FR"),
    ("Grenoble", "", "FR"),
    ("Amsterdam", "", "NL"),
    ("Eindhoven", "", "NL"),
    ("Zurich", "", "CH"),
    ("Lausanne", "", "CH"),
    ("Dublin", "", "IE"),
    ("Madrid", "", "ES"),
    ("Barcelona", "", "ES"),
    ("Milan", "", "IT"),
    ("Stockholm", "", "SE"),
    ("Copenhagen", "", "DK"),
    ("Helsinki", "", "FI"),
    ("Warsaw", "", "PL"),
    ("Prague", "", "CZ"),
    ("Tel Aviv", "", "IL"),
    ("Bangalore", "Karnataka", "IN"),
    ("Hyderabad", "Telangana", "IN"),
    ("Singapore", "", "SG"),
    ("Tokyo", "", "JP"),
    ("Seoul", "", "KR"),
    ("Sydney", "NSW", "AU"),
    ("Melbourne", "VIC", "AU"),
    ("São Paulo", "SP", "BR"),
    ("Mexico City", "", "MX"),
]
CURRENCY_BY_COUNTRY = {
    "US": "USD", "CA": "CAD", "GB": "GBP", "DE": "EUR", "FR": "EUR", "NL": "EUR", "IE": "EUR",
    "ES": "EUR", "IT": "EUR", "FI": "EUR", "CH": "CHF", "SE": "SEK", "DK": "DKK", "PL": "PLN",
    "CZ": "CZK", "IL": "ILS", "IN": "INR", "SG": "SGD", "JP": "JPY", "KR": "KRW", "AU": "AUD",
    "BR": "BRL", "MX": "MXN",
}  # fmt: skip
# Rough units of each currency to the US dollar, only so that demo pay looks like pay there.
UNITS_PER_USD = {
    "USD": Decimal("1"), "CAD": Decimal("1.4"), "GBP": Decimal("0.8"), "EUR": Decimal("0.9"),
    "CHF": Decimal("0.9"), "SEK": Decimal("10.5"), "DKK": Decimal("6.9"), "PLN": Decimal("4"),
    "CZK": Decimal("23"), "ILS": Decimal("3.7"), "INR": Decimal("85"), "SGD": Decimal("1.35"),
    "JPY": Decimal("150"), "KRW": Decimal("1400"), "AUD": Decimal("1.5"), "BRL": Decimal("5.5"),
    "MXN": Decimal("18"),
}  # fmt: skip

# The first ones are the fixture's areas, so a seeded board and the real postings share them.
RESEARCH_AREAS = [
    "Ads",
    "Ranking",
    "Recommender systems",
    "Natural language processing",
    "Information retrieval",
    "Graph analysis",
    "Personalization",
    "Image recognition",
    "User modeling",
    "Search",
    "Neural networks",
    "Graph representation learning",
    "Big data analytics",
    "Computer vision",
    "Reinforcement learning",
    "Large language models",
    "Speech recognition",
    "Robotics",
    "Generative models",
    "Causal inference",
    "Time series forecasting",
    "Fraud detection",
    "ML infrastructure",
    "Optimization",
    "Fairness and privacy",
    "Computational biology",
]
CATEGORIES = [
    "Consumer",
    "Software Eng",
    "Research",
    "Data Science",
    "Infrastructure",
    "Ads & Monetization",
    "Trust & Safety",
    "Health",
]

COMPANY_WORDS = [
    "Aurora", "Basalt", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Indigo",
    "Juniper", "Kestrel", "Lumen", "Meridian", "Nimbus", "Onyx", "Prism", "Quasar", "Redwood",
    "Sierra", "Tundra", "Umbra", "Vertex", "Willow", "Xenon", "Yarrow", "Zephyr", "Atlas",
    "Beacon", "Cinder", "Dune", "Echo", "Falcon", "Glacier", "Helix", "Iris", "Jade", "Kite",
    "Lattice", "Mosaic", "Nova",
]  # fmt: skip
COMPANY_SUFFIXES = [
    "AI", "Labs", "Analytics", "Robotics", "Systems", "Health", "Data", "Learning", "Vision",
    "Networks", "Research", "Dynamics", "Logic", "Signals", "Works",
]  # fmt: skip

ROLES = [
    "Machine Learning Intern",
    "Machine Learning Engineer Intern",
    "Research Scientist Intern",
    "Applied Scientist Intern",
    "Data Scientist Intern",
    "ML Research Intern",
    "Deep Learning Intern",
    "ML Infrastructure Intern",
    "AI Research Intern",
    "Student Researcher",
]
TEAMS = [
    "Core Ranking", "Discovery", "Ads Quality", "Feed", "Search Relevance", "Trust & Safety",
    "Perception", "Foundation Models", "ML Platform", "Growth", "Personalization",
    "Speech", "Notifications", "Shopping", "Maps", "Health AI", "Applied Research",
]  # fmt: skip
# Start windows that fit each season (postings/seasons.py reads the months they name).
START_WINDOWS = {
    "winter": ["", "", "January", "Early January", "December or January"],
    "spring": ["", "", "March", "March or April", "Flexible"],
    "summer": ["", "", "May or June", "June (fixed date)", "Flexible"],
    "fall": ["", "", "September", "August or September", "Flexible"],
}
# A posting goes up at least this long before its internship starts.
MIN_LEAD_DAYS = 45
RESPONSIBILITIES = [
    "Design and train models for {area} that serve millions of people.",
    "Run offline and online experiments to measure the impact of {area} changes.",
    "Build data pipelines that turn raw logs into training sets for {area}.",
    "Prototype new approaches to {area} and share results with the team.",
    "Work with engineers to ship a {area} model to production by the end of the internship.",
    "Read the recent literature on {area} and reproduce a promising paper.",
]
QUALIFICATIONS = [
    "Currently enrolled in a {degree} program in computer science or a related field.",
    "Experience with Python and one deep learning framework such as PyTorch or JAX.",
    "Solid grounding in statistics, linear algebra and probability.",
    "Coursework or projects in {area}.",
    "Able to start in {season} {year} for {weeks} weeks.",
    "Comfortable working with large data sets in SQL or Spark.",
]
PREFERRED = [
    "Publications at NeurIPS, ICML, ICLR, KDD or a similar venue.",
    "Open-source contributions to machine learning libraries.",
    "Experience with distributed training on GPUs.",
    "Prior internship in {area}.",
]
BENEFITS = [
    "Housing stipend and relocation support.",
    "Mentorship from a senior scientist and a dedicated intern community.",
    "Paid time off and wellness budget.",
]

# (period, typical low, typical high, rounding step) of a band's minimum in USD.
PAY_RANGES = {
    PayPeriod.HOUR: (Decimal("22"), Decimal("75"), Decimal("0.5")),
    PayPeriod.WEEK: (Decimal("900"), Decimal("3000"), Decimal("50")),
    PayPeriod.MONTH: (Decimal("4000"), Decimal("13000"), Decimal("100")),
    PayPeriod.YEAR: (Decimal("48000"), Decimal("160000"), Decimal("1000")),
}
PERIOD_WEIGHTS = {PayPeriod.HOUR: 40, PayPeriod.MONTH: 35, PayPeriod.YEAR: 15, PayPeriod.WEEK: 10}
STATUS_WEIGHTS = {Status.PUBLISHED: 83, Status.CLOSED: 10, Status.DRAFT: 7}
AUTHORIZATION_WEIGHTS = {
    WorkAuthorization.NOT_STATED: 45,
    WorkAuthorization.SPONSORSHIP_OFFERED: 25,
    WorkAuthorization.NO_SPONSORSHIP: 20,
    WorkAuthorization.CITIZENSHIP_REQUIRED: 10,
}
DEGREE_COLUMNS = ["for_bachelors", "for_masters", "for_phd"]
ARRANGEMENT_COLUMNS = ["offers_onsite", "offers_hybrid", "offers_remote"]


@dataclass
class SeedResult:
    companies: int
    postings: int
    pay_bands: int
    requirements: int


def demo_postings():
    return Posting.objects.filter(company__is_demo=True)


def company_count_for(postings: int) -> int:
    return max(1, min(MAX_COMPANIES, postings // 10))


def seed(*, postings: int, seed: int = 0, today: date | None = None) -> SeedResult:
    """Creates `postings` demo postings and their companies; the same seed gives the same data."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    with transaction.atomic(), full_text_search.deferred_search_vectors():
        locations = _ensure_named_rows(Location, CITIES)
        areas = _ensure_slugged(ResearchArea, RESEARCH_AREAS)
        categories = _ensure_slugged(Category, CATEGORIES)
        companies = _create_companies(rng, company_count_for(postings), locations)
        result = _create_postings(rng, postings, today, companies, areas, categories, locations)
    return result


def clear() -> int:
    """Deletes demo companies and everything hanging off them, history included; returns companies.

    Raw deletes on purpose: the ORM's delete would load every row and write a history record
    for each of them, which is slow and would leave demo rows behind in the history tables.
    """
    posting_ids = list(demo_postings().values_list("pk", flat=True))
    companies = Company.objects.filter(is_demo=True)
    historical_posting = Posting.history.model
    posting_ids = sorted(
        set(posting_ids)
        | set(historical_posting.objects.filter(company__in=companies).values_list("id", flat=True))
    )
    with transaction.atomic(), full_text_search.deferred_search_vectors():
        for start in range(0, len(posting_ids), 10_000):
            chunk = posting_ids[start : start + 10_000]
            for model in _history_models():
                model.objects.filter(posting_id__in=chunk)._raw_delete(model.objects.db)
            historical_posting.objects.filter(id__in=chunk)._raw_delete(
                historical_posting.objects.db
            )
            for model in _live_models_hanging_off_postings():
                model.objects.filter(posting_id__in=chunk)._raw_delete(model.objects.db)
            Posting.objects.filter(pk__in=chunk)._raw_delete(Posting.objects.db)
        recruiter_links = Company.recruiters.through.objects.filter(company__in=companies)
        recruiter_links._raw_delete(recruiter_links.db)
        count = companies._raw_delete(companies.db)
    return count


def _history_models():
    return [
        PayBand.history.model,
        Requirement.history.model,
        *[
            model
            for model in Posting.history.model._meta.apps.get_models()
            if model.__name__.startswith("HistoricalPosting_")
        ],
    ]


def _live_models_hanging_off_postings():
    return [
        Requirement,
        PayBand,
        Posting.locations.through,
        Posting.research_areas.through,
        Posting.categories.through,
    ]


def _ensure_named_rows(model, places):
    """Locations by natural key, creating only the missing ones; returns them in `places` order."""
    existing = {(loc.city, loc.region, loc.country): loc for loc in model.objects.all()}
    missing = [
        model(city=city, region=region, country=country)
        for city, region, country in places
        if (city, region, country) not in existing
    ]
    model.objects.bulk_create(missing)
    existing = {(loc.city, loc.region, loc.country): loc for loc in model.objects.all()}
    return [existing[place] for place in places]


def _ensure_slugged(model, names):
    """Rows of a small named list, found by slug or name, creating only the missing ones."""
    rows = {row.slug: row for row in model.objects.all()}
    by_name = {row.name: row for row in rows.values()}
    missing = [
        model(name=name, slug=slugify(name))
        for name in names
        if slugify(name) not in rows and name not in by_name
    ]
    model.objects.bulk_create(missing)
    rows = {row.slug: row for row in model.objects.all()}
    by_name = {row.name: row for row in rows.values()}
    return [rows.get(slugify(name)) or by_name[name] for name in names]


def _create_companies(rng, count, locations):
    taken_names = set(Company.objects.values_list("name", flat=True))
    taken_slugs = set(Company.objects.values_list("slug", flat=True))
    names = [f"{word} {suffix}" for word in COMPANY_WORDS for suffix in COMPANY_SUFFIXES]
    rng.shuffle(names)
    companies = []
    for name in names:
        slug = slugify(name)
        if name in taken_names or slug in taken_slugs:
            continue
        area = rng.choice(RESEARCH_AREAS).lower()
        companies.append(
            Company(
                name=name,
                slug=slug,
                website=f"https://{slug}.example/careers",
                description=f"Synthetic demo company working on {area}.",
                about=(
                    f"{name} is a **demo** company made up by `seed_demo`. "
                    f"It builds products around {area}."
                ),
                equal_opportunity_statement=f"{name} is an equal opportunity employer.",
                is_demo=True,
            )
        )
        if len(companies) == count:
            break
    for company in companies:
        company.fill_rendered_html()  # bulk_create does not call save()
    Company.objects.bulk_create(companies, batch_size=BATCH_SIZE)
    companies = list(Company.objects.filter(is_demo=True, slug__in=[c.slug for c in companies]))
    companies.sort(key=lambda company: company.slug)
    rng.shuffle(companies)
    offices = {
        company.pk: rng.sample(locations, rng.randint(1, min(6, len(locations))))
        for company in companies
    }
    return [(company, offices[company.pk]) for company in companies]


PAY_BAND_COLUMNS = [
    "posting_id", "location_id", "minimum", "maximum", "currency", "period", "position",
]  # fmt: skip


def _insert(model, columns, rows, *, returning=False, extra=None):
    """Plain multi-row INSERTs, several times faster than bulk_create at this scale.

    Values must already be adapted for the database. `extra` maps further columns to SQL
    expressions whose parameters end each row. Returns the new primary keys, in row order,
    when `returning` (both PostgreSQL and SQLite return them in VALUES order, which
    bulk_create relies on as well).
    """
    extra = extra or {}
    if not rows:
        return []
    quote = connection.ops.quote_name
    names = ", ".join(quote(name) for name in [*columns, *extra])
    head = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES "
    row_sql = "(" + ", ".join(["%s"] * len(columns) + list(extra.values())) + ")"
    tail = f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
    per_statement = 30_000 // len(rows[0])  # SQLite allows 32,766 parameters a statement
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            params = [value for row in chunk for value in row]
            cursor.execute(head + ", ".join([row_sql] * len(chunk)) + tail, params)
            if returning:
                ids += [pk for (pk,) in cursor.fetchall()]
    return ids


def _weighted(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _cycled_or_weighted(rng, index, weights: dict):
    """The first postings take each option in turn, so that small seeds cover every choice."""
    options = list(weights)
    return options[index] if index < len(options) else _weighted(rng, weights)


def _flags(rng, index, count):
    """At least one of `count` boolean options, the first postings covering each in turn."""
    flags = [rng.random() < 0.4 for _ in range(count)]
    flags[index % count if index < count else rng.randrange(count)] = True
    return flags


def _amount(rng, low, high, step):
    value = low + (high - low) * Decimal(str(round(rng.random(), 4)))
    return (value / step).quantize(Decimal("1")) * step


def _create_postings(rng, count, today, companies, areas, categories, locations):
    company_weights = list(accumulate(1 / (rank + 1) ** 0.7 for rank in range(len(companies))))
    periods = list(PAY_RANGES)
    # Where each currency is paid, so that small seeds can cover every currency.
    cities_paying = {}
    for place in locations:
        cities_paying.setdefault(CURRENCY_BY_COUNTRY[place.country], []).append(place)
    result = SeedResult(companies=len(companies), postings=0, pay_bands=0, requirements=0)
    ops = connection.ops

    now = ops.adapt_datetimefield_value(timezone.now())
    # On PostgreSQL each row brings its search vector, built by the same SQL function the
    # triggers use, so no posting has to be rewritten once its requirements are in.
    vector_sql = (
        {"search_vector": "postings_weighted_document(%s, %s, %s, %s)"}
        if full_text_search.is_available()
        else {}
    )

    for start in range(0, count, BATCH_SIZE):
        rows, extras, documents = [], [], []
        for index in range(start, min(count, start + BATCH_SIZE)):
            company, offices = rng.choices(companies, cum_weights=company_weights)[0]
            row, extra = _posting(
                rng, index, today, company, offices, areas, categories, periods, cities_paying
            )
            for column in ("posted_on", "first_published_on", "starts_on", "closes_on"):
                row[column] = ops.adapt_datefield_value(row[column])
            row.update(created_at=now, updated_at=now, version=1)
            # What save() would store beside the Markdown, which these inserts bypass.
            row.update(rendered_html_columns(Posting, row))
            rows.append(row)
            extras.append(extra)
            documents.append(_search_document(company, row, extra))
        columns = list(rows[0])
        values = [[row[column] for column in columns] for row in rows]
        if vector_sql:
            values = [row + document for row, document in zip(values, documents, strict=True)]
        posting_ids = _insert(Posting, columns, values, returning=True, extra=vector_sql)
        locations_rows, area_rows, category_rows, bands, requirements = [], [], [], [], []
        for pk, (locs, post_areas, cats, post_bands, lines) in zip(
            posting_ids, extras, strict=True
        ):
            locations_rows += [(pk, loc.pk) for loc in locs]
            area_rows += [(pk, area.pk) for area in post_areas]
            category_rows += [(pk, cat.pk) for cat in cats]
            bands += [(pk, *band) for band in post_bands]
            requirements += [
                (pk, kind, text, position) for position, (kind, text) in enumerate(lines, start=1)
            ]
        _insert(Posting.locations.through, ["posting_id", "location_id"], locations_rows)
        _insert(Posting.research_areas.through, ["posting_id", "researcharea_id"], area_rows)
        _insert(Posting.categories.through, ["posting_id", "category_id"], category_rows)
        _insert(PayBand, PAY_BAND_COLUMNS, bands)
        _insert(Requirement, ["posting_id", "kind", "text", "position"], requirements)
        result.postings += len(rows)
        result.pay_bands += len(bands)
        result.requirements += len(requirements)
    return result


def _search_document(company, row, extra):
    """The four weighted texts of `postings_search_document` (migration 0003), same order."""
    _, post_areas, _, _, lines = extra
    team_words = [row["team"], row["organization"], company.name]
    team_words += sorted(area.name for area in post_areas)
    return [row["title"], " ".join(team_words), " ".join(text for _, text in lines), row["summary"]]


def _posting(rng, index, today, company, offices, areas, categories, periods, cities_paying):
    """One posting's columns and its related rows, none contradicting another: who may apply
    matches its offices, pay is in their currency, the in-office statement fits the work
    arrangements, the start window fits the season, and it goes up before the internship
    starts and closes before then."""
    status = _cycled_or_weighted(rng, index, STATUS_WEIGHTS)
    season = Season.values[index % 4] if index < 4 else rng.choice(Season.values)
    degrees = _flags(rng, index, 3)
    arrangements = _flags(rng, index, 3)
    onsite, hybrid, remote = arrangements
    remote_only = arrangements == [False, False, True]
    currencies = list(cities_paying)
    if index < len(currencies):
        # The first postings take each currency in turn, at an office where it is paid.
        locations = [rng.choice(cities_paying[currencies[index]])]
    elif remote_only and rng.random() < 0.4:
        locations = []
    else:
        locations = rng.sample(offices, rng.randint(1, min(3, len(offices))))
    first_area = areas[index % len(areas)] if index < len(areas) else rng.choice(areas)
    post_areas = [first_area] + [a for a in rng.sample(areas, rng.randint(0, 3)) if a != first_area]
    cats = rng.sample(categories, rng.choice([0, 1, 1, 2]))

    # Recent postings are more common than old ones, as on a live board.
    age = int(730 * rng.random() ** 1.5)
    posted_on = today - timedelta(days=age)
    if status == Status.DRAFT:
        posted_on = None
    start_window = rng.choice(START_WINDOWS[season])
    year, starts_on = _next_start(season, start_window, after=posted_on or today)
    closes_on = None
    if posted_on is not None and rng.random() < 0.7:
        closes_on = min(
            posted_on + timedelta(days=rng.randint(14, 150)), starts_on - timedelta(days=1)
        )
    # Most originals give their date; the rest show the day they were first published here.
    first_published_on = posted_on
    if posted_on is not None and rng.random() < 0.1:
        posted_on = None
    weeks = rng.choice([10, 12, 12, 12, 16, 24])

    role = rng.choice(ROLES)
    area_name = first_area.name
    title = f"{role}, {area_name}" if rng.random() < 0.5 else role
    if rng.random() < 0.3:
        title = f"{season.title()} {year} {title}"
    team = rng.choice(TEAMS) if rng.random() < 0.8 else ""
    degree_word = ["bachelor's", "master's", "PhD"][degrees.index(True)]
    words = {
        "area": area_name.lower(),
        "degree": degree_word,
        "season": season,
        "year": year,
        "weeks": weeks,
    }
    office_countries = {location.country for location in locations}
    if locations:
        # Only where every office is in one country can the posting ask for applicants there.
        only_country = next(iter(office_countries)) if len(office_countries) == 1 else ""
    else:
        only_country = rng.choice(offices).country
    based_in = only_country if rng.random() < 0.35 else ""
    if remote:
        in_office = ""
    elif hybrid:
        days = rng.randint(2, 4)
        in_office = f"In the office {days} days a week."
        if onsite:
            in_office = f"On site five days a week, or {days} on the hybrid plan."
    else:
        in_office = "In the office five days a week."
    posting = {
        "company_id": company.pk,
        "title": title,
        "slug": f"{slugify(title)[:180]}-{index + 1}",
        "organization": f"{company.name} {rng.choice(['Research', 'Engineering', 'AI'])}",
        "team": team,
        "summary": (
            f"Join {team or company.name} for {weeks} weeks and work on **{words['area']}** "
            f"with mentors who ship to production.\n\nThis posting is synthetic demo data."
        ),
        "season": season,
        "year": year,
        "start_window": start_window,
        "starts_on": starts_on,
        "duration_weeks": weeks,
        **dict(zip(DEGREE_COLUMNS, degrees, strict=True)),
        **dict(zip(ARRANGEMENT_COLUMNS, arrangements, strict=True)),
        "applicants_based_in": based_in,
        "work_authorization": _cycled_or_weighted(rng, index, AUTHORIZATION_WEIGHTS),
        "note_to_applicants": "",
        "in_office_requirement": in_office,
        "pay_note": "The range shown is the base pay for this internship.",
        "apply_url": f"https://{company.slug}.example/careers/{index + 1}",
        "posted_on": posted_on,
        "first_published_on": first_published_on,
        "closes_on": closes_on,
        "status": status,
    }
    bands = []
    if index < len(periods) or rng.random() < 0.92:
        period = periods[index] if index < len(periods) else _weighted(rng, PERIOD_WEIGHTS)
        low, high, step = PAY_RANGES[period]
        paid_in = {CURRENCY_BY_COUNTRY[country] for country in office_countries}
        # Offices paid in different currencies each get their own band.
        per_office = len(locations) > 1 and (len(paid_in) > 1 or rng.random() < 0.15)
        for position, office in enumerate(locations if per_office else [None], start=1):
            country = (office or locations[0]).country if locations else based_in or "US"
            currency = CURRENCY_BY_COUNTRY[country]
            minimum = _amount(rng, low, high, step)
            maximum = minimum if rng.random() < 0.2 else minimum + _amount(rng, 0, low / 2, step)
            bands.append(
                (
                    office.pk if office else None,
                    _in_currency(minimum, currency),
                    _in_currency(maximum, currency),
                    currency,
                    period,
                    position,
                )
            )
    lines = _requirement_lines(rng, index, words)
    return posting, (locations, post_areas, cats, bands, lines)


def _next_start(season, start_window, *, after):
    """The first (year, start date) of `season` at least MIN_LEAD_DAYS after `after`."""
    for year in range(after.year, after.year + 3):
        starts_on = internship_start(season=season, year=year, start_window=start_window)
        if starts_on >= after + timedelta(days=MIN_LEAD_DAYS):
            return year, starts_on
    raise AssertionError("unreachable: a season comes round every year")


def _in_currency(amount_usd, currency):
    """A US dollar amount in `currency` at the demo's rough rate, to three significant digits."""
    rate = UNITS_PER_USD[currency]
    if rate == 1:
        return amount_usd
    local = amount_usd * rate
    step = Decimal(10) ** max(0, len(str(int(local))) - 3)
    return (local / step).quantize(Decimal("1")) * step


def _requirement_lines(rng, index, words):
    kinds = [
        (RequirementKind.RESPONSIBILITY, RESPONSIBILITIES, rng.randint(1, 3)),
        (RequirementKind.QUALIFICATION, QUALIFICATIONS, rng.randint(2, 3)),
        (RequirementKind.PREFERRED, PREFERRED, rng.randint(0, 2)),
        (RequirementKind.BENEFIT, BENEFITS, 1 if index < 4 or rng.random() < 0.4 else 0),
    ]
    return [
        (kind, template.format(**words))
        for kind, templates, how_many in kinds
        for template in rng.sample(templates, how_many)
    ]
