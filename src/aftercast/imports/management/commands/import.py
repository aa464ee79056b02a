import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from aftercast.campaigns.models import Campaign
from aftercast.imports.audience import detect_kind, import_comments, import_journeys
from aftercast.imports.errors import ImportProblem
from aftercast.imports.models import ImportKind
from aftercast.imports.readers import ReadOptions, detect, read_rows
from aftercast.imports.services import import_observations


class Command(BaseCommand):
    help = "Import a CSV/TSV/XLSX/XLS file of metric values into a campaign."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--campaign", required=True, help="the campaign's slug")
        parser.add_argument("--workspace", default="", help="workspace slug, when slugs repeat")
        parser.add_argument("--market", default="", help="only this market's creators (RU, US…)")
        parser.add_argument("--platform", default="", help="accepted for clarity; rows say it")
        parser.add_argument(
            "--kind",
            choices=["auto", "observations", "comments", "journeys"],
            default="auto",
            help="what the file holds (default: from columns)",
        )
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")
        parser.add_argument("--encoding", help="override the detected encoding, e.g. cp1251")
        parser.add_argument("--delimiter", help="override the detected delimiter, e.g. ';'")
        parser.add_argument("--decimal", choices=[",", "."], help="override the decimal mark")
        parser.add_argument("--date-format", help="override the date format, e.g. %%d.%%m.%%Y")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, path, campaign, workspace, market, dry_run, json: bool, **options):
        target = self._campaign(campaign, workspace)
        file = Path(path)
        if not file.is_file():
            raise CommandError(_("There is no file at {path}.").format(path=path))
        try:
            kind = options["kind"] if options["kind"] != "auto" else _kind_of(file)
            if kind != "observations":
                self._import_audience(kind, target, file, market or None)
                return
            report = import_observations(
                campaign=target,
                path=file,
                market=market or None,
                dry_run=dry_run,
                options=_reading(file, options),
            )
        except ImportProblem as problem:
            raise CommandError(problem.message) from None
        summary = {"file": file.name, **report.as_dict()}
        if json:
            self.stdout.write(_json_dump(summary))
            return
        self._print(summary)

    def _import_audience(self, kind: str, campaign: Campaign, file: Path, market) -> None:
        load = import_comments if kind == "comments" else import_journeys
        report = load(campaign=campaign, path=file, market=market)
        self.stdout.write(
            _(
                "{kind}: read {rows} rows, created {created}, updated {updated}, rejected "
                "{rejected}."
            ).format(
                kind=ImportKind(kind).label,
                rows=report.rows_read,
                created=report.created,
                updated=report.updated,
                rejected=len(report.rejected),
            )
        )
        for row, message in report.rejected:
            self.stdout.write(_("Row {row}: {message}").format(row=row, message=message))

    def _campaign(self, slug: str, workspace: str) -> Campaign:
        found = Campaign.objects.filter(slug=slug, deleted_at__isnull=True)
        if workspace:
            found = found.filter(workspace__slug=workspace)
        campaigns = list(found[:2])
        if not campaigns:
            raise CommandError(_("There is no campaign “{slug}”.").format(slug=slug))
        if len(campaigns) > 1:
            raise CommandError(
                _("Several workspaces have a campaign “{slug}”: add --workspace.").format(slug=slug)
            )
        return campaigns[0]

    def _print(self, summary: dict) -> None:
        lines = [
            _(
                "Read {rows} rows ({encoding}, delimiter “{delimiter}”, decimal “{decimal}”, "
                "dates {date})."
            ).format(
                rows=summary["rows_read"],
                encoding=summary["options"]["encoding"],
                delimiter=summary["options"]["delimiter"],
                decimal=summary["options"]["decimal"],
                date=summary["options"]["date_format"],
            ),
            _(
                "Created {created}, updated {updated}, unchanged {unchanged}, rejected {rejected}."
            ).format(**summary),
        ]
        if summary["dry_run"]:
            lines.append(_("Dry run: nothing was changed."))
        if summary["unknown_columns"]:
            lines.append(
                _("Columns not imported: {columns}.").format(
                    columns=", ".join(summary["unknown_columns"])
                )
            )
        for change in summary["changes"]:
            lines.append(_("Row {row} ({column}, {date}): {before} → {after}").format(**change))
        for rejection in summary["rejections"]:
            lines.append(
                _("Row {row}{column}: {message}").format(
                    row=rejection["row"],
                    column=f" ({rejection['column']})" if rejection["column"] else "",
                    message=rejection["message"],
                )
            )
        self.stdout.write("\n".join(lines))


def _reading(file: Path, given: dict) -> ReadOptions:
    """Return the detected way to read the file, with what the user said on top."""
    reading = detect(file)
    for name in ("encoding", "delimiter", "date_format"):
        if given.get(name):
            setattr(reading, name, given[name].replace("\\t", "\t"))
    if given.get("decimal"):
        reading.decimal = given["decimal"]
        reading.thousands = " " if reading.decimal == "," else ","
    return reading


def _kind_of(file: Path) -> str:
    options = detect(file)
    header = next(read_rows(file, options), (0, []))[1]
    return detect_kind(header)


def _json_dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
