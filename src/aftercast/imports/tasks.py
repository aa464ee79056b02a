"""Imports run in the background worker (`aftercast db_worker`), reporting their progress."""

from pathlib import Path

from django.utils import translation
from django_tasks import task

from aftercast.imports.audience import import_comments, import_journeys
from aftercast.imports.errors import ImportProblem
from aftercast.imports.models import ImportKind, ImportRun, ImportStatus
from aftercast.imports.progress import count_rows, set_progress
from aftercast.imports.readers import ReadOptions
from aftercast.imports.services import import_observations


@task()
def run_import(run_id: int, language: str = "en") -> None:
    run = ImportRun.objects.select_related("campaign", "user").get(pk=run_id)
    assert run.campaign is not None, "observation imports always belong to a campaign"
    path = Path(run.stored_file.path)
    options = ReadOptions(**run.options)
    total = count_rows(path, options)
    set_progress(run.pk, 0, total)
    with translation.override(language):
        if run.kind in (ImportKind.COMMENTS, ImportKind.JOURNEYS):
            _import_audience(run, path)
            set_progress(run.pk, total, total)
            return
        try:
            import_observations(
                campaign=run.campaign,
                path=path,
                user=run.user,
                options=options,
                overrides=run.report.get("overrides"),
                dry_run=run.dry_run,
                market=run.report.get("market") or None,
                run=run,
                progress=lambda done: set_progress(run.pk, done, total),
            )
        except ImportProblem as problem:
            ImportRun.objects.filter(pk=run.pk).update(
                status=ImportStatus.FAILED, report={**run.report, "error": problem.message}
            )
            return
    set_progress(run.pk, total, total)


def _import_audience(run: ImportRun, path: Path) -> None:
    load = import_comments if run.kind == ImportKind.COMMENTS else import_journeys
    assert run.campaign is not None
    try:
        load(campaign=run.campaign, path=path, market=run.report.get("market") or None, run=run)
    except ImportProblem as problem:
        run.status, run.report["error"] = ImportStatus.FAILED, problem.message
        run.save()
