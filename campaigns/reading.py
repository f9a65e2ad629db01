"""What the library, campaign and material pages show: the read functions their `get_context`
asks (no views live here; the pages are served by Wagtail), and that the site search reuses
for its material cards."""

from itertools import groupby

from django.core.paginator import Paginator
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from fulltext.cleaning import clean_query
from taxonomy.models import Topic

from .access import Visibility, can_edit, partner_material_withheld, visible_to
from .cards import with_card_data
from .files import RENDITION_FORMATS, RENDITION_LABELS, RENDITION_SIZES, raster_image
from .filters import MaterialFilter, facet_choices, facet_counts
from .listing_cache import question_key, remembered
from .models import ContentLanguage, MaterialPage, MaterialType

PER_PAGE = 24
MAX_MATCHES = 2000


def public_materials(request, locale):
    return visible_to(request, MaterialPage.objects.live().filter(locale=locale))


def shown_materials(ids):
    """The materials of one result page, in the order of `ids`."""
    by_id = with_card_data(MaterialPage.objects.filter(pk__in=ids)).in_bulk()
    return [by_id[pk] for pk in ids if pk in by_id]


class CountedPaginator(Paginator):
    """A paginator told the number of objects (counted with the facets) instead of asking
    the database once more."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.count = count


def matching_ids(materials, query):
    """Ids of the materials matching the words (all words, else any). Search backends filter
    only on indexed fields, so visibility (collections, groups) is applied afterwards."""
    for operator in ("and", "or"):
        # listed in date order later: relevance is not needed
        ids = _ids(materials.search(query, operator=operator, order_by_relevance=False))
        if ids:
            return ids
    return []


def _ids(results):
    if hasattr(results, "get_queryset"):
        # database backends: only the ids come back, not each row's search vector
        return list(results.get_queryset().values_list("pk", flat=True)[:MAX_MATCHES])
    return [material.pk for material in results[:MAX_MATCHES]]


def library_context(request, library):
    query = clean_query(request.GET.get("q", ""))
    visibility = Visibility(request)
    base = visibility.apply(MaterialPage.objects.live().filter(locale=library.locale)) \
        .descendant_of(library)
    filterset = MaterialFilter(request.GET, queryset=base, library=library)
    key = question_key((library.pk, get_language(), visibility.key, sorted(request.GET.lists())))
    listing = remembered(
        key, lambda: _count_and_list(library, base, filterset, query, request.GET.get("page")))
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "filter": filterset,
        # read only when the template's fragment for this key is not cached yet
        "facets": SimpleLazyObject(lambda: facet_choices(filterset, listing["counts"])),
        "materials": SimpleLazyObject(lambda: _page_shown(listing)),
        "listing_key": key,
        "partner_material_withheld": SimpleLazyObject(
            lambda: _partner_material_withheld(request, library, visibility)),
        "search_query": query,
        "querystring": params.urlencode(),
    }


def _partner_material_withheld(request, library, visibility):
    if request.user.is_authenticated:
        return False
    in_library = MaterialPage.objects.live().filter(locale=library.locale).descendant_of(library)
    key = question_key(("partner-material", library.pk, visibility.key))
    return remembered(key, lambda: partner_material_withheld(request, in_library))


def _page_shown(listing):
    page = CountedPaginator([], PER_PAGE, listing["counts"]["total"]).page(listing["number"])
    page.object_list = shown_materials(listing["ids"])
    return page


def _count_and_list(library, base, filterset, query, page_number):
    """The facet counts of the materials the filters and words leave, and the ids of the
    page asked for (newest first)."""
    materials = base
    if query:
        searchable = MaterialPage.objects.live().filter(locale=library.locale) \
            .descendant_of(library).not_expired()
        materials = materials.filter(pk__in=matching_ids(searchable, query))
    if filterset.is_valid():
        materials = filterset.filter_queryset(materials)
    counts = facet_counts(materials, library)
    newest_first = materials.order_by("-first_published_at", "pk").values_list("pk", flat=True)
    page = CountedPaginator(newest_first, PER_PAGE, counts["total"]).get_page(page_number)
    return {"counts": counts, "number": page.number, "ids": list(page.object_list)}


def _language_label(code):
    return dict(ContentLanguage.choices).get(code, code)


def campaign_context(request, campaign):
    materials = public_materials(request, campaign.locale).child_of(campaign)
    materials = with_card_data(materials.prefetch_related("subtitles")).order_by("path")
    type_order = {value: position for position, value in enumerate(MaterialType.values)}
    by_type = sorted(materials, key=lambda m: (type_order[m.material_type], m.language, m.path))
    for material in by_type:
        material.preview = preview_context(material)
    groups = []
    for material_type, of_type in groupby(by_type, key=lambda m: m.material_type):
        of_type = list(of_type)
        groups.append({
            "type": material_type,
            "label": MaterialType(material_type).label,
            "languages": [{"code": code, "label": _language_label(code), "materials": list(ms)}
                          for code, ms in groupby(of_type, key=lambda m: m.language)],
            "count": len(of_type),
        })
    return {"material_groups": groups, "material_count": len(by_type),
            "zip_url": campaign.url + campaign.reverse_subpage("campaign_zip")}


def material_urls(material):
    base = material.url
    urls = {
        "files": [{"file": file,
                   "url": base + material.reverse_subpage("download", args=[file.key]),
                   "play_url": base + material.reverse_subpage("play", args=[file.key])}
                  for file in material.files()],
        "renditions": [],
    }
    if raster_image(material) is not None:
        urls["renditions"] = [
            {"size": size, "size_label": RENDITION_LABELS[size], "format": image_format,
             "url": base + material.reverse_subpage("rendition", args=[size, image_format])}
            for size in RENDITION_SIZES for image_format in RENDITION_FORMATS]
    return urls


def material_context(request, material):
    return {"preview": preview_context(material), "campaign": material.campaign,
            "editor_view": can_edit(request, material), "topics": topics_in_locale(material)}


def topics_in_locale(material):
    """The material's topics named in its language (a translated page keeps the topics of
    its source page: the same slugs, another locale)."""
    slugs = [topic.slug for topic in material.topics.all()]
    return list(Topic.objects.filter(locale=material.locale, slug__in=slugs)) if slugs else []


def preview_context(material):
    urls = material_urls(material)
    play = {entry["file"].key: entry["play_url"] for entry in urls["files"]}
    subtitle_tracks = [
        {"language": subtitle.language, "label": subtitle.get_language_display(),
         "url": play.get(f"subtitle-{subtitle.pk}")}
        for subtitle in material.subtitles.all() if f"subtitle-{subtitle.pk}" in play]
    return {
        "downloads": urls["files"],
        "renditions": urls["renditions"],
        "media_url": play.get("media"),
        "subtitle_tracks": subtitle_tracks,
    }
