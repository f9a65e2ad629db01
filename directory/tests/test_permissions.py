import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import GroupPagePermission, Locale, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from directory.permissions import ensure_moderation_workflow, setup_editor_group
from directory.tests.factories import (
    OrganisationPageFactory,
    SelfHelpGroupPageFactory,
    make_directory,
)
from home.translation import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(locales):
    tree = make_directory()
    tree["other_league"] = OrganisationPageFactory(parent=tree["index"], title="Krebsliga")
    tree["own_offer"] = SelfHelpGroupPageFactory(parent=tree["league"], title="Atemgruppe",
                                                 centre=tree["centre"])
    tree["other_offer"] = SelfHelpGroupPageFactory(parent=tree["other_league"],
                                                   title="Nach Krebs", centre=tree["centre"])
    tree["centre_offer"] = SelfHelpGroupPageFactory(parent=tree["centre"], title="Trauer")
    return tree


def editor_of(page, username="editor"):
    user = get_user_model().objects.create_user(username, f"{username}@example.ch", "pw")
    user.groups.add(setup_editor_group(page))
    return user


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def is_permission_denied(client, url):
    """Wagtail's admin answers a forbidden page with a redirect to the dashboard and an
    error message (a 403 only to XHR requests)."""
    response = client.get(url)
    if response.status_code != 302 or response["Location"] != "/admin/":
        return False
    with translation.override(settings.LANGUAGE_CODE):  # the editor's admin language
        expected = translation.gettext("Sorry, you do not have permission to access this area.")
    shown = [str(message).strip() for message in get_messages(response.wsgi_request)]
    client.get("/admin/")  # shows, and so clears, the message
    return shown == [expected]


def test_group_gets_admin_access_and_add_change_publish_on_the_subtree(tree):
    group = setup_editor_group(tree["league"])

    assert group.name == "Editors: Lungenliga"
    assert list(group.permissions.values_list("codename", flat=True)) == ["access_admin"]
    assert set(GroupPagePermission.objects.filter(group=group).values_list(
        "page_id", "permission__codename")) == {
        (tree["league"].pk, "add_page"), (tree["league"].pk, "change_page"),
        (tree["league"].pk, "publish_page")}


def test_setting_up_twice_adds_nothing_and_without_publish_removes_publishing(tree):
    setup_editor_group(tree["league"])
    group = setup_editor_group(tree["league"])
    assert GroupPagePermission.objects.filter(group=group).count() == 3

    setup_editor_group(tree["league"], can_publish=False)
    assert set(GroupPagePermission.objects.filter(group=group).values_list(
        "permission__codename", flat=True)) == {"add_page", "change_page"}


def test_league_editor_may_edit_own_entries_but_not_another_leagues(client, tree):
    client.force_login(editor_of(tree["league"]))

    assert client.get(edit_url(tree["own_offer"])).status_code == 200
    assert client.get(edit_url(tree["league"])).status_code == 200
    assert is_permission_denied(client, edit_url(tree["other_offer"]))
    assert is_permission_denied(client, edit_url(tree["centre_offer"]))
    assert is_permission_denied(client, edit_url(tree["other_league"]))


def test_centre_editor_may_edit_the_centres_entries_only(client, tree):
    client.force_login(editor_of(tree["centre"]))

    assert client.get(edit_url(tree["centre_offer"])).status_code == 200
    assert is_permission_denied(client, edit_url(tree["own_offer"]))


def test_editor_may_add_offers_only_below_their_own_page(client, tree):
    client.force_login(editor_of(tree["league"]))
    add = "/admin/pages/add/directory/selfhelpgrouppage/{}/"

    assert client.get(add.format(tree["league"].pk)).status_code == 200
    assert is_permission_denied(client, add.format(tree["other_league"].pk))


def test_editors_reach_the_translations_of_their_entries(client, tree):
    french = Locale.objects.get(language_code="fr")
    for page in [tree["home"], tree["index"], tree["centre"], tree["league"]]:
        translate(page, french, {})
    french_offer = translate(tree["own_offer"], french, {"Atemgruppe": "Groupe souffle"})
    client.force_login(editor_of(tree["league"]))

    assert client.get(edit_url(french_offer)).status_code == 200


def test_directory_pages_are_under_the_default_moderation_workflow(tree):
    assert ensure_moderation_workflow() == []
    assert tree["own_offer"].get_workflow().name == "Moderators approval"


def test_directory_gets_the_workflow_back_when_it_was_removed_from_the_root(tree):
    WorkflowPage.objects.all().delete()
    assert tree["own_offer"].get_workflow() is None

    assert ensure_moderation_workflow() == [tree["index"]]

    assert tree["own_offer"].get_workflow().name == "Moderators approval"


def test_editor_can_submit_an_entry_for_moderation(client, tree):
    editor = editor_of(tree["league"])
    client.force_login(editor)
    offer = tree["own_offer"]
    data = nested_form_data({
        "title": "Atemgruppe Bern", "slug": offer.slug, "summary": offer.summary,
        "description": rich_text("<p>Wir treffen uns monatlich.</p>"),
        "target_group": "affected", "age_group": "all", "cost": "free",
        "last_verified": offer.last_verified.isoformat(), "centre": tree["centre"].pk,
        "organisation": tree["league"].pk, "languages": [], "topics": [],
        "offer_format": "in_person", "status": "open", "moderation": "self",
        "schedule": offer.schedule, "locality": offer.locality_id,
        "comments": inline_formset([]),
        "action-submit": "Submit for moderation",
    })

    response = client.post(edit_url(offer), data)

    assert response.status_code == 302, response.context["form"].errors
    state = WorkflowState.objects.get(object_id=str(offer.pk))
    assert state.status == "in_progress" and state.requested_by == editor
    offer.refresh_from_db()
    assert offer.title == "Atemgruppe"  # the live entry stays as it was until approved


def test_command_sets_up_a_group_for_every_centre_and_organisation(tree):
    call_command("setup_editor_groups")
    assert set(Group.objects.filter(name__startswith="Editors: ").values_list(
        "name", flat=True)) == {"Editors: Selbsthilfe BE", "Editors: Lungenliga",
                                "Editors: Krebsliga"}


def test_command_names_a_page_that_is_not_a_centre_or_organisation(tree):
    with pytest.raises(CommandError, match="Atemgruppe"):
        call_command("setup_editor_groups", str(tree["league"].pk), str(tree["own_offer"].pk))
    assert not Group.objects.filter(name__startswith="Editors: ").exists()
    with pytest.raises(CommandError, match="No page with id 99999"):
        call_command("setup_editor_groups", "99999")
