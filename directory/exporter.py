"""Export what the API serves: HSDS 3.0 JSON (a list of fully nested services) or the flat
CSV that the importer reads. Both stream, so a large directory never sits in memory."""

import csv
import json

from . import hsds
from .importer import CSV_COLUMNS

CHUNK = 500


def exported_offers(locale):
    return hsds.live_offers(locale).order_by("pk").iterator(chunk_size=CHUNK)


def export_hsds(stream, language="de"):
    locale = hsds.locale_for(language)
    mapper = hsds.HsdsMapper(locale)
    stream.write("[")
    for number, offer in enumerate(exported_offers(locale)):
        stream.write(",\n" if number else "\n")
        stream.write(json.dumps(mapper.service(offer), ensure_ascii=False, indent=2))
    stream.write("\n]\n")


def _yes(value):
    return "yes" if value else "no"


def _ref(page):
    return (page.external_id or str(page.translation_key)) if page else ""


def csv_row(offer, language):
    specific = hsds.concrete_offer(offer)
    group = hsds.is_group(offer)
    row = {
        "external_id": offer.external_id or str(offer.translation_key),
        "type": "group" if group else "online",
        "language": language,
        "title": offer.title,
        "slug": offer.slug,
        "published": "yes",
        "summary": offer.summary,
        "description": offer.description,
        "topics": ";".join(sorted(topic.slug for topic in offer.topics.all())),
        "languages_spoken": ";".join(sorted(item.code for item in offer.languages.all())),
        "format": offer.offer_format,
        "target_group": offer.target_group,
        "age_group": offer.age_group,
        "cost": offer.cost,
        "cost_note": offer.cost_note,
        "wheelchair_accessible": _yes(offer.wheelchair_accessible),
        "last_verified": offer.last_verified.isoformat(),
        "centre_external_id": _ref(offer.centre if offer.centre_id else None),
        "organisation_external_id": _ref(offer.organisation if offer.organisation_id else None),
    }
    if group:
        row.update(
            street=specific.street,
            postal_code=specific.locality.postal_code if specific.locality_id else "",
            locality=specific.locality.name if specific.locality_id else "",
            latitude="" if specific.latitude is None else specific.latitude,
            longitude="" if specific.longitude is None else specific.longitude,
            meeting_place=specific.meeting_place, schedule=specific.schedule,
            group_status=specific.status, moderation=specific.moderation,
        )
    else:
        row.update(online_kind=specific.online_kind, platform_url=specific.platform_url,
                   anonymous_possible=_yes(specific.anonymous_possible))
    return row


def export_csv(stream, language="de"):
    locale = hsds.locale_for(language)
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    for offer in exported_offers(locale):
        writer.writerow(csv_row(offer, language))
