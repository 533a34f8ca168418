"""GET /search/: one view, HTML for a reader and JSON (``format=json``) for a researcher."""
from django.http import JsonResponse
from django.shortcuts import render

from .facets import active_filters, facet_groups, year_chart
from .forms import SearchForm
from .serializers import page_as_json
from .service import add_cards, search_articles


def search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        message = form.error_message()
        if form.wants_json:
            return JsonResponse({"error": message}, status=400)
        return render(request, "search/search.html", {"form": form, "error": message}, status=400)
    page = search_articles(form.spec())
    if form.wants_json:
        return JsonResponse(page_as_json(page, form.cleaned_data["q"]), json_dumps_params={"ensure_ascii": False})
    chart, chart_links = year_chart(page, request.GET)
    context = {
        "form": form,
        "page": add_cards(page),
        "facets": facet_groups(page, request.GET),
        "chips": active_filters(request.GET),
        "chart": chart,
        "chart_links": chart_links,
    }
    return render(request, "search/search.html", context)
