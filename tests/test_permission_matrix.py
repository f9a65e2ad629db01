"""Who reaches what: every role x every admin URL, and every public download channel of
partner-only files.

The admin actions are generated, not listed: every named URL below /admin/ (Wagtail's own, the
registered viewsets and snippets, the project's hooks), each page URL once per page type, each
action of the bulk action registry; GET, and POST for delete views. The object in a URL belongs
to centre Y or league B (or to nobody): never to the centre X or league A whose editors are
tested. A view added later is in the matrix without a new test; a URL whose object cannot be
filled in fails until `fill_kwargs` learns it.

The policy, with Wagtail 8's own answers:
- anonymous: a redirect to the admin login page;
- signed in without admin access (a plain account, a partner's staff): the same redirect
  (Wagtail adds the message "You do not have permission to access the admin.");
- editors of centre X or league A on what is not theirs: refused, that is 403, 404 or
  Wagtail's "permission denied" (a redirect to the dashboard with an error message; Wagtail
  answers 403 only to XHR requests). Never a page showing another centre's messages, never a
  delete that works. `EDITORS_REACH` lists the views every editor may open (dashboard,
  choosers, search, reports filtered to their pages) and why;
- national editors (Wagtail's "Moderators" group: the whole page tree and the media
  libraries): what the admin gets, except the areas in `NOT_FOR_NATIONAL_EDITORS`;
- admin (superuser): 200 on every GET, except where `ADMIN_ANSWERS` says what and why; a
  delete POST deletes (which shows the refused POSTs of the others were real deletes).
"""

import io
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import ERROR, get_messages
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.viewsets import viewsets
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    Locale,
    Page,
    PageViewRestriction,
    Site,
    Task,
    UploadedFile,
    Workflow,
    get_page_models,
)
from wagtailmedia.models import get_media_model

FOREIGN_SENDER = "Beat Fremdzentrum"  # writes to centre Y: editors of X never see this
FOREIGN_MESSAGE = "Vertrauliche Nachricht an Zürich"
PRIVATE_TEXTS = (FOREIGN_SENDER, FOREIGN_MESSAGE)

ROLES = ["anonymous", "no_rights", "partner", "centre_editor", "league_editor",
         "national_editor", "admin"]
WITHOUT_ADMIN_ACCESS = {"anonymous", "no_rights", "partner"}
EDITORS = {"centre_editor", "league_editor"}

# What a response is sorted into.
OK, LOGIN, DENIED, NOT_FOUND, REDIRECT, NOT_ALLOWED = (
    "200", "login", "denied", "404", "redirect", "405")
REFUSED = {DENIED, NOT_FOUND}


# --- the policy ---------------------------------------------------------------------------

# Admin URLs outside the matrix: public by design, or not a view of anything.
NOT_IN_MATRIX = {
    "wagtailadmin_login": "the login page itself",
    "wagtailadmin_logout": "signs the tester out",
    "wagtailadmin_password_reset": "public by design",
    "wagtailadmin_password_reset_done": "public by design",
    "wagtailadmin_password_reset_confirm": "public by design (a token in the URL)",
    "wagtailadmin_password_reset_complete": "public by design",
    "wagtailadmin_error_test": "Wagtail's deliberate 500, to test the error page",
    "wagtailadmin_sprite": "the icon sprite",
    "wagtailadmin_javascript_catalog": "translations of the admin's scripts",
    "wagtail_localize:javascript_catalog": "translations of the admin's scripts",
}

