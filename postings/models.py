"""Companies, locations, research areas, internship postings, their pay bands and requirements."""

import operator
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache, reduce

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import DEFERRED, Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce, Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from simple_history.models import HistoricalRecords

from postings import conditions, iso_codes, pay
from postings.seasons import internship_start
from postings.text import render_markdown

NEW_POSTING_DAYS = 14
CLOSING_SOON_DAYS = 7
# The years an internship can plausibly be in: the database, the admin form and the list
# page's filter all hold this range.
FIRST_YEAR, LAST_YEAR = 2000, 2100
# Who may apply: a posting's `applicants_based_in` is a country code, or blank when the posting
# states no restriction. Outside the database (URLs, options) blank is spelled ANYWHERE.
ANYWHERE = "anywhere"


def based_in_choice(stored: str) -> str:
    """A stored `applicants_based_in` as the list page names it: "US", or ANYWHERE for blank."""
    return stored or ANYWHERE


def based_in_stored(choice: str) -> str:
    """What the list page was given ("us", "anywhere") as stored: "US", or "" for anywhere."""
    choice = choice.strip()
    return "" if choice.lower() == ANYWHERE else choice.upper()


def based_in_label(stored: str) -> str:
    return "No restriction stated" if stored == "" else f"{stored}-based only"


# The longest text each free-text field takes: several times what real postings need (the
# Pinterest summaries are 1,200 characters), small enough that no text can make a page slow.
TEXT_LIMITS = {
    "company.about": 5_000,
    "company.equal_opportunity_statement": 5_000,
    "posting.summary": 10_000,
    "posting.note_to_applicants": 3_000,
    "posting.in_office_requirement": 2_000,
    "posting.pay_note": 2_000,
    "requirement.text": 1_000,
}


class LineBreaksAsOneField(forms.CharField):
    """A text area's value with the CRLF line breaks browsers send made LF, before validation.

    Browsers count a line break as one character against `maxlength` but send two; the
    stored text uses one, so the limit holds for what the recruiter saw.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value


class BoundedTextField(models.TextField):
    """A TextField whose admin text area counts line breaks as the browser does."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LineBreaksAsOneField, **kwargs})


def bounded_text(verbose_name=None, *, limit: str, help_text: str = "", **options):
    """A text field of at most TEXT_LIMITS[limit] characters.

    The admin's text area says the limit and stops there, model validation refuses more, and
    `text_length_checks` adds the database constraint that holds it on every other path.
    """
    max_length = TEXT_LIMITS[limit]
    return BoundedTextField(
        verbose_name,
        max_length=max_length,
        validators=[MaxLengthValidator(max_length)],
        help_text=f"{help_text} At most {max_length:,} characters.".strip(),
        **options,
    )


def text_length_checks(model_name: str) -> list:
    """The database's check of every bounded text field of `model_name` (see TEXT_LIMITS)."""
    return [
        models.CheckConstraint(
            condition=LessThanOrEqual(Length(field), max_length),
            name=f"{model_name}_{field}_length",
        )
        for key, max_length in TEXT_LIMITS.items()
        for prefix, field in [key.split(".")]
        if prefix == model_name
    ]


