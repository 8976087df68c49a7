"""Field encryption (AES-256-GCM) and keyed blind indexes (HMAC-SHA256).

The most sensitive fields (CPR numbers, TOTP secrets) and files (concern
attachments, as bytes) are encrypted at rest.
Ciphertexts carry the id of the key that made them, so keys can be rotated:
the first key in INFOHUS_FIELD_KEYS encrypts, every listed key decrypts.
A blind index lets the system find an exact value (a CPR number) without
storing it in clear; it uses its own key, so leaking ciphertexts and indexes
together still needs both keys.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_PREFIX = "enc1"


class DecryptionError(Exception):
    """A ciphertext could not be decrypted: unknown key, or it was altered."""


@lru_cache(maxsize=8)
def _parse_keys(raw: str) -> tuple[tuple[str, bytes], ...]:
    keys: list[tuple[str, bytes]] = []
    for item in raw.split(","):
        item = item.strip()
        if not item:
            continue
        key_id, _, b64 = item.partition(":")
        key = base64.b64decode(b64)
        if not key_id or len(key) != 32:
            raise ImproperlyConfigured("INFOHUS_FIELD_KEYS entries must be 'id:base64(32 bytes)'")
        keys.append((key_id, key))
    if not keys:
        raise ImproperlyConfigured("INFOHUS_FIELD_KEYS is empty")
    return tuple(keys)


def _keys() -> tuple[tuple[str, bytes], ...]:
    return _parse_keys(settings.INFOHUS_FIELD_KEYS)


def encrypt(plaintext: str, *, context: str) -> str:
    """Encrypt ``plaintext``; ``context`` (e.g. 'cpr') is bound as associated data."""
    key_id, key = _keys()[0]
    nonce = os.urandom(12)
    ct = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), context.encode("utf-8"))
    return f"{_PREFIX}:{key_id}:{base64.b64encode(nonce + ct).decode()}"


def decrypt(token: str, *, context: str) -> str:
    try:
        prefix, key_id, b64 = token.split(":", 2)
    except ValueError as exc:
        raise DecryptionError("malformed ciphertext") from exc
    if prefix != _PREFIX:
        raise DecryptionError("unknown ciphertext format")
    key = dict(_keys()).get(key_id)
    if key is None:
        raise DecryptionError(f"no key with id {key_id!r}")
    raw = base64.b64decode(b64)
    try:
        plain = AESGCM(key).decrypt(raw[:12], raw[12:], context.encode("utf-8"))
    except Exception as exc:  # cryptography raises InvalidTag
        raise DecryptionError("ciphertext was altered or the key is wrong") from exc
    return plain.decode("utf-8")


def encrypt_bytes(plaintext: bytes, *, context: str) -> bytes:
    """Encrypt binary ``plaintext`` (a file) as ``enc1:<key id>:`` + nonce + ciphertext.

    Raw bytes rather than base64 text: files are large, and a BinaryField holds them as is.
    """
    key_id, key = _keys()[0]
    nonce = os.urandom(12)
    ct = AESGCM(key).encrypt(nonce, plaintext, context.encode("utf-8"))
    return f"{_PREFIX}:{key_id}:".encode() + nonce + ct


def decrypt_bytes(token: bytes, *, context: str) -> bytes:
    try:
        prefix, key_id, raw = bytes(token).split(b":", 2)
    except ValueError as exc:
        raise DecryptionError("malformed ciphertext") from exc
    if prefix != _PREFIX.encode():
        raise DecryptionError("unknown ciphertext format")
    key = dict(_keys()).get(key_id.decode("utf-8", errors="replace"))
    if key is None:
        raise DecryptionError(f"no key with id {key_id!r}")
    try:
        return AESGCM(key).decrypt(raw[:12], raw[12:], context.encode("utf-8"))
    except Exception as exc:  # cryptography raises InvalidTag
        raise DecryptionError("ciphertext was altered or the key is wrong") from exc


def is_encrypted(value: str) -> bool:
    return value.startswith(_PREFIX + ":")


def blind_index(value: str, *, context: str) -> str:
    """A keyed, deterministic digest of ``value`` for exact-match look-ups."""
    key = settings.INFOHUS_BLIND_INDEX_KEY.encode("utf-8")
    msg = f"{context}\x00{value}".encode()
    return hmac.new(key, msg, hashlib.sha256).hexdigest()
