"""A small site for the fuzz tests (tests/test_fuzz_*.py): a directory with a centre, an
organisation, topics, groups and an online offer, a campaign library with materials and a
widget, so that every search, filter and list has something to find."""

from directory.tests.factories import (
    OnlineOfferPageFactory,
    SelfHelpGroupPageFactory,
    TopicFactory,
    locality,
    make_directory,
)
from directory.widgets.models import VISITOR_FILTERS


def make_fuzz_site():
    from campaigns.tests.factories import (
        CampaignIndexPageFactory,
        CampaignPageFactory,
        MaterialPageFactory,
    )
    from directory.widgets.tests.factories import WidgetFactory

    tree = make_directory()
    addiction = TopicFactory(name="Sucht", slug="sucht", synonyms="Abhängigkeit")
    alcohol = TopicFactory(name="Alkohol", slug="alkohol", parent=addiction)
    depression = TopicFactory(name="Depression", slug="depression")
    SelfHelpGroupPageFactory(parent=tree["centre"], title="Depression Bern",
                             topics=[depression], summary="Wir treffen uns monatlich.")
    SelfHelpGroupPageFactory(parent=tree["centre"], title="Alkohol Zürich", topics=[alcohol],
                             locality=locality("8001"), status="full")
    OnlineOfferPageFactory(parent=tree["league"], title="Lungenforum",
                           organisation=tree["league"], centre=tree["centre"],
                           topics=[depression])
    library = CampaignIndexPageFactory(parent=tree["home"])
    campaign = CampaignPageFactory(parent=library)
    MaterialPageFactory(parent=campaign, title="Plakat Sucht")
    MaterialPageFactory(parent=campaign, title="Flyer Depression")
    widget = WidgetFactory(organisation=tree["league"], topics=[addiction, depression],
                           visible_filters=[name for name, _label in VISITOR_FILTERS])
    return {**tree, "library": library, "campaign": campaign, "widget": widget}

