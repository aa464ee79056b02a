"""Imports uploaded in the web UI run in the background worker (`aftercast worker`)."""

from contextlib import suppress
from pathlib import Path

from django.utils import translation
from django_tasks import task

from aftercast.imports.errors import ImportProblem
from aftercast.imports.models import ImportRun
from aftercast.imports.progress import count_rows, set_progress
from aftercast.imports.readers import ReadOptions
from aftercast.imports.services import import_file, import_refused


@task()
def run_import(run_id: int, language: str = "en") -> None:
    run = ImportRun.objects.select_related("campaign", "user").get(pk=run_id)
    path = Path(run.stored_file.path)
    options = ReadOptions(**run.options)
    with translation.override(language):
        try:
            total = count_rows(path, options)
        except ImportProblem as problem:  # past the part read at upload, the file breaks
            import_refused(run=run, problem=problem)
            return
        set_progress(run.pk, 0, total)
        with suppress(ImportProblem):  # the run records the reason; its page shows it
            import_file(
                path=path,
                campaign=run.campaign,
                options=options,
                run=run,
                progress=lambda done: set_progress(run.pk, done, total),
            )
