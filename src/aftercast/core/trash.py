"""Removing is soft and can be undone: a creator, a learning or a case study taken out is kept
(its `deleted_at` set, hidden everywhere the app reads live objects), its history says who
removed it, and an editor brings it back from "Recently removed". Campaigns are archived
rather than removed (campaigns/services.py)."""

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from aftercast.core.models import EditRecord, Workspace

# kind in URLs -> (model label, the URL name of its page, the URL name of its list)
KINDS = {
    "creator": ("catalog.Creator", "catalog:creator", "catalog:creators"),
    "learning": ("learnings.Learning", "learnings:detail", "learnings:list"),
    "case-study": ("reports.CaseStudy", "reports:detail", "reports:list"),
}
KEPT_FOR = dt.timedelta(days=90)  # how far back "Recently removed" looks


def model_of(kind: str) -> type[models.Model]:
    return apps.get_model(KINDS[kind][0])


def kind_of(obj: models.Model) -> str:
    label = obj._meta.label
    return next(kind for kind, (model, _page, _list) in KINDS.items() if model == label)


def _record(obj: models.Model, user, action: str) -> None:
    EditRecord.objects.create(
        workspace_id=obj.workspace_id,  # type: ignore[attr-defined]
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk,
        user=user if user is not None and user.is_authenticated else None,
        action=action, changes={},
    )  # fmt: skip


@transaction.atomic
def remove(obj: models.Model, *, user) -> None:
    obj.deleted_at = timezone.now()  # type: ignore[attr-defined]
    obj.save(update_fields=["deleted_at", "updated_at"])
    _record(obj, user, EditRecord.Action.DELETED)


@transaction.atomic
def restore(obj: models.Model, *, user) -> None:
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
