import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from aftercast.core.models import Workspace
from aftercast.imports.cli import language_of
from aftercast.learnings import facets
from aftercast.learnings.selectors import learning_list


class Command(BaseCommand):
    help = (
        'Search the learnings: `search "QUERY" [--workspace SLUG] [--json] [--limit N]`, in '
        "Russian or English, every form of a word, the other language's rules too."
    )

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--workspace", default="", help="the workspace's slug (needed when "
                            "there are several)")  # fmt: skip
        parser.add_argument("--json", action="store_true", help="print the results as JSON")
        parser.add_argument("--limit", type=int, default=10, help="how many results (default 10)")
        parser.add_argument("--language", default="", help="ru or en")

    def handle(self, *args, query, workspace, limit, **options):
        with translation.override(language_of(options["language"])):
            chosen = self.workspace(workspace)
            if limit < 1:
                raise CommandError(_("--limit must be at least 1."))
            scope = facets.parse(query)[0]
            rules = list(learning_list(chosen, query=query).order_by("-relevance", "pk")[:limit])
            if options["json"]:
                self.stdout.write(json.dumps({"query": query, "filters": [
                    {"kind": f.kind, "value": f.value, "words": f.said} for f in scope
                ], "results": [
                    {"id": rule.pk, "statement_en": rule.statement_en,
                     "statement_ru": rule.statement_ru, "relevance": rule.relevance,
                     "status": rule.status}
                    for rule in rules]}, ensure_ascii=False, indent=2))  # fmt: skip
                return
            if not rules:
                self.stdout.write(_("No rule matches “%(query)s”.") % {"query": query})
            for rule in rules:
                self.stdout.write(f"#{rule.pk} [{rule.get_status_display()}] {rule.statement}")

    def workspace(self, slug: str) -> Workspace:
        if slug:
            found = Workspace.objects.filter(slug=slug).first()
            if found is None:
                raise CommandError(_("No workspace “%(slug)s”.") % {"slug": slug})
            return found
        every = list(Workspace.objects.all()[:2])
        if len(every) != 1:
            raise CommandError(_("Say which workspace: --workspace SLUG."))
        return every[0]
