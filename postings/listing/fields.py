"""Form fields of the list page's filters that django-filter does not have as they are needed."""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class IdChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Model choices by id that reject non-ids before the query (SQLite overflows on 2**64)."""

    def _check_values(self, value):
        for item in value:
            if not re.fullmatch(r"\s*\d{1,18}\s*", str(item), flags=re.ASCII):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)


class IdChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = IdChoiceField


class OptInCheckbox(forms.CheckboxInput):
    """Ticked only by the value the form sends, so `include_closed=0` reads as no."""

    TICKED = ("1", "on", "true", "True")

    def value_from_datadict(self, data, files, name):
        return data.get(name) in self.TICKED
