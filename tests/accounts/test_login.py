"""Logging in: password, then the second factor; session rotation; audit; notices."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client, override_settings

from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from tests.personas import PASSWORD, current_totp, make_persona, totp_secret_for

pytestmark = pytest.mark.django_db


def password_step(client: Client, username: str, password: str = PASSWORD) -> str:
    response = client.post("/accounts/login/", {"login": username, "password": password})
    return str(response.headers.get("Location", "")) if response.status_code == 302 else ""


def full_login(client: Client, user: User) -> None:
    assert password_step(client, user.username) == "/accounts/2fa/authenticate/"
    code = current_totp(totp_secret_for(user.username))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302, response.content[:500]


def test_login_page_is_danish_and_public() -> None:
    response = Client().get("/accounts/login/")
    assert response.status_code == 200
    assert 'lang="da"' in response.content.decode()


def test_password_then_totp_lands_on_start_page(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    client = Client()
    full_login(client, user)
    response = client.get("/")
    assert response.status_code == 200
    assert response.wsgi_request.user == user
    assert AuditEvent.objects.filter(verb="LOGIN_SUCCEEDED", actor=user).count() == 1


def test_password_alone_does_not_log_in(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    client = Client()
    password_step(client, user.username)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_wrong_totp_code_is_refused_and_counted(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    client = Client()
    password_step(client, user.username)
    right = current_totp(totp_secret_for(user.username))
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post("/accounts/2fa/authenticate/", {"code": wrong})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.failed_login_count == 1
    assert AuditEvent.objects.filter(verb="LOGIN_FAILED", object_id=str(user.pk)).exists()


def test_login_rotates_the_session_key(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    client = Client()
    client.get("/accounts/login/")
    password_step(client, user.username)
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    full_code = current_totp(totp_secret_for(user.username))
    client.post("/accounts/2fa/authenticate/", {"code": full_code})
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert before and after and before != after


def test_signup_is_closed() -> None:
    response = Client().post(
        "/accounts/signup/", {"username": "outsider", "password1": "x" * 20, "password2": "x" * 20}
    )
    assert response.status_code in {200, 403, 404}
    assert not User.objects.filter(username="outsider").exists()


def test_failed_attempts_are_shown_at_next_login(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    client = Client()
    password_step(client, user.username, "wrong-password-1")
    password_step(client, user.username, "wrong-password-2")
    full_login(client, user)
    page = client.get("/").content.decode()
    assert "2 mislykkede loginforsøg" in page
    user.refresh_from_db()
    assert user.failures_since_login == 0
    # Shown once only.
    assert "mislykkede loginforsøg" not in client.get("/").content.decode()


def test_logout_is_audited(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    client = Client()
    full_login(client, user)
    client.post("/accounts/logout/")
    assert AuditEvent.objects.filter(verb="LOGOUT", actor=user).exists()
    assert client.get("/").status_code == 302


@override_settings(
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
)
def test_passwords_are_hashed_with_argon2() -> None:
    user = make_persona("auditor", username="argon-user")
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(PASSWORD)


def test_production_settings_list_argon2_first() -> None:
    # The test run puts a fast hasher first; production's list must start with argon2.
    from config import settings as project_settings

    production = [h for h in project_settings.PASSWORD_HASHERS if "MD5" not in h]
    assert production[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
