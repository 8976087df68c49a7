"""The coordinator's merge pages: candidates on the concern page, comparing two records,
merging with a reason, the district's list of merges and undoing one (issue 3, item 7)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from infohus.core.models import AuditEvent
from infohus.intake.actions import ConcernInput, ReporterInput, create_concern
from infohus.intake.choices import Channel, SourceType
from infohus.intake.models import Concern, ConcernSubject
from infohus.organisations.models import Municipality
from infohus.persons.actions import PersonInput
from infohus.persons.models import FocusPerson, PersonMerge
from tests.intake.test_inbox import url
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

BORN = date(2001, 4, 3)


def concern_about(name: str, *, municipality: str = "751", cpr: str = "") -> Concern:
    return create_concern(
        actor=None,
        data=ConcernInput(
            source_type=SourceType.PROFESSIONAL,
            channel=Channel.PUBLIC_FORM,
            description="Fiktiv bekymring til test.",
            municipality=Municipality.objects.get(code=municipality),
            reporter=ReporterInput(is_anonymous=True),
            persons=(
                PersonInput(
                    full_name=name,
                    birth_date=BORN,
                    cpr=cpr,
                    municipality=Municipality.objects.get(code=municipality),
                ),
            ),
        ),
    )


def person_of(concern: Concern) -> FocusPerson:
    return ConcernSubject.objects.get(concern=concern).person


@pytest.fixture
def pair() -> tuple[Concern, Concern]:
    """Two concerns in Østjylland about what looks like one person, spelled two ways."""
    return concern_about("Fiktiv Sørensen"), concern_about("Fiktiv Soerensen")


def first_reference(pair: tuple[Concern, Concern]) -> str:
    return pair[0].reference


def merge_url(pair: tuple[Concern, Concern]) -> str:
    first, second = pair
    return url(
        "merge_persons",
        pk=second.pk,
        person_pk=person_of(second).pk,
        other_pk=person_of(first).pk,
    )


def test_the_concern_page_offers_the_candidate_to_the_coordinator(
    pair: tuple[Concern, Concern], client_for: Callable[[str], Client]
) -> None:
    first, second = pair
    page = client_for("coordinator").get(url("concern_detail", pk=second.pk)).content.decode()
    assert "kan være registreret før i kredsen" in page
    assert first.reference in page
    assert merge_url(pair) in page
    # Colleagues who may not merge are not offered it.
    officer = client_for("prevention_officer").get(url("concern_detail", pk=second.pk))
    assert merge_url(pair) not in officer.content.decode()


def test_a_record_known_only_to_another_district_is_never_offered(
    client_for: Callable[[str], Client],
) -> None:
    other = concern_about("Fiktiv Sørensen", municipality="461")  # Odense, Fyn
    own = concern_about("Fiktiv Sørensen")
    page = client_for("coordinator").get(url("concern_detail", pk=own.pk)).content.decode()
    assert other.reference not in page
    assert "kan være registreret før i kredsen" not in page


def test_merge_page_matrix(
    pair: tuple[Concern, Concern], client_for: Callable[[str], Client]
) -> None:
    path = merge_url(pair)
    for key in sorted(PERSONAS):
        expected = {"coordinator": 200, "prevention_officer": 403, "analyst": 403}.get(key, 404)
        assert client_for(key).get(path).status_code == expected, key
    anonymous = client_for("anonymous").get(path)
    assert anonymous.status_code == 302


def test_merge_with_reason_moves_the_concern_and_is_audited(
    pair: tuple[Concern, Concern], client_for: Callable[[str], Client]
) -> None:
    first, second = pair
    kept, folded = person_of(first), person_of(second)
    client = client_for("coordinator")
    response = client.post(
        merge_url(pair), {"keep": "other", "reason": "Samme skole og adresse.", "confirm": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("concern_detail", pk=second.pk)
    folded.refresh_from_db()
    assert folded.merged_into_id == kept.pk
    assert person_of(second) == kept
    merge = PersonMerge.objects.get()
    assert (merge.survivor_id, merge.merged_id, merge.reason) == (
        kept.pk,
        folded.pk,
        "Samme skole og adresse.",
    )
    assert AuditEvent.objects.filter(verb="FOCUS_PERSON_MERGED").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"keep": "this", "reason": "", "confirm": "on"}, "Dette felt er påkrævet"),
        ({"keep": "this", "reason": "Samme person."}, "Dette felt er påkrævet"),
        ({"reason": "Samme person.", "confirm": "on"}, "Dette felt er påkrævet"),
    ],
)
def test_a_bad_merge_form_changes_nothing_and_says_why(
    pair: tuple[Concern, Concern],
    client_for: Callable[[str], Client],
    data: dict[str, str],
    message: str,
) -> None:
    response = client_for("coordinator").post(merge_url(pair), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PersonMerge.objects.exists()
    assert FocusPerson.objects.filter(merged_into__isnull=False).count() == 0


def test_two_records_with_different_cpr_are_refused_with_an_explanation(
    client_for: Callable[[str], Client],
) -> None:
    first = concern_about("Fiktiv Sørensen", cpr="030401-1234")
    second = concern_about("Fiktiv Soerensen", cpr="030401-1235")
    path = url(
        "merge_persons",
        pk=second.pk,
        person_pk=person_of(second).pk,
        other_pk=person_of(first).pk,
    )
    response = client_for("coordinator").post(
        path, {"keep": "this", "reason": "Samme person.", "confirm": "on"}
    )
    assert response.status_code == 200
    assert "forskellige CPR-numre" in response.content.decode()
    assert not PersonMerge.objects.exists()


def test_a_person_not_on_the_concern_is_404(
    pair: tuple[Concern, Concern], client_for: Callable[[str], Client]
) -> None:
    first, second = pair
    third = concern_about("Fiktiv Tredje")
    path = url(
        "merge_persons",
        pk=second.pk,
        person_pk=person_of(third).pk,
        other_pk=person_of(first).pk,
    )
    assert client_for("coordinator").get(path).status_code == 404


def test_list_and_undo(pair: tuple[Concern, Concern], client_for: Callable[[str], Client]) -> None:
    first, second = pair
    client = client_for("coordinator")
    client.post(merge_url(pair), {"keep": "other", "reason": "Samme person.", "confirm": "on"})
    merge = PersonMerge.objects.get()
    listing = client.get(url("person_merges")).content.decode()
    assert first.reference in listing and second.reference in listing
    undo = url("undo_merge", pk=merge.pk)
    assert undo in listing
    refused = client.post(undo, {"reason": ""})
    assert refused.status_code == 200
    assert not PersonMerge.objects.get().is_undone
    done = client.post(undo, {"reason": "To forskellige personer."})
    assert done.status_code == 302
    assert PersonMerge.objects.get().is_undone
    assert person_of(second) != person_of(first)
    assert AuditEvent.objects.filter(verb="FOCUS_PERSON_MERGE_UNDONE").exists()
    # A second undo is not offered.
    assert undo not in client.get(url("person_merges")).content.decode()


def test_list_and_undo_matrix(
    pair: tuple[Concern, Concern], client_for: Callable[[str], Client]
) -> None:
    client_for("coordinator").post(
        merge_url(pair), {"keep": "other", "reason": "Samme person.", "confirm": "on"}
    )
    merge = PersonMerge.objects.get()
    district = {"coordinator", "prevention_officer", "analyst"}
    infohus_staff = district | {"coordinator_fyn"}
    for key in sorted(PERSONAS):
        listing = client_for(key).get(url("person_merges")).status_code
        assert listing == (200 if key in infohus_staff else 404), key
        undo = client_for(key).get(url("undo_merge", pk=merge.pk)).status_code
        expected = 200 if key == "coordinator" else 403 if key in district else 404
        assert undo == expected, key
    # Fyn's coordinator does not know the records: the merge is not there for them.
    fyn = client_for("coordinator_fyn")
    assert first_reference(pair) not in fyn.get(url("person_merges")).content.decode()
    assert fyn.get(url("undo_merge", pk=merge.pk)).status_code == 404
