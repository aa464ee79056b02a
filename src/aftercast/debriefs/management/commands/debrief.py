import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from aftercast.debriefs import changes, services, wording
from aftercast.debriefs.models import Debrief
from aftercast.imports.cli import campaign_of, language_of
from aftercast.reports.debrief_document import debrief_document
from aftercast.reports.render import EXPORTS


def debrief_of(campaign) -> Debrief:
    debrief = Debrief.objects.filter(campaign=campaign).first()
    if debrief is None:
        raise CommandError(
            _("“%(name)s” has no debrief yet: start it first.") % {"name": campaign.name}
        )
    return debrief


class Command(BaseCommand):
    help = (
        "Debriefs from the command line. `debrief start SLUG --workspace W` starts the debrief "
        "of a finished campaign, its verdicts and the tests' statistics filled in from the "
        "numbers; `debrief recompute SLUG --workspace W` reads the numbers again after new data "
        "and says what changed; `debrief export SLUG --workspace W --format md|pdf --output F` "
        "writes it as a document."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        for name, text in (
            ("start", "start a finished campaign's debrief"),
            ("recompute", "read a debrief's numbers again, say what changed"),
            ("export", "write the debrief as Markdown or PDF"),
        ):
            command = actions.add_parser(name, help=text)
            command.add_argument("campaign", help="the campaign's slug")
            command.add_argument("--workspace", required=True, help="the workspace's slug")
            command.add_argument("--json", action="store_true", help="print the result as JSON")
            command.add_argument("--language", default="", help="ru or en")
            if name == "export":
                command.add_argument("--format", default="md", choices=sorted(EXPORTS))
                command.add_argument(
                    "--output", default="-", help="the file to write (- prints Markdown)"
                )

    def handle(self, *args, action, campaign, workspace, **options):
        with translation.override(language_of(options["language"])):
            chosen = campaign_of(workspace, campaign)
            if action == "export":
                return self.export(chosen, options)
            try:
                if action == "start":
                    debrief = services.start_debrief(chosen)
                    said = _("Debrief started for “%(name)s”.")
                else:
                    debrief = debrief_of(chosen)
                    services.recompute_debrief(debrief)
                    said = _("Debrief of “%(name)s” recomputed.")
            except ValidationError as refusal:
                raise CommandError(" ".join(refusal.messages)) from None
            self.report(debrief, said % {"name": chosen.name}, options["json"])

    def export(self, campaign, options) -> None:
        debrief = debrief_of(campaign)
        language = (translation.get_language() or "en")[:2]
        if language not in ("ru", "en"):
            raise CommandError(_("Choose Markdown or PDF, in Russian or English."))
        _content_type, _extension, rendered = EXPORTS[options["format"]]
        output: str | bytes = rendered(debrief_document(debrief, language))
        if options["output"] == "-":
            if isinstance(output, bytes):
                raise CommandError(_("A PDF or DOCX is written to a file: give --output."))
            self.stdout.write(output, ending="")
            return
        target = Path(options["output"])
        if isinstance(output, bytes):
            target.write_bytes(output)
        else:
            target.write_text(output, encoding="utf-8")
        self.stdout.write(_("Written to %(path)s.") % {"path": options["output"]})

    def report(self, debrief: Debrief, said: str, as_json: bool) -> None:
        verdicts = [
            (v.campaign_market.market.code, v.metric, v.get_verdict_display())
            for v in debrief.verdicts.select_related("campaign_market__market")
        ]
        headlines = [
            wording.headline(f)
            for f in debrief.findings.select_related("market", "arm_a", "arm_b", "variant")
        ]
        changed = [changes.change_words(item) for item in debrief.changes or []]
        if as_json:
            self.stdout.write(json.dumps(
                {"id": debrief.pk, "verdicts": [list(map(str, v)) for v in verdicts],
                 "findings": headlines, "changes": changed}, ensure_ascii=False))  # fmt: skip
            return
        self.stdout.write(said)
        for code, metric, verdict in verdicts:
            self.stdout.write(f"  {code} · {metric}: {verdict}")
        for line in headlines:
            self.stdout.write(f"  {line}")
        if debrief.recomputed_at is not None:
            self.stdout.write(_("What changed:") if changed else _("Nothing changed."))
            for line in changed:
                self.stdout.write(f"  {line}")
