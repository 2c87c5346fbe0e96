"""The API's docs page works under the site's Content-Security-Policy: its assets come from here, not a CDN."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_the_docs_page_loads_swagger_from_this_site_only(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn." not in html and "https://" not in html
    sources = re.findall(r'<script[^>]*\bsrc="([^"]+)"', html) + re.findall(r'<link[^>]*\bhref="([^"]+)"', html)
    assert any(src.endswith("swagger-ui-bundle.js") for src in sources)
    for src in sources:
        assert src.startswith("/static/"), src
        assert finders.find(src.removeprefix("/static/")), src
    # Every script is a file or a block of data: the policy allows no inline script.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert all('type="application/json"' in attributes for attributes in inline), inline
    assert "script-src 'self'" in response["Content-Security-Policy"]
