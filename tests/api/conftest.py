"""Integrations for the API tests: a token acting as a persona's membership."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from infohus.accounts.models import User
from infohus.api.actions import create_api_token
from infohus.api.models import ApiToken
from infohus.organisations.models import Membership

CONCERNS_URL = "/api/v1/concerns"


@dataclass
class Integration:
    user: User
    membership: Membership
    token: ApiToken
    secret: str
    client: Client

    def post(
        self, path: str, body: Any, *, key: str | None = None, raw: bytes | None = None
    ) -> Any:
        headers = {"Idempotency-Key": key or str(uuid.uuid4())}
        data = raw if raw is not None else json.dumps(body)
        return self.client.post(
            path,
            data=data,
            content_type="application/json",
            headers=headers,
            HTTP_AUTHORIZATION=f"Bearer {self.secret}",
        )

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, HTTP_AUTHORIZATION=f"Bearer {self.secret}")


@pytest.fixture
def integration_for(persona: Callable[[str], User]) -> Callable[[str], Integration]:
    """integration_for("prison_liaison") → a token acting as that persona's membership."""
    made: dict[str, Integration] = {}

    def get(key: str) -> Integration:
        if key not in made:
            user = persona(key)
            membership = Membership.objects.get(user=user)
            token, secret = create_api_token(
                actor=None, membership=membership, name=f"Integration {key}"
            )
            made[key] = Integration(user, membership, token, secret, Client())
        return made[key]

    return get


@pytest.fixture
def prison(integration_for: Callable[[str], Integration]) -> Integration:
    return integration_for("prison_liaison")


def concern_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "source_type": "prison_service",
        "description": "Indsat udtrykker støtte til voldelig ekstremisme (fiktivt eksempel).",
        "municipality": "751",
        "reporter": {"is_anonymous": False, "name": "Fiktiv Fængselsbetjent"},
        "persons": [{"full_name": "Fiktiv Fokusperson", "cpr": "010190-1234"}],
        "ideology": "right_wing",
    }
    body.update(overrides)
    return body
