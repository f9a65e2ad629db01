"""Admin and serving hooks of the campaign library."""

from datetime import datetime, time, timedelta

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .access import forbid_other_partners, refusal_of_file
from .models import CampaignIndexPage, CampaignPage, MaterialPage
from .reports import (
    EDITOR_PERMISSIONS,
    CampaignDownloadsReportView,
    ExpiryPanel,
    MaterialReportView,
    page_policy,
)


@hooks.register("before_serve_page", order=-10)
def partner_pages_forbid_other_partners(page, request, serve_args, serve_kwargs):
    if isinstance(page, CampaignIndexPage | CampaignPage | MaterialPage):
        forbid_other_partners(request, page)


@hooks.register("before_serve_document")
def documents_of_materials_follow_their_material(document, request):
    """A document a material owns is served at /documents/ only to whom may see the material
    (access.py): expired, unpublished and partner-only material stays closed there too, even
    where the same document is also linked from another page. Images and media have no such
    route (no wagtailimages serve view, and wagtailmedia has none): the material's download,
    play and rendition views are theirs."""
    return refusal_of_file(request, document)


@hooks.register("register_admin_urls")
def report_urls():
    urls = []
    for view, url, name in ((MaterialReportView, "materials", "campaigns_material_report"),
                            (CampaignDownloadsReportView, "downloads",
                             "campaigns_download_report")):
        urls += [path(f"reports/campaigns/{url}/", view.as_view(), name=name),
                 path(f"reports/campaigns/{url}/results/", view.as_view(results_only=True),
                      name=f"{name}_results")]
    return urls


class EditorMenuItem(MenuItem):
    def is_shown(self, request):
        return page_policy().user_has_any_permission(request.user, EDITOR_PERMISSIONS)


@hooks.register("register_reports_menu_item")
def material_report_menu_item():
    return EditorMenuItem(_("Campaign materials"), reverse("campaigns_material_report"),
                          name="campaign-materials", icon_name="media", order=1500)


@hooks.register("register_reports_menu_item")
def download_report_menu_item():
    return EditorMenuItem(_("Campaign downloads"), reverse("campaigns_download_report"),
                          name="campaign-downloads", icon_name="download", order=1510)


@hooks.register("construct_homepage_panels")
def expiry_panel(request, panels):
    panels.append(ExpiryPanel())


@hooks.register("page_cache_changes_at")
def material_rights_end(now):
    """A material's rights end at the close of their last day (no signal tells the page cache:
    site/page_cache.py keeps pages no longer than that)."""
    today = timezone.localdate(now)
    last_day = (MaterialPage.objects.live().filter(expires_on__gte=today)
                .order_by("expires_on").values_list("expires_on", flat=True).first())
    if last_day is None:
        return None
    return timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min))
