"""Who may see a material: the public unless its rights expired, and for files kept in a
private collection only the groups the collection is shared with (Wagtail's collection
privacy). Anonymous visitors are sent to the login page; signed-in users of another partner
get 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail.wagtail_hooks import require_wagtail_login

from .models import MaterialPage


def can_edit(request, page):
    user = request.user
    return user.is_authenticated and page.permissions_for_user(user).can_edit()


def _material_collections(material):
    return {file.collection for file in material.files() if file.collection is not None}


def _restrictions(collections):
    return CollectionViewRestriction.objects.filter(
        collection__in={ancestor for collection in collections
                        for ancestor in collection.get_ancestors(inclusive=True)})


def unmet_restrictions(request, collections):
    restrictions = _restrictions(collections).prefetch_related("groups")
    return [r for r in restrictions if not r.accept_request(request)]


def is_restricted(material):
    """Whether some of the material's files are not for everyone (then never cached)."""
    return _restrictions(_material_collections(material)).exists()


def refuse(request, restrictions):
    if not restrictions:
        return None
    if not request.user.is_authenticated:
        return require_wagtail_login(next=request.get_full_path())
    raise PermissionDenied


def refuse_material(request, material):
    """None when the request may see the material, else the response to give (or raises)."""
    if material.is_expired() and not can_edit(request, material):
        raise Http404
    return refuse(request, unmet_restrictions(request, _material_collections(material)))


def hidden_collection_ids(request):
    """Collections (with everything below them) whose files this request may not see."""
    hidden = set()
    for restriction in CollectionViewRestriction.objects.select_related("collection") \
            .prefetch_related("groups"):
        if not restriction.accept_request(request):
            hidden |= set(Collection.objects.descendant_of(restriction.collection, inclusive=True)
                          .values_list("pk", flat=True))
    return hidden


def forbid_other_partners(request, page):
    """A signed-in user whom a page's group restriction leaves out gets 403 (Wagtail itself
    would show the login page again); anonymous visitors still get the login page."""
    if not request.user.is_authenticated:
        return
    for restriction in page.get_view_restrictions():
        if not restriction.accept_request(request) and \
                restriction.restriction_type == PageViewRestriction.GROUPS:
            raise PermissionDenied


class Visibility:
    """What a request may not see: pages below restrictions it does not meet and files in
    collections kept from it. `key` tells requests that see the same apart."""

    def __init__(self, request):
        self.hidden_paths = sorted(
            restriction.page.path for restriction in PageViewRestriction.objects
            .select_related("page").prefetch_related("groups")
            if not restriction.accept_request(request))
        self.hidden_collections = sorted(hidden_collection_ids(request))

    @property
    def key(self):
        return (tuple(self.hidden_paths), tuple(self.hidden_collections))

    def apply(self, materials):
        materials = materials.not_expired()
        for path in self.hidden_paths:
            materials = materials.exclude(path__startswith=path)
        if self.hidden_collections:
            # "not in (the hidden files)" costs the database less than joining the file tables
            for field in ("media", "image", "document"):
                files = MaterialPage._meta.get_field(field).related_model.objects
                materials = materials.exclude(**{f"{field}__in": files.filter(
                    collection__in=self.hidden_collections).values("pk")})
        return materials


def visible_to(request, materials):
    """The materials of the queryset this request may see in listings and search: not
    expired, and neither the page nor its files kept from this request (Wagtail's
    `.public()` would hide partner material from the partners too)."""
    return Visibility(request).apply(materials)
