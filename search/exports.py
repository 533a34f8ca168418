"""A search's results for other programs: the parsed /search/ request, and every result as CSV."""
import csv

from django.core.exceptions import BadRequest
from django.http import StreamingHttpResponse
from django.utils import timezone

from archive.permalinks import permalink

from .forms import SearchForm
from .service import search_articles

EXPORT_BATCH = 500  # results fetched per search while exporting
CSV_COLUMNS = ["id", "published", "source", "title", "author", "editor", "people", "permalink", "original_url"]


def search_spec(request):
    """The SearchSpec of a /search/ request, parsed exactly as the search page does; 400 when not valid."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        raise BadRequest(form.error_message())
    return form.spec()


def all_hits(spec, batch=EXPORT_BATCH):
    """Every hit of ``spec``, fetched ``batch`` at a time, without facets."""
    spec.page_size, spec.facets, spec.page = batch, (), 1
    while True:
        page = search_articles(spec)
        yield from page.hits
        if spec.page >= page.pages:
            return
        spec.page += 1


class _Echo:
    def write(self, value):
        return value


def csv_rows(hits):
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(CSV_COLUMNS)  # the BOM lets spreadsheets read the Chinese as UTF-8
    for hit in hits:
        a = hit.article
        yield writer.writerow([
            a.pk, timezone.localtime(a.published).isoformat(), a.source.name, a.title, a.author, a.editor,
            "、".join(hit.people), permalink(a), a.url,
        ])


def search_csv(request):
    """GET /search/export.csv?…: every result of the search (not one page), one row per article."""
    spec = search_spec(request)
    response = StreamingHttpResponse(csv_rows(all_hits(spec)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="search-results.csv"'
    return response