POST_ONLY = "accepts POST only"
# What the admin gets where it is not 200 on GET (by URL name, or name[page type]).
ADMIN_ANSWERS = {
    "wagtailadmin_pages:lock": (NOT_ALLOWED, POST_ONLY),
    "wagtailadmin_pages:unlock": (NOT_ALLOWED, POST_ONLY),
    "wagtailadmin_pages:set_page_position": (NOT_ALLOWED, POST_ONLY),
    "wagtailadmin_api:pages:action": (NOT_ALLOWED, POST_ONLY),
    "wagtailadmin_workflows:remove": (NOT_ALLOWED, POST_ONLY),
    "wagtailadmin_workflows:enable": (NOT_ALLOWED, POST_ONLY),
    "wagtailadmin_workflows:enable_task": (NOT_ALLOWED, POST_ONLY),
    "wagtailadmin_editing_sessions:ping": (NOT_ALLOWED, POST_ONLY),
    "wagtailadmin_editing_sessions:release": (NOT_ALLOWED, POST_ONLY),
    "directory_reports:mark_verified": (NOT_ALLOWED, POST_ONLY),
    "wagtailsnippets_crisis_crisishelpline:reorder": (NOT_ALLOWED, POST_ONLY),
    "wagtailredirects:process_import": (NOT_ALLOWED, POST_ONLY),
    "wagtail_localize:edit_string_translation": (NOT_ALLOWED, POST_ONLY),
    "wagtail_localize:edit_override": (NOT_ALLOWED, POST_ONLY),
    "wagtail_localize:machine_translate": (NOT_ALLOWED, POST_ONLY),
    "wagtail_localize:stop_translation": (NOT_ALLOWED, POST_ONLY),
    "wagtail_localize:upload_pofile": (NOT_ALLOWED, POST_ONLY),
    "wagtailimages:edit_multiple": (NOT_ALLOWED, POST_ONLY),
    "wagtailimages:delete_multiple": (NOT_ALLOWED, POST_ONLY),
    "wagtailimages:create_multiple_from_uploaded_image": (NOT_ALLOWED, POST_ONLY),
    "wagtailimages:delete_upload_multiple": (NOT_ALLOWED, POST_ONLY),
    "wagtaildocs:edit_multiple": (NOT_ALLOWED, POST_ONLY),
    "wagtaildocs:delete_multiple": (NOT_ALLOWED, POST_ONLY),
    "wagtaildocs:create_multiple_from_uploaded_document": (NOT_ALLOWED, POST_ONLY),
    "wagtaildocs:delete_upload_multiple": (NOT_ALLOWED, POST_ONLY),
    "POST wagtaildocs:delete_upload_multiple": (NOT_FOUND, "the upload is an image's"),
    "wagtailadmin_pages:revisions_index": (REDIRECT, "Wagtail sends it to the history"),
    "wagtailadmin_pages:convert_alias": (NOT_FOUND, "only an alias can be converted"),
    "wagtail_localize:convert_to_alias": (NOT_FOUND, "only a translation made as a copy can"),
    "wagtail_localize:preview_translation<mode,translation_id>": (
        NOT_FOUND, "no page type has a named preview mode"),
    "wagtailadmin_api:pages:find": (NOT_FOUND, "finds nothing without a query"),
    "wagtailadmin_api:images:find": (NOT_FOUND, "finds nothing without a query"),
    "wagtailadmin_api:documents:find": (NOT_FOUND, "finds nothing without a query"),
    "wagtailadmin_block_preview": (NOT_FOUND, "needs a block in the query"),
    "wagtailimages:url_generator": (NOT_FOUND, "no dynamic image serve view configured"),
    "wagtailimages:url_generator_output": (NOT_FOUND, "no dynamic image serve view"),
    "wagtailforms:list_submissions": (NOT_FOUND, "the project has no form page type"),
    "wagtailforms:list_submissions_results": (NOT_FOUND, "the project has no form page type"),
    "wagtailforms:delete_submissions": (DENIED, "the project has no form page type"),
    "POST wagtailforms:delete_submissions": (DENIED, "the project has no form page type"),
    "contact_messages:add": (DENIED, "messages come from the public form only"),
    "contact_messages:edit": (DENIED, "messages are never changed in the admin"),
    "contact_messages:usage": (DENIED, "the usage view asks for the change permission"),
    "wagtailadmin_workflows:select_task_type": (REDIRECT, "one task type: straight to it"),
    "wagtailadmin_pages:add[HomePage]": (DENIED, "one home page per tree"),
    "wagtailadmin_pages:add[DirectoryIndexPage]": (DENIED, "one directory per home page"),
    "wagtailadmin_pages:add[CampaignIndexPage]": (DENIED, "one library per home page"),
    "wagtailadmin_pages:add_subpage[MaterialPage]": (DENIED, "a material has no subpages"),
    "wagtailadmin_pages:add_subpage[SelfHelpGroupPage]": (DENIED, "an offer has no subpages"),
    "wagtailadmin_pages:add_subpage[OnlineOfferPage]": (DENIED, "an offer has no subpages"),
    "wagtailadmin_pages:add_subpage[HomePage]": (REDIRECT, "one possible type: its form"),
    "wagtailadmin_pages:add_subpage[CampaignIndexPage]": (REDIRECT, "one type: its form"),
    "wagtailadmin_pages:add_subpage[CampaignPage]": (REDIRECT, "one type: its form"),
    "wagtailadmin_pages:choose_parent[HomePage]": (REDIRECT, "one possible parent"),
    "wagtailadmin_pages:choose_parent[CampaignPage]": (REDIRECT, "one possible parent"),
    "wagtailadmin_pages:choose_parent[OrganisationPage]": (REDIRECT, "one possible parent"),
    "wagtailadmin_pages:choose_parent[RegionalCentrePage]": (REDIRECT, "one possible parent"),
}
DELETED = "deleted"  # a delete POST by the admin: redirected, and the object is gone

# Areas Wagtail's Moderators group has no permission for (users, sites, settings...).
NOT_FOR_NATIONAL_EDITORS = (
    "wagtailusers_", "wagtailsites:", "wagtaillocales:", "wagtailredirects:",
    "wagtailadmin_collections:", "wagtailsnippets", "search_reports:", "bulk:auth.",
    "bulk:directory.", "bulk:taxonomy.", "bulk:widgets.",
    "wagtailsnippetchoosers_taxonomy_topic:create",
    "wagtailsnippetchoosers_widgets_widget:create", "wagtailimages:delete_upload_multiple",
    # widgets belong to leagues: Moderators hold no widget permission, so none is theirs
    "wagtailsnippetchoosers_widgets_widget:chosen",
    "bulk:home.", "bulk:crisis.", "wagtailsnippetchoosers_home_navigationmenu:create",
    "wagtailsnippetchoosers_home_footer:create",
    "wagtailsnippetchoosers_crisis_crisishelpline:create",
    "wagtailsnippetchoosers_crisis_crisisterm:create",
    # deleting a page with subpages takes the bulk delete permission, which they lack
    *(f"wagtailadmin_pages:delete[{page_type}]" for page_type in (
        "HomePage", "DirectoryIndexPage", "RegionalCentrePage", "OrganisationPage",
        "CampaignIndexPage", "CampaignPage")),
    *(f"wagtailsearchpromotions:{view}" for view in (
        "index", "add", "edit", "delete", "search_terms")),
    *(f"wagtailadmin_workflows:{view}" for view in (
        "index", "add", "edit", "disable", "usage", "task_index", "edit_task", "disable_task",
        "select_task_type")),
)

