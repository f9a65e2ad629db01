"""The filter drawer of the directory, the site search and the library: on a phone the
results come first and the filters wait behind "Filter (3 active)"."""

from django import template

register = template.Library()


@register.simple_tag
def active_filter_count(request, filterset, *extra_names):
    """How many filter values the visitor chose: the filterset's fields plus `extra_names`
    (fields the form holds beside the filterset, such as a keyword or a place)."""
    names = [*filterset.form.fields, *extra_names]
    return sum(1 for name in dict.fromkeys(names) for value in request.GET.getlist(name)
               if value.strip())
