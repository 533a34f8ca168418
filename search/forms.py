"""The search request, parsed and checked: a bad parameter is a message, never a crash."""
from django import forms
from django.utils.translation import gettext_lazy as _

from archive import names
from archive.filters import DateRangeForm
from archive.models import Event, Source
from chinese.normalize import strip_controls

from .budget import MAX_PEOPLE, MAX_QUERY_CHARS, MAX_UNITS
from .query_parser import parse_query
from .service import SearchSpec

SORTS = [("relevance", _("相关度")), ("newest", _("最新")), ("oldest", _("最早"))]
FORMATS = [("html", "HTML"), ("json", "JSON")]
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000


# Choices are given as functions: a form copies its fields for each request, and a list of
# choices is copied deeply, translated labels and all (0.1 ms of a search), a function not at all.
def kind_choices():
    return [("", _("全部类型"))] + list(Event.Kind.choices)


class SearchForm(DateRangeForm):
    q = forms.CharField(label=_("检索词"), required=False, strip=True)
    source = forms.CharField(label=_("来源"), required=False, max_length=200, widget=forms.Select)
    kind = forms.ChoiceField(label=_("活动类型"), required=False, choices=kind_choices)
    title_only = forms.BooleanField(label=_("只检索标题"), required=False)
    place = forms.CharField(label=_("地点"), required=False, max_length=200)
    sort = forms.ChoiceField(label=_("排序"), required=False, choices=lambda: SORTS)
    page = forms.IntegerField(label=_("页码"), required=False, min_value=1, max_value=MAX_PAGE)
    page_size = forms.IntegerField(label=_("每页篇数"), required=False, min_value=1, max_value=MAX_PAGE_SIZE)
    format = forms.ChoiceField(label=_("格式"), required=False, choices=lambda: FORMATS)
    # what the reader typed, when this search is its correction (search.suggestions)
    typed = forms.CharField(label=_("检索词"), required=False, max_length=MAX_QUERY_CHARS)

    #: The fields the search page shows to narrow a search; the others travel in hidden inputs.
    refine_fields = ("date_from", "date_to", "source", "kind", "title_only")
    carried_fields = ("place", "sort", "page_size")

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

    def offer_sources(self):
        """List the archive's sources in the source field (and the one asked for, if unknown)."""
        offered = list(Source.objects.values_list("name", flat=True))
        asked = (self.data.get("source") or "").strip()
        if asked and asked not in offered:
            offered.append(asked)
        self.fields["source"].widget.choices = [("", _("全部来源"))] + [(name, name) for name in offered]

    def refine(self):
        """The bound fields a reader narrows the search with, in the order shown."""
        return [self[name] for name in self.refine_fields]

    def carried(self):
        """(name, value) of the parameters the form keeps without showing them: the people and
        place chosen from the facets, the sort and the page size (a value that was not valid is dropped)."""
        pairs = [("person", person) for person in self.people]
        for name in self.carried_fields:
            value = (self.data.get(name) or "").strip()
            if value and name not in self.errors:
                pairs.append((name, value))
        return pairs

    def other_errors(self):
        """(label, messages) of the errors that no field on the page shows: the page, the page size…"""
        shown = set(self.refine_fields) | {"q"}
        return [
            (self.fields[name].label if name in self.fields else "", errors)
            for name, errors in self.errors.items()
            if name not in shown
        ]

    def spec(self):
        data = self.cleaned_data
        name_index = names.current()
        query = parse_query(data["q"], name_index.spelled)
        return SearchSpec(
            query=query,
            names=name_index,
            people=self.people,
            source=data["source"].strip(),
            place=data["place"].strip(),
            kind=data["kind"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            title_only=data["title_only"],
            sort=data["sort"] or ("newest" if query.is_empty else "relevance"),
            page=data["page"] or 1,
            page_size=data["page_size"] or 20,
        )
