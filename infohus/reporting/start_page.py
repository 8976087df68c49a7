"""What the start page tells each role: what they use Infohus for, and what is on its way.

The texts live here, keyed by role, so templates never branch on role names
(STYLE.md, Access control). Features that are not built yet are described as
coming, never linked.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from infohus.organisations.roles import Role


@dataclass(frozen=True)
class RoleIntroduction:
    summary: Promise
    coming: tuple[Promise, ...] = ()


ROLE_INTRODUCTIONS: dict[str, RoleIntroduction] = {
    Role.COORDINATOR: RoleIntroduction(
        _(
            "Som tovholder modtager du bekymringshenvendelser fra politi, kommuner, PET og "
            "Kriminalforsorgen, screener dem og fordeler sagerne i dit Infohus."
        ),
        (
            _("Sager, screening og alvorlighedsvurdering"),
            _("Dagsordener og referater til Infohus-møder"),
        ),
    ),
    Role.PREVENTION_OFFICER: RoleIntroduction(
        _(
            "Som forebyggelsesmedarbejder følger du de sager, du er tilknyttet, og gennemfører "
            "bekymringssamtaler og indsatser sammen med kommunerne."
        ),
        (_("Dine sager og opgaver"), _("Bekymringssamtaler og handleplaner")),
    ),
    Role.ANALYST: RoleIntroduction(
        _(
            "Som analytiker i Efterretnings- og analyseenheden bidrager du med analyser til "
            "screening og vurdering af sagerne i dit Infohus."
        ),
        (_("Analyseanmodninger fra tovholderen"), _("Strukturerede vurderinger")),
    ),
    Role.MUNICIPAL_CONTACT: RoleIntroduction(
        _(
            "Som kommunens kontaktperson til Infohuset modtager du sager fra politikredsen og "
            "sørger for, at kommunen følger op."
        ),
        (_("Sager sendt til din kommune"), _("Infohus-møder og netværksmøder")),
    ),
    Role.MUNICIPAL_CASEWORKER: RoleIntroduction(
        _(
            "Som sagsbehandler arbejder du med de indsatser, kommunen har iværksat for borgere, "
            "der giver anledning til bekymring."
        ),
        (_("Dine sager og indsatser"), _("Handleplaner og opfølgning")),
    ),
    Role.MENTOR: RoleIntroduction(
        _("Som mentor eller forældrecoach ser du kun de forløb, du selv er tilknyttet."),
        (_("Dine forløb"), _("Noter fra dine samtaler")),
    ),
    Role.PET_TRIAGE: RoleIntroduction(
        _(
            "Som visitator i PET's Visitationscenter vurderer du henvendelser og beslutter, "
            "om de skal videre til et Infohus eller til Exitindsatsen."
        ),
        (_("Videresendelse til Exitindsatsen"), _("Visitationsmøder og deres referater")),
    ),
    Role.PET_EXIT_WORKER: RoleIntroduction(
        _(
            "Som medarbejder i Exitindsatsen følger du personer i exitforløb og koordinerer "
            "med Infohuse og kommuner."
        ),
        (_("Exitforløb"), _("Overdragelser fra og til Infohuse")),
    ),
    Role.PRISON_LIAISON: RoleIntroduction(
        _(
            "Som kontaktperson i Kriminalforsorgen melder du bekymringer og kommende "
            "løsladelser til det relevante Infohus."
        ),
        (_("Løsladelsesmeddelelser"), _("Bekymringshenvendelser fra institutionerne")),
    ),
    Role.HOTLINE_ADVISER: RoleIntroduction(
        _(
            "Som rådgiver på den nationale hotline registrerer du opkald og sender "
            "bekymringer videre til det rette Infohus."
        ),
        (_("Registrering af opkald"), _("Videresendelse af bekymringer")),
    ),
    Role.NCFE_ADVISER: RoleIntroduction(
        _(
            "Som rådgiver i Nationalt Center for Forebyggelse af Ekstremisme støtter du "
            "kommuner og Infohuse med faglig rådgivning i konkrete sager."
        ),
        (_("Rådgivningsforløb"), _("Vidensmateriale og metoder")),
    ),
    Role.NCFE_ANALYST: RoleIntroduction(
        _(
            "Som analytiker i NCFE ser du samlede tal og statistik på tværs af landet – "
            "aldrig oplysninger om enkeltpersoner."
        ),
        (_("Statistik og dashboards"), _("Den årlige statusrapport")),
    ),
    Role.CORPS_COORDINATOR: RoleIntroduction(
        _(
            "Som korpskoordinator formidler du mentorer og forældrecoaches fra det nationale "
            "korps til kommunerne."
        ),
        (_("Korpsets mentorer og forældrecoaches"), _("Udlån til kommuner")),
    ),
    Role.AUDITOR: RoleIntroduction(
        _(
            "Som revisor kontrollerer du, hvordan Infohus bruges: hvem har set og ændret hvad, "
            "hvornår og i hvilken rolle. Du ser ikke selve sagerne."
        ),
        (_("Rapporter over videregivelser og sletninger"),),
    ),
    Role.SYSTEM_ADMIN: RoleIntroduction(
        _(
            "Som systemadministrator opretter du brugere, tildeler roller og ophæver spærrede "
            "konti. Du har ikke adgang til sagsoplysninger."
        ),
        (_("Integrationsnøgler til API'et (Kriminalforsorgen, hotline)"),),
    ),
}

NO_ROLE = RoleIntroduction(
    _(
        "Du har ingen aktiv rolle i Infohus. Kontakt din systemadministrator, hvis du skal "
        "have adgang."
    )
)


def introduction_for(role: str | None) -> RoleIntroduction:
    if role is None:
        return NO_ROLE
    return ROLE_INTRODUCTIONS.get(role, NO_ROLE)
