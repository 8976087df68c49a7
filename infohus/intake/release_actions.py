"""Release notices from the prison service (Kriminalforsorgen): register and acknowledge.

Public signatures (the API calls these exactly as the views do; keyword-only):

    register_release_notice(
        *,
        actor: User | None,          # the prison liaison, or the integration's service user
        person: PersonInput,         # infohus.persons.actions.PersonInput; municipality required
        release_on: date,
        institution: str,
        severity_category: str,      # infohus.intake.models.release.SeverityCategory value
        report_content: str,         # the concern report: PET only, never the district
    ) -> ReleaseNotice
        Raises django.core.exceptions.ValidationError on bad input (code "invalid_severity",
        "no_municipality", "empty_institution", "empty_report"). Routes by the person's
        municipality to that district's Infohus; marks the notice late when registered
        after the release date. Atomic; audit "RELEASE_NOTICE_REGISTERED".

    acknowledge_release_notice(*, actor: User, notice: ReleaseNotice) -> ReleaseNotice
        The district Infohus staff or PET acknowledge receipt; idempotent per party.
        Raises PermissionDenied when the actor is neither. Audit "RELEASE_NOTICE_ACKNOWLEDGED".

    raise_release_alerts(*, today: date | None = None) -> list[ReleaseAlert]
        The daily job (management command ``release_alerts``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infohus.core import audit
from infohus.disclosures.actions import Item, record_disclosure
from infohus.disclosures.legal import DisclosureKind, LegalBasis, Regime
from infohus.intake.models import AlertParty, ReleaseAlert, ReleaseNotice, SeverityCategory
from infohus.intake.release_permissions import can_acknowledge_release_notice, party_of
from infohus.intake.routing import route_for
from infohus.organisations.models import Organisation
from infohus.organisations.roles import OrganisationKind
from infohus.persons.actions import PersonInput, register_person

# Releases this close that a party has not acknowledged raise an alert (DOMAIN §11:
# late release notices → release dates tracked with alerts before).
ALERT_HORIZON_DAYS = 14


@transaction.atomic
def register_release_notice(
    *,
    actor: Any,
    person: PersonInput,
    release_on: date,
    institution: str,
    severity_category: str,
    report_content: str,
) -> ReleaseNotice:
    """Register the prison service's notice of a release and route it to the Infohus of the
    district the person will live in; PET sees every notice.

    A notice registered after the release date is marked late: the Infohus could not
    prepare, which is the pain point the notice exists to remove (DOMAIN §11).
    """
    errors: list[ValidationError] = []
    if severity_category not in SeverityCategory.values:
        errors.append(ValidationError(_("Vælg en kategori."), code="invalid_severity"))
    if person.municipality is None:
        errors.append(
            ValidationError(_("Angiv den kommune, personen løslades til."), code="no_municipality")
        )
    if not institution.strip():
        errors.append(ValidationError(_("Angiv institutionen."), code="empty_institution"))
    if not report_content.strip():
        errors.append(
            ValidationError(_("Indsæt bekymringsrapportens indhold."), code="empty_report")
        )
    if errors:
        raise ValidationError(errors)
    assert person.municipality is not None  # checked above
    route = route_for(person.municipality)
    focus_person, _created = register_person(actor=actor, data=person)
    now = timezone.now()
    notice = ReleaseNotice.objects.create(
        person=focus_person,
        release_on=release_on,
        institution=institution.strip(),
        severity_category=severity_category,
        report_content=report_content.strip(),
        registered_at=now,
        registered_by=actor if getattr(actor, "is_authenticated", False) else None,
        is_late=timezone.localdate(now) > release_on,
        municipality=person.municipality,
        district=route.district,
        inbox_unit=route.inbox_unit,
    )
    _record_notice_disclosures(actor=actor, notice=notice)
    audit.record(
        "RELEASE_NOTICE_REGISTERED",
        actor=actor,
        obj=notice,
        details={
            "person": focus_person.audit_label(),
            "release_on": release_on,
            "severity_category": severity_category,
            "inbox": route.inbox_unit.audit_label(),
            "is_late": notice.is_late,
        },
    )
    return notice


def _record_notice_disclosures(*, actor: Any, notice: ReleaseNotice) -> None:
    """A release notice discloses to two organisations (DOMAIN §6, issue 4 item 6): the
    district's Infohus gets the release and the severity category only; PET gets the
    concern report as well."""
    prison = Organisation.national(OrganisationKind.PRISON_SERVICE)
    pet = Organisation.national(OrganisationKind.SECURITY_SERVICE)
    if prison is None:
        return  # a deployment without the prison service as an organisation: nothing sent
    common = [
        Item("person", _("Personens navn og kommune")),
        Item("release", _("Løsladelsesdato og institution")),
        Item("severity_category", _("Alvorlighedskategori")),
    ]
    purpose = _("Forberedelse af løsladelsen af en person med en bekymringsrapport")
    record_disclosure(
        actor=actor,
        kind=DisclosureKind.RELEASE_NOTICE,
        obj=notice,
        from_organisation=prison,
        to_organisation=notice.inbox_unit.organisation,
        to_unit=notice.inbox_unit,
        regime=Regime.LAW_ENFORCEMENT,
        legal_basis=LegalBasis.PRISON_RELEASE,
        purpose=purpose,
        items=common,
        persons=[notice.person],
    )
    if pet is not None:
        record_disclosure(
            actor=actor,
            kind=DisclosureKind.RELEASE_NOTICE,
            obj=notice,
            from_organisation=prison,
            to_organisation=pet,
            regime=Regime.LAW_ENFORCEMENT,
            legal_basis=LegalBasis.PRISON_TO_PET,
            purpose=purpose,
            items=[*common, Item("report", _("Bekymringsrapporten"))],
            persons=[notice.person],
        )


@transaction.atomic
def acknowledge_release_notice(*, actor: Any, notice: ReleaseNotice) -> ReleaseNotice:
    """Record that the actor's party (the district's Infohus or PET) has the notice, and
    resolve that party's open alerts. Acknowledging twice changes nothing."""
    party = party_of(actor)
    if party is None or not can_acknowledge_release_notice(actor, notice):
        raise PermissionDenied("cannot_acknowledge")
    notice = ReleaseNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.is_acknowledged_by(party):
        return notice
    now = timezone.now()
    if party == AlertParty.DISTRICT:
        notice.district_acknowledged_at = now
        notice.district_acknowledged_by = actor
        fields = ["district_acknowledged_at", "district_acknowledged_by"]
    else:
        notice.pet_acknowledged_at = now
        notice.pet_acknowledged_by = actor
        fields = ["pet_acknowledged_at", "pet_acknowledged_by"]
    notice.save(update_fields=fields)
    ReleaseAlert.objects.filter(notice=notice, raised_for=party, resolved_at__isnull=True).update(
        resolved_at=now
    )
    audit.record("RELEASE_NOTICE_ACKNOWLEDGED", actor=actor, obj=notice, details={"party": party})
    return notice


