"""Contact messages in the admin: each centre's editors read the messages sent to their
centre (also when the notification e-mail failed) and delete them; the national body sees
all. Every view of the viewset is scoped by the same rule (directory/admin_scope.py)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permissions import register_permission_policy

from .admin_scope import PageOwnedPolicy, ScopedViewSetMixin, pages_user_may_change
from .models import ContactMessage, RegionalCentrePage


def centres_for(user):
    """The centres (all translations) whose pages the user may change."""
    if user.is_superuser:
        return RegionalCentrePage.objects.all()
    return pages_user_may_change(user, RegionalCentrePage)


class CentreMessagesPolicy(PageOwnedPolicy):
    """Reading and deleting is for the centre's editors; nobody writes messages here."""

    owner_field = "centre"
    owner_model = RegionalCentrePage

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        if action in ("view", "delete"):
            return user.is_active and (user.is_superuser or centres_for(user).exists())
        return super().user_has_permission(user, action)


def centre_choices(user):
    """(translation key, title) of each centre the user reads messages of, once, named in the
    editor's admin language, else the default locale's: messages point at the centre in the
    language they were written in, so a centre has a row per translation."""
    preference = [Locale.get_active().pk, Locale.get_default().pk]

    def rank(centre):
        return preference.index(centre.locale_id) if centre.locale_id in preference else 2

    best = {}
    for centre in centres_for(user).only("translation_key", "locale_id", "title"):
        known = best.get(centre.translation_key)
        if known is None or rank(centre) < rank(known):
            best[centre.translation_key] = centre
    return sorted(((str(key), centre.title) for key, centre in best.items()),
                  key=lambda choice: choice[1].lower())


class ContactMessageFilterSet(WagtailFilterSet):
    centre = django_filters.ChoiceFilter(label=_("regional centre"), method="to_centre")

    class Meta:
        model = ContactMessage
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["centre"].extra["choices"] = centre_choices(request.user)

    def to_centre(self, queryset, name, value):
        """Messages to the centre in any of its languages."""
        return queryset.filter(centre__translation_key=value)


class ContactMessageViewSet(ScopedViewSetMixin, ModelViewSet):
    model = ContactMessage
    icon = "mail"
    menu_label = _("Contact messages")
    add_to_admin_menu = True
    menu_order = 250
    inspect_view_enabled = True
    copy_view_enabled = False
    # A message does not "use" the offer it is about: keep it out of the pages' usage lists.
    add_to_reference_index = False
    list_display = ["name", "centre", "offer", "created_at", "notified_at"]
    filterset_class = ContactMessageFilterSet
    search_fields = ["name", "email", "message"]
    inspect_view_fields = ["centre", "offer", "name", "email", "phone", "message", "language",
                           "created_at", "notified_at", "notification_error"]
    form_fields = []  # messages are never written in the admin


register_permission_policy(ContactMessage, CentreMessagesPolicy(ContactMessage))
contact_message_viewset = ContactMessageViewSet("contact_messages")


@hooks.register("register_admin_viewset")
def register_contact_messages():
    return contact_message_viewset
