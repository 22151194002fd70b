"""`make bench`: seeds a throwaway PostgreSQL database, serves it under gunicorn, times each page.

Seeds 1,000 and then 100,000 demo postings, serves the production configuration (DEBUG off,
gunicorn with 2 workers) on loopback, drives it from a second process with a fixed set of
requests (and a row of filter combinations each asked for once), cold (page cache off) and warm
(page cache on), and prints one table, the query plans of what the pages still ask the
database (bench/plans.py), and which of issue 6's targets are met. Everything it starts is
stopped, and the database it created is dropped, however the run ends.

Environment: BENCH_DATABASE_URL (a database to use and keep; default: a new database on
postgres://postgres@127.0.0.1:5432, dropped at the end), BENCH_SCALES (default "1000,100000"),
BENCH_REQUESTS (requests per page type with the cache off, default 240), BENCH_WARM_REQUESTS
(with the cache on, default 1000: a cached page takes about a millisecond, and fewer requests
make the ratios noise), BENCH_CONCURRENCY (default 2),
BENCH_PORT (default 8106), BENCH_REDIS_URL (default redis://127.0.0.1:6379/9: the shared cache
both modes use when a Redis answers there, as production does with REDIS_URL; the run empties
that database before each server start; "" or no Redis: per-worker memory and the generation in
the database).
"""

import argparse
import contextlib
import http.client
import json
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import psycopg2
import redis

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8106"))
SCALES = [int(n) for n in os.environ.get("BENCH_SCALES", "1000,100000").split(",")]
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "240"))
WARM_REQUESTS = int(os.environ.get("BENCH_WARM_REQUESTS", "1000"))
REFERENCE = "reference page"
# Measured again after the pages, and the mean of both is the yardstick: a machine's speed
# drifts over a run.
REFERENCE_AGAIN = "reference page, again"
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "2"))
# No page type may take longer than this, whatever its request count.
SECONDS_PER_PAGE_TYPE = 25
# A request slower than this counts as failed (status 0); gunicorn kills the worker soon after.
REQUEST_TIMEOUT = 10
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")

# The targets of issue 6, checked at the largest scale.
P95_LIMIT_MS = 100
COLD_RATIO_MIN = 0.40
WARM_RATIO_MIN = 2.0
P95_GROWTH_MAX = 2.0
WORKER_RSS_LIMIT_MB = 150


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# The database -------------------------------------------------------------------------------


@contextlib.contextmanager
def throwaway_database():
    """Yields a database URL: BENCH_DATABASE_URL as given, or a new database dropped afterwards."""
    given = os.environ.get("BENCH_DATABASE_URL")
    if given:
        yield given
        return
    name = f"bench_{int(time.time())}_{os.getpid()}"
    server = urllib.parse.urlsplit(DEFAULT_SERVER)
    admin = psycopg2.connect(DEFAULT_SERVER)
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        log(f"created database {name}")
        yield server._replace(path=f"/{name}").geturl()
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
        log(f"dropped database {name}")


def sql(url, statement, params=None, autocommit=False):
    connection = psycopg2.connect(url)
    connection.autocommit = autocommit
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            rows = cursor.fetchall() if cursor.description else []
        if not autocommit:
            connection.commit()
        return rows
    finally:
        connection.close()


