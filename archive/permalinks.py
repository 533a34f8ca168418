"""Addresses that leave the portal (citations, exports, feeds): on its configured public address,
settings.SITE_URL, whatever host name served the request (a proxy's, an internal one)."""
from django.conf import settings


def public_url(path):
    """The public address of a path of the portal (``/articles/1/``)."""
    return settings.SITE_URL + path


def permalink(record):
    return public_url(record.get_absolute_url())
