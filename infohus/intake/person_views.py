"""One record per person, in the coordinator's hands: confirm that two records the
district knows are the same person (merge), see the district's merges and undo one.

Every view starts with its access helper: a user outside the district's Infohus gets a
404; a colleague who may see but not merge gets a 403 (audited).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from infohus.core import audit
from infohus.core.permissions import deny
from infohus.intake import inbox, merging
from infohus.intake.models import ConcernSubject
from infohus.intake.permissions import get_concern_for_user
from infohus.intake.person_forms import KEEP_OTHER, KEEP_THIS, MergePersonsForm, UndoMergeForm
from infohus.organisations.views import ALLOWED_GET, breadcrumbs, paginate

PAGE_SIZE = 25


def _merges_crumb() -> tuple[str, str]:
    return (_("Sammenlagte personer"), reverse("intake:person_merges"))


def merge_persons(request: HttpRequest, pk: int, person_pk: int, other_pk: int) -> HttpResponse:
    """Merge the record of a person on concern ``pk`` with another record the district
    knows, after the coordinator compared the district's own accounts of both."""
    concern = get_concern_for_user(request.user, pk, for_write=True)
    this = merging.get_person_for_user(request.user, person_pk)
    if not ConcernSubject.objects.filter(concern=concern, person=this).exists():
        audit.record_denied(
            request.user,
            object_type=this._meta.label_lower,
            object_id=str(this.pk),
            reason="not_on_concern",
        )
        raise Http404
    other = merging.get_person_for_user(request.user, other_pk)
    if not merging.can_merge_persons(request.user, this, other):
        raise deny(request.user, other, reason="not_allowed_to_merge")
    if request.method == "POST":
        form = MergePersonsForm(request.POST)
        if form.is_valid():
            keep_this = form.cleaned_data["keep"] == KEEP_THIS
            survivor, merged = (this, other) if keep_this else (other, this)
            try:
                merging.merge_person_records(
                    actor=request.user,
                    survivor=survivor,
                    merged=merged,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(
                    request,
                    _(
                        "Registreringerne er lagt sammen. Sammenlægningen kan fortrydes under "
                        "Sammenlagte personer."
                    ),
                )
                return redirect("intake:concern_detail", pk=concern.pk)
    elif request.method in ALLOWED_GET:
        keep = KEEP_OTHER if other.cpr_index and not this.cpr_index else KEEP_THIS
        form = MergePersonsForm(initial={"keep": keep})
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "intake/staff/merge_persons.html",
        {
            "concern": concern,
            "this": merging.person_account(request.user, this),
            "other": merging.person_account(request.user, other),
            "form": form,
            "breadcrumbs": breadcrumbs(
                (_("Indbakke"), reverse("intake:inbox")),
                (concern.reference, reverse("intake:concern_detail", args=[concern.pk])),
                (_("Sammenlæg personer"), ""),
            ),
        },
    )


def person_merges(request: HttpRequest) -> HttpResponse:
    """The merges of person records the district knows, newest first, with undo."""
    inbox.require_district_inbox(request.user)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    merges = merging.merges_visible_to(request.user).select_related(
        "merged_by", "undone_by", "survivor", "merged"
    )
    pagination = paginate(request, merges, per_page=PAGE_SIZE)
    rows = [
        {
            "merge": merge,
            "survivor": merging.person_account(request.user, merge.survivor),
            "merged": merging.person_account(request.user, merge.merged),
            "can_undo": not merge.is_undone and merging.can_undo_person_merge(request.user, merge),
        }
        for merge in pagination["page"].object_list
    ]
    return render(
        request,
        "intake/staff/person_merges.html",
        {
            "rows": rows,
            **pagination,
            "breadcrumbs": breadcrumbs(
                (_("Indbakke"), reverse("intake:inbox")), (_("Sammenlagte personer"), "")
            ),
        },
    )


def undo_merge(request: HttpRequest, pk: int) -> HttpResponse:
    inbox.require_district_inbox(request.user)
    merge = merging.get_merge_for_user(request.user, pk)
    if not merging.can_undo_person_merge(request.user, merge):
        raise deny(request.user, merge, reason="not_allowed_to_undo_merge")
    if request.method == "POST":
        form = UndoMergeForm(request.POST)
        if form.is_valid():
            try:
                merging.undo_person_merge(
                    actor=request.user, merge=merge, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(request, _("Sammenlægningen er fortrudt."))
                return redirect("intake:person_merges")
    elif request.method in ALLOWED_GET:
        form = UndoMergeForm()
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "intake/staff/undo_merge.html",
        {
            "merge": merge,
            "survivor": merging.person_account(request.user, merge.survivor),
            "merged": merging.person_account(request.user, merge.merged),
            "form": form,
            "breadcrumbs": breadcrumbs(
                (_("Indbakke"), reverse("intake:inbox")),
                _merges_crumb(),
                (_("Fortryd sammenlægning"), ""),
            ),
        },
    )
