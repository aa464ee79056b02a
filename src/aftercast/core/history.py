"""Edit history for briefs, debriefs, learnings and case studies: the one way they are edited
(`update_tracked`, and `edit_tracked` for their edit pages), and who changed what, when."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from aftercast.core.models import EditRecord
from aftercast.core.permissions import require_write

SKIPPED_FIELDS = {"id", "workspace", "created_at", "updated_at", "deleted_at"}
# A brief's KPI targets are kept in its history under "kpi:<metric>".
KPI_CHANGE = "kpi:"


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


TRACKED_MODELS = {
    ("briefs", "brief"),
    ("debriefs", "debrief"),
    ("learnings", "learning"),
    ("reports", "casestudy"),
}


def is_tracked(model: type[models.Model]) -> bool:
    return (model._meta.app_label, model._meta.model_name) in TRACKED_MODELS


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: object
    after: object


@dataclass(frozen=True)
class HistoryEntry:
    record: EditRecord
    changes: list[FieldChange]


def _field_change(name: str, pair: list, labels: dict) -> FieldChange:
    if name.startswith(KPI_CHANGE):
        from aftercast.briefs.services import kpi_words
        from aftercast.metrics.registry import get_metric

        metric = name[len(KPI_CHANGE) :]
        return FieldChange(
            label=str(get_metric(metric).name), before=kpi_words(pair[0]), after=kpi_words(pair[1])
        )
    return FieldChange(label=str(labels.get(name, name)), before=pair[0], after=pair[1])


def describe_history(records, model: type[models.Model]) -> list[HistoryEntry]:
    """Turn edit records into rows with field labels in the reader's language."""
    labels = {field.name: field.verbose_name for field in model._meta.concrete_fields}
    entries = []
    for record in records:
        changes = [
            _field_change(name, pair, labels) for name, pair in sorted(record.changes.items())
        ]
        entries.append(HistoryEntry(record=record, changes=changes))
    return entries


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


def history_context(obj) -> dict:
    return {
        "history": describe_history(history_of(obj)[:20], type(obj)),
        "history_content_type": ContentType.objects.get_for_model(obj).pk,
    }


def edit_tracked(
    request: HttpRequest, obj, form_class: type[ModelForm], done_url: str, title: str
) -> HttpResponse:
    """Show and handle the edit form of a tracked object; only editors and owners may save."""
    if request.method == "POST":
        require_write(request, obj.workspace_id)
        before = snapshot(obj)
        form = form_class(request.POST, instance=obj)
        if form.is_valid():
            fields = list(form_class._meta.fields or [])
            update_tracked(
                obj=obj, user=request.user, data=form.cleaned_data, fields=fields, before=before
            )
            messages.success(request, _("Saved. The change is in the history."))
            return redirect(done_url)
    else:
        form = form_class(instance=obj)
    return render(
        request,
        "core/edit.html",
        {"form": form, "object": obj, "title": title, "cancel_url": done_url},
    )
