"""The admin's "New posting from text": the paste form, and the review page's evidence."""

from django import forms
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.text import Truncator

from imports.drafts import FORM_FIELDS, PostingDraft
from imports.pasted import MAX_TEXT_LABEL, PastedPosting, Unreadable, from_text, from_upload
from postings.forms import PayBandAdminForm, RequirementAdminForm

EVIDENCE_CHARACTERS = 300


class PasteForm(forms.Form):
    """A posting's text, pasted or as a file, and the company it is for (one of the user's)."""

    text = forms.CharField(
        label="The posting's text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "vLargeTextField paste-text"}),
        help_text="Copy the whole posting from its page (title, details, requirements).",
    )
    file = forms.FileField(
        label="or a file",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,text/plain,text/html"}),
        help_text=f"A .txt or .html file of the posting, up to {MAX_TEXT_LABEL}.",
    )
    company = forms.ModelChoiceField(queryset=None, empty_label="Choose the company")

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        if len(companies) == 1:
            self.fields["company"].initial = companies[0].pk
            self.fields["company"].widget = forms.HiddenInput()
        self.pasted: PastedPosting | None = None

    def clean(self):
        cleaned = super().clean()
        text, upload = cleaned.get("text", ""), cleaned.get("file")
        if upload and text.strip():
            raise forms.ValidationError("Paste the text or choose a file, not both.")
        try:
            self.pasted = from_upload(upload) if upload else from_text(text)
        except Unreadable as problem:
            self.add_error("file" if upload else "text", str(problem))
        return cleaned


def evidence_help(draft: PostingDraft) -> dict:
    """For each posting form field: the text it was read from, or "Not stated in the text"."""
    helps = {}
    for reading_field, form_fields in FORM_FIELDS.items():
        pieces = list(dict.fromkeys(draft.evidence.get(reading_field, [])))
        if pieces:
            quotes = format_html_join(
                " … ", "<q>{}</q>", ((_shortened(piece),) for piece in pieces)
            )
            said = format_html('<span class="from-text">From the text: {}</span>', quotes)
        else:
            note = draft.notes.get(reading_field)
            said = format_html(
                '<span class="not-stated">Not stated in the text{}</span>',
                format_html(": {}", note) if note else ".",
            )
        # A row of checkboxes (degree levels, arrangements) shares one sentence, after the row.
        helps[form_fields[-1]] = said
    return helps


def review_form(form_class, draft: PostingDraft):
    """The posting form with each field's evidence shown beside it."""
    helps = evidence_help(draft)

    class ReviewForm(form_class):
        # Saving from text makes a draft, whatever button the request names.
        wants_publishing = False

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for name, said in helps.items():
                if name in self.fields:
                    field = self.fields[name]
                    field.help_text = _with_help(said, field.help_text)

    return ReviewForm


def _with_help(said, help_text):
    if not help_text:
        return said
    return format_html("{}<br>{}", said, conditional_escape(help_text))


def _shortened(piece: str) -> str:
    return Truncator(" ".join(piece.split())).chars(EVIDENCE_CHARACTERS)


class EvidenceWidget(forms.Widget):
    """Shows the piece of text a row was read from, and carries it through a form shown again."""

    def render(self, name, value, attrs=None, renderer=None):
        shown = format_html('<q class="from-text">{}</q>', value) if value else "–"
        return format_html('<input type="hidden" name="{}" value="{}">{}', name, value or "", shown)


class PrefilledRow:
    """A row pre-filled from the text is saved as it stands, unless the recruiter empties it.

    Django saves an extra inline row only when it differs from its initial values; a row the
    reader filled and the recruiter accepted is meant to be saved all the same.
    """

    content_fields: tuple[str, ...] = ()

    def has_changed(self):
        return any(self[name].data not in (None, "") for name in self.content_fields)


class ReviewPayBandForm(PrefilledRow, PayBandAdminForm):
    content_fields = ("minimum", "maximum", "currency", "period")
    evidence = forms.CharField(
        label="From the text", required=False, widget=EvidenceWidget, disabled=False
    )


class ReviewRequirementForm(PrefilledRow, RequirementAdminForm):
    content_fields = ("text",)
