"""Topics, cantons, languages and localities moved from `directory` to `taxonomy`: a site
migrated from before the move keeps every topic, its translations, its translation source,
the offers and materials filed under it, and its admin pages."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from campaigns.tests.factories import MaterialPageFactory, make_library
from taxonomy.models import Canton, Language, Locality, Topic

BEFORE_THE_MOVE = [
    ("directory", "0006_contact_message_labels"),
    ("campaigns", "0002_expires_on_is_the_last_day"),
    ("widgets", "0001_initial"),
    ("home", "0002_navigation_footer_entry_points"),
    ("taxonomy", None),
]

# One test: it migrates the test database backwards and forwards, which a second transactional
# test in this module did not survive (its serialized rows met the content types again).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return executor.loader.project_state([t for t in targets if t[1]]).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def before_the_move_targets():
    """Every other app at its latest migration, the apps the move touched before it."""
    before = dict(BEFORE_THE_MOVE)
    return [(app, before.get(app, name)) for app, name in latest()] + \
        [(app, name) for app, name in BEFORE_THE_MOVE if app not in dict(latest())]


@pytest.fixture
def before_the_move():
    """The database as it was before the move; migrated forward again afterwards, whatever
    the test did."""
    try:
        yield migrate(before_the_move_targets())
    finally:
        migrate(latest())


def test_topics_and_what_is_filed_under_them_survive_the_move(before_the_move, client,
                                                              django_user_model):
    old = before_the_move
    library = make_library()  # page tables are the same before and after
    material = MaterialPageFactory(parent=library["campaign"], title="Plakat Trauer")
    german, french = Locale.get_default(), Locale.objects.create(language_code="fr")

    # written as the code before the move did, through its models
    OldTopic = old.get_model("directory", "Topic")  # noqa: N806
    grief = OldTopic.objects.create(name="Trauer", slug="trauer", locale_id=german.pk)
    OldTopic.objects.create(name="Deuil", slug="trauer", locale_id=french.pk,
                            translation_key=grief.translation_key)
    OldTopic.objects.create(name="Verlust", slug="verlust", parent=grief, locale_id=german.pk)
    old.get_model("campaigns", "MaterialPage").topics.through.objects.create(
        materialpage_id=material.pk, topic_id=grief.pk)
    OldContentType = old.get_model("contenttypes", "ContentType")  # noqa: N806
    old_type = OldContentType.objects.get_or_create(app_label="directory", model="topic")[0]
    translatable = old.get_model("wagtail_localize", "TranslatableObject").objects.create(
        translation_key=grief.translation_key, content_type=old_type)
    old.get_model("wagtail_localize", "TranslationSource").objects.create(
        object=translatable, specific_content_type=old_type, locale_id=german.pk,
        object_repr="Trauer", content_json="{}", last_updated_at="2026-01-01T00:00Z")
    cantons = old.get_model("directory", "Canton").objects.count()
    localities = old.get_model("directory", "Locality").objects.count()
    languages = old.get_model("directory", "Language").objects.count()

    migrate(latest())

    topic = Topic.objects.get(slug="trauer", locale=german)
    assert topic.pk == grief.pk
    assert topic.get_translation(french).name == "Deuil"
    assert [child.name for child in topic.children.all()] == ["Verlust"]
    assert [t.name for t in material.specific_class.objects.get(pk=material.pk).topics.all()] \
        == ["Trauer"]
    source = TranslationSource.objects.get(object_id=topic.translation_key)
    assert source.get_source_instance() == topic
    assert ContentType.objects.get_for_model(Topic).pk == old_type.pk
    assert not ContentType.objects.filter(app_label="directory", model="topic").exists()
    assert (Canton.objects.count(), Locality.objects.count(), Language.objects.count()) == \
        (cantons, localities, languages)
    assert cantons == 26 and languages == 10 and localities > 4000

    # the admin still lists, edits and chooses them (snippet URLs now say taxonomy)
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "x"))
    listing = client.get(reverse("wagtailsnippets_taxonomy_topic:list"))
    edit = client.get(reverse("wagtailsnippets_taxonomy_topic:edit", args=[grief.pk]))
    chooser = client.get(reverse("wagtailsnippetchoosers_taxonomy_topic:choose"))
    assert listing.status_code == edit.status_code == chooser.status_code == 200
    assert "Verlust" in listing.text and "Verlust" in chooser.text
    assert 'value="trauer"' in edit.text
