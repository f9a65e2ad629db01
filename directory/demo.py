"""Demo content of the directory: regional centres serving all 26 cantons, partner
organisations, a topic hierarchy, about 300 self-help groups and 40 online offers.

The directory page, centres, organisations, online offers and the groups of German-speaking
regions are written in German (the default locale); the groups of Romandie and Ticino are
written in French or Italian, below their centre's translation. Every page is translated into
the other two languages through wagtail-localize (home.translation.translate), so editors see
ordinary translations, each with its source in the language it was written in. Texts come
from the templates in demo_data, combined by a seeded random generator: every run builds the
same directory. Idempotent: pages and topics are found by their external id ("demo:...") and
only what is missing is created.
"""

import datetime
import random
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from home.models import HomePage
from home.translation import ensure_locales, with_own_slug

from . import demo_data as data
from .bulk import bulk_loading, index_created, publish_new_page, refresh_planner_statistics
from .models import (
    Canton,
    DirectoryIndexPage,
    Language,
    Locality,
    OfferPage,
    OnlineOfferPage,
    OrganisationPage,
    RegionalCentrePage,
    SelfHelpGroupPage,
    Topic,
)
from .permissions import setup_editor_group

LANGUAGES = ("de", "fr", "it")
TRANSLATED = ("fr", "it")
EXTERNAL_ID_PREFIX = "demo:"


@dataclass
class PageSpec:
    """A page to create in its source language, with the strings of its translations."""

    external_id: str
    model: type
    parent: str  # external id of the parent page, "index" for the directory page
    fields: dict
    relations: dict = field(default_factory=dict)  # many-to-many: name -> objects
    strings: dict = field(default_factory=lambda: {code: {} for code in LANGUAGES})
    language: str = "de"  # centres: the language of their region
    served: list = field(default_factory=list)  # centres: codes of the cantons served
    source: str = "de"  # the language the page is written in (its locale)

    def translate_text(self, texts):
        """texts: {"de": ..., "fr": ..., "it": ...} of one field; returns the source text."""
        original = texts[self.source]
        for code in LANGUAGES:
            if code != self.source and texts[code] != original:
                self.strings[code][_plain(original)] = _plain(texts[code])
        return original


def _plain(text):
    """wagtail-localize stores a rich text paragraph's inner HTML as the string to translate."""
    return re.sub(r"^<p>(.*)</p>$", r"\1", text)


def load():
    # Pages are indexed for search in bulk at the end: 3-4 index updates per page otherwise.
    with bulk_loading():
        created = _load()
    index_created(created)
    load_editors()
    translations = [pk for model, pks in created.items() if issubclass(model, Page) for pk in pks]
    # A new translation changes its slug from the German one, so Wagtail creates redirects from
    # addresses that never existed, once the transaction commits: remove them after that.
    transaction.on_commit(
        lambda: Redirect.objects.filter(automatically_created=True,
                                        redirect_page_id__in=translations).delete()
    )


def _load():
    locales = ensure_locales(LANGUAGES)
    home = HomePage.objects.filter(locale=locales["de"], depth=2).first()
    if home is None:
        raise RuntimeError("directory demo: load home.demo first (settings.DEMO_LOADERS)")
    topics = _topics(locales)
    index = _directory_index(home)
    specs = build_specs(topics)
    in_german = [spec for spec in specs if spec.source == "de"]
    originals = [spec for spec in specs if spec.source != "de"]
    pages = _create_pages(index, in_german, locales)
    # On a fresh PostgreSQL database the planner still believes the page tables are empty
    # and picks plans that make each of the ~700 translation lookups take a quarter second.
    refresh_planner_statistics()
    index_strings = {
        code: {data.DIRECTORY_INDEX["de"][key]: data.DIRECTORY_INDEX[code][key]
               for key in ("title", "slug", "intro")}
        for code in TRANSLATED
    }
    # the French and Italian groups are written below their centre's translation: first those
    translations = _translate_pages([(index, index_strings), *_work(in_german, pages)], locales)
    pages = _create_pages(index, originals, locales, pages)
    translations += _translate_pages(_work(originals, pages), locales)
    created = {}
    for page in [index, *pages.values(), *translations]:
        created.setdefault(type(page), set()).add(page.pk)
    created[Topic] = set(Topic.objects.filter(external_id__startswith=EXTERNAL_ID_PREFIX)
                         .values_list("pk", flat=True))
    return created


