import factory
import wagtail_factories
from wagtail.models import Page, Site

from home.models import ContentPage, HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Startseite"
    slug = factory.Sequence(lambda n: f"start-{n}")
    hero_title = "Gemeinsam statt allein"
    hero_text = "Finden Sie eine Selbsthilfegruppe."
    search_label = "Selbsthilfegruppe finden"

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Inhaltsseite {n}")
    slug = factory.Sequence(lambda n: f"inhalt-{n}")
    intro = "Eine Einleitung."

    class Meta:
        model = ContentPage


def make_site(locale, **home_fields):
    """A HomePage at the root of the default site, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, locale=locale, **home_fields)
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    site.root_page = home
    site.save()
    if welcome.specific_class is Page:
        welcome.delete()
    return home
