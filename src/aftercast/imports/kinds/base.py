"""What every row handler is given, and the small helpers they share."""

from collections.abc import Callable
from dataclasses import dataclass

from aftercast.campaigns.models import Campaign
from aftercast.imports.errors import ImportProblem
from aftercast.imports.lookup import CampaignPosts
from aftercast.imports.mapping import ColumnMap
from aftercast.imports.models import ImportRun
from aftercast.imports.readers import ReadOptions
from aftercast.imports.report import ImportReport, Problem


@dataclass
class Context:
    report: ImportReport
    run: ImportRun
    columns: ColumnMap
    options: ReadOptions
    workspace_id: int
    campaign: Campaign | None = None
    market: str | None = None
    creator: str | None = None
    fx_pair: tuple[str, str] | None = None
    dry_run: bool = False
    beat: Callable[[], None] = lambda: None  # "still alive", for long work between rows

    def cell(self, cells: list[str], target: str) -> str:
        index = self.columns.index_of(target)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def header(self, index: int) -> str:
        return self.columns.headers[index].strip()


def problem_of(error: ImportProblem, column: str = "") -> Problem:
    return Problem(column, error.code, error.params)


class RowHandler:
    """The interface the pipeline drives: rows in, batches written, a last word at the end."""

    @staticmethod
    def check(columns: ColumnMap, creator: str | None) -> None:
        """Refuse a file whose columns cannot hold this kind (also shown in the preview)."""

    def __init__(self, context: Context):
        self.check(context.columns, context.creator)
        self.context = context
        self.report = context.report

    def row(self, number: int, cells: list[str]) -> None:
        raise NotImplementedError

    @property
    def pending(self) -> int:
        """How much is waiting to be written (the pipeline flushes past a batch)."""
        return 0

    def flush(self) -> None:
        """Write what is pending in one short transaction (never in a dry run)."""

    def finish(self) -> None:
        self.flush()


def require_creator_key(columns: ColumnMap, creator: str | None) -> None:
    """A row must be traceable to a creator: by a link, an ID, a handle, or the named creator."""
    keyed = any(columns.has(k) for k in ("post_url", "post_id", "handle"))
    if not keyed and not creator:
        raise ImportProblem("no_key_column")


def campaign_posts(context: Context) -> CampaignPosts:
    """The campaign's creators and posts, as this run may look them up and grow them."""
    assert context.campaign is not None, "per-post files always belong to a campaign"
    return CampaignPosts(
        context.campaign,
        market=context.market,
        creator=context.creator,
        run=context.run,
        dry_run=context.dry_run,
    )
