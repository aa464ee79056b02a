from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftercast.campaigns.models import Campaign
from aftercast.core.forms import posted
from aftercast.core.permissions import current_workspace, get_visible_or_404, require_write
from aftercast.imports import selectors
from aftercast.imports.downloads import rejected_rows_csv
from aftercast.imports.errors import ImportProblem
from aftercast.imports.forms import ReadingForm, UploadForm, target_choices
from aftercast.imports.models import ImportRun, ImportStatus
from aftercast.imports.progress import get_progress
from aftercast.imports.readers import detect
from aftercast.imports.services import (
    import_rollback,
    mapping_remember,
    purge_unconfirmed,
    saved_mapping_for,
)
from aftercast.imports.tasks import run_import
from aftercast.imports.workers import worker_seen_recently


def _campaign(request: HttpRequest, slug: str) -> Campaign:
    return get_visible_or_404(
        Campaign.objects.filter(workspace=current_workspace(request)), request.user, slug=slug
    )


@login_required
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug)
    form = UploadForm(posted(request), request.FILES or None, campaign=campaign)
    if request.method == "POST":
        require_write(request, campaign.workspace_id)
        if form.is_valid():
            run = _stored_run(request, campaign, form.cleaned_data["file"], form)
            if run is not None:
                return redirect("imports:preview", pk=run.pk)
    runs = ImportRun.objects.filter(campaign=campaign).select_related("user")[:20]
    return render(
        request, "imports/upload.html", {"campaign": campaign, "form": form, "runs": runs}
    )


def _stored_run(request, campaign, upload: UploadedFile, form) -> ImportRun | None:
    purge_unconfirmed()
    run = ImportRun(
        workspace=campaign.workspace,
        user=request.user,
        campaign=campaign,
        file_name=(upload.name or "upload")[:300],
        market=form.cleaned_data["market"],
        creator=form.cleaned_data["creator"],
    )
    run.stored_file.save(upload.name or "upload", upload, save=False)
    try:
        run.options = detect(Path(run.stored_file.path)).as_dict()
        saved = saved_mapping_for(run)
    except ImportProblem as problem:
        run.stored_file.delete(save=False)
        form.add_error("file", problem.message)
        return None
    if saved is not None:
        run.options.update(saved.options)
        run.overrides, run.mapping_name = saved.columns, saved.name
    run.save()
    return run


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_visible_or_404(ImportRun.objects.select_related("campaign"), request.user, pk=pk)
    if run.kind:  # confirmed already: a second confirm (double click, back button) is refused
        return redirect("imports:status", pk=run.pk)
    reading = ReadingForm(
        posted(request), initial={**run.options, "creator": run.creator}, campaign=run.campaign
    )
    if request.method == "POST":
        require_write(request, run.workspace_id)
        if reading.is_valid():
            _apply_choices(run, reading.cleaned_data, request.POST)
            if "confirm" in request.POST:
                run.kind = selectors.preview(run)["kind"]
                run.status = ImportStatus.PENDING
                run.save()
                if reading.cleaned_data["remember"]:
                    mapping_remember(run=run)
                run_import.enqueue(run.pk, (get_language() or "en")[:2])
                return redirect("imports:status", pk=run.pk)
            run.save()  # "apply" shows the preview again with the new choices
    shown = selectors.preview(run)
    context = {"run": run, "reading": reading, "targets": target_choices(shown["kind"]), **shown}
    return render(request, "imports/preview.html", context)


def _apply_choices(run: ImportRun, reading: dict, post) -> None:
    run.creator = reading["creator"]
    decimal = reading["decimal"]
    run.options.update(
        encoding=reading["encoding"],
        delimiter=reading["delimiter"],
        decimal=decimal,
        thousands=" " if decimal == "," else ",",
        date_format=reading["date_format"],
    )
    run.dry_run = reading["dry_run"]
    run.overrides = {
        key[len("column:") :]: value
        for key, value in post.items()
        if key.startswith("column:") and value
    }


@login_required
def status(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_visible_or_404(ImportRun.objects.select_related("campaign"), request.user, pk=pk)
    if run.awaiting_confirmation:  # read but never confirmed: its page is the preview
        return redirect("imports:preview", pk=run.pk)
    done, total = get_progress(run.pk) or (run.rows_done, run.rows_total)
    context = {
        "run": run,
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else 0,
        "finished": run.finished,
        "no_worker": run.status == ImportStatus.PENDING and not worker_seen_recently(),
        "problems": selectors.problem_rows(run, request.GET.get("problems")),
        "changes": selectors.changed_values(run, request.GET.get("changes")),
    }
    template = "imports/_progress.html" if request.htmx else "imports/status.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
def rejected_rows(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_visible_or_404(ImportRun.objects.all(), request.user, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"{Path(run.file_name).stem[:80] or 'import'}-rejected-{run.pk}.csv"
    response["Content-Disposition"] = content_disposition_header(True, name)
    rejected_rows_csv(run, response)
    return response


@login_required
@require_POST
def rollback(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_visible_or_404(ImportRun.objects.all(), request.user, pk=pk)
    require_write(request, run.workspace_id)
    if run.status == ImportStatus.DONE and not run.dry_run:
        try:
            import_rollback(run=run)
        except ImportProblem as problem:
            messages.error(request, problem.message)
        else:
            messages.success(request, _("The import was rolled back."))
    return redirect("imports:status", pk=run.pk)
