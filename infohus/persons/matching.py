"""Finding an existing record of the person an intake is about: identity matching only.

Two kinds of match (issue 3, item 7):

* **exact** — the CPR number, through the keyed blind index (``find_by_cpr``); the
  intake then uses that record automatically (``register_person``);
* **candidates** — when no CPR record matched: records that share the birth date or
  the municipality *and* whose name is the same or similar once Danish spelling
  variants are folded (æ/ae, ø/oe/ö, å/aa, accents, case). Each candidate carries the
  reasons it was offered, e.g. ("samme fødselsdato", "navn ligner").

Candidates are only offered; a human decides, and a merge is a separate, audited
action. Nothing here judges the person — no risk, no score of anything but spelling.

The search is bounded: one query narrows by birth date or municipality (at most
``POOL_LIMIT`` rows, encrypted columns not loaded), then names are compared in Python.
The caller passes ``among``, the records its user may see (row scope lives with the
app that knows which concerns the user may see: ``intake.merging.persons_visible_to``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from infohus.persons.actions import PersonInput, cpr_index
from infohus.persons.cpr import parse_cpr
from infohus.persons.models import FocusPerson, FocusPersonQuerySet

# Rows fetched for the name comparison; a municipality the size of Copenhagen must not
# turn one intake into a full table scan in Python.
POOL_LIMIT = 500
# difflib ratio above which two folded names (or two name parts) count as similar.
SIMILAR_RATIO = 0.85
MAX_CANDIDATES = 10


class MatchReason(models.TextChoices):
    SAME_CPR = "same_cpr", _("samme CPR-nummer")
    SAME_BIRTH_DATE = "same_birth_date", _("samme fødselsdato")
    SAME_MUNICIPALITY = "same_municipality", _("samme kommune")
    SAME_NAME = "same_name", _("samme navn")
    SIMILAR_NAME = "similar_name", _("navn ligner")


@dataclass(frozen=True)
class Candidate:
    """A record that may be the same person, and why it was offered."""

    person: FocusPerson
    reasons: tuple[MatchReason, ...]

    @property
    def reason_labels(self) -> list[str]:
        return [str(reason.label) for reason in self.reasons]


@dataclass(frozen=True)
class MatchResult:
    exact: FocusPerson | None
    candidates: tuple[Candidate, ...]


# Folding to one spelling: "Sørensen", "Soerensen", "Sörensen" → "soerensen";
# "Aabenraa", "Åbenrå" → "aabenraa"; "Æble"/"Aeble" → "aeble"; accents dropped.
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "ö": "oe", "å": "aa", "ä": "ae", "ü": "ue"})
_NON_LETTERS = re.compile(r"[^a-z ]+")


def normalise_name(name: str) -> str:
    """Lower-case, fold Danish letters to their two-letter forms, strip other accents."""
    folded = (name or "").lower().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", folded)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_LETTERS.sub(" ", ascii_only.replace("-", " ")).split())


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def compare_names(a: str, b: str) -> MatchReason | None:
    """SAME_NAME, SIMILAR_NAME or None for two names as typed."""
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return None
    ta, tb = na.split(), nb.split()
    if na == nb or sorted(ta) == sorted(tb):
        return MatchReason.SAME_NAME
    if _ratio(na, nb) >= SIMILAR_RATIO:
        return MatchReason.SIMILAR_NAME
    # Token overlap: every part of the shorter name has a close part in the longer one
    # ("Ali Hassan" ~ "Ali Ahmed Hassan"); a single first name alone is not enough.
    shorter, longer = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(shorter) >= 2 and all(
        any(t == u or _ratio(t, u) >= SIMILAR_RATIO for u in longer) for t in shorter
    ):
        return MatchReason.SIMILAR_NAME
    return None


def find_candidates(
    data: PersonInput,
    *,
    among: FocusPersonQuerySet,
    exclude_pk: int | None = None,
    limit: int = MAX_CANDIDATES,
) -> list[Candidate]:
    """Records in ``among`` that may be the person described by ``data`` (see module doc).

    A record with a different CPR number is never a candidate; one with a known,
    different birth date only when the name is the same (a mistyped date).
    """
    birth_date: date | None = data.birth_date
    own_index: str | None = None
    if data.cpr:
        normalised, born = parse_cpr(data.cpr)
        birth_date = birth_date or born
        own_index = cpr_index(normalised)
    municipality_id = data.municipality.pk if data.municipality is not None else None
    narrowing = Q()
    if birth_date is not None:
        narrowing |= Q(birth_date=birth_date)
    if municipality_id is not None:
        narrowing |= Q(municipality_id=municipality_id)
    if not narrowing:
        return []  # nothing shared to narrow by: no candidates rather than a scan
    pool = (
        among.current()
        .filter(narrowing)
        .select_related("municipality")
        .defer("cpr", "address")
        .order_by("-pk")
    )
    if own_index is not None:
        pool = pool.filter(Q(cpr_index__isnull=True) | Q(cpr_index=own_index))
    if exclude_pk is not None:
        pool = pool.exclude(pk=exclude_pk)

    found: list[tuple[int, Candidate]] = []
    for person in pool[:POOL_LIMIT]:
        reasons: list[MatchReason] = []
        if own_index is not None and person.cpr_index == own_index:
            reasons.append(MatchReason.SAME_CPR)
        same_birth = birth_date is not None and person.birth_date == birth_date
        if same_birth:
            reasons.append(MatchReason.SAME_BIRTH_DATE)
        same_municipality = (
            municipality_id is not None and person.municipality_id == municipality_id
        )
        if same_municipality:
            reasons.append(MatchReason.SAME_MUNICIPALITY)
        name = compare_names(data.full_name, person.full_name)
        if name is not None:
            reasons.append(name)
        if MatchReason.SAME_CPR not in reasons:
            if name is None:
                # Without a name on one side, only birth date *and* municipality together.
                nameless = not normalise_name(data.full_name) or not normalise_name(
                    person.full_name
                )
                if not (nameless and same_birth and same_municipality):
                    continue
            other_birth = birth_date is not None and person.birth_date is not None
            if other_birth and not same_birth and name != MatchReason.SAME_NAME:
                continue
        found.append((len(reasons), Candidate(person=person, reasons=tuple(reasons))))
    found.sort(key=lambda item: (-item[0], -(item[1].person.pk or 0)))
    return [candidate for _, candidate in found[:limit]]


def match_person(data: PersonInput, *, among: FocusPersonQuerySet) -> MatchResult:
    """The record in ``among`` with this CPR number, or else the fuzzy candidates in ``among``.

    Deliberately scoped: a record with this CPR that the user may not see is not returned.
    ``register_person`` still links the concern to it (one record per person), and what
    the user learns of it is only the audited hint of ``intake.crossdistrict``.
    """
    if data.cpr:
        normalised, _born = parse_cpr(data.cpr)
        exact = among.current().filter(cpr_index=cpr_index(normalised)).first()
        if exact is not None:
            return MatchResult(exact=exact, candidates=())
    return MatchResult(exact=None, candidates=tuple(find_candidates(data, among=among)))
