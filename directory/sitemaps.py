"""A sitemap of every language: Wagtail's own lists only the site root's tree, which is the
German one; the French and Italian trees are translations of that root beside it."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .visibility import public_pages


class AllLocalesSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        trees = Q()
        for translated_root in Page.objects.filter(translation_key=root.translation_key):
            trees |= Q(path__startswith=translated_root.path)
        return (
            public_pages(Page.objects.filter(trees))
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
