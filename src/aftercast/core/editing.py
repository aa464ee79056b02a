"""The one way tracked objects (briefs, debriefs, learnings, case studies) are edited."""

from django.db import models, transaction

from aftercast.core.history import record_edit, snapshot


@transaction.atomic
def update_tracked(
    *, obj: models.Model, user, data: dict, fields: list[str], before: dict | None = None
) -> models.Model:
    """Apply `data` to `fields` of `obj`, validate, save, and keep who changed what.

    `before` is the object's state as loaded: a bound ModelForm has already written the new
    values onto the instance by the time it validates.
    """
    before = snapshot(obj) if before is None else before
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])
    obj.full_clean()
    obj.save()
    record_edit(obj=obj, user=user, before=before)
    return obj
