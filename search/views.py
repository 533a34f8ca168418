"""GET /search/: one view, HTML for a reader and JSON (``format=json``) for a researcher."""
from django.http import JsonResponse
from django.shortcuts import redirect, render

from .budget import QueryTooBroad
from .facets import active_filters, facet_groups, year_chart
from .forms import SearchForm
from .serializers import page_as_json
from .service import add_cards, search_articles
from .suggestions import suggestion


def search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return _refused(request, form, form.error_message())
    q = form.cleaned_data["q"]
    try:
        page = search_articles(form.spec())
        page.suggestion = suggestion(q, page)
        if not form.wants_json:
            if page.suggestion and not page.total and not form.cleaned_data["typed"]:
                # the corrected search's page, under a note naming what was typed
                return redirect(_search_url(request, q=page.suggestion, typed=q))
            add_cards(page)
    except QueryTooBroad as error:
        return _refused(request, form, str(error))
    if form.wants_json:
        return JsonResponse(page_as_json(page, q), json_dumps_params={"ensure_ascii": False})
    chart, chart_links = year_chart(page, request.GET)
    context = {
        "form": form,
        "page": page,
        "facets": facet_groups(page, request.GET),
        "chips": active_filters(request.GET),
        "chart": chart,
        "chart_links": chart_links,
        "typed": form.cleaned_data["typed"],
        "suggestion_url": page.suggestion and _search_url(request, q=page.suggestion),
    }
    return render(request, "search/search.html", context)


def _search_url(request, **changed):
    """This search with ``changed`` parameters, from its first page."""
    params = request.GET.copy()
    for key in ("page", "typed"):
        params.pop(key, None)
    for key, value in changed.items():
        params[key] = value
    return f"{request.path}?{params.urlencode()}"


def _refused(request, form, message):
    """400 with the reason, in the form the reader asked for."""
    if form.wants_json:
        return JsonResponse({"error": message}, status=400)
    return render(request, "search/search.html", {"form": form, "error": message}, status=400)
