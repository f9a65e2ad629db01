"""The PostgreSQL index rows written with plain SQL (search/backends/database.py add_items)
are the ones Wagtail's own add_items writes with ORM expressions for the same objects."""

import copy
import types

import pytest
from django.db import connection
from django.db.models import TextField
from django.db.models.functions import Cast
from modelsearch.utils import get_content_type_pk
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from directory.models import SelfHelpGroupPage
from directory.tests.factories import SelfHelpGroupPageFactory, TopicFactory, make_directory
from taxonomy.models import Topic

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index only"),
]


def entries_of(model, objects):
    return IndexEntry.objects.filter(content_type_id=get_content_type_pk(model),
                                     object_id__in=[str(obj.pk) for obj in objects])


def index_rows(model, objects):
    as_text = {name: Cast(name, TextField()) for name in ("title", "autocomplete", "body")}
    return list(entries_of(model, objects).order_by("object_id").values_list(
        "object_id", *as_text.values(), "title_norm", "title_text", "body_text"))


def add_items_as_wagtail(index, model, objects):
    """Wagtail's PostgresIndex.add_items, run with our indexer adding German compound parts
    to the texts it turns into vectors: the same function body, looking up `ObjectIndexer`
    in a namespace where it is ours (Wagtail has no hook for the indexer class)."""
    from modelsearch.backends.database.postgres import postgres

    from fulltext.backends.database import _postgres_classes

    class ReferenceIndexer(_postgres_classes()["indexer"]):
        def as_vector(self, texts, for_autocomplete=False):
            if not for_autocomplete:
                texts = self.with_compound_parts(texts)
            return super().as_vector(texts, for_autocomplete)

    upstream = postgres.PostgresIndex.add_items
    add_items = types.FunctionType(
        upstream.__code__, {**vars(postgres), "ObjectIndexer": ReferenceIndexer},
        upstream.__name__, upstream.__defaults__, upstream.__closure__)
    for group in index.by_language(objects):
        in_language = copy.copy(index)
        in_language.backend = group.backend
        add_items(in_language, model, group)


def rows_written_both_ways(model, objects):
    index = get_search_backend("default").get_index_for_model(model)
    entries_of(model, objects).delete()
    add_items_as_wagtail(index, model, objects)
    upstream = index_rows(model, objects)
    entries_of(model, objects).delete()
    index.add_items(model, objects)
    return index_rows(model, objects), upstream


def test_offers_index_rows_match_wagtails(locales):
    tree = make_directory()
    topics = [TopicFactory(name="Brustkrebs", synonyms="Mammakarzinom, Krebs"),
              TopicFactory(name="Angehörige", synonyms="")]
    offers = [
        SelfHelpGroupPageFactory(parent=tree["centre"], title="Trauergruppe für Eltern",
                                 summary="Austausch nach dem Tod eines Kindes; 100 % vertraulich",
                                 description="<p>Wir treffen uns 'monatlich'.</p>",
                                 topics=topics),
        SelfHelpGroupPageFactory(parent=tree["centre"], title="Brustkrebs Angehörige",
                                 summary="", topics=topics[:1]),
    ]
    offers = list(SelfHelpGroupPage.get_indexed_objects().filter(pk__in=[o.pk for o in offers]))
    ours, upstream = rows_written_both_ways(SelfHelpGroupPage, offers)
    assert len(ours) == 2 and ours == upstream
    assert "brust" in ours[0][1] + ours[1][1]  # compound parts are in both


def test_topics_in_each_language_match_wagtails(locales):
    topics = [TopicFactory(name="Epilepsie", synonyms="Anfälle", description="Gehirn"),
              TopicFactory(name="Épilepsie", locale=Locale.objects.get(language_code="fr")),
              TopicFactory(name="Epilessia", locale=Locale.objects.get(language_code="it"),
                           description="   ")]
    ours, upstream = rows_written_both_ways(Topic, topics)
    assert len(ours) == 3 and ours == upstream
