"""Request types for what Django's `HttpRequest` cannot say: what middleware or the admin guarantee.

Annotate a view that reads `request.htmx` with `HtmxHttpRequest`, and an admin action that acts as the
signed-in user with `AuthenticatedHttpRequest`. Neither class is instantiated: Django builds the requests.
"""

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """django-htmx's middleware (in MIDDLEWARE for every request) sets `htmx`."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HttpRequest):
    """The admin lets in only active staff (`AdminSite.admin_view`), so its actions never see AnonymousUser."""

    user: User


def may_be_signed_in(request: HttpRequest) -> bool:
    """Whether the request carries a session cookie. Without one nobody is signed in, so a public page reads no
    session, and stays free of `Vary: Cookie` and the same for every anonymous reader."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES
