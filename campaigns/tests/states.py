"""Materials in every state the public must not get, each a film that owns a file in every
slot (files.FILE_SLOTS), for the leak and access tests. One partner, "Partner Lungenliga",
shares a collection; its members may see what is kept there."""

import datetime

from django.contrib.auth.models import Group, User
from django.utils import timezone
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from campaigns.files import FILE_SLOTS
from campaigns.models import MaterialSubtitle, MaterialVariant

from .factories import VTT, MaterialPageFactory, collection, document, image_file, media

PARTNER = "Partner Lungenliga"


def partner_group():
    return Group.objects.get_or_create(name=PARTNER)[0]


def partner_member(name="lungenliga"):
    user = User.objects.create_user(name, password="x")
    user.groups.add(partner_group())
    return user


def partner_collection():
    private = collection("Lungenliga intern")
    if not CollectionViewRestriction.objects.filter(collection=private).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.GROUPS)
        restriction.groups.set([partner_group()])
    return private


def film_with_every_file(campaign, title, slug, private_slot=None, **fields):
    """A film with its video, poster, PDF, a variant (image and PDF) and French subtitles;
    the file of `private_slot` in the partner's collection."""
    def kept_in(slot):
        return partner_collection() if slot == private_slot else None

    material = MaterialPageFactory(
        parent=campaign, title=title, slug=slug, material_type="film",
        media=media("video", name=f"{slug}.mp4", in_collection=kept_in("media")),
        image=image_file(f"{slug}.png", in_collection=kept_in("image")),
        document=document(f"{slug}.pdf", in_collection=kept_in("document")), **fields)
    MaterialVariant.objects.create(
        page=material, label="blau",
        image=image_file(f"{slug}-blau.png", in_collection=kept_in("variants__image")),
        document=document(f"{slug}-blau.pdf", in_collection=kept_in("variants__document")))
    MaterialSubtitle.objects.create(
        page=material, language="fr",
        document=document(f"{slug}-fr.vtt", VTT, in_collection=kept_in("subtitles__document")))
    return material


def _restrict_page(material):
    restriction = PageViewRestriction.objects.create(
        page=material, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([partner_group()])


def _yesterday():
    return timezone.localdate() - datetime.timedelta(days=1)


# state: (fields of the material, what is done to it once made)
WITHHELD = {
    "draft": ({"live": False}, None),
    "unpublished": ({}, lambda material: material.unpublish()),
    "private page": ({}, _restrict_page),
    "expired rights": ({"expires_on": _yesterday}, None),
    "expired page": ({"expire_at": lambda: timezone.now() - datetime.timedelta(hours=1)},
                     None),
    **{f"partner-only {slot}": ({}, None) for slot in FILE_SLOTS},
}
STATES = ["public", *WITHHELD]
# what a member of the partner's group gets that the public does not
PARTNER_STATES = ["private page", *(f"partner-only {slot}" for slot in FILE_SLOTS)]


def private_slot(state):
    return state.removeprefix("partner-only ") if state.startswith("partner-only ") else None


def material_in_state(campaign, state, title, slug):
    fields, then = WITHHELD.get(state, ({}, None))
    fields = {name: value() if callable(value) else value for name, value in fields.items()}
    material = film_with_every_file(campaign, title, slug, private_slot=private_slot(state),
                                    **fields)
    if then:
        then(material)
    return material


def slot_key(material, slot):
    """The download key of the file in a slot (files.material_files)."""
    if slot.startswith("variants__"):
        return f"variant-{material.variants.get().pk}-{slot.split('__')[1]}"
    if slot.startswith("subtitles__"):
        return f"subtitle-{material.subtitles.get().pk}"
    return slot


def slot_file(material, slot):
    if "__" in slot:
        relation, field = slot.split("__")
        return getattr(getattr(material, relation).get(), field)
    return getattr(material, slot)
