import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from aftercast.core import charts, services, transfer
from aftercast.core.forms import MemberForm, PreferencesForm, posted
from aftercast.core.history import history_of, is_tracked
from aftercast.core.history_words import describe_history, subject_of
from aftercast.core.models import Invitation, Membership, Role
from aftercast.core.permissions import (
    current_membership,
    current_workspace,
    get_visible_or_404,
    require_owner,
)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    language = services.user_set_language(
        user=request.user, language=request.POST.get("language", "")
    )
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie("aftercast_language", language, max_age=365 * 24 * 3600, samesite="Lax")
    return response


@login_required
@require_POST
def switch_workspace(request: HttpRequest) -> HttpResponse:
    try:
        services.user_switch_workspace(
            user=request.user, workspace_id=int(request.POST.get("workspace", 0))
        )
    except (ValueError, Membership.DoesNotExist):
        raise Http404("not a member") from None
    return redirect("home:home")


@login_required
def members(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    if membership is None:
        raise Http404("no workspace")
    form = MemberForm(posted(request))
    if request.method == "POST":
        require_owner(request, membership.workspace_id)
        if form.is_valid():
            try:
                changed = services.membership_add(
                    workspace=membership.workspace, invited_by=request.user, **form.cleaned_data
                )
                words = {"username": form.cleaned_data["username"]}
                if changed:  # a member listed on this page: their new role is no secret
                    messages.success(request, _("“%(username)s” is already a member: their role "
                                                "is changed.") % words)  # fmt: skip
                else:
                    messages.success(request, _(
                        "Saved: “%(username)s” joins the workspace as soon as someone logs in "
                        "with that username."
                    ) % words)  # fmt: skip
                return redirect("core:members")
            except ValidationError as error:
                form.add_error("username", error)
    people = membership.workspace.memberships.select_related("user").order_by("user__username")
    context = {"form": form, "people": people, "roles": Role.choices,
               "is_owner": membership.can_manage,
               "invitations": membership.workspace.invitations.all()}  # fmt: skip
    return render(request, "core/members.html", context)


@login_required
@require_POST
def workspace_export(request: HttpRequest) -> FileResponse:
    """Everything the workspace holds, as one archive another Aftercast imports (owners only:
    it is all of the team's data)."""
    workspace = current_workspace(request)
    require_owner(request, workspace.pk)
    scratch = Path(tempfile.mkdtemp(prefix="aftercast-export-"))
    archive = scratch / "workspace.tar.gz"
    try:
        transfer.export_workspace(workspace, archive)
        handle = archive.open("rb")
    finally:  # the open file is read to its end after its name is gone
        archive.unlink(missing_ok=True)
        scratch.rmdir()
    name = f"aftercast-{workspace.slug}-{timezone.localdate().isoformat()}.tar.gz"
    return FileResponse(handle, as_attachment=True, filename=name)


@login_required
@require_POST
def invitation_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    workspace = current_workspace(request)
    require_owner(request, workspace.pk)
    get_object_or_404(Invitation, pk=pk, workspace=workspace).delete()
    messages.success(request, _("Invitation withdrawn."))
    return redirect("core:members")


@login_required
@require_POST
def member_update(request: HttpRequest, membership_id: int) -> HttpResponse:
    workspace = current_workspace(request)
    target = get_object_or_404(Membership, pk=membership_id, workspace=workspace)
    require_owner(request, workspace.pk)
    try:
        if request.POST.get("remove"):
            services.membership_remove(membership=target)
            messages.success(request, _("%(user)s is no longer a member; their API tokens for "
                                        "this workspace are revoked.")
                             % {"user": target.user.get_username()})  # fmt: skip
        else:
            services.membership_change_role(membership=target, role=request.POST.get("role", ""))
            messages.success(request, _("Role changed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("core:members")


@login_required
def history(request: HttpRequest, content_type_id: int, object_id: int) -> HttpResponse:
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    if model is None or not is_tracked(model):
        raise Http404("not tracked")
    obj = get_visible_or_404(model._default_manager.all(), request.user, pk=object_id)
    records = describe_history(history_of(obj))
    # The page is reached from the object's own page or form: "Back" returns there.
    back = request.META.get("HTTP_REFERER", "")
    safe = url_has_allowed_host_and_scheme(
        back, {request.get_host()}, require_https=request.is_secure()
    )
    if not safe or urlsplit(back).path == request.path:  # e.g. after switching language here
        back = ""
    return render(
        request,
        "core/history.html",
        {"subject": subject_of(obj, model), "records": records, "back_url": back},
    )


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    owner = bool(membership and membership.can_manage)
    profile = services.profile_of(request.user)
    initial = {
        "timezone": profile.timezone,
        "workspace_timezone": membership.workspace.timezone if membership else "UTC",
    }
    form = PreferencesForm(posted(request), owner=owner, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.user_set_time_zone(user=request.user, zone=form.cleaned_data["timezone"])
        if owner and membership is not None:
            require_owner(request, membership.workspace_id)
            services.workspace_set_time_zone(
                workspace=membership.workspace, zone=form.cleaned_data["workspace_timezone"]
            )
        messages.success(request, _("Saved."))
        return redirect("core:preferences")
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Preferences"), "cancel_url": reverse("home:home")},
    )


@cache_control(public=True, max_age=365 * 24 * 3600, immutable=True)
def charts_script(request: HttpRequest) -> FileResponse:
    """The chart library, built offline; its URL carries the version so a new one is fetched."""
    if request.GET.get("v") != charts.version():
        # An address of another version (a page from before an upgrade) is not this file:
        # cached for a year under it, it would stay wrong.
        raise Http404("another version of the chart library")
    return FileResponse(
        charts.script_path().open("rb"), content_type="text/javascript; charset=utf-8"
    )
