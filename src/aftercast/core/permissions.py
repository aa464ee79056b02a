"""The one place that decides who may see and change what.

Every tenant object is fetched through these helpers: an object of a workspace the user is not a
member of answers 404 (not 403), so URLs do not reveal what exists elsewhere.
"""

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from aftercast.core.models import Membership, UserProfile, Workspace

M = TypeVar("M", bound=Model)


def memberships_of(user) -> QuerySet[Membership]:
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user_id=user.pk).select_related("workspace")


def current_membership(request: HttpRequest) -> Membership | None:
    """Return the membership of the workspace the user works in now (cached on the request)."""
    if hasattr(request, "_membership"):
        return request._membership  # type: ignore[attr-defined]
    memberships = list(memberships_of(request.user).order_by("workspace__name"))
    chosen = None
    if memberships:
        profile = UserProfile.objects.filter(user_id=memberships[0].user_id).first()
        wanted = profile.current_workspace_id if profile else None
        chosen = next((m for m in memberships if m.workspace_id == wanted), memberships[0])
    request._membership = chosen  # type: ignore[attr-defined]
    return chosen


def current_workspace(request: HttpRequest) -> Workspace:
    """Return the current workspace, or 404 for a user who belongs to none."""
    membership = current_membership(request)
    if membership is None:
        raise Http404("no workspace")
    return membership.workspace


def require_write(request: HttpRequest, workspace_id: int) -> Membership:
    """Return the user's membership in the workspace, or refuse unless they may edit."""
    membership = memberships_of(request.user).filter(workspace_id=workspace_id).first()
    if membership is None:
        raise Http404("not a member")
    if not membership.can_write:
        raise PermissionDenied("read-only member")
    return membership


def require_owner(request: HttpRequest, workspace_id: int) -> Membership:
    membership = require_write(request, workspace_id)
    if not membership.can_manage:
        raise PermissionDenied("not an owner")
    return membership


def live(queryset: QuerySet[M]) -> QuerySet[M]:
    """Leave out soft-deleted objects."""
    if "deleted_at" in {field.name for field in queryset.model._meta.fields}:
        queryset = queryset.filter(deleted_at__isnull=True)
    return queryset


def visible(queryset: QuerySet[M], user) -> QuerySet[M]:
    """Restrict a tenant queryset to the user's workspaces and to objects not deleted."""
    return live(queryset.filter(workspace_id__in=memberships_of(user).values("workspace_id")))


def in_workspace(queryset: QuerySet[M], workspace: Workspace) -> QuerySet[M]:
    """Restrict a tenant queryset to one workspace, live objects only."""
    return live(queryset.filter(workspace=workspace))


def get_visible_or_404(queryset: QuerySet[M], user, **lookup) -> M:
    try:
        return visible(queryset, user).get(**lookup)
    except queryset.model.DoesNotExist:  # type: ignore[attr-defined]
        raise Http404("not found") from None
