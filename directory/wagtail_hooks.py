"""Admin integration. Each feature registers its hooks in a module of its own, imported here
because Wagtail loads only `wagtail_hooks` modules."""
from . import admin_hooks  # noqa: F401  (report, permissions)
from .admin_home import add_your_entries_panel  # noqa: F401  (dashboard: Your entries)
from .admin_import import register_import_menu_item  # noqa: F401  (Settings > Directory import)
from .admin_messages import register_contact_messages  # noqa: F401  (Contact messages)
from .visibility import hide_expired_pages  # noqa: F401  (expired pages answer 404)
