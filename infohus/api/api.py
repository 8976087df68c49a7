"""The NinjaAPI instance for /api/v1/: token auth on every operation, problem details
for every error, OpenAPI 3.1 at /api/v1/openapi.json (no interactive docs page: its
assets would need a looser CSP than the rest of the site)."""

from __future__ import annotations

from ninja import NinjaAPI

from infohus.api import cases, concerns, problems, release_notices
from infohus.api.auth import IntegrationTokenAuth, in_api_context

api = NinjaAPI(
    title="Infohus API",
    version="1",
    description=(
        "For system integrations (the prison service, the national hotline). Every call "
        "needs `Authorization: Bearer <token>`; a token acts as one staff membership, "
        "reads back only its own submissions, and reads the cases that membership may see "
        "(read-only). Every POST needs an `Idempotency-Key`. "
        "Errors are RFC 9457 problem details (application/problem+json). No personal "
        "data ever appears in a URL: records are addressed by reference or opaque id only."
    ),
    urls_namespace="api",
    docs_url=None,
    auth=IntegrationTokenAuth(),
)
api.add_decorator(in_api_context, mode="view")
problems.install(api)
api.add_router("", concerns.router)
api.add_router("", release_notices.router)
api.add_router("", cases.router)
