"""Leak test: offers, centres, organisations and editorial pages in every state that must
stay hidden x every public channel that shows them. The live, public page of each kind (the
control) must be shown in each channel, so that a channel showing nothing fails too.

States: never published (draft), unpublished, private by password (a restriction on the
page itself), private to groups (offers: a restriction on the centre or organisation above
them; centres, organisations, editorial pages: on themselves), and expired but still live
(`expire_at` past, before `publish_scheduled` unpublishes it).

The pages are made once for the module (one transaction, rolled back at the end); each cell
asks its channel, whose GET answers are read once and shared by the cells."""

import datetime
import io
import json
import time

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from directory.contact import issue_token
from directory.exporter import export_hsds
from directory.models import ContactMessage
from directory.tests.factories import (
    OnlineOfferPageFactory,
    OrganisationPageFactory,
    RegionalCentrePageFactory,
    SelfHelpGroupPageFactory,
    TopicFactory,
    make_directory,
)
from directory.widgets.tests.factories import WidgetFactory
from home.tests.factories import ContentPageFactory
from home.translation import ensure_locales

CONTROL = "control"
STATES = [CONTROL, "draft", "unpublished", "private_password", "private_groups", "expired"]
SEARCH_WORD = "Leckprobe"  # in the summary or introduction of every subject, nowhere else
PAST = datetime.timedelta(hours=1)

# kind -> channels that show that kind (see CHANNELS below)
OFFER_CHANNELS = [
    "page", "directory", "directory_topic", "site_search", "suggestions", "hsds_services",
    "hsds_service", "export", "sitemap", "widget_api", "widget_frame", "centre_page",
    "organisation_page", "topic_page", "related", "contact_get", "contact_post",
]
CHANNELS_OF = {
    "group": OFFER_CHANNELS,
    "online": OFFER_CHANNELS,
    # a centre or organisation also shows on the pages and services of the offers it runs
    "centre": ["page", "sitemap", "hsds_organizations", "hsds_organization", "offer_page",
               "offer_service", "widget_api", "contact_get", "contact_post"],
    "organisation": ["page", "sitemap", "hsds_organizations", "hsds_organization",
                     "offer_page", "offer_service"],
    "content": ["page", "site_search", "sitemap"],
}


def hide(page, state, world):
    """Put a live page into `state` (draft pages are made as drafts)."""
    if state == "unpublished":
        page.unpublish()
    elif state == "private_password":
        PageViewRestriction.objects.create(page=page, password="geheim",
                                           restriction_type=PageViewRestriction.PASSWORD)
    elif state == "private_groups":
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.set([world["partners"]])
    elif state == "expired":
        Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - PAST)


def build_world():
    ensure_locales(["de", "fr", "it"])
    tree = make_directory()
    world = {**tree, "partners": Group.objects.create(name="Partner"), "subjects": {},
             "carriers": {}, "viewers": {}, "answers": {}}
    world["shared"] = shared = TopicFactory(name="Leckthema", slug="leckthema")
    draft = {"live": False}

    for state in STATES:
        made = draft if state == "draft" else {}
        world["subjects"]["centre", state] = RegionalCentrePageFactory(
            parent=tree["index"], title=f"LeckCentre{state}", description=SEARCH_WORD,
            **made)
        world["subjects"]["organisation", state] = OrganisationPageFactory(
            parent=tree["index"], title=f"LeckOrganisation{state}", description=SEARCH_WORD,
            **made)
        world["subjects"]["content", state] = ContentPageFactory(
            parent=tree["home"], title=f"LeckContent{state}", intro=SEARCH_WORD, **made)
    # the control centre and organisation run the offers; private_groups offers sit below
    # the private_groups centre or organisation (a private section above them)
    centre_control = world["subjects"]["centre", CONTROL]
    org_control = world["subjects"]["organisation", CONTROL]
    for state in STATES:
        made = draft if state == "draft" else {}
        own = TopicFactory(name=f"Leck {state}", slug=f"leck-{state}")
        group_parent = world["subjects"]["centre", state] if state == "private_groups" \
            else centre_control
        online_parent = world["subjects"]["organisation", state] \
            if state == "private_groups" else org_control
        world["subjects"]["group", state] = SelfHelpGroupPageFactory(
            parent=group_parent, title=f"LeckGroup{state}", summary=SEARCH_WORD,
            centre=centre_control, organisation=org_control, topics=[shared, own], **made)
        world["subjects"]["online", state] = OnlineOfferPageFactory(
            parent=online_parent, title=f"LeckOnline{state}", summary=SEARCH_WORD,
            centre=centre_control, organisation=org_control, topics=[shared, own], **made)
        # an offer of the same topic that lists the subjects among its related offers
        world["viewers"][state] = SelfHelpGroupPageFactory(
            parent=centre_control, title=f"Nachbar {state}", topics=[own])
        # offers run by the centre and organisation of this state
        world["carriers"]["centre", state] = SelfHelpGroupPageFactory(
            parent=org_control, title=f"Träger Zentrum {state}",
            centre=world["subjects"]["centre", state])
        world["carriers"]["organisation", state] = OnlineOfferPageFactory(
            parent=centre_control, title=f"Träger Organisation {state}",
            centre=centre_control, organisation=world["subjects"]["organisation", state])
    for (kind, state), page in world["subjects"].items():
        if state not in (CONTROL, "draft") and not (
                state == "private_groups" and kind in ("group", "online")):
            hide(page, state, world)
    world["widget"] = WidgetFactory(results_count=50, visible_filters=[])
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The pages, made in a transaction around the module's tests (each test's own
    transaction nests in it as a savepoint), rolled back after the last one."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def answer(world, client, url, **params):
    """The GET answer (status, text), read once per module."""
    key = (url, tuple(sorted(params.items())))
    if key not in world["answers"]:
        response = client.get(url, params)
        world["answers"][key] = (response.status_code, response.content.decode())
    return world["answers"][key]