def manage(env, *args):
    started = time.monotonic()
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def request_set(url):
    """The fixed requests, with filter values that exist in the seeded data."""
    company = sql(
        url,
        "SELECT c.slug FROM postings_company c JOIN postings_posting p ON p.company_id = c.id"
        " WHERE c.is_demo AND p.status = 'published' GROUP BY c.slug ORDER BY count(*) DESC"
        " LIMIT 1",
    )[0][0]
    detail = sql(
        url,
        "SELECT c.slug, p.slug FROM postings_posting p JOIN postings_company c"
        " ON c.id = p.company_id WHERE c.slug = %s AND p.status = 'published'"
        " ORDER BY p.posted_on DESC, p.id LIMIT 1",
        [company],
    )[0]
    # Four published postings paid in different currencies where the data has them.
    compared = sql(
        url,
        "SELECT min(b.posting_id) FROM postings_payband b JOIN postings_posting p"
        " ON p.id = b.posting_id WHERE p.status = 'published' GROUP BY b.currency"
        " ORDER BY count(*) DESC LIMIT 4",
    )
    compare = "&".join(f"posting={posting_id}" for (posting_id,) in compared)
    return [
        (REFERENCE, "/bench/reference/"),
        ("default list", "/"),
        ("list, 3 filters", "/?degree=phd&arrangement=remote&area=recommender-systems"),
        ("search, 2 words", "/?q=reinforcement+learning"),
        ("search + filters", "/?q=computer+vision&degree=masters&arrangement=remote"),
        ("detail page", f"/internships/{detail[0]}/{detail[1]}/"),
        ("compare, 4 postings", f"/compare/?{compare}"),
        ("page 200, filtered", "/?arrangement=onsite&page=200"),
        ("company filter", f"/?company={company}&sort=pay"),
        ("Atom feed", "/feeds/atom/"),
        (UNSEEN, unseen_combinations(url, max(REQUESTS, WARM_REQUESTS) + 1)),
        (WHILE_SAVING, "/?degree=phd&arrangement=remote&area=recommender-systems"),
        (REFERENCE_AGAIN, "/bench/reference/"),
    ]


# A row whose every request is a filter combination not asked for before in the run: what
# students exploring the filters cost, whatever a cache holds.
UNSEEN = "unseen filter combinations"
# The "list, 3 filters" page again while a recruiter saves a published posting every second
# (through bench/views.py's recruiter_save, the admin's service): each save empties the page
# cache and every worker brings its listing index up to date on its next request.
WHILE_SAVING = "list, 3 filters, a recruiter saving every second"
SAVE_PATH = "/bench/recruiter-save/"
SAVE_EVERY_SECONDS = 1.0


def unseen_combinations(url, count, seed=6):
    """`count` different list URLs, each with two to four filters and a sort (the same each run)."""
    choices = {
        "degree": ["bachelors", "masters", "phd"],
        "arrangement": ["onsite", "hybrid", "remote"],
        "season": ["spring", "summer", "fall", "winter"],
        "posted_within": ["7", "30", "90"],
        "area": [slug for (slug,) in sql(url, "SELECT slug FROM postings_researcharea")],
        "location": [str(pk) for (pk,) in sql(url, "SELECT id FROM postings_location")],
        "min_pay": ["2000", "4000", "6000", "8000"],
    }
    rng = random.Random(seed)
    paths = []
    while len(paths) < count:
        names = rng.sample(sorted(choices), rng.randint(2, 4))
        query = [(name, rng.choice(choices[name])) for name in sorted(names)]
        query.append(("sort", rng.choice(["newest", "pay", "closing"])))
        path = "/?" + urllib.parse.urlencode(query)
        if path not in paths:
            paths.append(path)
    return paths


# The server ---------------------------------------------------------------------------------


def reachable_redis():
    """BENCH_REDIS_URL if a Redis answers there, else "" (the cache then lives in the workers)."""
    if not BENCH_REDIS_URL:
        return ""
    try:
        redis.Redis.from_url(BENCH_REDIS_URL, socket_connect_timeout=1).ping()
    except (redis.RedisError, OSError):
        return ""
    return BENCH_REDIS_URL


def empty_redis(redis_url):
    """Forgets pages and generations of an earlier run or scale, which may hold other rows."""
    if redis_url:
        redis.Redis.from_url(redis_url, socket_connect_timeout=1).flushdb()


def server_env(database_url, static_root, page_cache_seconds, redis_url=""):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(static_root),
        "PAGE_CACHE_SECONDS": str(page_cache_seconds),
        "REDIS_URL": redis_url,
        "BIND": f"{HOST}:{PORT}",
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
        "BENCH_COUNT_QUERIES": "1",
        # A page that outlives the client's patience must not hold a worker for long.
        "GUNICORN_TIMEOUT": str(REQUEST_TIMEOUT + 2),
    }


