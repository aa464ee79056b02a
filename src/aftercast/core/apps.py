from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "aftercast.core"
    verbose_name = _("Workspaces and access")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks as django_checks

        from aftercast.core import checks, sqlite

        sqlite.install()
        django_checks.register(checks.several_servers_share_a_database, django_checks.Tags.database)
        user_logged_in.connect(_join_invited, dispatch_uid="aftercast-accept-invitations")


def _join_invited(sender, request, user, **kwargs) -> None:
    """At login, the workspaces kept for the username are joined."""
    from aftercast.core.services import accept_invitations

    accept_invitations(user)