# What every editor may open, and why that shows nothing of another centre.
EDITORS_REACH = {
    "wagtailadmin_home": "the dashboard lists their own pages",
    "wagtailadmin_account": "their own account",
    "wagtailadmin_dismissibles": "their own dismissed hints",
    "wagtailadmin_tag_autocomplete": "tag names",
    "wagtailadmin_tag_model_autocomplete": "tag names",
    "wagtailadmin_explore_root": "redirects to the part of the tree they may edit",
    "wagtailadmin_explore": "redirects to the part of the tree they may edit",
    "wagtailadmin_explore_results": "redirects to the part of the tree they may edit",
    "wagtailadmin_pages:revisions_index": "redirects to the history, which refuses",
    "wagtailadmin_pages:search": "page titles, as the public site shows them",
    "wagtailadmin_pages:search_results": "page titles, as the public site shows them",
    "wagtailadmin_pages:choose_parent": "lists only parents they may add to",
    "wagtailadmin_pages:type_use": "page titles of a type",
    "wagtailadmin_pages:type_use_results": "page titles of a type",
    "wagtailadmin_pages:confirm_workflow_cancellation": "whether the page is in moderation, "
                                                        "and the workflow's name",
    "wagtailadmin_choose_page": "choosing a link target: titles of the whole tree",
    "wagtailadmin_choose_page_child": "choosing a link target: titles of the whole tree",
    "wagtailadmin_choose_page_search": "choosing a link target",
    "wagtailadmin_choose_page_chosen_multiple": "choosing a link target",
    "wagtailadmin_choose_page_external_link": "a link form",
    "wagtailadmin_choose_page_email_link": "a link form",
    "wagtailadmin_choose_page_phone_link": "a link form",
    "wagtailadmin_choose_page_anchor_link": "a link form",
    "wagtailadmin_api:pages:listing": "the explorer's menu, their pages",
    "wagtailadmin_api:pages:detail": "the explorer's menu: their pages and ancestors",
    "wagtailadmin_api:images:listing": "Wagtail's admin API: titles of all images",
    "wagtailadmin_api:images:detail": "Wagtail's admin API: an image's title",
    "wagtailadmin_api:documents:listing": "Wagtail's admin API: titles of all documents",
    "wagtailadmin_api:documents:detail": "Wagtail's admin API: a document's title",
    "wagtailimages_chooser:choose": "images of the collections they may choose from",
    "wagtailimages_chooser:choose_results": "images they may choose",
    "wagtailimages_chooser:chosen_multiple": "images they may choose",
    "wagtaildocs_chooser:choose": "documents they may choose",
    "wagtaildocs_chooser:choose_results": "documents they may choose",
    "wagtaildocs_chooser:chosen_multiple": "documents they may choose",
    "wagtailmedia:chooser": "media they may choose",
    "wagtailmedia:chooser_typed": "media they may choose",
    "wagtailembeds:chooser": "an embed form",
    "wagtailembeds:chooser_upload": "an embed form",
    "wagtailsearchpromotions:chooser": "search terms",
    "wagtailsearchpromotions:chooserresults": "search terms",
    "wagtailadmin_workflows:task_chooser": "task names",
    "wagtailadmin_workflows:task_chooser_results": "task names",
    "wagtailadmin_workflows:task_chooser_create": "a task form",
    "wagtailadmin_workflows:task_chosen": "a task name",
    "wagtailsnippetchoosers_taxonomy_topic:choose": "topics are public",
    "wagtailsnippetchoosers_taxonomy_topic:choose_results": "topics are public",
    "wagtailsnippetchoosers_taxonomy_topic:chosen": "topics are public",
    "wagtailsnippetchoosers_taxonomy_topic:chosen_multiple": "topics are public",
    "wagtailsnippetchoosers_widgets_widget:choose": "widget names, to link one",
    "wagtailsnippetchoosers_widgets_widget:choose_results": "widget names",
    "wagtailsnippetchoosers_widgets_widget:chosen": "a widget name",
    "wagtailsnippetchoosers_widgets_widget:chosen_multiple": "widget names",
    "wagtailsnippetchoosers_home_navigationmenu:choose": "the menu is public",
    "wagtailsnippetchoosers_home_navigationmenu:choose_results": "the menu is public",
    "wagtailsnippetchoosers_home_navigationmenu:chosen": "the menu is public",
    "wagtailsnippetchoosers_home_navigationmenu:chosen_multiple": "the menu is public",
    "wagtailsnippetchoosers_home_footer:choose": "the footer is public",
    "wagtailsnippetchoosers_home_footer:choose_results": "the footer is public",
    "wagtailsnippetchoosers_home_footer:chosen": "the footer is public",
    "wagtailsnippetchoosers_home_footer:chosen_multiple": "the footer is public",
    "wagtailsnippetchoosers_crisis_crisishelpline:choose": "helplines are public",
    "wagtailsnippetchoosers_crisis_crisishelpline:choose_results": "helplines are public",
    "wagtailsnippetchoosers_crisis_crisishelpline:chosen": "helplines are public",
    "wagtailsnippetchoosers_crisis_crisishelpline:chosen_multiple": "helplines are public",
    "wagtailsnippetchoosers_crisis_crisisterm:choose": "public notice words",
    "wagtailsnippetchoosers_crisis_crisisterm:choose_results": "public notice words",
    "wagtailsnippetchoosers_crisis_crisisterm:chosen": "public notice words",
    "wagtailsnippetchoosers_crisis_crisisterm:chosen_multiple": "public notice words",
    "wagtail_localize:snippets_api_listing": "topics are public",
    "wagtail_localize:snippets_api_detail": "topics are public",
    "wagtail_localize:translations_report": "which pages are translated: titles",
    "wagtail_localize:translations_report_results": "which pages are translated: titles",
    "wagtailadmin_reports:aging_pages": "filtered to pages they may edit",
    "wagtailadmin_reports:aging_pages_results": "filtered to pages they may edit",
    "wagtailadmin_reports:page_types_usage": "counts per page type",
    "wagtailadmin_reports:page_types_usage_results": "counts per page type",
    "wagtailadmin_reports:site_history": "filtered to what they may see",
    "wagtailadmin_reports:site_history_results": "filtered to what they may see",
    "wagtailadmin_reports:workflow": "filtered to pages they may edit",
    "wagtailadmin_reports:workflow_results": "filtered to pages they may edit",
    "wagtailadmin_reports:workflow_tasks": "filtered to pages they may edit",
    "wagtailadmin_reports:workflow_tasks_results": "filtered to pages they may edit",
    "directory_reports:offers_to_verify": "their own entries",
    "directory_reports:offers_to_verify_results": "their own entries",
    "directory_import": "imports into their own subtree (each row checked)",
    "campaigns_material_report": "materials they may edit",
    "campaigns_material_report_results": "materials they may edit",
    "campaigns_download_report": "campaigns they may edit",
    "campaigns_download_report_results": "campaigns they may edit",
    "wagtailforms:index": "form pages they may edit (none)",
    "wagtailforms:index_results": "form pages they may edit (none)",
    "contact_messages:index": "messages to their own centre",
    "contact_messages:index_results": "messages to their own centre",
    "bulk": "the confirmation lists what they may not change; the POST changes nothing",
}


