"""Admin forms for postings, pay bands and requirements, with messages on the field at fault."""

from urllib.parse import urlsplit

from django import forms
from django.forms.models import BaseInlineFormSet

from postings import pay
from postings.models import (
    ARRANGEMENT_FIELDS,
    DEGREE_FIELDS,
    FIRST_YEAR,
    LAST_YEAR,
    DegreeLevel,
    ExchangeRate,
    PayBand,
    Posting,
    Requirement,
    Status,
    WorkArrangement,
)
from postings.services import APPLY_URL_REQUIRED

# Names of the change form's workflow buttons; each saves the form, then moves the status.
PUBLISH_BUTTON = "_publish"
CLOSE_BUTTON = "_close"
REOPEN_BUTTON = "_reopen"
CONFLICT_MESSAGE = (
    "Someone else saved this posting while you were editing it (it is now at version "
    "%(current)s, you started from version %(yours)s). Nothing of yours was saved. Copy what you "
    "changed, reload the page to see their version, and make your changes again."
)


class PostingAdminForm(forms.ModelForm):
    # The version the editor started from: a save is refused when the stored one moved on.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The note above a form with errors names these checkboxes by the choice they carry the
    # errors of, rather than by the first option's label.
    error_note_labels = {
        DEGREE_FIELDS[DegreeLevel.BACHELORS]: "Degree levels",
        ARRANGEMENT_FIELDS[WorkArrangement.ONSITE]: "Work arrangements",
    }

    class Meta:
        model = Posting
        fields = [
            "company", "title", "slug", "organization", "team", "categories", "summary",
            "season", "year", "start_window", "duration_weeks",
            "for_bachelors", "for_masters", "for_phd", "offers_onsite", "offers_hybrid",
            "offers_remote", "locations", "applicants_based_in", "work_authorization",
            "research_areas", "note_to_applicants", "in_office_requirement", "pay_note",
            "apply_url", "posted_on", "closes_on",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
        based_in = self.fields["applicants_based_in"]
        based_in.choices = [("", "No restriction stated"), *based_in.choices[1:]]

    @property
    def wants_publishing(self) -> bool:
        return PUBLISH_BUTTON in self.data or REOPEN_BUTTON in self.data

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise forms.ValidationError(
                f"Enter the internship's year, between {FIRST_YEAR} and {LAST_YEAR}."
            )
        return year

    def clean_duration_weeks(self):
        weeks = self.cleaned_data.get("duration_weeks")
        if weeks is not None and weeks < 1:
            raise forms.ValidationError("An internship lasts at least one week; or leave it blank.")
        return weeks

    def clean_apply_url(self):
        url = self.cleaned_data.get("apply_url", "")
        if url and urlsplit(url).scheme.lower() not in {"http", "https"}:
            raise forms.ValidationError("Use a web address starting with http:// or https://.")
        return url

    def clean(self):
        cleaned = normalise_newlines(super().clean())
        posted_on, closes_on = cleaned.get("posted_on"), cleaned.get("closes_on")
        if posted_on and closes_on and closes_on < posted_on:
            self.add_error("closes_on", "The closing date is before the posting date.")
        self._check_slug(cleaned)
        self._check_apply_url(cleaned)
        self._check_what_students_filter_on(cleaned)
        self._check_version(cleaned)
        return cleaned

    def _check_what_students_filter_on(self, cleaned):
        """A posting that is or becomes published states a degree level and an arrangement."""
        status = self.instance.status if self.instance.pk else Status.DRAFT
        if not (self.wants_publishing or status == Status.PUBLISHED):
            return
        ticked = [*DEGREE_FIELDS.values(), *ARRANGEMENT_FIELDS.values()]
        as_posted = Posting(**{name: bool(cleaned.get(name)) for name in ticked})
        for name, message in as_posted.missing_for_publishing().items():
            self.add_error(name, message)

    def _check_slug(self, cleaned):
        slug = cleaned.get("slug")
        company = cleaned.get("company")
        if not slug or company is None:
            return
        taken = Posting.objects.for_company(company).filter(slug=slug)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            self.add_error("slug", f"{company} already has a posting with this slug.")

    def _check_apply_url(self, cleaned):
        if "apply_url" not in cleaned:
            return
        status = self.instance.status if self.instance.pk else Status.DRAFT
        becomes_published = self.wants_publishing
        # A published posting that never had a URL (as the real Pinterest ones) stays
        # editable; one that had a URL may not lose it.
        loses_url = status == Status.PUBLISHED and bool(self.initial.get("apply_url"))
        if (becomes_published or loses_url) and not cleaned["apply_url"]:
            self.add_error("apply_url", APPLY_URL_REQUIRED)

    def _check_version(self, cleaned):
        if not self.instance.pk:
            return
        current = (
            Posting.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
        )
        yours = cleaned.get("loaded_version")
        if current is not None and yours != current:
            raise forms.ValidationError(
                CONFLICT_MESSAGE, code="conflict", params={"current": current, "yours": yours}
            )


class PayBandAdminForm(forms.ModelForm):
    class Meta:
        model = PayBand
        fields = ["minimum", "maximum", "currency", "period", "location", "position"]
        widgets = {
            "minimum": forms.TextInput(attrs={"size": 10, "inputmode": "decimal"}),
            "maximum": forms.TextInput(attrs={"size": 10, "inputmode": "decimal"}),
            "position": forms.NumberInput(attrs={"class": "vIntegerField", "min": 0}),
        }
        help_texts = {"minimum": pay.BOUNDS_RULE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The currencies the board can convert; a band's own other currency stays shown, so
        # that saving it explains why it is refused instead of silently picking another.
        currency = self.fields["currency"]
        known = set(ExchangeRate.objects.currencies())
        current = self.instance.currency if self.instance.pk else None
        currency.choices = [
            (code, label)
            for code, label in currency.choices
            if code in known or code == current or not code
        ]

    def clean_minimum(self):
        minimum = self.cleaned_data.get("minimum")
        if minimum is not None and minimum <= 0:
            raise forms.ValidationError("The minimum must be above zero.")
        return minimum

    def clean(self):
        cleaned = super().clean()
        minimum, maximum = cleaned.get("minimum"), cleaned.get("maximum")
        if minimum is not None and maximum is not None and minimum > maximum:
            self.add_error("minimum", "The minimum is above the maximum.")
        return cleaned


class PayBandFormSet(BaseInlineFormSet):
    """A posting's pay bands, each for one of the offices chosen in the same submission."""

    def clean(self):
        super().clean()
        # The inline is posted with the posting's own form: its chosen locations are in the
        # same data, and they are what the posting will have once saved.
        chosen = set(self.data.getlist("locations"))
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            office = form.cleaned_data.get("location")
            if office is not None and str(office.pk) not in chosen:
                form.add_error(
                    "location",
                    f"{office} is not one of this posting's locations: add it to the "
                    "locations above, or leave the office empty.",
                )


class RequirementAdminForm(forms.ModelForm):
    class Meta:
        model = Requirement
        fields = ["kind", "text", "position"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2, "cols": 60}),
            "position": forms.NumberInput(attrs={"class": "vIntegerField", "min": 0}),
        }

    def clean_text(self):
        text = normalise_newlines(self.cleaned_data.get("text", "")).strip()
        if not text:
            raise forms.ValidationError("Write the requirement, or delete the row.")
        return text


def normalise_newlines(value):
    """Browsers send text areas with CRLF; stored text uses LF, so history shows real edits only."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    if isinstance(value, dict):
        return {key: normalise_newlines(item) for key, item in value.items()}
    return value
