"""Loads the real postings of fixtures/pinterest.json that the database does not have yet.

`manage.py loaddata` writes every row of a fixture over the row with the same primary key, so
running it on a board in use puts back a posting a recruiter closed and undoes their edits,
without a word in the history. Here each record is looked up by what identifies it (a
company's or a list entry's slug, a place's city, region and country, a posting's company
and slug); what is found is left exactly as it is, and what is missing is created through the
model's own save, so derived columns are computed and the history records who made it. A
created record keeps its number from the file when no other row has it, so that on a fresh
board a link such as `/?location=4` means the same place it means everywhere else.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, transaction

from postings import services
from postings.models import Category, Company, Location, PayBand, Posting, Requirement, ResearchArea

REAL_POSTINGS = Path(settings.BASE_DIR) / "fixtures" / "pinterest.json"

# How a record of each model is recognised in a database that may number its rows differently.
NATURAL_KEYS = {
    Company: ("slug",),
    Location: ("city", "region", "country"),
    ResearchArea: ("slug",),
    Category: ("slug",),
    Posting: ("company_id", "slug"),
}
# Foreign keys to remap from the fixture's numbering to the database's.
FOREIGN_KEYS = {
    Posting: {"company_id": Company},
    PayBand: {"posting_id": Posting, "location_id": Location},
    Requirement: {"posting_id": Posting},
}


@dataclass
class LoadResult:
    created: Counter = field(default_factory=Counter)
    already_there: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        def listed(counts):
            return ", ".join(
                f"{n} {model._meta.verbose_name if n == 1 else model._meta.verbose_name_plural}"
                for model, n in counts.items()
            )

        created = listed(self.created) or "nothing"
        kept = listed(self.already_there) or "nothing"
        return f"Created {created}. Already there and left as they are: {kept}."


@transaction.atomic
def real_postings_load(*, path: Path = REAL_POSTINGS) -> LoadResult:
    """Creates the fixture's records the database lacks; never changes one it has.

    A posting's pay bands and requirements come with it: those of a posting already there are
    the recruiters' to keep, whatever the file says.
    """
    result = LoadResult()
    saved_pk = {}  # (model, pk in the file) -> pk in the database
    new_postings = set()  # database pks of the postings created now
    with open(path, encoding="utf-8") as stream:
        records = list(serializers.deserialize("json", stream))
    for record in records:
        instance = record.object
        model = type(instance)
        file_pk = instance.pk
        for attname, target in FOREIGN_KEYS.get(model, {}).items():
            if getattr(instance, attname) is not None:
                setattr(instance, attname, saved_pk[(target, getattr(instance, attname))])
        if model in (PayBand, Requirement):
            if instance.posting_id not in new_postings:
                result.already_there[model] += 1
                continue
            existing = None
        else:
            key = {name: getattr(instance, name) for name in NATURAL_KEYS[model]}
            existing = model.objects.filter(**key).first()
        if existing is not None:
            saved_pk[(model, file_pk)] = existing.pk
            result.already_there[model] += 1
            continue
        if model.objects.filter(pk=file_pk).exists():
            instance.pk = None
        instance._state.adding = True
        if model is Posting:
            services.posting_save(posting=instance)
            new_postings.add(instance.pk)
        else:
            instance.save()
        for name, pks in record.m2m_data.items():
            related = model._meta.get_field(name).related_model
            getattr(instance, name).set([saved_pk[(related, pk)] for pk in pks])
        saved_pk[(model, file_pk)] = instance.pk
        result.created[model] += 1
    # Rows inserted with their own numbers leave PostgreSQL's id sequences behind them.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(result.created)):
            cursor.execute(sql)
    return result
