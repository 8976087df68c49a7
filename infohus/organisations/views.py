"""Organisation directory, role switching and reference data (user administration:
user_views.py).

The directory is for every role but the auditor's and names no staff. The
reference-data URLs are a 404 for anyone but a system administrator, before
anything else is looked at (also the method: a POST from someone else is a 404,
not a 405 that gives the URL away).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from infohus.core import audit
from infohus.organisations import permissions as org_perms
from infohus.organisations.forms import (
    ActionForm,
    DirectorySearchForm,
)
from infohus.organisations.models import (
    Municipality,
    Organisation,
    PoliceDistrict,
    Region,
    Unit,
)
from infohus.organisations.refdata import load_reference_data
from infohus.organisations.roles import OrganisationKind

ALLOWED_GET = ("GET", "HEAD")

# The reference-data models as the reload message names them.
REFDATA_LABELS: Mapping[str, Promise] = {
    "Region": gettext_lazy("regioner"),
    "PoliceDistrict": gettext_lazy("politikredse"),
    "Municipality": gettext_lazy("kommuner"),
    "Organisation": gettext_lazy("organisationer"),
    "Unit": gettext_lazy("enheder"),
}


def paginate(request: HttpRequest, rows: Any, *, per_page: int) -> dict[str, Any]:
    """The context includes/pagination.html needs: the requested ``page`` of ``rows``
    (out-of-range numbers give the nearest page), the elided ``page_range`` and its
    ``ellipsis`` marker."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    return {
        "page": page,
        "page_range": list(
            page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        ),
        "ellipsis": Paginator.ELLIPSIS,
    }


F = TypeVar("F", bound=ActionForm)
R = TypeVar("R")


def run_action_form(
    data: QueryDict | None,
    make_form: Callable[[QueryDict | None], F],
    run: Callable[[dict[str, Any]], R],
) -> tuple[F, R | None]:
    """The form of a one-action page: ``data`` None gives the unbound form; otherwise the
    form is bound and validated and ``run`` gets its cleaned data. A ValidationError from
    the action lands on the form, so the user sees it beside what they typed. Returns the
    form and the action's result (None unless it ran; actions return what they acted on)."""
    form = make_form(data)
    if data is None or not form.is_valid():
        return form, None
    try:
        return form, run(form.cleaned_data)
    except ValidationError as error:
        form.add_action_error(error)
        return form, None


def breadcrumbs(*crumbs: tuple[Any, str]) -> list[tuple[Any, str]]:
    """The breadcrumb trail base.html shows: the start page, then ``crumbs``."""
    return [(_("Forside"), reverse("reporting:start")), *crumbs]


# --- organisation directory ---------------------------------------------------------


@dataclass(frozen=True)
class OrganisationGroup:
    label: Any
    organisations: list[Organisation]


def _units_prefetch(with_counts: bool) -> Prefetch[Any]:
    units = Unit.objects.order_by("name")
    if with_counts:
        units = units.annotate(
            member_count=Count("memberships", filter=Q(memberships__is_active=True))
        )
    return Prefetch("units", queryset=units)


