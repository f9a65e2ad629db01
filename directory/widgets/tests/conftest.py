import pytest

from directory.tests.factories import (
    OnlineOfferPageFactory,
    SelfHelpGroupPageFactory,
    TopicFactory,
    canton,
    locality,
    make_directory,
)

from .factories import WidgetFactory


@pytest.fixture
def lung_directory(locales):
    """A directory with lung-disease offers (the widget's presets) and one on depression."""
    tree = make_directory()
    lungs = TopicFactory(name="Lungenkrankheiten", slug="lungenkrankheiten")
    copd = TopicFactory(name="COPD", slug="copd", parent=lungs)
    depression = TopicFactory(name="Depression", slug="depression")
    copd_bern = SelfHelpGroupPageFactory(parent=tree["centre"], title="COPD Bern",
                                         topics=[copd], organisation=tree["league"])
    lungs_zurich = SelfHelpGroupPageFactory(parent=tree["centre"], title="Atemwege Zürich",
                                            topics=[lungs], locality=locality("8001"))
    forum = OnlineOfferPageFactory(parent=tree["league"], title="Lungenforum", topics=[lungs],
                                   centre=tree["centre"])
    depression_bern = SelfHelpGroupPageFactory(parent=tree["centre"], title="Depression Bern",
                                               topics=[depression])
    widget = WidgetFactory(organisation=tree["league"], topics=[lungs])
    return {**tree, "lungs": lungs, "copd": copd, "depression": depression,
            "copd_bern": copd_bern, "lungs_zurich": lungs_zurich, "forum": forum,
            "depression_bern": depression_bern, "widget": widget, "bern": canton("BE")}
