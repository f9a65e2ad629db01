"""What editors see of the library in the admin: materials whose rights expired or expire soon
(a report, also announced on the dashboard) and how often materials and campaigns were
downloaded (files, renditions and ZIPs)."""

import datetime

import django_filters
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, Length, Substr
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .models import EXPIRY_WARNING, CampaignPage, DownloadCount, MaterialPage, MaterialType

RECENT = datetime.timedelta(days=30)
EDITOR_PERMISSIONS = ["add", "change", "publish"]


def page_policy():
    return policy_registry.get_by_type(Page)


def editable(model, user):
    """The pages of this type the user may edit."""
    pages = page_policy().instances_user_has_permission_for(user, "change")
    return model.objects.filter(pk__in=pages.values("pk"))


def expiry_status(material, today=None):
    if material.is_expired(today):
        return _("expired")
    if material.expires_soon(today):
        return _("expires soon")
    return ""


def _downloads(prefix=""):
    recent = Q(**{f"{prefix}day__gte": timezone.localdate() - RECENT})
    return {"downloads": Coalesce(Sum(f"{prefix}count"), 0),
            "downloads_recent": Coalesce(Sum(f"{prefix}count", filter=recent), 0)}


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


class MaterialReportFilterSet(WagtailFilterSet):
    rights = django_filters.ChoiceFilter(
        label=_("Rights"), method="filter_rights", empty_label=_("All materials"),
        choices=[("expired", _("Expired")), ("soon", _("Expire within 30 days")),
                 ("limited", _("With an expiry date"))])
    material_type = django_filters.ChoiceFilter(label=_("Type"), choices=MaterialType.choices)

    class Meta:
        model = MaterialPage
        fields = ["rights", "material_type", "locale"]

    def filter_rights(self, queryset, name, value):
        today = timezone.localdate()
        if value == "expired":
            return queryset.filter(expires_on__lt=today)
        if value == "soon":
            return queryset.filter(expires_on__gte=today, expires_on__lte=today + EXPIRY_WARNING)
        if value == "limited":
            return queryset.filter(expires_on__isnull=False)
        return queryset


class MaterialReportView(ReportView):
    page_title = _("Campaign materials")
    header_icon = "media"
    filterset_class = MaterialReportFilterSet
    index_url_name = "campaigns_material_report"
    index_results_url_name = "campaigns_material_report_results"
    any_permission_required = EDITOR_PERMISSIONS
    list_export = ["title", "campaign_title", "material_type", "locale", "expires_on",
                   "downloads", "downloads_recent"]
    export_headings = {"campaign_title": _("Campaign"), "downloads": _("Downloads"),
                       "downloads_recent": _("Downloads in the last 30 days")}
    columns = [
        TitleColumn("title", label=_("Material"), get_url=_edit_url),
        Column("campaign_title", label=_("Campaign")),
        Column("type_label", label=_("Type"), accessor="get_material_type_display"),
        Column("locale", label=_("Language")),
        StatusTagColumn("rights_status", label=_("Rights"), accessor=expiry_status,
                        primary=lambda material: material.is_expired()),
        DateColumn("expires_on", label=_("Expire on")),
        NumberColumn("downloads", label=_("Downloads")),
        NumberColumn("downloads_recent", label=_("Last 30 days")),
    ]

    @cached_property
    def permission_policy(self):
        return page_policy()

    def get_queryset(self):
        counts = DownloadCount.objects.filter(material=OuterRef("pk")).order_by() \
            .values("material").annotate(**_downloads())
        campaigns = CampaignPage.objects.filter(path=OuterRef("parent_path"))
        return editable(MaterialPage, self.request.user).select_related("locale").annotate(
            downloads=Coalesce(Subquery(counts.values("downloads")), 0,
                               output_field=IntegerField()),
            downloads_recent=Coalesce(Subquery(counts.values("downloads_recent")), 0,
                                      output_field=IntegerField()),
        ).alias(parent_path=_parent_path()).annotate(
            campaign_title=Subquery(campaigns.values("title")[:1]),
        ).order_by(F("expires_on").asc(nulls_last=True), "title")


def _parent_path():
    return Substr("path", 1, Length("path") - MaterialPage.steplen)


class CampaignDownloadsReportView(ReportView):
    page_title = _("Campaign downloads")
    header_icon = "download"
    index_url_name = "campaigns_download_report"
    index_results_url_name = "campaigns_download_report_results"
    any_permission_required = EDITOR_PERMISSIONS
    list_export = ["title", "locale", "starts_on", "materials", "downloads", "downloads_recent"]
    export_headings = {"materials": _("Materials"), "downloads": _("Downloads"),
                       "downloads_recent": _("Downloads in the last 30 days")}
    columns = [
        TitleColumn("title", label=_("Campaign"), get_url=_edit_url),
        Column("locale", label=_("Language")),
        DateColumn("starts_on", label=_("Starts on")),
        NumberColumn("materials", label=_("Materials")),
        NumberColumn("downloads", label=_("Downloads")),
        NumberColumn("downloads_recent", label=_("Last 30 days")),
    ]

    @cached_property
    def permission_policy(self):
        return page_policy()

    def get_queryset(self):
        counts = DownloadCount.objects.filter(campaign=OuterRef("pk")).order_by() \
            .values("campaign").annotate(**_downloads())
        materials = MaterialPage.objects.filter(path__startswith=OuterRef("path"),
                                                depth=OuterRef("depth") + 1).order_by() \
            .values("depth").annotate(n=Count("pk")).values("n")
        return editable(CampaignPage, self.request.user).select_related("locale").annotate(
            materials=Coalesce(Subquery(materials), 0, output_field=IntegerField()),
            downloads=Coalesce(Subquery(counts.values("downloads")), 0,
                               output_field=IntegerField()),
            downloads_recent=Coalesce(Subquery(counts.values("downloads_recent")), 0,
                                      output_field=IntegerField()),
        ).order_by("-downloads", "title")


class ExpiryPanel(Component):
    """On the dashboard, when materials the editor may edit expired or expire soon."""

    name = "campaign_material_expiry"
    template_name = "campaigns/admin/expiry_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        materials = editable(MaterialPage, parent_context["request"].user).live()
        counts = materials.aggregate(
            expired=Count("pk", filter=Q(expires_on__lt=today)),
            soon=Count("pk", filter=Q(expires_on__gte=today,
                                      expires_on__lte=today + EXPIRY_WARNING)))
        report = reverse("campaigns_material_report")
        return {**counts, "expired_url": f"{report}?rights=expired",
                "soon_url": f"{report}?rights=soon"}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not (context["expired"] or context["soon"]):
            return ""
        return render_to_string(self.template_name, context)
