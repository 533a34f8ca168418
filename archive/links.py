"""The paths of records' pages (get_absolute_url), each reversed once.

Django's reverse() takes about 20 µs: it tries the arguments against the view's patterns and
quotes the result. A page of 20 search results links its 20 articles, and a person's page
dozens of articles and people, on every request; the same record's path is asked again and
again. A path depends only on the URLconf, the script prefix (where the portal is mounted)
and the arguments, so it is remembered under those: Django makes a new resolver when the
URLconf changes (clear_url_caches), and a new resolver is a new key.
"""
from functools import lru_cache

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse

# A path takes about 300 bytes with its key: at most 6 MiB per process.
REMEMBERED_PATHS = 20_000


def path_of(viewname, *args):
    """reverse(viewname, args=args), on the URLconf and script prefix in force."""
    urlconf = get_urlconf()
    return _reversed(get_resolver(urlconf), urlconf, get_script_prefix(), viewname, args)


@lru_cache(maxsize=REMEMBERED_PATHS)
def _reversed(resolver, urlconf, prefix, viewname, args):
    # (the resolver and the prefix are in the key; reverse() finds the same ones)
    return reverse(viewname, urlconf=urlconf, args=args)
