from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "aftercast.api"
    verbose_name = _("API")

    def ready(self) -> None:
        from aftercast.api import signals

        signals.connect()
