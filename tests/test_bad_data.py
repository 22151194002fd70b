"""Bad data never reaches students: ISO codes, believable pay, offices the posting lists, and
a degree level and work arrangement on every published posting, refused with a message on the
field at fault and, where it can, by the database."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from postings import demo, pay, services
from postings.models import ExchangeRate, Location, PayBand, Posting, Status
from postings.templatetags.posting_tags import based_in_phrase, country_name
from tests.factories import (
    ClosedPostingFactory,
    CompanyFactory,
    DraftPostingFactory,
    LocationFactory,
    PayBandFactory,
    PublishedPostingFactory,
    RecruiterFactory,
    SuperuserFactory,
)
from tests.pages import text_of
from tests.test_admin import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def company():
    return CompanyFactory(name="Acme", slug="acme")


@pytest.fixture
def recruiter(client, company):
    user = RecruiterFactory(companies=[company])
    client.force_login(user)
    return user


def change_url(posting):
    return reverse("admin:postings_posting_change", args=[posting.pk])


def field_errors(response, name, form=None):
    """The messages on one field of the admin form (or of an inline row's form)."""
    context = response.context
    form = form or context["adminform"].form
    return [str(message) for message in form.errors.get(name, [])]


def band_form(response, number=0):
    (pay_bands,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is PayBand
    ]
    return pay_bands.forms[number]


def refused(band) -> dict:
    with pytest.raises(ValidationError) as error:
        band.full_clean()
    return error.value.message_dict


# Currencies and countries are ISO codes the board knows.


def test_a_currency_that_is_no_iso_4217_code_is_refused(client, recruiter, company):
    posting = PublishedPostingFactory(company=company)
    PayBandFactory(posting=posting)
    data = form_data(client.get(change_url(posting)))
    data["pay_bands-0-currency"] = "XYZ"

    response = client.post(change_url(posting), data)

    assert response.status_code == 200
    assert field_errors(response, "currency", band_form(response)) == [
        "Select a valid choice. XYZ is not one of the available choices."
    ]
    assert posting.pay_bands.get().currency == "USD"
    assert "currency" in refused(PayBandFactory.build(posting=posting, currency="XYZ"))


def test_the_currency_is_chosen_by_name_among_those_the_board_can_convert(client, recruiter):
    page = client.get(reverse("admin:postings_posting_add")).content.decode()

    assert '<option value="EUR">EUR – Euro</option>' in page
    assert '<option value="USD" selected>USD – US Dollar</option>' in page
    assert 'value="KES"' not in page  # a real currency, but the board has no rate for it


def test_a_currency_without_an_exchange_rate_is_refused_naming_the_ones_the_board_knows(company):
    band = PayBandFactory.build(posting=PublishedPostingFactory(), currency="KES")

    (message,) = refused(band)["currency"]

    assert message.startswith("The board has no exchange rate for KES (Kenyan Shilling)")
    assert "Use one of AED, AUD, BRL, CAD, CHF," in message
    assert "ask an administrator to add a rate for KES" in message


def test_an_existing_band_in_a_currency_without_a_rate_shows_it_and_says_why_it_is_refused(
    client, recruiter, company
):
    posting = PublishedPostingFactory(company=company)
    PayBand.objects.create(
        posting=posting, minimum=90_000, maximum=90_000, currency="KES", period="month"
    )
    response = client.get(change_url(posting))
    assert band_form(response)["currency"].value() == "KES"

    response = client.post(change_url(posting), form_data(response))

    assert "no exchange rate for KES" in field_errors(response, "currency", band_form(response))[0]


def test_a_country_that_is_no_iso_3166_code_is_refused_for_offices_and_applicants(
    client, recruiter, company
):
    with pytest.raises(ValidationError) as error:
        Location(city="Nowhere", country="ZZ").full_clean()
    assert "country" in error.value.message_dict

    response = client.post(
        reverse("admin:postings_location_add"), {"city": "Nowhere", "country": "ZZ"}
    )
    assert field_errors(response, "country") == [
        "Select a valid choice. ZZ is not one of the available choices."
    ]

    posting = PublishedPostingFactory(company=company)
    data = form_data(client.get(change_url(posting)))
    data["applicants_based_in"] = "ZZ"
    response = client.post(change_url(posting), data)
    assert field_errors(response, "applicants_based_in") == [
        "Select a valid choice. ZZ is not one of the available choices."
    ]


def test_countries_are_chosen_by_name(client, recruiter):
    page = client.get(reverse("admin:postings_location_add")).content.decode()

    assert '<option value="KR">South Korea</option>' in page
    assert '<option value="DE">Germany</option>' in page


def test_the_database_holds_the_shape_of_country_codes():
    posting = PublishedPostingFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Posting.objects.filter(pk=posting.pk).update(applicants_based_in="us")


def test_pages_name_countries_from_the_iso_list():
    assert country_name("KR") == "South Korea"
    assert country_name("CH") == "Switzerland"
    assert country_name("ZZ") == "ZZ"
    assert based_in_phrase("GB") == "UK-based applicants only"
    assert based_in_phrase("SE") == "Sweden-based applicants only"


# Pay is believable for an internship, compared in US dollars per period.


@pytest.mark.parametrize(
    ("currency", "period", "minimum", "maximum", "at_fault"),
    [
        ("USD", "month", "1", "9999999", {"minimum": "Too low", "maximum": "Too high"}),
        ("USD", "hour", "5", "30", {"minimum": "Too low"}),
        ("USD", "hour", "40", "300", {"maximum": "Too high"}),
        ("USD", "week", "200", "1000", {"minimum": "Too low"}),
        ("USD", "year", "60000", "600000", {"maximum": "Too high"}),
        ("EUR", "month", "800", "1200", {"minimum": "Too low"}),  # about $912
        ("JPY", "month", "9000", "9000", {"minimum": "Too low", "maximum": "Too low"}),
    ],
)
def test_pay_no_internship_pays_is_refused_on_the_amount_at_fault(
    currency, period, minimum, maximum, at_fault
):
    band = PayBandFactory.build(
        posting=PublishedPostingFactory(),
        currency=currency,
        period=period,
        minimum=Decimal(minimum),
        maximum=Decimal(maximum),
    )

    errors = refused(band)

    assert set(errors) == set(at_fault)
    for field, verdict in at_fault.items():
        assert errors[field][0].startswith(f"{verdict} for an internship")
        assert "Check the amount and the period." in errors[field][0]


@pytest.mark.parametrize(
    ("currency", "period", "minimum", "maximum"),
    [
        ("USD", "hour", "7", "250"),
        ("USD", "week", "280", "10000"),
        ("USD", "month", "1000", "40000"),
        ("USD", "year", "12000", "480000"),
        ("EUR", "month", "900", "1200"),  # about $1,026
        ("GBP", "year", "30000", "35000"),
        ("JPY", "month", "250000", "300000"),
        ("INR", "month", "100000", "150000"),
    ],
)
def test_believable_pay_in_any_known_currency_is_accepted(currency, period, minimum, maximum):
    band = PayBandFactory.build(
        posting=PublishedPostingFactory(),
        currency=currency,
        period=period,
        minimum=Decimal(minimum),
        maximum=Decimal(maximum),
    )

    band.full_clean()


def test_the_admin_says_which_amount_is_not_believable_and_keeps_the_old_pay(
    client, recruiter, company
):
    posting = PublishedPostingFactory(company=company)
    PayBandFactory(posting=posting)
    data = form_data(client.get(change_url(posting)))
    data.update({"pay_bands-0-minimum": "1", "pay_bands-0-maximum": "9999999"})

    response = client.post(change_url(posting), data)

    row = band_form(response)
    assert field_errors(response, "minimum", row) == [
        "Too low for an internship: the board takes $1,000–$40,000 a month. "
        "Check the amount and the period."
    ]
    assert field_errors(response, "maximum", row)[0].startswith("Too high for an internship")
    assert [band.as_posted() for band in posting.pay_bands.all()] == ["$8,000–$9,000 / month"]


def test_amounts_change_currency_only_through_the_exchange_rate_table():
    euro = ExchangeRate.objects.get(currency="EUR")
    euro.units_per_usd = Decimal("0.8")
    euro.save()

    assert euro.to_us_dollars(Decimal(1000)) == Decimal("1250.00")
    assert pay.to_us_dollars(Decimal(1000), units_per_usd=Decimal("0.8")) == Decimal("1250.00")


def test_the_default_rates_state_their_date_and_source():
    rates = {rate.currency: rate for rate in ExchangeRate.objects.all()}

    assert {"USD", "EUR", "GBP", "CAD", "CHF", "INR", "JPY", "CNY"} <= set(rates)
    assert rates["USD"].units_per_usd == 1
    assert all(rate.as_of == date(2025, 6, 2) for rate in rates.values())
    assert "early June 2025" in rates["EUR"].source


def test_only_superusers_see_and_edit_exchange_rates(client, recruiter):
    rates_url = reverse("admin:postings_exchangerate_changelist")
    assert client.get(rates_url).status_code == 403

    client.force_login(SuperuserFactory())
    page = client.get(rates_url).content.decode()
    assert "Swiss Franc" in page
    assert "early June 2025" in page


# A pay band's office is one of the posting's locations.


def test_a_pay_band_for_an_office_the_posting_does_not_list_is_refused_on_that_field(
    client, recruiter, company
):
    listed, elsewhere = LocationFactory(city="Seattle"), LocationFactory(city="Dallas")
    posting = PublishedPostingFactory(company=company, locations=[listed])
    PayBandFactory(posting=posting)
    data = form_data(client.get(change_url(posting)))
    data["pay_bands-0-location"] = str(elsewhere.pk)

    response = client.post(change_url(posting), data)

    assert field_errors(response, "location", band_form(response)) == [
        "Dallas, CA is not one of this posting's locations: add it to the locations above, or "
        "leave the office empty."
    ]
    assert posting.pay_bands.get().location is None


def test_a_pay_band_may_use_an_office_added_in_the_same_save(client, recruiter, company):
    listed, added = LocationFactory(city="Seattle"), LocationFactory(city="Dallas")
    posting = PublishedPostingFactory(company=company, locations=[listed])
    PayBandFactory(posting=posting, location=listed)
    data = form_data(client.get(change_url(posting)))
    data["locations"] = [str(listed.pk), str(added.pk)]
    data["pay_bands-0-location"] = str(added.pk)

    assert client.post(change_url(posting), data).status_code == 302
    assert posting.pay_bands.get().location == added


def test_removing_an_office_that_a_pay_band_uses_is_refused_on_the_band(client, recruiter, company):
    seattle, dallas = LocationFactory(city="Seattle"), LocationFactory(city="Dallas")
    posting = PublishedPostingFactory(company=company, locations=[seattle, dallas])
    PayBandFactory(posting=posting, location=dallas)
    data = form_data(client.get(change_url(posting)))
    data["locations"] = [str(seattle.pk)]

    response = client.post(change_url(posting), data)

    assert (
        "Dallas, CA is not one of this posting's locations"
        in (field_errors(response, "location", band_form(response))[0])
    )
    assert set(posting.locations.all()) == {seattle, dallas}


# A published posting states a degree level and a work arrangement.


def test_publishing_needs_a_degree_level_and_a_work_arrangement():
    draft = DraftPostingFactory(for_phd=False, offers_onsite=False)

    with pytest.raises(ValidationError) as error:
        services.posting_publish(posting=draft)

    assert error.value.message_dict == {
        "for_bachelors": [
            "A published posting needs at least one degree level: tick who may apply."
        ],
        "offers_onsite": [
            "A published posting needs at least one work arrangement: tick on-site, hybrid or "
            "remote."
        ],
    }
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_reopening_needs_a_degree_level_and_a_work_arrangement():
    closed = ClosedPostingFactory(offers_onsite=False)

    with pytest.raises(ValidationError) as error:
        services.posting_reopen(posting=closed)

    assert set(error.value.message_dict) == {"offers_onsite"}


def test_the_database_refuses_a_published_posting_without_them():
    posting = PublishedPostingFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Posting.objects.filter(pk=posting.pk).update(for_phd=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Posting.objects.filter(pk=posting.pk).update(offers_onsite=False)
    # Drafts may be unfinished.
    DraftPostingFactory(for_phd=False, offers_onsite=False)


def test_save_and_publish_without_them_puts_the_messages_on_the_checkboxes(
    client, recruiter, company
):
    draft = DraftPostingFactory(company=company, for_phd=False, offers_onsite=False)
    data = form_data(client.get(change_url(draft)))
    data["_publish"] = "Save and publish"

    response = client.post(change_url(draft), data)

    assert field_errors(response, "for_bachelors") == [
        "A published posting needs at least one degree level: tick who may apply."
    ]
    assert field_errors(response, "offers_onsite")[0].startswith(
        "A published posting needs at least one work arrangement"
    )
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_unticking_every_degree_level_of_a_published_posting_is_refused(client, recruiter, company):
    posting = PublishedPostingFactory(company=company)
    data = form_data(client.get(change_url(posting)))
    del data["for_phd"]

    response = client.post(change_url(posting), data)

    assert field_errors(response, "for_bachelors")
    posting.refresh_from_db()
    assert posting.for_phd


def test_a_draft_may_be_saved_without_them(client, recruiter, company):
    draft = DraftPostingFactory(company=company)
    data = form_data(client.get(change_url(draft)))
    del data["for_phd"], data["offers_onsite"]

    assert client.post(change_url(draft), data).status_code == 302


# "Please correct the errors below" leads to them.


def test_the_error_note_names_each_field_at_fault_and_links_to_it(client, recruiter, company):
    posting = PublishedPostingFactory(company=company)
    PayBandFactory(posting=posting)
    data = form_data(client.get(change_url(posting)))
    del data["for_phd"]
    data.update({"pay_bands-0-minimum": "1", "applicants_based_in": "ZZ"})

    response = client.post(change_url(posting), data)
    html = response.content.decode()
    note = text_of(
        html[html.index('<div class="errornote"') : html.index("</ul>", html.index("errornote"))]
    )

    assert note.startswith("Nothing was saved. Please correct these 3 fields:")
    assert '<a href="#id_for_bachelors">Degree levels</a>' in html
    assert '<a href="#id_applicants_based_in">Applicants must be based in</a>' in html
    assert (
        '<a href="#id_pay_bands-0-minimum">Pay band 1, minimum</a>: Too low for an internship'
    ) in html
    assert 'id="id_pay_bands-0-minimum"' in html
    assert "Please correct the error" not in html


# The data students already see obeys every rule.


def published_and_their_bands():
    postings = Posting.objects.filter(status=Status.PUBLISHED)
    return postings, PayBand.objects.filter(posting__in=postings).select_related("location")


def assert_obeys_every_rule(postings, bands):
    for posting in postings:
        posting.full_clean()
        assert posting.missing_for_publishing() == {}, posting
    offices = {
        posting.pk: set(posting.locations.values_list("pk", flat=True)) for posting in postings
    }
    for location in Location.objects.filter(postings__in=postings).distinct():
        location.full_clean()
    for band in bands:
        band.full_clean()
        assert band.location_id is None or band.location_id in offices[band.posting_id], band


def test_the_real_pinterest_postings_obey_every_rule(pinterest):
    assert_obeys_every_rule(*published_and_their_bands())


def test_demo_data_obeys_every_rule():
    demo.seed(postings=300, seed=5, today=timezone.localdate())

    postings, bands = published_and_their_bands()
    assert postings.count() > 200
    assert_obeys_every_rule(postings, bands)
