"""What was disclosed about a case, as its recipients read it: the hand-over packets,
PET's answers and disclosures. One query shape for the district page, the municipal and
PET pages, the timeline and the investigation hand-out."""

from __future__ import annotations

from django.db import models

from infohus.cases.models import Case
from infohus.disclosures.legal import DisclosureKind
from infohus.disclosures.models import Disclosure


def disclosed_about(case: Case) -> models.QuerySet[Disclosure]:
    """Disclosures about the case that the recipient still has (not withdrawn)."""
    return Disclosure.objects.filter(
        object_type=Case._meta.label_lower,
        object_id=str(case.pk),
        withdrawn_at__isnull=True,
    ).select_related("from_organisation")


def received_by_district(case: Case) -> models.QuerySet[Disclosure]:
    """What other organisations disclosed to the case's district (not its own
    investigation hand-outs)."""
    return (
        disclosed_about(case)
        .filter(to_organisation__police_district_id=case.district_id)
        .exclude(kind=DisclosureKind.INVESTIGATION_HANDOUT)
    )


def sent_to(case: Case, organisation_id: int | None) -> list[Disclosure]:
    """What the organisation was given about the case."""
    return list(disclosed_about(case).filter(to_organisation_id=organisation_id))
