"""The directory as Open Referral HSDS 3.0 objects: what the API serves and the exports write.

Identifiers are stable UUIDs: a page's `translation_key` (shared by all its translations, so
the German and French versions of an offer are one HSDS service), and for objects we do not
store separately (locations, addresses, phones, attributes) a UUID derived from their owner.

Only public pages (visibility.public_pages: live, not private, not expired) are ever mapped:
`live_offers()` and `live_organisations()` select them, and an offer's centre or organisation
that is not public is left out of it.
"""

import functools
import re
import uuid
from html import unescape

from django.core.exceptions import ObjectDoesNotExist
from django.utils import translation
from wagtail.models import Locale, Page

from .models import (
    AgeGroupChoices,
    CostChoices,
    FormatChoices,
    GroupStatusChoices,
    ModerationChoices,
    OfferPage,
    OnlineKindChoices,
    OrganisationPage,
    RegionalCentrePage,
    TargetGroupChoices,
    Topic,
)
from .visibility import public_pages

HSDS_VERSION = "3.0"
ID_NAMESPACE = uuid.UUID("6f1d4c5e-2b8a-4f0e-9d3c-7a5b1e2c4d60")
TOPIC_TAXONOMY = "entraide-topics"
LANGUAGES = ("de", "fr", "it")

# Our enumerations as small taxonomies, so that an export carries everything an import needs.
ENUM_TAXONOMIES = {
    "entraide-format": ("offer_format", FormatChoices, "Format of an offer"),
    "entraide-target-group": ("target_group", TargetGroupChoices, "For whom an offer is"),
    "entraide-age-group": ("age_group", AgeGroupChoices, "Age group of an offer"),
    "entraide-cost": ("cost", CostChoices, "Cost of an offer"),
    "entraide-group-status": ("status", GroupStatusChoices, "Status of a self-help group"),
    "entraide-moderation": ("moderation", ModerationChoices, "How a group is moderated"),
    "entraide-online-kind": ("online_kind", OnlineKindChoices, "Kind of online offer"),
}
FEATURE_TAXONOMY = "entraide-features"
FEATURES = {
    "wheelchair_accessible": "wheelchair accessible",
    "anonymous_possible": "anonymous participation possible",
}
TAXONOMY_DESCRIPTIONS = {
    TOPIC_TAXONOMY: "Topics of the Swiss self-help directory",
    FEATURE_TAXONOMY: "Practical features of an offer",
    **{name: description for name, (_, _, description) in ENUM_TAXONOMIES.items()},
}


@functools.lru_cache(maxsize=100_000)
def stable_id(*parts):
    return str(uuid.uuid5(ID_NAMESPACE, ":".join(str(part) for part in parts)))


# Each offer has exactly one service_at_location; its id is the service id with these bits
# flipped, so the API can find the offer again without storing anything.
SERVICE_AT_LOCATION_MASK = uuid.UUID("5a1c0000-0000-0000-0000-00000000a7c5").int


def service_at_location_id(service_key):
    return str(uuid.UUID(int=uuid.UUID(str(service_key)).int ^ SERVICE_AT_LOCATION_MASK))


def service_key_of_service_at_location(key):
    return uuid.UUID(int=key.int ^ SERVICE_AT_LOCATION_MASK)


def parse_uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def taxonomy_id(name):
    return stable_id("taxonomy", name)


def enum_term_id(taxonomy, value):
    return stable_id("term", taxonomy, value)


def taxonomy_name_for_id(value):
    """The taxonomy named by an id or by its name, or None."""
    for name in TAXONOMY_DESCRIPTIONS:
        if value in (name, taxonomy_id(name)):
            return name
    return None


def locale_for(language_code):
    return Locale.objects.get(language_code=language_code)


def live_offers(locale):
    """Offers other systems may see: live, public, not expired, in `locale`; with everything
    the mapping reads fetched in a fixed number of queries."""
    return (
        public_pages(OfferPage.objects.filter(locale=locale))
        .select_related(
            "selfhelpgrouppage__locality", "selfhelpgrouppage__canton", "onlineofferpage",
            "organisation", "centre__locality", "centre__canton",
        )
        .prefetch_related("topics", "languages")
    )


