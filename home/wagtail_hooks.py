"""Wagtail admin behaviour changed for every page type, each change with its reason."""

from entraide import upstream
from wagtail import hooks

# Wagtail 8.0.1 shows every admin user its move confirmation: see the reason there.
hooks.register("before_move_page", upstream.refuse_move_confirmation_the_editor_may_not_make)
