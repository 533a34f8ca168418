"""The filters of the list pages: a GET form each, turning valid parameters into a narrowed queryset."""
from django import forms
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from chinese.normalize import normalize
from chinese.romanize import latin_key

from .browsing import mention_total
from .models import Article, Event, Organization, Person, Place, Source


class ListFilter(forms.Form):
    """A GET filter form; ``apply`` narrows a queryset by the cleaned values."""

    def __init__(self, params):
        super().__init__(params)
        for field in self.fields.values():
            field.required = False

    def error_message(self):
        return "; ".join(f"{self.fields[name].label}: {' '.join(errors)}" if name in self.fields else " ".join(errors)
                         for name, errors in self.errors.items())


class DayField(forms.DateField):
    """A date as YYYY-MM-DD. A value that is no date is named in the message: a date box cannot show it."""

    default_error_messages = {"invalid": _("“%(value)s”不是有效的日期，请按 YYYY-MM-DD 填写。")}

    def __init__(self, **kwargs):
        super().__init__(input_formats=["%Y-%m-%d"], widget=forms.DateInput(attrs={"type": "date"}), **kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            if error.code != "invalid":
                raise
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid", params={"value": str(value)[:40]}) from None


class DateRangeForm(forms.Form):
    """A range of dates (YYYY-MM-DD, either end open), checked the same way on every page that takes one."""

    date_from = DayField(label=_("起始日期"), required=False)
    date_to = DayField(label=_("截止日期"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("起始日期不能晚于截止日期。"))
        return data


class DateRange(ListFilter, DateRangeForm):
    def dated(self, queryset, field):
        data = self.cleaned_data
        if data.get("date_from"):
            queryset = queryset.filter(**{f"{field}__gte": data["date_from"]})
        if data.get("date_to"):
            queryset = queryset.filter(**{f"{field}__lte": data["date_to"]})
        return queryset


class ArticleFilter(DateRange):
    source = forms.ModelChoiceField(label=_("来源"), queryset=Source.objects.all(), to_field_name="slug",
                                    empty_label=_("全部来源"))
    field_order = ["source", "date_from", "date_to"]

    def apply(self, queryset):
        if self.cleaned_data.get("source"):
            queryset = queryset.filter(source=self.cleaned_data["source"])
        return self.dated(queryset, "published__date")


def place_field(label, empty_label):
    """Any place, by slug (it includes the places within it)."""
    return forms.ModelChoiceField(label=label, queryset=Place.objects.all(), to_field_name="slug", empty_label=empty_label)


def offer_places(form, name, offered):
    """List only the ``offered`` places (and the chosen one) in the select of field ``name``, while accepting any."""
    places = list(offered.distinct())
    chosen = form.cleaned_data.get(name) if form.is_valid() else None
    if chosen and chosen not in places:
        places.append(chosen)
    field = form.fields[name]
    field.choices = [("", field.empty_label), *((p.slug, p.name) for p in places)]


def named(text):
    """The people whose name or alias is ``text`` exactly, in either script."""
    text = text.strip()
    names = {text, normalize(text)}
    return Person.objects.filter(Q(name__in=names) | Q(aliases__name__in=names))


class EventFilter(DateRange):
    kind = forms.ChoiceField(label=_("类型"), choices=[("", _("全部类型")), *Event.Kind.choices])
    place = place_field(_("地点"), _("全部地点"))
    person = forms.CharField(label=_("人物"), max_length=50, widget=forms.HiddenInput)
    field_order = ["kind", "place", "date_from", "date_to"]

    def apply(self, queryset):
        data = self.cleaned_data
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("place"):
            queryset = queryset.filter(place__in=data["place"].with_descendants())
        if data.get("person"):
            queryset = queryset.filter(participations__person__in=named(data["person"])).distinct()
        return self.dated(queryset, "start_date")


class PeopleFilter(ListFilter):
    q = forms.CharField(label=_("姓名"), max_length=50,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("简体、繁体或拼音")}))
    level = forms.ChoiceField(label=_("机构级别"), choices=[("", _("全部级别")), *Organization.Level.choices])
    region = place_field(_("地区"), _("全部地区"))

    def apply(self, queryset):
        data = self.cleaned_data
        exact = Value(1)
        if data.get("q"):
            name = normalize(data["q"].strip())
            found = Q(name__contains=name) | Q(aliases__name__contains=data["q"].strip())
            if latin_key(name):  # Che Jun, chejun, Chē Jùn
                found |= Q(romanized_key__contains=latin_key(name))
            queryset = queryset.filter(found)
            # the one the reader typed exactly (name or alias, either script) comes first
            exact = Case(When(pk__in=named(data["q"]).values("pk"), then=0), default=1, output_field=IntegerField())
        orgs = Organization.objects.all()
        if data.get("level"):
            orgs = orgs.filter(level=data["level"])
        if data.get("region"):
            orgs = orgs.filter(region__in=data["region"].with_descendants())
        if data.get("level") or data.get("region"):
            queryset = queryset.filter(positions__organization__in=orgs)
        return queryset.distinct().annotate(mention_count=mention_total(), exact=exact).order_by(
            "exact", "-mention_count", "name"
        )


def _filtered(form, queryset):
    """(the form, what it selects: nothing when a parameter is not valid)."""
    return form, form.apply(queryset) if form.is_valid() else queryset.none()


def people(params):
    form, selected = _filtered(PeopleFilter(params), Person.objects.all())
    offer_places(form, "region", Place.objects.filter(organizations__isnull=False))
    return form, selected


def articles(params):
    return _filtered(ArticleFilter(params), Article.objects.select_related("source"))


def events(params):
    form, selected = _filtered(EventFilter(params), Event.objects.public().select_related("place"))
    offer_places(form, "place", Place.objects.filter(events__isnull=False))
    return form, selected
