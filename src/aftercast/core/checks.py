"""What `aftercast check` says about a deployment beyond Django's own checks."""

from django.conf import settings
from django.core.checks import Warning as CheckWarning
from django.db import connection


def several_servers_share_a_database(app_configs, **kwargs) -> list:
    """A shared directory means several servers; each would keep its own SQLite file."""
    if settings.AFTERCAST_SHARED != settings.AFTERCAST_HOME and connection.vendor == "sqlite":
        return [
            CheckWarning(
                "AFTERCAST_SHARED is set but the database is SQLite in AFTERCAST_HOME: "
                "each server would keep its own data.",
                hint="Set DATABASE_URL to one PostgreSQL database for every server.",
                id="aftercast.W001",
            )
        ]
    return []
