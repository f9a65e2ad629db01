from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


def _choices(field):
    """The field's (value, label) choices. A model choice field's own iteration reads its rows
    through a server-side cursor on PostgreSQL (three round trips); one plain query is
    enough for a few dozen rows."""
    queryset = getattr(field, "queryset", None)
    if queryset is None:
        return field.choices
    return [(field.prepare_value(obj), field.label_from_instance(obj)) for obj in queryset]


def _choices_with_counts(bound_field, counts, key_of):
    choices = []
    selected = bound_field.value()
    selected = selected if isinstance(selected, list) else [selected]
    selected = {str(value) for value in selected if value not in (None, "")}
    for value, label in _choices(bound_field.field):
        key = key_of(value)
        if key in ("", None):
            continue
        choices.append({
            "value": key, "label": label, "count": counts.get(key, 0),
            "selected": str(key) in selected,
        })
    return choices


def _key(value):
    # ModelChoiceIterator yields ModelChoiceIteratorValue objects; plain choices yield strings
    return str(getattr(value, "value", value))


@register.inclusion_tag("directory/tags/facet_select.html")
def facet_select(filterset, name, counts=None):
    field = filterset.form[name]
    return {"field": field, "name": name, "empty_label": field.field.empty_label
            if hasattr(field.field, "empty_label") else "",
            "choices": _choices_with_counts(field, counts or {}, _key)}


@register.inclusion_tag("directory/tags/facet_checkboxes.html")
def facet_checkboxes(filterset, name, counts=None):
    field = filterset.form[name]
    return {"field": field, "name": name,
            "choices": _choices_with_counts(field, counts or {}, _key)}


@register.simple_tag
def contact_url_for(page):
    """The contact form for an offer (through its centre) or a centre."""
    if getattr(page, "contact_centre", page) is None:
        return ""
    try:
        return reverse("directory:contact", args=[page.pk])
    except NoReverseMatch:
        return ""
