"""What every named, addressable row shares: it prints as its name and fills its URL slug from it."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.text import slugify


def unique_slug(instance: models.Model, text: str, *, field_name: str = "slug") -> str:
    """A slug made from `text` that no other row of the instance's model holds: `text`, `text-2`, `text-3`, ...

    Cut to the field's max_length, suffix included. Text that slugifies to nothing ("!!!", a name in a
    non-Latin script) falls back to the model's name ("person", "person-2"), so every row stays addressable.
    The check and the insert are not atomic: two saves racing for one slug still meet the unique constraint.
    """
    field = instance._meta.get_field(field_name)
    assert isinstance(field, models.SlugField) and field.max_length is not None, f"{field_name} is a slug field"
    max_length = field.max_length
    base = slugify(text) or str(instance._meta.model_name)
    rows = type(instance)._default_manager.all()
    others = rows.exclude(pk=instance.pk) if instance.pk is not None else rows
    slug, n = base[:max_length].rstrip("-"), 1
    while others.filter(**{field_name: slug}).exists():
        n += 1
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
    return slug


class NamedWithSlug(models.Model):
    """Abstract: subclasses define `name` and a unique `slug`; a blank slug is filled from the name on save.

    Lives in `matches`, the app every other app may depend on, so clubs, people, tags and sections share one rule.
    """

    name: str
    slug: str

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)
