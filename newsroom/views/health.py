"""GET /healthz for load balancers: JSON, never cached, no session or CSRF cookie (it reads neither)."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from newsroom.health import health


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    report, status = health()
    return JsonResponse(report, status=status)
