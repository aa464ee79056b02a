"""Edit records said in the reader's language: field labels, choice names, the names of
related objects, dates and money the reader's way, never raw codes or ids."""

import contextlib
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from aftercast.core import formatting
from aftercast.core.history import KPI_CHANGE, REMOVED, history_of
from aftercast.core.models import EditRecord

MONEY_FIELDS = {"budget", "fee"}
SHARE_FIELDS = {"expected_lift", "planned_share"}
# What a new part belongs to, and its address: the page already says so.
CONTAINER_FIELDS = {
    "campaign",
    "campaign_market",
    "partnership",
    "variant",
    "slug",
    "market",
    "account",
}


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class HistoryEntry:
    record: EditRecord
    changes: list[FieldChange]
    subject: str = ""


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def value_words(field: Any, value, currency: str = "") -> str | None:
    """One stored value as the reader would write it; None when there was none."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if field is None:
        return str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.related_model is not None:
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else _("(removed)")
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(str(value))
        return formatting.datetime(moment) if moment else str(value)
    if isinstance(field, models.DateField):
        return formatting.date(dt.date.fromisoformat(str(value)))
    if isinstance(field, models.DecimalField) and (number := _decimal(value)) is not None:
        if field.name in MONEY_FIELDS and currency:
            return formatting.money(number, currency)
        if field.name in SHARE_FIELDS:
            return formatting.percent(float(number))
        return formatting.number(number)
    return str(value)


def _currency_of(obj: models.Model | None) -> str:
    """The currency money of this object is kept in (a brief's is its market's)."""
    if obj is None:
        return ""
    if currency := getattr(obj, "currency", ""):
        return currency
    piece = getattr(obj, "campaign_market", None)
    return getattr(piece, "currency", "") if piece is not None else ""


def _field_change(
    name: str, pair: list, model: type[models.Model], record: EditRecord, obj
) -> FieldChange:
    if name.startswith(KPI_CHANGE):
        from aftercast.briefs.wording import kpi_words
        from aftercast.metrics.registry import get_metric

        metric, currency = name[len(KPI_CHANGE) :], _currency_of(obj)
        return FieldChange(
            label=str(get_metric(metric).name),
            before=kpi_words(pair[0], currency) if pair[0] else None,
            after=kpi_words(pair[1], currency) if pair[1] else None,
        )
    if name.startswith(REMOVED):
        try:
            part = apps.get_model(name[len(REMOVED) :])
        except (LookupError, ValueError):
            return FieldChange(label=name, before=str(pair[0]), after=None)
        return FieldChange(
            label=kind_of(part),
            before=name_of(_revived(part, pair[0])),
            after=None,
        )
    try:
        field = model._meta.get_field(name)
    except LookupError:
        field = None
    # A reverse relation (a test's arms) has no label of its own: its model's plural is one.
    label = getattr(field, "verbose_name", None) or (
        field.related_model._meta.verbose_name_plural
        if field is not None and field.related_model is not None
        else name
    )
    # Money changed together with its currency is said in the currency of its own side.
    currencies = record.changes.get("currency") or [None, None]
    before_currency = currencies[0] or _currency_of(obj)
    after_currency = currencies[1] or _currency_of(obj)
    return FieldChange(
        label=capfirst(str(label)),
        before=value_words(field, pair[0], before_currency),
        after=value_words(field, pair[1], after_currency),
    )


def kind_of(model: type[models.Model]) -> str:
    """What a history calls a kind of object: the product's word where the model has one."""
    return capfirst(str(getattr(model, "history_kind", None) or model._meta.verbose_name))


def name_of(obj: models.Model) -> str:
    """How a history names an object: its `history_label()` where it has one."""
    try:
        label = getattr(obj, "history_label", None)
        return label() if label is not None else str(obj)
    except ObjectDoesNotExist:  # something it names was removed since
        return kind_of(type(obj))


def _revived(model: type[models.Model], values) -> models.Model:
    """An unsaved copy of a removed object, from the snapshot kept when it was removed."""
    obj = model()
    if not isinstance(values, dict):
        return obj
    for field in model._meta.concrete_fields:
        if field.name in values:
            with contextlib.suppress(ValidationError):
                setattr(obj, field.attname, field.to_python(values[field.name]))
    return obj


def subject_of(obj, model: type[models.Model]) -> str:
    """What a record is about, for a history that mixes a campaign's parts."""
    kind = kind_of(model)
    return kind if obj is None else f"{kind}: {name_of(obj)}"


def describe_history(records, subjects: bool = False) -> list[HistoryEntry]:
    """Turn edit records into rows in the reader's language; with `subjects`, each row also
    names what it is about (a campaign's history covers its markets, creators and posts)."""
    records = list(records)
    wanted: dict[int, set[int]] = {}
    for record in records:
        wanted.setdefault(record.content_type_id, set()).add(record.object_id)
    objects: dict[tuple[int, int], models.Model] = {}
    models_by_type: dict[int, type[models.Model]] = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        models_by_type[type_id] = model
        for found in model._base_manager.filter(pk__in=ids):
            objects[(type_id, found.pk)] = found
    entries = []
    for record in records:
        model = models_by_type.get(record.content_type_id)
        if model is None:
            continue
        obj = objects.get((record.content_type_id, record.object_id))
        named = [
            (name, change)
            for name, pair in sorted(record.changes.items())
            if not (record.action == EditRecord.Action.CREATED and name in CONTAINER_FIELDS)
            for change in [_field_change(name, pair, model, record, obj)]
            if change.before is not None or change.after is not None
        ]
        changes = [change for _name, change in named]
        subject = subject_of(obj, model) if subjects else ""
        removals = [change for name, change in named if name.startswith(REMOVED)]
        if subjects and removals:
            # A removed part is the subject of its record, not the campaign it was part of.
            subject = f"{removals[0].label}: {removals[0].before}"
            changes = [change for change in changes if change not in removals]
        entries.append(HistoryEntry(record=record, changes=changes, subject=subject))
    return entries


def history_url(obj) -> str:
    """The page with one object's history."""
    return reverse("core:history", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])


def history_context(obj) -> dict:
    return {
        "history": describe_history(history_of(obj)[:20]),
        "history_content_type": ContentType.objects.get_for_model(obj).pk,
    }
