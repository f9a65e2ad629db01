"""Fuzzing the public pages' query parameters (hypothesis): the site search, suggestions, the
directory page with its filters, the campaign library, the widget's API and frame. Whatever a
visitor (or a script) puts in the address, the answer is never a server error, and the JSON
endpoints answer JSON. Quotes, NUL, search operators, huge numbers and any Unicode included.

Bounded (EXAMPLES per endpoint, derandomised: the same examples on every run) so that the
suite stays fast; the tally of requests and server errors is printed at the end of the run."""

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.fuzz_site import make_fuzz_site
from tests.fuzz_tally import Tally

pytestmark = pytest.mark.django_db

EXAMPLES = 40
# what each search backend reads as syntax, and what breaks databases and number parsing
SYNTAX = ['"', "'", "AND", "OR", "NOT", "NEAR", "NEAR(a b, 2)", "*", "^", "(", ")", ":", "\x00",
          "\\", "%", "{", "}", "[", "]", "~", "-", "+", "&", "|", "!", "<->", ":*", "title:",
          "\u202e", "\ufeff", "\u00a0", "𝔘", "ﬁ", "Zürich", "Sucht", "Depression", "3011", "٣"]
NUMBERS = ["", "0", "-1", "1.5", "1e400", "nan", "inf", "-inf", "４", "²", "9" * 23,
           "400000000000000000"]

syntax_words = st.lists(st.sampled_from(SYNTAX), max_size=8).map(" ".join)
syntax_glued = st.lists(st.sampled_from(SYNTAX) | st.text(max_size=4), max_size=6).map("".join)
huge = st.integers(min_value=-10**30, max_value=10**30).map(str)
text = st.one_of(st.text(max_size=40), syntax_words, syntax_glued, huge,
                 st.sampled_from(NUMBERS), st.just("x" * 5000))
number = st.one_of(huge, st.sampled_from(NUMBERS), st.integers(-3, 30).map(str), text)


def site_search(site):
    return "/de/search/", {"q": text, "near": text, "page": number, "type": text,
                           "topic": text, "canton": text, "format": text, "target": text,
                           "language": text}


def suggestions(site):
    return "/de/search/suggest/", {"q": text}


def directory_page(site):
    return site["index"].url, {"q": text, "near": text, "page": number, "topic": text,
                               "canton": text, "format": text, "target": text,
                               "language": text}


def library(site):
    return site["library"].url, {"q": text, "page": number, "campaign": text, "type": text,
                                 "topic": text, "language": text, "channel": text,
                                 "audience": text}


WIDGET_PARAMS = {"q": text, "lang": text, "topic": text, "canton": text, "format": text,
                 "target": text, "language": text, "view": number}


def widget_api(site):
    return f"/api/widgets/{site['widget'].pk}/", WIDGET_PARAMS


def widget_frame(site):
    return f"/widgets/{site['widget'].pk}/frame/", WIDGET_PARAMS


JSON_ENDPOINTS = {suggestions, widget_api}


@pytest.fixture
def fuzz_site(locales):
    return make_fuzz_site()


def values(strategy):
    """A parameter given once, several times (?topic=a&topic=b) or not at all."""
    return st.one_of(st.none(), strategy, st.lists(strategy, min_size=2, max_size=3))


def get(client, url, params, suite):
    """The answer, in a savepoint of its own: on PostgreSQL a failed query would spoil every
    later request of the test's transaction."""
    try:
        with transaction.atomic():
            response = client.get(url, params)
    except Exception:
        Tally.count(suite, 500)
        raise
    Tally.count(suite, response.status_code)
    return response


def assert_answers_well(response, json_expected):
    assert response.status_code < 500, response.content[:500]
    if json_expected and response.status_code != 304:
        assert response["Content-Type"].startswith("application/json")
        assert isinstance(response.json(), dict)


FUZZ_SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                         suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                HealthCheck.too_slow])


@pytest.mark.parametrize("endpoint", [site_search, suggestions, directory_page, library,
                                      widget_api, widget_frame], ids=lambda e: e.__name__)
@FUZZ_SETTINGS
@given(data=st.data())
def test_no_query_parameter_breaks_a_public_page(client, fuzz_site, endpoint, data):
    url, strategies = endpoint(fuzz_site)
    params = {}
    for name, strategy in strategies.items():
        value = data.draw(values(strategy), label=name)
        if value is not None:
            params[name] = value
    response = get(client, url, params, "html")
    assert_answers_well(response, endpoint in JSON_ENDPOINTS)


@FUZZ_SETTINGS
@given(widget_id=st.text(min_size=1, max_size=30).filter(lambda text: text not in {".", ".."}))
@example(widget_id="²")
@example(widget_id="9" * 23)
@example(widget_id="-1")
def test_no_widget_id_breaks_the_widget_endpoints(client, fuzz_site, widget_id):
    path = quote(widget_id, safe="")
    api = get(client, f"/api/widgets/{path}/", {}, "html")
    assert_answers_well(api, json_expected=True)
    frame = get(client, f"/widgets/{path}/frame/", {}, "html")
    assert_answers_well(frame, json_expected=False)


# The troublemakers the fuzzing found, in every parameter of every endpoint (the random
# examples may miss them).
TROUBLEMAKERS = ['"', 'a"b', '"Depression', "\x00", "Depression\x00", "NEAR(", ":*", "9" * 23,
                 "400000000000000000", "1e400", "x" * 5000, "²"]


@pytest.mark.parametrize("endpoint", [site_search, suggestions, directory_page, library,
                                      widget_api, widget_frame], ids=lambda e: e.__name__)
def test_known_troublemakers_break_no_parameter(client, fuzz_site, endpoint):
    url, strategies = endpoint(fuzz_site)
    for value in TROUBLEMAKERS:
        response = get(client, url, dict.fromkeys(strategies, value), "html")
        assert_answers_well(response, endpoint in JSON_ENDPOINTS)


def listed(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.text.strip() for a in soup.select(".offer-card__title a, .material-card a")]


@pytest.mark.parametrize("text", ['"Depression', 'Depression" AND (Bern', "Depression\x00"])
def test_search_syntax_in_a_search_box_is_searched_as_words(client, fuzz_site, text):
    for url in ["/de/search/", fuzz_site["index"].url]:
        response = get(client, url, {"q": text}, "html")
        assert response.status_code == 200
        assert "Depression Bern" in listed(response)
    library = get(client, fuzz_site["library"].url, {"q": text}, "html")
    assert library.status_code == 200
    assert "Flyer Depression" in library.content.decode()
    widget = get(client, f"/api/widgets/{fuzz_site['widget'].pk}/", {"q": text}, "html")
    assert widget.status_code == 200
    assert sorted(result["title"] for result in widget.json()["results"]) == [
        "Depression Bern", "Lungenforum"]
