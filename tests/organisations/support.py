"""Small helpers shared by the organisation tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse

from infohus.accounts import lockout
from infohus.accounts.models import User
from infohus.core.models import AuditEvent

if TYPE_CHECKING:  # the test client's response type exists in django-stubs only
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse


def url(name: str, *args: object) -> str:
    return reverse(f"organisations:{name}", args=args)


def events(verb: str, obj: object | None = None) -> list[AuditEvent]:
    """The audit entries with ``verb`` (about ``obj``, if given), oldest first."""
    qs = AuditEvent.objects.filter(verb=verb)
    if obj is not None:
        qs = qs.filter(object_id=str(getattr(obj, "pk", obj)))
    return list(qs.order_by("id"))


def only_event(verb: str, obj: object | None = None) -> AuditEvent:
    found = events(verb, obj)
    assert len(found) == 1, [str(e) for e in found]
    return found[0]


def lock(user: User) -> User:
    """Lock ``user`` the real way: failed logins up to the threshold."""
    for _ in range(settings.INFOHUS_LOCKOUT_THRESHOLD):
        lockout.register_failure(user, stage="password")
    user.refresh_from_db()
    assert user.is_locked()
    return user


def messages_of(response: TestResponse) -> list[str]:
    """The messages queued by the request that gave ``response``, as text."""
    return [str(m) for m in get_messages(response.wsgi_request)]


def form_errors(response: TestResponse) -> dict[str, list[str]]:
    """The errors of the page's form, by field ("__all__" for the whole form)."""
    form = response.context["form"]
    return {field: [str(e) for e in errs] for field, errs in form.errors.items()}
