"""Public pages and search answers from a cache shared by every worker, while nothing changes.

A page is the same for every reader of one language until the archive changes, so a GET of
a public page is answered from the ``pages`` cache (files in the data directory: every
worker shares them), keyed by the archive's content generation (archive.generation), the
language and the full path. A change moves the generation on in the same transaction, so
from its commit every worker misses the old entries and renders anew: nothing stale is
served, and nothing needs to be deleted (old entries age out).

Not cached: the admin, the health probe, a reader who is logged in (a session cookie), a
response that sets a cookie, anything but a whole 200 answer (a CSV export streams).
"""
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.utils import translation

from archive import generation

#: Paths never answered from the cache.
UNCACHED = ("/admin/", "/healthz", "/static/", "/language/")


class PageFileCache(FileBasedCache):
    """Django's file cache, which counts its files (to remove some past MAX_ENTRIES) at one
    write in CULL_EVERY of a process instead of at every write: counting lists the whole
    directory, 38 ms at 19,000 pages, which every page not yet cached would pay. The directory
    may then pass MAX_ENTRIES by CULL_EVERY pages per worker before it is thinned."""

    CULL_EVERY = 100

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._writes = 0

    def _cull(self):
        self._writes += 1  # a race between threads only moves a count a little earlier or later
        if self._writes % self.CULL_EVERY == 0:
            super()._cull()


def cacheable(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(UNCACHED)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def keepable(response):
    return response.status_code == 200 and not response.streaming and not response.cookies


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable(request):
            return self.get_response(request)
        cache = caches["pages"]
        key = f"{generation.current()}:{translation.get_language()}:{request.get_full_path()}"
        response = cache.get(key)
        if response is None:
            response = self.get_response(request)
            if keepable(response):
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response
