"""Every staff account must have a second factor before it can use Infohus."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from tests.personas import PASSWORD, login, make_persona

pytestmark = pytest.mark.django_db


def test_user_without_second_factor_is_sent_to_enrolment() -> None:
    user = make_persona("coordinator", with_mfa=False)
    client = login(Client(), user)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    assert client.get("/organisationer/").status_code == 302


def test_first_login_without_second_factor_goes_straight_to_enrolment() -> None:
    user = make_persona("coordinator", with_mfa=False)
    client = Client()
    response = client.post("/accounts/login/", {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/2fa/totp/activate/"
    assert response.status_code == 200
    assert "totp_form" in response.context or "form" in response.context


def test_the_last_strong_factor_cannot_be_removed_by_its_owner() -> None:
    from infohus.accounts.adapters import MFAAdapter

    user = make_persona("coordinator")
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    assert MFAAdapter().can_delete_authenticator(totp) is False


def test_totp_secret_is_encrypted_at_rest() -> None:
    user = make_persona("coordinator")
    stored = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]
    assert stored.startswith("enc1:")
