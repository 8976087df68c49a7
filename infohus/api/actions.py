"""Issuing and revoking integration tokens; purging old idempotency records. Each is atomic
and (where it changes who may do what) writes its audit entry."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from infohus.api.models import IDEMPOTENCY_TTL, ApiToken, IdempotencyRecord
from infohus.core import audit
from infohus.organisations.models import Membership

TOKEN_MARK = "ihk_"  # noqa: S105 — marks our tokens (for secret scanners), not a secret
PREFIX_LENGTH = 12  # "ihk_" + 8 characters of the random part: identifies, does not authenticate


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def create_api_token(*, actor: Any, membership: Membership, name: str) -> tuple[ApiToken, str]:
    """Issue a token that acts as ``membership``; return it with the plaintext, which is
    shown once and never stored (only its SHA-256 hash is).

    The token has 256 random bits, so a plain (unsalted, fast) hash is enough: nothing
    can be guessed from it, and lookup by hash needs no per-token salt.
    """
    name = name.strip()
    if not name:
        raise ValidationError("Give the token a name (the integration it is for).", code="no_name")
    if not membership.is_active or not membership.user.is_active:
        raise ValidationError(
            "A token can act only as an active membership of an active user.", code="inactive"
        )
    plaintext = TOKEN_MARK + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        name=name,
        membership=membership,
        prefix=plaintext[:PREFIX_LENGTH],
        token_hash=hash_token(plaintext),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(
        "API_TOKEN_CREATED",
        actor=actor,
        obj=token,
        changes={
            "name": (None, token.name),
            "membership": (None, membership.audit_label()),
            "prefix": (None, token.prefix),
        },
    )
    return token, plaintext


@transaction.atomic
def revoke_api_token(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revoke a token at once; requests presenting it get 401 from then on. Revoking a
    revoked token changes nothing and writes nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        "API_TOKEN_REVOKED",
        actor=actor,
        obj=token,
        changes={"revoked_at": (None, token.revoked_at)},
    )
    return token


def purge_idempotency_records() -> int:
    """Delete idempotency records older than 24 hours; return how many. Past that a retry
    with the same key is treated as a new request (ADR 0008). Run daily; the API also
    ignores expired records on its own, so a late purge is harmless."""
    deleted, _ = IdempotencyRecord.objects.filter(
        created_at__lt=timezone.now() - IDEMPOTENCY_TTL
    ).delete()
    return deleted
