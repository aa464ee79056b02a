"""Remove a creator, a learning or a case study, see what was removed, and bring it back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftercast.core import trash
from aftercast.core.permissions import current_workspace, get_visible_or_404, require_write


def _model(kind: str):
    if kind not in trash.KINDS:
        raise Http404("not something that is removed")
    return trash.model_of(kind)


@login_required
@require_POST
def remove(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = get_visible_or_404(_model(kind)._default_manager.all(), request.user, pk=pk)
    require_write(request, obj.workspace_id)
    trash.remove(obj, user=request.user)
    label = trash.removed_item(kind, obj).label
    # The message carries what undoes it: base.html draws an Undo button from these tags.
    messages.success(request, _("“%(label)s” was removed.") % {"label": label},
                     extra_tags=f"undo {kind} {obj.pk}")  # fmt: skip
    return redirect(trash.KINDS[kind][2])


@login_required
@require_POST
def restore(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    workspace = current_workspace(request)
    require_write(request, workspace.pk)
    obj = get_object_or_404(
        _model(kind)._default_manager.all(), pk=pk, workspace=workspace, deleted_at__isnull=False
    )
    trash.restore(obj, user=request.user)
    messages.success(request, _("Restored: it is back where it was, with its history."))
    return redirect(trash.page_of(kind, obj))


def removed_page(request: HttpRequest, kind: str, **lookup) -> HttpResponse:
    """What a link to a removed creator, learning or case study shows a member of its
    workspace: that it was removed, when and by whom, and (for editors) a way back; a 404 for
    anyone else, and for what does not exist."""
    workspace = current_workspace(request)
    obj = (
        _model(kind)
        ._default_manager.filter(workspace=workspace, deleted_at__isnull=False, **lookup)
        .first()
    )
    if obj is None:
        raise Http404("not found")
    context = {"item": trash.removed_item(kind, obj)}
    return render(request, "core/removed_item.html", context, status=404)


@login_required
def removed(request: HttpRequest) -> HttpResponse:
    workspace = current_workspace(request)
    return render(request, "core/removed.html", {"items": trash.recently_removed(workspace)})
