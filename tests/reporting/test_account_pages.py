"""allauth's pages (login, MFA, password, logout) in the Infohus shell with DKFDS forms."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from infohus.accounts.models import User
from tests.personas import PASSWORD, current_totp, login, make_persona, totp_secret_for
from tests.reporting.pages import Page

pytestmark = pytest.mark.django_db


def password_step(client: Client, username: str, password: str = PASSWORD) -> None:
    client.post(reverse("account_login"), {"login": username, "password": password})


def test_login_page_states_the_lockout_and_logging_policy() -> None:
    text = Page(Client().get(reverse("account_login")).content.decode()).text
    assert "Log ind i Infohus" in text
    assert "Efter 5 forkerte forsøg spærres kontoen i 15 minutter." in text
    assert "Infohus indeholder følsomme personoplysninger." in text
    assert "Al brug af Infohus logges" in text


def test_login_page_does_not_offer_sign_up() -> None:
    html = Client().get(reverse("account_login")).content.decode()
    assert reverse("account_signup") not in html


def test_login_fields_have_visible_labels_and_no_placeholders() -> None:
    page = Page(Client().get(reverse("account_login")).content.decode())
    for field_id in ("id_login", "id_password"):
        assert page.find("label", class_="form-label", for_=field_id)
        (field,) = page.find("input", id=field_id)
        assert "form-input" in str(field["class"])
        assert "placeholder" not in field


def test_wrong_password_shows_an_error_summary(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    response = Client().post(
        reverse("account_login"), {"login": user.username, "password": "forkert-kode-123"}
    )
    assert response.status_code == 200
    page = Page(response.content.decode())
    (summary,) = page.find("div", data_module="error-summary")
    assert "alert-error" in str(summary["class"])
    assert "Det angivne brugernavn og/eller adgangskoden er ikke korrekt." in page.text


def test_missing_username_is_marked_on_the_field_and_linked_from_the_summary() -> None:
    response = Client().post(reverse("account_login"), {"login": "", "password": "x"})
    page = Page(response.content.decode())
    (field,) = page.find("input", id="id_login")
    assert field["aria-invalid"] == "true"
    assert "id_login-error" in str(field["aria-describedby"])
    assert page.find("span", class_="form-error-message", id="id_login-error")
    assert "#id_login" in page.main_links


def test_second_factor_page(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    client = Client()
    password_step(client, user.username)
    response = client.get(reverse("mfa_authenticate"))
    assert response.status_code == 200
    page = Page(response.content.decode())
    assert "Indtast engangskode" in page.text
    (code,) = page.find("input", id="id_code")
    assert code["inputmode"] == "numeric"
    assert code["autocomplete"] == "one-time-code"
    assert page.find("label", for_="id_code")


def test_wrong_code_is_shown_on_the_field(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    client = Client()
    password_step(client, user.username)
    right = current_totp(totp_secret_for(user.username))
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    page = Page(client.post(reverse("mfa_authenticate"), {"code": wrong}).content.decode())
    assert page.find("div", data_module="error-summary")
    assert page.find("div", class_="form-group form-error")
    (code,) = page.find("input", id="id_code")
    assert code["aria-invalid"] == "true"


def test_totp_enrolment_shows_qr_code_secret_and_code_field() -> None:
    user = make_persona("coordinator", with_mfa=False)
    client = Client()
    password_step(client, user.username)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    page = Page(response.content.decode())
    assert "Opsæt totrinsbekræftelse" in page.text
    (qr,) = page.find("img", class_="totp-qr")
    assert str(qr["src"]).startswith("data:image/svg+xml")
    assert qr["alt"]
    (secret,) = page.find("input", id="authenticator_secret")
    assert "readonly" in secret and len(str(secret["value"])) >= 16
    assert page.find("input", id="id_code")


def full_login(client: Client, user: User) -> None:
    password_step(client, user.username)
    client.post(reverse("mfa_authenticate"), {"code": current_totp(totp_secret_for(user.username))})


def test_recovery_codes_are_shown_in_a_labelled_field(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    client = Client()
    full_login(client, user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(reverse("mfa_generate_recovery_codes"), follow=True)
    assert response.status_code == 200
    page = Page(response.content.decode())
    assert page.find("textarea", id="recovery_codes", class_="form-input")
    assert page.find("label", for_="recovery_codes")


ACCOUNT_PAGES = [
    "mfa_index",
    "mfa_list_webauthn",
    "mfa_add_webauthn",
    "mfa_generate_recovery_codes",
    "account_change_password",
    "account_logout",
]


@pytest.mark.parametrize("name", ACCOUNT_PAGES)
def test_account_pages_render_in_the_shell(name: str, persona: Callable[[str], User]) -> None:
    client = Client()
    full_login(client, persona("coordinator"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse(name))
    assert response.status_code == 200
    page = Page(response.content.decode())
    assert page.find("a", class_="skipnav")
    assert page.find("nav", class_="account-menu")
    assert page.find("h1")


def test_password_reset_page_renders_in_the_shell() -> None:
    page = Page(Client().get(reverse("account_reset_password")).content.decode())
    assert page.find("a", class_="skipnav")
    assert page.find("input", class_="form-input")


def test_reauthentication_page_renders_in_the_shell(persona: Callable[[str], User]) -> None:
    client = login(Client(), persona("coordinator"))  # no recent password: must re-authenticate
    response = client.get(reverse("mfa_generate_recovery_codes"), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain
    page = Page(response.content.decode())
    assert page.find("a", class_="skipnav")
    assert page.find("input", class_="form-input")


def test_password_field_has_no_empty_hint() -> None:
    """allauth's "forgot your password?" hint is replaced by a link below the form."""
    page = Page(Client().get(reverse("account_login")).content.decode())
    (password,) = page.find("input", id="id_password")
    assert "aria-describedby" not in password
    assert reverse("account_reset_password") in page.main_links
