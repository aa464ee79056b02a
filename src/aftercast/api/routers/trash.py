"""Removing a campaign, a creator, a learning or a case study, and bringing it back: the same
soft removal as the web UI's Remove and "Recently removed" (core/trash.py)."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from aftercast.api.auth import workspace_of, writer_workspace
from aftercast.api.schemas import REFUSED
from aftercast.core import trash
from aftercast.core.permissions import in_workspace

router = Router(tags=["removed"])


def _removed_out(item: trash.Removed) -> dict:
    return {
        "kind": item.kind,
        "id": item.obj.pk,
        "label": item.label,
        "removed_at": item.removed_at.isoformat(),
        "removed_by": item.by,
    }


def remove_from(request: HttpRequest, kind: str, **lookup):
    """The DELETE of each removable resource (in its own router, beside its GET)."""
    workspace = writer_workspace(request)
    obj = get_object_or_404(in_workspace(trash.model_of(kind)._default_manager.all(), workspace),
                            **lookup)  # fmt: skip
    trash.remove(obj, user=request.user)
    return Status(204, None)


@router.delete("/case-studies/{pk}", response={204: None, **REFUSED})
def remove_case_study(request: HttpRequest, pk: int):
    return remove_from(request, "case-study", pk=pk)


@router.get("/removed", response=list[dict])
def removed(request: HttpRequest):
    """What was removed in the last 90 days, newest first."""
    return [_removed_out(item) for item in trash.recently_removed(workspace_of(request))]


@router.post("/removed/{kind}/{pk}/restore", response={200: dict, **REFUSED})
def restore(request: HttpRequest, kind: str, pk: int):
    workspace = writer_workspace(request)
    if kind not in trash.KINDS:
        raise Http404(kind)
    obj = get_object_or_404(trash.model_of(kind)._default_manager.all(), pk=pk,
                            workspace=workspace, deleted_at__isnull=False)  # fmt: skip
    trash.restore(obj, user=request.user)
    return {"kind": kind, "id": obj.pk, "restored": True}
