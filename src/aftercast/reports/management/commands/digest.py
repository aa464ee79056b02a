from django.core.management.base import BaseCommand, CommandError

from aftercast.core.models import Workspace
from aftercast.reports.digest import digest_for, recipients, render_digest, send_digests


class Command(BaseCommand):
    help = (
        "Send each workspace's weekly digest (new learnings, open action items, check-ins due) "
        "to its members, each in their language. Run it weekly, from cron or a systemd timer: "
        "`aftercast digest`. --dry-run prints the e-mails instead of sending them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--workspace", default="", help="only this workspace (its slug)")
        parser.add_argument("--dry-run", action="store_true", help="print, do not send")

    def handle(self, *args, **options):
        workspaces = Workspace.objects.all()
        if options["workspace"]:
            workspaces = workspaces.filter(slug=options["workspace"])
            if not workspaces.exists():
                raise CommandError(f"No workspace {options['workspace']!r}.")
        if not options["dry_run"]:
            sent = send_digests(workspaces)
            self.stdout.write(f"{sent} digest e-mail(s) sent.")
            return
        for workspace in workspaces:
            digest = digest_for(workspace)
            if digest.empty:
                self.stdout.write(f"{workspace.slug}: nothing new, nothing to send.")
                continue
            members = recipients(workspace)
            if not members:
                self.stdout.write(f"{workspace.slug}: no member has an e-mail address.")
            for address, language in members:
                subject, text, _html = render_digest(digest, language)
                self.stdout.write(f"To: {address}\nSubject: {subject}\n\n{text}\n")
