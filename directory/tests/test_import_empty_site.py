"""`import_directory` into a site that has only been migrated (no demo): the import builds
what the directory needs (home and directory pages in every language, topics from the file's
terms) and files every record in its own language, as a visitor then sees it."""

import io
import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Page
from wagtail.users.models import UserProfile

from directory.models import DirectoryIndexPage, OfferPage, Topic

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "hsds" / "sample" / "directory.json"


def sample_services():
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def write_json(path, services):
    path.write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
    return str(path)


def run_import(*args, language="de"):
    """(stdout, error) of the command, run in `language` as an operator's shell would be."""
    out = io.StringIO()
    try:
        with translation.override(language):
            call_command("import_directory", *args, stdout=out, stderr=io.StringIO())
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def directory_url(language):
    return DirectoryIndexPage.objects.get(locale__language_code=language).url


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def foreign_service(number, taxonomy="ICNP", code="10022", name="Grief"):
    """A French group filed under a term of another taxonomy."""
    service = sample_services()[2]  # Groupe dépression Lausanne
    service = {**service, "id": f"foreign-{number}", "name": f"Groupe étranger {number}"}
    service["attributes"] = [{"id": f"attribute-{number}", "taxonomy_term": {
        "id": f"{taxonomy}-{code}", "code": code, "name": name, "taxonomy": taxonomy}}]
    return service


def test_a_migrated_site_without_demo_has_no_directory():
    assert not DirectoryIndexPage.objects.exists() and not Topic.objects.exists()
    assert [page.specific_class for page in Page.objects.filter(depth=2)] == [Page]


def test_an_hsds_file_fills_an_empty_site_in_the_languages_of_its_records(client):
    out, error = run_import(str(SAMPLE))

    assert error is None, out
    assert "6 Zeilen gelesen: 6 erstellt, 0 aktualisiert; 0 Zeilen mit Fehlern." in out
    german = page_text(client, directory_url("de"))
    assert "Angehörige von Suchtkranken Zürich" in german and "Forum Sucht" in german
    assert "Groupe dépression Lausanne" not in german
    french = page_text(client, directory_url("fr"))
    assert "Groupe dépression Lausanne" in french and "Forum deuil" in french
    assert "Trauergruppe Winterthur" not in french
    assert "Gruppo lutto Lugano" in page_text(client, directory_url("it"))
    assert client.get("/de/").status_code == 200 and client.get("/fr/").status_code == 200


def test_topics_come_from_the_files_terms_one_topic_in_three_languages(client):
    run_import(str(SAMPLE))

    grief = Topic.objects.filter(slug="trauer")
    assert sorted(grief.values_list("locale__language_code", "name")) == [
        ("de", "Trauer"), ("fr", "Deuil"), ("it", "Lutto")]
    assert grief.values("translation_key").distinct().count() == 1
    italian_topic = page_text(client, directory_url("it") + "topic/trauer/")
    assert "Lutto" in italian_topic and "Gruppo lutto Lugano" in italian_topic
    filtered = page_text(client, directory_url("de") + "?topic=sucht")
    assert "Angehörige von Suchtkranken Zürich" in filtered and "Forum Sucht" in filtered
    assert "Trauergruppe Winterthur" not in filtered


def test_groups_without_a_regional_centre_are_kept_and_shown(client):
    run_import(str(SAMPLE))

    lausanne = OfferPage.objects.get(title="Groupe dépression Lausanne").specific
    assert lausanne.centre is None and lausanne.live
    assert lausanne.get_parent().title == "Association Dépression Vaud (exemple)"
    assert "Association Dépression Vaud (exemple)" in page_text(client, lausanne.url)
    lugano = OfferPage.objects.get(title="Gruppo lutto Lugano").specific
    assert lugano.get_parent().title == "Offerte senza centro regionale"
    assert "Gruppo lutto Lugano" in page_text(client, lugano.url)


