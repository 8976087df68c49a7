"""User administration for system administrators: staff accounts and their memberships.

Every URL here is a 404 for anyone but a system administrator, before anything
else is looked at (also the method: a POST from someone else is a 404, not a 405
that gives the URL away). Each change goes through one function in actions.py,
which writes its audit entry. The pages show staff account data only, never
case data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from infohus.accounts.adapters import STRONG_TYPES
from infohus.accounts.models import User
from infohus.organisations import actions
from infohus.organisations import permissions as org_perms
from infohus.organisations.forms import (
    CHOOSE_ORGANISATION,
    AddMembershipForm,
    CreateUserForm,
    ReasonForm,
    UpdateUserForm,
    UserFilterForm,
)
from infohus.organisations.models import Membership, Organisation
from infohus.organisations.views import ALLOWED_GET, breadcrumbs, paginate

USERS_PER_PAGE = 50


def _users_crumb() -> tuple[Any, str]:
    return (_("Brugere"), reverse("organisations:user_list"))


def _user_crumb(user: User) -> tuple[Any, str]:
    return (user.username, reverse("organisations:user_detail", args=[user.pk]))


def _membership_form_step(request: HttpRequest) -> bool:
    """Whether this POST only chose an organisation (show its units; change nothing)."""
    return request.method == "POST" and CHOOSE_ORGANISATION in request.POST


def _organisations(request: HttpRequest) -> QuerySet[Organisation]:
    return org_perms.organisations_visible_to(request.user)


def _membership_form_kwargs(request: HttpRequest) -> dict[str, Any]:
    return {"organisations": _organisations(request), "refresh_url": request.path}


def user_list(request: HttpRequest) -> HttpResponse:
    """Staff accounts, searchable by username or name and filtered by organisation and role."""
    org_perms.require_user_admin(request.user)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    form = UserFilterForm(request.GET, organisations=_organisations(request))
    users = org_perms.users_visible_to(request.user).order_by("username")
    users = form.filter(users) if form.is_valid() else users.none()
    users = users.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(is_active=True)
            .select_related("unit__organisation")
            .order_by("id"),
            to_attr="active_memberships",
        )
    )
    pagination = paginate(request, users, per_page=USERS_PER_PAGE)
    return render(
        request,
        "organisations/user_list.html",
        {
            "form": form,
            **pagination,
            "breadcrumbs": breadcrumbs((_("Brugere"), "")),
        },
    )


def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One staff account: memberships (active and ended), MFA, lock and login state."""
    org_perms.require_user_admin(request.user, object_id=str(pk))
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    user = org_perms.get_user_for_user(request.user, pk)
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("unit__organisation")
        .order_by("-is_active", "-created_at")
    )
    has_mfa = Authenticator.objects.filter(user=user, type__in=STRONG_TYPES).exists()
    return render(
        request,
        "organisations/user_detail.html",
        {
            "subject": user,
            "memberships": memberships,
            "has_mfa": has_mfa,
            "has_password": user.has_usable_password(),
            "is_locked": user.is_locked(),
            "is_self": user.pk == request.user.pk,
            "password_reset_url": request.build_absolute_uri(reverse("account_reset_password")),
            "breadcrumbs": breadcrumbs(_users_crumb(), (user.username, "")),
        },
    )


def create_user(request: HttpRequest) -> HttpResponse:
    """A new staff account with its first membership and no password: the user chooses one
    through the password-reset link (so no password ever passes through an administrator)."""
    org_perms.require_user_admin(request.user)
    form_kwargs = _membership_form_kwargs(request)
    if _membership_form_step(request):
        form = CreateUserForm(initial=request.POST.dict(), **form_kwargs)
    elif request.method == "POST":
        form = CreateUserForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                user = actions.create_user(
                    actor=request.user,
                    username=form.cleaned_data["username"],
                    full_name=form.cleaned_data["full_name"],
                    email=form.cleaned_data["email"],
                    unit=form.cleaned_data["unit"],
                    role=form.cleaned_data["role"],
                )
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(
                    request,
                    _(
                        "Brugeren %(username)s er oprettet uden adgangskode. Bed brugeren gå "
                        "til %(url)s og bestille et link til at vælge adgangskode; linket "
                        "sendes til %(email)s. Ved første login skal brugeren også sætte "
                        "totrinsbekræftelse op."
                    )
                    % {
                        "username": user.username,
                        "url": request.build_absolute_uri(reverse("account_reset_password")),
                        "email": user.email,
                    },
                )
                return redirect("organisations:user_detail", user.pk)
    else:
        form = CreateUserForm(**form_kwargs)
    return render(
        request,
        "organisations/create_user.html",
        {
            "form": form,
            "breadcrumbs": breadcrumbs(_users_crumb(), (_("Opret bruger"), "")),
        },
    )


