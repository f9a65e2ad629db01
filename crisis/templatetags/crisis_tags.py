"""Crisis help in templates: `{% crisis_help_for search_query %}` where a visitor's words may
call for it, `{% crisis_help when=topic.shows_crisis_help %}` on pages of sensitive topics,
`{% first_crisis_helpline as helpline %}` for the link in the site header."""

from django import template

import crisis

register = template.Library()


@register.inclusion_tag("crisis/_help.html")
def crisis_help_for(text):
    return {"helplines": crisis.help_for(text)}


@register.inclusion_tag("crisis/_help.html")
def crisis_help(when=True):
    return {"helplines": crisis.helplines() if when else None}


@register.simple_tag
def first_crisis_helpline():
    found = crisis.helplines()
    return found[0] if found else None
