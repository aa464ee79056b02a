"""Audience comments under posts, kept for sentiment; the same comment imported twice is one."""

import hashlib
from dataclasses import dataclass

from django.db import transaction

from aftercast.imports.errors import ImportProblem
from aftercast.imports.kinds.base import (
    Context,
    RowHandler,
    campaign_posts,
    problem_of,
    require_creator_key,
)
from aftercast.imports.mapping import ColumnMap
from aftercast.imports.models import ImportChange, ImportKind
from aftercast.imports.parsing import parse_moment, parse_number
from aftercast.metrics.models import Comment
from aftercast.sentiment.detect import language_of

FIELDS = ("deliverable_id", "text", "author", "posted_at", "language")
# Monitoring exports (YouScan, Brand Analytics) give a label rather than a score.
SENTIMENT_LABELS = {
    **dict.fromkeys(["positive", "pos", "позитив", "позитивный", "позитивная", "позитивное",
                     "положительный", "положительная", "положительное"], 1.0),
    **dict.fromkeys(["negative", "neg", "негатив", "негативный", "негативная", "негативное",
                     "отрицательный", "отрицательная", "отрицательное"], -1.0),
    **dict.fromkeys(["neutral", "нейтрально", "нейтральный", "нейтральная", "нейтральное"], 0.0),
}  # fmt: skip


def read_sentiment(text: str, context: Context) -> float | None:
    """A score (-1 to 1) or a label the export already gives: it overrides Aftercast's own
    reading."""
    if not text:
        return None
    label = SENTIMENT_LABELS.get(text.strip().lower())
    if label is not None:
        return label
    try:
        value = float(parse_number(text, context.options))
    except ImportProblem:
        raise ImportProblem("sentiment_unreadable", value=text[:40]) from None
    if not -1 <= value <= 1:
        raise ImportProblem("sentiment_out_of_range", value=text[:40])
    return value


@dataclass
class Incoming:
    partnership_id: int
    post: object
    ref: str
    fields: dict


class CommentRows(RowHandler):
    @staticmethod
    def check(columns: ColumnMap, creator: str | None) -> None:
        if not columns.has("text"):
            raise ImportProblem("no_text_column")
        if not columns.has("date"):
            raise ImportProblem("no_date_column")
        require_creator_key(columns, creator)

    def __init__(self, context: Context):
        super().__init__(context)
        self.posts = campaign_posts(context)
        # A file without scores leaves the scores stored earlier as they are.
        self.with_scores = context.columns.has("sentiment")
        self.fields = (*FIELDS, "sentiment") if self.with_scores else FIELDS
        self.incoming: list[Incoming] = []

    @property
    def pending(self) -> int:
        return len(self.incoming)

    def row(self, number: int, cells: list[str]) -> None:
        context = self.context
        try:
            text = context.cell(cells, "text")
            if not text:
                raise ImportProblem("missing_text")
            # No formula check: replies start with "@name", "+1" or "- ". A comment is text to
            # read; the rejected-rows download escapes formula-like cells when it writes them.
            posted_text = context.cell(cells, "date")
            posted = parse_moment(posted_text, context.options)
            partnership, post = self.posts.resolve(
                context.cell(cells, "post_url"),
                context.cell(cells, "post_id"),
                context.cell(cells, "handle"),
            )
        except ImportProblem as error:
            self.report.row_done(number, cells, [problem_of(error)], landed=False)
            return
        author = context.cell(cells, "author")[:200]
        # Without a platform ID, a comment is who wrote what, when, under which post: the same
        # "Класс!" from two people (or under two posts) is two comments.
        where = [context.cell(cells, k) for k in ("post_url", "post_id", "handle")]
        identity = "\x1f".join([*where, author, posted_text, text])
        ref = (
            context.cell(cells, "comment_id")[:120]
            or hashlib.sha256(identity.encode()).hexdigest()[:32]
        )
        # A score the file cannot give is left out, and the comment still lands.
        problems = []
        try:
            sentiment = read_sentiment(context.cell(cells, "sentiment"), context)
        except ImportProblem as error:
            sentiment = None
            problems.append(problem_of(error, "sentiment"))
        fields = {
            "deliverable_id": getattr(post, "pk", None),
            "text": text,
            "author": author,
            "posted_at": posted,
            # "ru", "en", "unknown" (a third language: not scored), or "" (no words: emoji).
            "language": language_of(text),
        }
        if self.with_scores:
            fields["sentiment"] = sentiment
        self.incoming.append(Incoming(partnership.pk, post, ref, fields))
        self.report.row_done(number, cells, problems, landed=True)

    def flush(self) -> None:
        self.report.posts_created = self.posts.created
        incoming, self.incoming = self.incoming, []
        if not incoming:
            return
        stored = {
            (c.partnership_id, c.external_id): c
            for c in Comment.objects.filter(
                workspace_id=self.context.workspace_id,
                partnership_id__in={i.partnership_id for i in incoming},
                external_id__in={i.ref for i in incoming},
            )
        }
        new: dict[tuple, Comment] = {}
        changed: list[Comment] = []
        previous: list[ImportChange] = []
        for item in incoming:
            key = (item.partnership_id, item.ref)
            found = stored.get(key) or new.get(key)
            if found is None:
                self.report.created += 1
                new[key] = Comment(
                    workspace_id=self.context.workspace_id,
                    partnership_id=item.partnership_id,
                    external_id=item.ref,
                    source_import=self.context.run,
                    **item.fields,
                )
            elif all(getattr(found, name) == item.fields[name] for name in self.fields):
                self.report.unchanged += 1
            else:
                self.report.updated += 1
                if found.pk and found.source_import_id != self.context.run.pk:
                    previous.append(self._before(found))
                for name, value in item.fields.items():
                    setattr(found, name, value)
                if found.pk:
                    changed.append(found)
        if not self.context.dry_run:
            with transaction.atomic():
                Comment.objects.bulk_create(new.values(), batch_size=1_000)
                Comment.objects.bulk_update(changed, list(self.fields), batch_size=1_000)
                ImportChange.objects.bulk_create(previous, batch_size=1_000)

    def _before(self, comment: Comment) -> ImportChange:
        """What a rollback puts back into a comment this run rewrote."""
        state = {name: getattr(comment, name) for name in self.fields}
        state["posted_at"] = comment.posted_at.isoformat()
        return ImportChange(
            workspace_id=self.context.workspace_id,
            run=self.context.run,
            kind=ImportKind.COMMENTS,
            object_id=comment.pk,
            previous=state,
        )
