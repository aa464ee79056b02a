"""Edit history: who changed what, when, for the campaign and its parts, briefs, debriefs,
learnings and case studies; `update_tracked` (and `edit_tracked` for their edit pages) is the
one way the last four are edited. `history_words` says the changes in the reader's language."""

import datetime as dt
from decimal import Decimal

from django.apps import apps
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from aftercast.core.models import EditRecord
from aftercast.core.permissions import require_write

# A model may skip more: what it computes from the rest (`history_skipped`).
SKIPPED_FIELDS = {"id", "workspace", "created_at", "updated_at", "deleted_at"}
# Relations kept in the history (only these: the others are edited elsewhere).
TRACKED_RELATIONS = {"arms"}
# A part removed from a campaign is kept in the campaign's history under
# "removed:<app>.<model>".
REMOVED = "removed:"


def _plain(field: models.Field, value):
    """A value as JSON, the same however it was typed: a moment in UTC ("22:00+03:00" from a
    reader in Moscow is the stored "19:00+00:00"), an amount at its field's scale ("0.2" is
    the stored "0.2000"), so a save that changes nothing records nothing."""
    if isinstance(value, Decimal):
        places = getattr(field, "decimal_places", None)
        return str(value.quantize(Decimal(1).scaleb(-places)) if places is not None else value)
    if isinstance(value, dt.datetime):
        return (value.astimezone(dt.UTC) if value.tzinfo else value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model) -> dict:
    """Return the object's own field values as JSON-ready data; a test's arms, and the arms a
    creator or post is in, count as their own, so changing them is in the history too."""
    values = {}
    skipped = SKIPPED_FIELDS | set(getattr(type(obj), "history_skipped", ()))
    for field in obj._meta.concrete_fields:
        if field.name not in skipped:
            values[field.name] = _plain(field, getattr(obj, field.attname))
    # A model may name more relations, each kept by one stable attribute ("markets:code").
    for entry in (*TRACKED_RELATIONS, *getattr(type(obj), "history_relations", ())):
        name, _colon, attribute = entry.partition(":")
        if obj.pk is not None and hasattr(obj, name):
            # Kept as words: an arm may be gone by the time the history is read.
            values[name] = sorted(
                str(getattr(related, attribute) if attribute else related)
                for related in getattr(obj, name).all()
            )
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
    # Fields a change is read with (the currency of an amount), kept even when unchanged: the
    # record must read the same after they change.
    for name in getattr(type(obj), "history_keeps", ()):
        changes.setdefault(name, [after[name], after[name]])
    return EditRecord.objects.create(
        workspace_id=obj.workspace_id,  # type: ignore[attr-defined]
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        changes=changes,
    )


def record_removal(*, obj: models.Model, parent: models.Model, user) -> EditRecord:
    """Keep a removed part (a market, a planned post, a test) in its parent's history."""
    return EditRecord.objects.create(
        workspace_id=parent.workspace_id,  # type: ignore[attr-defined]
        content_type=ContentType.objects.get_for_model(parent),
        object_id=parent.pk,
        user=user if user is not None and user.is_authenticated else None,
        action=EditRecord.Action.DELETED,
        # Its id too: the part's own earlier records stay findable from the parent.
        changes={f"{REMOVED}{obj._meta.label_lower}": [{**snapshot(obj), "pk": obj.pk}, None]},
    )


def removed_parts(parent: models.Model) -> dict[type[models.Model], list[int]]:
    """The ids of the parts removed from `parent`, by model (from its removal records)."""
    removals = EditRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(parent),
        object_id=parent.pk,
        action=EditRecord.Action.DELETED,
    )
    parts: dict[type[models.Model], list[int]] = {}
    for changes in removals.values_list("changes", flat=True):
        for name, (before, _after) in changes.items():
            if name.startswith(REMOVED) and isinstance(before, dict) and "pk" in before:
                try:
                    model = apps.get_model(name[len(REMOVED) :])
                except LookupError:  # a kind of part that no longer exists
                    continue
                parts.setdefault(model, []).append(before["pk"])
    return parts


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
    ("campaigns", "campaign"),
    ("campaigns", "campaignmarket"),
    ("campaigns", "partnership"),
    ("campaigns", "deliverable"),
    ("campaigns", "variant"),
}


def is_tracked(model: type[models.Model]) -> bool:
    return (model._meta.app_label, model._meta.model_name) in TRACKED_MODELS


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
