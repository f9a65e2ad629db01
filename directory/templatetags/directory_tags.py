from django import template
from django.urls import NoReverseMatch, reverse

from ..search_filters import choices_of

register = template.Library()


def _choices_with_counts(bound_field, counts, key_of, known_choices=None):
    choices = []
    selected = bound_field.value()
    selected = selected if isinstance(selected, list) else [selected]
    selected = {str(value) for value in selected if value not in (None, "")}
    if known_choices is None:
        known_choices = choices_of(bound_field.field)
    for value, label in known_choices:
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
def facet_select(filterset, name, counts=None, choices=None):
    """A filter's select with the offer count of each value; `choices` ((value, label)
    pairs) when already known, else the field's."""
    field = filterset.form[name]
    return {"field": field, "name": name, "empty_label": field.field.empty_label
            if hasattr(field.field, "empty_label") else "",
            "choices": _choices_with_counts(field, counts or {}, _key, choices)}


@register.inclusion_tag("directory/tags/facet_checkboxes.html")
def facet_checkboxes(filterset, name, counts=None, choices=None):
    field = filterset.form[name]
    return {"field": field, "name": name,
            "choices": _choices_with_counts(field, counts or {}, _key, choices)}


@register.simple_tag
def contact_url_for(page):
    """The contact form for an offer (through its centre) or a centre."""
    if getattr(page, "contact_centre", page) is None:
        return ""
    try:
        return reverse("directory:contact", args=[page.pk])
    except NoReverseMatch:
        return ""
