"""Site-wide response policies: the interface language and the Content-Security-Policy."""
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

# Pages use no inline script or style; the admin's widgets set inline styles.
CSP = (
    "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
ADMIN_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Chinese unless the reader chose another language (the language cookie set by /language/).

    Django's own middleware follows the browser's Accept-Language; this portal speaks Chinese
    first, whatever the browser, and English on request.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        available = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def content_security_policy(get_response):
    def middleware(request):
        response = get_response(request)
        policy = ADMIN_CSP if request.path.startswith("/admin/") else CSP
        response.headers.setdefault("Content-Security-Policy", policy)
        return response

    return middleware
