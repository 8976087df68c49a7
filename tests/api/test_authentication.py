"""Bearer tokens: stored as hashes, 401 problems for anything else, audited rejections,
issue and revoke through audited actions and the management command."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from infohus.accounts.models import User
from infohus.api.actions import create_api_token, revoke_api_token
from infohus.api.models import ApiToken
from infohus.core.models import AuditEvent
from infohus.intake.models import Concern
from infohus.organisations import actions as org_actions
from infohus.organisations.models import Membership
from tests.api.conftest import CONCERNS_URL, Integration, concern_body

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def assert_401(response: Any, *, error: bool) -> None:
    assert response.status_code == 401, response.content
    assert response["Content-Type"] == PROBLEM
    challenge = response["WWW-Authenticate"]
    assert challenge.startswith('Bearer realm="infohus-api"')
    assert ('error="invalid_token"' in challenge) is error
    problem = response.json()
    assert problem["status"] == 401 and problem["type"].endswith("unauthenticated")


@pytest.mark.parametrize("method", ["get", "post"])
def test_no_token_is_401_not_a_login_redirect(method: str) -> None:
    response = getattr(Client(), method)(CONCERNS_URL)
    assert_401(response, error=False)


@pytest.mark.parametrize(
    "header",
    [
        "Bearer ihk_not-a-real-token-at-all",
        "Bearer nonsense",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Token ihk_abc",
    ],
)
def test_a_bad_token_is_401_and_audited(header: str) -> None:
    response = Client().post(
        CONCERNS_URL,
        data=concern_body(),
        content_type="application/json",
        headers={"Idempotency-Key": "k"},
        HTTP_AUTHORIZATION=header,
    )
    assert_401(response, error=True)
    denial = AuditEvent.objects.get(verb="API_TOKEN_REJECTED")
    assert denial.outcome == AuditEvent.Outcome.DENIED
    assert denial.ip_address == "127.0.0.1"
    assert not Concern.objects.exists()


def test_a_revoked_token_is_401(prison: Integration) -> None:
    assert prison.get(CONCERNS_URL).status_code == 200
    revoke_api_token(actor=None, token=prison.token)
    response = prison.post(CONCERNS_URL, concern_body())
    assert_401(response, error=True)
    denial = AuditEvent.objects.get(verb="API_TOKEN_REJECTED")
    assert denial.object_id == str(prison.token.pk)
    assert denial.changes["_details"] == {"reason": "revoked"}
    assert not Concern.objects.exists()


def test_a_token_whose_membership_ended_is_401(prison: Integration) -> None:
    org_actions.end_membership(actor=None, membership=prison.membership, reason="test")
    assert_401(prison.get(CONCERNS_URL), error=True)


def test_a_logged_in_session_is_not_an_api_credential(
    client_for: Callable[[str], Client],
) -> None:
    client = client_for("coordinator")
    assert_401(client.get(CONCERNS_URL), error=False)
    assert_401(client.post(CONCERNS_URL, data={}, content_type="application/json"), error=False)


def test_only_a_hash_and_a_prefix_are_stored(prison: Integration) -> None:
    token = ApiToken.objects.get()
    assert token.token_hash == hashlib.sha256(prison.secret.encode()).hexdigest()
    assert prison.secret.startswith(token.prefix) and len(token.prefix) == 12
    assert prison.secret not in str(ApiToken.objects.values().get())


def test_use_is_recorded_on_the_token(prison: Integration) -> None:
    assert ApiToken.objects.get().last_used_at is None
    prison.get(CONCERNS_URL)
    assert ApiToken.objects.get().last_used_at is not None


def test_issuing_and_revoking_are_audited(persona: Callable[[str], User]) -> None:
    admin = persona("system_admin")
    membership = Membership.objects.get(user=persona("hotline_adviser"))
    token, secret = create_api_token(actor=admin, membership=membership, name="Hotline-system")
    created = AuditEvent.objects.get(verb="API_TOKEN_CREATED")
    assert created.actor == admin and created.object_id == str(token.pk)
    assert secret not in str(created.changes)
    revoke_api_token(actor=admin, token=token)
    revoke_api_token(actor=admin, token=token)
    assert AuditEvent.objects.filter(verb="API_TOKEN_REVOKED").count() == 1
    assert ApiToken.objects.get().created_by == admin


def test_no_token_for_an_ended_membership(persona: Callable[[str], User]) -> None:
    from django.core.exceptions import ValidationError

    membership = Membership.objects.get(user=persona("prison_liaison"))
    org_actions.end_membership(actor=None, membership=membership, reason="test")
    with pytest.raises(ValidationError):
        create_api_token(actor=None, membership=Membership.objects.get(pk=membership.pk), name="x")


def test_management_command_prints_a_working_token_once(
    persona: Callable[[str], User],
) -> None:
    user = persona("prison_liaison")
    membership = Membership.objects.get(user=user)
    out = io.StringIO()
    call_command(
        "create_api_token",
        username=user.username,
        membership_id=membership.pk,
        name="Kriminalforsorgens klientsystem",
        stdout=out,
    )
    secret = next(line for line in out.getvalue().split() if line.startswith("ihk_"))
    response = Client().get(CONCERNS_URL, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200


def test_management_command_refuses_a_membership_of_another_user(
    persona: Callable[[str], User],
) -> None:
    other = Membership.objects.get(user=persona("hotline_adviser"))
    with pytest.raises(CommandError):
        call_command(
            "create_api_token",
            username=persona("prison_liaison").username,
            membership_id=other.pk,
            name="x",
            stdout=io.StringIO(),
        )
    assert not ApiToken.objects.exists()
