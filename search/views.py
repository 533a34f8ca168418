"""GET /search/: one view, HTML for a reader and JSON (``format=json``) for a researcher."""
from django.http import JsonResponse
from django.shortcuts import redirect, render

from archive.names import romanized_names

from .budget import QueryTooBroad
from .facets import active_filters, facet_groups, results_chart
from .forms import SearchForm
from .serializers import page_as_json
from .service import add_cards, search_articles, total_without

# With no results, the search without each filter is counted for the first this many filters.
MAX_FILTERS_COUNTED = 8


def search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return _refused(request, form)
    spec = form.spec()
    try:
        page = search_articles(spec)
        if form.wants_json:
            return JsonResponse(page_as_json(page, form.cleaned_data["q"]), json_dumps_params={"ensure_ascii": False})
        if spec.page > page.pages:
            return redirect(_last_page(request, page))
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
    }
    return render(request, "search/search.html", context)


def _refused(request, form):
    """400 with the reason, in the form the reader asked for: the page keeps the form and every parameter."""
    if form.wants_json:
        return JsonResponse({"error": form.error_message()}, status=400)
    form.offer_sources()
    return render(request, "search/search.html", {"form": form}, status=400)


def _last_page(request, page):
    """The same search on its last page (its first, with no page parameter, when it finds nothing)."""
    params = request.GET.copy()
    if page.total:
        params["page"] = str(page.pages)
    else:
        params.pop("page", None)
    return f"{request.path}?{params.urlencode()}"
