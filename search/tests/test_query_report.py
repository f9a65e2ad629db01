"""What visitors searched, counted per day and language without personal data, and the
admin report of frequent queries and of queries that found nothing."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from directory.tests.factories import SelfHelpGroupPageFactory, make_directory
from search.models import SearchQueryLog

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/search-queries/"


@pytest.fixture
def searched(client, locales):
    tree = make_directory()
    SelfHelpGroupPageFactory(parent=tree["centre"], title="Depression Bern")
    for query in ["Depression", "  depression ", "Xylophonsucht"]:
        client.get("/de/search/", {"q": query})
    client.get("/fr/search/", {"q": "Depression"})
    client.get("/de/search/", {"q": "Depression", "page": "2"})  # the same search, read on
    client.get("/de/search/", {"q": "Hans Muster hans@example.ch"})
    client.get("/de/search/", {"q": "079 123 45 67"})


def logged():
    return {(row.language, row.query): (row.hits, row.found_nothing)
            for row in SearchQueryLog.objects.all()}


def test_searches_are_counted_per_query_and_language_without_personal_details(searched):
    assert logged() == {("de", "depression"): (2, False), ("fr", "depression"): (1, True),
                        ("de", "xylophonsucht"): (1, True)}


def report_rows(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [[cell.get_text(strip=True) for cell in row.select("td")]
            for row in soup.select("table tbody tr")]


def test_report_lists_frequent_queries_first_and_filters_those_that_found_nothing(
        admin_client, searched):
    rows = report_rows(admin_client.get(REPORT))
    assert [row[:3] for row in rows][0] == ["depression", "de", "2"]
    assert len(rows) == 3

    nothing = report_rows(admin_client.get(REPORT, {"found_nothing": "true"}))
    assert sorted(row[:2] for row in nothing) == [["depression", "fr"], ["xylophonsucht", "de"]]


def editor():
    user = get_user_model().objects.create_user("editor", "editor@example.ch", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_report_only_for_editors_with_the_permission(client, searched):
    user = editor()
    client.force_login(user)
    assert REPORT not in client.get("/admin/").content.decode()
    assert client.get(REPORT).status_code in (302, 403)  # Wagtail's "permission denied"

    user.user_permissions.add(Permission.objects.get(codename="view_searchquerylog"))
    assert REPORT in client.get("/admin/").content.decode()
    assert client.get(REPORT).status_code == 200
