"""One record per person, seen from intake: which person records a user may see, the
candidates offered on intake, and merging two records of one person (and undoing it).

The merge is a workflow writing into two apps, so it lives in the lower one (intake,
STYLE.md): intake re-points its own rows (``ConcernSubject``) and hands what it moved to
``persons.actions.merge_persons``, which keeps it in the ``PersonMerge`` record; the undo
reads it back from there. ``persons`` never imports ``intake``.

Public functions (for views and the API):

* ``persons_visible_to(user) -> FocusPersonQuerySet`` — records linked to a concern of the
  user's district (the district's intake roles only);
* ``person_candidates_for(user, data) -> MatchResult`` — exact CPR match and fuzzy
  candidates among those records;
* ``can_merge_persons(user, survivor, merged) -> bool`` and
  ``merges_visible_to(user) -> QuerySet[PersonMerge]``;
* ``merge_person_records(*, actor, survivor, merged, reason) -> PersonMerge`` and
  ``undo_person_merge(*, actor, merge, reason) -> PersonMerge``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models, transaction

from infohus.core.permissions import deny, get_visible_or_404
from infohus.intake.models import Concern, ConcernSubject
from infohus.intake.permissions import DISTRICT_INTAKE_ROLES
from infohus.organisations import permissions as org_perms
from infohus.organisations.roles import Role
from infohus.persons.actions import PersonInput, check_mergeable, merge_persons, undo_merge
from infohus.persons.matching import MatchResult, find_candidates, match_person
from infohus.persons.models import FocusPerson, FocusPersonQuerySet, PersonMerge

# Key of intake's snapshot inside PersonMerge.links.
LINKS_KEY = "intake.concernsubject"
# Who may merge person records: the coordinator distributes and cleans up the district's
# intake (DOMAIN §1); a merge changes what every colleague sees about a person.
MERGE_ROLES = (Role.COORDINATOR,)


def persons_visible_to(user: Any) -> FocusPersonQuerySet:
    """Person records the user's district knows through its own concerns.

    A record linked only to another district's concerns stays invisible: that district's
    knowledge reaches this one only as the hint of ``intake.crossdistrict``.
    """
    district = (
        org_perms.district_id_of(user) if org_perms.has_role(user, *DISTRICT_INTAKE_ROLES) else None
    )
    if district is None:
        return FocusPerson.objects.none()
    return FocusPerson.objects.filter(
        pk__in=ConcernSubject.objects.filter(concern__district_id=district).values("person_id")
    )


def person_candidates_for(user: Any, data: PersonInput) -> MatchResult:
    """On intake: the existing record for this CPR number, or records that may be the
    person, among those the user may see. Offered for a human to confirm, never merged."""
    return match_person(data, among=persons_visible_to(user))


def can_merge_persons(user: Any, survivor: FocusPerson, merged: FocusPerson) -> bool:
    if not org_perms.has_role(user, *MERGE_ROLES):
        return False
    visible = persons_visible_to(user).filter(pk__in=[survivor.pk, merged.pk]).count()
    return visible == 2 and survivor.pk != merged.pk


def merges_visible_to(user: Any) -> models.QuerySet[PersonMerge]:
    """Merges whose surviving record the user's district knows, also when that record has
    since been merged on (so the user is told which merge to undo first)."""
    visible = persons_visible_to(user)
    return PersonMerge.objects.filter(
        models.Q(survivor__in=visible) | models.Q(survivor__merged_into__in=visible)
    )


def can_undo_person_merge(user: Any, merge: PersonMerge) -> bool:
    return (
        org_perms.has_role(user, *MERGE_ROLES)
        and merges_visible_to(user).filter(pk=merge.pk).exists()
    )


def _other_person_links() -> list[tuple[str, type[models.Model], str]]:
    """Intake's other references to a person (release notices, …): (label, model, field).

    Found from the model graph, so a model added later moves with the merge without being
    listed here; ConcernSubject is handled apart (one link per concern and person).
    """
    found: list[tuple[str, type[models.Model], str]] = []
    for rel in FocusPerson._meta.related_objects:
        model = rel.related_model
        if (
            rel.many_to_many
            or not isinstance(model, type)
            or model is ConcernSubject
            or model._meta.app_label != "intake"
        ):
            continue
        found.append((model._meta.label_lower, model, rel.field.name))
    return sorted(found, key=lambda item: (item[0], item[2]))


def merge_person_records(
    *, actor: Any, survivor: FocusPerson, merged: FocusPerson, reason: str
) -> PersonMerge:
    """Fold ``merged`` into ``survivor`` after a coordinator confirmed they are one person.

    Every concern about the merged record is re-pointed to the survivor; where both were
    already linked to the same concern, the merged record's link is removed (one link per
    person and concern) and remembered, so the undo can recreate it exactly.
    A refusal is audited outside the merge's transaction, so its rollback keeps the entry.
    """
    if not can_merge_persons(actor, survivor, merged):
        raise deny(actor, merged, reason="not_allowed_to_merge")
    return _merge_person_records(actor=actor, survivor=survivor, merged=merged, reason=reason)


@transaction.atomic
def _merge_person_records(
    *, actor: Any, survivor: FocusPerson, merged: FocusPerson, reason: str
) -> PersonMerge:
    check_mergeable(survivor=survivor, merged=merged, reason=reason)  # refuse before moving
    links = list(ConcernSubject.objects.select_for_update().filter(person=merged).order_by("pk"))
    survivor_concerns = set(
        ConcernSubject.objects.filter(person=survivor).values_list("concern_id", flat=True)
    )
    moved = [link.pk for link in links if link.concern_id not in survivor_concerns]
    removed = [
        {"id": link.pk, "concern": link.concern_id, "added_at": link.added_at.isoformat()}
        for link in links
        if link.concern_id in survivor_concerns
    ]
    ConcernSubject.objects.filter(pk__in=moved).update(person=survivor)
    ConcernSubject.objects.filter(pk__in=[row["id"] for row in removed]).delete()
    snapshot: dict[str, Any] = {LINKS_KEY: {"moved": moved, "removed": removed}}
    for label, model, field in _other_person_links():
        ids = list(
            model._default_manager.select_for_update()
            .filter(**{field: merged})
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        model._default_manager.filter(pk__in=ids).update(**{field: survivor})
        snapshot[label] = {"moved": ids}
    return merge_persons(
        actor=actor, survivor=survivor, merged=merged, reason=reason, links=snapshot
    )


def undo_person_merge(*, actor: Any, merge: PersonMerge, reason: str) -> PersonMerge:
    """Undo a merge: the persons' state first (persons.actions.undo_merge), then every
    concern link moved by the merge goes back to the record it came from."""
    if not can_undo_person_merge(actor, merge):
        raise deny(actor, merge, reason="not_allowed_to_undo_merge")
    return _undo_person_merge(actor=actor, merge=merge, reason=reason)


@transaction.atomic
def _undo_person_merge(*, actor: Any, merge: PersonMerge, reason: str) -> PersonMerge:
    merge = undo_merge(actor=actor, merge=merge, reason=reason)
    for label, model, field in _other_person_links():
        ids = merge.links.get(label, {}).get("moved", [])
        model._default_manager.filter(pk__in=ids, **{field: merge.survivor_id}).update(
            **{field: merge.merged_id}
        )
    snapshot = merge.links.get(LINKS_KEY, {})
    ConcernSubject.objects.filter(
        pk__in=snapshot.get("moved", []), person_id=merge.survivor_id
    ).update(person_id=merge.merged_id)
    for row in snapshot.get("removed", []):
        # Recreated with its old id and time, unless its concern has been deleted since.
        if not Concern.objects.filter(pk=row["concern"]).exists():
            continue
        ConcernSubject.objects.create(id=row["id"], concern_id=row["concern"], person=merge.merged)
        ConcernSubject.objects.filter(pk=row["id"]).update(
            added_at=datetime.fromisoformat(row["added_at"])
        )
    return merge


# --- what the merge pages show -----------------------------------------------------------


@dataclass(frozen=True)
class PersonAccount:
    """A person record as the user's district knows it: only its own concerns' accounts of
    the person (reference, name, birth date and municipality as each reporter gave them),
    never what another district wrote into the shared record."""

    person: FocusPerson
    links: tuple[ConcernSubject, ...]
    has_cpr: bool

    @property
    def names(self) -> list[str]:
        return sorted({link.reported_name for link in self.links if link.reported_name})


@dataclass(frozen=True)
class MergeCandidate:
    account: PersonAccount
    reasons: tuple[str, ...]


def person_account(user: Any, person: FocusPerson) -> PersonAccount:
    district = org_perms.district_id_of(user)
    links = tuple(
        ConcernSubject.objects.filter(person=person, concern__district_id=district)
        .select_related("concern", "reported_municipality")
        .order_by("concern__received_at", "pk")
    )
    return PersonAccount(person=person, links=links, has_cpr=bool(person.cpr_index))


def merge_candidates_for(user: Any, link: ConcernSubject) -> list[MergeCandidate]:
    """Other records the user's district knows that may be the person of ``link``, by the
    reporter's account (name, birth date, municipality). Offered to a coordinator to
    confirm; nothing is merged without one."""
    if not org_perms.has_role(user, *MERGE_ROLES) or link.person.merged_into_id is not None:
        return []
    data = PersonInput(
        full_name=link.reported_name or link.person.full_name,
        birth_date=link.reported_birth_date or link.person.birth_date,
        municipality=link.reported_municipality or link.person.municipality,
    )
    found = find_candidates(data, among=persons_visible_to(user), exclude_pk=link.person_id)
    if link.person.cpr_index:
        found = [c for c in found if c.person.cpr_index in (None, link.person.cpr_index)]
    return [
        MergeCandidate(account=person_account(user, c.person), reasons=tuple(c.reason_labels))
        for c in found
    ]


def get_person_for_user(user: Any, pk: Any) -> FocusPerson:
    """A current person record the user's district knows; 404 (audited) otherwise."""
    person: FocusPerson = get_visible_or_404(
        persons_visible_to(user).current(), pk, actor=user, log_read=True
    )
    return person


def get_merge_for_user(user: Any, pk: Any) -> PersonMerge:
    merge: PersonMerge = get_visible_or_404(
        merges_visible_to(user).select_related("survivor", "merged", "merged_by", "undone_by"),
        pk,
        actor=user,
    )
    return merge