@transaction.atomic
def raise_release_alerts(*, today: date | None = None) -> list[ReleaseAlert]:
    """Raise today's alerts for releases from today up to ALERT_HORIZON_DAYS ahead that
    the district or PET has not acknowledged. Idempotent: one alert per notice, party
    and day, however often it runs. Returns the alerts raised by this run."""
    today = today or timezone.localdate()
    upcoming = ReleaseNotice.objects.filter(
        release_on__gte=today, release_on__lte=today + timedelta(days=ALERT_HORIZON_DAYS)
    )
    pending = {
        AlertParty.DISTRICT: upcoming.filter(district_acknowledged_at__isnull=True),
        AlertParty.PET: upcoming.filter(pet_acknowledged_at__isnull=True),
    }
    raised: list[ReleaseAlert] = []
    for party, notices in pending.items():
        already = set(
            ReleaseAlert.objects.filter(
                raised_for=party, raised_on=today, notice__in=notices
            ).values_list("notice_id", flat=True)
        )
        for notice in notices.exclude(pk__in=already):
            alert = ReleaseAlert.objects.create(notice=notice, raised_for=party, raised_on=today)
            audit.record(
                "RELEASE_ALERT_RAISED",
                actor=None,
                obj=notice,
                details={"party": party, "release_on": notice.release_on},
            )
            raised.append(alert)
    return raised
