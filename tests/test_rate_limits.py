"""Abuse limits: one visitor address may send so many requests per window to the search, the
suggestions, the directory's searches, the HSDS API and the widgets; beyond that it gets 429
with Retry-After. The address counted is REMOTE_ADDR unless a trusted proxy forwarded it.

The test settings switch the limits off; each test sets a small one."""

import pytest
from django.test import RequestFactory
from entraide.settings.base import env_rate

from directory.tests.factories import make_directory
from directory.widgets.tests.factories import WidgetFactory
from ratelimits.client import client_address, counted_address

pytestmark = pytest.mark.django_db

LIMIT = 2


@pytest.fixture
def tree(locales):
    tree = make_directory()
    tree["widget"] = WidgetFactory(organisation=tree["league"])
    return tree


def search(tree):
    return "GET", "/de/search/?q=Selbsthilfe"


def suggestions(tree):
    return "GET", "/de/search/suggest/?q=Se"


def directory_search(tree):
    return "GET", f"{tree['index'].url}?q=Selbsthilfe"


def hsds_api(tree):
    return "GET", "/api/hsds/services"


def widget_api(tree):
    return "GET", f"/api/widgets/{tree['widget'].pk}/"


def widget_click(tree):
    return "POST", f"/api/widgets/{tree['widget'].pk}/click/"


def widget_frame(tree):
    return "GET", f"/widgets/{tree['widget'].pk}/frame/"


def widget_script(tree):
    return "GET", "/widgets/embed.js"


def admin_login(tree):
    return "POST", "/admin/login/"


def partner_login(tree):
    return "POST", "/de/_util/login/"


# (limit name, request, answered as JSON)
CHANNELS = [
    ("search", search, False),
    ("suggest", suggestions, True),
    ("search", directory_search, False),
    ("api", hsds_api, True),
    ("widgets", widget_api, True),
    ("widgets", widget_click, True),
    ("widgets", widget_frame, False),
    ("widgets", widget_script, False),
    ("login", admin_login, False),
    ("login", partner_login, False),
]


def send(client, channel, tree, number=0, **extra):
    method, url = channel(tree)
    if method == "POST":  # a different wrong user name each time: the lockout stays out of it
        return client.post(url, {"username": f"someone-{number}", "password": "wrong"}, **extra)
    return client.get(url, **extra)


@pytest.mark.parametrize(("limit", "channel", "as_json"), CHANNELS,
                         ids=[channel.__name__ for _, channel, _ in CHANNELS])
def test_one_request_over_the_limit_gets_429_with_retry_after(client, tree, settings, limit,
                                                               channel, as_json):
    settings.RATE_LIMITS = {limit: (LIMIT, 60)}
    answers = [send(client, channel, tree, number) for number in range(LIMIT + 1)]

    assert [answer.status_code for answer in answers[:LIMIT]] == [
        answers[0].status_code] * LIMIT
    assert answers[0].status_code in {200, 204}
    over = answers[-1]
    assert over.status_code == 429
    assert 1 <= int(over["Retry-After"]) <= 60
    if as_json:
        assert over.json()["detail"].startswith("Too many requests")
    else:
        assert "Bitte versuchen Sie es in 1 Minute erneut" in over.content.decode()


def test_the_page_over_the_limit_speaks_the_visitors_language(client, tree, settings):
    settings.RATE_LIMITS = {"search": (1, 600)}
    client.get("/fr/search/?q=entraide")

    over = client.get("/fr/search/?q=entraide")

    assert over.status_code == 429
    assert over["Retry-After"] and int(over["Retry-After"]) <= 600
    page = over.content.decode()
    assert '<html lang="fr">' in page
    assert "Veuillez réessayer dans" in page


def test_a_page_without_query_is_not_counted_as_a_search(client, tree, settings):
    settings.RATE_LIMITS = {"search": (1, 60)}
    client.get(f"{tree['index'].url}?q=Selbsthilfe")

    assert client.get(tree["index"].url).status_code == 200
    assert client.get(tree["home"].url).status_code == 200
    assert client.get(f"{tree['index'].url}?canton=BE").status_code == 429


def test_each_limit_counts_on_its_own(client, tree, settings):
    settings.RATE_LIMITS = {"search": (1, 60), "api": (1, 60)}
    client.get("/de/search/?q=Selbsthilfe")

    assert client.get("/de/search/?q=Selbsthilfe").status_code == 429
    assert client.get("/api/hsds/services").status_code == 200


