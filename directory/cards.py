"""Offer cards (directory/_offer_card.html) as HTML, for every channel that shows them: the
directory page and the site search."""

from django.db.models.signals import post_delete, post_save
from django.template.loader import get_template
from django.utils.translation import get_language
from wagtail.models import Site

from fulltext.queries import having_ids

from .models import Language, Locality, OfferPage


def with_card_data(queryset):
    """What an offer card shows (CARD_TEMPLATE), and nothing more: each joined
    page row costs far more to turn into objects than to fetch."""
    return queryset.select_related("selfhelpgrouppage__locality", "centre").prefetch_related(
        "languages")


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


def offer_cards(request, facts, distances):
    """The HTML of the offers' cards (CARD_TEMPLATE) in the facts' order."""
    return list(cards_by_offer(request, facts, distances).values())


# The card (CARD_TEMPLATE) is remembered per offer under a key made of everything it shows
# that can change: the values of CARD_READS (read in one query for the cards of a page), the
# reference data's version (REFERENCE_MODELS), its distance, the language and the host (the
# site, which Wagtail finds by it). A template that shows more must list it here: a field of
# the offer is covered by its `last_published_at`, a related page by that page's own.
CARD_TEMPLATE = "directory/_offer_card.html"
CARD_READS = (
    "url_path",  # its link: changes without publishing when a page above gets a new slug
    "last_published_at",  # its own fields, topics and languages
    "centre__last_published_at",  # the centre's title
    "centre__live",
)
REFERENCE_MODELS = (Locality, Language, Site)  # place and language names, links
MAX_REMEMBERED_CARDS = 5000  # about 600 bytes of HTML each
_cards = {}
_reference = {"version": 0}


def reference_changed(**kwargs):
    _reference["version"] += 1


def connect():
    for model in REFERENCE_MODELS:
        post_save.connect(reference_changed, sender=model, dispatch_uid=f"cards-{model}")
        post_delete.connect(reference_changed, sender=model,
                            dispatch_uid=f"cards-{model}-deleted")


def forget_cards():
    _cards.clear()


def cards_by_offer(request, facts, distances):
    """pk -> the HTML of the offer's card, in the facts' order, remembered (see CARD_READS):
    loading and rendering 20 offer pages costs about as much as the rest of the search."""
    host, language = request.get_host(), get_language()
    distances = {pk: round(km, 1) for pk, km in distances.items() if km is not None}
    marks = {row[0]: row[1:] for row in OfferPage.objects.filter(
        pk__in=[offer.pk for offer in facts]).values_list("pk", *CARD_READS)}
    keys = [(offer.pk, marks.get(offer.pk), _reference["version"], distances.get(offer.pk),
             language, host) for offer in facts]
    missing = [key for key in keys if key not in _cards]
    if missing:
        template = get_template(CARD_TEMPLATE)
        by_pk = {page.pk: page for page in listing_pages(
            [offer for offer in facts if offer.pk in {key[0] for key in missing}], distances)}
        if len(_cards) + len(missing) > MAX_REMEMBERED_CARDS:
            _cards.clear()
        for key in missing:
            if key[0] in by_pk:
                _cards[key] = template.render({"offer": by_pk[key[0]], "request": request})
    return {key[0]: _cards[key] for key in keys if key in _cards}


def cards_in_locale(request, offers):
    """pk -> the HTML of the card of each offer (with pk and distance_km), remembered as in
    cards_by_offer."""
    return cards_by_offer(request, offers, {offer.pk: offer.distance_km for offer in offers})