class RenderedHTMLField(models.TextField):
    """Sanitised HTML rendered from a Markdown field when the row is saved; read as safe HTML."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        # Only postings.text.render_markdown writes these columns (every save goes through it).
        return value if value is None else mark_safe(value)  # noqa: S308


def rendered_html_columns(model, texts: dict) -> dict:
    """{HTML column: sanitised HTML} for the Markdown fields of `model` given in `texts`.

    The one place the stored HTML is computed: `RendersMarkdown.save()` calls it for every
    save (admin, services, factories, restores), a fixture load through the pre_save signal
    (postings.apps), and demo data's bulk inserts directly.
    """
    return {
        column: render_markdown(texts[field])
        for field, column in model.markdown_columns.items()
        if field in texts
    }


class RendersMarkdown(models.Model):
    """A model that keeps, beside each Markdown field, its HTML as students' pages show it.

    Pages read the stored HTML instead of rendering on every request.
    """

    # {Markdown field: the RenderedHTMLField holding its HTML}
    markdown_columns: dict[str, str] = {}

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.fill_rendered_html()
        else:
            changed = [field for field in update_fields if field in self.markdown_columns]
            self.fill_rendered_html(changed)
            kwargs["update_fields"] = [
                *update_fields,
                *(self.markdown_columns[field] for field in changed),
            ]
        super().save(*args, **kwargs)

    def fill_rendered_html(self, fields=None):
        """Renders the Markdown `fields` (all of them by default) into their HTML columns."""
        fields = self.markdown_columns if fields is None else fields
        texts = {field: getattr(self, field) for field in fields if field in self.markdown_columns}
        for column, html in rendered_html_columns(type(self), texts).items():
            setattr(self, column, html)


class KnowsWhatListsHold(models.Model):
    """A model some of whose columns list pages count, filter or order by (`listed_fields`).

    A row remembers those columns as it was loaded, so that a save can tell whether it changes
    any of them (`changes_listing`, read by postings.signals): when none changed, every worker's
    listing index stays as it is.
    """

    listed_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._listed_as_loaded = self._listed_values()

    @classmethod
    def from_db(cls, db, field_names, values):
        row = super().from_db(db, field_names, values)
        row._listed_as_loaded = row._listed_values()
        return row

    def _listed_values(self):
        # The instance's own values: reading a deferred field would cost a query.
        return tuple(self.__dict__.get(field, DEFERRED) for field in self.listed_fields)

    @property
    def changes_listing(self):
        """Whether saving now can change what list pages count, filter or order."""
        loaded = getattr(self, "_listed_as_loaded", None)
        return loaded is None or DEFERRED in loaded or loaded != self._listed_values()


class PostingAttributeQuerySet(models.QuerySet):
    """Companies, locations, research areas: what postings point at."""

    def on_public_postings(self):
        """Those of a posting students may open; never one that only drafts name."""
        [relation] = [
            field.name
            for field in Posting._meta.get_fields()
            if field.concrete and field.related_model is self.model
        ]
        postings = Posting.objects.publicly_visible().filter(**{relation: OuterRef("pk")})
        return self.filter(Exists(postings))


class CompanyQuerySet(PostingAttributeQuerySet):
    def recruited_by(self, user):
        """The user's companies: those `user` recruits for (none for an anonymous user)."""
        return self.filter(recruiters=user.pk)


class Company(RendersMarkdown):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    website = models.URLField("website or careers page", blank=True)
    description = models.CharField("short description", max_length=300, blank=True)
    about = bounded_text(
        limit="company.about",
        blank=True,
        help_text="The company's own introduction (Markdown).",
    )
    about_html = RenderedHTMLField()
    equal_opportunity_statement = bounded_text(
        limit="company.equal_opportunity_statement", blank=True, help_text="Markdown."
    )
    equal_opportunity_statement_html = RenderedHTMLField()
    recruiters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="recruiting_companies"
    )
    is_demo = models.BooleanField(
        default=False, help_text="Synthetic data made by seed_demo; never real postings."
    )

    objects = CompanyQuerySet.as_manager()
    markdown_columns = {
        "about": "about_html",
        "equal_opportunity_statement": "equal_opportunity_statement_html",
    }

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"
        constraints = text_length_checks("company")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("postings:company", kwargs={"slug": self.slug})


class Location(models.Model):
    city = models.CharField(max_length=120)
    region = models.CharField("region or state", max_length=120, blank=True)
    country = models.CharField(max_length=2, choices=iso_codes.country_choices)

    objects = PostingAttributeQuerySet.as_manager()

    class Meta:
        ordering = ["country", "region", "city"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "region", "country"], name="location_unique_place"
            ),
            models.CheckConstraint(
                condition=Q(country__regex=r"^[A-Z]{2}$"), name="location_country_iso_code"
            ),
        ]

    def __str__(self):
        return f"{self.city}, {self.region or self.country}"


