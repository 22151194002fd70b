"""When postings stop being open, and which date they were posted.

- `starts_on`: the day the internship starts, derived from season, year and start window by
  `postings.seasons.internship_start` (the model's save() keeps it current); filled here for
  every posting and every recorded version.
- `first_published_on`: the day a posting was first published on this board, recorded by the
  publish service from now on. Earlier rows never recorded it; for published and closed ones
  the day the row was created is the nearest thing known, and is what this fills in.
- `date_posted`: the original's posting date, else `first_published_on` (a generated column),
  which "newest first", "posted within" and search engines' datePosted go by. PostgreSQL's
  `posting_newest` index (migration 0003) follows it.
"""

from django.db import migrations, models
from django.db.models.functions import Coalesce

from postings.migrations._postgresql import on_postgresql

STARTS_ON_HELP = (
    "Worked out from the season, year and start window: the first day of the earliest month "
    "the start window names, else of the season (winter 1 January, spring 1 March, summer "
    "1 May, fall 1 September). Without a closing date, the posting takes applications until "
    "this day."
)
BATCH = 2000

NEWEST_ON_DATE_POSTED = """
DROP INDEX IF EXISTS posting_newest;
CREATE INDEX posting_newest ON postings_posting
  (date_posted DESC NULLS LAST, created_at DESC, id DESC);
"""
NEWEST_ON_POSTED_ON = """
DROP INDEX IF EXISTS posting_newest;
CREATE INDEX posting_newest ON postings_posting
  (posted_on DESC NULLS LAST, created_at DESC, id DESC);
"""


def fill_dates(apps, schema_editor):
    from postings.seasons import internship_start

    for name in ("Posting", "HistoricalPosting"):
        model = apps.get_model("postings", name)
        pk = model._meta.pk.attname
        rows = model.objects.only(pk, "season", "year", "start_window", "status", "created_at")
        changed = []
        for row in rows.order_by(pk).iterator(chunk_size=BATCH):
            row.starts_on = internship_start(
                season=row.season, year=row.year, start_window=row.start_window
            )
            if row.status != "draft":
                row.first_published_on = row.created_at.date()
            changed.append(row)
            if len(changed) == BATCH:
                model.objects.bulk_update(changed, ["starts_on", "first_published_on"])
                changed = []
        model.objects.bulk_update(changed, ["starts_on", "first_published_on"])


def starts_on_field(*, null):
    return models.DateField(
        blank=True, editable=False, help_text=STARTS_ON_HELP, null=null, verbose_name="starts on"
    )


def first_published_on_field():
    return models.DateField(
        blank=True,
        editable=False,
        help_text="Recorded when the posting is first published here.",
        null=True,
        verbose_name="first published on this board",
    )


def posted_on_field():
    return models.DateField(
        blank=True, help_text="The date the original posting gives, if it gives one.", null=True
    )


class Migration(migrations.Migration):
    dependencies = [("postings", "0006_hardening")]

    operations = [
        *[
            operation
            for model_name in ("posting", "historicalposting")
            for operation in (
                migrations.AddField(model_name, "first_published_on", first_published_on_field()),
                migrations.AddField(model_name, "starts_on", starts_on_field(null=True)),
                migrations.AlterField(model_name, "posted_on", posted_on_field()),
            )
        ],
        migrations.RunPython(fill_dates, migrations.RunPython.noop, elidable=True),
        migrations.AlterField("posting", "starts_on", starts_on_field(null=False)),
        migrations.AlterField("historicalposting", "starts_on", starts_on_field(null=False)),
        migrations.AddField(
            model_name="posting",
            name="date_posted",
            field=models.GeneratedField(
                db_persist=True,
                expression=Coalesce("posted_on", "first_published_on"),
                output_field=models.DateField(),
                verbose_name="date posted",
            ),
        ),
        migrations.AlterModelOptions(
            name="posting",
            options={
                "ordering": [
                    models.OrderBy(models.F("date_posted"), descending=True, nulls_last=True),
                    "-created_at",
                ]
            },
        ),
        migrations.RemoveIndex(model_name="posting", name="posting_status_posted"),
        migrations.AddIndex(
            model_name="posting",
            index=models.Index(fields=["status", "date_posted"], name="posting_status_posted"),
        ),
        migrations.RunPython(
            on_postgresql(NEWEST_ON_DATE_POSTED), on_postgresql(NEWEST_ON_POSTED_ON)
        ),
    ]
