"""The public HSDS 3.0 API at /api/hsds/: what other systems read."""

import json
from pathlib import Path

import jsonschema
import pytest
from wagtail.models import Locale

from directory.models import SelfHelpGroupPage
from directory.tests.factories import (
    OnlineOfferPageFactory,
    SelfHelpGroupPageFactory,
    TopicFactory,
    locality,
    make_directory,
)
from home.translation import translate

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent.parent / "data/hsds/schema/compiled"


def validator(name):
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def assert_valid(name, instance):
    errors = sorted(validator(name).iter_errors(instance), key=lambda error: error.path)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


@pytest.fixture
def directory(locales):
    tree = make_directory()
    depression = TopicFactory(name="Depression", slug="depression")
    addiction = TopicFactory(name="Sucht", slug="sucht", synonyms="Abhängigkeit")
    alcohol = TopicFactory(name="Alkohol", slug="alkohol", parent=addiction)
    bern = SelfHelpGroupPageFactory(
        parent=tree["centre"], title="Depression Bern", topics=[depression],
        summary="Wir treffen uns monatlich.", schedule="jeden 1. Montag, 19:30",
        meeting_place="Kirchgemeindehaus", street="Bahnhofplatz 1",
    )
    zurich = SelfHelpGroupPageFactory(
        parent=tree["centre"], title="Alkohol Zürich", topics=[alcohol],
        locality=locality("8001"), status="full",
    )
    forum = OnlineOfferPageFactory(parent=tree["league"], title="Lungenforum",
                                   organisation=tree["league"], centre=tree["centre"],
                                   topics=[depression])
    return {**tree, "depression": depression, "addiction": addiction, "alcohol": alcohol,
            "bern": bern, "zurich": zurich, "forum": forum}


