"""French and Italian editors read the admin in their language, also where Wagtail translates
too early (a column label made at import) or too late (its «no permission» message)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.users.models import UserProfile

from directory.permissions import setup_editor_group
from directory.tests.factories import (
    RegionalCentrePageFactory,
    SelfHelpGroupPageFactory,
    make_directory,
)

pytestmark = pytest.mark.django_db

NO_ACCESS = {"de": "Sie haben leider keinen Zugang zu diesem Bereich.",
             "fr": "Désolé, vous n'avez pas les autorisations pour accéder à cette zone.",
             "it": "Spiacenti, Lei non ha l'autorizzazione per accedere a quest'area."}
LANGUAGE_HEADER = {"de": "Sprache", "fr": "Langue", "it": "Lingua"}


def speaking(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.mark.parametrize("language", ["de", "fr", "it"])
def test_the_entries_to_verify_report_names_its_columns_in_the_editors_language(
        client, locales, language):
    tree = make_directory()
    SelfHelpGroupPageFactory(parent=tree["centre"], title="Angehörige Bern",
                             last_verified=datetime.date(2020, 1, 1))
    client.force_login(speaking(get_user_model().objects.create_superuser(
        "root", "r@example.ch", "pw"), language))

    response = client.get(reverse("directory_reports:offers_to_verify"))

    assert response.status_code == 200
    headers = [th.get_text(" ", strip=True)
               for th in BeautifulSoup(response.content, "html.parser").select("thead th")]
    assert LANGUAGE_HEADER[language] in headers
    assert language == "de" or "Sprache" not in headers


@pytest.mark.parametrize("language", ["de", "fr", "it"])
def test_an_editor_refused_a_page_of_another_centre_is_told_in_their_language(
        client, locales, language):
    tree = make_directory()
    other = RegionalCentrePageFactory(parent=tree["index"], title="Selbsthilfe ZH")
    editor = get_user_model().objects.create_user("bern-editor", "e@example.ch", "pw")
    editor.groups.add(setup_editor_group(tree["centre"]))
    client.force_login(speaking(editor, language))

    response = client.get(reverse("wagtailadmin_pages:edit", args=[other.pk]), follow=True,
                          headers={"Accept-Language": "de"})

    assert response.status_code == 200
    shown = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert NO_ACCESS[language] in shown
    assert language == "de" or NO_ACCESS["de"] not in shown
