from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from aftercast.imports.cli import campaign_of, language_of
from aftercast.reports.case_study import case_study_document
from aftercast.reports.models import CaseStudy
from aftercast.reports.render import EXPORTS
from aftercast.reports.services import generate_case_study

AUDIENCES = {"ru": "ru", "us": "us", "bridge": "both"}


class Command(BaseCommand):
    help = (
        "Write a campaign's case study: `casestudy CAMPAIGN_SLUG --workspace W --audience "
        "ru|us|bridge --lang ru|en --format pdf|docx|md|html -o PATH`. The newest case study of "
        "the campaign for that audience is exported, with the edits people made; without one, "
        "it is written from the data first."
    )

    def add_arguments(self, parser):
        parser.add_argument("campaign", help="the campaign's slug")
        parser.add_argument("--workspace", default="", help="the workspace's slug")
        parser.add_argument("--audience", default="bridge", choices=sorted(AUDIENCES))
        parser.add_argument("--lang", default="en", choices=["en", "ru"])
        parser.add_argument("--format", default="md", choices=sorted(EXPORTS))
        parser.add_argument("-o", "--output", default="-", help="the file to write (- prints "
                            "Markdown or HTML)")  # fmt: skip
        parser.add_argument("--new", action="store_true", help="write a new one from the data")
        parser.add_argument("--language", default="", help="ru or en, for messages")

    def handle(self, *args, campaign, workspace, audience, lang, output, **options):
        with translation.override(language_of(options["language"])):
            chosen = campaign_of(workspace, campaign) if workspace else self._only(campaign)
            kind = options["format"]
            study = None
            if not options["new"]:
                study = CaseStudy.objects.filter(
                    campaign=chosen, audience=AUDIENCES[audience], deleted_at__isnull=True
                ).first()
            if study is None:
                try:
                    study = generate_case_study(chosen, audience=AUDIENCES[audience])
                except ValidationError as error:
                    raise CommandError(" ".join(error.messages)) from None
            rendered = EXPORTS[kind][2](case_study_document(study, lang))
            if output == "-":
                if isinstance(rendered, bytes):
                    raise CommandError(_("A %(format)s file needs -o PATH.") % {"format": kind})
                self.stdout.write(rendered, ending="")
                return
            Path(output).write_bytes(
                rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
            )
            self.stderr.write(_("Wrote %(path)s.") % {"path": output})

    def _only(self, slug: str):
        from aftercast.imports.cli import workspace_of

        return campaign_of(workspace_of("").slug, slug)
