"""Fictional intake data for the demo: concerns in the demo districts' inboxes and in
PET's triage inbox, hotline calls and release notices. Every person, reporter and text is
invented and says so.

No CPR numbers: even a well-formed invented number could belong to a real person.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from infohus.accounts.models import User
from infohus.intake.actions import ConcernInput, ReporterInput, create_concern
from infohus.intake.choices import Channel, Ideology, Sector, SourceType
from infohus.intake.hotline_actions import CallInput, register_call
from infohus.intake.inbox_actions import receive_concern_for_pet_triage
from infohus.intake.models import Concern
from infohus.intake.models.hotline import CallerType, HotlineAdvice
from infohus.intake.models.release import SeverityCategory
from infohus.intake.release_actions import register_release_notice
from infohus.organisations.models import Municipality
from infohus.persons.actions import PersonInput

DEMO_MARK = "(fiktivt demo-eksempel)"

# (municipality code, source, channel, ideology, acute, person name, description)
CONCERNS = [
    (
        "751",
        SourceType.PROFESSIONAL,
        Channel.PHONE,
        Ideology.RIGHT_WING,
        False,
        "Demo Dreng Aarhus",
        "En lærer fortæller, at en elev på 16 år deler symboler fra et voldeligt højreekstremt miljø i klassens chat.",
    ),
    (
        "751",
        SourceType.RELATIVE,
        Channel.PUBLIC_FORM,
        Ideology.ISLAMISM,
        False,
        "Demo Søn Aarhus",
        "En mor er bekymret, fordi hendes søn er holdt op med at se sine venner og taler om at rejse til en konfliktzone.",
    ),
    (
        "746",
        SourceType.CITIZEN,
        Channel.PUBLIC_FORM,
        Ideology.UNCLEAR,
        False,
        "Demo Nabo Skanderborg",
        "En nabo har hørt en ung mand tale højt om at 'gøre noget' mod en bestemt gruppe.",
    ),
    (
        "751",
        SourceType.POLICE_COLLEAGUE,
        Channel.POLICE_SYSTEM,
        Ideology.LEFT_WING,
        True,
        "Demo Aktivist Aarhus",
        "Patruljen har fundet materialer til brandbomber og en liste med adresser ved en anholdelse.",
    ),
    (
        "461",
        SourceType.PROFESSIONAL,
        Channel.EMAIL,
        Ideology.ISLAMISM,
        False,
        "Demo Elev Odense",
        "En SSP-medarbejder beskriver en gruppe unge, der ser voldelig propaganda sammen.",
    ),
    (
        "751",
        SourceType.POLICE_COLLEAGUE,
        Channel.POLICE_SYSTEM,
        Ideology.ISLAMISM,
        False,
        "Demo Mand Aarhus",
        "Patruljen har talt med en mand, der åbent støtter en terrororganisation og søger "
        "kontakt til andre; han siger selv, at han vil ud af miljøet.",
    ),
    (
        "101",
        SourceType.PROFESSIONAL,
        Channel.FUNCTION_MAILBOX,
        Ideology.OTHER,
        False,
        "Demo Kvinde København",
        "En psykiatrisk medarbejder er bekymret for en patients konspirationsforestillinger og trusler.",
    ),
]


# The fictional persons' ages, so the age rules (no exit course under 15) can be shown.
AGES = {
    "Demo Dreng Aarhus": 16,
    "Demo Søn Aarhus": 19,
    "Demo Elev Odense": 14,
    "Demo Mand Aarhus": 24,
}


def demo_birth_date(name: str) -> date | None:
    age = AGES.get(name)
    if age is None:
        return None
    today = timezone.localdate()
    return today.replace(year=today.year - age, day=1) - timedelta(days=40)


# Concerns PET received and holds in its triage inbox (no district sees them):
# (municipality code, source, sector, channel, ideology, person name, description)
PET_CONCERNS = [
    (
        "461",
        SourceType.PRISON_SERVICE,
        Sector.PRISON,
        Channel.PHONE,
        Ideology.ISLAMISM,
        "Demo Indsat Odense",
        "Kriminalforsorgen ringer om en indsat, der før løsladelsen har talt positivt om "
        "voldelige angreb; PET vurderer, om sagen hører til i PET eller i Infohuset.",
    ),
    (
        "751",
        SourceType.PROFESSIONAL,
        Sector.EMPLOYMENT,
        Channel.EMAIL,
        Ideology.RIGHT_WING,
        "Demo Ung Aarhus",
        "En jobkonsulent skriver til PET om en ung mand, der deler højreekstreme memes og "
        "virker isoleret; umiddelbart en trivselssag.",
    ),
]


@transaction.atomic
def load_demo_intake() -> int:
    """Create the demo intake data once; return how many concerns were made (0 if present)."""
    if Concern.objects.filter(description__endswith=DEMO_MARK).exists():
        return 0
    for code, source, channel, ideology, acute, name, text in CONCERNS:
        municipality = Municipality.objects.get(code=code)
        create_concern(
            actor=None,
            data=ConcernInput(
                source_type=source,
                channel=channel,
                description=f"{text} {DEMO_MARK}",
                municipality=municipality,
                sector=Sector.SCHOOL if source == SourceType.PROFESSIONAL else "",
                reporter=ReporterInput(
                    is_anonymous=source == SourceType.CITIZEN,
                    name="Fiktiv Indberetter",
                    phone="00000000",
                ),
                persons=(
                    PersonInput(
                        full_name=f"{name} (fiktiv)",
                        municipality=municipality,
                        birth_date=demo_birth_date(name),
                    ),
                ),
                ideology=ideology,
                is_acute=acute,
            ),
        )
    made = len(CONCERNS)
    triage = User.objects.filter(username="pet-visitator").first()
    if triage is not None:
        for code, source, sector, channel, ideology, name, text in PET_CONCERNS:
            municipality = Municipality.objects.get(code=code)
            receive_concern_for_pet_triage(
                actor=triage,
                data=ConcernInput(
                    source_type=source,
                    channel=channel,
                    description=f"{text} {DEMO_MARK}",
                    municipality=municipality,
                    sector=sector,
                    reporter=ReporterInput(
                        is_anonymous=False, name="Fiktiv Indberetter", phone="00000000"
                    ),
                    persons=(
                        PersonInput(
                            full_name=f"{name} (fiktiv)",
                            municipality=municipality,
                            birth_date=demo_birth_date(name),
                        ),
                    ),
                    ideology=ideology,
                ),
            )
        made += len(PET_CONCERNS)
    adviser = User.objects.filter(username="hotline").first()
    if adviser is not None:
        register_call(
            actor=adviser,
            data=CallInput(
                called_at=timezone.now() - timedelta(days=2),
                caller_type=CallerType.RELATIVE,
                advice=HotlineAdvice.REFERRAL,
                municipality=Municipality.objects.get(code="461"),
                is_referred=True,
                concern_description=f"En far ringer om sin datter på 17, der er begyndt at isolere sig. {DEMO_MARK}",
                caller_name="Fiktiv Far",
                caller_phone="00000000",
            ),
        )
    liaison = User.objects.filter(username="kriminalforsorg").first()
    if liaison is not None:
        for days, code, category in (
            (10, "751", SeverityCategory.CATEGORY_2),
            (-1, "101", SeverityCategory.CATEGORY_1),
        ):
            municipality = Municipality.objects.get(code=code)
            register_release_notice(
                actor=liaison,
                person=PersonInput(full_name="Demo Indsat (fiktiv)", municipality=municipality),
                release_on=timezone.localdate() + timedelta(days=days),
                institution="Fiktivt Fængsel",
                severity_category=category,
                report_content=f"Indholdet af bekymringsrapporten ses kun af PET. {DEMO_MARK}",
            )
    return made
