"""The admin report "Search queries": what visitors search most, and what found nothing, to
fill the gaps in the directory. Only for editors given the "view search queries" permission."""

import datetime

import django_filters
from django.conf import settings
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import SearchQueryLog

PERIODS = [("7", _("Last 7 days")), ("30", _("Last 30 days")), ("90", _("Last 90 days")),
           ("365", _("Last 12 months"))]
DEFAULT_PERIOD_DAYS = 30
query_log_permission_policy = ModelPermissionPolicy(SearchQueryLog)


def since(days):
    return timezone.localdate() - datetime.timedelta(days=days - 1)


class SearchQueryFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(label=_("Period"), choices=PERIODS,
                                         empty_label=_("Last 30 days"), method="filter_period")
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES,
                                           empty_label=_("All languages"))
    found_nothing = django_filters.BooleanFilter(
        label=_("Only queries that found nothing"), method="filter_found_nothing",
        widget=django_filters.widgets.BooleanWidget())

    class Meta:
        model = SearchQueryLog
        fields = ["period", "language", "found_nothing"]

    def filter_period(self, queryset, name, value):
        return queryset  # applied in get_queryset: the default period needs no choice

    def filter_found_nothing(self, queryset, name, value):
        return queryset.filter(found_nothing=True) if value else queryset


class SearchQueriesReportView(ReportView):
    page_title = _("Search queries")
    header_icon = "search"
    permission_policy = query_log_permission_policy
    permission_required = "view"
    filterset_class = SearchQueryFilterSet
    index_url_name = "search_reports:queries"
    index_results_url_name = "search_reports:queries_results"
    no_results_message = _("Nobody searched in this period.")
    columns = [
        Column("query", label=_("Query")),
        Column("language", label=_("Language")),
        Column("searches", label=_("Searches")),
        Column("days_found_nothing", label=_("Days it found nothing")),
        Column("last_day", label=_("Last searched")),
    ]
    list_export = ["query", "language", "searches", "days_found_nothing", "last_day"]
    export_headings = {"query": _("Query"), "language": _("Language"),
                       "searches": _("Searches"), "days_found_nothing": _("Days it found nothing"),
                       "last_day": _("Last searched")}

    def period_days(self):
        value = self.request.GET.get("period", "")
        return int(value) if value in dict(PERIODS) else DEFAULT_PERIOD_DAYS

    def get_queryset(self):
        return (
            SearchQueryLog.objects.filter(day__gte=since(self.period_days()))
            .values("query", "language")
            .annotate(searches=Sum("hits"), last_day=Max("day"),
                      days_found_nothing=Count("pk", filter=Q(found_nothing=True)))
            .order_by("-searches", "query")
        )

    def get_filename(self):
        return f"search-queries-{timezone.localdate():%Y-%m-%d}"
