"""Audience comments under posts, kept for sentiment; the same comment imported twice is one."""

import hashlib
import re
from dataclasses import dataclass

from django.db import transaction

from aftercast.imports.errors import ImportProblem
from aftercast.imports.kinds.base import Context, RowHandler, problem_of
from aftercast.imports.lookup import CampaignPosts, PendingPost
from aftercast.imports.mapping import ColumnMap
from aftercast.imports.parsing import is_formula, parse_moment
from aftercast.metrics.models import Comment

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
FIELDS = ("deliverable_id", "text", "author", "posted_at", "language")


def guess_language(text: str) -> str:
    """Return "ru" when most letters are Cyrillic, else "en" (enough for RU/EN audiences)."""
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum(bool(CYRILLIC.match(c)) for c in letters)
    return "ru" if letters and cyrillic / len(letters) >= 0.5 else "en"


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
        keyed = any(columns.has(k) for k in ("post_url", "post_id", "handle"))
        if not keyed and not creator:
            raise ImportProblem("no_key_column")

    def __init__(self, context: Context):
        super().__init__(context)
        assert context.campaign is not None, "comments always belong to a campaign"
        self.posts = CampaignPosts(
            context.campaign,
            market=context.market,
            creator=context.creator,
            run=context.run,
            dry_run=context.dry_run,
        )
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
            if is_formula(text):
                raise ImportProblem("formula", value=text[:40])
            posted = parse_moment(context.cell(cells, "date"), context.options)
            partnership, post = self.posts.resolve(
                context.cell(cells, "post_url"),
                context.cell(cells, "post_id"),
                context.cell(cells, "handle"),
            )
        except ImportProblem as error:
            self.report.row_done(number, cells, [problem_of(error)], landed=False)
            return
        self.report.posts_created = self.posts.created
        ref = (
            context.cell(cells, "comment_id")[:120]
            or hashlib.sha256(f"{posted.isoformat()}{text}".encode()).hexdigest()[:32]
        )
        fields = {
            "deliverable_id": getattr(post, "pk", None),
            "text": text,
            "author": context.cell(cells, "author")[:200],
            "posted_at": posted,
            "language": guess_language(text),
        }
        self.incoming.append(Incoming(partnership.pk, post, ref, fields))
        self.report.row_done(number, cells, [], landed=True)

    def flush(self) -> None:
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
        for item in incoming:
            key = (item.partnership_id, item.ref)
            found = stored.get(key) or new.get(key)
            if found is None or isinstance(item.post, PendingPost):
                self.report.created += 1
                new[key] = Comment(
                    workspace_id=self.context.workspace_id,
                    partnership_id=item.partnership_id,
                    external_id=item.ref,
                    source_import=self.context.run,
                    **item.fields,
                )
            elif all(getattr(found, name) == item.fields[name] for name in FIELDS):
                self.report.unchanged += 1
            else:
                self.report.updated += 1
                for name, value in item.fields.items():
                    setattr(found, name, value)
                if found.pk:
                    changed.append(found)
        if not self.context.dry_run:
            with transaction.atomic():
                Comment.objects.bulk_create(new.values(), batch_size=1_000)
                Comment.objects.bulk_update(changed, list(FIELDS), batch_size=1_000)