def directory(request: HttpRequest) -> HttpResponse:
    """Every organisation by kind with its units; police districts with their municipalities.
    No staff names (need-to-know); system administrators see how many sit in each unit."""
    org_perms.require_directory_access(request.user)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    form = DirectorySearchForm(request.GET)
    query = form.query()
    show_counts = org_perms.can_see_member_counts(request.user)
    organisations = (
        org_perms.organisations_visible_to(request.user)
        .select_related("police_district", "municipality__police_district__organisation")
        .prefetch_related(
            _units_prefetch(show_counts),
            Prefetch(
                "police_district__municipalities",
                queryset=Municipality.objects.select_related("organisation").order_by("name"),
            ),
        )
        .order_by("name")
    )
    if query:
        organisations = organisations.filter(name__icontains=query)
    by_kind: dict[str, list[Organisation]] = {}
    for organisation in organisations:
        by_kind.setdefault(organisation.kind, []).append(organisation)
    groups = [
        OrganisationGroup(kind.label, by_kind[kind]) for kind in OrganisationKind if kind in by_kind
    ]
    return render(
        request,
        "organisations/directory.html",
        {
            "form": form,
            "query": query,
            "groups": groups,
            "count": sum(len(group.organisations) for group in groups),
            "show_member_counts": show_counts,
            "can_manage_reference_data": org_perms.can_manage_reference_data(request.user),
            "breadcrumbs": breadcrumbs((_("Organisationer"), "")),
        },
    )


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One organisation: its units; a district's municipalities, a municipality's district."""
    organisation = org_perms.get_organisation_for_user(request.user, pk)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    show_counts = org_perms.can_see_member_counts(request.user)
    units = Unit.objects.filter(organisation=organisation).order_by("name")
    if show_counts:
        units = units.annotate(
            member_count=Count("memberships", filter=Q(memberships__is_active=True))
        )
    municipalities: QuerySet[Municipality] = Municipality.objects.none()
    if organisation.police_district_id is not None:
        municipalities = Municipality.objects.filter(
            police_district_id=organisation.police_district_id
        ).select_related("region", "organisation")
    municipality = (
        Municipality.objects.select_related("region", "police_district__organisation").get(
            pk=organisation.municipality_id
        )
        if organisation.municipality_id is not None
        else None
    )
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "units": units,
            "municipalities": municipalities,
            "municipality": municipality,
            "show_member_counts": show_counts,
            "breadcrumbs": breadcrumbs(
                (_("Organisationer"), reverse("organisations:directory")),
                (organisation.name, ""),
            ),
        },
    )


@require_POST
def switch_membership(request: HttpRequest) -> HttpResponse:
    """Act in another of the user's own memberships from now on (audited)."""
    wanted = request.POST.get("membership")
    membership = next(
        (m for m in org_perms.memberships_of(request.user) if str(m.pk) == wanted), None
    )
    if membership is None:
        raise Http404
    previous = org_perms.active_membership(request.user)
    request.session[org_perms.SESSION_KEY] = membership.pk
    org_perms.set_active_membership(request.user, membership)
    audit.record(
        "MEMBERSHIP_SWITCHED",
        actor=request.user,
        obj=membership,
        changes={
            "membership": (
                previous.audit_label() if previous else None,
                membership.audit_label(),
            )
        },
    )
    messages.success(
        request,
        _("Du arbejder nu som %(role)s i %(unit)s.")
        % {"role": membership.get_role_display(), "unit": membership.unit},
    )
    return redirect("reporting:start")


# --- reference data -----------------------------------------------------------------


def reference_data(request: HttpRequest) -> HttpResponse:
    """How much reference data is loaded, and the button that reloads it."""
    org_perms.require_reference_data_admin(request.user)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    counts = [
        (_("Regioner"), Region.objects.count()),
        (_("Politikredse"), PoliceDistrict.objects.count()),
        (_("Kommuner"), Municipality.objects.count()),
        (_("Organisationer"), Organisation.objects.count()),
        (_("Enheder"), Unit.objects.count()),
    ]
    return render(
        request,
        "organisations/reference_data.html",
        {"counts": counts, "breadcrumbs": breadcrumbs((_("Referencedata"), ""))},
    )


def _describe(changes: Mapping[str, int]) -> str:
    return ", ".join(
        f"{REFDATA_LABELS.get(model, model)}: {count}" for model, count in sorted(changes.items())
    )


def reload_reference_data(request: HttpRequest) -> HttpResponse:
    """Load regions, districts, municipalities, organisations and units again from the
    reference files (idempotent) and report what changed."""
    org_perms.require_reference_data_admin(request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    report = load_reference_data(actor=request.user)
    if not report.created and not report.updated:
        messages.info(request, _("Referencedata er genindlæst. Intet var ændret."))
    else:
        parts = []
        if report.created:
            parts.append(_("Oprettet – %(what)s.") % {"what": _describe(report.created)})
        if report.updated:
            parts.append(_("Opdateret – %(what)s.") % {"what": _describe(report.updated)})
        messages.success(
            request,
            _("Referencedata er genindlæst. %(changes)s") % {"changes": " ".join(parts)},
        )
    return redirect("organisations:reference_data")
