"""An offer's edit form offers the topics of the page's own language, one per concept, as
checkboxes with a filter box (not a Ctrl-click list mixing three languages)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from directory.tests.factories import SelfHelpGroupPageFactory, TopicFactory, make_directory
from home.translation import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(locales):
    tree = make_directory()
    addiction = TopicFactory(name="Sucht", slug="sucht")
    alcohol = TopicFactory(name="Alkohol", slug="alkohol", parent=addiction)
    for code, names in {"fr": ("Dépendance", "Alcool"), "it": ("Dipendenza", "Alcol")}.items():
        broader = addiction.copy_for_translation(locales[code])
        broader.name = names[0]
        broader.save()
        narrower = alcohol.copy_for_translation(locales[code])
        narrower.name, narrower.parent = names[1], broader
        narrower.save()
    tree["offer"] = SelfHelpGroupPageFactory(parent=tree["centre"], title="Alkohol Bern",
                                             topics=[alcohol])
    for page in [tree["home"], tree["index"]]:
        translate(page, locales["fr"], {})
    tree["french_centre"] = translate(tree["centre"], locales["fr"], {})
    return tree


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.ch", "pw"))
    return client


def topic_choices(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select('select[name="topics"]') == []
    chooser = soup.select_one("[data-topic-chooser]")
    assert chooser.select_one('input[type="search"][data-topic-filter]') is not None
    return {" ".join(label.text.split()): label.input.has_attr("checked")
            for label in chooser.select("label[data-topic-option]")}


def test_an_offers_topic_field_lists_the_topics_of_its_language_only(admin_client, tree):
    response = admin_client.get(f"/admin/pages/{tree['offer'].pk}/edit/")

    assert topic_choices(response) == {"Alkohol (Sucht)": True, "Sucht": False}


def test_a_new_offer_below_the_french_centre_chooses_among_french_topics(admin_client, tree):
    url = f"/admin/pages/add/directory/selfhelpgrouppage/{tree['french_centre'].pk}/"

    assert topic_choices(admin_client.get(url)) == {"Alcool (Dépendance)": False,
                                                     "Dépendance": False}
