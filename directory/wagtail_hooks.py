"""Admin integration. Each feature registers its hooks in a module of its own, imported here
because Wagtail loads only `wagtail_hooks` modules."""