@contextlib.contextmanager
def gunicorn(env, log_path, command=None, startup_seconds=30):
    """Serves the site under gunicorn (its own process group) until the block ends.

    `command` starts it another way (`make serve`, which first collects static files and
    migrates); it must end up listening on env["BIND"].
    """
    if command is None and (ROOT / "gunicorn.conf.py").exists():
        command = [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py"]
    elif command is None:
        command = [PYTHON, "-m", "gunicorn", "--workers", "2", "--bind", env["BIND"]]
        command.append("jobboard.wsgi:application")
    with open(log_path, "ab") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=output, start_new_session=True
        )
    try:
        wait_until_up(process, startup_seconds)
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_until_up(process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited while starting; see the server log")
        with contextlib.suppress(OSError, http.client.HTTPException):
            connection = http.client.HTTPConnection(HOST, PORT, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status < 500:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {seconds} s")


def worker_peak_rss_mb(master_pid):
    """The largest peak resident set (VmHWM) among the master's worker processes."""
    peak = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master_pid):
            peak = max(peak, int(fields.get("VmHWM", "0 kB").split()[0]))
    return peak / 1024


# The load driver (runs as its own process) -------------------------------------------------


def drive(requests, count, concurrency):
    """Sends `count` requests per (name, path) from `concurrency` threads; returns measurements."""
    results = []
    for name, paths in requests:
        # One path, asked again and again; or a list, each asked once (the first to warm up).
        paths = [paths] if isinstance(paths, str) else paths
        deadline = time.monotonic() + SECONDS_PER_PAGE_TYPE
        measured = count
        if not warm_up(paths[0], concurrency, deadline):
            measured = 1  # a page that timed out would only time out again
        with recruiter_saving(name == WHILE_SAVING) as saves:
            measurement = measure(paths[1:] or paths, measured, concurrency, deadline)
        results.append(
            {
                "name": name,
                "path": paths[0] if len(paths) == 1 else f"{len(paths) - 1} different lists",
                **measurement,
                **({"saves": saves} if name == WHILE_SAVING else {}),
            }
        )
    return results


@contextlib.contextmanager
def recruiter_saving(saving):
    """While the block runs, a recruiter's save every SAVE_EVERY_SECONDS (when `saving`);
    yields a dict that ends up holding how many saves were made and how many failed."""
    saves = {"made": 0, "failed": 0}
    if not saving:
        yield saves
        return
    stop = threading.Event()

    def save_every_second():
        while not stop.wait(SAVE_EVERY_SECONDS):
            connection = http.client.HTTPConnection(HOST, PORT, timeout=REQUEST_TIMEOUT)
            try:
                connection.request("POST", SAVE_PATH, headers={"Host": HOST})
                status = connection.getresponse().status
            except (OSError, http.client.HTTPException):
                status = 0
            finally:
                connection.close()
            saves["made" if status == 204 else "failed"] += 1

    saver = threading.Thread(target=save_every_second)
    saver.start()
    try:
        yield saves
    finally:
        stop.set()
        saver.join()


def warm_up(path, concurrency, deadline):
    """A few requests at once, so that every worker has compiled the page's templates; with the
    page cache on, then until the workers answer from it.

    Without Redis each gunicorn worker has its own memory cache, so a few hits in a row are
    needed before the measured requests stop meeting a worker that has not rendered the page yet.
    """
    burst = measure([path], 2 * concurrency, concurrency, deadline)
    if burst["errors"] == burst["requests"]:
        return False
    hits_in_a_row = 0
    for _ in range(12):
        status, headers = fetch(path)
        if status == 0:
            return False
        if "x-cache" not in headers:
            return True
        hits_in_a_row = hits_in_a_row + 1 if headers["x-cache"] == "HIT" else 0
        if hits_in_a_row >= 4 or time.monotonic() > deadline:
            return True
    return True


def measure(paths, count, concurrency, deadline):
    latencies, queries, statuses, cache = [], [], [], []
    lock = threading.Lock()
    remaining = [count]

    def worker():
        while True:
            with lock:
                if remaining[0] <= 0 or time.monotonic() > deadline:
                    return
                remaining[0] -= 1
                path = paths[remaining[0] % len(paths)]
            started = time.perf_counter()
            status, headers = fetch(path)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses.append(status)
                if "x-bench-queries" in headers:
                    queries.append(int(headers["x-bench-queries"]))
                cache.append(headers.get("x-cache", ""))

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": sum(status != 200 for status in statuses),
        "rps": len(latencies) / wall,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[max(0, int(len(latencies) * 0.95) - 1)],
        "queries": statistics.mean(queries) if queries else None,
        "cache_hits": cache.count("HIT"),
    }


