from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CrisisHelpline, CrisisTerm


class CrisisHelplineViewSet(SnippetViewSet):
    model = CrisisHelpline
    icon = "mobile-alt"
    menu_label = _("Helplines")
    list_display = ["name", "phone", "description"]


class CrisisTermViewSet(SnippetViewSet):
    model = CrisisTerm
    icon = "warning"
    menu_label = _("Crisis words")
    list_display = ["name", "words"]


class CrisisHelpViewSetGroup(SnippetViewSetGroup):
    items = (CrisisHelplineViewSet, CrisisTermViewSet)
    menu_icon = "help"
    menu_label = _("Crisis help")


register_snippet(CrisisHelpViewSetGroup)
