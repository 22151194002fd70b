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


PAY_PERIODS = [("month", "a month"), ("hour", "an hour"), ("year", "a year")]
# As the form offers them: a month is the default and sends nothing, so URLs stay as they were.
PAY_PERIOD_CHOICES = [("", "a month"), ("hour", "an hour"), ("year", "a year")]


class MinimumPayWidget(forms.MultiWidget):
    """The amount as `min_pay`, its period as `min_pay_per` (a month unless said)."""

    def __init__(self, attrs=None):
        super().__init__({"": forms.NumberInput, "per": forms.Select(choices=PAY_PERIODS)}, attrs)

    def decompress(self, value):
        return list(value) if value else [None, None]


class MinimumPayField(forms.MultiValueField):
    """An amount of pay and the period it is per: hour, month (the default) or year."""

    widget = MinimumPayWidget

    def __init__(self, *, min_value=0, max_digits=9, decimal_places=2, **kwargs):
        fields = (
            forms.DecimalField(
                min_value=min_value, max_digits=max_digits, decimal_places=decimal_places
            ),
            forms.ChoiceField(choices=PAY_PERIOD_CHOICES, required=False),
        )
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        """(amount, period), or None when no amount is given."""
        if not data_list or data_list[0] in self.empty_values:
            return None
        return data_list[0], data_list[1] or "month"


class MinimumPayFilter(django_filters.Filter):
    field_class = MinimumPayField
