"""The search request, parsed and checked: a bad parameter is a message, never a crash."""
from django import forms
from django.utils.translation import gettext_lazy as _

from archive.filters import DateRangeForm
from archive.models import Event
from chinese.normalize import strip_controls

from .budget import MAX_PEOPLE, MAX_QUERY_CHARS, MAX_UNITS
from .query_parser import parse_query
from .service import SearchSpec

SORTS = [("relevance", _("相关度")), ("newest", _("最新")), ("oldest", _("最早"))]
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000


class SearchForm(DateRangeForm):
    q = forms.CharField(required=False, strip=True)
    source = forms.CharField(required=False, max_length=200)
    place = forms.CharField(required=False, max_length=200)
    kind = forms.ChoiceField(required=False, choices=[("", "")] + list(Event.Kind.choices))
    sort = forms.ChoiceField(required=False, choices=SORTS)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    page_size = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)
    format = forms.ChoiceField(required=False, choices=[("html", "HTML"), ("json", "JSON")])
    # what the reader typed, when this search is its correction (search.suggestions)
    typed = forms.CharField(required=False, max_length=MAX_QUERY_CHARS)

    def __init__(self, params, *args, **kwargs):
        super().__init__(params, *args, **kwargs)
        self.people = tuple(dict.fromkeys(p.strip() for p in params.getlist("person") if p.strip()))

    def clean_q(self):
        # control characters mean nothing in a query, and a feed's XML cannot carry them
        q = strip_controls(self.cleaned_data["q"]).strip()
        if len(q) > MAX_QUERY_CHARS:
            raise forms.ValidationError(_("检索词太长：最多 %(max)d 个字符。") % {"max": MAX_QUERY_CHARS})
        if parse_query(q).unit_count > MAX_UNITS:
            raise forms.ValidationError(_("检索词太多：最多 %(max)d 个词语或短语（包括 OR 的各项）。") % {"max": MAX_UNITS})
        return q

    def clean_typed(self):
        return strip_controls(self.cleaned_data["typed"]).strip()

    def clean(self):
        data = super().clean()
        if len(self.people) > MAX_PEOPLE:
            raise forms.ValidationError(_("人物筛选太多：最多 %(max)d 个。") % {"max": MAX_PEOPLE})
        return data

    @property
    def wants_json(self):
        return self.data.get("format") == "json"

    def error_message(self):
        """One sentence naming each parameter that was not valid."""
        parts = []
        for name, errors in self.errors.items():
            label = "" if name == "__all__" else f"{name}: "
            parts.append(label + " ".join(str(e) for e in errors))
        return "; ".join(parts)

    def spec(self):
        data = self.cleaned_data
        query = parse_query(data["q"])
        return SearchSpec(
            query=query,
            people=self.people,
            source=data["source"].strip(),
            place=data["place"].strip(),
            kind=data["kind"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            sort=data["sort"] or ("newest" if query.is_empty else "relevance"),
            page=data["page"] or 1,
            page_size=data["page_size"] or 20,
        )
