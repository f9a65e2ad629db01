"""Import offers from HSDS 3.0 JSON (a list of services, an API page, or a datapackage) or
from the flat CSV described in the README ("Directory API, import and export").

Both formats become the same records (one per offer); every record is checked before anything
is written, and bad ones are reported by row number and field. Valid rows are then written
one by one, each in its own savepoint, or all in one transaction with `atomic` (then one bad
row means nothing is written). Offers are matched on their external id (or HSDS id), so
importing a file again updates the pages instead of duplicating them.
"""

import csv
import datetime
import functools
import io
import json
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale

from . import hsds
from .bulk import (
    add_children_in_bulk,
    index_created,
    offers_written_in_bulk,
    refresh_planner_statistics,
)
from .models import (
    AgeGroupChoices,
    CostChoices,
    DirectoryIndexPage,
    FormatChoices,
    GroupStatusChoices,
    Language,
    Locality,
    ModerationChoices,
    OfferPage,
    OnlineKindChoices,
    OnlineOfferPage,
    OrganisationPage,
    RegionalCentrePage,
    SelfHelpGroupPage,
    TargetGroupChoices,
    Topic,
)

CSV_COLUMNS = [
    "external_id", "type", "language", "title", "slug", "published", "summary", "description",
    "topics", "languages_spoken", "format", "target_group", "age_group", "cost", "cost_note",
    "wheelchair_accessible", "last_verified", "centre_external_id", "organisation_external_id",
    "street", "postal_code", "locality", "latitude", "longitude", "meeting_place", "schedule",
    "group_status", "moderation", "online_kind", "platform_url", "anonymous_possible",
]
REQUIRED_COLUMNS = ["external_id", "type", "title"]
TYPES = {"group": SelfHelpGroupPage, "online": OnlineOfferPage}
CHOICE_FIELDS = {
    "format": ("offer_format", FormatChoices),
    "target_group": ("target_group", TargetGroupChoices),
    "age_group": ("age_group", AgeGroupChoices),
    "cost": ("cost", CostChoices),
    "group_status": ("status", GroupStatusChoices),
    "moderation": ("moderation", ModerationChoices),
    "online_kind": ("online_kind", OnlineKindChoices),
}
GROUP_ONLY = {"status", "moderation", "street", "meeting_place", "schedule"}
ONLINE_ONLY = {"online_kind", "platform_url", "anonymous_possible"}
MAX_LENGTHS = {"title": 255, "summary": 300, "cost_note": 200, "street": 200,
               "meeting_place": 200, "schedule": 200, "external_id": 100, "slug": 255}
TRUE, FALSE = {"yes", "true", "1", "ja", "oui", "si", "sì", "x"}, {"no", "false", "0", "nein",
                                                                   "non", ""}
PROGRESS_EVERY = 500
logger = logging.getLogger(__name__)
BULK_CHUNK = 500


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding of JSON, missing columns)."""


@dataclass
class RowError:
    row: int
    field: str
    message: str
    line: int | None = None

    def __str__(self):
        where = f"row {self.row}" + (f" (line {self.line})" if self.line else "")
        return f"{where}, {self.field}: {self.message}"


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)
    dry_run: bool = False
    atomic: bool = False
    rolled_back: bool = False

    @property
    def bad_rows(self):
        return sorted({error.row for error in self.errors})

    @property
    def written(self):
        return not self.dry_run and not self.rolled_back and (self.created or self.updated)

    def summary(self):
        if self.dry_run:
            verb = "would create {created} and update {updated}"
        elif self.rolled_back:
            verb = "nothing written (--atomic and {bad} bad rows)"
        else:
            verb = "created {created}, updated {updated}"
        text = verb.format(created=self.created, updated=self.updated, bad=len(self.bad_rows))
        return f"{self.rows} rows read: {text}; {len(self.bad_rows)} rows with errors."

    def lines(self):
        return [self.summary(), *(str(error) for error in self.errors)]


@dataclass
class Record:
    row: int
    values: dict
    line: int | None = None
    organisation_data: dict | None = None  # HSDS organization object, to create if missing


# Reading files


def decode_csv(data):
    """Text of a CSV file; bytes that are not UTF-8 survive as surrogates so that the rows
    containing them can be reported one by one."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError("The file is UTF-16 encoded: save it as UTF-8 (CSV UTF-8).")
    return data.decode("utf-8-sig", errors="surrogateescape")


