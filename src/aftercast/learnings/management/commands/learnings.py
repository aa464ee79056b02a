import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aftercast.imports.cli import language_of, workspace_of
from aftercast.learnings.exchange import ExchangeError, export_learnings, import_learnings


class Command(BaseCommand):
    help = (
        "Move or merge a team's knowledge: `learnings export PATH [--workspace SLUG]` writes "
        "the workspace's rules with their scope and evidence as JSON (docs/learnings-exchange.md; "
        "- prints it); `learnings import PATH --workspace SLUG` merges such a file, idempotent "
        "by each rule's key, all or nothing."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="write the workspace's learnings as JSON")
        export.add_argument("path", help="the file to write, or - to print it")
        export.add_argument("--workspace", default="", help="the workspace's slug")
        imported = actions.add_parser("import", help="merge a learnings file into a workspace")
        imported.add_argument("path", help="the file to read")
        imported.add_argument("--workspace", required=True, help="the workspace's slug")
        imported.add_argument("--json", action="store_true", help="print the result as JSON")
        for command in (export, imported):
            command.add_argument("--language", default="", help="ru or en")

    def handle(self, *args, action, path, workspace, **options):
        with translation.override(language_of(options["language"])):
            chosen = workspace_of(workspace)
            if action == "export":
                data = export_learnings(chosen)
                text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
                if path == "-":
                    self.stdout.write(text, ending="")
                else:
                    Path(path).write_text(text, encoding="utf-8")
                    count = len(data["learnings"])
                    self.stderr.write(ngettext("Wrote %(count)s learning to %(path)s.",
                                               "Wrote %(count)s learnings to %(path)s.", count)
                                      % {"count": count, "path": path})  # fmt: skip
                return
            try:
                raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
            except OSError as error:
                raise CommandError(_("Cannot read %(path)s: %(reason)s") % {
                    "path": path, "reason": error.strerror}) from None  # fmt: skip
            try:
                report = import_learnings(chosen, raw)
            except ExchangeError as error:
                if options["json"]:
                    self.stdout.write(json.dumps({"problems": [
                        {"where": where, "message": message} for where, message in error.problems
                    ]}, ensure_ascii=False, indent=2))  # fmt: skip
                lines = [f"{where}: {message}" if where else message
                         for where, message in error.problems]  # fmt: skip
                raise CommandError(
                    _("Nothing was imported:") + "\n" + "\n".join(lines), returncode=2
                ) from None
            said = {"created": report.created, "updated": report.updated,
                    "unchanged": report.unchanged}  # fmt: skip
            if options["json"]:
                self.stdout.write(json.dumps(said))
            else:
                self.stdout.write(_("Imported: %(created)s new, %(updated)s updated, "
                                    "%(unchanged)s unchanged.") % said)  # fmt: skip
