"""The reader's network address, as the login throttle counts it (django-axes)."""
from django.conf import settings


def client_address(request):
    """The connection's address; behind TRUSTED_PROXY_COUNT proxies of the portal's own, the
    address the outermost of them saw. Entries a client writes into X-Forwarded-For itself come
    before those and are never read."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR")
