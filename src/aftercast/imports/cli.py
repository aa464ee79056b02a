"""What the `import` and `import_fx` commands share: the options every kind takes, the report
in words (the same words as the import page) or as JSON, and errors as JSON under --json."""

import json
import os
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from aftercast.imports.errors import ImportProblem
from aftercast.imports.readers import ReadOptions, detect, with_overrides
from aftercast.imports.report import ImportReport


def add_common_arguments(parser) -> None:
    parser.add_argument("path")
    parser.add_argument("--dry-run", action="store_true", help="report, change nothing")
    parser.add_argument("--encoding", help="override the detected encoding, e.g. cp1251")
    parser.add_argument("--delimiter", help="override the detected delimiter, e.g. ';'")
    parser.add_argument("--decimal", choices=[",", "."], help="override the decimal mark")
    parser.add_argument("--date-format", help="override the date format, e.g. %%d.%%m.%%Y")
    parser.add_argument("--json", action="store_true", help="print the report (or error) as JSON")
    parser.add_argument(
        "--language", choices=["en", "ru"], help="language of the report (default: from LANG)"
    )


def language_of(given: str | None) -> str:
    """The reader's language: --language, else the terminal's LANG/LC_ALL, else English."""
    if given:
        return given
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(name, "").lower().startswith("ru"):
            return "ru"
    return "en"


def refuse(command, code: str, as_json: bool, **params) -> CommandError:
    """Say why nothing was imported; under --json as {"error": {...}} on stdout."""
    problem = ImportProblem(code, **params)
    if as_json:
        command.stdout.write(json.dumps({"error": problem.as_dict()}, ensure_ascii=False))
    return CommandError(problem.message, returncode=2)


def reading(file: Path, given: dict) -> ReadOptions:
    """Return the detected way to read the file, with what the user said on top."""
    names = ("encoding", "delimiter", "decimal", "date_format")
    return with_overrides(detect(file), **{name: given.get(name) for name in names})


def run_and_print(command, load, file: Path, options: dict) -> None:
    """Run an import (`load(reading)`) and print its report, or its refusal, as asked."""
    as_json = options["json"]
    with translation.override(language_of(options.get("language"))):
        if not file.is_file():
            raise refuse(command, "no_file", as_json, path=str(file))
        try:
            report = load(reading(file, options))
        except ImportProblem as problem:
            if as_json:
                command.stdout.write(json.dumps({"error": problem.as_dict()}, ensure_ascii=False))
            raise CommandError(problem.message, returncode=2) from None
        if as_json:
            data = {"file": file.name, **report.as_dict()}
            command.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        else:
            command.stdout.write("\n".join(report_lines(report)))


def report_lines(report: ImportReport) -> list[str]:
    options = report.options
    lines = [
        _(
            "Read {rows} rows ({encoding}, delimiter “{delimiter}”, decimal “{decimal}”, "
            "dates {date})."
        ).format(
            rows=report.rows_read,
            encoding=options.encoding if options.kind == "csv" else options.kind.upper(),
            delimiter=options.delimiter,
            decimal=options.decimal,
            date=options.date_format,
        ),
        _(
            "Rows: imported whole {whole}, imported in part {partial}, rejected {rejected}, "
            "skipped {skipped}."
        ).format(
            whole=report.rows_whole,
            partial=report.rows_partial,
            rejected=report.rows_rejected,
            skipped=report.rows_skipped,
        ),
        _(
            "Values: created {created}, updated {updated}, unchanged {unchanged}, "
            "refused {refused}."
        ).format(
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            refused=report.cells_refused,
        ),
    ]
    if report.posts_created:
        lines.append(_("Posts created: {count}.").format(count=report.posts_created))
    if report.dry_run:
        lines.append(_("Dry run: nothing was changed."))
    if report.columns and report.columns.unknown:
        lines.append(
            _("Columns not imported: {columns}.").format(columns=", ".join(report.columns.unknown))
        )
    for change in report.changes:
        lines.append(_("Row {row} ({column}, {date}): {before} → {after}").format(**vars(change)))
    for row in report.problem_rows:
        for problem in row.problems:
            lines.append(
                _("Row {row}{column}: {message}").format(
                    row=row.row,
                    column=f" ({problem.column})" if problem.column else "",
                    message=problem.message,
                )
            )
    return lines


def workspace_of(slug: str):
    """The workspace a command names; without a name, the only one there is, else a
    CommandError asking which."""
    from aftercast.core.models import Workspace

    if slug:
        found = Workspace.objects.filter(slug=slug).first()
        if found is None:
            raise CommandError(_("No workspace “%(slug)s”.") % {"slug": slug})
        return found
    every = list(Workspace.objects.all()[:2])
    if len(every) != 1:
        raise CommandError(_("Say which workspace: --workspace SLUG."))
    return every[0]


def campaign_of(workspace_slug: str, campaign_slug: str):
    """The campaign a command names, or a CommandError saying which part is unknown."""
    from aftercast.campaigns.models import Campaign

    workspace = workspace_of(workspace_slug)
    campaign = Campaign.objects.filter(workspace=workspace, slug=campaign_slug).first()
    if campaign is None:
        raise CommandError(_("No campaign “%(slug)s”.") % {"slug": campaign_slug})
    return campaign