class ResearchArea(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    objects = PostingAttributeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Category(models.Model):
    """A label the company itself shows on a posting, such as "Consumer" or "Software Eng"."""

    # Shown on posting pages only: list pages neither filter nor count by it.
    changes_listing = False

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class Season(models.TextChoices):
    SPRING = "spring", "Spring"
    SUMMER = "summer", "Summer"
    FALL = "fall", "Fall"
    WINTER = "winter", "Winter"


class DegreeLevel(models.TextChoices):
    BACHELORS = "bachelors", "Bachelor's"
    MASTERS = "masters", "Master's"
    PHD = "phd", "PhD"


class WorkArrangement(models.TextChoices):
    ONSITE = "onsite", "On-site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote"


class WorkAuthorization(models.TextChoices):
    SPONSORSHIP_OFFERED = "sponsorship_offered", "Visa sponsorship offered"
    NO_SPONSORSHIP = "no_sponsorship", "No visa sponsorship"
    CITIZENSHIP_REQUIRED = "citizenship_required", "Citizenship required"
    NOT_STATED = "not_stated", "Not stated"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"


# What students may open: published and closed postings, never drafts.
PUBLIC_STATUSES = (Status.PUBLISHED, Status.CLOSED)


# Each multi-valued choice is stored as one boolean column per option, so that a filter is a
# plain column test on every database and a flag array in the listing index.
DEGREE_FIELDS = {
    DegreeLevel.BACHELORS: "for_bachelors",
    DegreeLevel.MASTERS: "for_masters",
    DegreeLevel.PHD: "for_phd",
}
ARRANGEMENT_FIELDS = {
    WorkArrangement.ONSITE: "offers_onsite",
    WorkArrangement.HYBRID: "offers_hybrid",
    WorkArrangement.REMOTE: "offers_remote",
}


class ClosedReason(models.TextChoices):
    """Why a posting takes no applications, as the admin list and the cards say it."""

    CLOSING_DATE_PASSED = "closing_date_passed", "Closed: closing date passed"
    INTERNSHIP_STARTED = "internship_started", "Closed: internship started"
    CLOSED_BY_COMPANY = "closed_by_company", "Closed by the company"


NEWEST_FIRST = (F("date_posted").desc(nulls_last=True), "-created_at", "-pk")


@lru_cache(maxsize=4)
def closed_reason_conditions(today: date) -> dict[ClosedReason, Q]:
    """Each reason a posting takes no applications on `today`, the most telling first.

    A posting with a closing date is open until that day ends; one without is open until its
    internship starts (`starts_on`, see postings/seasons.py).
    """
    return {
        ClosedReason.CLOSING_DATE_PASSED: Q(closes_on__lt=today),
        ClosedReason.INTERNSHIP_STARTED: Q(closes_on__isnull=True, starts_on__lte=today),
        ClosedReason.CLOSED_BY_COMPANY: Q(status=Status.CLOSED),
    }


# Students filter on both, so a published posting must state at least one of each.
NEEDS_DEGREE_LEVEL = "A published posting needs at least one degree level: tick who may apply."
NEEDS_WORK_ARRANGEMENT = (
    "A published posting needs at least one work arrangement: tick on-site, hybrid or remote."
)

# A posting's columns that list pages count, filter and order by (the listing index reads them;
# tests/test_listing_index.py checks it reads no other). A save that changes none of them, such
# as an edit of the texts, leaves the listing index as it is.
LISTED_FIELDS = (
    "status", "posted_on", "first_published_on", "starts_on", "closes_on", "created_at",
    "company_id", "season", "year", "applicants_based_in", "work_authorization",
    *DEGREE_FIELDS.values(), *ARRANGEMENT_FIELDS.values(),
)  # fmt: skip


def open_for_applications_condition(today=None):
    """The one definition of "open for applications": published, and no reason to be closed.

    The database answers it for lists, the listing index reads the database's answer, and a
    posting in hand answers it through `postings.conditions` (`Posting.is_open_for_applications`).
    """
    return _open_condition_on(today or timezone.localdate())


@lru_cache(maxsize=4)
def _open_condition_on(today: date) -> Q:
    closed = reduce(operator.or_, closed_reason_conditions(today).values())
    return Q(status=Status.PUBLISHED) & ~closed


def _any_true(field_names):
    condition = Q()
    for name in field_names:
        condition |= Q(**{name: True})
    return condition


class PostingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def open_for_applications(self, today=None):
        """Published postings students can still apply to (`open_for_applications_condition`)."""
        return self.filter(open_for_applications_condition(today))

    def no_longer_open(self, today=None):
        """Published postings whose closing date has passed or whose internship has started."""
        return self.published().exclude(open_for_applications_condition(today))

    def publicly_visible(self):
        """What a student may open: published or closed, never drafts."""
        return self.filter(status__in=PUBLIC_STATUSES)

    def editable_by(self, user):
        """Postings `user` may edit: their companies' postings, or all of them for a superuser."""
        if user.is_superuser:
            return self
        return self.filter(company__in=Company.objects.recruited_by(user))

    def viewable_by(self, user):
        """What `user` may open on the site: public postings, plus drafts they may edit."""
        if user.is_superuser:
            return self
        public = Q(status__in=PUBLIC_STATUSES)
        if not user.is_authenticated:
            return self.filter(public)
        return self.filter(public | Q(company__in=Company.objects.recruited_by(user)))

    def for_company(self, company):
        return self.filter(company=company)

    def from_companies(self, companies):
        return self.filter(company__in=companies)

    def at_locations(self, locations):
        """Postings at any of `locations` (an Exists test, so no row is repeated)."""
        through = Posting.locations.through.objects.filter(
            posting=OuterRef("pk"), location__in=locations
        )
        return self.filter(Exists(through))

    def in_research_areas(self, areas):
        """Postings in any of `areas`."""
        through = Posting.research_areas.through.objects.filter(
            posting=OuterRef("pk"), researcharea__in=areas
        )
        return self.filter(Exists(through))

    def offering_arrangements(self, arrangements):
        """Postings that offer any of the work `arrangements`."""
        return self.filter(_any_true(ARRANGEMENT_FIELDS[a] for a in arrangements))

    def for_degree_levels(self, levels):
        """Postings open to students of any of the degree `levels`."""
        return self.filter(_any_true(DEGREE_FIELDS[level] for level in levels))

    def in_season(self, season):
        return self.filter(season=season)

    def in_year(self, year):
        return self.filter(year=year)

    def with_work_authorization(self, values):
        """Postings that state any of the work authorization `values` ("not stated" is one)."""
        return self.filter(work_authorization__in=values)

    def for_applicants_based_in(self, country):
        """Postings whose stated applicant restriction is `country`; "" means none stated."""
        return self.filter(applicants_based_in=country)

    def posted_within(self, days, today=None):
        today = today or timezone.localdate()
        return self.filter(date_posted__gte=today - timedelta(days=days))

    def paying_at_least(self, usd_a_month):
        """Postings with a pay band whose top, in US dollars a month, reaches `usd_a_month`.

        Every currency with an exchange rate counts, converted at the board's rate
        (`pay.usd_a_month`); postings that state no pay, or pay only in a currency without a
        rate, never qualify.
        """
        bands = PayBand.objects.annotate(top_usd=band_top_usd_a_month()).filter(
            posting=OuterRef("pk"), top_usd__gte=Value(float(usd_a_month))
        )
        return self.filter(Exists(bands))

    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)

    def highest_pay_first(self):
        """Ordered by the best pay in US dollars a month; postings without it (no pay, or pay
        only in a currency without an exchange rate) last."""
        top = (
            PayBand.objects.annotate(top_usd=band_top_usd_a_month())
            .filter(posting=OuterRef("pk"), top_usd__isnull=False)
            .order_by("-top_usd")
            .values("top_usd")[:1]
        )
        return self.annotate(top_usd_a_month=Subquery(top)).order_by(
            F("top_usd_a_month").desc(nulls_last=True), *NEWEST_FIRST
        )

    def closing_soonest_first(self, today=None, *, closed_included=True):
        """Open postings by closing date (no date last), then postings already closed.

        With `closed_included=False` the caller promises only open postings, so the closing
        date alone orders them and the database can read that order off an index.
        """
        by_date = (F("closes_on").asc(nulls_last=True), *NEWEST_FIRST)
        if not closed_included:
            return self.order_by(*by_date)
        still_open = open_for_applications_condition(today)
        return self.order_by(Case(When(still_open, then=Value(0)), default=Value(1)), *by_date)

    def with_card_details(self):
        """Everything a posting's card (templates/postings/_posting_card.html) shows."""
        return self.select_related("company").prefetch_related("locations", "pay_bands")

    def with_list_details(self):
        """A card's details and the research areas, as the feeds list them."""
        return self.with_card_details().prefetch_related("research_areas")

    def public_cards_in_order(self, ids):
        """The public postings among `ids`, in that order, with their card details."""
        rows = self.publicly_visible().with_card_details().in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]

    def with_all_details(self):
        """Everything the detail page shows, in a fixed number of queries."""
        return self.with_list_details().prefetch_related(
            "categories", "requirements", "pay_bands__location"
        )


