"""GET /search/: one view, HTML for a reader and JSON (``format=json``) for a researcher."""
from django.http import JsonResponse
from django.shortcuts import render

from .budget import QueryTooBroad
from .facets import active_filters, facet_groups, year_chart
from .forms import SearchForm
from .serializers import page_as_json
from .service import add_cards, search_articles


def search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return _refused(request, form, form.error_message())
    try:
        page = search_articles(form.spec())
        if not form.wants_json:
            add_cards(page)
    except QueryTooBroad as error:
        return _refused(request, form, str(error))
    if form.wants_json:
        return JsonResponse(page_as_json(page, form.cleaned_data["q"]), json_dumps_params={"ensure_ascii": False})
    chart, chart_links = year_chart(page, request.GET)
    context = {
        "form": form,
        "page": page,
        "facets": facet_groups(page, request.GET),
        "chips": active_filters(request.GET),
        "chart": chart,
        "chart_links": chart_links,
    }
    return render(request, "search/search.html", context)


def _refused(request, form, message):
    """400 with the reason, in the form the reader asked for."""
    if form.wants_json:
        return JsonResponse({"error": message}, status=400)
    return render(request, "search/search.html", {"form": form, "error": message}, status=400)
