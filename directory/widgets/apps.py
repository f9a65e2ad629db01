from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WidgetsConfig(AppConfig):
    name = "directory.widgets"
    label = "widgets"
    verbose_name = _("Directory widgets")
    default_auto_field = "django.db.models.BigAutoField"