def expected(role, action):
    """The outcomes the policy allows for the role (DELETED: redirected and gone)."""
    if role in WITHOUT_ADMIN_ACCESS:
        return {LOGIN}
    admin = _admin_answer(action)
    if role == "admin":
        return {admin}
    refused = REFUSED | ({NOT_ALLOWED} if admin == NOT_ALLOWED else set())
    if action.method == "POST":
        refused |= {REDIRECT}  # sent back, with the object still there (see `judge`)
    label = action.id.split(" ", 1)[1]
    key = "bulk" if action.bulk else action.route.name
    every_editor_reaches = key in EDITORS_REACH and action.method == "GET"
    if role == "national_editor":
        if not label.startswith(NOT_FOR_NATIONAL_EDITORS):
            return {admin}
        # outside their areas they get what every editor gets (a bulk confirmation lists
        # what they may not do)
        return refused | ({OK} if every_editor_reaches else set())
    if every_editor_reaches:
        return refused | {OK, REDIRECT}
    return refused


def _admin_answer(action):
    name, label = action.route.name, action.route.label
    keys = [action.id, f"POST {label}"]
    if action.method == "GET":
        keys = [action.id.split(" ", 1)[1], label, name]
    for key in keys:
        if key in ADMIN_ANSWERS:
            return ADMIN_ANSWERS[key][0]
    return DELETED if action.method == "POST" else OK


# --- the admin URLs ----------------------------------------------------------------------

@dataclass(frozen=True)
class Route:
    name: str  # namespaced URL name
    kwargs: tuple  # the URL's keyword arguments, sorted
    label: str = ""  # the name, with the arguments where several URLs share the name

    @property
    def namespace(self):
        return self.name.rpartition(":")[0]


def _walk(patterns, namespace="", kwargs=()):
    for pattern in patterns:
        names = kwargs + tuple(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, inner, names)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield Route(name, tuple(sorted(names)))


def admin_routes():
    """Every named URL below /admin/ (the unnamed ones are Wagtail's catch-all 404s)."""
    admin = next(p for p in get_resolver().url_patterns
                 if isinstance(p, URLResolver) and str(p.pattern) == "admin/")
    routes = [route for route in dict.fromkeys(_walk(admin.url_patterns))
              if route.name not in NOT_IN_MATRIX]
    names = [route.name for route in routes]
    return [Route(route.name, route.kwargs, route.name if names.count(route.name) == 1
                  else f"{route.name}<{','.join(route.kwargs)}>") for route in routes]


PAGE_KWARGS = {"page_id", "parent_page_id", "page_to_move_id", "page_pk",
               "content_type_app_name"}
WORKFLOW_KWARGS = {"task_state_id", "workflow_state_id", "task_id"}


def is_page_route(route):
    kwargs = set(route.kwargs)
    if kwargs & PAGE_KWARGS:
        return True
    if route.namespace == "wagtailadmin_pages":
        return bool(kwargs & {"pk", "app_label"})
    return "pk" in kwargs and route.namespace == "wagtailadmin_api:pages"


def page_types():
    """The page types an editor can add (Wagtail's root `Page` aside)."""
    return [model for model in get_page_models() if model.is_creatable]


def is_delete(route):
    return route.name.rpartition(":")[2].startswith("delete")


@dataclass(frozen=True)
class Action:
    route: Route
    method: str = "GET"
    subject_type: type | None = None  # a page type or a settings model
    bulk: tuple | None = None  # (app_label, model_name, action_type)

    @property
    def id(self):
        label = "bulk:" + ".".join(self.bulk) if self.bulk else self.route.label
        if self.subject_type:
            label += f"[{self.subject_type.__name__}]"
        return f"{self.method} {label}"


def _bulk_actions(route):
    bulk_action_registry._scan_for_bulk_actions()  # Wagtail fills it on first use
    for app_label, models in bulk_action_registry.actions.items():
        for model_name, types in models.items():
            for action_type in types:
                yield Action(route, bulk=(app_label, model_name, action_type))
                if action_type == "delete":
                    yield Action(route, "POST", bulk=(app_label, model_name, action_type))


def admin_actions():
    actions = []
    for route in admin_routes():
        if route.name == "wagtail_bulk_action":
            actions += _bulk_actions(route)
            continue
        subjects = [None]
        if route.namespace == "wagtailsettings":
            subjects = list(settings_registry)  # none registered today
        elif is_page_route(route) and not set(route.kwargs) & WORKFLOW_KWARGS:
            subjects = page_types()
        for subject in subjects:
            actions.append(Action(route, subject_type=subject))
            if is_delete(route):
                actions.append(Action(route, "POST", subject_type=subject))
    return actions


