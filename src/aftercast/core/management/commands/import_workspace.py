from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from aftercast.core.transfer import TransferError, import_workspace


class Command(BaseCommand):
    help = (
        "Create a workspace from an archive written by `aftercast export_workspace`, owned by "
        "USERNAME; the other members are invited again under their usernames. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the archive, e.g. northwind.tar.gz")
        parser.add_argument("--owner", required=True, help="the username who will own it")
        parser.add_argument("--slug", default="", help="a new address, when the old one is taken")
        parser.add_argument("--name", default="", help="a new name")

    def handle(self, *args, path: str, owner: str, slug: str, name: str, **options):
        user = get_user_model().objects.filter(username=owner).first()
        if user is None:
            raise CommandError(f"No user is called “{owner}”: create the account first.")
        if not Path(path).is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            workspace = import_workspace(Path(path), owner=user, slug=slug, name=name)
        except TransferError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Imported “{workspace.name}” as /{workspace.slug}, owned by {owner}.")
