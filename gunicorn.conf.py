"""gunicorn settings for the portal: `gunicorn --config gunicorn.conf.py portal.wsgi`."""
import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = 30
graceful_timeout = 30
accesslog = "-"
# gunicorn's control socket lives at one path per user: a second portal (a load test beside
# `make run`) would take it over. Nothing here uses it.
control_socket_disable = True


def post_worker_init(worker):
    """Load jieba, the archive's names and the search index when a worker starts, not on its first search."""
    from search.service import warm_up

    warm_up()