ACTIONS = admin_actions()


# --- the world: one set of objects and signed-in clients for the whole module ---------------

@dataclass
class World:
    pages: dict = field(default_factory=dict)  # page type -> a page nobody tested owns
    objects: dict = field(default_factory=dict)  # model -> an instance of Y, B or nobody
    clients: dict = field(default_factory=dict)
    own: dict = field(default_factory=dict)  # what the editors own, to check they reach it
    extra: dict = field(default_factory=dict)


def build_world():
    from campaigns.demo import PARTNER_GROUP, _partner_collection
    from campaigns.tests.factories import (
        CampaignIndexPageFactory,
        CampaignPageFactory,
        MaterialPageFactory,
        document,
        image_file,
        media,
    )
    from directory.models import ContactMessage
    from directory.permissions import setup_editor_group
    from directory.tests.factories import (
        OnlineOfferPageFactory,
        OrganisationPageFactory,
        RegionalCentrePageFactory,
        SelfHelpGroupPageFactory,
        TopicFactory,
        make_directory,
    )
    from directory.widgets.models import Widget
    from home.tests.factories import ContentPageFactory
    from home.translation import ensure_locales, translate

    world = World()
    locales = ensure_locales(["de", "fr", "it"])
    _keep_few_localities()
    tree = make_directory()
    home, index = tree["home"], tree["index"]
    centre_x, league_a = tree["centre"], tree["league"]
    centre_y = RegionalCentrePageFactory(parent=index, title="Selbsthilfe ZH",
                                         slug="selbsthilfe-zh")
    league_b = OrganisationPageFactory(parent=index, title="Krebsliga", slug="krebsliga")
    group_y = SelfHelpGroupPageFactory(parent=centre_y, title="Trauergruppe Zürich")
    online_b = OnlineOfferPageFactory(parent=league_b, title="Forum nach Krebs")
    own_group = SelfHelpGroupPageFactory(parent=centre_x, title="Trauergruppe Bern")
    own_online = OnlineOfferPageFactory(parent=league_a, title="Forum Atemwege")

    # partner-only files: the partner group of the demo, its private collection
    partner_collection, partner_group = _partner_collection()
    assert partner_group.name == PARTNER_GROUP
    library = CampaignIndexPageFactory(parent=home)
    campaign = CampaignPageFactory(parent=library, title="Aktionswoche Atemwege")
    material = MaterialPageFactory(
        parent=campaign, title="Plakat nur für Partner", slug="plakat-partner",
        material_type="visual", image=image_file("partner.png", in_collection=partner_collection))
    variant_material = MaterialPageFactory(
        parent=campaign, title="Plakat mit Varianten", slug="plakat-varianten",
        material_type="visual", image=image_file("oeffentlich.png"))
    partner_document = document("intern.pdf", in_collection=partner_collection)
    variant_material.variants.create(label="intern", document=partner_document)
    variant_material.save_revision().publish()
    variant = variant_material.variants.model.objects.get(page=variant_material)
    private_campaign = CampaignPageFactory(parent=library, title="Interne Woche")
    restriction = PageViewRestriction.objects.create(
        page=private_campaign, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([partner_group])
    MaterialPageFactory(parent=private_campaign, title="Medienmitteilung intern",
                        slug="medienmitteilung-intern")
    content = ContentPageFactory(parent=home)

    for page in (home, content, index, centre_y, league_b, group_y, online_b, library,
                 campaign, material):
        page.save_revision()  # every page has a revision to view, compare and revert
        world.pages[page.specific_class] = page.specific

    admin = User.objects.create_superuser("admin", "admin@example.ch", "pw")
    users = {role: User.objects.create_user(role, f"{role}@example.ch", "pw")
             for role in ROLES[1:-1]}
    users["admin"] = admin
    users["partner"].groups.add(partner_group)
    users["centre_editor"].groups.add(setup_editor_group(centre_x))
    users["league_editor"].groups.add(setup_editor_group(league_a))
    users["national_editor"].groups.add(Group.objects.get(name="Moderators"))
    for page in (centre_y, league_b):
        setup_editor_group(page)
    world.clients["anonymous"] = Client()
    for role, user in users.items():
        world.clients[role] = Client()
        world.clients[role].force_login(user)

    foreign_message = ContactMessage.objects.create(
        centre=centre_y, offer=group_y, name=FOREIGN_SENDER, email="beat@example.ch",
        message=FOREIGN_MESSAGE)
    log(foreign_message, "wagtail.create", user=admin)  # as site history would show it
    own_message = ContactMessage.objects.create(
        centre=centre_x, offer=own_group, name="Anna Eigen", email="anna@example.ch",
        message="Gibt es noch Platz?")
    world.own = {"centre_editor": [f"/admin/pages/{own_group.pk}/edit/",
                                   f"/admin/contact_messages/inspect/{own_message.pk}/"],
                 "league_editor": [f"/admin/pages/{own_online.pk}/edit/"]}

    collection = Collection.get_first_root_node().add_child(name="Krebsliga Bilder")
    workflow = group_y.get_workflow()
    workflow_state = workflow.start(group_y, admin)
    translate(group_y, locales["fr"], {})
    _add_objects(world, locales, admin, foreign_message, group_y)
    world.objects[SearchPromotion] = SearchPromotion.objects.create(
        query=world.objects[Query], page=online_b, sort_order=0)
    world.objects[Widget] = Widget.objects.create(name="Krebsliga Website",
                                                  organisation=league_b)
    world.objects[TopicFactory._meta.model] = TopicFactory(name="Trauer", slug="trauer")
    world.objects[get_image_model()] = image_file("krebsliga.png", in_collection=collection)
    world.objects[get_document_model()] = document("krebsliga.pdf", in_collection=collection)
    world.objects[get_media_model()] = media("audio", in_collection=collection)
    _add_site_snippets(world, locales["de"])
    world.extra.update({
        "workflow_state": workflow_state,
        "task_state": workflow_state.current_task_state,
        "moderated_page": group_y,
        "material": material,
        "variant_material": variant_material,
        "variant": variant,
        "partner_document": partner_document,
        "campaign": campaign,
        "library": library,
        "private_campaign": private_campaign,
    })
    return world


def _add_site_snippets(world, locale):
    """The menu, footer and crisis help: national snippets that no centre or league owns."""
    from crisis.models import CrisisHelpline, CrisisTerm
    from home.navigation import Footer, NavigationMenu

    world.objects[NavigationMenu] = NavigationMenu.objects.create(locale=locale)
    world.objects[Footer] = Footer.objects.create(locale=locale, organisation="Entraide")
    world.objects[CrisisHelpline] = CrisisHelpline.objects.create(
        locale=locale, name="Die Dargebotene Hand", phone="143")
    world.objects[CrisisTerm] = CrisisTerm.objects.create(locale=locale, name="Suizid",
                                                          words="suizid")


def _keep_few_localities():
    """Offer and centre forms list every locality in a select: 5,772 options make each of
    those admin pages take seconds. A few are enough to see who may open them."""
    from taxonomy.models import Locality

    keep = Locality.objects.filter(postal_code__in=["3011", "8001", "1003"]).values("pk")
    Locality.objects.exclude(pk__in=keep).delete()


def _add_objects(world, locales, admin, message, group_y):
    from wagtail.admin.models import EditingSession
    from wagtail_localize.models import OverridableSegment, StringSegment, Translation

    translation = Translation.objects.get(source__object_id=group_y.translation_key,
                                          target_locale=locales["fr"])
    world.objects.update({
        type(message): message,
        Collection: Collection.get_first_root_node().add_child(name="Leer"),  # deletable
        Workflow: group_y.get_workflow(),
        Task: group_y.get_workflow().tasks.first(),
        Site: Site.objects.get(is_default_site=True),
        Locale: locales["it"],
        User: User.objects.get(username="no_rights"),
        Group: Group.objects.get(name="Editors: Selbsthilfe ZH"),
        Redirect: Redirect.objects.create(old_path="/zh-trauer", redirect_page=group_y),
        Query: Query.get("krebs"),
        UploadedFile: UploadedFile.objects.create(
            for_content_type=ContentType.objects.get_for_model(get_image_model()),
            file=ContentFile(b"x", name="upload.png"), uploaded_by_user=admin),
        Translation: translation,
        StringSegment: StringSegment.objects.filter(source=translation.source).first(),
        OverridableSegment: OverridableSegment.objects.filter(
            source=translation.source).first(),
        EditingSession: EditingSession.objects.create(
            user=admin, content_type=ContentType.objects.get_for_model(Page),
            object_id=str(group_y.pk), last_seen_at=timezone.now()),
    })


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory, request):
    """One database setup for the whole module, rolled back at its end; each test and each
    request that may change something runs in a savepoint inside it."""
    media_root = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media_root), templates_not_recorded(), \
            django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        if not request.config.pluginmanager.has_plugin(SUMMARY_NAME):
            request.config.pluginmanager.register(SUMMARY, SUMMARY_NAME)
        yield built
        transaction.set_rollback(True)


