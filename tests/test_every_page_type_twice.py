"""Every page type a visitor can reach, viewed twice: a first view makes renditions, caches
and counters that a second view then reads, so some defects show only on the second view
(a campaign page once answered 500 from its second view on, in every language).

The page types come from Wagtail's registry, so a new page type fails here until it has a
page in `site_with_every_page_type()`."""

import pytest
from wagtail.models import get_page_models

from campaigns.models import MaterialSubtitle, MaterialVariant
from campaigns.tests.factories import (
    VTT,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    MaterialPageFactory,
    document,
    image_file,
    media,
)
from directory.tests.factories import (
    DirectoryIndexPageFactory,
    OnlineOfferPageFactory,
    OrganisationPageFactory,
    RegionalCentrePageFactory,
    SelfHelpGroupPageFactory,
    TopicFactory,
)
from home.tests.factories import ContentPageFactory, make_site

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"home", "directory", "campaigns"}


def creatable_page_types():
    """Page types an editor can add somewhere in the tree."""
    models = get_page_models()
    return sorted(model.__name__ for model in models
                  if model._meta.app_label in PROJECT_APPS and model.is_creatable
                  and any(model in parent.allowed_subpage_models() for parent in models))


def materials(campaign):
    """One material of each kind, with every file slot a material can have."""
    visual = MaterialPageFactory(parent=campaign, title="Plakat", slug="plakat",
                                 material_type="visual", image=image_file("plakat.png"),
                                 document=document("plakat.pdf"))
    MaterialVariant.objects.create(page=visual, label="blau", image=image_file("blau.png"),
                                   document=document("blau.pdf"))
    film = MaterialPageFactory(parent=campaign, title="Kurzfilm", slug="kurzfilm",
                               material_type="film", media=media("video"),
                               image=image_file("poster.png"), transcript="Gemeinsam.")
    MaterialSubtitle.objects.create(page=film, language="fr",
                                    document=document("film-fr.vtt", VTT))
    return [
        visual, film,
        MaterialPageFactory(parent=campaign, title="Radiospot", slug="radiospot",
                            material_type="audio", media=media("audio"), transcript="Hallo."),
        MaterialPageFactory(parent=campaign, title="Silhouette", slug="silhouette",
                            material_type="silhouette", image=image_file("figur.png")),
        MaterialPageFactory(parent=campaign, title="Slogan", slug="slogan"),
        MaterialPageFactory(parent=campaign, title="YouTube", slug="youtube", material_type="film",
                            external_video_url="https://youtu.be/abcdefghijk"),
    ]


def site_with_every_page_type(locale):
    """{page type name: [URLs of live pages of that type]} for one site built by factories."""
    home = make_site(locale)
    topic = TopicFactory(name="Depression", slug="depression")
    index = DirectoryIndexPageFactory(parent=home)
    centre = RegionalCentrePageFactory(parent=index)
    league = OrganisationPageFactory(parent=index)
    group = SelfHelpGroupPageFactory(parent=centre, topics=[topic], organisation=league)
    online = OnlineOfferPageFactory(parent=league, topics=[topic])
    library = CampaignIndexPageFactory(parent=home)
    campaign = CampaignPageFactory(parent=library, image=image_file("key-visual.png"))
    pages = {
        "HomePage": [home.url],
        "ContentPage": [ContentPageFactory(parent=home).url],
        "DirectoryIndexPage": [index.url, index.topic_url(topic)],
        "RegionalCentrePage": [centre.url],
        "OrganisationPage": [league.url],
        "SelfHelpGroupPage": [group.url],
        "OnlineOfferPage": [online.url],
        "CampaignIndexPage": [library.url],
        "CampaignPage": [campaign.url],
        "MaterialPage": [material.url for material in materials(campaign)],
    }
    return pages


@pytest.fixture
def every_page(locales):
    return site_with_every_page_type(locales["de"])


def test_every_page_type_has_a_page_here(every_page):
    assert sorted(every_page) == creatable_page_types()


@pytest.mark.parametrize("page_type", creatable_page_types())
def test_every_page_answers_its_second_view_too(client, every_page, page_type):
    for url in every_page[page_type]:
        first, second = client.get(url), client.get(url)

        assert (url, first.status_code, second.status_code) == (url, 200, 200)
