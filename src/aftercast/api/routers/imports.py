import tempfile
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from aftercast.api.auth import workspace_of
from aftercast.campaigns.selectors import campaign_list
from aftercast.imports.errors import ImportProblem
from aftercast.imports.services import import_observations

router = Router(tags=["imports"])


class RejectionOut(Schema):
    row: int
    column: str
    code: str
    message: str


class ImportOut(Schema):
    import_id: int | None
    dry_run: bool
    options: dict
    rows_read: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    unknown_columns: list[str]
    rejections: list[RejectionOut]
    changes: list[dict]


@router.post("/campaigns/{slug}/imports", response=ImportOut)
def create_import(
    request: HttpRequest,
    slug: str,
    file: File[UploadedFile],
    dry_run: Form[bool] = False,
    market: Form[str] = "",
):
    """Import a CSV/TSV/XLSX/XLS file of metric values, as `aftercast import` does."""
    if not request.membership.can_write:  # type: ignore[attr-defined]
        raise PermissionDenied("read-only member")
    campaign = get_object_or_404(campaign_list(workspace_of(request)), slug=slug)
    suffix = Path(file.name or "upload").suffix
    with tempfile.NamedTemporaryFile(suffix=suffix) as stored:
        for chunk in file.chunks():
            stored.write(chunk)
        stored.flush()
        try:
            report = import_observations(
                campaign=campaign,
                path=Path(stored.name),
                user=request.user,
                market=market or None,
                dry_run=dry_run,
                file_name=file.name or "upload",
            )
        except ImportProblem as problem:
            raise HttpError(422, problem.message) from None
    return report.as_dict()
