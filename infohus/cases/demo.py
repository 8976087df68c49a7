"""Fictional case data for the demo: screenings of some demo concerns (every outcome),
the cases they open, a hand-over accepted by a municipality, one pending with PET and a
PET consultation awaiting an answer. Everything goes through the public actions, with
the demo users as actors, so audit trails and disclosures look as they would in use.

Idempotent: a concern already screened, a case that already has a hand-over or a
consultation is left alone. Runs after ``intake.demo.load_demo_intake``; a concern or
user that is missing (e.g. deleted by hand) is skipped rather than failing. Left for
screening: the hotline referral in Fyn's inbox (no named person) and the Skanderborg
concern (Sydøstjyllands Politi, a district without demo users).
"""

from __future__ import annotations

from django.db import transaction

from infohus.accounts.models import User
from infohus.cases import handovers
from infohus.cases.actions import screen_concern
from infohus.cases.choices import Responsibility, ScreeningOutcome
from infohus.cases.models import Case, Screening
from infohus.disclosures.legal import LegalBasis
from infohus.intake.demo import DEMO_MARK
from infohus.intake.inbox import OPEN_STATUSES
from infohus.intake.models import Concern

# (focus person of the demo concern, screener, participants, outcome, reason,
#  unfounded, municipality informed)
SCREENINGS = [
    (
        "Demo Dreng Aarhus (fiktiv)",
        "oj-tovholder",
        ("oj-forebygger", "oj-analytiker"),
        ScreeningOutcome.PREVENTION,
        "Eleven deler symboler fra et voldeligt miljø; forebyggelsessag oprettes. " + DEMO_MARK,
        False,
        False,
    ),
    (
        "Demo Søn Aarhus (fiktiv)",
        "oj-tovholder",
        ("oj-forebygger", "oj-analytiker"),
        ScreeningOutcome.PREVENTION,
        "Tegn på isolation og rejseplaner; forebyggelsessag oprettes, PET spørges. " + DEMO_MARK,
        False,
        False,
    ),
    (
        "Demo Aktivist Aarhus (fiktiv)",
        "oj-tovholder",
        ("oj-analytiker",),
        ScreeningOutcome.INVESTIGATION,
        "Fund af brandbombematerialer er et strafbart forhold; overgivet til efterforskning. "
        + DEMO_MARK,
        False,
        False,
    ),
    (
        "Demo Elev Odense (fiktiv)",
        "fyn-tovholder",
        ("fyn-forebygger", "fyn-analytiker"),
        ScreeningOutcome.PREVENTION,
        "Gruppen ser voldelig propaganda sammen; forebyggelsessag oprettes. " + DEMO_MARK,
        False,
        False,
    ),
    (
        "Demo Mand Aarhus (fiktiv)",
        "oj-tovholder",
        ("oj-forebygger", "oj-analytiker"),
        ScreeningOutcome.PREVENTION,
        "Åben støtte til en terrororganisation og kontaktsøgning; et væsentligt "
        "sikkerhedselement. Han ønsker selv at komme ud. " + DEMO_MARK,
        False,
        False,
    ),
    (
        "Demo Kvinde København (fiktiv)",
        "kbh-forebygger",
        ("kbh-analytiker",),
        ScreeningOutcome.NO_ACTION,
        "Truslerne udspringer af patientens sygdom, ikke af ekstremisme; psykiatrien og "
        "kommunen følger op. " + DEMO_MARK,
        True,
        True,
    ),
]

# (focus person, sender, proposed responsibility, legal basis, items, recipient who
#  accepts or "" to leave it pending, reason)
HANDOVERS = [
    (
        "Demo Dreng Aarhus (fiktiv)",
        "oj-tovholder",
        Responsibility.MUNICIPALITY,
        LegalBasis.RPL_115,
        ["person"],
        "aarhus-kontakt",
        "En trivselssag, som kommunens SSP og skole bedst følger op på. " + DEMO_MARK,
    ),
    (
        "Demo Elev Odense (fiktiv)",
        "fyn-tovholder",
        Responsibility.JOINT_PET,
        LegalBasis.POLICE_TO_POLICE,
        ["person", "concerns"],
        "",
        "Gruppen har forbindelser til et kendt miljø; sagen foreslås løftet sammen med PET. "
        + DEMO_MARK,
    ),
    (
        "Demo Mand Aarhus (fiktiv)",
        "oj-tovholder",
        Responsibility.PET,
        LegalBasis.POLICE_TO_POLICE,
        ["person", "concerns", "screening"],
        "pet-visitator",
        "Væsentligt sikkerhedselement; PET's exitindsats overtager (operativt sagsarbejde). "
        + DEMO_MARK,
    ),
]

# (focus person, who asks, question)
CONSULTATIONS = [
    (
        "Demo Søn Aarhus (fiktiv)",
        "oj-tovholder",
        "Håndterer PET allerede personen, der taler om at rejse til en konfliktzone? " + DEMO_MARK,
    ),
]


def _user(username: str) -> User | None:
    return User.objects.filter(username=username, is_demo=True).first()


def _concern(person_name: str) -> Concern | None:
    """The demo concern in a district inbox about the named (fictional) person."""
    return (
        Concern.objects.filter(
            description__endswith=DEMO_MARK,
            district__isnull=False,
            subject_links__person__full_name=person_name,
        )
        .order_by("pk")
        .first()
    )


def _case(person_name: str) -> Case | None:
    screening = (
        Screening.objects.filter(
            concern__description__endswith=DEMO_MARK,
            concern__subject_links__person__full_name=person_name,
            case__isnull=False,
        )
        .select_related("case")
        .order_by("pk")
        .first()
    )
    return screening.case if screening is not None else None


def _screen() -> None:
    for name, screener, others, outcome, reason, unfounded, informed in SCREENINGS:
        concern = _concern(name)
        actor = _user(screener)
        if concern is None or actor is None or concern.status not in OPEN_STATUSES:
            continue
        if Screening.objects.filter(concern=concern).exists():
            continue
        participants = [u for u in (_user(username) for username in others) if u is not None]
        screen_concern(
            actor=actor,
            concern=concern,
            outcome=outcome,
            reason=reason,
            participants=participants,
            unfounded=unfounded,
            municipality_informed=informed,
        )


def _hand_over() -> None:
    for name, sender, to, basis, items, recipient, reason in HANDOVERS:
        case = _case(name)
        actor = _user(sender)
        if case is None or actor is None or case.handovers.exists():
            continue
        handover = handovers.send_handover(
            actor=actor,
            case=case,
            to_responsibility=to,
            reason=reason,
            legal_basis=basis,
            items=items,
            summary=f"Fiktivt resumé til modtageren. {DEMO_MARK}",
        )
        receiver = _user(recipient) if recipient else None
        if receiver is not None:
            handovers.accept_handover(
                actor=receiver, handover=handover, note=f"Vi overtager sagen. {DEMO_MARK}"
            )


def _consult() -> None:
    for name, asker, question in CONSULTATIONS:
        case = _case(name)
        actor = _user(asker)
        if case is None or actor is None or case.consultations.exists():
            continue
        handovers.request_consultation(actor=actor, case=case, question=question)


@transaction.atomic
def load_demo_cases() -> int:
    """Screen, hand over and consult on the demo concerns once; return how many cases
    were opened (0 when the demo cases are already there)."""
    before = Case.objects.count()
    _screen()
    _hand_over()
    _consult()
    return Case.objects.count() - before
