"""GET /search/: one view, HTML for a reader and JSON (``format=json``) for a researcher."""
from django.http import JsonResponse
from django.shortcuts import redirect, render

from archive.names import romanized_names

from .budget import QueryTooBroad
from .facets import active_filters, facet_groups, results_chart
from .forms import SearchForm
from .serializers import page_as_json
from .service import add_cards, search_articles, total_without
from .suggestions import suggestion

# With no results, the search without each filter is counted for the first this many filters.
MAX_FILTERS_COUNTED = 8


def search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return _refused(request, form)
    spec, q = form.spec(), form.cleaned_data["q"]
    try:
        page = search_articles(spec)
        page.suggestion = suggestion(q, page)
        if form.wants_json:
            return JsonResponse(page_as_json(page, q), json_dumps_params={"ensure_ascii": False})
        if page.suggestion and not page.total and not form.cleaned_data["typed"]:
            # the corrected search's page, under a note naming what was typed
            return redirect(_search_url(request, q=page.suggestion, typed=q, page=None))
        if spec.page > page.pages:  # the last page (the first, with no page parameter, when it finds nothing)
            return redirect(_search_url(request, page=str(page.pages) if page.total else None))
        romanized = romanized_names()
        chips = active_filters(spec, request.GET, romanized)
        if not page.total:
            for chip in chips[:MAX_FILTERS_COUNTED]:
                chip.count = total_without(spec, **chip.without)
        add_cards(page)
    except QueryTooBroad as error:  # the reason goes beside the query, as for a query too long
        form.add_error("q", str(error))
        return _refused(request, form)
    form.offer_sources()
    context = {
        "form": form,
        "page": page,
        "facets": facet_groups(page, request.GET, romanized),
        "chips": chips,
        "chart": results_chart(page, request.GET),
        "typed": form.cleaned_data["typed"],
        "suggestion_url": page.suggestion and _search_url(request, q=page.suggestion, typed=None, page=None),
    }
    return render(request, "search/search.html", context)


def _refused(request, form):
    """400 with the reason, in the form the reader asked for: the page keeps the form and every parameter."""
    if form.wants_json:
        return JsonResponse({"error": form.error_message()}, status=400)
    form.offer_sources()
    return render(request, "search/search.html", {"form": form}, status=400)


def _search_url(request, **changed):
    """This search with ``changed`` parameters (None leaves one out)."""
    params = request.GET.copy()
    for key, value in changed.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return f"{request.path}?{params.urlencode()}"
