"""`manage.py import_directory`: HSDS JSON and the directory CSV, idempotent by external id,
with bad rows reported by row number and field."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from directory import importer
from directory.importer import CSV_COLUMNS
from directory.models import OfferPage, OnlineOfferPage, SelfHelpGroupPage
from directory.tests.factories import (
    OnlineOfferPageFactory,
    SelfHelpGroupPageFactory,
    TopicFactory,
    make_directory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(locales):
    tree = make_directory()
    tree["centre"].external_id = "SZ-BE"
    tree["centre"].save_revision().publish()
    tree["league"].external_id = "LL"
    tree["league"].save_revision().publish()
    TopicFactory(name="Depression", slug="depression")
    TopicFactory(name="Sucht", slug="sucht", external_id="T-42")
    return tree


def group_row(number, **values):
    return {"external_id": f"G-{number}", "type": "group", "title": f"Gruppe {number}",
            "summary": "Austausch unter Betroffenen.", "topics": "depression",
            "postal_code": "3011", "centre_external_id": "SZ-BE",
            "schedule": "jeden Montag", **values}


def write_csv(path, rows, encoding="utf-8"):
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=CSV_COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(output.getvalue().encode(encoding))
    return str(path)


def run_import(*args, language="en"):
    """(stdout, stderr, error) of the command, which reports in the active language."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with translation.override(language):
            call_command("import_directory", *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def titles():
    return sorted(OfferPage.objects.values_list("title", flat=True))


def test_csv_rows_become_published_pages_under_their_centre(directory, tmp_path):
    rows = [group_row(1, topics="depression;T-42"),
            {"external_id": "O-1", "type": "online", "title": "Forum",
             "organisation_external_id": "LL", "platform_url": "https://forum.example.ch/",
             "topics": "sucht", "languages_spoken": "de;fr"}]
    out, _, error = run_import(write_csv(tmp_path / "offers.csv", rows))
    assert error is None, out
    assert "created 2, updated 0" in out
    group = SelfHelpGroupPage.objects.get(external_id="G-1")
    assert group.live and group.get_parent().specific == directory["centre"]
    assert group.centre == directory["centre"]
    assert sorted(group.topics.values_list("slug", flat=True)) == ["depression", "sucht"]
    assert group.locality.postal_code == "3011" and group.canton.code == "BE"
    forum = OnlineOfferPage.objects.get(external_id="O-1")
    assert forum.get_parent().specific == directory["league"]
    assert sorted(forum.languages.values_list("code", flat=True)) == ["de", "fr"]


def test_new_offers_written_in_bulk_are_ordinary_wagtail_pages(directory, tmp_path, client,
                                                                monkeypatch):
    fallbacks = []
    monkeypatch.setattr(importer.logger, "warning", lambda *args: fallbacks.append(args))
    rows = [group_row(number, slug="treffpunkt") for number in range(1, 4)]
    out, _, error = run_import(write_csv(tmp_path / "offers.csv", rows))
    assert error is None and "created 3" in out
    assert fallbacks == []  # the bulk path did not fall back to one by one
    groups = list(SelfHelpGroupPage.objects.filter(external_id__startswith="G-")
                  .order_by("external_id"))
    assert [group.slug for group in groups] == ["treffpunkt", "treffpunkt-2", "treffpunkt-3"]
    assert all(group.live and group.live_revision_id for group in groups)
    assert Page.find_problems() == ([], [], [], [], [])
    assert Page.objects.get(pk=directory["centre"].pk).numchild == \
        Page.objects.child_of(directory["centre"]).count()
    assert PageLogEntry.objects.filter(page=groups[0], action="wagtail.publish").exists()
    assert client.get(groups[2].url).status_code == 200
    found = client.get(directory["index"].url, {"q": "Gruppe 3"})
    assert groups[2].url.encode() in found.content
    # the admin's "usage" of the centre and topic knows the new groups, as after a save
    written = reference_rows(groups[0])
    ReferenceIndex.objects.filter(object_id=str(groups[0].pk)).delete()
    ReferenceIndex.create_or_update_for_object(groups[0])
    assert written and written == reference_rows(groups[0])


def reference_rows(page):
    return set(ReferenceIndex.objects.filter(object_id=str(page.pk)).values_list(
        "content_type_id", "base_content_type_id", "to_content_type_id", "to_object_id",
        "model_path", "content_path"))


def test_reimport_updates_without_duplicating(directory, tmp_path):
    path = write_csv(tmp_path / "offers.csv", [group_row(1), group_row(2)])
    run_import(path)
    write_csv(tmp_path / "offers.csv", [group_row(1, title="Neuer Name"), group_row(2)])
    out, _, error = run_import(path)
    assert error is None
    assert "created 0, updated 2" in out
    assert titles() == ["Gruppe 2", "Neuer Name"]


def test_draft_rows_stay_drafts(directory, tmp_path):
    run_import(write_csv(tmp_path / "offers.csv", [group_row(1, published="no")]))
    assert not SelfHelpGroupPage.objects.get(external_id="G-1").live


def test_bad_row_is_reported_and_the_others_import(directory, tmp_path):
    rows = [group_row(number) for number in range(1, 11)]
    rows[6]["topics"] = "astrologie"
    out, _, error = run_import(write_csv(tmp_path / "offers.csv", rows))
    assert error is not None
    assert "row 7 (line 8), topics: unknown topic 'astrologie'" in out
    assert titles() == sorted(f"Gruppe {n}" for n in range(1, 11) if n != 7)


def test_atomic_import_writes_nothing_when_a_row_is_bad(directory, tmp_path):
    rows = [group_row(number) for number in range(1, 11)]
    rows[6]["topics"] = "astrologie"
    out, _, error = run_import(write_csv(tmp_path / "offers.csv", rows), "--atomic")
    assert error is not None
    assert "row 7" in out and "nothing written" in out
    assert titles() == []


@pytest.mark.parametrize("values, field", [
    ({"postal_code": "30111"}, "postal_code"),
    ({"postal_code": "0001"}, "postal_code"),
    ({"title": ""}, "title"),
    ({"type": "club"}, "type"),
    ({"centre_external_id": "nowhere"}, "centre_external_id"),
    ({"format": "online"}, "format"),
    ({"last_verified": "gestern"}, "last_verified"),
])
def test_each_kind_of_bad_value_names_its_field(directory, tmp_path, values, field):
    out, _, error = run_import(write_csv(tmp_path / "offers.csv", [group_row(1, **values)]))
    assert error is not None
    assert f"row 1 (line 2), {field}:" in out
    assert titles() == []


def test_duplicate_ids_in_one_file(directory, tmp_path):
    out, _, _ = run_import(write_csv(tmp_path / "offers.csv", [group_row(1), group_row(1)]))
    assert "row 2 (line 3), external_id: duplicate of row 1" in out
    assert titles() == ["Gruppe 1"]


def test_dry_run_writes_nothing(directory, tmp_path):
    out, _, error = run_import(write_csv(tmp_path / "offers.csv", [group_row(1)]), "--dry-run")
    assert error is None
    assert "would create 1 and update 0" in out
    assert titles() == []


def test_badly_encoded_rows_are_reported(directory, tmp_path):
    rows = [group_row(1), group_row(2, title="Gruppe Zürich")]
    out, _, error = run_import(write_csv(tmp_path / "offers.csv", rows, encoding="latin-1"))
    assert error is not None
    assert "row 2 (line 3), title: is not valid UTF-8 text" in out
    assert titles() == ["Gruppe 1"]


def test_badly_encoded_json_is_a_clear_error(directory, tmp_path):
    path = tmp_path / "services.json"
    path.write_bytes('[{"id": "x", "name": "Zürich"}]'.encode("latin-1"))
    _, _, error = run_import(str(path))
    assert "not UTF-8 encoded" in str(error)


def test_csv_without_required_columns_is_a_clear_error(directory, tmp_path):
    path = tmp_path / "offers.csv"
    path.write_text("name;city\nGruppe;Bern\n", encoding="utf-8")
    _, _, error = run_import(str(path))
    assert "lacks the column(s) external_id, type, title" in str(error)


def test_progress_is_shown_on_long_runs(directory, tmp_path, monkeypatch):
    monkeypatch.setattr("directory.importer.PROGRESS_EVERY", 2)
    rows = [group_row(number) for number in range(1, 5)]
    _, err, _ = run_import(write_csv(tmp_path / "offers.csv", rows))
    assert "written 2/4 rows" in err and "written 4/4 rows" in err


def export(*args):
    output = io.StringIO()
    call_command("export_directory", *args, stdout=output)
    return output.getvalue()


def make_offers(tree):
    depression = directory_topic("depression")
    SelfHelpGroupPageFactory(parent=tree["centre"], title="Depression Bern", topics=[depression],
                             meeting_place="Saal 2", status="full", cost="contribution",
                             cost_note="5 Franken", description="<p>Mehr dazu.</p>")
    OnlineOfferPageFactory(parent=tree["league"], organisation=tree["league"],
                           centre=tree["centre"], title="Lungenforum", topics=[depression],
                           anonymous_possible=True)


def directory_topic(slug):
    from directory.models import Topic

    return Topic.objects.get(slug=slug)


def comparable(services):
    return sorted(({key: value for key, value in service.items() if key != "last_modified"}
                   for service in services), key=lambda service: (service["id"], service["name"]))


def assert_same_services(after, before):
    assert [service["name"] for service in after] == [service["name"] for service in before]
    for new, old in zip(after, before, strict=True):
        differing = {key: (new.get(key), old.get(key)) for key in new.keys() | old.keys()
                     if new.get(key) != old.get(key)}
        assert not differing, differing


@pytest.mark.parametrize("format", ["hsds", "csv"])
def test_export_wipe_import_reproduces_the_directory(directory, tmp_path, format):
    make_offers(directory)
    before = json.loads(export("--format", "hsds"))
    path = tmp_path / ("directory.json" if format == "hsds" else "directory.csv")
    path.write_text(export("--format", format), encoding="utf-8")
    for offer in OfferPage.objects.all():
        offer.delete()
    out, _, error = run_import(str(path))
    assert error is None, out
    after = json.loads(export("--format", "hsds"))
    if format == "csv":  # the CSV keeps slugs, so even the page URLs are the same
        before = [{**service, "id": None} for service in before]
        after = [{**service, "id": None} for service in after]
        for services in (before, after):
            for service in services:
                service.pop("service_at_locations")
                service.pop("attributes")
                service.pop("schedules", None)
                service.pop("languages")
    assert_same_services(comparable(after), comparable(before))


def test_hsds_import_creates_missing_organisations_from_the_export(directory, tmp_path):
    make_offers(directory)
    path = tmp_path / "directory.json"
    path.write_text(export("--format", "hsds"), encoding="utf-8")
    before = comparable(json.loads(path.read_text(encoding="utf-8")))
    for offer in OfferPage.objects.all():
        offer.delete()
    directory["league"].delete()
    out, _, error = run_import(str(path))
    assert error is None, out
    after = comparable(json.loads(export("--format", "hsds")))
    assert [service["organization"]["name"] for service in after] == [
        service["organization"]["name"] for service in before]


def test_hsds_reimport_of_an_export_updates(directory, tmp_path):
    make_offers(directory)
    path = tmp_path / "directory.json"
    path.write_text(export("--format", "hsds"), encoding="utf-8")
    out, _, error = run_import(str(path))
    assert error is None, out
    assert "created 0, updated 2" in out
    assert OfferPage.objects.count() == 2


def csv_upload(rows, name="offers.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=CSV_COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, output.getvalue().encode("utf-8"), "text/csv")


def test_admin_upload_imports_and_shows_the_report(directory, client, django_user_model):
    admin = django_user_model.objects.create_superuser("chef", "chef@example.ch", "pw")
    client.force_login(admin)
    assert client.get("/admin/directory-import/").status_code == 200
    rows = [group_row(1), group_row(2, topics="astrologie")]
    response = client.post("/admin/directory-import/", {
        "file": csv_upload(rows), "language": "de", "atomic": "",
    })
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 Zeilen gelesen: 1 erstellt, 0 aktualisiert; 1 Zeilen mit Fehlern." in html
    assert "unbekanntes Thema «astrologie»" in html  # the German admin speaks German
    assert titles() == ["Gruppe 1"]


def test_admin_dry_run_writes_nothing(directory, client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("chef", "c@example.ch", "pw"))
    response = client.post("/admin/directory-import/", {
        "file": csv_upload([group_row(1)]), "language": "de", "dry_run": "on",
    })
    assert "würde 1 erstellen und 0 aktualisieren" in response.content.decode()
    assert titles() == []


def test_admin_upload_needs_add_permission_on_the_directory(directory, client,
                                                              django_user_model):
    from django.contrib.auth.models import Group, Permission

    moderators = Group.objects.create(name="Nur Admin-Zugang")
    moderators.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("gast", "gast@example.ch", "pw")
    user.groups.add(moderators)
    client.force_login(user)
    response = client.post("/admin/directory-import/", {
        "file": csv_upload([group_row(1)]), "language": "de",
    })
    assert response.status_code == 403
    assert titles() == []
    assert "directory-import" not in client.get("/admin/").content.decode()


def test_a_row_in_another_language_becomes_a_translation(directory, tmp_path):
    from wagtail.models import Locale

    from home.translation import translate

    fr = Locale.objects.get(language_code="fr")
    for page in [directory["home"], directory["index"], directory["centre"]]:
        translate(page, fr, {})
    rows = [group_row(1), group_row(1, language="fr", title="Groupe 1")]
    out, _, error = run_import(write_csv(tmp_path / "offers.csv", rows))
    assert error is None, out
    german, french = (SelfHelpGroupPage.objects.get(external_id="G-1", locale__language_code=code)
                      for code in ("de", "fr"))
    assert french.title == "Groupe 1" and french.live
    assert french.translation_key == german.translation_key
    assert french.get_parent().locale == fr
