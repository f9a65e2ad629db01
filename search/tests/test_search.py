import pytest
from django.core.management import call_command
from wagtail.models import Page

from home.models import ContentPage
from home.tests.factories import ContentPageFactory, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(locales):
    return make_site(locales["de"])


@pytest.fixture
def es(search_engine, search_engine_backend):
    """The real Elasticsearch, then the real OpenSearch, with a fresh index built from the
    (empty) test database."""
    call_command("update_index", backend_name=f"{search_engine}_de", verbosity=0)
    return search_engine_backend


def refresh(backend):
    backend.get_index_for_model(ContentPage).refresh()


def titles(results):
    return [page.title for page in results]


def test_published_page_is_found_on_the_engine_and_unpublished_is_gone(home, es):
    page = ContentPageFactory(parent=home, title="Trauergruppe Bern", intro="Verlust teilen")
    refresh(es)
    assert titles(es.search("Trauergruppe", ContentPage)) == ["Trauergruppe Bern"]

    page.unpublish()
    refresh(es)
    assert titles(es.search("Trauergruppe", ContentPage.objects.live())) == []


def test_the_engine_gives_the_keys_of_its_hits_best_first_in_any_slice(home, es):
    pages = [ContentPageFactory(parent=home, title=f"Trauergruppe {number}",
                                intro="Trauer" * (number % 3 + 1)) for number in range(5)]
    refresh(es)
    results = es.search("Trauer", ContentPage.objects.live())
    in_rank_order = [page.pk for page in results]  # Wagtail's own path: page objects
    assert sorted(in_rank_order) == sorted(page.pk for page in pages)
    assert results.pks() == in_rank_order  # unsliced: through the scroll API
    assert es.search("Trauer", ContentPage.objects.live())[1:3].pks() == in_rank_order[1:3]


def test_the_engine_is_a_real_server(es, search_engine):
    version = es.es.info()["version"]
    expected = {"elasticsearch": ("elasticsearch", "8."), "opensearch": ("opensearch", "2.")}
    assert (version.get("distribution", "elasticsearch"), version["number"][:2]) == expected[
        search_engine]


def test_search_page_finds_live_pages_in_the_visitor_language(client, home):
    ContentPageFactory(parent=home, title="Angehörige von Suchtkranken")
    ContentPageFactory(parent=home, title="Angehörige Entwurf", live=False)
    response = client.get("/de/search/", {"q": "Angehörige"})
    assert response.status_code == 200
    assert "Angehörige von Suchtkranken" in response.text
    assert "Angehörige Entwurf" not in response.text


@pytest.mark.parametrize(
    "query",
    ["", "x" * 5000, "\x00\x01binary\xff", "'; DROP TABLE wagtailcore_page; --",
     '{"query": {"match_all": {}}}', "title:(a OR b) AND NOT c*"],
)
def test_search_page_never_fails_on_bad_input(client, home, query):
    response = client.get("/de/search/", {"q": query})
    assert response.status_code == 200
    assert Page.objects.filter(depth=1).exists()


def test_offers_imported_in_bulk_are_found_by_the_site_search_right_away(client, locales):
    from directory.importer import import_file
    from directory.tests.factories import make_directory

    tree = make_directory()
    tree["centre"].external_id = "SZ-BE"
    tree["centre"].save_revision().publish()
    rows = "\n".join(f"G-{number},group,Zwangsgedanken Treff {number},SZ-BE,3011"
                     for number in range(1, 4))
    csv = f"external_id,type,title,centre_external_id,postal_code\n{rows}\n".encode()
    report = import_file(csv, filename="offers.csv")
    assert report.created == 3 and not report.errors
    response = client.get("/de/search/", {"q": "Zwangsgedanken"})
    assert all(f"Zwangsgedanken Treff {number}" in response.text for number in range(1, 4))
