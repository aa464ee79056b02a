import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from aftercast.imports.cli import language_of, workspace_of
from aftercast.learnings.explain import payload
from aftercast.learnings.selectors import find_learnings


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
            chosen = workspace_of(workspace)
            if limit < 1:
                raise CommandError(_("--limit must be at least 1."))
            found = payload(find_learnings(chosen, query=query), limit)
            if options["json"]:
                self.stdout.write(json.dumps(found, ensure_ascii=False, indent=2))
                return
            if found["filters"]:
                self.stdout.write(_("Read as filters: %(filters)s") % {
                    "filters": ", ".join(f["label"] for f in found["filters"])})  # fmt: skip
            if not found["results"]:
                self.stdout.write(_("No rule matches “%(query)s”.") % {"query": query})
            ru = translation.get_language().startswith("ru")
            for rule in found["results"]:
                statement = (rule["statement_ru"] if ru else rule["statement_en"]) or (
                    rule["statement_en"] or rule["statement_ru"]
                )
                self.stdout.write(f"#{rule['id']} {statement}\n    {rule['why']}")
