"""Edit history for briefs, debriefs, learnings and case studies: who changed what, when."""

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models

from aftercast.core.models import EditRecord

SKIPPED_FIELDS = {"id", "workspace", "created_at", "updated_at", "deleted_at"}


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model) -> dict:
    """Return the object's own field values as JSON-ready data."""
    values = {}
    for field in obj._meta.concrete_fields:
        if field.name not in SKIPPED_FIELDS:
            values[field.name] = _plain(getattr(obj, field.attname))
    return values


def record_edit(*, obj: models.Model, user, before: dict | None) -> EditRecord | None:
    """Store what changed since `before` (None: the object was just created)."""
    after = snapshot(obj)
    if before is None:
        action = EditRecord.Action.CREATED
        changes = {name: [None, value] for name, value in after.items() if value not in ("", None)}
    else:
        action = EditRecord.Action.CHANGED
        changes = {
            name: [before.get(name), value]
            for name, value in after.items()
            if before.get(name) != value
        }
        if not changes:
            return None
    return EditRecord.objects.create(
        workspace_id=obj.workspace_id,  # type: ignore[attr-defined]
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        changes=changes,
    )


def history_of(obj: models.Model):
    """Return the object's edit records, newest first."""
    return EditRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("user")
