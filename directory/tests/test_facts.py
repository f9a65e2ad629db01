"""The directory page answers from facts held in memory: what editors change must show on the
next search, never a stale list."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from directory.facts import record_changes
from directory.models import SelfHelpGroupPage
from directory.tests.factories import SelfHelpGroupPageFactory, canton, locality
from directory.tests.test_directory_pages import directory, result_titles  # noqa: F401

pytestmark = pytest.mark.django_db


def titles(client, directory, **params):  # noqa: F811
    return set(result_titles(client.get(directory["index"].url, params)))


def topic_count(client, directory, slug):  # noqa: F811
    response = client.get(directory["index"].url)
    return response.context["counts"]["topic"].get(slug, 0)


def test_a_group_published_after_the_first_search_shows_and_counts_at_once(client, directory):  # noqa: F811
    assert topic_count(client, directory, "depression") == 3
    SelfHelpGroupPageFactory(parent=directory["centre"], title="Depression Biel",
                             slug="depression-biel", locality=locality("2502"),
                             topics=[directory["topics"]["depression"]])

    assert "Depression Biel" in titles(client, directory, q="Depression")
    assert topic_count(client, directory, "depression") == 4


def test_an_unpublished_group_disappears_from_the_next_search(client, directory):  # noqa: F811
    assert "Depression Thun" in titles(client, directory)
    directory["groups"]["thun"].unpublish()

    assert "Depression Thun" not in titles(client, directory)
    assert topic_count(client, directory, "depression") == 2


def test_a_deleted_group_disappears_from_the_next_search(client, directory):  # noqa: F811
    assert "Depression Thun" in titles(client, directory)
    directory["groups"]["thun"].delete()

    assert "Depression Thun" not in titles(client, directory)
    assert topic_count(client, directory, "depression") == 2


def test_a_group_past_its_expiry_is_hidden_before_the_scheduler_unpublishes_it(
        client, directory):  # noqa: F811
    group = directory["groups"]["thun"]
    assert "Depression Thun" in titles(client, directory)
    group.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    group.save_revision().publish()

    assert SelfHelpGroupPage.objects.get(pk=group.pk).live  # publish_scheduled has not run
    assert "Depression Thun" not in titles(client, directory)


def test_a_change_written_by_another_process_is_caught_up_from_the_change_log(
        client, directory):  # noqa: F811
    group = directory["groups"]["thun"]
    assert "Depression Thun" not in titles(client, directory, canton="ZH")
    # e.g. an import in another process, writing rows directly and logging the change
    SelfHelpGroupPage.objects.filter(pk=group.pk).update(canton=canton("ZH"))
    record_changes([group.pk])

    assert "Depression Thun" in titles(client, directory, canton="ZH")


def test_a_new_narrower_topic_counts_under_its_broader_one(client, directory):  # noqa: F811
    assert topic_count(client, directory, "krebs") == 1
    cancer = directory["topics"]["cancer"]
    breast = type(cancer).objects.create(name="Brustkrebs", slug="brustkrebs", parent=cancer,
                                         locale=cancer.locale)
    thun = directory["groups"]["thun"]
    thun.topics.set([breast])
    thun.save_revision().publish()

    assert topic_count(client, directory, "krebs") == 2
    assert "Depression Thun" in titles(client, directory, topic="krebs")


def test_a_search_asked_before_finds_a_group_published_since(client, directory):  # noqa: F811
    assert titles(client, directory, q="Biel") == set()
    SelfHelpGroupPageFactory(parent=directory["centre"], title="Depression Biel",
                             slug="depression-biel", locality=locality("2502"),
                             topics=[directory["topics"]["depression"]])

    assert titles(client, directory, q="Biel") == {"Depression Biel"}


def card_texts(client, directory, **params):  # noqa: F811
    soup = BeautifulSoup(client.get(directory["index"].url, params).content, "html.parser")
    return [card.get_text(" ", strip=True) for card in soup.select(".offer-list .offer-card")]


def test_a_card_shows_a_published_change_at_once_and_never_a_draft(client, directory):  # noqa: F811
    group = directory["groups"]["bern"]
    assert not any("Treffen am Montag" in text for text in card_texts(client, directory))
    group.summary = "Treffen am Montag"
    group.save_revision()
    assert not any("Treffen am Montag" in text for text in card_texts(client, directory))

    group.get_latest_revision().publish()
    assert any("Treffen am Montag" in text for text in card_texts(client, directory))


def test_a_renamed_place_shows_on_the_cards_at_once(client, directory):  # noqa: F811
    assert any("3011 Bern" in text for text in card_texts(client, directory, near="3011"))
    place = directory["groups"]["bern"].locality
    place.name = "Bern Altstadt"
    place.save()

    assert any("3011 Bern Altstadt" in text
               for text in card_texts(client, directory, near="3011"))


def canton_options(client, directory):  # noqa: F811
    soup = BeautifulSoup(client.get(directory["index"].url).content, "html.parser")
    return [option.get_text(strip=True) for option in soup.select("select[name=canton] option")]


def test_a_renamed_canton_shows_in_the_filter_at_once(client, directory):  # noqa: F811
    assert not any(option.startswith("Kanton Bern") for option in canton_options(client, directory))
    bern = canton("BE")
    bern.name_de = "Kanton Bern"
    bern.save()

    assert any(option.startswith("Kanton Bern") for option in canton_options(client, directory))


def test_card_links_follow_a_renamed_centre(client, directory):  # noqa: F811
    def links():
        soup = BeautifulSoup(client.get(directory["index"].url).content, "html.parser")
        return [a["href"] for a in soup.select(".offer-list .offer-card__title a")]

    assert any("/selbsthilfe-be/" in link for link in links())
    centre = directory["centre"]
    centre.slug = "zentrum-bern"
    centre.save_revision().publish()

    assert any("/zentrum-bern/depression-bern/" in link for link in links())
    assert not any("/selbsthilfe-be/" in link for link in links())