def update_user(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an account's name and e-mail address."""
    org_perms.require_user_admin(request.user, object_id=str(pk))
    user = org_perms.get_user_for_user(request.user, pk, for_write=True)
    if request.method == "POST":
        form = UpdateUserForm(request.POST)
        if form.is_valid():
            actions.update_user(
                actor=request.user,
                user=user,
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
            )
            messages.success(request, _("Brugerens oplysninger er gemt."))
            return redirect("organisations:user_detail", user.pk)
    else:
        form = UpdateUserForm(initial={"full_name": user.full_name, "email": user.email})
    return render(
        request,
        "organisations/update_user.html",
        {
            "form": form,
            "subject": user,
            "breadcrumbs": breadcrumbs(
                _users_crumb(), _user_crumb(user), (_("Ret oplysninger"), "")
            ),
        },
    )


def add_membership(request: HttpRequest, pk: int) -> HttpResponse:
    """Give a user another role in a unit."""
    org_perms.require_user_admin(request.user, object_id=str(pk))
    user = org_perms.get_user_for_user(request.user, pk, for_write=True)
    form_kwargs = _membership_form_kwargs(request)
    if _membership_form_step(request):
        form = AddMembershipForm(initial=request.POST.dict(), **form_kwargs)
    elif request.method == "POST":
        form = AddMembershipForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                membership = actions.add_membership(
                    actor=request.user,
                    user=user,
                    unit=form.cleaned_data["unit"],
                    role=form.cleaned_data["role"],
                )
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(
                    request,
                    _("%(user)s har fået rollen %(membership)s.")
                    % {"user": user.username, "membership": membership},
                )
                return redirect("organisations:user_detail", user.pk)
    else:
        form = AddMembershipForm(**form_kwargs)
    return render(
        request,
        "organisations/add_membership.html",
        {
            "form": form,
            "subject": user,
            "breadcrumbs": breadcrumbs(_users_crumb(), _user_crumb(user), (_("Tilføj rolle"), "")),
        },
    )


def end_membership(request: HttpRequest, pk: int) -> HttpResponse:
    """End one of a user's memberships, with a reason (kept in the audit trail)."""
    org_perms.require_user_admin(request.user)
    membership = org_perms.get_membership_for_user(request.user, pk, for_write=True)
    user = membership.user
    if not membership.is_active:
        messages.info(request, _("Medlemskabet er allerede afsluttet."))
        return redirect("organisations:user_detail", user.pk)
    form, done = _submit_reason(
        request,
        lambda reason: actions.end_membership(
            actor=request.user, membership=membership, reason=reason
        ),
        success=_("Rollen %(membership)s er afsluttet for %(user)s.")
        % {"membership": membership, "user": user.username},
    )
    if done:
        return redirect("organisations:user_detail", user.pk)
    return _render_reason_form(
        request,
        form,
        subject=user,
        title=_("Afslut rolle"),
        lead=_("%(user)s mister rollen %(membership)s fra sin næste handling.")
        % {"user": user.display_name(), "membership": membership},
        submit=_("Afslut rolle"),
        action_url=reverse("organisations:end_membership", args=[membership.pk]),
    )


def deactivate_user(request: HttpRequest, pk: int) -> HttpResponse:
    """Block an account from logging in and end its sessions, with a reason."""
    org_perms.require_user_admin(request.user, object_id=str(pk))
    user = org_perms.get_user_for_user(request.user, pk, for_write=True)
    if not user.is_active:
        messages.info(request, _("Brugeren er allerede deaktiveret."))
        return redirect("organisations:user_detail", user.pk)
    form, done = _submit_reason(
        request,
        lambda reason: actions.deactivate_user(actor=request.user, user=user, reason=reason),
        success=_("%(user)s er deaktiveret og logget ud.") % {"user": user.username},
    )
    if done:
        return redirect("organisations:user_detail", user.pk)
    return _render_reason_form(
        request,
        form,
        subject=user,
        title=_("Deaktiver bruger"),
        lead=_(
            "%(user)s kan ikke logge ind, og alle brugerens sessioner afsluttes. "
            "Kontoen og dens historik slettes ikke."
        )
        % {"user": user.display_name()},
        submit=_("Deaktiver bruger"),
        action_url=reverse("organisations:deactivate_user", args=[user.pk]),
    )


def reactivate_user(request: HttpRequest, pk: int) -> HttpResponse:
    """Let a deactivated account log in again, with a reason."""
    org_perms.require_user_admin(request.user, object_id=str(pk))
    user = org_perms.get_user_for_user(request.user, pk, for_write=True)
    if user.is_active:
        messages.info(request, _("Brugeren er allerede aktiv."))
        return redirect("organisations:user_detail", user.pk)
    form, done = _submit_reason(
        request,
        lambda reason: actions.reactivate_user(actor=request.user, user=user, reason=reason),
        success=_("%(user)s er genaktiveret.") % {"user": user.username},
    )
    if done:
        return redirect("organisations:user_detail", user.pk)
    return _render_reason_form(
        request,
        form,
        subject=user,
        title=_("Genaktiver bruger"),
        lead=_("%(user)s kan logge ind igen med de roller, brugeren har nu.")
        % {"user": user.display_name()},
        submit=_("Genaktiver bruger"),
        action_url=reverse("organisations:reactivate_user", args=[user.pk]),
    )


def reset_mfa(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a user's second factors (lost phone), with a reason."""
    org_perms.require_user_admin(request.user, object_id=str(pk))
    user = org_perms.get_user_for_user(request.user, pk, for_write=True)
    form, done = _submit_reason(
        request,
        lambda reason: actions.reset_mfa(actor=request.user, user=user, reason=reason),
        success=_(
            "Totrinsbekræftelsen for %(user)s er nulstillet. Brugeren skal sætte den "
            "op igen ved næste login."
        )
        % {"user": user.username},
    )
    if done:
        return redirect("organisations:user_detail", user.pk)
    return _render_reason_form(
        request,
        form,
        subject=user,
        title=_("Nulstil totrinsbekræftelse"),
        lead=_(
            "Alle %(user)s' godkendelsesmetoder (app, sikkerhedsnøgle, gendannelseskoder) "
            "fjernes. Gør det kun, når du er sikker på, at henvendelsen kommer fra brugeren."
        )
        % {"user": user.display_name()},
        submit=_("Nulstil totrinsbekræftelse"),
        action_url=reverse("organisations:reset_mfa", args=[user.pk]),
    )


def unlock_user(request: HttpRequest, pk: int) -> HttpResponse:
    """Lift a lockout after failed logins before it expires (POST only)."""
    org_perms.require_user_admin(request.user, object_id=str(pk))
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    user = org_perms.get_user_for_user(request.user, pk, for_write=True)
    if not user.is_locked():
        messages.info(request, _("Kontoen er ikke spærret."))
        return redirect("organisations:user_detail", user.pk)
    actions.unlock_user(actor=request.user, user=user)
    messages.success(request, _("Spærringen af %(user)s er ophævet.") % {"user": user.username})
    return redirect("organisations:user_detail", user.pk)


def _submit_reason(
    request: HttpRequest, perform: Callable[[str], object], *, success: str
) -> tuple[ReasonForm, bool]:
    """The shared step of every with-a-reason operation: on a valid POST run the one
    action with the reason given and say so; an action's refusal lands on the form."""
    if request.method != "POST":
        return ReasonForm(), False
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return form, False
    try:
        perform(form.cleaned_data["reason"])
    except ValidationError as error:
        form.add_action_error(error)
        return form, False
    messages.success(request, success)
    return form, True


def _render_reason_form(
    request: HttpRequest,
    form: ReasonForm,
    *,
    subject: User,
    title: str,
    lead: str,
    submit: str,
    action_url: str,
) -> HttpResponse:
    return render(
        request,
        "organisations/reason_form.html",
        {
            "form": form,
            "subject": subject,
            "title": title,
            "lead": lead,
            "submit": submit,
            "action_url": action_url,
            "breadcrumbs": breadcrumbs(_users_crumb(), _user_crumb(subject), (title, "")),
        },
    )
