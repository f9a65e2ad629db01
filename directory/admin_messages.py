"""Contact messages in the admin: each centre's editors read the messages sent to their
centre (also when the notification e-mail failed); the national body sees all."""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import page_permission_policy, register_permission_policy

from .models import ContactMessage, RegionalCentrePage


def centres_for(user):
    """The centres (all translations) whose pages the user may change."""
    if user.is_superuser:
        return RegionalCentrePage.objects.all()
    editable = page_permission_policy.instances_user_has_permission_for(user, "change")
    keys = Page.objects.filter(pk__in=editable.values("pk")).values("translation_key")
    return RegionalCentrePage.objects.filter(translation_key__in=keys)


class CentreMessagesPolicy(ModelPermissionPolicy):
    """Reading and deleting is for the centre's editors; nobody writes messages here."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        if action in ("view", "delete"):
            return user.is_active and (user.is_superuser or centres_for(user).exists())
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return (self.user_has_permission(user, action)
                and centres_for(user).filter(translation_key=instance.centre.translation_key)
                .exists())


def messages_for(user):
    keys = centres_for(user).values("translation_key")
    return ContactMessage.objects.filter(centre__translation_key__in=keys)


class MessageIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset() & messages_for(self.request.user)


class MessageInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(messages_for(self.request.user), pk=unquote(str(self.pk)))


class ContactMessageViewSet(ModelViewSet):
    model = ContactMessage
    icon = "mail"
    menu_label = _("Contact messages")
    add_to_admin_menu = True
    menu_order = 250
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = MessageIndexView
    inspect_view_class = MessageInspectView
    list_display = ["name", "centre", "offer", "created_at", "notified_at"]
    list_filter = ["centre"]
    search_fields = ["name", "email", "message"]
    inspect_view_fields = ["centre", "offer", "name", "email", "phone", "message", "language",
                           "created_at", "notified_at", "notification_error"]
    form_fields = []  # messages are never written in the admin


register_permission_policy(ContactMessage, CentreMessagesPolicy(ContactMessage))
contact_message_viewset = ContactMessageViewSet("contact_messages")


@hooks.register("register_admin_viewset")
def register_contact_messages():
    return contact_message_viewset
