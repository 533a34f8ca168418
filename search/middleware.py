"""A search that cannot be answered says why: 503 when the engine or its index is unavailable,
400 with the reason for a bad or too broad request (the feed and the CSV export; the search
page answers those itself, beside its form)."""
from django.core.exceptions import BadRequest
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .budget import QueryTooBroad
from .service import SearchUnavailable


class SearchErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        wants_json = request.GET.get("format") == "json"
        if isinstance(exception, SearchUnavailable):
            message = _("检索服务暂时无法使用，请稍后再试。")
            if wants_json:
                return JsonResponse({"error": message}, status=503, json_dumps_params={"ensure_ascii": False})
            return render(request, "search/unavailable.html", {"message": message}, status=503)
        if isinstance(exception, (QueryTooBroad, BadRequest)):
            if wants_json:
                return JsonResponse({"error": str(exception)}, status=400, json_dumps_params={"ensure_ascii": False})
            return HttpResponse(str(exception), status=400, content_type="text/plain; charset=utf-8")
        return None
