"""What every named, addressable row shares: it prints as its name and fills its URL slug from it."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.text import slugify


class NamedWithSlug(models.Model):
    """Abstract: subclasses define `name` and a unique `slug`; a blank slug is filled from the name on save.

    Lives in `matches`, the app every other app may depend on, so clubs, people and tags share one rule.
    """

    name: str
    slug: str

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)
