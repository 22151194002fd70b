"""Forms of the students app: "About me", a saved entry's status and note, an alert."""

from django import forms
from django.utils import timezone

from postings import iso_codes
from postings.models import DegreeLevel, Season, WorkArrangement
from students.eligibility import AboutMe
from students.models import NOTE_LIMIT, Frequency, SavedInternship, Status

SPONSORSHIP_CHOICES = [("yes", "Yes, I will need visa sponsorship"), ("no", "No")]
YEARS_AHEAD = 3


def year_choices():
    this_year = timezone.localdate().year
    return [(str(year), str(year)) for year in range(this_year, this_year + YEARS_AHEAD + 1)]


class AboutMeForm(forms.Form):
    degree = forms.ChoiceField(
        label="The degree I am studying for", choices=DegreeLevel.choices, widget=forms.RadioSelect
    )
    country = forms.ChoiceField(
        label="The country I am based in",
        choices=lambda: [("", "Choose a country"), *iso_codes.country_choices()],
    )
    needs_sponsorship = forms.ChoiceField(
        label="Will you need visa sponsorship to work there?",
        choices=SPONSORSHIP_CHOICES,
        widget=forms.RadioSelect,
        help_text="Where the internship is, if it is outside the country you are based in.",
    )
    seasons = forms.MultipleChoiceField(
        label="Seasons I can intern (optional)",
        choices=Season.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    years = forms.MultipleChoiceField(
        label="Years I can intern (optional)",
        choices=year_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    arrangements = forms.MultipleChoiceField(
        label="Work arrangements I accept (optional)",
        choices=WorkArrangement.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    @classmethod
    def initial_from(cls, about: AboutMe | None) -> dict:
        if about is None:
            return {}
        data = about.as_session_data()
        data["needs_sponsorship"] = "yes" if about.needs_sponsorship else "no"
        data["years"] = [str(year) for year in about.years]
        return data

    def about_me(self) -> AboutMe:
        data = self.cleaned_data
        return AboutMe(
            degree=data["degree"],
            country=data["country"],
            needs_sponsorship=data["needs_sponsorship"] == "yes",
            seasons=tuple(data["seasons"]),
            years=tuple(int(year) for year in data["years"]),
            arrangements=tuple(data["arrangements"]),
        )


class EntryForm(forms.ModelForm):
    status = forms.ChoiceField(choices=Status.choices)
    note = forms.CharField(
        label="Private note",
        required=False,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=f"Only you see it. Up to {NOTE_LIMIT:,} characters.",
    )

    class Meta:
        model = SavedInternship
        fields = ["status", "note"]


class AlertForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254)
    frequency = forms.ChoiceField(
        label="How often",
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )
    use_about_me = forms.BooleanField(
        label='Leave out internships that "About me" says are not for me', required=False
    )
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)