@contextmanager
def templates_not_recorded():
    """Django's test client keeps a copy of the context of every template rendered (some
    16,000 for a page's edit form); the matrix reads only answers and text, and saves about a
    tenth of its time without them."""
    from django.template import Template

    recording = Template._render
    Template._render = lambda template, context: template.nodelist.render(context)
    try:
        yield
    finally:
        Template._render = recording


# --- filling in a URL ----------------------------------------------------------------------

class CannotFill(Exception):
    pass


# The model named by <app_label>/<model_name> in URLs that are not about pages.
MODEL_IN_URL = {
    "wagtailadmin_tag_model_autocomplete": "taggit.tag",
    "wagtailadmin_workflows:add_task": "wagtailcore.groupapprovaltask",
    "wagtailadmin_editing_sessions:ping": "wagtailcore.page",
    "wagtail_localize:submit_snippet_translation": "taxonomy.topic",
    "wagtail_localize:snippets_api_listing": "taxonomy.topic",
    "wagtail_localize:snippets_api_detail": "taxonomy.topic",
}


# What a delete view named by this argument deletes, where it is not the object named.
DELETES = {"query_id": SearchPromotion}


def viewset_model(namespace):
    for viewset in viewsets.viewsets:
        if getattr(viewset, "name", None) and viewset.url_namespace == namespace:
            model = getattr(viewset, "model", None)
            return apps.get_model(model) if isinstance(model, str) else model
    return None


