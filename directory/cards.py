"""Offer cards (directory/_offer_card.html) as HTML, for every channel that shows them: the
directory page and the site search."""

from django.template.loader import get_template
from django.utils.translation import get_language
from wagtail.models import Page

from fulltext.queries import having_ids

from .models import OfferPage


def with_card_data(queryset):
    """What an offer card shows (directory/_offer_card.html), and nothing more: each joined
    page row costs far more to turn into objects than to fetch."""
    return queryset.select_related("selfhelpgrouppage__locality").prefetch_related("languages")


def listing_pages(facts, distances=None):
    """The offers of one result page, with what the listing shows, in the facts' order, each
    with its distance_km (from `distances`, else the facts' own)."""
    by_pk = with_card_data(having_ids(OfferPage.objects.order_by(), [f.pk for f in facts]))
    by_pk = by_pk.in_bulk()
    pages = []
    for offer_facts in facts:
        page = by_pk.get(offer_facts.pk)
        if page is not None:
            page.distance_km = (distances.get(offer_facts.pk) if distances is not None
                                else getattr(offer_facts, "distance_km", None))
            pages.append(page)
    return pages


def offer_cards(request, snapshot, facts, distances):
    """The HTML of the offers' cards (directory/_offer_card.html) in the facts' order."""
    return list(cards_by_offer(request, snapshot, facts, distances).values())


def cards_by_offer(request, snapshot, facts, distances):
    """pk -> the HTML of the offer's card, in the facts' order, remembered with the facts'
    snapshot: loading and rendering 20 offer pages costs about as much as the rest of the
    search. A card depends on the offer, its distance, the language and its link: the site,
    and the offer's path, which changes without the offer being published when a page above
    it gets a new slug (the host stands for the site: it is what Wagtail finds the site by)."""
    host, language = request.get_host(), get_language()
    distances = {pk: round(km, 1) for pk, km in distances.items() if km is not None}
    paths = dict(Page.objects.filter(pk__in=[offer.pk for offer in facts])
                 .values_list("pk", "url_path"))
    facts_of = {(offer.pk, paths.get(offer.pk), distances.get(offer.pk), language, host): offer
                for offer in facts}

    def render_missing(missing):
        template = get_template("directory/_offer_card.html")
        by_pk = {page.pk: page for page in listing_pages([facts_of[key] for key in missing],
                                                           distances)}
        return {key: template.render({"offer": by_pk[key[0]], "request": request})
                for key in missing if key[0] in by_pk}

    keys = list(facts_of)
    return {key[0]: card for key, card in zip(
        keys, snapshot.remembered_cards(keys, render_missing), strict=True) if card}


def cards_in_locale(request, snapshots, offers):
    """pk -> the HTML of the card of each offer (with pk and distance_km) of a locale's
    directories (their facts: facts.locale_snapshots), remembered as in cards_by_offer."""
    cards = {}
    for snapshot in snapshots:
        here = [offer for offer in offers if offer.pk in snapshot.position]
        cards.update(cards_by_offer(request, snapshot, here,
                                    {offer.pk: offer.distance_km for offer in here}))
    return cards
