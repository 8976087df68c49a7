"""Registering focus persons, and merging two records of one person (and undoing it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infohus.core import audit, crypto
from infohus.organisations.models import Municipality
from infohus.persons.cpr import parse_cpr
from infohus.persons.models import FocusPerson, PersonMerge, Residence, Sex


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


# --- merging ------------------------------------------------------------------


def check_mergeable(*, survivor: FocusPerson, merged: FocusPerson, reason: str) -> None:
    """Raise a (translated) ValidationError unless ``merged`` may be folded into ``survivor``.

    Callers that move other apps' links first (intake.merging) call this before touching
    anything, so a refused merge changes nothing.
    """
    if not reason.strip():
        raise ValidationError(_("Angiv en begrundelse."), code="reason_required")
    if survivor.pk == merged.pk:
        raise ValidationError(
            _("En person kan ikke lægges sammen med sig selv."), code="same_person"
        )
    if survivor.merged_into_id is not None or merged.merged_into_id is not None:
        raise ValidationError(
            _("Personen er allerede lagt sammen med en anden registrering."),
            code="already_merged",
        )
    # Two valid CPR numbers are two people: a human may have confused them, the system may not.
    if survivor.cpr_index and merged.cpr_index and survivor.cpr_index != merged.cpr_index:
        raise ValidationError(
            _("To personer med forskellige CPR-numre kan ikke lægges sammen."),
            code="different_cpr",
        )


def _remaining_links(person: FocusPerson) -> list[str]:
    """Labels of models (of any app) whose rows still point at ``person``.

    Found by introspection, so this app need not import the apps above it: each of them
    moves its own links before calling merge_persons, and a forgotten one is refused here
    instead of being left behind on a record nobody sees any more.
    """
    remaining: list[str] = []
    for rel in FocusPerson._meta.related_objects:
        model = rel.related_model
        if rel.many_to_many or model in (FocusPerson, PersonMerge) or not rel.field:
            continue
        if model._default_manager.filter(**{rel.field.name: person}).exists():
            remaining.append(model._meta.label_lower)
    return remaining


def _lock(*people: FocusPerson) -> None:
    # Row locks in a fixed order, so two merges of overlapping records serialise.
    list(
        FocusPerson.objects.select_for_update().filter(pk__in=[p.pk for p in people]).order_by("pk")
    )
    for person in people:
        person.refresh_from_db()


@transaction.atomic
def merge_persons(
    *,
    actor: Any,
    survivor: FocusPerson,
    merged: FocusPerson,
    reason: str,
    links: Mapping[str, Any] | None = None,
) -> PersonMerge:
    """Fold the record ``merged`` into ``survivor``: a human has confirmed they are one person.

    Call it through the workflow of the highest app holding links to persons
    (``intake.merging.merge_person_records``), which re-points its rows first and passes
    what it moved as ``links`` (kept verbatim for the undo). The merged record is kept,
    marked ``merged_into``, so the merge can be undone and history stays readable.
    If only the merged record has a CPR number, the survivor takes it (and the birth date
    it encodes); the blind index is unique, so the merged record gives its index up.
    """
    _lock(survivor, merged)
    check_mergeable(survivor=survivor, merged=merged, reason=reason)
    remaining = _remaining_links(merged)
    if remaining:
        raise ValidationError(
            _("Registreringen har stadig tilknytninger, der ikke er flyttet: %(models)s.")
            % {"models": ", ".join(remaining)},
            code="links_remaining",
        )
    merge = PersonMerge(
        survivor=survivor,
        merged=merged,
        reason=reason.strip(),
        links=dict(links or {}),
        merged_at=timezone.now(),
        merged_by=actor if getattr(actor, "is_authenticated", False) else None,
        survivor_birth_date_before=survivor.birth_date,
    )
    merged.merged_into = survivor
    if merged.cpr_index and not survivor.cpr_index:
        merge.cpr_moved = True
        survivor.cpr, survivor.cpr_index = merged.cpr, merged.cpr_index
        _normalised, born = parse_cpr(merged.cpr)
        if survivor.birth_date != born:
            merge.birth_date_moved = True
            survivor.birth_date = born
        merged.cpr_index = None  # the ciphertext stays, for the undo
    elif survivor.birth_date is None and merged.birth_date is not None:
        merge.birth_date_moved = True
        survivor.birth_date = merged.birth_date
    # The index must leave the merged record before the survivor takes it (unique).
    merged.save(update_fields=["merged_into", "cpr_index"])
    survivor.save(update_fields=["cpr", "cpr_index", "birth_date"])
    merge.save()
    audit.record(
        "FOCUS_PERSON_MERGED",
        actor=actor,
        obj=merge,
        changes={"cpr": (None, "…")} if merge.cpr_moved else None,
        details={
            "survivor": survivor.pk,
            "merged": merged.pk,
            "reason": merge.reason,
            "cpr_moved": merge.cpr_moved,
            "birth_date_moved": merge.birth_date_moved,
            "links": _link_counts(merge.links),
        },
    )
    return merge


def _link_counts(links: Mapping[str, Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for label, moved in links.items():
        if isinstance(moved, Mapping):
            counts[label] = sum(len(v) for v in moved.values() if isinstance(v, list))
        elif isinstance(moved, list):
            counts[label] = len(moved)
    return counts


@transaction.atomic
def undo_merge(*, actor: Any, merge: PersonMerge, reason: str) -> PersonMerge:
    """Split the two records again, restoring the persons' state before the merge.

    The caller (the same workflow that merged) moves its links back from ``merge.links``.
    Only the latest merge along a chain can be undone: if the survivor has since been
    merged into a third record, that merge must be undone first, or links would be
    pulled out from under it.
    """
    merge = (
        PersonMerge.objects.select_for_update()
        .select_related("survivor", "merged")
        .get(pk=merge.pk)
    )
    survivor, merged = merge.survivor, merge.merged
    _lock(survivor, merged)
    if not reason.strip():
        raise ValidationError(_("Angiv en begrundelse."), code="reason_required")
    if merge.undone_at is not None:
        raise ValidationError(_("Sammenlægningen er allerede fortrudt."), code="already_undone")
    if survivor.merged_into_id is not None:
        raise ValidationError(
            _("Personen er siden lagt sammen med en anden registrering; fortryd den først."),
            code="survivor_merged_since",
        )
    if merged.merged_into_id != survivor.pk:
        raise ValidationError(_("Registreringen er ikke længere lagt sammen."), code="not_merged")
    if merge.cpr_moved:
        survivor.cpr, survivor.cpr_index = "", None
    if merge.birth_date_moved:
        survivor.birth_date = merge.survivor_birth_date_before
    # The survivor releases the index before the merged record takes it back (unique).
    survivor.save(update_fields=["cpr", "cpr_index", "birth_date"])
    merged.merged_into = None
    if merge.cpr_moved:
        merged.cpr_index = cpr_index(merged.cpr)
    merged.save(update_fields=["merged_into", "cpr_index"])
    merge.undone_at = timezone.now()
    merge.undone_by = actor if getattr(actor, "is_authenticated", False) else None
    merge.undo_reason = reason.strip()
    merge.save(update_fields=["undone_at", "undone_by", "undo_reason"])
    audit.record(
        "FOCUS_PERSON_MERGE_UNDONE",
        actor=actor,
        obj=merge,
        details={
            "survivor": survivor.pk,
            "merged": merged.pk,
            "reason": merge.undo_reason,
            "cpr_moved": merge.cpr_moved,
            "birth_date_moved": merge.birth_date_moved,
            "links": _link_counts(merge.links),
        },
    )
    return merge