def fill_kwargs(action, world):
    """The URL's keyword arguments, naming objects the tested editors do not own; and the
    object the URL is about (checked after a delete POST)."""
    route, kwargs = action.route, {}
    page = _page_of(action, world)
    subject = page
    from wagtail.admin.models import EditingSession
    from wagtail_localize.models import OverridableSegment, StringSegment, Translation

    objects = world.objects
    by_name = {
        "image_id": get_image_model(), "document_id": get_document_model(),
        "doc_id": get_document_model(), "media_id": get_media_model(),
        "redirect_id": Redirect, "query_id": Query, "collection_id": Collection,
        "uploaded_file_id": UploadedFile, "translation_id": Translation,
        "string_segment_id": StringSegment, "overridable_segment_id": OverridableSegment,
        "session_id": EditingSession, "task_id": Task, "workflow_pk": Workflow,
    }
    fixed = {
        "media_type": "audio", "filter_spec": "original", "mode": "default",
        "revision_id_a": "earliest", "revision_id_b": "latest",
        "action_name": "approve" if "workflow" in route.name else "copy",
        "task_state_id": world.extra["task_state"].pk,
        "workflow_state_id": world.extra["workflow_state"].pk,
        "translation_source_id": objects[Translation].source_id,
        "object_id": objects[EditingSession].object_id,
    }
    model_in_url = _model_in_url(route, page)
    for name in route.kwargs:
        if name in by_name:
            kwargs[name] = getattr(objects[by_name[name]], "pk", 0)
            subject = subject or objects[DELETES.get(name, by_name[name])]
        elif name in fixed:
            kwargs[name] = fixed[name]
        elif name in ("app_label", "app_name", "content_type_app_name") and model_in_url:
            kwargs[name] = model_in_url._meta.app_label
        elif name in ("model_name", "content_type_model_name") and model_in_url:
            kwargs[name] = model_in_url._meta.model_name
        elif page is not None and name in ("page_id", "page_to_move_id", "page_pk", "pk"):
            kwargs[name] = page.pk
        elif page is not None and name == "parent_page_id":
            adding = "content_type_app_name" in route.kwargs
            kwargs[name] = (_parent_for(page, world) if adding else page).pk
        elif page is not None and name == "destination_id":
            kwargs[name] = page.get_parent().pk
        elif page is not None and name == "revision_id":
            kwargs[name] = page.latest_revision_id
        elif name == "pk":
            subject = _object_for(route, world)
            kwargs[name] = subject.pk
        else:
            raise CannotFill(f"{route.name}: no value for <{name}>: teach fill_kwargs")
    return kwargs, subject


def _page_of(action, world):
    if action.subject_type and issubclass(action.subject_type, Page):
        page = world.pages.get(action.subject_type)
        if page is None:
            raise CannotFill(f"no {action.subject_type.__name__} in build_world: add one")
        return page
    if is_page_route(action.route):
        return world.extra["moderated_page"]  # the page in moderation, for workflow URLs
    return None


def _model_in_url(route, page):
    if route.name in MODEL_IN_URL:
        return apps.get_model(MODEL_IN_URL[route.name])
    return page.specific_class if page is not None else None


def _parent_for(page, world):
    """A page where this page's type may be added (for the "add" views)."""
    allowed = page.specific_class.allowed_parent_page_models()
    for candidate in world.pages.values():
        if candidate.specific_class in allowed and candidate.pk != page.pk:
            return candidate
    return page.get_parent()


def _object_for(route, world):
    model = viewset_model(route.namespace)
    if route.namespace == "wagtailadmin_collections":
        model = Collection
    elif route.namespace == "wagtailadmin_workflows":
        model = Task if "task" in route.name else Workflow
    elif route.namespace == "wagtailadmin_api:images":
        model = get_image_model()
    elif route.namespace == "wagtailadmin_api:documents":
        model = get_document_model()
    elif route.name in MODEL_IN_URL:
        model = apps.get_model(MODEL_IN_URL[route.name])
    if model not in world.objects:
        raise CannotFill(f"{route.name}: no object for <pk>: teach fill_kwargs")
    return world.objects[model]


def url_and_subject(action, world):
    if action.bulk:
        app_label, model_name, action_type = action.bulk
        subject = _bulk_subject(app_label, model_name, world)
        url = reverse(action.route.name, kwargs={
            "app_label": app_label, "model_name": model_name, "action": action_type})
        return f"{url}?id={subject.pk}", subject
    kwargs, subject = fill_kwargs(action, world)
    return reverse(action.route.name, kwargs=kwargs), subject


def _bulk_subject(app_label, model_name, world):
    model = apps.get_model(app_label, model_name)
    if issubclass(model, Page):
        return world.extra["moderated_page"]
    return world.objects[model]


# --- asking --------------------------------------------------------------------------------

def outcome(response):
    status = response.status_code
    if status in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("wagtailadmin_login")):
            return LOGIN
        errors = [m for m in get_messages(response.wsgi_request) if m.level == ERROR]
        if location == reverse("wagtailadmin_home") and errors:
            return DENIED  # Wagtail's answer to PermissionDenied outside XHR
        return REDIRECT
    if status == 403:
        return DENIED
    return str(status)


def ask(client, method, url, role=None):
    client.cookies.pop("messages", None)  # only this request's messages count
    started = time.process_time()
    response = client.post(url) if method == "POST" else client.get(url)
    SUMMARY.seconds[role] = SUMMARY.seconds.get(role, 0) + time.process_time() - started
    return response


def still_exists(subject):
    return type(subject)._default_manager.filter(pk=subject.pk).exists()


def judge(role, action, response, subject):
    """What is wrong with this answer, or None."""
    result = outcome(response)
    allowed = expected(role, action)
    if action.method == "POST" and subject is not None and not still_exists(subject):
        result = DELETED
        if result == DELETED and DELETED not in allowed:
            return f"deleted {subject!r}: the delete must be refused"
    if result not in allowed:
        return f"got {result} ({response.status_code}), expected {' or '.join(sorted(allowed))}"
    if result == OK and role not in ("admin", "national_editor") and not response.streaming:
        shown = [text for text in PRIVATE_TEXTS if text in response.content.decode()]
        if shown:
            return f"shows another centre's message: {shown}"
    return None


@dataclass
class Summary:
    cells: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)  # processor time of the requests, by role

    def pytest_terminal_summary(self, terminalreporter):
        if not self.cells:
            return
        admin = {action for kind, _, action in self.cells if kind == "admin"}
        public = {action for kind, _, action in self.cells if kind == "public"}
        counts = {}
        for result in self.cells.values():
            counts[result] = counts.get(result, 0) + 1
        terminalreporter.write_sep("-", "permission matrix")
        terminalreporter.write_line(
            f"{len(ROLES)} roles x ({len(admin)} admin actions + {len(public)} public "
            f"download channels) = {len(self.cells)} cells; answers: "
            + ", ".join(f"{count} {result}" for result, count in sorted(counts.items())))
        terminalreporter.write_line("processor seconds of the requests: " + ", ".join(
            f"{role} {self.seconds[role]:.1f}" for role in ROLES if role in self.seconds))


