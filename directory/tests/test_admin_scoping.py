"""In the admin nobody reaches a row that belongs to another centre or organisation. The URLs
are generated from the viewsets' own URL patterns, so a view Wagtail (or we) add later is
checked without writing a test."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from directory.admin_messages import contact_message_viewset
from directory.models import ContactMessage
from directory.permissions import setup_editor_group
from directory.tests.factories import (
    OrganisationPageFactory,
    RegionalCentrePageFactory,
    make_directory,
)
from directory.widgets.models import Widget
from directory.widgets.tests.factories import WidgetFactory

pytestmark = pytest.mark.django_db

OWN_SENDER, FOREIGN_SENDER = "Anna Eigen", "Beat Fremd"


def editor_of(page, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.ch", "pw")
    user.groups.add(setup_editor_group(page))
    return user


def url_patterns(viewset):
    """The viewset's URL patterns and, for a snippet, its chooser's."""
    chooser = getattr(viewset, "chooser_viewset", None)
    for owner in [viewset, chooser] if chooser else [viewset]:
        for pattern in owner.get_urlpatterns():
            yield owner, pattern


def object_urls(viewset, pk):
    """Every URL of the viewset that names one object, for the object `pk`."""
    for owner, pattern in url_patterns(viewset):
        converters = pattern.pattern.converters
        if "pk" in converters:
            kwargs = {name: pk if name == "pk" else 1 for name in converters}
            yield reverse(owner.get_url_name(pattern.name), kwargs=kwargs)


def listing_urls(viewset):
    """Every URL of the viewset that names no object: listings, exports, choosers."""
    for owner, pattern in url_patterns(viewset):
        if not pattern.pattern.converters:
            yield reverse(owner.get_url_name(pattern.name))


def refused(response):
    """404, 403, or Wagtail's "permission denied" redirect to the dashboard."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"))


def assert_unreachable(client, urls, marker):
    urls = list(urls)
    assert urls
    for url in urls:
        for response in (client.get(url), client.post(url, {"name": "x"})):
            assert refused(response), (url, response.status_code)
            assert marker not in response.content.decode(), url


def assert_listings_leave_out(client, viewset, foreign, marker):
    urls = list(listing_urls(viewset))
    assert urls
    for url in urls:
        for params in ({}, {"export": "csv"}, {"export": "xlsx"}, {"id": foreign.pk},
                       {"q": marker.split()[-1]}):  # the query itself is echoed
            response = client.get(url, params)
            body = b"".join(response) if response.streaming else response.content
            assert marker.encode() not in body, (url, params)


@pytest.fixture
def messages(locales):
    tree = make_directory()
    zurich = RegionalCentrePageFactory(parent=tree["index"], title="Selbsthilfe ZH")
    own = ContactMessage.objects.create(centre=tree["centre"], name=OWN_SENDER,
                                        email="a@example.ch", message="Gibt es noch Platz?")
    foreign = ContactMessage.objects.create(centre=zurich, name=FOREIGN_SENDER,
                                            email="b@example.ch", message="An Zürich")
    return {"tree": tree, "own": own, "foreign": foreign}


def test_a_centre_editor_reaches_no_view_of_another_centres_message(client, messages):
    client.force_login(editor_of(messages["tree"]["centre"], "bern"))
    foreign = messages["foreign"]

    assert_unreachable(client, object_urls(contact_message_viewset, foreign.pk),
                       FOREIGN_SENDER)
    assert_listings_leave_out(client, contact_message_viewset, foreign, FOREIGN_SENDER)
    assert ContactMessage.objects.filter(pk=foreign.pk).exists()


def test_a_centre_editor_reads_and_deletes_their_own_centres_message(client, messages):
    client.force_login(editor_of(messages["tree"]["centre"], "bern"))
    own = messages["own"]
    url = contact_message_viewset.get_url_name

    assert OWN_SENDER in client.get(reverse(url("index"))).content.decode()
    assert OWN_SENDER in client.get(reverse(url("inspect"), args=[own.pk])).content.decode()
    assert client.get(reverse(url("history"), args=[own.pk])).status_code == 200
    assert client.get(reverse(url("delete"), args=[own.pk])).status_code == 200
    assert client.post(reverse(url("delete"), args=[own.pk])).status_code == 302
    assert not ContactMessage.objects.filter(pk=own.pk).exists()


def test_the_national_body_reads_every_centres_messages(client, messages):
    client.force_login(get_user_model().objects.create_superuser("chef", "c@example.ch", "pw"))
    listing = client.get(reverse(contact_message_viewset.get_url_name("index"))).content
    assert OWN_SENDER in listing.decode() and FOREIGN_SENDER in listing.decode()


@pytest.fixture
def widgets(locales):
    tree = make_directory()
    cancer = OrganisationPageFactory(parent=tree["index"], title="Krebsliga", slug="krebsliga")
    own = WidgetFactory(organisation=tree["league"], name="Widget der Lungenliga")
    foreign = WidgetFactory(organisation=cancer, name="Widget der Krebsliga")
    editor = editor_of(tree["league"], "lunge")
    group = editor.groups.get()
    group.permissions.add(*Permission.objects.filter(content_type__app_label="widgets",
                                                     content_type__model="widget"))
    return {"tree": tree, "cancer": cancer, "own": own, "foreign": foreign, "editor": editor}


def test_a_league_with_widget_rights_reaches_no_view_of_another_leagues_widget(
        client, widgets):
    client.force_login(widgets["editor"])
    foreign = widgets["foreign"]
    viewset = Widget.snippet_viewset

    assert_unreachable(client, object_urls(viewset, foreign.pk), foreign.name)
    assert_listings_leave_out(client, viewset, foreign, foreign.name)
    bulk_delete = reverse("wagtail_bulk_action", args=["widgets", "widget", "delete"])
    client.post(f"{bulk_delete}?id={foreign.pk}")
    assert Widget.objects.filter(pk=foreign.pk).exists()


def test_a_league_edits_its_own_widget_and_makes_widgets_only_for_itself(client, widgets):
    client.force_login(widgets["editor"])
    own, url = widgets["own"], Widget.snippet_viewset.get_url_name
    listing = client.get(reverse(url("list"))).content.decode()
    assert own.name in listing

    def data(organisation, name):
        return {"name": name, "organisation": organisation.pk, "language": "de",
                "results_count": "10", "text_color": "#1a1a1a", "background_color": "#ffffff",
                "accent_color": "#005a9c", "font_family": "inherit", "allowed_origins": ""}

    edited = client.post(reverse(url("edit"), args=[own.pk]),
                         data(widgets["tree"]["league"], "Lungenliga neu"))
    assert edited.status_code == 302
    assert Widget.objects.get(pk=own.pk).name == "Lungenliga neu"
    refused = client.post(reverse(url("add")), data(widgets["cancer"], "Untergeschoben"))
    assert refused.status_code == 200
    assert "organisation" in refused.context["form"].errors
    assert not Widget.objects.filter(name="Untergeschoben").exists()