# Topics ---------------------------------------------------------------------------------------

def _topics(locales):
    """The topic hierarchy in German, French and Italian; returns German topics by slug.

    The French and Italian topics are copies (Topic.copy_for_translation) rather than synced
    wagtail-localize translations: synonyms are words people use in each language, not
    translations of the German ones, so editors keep them per language.
    """
    existing = {
        (topic.locale_id, topic.slug): topic
        for topic in Topic.objects.filter(external_id__startswith=EXTERNAL_ID_PREFIX)
    }
    by_slug = {}
    for slug, parent_slug, *names in data.TOPICS:
        source = existing.get((locales["de"].pk, slug))
        if source is None:
            source = Topic.objects.create(
                locale=locales["de"], slug=slug, name=names[0][0], synonyms=names[0][1],
                parent=by_slug.get(parent_slug), external_id=f"{EXTERNAL_ID_PREFIX}topic:{slug}",
            )
        by_slug[slug] = source
        for code, (name, synonyms) in zip(TRANSLATED, names[1:], strict=True):
            if (locales[code].pk, slug) in existing:
                continue
            translation = source.copy_for_translation(locales[code])
            translation.name, translation.synonyms = name, synonyms
            if parent_slug:
                translation.parent = by_slug[parent_slug].get_translation(locales[code])
            translation.save()
    Topic.objects.filter(external_id__in=[f"{EXTERNAL_ID_PREFIX}topic:{slug}"
                                          for slug in data.CRISIS_HELP_TOPICS]
                         ).update(shows_crisis_help=True)
    return by_slug


# The German page tree -------------------------------------------------------------------------

def _directory_index(home):
    index = DirectoryIndexPage.objects.child_of(home).first()
    if index is None:
        de = data.DIRECTORY_INDEX["de"]
        index = home.add_child(instance=DirectoryIndexPage(**de))
        index.save_revision().publish()
    return index


def build_specs(topics):
    """Every demo page below the directory page, parents before children, from the seed."""
    rng = random.Random(data.SEED)
    cantons = {canton.code: canton for canton in Canton.objects.all()}
    languages = {language.code: language for language in Language.objects.all()}
    centres = [_centre_spec(row, cantons) for row in data.CENTRES]
    organisations = [_organisation_spec(org) for org in data.ORGANISATIONS]
    groups = _group_specs(rng, centres, topics, cantons, languages)
    online = _online_specs(rng, topics, languages)
    return [*centres, *organisations, *groups, *online]


def _locality(postal_code, name):
    return Locality.objects.get(postal_code=postal_code, name=name)


def _centre_spec(row, cantons):
    key, title, street, postal_code, place, phone, served, language = row
    spec = PageSpec(f"{EXTERNAL_ID_PREFIX}centre:{key}", RegionalCentrePage, "index", {})
    region = {code: " / ".join(getattr(cantons[c], f"name_{code}") for c in served)
              for code in LANGUAGES}
    texts = {name: {code: data.CENTRE_TEXTS[code][name].format(region=region[code])
                    for code in LANGUAGES}
             for name in ("description", "opening_hours")}
    host = slugify(title)
    spec.fields = {
        "title": title,  # a proper name, the same in every language
        "slug": host,
        "street": street,
        "locality": _locality(postal_code, place),
        "phone": phone,
        "email": f"kontakt@{host}.example.ch",
        "website": f"https://www.{host}.example.ch/",
        "description": spec.translate_text(texts["description"]),
        "opening_hours": spec.translate_text(texts["opening_hours"]),
        "municipalities_served": "",
    }
    spec.relations = {"cantons_served": [cantons[code] for code in served]}
    spec.language = language
    spec.served = served
    return spec


