"""The OpenAPI 3.1 schema: served, versioned, and no personal data in any path."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_schema_is_openapi_3_1_and_served_without_a_token() -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert re.fullmatch(r"3\.1\.\d+", schema["openapi"])
    assert schema["info"]["version"] == "1"
    assert "/api/v1/concerns" in schema["paths"]
    assert schema["components"]["securitySchemes"]["IntegrationTokenAuth"]["scheme"] == "bearer"


def test_request_schemas_refuse_unknown_fields() -> None:
    components = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name in ("ConcernIn", "PersonIn", "ReporterIn"):
        assert components[name]["additionalProperties"] is False, name


def test_paths_address_records_by_reference_only() -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    params = {p for path in paths for p in re.findall(r"{(\w+)}", path)}
    assert params <= {"reference", "notice_id", "case_id"}  # opaque identifiers, never CPR or names


def test_post_requires_an_idempotency_key() -> None:
    post = Client().get("/api/v1/openapi.json").json()["paths"]["/api/v1/concerns"]["post"]
    header = next(p for p in post["parameters"] if p["name"] == "Idempotency-Key")
    assert header["in"] == "header" and header["required"] is True
