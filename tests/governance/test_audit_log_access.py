"""Only auditors reach the audit trail: everyone else gets a 404, and the denial is logged."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from conftest import ALL_PERSONAS
from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from infohus.organisations import actions
from infohus.organisations.roles import Role
from tests.personas import unit

pytestmark = pytest.mark.django_db

URL_NAMES = ["list", "entry", "export_csv", "export_jsonl"]


def url_for(name: str, entry: AuditEvent) -> str:
    return {
        "list": "/revision/auditlog/",
        "entry": f"/revision/auditlog/{entry.pk}/",
        "export_csv": "/revision/auditlog/eksport/?format=csv",
        "export_jsonl": "/revision/auditlog/eksport/?format=jsonl",
    }[name]


@pytest.mark.parametrize("key", ALL_PERSONAS)
@pytest.mark.parametrize("url_name", URL_NAMES)
def test_persona_matrix(
    key: str,
    url_name: str,
    client_for: Callable[[str], Client],
    write_event: Callable[..., AuditEvent],
) -> None:
    entry = write_event("THING_CHANGED", object_type="tests.thing", object_id="1")
    client = client_for(key)
    response = client.get(url_for(url_name, entry))
    if key == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif key == "auditor":
        assert response.status_code == 200
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("key", [k for k in ALL_PERSONAS if k not in {"auditor", "anonymous"}])
def test_denial_is_audited_with_the_real_reason(
    key: str,
    persona: Callable[[str], User],
    client_for: Callable[[str], Client],
    write_event: Callable[..., AuditEvent],
) -> None:
    entry = write_event()
    client = client_for(key)
    user = persona(key)
    assert client.get(f"/revision/auditlog/{entry.pk}/").status_code == 404
    denial = AuditEvent.objects.filter(actor=user, outcome=AuditEvent.Outcome.DENIED).latest("id")
    assert denial.object_type == "core.auditevent"
    assert denial.object_id == str(entry.pk)
    assert denial.changes["_details"] == {"reason": "not_auditor"}


def test_non_auditor_gets_no_audit_data_in_the_404(
    client_for: Callable[[str], Client], write_event: Callable[..., AuditEvent]
) -> None:
    entry = write_event("SECRET_LOOKING_VERB", object_label="Særlig betegnelse")
    response = client_for("system_admin").get(f"/revision/auditlog/{entry.pk}/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "SECRET_LOOKING_VERB" not in body
    assert "Særlig betegnelse" not in body


@pytest.mark.parametrize(
    "url", ["/revision/auditlog/", "/revision/auditlog/1/", "/revision/auditlog/eksport/"]
)
def test_post_by_non_auditor_is_404_not_405(url: str, client_for: Callable[[str], Client]) -> None:
    # The test client skips the CSRF check, so it is the view that answers.
    assert client_for("coordinator").post(url).status_code == 404


@pytest.mark.parametrize(
    "url", ["/revision/auditlog/", "/revision/auditlog/1/", "/revision/auditlog/eksport/"]
)
def test_post_by_auditor_is_not_allowed(url: str, client_for: Callable[[str], Client]) -> None:
    assert client_for("auditor").post(url).status_code == 405


def test_auditor_gets_404_for_an_entry_that_does_not_exist_and_it_is_logged(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    client = client_for("auditor")
    user = persona("auditor")
    missing = (AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1000
    assert client.get(f"/revision/auditlog/{missing}/").status_code == 404
    denial = AuditEvent.objects.filter(actor=user, outcome=AuditEvent.Outcome.DENIED).latest("id")
    assert denial.object_id == str(missing)
    assert denial.changes["_details"] == {"reason": "absent"}


def test_auditor_acting_in_another_role_is_refused(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    """Capabilities follow the active membership: an auditor acting as something else is refused."""
    client = client_for("auditor")
    other = actions.add_membership(
        actor=None,
        user=persona("auditor"),
        unit=unit("infohus-drift", "systemadministration"),
        role=Role.SYSTEM_ADMIN,
    )
    assert client.get("/revision/auditlog/").status_code == 200
    client.post("/organisationer/rolle/", {"membership": other.pk})
    assert client.get("/revision/auditlog/").status_code == 404
