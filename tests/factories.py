"""factory_boy factories: one per model, and one per posting state.

Dates are relative to today, so a posting made here is as open, as new and as far from its
start as the test says, whatever day the tests run: a summer internship of next year has not
started, and one posted 30 days ago is no longer new.
"""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

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
)


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        django_get_or_create = ["city", "region", "country"]

    city = factory.Sequence(lambda n: f"City {n}")
    region = "CA"
    country = "US"


class ResearchAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearchArea
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class DraftPostingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Posting
        skip_postgeneration_save = True

    company = factory.SubFactory(CompanyFactory)
    title = factory.Sequence(lambda n: f"Machine Learning Intern {n}")
    slug = factory.Sequence(lambda n: f"machine-learning-intern-{n}")
    season = Season.SUMMER
    year = factory.LazyFunction(lambda: timezone.localdate().year + 1)
    duration_weeks = 12
    for_phd = True
    offers_onsite = True
    apply_url = "https://example.com/apply"
    status = Status.DRAFT

    @factory.post_generation
    def locations(self, create, extracted, **kwargs):
        if create and extracted:
            self.locations.set(extracted)

    @factory.post_generation
    def research_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.research_areas.set(extracted)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)


class PublishedPostingFactory(DraftPostingFactory):
    status = Status.PUBLISHED
    posted_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    first_published_on = factory.SelfAttribute("posted_on")


class ClosedPostingFactory(PublishedPostingFactory):
    status = Status.CLOSED


class PayBandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PayBand

    posting = factory.SubFactory(PublishedPostingFactory)
    minimum = Decimal("8000")
    maximum = Decimal("9000")
    currency = "USD"
    period = PayPeriod.MONTH


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    posting = factory.SubFactory(PublishedPostingFactory)
    kind = RequirementKind.QUALIFICATION
    text = factory.Sequence(lambda n: f"Requirement line {n}")
    position = factory.Sequence(int)


class RecruiterFactory(factory.django.DjangoModelFactory):
    """A staff user in the Recruiters group; pass `companies=[...]` to link them."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"recruiter{n}@example.com")
    email = factory.LazyAttribute(lambda user: user.username)
    is_staff = True

    @factory.post_generation
    def companies(self, create, extracted, **kwargs):
        from postings.permissions import recruiters_group

        if not create:
            return
        self.groups.add(recruiters_group())
        for company in extracted or []:
            company.recruiters.add(self)


class SuperuserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"admin{n}")
    is_staff = True
    is_superuser = True
