"""A sitemap of every language, of the pages the public may see (the site's one rule)."""

from entraide.upstream import AllLocalesSitemap as UpstreamAllLocalesSitemap

from .visibility import public_pages


class AllLocalesSitemap(UpstreamAllLocalesSitemap):
    def public(self, pages):
        return public_pages(pages)
