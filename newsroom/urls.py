"""Pressbox URLs: the admin, the JSON API and the public site."""

from django.contrib import admin
from django.urls import include, path

from newsroom.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("newsroom.site_urls")),
]
