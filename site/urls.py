from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from directory.sitemaps import AllLocalesSitemap
from home.views import healthz
from search import views as search_views

from . import media

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    # browsers and crawlers that ask the site's root for its icon
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.ico"),
                                              permanent=True)),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLocalesSitemap}}, name="sitemap"),
    path("api/hsds/", include("directory.api_urls")),
    path("", include("directory.widgets.urls")),  # /widgets/... and /api/widgets/...
]

# Uploaded files, in every environment, each checked against the rules of its owner.
urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.serve, name="media"))

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("directory/", include("directory.urls")),
    path("crisis-help/", include("crisis.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# JSON under /api/, the site's pages elsewhere
handler403 = "entraide.errors.permission_denied"
handler404 = "entraide.errors.page_not_found"
handler500 = "entraide.errors.server_error"
