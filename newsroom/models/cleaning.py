"""Text an editor types, cleaned on the way in: control characters dropped in forms, full_clean() and save()."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db import models

# What XML 1.0 cannot carry (C0 controls other than tab, newline and carriage return; lone surrogates; U+FFFE and
# U+FFFF), and DEL. Pasted from word processors, one in a headline made every feed that printed it answer 500.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# A vertical tab is a word processor's line break, a form feed its page break: a space keeps the words apart.
_BREAKS = re.compile(r"[\x0b\x0c]")


def without_control_characters(text: str) -> str:
    """`text` as a reader should see it and XML can carry it; tab, newline and carriage return are kept."""
    return _UNPRINTABLE.sub("", _BREAKS.sub(" ", text))


class CleanFormField(forms.CharField):
    """Cleans before validating, so a pasted NUL is dropped rather than refused, and the editor sees no error."""

    def to_python(self, value: Any) -> Any:
        return super().to_python(without_control_characters(value) if isinstance(value, str) else value)


class CleansControlCharacters:
    """For text an editor types: control characters are dropped in forms, in full_clean() and on every save."""

    attname: str

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)  # type: ignore[misc]
        return without_control_characters(value) if isinstance(value, str) else value

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = without_control_characters(value)
            setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": CleanFormField, **kwargs})  # type: ignore[misc]


class CleanCharField(CleansControlCharacters, models.CharField):
    pass


class CleanTextField(CleansControlCharacters, models.TextField):
    pass
