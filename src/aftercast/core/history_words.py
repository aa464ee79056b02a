"""Edit records said in the reader's language: field labels, choice names, the names of
related objects, dates and money the reader's way, never raw codes or ids.

A tracked model may say more about itself:
- `history_kind`: what the product calls it ("Planned post");
- `history_label()`: how a history names one;
- `history_money` / `history_shares`: fields that are amounts (read in the record's currency,
  kept by `history_keeps`, else `history_currency()`) or shares (read as percentages);
- `history_hidden_on_create`: fields a new one's record need not repeat (what it belongs to);
- `history_related`: what to load with it, so naming it costs no query per record;
- `history_field_words(name, before, after)`: its own words for a change core cannot read (a
  brief's KPIs), as (label, before, after).
"""

import contextlib
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.db import models
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from aftercast.core import formatting
from aftercast.core.history import REMOVED, history_of
from aftercast.core.models import EditRecord


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


class _Names:
    """Related objects named once per page, not once per value."""

    def __init__(self) -> None:
        self.known: dict[tuple[type[models.Model], Any], str] = {}

    def __call__(self, model: type[models.Model], pk) -> str:
        key = (model, pk)
        if key not in self.known:
            related = model._base_manager.filter(pk=pk).first()
            self.known[key] = name_of(related) if related is not None else _("(removed)")
        return self.known[key]


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def value_words(field: Any, value, currency: str = "", names: _Names | None = None) -> str | None:
    """One stored value as the reader would write it; None when there was none."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if field is None:
        return str(value)
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.related_model is not None:
        return (names or _Names())(field.related_model, value)
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(str(value))
        return formatting.datetime(moment) if moment else str(value)
    if isinstance(field, models.DateField):
        return formatting.date(dt.date.fromisoformat(str(value)))
    if isinstance(field, models.DecimalField) and (number := _decimal(value)) is not None:
        model = field.model
        if field.name in getattr(model, "history_money", ()) and currency:
            return formatting.money(number, currency)
        if field.name in getattr(model, "history_shares", ()):
            return formatting.percent(float(number))
        return formatting.number(number)
    return str(value)


def _currency_of(obj: models.Model | None) -> str:
    if obj is None:
        return ""
    currency = getattr(obj, "history_currency", None)
    return currency() if currency is not None else getattr(obj, "currency", "")


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


def _removed_part(name: str) -> type[models.Model] | None:
    try:
        return apps.get_model(name[len(REMOVED) :])
    except (LookupError, ValueError):
        return None


class _Reader:
    """Reads the records of one page: the objects they are about, loaded together."""

    def __init__(self, records: list[EditRecord]):
        self.names = _Names()
        self.models: dict[int, type[models.Model]] = {}
        self.objects: dict[tuple[int, int], models.Model] = {}
        # Parts removed since: named from the snapshot kept in their removal record.
        self.removed: dict[tuple[type[models.Model], int], str] = {}
        wanted: dict[int, set[int]] = {}
        for record in records:
            wanted.setdefault(record.content_type_id, set()).add(record.object_id)
            for name, (before, _after) in record.changes.items():
                part = _removed_part(name) if name.startswith(REMOVED) else None
                if part is not None and isinstance(before, dict) and "pk" in before:
                    self.removed[(part, before["pk"])] = name_of(_revived(part, before))
        for type_id, ids in wanted.items():
            model = ContentType.objects.get_for_id(type_id).model_class()
            if model is None:
                continue
            self.models[type_id] = model
            related = getattr(model, "history_related", ())
            for found in model._base_manager.select_related(*related).filter(pk__in=ids):
                self.objects[(type_id, found.pk)] = found

    def change(self, name: str, pair: list, model, record: EditRecord, obj) -> FieldChange:
        if name.startswith(REMOVED):
            part = _removed_part(name)
            if part is None:
                return FieldChange(label=name, before=str(pair[0]), after=None)
            return FieldChange(
                label=kind_of(part), before=name_of(_revived(part, pair[0])), after=None
            )
        own_words = getattr(obj, "history_field_words", None)
        if own_words is not None and (said := own_words(name, pair[0], pair[1])) is not None:
            return FieldChange(*said)
        try:
            field: Any = model._meta.get_field(name)
        except FieldDoesNotExist:  # renamed or dropped since the record was made
            field = None
        # A reverse relation (a test's arms) has no label of its own: its model's plural is one.
        label = getattr(field, "verbose_name", None) or (
            field.related_model._meta.verbose_name_plural
            if field is not None and field.related_model is not None
            else name
        )
        # Amounts are read in the currency each side of the record was in.
        currencies = record.changes.get("currency") or [None, None]
        before_currency = currencies[0] or _currency_of(obj)
        after_currency = currencies[1] or _currency_of(obj)
        return FieldChange(
            label=capfirst(str(label)),
            before=value_words(field, pair[0], before_currency, self.names),
            after=value_words(field, pair[1], after_currency, self.names),
        )

    def entry(self, record: EditRecord, subjects: bool) -> HistoryEntry | None:
        model = self.models.get(record.content_type_id)
        if model is None:
            return None
        obj = self.objects.get((record.content_type_id, record.object_id))
        hidden = (
            getattr(model, "history_hidden_on_create", ())
            if record.action == EditRecord.Action.CREATED
            else ()
        )
        changes: list[FieldChange] = []
        removals: list[FieldChange] = []
        for name, pair in sorted(record.changes.items()):
            if name in hidden:
                continue
            change = self.change(name, pair, model, record, obj)
            if change.before == change.after:
                continue  # kept for reading the others (a currency), or a change of nothing
            (removals if name.startswith(REMOVED) else changes).append(change)
        subject = ""
        if subjects:
            if removals:
                # A removed part is the subject of its record, not the campaign it was part of.
                subject = f"{removals[0].label}: {removals[0].before}"
                removals = []
            elif obj is None and (model, record.object_id) in self.removed:
                subject = f"{kind_of(model)}: {self.removed[(model, record.object_id)]}"
            else:
                subject = subject_of(obj, model)
        return HistoryEntry(record=record, changes=removals + changes, subject=subject)


def describe_history(records, subjects: bool = False) -> list[HistoryEntry]:
    """Turn edit records into rows in the reader's language; with `subjects`, each row also
    names what it is about (a campaign's history covers its markets, creators and posts)."""
    records = list(records)
    reader = _Reader(records)
    entries = [reader.entry(record, subjects) for record in records]
    return [entry for entry in entries if entry is not None]


def history_url(obj) -> str:
    """The page with one object's history."""
    return reverse("core:history", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])


def history_context(obj) -> dict:
    return {
        "history": describe_history(history_of(obj)[:20]),
        "history_content_type": ContentType.objects.get_for_model(obj).pk,
    }
