from aftercast.core.admin_registry import register_app

register_app("reports")