def for_summaries(offers):
    """The offers with only what `HsdsMapper.service_summary` reads fetched along: a list of
    services needs no places, topics or languages (each joined row becomes model objects)."""
    return (offers.select_related(None).prefetch_related(None)
            .select_related("selfhelpgrouppage", "onlineofferpage", "organisation", "centre"))


def live_organisations(locale):
    """Centres and organisations as HSDS organizations, in `locale`."""
    return public_pages(Page.objects.type(RegionalCentrePage, OrganisationPage)
                        .filter(locale=locale))


def concrete_offer(offer):
    """The SelfHelpGroupPage or OnlineOfferPage row joined by `live_offers()`."""
    for accessor in ("selfhelpgrouppage", "onlineofferpage"):
        try:
            return getattr(offer, accessor)
        except ObjectDoesNotExist:
            continue
    return None


def is_group(offer):
    return concrete_offer(offer).__class__.__name__ == "SelfHelpGroupPage"


def html_to_text(html):
    text = re.sub(r"</(p|li|h\d)>|<br\s*/?>", "\n", html or "")
    text = re.sub(r"<[^>]+>", "", text)
    paragraphs = [re.sub(r"\s+", " ", unescape(part)).strip() for part in text.split("\n")]
    return "\n\n".join(part for part in paragraphs if part)


def offer_description(offer):
    return "\n\n".join(part for part in (offer.summary, html_to_text(offer.description)) if part)


