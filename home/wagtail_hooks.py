"""Wagtail admin behaviour changed for every page type, each change with its reason."""

from wagtail import hooks
from wagtail.admin.auth import permission_denied


@hooks.register("before_move_page")
def refuse_moves_the_editor_may_not_make(request, page_to_move, destination):
    """Wagtail 8 shows its move confirmation (with the page's and the destination's titles)
    to every admin user and refuses only the move itself: an editor of one centre could read
    another centre's draft titles there. Refuse the confirmation as the move is refused."""
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)
    return None
