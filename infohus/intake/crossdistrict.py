"""The cross-district hint: "possible earlier concern — contact the Infohus in district A".

Districts cannot see each other's concerns (DOMAIN §6, §11: today PET ends up as the
middleman). When a concern in district B is about a person who also has concerns in
district A, B's intake staff are told only *that* A may know the person and whom to
contact: A's Infohus unit. Never A's reference, dates, description, reporter, status or
anything else of A's concern. Every look-up is written to the audit trail with its
purpose, whether or not it found anything.

Interface for the views and the API (the concern detail page, the staff intake receipt):

``cross_district_hints(user, concern) -> list[CrossDistrictHint]``
    Call it after ``get_concern_for_user`` when showing a concern (also right after
    registering one). Returns ``[]`` without a look-up for anyone who may not handle
    the concern. Each ``CrossDistrictHint`` is a frozen dataclass with

    * ``person_id: int`` — the focus person *of this concern* the hint is about,
    * ``district_name: str`` — the other police district ("Østjyllands Politi"),
    * ``contact_unit_id: int`` and ``contact_name: str`` — its Infohus unit ("Infohus"),
    * ``message: str`` (property) — the translated sentence to show, e.g.
      "Mulig tidligere bekymring — kontakt Infohus i Østjyllands Politi".

    Hints are sorted by district name, one per (person, other district).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from infohus.core import audit
from infohus.intake.models import Concern, ConcernSubject
from infohus.intake.permissions import DISTRICT_INTAKE_ROLES
from infohus.organisations import permissions as org_perms
from infohus.organisations.models import Unit
from infohus.organisations.roles import UnitKind

LOOKUP_VERB = "PERSON_CROSS_DISTRICT_LOOKUP"
# Stored with each look-up for the auditors (data, not UI: not translated).
LOOKUP_PURPOSE = (
    "Opslag efter tidligere bekymringer om samme fokusperson i andre politikredse, "
    "så modtagende Infohus kan kontakte den anden kreds (én registrering pr. person)."
)


@dataclass(frozen=True)
class CrossDistrictHint:
    """That another district has a concern about one of this concern's persons, and
    whom to contact there — deliberately nothing more."""

    person_id: int
    district_name: str
    contact_unit_id: int
    contact_name: str
    # The contact's organisation in the directory: the hint links there, never to the
    # other district's concern or case.
    contact_organisation_id: int = 0

    @property
    def message(self) -> str:
        return _("Mulig tidligere bekymring — kontakt %(contact)s i %(district)s") % {
            "contact": self.contact_name,
            "district": self.district_name,
        }

    def __str__(self) -> str:
        return self.message


def can_see_cross_district_hints(user: Any, concern: Concern) -> bool:
    """The intake staff of the district holding the concern (those who may handle it)."""
    return (
        concern.district_id is not None
        and org_perms.has_role(user, *DISTRICT_INTAKE_ROLES)
        and org_perms.district_id_of(user) == concern.district_id
    )


def cross_district_hints(user: Any, concern: Concern) -> list[CrossDistrictHint]:
    """Hints for ``concern`` shown to ``user`` (see the module docstring); audited."""
    if not can_see_cross_district_hints(user, concern):
        return []
    own_persons = ConcernSubject.objects.filter(concern=concern).values("person_id")
    pairs = set(
        ConcernSubject.objects.filter(person_id__in=own_persons, concern__district__isnull=False)
        .exclude(concern__district_id=concern.district_id)
        .values_list("person_id", "concern__district_id")
        .distinct()
    )
    contacts: dict[int, Unit] = {}
    if pairs:
        units = Unit.objects.filter(
            kind=UnitKind.INFOHUS,
            organisation__police_district_id__in={district for _, district in pairs},
        ).select_related("organisation__police_district")
        for infohus in units:
            district = infohus.organisation.police_district
            if district is not None:
                contacts.setdefault(district.pk, infohus)
    found: list[tuple[CrossDistrictHint, Unit]] = []
    for person_id, district_id in pairs:
        unit = contacts.get(district_id)
        if unit is None or unit.organisation.police_district is None:
            continue  # a district without an Infohus unit: nobody to name
        hint = CrossDistrictHint(
            person_id=person_id,
            district_name=unit.organisation.police_district.name,
            contact_unit_id=unit.pk,
            contact_name=unit.name,
            contact_organisation_id=unit.organisation_id,
        )
        found.append((hint, unit))
    found.sort(key=lambda item: (item[0].district_name, item[0].person_id))
    audit.record(
        LOOKUP_VERB,
        actor=user,
        obj=concern,
        purpose=LOOKUP_PURPOSE,
        details={
            "hints": [
                {"person": hint.person_id, "contact": unit.audit_label()} for hint, unit in found
            ],
        },
    )
    return [hint for hint, _unit in found]
