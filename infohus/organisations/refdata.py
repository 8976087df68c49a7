"""Loading reference data: regions, police districts, municipalities, and the
organisations and units that exist because of them (plus the national bodies).

Idempotent: running it again updates names and links in place and creates
nothing twice. Source files are copies of shared/refdata (see refdata/README.md).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from infohus.core import audit
from infohus.organisations.models import (
    CityCountry,
    EastWest,
    Municipality,
    Organisation,
    PoliceDistrict,
    Region,
    Unit,
)
from infohus.organisations.roles import OrganisationKind, UnitKind

REFDATA_DIR = Path(__file__).resolve().parent / "refdata"

# Region and district codes as published by DAGI (refdata/README.md).
REGION_CODES = {
    "Region Nordjylland": "1081",
    "Region Midtjylland": "1082",
    "Region Syddanmark": "1083",
    "Region Hovedstaden": "1084",
    "Region Sjælland": "1085",
}
DISTRICT_DAGI_CODES = {
    "Nordjyllands Politi": "1460",
    "Østjyllands Politi": "1461",
    "Midt- og Vestjyllands Politi": "1462",
    "Sydøstjyllands Politi": "1463",
    "Syd- og Sønderjyllands Politi": "1464",
    "Fyns Politi": "1465",
    "Sydsjællands og Lolland-Falsters Politi": "1466",
    "Midt- og Vestsjællands Politi": "1467",
    "Nordsjællands Politi": "1468",
    "Københavns Vestegns Politi": "1469",
    "Københavns Politi": "1470",
    "Bornholms Politi": "1471",
}
_EW = {"East": EastWest.EAST, "West": EastWest.WEST}
_CC = {"By": CityCountry.CITY, "Land": CityCountry.COUNTRY}

DISTRICT_UNITS: Sequence[tuple[str, str, str]] = [
    (UnitKind.INFOHUS, "infohus", "Infohus"),
    (UnitKind.PREVENTION_UNIT, "forebyggelse", "Forebyggelsesenheden"),
    (UnitKind.INTELLIGENCE_UNIT, "eae", "Efterretnings- og Analyseenheden (EAE)"),
]
MUNICIPAL_UNITS: Sequence[tuple[str, str, str]] = [
    (UnitKind.MUNICIPAL_CONTACT_UNIT, "infohus-kontakt", "Infohus-kontaktenheden"),
    (UnitKind.MUNICIPAL_SERVICES, "forvaltning", "Social- og børneforvaltningen"),
]
NATIONAL_BODIES: list[tuple[str, str, str, Sequence[tuple[str, str, str]]]] = [
    (
        OrganisationKind.SECURITY_SERVICE,
        "pet",
        "Politiets Efterretningstjeneste (PET)",
        [
            (UnitKind.PET_PREVENTION_CENTRE, "forebyggelse", "Center for Forebyggelse"),
            (UnitKind.PET_TRIAGE, "visitation", "Visitationscentret"),
            (UnitKind.PET_EXIT_PROGRAMME, "exit", "Exitindsatsen"),
        ],
    ),
    (
        OrganisationKind.PRISON_SERVICE,
        "kriminalforsorgen",
        "Kriminalforsorgen",
        [(UnitKind.PRISON_LIAISON, "radikalisering", "Radikaliseringsenheden")],
    ),
    (
        OrganisationKind.NATIONAL_CENTRE,
        "ncfe",
        "Nationalt Center for Forebyggelse af Ekstremisme (NCFE)",
        [
            (UnitKind.NCFE_ADVISORY, "raadgivning", "Rådgivning"),
            (UnitKind.NCFE_ANALYSIS, "analyse", "Analyse og statistik"),
            (UnitKind.NCFE_CORPS, "korps", "Mentor- og forældrecoachkorpset"),
        ],
    ),
    (
        OrganisationKind.HOTLINE,
        "national-hotline",
        "National hotline mod radikalisering",
        [(UnitKind.HOTLINE, "raadgivning", "Hotline-rådgivningen")],
    ),
    (
        OrganisationKind.OPERATOR,
        "infohus-drift",
        "Infohus drift og tilsyn",
        [
            (UnitKind.SYSTEM_ADMINISTRATION, "systemadministration", "Systemadministration"),
            (UnitKind.AUDIT, "revision", "Revision og tilsyn"),
        ],
    ),
]


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, model: str, created: bool, changed: bool) -> None:
        if created:
            self.created[model] = self.created.get(model, 0) + 1
        elif changed:
            self.updated[model] = self.updated.get(model, 0) + 1


def _read(name: str) -> list[dict[str, str]]:
    with (REFDATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _upsert(model: Any, report: LoadReport, lookup: dict[str, Any], values: dict[str, Any]) -> Any:
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model._default_manager.create(**lookup, **values)
        report.count(model.__name__, created=True, changed=False)
        return obj
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if changed:
        for k in changed:
            setattr(obj, k, values[k])
        obj.save(update_fields=changed)
        report.count(model.__name__, created=False, changed=True)
    return obj


def _units(org: Organisation, specs: Sequence[tuple[str, str, str]], report: LoadReport) -> None:
    for kind, slug, name in specs:
        _upsert(Unit, report, {"organisation": org, "slug": slug}, {"kind": kind, "name": name})


@transaction.atomic
def load_reference_data(*, actor: object = None) -> LoadReport:
    """Create or update all reference data from the CSV files; return what changed."""
    report = LoadReport()
    districts_csv = _read("police_districts.csv")
    municipalities_csv = _read("municipalities.csv")

    regions: dict[str, Region] = {}
    for name, code in REGION_CODES.items():
        regions[name] = _upsert(Region, report, {"code": code}, {"name": name})

    districts: dict[str, PoliceDistrict] = {}
    for row in districts_csv:
        district = _upsert(
            PoliceDistrict,
            report,
            {"slug": row["slug"]},
            {
                "name": row["name"],
                "dagi_code": DISTRICT_DAGI_CODES[row["name"]],
                "east_west": _EW[row["east_west"]],
                "city_or_country": _CC[row["city_or_country"]],
            },
        )
        districts[district.name] = district
        org = _upsert(
            Organisation,
            report,
            {"slug": row["slug"]},
            {
                "kind": OrganisationKind.POLICE_DISTRICT,
                "name": row["name"],
                "police_district": district,
            },
        )
        _units(org, DISTRICT_UNITS, report)

    for row in municipalities_csv:
        municipality = _upsert(
            Municipality,
            report,
            {"code": row["code"]},
            {
                "name": row["name"],
                "region": regions[row["region"]],
                "police_district": districts[row["police_district"]],
                "east_west": _EW[row["east_west"]],
                "city_or_country": _CC[row["city_or_country"]],
            },
        )
        org = _upsert(
            Organisation,
            report,
            {"slug": f"kommune-{row['code']}"},
            {
                "kind": OrganisationKind.MUNICIPALITY,
                "name": f"{row['name']} Kommune",
                "municipality": municipality,
            },
        )
        _units(org, MUNICIPAL_UNITS, report)

    for kind, slug, name, units in NATIONAL_BODIES:
        org = _upsert(Organisation, report, {"slug": slug}, {"kind": kind, "name": name})
        _units(org, units, report)

    if report.created or report.updated:
        audit.record(
            "REFERENCE_DATA_LOADED",
            actor=actor,
            object_type="organisations.refdata",
            details={"created": report.created, "updated": report.updated},
        )
    return report
