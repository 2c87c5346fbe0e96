"""Pressbox URLs: the admin, the JSON API and the public site."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from newsroom.api import api
from newsroom.views import desk, health, presence

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    # Before the admin's own addresses, which would take it for an article's.
    path("admin/newsroom/article/<int:pk>/presence/", presence.article_presence, name="article_presence"),
    path("admin/newsroom/article/preview/", desk.article_draft_preview, name="article_draft_preview"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("newsroom.site_urls")),
]

# Uploaded pictures, served by the development server; in production the web server or a bucket serves them.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "newsroom.views.errors.bad_request"
handler403 = "newsroom.views.errors.permission_denied"
handler404 = "newsroom.views.errors.page_not_found"
handler500 = "newsroom.views.errors.server_error"