def _organisation_spec(org):
    spec = PageSpec(f"{EXTERNAL_ID_PREFIX}organisation:{org['key']}", OrganisationPage, "index",
                    {})
    titles = {code: org[code][0] for code in LANGUAGES}
    spec.fields = {
        "title": spec.translate_text(titles),
        "slug": slugify(titles["de"]),
        "kind": org["kind"],
        "description": spec.translate_text({code: org[code][1] for code in LANGUAGES}),
        "website": f"https://www.{org['host']}.example.ch/",
        "email": f"info@{org['host']}.example.ch",
        "phone": org["phone"],
    }
    for code in TRANSLATED:
        spec.strings[code][spec.fields["slug"]] = slugify(titles[code])
    return spec


def _place_names(name):
    german = data.GERMAN_PLACE_NAMES.get(name, name)
    french, italian = data.PLACE_NAMES.get(name, (name, name))
    return {"de": german, "fr": french, "it": italian}


def _topic_names(topic_slug):
    row = next(row for row in data.TOPICS if row[0] == topic_slug)
    return {code: names[0] for code, names in zip(LANGUAGES, row[2:], strict=True)}


def _schedule(rng):
    weekday = rng.randrange(5 if rng.random() < 0.9 else 6)
    time = rng.choice(data.MEETING_TIMES)
    hour, minute = time.split(":")
    french_time = f"{int(hour)}h{minute if minute != '00' else ''}"
    if rng.random() < 0.2:
        return {
            "de": f"jeden {data.WEEKDAYS['de'][weekday]}, {time}",
            "fr": f"tous les {data.WEEKDAYS['fr'][weekday]}s, {french_time}",
            "it": f"ogni {data.WEEKDAYS['it'][weekday]}, {time}",
        }
    nth = rng.randint(1, 4)
    return {
        "de": f"jeden {nth}. {data.WEEKDAYS['de'][weekday]} im Monat, {time}",
        "fr": f"chaque {data.ORDINALS['fr'][nth]} {data.WEEKDAYS['fr'][weekday]} du mois, "
              f"{french_time}",
        "it": f"ogni {data.ORDINALS['it'][nth]} {data.WEEKDAYS['it'][weekday]} del mese, {time}",
    }


def _group_localities(centres):
    """Localities each centre's groups meet in, in a fixed order: the centre's own town, then
    every locality of the cantons it serves."""
    by_canton = {}
    for locality in Locality.objects.select_related("canton").order_by("postal_code", "name"):
        if locality.canton_id:
            by_canton.setdefault(locality.canton.code, []).append(locality)
    return {spec.external_id: [loc for code in spec.served for loc in by_canton[code]]
            for spec in centres}


def _group_specs(rng, centres, topics, cantons, languages):
    localities = _group_localities(centres)
    weights = [data.CENTRE_WEIGHTS[spec.external_id.rsplit(":", 1)[1]] for spec in centres]
    assigned = [centre for centre in centres for _ in range(3)]
    assigned += rng.choices(centres, weights=weights, k=data.GROUP_COUNT - len(assigned))
    topic_slugs = list(data.GROUP_TOPICS)
    topic_weights = list(data.GROUP_TOPICS.values())
    used_slugs = set()
    today = datetime.date.today()
    specs = []
    for number, centre in enumerate(assigned, start=1):
        topic_slug = rng.choices(topic_slugs, weights=topic_weights)[0]
        if rng.random() < 0.35:
            locality = centre.fields["locality"]
        else:
            locality = rng.choice(localities[centre.external_id])
        language = locality.language if locality.language in LANGUAGES else centre.language
        organisation_key = data.TOPIC_ORGANISATION.get(topic_slug)
        parent = centre.external_id
        if organisation_key and rng.random() < 0.4:
            parent = f"{EXTERNAL_ID_PREFIX}organisation:{organisation_key}"
        specs.append(_group_spec(rng, number, centre, parent, topic_slug, locality, language,
                                 used_slugs, today, topics, languages))
    by_key = {spec.external_id.rsplit(":", 1)[1]: spec for spec in centres}
    for number, (centre_key, topic_slug, postal_code, place) in enumerate(
            data.RELATIVES_GROUPS, start=data.GROUP_COUNT + 1):
        locality = _locality(postal_code, place)
        # Its own generator: adding one of these groups changes none of the others.
        specs.append(_group_spec(random.Random(f"{data.SEED}:{number}"), number,
                                 by_key[centre_key], by_key[centre_key].external_id,
                                 topic_slug, locality, locality.language, used_slugs, today,
                                 topics, languages,
                                 kind=("relatives", "relatives", "relatives", "all")))
    return specs


