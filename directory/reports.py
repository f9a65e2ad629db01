"""The admin report "Entries to verify": offers whose details nobody has confirmed for a year,
limited to the entries the editor may change, with a one-click "Mark verified today"."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Min
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, LocaleColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import log
from wagtail.permissions import page_permission_policy

from .models import VERIFICATION_INTERVAL, OfferPage, RegionalCentrePage

MARK_VERIFIED_ACTION = "directory.mark_verified"


def verification_cutoff():
    return timezone.localdate() - VERIFICATION_INTERVAL


def offers_to_verify(user):
    """Offers not verified for a year that `user` may change, oldest first."""
    editable = page_permission_policy.instances_user_has_permission_for(user, "change")
    return (
        OfferPage.objects.filter(pk__in=editable.values("pk"),
                                 last_verified__lt=verification_cutoff())
        .select_related("centre", "organisation", "locale")
        .order_by("last_verified", "title")
    )


def centre_choices(request):
    """One choice per centre, not one per translation."""
    first_of_each = RegionalCentrePage.objects.values("translation_key").annotate(
        first=Min("pk")).values("first")
    return RegionalCentrePage.objects.filter(pk__in=first_of_each).order_by("title")


class CentreFilter(django_filters.ModelChoiceFilter):
    """Matches the centre in any language: an offer in French points to the centre's French
    translation."""

    def filter(self, queryset, centre):
        if not centre:
            return queryset
        return queryset.filter(centre__translation_key=centre.translation_key)


class OffersToVerifyFilterSet(WagtailFilterSet):
    centre = CentreFilter(label=_("Regional centre"), queryset=centre_choices,
                          empty_label=_("All centres"))

    class Meta:
        model = OfferPage
        fields = ["centre"]


class MarkVerifiedColumn(Column):
    cell_template_name = "directory/admin/mark_verified_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["csrf_token"] = get_token(request) if request else ""
        context["action_url"] = reverse("directory_reports:mark_verified", args=[instance.pk])
        context["next_url"] = request.get_full_path() if request else ""
        return context


class OffersToVerifyReportView(ReportView):
    page_title = _("Entries to verify")
    header_icon = "time"
    permission_policy = page_permission_policy
    any_permission_required = ["add", "change", "publish"]
    filterset_class = OffersToVerifyFilterSet
    index_url_name = "directory_reports:offers_to_verify"
    index_results_url_name = "directory_reports:offers_to_verify_results"
    no_results_message = _("Every entry you look after was verified within the last year.")
    columns = [
        TitleColumn("title", label=_("Title"), url_name="wagtailadmin_pages:edit"),
        Column("centre", label=_("Regional centre")),
        Column("organisation", label=_("Organisation")),
        Column("last_verified", label=_("Last verified")),
        # Wagtail's default label is translated once, at import, in the site's language
        LocaleColumn(label=_("Locale"), sort_key=None),
        MarkVerifiedColumn("mark_verified", label=_("Action")),
    ]
    list_export = ["title", "centre", "organisation", "last_verified", "locale"]
    export_headings = {"centre": _("Regional centre"), "organisation": _("Organisation"),
                       "last_verified": _("Last verified"), "locale": _("Locale")}

    def get_queryset(self):
        return offers_to_verify(self.request.user)

    def get_filename(self):
        return f"entries-to-verify-{timezone.localdate():%Y-%m-%d}"


def mark_verified(offer, user):
    """Set last_verified to today on the offer and its translations, without publishing
    anything else: the date is bookkeeping, not content that needs moderation. The latest
    revision gets the date too, so publishing a pending draft later does not undo it."""
    today = timezone.localdate()
    for translation in OfferPage.objects.filter(translation_key=offer.translation_key):
        OfferPage.objects.filter(pk=translation.pk).update(last_verified=today)
        revision = translation.latest_revision
        if revision is not None and "last_verified" in revision.content:
            revision.content["last_verified"] = today.isoformat()
            revision.save(update_fields=["content"])
        log(instance=translation, action=MARK_VERIFIED_ACTION, user=user)


@require_POST
def mark_verified_view(request, page_id):
    offer = get_object_or_404(OfferPage, pk=page_id)
    if not offer.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    mark_verified(offer, request.user)
    messages.success(request, _("“%(title)s” is marked as verified today.")
                     % {"title": offer.title})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()},
                                           require_https=request.is_secure()):
        next_url = reverse("directory_reports:offers_to_verify")
    return redirect(next_url)
