"""The page's <meta name="description">: what search engines show under its title. The editor's
search description when there is one, else the page's own short text (summary, introduction,
description), else a sentence for the kind of page, in the visitor's language."""

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

register = template.Library()

MAX_LENGTH = 160
OWN_TEXT_FIELDS = ("summary", "intro", "description")


def _short(text):
    text = " ".join(strip_tags(str(text)).split())
    return Truncator(text).chars(MAX_LENGTH) if text else ""


def _own_text(page):
    for name in OWN_TEXT_FIELDS:
        text = _short(getattr(page, name, "") or "")
        if text:
            return text
    return ""


@register.simple_tag(takes_context=True)
def meta_description(context):
    topic = context.get("topic")
    if topic is not None and hasattr(topic, "name"):
        return _short(getattr(topic, "description", "")) or _(
            "Self-help groups and online offers on %(topic)s in Switzerland."
        ) % {"topic": topic.name}
    page = context.get("page")
    if page is not None and hasattr(page, "search_description"):
        description = _short(page.search_description) or _own_text(page)
        if description:
            return description
    return _("Find self-help groups, online offers and regional self-help centres in "
             "Switzerland, and share campaign material for self-help.")
