"""Error pages: Danish, in the shell, and a 404 that gives nothing away."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import BadRequest, PermissionDenied
from django.test import Client, RequestFactory
from django.views import defaults

from tests.reporting.pages import Page

pytestmark = pytest.mark.django_db


def main_text(html: str | bytes) -> str:
    return Page(html.decode() if isinstance(html, bytes) else html).text


def test_404_is_danish_and_in_the_shell(client_for: Callable[[str], Client]) -> None:
    response = client_for("coordinator").get("/findes-ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Siden blev ikke fundet" in html
    assert "Siden findes ikke, eller du har ikke adgang til den." in html
    assert 'class="skipnav"' in html and "dkfds.min.css" in html


def test_404_for_a_hidden_page_looks_like_one_that_does_not_exist(
    client_for: Callable[[str], Client],
) -> None:
    client = client_for("auditor")  # auditors may not see the directory: a 404
    hidden = client.get("/organisationer/")
    missing = client.get("/organisationer/findes-ikke/")
    assert hidden.status_code == missing.status_code == 404
    assert main_text(hidden.content) == main_text(missing.content)


def test_404_does_not_show_the_exception_message(client_for: Callable[[str], Client]) -> None:
    request = RequestFactory().get("/sager/42/")
    request.user = client_for("coordinator").get("/").wsgi_request.user
    response = defaults.page_not_found(request, Exception("No Case matches the given query."))
    assert response.status_code == 404
    assert "No Case matches" not in response.content.decode()


def test_403_page(rf: RequestFactory) -> None:
    request = rf.get("/")
    request.user = AnonymousUser()
    response = defaults.permission_denied(request, PermissionDenied("secret reason"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Ingen adgang" in html
    assert "secret reason" not in html


def test_400_page(rf: RequestFactory) -> None:
    request = rf.get("/")
    request.user = AnonymousUser()
    response = defaults.bad_request(request, BadRequest("details"))
    assert response.status_code == 400
    assert "Forespørgslen kunne ikke behandles" in response.content.decode()


def test_500_page_renders_without_a_request_context(rf: RequestFactory) -> None:
    response = defaults.server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Der opstod en fejl" in html
    assert 'class="skipnav"' in html


def test_csrf_failure_page_is_ours() -> None:
    response = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "en"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Siden er udløbet" in html
    assert "<style" not in html


def test_error_pages_are_translated(client_for: Callable[[str], Client]) -> None:
    client = client_for("coordinator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
