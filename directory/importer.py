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
import uuid
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale

from . import hsds, import_structure
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
    """What is wrong with one row. `text` is the English message (a gettext message id with
    %(name)s placeholders filled from `params`): it is translated when shown, into the
    language of the admin user or of the command."""

    row: int
    field: str
    text: str
    line: int | None = None
    params: dict = field(default_factory=dict)

    @property
    def message(self):
        text = gettext(self.text)
        return text % self.params if self.params else text

    def __str__(self):
        if self.line:
            where = gettext("row %(row)s (line %(line)s)") % {"row": self.row, "line": self.line}
        else:
            where = gettext("row %(row)s") % {"row": self.row}
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
        """The report's first line, in the active language."""
        numbers = {"rows": self.rows, "created": self.created, "updated": self.updated,
                   "bad": len(self.bad_rows)}
        if self.dry_run:
            text = gettext("%(rows)s rows read: would create %(created)s and update "
                           "%(updated)s; %(bad)s rows with errors.")
        elif self.rolled_back:
            text = gettext("%(rows)s rows read: nothing written (--atomic); %(bad)s rows "
                           "with errors.")
        else:
            text = gettext("%(rows)s rows read: created %(created)s, updated %(updated)s; "
                           "%(bad)s rows with errors.")
        return text % numbers

    def lines(self):
        return [self.summary(), *(str(error) for error in self.errors)]


@dataclass(frozen=True)
class TermRef:
    """A taxonomy term an HSDS service is filed under (one of its attributes)."""

    taxonomy: str
    code: str
    id: str
    name: str

    @property
    def refs(self):
        return [ref for ref in (self.code, self.id) if ref]

    @property
    def shown(self):
        return self.code or self.id or self.name


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
        raise ImportFileError(gettext(
            "The file is UTF-16 encoded: save it as UTF-8 (CSV UTF-8)."))
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
        raise ImportFileError(gettext(
            "The CSV header lacks the column(s) %(missing)s; the first line must name the "
            "columns: %(columns)s.") % {"missing": ", ".join(missing),
                                        "columns": ", ".join(CSV_COLUMNS)})
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
        raise ImportFileError(gettext(
            "The file is not UTF-8 encoded (byte 0x%(byte)02x on line %(line)s): HSDS JSON "
            "must be UTF-8.") % {"byte": data[error.start], "line": line}) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(gettext("The file is not valid JSON: %(error)s.")
                             % {"error": error}) from None


def services_in(document):
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in ("contents", "services"):
            if isinstance(document.get(key), list):
                return document[key]
        if "id" in document and "name" in document:
            return [document]
    raise ImportFileError(gettext(
        "Expected a list of HSDS service objects (or an API page of them)."))


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
            topics.append(TermRef(
                taxonomy=taxonomy or hsds.TOPIC_TAXONOMY, code=code,
                id=str(term.get("id") or attribute.get("taxonomy_term_id") or ""),
                name=term.get("name") or ""))
        if term.get("language") and not values.get("data_language"):
            values["data_language"] = term["language"]  # our export says so in every term
    values.update(choices)
    values["topics"] = topics
    spoken = [language.get("code") or "" for language in service.get("languages") or []]
    values["languages_spoken"] = ";".join(spoken)
    values["spoken_languages"] = spoken
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
            records.append(Record(row=number, values={"_error": N_("not a JSON object")}))
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
        raise ImportFileError(gettext("%(name)s is not UTF-8 encoded.")
                              % {"name": path.name}) from None
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
            raise ImportFileError(gettext(
                "A datapackage.json needs its CSV files: give its folder."))
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


@dataclass(eq=False)
class NewTopic:
    """A topic a row needs that the site does not have yet (in the row's language): created,
    once for the whole file, when the checked rows are written."""

    key: uuid.UUID
    locale: Locale
    slug: str
    name: str
    external_id: str
    source: Topic | None = None  # the same topic in another language: this is its translation
    topic: Topic | None = None

    def create(self, taken_slugs):
        if self.source is not None:
            topic = self.source.copy_for_translation(self.locale)
            topic.name = self.name
        else:
            slug, number = self.slug, 1
            while (self.locale.pk, slug) in taken_slugs:  # a topic's address: one per slug
                number += 1
                slug = f"{self.slug[:110]}-{number}"
            topic = Topic(locale=self.locale, slug=slug, name=self.name,
                          external_id=self.external_id, translation_key=self.key)
        topic.save()
        taken_slugs.add((self.locale.pk, topic.slug))
        self.topic = topic
        return topic


