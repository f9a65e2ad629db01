import pytest

from directory.models import Locality, SelfHelpGroupPage
from directory.tests.factories import (
    OnlineOfferPageFactory,
    SelfHelpGroupPageFactory,
    TopicFactory,
    make_directory,
)

pytestmark = pytest.mark.django_db


def test_reference_data_has_all_cantons_and_swiss_postal_codes():
    bern = Locality.objects.get(postal_code="3011", name="Bern")
    assert bern.canton.code == "BE"
    assert Locality.objects.filter(postal_code="6900", name="Lugano").get().canton.code == "TI"


def test_group_takes_coordinates_and_canton_from_its_postal_code(locales):
    tree = make_directory()
    depression = TopicFactory(name="Depression", slug="depression")
    group = SelfHelpGroupPageFactory(parent=tree["centre"], title="Depression Bern",
                                     topics=[depression])
    group = SelfHelpGroupPage.objects.get(pk=group.pk)
    assert group.canton.code == "BE"
    assert round(group.latitude, 2) == 46.95
    assert list(group.topics.all()) == [depression]
    assert group.centre == tree["centre"]


def test_online_offer_is_always_online(locales):
    tree = make_directory()
    offer = OnlineOfferPageFactory(parent=tree["league"], offer_format="in_person")
    assert offer.offer_format == "online"
