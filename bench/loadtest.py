"""`make loadtest`: many students and a few recruiters at once against `make serve`, with locust.

Seeds a throwaway PostgreSQL database with 100,000 demo postings (bench.run's database and
server helpers), starts `make serve` on it (production settings, gunicorn with its default
workers, the page cache in the local Redis when one answers), and runs locust headless for
60 seconds: 64 simulated students browsing (bench/locustfile.py) while 4 simulated recruiters
save postings in the admin every few seconds. Prints requests, failures and p50/p95/p99 per
page, the saves the admin confirmed and how many of them are missing from the database (lost
saves), and whether the target is met: no failures, no lost saves, p95 under 200 ms on every
student page. Everything it started is stopped and the database it created is dropped.

Environment: LOADTEST_POSTINGS (100000), LOADTEST_STUDENTS (64), LOADTEST_RECRUITERS (4),
LOADTEST_SECONDS (60), BENCH_DATABASE_URL (a database to use and keep; seeded only when it does
not hold exactly LOADTEST_POSTINGS demo postings), BENCH_PORT and BENCH_REDIS_URL as for
bench.run.
"""

import csv
import json
import os
import platform
import random
import re
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.run import (
    HOST,
    PORT,
    PYTHON,
    ROOT,
    empty_redis,
    gunicorn,
    log,
    manage,
    reachable_redis,
    server_env,
    sql,
    throwaway_database,
    unseen_combinations,
)

POSTINGS = int(os.environ.get("LOADTEST_POSTINGS", "100000"))
STUDENTS = int(os.environ.get("LOADTEST_STUDENTS", "64"))
RECRUITERS = int(os.environ.get("LOADTEST_RECRUITERS", "4"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
P95_LIMIT_MS = 200
STUDENT_PAGES = ["list", "filters", "search", "detail", "feed", "pagination"]
SEARCHES = [
    "reinforcement learning", "computer vision", "recommender systems", "ranking",
    "large language models", "speech", "robotics intern", "fraud detection", "causal",
    "graph neural", "optimization", "PhD research", "search ads", "time series",
]  # fmt: skip
RECRUITER_PASSWORD = secrets.token_urlsafe(16)
CREATE_RECRUITERS = """
from django.contrib.auth import get_user_model
from postings.models import Company
from postings.permissions import recruiters_group
for number, slug in enumerate({slugs!r}):
    user, _ = get_user_model().objects.get_or_create(
        username=f"loadtest-recruiter-{{number}}@example.com", defaults={{"is_staff": True}}
    )
    user.set_password({password!r})
    user.save()
    user.groups.add(recruiters_group())
    Company.objects.get(slug=slug).recruiters.add(user)
"""


def request_data(url):
    """What the simulated users may ask for, from the seeded database."""
    postings = sql(
        url,
        "SELECT c.slug, p.slug FROM postings_posting p JOIN postings_company c"
        " ON c.id = p.company_id WHERE p.status = 'published' ORDER BY random() LIMIT 3000",
    )
    companies = sql(
        url,
        "SELECT c.slug, array_agg(p.id ORDER BY p.id) FROM postings_company c"
        " JOIN postings_posting p ON p.company_id = c.id WHERE p.status = 'published'"
        " GROUP BY c.slug ORDER BY count(*) DESC LIMIT %s",
        [RECRUITERS],
    )
    return {
        "postings": [f"/internships/{company}/{slug}/" for company, slug in postings],
        "filters": unseen_combinations(url, 2000, seed=13),
        "searches": SEARCHES,
        "recruiters": [
            {
                "username": f"loadtest-recruiter-{number}@example.com",
                "password": RECRUITER_PASSWORD,
                # Each recruiter edits postings no one else does: conflicts are not lost saves.
                "postings": random.Random(number).sample(ids, min(20, len(ids))),
            }
            for number, (_, ids) in enumerate(companies)
        ],
        "companies": [slug for slug, _ in companies],
    }


def run_locust(work, env):
    prefix = work / "locust"
    command = [
        PYTHON, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
        "--host", f"http://{HOST}:{PORT}", "--users", str(STUDENTS + RECRUITERS),
        "--spawn-rate", str(STUDENTS + RECRUITERS), "--run-time", f"{SECONDS}s",
        "--csv", str(prefix), "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING",
    ]  # fmt: skip
    completed = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=SECONDS + 120
    )
    if not (prefix.parent / "locust_stats.csv").exists():
        raise RuntimeError(f"locust wrote no statistics:\n{completed.stderr[-3000:]}")
    with open(f"{prefix}_stats.csv") as stats:
        return list(csv.DictReader(stats))


def lost_saves(url, saves_log):
    """(confirmed saves, those whose marker no version of the posting holds)."""
    saves = (
        [json.loads(line) for line in saves_log.read_text().splitlines()]
        if saves_log.exists()
        else []
    )
    if not saves:
        return 0, 0
    markers = {row[0] for row in sql(
        url,
        "SELECT note_to_applicants FROM postings_historicalposting"
        " WHERE note_to_applicants LIKE 'Load test save %%'",
    )}  # fmt: skip
    return len(saves), sum(save["marker"] not in markers for save in saves)


def index_rebuilds(server_log):
    """(how many times a worker read the listing index, their total seconds) from the log."""
    times = [
        float(match[1]) / 1000
        for match in re.finditer(r"Listing index built: [0-9]+ postings in ([0-9]+) ms", server_log)
    ]
    return len(times), sum(times)


def machine():
    cores = os.cpu_count()
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor() or "unknown CPU",
    )  # fmt: skip
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    memory = f"{memory_kb / 1024**2:.0f} GiB"
    return f"{cores} cores ({model}), {memory}, Python {platform.python_version()}"


