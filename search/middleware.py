"""A search engine that does not answer gives the reader 503 and a message, not a server error."""
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .service import SearchUnavailable


class SearchUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, SearchUnavailable):
            return None
        message = _("检索服务暂时无法使用，请稍后再试。")
        if request.GET.get("format") == "json":
            return JsonResponse({"error": message}, status=503)
        return render(request, "search/unavailable.html", {"message": message}, status=503)
