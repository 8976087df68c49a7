"""Registering focus persons: one record per person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from infohus.core import audit, crypto
from infohus.organisations.models import Municipality
from infohus.persons.cpr import parse_cpr
from infohus.persons.models import FocusPerson, Residence, Sex


@dataclass(frozen=True)
class PersonInput:
    """What an intake knows about a person; any part may be missing."""

    full_name: str = ""
    cpr: str = ""
    birth_date: date | None = None
    sex: str = Sex.UNKNOWN
    citizenship: str = ""
    address: str = ""
    residence: str = Residence.UNKNOWN
    municipality: Municipality | None = None


def cpr_index(normalised_cpr: str) -> str:
    return crypto.blind_index(normalised_cpr, context="cpr")


def find_by_cpr(cpr: str) -> FocusPerson | None:
    normalised, _ = parse_cpr(cpr)
    return FocusPerson.objects.current().filter(cpr_index=cpr_index(normalised)).first()


@transaction.atomic
def register_person(*, actor: Any, data: PersonInput) -> tuple[FocusPerson, bool]:
    """Return the existing record for this CPR number, or a new record; and whether it is new.

    Without a CPR number a new record is made; fuzzy candidates are offered to the
    user separately (persons.matching), never merged automatically.
    """
    normalised = ""
    birth_date = data.birth_date
    if data.cpr:
        normalised, born = parse_cpr(data.cpr)
        birth_date = birth_date or born
        existing = FocusPerson.objects.current().filter(cpr_index=cpr_index(normalised)).first()
        if existing is not None:
            return existing, False
    residence = Residence.MUNICIPALITY if data.municipality is not None else data.residence
    if residence == Residence.MUNICIPALITY and data.municipality is None:
        residence = Residence.UNKNOWN
    person = FocusPerson.objects.create(
        full_name=data.full_name.strip(),
        cpr=normalised,
        cpr_index=cpr_index(normalised) if normalised else None,
        birth_date=birth_date,
        sex=data.sex,
        citizenship=data.citizenship.strip(),
        address=data.address.strip(),
        residence=residence,
        municipality=data.municipality,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(
        "FOCUS_PERSON_CREATED",
        actor=actor,
        obj=person,
        changes={"cpr": (None, "…" if normalised else None), "residence": (None, residence)},
    )
    return person, True
