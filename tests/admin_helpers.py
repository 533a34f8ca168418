"""Filling the admin's change forms as a browser would: every field and inline as the page shows it."""


def _field_values(form):
    data = {}
    for bound in form:
        widget, value = bound.field.widget, bound.value()
        if bound.field.disabled:
            continue
        if hasattr(widget, "widgets"):  # split date and time
            parts = widget.decompress(value)
            for index, part in enumerate(parts):
                data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
        elif isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(v) for v in value]
        elif value is None or value is False:
            continue
        elif value is True:
            data[bound.html_name] = "on"
        else:
            data[bound.html_name] = str(value)
    return data


def change_form_data(response):
    """The POST data of an admin add/change page as loaded, to be edited and sent back."""
    context = response.context
    data = _field_values(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({f"{management.prefix}-{key}": str(value) for key, value in management.initial.items()})
        for form in formset.initial_forms:
            data.update(_field_values(form))
    return data