class Posting(RendersMarkdown, KnowsWhatListsHold):
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="postings")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, help_text="Unique within the company.")
    organization = models.CharField("organisation", max_length=200, blank=True)
    team = models.CharField(max_length=200, blank=True)
    categories = models.ManyToManyField(Category, blank=True, related_name="postings")
    summary = bounded_text(
        "about the role", limit="posting.summary", blank=True, help_text="Markdown."
    )
    summary_html = RenderedHTMLField()

    season = models.CharField(max_length=10, choices=Season.choices)
    year = models.PositiveSmallIntegerField()
    start_window = models.CharField(
        max_length=200, blank=True, help_text='When the internship starts, e.g. "May or June".'
    )
    # Derived by save() from season, year and start window: never typed, always current.
    starts_on = models.DateField(
        "starts on",
        editable=False,
        blank=True,
        help_text=(
            "Worked out from the season, year and start window: the first day of the earliest "
            "month the start window names, else of the season (winter 1 January, spring "
            "1 March, summer 1 May, fall 1 September). Without a closing date, the posting "
            "takes applications until this day."
        ),
    )
    duration_weeks = models.PositiveSmallIntegerField(null=True, blank=True)

    for_bachelors = models.BooleanField("bachelor's students", default=False)
    for_masters = models.BooleanField("master's students", default=False)
    for_phd = models.BooleanField("PhD students", default=False)

    offers_onsite = models.BooleanField("on-site", default=False)
    offers_hybrid = models.BooleanField("hybrid", default=False)
    offers_remote = models.BooleanField("remote", default=False)
    locations = models.ManyToManyField(Location, blank=True, related_name="postings")

    applicants_based_in = models.CharField(
        "applicants must be based in",
        max_length=2,
        blank=True,
        choices=iso_codes.country_choices,
        help_text="The country, when the posting says e.g. 'US-based applicants only'. "
        "Leave empty when it states no restriction.",
    )
    work_authorization = models.CharField(
        max_length=24, choices=WorkAuthorization.choices, default=WorkAuthorization.NOT_STATED
    )
    research_areas = models.ManyToManyField(ResearchArea, blank=True, related_name="postings")

    note_to_applicants = bounded_text(
        limit="posting.note_to_applicants", blank=True, help_text="Markdown."
    )
    note_to_applicants_html = RenderedHTMLField()
    in_office_requirement = bounded_text(
        "in-office requirement statement",
        limit="posting.in_office_requirement",
        blank=True,
        help_text="Markdown.",
    )
    in_office_requirement_html = RenderedHTMLField()
    pay_note = bounded_text(
        limit="posting.pay_note",
        blank=True,
        help_text="What the posting says about how pay is set (salary transparency).",
    )

    apply_url = models.URLField("apply URL", max_length=500, blank=True)
    posted_on = models.DateField(
        null=True, blank=True, help_text="The date the original posting gives, if it gives one."
    )
    first_published_on = models.DateField(
        "first published on this board",
        null=True,
        blank=True,
        editable=False,
        help_text="Recorded when the posting is first published here.",
    )
    # What "newest first", "posted within" and search engines' datePosted go by.
    date_posted = models.GeneratedField(
        expression=Coalesce("posted_on", "first_published_on"),
        output_field=models.DateField(),
        db_persist=True,
        verbose_name="date posted",
    )
    closes_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every save; detects conflicting edits."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The stored HTML is derived from the text, which the history keeps; a restore renders it.
    history = HistoricalRecords(
        m2m_fields=[locations, research_areas, categories],
        excluded_fields=[
            "date_posted",
            "summary_html",
            "note_to_applicants_html",
            "in_office_requirement_html",
        ],
    )
    objects = PostingQuerySet.as_manager()
    listed_fields = LISTED_FIELDS
    markdown_columns = {
        "summary": "summary_html",
        "note_to_applicants": "note_to_applicants_html",
        "in_office_requirement": "in_office_requirement_html",
    }

    class Meta:
        ordering = [F("date_posted").desc(nulls_last=True), "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["company", "slug"], name="posting_unique_slug"),
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True)
                | Q(posted_on__isnull=True)
                | Q(closes_on__gte=F("posted_on")),
                name="posting_closes_after_posted",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="posting_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(season__in=Season.values), name="posting_season_valid"
            ),
            models.CheckConstraint(
                condition=Q(work_authorization__in=WorkAuthorization.values),
                name="posting_work_authorization_valid",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="posting_year_plausible",
            ),
            models.CheckConstraint(
                condition=Q(duration_weeks__isnull=True) | Q(duration_weeks__gte=1),
                name="posting_duration_positive",
            ),
            models.CheckConstraint(
                condition=Q(applicants_based_in="") | Q(applicants_based_in__regex=r"^[A-Z]{2}$"),
                name="posting_applicants_based_in_iso_code",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | _any_true(DEGREE_FIELDS.values()),
                name="posting_published_has_degree_level",
                violation_error_message=NEEDS_DEGREE_LEVEL,
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | _any_true(ARRANGEMENT_FIELDS.values()),
                name="posting_published_has_work_arrangement",
                violation_error_message=NEEDS_WORK_ARRANGEMENT,
            ),
            *text_length_checks("posting"),
        ]
        indexes = [
            models.Index(fields=["status", "date_posted"], name="posting_status_posted"),
            models.Index(fields=["status", "closes_on"], name="posting_status_closes"),
            models.Index(fields=["season", "year"], name="posting_season_year"),
        ]

    def __str__(self):
        return f"{self.title} ({self.company})"

    def save(self, *args, **kwargs):
        self.starts_on = internship_start(
            season=self.season, year=self.year, start_window=self.start_window
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"season", "year", "start_window"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "starts_on"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "postings:detail", kwargs={"company_slug": self.company.slug, "slug": self.slug}
        )

    @property
    def degree_levels(self):
        return [level for level, field in DEGREE_FIELDS.items() if getattr(self, field)]

    @property
    def work_arrangements(self):
        return [kind for kind, field in ARRANGEMENT_FIELDS.items() if getattr(self, field)]

    @property
    def is_fully_remote(self):
        return self.work_arrangements == [WorkArrangement.REMOTE]

    @property
    def season_label(self):
        return f"{self.get_season_display()} {self.year}"

    def is_open_for_applications(self, today: date | None = None) -> bool:
        return conditions.matches(self, open_for_applications_condition(today))

    def closed_reason(self, today: date | None = None) -> ClosedReason | None:
        """Why students cannot apply (drafts included, for previews); None while they can.

        A card asks several times (its class, its badges, its closing line): the answer is kept
        for as long as the day and the columns it reads stay the same.
        """
        today = today or timezone.localdate()
        asked = (today, self.status, self.closes_on, self.starts_on)
        if self.__dict__.get("_closed_reason_asked") != asked:
            self._closed_reason = next(
                (
                    reason
                    for reason, condition in closed_reason_conditions(today).items()
                    if conditions.matches(self, condition)
                ),
                None,
            )
            self._closed_reason_asked = asked
        return self._closed_reason

    def is_closed(self, today: date | None = None) -> bool:
        return self.closed_reason(today) is not None

    @property
    def shows_original_date(self) -> bool:
        """Whether `date_posted` is the original's posting date, not the day it came here."""
        return self.posted_on is not None

    def is_new(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.date_posted is not None and self.date_posted > today - timedelta(
            days=NEW_POSTING_DAYS
        )

    def missing_for_publishing(self) -> dict[str, str]:
        """{field: message} for what students filter on and this posting does not state yet."""
        missing = {}
        if not self.degree_levels:
            missing[DEGREE_FIELDS[DegreeLevel.BACHELORS]] = NEEDS_DEGREE_LEVEL
        if not self.work_arrangements:
            missing[ARRANGEMENT_FIELDS[WorkArrangement.ONSITE]] = NEEDS_WORK_ARRANGEMENT
        return missing

    def closes_soon(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.closes_on is not None
            and today <= self.closes_on <= today + timedelta(days=CLOSING_SOON_DAYS)
            and not self.is_closed(today)
        )


CURRENCY_SYMBOLS = {"USD": "$", "CAD": "CA$", "EUR": "€", "GBP": "£"}


class ExchangeRateQuerySet(models.QuerySet):
    def currencies(self) -> list[str]:
        return list(self.order_by("currency").values_list("currency", flat=True))

    def units_per_usd(self) -> dict[str, Decimal]:
        """{currency: units one US dollar buys} for every rate the board keeps."""
        return dict(self.values_list("currency", "units_per_usd"))

    def quotes(self) -> dict[str, tuple[Decimal, date]]:
        """{currency: (units one US dollar buys, the day of the rate)}, in one query, for pages
        that show converted pay and say the rate's date."""
        return {
            currency: (units, as_of)
            for currency, units, as_of in self.values_list("currency", "units_per_usd", "as_of")
        }


class ExchangeRate(models.Model):
    """What one US dollar buys in a currency: every conversion of pay between currencies reads
    this table (through `to_us_dollars`), and only superusers edit it."""

    currency = models.CharField(max_length=3, unique=True, choices=iso_codes.currency_choices)
    units_per_usd = models.DecimalField(
        "units per US dollar",
        max_digits=16,
        decimal_places=6,
        help_text="How much of the currency one US dollar buys, e.g. 0.88 for EUR.",
    )
    as_of = models.DateField("rate of", help_text="The day the rate was quoted.")
    source = models.CharField(max_length=300, help_text="Where the rate comes from.")

    objects = ExchangeRateQuerySet.as_manager()

    class Meta:
        ordering = ["currency"]
        constraints = [
            models.CheckConstraint(
                condition=Q(units_per_usd__gt=0), name="exchangerate_rate_positive"
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="exchangerate_currency_iso_code"
            ),
        ]

    def __str__(self):
        return f"1 USD = {self.units_per_usd.normalize():f} {self.currency} ({self.as_of})"

    def to_us_dollars(self, amount):
        return pay.to_us_dollars(amount, units_per_usd=self.units_per_usd)


def format_money(amount, currency):
    """Formats an amount for people: "$10,000", "CA$25.50", "1,200 CHF"."""
    number = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{number} {currency}"


class PayPeriod(models.TextChoices):
    HOUR = "hour", "hour"
    WEEK = "week", "week"
    MONTH = "month", "month"
    YEAR = "year", "year"


def band_top_usd_a_month():
    """A pay band's maximum in US dollars a month, as the database computes it: its monthly
    equivalent divided by its currency's rate (NULL without one). Both sides are read as
    floating point, as the listing index reads them, so the two agree to the last digit."""
    return Cast("monthly_maximum", models.FloatField()) / Cast(
        currency_units_per_usd(), models.FloatField()
    )


def currency_units_per_usd():
    """A pay band's currency's rate (units one US dollar buys), NULL when the board has none."""
    rate = ExchangeRate.objects.filter(currency=OuterRef("currency")).values("units_per_usd")
    return Subquery(rate[:1])


def _monthly_equivalent(field_name):
    """A database expression for pay per month, using the assumptions in postings.pay."""
    return Case(
        *[
            When(period=period, then=F(field_name) * Value(pay.monthly_factor(period)))
            for period in PayPeriod.values
        ],
        output_field=models.DecimalField(max_digits=14, decimal_places=2),
    )


class PayBand(KnowsWhatListsHold):
    # What the minimum-pay filter and the pay sort read (the band's place is shown, not listed).
    listed_fields = ("posting_id", "minimum", "maximum", "currency", "period")

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="pay_bands")
    location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Only when pay differs by office.",
    )
    minimum = models.DecimalField(max_digits=12, decimal_places=2)
    maximum = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="USD", choices=iso_codes.currency_choices)
    period = models.CharField(max_length=5, choices=PayPeriod.choices)
    position = models.PositiveSmallIntegerField(default=0)
    monthly_minimum = models.GeneratedField(
        expression=_monthly_equivalent("minimum"),
        output_field=models.DecimalField(max_digits=14, decimal_places=2),
        db_persist=True,
    )
    monthly_maximum = models.GeneratedField(
        expression=_monthly_equivalent("maximum"),
        output_field=models.DecimalField(max_digits=14, decimal_places=2),
        db_persist=True,
    )

    history = HistoricalRecords(excluded_fields=["monthly_minimum", "monthly_maximum"])

    class Meta:
        ordering = ["posting", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(minimum__gt=0), name="payband_minimum_positive"),
            models.CheckConstraint(
                condition=Q(minimum__lte=F("maximum")), name="payband_minimum_not_above_maximum"
            ),
            models.CheckConstraint(
                condition=Q(period__in=PayPeriod.values), name="payband_period_valid"
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="payband_currency_iso_code"
            ),
        ]
        indexes = [
            models.Index(fields=["monthly_maximum"], name="payband_monthly_max"),
            # A posting's best pay in a currency (pay sort, minimum-pay filter) without the heap.
            models.Index(
                "posting", "currency", F("monthly_maximum").desc(), name="payband_posting_pay"
            ),
        ]

    def __str__(self):
        return self.as_posted()

    def clean(self):
        """Refuses pay in a currency the board cannot convert, and pay no internship pays."""
        if self.currency and self.currency in iso_codes.iso_currency_codes():
            rate = ExchangeRate.objects.filter(currency=self.currency).first()
            if rate is None:
                raise ValidationError({"currency": no_exchange_rate_message(self.currency)})
            if self.period in pay.USD_BOUNDS:
                self._check_bounds(rate)

    def _check_bounds(self, rate):
        errors = {}
        for field in ("minimum", "maximum"):
            amount = getattr(self, field)
            if amount is None or amount <= 0:
                continue
            in_usd = rate.to_us_dollars(amount)
            side = pay.outside_usd_bounds(in_usd, period=self.period)
            if side:
                errors[field] = unbelievable_pay_message(
                    self.currency, self.period, in_usd=in_usd, side=side
                )
        if errors:
            raise ValidationError(errors)

    @property
    def is_single_amount(self):
        return self.minimum == self.maximum

    def as_posted(self):
        """Pay as the posting states it, e.g. "$10,000–$11,000 / month"."""
        amount = format_money(self.minimum, self.currency)
        if not self.is_single_amount:
            amount += f"–{format_money(self.maximum, self.currency)}"
        return f"{amount} / {self.get_period_display()}"

    def per(self, period: str) -> tuple:
        """The band's (minimum, maximum) converted to pay per `period`."""
        return (
            pay.convert(self.minimum, from_period=self.period, to_period=period),
            pay.convert(self.maximum, from_period=self.period, to_period=period),
        )

    def total_for_weeks(self, weeks: int) -> tuple:
        return (
            pay.total_for_weeks(self.minimum, period=self.period, weeks=weeks),
            pay.total_for_weeks(self.maximum, period=self.period, weeks=weeks),
        )


