from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from directory.sitemaps import AllLocalesSitemap
from home.views import healthz
from search import views as search_views

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLocalesSitemap}}, name="sitemap"),
    path("api/hsds/", include("directory.api_urls")),
    path("", include("directory.widgets.urls")),  # /widgets/... and /api/widgets/...
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("directory/", include("directory.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# JSON under /api/, the site's pages elsewhere
handler404 = "entraide.errors.page_not_found"
handler500 = "entraide.errors.server_error"