def test_another_visitor_is_not_limited(client, tree, settings):
    settings.RATE_LIMITS = {"api": (1, 60)}
    client.get("/api/hsds/services")

    assert client.get("/api/hsds/services").status_code == 429
    assert client.get("/api/hsds/services", REMOTE_ADDR="198.51.100.20").status_code == 200


def test_a_forged_x_forwarded_for_does_not_escape_the_limit_without_a_trusted_proxy(
        client, tree, settings):
    """gunicorn reached directly: the header is the visitor's own text."""
    settings.RATE_LIMITS = {"search": (LIMIT, 60)}
    settings.TRUSTED_PROXIES = []
    answers = [client.get("/de/search/?q=Selbsthilfe", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
               for n in range(LIMIT + 1)]

    assert [answer.status_code for answer in answers] == [200] * LIMIT + [429]


def test_x_forwarded_for_from_a_trusted_proxy_names_the_visitor(client, tree, settings):
    settings.RATE_LIMITS = {"search": (LIMIT, 60)}
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # the test client's REMOTE_ADDR
    for _ in range(LIMIT):
        client.get("/de/search/?q=Selbsthilfe", HTTP_X_FORWARDED_FOR="203.0.113.1")

    forged_in_front = client.get("/de/search/?q=Selbsthilfe",
                                 HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.1")
    another_visitor = client.get("/de/search/?q=Selbsthilfe",
                                 HTTP_X_FORWARDED_FOR="203.0.113.2")

    assert (forged_in_front.status_code, another_visitor.status_code) == (429, 200)


def test_the_contact_form_over_its_limit_says_when_to_try_again(client, tree, settings):
    from directory.tests.test_contact import contact_url, form_data

    settings.RATE_LIMITS = {"contact": (1, 3600)}
    page = tree["centre"]
    assert client.post(contact_url(page), form_data(page)).status_code == 302

    over = client.post(contact_url(page), form_data(page))

    assert over.status_code == 429
    assert 1 <= int(over["Retry-After"]) <= 3600
    assert "in kurzer Zeit mehrere Nachrichten" in over.content.decode()
    assert 'value="Anna Muster"' in over.content.decode()  # what was typed stays


def request_from(remote_addr, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **extra)


def test_the_client_address_is_remote_addr_unless_a_trusted_proxy_forwarded_it(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from("192.0.2.1", "203.0.113.5")) == "192.0.2.1"

    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.1"]
    assert client_address(request_from("198.51.100.1", "203.0.113.5")) == "198.51.100.1"
    assert client_address(request_from("192.0.2.1", "203.0.113.5")) == "203.0.113.5"
    # two proxies in a row, and a visitor who wrote his own header in front
    two_hops = request_from("10.0.0.2", "6.6.6.6, 203.0.113.5, 10.0.0.1")
    assert client_address(two_hops) == "203.0.113.5"
    assert client_address(request_from("192.0.2.1")) == "192.0.2.1"
    # garbage where a proxy writes addresses: the last sure address counts
    assert client_address(request_from("192.0.2.1", "203.0.113.5, unknown")) == "192.0.2.1"


def test_an_ipv6_visitor_is_counted_by_its_64_network(client, tree, settings):
    assert counted_address(request_from("2001:db8:1:2::1")) == "2001:db8:1:2::"
    assert counted_address(request_from("::ffff:192.0.2.7")) == "192.0.2.7"
    settings.RATE_LIMITS = {"api": (1, 60)}
    client.get("/api/hsds/services", REMOTE_ADDR="2001:db8:1:2::1")

    assert client.get("/api/hsds/services", REMOTE_ADDR="2001:db8:1:2::ffff").status_code == 429
    assert client.get("/api/hsds/services", REMOTE_ADDR="2001:db8:1:3::1").status_code == 200


def test_limits_are_read_from_the_environment(monkeypatch):
    for text, expected in [("60/min", (60, 60)), ("5/h", (5, 3600)),
                           ("30/10min", (30, 600)), ("off", None)]:
        monkeypatch.setenv("RATE_LIMIT_TEST", text)
        assert env_rate("RATE_LIMIT_TEST", "1/s") == expected
    monkeypatch.setenv("RATE_LIMIT_TEST", "sixty")
    with pytest.raises(ValueError, match="RATE_LIMIT_TEST"):
        env_rate("RATE_LIMIT_TEST", "1/s")
