"""Admin: the "Search queries" report in the Reports menu, its permission, and Wagtail's own
"Search terms" report left out (the site logs its searches in SearchQueryLog instead)."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import SearchQueriesReportView, query_log_permission_policy

report_urls = [
    path("", SearchQueriesReportView.as_view(), name="queries"),
    path("results/", SearchQueriesReportView.as_view(results_only=True), name="queries_results"),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/search-queries/",
                 include((report_urls, "search_reports"), namespace="search_reports"))]


class QueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return query_log_permission_policy.user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_search_queries_menu_item():
    return QueryReportMenuItem(_("Search queries"), reverse("search_reports:queries"),
                               name="search-queries", icon_name="search", order=1160)


@hooks.register("construct_reports_menu")
def hide_wagtail_search_terms(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


@hooks.register("register_permissions")
def register_query_log_permission():
    return Permission.objects.filter(content_type__app_label="site_search",
                                     codename="view_searchquerylog")
