"""Where a concern goes: the Infohus of the police district the focus person lives in."""

from __future__ import annotations

from dataclasses import dataclass

from infohus.organisations.models import Municipality, PoliceDistrict, Unit
from infohus.organisations.roles import UnitKind


@dataclass(frozen=True)
class Route:
    district: PoliceDistrict
    inbox_unit: Unit
    municipal_unit: Unit


def route_for(municipality: Municipality) -> Route:
    """Every municipality lies in exactly one district (reference data); its Infohus unit
    is the inbox. The municipality's contact unit is named for the hand-over to it."""
    district = municipality.police_district
    inbox = Unit.objects.get(organisation__police_district=district, kind=UnitKind.INFOHUS)
    municipal = Unit.objects.get(
        organisation__municipality=municipality, kind=UnitKind.MUNICIPAL_CONTACT_UNIT
    )
    return Route(district=district, inbox_unit=inbox, municipal_unit=municipal)
