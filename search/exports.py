"""A search's results for other programs: the parsed /search/ request, and every result as CSV."""
import csv

from django.core.exceptions import BadRequest
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.permalinks import permalink

from .forms import SearchForm
from .service import articles_of, find_all

EXPORT_BATCH = 500  # articles read from the database at a time while exporting
# The most rows one export holds: Elasticsearch pages no further, and a file cut short
# would pass for the whole result.
MAX_EXPORT_ROWS = 10_000
CSV_COLUMNS = ["id", "published", "source", "title", "author", "editor", "people", "permalink", "original_url"]
# A cell a spreadsheet would read as a formula (OWASP's list): it gets a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def search_form(request):
    """The /search/ request, checked exactly as the search page checks it; 400 when not valid."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        raise BadRequest(form.error_message())
    return form


def inert(value):
    """``value`` as a spreadsheet shows it, never runs it."""
    value = str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class _Echo:
    def write(self, value):
        return value


def csv_rows(found):
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(CSV_COLUMNS)  # the BOM lets spreadsheets read the Chinese as UTF-8
    for start in range(0, len(found), EXPORT_BATCH):
        for a, people, _latin in articles_of(found[start : start + EXPORT_BATCH]):
            yield writer.writerow([a.pk, timezone.localtime(a.published).isoformat()] + [inert(v) for v in (
                a.source.name, a.title, a.author, a.editor, "、".join(people),
                permalink(a), a.url,
            )])


def search_csv(request):
    """GET /search/export.csv?…: every result of the search (not one page), one row per article.

    The search runs before the first byte is sent: a search that fails (too broad, the index
    unavailable, too many results) is a 400 or 503 with a message, never a file cut short."""
    found, total = find_all(search_form(request).spec(), MAX_EXPORT_ROWS)
    if total > MAX_EXPORT_ROWS:
        raise BadRequest(
            _("结果太多（%(total)d 篇），一次最多导出 %(max)d 篇：请加上筛选条件。") % {"total": total, "max": MAX_EXPORT_ROWS}
        )
    response = StreamingHttpResponse(csv_rows(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="search-results.csv"'
    return response
