import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from aftercast.demo import build, people


class Command(BaseCommand):
    help = "Load the demo data set (deterministic for a seed; does nothing when already loaded)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="multiply creators and campaigns, e.g. 100 for benchmarks",
        )
        parser.add_argument(
            "--reset", action="store_true", help="delete the demo workspaces and build them again"
        )
        parser.add_argument(
            "--force", action="store_true",
            help="load it even into a database holding other workspaces (its accounts have a "
                 "public password)",
        )  # fmt: skip

    def handle(self, *args, seed: int, scale: int, reset: bool, force: bool, **options):
        if scale < 1:
            raise CommandError(_("--scale must be a whole number of at least 1."))
        others = build.other_workspaces()
        if others and not force:
            # Its accounts' password is printed below and in the README: in a team's real
            # database they would be a door anyone could open.
            raise CommandError(_(
                "This database holds other workspaces ({names}). The demo's accounts have a "
                "public password: load it into its own AFTERCAST_HOME, or add --force."
            ).format(names=", ".join(others[:3])))  # fmt: skip
        if reset:
            build.reset()
        if build.already_loaded():
            self.stdout.write(_("The demo data is already loaded (use --reset to rebuild it)."))
        else:
            began = time.monotonic()
            workspace = build.build(seed=seed, scale=scale)
            self.stdout.write(
                _("Demo data loaded in {seconds:.1f} s:").format(seconds=time.monotonic() - began)
            )
            for name, count in build.summary(workspace).items():
                self.stdout.write(f"  {name}: {count}")
        self.stdout.write(
            _(
                "Log in at http://127.0.0.1:8000/ as “{user}” with password “{password}” "
                "(also “anna”, editor, and “viewer”, read-only)."
            ).format(user="demo", password=people.PASSWORD)
        )