def fetch(path):
    """(status, headers) of one GET; status 0 when it failed or took over REQUEST_TIMEOUT."""
    connection = http.client.HTTPConnection(HOST, PORT, timeout=REQUEST_TIMEOUT)
    try:
        # As a browser asks: pages come compressed.
        connection.request("GET", path, headers={"Host": HOST, "Accept-Encoding": "gzip"})
        response = connection.getresponse()
        response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}
    except (OSError, http.client.HTTPException):
        return 0, {}
    finally:
        connection.close()


def run_driver(requests, count):
    """Runs the load driver as a second process, so it does not share the server's interpreter."""
    completed = subprocess.run(
        [PYTHON, "-m", "bench.run", "--drive"],
        cwd=ROOT,
        input=json.dumps({"requests": requests, "count": count, "concurrency": CONCURRENCY}),
        capture_output=True,
        text=True,
        check=True,
        timeout=SECONDS_PER_PAGE_TYPE * len(requests) + 120,
    )
    return json.loads(completed.stdout)


# The report ---------------------------------------------------------------------------------


def print_table(rows, rss, timings, redis_url):
    header = (
        "| postings | cache | request | req/s | p50 ms | p95 ms | queries | × reference | requests "
        "| errors |"
    )
    print()
    print(header)
    print("|" + "---|" * 10)
    for row in rows:
        queries = "" if row["queries"] is None else f"{row['queries']:.0f}"
        print(
            f"| {row['scale']:,} | {row['mode']} | {row['name']} | {row['rps']:.1f} "
            f"| {row['p50_ms']:.0f} | {row['p95_ms']:.0f} | {queries} | {row['ratio']:.2f} "
            f"| {row['requests']} | {row['errors']} |"
        )
    print()
    if redis_url:
        print(f"Cache: Redis at {redis_url} (pages and generation shared by the workers)")
    else:
        print("Cache: pages in each worker's memory, generation read from the database per hit")
    for (scale, mode), megabytes in rss.items():
        print(f"Peak RSS of a gunicorn worker, {scale:,} postings, {mode}: {megabytes:.0f} MB")
    for row in rows:
        if "saves" in row:
            print(
                f"{row['name']}, {row['scale']:,} postings, {row['mode']}: "
                f"{row['saves']['made']} saves made, {row['saves']['failed']} failed"
            )
    for what, seconds in timings.items():
        print(f"{what}: {seconds:.0f} s")