def page_path(page):
    return Page.objects.get(pk=page.pk).specific.get_url()


def shown_in_html(world, client, subject, url, **params):
    status, html = answer(world, client, url, **params)
    assert status == 200, url
    return subject.title in html


def json_names(world, client, url, key="contents", name="name", **params):
    status, text = answer(world, client, url, **params)
    assert status == 200, (url, text)
    return {item[name] for item in json.loads(text)[key]}


def page_itself(world, client, subject):
    status, html = answer(world, client, page_path(subject))
    return status == 200 and subject.title in html


def directory(world, client, subject):
    return shown_in_html(world, client, subject, world["index"].url)


def directory_topic(world, client, subject):
    return shown_in_html(world, client, subject, world["index"].url, topic=world["shared"].slug)


def site_search(world, client, subject):
    return shown_in_html(world, client, subject, "/de/search/", q=SEARCH_WORD)


def suggestions(world, client, subject):
    labels = json_names(world, client, "/de/search/suggest/", key="suggestions", name="label",
                        q=subject.title)
    return subject.title in labels


def hsds_services(world, client, subject):
    return subject.title in json_names(world, client, "/api/hsds/services", per_page=100)


def hsds_service(world, client, subject):
    status, text = answer(world, client, f"/api/hsds/services/{subject.translation_key}")
    assert status in (200, 404), text
    return status == 200 and subject.title in text


def export(world, client, subject):
    if "export" not in world["answers"]:
        stream = io.StringIO()
        export_hsds(stream)
        world["answers"]["export"] = {service["name"] for service in json.loads(
            stream.getvalue())}
    return subject.title in world["answers"]["export"]


def sitemap(world, client, subject):
    status, xml = answer(world, client, "/sitemap.xml")
    assert status == 200
    return f"{page_path(subject)}</loc>" in xml


def widget_api(world, client, subject):
    status, text = answer(world, client, f"/api/widgets/{world['widget'].pk}/")
    assert status == 200, text
    results = json.loads(text)["results"]
    return any(subject.title in f'{result["title"]} {result["next_step"]}' for result in results)


def widget_frame(world, client, subject):
    return shown_in_html(world, client, subject, f"/widgets/{world['widget'].pk}/frame/")


def centre_page(world, client, subject):
    return shown_in_html(world, client, subject, world["subjects"]["centre", CONTROL].url)


def organisation_page(world, client, subject):
    return shown_in_html(world, client, subject, world["subjects"]["organisation", CONTROL].url)


def topic_page(world, client, subject):
    return shown_in_html(world, client, subject,
                         f"{world['index'].url}topic/{world['shared'].slug}/")


def related(world, client, subject):
    state = subject.title.removeprefix("LeckGroup").removeprefix("LeckOnline")
    return shown_in_html(world, client, subject, world["viewers"][state].url)


def hsds_organizations(world, client, subject):
    return subject.title in json_names(world, client, "/api/hsds/organizations", per_page=100)


def hsds_organization(world, client, subject):
    status, text = answer(world, client, f"/api/hsds/organizations/{subject.translation_key}")
    assert status in (200, 404), text
    return status == 200 and subject.title in text


def carrier(world, subject):
    kind = "centre" if subject.title.startswith("LeckCentre") else "organisation"
    return world["carriers"][kind, subject.title.removeprefix(
        "LeckCentre" if kind == "centre" else "LeckOrganisation")]


def offer_page(world, client, subject):
    return shown_in_html(world, client, subject, carrier(world, subject).url)


def offer_service(world, client, subject):
    status, text = answer(world, client,
                          f"/api/hsds/services/{carrier(world, subject).translation_key}")
    assert status == 200, text
    return subject.title in text


def contact_get(world, client, subject):
    status, html = answer(world, client, f"/de/directory/contact/{subject.pk}/")
    assert status in (200, 404)
    return status == 200 and subject.title in html


def contact_post(world, client, subject):
    """Whether a message about the subject is accepted (not cached: it writes)."""
    response = client.post(f"/de/directory/contact/{subject.pk}/", {
        "name": "Anna Muster", "email": "anna@example.ch", "phone": "",
        "message": "Ich möchte gern vorbeikommen.", "website": "",
        "token": issue_token(subject.pk, issued_at=time.time() - 10)})
    stored = ContactMessage.objects.filter(message="Ich möchte gern vorbeikommen.").exists()
    assert response.status_code in (302, 404)
    assert stored == (response.status_code == 302)
    return stored


CHANNELS = {function.__name__: function for function in [
    directory, directory_topic, site_search, suggestions, hsds_services, hsds_service, export,
    sitemap, widget_api, widget_frame, centre_page, organisation_page, topic_page, related,
    hsds_organizations, hsds_organization, offer_page, offer_service, contact_get,
    contact_post]}
CHANNELS["page"] = page_itself
CELLS = [(kind, state, channel) for kind, channels in CHANNELS_OF.items()
         for channel in channels for state in STATES]


@pytest.mark.parametrize(("kind", "state", "channel"), CELLS,
                         ids=[f"{kind}-{state}-{channel}" for kind, state, channel in CELLS])
def test_only_live_public_unexpired_pages_reach_the_public(world, db, client, kind, state,
                                                           channel):
    shown = CHANNELS[channel](world, client, world["subjects"][kind, state])
    if state == CONTROL:
        assert shown, f"the live, public {kind} is missing from {channel}"
    else:
        assert not shown, f"the {state} {kind} leaks through {channel}"
