"""Registers every model of an app in the Django admin with sensible columns and filters."""

from django.apps import apps
from django.contrib import admin
from django.db import models

from aftercast.core.history import is_tracked, record_edit, snapshot

LIST_FIELD_TYPES = (
    models.CharField,
    models.DateField,
    models.DecimalField,
    models.FloatField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)


class HistoryAdmin(admin.ModelAdmin):
    """Keeps the edit history of tracked objects when they are changed in the admin too."""

    def save_model(self, request, obj, form, change):
        before = None
        if change and is_tracked(type(obj)):
            before = snapshot(type(obj).objects.get(pk=obj.pk))
        super().save_model(request, obj, form, change)
        if is_tracked(type(obj)):
            record_edit(obj=obj, user=request.user, before=before)


def _admin_for(model: type[models.Model]) -> type[admin.ModelAdmin]:
    fields = [f for f in model._meta.concrete_fields if isinstance(f, LIST_FIELD_TYPES)]
    shown = ["__str__"] + [f.name for f in fields if f.name != "workspace"][:5]
    filters = [f.name for f in fields if f.choices or isinstance(f, models.BooleanField)][:4]
    if any(f.name == "workspace" for f in fields):
        filters.insert(0, "workspace")
    foreign_keys = [f.name for f in fields if isinstance(f, models.ForeignKey)]
    searchable = [f.name for f in fields if isinstance(f, models.CharField) and not f.choices][:3]
    attrs = {
        "list_display": shown,
        "list_filter": filters,
        "search_fields": searchable,
        "list_select_related": [name for name in foreign_keys if name in shown],
        "raw_id_fields": [name for name in foreign_keys if name != "workspace"],
    }
    return type(f"{model.__name__}Admin", (HistoryAdmin,), attrs)


def register_app(app_label: str) -> None:
    for model in apps.get_app_config(app_label).get_models():
        if not admin.site.is_registered(model):
            admin.site.register(model, _admin_for(model))
