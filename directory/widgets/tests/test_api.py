"""The widget's public endpoints as partner sites and their visitors' browsers use them."""

import pytest

from directory.widgets import build
from directory.widgets.models import WidgetMonthlyStats

pytestmark = pytest.mark.django_db

PARTNER = "https://www.lungenliga.ch"


def api(client, widget, status=200, origin=PARTNER, headers=None, **params):
    response = client.get(f"/api/widgets/{widget.pk}/", params, HTTP_ORIGIN=origin,
                          **(headers or {}))
    assert response.status_code == status, response.content
    return response


def titles(response):
    return [result["title"] for result in response.json()["results"]]


def test_results_follow_the_presets_with_key_facts_and_links(client, lung_directory):
    response = api(client, lung_directory["widget"])
    assert titles(response) == ["Atemwege Zürich", "COPD Bern", "Lungenforum"]
    assert response.json()["count"] == 3
    copd = response.json()["results"][1]
    assert copd["place"] == "3011 Bern"
    assert lung_directory["centre"].title in copd["next_step"]
    assert copd["url"] == "http://testserver" + lung_directory["copd_bern"].url
    assert client.get(copd["url"]).status_code == 200


def test_visitor_filters_narrow_but_never_widen_the_presets(client, lung_directory):
    widget = lung_directory["widget"]
    assert titles(api(client, widget, topic="copd")) == ["COPD Bern"]
    assert titles(api(client, widget, topic="depression")) == []
    assert titles(api(client, widget, q="Depression")) == []
    assert titles(api(client, widget, format="online")) == ["Lungenforum"]
    # a filter the widget does not show is ignored, not applied
    assert titles(api(client, widget, language="fr")) == titles(api(client, widget))


def test_filters_offer_only_values_within_the_presets(client, lung_directory):
    filters = {f["name"]: f for f in api(client, lung_directory["widget"]).json()["filters"]}
    topics = [option["value"] for option in filters["topic"]["options"]]
    assert sorted(topics) == ["copd", "lungenkrankheiten"]
    formats = {option["value"] for option in filters["format"]["options"]}
    assert formats == {"online", "in_person"}


def test_preset_cantons_and_formats(client, lung_directory):
    widget = lung_directory["widget"]
    widget.cantons.set([lung_directory["bern"]])
    widget.save()
    assert titles(api(client, widget)) == ["COPD Bern"]
    widget.cantons.set([])
    widget.formats = ["online"]
    widget.save()
    assert titles(api(client, widget)) == ["Lungenforum"]


def test_bad_filter_value_gets_a_json_error(client, lung_directory):
    response = api(client, lung_directory["widget"], status=400, canton="XX")
    assert "canton" in response.json()["detail"]


def test_etag_and_conditional_get(client, lung_directory):
    first = api(client, lung_directory["widget"])
    assert first["Cache-Control"] == "public, no-cache"
    again = api(client, lung_directory["widget"], status=304,
                headers={"HTTP_IF_NONE_MATCH": first["ETag"]})
    assert again["ETag"] == first["ETag"] and not again.content
    lung_directory["copd_bern"].unpublish()
    changed = api(client, lung_directory["widget"], headers={"HTTP_IF_NONE_MATCH": first["ETag"]})
    assert changed["ETag"] != first["ETag"] and "COPD Bern" not in titles(changed)