def _group_kind(rng, topic_slug):
    """(title template, summary template, target group, age group)."""
    if topic_slug in data.RELATIVES_TOPICS:
        return "affected", "relatives", "relatives", "all"
    roll = rng.random()
    age = rng.choices(["all", "adults", "youth", "seniors"], weights=[55, 30, 8, 7])[0]
    title = "youth" if age == "youth" else "affected"
    if roll < 0.7:
        return title, "affected", "affected", age
    if roll < 0.85:
        return "relatives", "relatives", "relatives", age
    return title, "both", "both", age


def _group_spec(rng, number, centre, parent, topic_slug, locality, language, used_slugs,
                today, topics, languages, kind=None):
    spec = PageSpec(f"{EXTERNAL_ID_PREFIX}group:{number:04d}", SelfHelpGroupPage, parent, {})
    topic_names = _topic_names(topic_slug)
    places = _place_names(locality.name)
    title_kind, summary_kind, target_group, age_group = kind or _group_kind(rng, topic_slug)
    titles = {code: data.GROUP_TITLES[title_kind][code].format(topic=topic_names[code],
                                                              place=places[code])
              for code in LANGUAGES}
    # Romandie and Ticino write their groups in French and Italian
    spec.source = language if language in TRANSLATED else "de"
    slug = _unique_slug(slugify(titles[spec.source]), (parent, spec.source), used_slugs)
    for code in LANGUAGES:
        if code != spec.source:
            spec.strings[code][slug] = _unique_slug(slugify(titles[code]), (parent, code),
                                                    used_slugs)
    status = rng.choices(["open", "founding", "full", "paused"], weights=[72, 10, 11, 7])[0]
    offer_format = rng.choices(["in_person", "hybrid", "phone"], weights=[80, 15, 5])[0]
    cost = rng.choices(["free", "contribution", "fee"], weights=[60, 32, 8])[0]
    place = rng.choice(data.MEETING_PLACES)
    cost_note = data.COST_NOTES.get(cost, ("", "", ""))
    spec.fields = {
        "title": spec.translate_text(titles),
        "slug": slug,
        "summary": spec.translate_text({code: data.GROUP_SUMMARIES[summary_kind][code].format(
            topic=topic_names[code]) for code in LANGUAGES}),
        "description": "".join(
            spec.translate_text({code: data.GROUP_DESCRIPTIONS[code][i] for code in LANGUAGES})
            for i in range(2)
        ),
        "schedule": spec.translate_text(_schedule(rng)),
        "meeting_place": spec.translate_text(dict(zip(LANGUAGES, place, strict=True))),
        "street": f"{rng.choice(data.STREETS[language])} {rng.randint(1, 60)}",
        "locality": locality,
        "status": status,
        "moderation": "professional" if rng.random() < 0.25 else "self",
        "offer_format": offer_format,
        "target_group": target_group,
        "age_group": age_group,
        "cost": cost,
        "cost_note": spec.translate_text(dict(zip(LANGUAGES, cost_note, strict=True))),
        "wheelchair_accessible": rng.random() < 0.6,
        "last_verified": today - datetime.timedelta(days=rng.randint(0, 480)),
        "centre_key": centre.external_id,
        "organisation_key": parent if parent != centre.external_id else None,
    }
    group_languages = [languages[language]]
    if rng.random() < 0.08:
        group_languages.append(languages["en"])
    if locality.language == "rm":
        group_languages.append(languages["rm"])
    spec.relations = {"topics": [topics[topic_slug]], "languages": group_languages}
    return spec