def print_report(rows, saves, lost, redis_url, timings, rebuilds):
    by_name = {row["Name"]: row for row in rows}
    print()
    print("| page | requests | failures | req/s | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|")
    for name in [*STUDENT_PAGES, "admin change form", "admin save", "admin sign-in", "Aggregated"]:
        row = by_name.get(name)
        if row is None:
            continue
        print(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} "
            f"| {float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} | {row['99%']} |"
        )
    print()
    print(f"Saves confirmed by the admin: {saves}; lost (no version holds them): {lost}")
    count, seconds = rebuilds
    print(f"Listing index reads by the workers: {count}, {seconds:.1f} s in all (start-up too)")
    print(f"Machine: {machine()}; load average after the run: {os.getloadavg()[0]:.1f}")
    print("Cache: " + (f"Redis at {redis_url}" if redis_url else "each worker's memory"))
    for what, seconds in timings.items():
        print(f"{what}: {seconds:.0f} s")
    failures = sum(int(row["Failure Count"]) for row in rows if row["Name"] != "Aggregated")
    worst = max((int(by_name[n]["95%"]), n) for n in STUDENT_PAGES if n in by_name)
    verdicts = [
        ("no failed requests", failures == 0, str(failures)),
        ("no lost saves", lost == 0, str(lost)),
        (f"p95 under {P95_LIMIT_MS} ms on every student page", worst[0] < P95_LIMIT_MS,
         f"worst: {worst[1]}, {worst[0]} ms"),
    ]  # fmt: skip
    print()
    print("| target | met | measured |")
    print("|---|---|---|")
    for target, met, measured in verdicts:
        print(f"| {target} | {'yes' if met else 'NO'} | {measured} |")
    return all(met for _, met, _ in verdicts)


def main():
    started = time.monotonic()
    timings = {}
    work = Path(tempfile.mkdtemp(prefix="loadtest-"))
    redis_url = reachable_redis()
    with throwaway_database() as url:
        env = server_env(url, work / "static", 300, redis_url)
        env["DJANGO_SETTINGS_MODULE"] = "jobboard.settings"  # production, as make serve runs it
        # Plain http on loopback: the admin's cookies cannot be https-only here.
        env.update(SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0", LOG_LEVEL="INFO")
        for name in ("WEB_CONCURRENCY", "BENCH_COUNT_QUERIES", "GUNICORN_TIMEOUT"):
            env.pop(name)
        timings["migrate"] = manage(env, "migrate", "--noinput")
        seeded = sql(
            url,
            "SELECT count(*) FROM postings_posting p JOIN postings_company c"
            " ON c.id = p.company_id WHERE c.is_demo",
        )[0][0]
        if seeded != POSTINGS:  # a kept BENCH_DATABASE_URL may hold them from an earlier run
            log(f"seeding {POSTINGS:,} postings")
            timings[f"seed {POSTINGS:,} postings"] = manage(
                env, "seed_demo", "--postings", str(POSTINGS), "--seed", "1", "--clear"
            )
            sql(url, "VACUUM ANALYZE", autocommit=True)
        data = request_data(url)
        manage(env, "shell", "-c", CREATE_RECRUITERS.format(
            slugs=data["companies"], password=RECRUITER_PASSWORD))  # fmt: skip
        data_path, saves_log = work / "requests.json", work / "saves.jsonl"
        data_path.write_text(json.dumps(data))
        empty_redis(redis_url)
        with gunicorn(env, work / "server.log", ["make", "serve"], startup_seconds=300):
            log(f"{STUDENTS} students and {RECRUITERS} recruiters for {SECONDS} s")
            rows = run_locust(
                work,
                {**os.environ, "LOADTEST_DATA": str(data_path), "LOADTEST_SAVES": str(saves_log)},
            )
        saves, lost = lost_saves(url, saves_log)
    timings["whole load test"] = time.monotonic() - started
    rebuilds = index_rebuilds((work / "server.log").read_text(errors="replace"))
    met = print_report(rows, saves, lost, redis_url, timings, rebuilds)
    log(f"server log: {work / 'server.log'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
