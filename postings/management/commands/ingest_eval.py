"""Scores the posting reader on a corpus of postings with their expected fields.

What counts as right for each field, and what counts as an invented value, is written at the
top of `postings/ingest/evaluation.py`.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from postings.ingest.evaluation import SCORED_FIELDS, evaluate_corpus

DEFAULT_CORPUS = Path(settings.BASE_DIR) / "tests" / "ingest_corpus"


class Command(BaseCommand):
    help = (
        "Reads every posting of a corpus (NAME.txt or NAME.html beside NAME.json) and prints the "
        "accuracy per field, the overall accuracy, every invented value and the reading time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "corpus", nargs="?", default=str(DEFAULT_CORPUS), help="Folder of the corpus."
        )
        parser.add_argument(
            "--show-wrong", action="store_true", help="Also print each wrong field's values."
        )

    def handle(self, *args, corpus, show_wrong, **options):
        folder = Path(corpus)
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        result = evaluate_corpus(folder)
        if not result.postings:
            raise CommandError(f"{folder} holds no posting with an expected answer.")
        write = self.stdout.write
        write(f"Corpus: {folder} ({len(result.postings)} postings)\n")
        write(f"{'field':<30} {'right':>9} {'accuracy':>9}")
        for name in SCORED_FIELDS:
            right, total = result.accuracy(name)
            write(f"{name:<30} {right:>4}/{total:<4} {100 * right / total:>8.1f}%")
        right, total = result.overall
        write(f"{'overall':<30} {right:>4}/{total:<4} {100 * right / total:>8.1f}%\n")
        invented = result.invented
        write(f"Invented values: {len(invented)}")
        for name, field, value in invented:
            write(f"  {name}: {field}: {value!r}")
        if show_wrong:
            write("\nWrong fields:")
            for posting in result.postings:
                for field, outcome in posting.fields.items():
                    if not outcome.right:
                        write(f"  {posting.name}: {field}")
                        write(f"      expected {outcome.expected!r}")
                        write(f"      got      {outcome.got!r}")
        cpu_median, cpu_max = result.milliseconds(cpu=True)
        wall_median, wall_max = result.milliseconds()
        write(
            f"\nReading time per posting: median {cpu_median:.1f} ms, max {cpu_max:.1f} ms of "
            f"processor time (wall clock: median {wall_median:.1f} ms, max {wall_max:.1f} ms, "
            f"which grows with whatever else the machine runs)."
        )
        write(
            f"One-time load of the gazetteer and currency tables, before the first posting: "
            f"{result.load_cpu_seconds * 1000:.0f} ms of processor time "
            f"({result.load_seconds * 1000:.0f} ms wall clock)."
        )