def _unique_slug(slug, scope, used):
    candidate, suffix = slug, 2
    while (scope, candidate) in used:
        candidate, suffix = f"{slug}-{suffix}", suffix + 1
    used.add((scope, candidate))
    return candidate


def _online_specs(rng, topics, languages):
    organisations = {org["key"]: org for org in data.ORGANISATIONS}
    centres = {row[0]: row[1] for row in data.CENTRES}
    specs = []
    for owner, topic_slug, kind, offer_languages in data.ONLINE_OFFERS:
        topic_names = _topic_names(topic_slug)
        if owner in organisations:
            parent = f"{EXTERNAL_ID_PREFIX}organisation:{owner}"
            host = organisations[owner]["host"]
        else:
            parent = f"{EXTERNAL_ID_PREFIX}centre:{owner}"
            host = slugify(centres[owner])
        for held_in in offer_languages:
            spec = PageSpec(f"{EXTERNAL_ID_PREFIX}online:{owner}:{topic_slug}:{kind}:{held_in}",
                            OnlineOfferPage, parent, {})
            titles = {code: data.ONLINE_TITLES[kind][code].format(topic=topic_names[code])
                      for code in LANGUAGES}
            if offer_languages != ["de"]:
                titles = {code: f"{title} ({data.HELD_IN[held_in][code]})"
                          for code, title in titles.items()}
            slug = slugify(titles["de"])
            for code in TRANSLATED:
                spec.strings[code][slug] = slugify(titles[code])
            spec.fields = {
                "title": spec.translate_text(titles),
                "slug": slug,
                "summary": spec.translate_text({code: data.ONLINE_SUMMARIES[kind][code].format(
                    topic=topic_names[code]) for code in LANGUAGES}),
                "online_kind": kind,
                "platform_url": f"https://{kind.replace('_', '-')}.{host}.example.ch/"
                                f"{topic_slug}/{held_in}/",
                "anonymous_possible": kind in ("forum", "chat"),
                "target_group": "both" if topic_slug not in data.RELATIVES_TOPICS
                else "relatives",
                "cost": "free",
                "last_verified": datetime.date.today()
                - datetime.timedelta(days=rng.randint(0, 300)),
                "centre_key": parent if owner in centres else None,
                "organisation_key": parent if owner in organisations else None,
            }
            spec.relations = {"topics": [topics[topic_slug]],
                              "languages": [languages[held_in]]}
            specs.append(spec)
    return specs


def _create_pages(index, specs, locales, pages=None):
    """Create the source pages (in their own language, below their parent's translation into
    it) that do not exist yet; returns all demo source pages by external id."""
    existing = _existing_pages()
    pages = dict(pages or {"index": index})
    for spec in specs:
        found = existing.get((spec.external_id, locales[spec.source].pk))
        if found is not None:
            pages[spec.external_id] = found
            continue
        if spec.external_id in pages:
            continue
        locale = locales[spec.source]
        fields = dict(spec.fields)
        centre_key = fields.pop("centre_key", None)
        organisation_key = fields.pop("organisation_key", None)
        page = spec.model(**fields, external_id=spec.external_id, locale=locale)
        if centre_key:
            page.centre = _in_locale(pages[centre_key], locale)
        if organisation_key:
            page.organisation = _in_locale(pages[organisation_key], locale)
        for name, objects in spec.relations.items():
            getattr(page, name).set(objects)
        _in_locale(pages[spec.parent], locale).add_child(instance=page)
        publish_new_page(page)
        pages[spec.external_id] = page
    return pages


def _in_locale(page, locale):
    return page if page.locale_id == locale.pk else page.get_translation(locale).specific


def _existing_pages():
    """Demo pages already there, in every language: {(external id, locale id): page}."""
    found = {}
    for model in (RegionalCentrePage, OrganisationPage, OfferPage):
        for page in model.objects.filter(external_id__startswith=EXTERNAL_ID_PREFIX):
            found[(page.external_id, page.locale_id)] = page.specific
    return found


# Translations ---------------------------------------------------------------------------------

def _work(specs, pages):
    return [(pages[spec.external_id], spec.strings) for spec in specs]


