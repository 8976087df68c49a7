import pytest
from django.test import Client


@pytest.mark.django_db
def test_healthz_reports_database_without_login() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"]