def test_a_bad_row_7_is_named_in_german_and_rows_1_to_6_are_kept(tmp_path):
    services = [*sample_services(), foreign_service(7, taxonomy="entraide-topics")]
    services[6]["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] = "0000"

    out, error = run_import(write_json(tmp_path / "seven.json", services))

    assert error is not None and error.returncode == 2
    assert "Zeile 7, postal_code: unbekannte Postleitzahl «0000»" in out
    assert "1 Zeilen mit Fehlern" in out
    assert OfferPage.objects.count() == 6
    assert not OfferPage.objects.filter(title="Groupe étranger 7").exists()


def test_the_admin_import_reports_row_errors_in_the_editors_language(client, django_user_model,
                                                                     tmp_path):
    admin = django_user_model.objects.create_superuser("chef", "chef@example.ch", "x")
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(admin)
    services = [*sample_services(), foreign_service(7, taxonomy="entraide-topics")]
    services[6]["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] = "0000"
    upload = io.BytesIO(json.dumps(services).encode())
    upload.name = "directory.json"

    response = client.post("/admin/directory-import/", {"file": upload, "language": ""})

    text = response.content.decode()
    assert response.status_code == 200
    assert "numéro postal inconnu «0000»" in text
    assert "unknown postal code" not in text
    assert OfferPage.objects.count() == 6


def test_a_foreign_taxonomy_needs_a_mapping(tmp_path):
    out, error = run_import(write_json(tmp_path / "foreign.json", [foreign_service(1)]),
                            language="en")

    assert error is not None
    assert ("row 1, topics: term '10022' of taxonomy 'ICNP' has no topic: map it with "
            "--topic-map or accept the taxonomy with --taxonomy") in out
    assert not OfferPage.objects.exists()


def test_a_topic_map_files_foreign_terms_under_our_topics(tmp_path):
    services = [sample_services()[5], foreign_service(1)]  # Forum deuil: topic "trauer"
    topic_map = tmp_path / "map.csv"
    topic_map.write_text("taxonomy,term,topic\nICNP,10022,trauer\n", encoding="utf-8")

    out, error = run_import(write_json(tmp_path / "foreign.json", services),
                            "--topic-map", str(topic_map))

    assert error is None, out
    forum, foreign = (OfferPage.objects.get(title=title) for title in
                      ("Forum deuil", "Groupe étranger 1"))
    assert list(foreign.topics.all()) == list(forum.topics.all())
    assert Topic.objects.get().name == "Deuil"


def test_an_accepted_foreign_taxonomy_becomes_topics(tmp_path, client):
    out, error = run_import(write_json(tmp_path / "foreign.json", [foreign_service(1)]),
                            "--taxonomy", "ICNP")

    assert error is None, out
    topic = Topic.objects.get()
    assert (topic.name, topic.slug, topic.locale.language_code) == ("Grief", "10022", "fr")
    assert "Groupe étranger 1" in page_text(client, directory_url("fr") + "topic/10022/")


def test_the_language_option_decides_for_records_that_do_not_say(tmp_path):
    service = sample_services()[0]
    for attribute in service["attributes"]:
        del attribute["taxonomy_term"]["language"]
    service["languages"] = []

    run_import(write_json(tmp_path / "one.json", [service]), "--language", "it")

    assert OfferPage.objects.get().locale.language_code == "it"


def test_a_dry_run_on_an_empty_site_checks_the_file_and_writes_nothing():
    out, error = run_import(str(SAMPLE), "--dry-run", language="en")

    assert error is None, out
    assert "6 rows read: would create 6 and update 0; 0 rows with errors." in out
    assert not DirectoryIndexPage.objects.exists() and not Topic.objects.exists()
    assert not OfferPage.objects.exists()


def test_the_sample_file_is_valid_hsds_3():
    schema = json.loads((SAMPLE.parent.parent / "schema" / "compiled" / "service.json")
                        .read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert [list(validator.iter_errors(service)) for service in sample_services()] == [[]] * 6
