import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from aftercast.campaigns.plans import PlanErrors, load_plan, read_plan
from aftercast.core.models import Workspace
from aftercast.imports.cli import language_of


class Command(BaseCommand):
    help = (
        "Plan campaigns from the command line. `campaign create --from plan.yaml` creates a "
        "campaign with its markets, creators, posts, tests and briefs from a YAML or JSON "
        "plan (see docs/campaign-plan.md); nothing is created when any part is wrong."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="create a campaign from a plan file")
        create.add_argument("--from", dest="path", required=True, help="YAML or JSON plan")
        create.add_argument("--workspace", required=True, help="the workspace's slug")
        create.add_argument("--json", action="store_true", help="print the result as JSON")
        create.add_argument(
            "--language", default="", help="ru or en: messages, and how numbers are read"
        )

    def handle(self, *args, action, path, workspace, **options):
        language = language_of(options["language"])
        with translation.override(language):
            self._create(Path(path), workspace, language, options["json"])

    def _create(self, path: Path, slug: str, language: str, as_json: bool) -> None:
        from django.utils.translation import gettext as _

        found = Workspace.objects.filter(slug=slug).first()
        try:
            if found is None:
                raise PlanErrors([("workspace", _("No workspace “%(slug)s”.") % {"slug": slug})])
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as error:
                raise PlanErrors([("file", str(error))]) from None
            campaign = load_plan(found, read_plan(text), language=language)
        except PlanErrors as errors:
            if as_json:
                problems = [{"where": w, "message": m} for w, m in errors.problems]
                self.stdout.write(
                    json.dumps({"ok": False, "problems": problems}, ensure_ascii=False)
                )
                raise SystemExit(1) from None
            raise CommandError(_("The plan was not loaded:") + "\n" + str(errors)) from None
        markets = [piece.market.code for piece in campaign.markets.select_related("market")]
        creators = sum(piece.partnerships.count() for piece in campaign.markets.all())
        summary = {"ok": True, "slug": campaign.slug, "markets": markets, "creators": creators}
        if as_json:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
        else:
            self.stdout.write(
                _("Created “%(name)s” (%(slug)s): markets %(markets)s, %(creators)s creators.")
                % {
                    "name": campaign.name,
                    "slug": campaign.slug,
                    "markets": ", ".join(markets),
                    "creators": creators,
                }
            )
