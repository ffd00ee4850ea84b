from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import media as home_media
from home import site_history
from home import views as home_views
from home.cache import cache_public
from site_cms.api import api_router

# forms_builder's own URLs and Django's admin are deliberately not mounted: editors build forms inside Wagtail,
# and forms_builder's views have the defects listed in docs/security.md ("The form engine").
urlpatterns = [
    # Wagtail's Site history report, with the reading rule of home/audit.py (why here: home/site_history.py).
    path("admin/reports/site-history/", site_history.site_history),
    path("admin/reports/site-history/results/", site_history.site_history_results),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("cari/", home_views.search, name="search"),
    path("sitemap.xml", cache_public(sitemap), name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("favicon.ico", home_views.favicon),
    # The public read-only JSON API (site_cms/api.py, docs/api.md).
    path("api/v2/", api_router.urls),
    path("", include("news.urls")),
    path("", include("events.urls")),
]

handler400 = "home.views.bad_request"
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.STORAGES["default"]["BACKEND"] == "home.storage.RandomNameStorage" and settings.MEDIA_URL == "/media/":
    # Media on local disk: public images answered by Django when no nginx serves them first (home/media.py).
    urlpatterns += [
        re_path(r"^media/(?P<folder>images|original_images)/(?P<name>[^/]+)$", home_media.public_image),
    ]

urlpatterns += [
    # Wagtail's page serving comes last: it catches everything else.
    path("", include(wagtail_urls)),
]
