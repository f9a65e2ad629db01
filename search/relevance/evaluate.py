"""Runs the judged queries through the public search, the way a visitor sees the results,
and scores each answer against the judgments (judged_queries.json)."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.test.utils import override_settings
from wagtail.models import Locale

from directory.models import OfferPage
from directory.query import OfferQuery
from directory.visibility import public_pages
from fulltext.cleaning import clean_query
from taxonomy.models import Topic

from ..engine import SearchUnavailable, find
from ..results import in_language_first, offer_results, ordered
from .metrics import ndcg_at, recall_at

JUDGED_QUERIES = Path(__file__).resolve().parent / "judged_queries.json"
K = 10
RULE_FIELDS = {"grade", "topic", "place", "canton", "target_group", "kind", "external_id"}


class JudgmentError(ValueError):
    pass


def load_queries(path=JUDGED_QUERIES):
    try:
        queries = json.loads(Path(path).read_text(encoding="utf-8"))["queries"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise JudgmentError(f"{path}: not a judged query file ({error})") from error
    for number, item in enumerate(queries, start=1):
        where = f"{path}, query {number} ({item.get('query')!r})"
        if not {"locale", "query", "relevant"} <= set(item) or not item["relevant"]:
            raise JudgmentError(f"{where}: needs locale, query and at least one relevant rule")
        for rule in item["relevant"]:
            unknown = set(rule) - RULE_FIELDS
            if unknown or rule.get("grade") not in (1, 2, 3):
                raise JudgmentError(f"{where}: bad rule {rule} (grade 1-3; fields "
                                    f"{', '.join(sorted(RULE_FIELDS - {'grade'}))})")
    return queries


@dataclass
class Entry:
    """What a judgment rule can ask of an offer."""

    pk: int
    title: str
    external_id: str
    topics: set
    place: str
    canton: str
    target_group: str
    kind: str
    languages: set


def _narrower(slug, children):
    found = {slug}
    for child in children.get(slug, ()):
        found |= _narrower(child, children)
    return found


def _topic_families():
    """slug -> the slug and every narrower topic's slug (topic slugs are the same in every
    language)."""
    children = {}
    for slug, parent in Topic.objects.values_list("slug", "parent__slug").distinct():
        if parent:
            children.setdefault(parent, set()).add(slug)
    slugs = set(Topic.objects.values_list("slug", flat=True))
    return {slug: _narrower(slug, children) for slug in slugs}


def entries(locale):
    offers = (public_pages(OfferPage.objects.filter(locale=locale))
              .select_related("selfhelpgrouppage__locality", "selfhelpgrouppage__canton",
                              "content_type")
              .prefetch_related("topics", "languages"))
    found = {}
    for offer in offers:
        group = getattr(offer, "selfhelpgrouppage", None)
        found[offer.pk] = Entry(
            pk=offer.pk, title=offer.title, external_id=offer.external_id,
            topics={topic.slug for topic in offer.topics.all()},
            place=group.locality.name if group and group.locality else "",
            canton=group.canton.code if group and group.canton else "",
            target_group=offer.target_group,
            kind="group" if group else "online",
            languages={language.code for language in offer.languages.all()},
        )
    return found


def _matches(rule, entry, families):
    if "topic" in rule and not entry.topics & families.get(rule["topic"], {rule["topic"]}):
        return False
    checks = {"place": entry.place, "canton": entry.canton, "target_group": entry.target_group,
              "external_id": entry.external_id}
    if any(name in rule and value not in rule[name] for name, value in checks.items()):
        return False
    return rule.get("kind", entry.kind) == entry.kind


def grades(item, pool, families):
    """{offer pk: grade} of the offers the query's rules judge relevant. Offers held in the
    visitor's language come first, as on the search page: when there are any, only they
    count."""
    graded = {}
    for entry in pool.values():
        grade = max((rule["grade"] for rule in item["relevant"]
                     if _matches(rule, entry, families)), default=0)
        if grade:
            graded[entry.pk] = grade
    own = {pk: grade for pk, grade in graded.items() if item["locale"] in pool[pk].languages}
    return own or graded


def shown(text, locale):
    """Offer ids in the order the search page lists them (no filters, no place given)."""
    matches = find(clean_query(text), locale)
    if matches.degraded:
        raise SearchUnavailable("the backend did not answer; the fallback did")
    offers = offer_results(OfferQuery(locale, clean_query(text), ranked=matches.offer_ids)
                           .run(with_counts=False))
    visible, _ = in_language_first(ordered(offers), locale.language_code)
    return [result.pk for result in visible]


def available_backends():
    """What --backend can name: the search engines ("database", "elasticsearch") when the
    site has one backend per language (database_de, elasticsearch_de, ...), else the names in
    WAGTAILSEARCH_BACKENDS."""
    configured = settings.WAGTAILSEARCH_BACKENDS
    if hasattr(settings, "SEARCH_ENGINE"):
        return sorted({name.rsplit("_", 1)[0] for name in configured if "_" in name})
    return list(configured)


def only_backend(name):
    """Settings in which the public search asks this backend."""
    if hasattr(settings, "SEARCH_ENGINE"):
        return override_settings(SEARCH_ENGINE=name)
    return override_settings(
        WAGTAILSEARCH_BACKENDS={"default": settings.WAGTAILSEARCH_BACKENDS[name]})


def describe_backend(name):
    configured = settings.WAGTAILSEARCH_BACKENDS
    config = configured.get(name) or next(
        config for key, config in configured.items() if key.startswith(f"{name}_"))
    kind = config["BACKEND"].rsplit(".", 1)[-1]
    if kind == "database":
        from django.db import connection

        kind = f"database ({connection.vendor})"
    return kind


@dataclass
class QueryScore:
    locale: str
    query: str
    category: str
    ndcg: float
    recall: float
    relevant: int
    top: list = field(default_factory=list)  # titles of the first three shown


def evaluate(backend_name, queries):
    families = _topic_families()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    pools = {}
    scores = []
    with only_backend(backend_name):
        for item in queries:
            locale = locales[item["locale"]]
            if locale.pk not in pools:
                pools[locale.pk] = entries(locale)
            pool = pools[locale.pk]
            graded = grades(item, pool, families)
            if not graded:
                raise JudgmentError(f"no entry of the directory is relevant to "
                                    f"{item['query']!r} ({item['locale']}): load the demo")
            ranked = shown(item["query"], locale)
            scores.append(QueryScore(
                locale=item["locale"], query=item["query"],
                category=item.get("category", ""),
                ndcg=ndcg_at(K, ranked, graded), recall=recall_at(K, ranked, graded),
                relevant=len(graded),
                top=[pool[pk].title if pk in pool else str(pk) for pk in ranked[:3]],
            ))
    return scores


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def summary(scores):
    def group(key):
        keys = sorted({key(score) for score in scores})
        return {value: {"queries": sum(1 for s in scores if key(s) == value),
                        "ndcg@10": round(mean(s.ndcg for s in scores if key(s) == value), 3),
                        "recall@10": round(mean(s.recall for s in scores if key(s) == value), 3)}
                for value in keys}

    return {
        "queries": len(scores),
        "ndcg@10": round(mean(score.ndcg for score in scores), 3),
        "recall@10": round(mean(score.recall for score in scores), 3),
        "by_language": group(lambda score: score.locale),
        "by_category": group(lambda score: score.category),
    }
