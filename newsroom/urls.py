"""Pressbox URLs: the admin, the JSON API and the public site."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("newsroom.site_urls")),
]
