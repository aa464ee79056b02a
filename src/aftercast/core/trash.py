"""Removing is soft and can be undone: a campaign, a creator, a learning or a case study taken
out is kept (its `deleted_at` set, hidden everywhere the app reads live objects), its history
says who removed it, and an editor brings it back from "Recently removed".

A campaign goes with its parts (markets, briefs, check-ins, partnerships, posts, numbers, its
debrief, case studies and their links, the learnings' evidence from it): each is marked removed
at the campaign's very moment, so every reader that leaves out removed objects leaves them out
too, and a restore brings back exactly those (not a part removed on its own before)."""

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.urls import reverse
from django.utils import timezone

from aftercast.core.models import EditRecord, Workspace

# kind in URLs -> (model label, the URL name of its page, the URL name of its list)
KINDS = {
    "campaign": ("campaigns.Campaign", "campaigns:detail", "campaigns:list"),
    "creator": ("catalog.Creator", "catalog:creator", "catalog:creators"),
    "learning": ("learnings.Learning", "learnings:detail", "learnings:list"),
    "case-study": ("reports.CaseStudy", "reports:detail", "reports:list"),
}
ADDRESSED_BY = {"campaign": "slug"}  # the page's URL argument, when it is not the pk
# What goes with the object when it is removed. A creator's accounts stay: the campaigns they
# ran in keep them (and the database forbids taking them from under a partnership).
TAKES_ITS_PARTS = {"campaign", "learning", "case-study"}
KEPT_FOR = dt.timedelta(days=90)  # how far back "Recently removed" looks


def model_of(kind: str) -> type[models.Model]:
    return apps.get_model(KINDS[kind][0])


def kind_of(obj: models.Model) -> str:
    label = obj._meta.label
    return next(kind for kind, (model, _page, _list) in KINDS.items() if model == label)


def page_of(kind: str, obj: models.Model) -> str:
    return reverse(KINDS[kind][1], args=[getattr(obj, ADDRESSED_BY.get(kind, "pk"))])


def _parts(obj: models.Model) -> list[models.QuerySet]:
    """Everything that would go with `obj` were it deleted (Django's own cascade), as
    querysets of the models that can be marked removed."""
    if kind_of(obj) not in TAKES_ITS_PARTS:
        return []
    collector = Collector(using=router.db_for_write(type(obj)))
    collector.collect([obj])
    found: list[models.QuerySet] = [
        model._base_manager.filter(pk__in=[item.pk for item in items])
        for model, items in collector.data.items()
    ]
    found += list(collector.fast_deletes)
    return [query for query in found if query.model is not type(obj) and _removable(query.model)]


def _removable(model) -> bool:
    return "deleted_at" in {field.name for field in model._meta.concrete_fields}


def _record(obj: models.Model, user, action: str) -> None:
    EditRecord.objects.create(
        workspace_id=obj.workspace_id,  # type: ignore[attr-defined]
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk,
        user=user if user is not None and user.is_authenticated else None,
        action=action, changes={},
    )  # fmt: skip


@transaction.atomic
def remove(obj: models.Model, *, user) -> None:
    moment = timezone.now()
    for parts in _parts(obj):
        parts.filter(deleted_at__isnull=True).update(deleted_at=moment)
    obj.deleted_at = moment  # type: ignore[attr-defined]
    obj.save(update_fields=["deleted_at", "updated_at"])
    _record(obj, user, EditRecord.Action.DELETED)


@transaction.atomic
def restore(obj: models.Model, *, user) -> None:
    moment = obj.deleted_at  # type: ignore[attr-defined]
    for parts in _parts(obj):
        parts.filter(deleted_at=moment).update(deleted_at=None)
    obj.deleted_at = None  # type: ignore[attr-defined]
    obj.save(update_fields=["deleted_at", "updated_at"])
    _record(obj, user, EditRecord.Action.RESTORED)


@dataclass
class Removed:
    kind: str
    obj: models.Model
    removed_at: dt.datetime
    by: str = ""

    @property
    def label(self) -> str:
        """What it is called in full (a rule's statement, a study's title)."""
        for name in ("statement", "title_en", "name"):
            value = getattr(self.obj, name, "")
            if value:
                return str(value)
        return str(self.obj)


def recently_removed(workspace: Workspace) -> list[Removed]:
    since = timezone.now() - KEPT_FOR
    found = [
        removed_item(kind, obj)
        for kind in KINDS
        for obj in model_of(kind)._default_manager.filter(
            workspace=workspace, deleted_at__gte=since
        )
    ]
    return sorted(found, key=lambda item: item.removed_at, reverse=True)


def removed_item(kind: str, obj: models.Model) -> Removed:
    """A removed object with when and by whom (from its history)."""
    record = (
        EditRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            action=EditRecord.Action.DELETED,
        )  # fmt: skip
        .select_related("user")
        .order_by("-at")
        .first()
    )
    by = record.user.get_username() if record and record.user else ""
    return Removed(kind, obj, obj.deleted_at, by)  # type: ignore[attr-defined]
