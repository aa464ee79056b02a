from django.core.management.base import BaseCommand

from aftercast.core.throttle import unlock


class Command(BaseCommand):
    help = "Lift the login lock of an account after too many wrong passwords: `unlock USERNAME`."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        lifted = unlock(username)
        self.stdout.write(f"{username}: {'unlocked' if lifted else 'was not locked'}.")