def _translate_pages(work, locales):
    """Translate each (source page, strings) into the languages it is not in yet; returns the
    new translations."""
    translated = _translated(locales, [page for page, _ in work])
    created = []
    for page, strings in work:
        missing = [locale for locale in locales.values() if locale.pk != page.locale_id
                   and (page.translation_key, locale.pk) not in translated]
        if missing:
            created += translate_page(page, missing, strings)
    return created


def translate_page(page, locales, strings):
    """What home.translation.translate does, for several locales from one extraction of the
    source (the extraction is a third of the work): store the translated strings in
    wagtail-localize's translation memory, let it build each translation, publish it.

    strings: {language code: {source text: translated text}}.
    """
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    segments = list(StringSegment.objects.filter(source=source).select_related("string"))
    targets = []
    for locale in locales:
        known = with_own_slug(page, strings.get(locale.language_code, {}))
        StringTranslation.objects.bulk_create(
            [StringTranslation(translation_of=segment.string, locale=locale,
                               context=segment.context, data=known[segment.string.data])
             for segment in segments if segment.string.data in known],
            ignore_conflicts=True,  # the same text on another page was translated already
        )
        translation, _ = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        translation.save_target(publish=False)
        target = page.get_translation(locale)
        target.get_latest_revision().publish()
        targets.append(target.specific)
    return targets


def _translated(locales, pages):
    """(translation key, locale id) of the pages' existing translations."""
    keys = [page.translation_key for page in pages]
    return set(Page.objects.filter(locale__in=locales.values(), translation_key__in=keys)
               .values_list("translation_key", "locale_id"))


# Demo editors ---------------------------------------------------------------------------------
# Only load_demo creates them, and production never runs it: their password is public.

DEMO_EDITOR_PASSWORD = "demo-editor"  # noqa: S105  (public on purpose, see README)
DEMO_LEAGUE_EDITOR = "lungenliga"  # the organisation whose editor the demo has too
SHOWN_EDITORS = ("be", "vd")  # centres whose editor's login `ensure_admin` prints


def editor_username(page):
    return f"editor-{page.slug}"


def load_editors():
    """One editor group per regional centre and organisation (as `manage.py
    setup_editor_groups` makes them), one demo editor per centre, whose admin speaks the
    centre's language, and one for the lung league."""
    region_languages = {f"{EXTERNAL_ID_PREFIX}centre:{row[0]}": row[-1] for row in data.CENTRES}
    league_id = f"{EXTERNAL_ID_PREFIX}organisation:{DEMO_LEAGUE_EDITOR}"
    responsible = [
        *RegionalCentrePage.objects.filter(locale__language_code="de",
                                           external_id__startswith=EXTERNAL_ID_PREFIX),
        *OrganisationPage.objects.filter(locale__language_code="de",
                                         external_id__startswith=EXTERNAL_ID_PREFIX),
    ]
    for page in responsible:
        group = setup_editor_group(page)
        if page.external_id in region_languages or page.external_id == league_id:
            _demo_editor(page, group, region_languages.get(page.external_id, "de"))


def _demo_editor(page, group, language):
    user, created = get_user_model().objects.get_or_create(
        username=editor_username(page),
        defaults={"email": f"{editor_username(page)}@example.ch", "first_name": "Demo",
                  "last_name": page.title},
    )
    if created:
        user.set_password(DEMO_EDITOR_PASSWORD)
        user.save()
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    user.groups.add(group)


def demo_editor_logins():
    """"user / password (centre)" of the demo editors `make run` shows, while they exist with
    the demo password."""
    keys = [f"{EXTERNAL_ID_PREFIX}centre:{key}" for key in SHOWN_EDITORS]
    logins = []
    for centre in RegionalCentrePage.objects.filter(locale__language_code="de",
                                                    external_id__in=keys).order_by("title"):
        user = get_user_model().objects.filter(username=editor_username(centre)).first()
        if user is not None and user.check_password(DEMO_EDITOR_PASSWORD):
            logins.append(f"{user.username} / {DEMO_EDITOR_PASSWORD} ({centre.title})")
    return logins
