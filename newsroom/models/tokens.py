"""Personal API tokens: a journalist's scripts act for them, at their limits; only a digest is stored."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.utils import timezone

from newsroom.models.cleaning import CleanCharField


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def for_secret(self, secret: str) -> Self:
        """The token whose secret this is, with its owner: found by the secret's digest, never by the secret."""
        return self.filter(digest=ApiToken.digest_of(secret)).select_related("owner")

    def owned_by(self, user: Any) -> Self:
        return self.filter(owner_id=user.pk)

    def for_list(self) -> Self:
        return self.select_related("owner", "revoked_by")

    def active(self, now: datetime.datetime) -> Self:
        return self.filter(revoked_at__isnull=True).exclude(expires_at__lte=now)

    def expired(self, now: datetime.datetime) -> Self:
        return self.filter(revoked_at__isnull=True, expires_at__lte=now)

    def revoked(self) -> Self:
        return self.filter(revoked_at__isnull=False)


class ApiToken(models.Model):
    """A journalist's personal API token: it lets a script act for its owner, at the owner's limits.

    The secret (`pbx_` and 43 random URL-safe characters, 256 bits) is shown once, when the token is made
    (`newsroom.actions.create_api_token`), and never stored: only its SHA-256 digest, and the first characters
    (`prefix`) so that a list can say which token is which. A fast hash is right for a random secret of this
    size: a password hasher's slowness only protects guessable secrets, and would be paid on every request.
    """

    SECRET_PREFIX = "pbx_"
    PREFIX_LENGTH = 12  # "pbx_" and eight characters of the secret: 48 of its 256 bits, known to anyone it lists
    NAME_LENGTH = 100

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = CleanCharField(max_length=NAME_LENGTH, help_text="What the token is for, e.g. “quotes notebook”.")
    prefix = models.CharField(max_length=PREFIX_LENGTH, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty for a token that works until it is revoked."
    )
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("see_everything", "Can see every page of a search, export it whole, at the higher rate limits"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(secret: str) -> str:
        return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, now: datetime.datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())
