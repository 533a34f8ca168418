"""This process's index writer: a thread that drains the index queue after saves commit.

A save queues its index updates in its own transaction (search.indexing) and, once that
commits, wakes the thread and returns: the request never waits for the index's lock nor
fails on the index. The thread starts on first use, in whichever process saves (runserver,
each gunicorn worker, the tests' live server, a shell), so no server needs to be told about
it. When the index cannot be written (another process holds Whoosh's lock too long, a search
server is down) or a drain fails, the rows stay queued and the thread tries again after a
pause that doubles up to RETRY_MAX_SECONDS, woken sooner by the next save.
"""
import logging
import threading

from django.db import connections as databases
from haystack import connections

log = logging.getLogger(__name__)

RETRY_SECONDS = 0.5
RETRY_MAX_SECONDS = 30.0


class Drainer:
    def __init__(self, drain):
        self._drain = drain  # search.indexing.drain: returns a DrainReport
        self._wanted = threading.Event()
        self._thread = None
        self._starting = threading.Lock()
        self._pass_done = threading.Condition()

    def wake(self):
        """Ask for a drain soon; the thread starts on first use (and again in a forked process)."""
        with self._starting:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="index-drainer", daemon=True)
                self._thread.start()
        self._wanted.set()

    def wait_for_pass(self, timeout):
        """Wait until the thread ends a drain, at most ``timeout`` seconds."""
        with self._pass_done:
            self._pass_done.wait(timeout)

    def _run(self):
        pause = None
        while True:
            self._wanted.wait(timeout=pause)
            self._wanted.clear()
            try:
                connections.reload("default")  # the index as configured now, not when the thread began
                unavailable = self._drain().unavailable
            except Exception:  # noqa: BLE001 - the thread outlives any one drain
                log.exception("index queue: the drain failed; its updates stay queued")
                unavailable = True
            finally:
                databases.close_all()  # this thread's connections: none is left open between drains
            if unavailable:
                pause = min(2 * pause, RETRY_MAX_SECONDS) if pause else RETRY_SECONDS
            else:
                pause = None
            with self._pass_done:
                self._pass_done.notify_all()
