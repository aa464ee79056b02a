"""Removing what one import run wrote, by its id: for a rollback, a failure or a dead process.

Large runs are undone in chunks, each in its own short transaction, so a rollback of a
million values does not hold SQLite's write lock for minutes.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, OuterRef

from aftercast.campaigns.models import Deliverable
from aftercast.imports.models import ImportChange, ImportKind, ImportRun
from aftercast.metrics.models import Comment, FxRate, Journey, Observation, Touchpoint

CHUNK = 10_000
RESTORED: dict[str, type[Observation] | type[FxRate]] = {
    ImportKind.OBSERVATIONS: Observation,
    ImportKind.FX_RATES: FxRate,
}


def undo_run(run: ImportRun) -> None:
    """Put back what the run replaced, then remove what it created."""
    if run.pk is None:
        return
    for kind, model in RESTORED.items():
        field = "value" if model is Observation else "rate"
        # The newest change first, so a value changed twice ends at its first "before".
        changes = ImportChange.objects.filter(run=run, kind=kind).order_by("-pk")
        for chunk in _chunks(changes.values_list("object_id", "before")):
            with transaction.atomic():
                for object_id, before in chunk:
                    model.objects.filter(pk=object_id).update(**{field: before})
    _restore_comments_and_journeys(run)
    for created in (Observation, Comment, Journey, FxRate):
        _delete_in_chunks(created.objects.filter(source_import=run))
    # Posts the run discovered go too, unless another import has since given them numbers.
    posts = (
        Deliverable.objects.filter(source_import=run)
        .exclude(Exists(Observation.objects.filter(deliverable=OuterRef("pk"))))
        .exclude(Exists(Comment.objects.filter(deliverable=OuterRef("pk"))))
    )
    _delete_in_chunks(posts)


def _restore_comments_and_journeys(run: ImportRun) -> None:
    changes = ImportChange.objects.filter(
        run=run, kind__in=[ImportKind.COMMENTS, ImportKind.JOURNEYS]
    ).order_by("-pk")
    for change in changes.iterator():
        state = dict(change.previous or {})
        with transaction.atomic():
            if change.kind == ImportKind.COMMENTS:
                state["posted_at"] = dt.datetime.fromisoformat(state["posted_at"])
                Comment.objects.filter(pk=change.object_id).update(**state)
                continue
            touches = state.pop("touchpoints")
            state["value"] = Decimal(state["value"])
            if state["converted_at"]:
                state["converted_at"] = dt.datetime.fromisoformat(state["converted_at"])
            journey = Journey.objects.filter(pk=change.object_id).first()
            if journey is None:
                continue
            Journey.objects.filter(pk=journey.pk).update(**state)
            journey.touchpoints.all().delete()
            Touchpoint.objects.bulk_create(
                Touchpoint(
                    workspace_id=journey.workspace_id,
                    journey=journey,
                    position=touch["position"],
                    channel=touch["channel"],
                    at=dt.datetime.fromisoformat(touch["at"]),
                    partnership_id=touch["partnership_id"],
                )
                for touch in touches
            )


def _chunks(rows):
    chunk = []
    for row in rows.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _delete_in_chunks(queryset) -> None:
    model = queryset.model
    while True:
        pks = list(queryset.values_list("pk", flat=True)[:CHUNK])
        if not pks:
            return
        with transaction.atomic():
            model.objects.filter(pk__in=pks).delete()