def get(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def names(page):
    return sorted(service["name"] for service in page["contents"])


def test_services_list_is_an_hsds_page_of_live_offers(client, directory):
    page = get(client, "/api/hsds/services")
    assert names(page) == ["Alkohol Zürich", "Depression Bern", "Lungenforum"]
    assert page["total_items"] == 3
    assert page["first_page"] and page["last_page"] and not page["empty"]
    for service in page["contents"]:
        assert_valid("service.json", service)


def test_service_detail_is_fully_nested_and_valid(client, directory):
    group = directory["bern"]
    service = get(client, f"/api/hsds/services/{group.translation_key}")
    assert_valid("service.json", service)
    assert service["id"] == str(group.translation_key)
    assert service["name"] == "Depression Bern"
    assert service["description"] == "Wir treffen uns monatlich."
    assert service["organization"]["name"] == "Selbsthilfe BE"
    location = service["service_at_locations"][0]["location"]
    assert location["location_type"] == "physical"
    assert location["addresses"][0]["postal_code"] == "3011"
    assert location["addresses"][0]["address_1"] == "Bahnhofplatz 1"
    assert round(location["latitude"], 2) == 46.95
    assert service["schedules"][0]["description"] == "jeden 1. Montag, 19:30"
    topics = [a["taxonomy_term"] for a in service["attributes"]
              if a["taxonomy_term"]["taxonomy"] == "entraide-topics"]
    assert [term["code"] for term in topics] == ["depression"]
    assert service["languages"][0]["code"] == "de"


def test_only_the_centres_contacts_are_published(client, directory):
    service = get(client, f"/api/hsds/services/{directory['bern'].translation_key}")
    assert [contact["name"] for contact in service["contacts"]] == ["Selbsthilfe BE"]
    assert service["contacts"][0]["email"] == "kontakt@zentrum.example.ch"
    assert [phone["number"] for phone in service["phones"]] == ["031 123 45 67"]


def test_full_group_is_active_and_says_it_is_full(client, directory):
    service = get(client, f"/api/hsds/services/{directory['zurich'].translation_key}")
    assert service["status"] == "active"
    assert "application_process" in service
    statuses = [a["taxonomy_term"]["code"] for a in service["attributes"]
                if a["taxonomy_term"]["taxonomy"] == "entraide-group-status"]
    assert statuses == ["full"]


def test_online_offer_has_a_virtual_location_and_its_platform_url(client, directory):
    service = get(client, f"/api/hsds/services/{directory['forum'].translation_key}")
    assert_valid("service.json", service)
    assert service["url"] == "https://forum.example.ch/"
    assert service["organization"]["name"] == "Lungenliga"
    location = service["service_at_locations"][0]["location"]
    assert location["location_type"] == "virtual"
    assert "addresses" not in location


def test_unknown_service_is_a_json_404(client, directory):
    for missing in ["00000000-0000-0000-0000-000000000000", "not-a-uuid"]:
        body = get(client, f"/api/hsds/services/{missing}", status=404)
        assert missing in body["detail"]


def test_draft_and_unpublished_offers_never_appear(client, directory):
    draft = SelfHelpGroupPageFactory.build(title="Entwurf Gruppe", live=False,
                                           centre=directory["centre"])
    directory["centre"].add_child(instance=draft)
    draft.save_revision()
    directory["zurich"].unpublish()
    page = get(client, "/api/hsds/services")
    assert names(page) == ["Depression Bern", "Lungenforum"]
    get(client, f"/api/hsds/services/{draft.translation_key}", status=404)
    get(client, f"/api/hsds/services/{directory['zurich'].translation_key}", status=404)


def test_paging(client, directory):
    first = get(client, "/api/hsds/services", per_page=2)
    second = get(client, "/api/hsds/services", per_page=2, page=2)
    assert first["total_pages"] == 2 and first["size"] == 2 and not first["last_page"]
    assert second["size"] == 1 and second["last_page"] and not second["first_page"]
    seen = {s["id"] for s in first["contents"]} | {s["id"] for s in second["contents"]}
    assert len(seen) == 3


def test_search_finds_by_title_and_summary(client, directory):
    assert names(get(client, "/api/hsds/services", search="Lungenforum")) == ["Lungenforum"]
    assert names(get(client, "/api/hsds/services", search="monatlich")) == ["Depression Bern"]


def test_taxonomy_term_filter_includes_narrower_topics(client, directory):
    depression = str(directory["depression"].translation_key)
    assert names(get(client, "/api/hsds/services", taxonomy_term_id=depression)) == [
        "Depression Bern", "Lungenforum"]
    addiction = str(directory["addiction"].translation_key)
    assert names(get(client, "/api/hsds/services", taxonomy_term_id=addiction)) == [
        "Alkohol Zürich"]
    assert names(get(client, "/api/hsds/services", taxonomy_term_id="sucht")) == [
        "Alkohol Zürich"]


def test_taxonomy_filter(client, directory):
    taxonomies = get(client, "/api/hsds/taxonomies")["contents"]
    topics = next(t for t in taxonomies if t["name"] == "entraide-topics")
    assert get(client, "/api/hsds/services", taxonomy_id=topics["id"])["total_items"] == 3
    assert get(client, "/api/hsds/services", taxonomy_id="nonsense")["total_items"] == 0


def test_postcode_and_proximity(client, directory):
    assert names(get(client, "/api/hsds/services", postcode="3011")) == ["Depression Bern"]
    near_bern = get(client, "/api/hsds/service_at_locations", postcode="3012", proximity=10)
    assert [sal["location"]["name"] for sal in near_bern["contents"]] == ["Kirchgemeindehaus"]
    both = get(client, "/api/hsds/services", postcode="3011", proximity=150)
    assert names(both) == ["Alkohol Zürich", "Depression Bern"]


def test_around_a_postcode_the_matching_offers_come_nearest_first(client, directory):
    for title, postcode in [("Depression Thun", "3600"), ("Depression Zürich", "8004")]:
        SelfHelpGroupPageFactory(parent=directory["centre"], title=title,
                                 topics=[directory["depression"]], locality=locality(postcode))
    SelfHelpGroupPageFactory(parent=directory["centre"], title="Depression Entwurf",
                             topics=[directory["depression"]], locality=locality("8001"),
                             live=False)
    around_zurich = {"postcode": "8001", "proximity": 150}

    found = get(client, "/api/hsds/services", search="Depression",
                taxonomy_term_id="depression", **around_zurich)
    in_order = [service["name"] for service in found["contents"]]
    assert in_order == ["Depression Zürich", "Depression Bern", "Depression Thun"]
    assert found["total_items"] == 3
    # a broader topic finds the groups of its narrower ones
    assert names(get(client, "/api/hsds/services", taxonomy_term_id="sucht",
                     **around_zurich)) == ["Alkohol Zürich"]
    second_page = get(client, "/api/hsds/services", search="Depression", per_page=2, page=2,
                      **around_zurich)
    assert names(second_page) == ["Depression Thun"] and second_page["total_items"] == 3

    SelfHelpGroupPageFactory(parent=directory["centre"], title="Depression Winterthur",
                             topics=[directory["depression"]], locality=locality("8400"))
    found = get(client, "/api/hsds/services", search="Depression", **around_zurich)
    assert [service["name"] for service in found["contents"]][:2] == [
        "Depression Zürich", "Depression Winterthur"]


@pytest.mark.parametrize("params, word", [
    ({"per_page": 101}, "per_page"),
    ({"page": "two"}, "page"),
    ({"page": 0}, "page"),
    ({"postcode": "12"}, "postcode"),
    ({"postcode": "0000"}, "postcode"),
    ({"proximity": "5"}, "postcode"),
    ({"postcode": "3011", "proximity": "far"}, "proximity"),
    ({"lang": "en"}, "lang"),
    ({"modified_after": "yesterday"}, "modified_after"),
])
def test_bad_parameters_are_a_json_400(client, directory, params, word):
    body = get(client, "/api/hsds/services", status=400, **params)
    assert word in body["detail"]


def test_answers_in_the_requested_language(client, directory):
    fr = Locale.objects.get(language_code="fr")
    for page in [directory["home"], directory["index"], directory["centre"]]:
        translate(page, fr, {})
    translate(directory["bern"], fr, {"Depression Bern": "Dépression Berne"})
    page = get(client, "/api/hsds/services", lang="fr")
    assert names(page) == ["Dépression Berne"]
    assert page["contents"][0]["id"] == str(directory["bern"].translation_key)
    assert get(client, "/api/hsds/services")["total_items"] == 3


def test_organizations(client, directory):
    page = get(client, "/api/hsds/organizations")
    assert sorted(o["name"] for o in page["contents"]) == ["Lungenliga", "Selbsthilfe BE"]
    centre = get(client, f"/api/hsds/organizations/{directory['centre'].translation_key}")
    assert_valid("organization.json", centre)
    assert sorted(s["name"] for s in centre["services"]) == [
        "Alkohol Zürich", "Depression Bern", "Lungenforum"]
    get(client, "/api/hsds/organizations/00000000-0000-0000-0000-000000000000", status=404)


def test_service_at_locations(client, directory):
    page = get(client, "/api/hsds/service_at_locations")
    assert page["total_items"] == 3
    first = page["contents"][0]
    detail = get(client, f"/api/hsds/service_at_locations/{first['id']}")
    assert_valid("service_at_location.json", detail)
    assert detail["service"]["id"] == first["service_id"]


def test_taxonomy_terms(client, directory):
    topics = get(client, "/api/hsds/taxonomy_terms", taxonomy_id="entraide-topics",
                 top_only="true")
    assert [term["name"] for term in topics["contents"]] == ["Depression", "Sucht"]
    term = get(client, f"/api/hsds/taxonomy_terms/{directory['alcohol'].translation_key}")
    assert term["parent_id"] == str(directory["addiction"].translation_key)


def test_openapi_document_and_meta(client, directory):
    spec = get(client, "/api/hsds/openapi.json")
    assert "/api/hsds/services" in spec["paths"]
    assert get(client, "/api/hsds/")["version"] == "3.0"


def test_listing_does_not_query_per_offer(client, directory, django_assert_max_num_queries):
    for _ in range(10):
        SelfHelpGroupPageFactory(parent=directory["centre"], topics=[directory["depression"]])
    SelfHelpGroupPage.objects.update(meeting_place="Saal")
    get(client, "/api/hsds/services", per_page=1)  # the process reads the directory's facts once
    with django_assert_max_num_queries(12):
        get(client, "/api/hsds/services", full="true", per_page=50)
