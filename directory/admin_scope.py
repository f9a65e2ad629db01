"""Admin models that belong to a directory page: a centre's contact messages, an organisation's
widgets. Who reaches which rows is decided in one place, the model's permission policy
(`PageOwnedPolicy.instances_user_has_any_permission_for`), and every channel asks it:

- every view a `ScopedViewSetMixin` viewset builds (index, results, export, inspect, edit,
  delete, history, usage, preview, chooser... and any view added later, since Wagtail builds
  them all through `construct_view`): a view of one object answers 404 before it loads an
  object outside the user's scope; a listing of the model shows only the user's rows;
- bulk actions and the admin's links to an object (`AdminURLFinder`), which ask the policy
  per instance.

Wagtail's generic views check only model-wide permissions and each loads its object in its
own way, so scoping two of them (index and inspect) left the others open.
"""

from functools import cache

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import page_permission_policy, policy_registry

from .models import DirectoryIndexPage

ANY_ACTION = ("view", "change", "delete")


def pages_user_may_change(user, page_model):
    """The pages of `page_model`, in every language, the user may change in one language."""
    editable = page_permission_policy.instances_user_has_permission_for(user, "change")
    keys = Page.objects.filter(pk__in=editable.values("pk")).values("translation_key")
    return page_model.objects.filter(translation_key__in=keys)


def may_change_whole_directory(user):
    """The national body: superusers and whoever may change a directory's index page."""
    return user.is_superuser or pages_user_may_change(user, DirectoryIndexPage).exists()


class PageOwnedPolicy(ModelPermissionPolicy):
    """Rows of `model` belong to the page in `owner_field` (a centre or an organisation):
    a user reaches a row when the model-wide rule allows the action and the user may change
    the owner page, in any of its languages. Rows without an owner (the page was deleted)
    belong to the national body."""

    owner_field = None
    owner_model = None

    def scope_for(self, user):
        """Every row the user may reach at all, whatever the action."""
        if not user.is_active:
            return self.model._default_manager.none()
        if may_change_whole_directory(user):
            return self.model._default_manager.all()
        owners = pages_user_may_change(user, self.owner_model).values("translation_key")
        return self.model._default_manager.filter(
            Q(**{f"{self.owner_field}__translation_key__in": owners}))

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope_for(user)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(
            pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.instances_user_has_any_permission_for(user, actions).filter(
            pk=instance.pk).exists()


class ScopedViewMixin:
    """Mixed into every view of a scoped viewset (see `scoped_view_class`)."""

    scope_model = None

    def scope(self, user):
        return policy_registry.get_by_type(self.scope_model).instances_user_has_any_permission_for(
            user, ANY_ACTION)

    def setup(self, request, *args, **kwargs):
        # Before the view loads anything: its object must be within the user's scope.
        if "pk" in kwargs and not self.in_scope(request.user, kwargs["pk"]):
            raise Http404("No such object.")
        super().setup(request, *args, **kwargs)

    def in_scope(self, user, quoted_pk):
        try:
            return self.scope(user).filter(pk=unquote(str(quoted_pk))).exists()
        except (ValueError, ValidationError):  # not a valid primary key for this model
            return False

    def narrowed(self, queryset):
        if getattr(queryset, "model", None) is not self.scope_model:
            return queryset  # e.g. the log entries of a history view
        return queryset.filter(pk__in=self.scope(self.request.user).values("pk"))

    def get_base_queryset(self):  # index, its results and exports
        return self.narrowed(super().get_base_queryset())

    def get_object_list(self):  # choosers
        return self.narrowed(super().get_object_list())

    def get_objects(self, pks):  # a chooser's several chosen objects
        return self.narrowed(super().get_objects(pks))


@cache
def scoped_view_class(view_class, model):
    return type(f"Scoped{view_class.__name__}", (ScopedViewMixin, view_class),
                {"scope_model": model, "__module__": __name__})


class ScopedViewSetMixin:
    """For a ModelViewSet, SnippetViewSet or ChooserViewSet of a model whose permission policy
    is a `PageOwnedPolicy`: every view it builds is scoped."""

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(scoped_view_class(view_class, self.model), **kwargs)
