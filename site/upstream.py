"""Where we work around a library's behaviour: each workaround with its reason and what it
waits for. `tests/test_upstream.py` holds, for each, a test that asserts the upstream defect
still exists; when it fails after an upgrade, upstream has fixed it: delete the workaround
here, its use in the app, and the test.

This module sits below every app (it imports none of them; import-linter checks it), so every
app may use it although the rest of `entraide` is above them.

Workarounds that live beside the code they bend, because moving them here would make this
module import an app: the subclasses of modelsearch's backends, index and rebuilder
(fulltext/backends/, fulltext/management/commands/update_index.py), the cleaning of text for
SQLite's FTS5 syntax (fulltext/cleaning.py) and `expire_at`, which Wagtail applies only when
`publish_scheduled` runs (directory/visibility.py).
"""

from django.db.models import Q
from django.utils import translation
from wagtail.admin.auth import permission_denied
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


def refuse_move_confirmation_the_editor_may_not_make(request, page_to_move, destination):
    """`before_move_page` hook. Wagtail 8.0.1 shows its move confirmation (with the page's and
    the destination's titles) to every admin user and refuses only the move itself: an editor
    of one centre could read another centre's draft titles there. Refuse the confirmation as
    the move is refused.

    Waits for: Wagtail checking `can_move_to` in `wagtail.admin.views.pages.move.move_confirm`
    before rendering (8.0.1 does not; no upstream issue known to us)."""
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)
    return None


class AdminInTheEditorsLanguageMiddleware:
    """Wagtail 8.0.1 switches to the editor's preferred language only while an admin view runs
    (`wagtail.admin.localization.get_localized_response`): when the view raises
    PermissionDenied, `require_admin_access` writes «Sorry, you do not have permission to
    access this area.» after leaving that language, so a French or Italian editor reads it
    in the browser's or the site's default language (German). This one makes the editor's
    language the whole admin request's.

    Waits for: `require_admin_access` calling `permission_denied` inside the language
    override (no upstream issue known to us)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = self.editors_language(request)
        if language is None:
            return self.get_response(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            return self.get_response(request)

    @staticmethod
    def editors_language(request):
        user = getattr(request, "user", None)
        if not request.path_info.startswith("/admin/") or user is None or \
                not user.is_authenticated or not hasattr(user, "wagtail_userprofile"):
            return None
        return user.wagtail_userprofile.get_preferred_language() or None


class AllLocalesSitemap(Sitemap):
    """Wagtail's sitemap (8.0.1, `wagtail.contrib.sitemaps.Sitemap.items`) lists only the
    descendants of the site's root page, which is the default language's tree: the French and
    Italian trees are translations of that root beside it and are missing. This one lists every
    translation of the root; `public()` says which pages may be listed.

    Waits for: a locale-aware `Sitemap.items` in Wagtail (none as of 8.0.1)."""

    def public(self, pages):
        return pages.live().public()

    def items(self):
        root = self.get_wagtail_site().root_page
        trees = Q()
        for translated_root in Page.objects.filter(translation_key=root.translation_key):
            trees |= Q(path__startswith=translated_root.path)
        return (
            self.public(Page.objects.filter(trees))
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
