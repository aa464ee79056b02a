"""Imports through the API: the same pipeline, options and report as `aftercast import`."""

import tempfile
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from aftercast.api.auth import workspace_of
from aftercast.campaigns.selectors import campaign_list
from aftercast.imports.models import ImportKind
from aftercast.imports.readers import detect, with_overrides
from aftercast.imports.services import currency_pair, import_file

router = Router(tags=["imports"])


class RowsOut(Schema):
    read: int
    imported_whole: int
    imported_in_part: int
    rejected: int
    skipped: int


class ValuesOut(Schema):
    created: int
    updated: int
    unchanged: int
    refused: int


class RejectionOut(Schema):
    row: int
    rejected: bool
    column: str
    code: str
    message: str


class ImportOut(Schema):
    import_id: int | None
    kind: str
    dry_run: bool
    options: dict
    rows: RowsOut
    values: ValuesOut
    posts_created: int
    unknown_columns: list[str]
    rejections: list[RejectionOut]
    changes: list[dict]


class ErrorOut(Schema):
    error: dict


def _writer(request: HttpRequest) -> None:
    if not request.membership.can_write:  # type: ignore[attr-defined]
        raise PermissionDenied("read-only member")


def _imported(file: UploadedFile, overrides: dict, **arguments) -> dict:
    """Store the upload in a temporary file and import it; refusals become 400 (see api.py)."""
    with tempfile.NamedTemporaryFile(suffix=Path(file.name or "upload").suffix[:10]) as stored:
        for chunk in file.chunks():
            stored.write(chunk)
        stored.flush()
        path = Path(stored.name)
        reading = with_overrides(detect(path), **overrides)
        report = import_file(
            path=path, options=reading, file_name=file.name or "upload", **arguments
        )
    return report.as_dict()


@router.post("/campaigns/{slug}/imports", response={200: ImportOut, 400: ErrorOut})
def create_import(
    request: HttpRequest,
    slug: str,
    file: File[UploadedFile],
    dry_run: Form[bool] = False,
    market: Form[str] = "",
    creator: Form[str] = "",
    kind: Form[str] = "auto",
    encoding: Form[str] = "",
    delimiter: Form[str] = "",
    decimal: Form[str] = "",
    date_format: Form[str] = "",
):
    """Import metric values, comments or journeys (told by the columns, or `kind`) into a
    campaign, as `aftercast import` does; `creator` says whose export a file is when it never
    names the account. A refused file answers 400 with `{"error": {"code", "message"}}`."""
    _writer(request)
    campaign = get_object_or_404(campaign_list(workspace_of(request)), slug=slug)
    kinds = {ImportKind.OBSERVATIONS, ImportKind.COMMENTS, ImportKind.JOURNEYS}
    return _imported(
        file,
        dict(encoding=encoding, delimiter=delimiter, decimal=decimal, date_format=date_format),
        campaign=campaign,
        user=request.user,
        kind=kind if kind in kinds else "",
        market=market.upper() or None,
        creator=creator or None,
        dry_run=dry_run,
    )


@router.post("/fx-rates/imports", response={200: ImportOut, 400: ErrorOut})
def create_fx_import(
    request: HttpRequest,
    file: File[UploadedFile],
    base: Form[str],
    quote: Form[str],
    dry_run: Form[bool] = False,
    encoding: Form[str] = "",
    delimiter: Form[str] = "",
    decimal: Form[str] = "",
    date_format: Form[str] = "",
):
    """Import dated exchange rates (how many `quote` one `base` bought), as `aftercast
    import_fx` does."""
    _writer(request)
    return _imported(
        file,
        dict(encoding=encoding, delimiter=delimiter, decimal=decimal, date_format=date_format),
        workspace_id=workspace_of(request).pk,
        user=request.user,
        kind=ImportKind.FX_RATES,
        fx_pair=currency_pair(base, quote),
        dry_run=dry_run,
    )