def no_exchange_rate_message(currency):
    known = ", ".join(ExchangeRate.objects.currencies())
    return (
        f"The board has no exchange rate for {currency} ({iso_codes.currency_name(currency)}), "
        f"so it cannot check this pay. Use one of {known}, or ask an administrator to add a "
        f"rate for {currency}."
    )


def unbelievable_pay_message(currency, period, *, in_usd, side):
    low, high = pay.USD_BOUNDS[period]
    verdict = "Too low" if side == "low" else "Too high"
    converted = f" (about {format_money(in_usd.quantize(1), 'USD')})" if currency != "USD" else ""
    return (
        f"{verdict} for an internship{converted}: the board takes "
        f"{format_money(low, 'USD')}–{format_money(high, 'USD')} a {period}. "
        "Check the amount and the period."
    )


class RequirementKind(models.TextChoices):
    RESPONSIBILITY = "responsibility", "What you'll do"
    QUALIFICATION = "qualification", "What we're looking for"
    PREFERRED = "preferred", "Preferred qualifications"
    BENEFIT = "benefit", "Benefits"


class Requirement(models.Model):
    # Searched by the database, shown on posting pages: nothing list pages count or order by.
    changes_listing = False

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="requirements")
    kind = models.CharField(max_length=20, choices=RequirementKind.choices)
    text = bounded_text(limit="requirement.text")
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["posting", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="requirement_text_not_empty"),
            models.CheckConstraint(
                condition=Q(kind__in=RequirementKind.values), name="requirement_kind_valid"
            ),
            *text_length_checks("requirement"),
        ]

    def __str__(self):
        return self.text[:80]


class ListingChange(models.Model):
    """A write that changed what list pages count, filter or order of one posting: every
    worker's listing index reads that posting again instead of everything
    (postings/listing/changes.py records these; a day's worth is kept)."""

    posting_id = models.BigIntegerField()
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"posting {self.posting_id} changed at {self.changed_at:%Y-%m-%d %H:%M:%S}"
