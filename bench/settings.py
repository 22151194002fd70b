"""The production settings plus the benchmark's reference page and per-request query counting."""

from jobboard.settings import *  # noqa: F403
from jobboard.settings import BASE_DIR, MIDDLEWARE, TEMPLATES, env

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]

# Outermost, so that it counts every query of the request, the page cache's included.
if env.bool("BENCH_COUNT_QUERIES", default=True):
    MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
