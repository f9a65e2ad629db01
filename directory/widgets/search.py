"""A widget's results: the directory's own query (directory.query.OfferQuery) on the offers
its presets allow.

The presets narrow every answer and count; the visitor's filters (only those the widget
shows) are applied on top of them, so a visitor can narrow the results but never widen them."""

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Locale

import crisis
from directory.facts import directory_pages
from directory.models import (
    Canton,
    FormatChoices,
    Language,
    OfferPage,
    RegionalCentrePage,
    TargetGroupChoices,
    Topic,
)
from directory.query import OfferFilters, OfferQuery
from directory.search_filters import OfferFilter
from directory.views import offer_pages
from directory.visibility import public_pages
from fulltext.cleaning import clean_query, clean_text

from .models import VISITOR_FILTERS


class InvalidChoices(ValueError):
    def __init__(self, errors):
        super().__init__("; ".join(f"{name}: {' '.join(messages)}"
                                   for name, messages in errors.items()))


def widget_locale(widget, lang):
    code = lang if lang in dict(settings.LANGUAGES) else widget.language
    return Locale.objects.filter(language_code=code).first()


def directory_index(locale):
    return public_pages(directory_pages(locale)).first()


def preset_filters(widget):
    """The offers the widget may ever show, as filters (works on unsaved widgets: the admin
    preview)."""
    return OfferFilters(
        topic=tuple(topic.slug for topic in widget.topics.all()),
        canton=tuple(canton.code for canton in widget.cantons.all()),
        format=tuple(widget.formats or ()),
        language=tuple(language.code for language in widget.languages.all()),
    )


def visitor_choices(widget, params):
    """The visitor's choices for the filters the widget shows, nothing else."""
    data = QueryDict(mutable=True)
    for name in widget.visible_filters:
        value = clean_text(params.get(name, ""), max_length=120)
        if value:
            data[name] = value
    return data


def filter_labels(locale, slugs):
    return {
        "topic": dict(Topic.objects.filter(locale=locale, slug__in=slugs)
                      .values_list("slug", "name")),
        "canton": {canton.code: canton.name for canton in Canton.objects.all()},
        "format": dict(FormatChoices.choices),
        "target": dict(TargetGroupChoices.choices),
        "language": {language.code: language.name for language in Language.objects.all()},
    }


def visible_filters(widget, counts, chosen, locale):
    titles = dict(VISITOR_FILTERS)
    labels = filter_labels(locale, counts.get("topic", {}).keys())
    filters = []
    for name in widget.visible_filters:
        options = [
            {"value": value, "label": f"{labels[name].get(value, value)} ({count})"}
            for value, count in counts.get(name, {}).items()
            if count and value in labels[name]
        ]
        options.sort(key=lambda option: option["label"].lower())
        filters.append({"name": name, "label": str(titles[name]), "value": chosen.get(name, ""),
                        "options": options})
    return filters


def next_step(offer, public_centres):
    group = getattr(offer, "selfhelpgrouppage", None)
    if offer.offer_format == FormatChoices.ONLINE:
        online = getattr(offer, "onlineofferpage", None)
        kind = online.get_online_kind_display() if online else _("online")
        return _("Join online: %(kind)s") % {"kind": kind}
    if group is not None and offer.centre_id in public_centres:
        return _("Get in touch through %(centre)s") % {"centre": offer.centre.title}
    return ""


def place(offer):
    group = getattr(offer, "selfhelpgrouppage", None)
    if group is not None and group.locality:
        return str(group.locality)
    return ""


def offer_result(offer, request, public_centres):
    return {
        "id": offer.pk,
        "title": offer.title,
        "url": request.build_absolute_uri(offer.get_url(request)),
        "format": offer.get_offer_format_display(),
        "place": place(offer),
        "next_step": next_step(offer, public_centres),
        "summary": offer.summary,
    }


def texts():
    return {
        "search": _("Topic or keyword"),
        "submit": _("Show offers"),
        "all": _("All"),
        "filters": _("Find a self-help offer"),
        "more": _("All offers in the directory"),
    }


def crisis_help(query, locale):
    """The crisis helplines when the visitor's words call for them (as on the site), else
    None; the texts are in the active language, the widget's."""
    helplines = crisis.help_for(query, locale)
    if not helplines:
        return None
    return {
        "title": _("Help in a crisis"),
        "call": _("Call"),
        "online": _("Write or chat online"),
        "helplines": [{"name": line.name, "phone": line.phone, "tel": f"tel:{line.dial}",
                       "description": line.description, "url": line.url,
                       "language": line.language} for line in helplines],
    }


def widget_results(widget, request, params, locale):
    """The widget's data: its look, filters, texts and the first results."""
    index = directory_index(locale)
    if index is None:
        return None
    query = clean_query(params.get("q", ""))
    chosen = visitor_choices(widget, params)
    filterset = OfferFilter(chosen, queryset=OfferPage.objects.none(), locale=locale)
    if not filterset.is_valid():
        raise InvalidChoices(filterset.errors)
    answer = OfferQuery(locale, query, OfferFilters.from_cleaned(filterset.form.cleaned_data),
                        presets=preset_filters(widget), index_page=index).run()
    total = len(answer)
    listing = offer_pages(answer.ids[: widget.results_count])
    public_centres = set(public_pages(RegionalCentrePage.objects.filter(
        pk__in={offer.centre_id for offer in listing})).values_list("pk", flat=True))
    return {
        "available": True,
        "widget": widget.pk,
        "language": locale.language_code,
        "theme": {"text": widget.text_color, "background": widget.background_color,
                  "accent": widget.accent_color, "font": widget.font_family},
        "texts": texts(),
        "query": query,
        "crisis": crisis_help(query, locale),
        "filters": visible_filters(widget, answer.counts, chosen, locale),
        "count": total,
        "count_text": ngettext("%(count)s offer", "%(count)s offers", total) % {"count": total},
        "results": [offer_result(offer, request, public_centres) for offer in listing],
        "more_url": request.build_absolute_uri(index.get_url(request)),
    }
