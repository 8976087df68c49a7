"""Per-machine secrets for development and tests, kept in var/ (never committed).

Production reads every secret from the environment (config.settings._secret);
a developer's machine generates them once so that `make run` can be run again
and still read its own encrypted data.
"""

from __future__ import annotations

import base64
import json
import secrets
from pathlib import Path


def _generate(name: str) -> str:
    if name == "INFOHUS_FIELD_KEYS":
        return "k1:" + base64.b64encode(secrets.token_bytes(32)).decode()
    return secrets.token_urlsafe(48)


def local_secret(directory: Path, name: str) -> str:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "local-secrets.json"
    data: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    if name not in data:
        data[name] = _generate(name)
        path.write_text(json.dumps(data, indent=2))
        path.chmod(0o600)
    return data[name]
