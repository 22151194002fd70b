"""gunicorn settings for `make serve`, read from the environment like the Django settings."""

import multiprocessing

import environ

env = environ.Env()
environ.Env.read_env(".env", overwrite=False)

bind = env.str("BIND", default="127.0.0.1:8000")
# The usual rule for sync workers: two per core plus one, so a core is busy while another waits.
workers = env.int("WEB_CONCURRENCY", default=multiprocessing.cpu_count() * 2 + 1)
wsgi_app = "jobboard.wsgi:application"
# A request still running after this long is stuck: its worker is killed and replaced.
timeout = env.int("GUNICORN_TIMEOUT", default=30)
graceful_timeout = 30
keepalive = 5
# Workers are recycled now and then, so that a slow leak cannot grow without bound. Not too
# often: a new worker reads the listing index (about a second at 100,000 postings) before it
# serves, and the jitter keeps workers from all doing so at once.
max_requests = env.int("GUNICORN_MAX_REQUESTS", default=10000)
max_requests_jitter = max_requests // 4
accesslog = "-"
errorlog = "-"
# One line per request, with the request id the application put on the response.
access_log_format = (
    '%(h)s "%(r)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s "%(f)s" "%(a)s"'
)
# gunicorn 24+ opens a management socket in the home folder, shared by every instance on the
# host; nothing here uses it.
control_socket_disable = True


def post_worker_init(worker):
    """Reads the listing index before the worker's first request, not during it.

    Then moves every object made so far (Django's, the index's) out of the garbage
    collector's sight: they live as long as the worker, and scanning them again and again cost
    about 3 ms of a 30 ms list page.
    """
    import gc

    from postings.listing.index import current_index

    try:
        current_index.get()
    except Exception:
        worker.log.exception("Listing index not read at start; the first list page will read it")
    gc.freeze()
