"""Admin hooks of the directory's editorial features: the "Entries to verify" report in the
Reports menu and its "Mark verified today" action."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import page_permission_policy

from .reports import MARK_VERIFIED_ACTION, OffersToVerifyReportView, mark_verified_view

report_urls = [
    path("", OffersToVerifyReportView.as_view(), name="offers_to_verify"),
    path("results/", OffersToVerifyReportView.as_view(results_only=True),
         name="offers_to_verify_results"),
    path("<int:page_id>/mark-verified/", mark_verified_view, name="mark_verified"),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/entries-to-verify/",
                 include((report_urls, "directory_reports"), namespace="directory_reports"))]


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def register_offers_to_verify_menu_item():
    return EditorsMenuItem(_("Entries to verify"), reverse("directory_reports:offers_to_verify"),
                           name="entries-to-verify", icon_name="time", order=1150)


@hooks.register("register_log_actions")
def register_mark_verified_action(actions):
    actions.register_action(MARK_VERIFIED_ACTION, _("Mark verified"),
                            _("Marked as verified today"))
