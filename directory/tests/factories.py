"""Factories for directory content. `make_directory()` gives a site with a directory page;
offers hang below a centre or an organisation as in production."""

import factory
import wagtail_factories
from wagtail.models import Locale

from directory.models import (
    Canton,
    DirectoryIndexPage,
    Language,
    Locality,
    OnlineOfferPage,
    OrganisationPage,
    RegionalCentrePage,
    SelfHelpGroupPage,
    Topic,
)
from home.tests.factories import make_site


def canton(code):
    return Canton.objects.get(code=code)


def language(code):
    return Language.objects.get(code=code)


def locality(postal_code, name=None):
    localities = Locality.objects.filter(postal_code=postal_code)
    if name:
        localities = localities.filter(name=name)
    return localities.first()


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Topic


class DirectoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Selbsthilfe finden"
    slug = "selbsthilfe"

    class Meta:
        model = DirectoryIndexPage


class OrganisationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Liga {n}")
    slug = factory.Sequence(lambda n: f"liga-{n}")
    kind = "league"

    class Meta:
        model = OrganisationPage


class RegionalCentrePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Selbsthilfezentrum {n}")
    slug = factory.Sequence(lambda n: f"zentrum-{n}")
    email = "kontakt@zentrum.example.ch"
    phone = "031 123 45 67"
    locality = factory.LazyFunction(lambda: locality("3011"))

    class Meta:
        model = RegionalCentrePage


def _save_keeping_state(page):
    revision = page.save_revision()
    if page.live:
        revision.publish()
    else:
        page.save()  # a draft keeps its relations on the page row too, as the admin does


class OfferFactoryMixin(factory.Factory):
    """Sets the many-to-many fields after creation; a draft (live=False) stays a draft."""

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
            _save_keeping_state(self)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create:
            self.languages.set(extracted or [language("de")])
            _save_keeping_state(self)


class SelfHelpGroupPageFactory(OfferFactoryMixin, wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Selbsthilfegruppe {n}")
    slug = factory.Sequence(lambda n: f"gruppe-{n}")
    summary = "Austausch unter Betroffenen."
    schedule = "jeden 2. Dienstag, 19:00"
    locality = factory.LazyFunction(lambda: locality("3011"))
    centre = factory.LazyAttribute(lambda o: o.parent if isinstance(o.parent, RegionalCentrePage)
                                   else None)

    class Meta:
        model = SelfHelpGroupPage
        skip_postgeneration_save = True


class OnlineOfferPageFactory(OfferFactoryMixin, wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Online-Forum {n}")
    slug = factory.Sequence(lambda n: f"online-{n}")
    summary = "Anonymer Austausch im Forum."
    online_kind = "forum"
    platform_url = "https://forum.example.ch/"

    class Meta:
        model = OnlineOfferPage
        skip_postgeneration_save = True


def make_directory(locale=None):
    """Home page, directory page, one centre (Bern) and one league: the usual test tree."""
    locale = locale or Locale.get_default()
    home = make_site(locale)
    index = DirectoryIndexPageFactory(parent=home)
    centre = RegionalCentrePageFactory(parent=index, title="Selbsthilfe BE", slug="selbsthilfe-be")
    centre.cantons_served.set([canton("BE")])
    centre.save_revision().publish()
    league = OrganisationPageFactory(parent=index, title="Lungenliga", slug="lungenliga")
    return {"home": home, "index": index, "centre": centre, "league": league}
