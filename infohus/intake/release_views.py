"""Release notices: the prison liaison registers them; the district's Infohus and PET
see and acknowledge them, with the alerts the daily job raised.

The district's pages never render the report's content: it is passed to templates
only from the PET-only report page (``release_permissions.get_release_report_for_user``).
Anyone who does not work with release notices gets a 404 before anything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from infohus.intake import release_permissions as perms
from infohus.intake.models import ReleaseNotice
from infohus.intake.release_actions import acknowledge_release_notice, register_release_notice
from infohus.intake.release_forms import ReleaseNoticeForm
from infohus.organisations.views import paginate

ALLOWED_GET = ("GET", "HEAD")
NOTICES_PER_PAGE = 50


def _crumbs(*crumbs: tuple[Any, str]) -> list[tuple[Any, str]]:
    return [
        (_("Forside"), reverse("reporting:start")),
        (_("Løsladelser"), reverse("releases:notice_list")),
        *crumbs,
    ]


@dataclass(frozen=True)
class AlertRow:
    notice: ReleaseNotice
    raised_on: date
    days_left: int


def _open_alerts(user: Any) -> list[AlertRow]:
    """One row per notice with an open alert for the user's party (the job raises one
    a day until someone acknowledges; the oldest tells how long it has waited)."""
    today = timezone.localdate()
    rows: dict[int, AlertRow] = {}
    alerts = (
        perms.alerts_visible_to(user)
        .select_related("notice__person", "notice__municipality")
        .order_by("notice__release_on", "raised_on")
    )
    for alert in alerts:
        if alert.notice_id not in rows:
            rows[alert.notice_id] = AlertRow(
                alert.notice, alert.raised_on, (alert.notice.release_on - today).days
            )
    return list(rows.values())


def notice_list(request: HttpRequest) -> HttpResponse:
    """The notices the user may see, soonest release first, with the open alerts."""
    perms.require_release_notice_access(request.user)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    notices = perms.release_notices_visible_to(request.user).select_related(
        "person", "municipality", "district"
    )
    pagination = paginate(request, notices, per_page=NOTICES_PER_PAGE)
    return render(
        request,
        "intake/releases/notice_list.html",
        {
            **pagination,
            "alerts": _open_alerts(request.user),
            "can_register": perms.can_register_release_notice(request.user),
            "can_view_reports": perms.can_view_release_reports(request.user),
            "breadcrumbs": [(_("Forside"), reverse("reporting:start")), (_("Løsladelser"), "")],
        },
    )


def register_notice(request: HttpRequest) -> HttpResponse:
    """The prison liaison registers a release: routed at once to the district and PET."""
    perms.require_release_registration(request.user)
    if request.method == "POST":
        form = ReleaseNoticeForm(request.POST)
        if form.is_valid():
            try:
                notice = register_release_notice(actor=request.user, **form.action_kwargs())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if notice.is_late:
                    messages.warning(
                        request,
                        _(
                            "Meddelelsen er registreret, men efter løsladelsesdatoen: "
                            "den er markeret som for sen."
                        ),
                    )
                else:
                    messages.success(
                        request, _("Meddelelsen er sendt til politikredsens Infohus og PET.")
                    )
                return redirect("releases:notice_detail", notice.pk)
    else:
        form = ReleaseNoticeForm()
    return render(
        request,
        "intake/releases/register_notice.html",
        {"form": form, "breadcrumbs": _crumbs((_("Ny løsladelse"), ""))},
    )


def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One notice without the report's content (PET has a link to it)."""
    perms.require_release_notice_access(request.user)
    notice = perms.get_release_notice_for_user(request.user, pk)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    party = perms.party_of(request.user)
    return render(
        request,
        "intake/releases/notice_detail.html",
        {
            "notice": notice,
            "can_view_report": perms.can_view_release_report(request.user, notice),
            "can_acknowledge": perms.can_acknowledge_release_notice(request.user, notice)
            and party is not None
            and not notice.is_acknowledged_by(party),
            "breadcrumbs": _crumbs((str(notice), "")),
        },
    )


def notice_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The concern report's content: PET only; a 404 for everyone else."""
    perms.require_release_notice_access(request.user)
    notice = perms.get_release_report_for_user(request.user, pk)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    return render(
        request,
        "intake/releases/notice_report.html",
        {
            "notice": notice,
            "breadcrumbs": _crumbs(
                (str(notice), reverse("releases:notice_detail", args=[notice.pk])),
                (_("Bekymringsrapport"), ""),
            ),
        },
    )


def acknowledge_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """The district's Infohus or PET confirms it has the notice (POST)."""
    perms.require_release_notice_access(request.user)
    notice = perms.get_release_notice_for_user(request.user, pk, for_write=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    acknowledge_release_notice(actor=request.user, notice=notice)
    messages.success(request, _("Løsladelsen er kvitteret."))
    return redirect("releases:notice_detail", notice.pk)