def query_plans(env):
    """What bench/plans.py finds in the plans of the queries the student pages still send."""
    completed = subprocess.run(
        [PYTHON, "-m", "bench.plans"],
        cwd=ROOT,
        env={**env, "LOG_LEVEL": "WARNING"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def print_plans(plans):
    print()
    print("| postings | query | indexes used | tables read whole |")
    print("|---|---|---|---|")
    for scale, found in plans.items():
        for query, plan in found.items():
            indexes = ", ".join(plan["indexes"]) or "none"
            scanned = ", ".join(plan["scanned"]) or "none"
            print(f"| {scale:,} | {query} | {indexes} | {scanned} |")


def check_targets(rows, rss, plans):
    largest, smallest = max(SCALES), min(SCALES)
    by_key = {(r["scale"], r["mode"], r["name"]): r for r in rows}
    verdicts = []
    for row in rows:
        if row["scale"] != largest or row["name"] in (REFERENCE, REFERENCE_AGAIN):
            continue
        if row["mode"] == "cold":
            verdicts.append(
                (f"cold p95 < {P95_LIMIT_MS} ms: {row['name']}", row["p95_ms"] < P95_LIMIT_MS,
                 f"{row['p95_ms']:.0f} ms")
            )  # fmt: skip
            verdicts.append(
                (f"cold ≥ {COLD_RATIO_MIN:.0%} of reference: {row['name']}",
                 row["ratio"] >= COLD_RATIO_MIN, f"{row['ratio']:.2f}")
            )  # fmt: skip
            small = by_key.get((smallest, "cold", row["name"]))
            if small and largest != smallest:
                growth = row["p95_ms"] / small["p95_ms"]
                verdicts.append(
                    (f"p95 at {largest:,} ≤ {P95_GROWTH_MAX:g}× p95 at {smallest:,}: {row['name']}",
                     growth <= P95_GROWTH_MAX, f"{growth:.2f}×")
                )  # fmt: skip
        elif row["name"] != UNSEEN:  # a page cache cannot help pages never asked for before
            verdicts.append(
                (f"warm ≥ {WARM_RATIO_MIN:g}× reference: {row['name']}",
                 row["ratio"] >= WARM_RATIO_MIN, f"{row['ratio']:.2f}")
            )  # fmt: skip
    for query, plan in plans.get(largest, {}).items():
        verdicts.append(
            (f"no sequential scan of postings: {query}", "postings_posting" not in plan["scanned"],
             ", ".join(plan["indexes"]) or "no index")
        )  # fmt: skip
    for (scale, mode), megabytes in rss.items():
        verdicts.append(
            (f"worker < {WORKER_RSS_LIMIT_MB} MB ({scale:,}, {mode})",
             megabytes < WORKER_RSS_LIMIT_MB, f"{megabytes:.0f} MB")
        )  # fmt: skip
    print()
    print("| target | met | measured |")
    print("|---|---|---|")
    for target, met, measured in verdicts:
        print(f"| {target} | {'yes' if met else 'NO'} | {measured} |")
    return all(met for _, met, _ in verdicts)


def main():
    started = time.monotonic()
    rows, rss, timings, plans = [], {}, {}, {}
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    server_log = work / "gunicorn.log"
    redis_url = reachable_redis()
    log(f"cache: {'Redis at ' + redis_url if redis_url else 'worker memory + database generation'}")
    with throwaway_database() as url:
        env = server_env(url, work / "static", 0)
        timings["migrate"] = manage(env, "migrate", "--noinput")
        manage(env, "createcachetable")
        timings["collectstatic"] = manage(env, "collectstatic", "--noinput")
        for scale in SCALES:
            log(f"seeding {scale:,} postings")
            timings[f"seed {scale:,} postings"] = manage(
                env, "seed_demo", "--postings", str(scale), "--seed", "1", "--clear"
            )
            sql(url, "VACUUM ANALYZE", autocommit=True)
            plans[scale] = query_plans(env)
            requests = request_set(url)
            for mode, cache_seconds in (("cold", 0), ("warm", 300)):
                log(f"{scale:,} postings, {mode}: serving and driving")
                empty_redis(redis_url)
                serving = server_env(url, work / "static", cache_seconds, redis_url)
                with gunicorn(serving, server_log) as gun:
                    measured = run_driver(requests, REQUESTS if mode == "cold" else WARM_REQUESTS)
                    rss[(scale, mode)] = worker_peak_rss_mb(gun.pid)
                reference = statistics.mean(
                    m["rps"] for m in measured if m["name"] in (REFERENCE, REFERENCE_AGAIN)
                )
                for m in measured:
                    rows.append({**m, "scale": scale, "mode": mode, "ratio": m["rps"] / reference})
    timings["whole benchmark"] = time.monotonic() - started
    print_table(rows, rss, timings, redis_url)
    print_plans(plans)
    met = check_targets(rows, rss, plans)
    log(f"server log: {server_log}")
    return 0 if met else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drive", action="store_true", help=argparse.SUPPRESS)
    if parser.parse_args().drive:
        job = json.load(sys.stdin)
        json.dump(drive(job["requests"], job["count"], job["concurrency"]), sys.stdout)
    else:
        sys.exit(main())
