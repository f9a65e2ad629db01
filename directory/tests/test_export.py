"""`manage.py export_directory`: what the API serves, as HSDS JSON or the importer's CSV."""

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command

from directory.importer import CSV_COLUMNS
from directory.tests.factories import (
    OnlineOfferPageFactory,
    SelfHelpGroupPageFactory,
    TopicFactory,
    make_directory,
)

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent.parent / "data/hsds/schema/compiled"


@pytest.fixture
def directory(locales):
    tree = make_directory()
    topic = TopicFactory(name="Depression", slug="depression")
    group = SelfHelpGroupPageFactory(parent=tree["centre"], title="Depression Bern",
                                     topics=[topic], meeting_place="Saal 2")
    forum = OnlineOfferPageFactory(parent=tree["league"], organisation=tree["league"],
                                   title="Lungenforum", topics=[topic])
    draft = SelfHelpGroupPageFactory.build(title="Geheimer Entwurf", live=False,
                                           centre=tree["centre"])
    tree["centre"].add_child(instance=draft)
    draft.save_revision()
    withdrawn = SelfHelpGroupPageFactory(parent=tree["centre"], title="Zurückgezogen")
    withdrawn.unpublish()
    return {**tree, "group": group, "forum": forum}


def export(*args):
    output = io.StringIO()
    call_command("export_directory", *args, stdout=output)
    return output.getvalue()


def test_hsds_export_validates_against_the_official_schema(directory):
    services = json.loads(export("--format", "hsds"))
    schema = json.loads((SCHEMAS / "service.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema,
                                                format_checker=jsonschema.FormatChecker())
    assert len(services) == 2
    for service in services:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(service)]
        assert not errors, errors


def test_exports_hold_exactly_the_live_offers(directory):
    services = json.loads(export("--format", "hsds"))
    assert sorted(service["name"] for service in services) == ["Depression Bern", "Lungenforum"]
    rows = list(csv.DictReader(io.StringIO(export("--format", "csv"))))
    assert sorted(row["title"] for row in rows) == ["Depression Bern", "Lungenforum"]


def test_csv_export_has_the_documented_columns(directory):
    reader = csv.DictReader(io.StringIO(export("--format", "csv")))
    assert reader.fieldnames == CSV_COLUMNS
    group = next(row for row in reader if row["type"] == "group")
    assert group["topics"] == "depression"
    assert group["postal_code"] == "3011"
    assert group["meeting_place"] == "Saal 2"
    assert group["centre_external_id"] == str(directory["centre"].translation_key)


def test_export_writes_a_file(directory, tmp_path):
    target = tmp_path / "directory.json"
    call_command("export_directory", "--format", "hsds", "--output", str(target),
                 stderr=io.StringIO())
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 2


def test_export_matches_the_api(client, directory):
    services = json.loads(export("--format", "hsds"))
    from_api = client.get("/api/hsds/services", {"full": "true"}).json()["contents"]
    assert services == from_api
