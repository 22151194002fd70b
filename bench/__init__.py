"""The benchmark: `make bench` seeds PostgreSQL, serves under gunicorn, and measures each page."""
