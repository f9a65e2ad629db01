"""bench/generate_directory.py: bulk-inserted benchmark entries are real live pages."""

import importlib.util
from pathlib import Path

import pytest
from wagtail.models import Page

from directory.models import OfferPage, SelfHelpGroupPage

pytestmark = pytest.mark.django_db

GENERATOR = Path(__file__).resolve().parents[2] / "bench" / "generate_directory.py"


def _generator():
    spec = importlib.util.spec_from_file_location("generate_directory", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_creates_n_live_offers_the_site_serves(locales, client):
    generator = _generator()
    ids = generator.generate(25)
    offers = OfferPage.objects.filter(pk__in=ids)
    assert offers.live().count() == 25
    assert Page.find_problems() == ([], [], [], [], [])  # treebeard's own tree checks
    group = SelfHelpGroupPage.objects.filter(pk__in=ids).first()
    assert group.topics.exists() and group.locality is not None
    assert client.get(group.url).status_code == 200
    assert SelfHelpGroupPage.objects.live().search(group.title.split()[0]).count() >= 1


def test_generator_adds_more_entries_on_a_second_run(locales):
    generator = _generator()
    generator.generate(10)
    generator.generate(10)
    assert OfferPage.objects.filter(external_id__startswith="bench:").count() == 20
    assert Page.find_problems() == ([], [], [], [], [])
