"""Read-only panels on the widget's edit view: the code to paste and the monthly numbers."""

from wagtail.admin.panels import Panel

from .embed import embed_codes
from .models import WidgetMonthlyStats


class SavedWidgetPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        def is_shown(self):
            return bool(self.instance and self.instance.pk)


class EmbedCodePanel(SavedWidgetPanel):
    class BoundPanel(SavedWidgetPanel.BoundPanel):
        template_name = "widgets/admin/embed_code_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            base_url = self.request.build_absolute_uri("/")
            context["codes"] = embed_codes(self.instance, base_url)
            context["origins"] = self.instance.origins
            return context


class StatsPanel(SavedWidgetPanel):
    class BoundPanel(SavedWidgetPanel.BoundPanel):
        template_name = "widgets/admin/stats_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["months"] = WidgetMonthlyStats.recent(self.instance)
            return context