def _clean(data):
    """HSDS leaves unknown values out rather than sending nulls or empty strings."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


class HsdsMapper:
    """Maps pages of one locale to HSDS dicts. Build one per request or export: it caches the
    topic translations of its locale (one query) and the site root paths."""

    def __init__(self, locale, request=None):
        self.locale = locale
        self.request = request
        self._topics = None
        self._labels = {}
        self._public_responsible = None

    @property
    def topics_by_key(self):
        if self._topics is None:
            topics = Topic.objects.filter(locale=self.locale).select_related("parent")
            self._topics = {topic.translation_key: topic for topic in topics}
        return self._topics

    def localised_topic(self, topic):
        return self.topics_by_key.get(topic.translation_key, topic)

    def label(self, choices, value):
        key = (choices, value)
        if key not in self._labels:
            with translation.override(self.locale.language_code):
                self._labels[key] = str(choices(value).label) if value in choices.values \
                    else value
        return self._labels[key]

    # Taxonomies

    def taxonomy(self, name):
        return {
            "id": taxonomy_id(name),
            "name": name,
            "description": TAXONOMY_DESCRIPTIONS[name],
            "version": "1",
        }

    def taxonomies(self):
        return [self.taxonomy(name) for name in TAXONOMY_DESCRIPTIONS]

    def topic_term(self, topic):
        topic = self.localised_topic(topic)
        parent_key = None
        if topic.parent_id:
            parent_key = getattr(topic.parent, "translation_key", None)
        return _clean({
            "id": str(topic.translation_key),
            "code": topic.slug,
            "name": topic.name,
            "description": topic.description or topic.name,
            "parent_id": str(parent_key) if parent_key else None,
            "taxonomy": TOPIC_TAXONOMY,
            "taxonomy_id": taxonomy_id(TOPIC_TAXONOMY),
            "language": self.locale.language_code,
        })

    def enum_term(self, taxonomy, value, label):
        return {
            "id": enum_term_id(taxonomy, value),
            "code": value,
            "name": label,
            "description": label,
            "taxonomy": taxonomy,
            "taxonomy_id": taxonomy_id(taxonomy),
            "language": self.locale.language_code,
        }

    def enum_terms(self, taxonomy=None):
        terms = []
        for name, (_, choices, _) in ENUM_TAXONOMIES.items():
            if taxonomy in (None, name):
                terms += [self.enum_term(name, value, self.label(choices, value))
                          for value in choices.values]
        if taxonomy in (None, FEATURE_TAXONOMY):
            terms += [self.enum_term(FEATURE_TAXONOMY, code, label)
                      for code, label in FEATURES.items()]
        return terms

    def _attribute(self, service_id, term, value=None):
        return _clean({
            "id": stable_id(service_id, "attribute", term["id"]),
            "link_id": service_id,
            "link_type": term["taxonomy"],
            "link_entity": "service",
            "taxonomy_term_id": term["id"],
            "taxonomy_term": term,
            "value": value,
        })

    def attributes(self, service_id, offer, specific):
        topics = sorted(offer.topics.all(), key=lambda topic: str(topic.translation_key))
        attributes = [self._attribute(service_id, self.topic_term(topic)) for topic in topics]
        for name, (field, choices, _) in ENUM_TAXONOMIES.items():
            value = getattr(specific, field, None)
            if value:
                term = self.enum_term(name, value, self.label(choices, value))
                note = offer.cost_note if field == "cost" else None
                attributes.append(self._attribute(service_id, term, note))
        for code, label in FEATURES.items():
            if getattr(specific, code, False):
                term = self.enum_term(FEATURE_TAXONOMY, code, label)
                attributes.append(self._attribute(service_id, term, "true"))
        return attributes

    # Organizations

    def phones(self, owner_id, number, **links):
        if not number:
            return []
        return [{"id": stable_id(owner_id, "phone"), "number": number, "type": "voice", **links}]

    def organization(self, page, services=None):
        """A centre or organisation page (specific) as an HSDS organization."""
        org_id = str(page.translation_key)
        is_centre = isinstance(page, RegionalCentrePage)
        data = {
            "id": org_id,
            "name": page.title,
            "description": page.description or page.title,
            "email": page.email or None,
            "website": page.website or None,
            "uri": self.page_url(page),
            "phones": self.phones(org_id, page.phone, organization_id=org_id),
            "organization_identifiers": [{
                "id": stable_id(org_id, "identifier"),
                "organization_id": org_id,
                "identifier_scheme": "entraide",
                "identifier_type": "centre" if is_centre else "organisation",
                "identifier": page.external_id or org_id,
            }],
        }
        if is_centre and page.locality_id:
            data["locations"] = [self.physical_location(org_id, page, page.title)]
        if services is not None:
            data["services"] = services
        return _clean(data)

    # Services

    def page_url(self, page):
        return page.get_full_url(self.request) or None

    def physical_location(self, owner_id, place, name):
        location_id = stable_id(owner_id, "location")
        addresses = []
        if place.locality_id:
            addresses.append({
                "id": stable_id(owner_id, "address"),
                "location_id": location_id,
                "address_1": place.street,
                "city": place.locality.name,
                "state_province": place.canton.code if place.canton_id else "",
                "postal_code": place.locality.postal_code,
                "country": "CH",
                "address_type": "physical",
            })
        return _clean({
            "id": location_id,
            "location_type": "physical",
            "name": name,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "addresses": addresses,
        })

    def service_location(self, service_id, offer, specific, group):
        if group:
            return self.physical_location(
                service_id, specific, specific.meeting_place or offer.title
            )
        return _clean({
            "id": stable_id(service_id, "location"),
            "location_type": "virtual",
            "name": offer.title,
            "url": getattr(specific, "platform_url", "") or None,
        })

    def service_at_location(self, offer, with_service=False):
        specific = concrete_offer(offer)
        group = is_group(offer)
        service_id = str(offer.translation_key)
        location = self.service_location(service_id, offer, specific, group)
        data = {
            "id": service_at_location_id(service_id),
            "service_id": service_id,
            "location_id": location["id"],
            "description": offer.summary or None,
            "location": location,
        }
        if with_service:
            data["service"] = self.service(offer, include_locations=False)
        return _clean(data)

    @property
    def public_responsible(self):
        """Ids of the public centres and organisations (of every language: an offer may
        still point at the source language's centre)."""
        if self._public_responsible is None:
            self._public_responsible = set(public_pages(
                Page.objects.type(RegionalCentrePage, OrganisationPage)).values_list(
                "pk", flat=True))
        return self._public_responsible

    def responsible(self, offer):
        """(organization page, centre page) of an offer; those not public are left out."""
        organisation = offer.organisation if offer.organisation_id in self.public_responsible \
            else None
        centre = offer.centre if offer.centre_id in self.public_responsible else None
        return organisation, centre

    def status_notes(self, specific):
        status = getattr(specific, "status", "")
        if status in (GroupStatusChoices.FULL, GroupStatusChoices.PAUSED,
                      GroupStatusChoices.FOUNDING):
            return self.label(GroupStatusChoices, status)
        return None

    def service_summary(self, offer):
        """The one-to-one fields of a service (for lists and organizations' service arrays)."""
        specific = concrete_offer(offer)
        service_id = str(offer.translation_key)
        organisation, centre = self.responsible(offer)
        organization = organisation or centre
        cost = self.label(CostChoices, offer.cost)
        eligibility = ", ".join([
            self.label(TargetGroupChoices, offer.target_group),
            self.label(AgeGroupChoices, offer.age_group),
        ])
        ages = {AgeGroupChoices.YOUTH: (None, 25), AgeGroupChoices.SENIORS: (60, None),
                AgeGroupChoices.ADULTS: (18, None)}.get(offer.age_group, (None, None))
        return _clean({
            "id": service_id,
            "organization_id": str(organization.translation_key) if organization else None,
            "name": offer.title,
            "description": offer_description(offer) or None,
            "url": getattr(specific, "platform_url", "") or self.page_url(offer),
            "email": centre.email if centre and centre.email else None,
            "status": "active",
            "application_process": self.status_notes(specific),
            "fees_description": f"{cost}: {offer.cost_note}" if offer.cost_note else cost,
            "eligibility_description": eligibility,
            "minimum_age": ages[0],
            "maximum_age": ages[1],
            "assured_date": offer.last_verified.isoformat(),
            "last_modified": offer.last_published_at.isoformat()
            if offer.last_published_at else None,
        })

    def service(self, offer, include_locations=True):
        """A fully nested service. Only the centre's phone and e-mail are ever published:
        members' contacts are not stored and never exposed."""
        specific = concrete_offer(offer)
        service_id = str(offer.translation_key)
        data = self.service_summary(offer)
        organisation, centre = self.responsible(offer)
        organization = organisation or centre
        if organization:
            data["organization"] = self.organization(organization)
        if centre:
            centre_id = str(centre.translation_key)
            data["contacts"] = [_clean({
                "id": stable_id(centre_id, "contact"),
                "organization_id": centre_id,
                "service_id": service_id,
                "name": centre.title,
                "department": self.label_of(centre),
                "email": centre.email or None,
                "phones": self.phones(centre_id, centre.phone, contact_id=stable_id(
                    centre_id, "contact")),
            })]
            data["phones"] = self.phones(centre_id, centre.phone, service_id=service_id)
        languages = list(offer.languages.all()) or []
        data["languages"] = [
            {"id": stable_id(service_id, "language", language.code), "service_id": service_id,
             "name": self._language_name(language), "code": language.code}
            for language in languages
        ]
        schedule = getattr(specific, "schedule", "")
        if schedule:
            data["schedules"] = [{
                "id": stable_id(service_id, "schedule"), "service_id": service_id,
                "description": schedule,
            }]
        if include_locations:
            data["service_at_locations"] = [self.service_at_location(offer)]
        data["attributes"] = self.attributes(service_id, offer, specific)
        return _clean(data)

    def label_of(self, centre):
        key = ("centre", None)
        if key not in self._labels:
            with translation.override(self.locale.language_code):
                self._labels[key] = str(RegionalCentrePage._meta.verbose_name)
        return self._labels[key]

    def _language_name(self, language):
        return getattr(language, f"name_{self.locale.language_code}", "") or language.name_de
