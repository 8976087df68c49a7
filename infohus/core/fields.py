"""Model fields for encrypted values (core.crypto)."""

from __future__ import annotations

from typing import Any

from django.db import models

from infohus.core import crypto


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Text stored encrypted with AES-GCM, bound to ``context`` (e.g. 'cpr').

    The database holds only ciphertext; Python sees the plain value. Not
    searchable: pair it with a blind index field where exact look-up is needed.
    """

    def __init__(self, *args: Any, context: str = "", **kwargs: Any) -> None:
        self.context = context
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["context"] = self.context
        return name, path, args, kwargs

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str:
        if not value:
            return ""
        return crypto.decrypt(str(value), context=self.context)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if not value:
            return ""
        return crypto.encrypt(str(value), context=self.context)
