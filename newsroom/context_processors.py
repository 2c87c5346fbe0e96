"""Template context every page shares."""

from django.conf import settings
from django.http import HttpRequest


def live(request: HttpRequest) -> dict[str, int]:
    """How often live fragments poll (LIVE_POLL_SECONDS), for their hx-trigger."""
    return {"poll_seconds": settings.LIVE_POLL_SECONDS}
