"""The demo: fictional users for every role and fictional intake data, loaded idempotently."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from infohus.accounts.models import User
from infohus.intake.inbox import pet_triage_concerns_visible_to
from infohus.intake.models import Concern
from infohus.intake.models.hotline import HotlineCall
from infohus.intake.models.release import ReleaseNotice
from infohus.organisations.models import Membership
from infohus.organisations.roles import Role

pytestmark = pytest.mark.django_db


def test_demo_has_every_role_and_fictional_intake_data() -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    assert all("(fiktiv)" in u.full_name for u in User.objects.filter(is_demo=True))
    assert Concern.objects.count() >= 6
    assert all("fiktiv" in c.description for c in Concern.objects.all())
    assert HotlineCall.objects.filter(is_referred=True).count() == 1
    assert ReleaseNotice.objects.count() == 2
    assert "ALL DATA IS FICTIONAL" in out.getvalue()
    assert "Infohus-demo-2026" in out.getvalue()


def test_demo_has_concerns_only_pets_triage_sees() -> None:
    call_command("load_demo", "--quiet", stdout=StringIO())
    held = pet_triage_concerns_visible_to(User.objects.get(username="pet-visitator"))
    assert held.count() == 2
    assert all(c.district_id is None and "fiktiv" in c.description for c in held)


def test_loading_twice_adds_nothing() -> None:
    call_command("load_demo", "--quiet", stdout=StringIO())
    counts = (User.objects.count(), Concern.objects.count(), ReleaseNotice.objects.count())
    call_command("load_demo", "--quiet", stdout=StringIO())
    assert (User.objects.count(), Concern.objects.count(), ReleaseNotice.objects.count()) == counts


@override_settings(INFOHUS_ALLOW_DEMO_DATA=False)
def test_demo_is_refused_where_not_allowed() -> None:
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        call_command("load_demo", "--quiet", stdout=StringIO())
    assert not User.objects.exists()
