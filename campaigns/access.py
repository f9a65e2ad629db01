"""Who may see a material, and so each file it owns: one rule for every channel (the material's
page, download, rendition, play, the ZIP of a material, of a selection and of a campaign, the
library listing and its search, the site search, suggestions, the sitemap and the
/documents/ URL of a document the material owns).

A request may see a material when all of these hold:

1. the page is live and its scheduled expiry (`expire_at`) has not passed (Wagtail unpublishes
   it only when `publish_scheduled` next runs);
2. its rights have not expired (`expires_on` is the last day they hold);
3. no page restriction on it or above it (PageViewRestriction) keeps it from the request;
4. no file it owns (files.FILE_SLOTS: its media, its image and so every rendition of it, its
   document, each variant's image and document, each subtitle's document) sits in a
   collection whose privacy (CollectionViewRestriction on it or on a collection above it)
   keeps it from the request.

A material is withheld **as a whole**: when one of its files is partner-only, a visitor who may
not see that file gets none of the material (no page, no other file, no listing entry, search
hit, suggestion or sitemap entry, no ZIP member). Anonymous visitors are sent to the login page
where signing in can help (3 and 4), signed-in users of another partner get 403, and 1 and 2
answer 404. One exception, on purpose: who may edit a material still opens an expired or
scheduled-expired material's page and files, to renew its rights (and the admin's preview
shows any material to its editors); listings, searches and ZIPs leave it out for them too.

The rule is written twice, and campaigns/tests/test_access.py holds the two together for every
state and file slot: `Visibility(request).apply(queryset)` in SQL for listings, searches and
ZIPs, and `refusal(request, material)` for one material (its page, its files, its documents).
The sitemap lists what an anonymous visitor may see, whoever asks for it."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail.wagtail_hooks import require_wagtail_login

from .files import FILE_SLOTS, owned_files, slot_model
from .models import MaterialPage


def can_edit(request, page):
    user = request.user
    return user.is_authenticated and page.permissions_for_user(user).can_edit()


# --- one material ----------------------------------------------------------------------


def is_out_of_date(material, now=None):
    """Rules 1 and 2: unpublished, past its scheduled expiry, or past its rights."""
    now = now or timezone.now()
    return (not material.live or bool(material.expire_at and material.expire_at <= now)
            or material.is_expired(timezone.localdate(now)))


def _collections(material):
    return {file.collection for file in owned_files(material) if file.collection_id}


def _restrictions(collections):
    return CollectionViewRestriction.objects.filter(
        collection__in={ancestor for collection in collections
                        for ancestor in collection.get_ancestors(inclusive=True)})


def unmet_restrictions(request, material):
    """Rules 3 and 4: the page and collection restrictions that keep the material from the
    request."""
    restrictions = [*material.get_view_restrictions().prefetch_related("groups"),
                    *_restrictions(_collections(material)).prefetch_related("groups")]
    return [r for r in restrictions if not r.accept_request(request)]


def is_restricted(material):
    """Whether the material or some of its files are not for everyone (then never kept in a
    shared cache)."""
    return material.get_view_restrictions().exists() or \
        _restrictions(_collections(material)).exists()


def refuse(request, restrictions):
    if not restrictions:
        return None
    if not request.user.is_authenticated:
        return require_wagtail_login(next=request.get_full_path())
    raise PermissionDenied


def refusal(request, material):
    """None when the request may see the material and every file it owns; else the response
    to give (the login page), or raises Http404 / PermissionDenied."""
    if getattr(request, "is_preview", False):
        return None  # the admin's preview, which Wagtail allows only to editors
    if is_out_of_date(material) and not can_edit(request, material):
        raise Http404
    return refuse(request, unmet_restrictions(request, material))


def owners_of(file):
    """The materials owning an image, document or media file, in any slot."""
    owned_by = Q()
    for slot in FILE_SLOTS:
        if isinstance(file, slot_model(slot)):
            owned_by |= Q(**{slot: file})
    if not owned_by:
        return MaterialPage.objects.none()
    return MaterialPage.objects.filter(owned_by).distinct()


def refusal_of_file(request, file):
    """What `refusal` says for the first material owning the file that the request may not
    see; None when it may see them all (or no material owns the file)."""
    for material in owners_of(file):
        response = refusal(request, material)
        if response is not None:
            return response
    return None


def forbid_other_partners(request, page):
    """A signed-in user whom a page's group restriction leaves out gets 403 (Wagtail itself
    would show the login page again); anonymous visitors still get the login page."""
    if not request.user.is_authenticated:
        return
    for restriction in page.get_view_restrictions():
        if not restriction.accept_request(request) and \
                restriction.restriction_type == PageViewRestriction.GROUPS:
            raise PermissionDenied


# --- many materials, in SQL ------------------------------------------------------------


PARTNER_RESTRICTIONS = (PageViewRestriction.LOGIN, PageViewRestriction.GROUPS)


def _accepts(restriction, request, as_partner=False):
    """Whether the restriction lets the request through; `as_partner`: as if it came from a
    member of every partner group (what signing in could open, passwords aside)."""
    return restriction.accept_request(request) or (
        as_partner and restriction.restriction_type in PARTNER_RESTRICTIONS)


def hidden_collection_ids(request, as_partner=False):
    """Collections (with everything below them) whose files this request may not see."""
    hidden = set()
    for restriction in CollectionViewRestriction.objects.select_related("collection") \
            .prefetch_related("groups"):
        if not _accepts(restriction, request, as_partner):
            hidden |= set(Collection.objects.descendant_of(restriction.collection, inclusive=True)
                          .values_list("pk", flat=True))
    return hidden


def _owning(slot, hidden_collections):
    """Ids of the materials with a file of this slot in one of the collections."""
    if "__" not in slot:
        files = slot_model(slot).objects.filter(collection__in=hidden_collections)
        # "not in (the hidden files)" costs the database less than joining the file tables
        return Q(**{f"{slot}__in": files.values("pk")})
    relation, field = slot.split("__")
    related = MaterialPage._meta.get_field(relation)
    owners = related.related_model.objects.filter(
        **{f"{field}__collection__in": hidden_collections})
    return Q(pk__in=owners.values(f"{related.field.name}_id"))


class Visibility:
    """The rule above for a queryset of materials (`apply`). `key` tells requests that see
    the same apart (the library's cached listings)."""

    def __init__(self, request, as_partner=False):
        self.hidden_paths = sorted(
            restriction.page.path for restriction in PageViewRestriction.objects
            .select_related("page").prefetch_related("groups")
            if not _accepts(restriction, request, as_partner))
        self.hidden_collections = sorted(hidden_collection_ids(request, as_partner))
        self.now = timezone.now()

    @property
    def key(self):
        # a material whose scheduled expiry passes must leave a remembered listing at once
        passed = MaterialPage.objects.live().filter(expire_at__lte=self.now).count()
        return (tuple(self.hidden_paths), tuple(self.hidden_collections), passed)

    def apply(self, materials):
        materials = materials.live().exclude(expire_at__lte=self.now) \
            .not_expired(timezone.localdate(self.now))
        for path in self.hidden_paths:
            materials = materials.exclude(path__startswith=path)
        if self.hidden_collections:
            for slot in FILE_SLOTS:
                materials = materials.exclude(_owning(slot, self.hidden_collections))
        return materials


def visible_to(request, materials):
    """The materials of the queryset this request may see (Wagtail's `.public()` would hide
    partner material from the partners too)."""
    return Visibility(request).apply(materials)


def partner_material_withheld(request, materials):
    """Whether some of the materials are kept from this anonymous request only because they
    are for partner organisations (signing in with a partner account would show them).
    Signed-in users are told nothing: they know where they belong."""
    if request.user.is_authenticated:
        return False
    shown = Visibility(request).apply(materials)
    for_partners = Visibility(request, as_partner=True).apply(materials)
    return for_partners.exclude(pk__in=shown.values("pk")).exists()


def anonymous_request():
    request = HttpRequest()
    request.user = AnonymousUser()
    request.session = {}
    return request


def public_material_ids(request=None):
    """Ids of the materials everyone may see (the sitemap), read once per request."""
    if request is not None and hasattr(request, "_public_material_ids"):
        return request._public_material_ids
    ids = set(visible_to(anonymous_request(), MaterialPage.objects.all())
              .values_list("pk", flat=True))
    if request is not None:
        request._public_material_ids = ids
    return ids