def term_key(term):
    """The translation key of a term's topic: its HSDS id when that is a UUID (our export's
    term ids are the topics' keys), else one derived from the taxonomy and the term."""
    return hsds_uuid(term.id) or topic_uuid(f"{term.taxonomy}:{term.code or term.id}")


def topic_uuid(name):
    return uuid.uuid5(uuid.NAMESPACE_URL, f"entraide-import-topic:{name}")


class DirectoryImporter:
    def __init__(self, language=None, user=None, dry_run=False, atomic=False, progress=None,
                 topic_map=None, taxonomy=None):
        self.language = language  # None: each record's language comes from its data
        self.default_language = language or Locale.get_default().language_code
        self.user = user
        self.dry_run = dry_run
        self.atomic = atomic
        self.progress = progress
        self.topic_map = topic_map or {}
        self.topic_taxonomies = {hsds.TOPIC_TAXONOMY, *([taxonomy] if taxonomy else [])}
        self.report = ImportReport(dry_run=dry_run, atomic=atomic)
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.site_languages = set(import_structure.site_languages())
        self.languages = {language.code: language for language in Language.objects.all()}
        self.topics = list(Topic.objects.all())
        self.new_topics = {}  # (translation key, locale pk) -> NewTopic, created before writing
        self.created_organisations = {}
        self.found_pages = {}
        self.directory_pages = {}
        self.holding_pages = {}
        self.translated_pages = {}  # (page pk, locale pk) -> the page in that locale

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

    def topic_for_term(self, term, locale, error):
        """The topic (or NewTopic) of a taxonomy term; None when the term is ignored or bad.
        Terms of our taxonomy (or of the one accepted with `taxonomy`) become topics, new
        ones if unknown; terms of other taxonomies need a line in the topic map."""
        if term.taxonomy in self.topic_taxonomies:
            key, slug, name, external_id = term_key(term), term.code or term.name, \
                term.name or term.code, term.id or term.code
        else:
            mapped = next((self.topic_map[(term.taxonomy, ref)] for ref in
                           (term.code, term.id, term.name) if (term.taxonomy, ref)
                           in self.topic_map), None)
            if mapped is None:
                error("topics", N_("term '%(term)s' of taxonomy '%(taxonomy)s' has no topic: "
                                   "map it with --topic-map or accept the taxonomy with "
                                   "--taxonomy"), term=term.shown, taxonomy=term.taxonomy)
                return None
            if not mapped:
                return None  # mapped to nothing on purpose
            key, slug, name, external_id = None, mapped, term.name or mapped, ""
        found = self.find_topic([ref for ref in (external_id, slug, str(key or "")) if ref],
                                locale)
        if isinstance(found, NewTopic) or (found is not None and found.locale_id == locale.pk):
            return found
        if not slugify(slug):
            error("topics", N_("term '%(term)s' has neither a code nor a name"),
                  term=term.shown)
            return None
        key = found.translation_key if found is not None else key or topic_uuid(slug)
        new = self.new_topics.get((key, locale.pk))
        if new is None:
            new = self.new_topics[(key, locale.pk)] = NewTopic(
                key=key, locale=locale, slug=slugify(slug)[:120], name=name[:120],
                external_id=external_id[:100], source=found)
        return new

    def find_topic(self, refs, locale):
        """An existing topic by external id, slug or key (in `locale` if it has one), or a
        topic this file creates."""
        for new in self.new_topics.values():
            if new.locale.pk == locale.pk and {new.external_id, new.slug, str(new.key)} & set(
                    refs):
                return new
        return self.resolve_topic(refs, locale)

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

    # the pages around the offers

    def prepare_site(self):
        """A site without a directory gets one in every language (and a home page)."""
        self.directory_pages = {index.locale.language_code: index for index in
                                DirectoryIndexPage.objects.select_related("locale")}
        if not self.directory_pages and not self.dry_run:
            self.directory_pages = import_structure.directory_pages(self.site_languages)
            self.locales = {locale.language_code: locale for locale in Locale.objects.all()}

    def locale_for(self, language):
        """The site's locale for a language code (created for a site language it lacks)."""
        if language not in self.locales and language in self.site_languages:
            self.locales[language] = Locale(language_code=language) if self.dry_run \
                else Locale.objects.get_or_create(language_code=language)[0]
        return self.locales.get(language)

    def directory_page(self, locale):
        code = locale.language_code
        if code not in self.directory_pages and not self.dry_run:
            self.directory_pages.update(import_structure.directory_pages([code]))
        return self.directory_pages.get(code)

    def holding_page(self, locale):
        if locale.language_code not in self.holding_pages:
            index = self.directory_page(locale)
            self.holding_pages[locale.language_code] = (
                import_structure.holding_page(index) if index is not None and not self.dry_run
                else OrganisationPage(title=gettext(import_structure.HOLDING_TITLE),
                                      locale=locale))
        return self.holding_pages[locale.language_code]

    def in_locale(self, page, locale):
        """A centre or organisation in the record's language, copied for translation if need
        be (Wagtail's copy, as for offers: a second or two less per page than a
        wagtail-localize translation, which adds up over the centres of a large file)."""
        if page.pk is None or page.locale_id == locale.pk or self.dry_run:
            return page
        key = (page.pk, locale.pk)
        if key not in self.translated_pages:
            translation = page.get_translation_or_none(locale)
            if translation is None:
                self.directory_page(locale)  # the parent to copy it under
                translation = page.specific.copy_for_translation(locale)
                translation.save_revision(user=self.user).publish(user=self.user)
            self.translated_pages[key] = translation.specific
        return self.translated_pages[key]

    def record_language(self, values):
        """The row's own `language` (CSV); else the --language option; else what the data
        says (the language of an HSDS file's terms, or the first site language among the
        languages spoken); else the site's default language."""
        hints = [values.get("data_language"), *(values.get("spoken_languages") or [])]
        guessed = next((code for code in hints if code in self.site_languages), None)
        return values.get("language") or self.language or guessed or self.default_language

    # checking

    def check(self, record, existing, errors):
        values = record.values

        def error(column, text, **params):
            errors.append(RowError(record.row, column, text, record.line, params))

        if values.get("_error"):
            error("(row)", values["_error"])
            return None
        for column, text in values.items():
            if isinstance(text, str) and has_bad_bytes(text):
                error(column, N_("is not valid UTF-8 text: save the file as UTF-8 (CSV UTF-8)"))
        if errors:
            return None
        for column in REQUIRED_COLUMNS:
            if not values.get(column):
                error(column, N_("is required"))
        kind = values.get("type", "")
        if kind and kind not in TYPES:
            error("type", N_("'%(value)s' is not one of: %(choices)s"), value=kind,
                  choices="group, online")
        language = self.record_language(values)
        locale = self.locale_for(language)
        if locale is None:
            error("language", N_("'%(language)s' is not one of the site's languages"),
                  language=language)
        for column, limit in MAX_LENGTHS.items():
            if len(values.get(column) or "") > limit:
                error(column, N_("is longer than %(limit)s characters"), limit=limit)
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
                    error(column, N_("'%(value)s' is not one of: %(choices)s"), value=value,
                          choices=", ".join(choices.values))
                fields[model_field] = value
        if model is SelfHelpGroupPage and fields.get("offer_format") == FormatChoices.ONLINE:
            error("format", N_("a group cannot be online only: use type 'online'"))
        for column in ("wheelchair_accessible", "anonymous_possible", "published"):
            value = values.get(column, "").lower()
            if value not in TRUE | FALSE:
                error(column, N_("'%(value)s' is not yes or no"), value=values[column])
        fields["wheelchair_accessible"] = values.get("wheelchair_accessible", "").lower() in TRUE
        publish = values.get("published", "yes").lower() not in FALSE - {""}
        if values.get("last_verified"):
            try:
                fields["last_verified"] = datetime.date.fromisoformat(
                    values["last_verified"][:10])
            except ValueError:
                error("last_verified", N_("'%(value)s' is not a date (YYYY-MM-DD)"),
                      value=values["last_verified"])
        topics = self.check_topics(values, locale, error)
        languages = []
        for code in filter(None, (c.strip() for c in values.get("languages_spoken", "")
                                  .split(";"))):
            if code in self.languages:
                languages.append(self.languages[code])
            else:
                error("languages_spoken", N_("unknown language code '%(code)s'"), code=code)
        centre, organisation = self.responsible(record, locale, error)
        if model is SelfHelpGroupPage:
            self.check_place(values, fields, error)
            fields.update(meeting_place=values.get("meeting_place", ""),
                          schedule=values.get("schedule", ""))
        else:
            url = values.get("platform_url", "")
            if url:
                try:
                    URLValidator()(url)
                except ValidationError:
                    error("platform_url", N_("'%(value)s' is not a web address"), value=url)
            fields["platform_url"] = url
            fields["anonymous_possible"] = values.get("anonymous_possible", "").lower() in TRUE
        if errors:
            return None
        centre = self.in_locale(centre, locale) if isinstance(centre, RegionalCentrePage) \
            else None
        organisation = self.in_locale(organisation, locale) \
            if isinstance(organisation, OrganisationPage) else None
        # a group is filed under its centre, an online offer under its organisation; without
        # either, the offer waits on the holding page (see README)
        first, second = (centre, organisation) if model is SelfHelpGroupPage \
            else (organisation, centre)
        parent = first or second or self.holding_page(locale)
        fields.update(centre=centre, organisation=organisation)
        current = [page for page in existing if page.locale_id == locale.pk]
        other = [page for page in existing if page.locale_id != locale.pk]
        page = current[0] if current else None
        if page is not None and page.specific_class is not model:
            error("type", N_("offer '%(id)s' exists as another type"), id=values["external_id"])
            return None
        return Plan(record, model, locale, page, None if page else (other[0] if other else None),
                    parent, fields, topics, languages, publish,
                    values.get("slug") or values.get("slug_hint")
                    or slugify(values["title"])[:255] or "angebot")

    def check_topics(self, values, locale, error):
        topics = []
        topic_refs = values.get("topics") or []
        if isinstance(topic_refs, str):
            topic_refs = [ref.strip() for ref in topic_refs.split(";") if ref.strip()]
        for ref in topic_refs:
            if isinstance(ref, TermRef):
                topic = self.topic_for_term(ref, locale, error)
            else:
                topic = self.resolve_topic(ref, locale)
                if topic is None:
                    error("topics", N_("unknown topic '%(topic)s' (give a topic slug or "
                                       "external id)"), topic=ref)
            if topic is not None and topic not in topics:
                topics.append(topic)
        return topics

    def check_place(self, values, fields, error):
        postal_code = values.get("postal_code", "")
        fields["street"] = values.get("street", "")
        fields["locality"] = None
        if postal_code:
            if not re.fullmatch(r"\d{4}", postal_code):
                error("postal_code", N_("'%(value)s' is not a Swiss postal code (4 digits)"),
                      value=postal_code)
                return
            fields["locality"] = self.locality(postal_code, values.get("locality", ""))
            if fields["locality"] is None:
                error("postal_code", N_("unknown postal code '%(value)s'"), value=postal_code)
                return
        for column in ("latitude", "longitude"):
            value = values.get(column, "")
            fields[column] = None
            if value:
                try:
                    fields[column] = float(value)
                except ValueError:
                    error(column, N_("'%(value)s' is not a number"), value=value)
        fields["canton"] = fields["locality"].canton if fields["locality"] else None

    def responsible(self, record, locale, error):
        """(centre, organisation) of a record; either may be a page still to be created
        from the record's HSDS organization object (a dict)."""
        values = record.values
        centre = organisation = None
        if values.get("centre_external_id"):
            centre = self.find_page([RegionalCentrePage], values["centre_external_id"], locale)
            if centre is None:
                error("centre_external_id", N_("no regional centre with external id '%(id)s'"),
                      id=values["centre_external_id"])
        if values.get("organisation_external_id"):
            organisation = self.find_page([OrganisationPage], values["organisation_external_id"],
                                          locale)
            if organisation is None:
                error("organisation_external_id", N_("no organisation with external id "
                                                     "'%(id)s'"),
                      id=values["organisation_external_id"])
        refs = values.get("organization_refs") or []
        found = [self.find_page([RegionalCentrePage, OrganisationPage], ref, locale)
                 or self.created_organisations.get((ref, locale.language_code))
                 for ref in refs]
        found = [page for page in found if page is not None]
        if refs and not found and record.organisation_data:
            found = [self.create_organisation(record.organisation_data, locale, error)]
        for ref in values.get("contact_refs") or []:
            found.append(self.find_page([RegionalCentrePage], ref, locale)
                         or self.created_organisations.get((ref, locale.language_code)))
        for page in found:
            if isinstance(page, RegionalCentrePage) and centre is None:
                centre = page
            elif isinstance(page, OrganisationPage) and organisation is None:
                organisation = page
        return centre, organisation

    def create_organisation(self, data, locale, error):
        """A centre or organisation page from an HSDS organization object."""
        identifier = next((i for i in data.get("organization_identifiers") or []
                           if i.get("identifier_scheme") == "entraide"), {})
        model = RegionalCentrePage if identifier.get("identifier_type") == "centre" \
            else OrganisationPage
        index = self.directory_page(locale)
        if not data.get("name") or (index is None and not self.dry_run):
            error("organization", N_("unknown organization and no directory page to create "
                                     "it in"))
            return None
        if self.dry_run:
            page = model(title=data["name"], locale=locale)
        else:
            key = hsds_uuid(data.get("id"))
            page = model(
                title=data["name"][:255],
                slug=find_available_slug(index, slugify(data["name"])[:255] or "organisation"),
                description=data.get("description") or "", website=data.get("website") or "",
                email=data.get("email") or "",
                phone=(_first(data.get("phones")).get("number") or "")[:40],
                external_id=identifier.get("identifier") or data.get("id") or "",
            )
            if key and not type(page).objects.filter(translation_key=key).exists():
                page.translation_key = key
            index.add_child(instance=page)
            page.save_revision(user=self.user).publish(user=self.user)
        for ref in (data.get("id"), identifier.get("identifier")):
            if ref:
                self.created_organisations[(ref, locale.language_code)] = page
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
        return (N_("you may not add or publish offers under '%(page)s'"),
                {"page": plan.parent.title})

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
        if records:
            self.prepare_site()
        existing = self.existing_offers(records)
        plans, seen = [], {}
        for record in records:
            errors = []
            values = record.values
            identity = (values.get("external_id"), self.record_language(values))
            if identity[0] and identity in seen:
                errors.append(RowError(record.row, "external_id", N_("duplicate of row %(row)s"),
                                       record.line, {"row": seen[identity]}))
            elif identity[0]:
                seen[identity] = record.row
            plan = None if errors else self.check(record, existing.get(identity[0], []), errors)
            if self.progress and record.row % PROGRESS_EVERY == 0:
                self.progress("checked", record.row, len(records))
            if plan is not None:
                refusal = self.permission_error(plan)
                if refusal:
                    errors.append(RowError(record.row, "(permission)", *refusal[:1],
                                           record.line, refusal[1]))
                    plan = None
            report.errors += errors
            if plan is not None:
                plans.append(plan)
        if self.dry_run:
            report.created = sum(1 for plan in plans if plan.existing is None)
            report.updated = len(plans) - report.created
        elif not (self.atomic and report.errors):
            self.create_topics(plans)
            self.write_all(plans, savepoints=not self.atomic)
        report.errors.sort(key=lambda error: error.row)

    def create_topics(self, plans):
        """The topics the valid rows need that the site lacks; sources before translations."""
        needed = {id(topic): topic for plan in plans for topic in plan.topics
                  if isinstance(topic, NewTopic)}
        taken = set(Topic.objects.values_list("locale_id", "slug"))
        by_key = {}
        for new in needed.values():
            by_key.setdefault(new.key, []).append(new)
        for group in by_key.values():
            original = next((new.source for new in group if new.source is not None), None)
            for new in group:
                new.source = new.source or original
                created = new.create(taken)
                original = original or created
        for plan in plans:
            plan.topics = [topic.topic if isinstance(topic, NewTopic) else topic
                           for topic in plan.topics]

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
    return [RowError(record.row, "(row)", N_("could not be saved: %(error)s"), record.line,
                     {"error": error})]


def hsds_uuid(value):
    return hsds.parse_uuid(value)


def as_rich_text(text):
    """Plain text (paragraphs separated by blank lines) as rich text; HTML stays as it is."""
    text = (text or "").strip()
    if not text or text.startswith("<"):
        return text
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "".join(f"<p>{escape(part)}</p>" for part in paragraphs)


def read_topic_map(data):
    """{(taxonomy, term): topic slug} from a CSV with the columns `taxonomy`, `term` (the
    term's code, id or name) and `topic` (a topic slug; empty: the term is ignored)."""
    reader = csv.DictReader(io.StringIO(decode_csv(data), newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    if not {"taxonomy", "term", "topic"} <= set(header):
        raise ImportFileError(gettext(
            "The topic map needs the columns taxonomy, term and topic."))
    reader.fieldnames = header
    return {(row["taxonomy"].strip(), row["term"].strip()): (row["topic"] or "").strip()
            for row in reader if (row.get("taxonomy") or "").strip()}


def import_file(source, filename=None, **options):
    """Read and import a file: the report, or ImportFileError for an unreadable file."""
    records = read_records(source, filename)
    return DirectoryImporter(**options).run(records)
