from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from directory.admin_scope import PageOwnedPolicy, ScopedViewSetMixin
from directory.models import OrganisationPage

from .forms import WidgetForm
from .models import Widget
from .panels import EmbedCodePanel, StatsPanel


class WidgetPolicy(PageOwnedPolicy):
    """Whoever holds the widget permissions reaches the widgets of the organisations whose
    pages they may change (the national body: all of them)."""

    owner_field = "organisation"
    owner_model = OrganisationPage


class WidgetChooserViewSet(ScopedViewSetMixin, SnippetChooserViewSet):
    pass


class WidgetViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Widget
    icon = "code"
    menu_label = _("Directory widgets")
    list_display = ["name", "organisation", "language",
                    BooleanColumn("enabled", label=_("enabled"))]
    list_filter = ["enabled", "language"]
    chooser_viewset_class = WidgetChooserViewSet
    edit_handler = ObjectList([
        MultiFieldPanel([FieldPanel("name"), FieldPanel("organisation"), FieldPanel("enabled"),
                         FieldPanel("language")], heading=_("Widget")),
        MultiFieldPanel([FieldPanel("topics"), FieldPanel("cantons"), FieldPanel("formats"),
                         FieldPanel("languages")], heading=_("Preset filters")),
        MultiFieldPanel([FieldPanel("visible_filters"), FieldPanel("results_count")],
                        heading=_("What the visitor can do")),
        MultiFieldPanel([FieldRowPanel([FieldPanel("text_color"), FieldPanel("background_color"),
                                        FieldPanel("accent_color")]),
                         FieldPanel("font_family")], heading=_("Look")),
        FieldPanel("allowed_origins"),
        EmbedCodePanel(heading=_("Code to paste")),
        StatsPanel(heading=_("Views and clicks per month")),
    ], base_form_class=WidgetForm)


register_permission_policy(Widget, WidgetPolicy(Widget))
register_snippet(WidgetViewSet)
