"""Fuzzing the HSDS API from its own OpenAPI document (schemathesis): every operation gets
valid and invalid parameters, and every answer must conform to the document (status codes,
content types, response schemas), be JSON, and never be a server error.

The API runs in this process through Django's WSGI application, on the test database with a
small directory (tests/fuzz_site.py). Bounded (EXAMPLES per operation and generation mode,
derandomised) so that the suite stays fast; the tally of requests and server errors is
printed at the end of the run."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.fuzz_site import make_fuzz_site
from tests.fuzz_tally import Tally

EXAMPLES = 30
# Every check but "a request valid by the document is accepted": the document cannot state that
# `proximity` needs a `postcode`, nor which 4-digit postcodes are Swiss localities; those
# answer 400 {"detail": ...}, as the document says.
OPENAPI_PATH = "/api/hsds/openapi.json"


@pytest.fixture
def one_connection():
    """Django closes the database connection at the end of each request: in a test, that
    would end the test's transaction (Django's test client disconnects it the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_site(db, locales, one_connection):
    return make_fuzz_site()


# read when the tests are collected (the document needs no database); schemathesis' lazy
# loader (pytest.from_fixture) does not work with pytest 9
schema = schemathesis.openapi.from_wsgi(OPENAPI_PATH, WSGIHandler())


@pytest.mark.usefixtures("fuzz_site")
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_the_api_answers_every_request_as_its_openapi_document_says(case):
    with transaction.atomic():
        # the WSGI transport does not undo the gzip the site applies to public JSON
        response = case.call(headers={"Accept-Encoding": "identity"})
        Tally.count("api", response.status_code)
        if response.status_code >= 500:  # its failed query must not spoil the next requests
            transaction.set_rollback(True)
    case.validate_response(response, excluded_checks=[positive_data_acceptance])
    assert response.headers["content-type"][0].startswith("application/json")
    if response.status_code >= 400:
        assert set(response.json()) == {"detail"}


# The defects the fuzzing found, each as a plain test (the random examples may miss them).


def api_get(client, url, status, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def names(page):
    return sorted(service["name"] for service in page["contents"])


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["services", "service_at_locations", "organizations",
                                  "taxonomies", "taxonomy_terms"])
def test_a_page_number_out_of_bounds_is_a_400_not_an_overflow(client, fuzz_site, path):
    detail = api_get(client, f"/api/hsds/{path}", 400, page="400000000000000000")["detail"]
    assert "page" in detail
    assert api_get(client, f"/api/hsds/{path}", 400, page="0")["detail"]
    assert api_get(client, f"/api/hsds/{path}", 200, page="100000")["empty"]


@pytest.mark.django_db
def test_the_openapi_document_states_the_bounds(client):
    document = api_get(client, OPENAPI_PATH, 200)
    parameters = {parameter["name"]: parameter["schema"] for parameter
                  in document["paths"]["/api/hsds/services"]["get"]["parameters"]}
    assert (parameters["page"]["minimum"], parameters["page"]["maximum"]) == (1, 100_000)
    assert (parameters["per_page"]["minimum"], parameters["per_page"]["maximum"]) == (1, 100)
    proximity = parameters["proximity"]["anyOf"][0]
    assert (proximity["exclusiveMinimum"], proximity["maximum"]) == (0, 500)
    assert parameters["organization_id"]["anyOf"][0]["maxLength"] == 200


@pytest.mark.django_db
@pytest.mark.parametrize("search", ['"Depression', 'Depression"', "Depression\x00",
                                    "(Depression)", "Depression:* & !", "Depression " * 300])
def test_search_syntax_and_nul_in_the_api_search_are_searched_as_words(client, fuzz_site,
                                                                       search):
    assert "Depression Bern" in names(api_get(client, "/api/hsds/services", 200, search=search))
    located = api_get(client, "/api/hsds/service_at_locations", 200, search=search)
    assert located["total_items"] >= 1
    assert api_get(client, "/api/hsds/organizations", 200, search=search)["empty"]
    api_get(client, "/api/hsds/taxonomy_terms", 200, search=search)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["organization_id", "taxonomy_term_id", "taxonomy_id",
                                  "postcode"])
def test_an_id_with_control_characters_or_of_any_length_is_a_400(client, fuzz_site, name):
    assert name in api_get(client, "/api/hsds/services", 400, **{name: "a\x00b"})["detail"]
    assert name in api_get(client, "/api/hsds/services", 400, **{name: "x" * 201})["detail"]


@pytest.mark.django_db
def test_a_date_is_written_as_a_date(client, fuzz_site):
    assert "ISO 8601" in api_get(client, "/api/hsds/services", 400,
                                 modified_after="0.5")["detail"]
    assert api_get(client, "/api/hsds/services", 200,
                   modified_after="2000-01-01T00:00:00Z")["total_items"] == 3


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/hsds/nope", "/api/hsds/services/a/b", "/api/nope",
                                  "/api/widgets/nope/", "/api/widgets/²/",
                                  "/api/widgets/" + "9" * 23 + "/"])
def test_an_unknown_api_route_or_id_answers_a_json_404(client, fuzz_site, path):
    assert api_get(client, path, 404)["detail"]


@pytest.mark.django_db
def test_a_method_not_allowed_answers_a_json_405_naming_the_allowed_ones(client, fuzz_site):
    widget = fuzz_site["widget"].pk
    for method, path, allowed in [("post", "/api/hsds/services", "GET"),
                                  ("delete", "/api/hsds/", "GET"),
                                  ("post", f"/api/widgets/{widget}/", "GET"),
                                  ("get", f"/api/widgets/{widget}/click/", "POST")]:
        response = getattr(client, method)(path)
        assert response.status_code == 405
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Method Not Allowed."}
        assert response["Allow"] == allowed


@pytest.fixture
def failing_client(client):
    client.raise_request_exception = False  # as in production: the error page answers
    return client


def broken(*args, **kwargs):
    raise RuntimeError("a bug")


@pytest.mark.django_db
def test_a_bug_answers_a_json_500_under_the_api(failing_client, fuzz_site, monkeypatch):
    monkeypatch.setattr("directory.hsds.HsdsMapper.taxonomies", broken)
    monkeypatch.setattr("directory.widgets.views.widget_results", broken)
    for path in ["/api/hsds/taxonomies", f"/api/widgets/{fuzz_site['widget'].pk}/"]:
        response = failing_client.get(path)
        assert response.status_code == 500
        assert response["Content-Type"].startswith("application/json")
        assert "Internal server error" in response.json()["detail"]


@pytest.mark.django_db
def test_outside_the_api_errors_are_the_sites_own_pages(failing_client, fuzz_site,
                                                        monkeypatch):
    missing = failing_client.get("/de/nirgends/")
    assert missing.status_code == 404
    assert missing["Content-Type"].startswith("text/html")
    assert "Seite nicht gefunden" in missing.content.decode()
    monkeypatch.setattr("search.views.current_locale", broken)
    failed = failing_client.get("/de/search/", {"q": "Sucht"})
    assert failed.status_code == 500
    assert failed["Content-Type"].startswith("text/html")
    assert "Entraide" in failed.content.decode()  # the site's own 500.html
