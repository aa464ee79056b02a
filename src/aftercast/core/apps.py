from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "aftercast.core"
    verbose_name = _("Workspaces and access")

    def ready(self) -> None:
        from aftercast.core import sqlite

        sqlite.install()
