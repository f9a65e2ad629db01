"""Search backends that index every object with its own language's rules.

Configured in settings (`search_backends()` in site/settings/base.py); code outside search/
reaches them through `entraide.search_backends.backend_for(locale)`."""