BAD_BYTE = re.compile("[\udc80-\udcff]")  # how decode_csv keeps bytes that are not UTF-8


def has_bad_bytes(text):
    return BAD_BYTE.search(text) is not None


def records_from_csv(data):
    text = decode_csv(data)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ImportFileError(
            f"The CSV header lacks the column(s) {', '.join(missing)}; the first line must name "
            f"the columns: {', '.join(CSV_COLUMNS)}."
        )
    reader.fieldnames = header
    records = []
    for number, row in enumerate(reader, start=1):
        values = {key: (value or "").strip() for key, value in row.items() if key}
        records.append(Record(row=number, values=values, line=reader.line_num))
    return records


def load_json(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise ImportFileError(
            f"The file is not UTF-8 encoded (byte 0x{data[error.start]:02x} on line {line}): "
            "HSDS JSON must be UTF-8."
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(f"The file is not valid JSON: {error}.") from None


def services_in(document):
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in ("contents", "services"):
            if isinstance(document.get(key), list):
                return document[key]
        if "id" in document and "name" in document:
            return [document]
    raise ImportFileError("Expected a list of HSDS service objects (or an API page of them).")


def _taxonomy_of(term):
    for candidate in (term.get("taxonomy"), (term.get("taxonomy_detail") or {}).get("name"),
                      term.get("taxonomy_id")):
        if candidate:
            return hsds.taxonomy_name_for_id(candidate) or candidate
    return None


def _first(items):
    return (items or [{}])[0] or {}


def service_to_values(service):
    """Our CSV-like values (plus a few lists) from one HSDS service object."""
    values = {"external_id": str(service.get("id") or ""), "title": service.get("name") or ""}
    summary, description = split_description(service.get("description") or "")
    values.update(summary=summary, description=description)
    topics, choices = [], {}
    for attribute in service.get("attributes") or []:
        term = attribute.get("taxonomy_term") or {}
        taxonomy = _taxonomy_of(term)
        code = term.get("code") or ""
        if taxonomy in hsds.ENUM_TAXONOMIES:
            column = next(column for column, (model_field, _) in CHOICE_FIELDS.items()
                          if model_field == hsds.ENUM_TAXONOMIES[taxonomy][0])
            choices[column] = code
            if column == "cost":
                choices["cost_note"] = attribute.get("value") or ""
        elif taxonomy == hsds.FEATURE_TAXONOMY:
            choices[code] = "yes"
        else:
            refs = [ref for ref in (code, term.get("id"), attribute.get("taxonomy_term_id"))
                    if ref]
            topics.append(tuple(refs) or ("",))
    values.update(choices)
    values["topics"] = topics
    values["languages_spoken"] = ";".join(
        language.get("code") or "" for language in service.get("languages") or [])
    location = _first(service.get("service_at_locations")).get("location") or {}
    physical = location.get("location_type") == "physical"
    values["type"] = "group" if physical or choices.get("format", "online") != "online" \
        else "online"
    if physical:
        address = _first(location.get("addresses"))
        values.update(
            street=address.get("address_1") or "", postal_code=address.get("postal_code") or "",
            locality=address.get("city") or "",
            latitude=_text(location.get("latitude")), longitude=_text(location.get("longitude")),
        )
        if location.get("name") and location["name"] != values["title"]:
            values["meeting_place"] = location["name"]
        # a group's url is its page; its last segment keeps the page's address on a round trip
        segment = (service.get("url") or "").split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        if re.fullmatch(r"[a-z0-9][a-z0-9-]*", segment):
            values["slug_hint"] = segment
    else:
        values["platform_url"] = location.get("url") or service.get("url") or ""
    values["schedule"] = _first(service.get("schedules")).get("description") or ""
    values["last_verified"] = service.get("assured_date") or ""
    if service.get("status") in ("inactive", "defunct", "temporarily closed") \
            and values["type"] == "group" and not values.get("group_status"):
        values["group_status"] = GroupStatusChoices.PAUSED
    organization = service.get("organization") or {}
    values["organization_refs"] = [ref for ref in (
        organization.get("id"), service.get("organization_id"),
        *(identifier.get("identifier") for identifier in
          organization.get("organization_identifiers") or []),
    ) if ref]
    values["contact_refs"] = [contact.get("organization_id") for contact in
                              service.get("contacts") or [] if contact.get("organization_id")]
    return values, organization


def _text(value):
    return "" if value is None else str(value)


def split_description(text):
    """HSDS has one description; ours is a summary plus a longer text."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    if not paragraphs:
        return "", ""
    summary, rest = paragraphs[0], paragraphs[1:]
    if len(summary) > 300:
        rest = paragraphs
        summary = summary[:297].rsplit(" ", 1)[0] + "…"
    return summary, "\n\n".join(rest)


def records_from_hsds(document):
    records = []
    for number, service in enumerate(services_in(document), start=1):
        if not isinstance(service, dict):
            records.append(Record(row=number, values={"_error": "not a JSON object"}))
            continue
        values, organization = service_to_values(service)
        records.append(Record(row=number, values=values, organisation_data=organization))
    return records


def read_table(folder, name):
    path = folder / f"{name}.csv"
    if not path.exists():
        return []
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(f"{path.name} is not UTF-8 encoded.") from None
    return list(csv.DictReader(io.StringIO(text, newline="")))


def group_by(rows, key):
    grouped = {}
    for row in rows:
        grouped.setdefault(row.get(key), []).append(row)
    return grouped


def services_from_datapackage(folder):
    """Nested HSDS services from a tabular datapackage (datapackage.json + CSV files)."""
    tables = {name: read_table(folder, name) for name in (
        "services", "organizations", "service_at_location", "locations", "addresses",
        "attributes", "taxonomy_terms", "schedules", "languages", "contacts")}
    organizations = {row["id"]: row for row in tables["organizations"]}
    locations = {row["id"]: row for row in tables["locations"]}
    addresses = group_by(tables["addresses"], "location_id")
    terms = {row["id"]: row for row in tables["taxonomy_terms"]}
    attributes = group_by(tables["attributes"], "link_id")
    by_service = {name: group_by(tables[name], "service_id")
                  for name in ("service_at_location", "schedules", "languages", "contacts")}
    services = []
    for row in tables["services"]:
        service = dict(row)
        service["organization"] = organizations.get(row.get("organization_id")) or {}
        service["service_at_locations"] = [
            {**sal, "location": {**locations.get(sal.get("location_id"), {}),
                                 "addresses": addresses.get(sal.get("location_id"), [])}}
            for sal in by_service["service_at_location"].get(row["id"], [])
        ]
        service["attributes"] = [
            {**attribute, "taxonomy_term": terms.get(attribute.get("taxonomy_term_id"), {})}
            for attribute in attributes.get(row["id"], [])
        ]
        for name in ("schedules", "languages", "contacts"):
            service[name] = by_service[name].get(row["id"], [])
        services.append(service)
    return services


def read_records(source, filename=None):
    """Records from a path (file or datapackage folder) or from uploaded bytes."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        if path.is_dir() or path.name == "datapackage.json":
            folder = path if path.is_dir() else path.parent
            return records_from_hsds(services_from_datapackage(folder))
        filename, data = path.name, path.read_bytes()
    else:
        data = source
    if (filename or "").lower().endswith(".json") or data.lstrip()[:1] in (b"[", b"{"):
        document = load_json(data)
        if isinstance(document, dict) and "resources" in document and "profile" in document:
            raise ImportFileError("A datapackage.json needs its CSV files: give its folder.")
        return records_from_hsds(document)
    return records_from_csv(data)


# Checking and writing


@dataclass
class Plan:
    record: Record
    model: type
    locale: Locale
    existing: OfferPage | None
    source: OfferPage | None  # the same offer in another language, to translate
    parent: object
    fields: dict
    topics: list
    languages: list
    publish: bool
    slug: str


class DirectoryImporter:
    def __init__(self, language="de", user=None, dry_run=False, atomic=False, progress=None):
        self.default_language = language
        self.user = user
        self.dry_run = dry_run
        self.atomic = atomic
        self.progress = progress
        self.report = ImportReport(dry_run=dry_run, atomic=atomic)
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.languages = {language.code: language for language in Language.objects.all()}
        self.topics = list(Topic.objects.all())
        self.created_organisations = {}
        self.found_pages = {}

    # lookups

    def resolve_topic(self, refs, locale):
        refs = [refs] if isinstance(refs, str) else list(refs)
        for ref in refs:
            matches = [topic for topic in self.topics if ref in (
                topic.slug, topic.external_id, str(topic.translation_key))]
            if matches:
                key = matches[0].translation_key
                same_offer = [topic for topic in self.topics if topic.translation_key == key]
                return next((t for t in same_offer if t.locale_id == locale.pk), matches[0])
        return None

    def find_page(self, models, ref, locale):
        """A centre or organisation by external id or HSDS id, preferring `locale`."""
        if not ref:
            return None
        key = (tuple(models), ref, locale.pk)
        if key not in self.found_pages:  # thousands of rows name the same few centres
            self.found_pages[key] = self._find_page(models, ref, locale)
        return self.found_pages[key]

    def _find_page(self, models, ref, locale):
        key = hsds_uuid(ref)
        query = Q(external_id=ref) | (Q(translation_key=key) if key else Q())
        for model in models:
            pages = list(model.objects.filter(query))
            if pages:
                return next((p for p in pages if p.locale_id == locale.pk), pages[0])
        return None

    @functools.cached_property
    def localities_by_code(self):
        """postal code -> localities: a few thousand rows, one query for the whole file."""
        by_code = {}
        for locality in Locality.objects.select_related("canton").order_by("pk"):
            by_code.setdefault(locality.postal_code, []).append(locality)
        return by_code

    def locality(self, postal_code, name):
        candidates = self.localities_by_code.get(postal_code, [])
        named = [locality for locality in candidates
                 if name and locality.name.casefold() == name.casefold()]
        return (named or candidates or [None])[0]

    def existing_offers(self, records):
        ids = {r.values.get("external_id") for r in records if r.values.get("external_id")}
        found = {}
        id_list = sorted(ids)
        for start in range(0, len(id_list), 500):
            chunk = id_list[start:start + 500]
            keys = [key for key in map(hsds_uuid, chunk) if key]
            query = Q(external_id__in=chunk) | Q(translation_key__in=keys)
            for page in OfferPage.objects.filter(query).select_related("locale"):
                for ref in {page.external_id, str(page.translation_key)} & set(chunk):
                    found.setdefault(ref, []).append(page)
        return found

    # checking

    def check(self, record, existing, errors):
        values = record.values

        def error(column, message):
            errors.append(RowError(record.row, column, message, record.line))

        if values.get("_error"):
            error("(row)", values["_error"])
            return None
        for column, text in values.items():
            if isinstance(text, str) and has_bad_bytes(text):
                error(column, "is not valid UTF-8 text: save the file as UTF-8 (CSV UTF-8)")
        if errors:
            return None
        for column in REQUIRED_COLUMNS:
            if not values.get(column):
                error(column, "is required")
        kind = values.get("type", "")
        if kind and kind not in TYPES:
            error("type", f"'{kind}' is not one of: group, online")
        language = values.get("language") or self.default_language
        locale = self.locales.get(language)
        if locale is None:
            error("language", f"'{language}' is not one of the site's languages")
        for column, limit in MAX_LENGTHS.items():
            if len(values.get(column) or "") > limit:
                error(column, f"is longer than {limit} characters")
        if errors:
            return None
        model = TYPES[kind]
        fields = {"title": values["title"], "summary": values.get("summary", ""),
                  "description": as_rich_text(values.get("description", "")),
                  "cost_note": values.get("cost_note", "")}
        for column, (model_field, choices) in CHOICE_FIELDS.items():
            value = values.get(column, "")
            if model_field in GROUP_ONLY and model is not SelfHelpGroupPage:
                continue
            if model_field == "online_kind" and model is not OnlineOfferPage:
                continue
            if value:
                if value not in choices.values:
                    error(column, f"'{value}' is not one of: {', '.join(choices.values)}")
                fields[model_field] = value
        if model is SelfHelpGroupPage and fields.get("offer_format") == FormatChoices.ONLINE:
            error("format", "a group cannot be online only: use type 'online'")
        for column in ("wheelchair_accessible", "anonymous_possible", "published"):
            value = values.get(column, "").lower()
            if value not in TRUE | FALSE:
                error(column, f"'{values[column]}' is not yes or no")
        fields["wheelchair_accessible"] = values.get("wheelchair_accessible", "").lower() in TRUE
        publish = values.get("published", "yes").lower() not in FALSE - {""}
        if values.get("last_verified"):
            try:
                fields["last_verified"] = datetime.date.fromisoformat(
                    values["last_verified"][:10])
            except ValueError:
                error("last_verified", f"'{values['last_verified']}' is not a date (YYYY-MM-DD)")
        topics = []
        topic_refs = values.get("topics") or []
        if isinstance(topic_refs, str):
            topic_refs = [ref.strip() for ref in topic_refs.split(";") if ref.strip()]
        for refs in topic_refs:
            topic = self.resolve_topic(refs, locale)
            if topic is None:
                shown = refs if isinstance(refs, str) else refs[0]
                error("topics", f"unknown topic '{shown}' (give a topic slug or external id)")
            else:
                topics.append(topic)
        languages = []
        for code in filter(None, (c.strip() for c in values.get("languages_spoken", "")
                                  .split(";"))):
            if code in self.languages:
                languages.append(self.languages[code])
            else:
                error("languages_spoken", f"unknown language code '{code}'")
        centre, organisation = self.responsible(record, locale, error)
        if model is SelfHelpGroupPage:
            self.check_place(values, fields, error)
            fields.update(meeting_place=values.get("meeting_place", ""),
                          schedule=values.get("schedule", ""))
            if centre is None and not errors:
                error("centre_external_id", "a self-help group needs its regional centre")
        else:
            url = values.get("platform_url", "")
            if url:
                try:
                    URLValidator()(url)
                except ValidationError:
                    error("platform_url", f"'{url}' is not a web address")
            fields["platform_url"] = url
            fields["anonymous_possible"] = values.get("anonymous_possible", "").lower() in TRUE
            if centre is None and organisation is None and not errors:
                error("organisation_external_id",
                      "an online offer needs its organisation or regional centre")
        if errors:
            return None
        fields.update(centre=centre if isinstance(centre, RegionalCentrePage) else None,
                      organisation=organisation
                      if isinstance(organisation, OrganisationPage) else None)
        parent = centre if model is SelfHelpGroupPage else (organisation or centre)
        if parent.pk and parent.locale_id != locale.pk and not existing:
            error("language", f"'{parent.title}' has no {language} translation to put it under")
            return None
        current = [page for page in existing if page.locale_id == locale.pk]
        other = [page for page in existing if page.locale_id != locale.pk]
        page = current[0] if current else None
        if page is not None and page.specific_class is not model:
            error("type", f"offer '{values['external_id']}' exists as another type")
            return None
        return Plan(record, model, locale, page, None if page else (other[0] if other else None),
                    parent, fields, topics, languages, publish,
                    values.get("slug") or values.get("slug_hint")
                    or slugify(values["title"])[:255] or "angebot")

    def check_place(self, values, fields, error):
        postal_code = values.get("postal_code", "")
        fields["street"] = values.get("street", "")
        fields["locality"] = None
        if postal_code:
            if not re.fullmatch(r"\d{4}", postal_code):
                error("postal_code", f"'{postal_code}' is not a Swiss postal code (4 digits)")
                return
            fields["locality"] = self.locality(postal_code, values.get("locality", ""))
            if fields["locality"] is None:
                error("postal_code", f"unknown postal code '{postal_code}'")
                return
        for column in ("latitude", "longitude"):
            value = values.get(column, "")
            fields[column] = None
            if value:
                try:
                    fields[column] = float(value)
                except ValueError:
                    error(column, f"'{value}' is not a number")
        fields["canton"] = fields["locality"].canton if fields["locality"] else None

    def responsible(self, record, locale, error):
        """(centre, organisation) of a record; either may be a page still to be created
        from the record's HSDS organization object (a dict)."""
        values = record.values
        centre = organisation = None
        if values.get("centre_external_id"):
            centre = self.find_page([RegionalCentrePage], values["centre_external_id"], locale)
            if centre is None:
                error("centre_external_id",
                      f"no regional centre with external id '{values['centre_external_id']}'")
        if values.get("organisation_external_id"):
            organisation = self.find_page([OrganisationPage], values["organisation_external_id"],
                                          locale)
            if organisation is None:
                error("organisation_external_id", "no organisation with external id "
                      f"'{values['organisation_external_id']}'")
        refs = values.get("organization_refs") or []
        found = [self.find_page([RegionalCentrePage, OrganisationPage], ref, locale)
                 or self.created_organisations.get(ref) for ref in refs]
        found = [page for page in found if page is not None]
        if refs and not found and record.organisation_data:
            found = [self.create_organisation(record.organisation_data, locale, error)]
        for ref in values.get("contact_refs") or []:
            found.append(self.find_page([RegionalCentrePage], ref, locale)
                         or self.created_organisations.get(ref))
        for page in found:
            if isinstance(page, RegionalCentrePage) and centre is None:
                centre = page
            elif isinstance(page, OrganisationPage) and organisation is None:
                organisation = page
        return centre, organisation

    def create_organisation(self, data, locale, error):
        """A centre or organisation page from an export's HSDS organization object."""
        identifier = next((i for i in data.get("organization_identifiers") or []
                           if i.get("identifier_scheme") == "entraide"), {})
        model = RegionalCentrePage if identifier.get("identifier_type") == "centre" \
            else OrganisationPage
        index = DirectoryIndexPage.objects.filter(locale=locale).first()
        if not data.get("name") or index is None:
            error("organization", "unknown organization and no directory page to create it in")
            return None
        if self.dry_run:
            page = model(title=data["name"], locale=locale)
        else:
            key = hsds_uuid(data.get("id"))
            page = model(
                title=data["name"], slug=find_available_slug(index, slugify(data["name"])),
                description=data.get("description", ""), website=data.get("website", ""),
                email=data.get("email", ""), phone=_first(data.get("phones")).get("number", ""),
                external_id=identifier.get("identifier") or data.get("id", ""),
            )
            if key and not type(page).objects.filter(translation_key=key).exists():
                page.translation_key = key
            index.add_child(instance=page)
            page.save_revision(user=self.user).publish(user=self.user)
        for ref in (data.get("id"), identifier.get("identifier")):
            if ref:
                self.created_organisations[ref] = page
        return page

    def permission_error(self, plan):
        target = plan.existing or plan.parent
        if self.user is None or target.pk is None:
            return None
        permissions = target.permissions_for_user(self.user)
        allowed = permissions.can_edit() if plan.existing else permissions.can_add_subpage()
        if plan.publish:
            allowed = allowed and (permissions.can_publish() if plan.existing
                                   else permissions.can_publish_subpage())
        if allowed:
            return None
        return f"you may not add or publish offers under '{plan.parent.title}'"

    # writing

    def write(self, plan):
        if plan.existing is None and plan.source is None:  # translated earlier in this file?
            plan.source = OfferPage.objects.filter(
                external_id=plan.record.values["external_id"]).exclude(locale=plan.locale).first()
        if plan.existing is not None:
            page = plan.existing.specific
        elif plan.source is not None:
            page = plan.source.specific.copy_for_translation(plan.locale, copy_parents=True)
        else:
            page = plan.model(slug=find_available_slug(plan.parent, plan.slug),
                              live=plan.publish, locale=plan.parent.locale)
            key = hsds_uuid(plan.record.values["external_id"])
            if key and not OfferPage.objects.filter(translation_key=key).exists():
                page.translation_key = key
        for name, value in plan.fields.items():
            setattr(page, name, value)
        if not page.external_id:
            page.external_id = plan.record.values["external_id"]
        if plan.record.values.get("slug") and plan.existing is not None:
            page.slug = find_available_slug(page.get_parent(), plan.slug, ignore_page_id=page.pk)
        page.topics.set(plan.topics)
        page_language = self.languages.get(plan.locale.language_code)
        page.languages.set(plan.languages or ([page_language] if page_language else []))
        if page.pk is None:
            plan.parent.add_child(instance=page)
        else:
            page.save()
            parent = page.get_parent().specific
            if plan.parent.locale_id == page.locale_id and parent.pk != plan.parent.pk:
                page.move(plan.parent, pos="last-child", user=self.user)
        revision = page.save_revision(user=self.user, log_action=True)
        if plan.publish:
            revision.publish(user=self.user)
        return page

    def run(self, records):
        """Check every record, then write the valid ones (see the module docstring)."""
        report = self.report
        if not self.atomic or self.dry_run:
            self._run(records)
            self.refresh_statistics()
            return report
        try:
            with transaction.atomic():  # organisations created while checking roll back too
                self._run(records)
                if report.errors:
                    raise _RollBack
        except _RollBack:
            report.rolled_back = True
            report.created = report.updated = 0
        self.refresh_statistics()
        return report

    def refresh_statistics(self):
        """The first visitors after an import get the planner's good plans (directory.bulk)."""
        if self.report.written:
            refresh_planner_statistics(offers_written_in_bulk())

    def _run(self, records):
        report = self.report
        report.rows = len(records)
        existing = self.existing_offers(records)
        plans, seen = [], {}
        for record in records:
            errors = []
            values = record.values
            identity = (values.get("external_id"), values.get("language")
                        or self.default_language)
            if identity[0] and identity in seen:
                errors.append(RowError(record.row, "external_id",
                                       f"duplicate of row {seen[identity]}", record.line))
            elif identity[0]:
                seen[identity] = record.row
            plan = None if errors else self.check(record, existing.get(identity[0], []), errors)
            if self.progress and record.row % PROGRESS_EVERY == 0:
                self.progress("checked", record.row, len(records))
            if plan is not None:
                message = self.permission_error(plan)
                if message:
                    errors.append(RowError(record.row, "(permission)", message, record.line))
                    plan = None
            report.errors += errors
            if plan is not None:
                plans.append(plan)
        if self.dry_run:
            report.created = sum(1 for plan in plans if plan.existing is None)
            report.updated = len(plans) - report.created
        elif not (self.atomic and report.errors):
            self.write_all(plans, savepoints=not self.atomic)
        report.errors.sort(key=lambda error: error.row)

    def write_all(self, plans, savepoints):
        bulk, one_by_one = self.split_for_bulk(plans)
        size = min(BULK_CHUNK, PROGRESS_EVERY)  # progress is reported after each chunk
        for start in range(0, len(bulk), size):
            chunk = bulk[start:start + size]
            try:
                with transaction.atomic():
                    self.write_new_in_bulk(chunk)
            except Exception as error:  # noqa: BLE001 (rewritten one by one: reports the row)
                logger.warning("bulk import of %d offers failed (%s); one by one instead",
                               len(chunk), error)
                one_by_one += chunk
                continue
            self.report.created += len(chunk)
            if self.progress:
                self.progress("written", start + len(chunk), len(plans))
        self.write_one_by_one(one_by_one, savepoints)

    def split_for_bulk(self, plans):
        """New offers are created in bulk; updates, translations and offers that appear in
        more than one language in this file go through Wagtail's save one by one."""
        counts = Counter(plan.record.values["external_id"] for plan in plans)
        repeated = {value for value, count in counts.items() if count > 1}
        bulk, one_by_one = [], []
        for plan in plans:
            new = plan.existing is None and plan.source is None
            alone = plan.record.values["external_id"] not in repeated
            (bulk if new and alone else one_by_one).append(plan)
        return bulk, one_by_one

    def write_new_in_bulk(self, plans):
        keys = [hsds_uuid(plan.record.values["external_id"]) for plan in plans]
        taken = set(OfferPage.objects.filter(
            translation_key__in=[key for key in keys if key]).values_list(
                "translation_key", flat=True))
        children = []
        for plan, key in zip(plans, keys, strict=True):
            page = plan.model(slug=plan.slug, locale=plan.parent.locale,
                              external_id=plan.record.values["external_id"], **plan.fields)
            if key and key not in taken:
                page.translation_key = key
            page.topics = plan.topics
            page_language = self.languages.get(plan.locale.language_code)
            page.languages = plan.languages or ([page_language] if page_language else [])
            children.append((plan.parent, page))
        published = [child for child, plan in zip(children, plans, strict=True) if plan.publish]
        drafts = [child for child, plan in zip(children, plans, strict=True) if not plan.publish]
        created = {}
        for group, publish in ((published, True), (drafts, False)):
            if group:
                for page in add_children_in_bulk(group, user=self.user, publish=publish):
                    created.setdefault(type(page), []).append(page.pk)
        index_created(created)

    def write_one_by_one(self, plans, savepoints):
        for done, plan in enumerate(plans, start=1):
            try:
                if savepoints:
                    with transaction.atomic():
                        self.write(plan)
                else:
                    self.write(plan)
            except Exception as error:  # noqa: BLE001 (reported by row; the savepoint undid it)
                self.report.errors += errors_of(plan.record, error)
                if not savepoints:
                    raise _RollBack from None
                continue
            if plan.existing is None:
                self.report.created += 1
            else:
                self.report.updated += 1
            if self.progress and done % PROGRESS_EVERY == 0:
                self.progress("written", done, len(plans))


class _RollBack(Exception):
    pass


def errors_of(record, error):
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return [RowError(record.row, column, " ".join(messages), record.line)
                for column, messages in error.message_dict.items()]
    return [RowError(record.row, "(row)", f"could not be saved: {error}", record.line)]


def hsds_uuid(value):
    return hsds.parse_uuid(value)


def as_rich_text(text):
    """Plain text (paragraphs separated by blank lines) as rich text; HTML stays as it is."""
    text = (text or "").strip()
    if not text or text.startswith("<"):
        return text
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "".join(f"<p>{escape(part)}</p>" for part in paragraphs)


def import_file(source, filename=None, **options):
    """Read and import a file: the report, or ImportFileError for an unreadable file."""
    records = read_records(source, filename)
    return DirectoryImporter(**options).run(records)