def test_cors_only_for_the_widgets_allowed_origins(client, lung_directory):
    allowed = api(client, lung_directory["widget"])
    assert allowed["Access-Control-Allow-Origin"] == PARTNER
    assert "Origin" in allowed["Vary"]
    other = api(client, lung_directory["widget"], origin="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
    no_origin = client.get(f"/api/widgets/{lung_directory['widget'].pk}/")
    assert "Access-Control-Allow-Origin" not in no_origin


def test_unknown_widget_gets_a_json_404(client, db):
    for url in ("/api/widgets/999999/", "/api/widgets/nope/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert "detail" in response.json()


def test_disabled_widget_answers_a_neutral_message(client, lung_directory):
    widget = lung_directory["widget"]
    widget.enabled = False
    widget.save()
    data = api(client, widget).json()
    assert data["available"] is False and data["message"]
    assert "results" not in data


def test_language_from_the_embed_code(client, lung_directory, locales):
    from home.translation import translate

    for page in (lung_directory["index"], lung_directory["league"],
                 lung_directory["centre"], lung_directory["copd_bern"]):
        translate(page, locales["fr"], {})
    data = api(client, lung_directory["widget"], lang="fr").json()
    assert data["language"] == "fr"
    assert all("/fr/" in result["url"] for result in data["results"])


def test_no_cookies_on_any_widget_response(client, lung_directory):
    widget = lung_directory["widget"]
    responses = [
        client.get(f"/api/widgets/{widget.pk}/", {"view": "1"}, HTTP_ORIGIN=PARTNER),
        client.post(f"/api/widgets/{widget.pk}/click/", HTTP_ORIGIN=PARTNER),
        client.get(f"/widgets/{widget.pk}/frame/"),
        client.get("/widgets/embed.js"),
    ]
    for response in responses:
        assert response.status_code in (200, 204)
        assert not response.cookies


# What a browser sends with the embed script's requests (Chromium's Fetch Metadata).
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36",
           "HTTP_SEC_FETCH_SITE": "cross-site"}
FETCH = {**BROWSER, "HTTP_SEC_FETCH_MODE": "cors", "HTTP_SEC_FETCH_DEST": "empty"}
BEACON = {**BROWSER, "HTTP_SEC_FETCH_MODE": "no-cors", "HTTP_SEC_FETCH_DEST": "empty",
          "HTTP_ORIGIN": PARTNER}
FRAME = {**BROWSER, "HTTP_SEC_FETCH_MODE": "navigate", "HTTP_SEC_FETCH_DEST": "iframe"}


def counts(widget):
    stats = WidgetMonthlyStats.objects.filter(widget=widget).first()
    return (stats.views, stats.clicks) if stats else (0, 0)


def visit(client, widget, address, clicks=1):
    api(client, widget, view="1", headers={**FETCH, "REMOTE_ADDR": address})
    api(client, widget, topic="copd", headers={**FETCH, "REMOTE_ADDR": address})  # filtering
    for _click in range(clicks):
        client.post(f"/api/widgets/{widget.pk}/click/", **BEACON, REMOTE_ADDR=address)


def test_views_and_clicks_are_counted_per_month(client, lung_directory):
    widget = lung_directory["widget"]
    visit(client, widget, "192.0.2.1")
    visit(client, widget, "192.0.2.2")
    assert counts(widget) == (2, 2)  # a visitor filtering is not a new view


def test_a_loop_from_one_browser_counts_once_a_day(client, lung_directory):
    widget = lung_directory["widget"]
    for _request in range(50):
        visit(client, widget, "192.0.2.1")
        client.get(f"/widgets/{widget.pk}/frame/", **FRAME, REMOTE_ADDR="192.0.2.1")
    assert counts(widget) == (1, 1)
    visit(client, widget, "192.0.2.2", clicks=50)
    assert counts(widget) == (2, 2)
    other_browser = {**FETCH, "HTTP_USER_AGENT": "Mozilla/5.0 Firefox/150.0",
                     "REMOTE_ADDR": "192.0.2.2"}  # e.g. two people behind one router
    api(client, widget, view="1", headers=other_browser)
    assert counts(widget) == (3, 2)


def test_the_count_remembers_no_address(client, lung_directory):
    from django.core.cache import cache

    visit(client, lung_directory["widget"], "198.51.100.77")
    assert counts(lung_directory["widget"]) == (1, 1)
    remembered = " ".join(f"{key} {value!r}" for key, value in cache._cache.items())
    assert "counted" in remembered and "198.51.100.77" not in remembered


def test_requests_without_a_browsers_headers_count_nothing(client, lung_directory):
    widget = lung_directory["widget"]
    api(client, widget, view="1")  # an Origin but no user agent: a plain script
    client.post(f"/api/widgets/{widget.pk}/click/", HTTP_ORIGIN=PARTNER)
    client.get(f"/widgets/{widget.pk}/frame/")
    api(client, widget, view="1", headers={**FETCH, "HTTP_SEC_FETCH_MODE": "navigate",
                                           "HTTP_SEC_FETCH_DEST": "document"})  # in a tab
    client.get(f"/widgets/{widget.pk}/frame/", **{**FRAME, "HTTP_SEC_FETCH_DEST": "document"})
    assert counts(widget) == (0, 0)


def test_a_site_not_allowed_to_embed_the_widget_counts_nothing(client, lung_directory):
    widget = lung_directory["widget"]
    api(client, widget, view="1", origin="https://copy.example.com", headers=FETCH)
    client.post(f"/api/widgets/{widget.pk}/click/",
                **{**BEACON, "HTTP_ORIGIN": "https://copy.example.com"})
    client.post(f"/api/widgets/{widget.pk}/click/", **{**BEACON, "HTTP_ORIGIN": ""})
    assert counts(widget) == (0, 0)


def test_embed_script_is_cacheable(client, db):
    response = client.get("/widgets/embed.js")
    assert response["Content-Type"].startswith("text/javascript")
    assert b"attachShadow" in response.content
    assert client.get("/widgets/embed.js", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_build_prints_the_gzipped_size_of_the_script_within_its_budget(capsys):
    assert build.main() == 0
    size = build.gzipped_size()
    assert f"{size} bytes gzipped" in capsys.readouterr().out
    assert size <= 15 * 1024