SUMMARY = Summary()
SUMMARY_NAME = "permission-matrix-summary"


# --- the tests ---------------------------------------------------------------------------------

@pytest.mark.parametrize("action", ACTIONS, ids=lambda action: action.id)
def test_admin_url_answers_each_role_as_the_policy_says(world, db, action):
    url, subject = url_and_subject(action, world)
    wrong = []
    for role in ROLES:
        with transaction.atomic():  # a delete that worked is undone before the next role
            response = ask(world.clients[role], action.method, url, role)
            problem = judge(role, action, response, subject)
            SUMMARY.cells[("admin", role, action.id)] = outcome(response)
            transaction.set_rollback(True)
        if problem:
            wrong.append(f"{role}: {problem}")
    assert not wrong, f"{action.method} {url}\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", sorted(EDITORS))
def test_editors_reach_their_own_pages_and_messages(world, db, role):
    """The refusals above are refusals of other centres' things, not of everything."""
    for url in world.own[role]:
        assert ask(world.clients[role], "GET", url).status_code == 200, url


def test_every_admin_url_is_in_the_matrix():
    """A URL pattern nobody can fill in would silently drop out: each named admin URL is
    either in the matrix or in NOT_IN_MATRIX with a reason."""
    in_matrix = {action.route for action in ACTIONS}
    left_out = [route.name for route in admin_routes() if route not in in_matrix
                and route.namespace != "wagtailsettings"]
    assert left_out == []
    assert len(ACTIONS) > 600  # every page URL for each page type: not a handful


@pytest.mark.parametrize("page_type", page_types(), ids=lambda model: model.__name__)
def test_every_page_type_editors_can_add_has_a_template(page_type):
    """A type in the "add page" list without a template answers 500 on preview and on the
    site (a bare OfferPage could be added below a content page)."""
    from django.template.loader import get_template

    assert get_template(page_type.template)


# --- public download channels of partner-only files ---------------------------------------

def _channels(world):
    material, variant_material = world.extra["material"], world.extra["variant_material"]
    variant, campaign = world.extra["variant"], world.extra["campaign"]
    private = world.extra["private_campaign"]
    library = world.extra["library"]
    return {
        "material page": material.url,
        "material download": material.url + "download/image/",
        "material rendition": material.url + "rendition/web/png/",
        "material play": material.url + "play/image/",
        "variant download": variant_material.url + f"download/variant-{variant.pk}-document/",
        "document URL": world.extra["partner_document"].url,
        "private campaign page": private.url,
        "campaign ZIP": campaign.url + "zip/",
        "selection ZIP": library.url + f"zip/?material={material.pk}"
                                       f"&material={variant_material.pk}",
        "private campaign ZIP": private.url + "zip/",
    }


def _partner_files(world, channel):
    """The names the partner-only files get in the channel's ZIP."""
    from campaigns.files import material_files
    from campaigns.models import MaterialPage

    if channel == "private campaign ZIP":
        return {"text/medienmitteilung-intern.txt"}
    material, variant_material = MaterialPage.objects.filter(pk__in=[
        world.extra["material"].pk, world.extra["variant_material"].pk]).order_by("path")
    names = {f"{material.material_type}/{file.name}" for file in material_files(material)}
    names |= {f"{variant_material.material_type}/{file.name}"
              for file in material_files(variant_material) if file.key.startswith("variant-")}
    return names


SEES_PARTNER_FILES = {"partner", "admin"}


def public_outcome(response, private_names):
    if response.status_code in (301, 302):
        return LOGIN if "login" in response["Location"] else REDIRECT
    if response.status_code == 403:
        return DENIED
    if response.status_code == 200 and response.get("Content-Type") == "application/zip":
        data = b"".join(response.streaming_content) if response.streaming \
            else response.content
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        if private_names <= names:
            return "zip with the partner files"
        if private_names & names:
            return f"zip with some partner files: {sorted(private_names & names)}"
        return "zip without them"
    return str(response.status_code)


def public_expected(role, channel):
    sees = role in SEES_PARTNER_FILES
    if channel.endswith("ZIP"):
        if sees:
            return {"zip with the partner files"}
        if channel == "private campaign ZIP":
            return {LOGIN} if role == "anonymous" else {DENIED}
        if channel == "selection ZIP":
            return {"zip without them", NOT_FOUND}
        return {"zip without them"}
    if sees:
        return {OK}
    return {LOGIN} if role == "anonymous" else {DENIED, LOGIN}


@pytest.mark.parametrize("channel", ["material page", "material download", "material rendition",
                                     "material play", "variant download", "document URL",
                                     "private campaign page", "campaign ZIP", "selection ZIP",
                                     "private campaign ZIP"])
def test_partner_only_files_reach_only_the_partner(world, db, channel):
    url = _channels(world)[channel]
    private_names = _partner_files(world, channel)
    wrong = []
    for role in ROLES:
        with transaction.atomic():
            result = public_outcome(ask(world.clients[role], "GET", url, role), private_names)
            transaction.set_rollback(True)
        SUMMARY.cells[("public", role, channel)] = result
        if result not in public_expected(role, channel):
            wrong.append(f"{role}: got {result}, expected "
                         f"{' or '.join(sorted(public_expected(role, channel)))}")
    assert not wrong, f"GET {url}\n" + "\n".join(wrong)
