"""A workspace's lists for a program review, as CSV or XLSX: campaigns with each market's
verdict, learnings, action items and benchmarks, headed in the reader's language. A cell a
spreadsheet would read as a formula (=, +, -, @, a tab or a return first) is written as text,
so a hostile string can never run in the reviewer's spreadsheet."""

import csv
import io

from django.utils.translation import gettext as _

from aftercast.core import formatting
from aftercast.core.models import Workspace
from aftercast.metrics.registry import get_metric

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LISTS = ("campaigns", "learnings", "actions", "benchmarks")


def neutral(value) -> str | float | int:
    """A cell as written: numbers stay numbers; text that would start a formula gets a '."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else (_("yes") if value else _("no"))
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _campaigns(workspace: Workspace) -> tuple[list[str], list[list]]:
    from aftercast.campaigns.models import Campaign
    from aftercast.debriefs.models import MarketVerdict

    header = [_("Campaign"), _("Status"), _("Starts"), _("Ends"), _("Market"), _("Metric"),
              _("Target"), _("Actual"), _("Verdict")]  # fmt: skip
    rows: list[list] = []
    campaigns = Campaign.objects.filter(workspace=workspace, deleted_at__isnull=True)
    verdicts = {
        (v.campaign_market_id): v for v in MarketVerdict.objects.filter(workspace=workspace)
    }
    for campaign in campaigns.order_by("-starts_on", "name"):
        pieces = campaign.markets.filter(deleted_at__isnull=True).select_related("market")
        for piece in pieces.order_by("market__code") or [None]:
            verdict = verdicts.get(piece.pk) if piece else None
            rows.append([
                campaign.name, str(campaign.get_status_display()),
                formatting.date(campaign.starts_on), formatting.date(campaign.ends_on),
                piece.market.name if piece else "",
                str(get_metric(verdict.metric).name) if verdict else "",
                float(verdict.target) if verdict else None,
                float(verdict.actual) if verdict and verdict.actual is not None else None,
                str(verdict.get_verdict_display()) if verdict else _("no debrief yet"),
            ])  # fmt: skip
    return header, rows


def _learnings(workspace: Workspace) -> tuple[list[str], list[list]]:
    from aftercast.learnings.models import Learning

    header = [_("Key"), _("Rule (English)"), _("Rule (Russian)"), _("Kind"), _("Status"),
              _("Confidence"), _("Markets"), _("Metric"), _("Pooled effect"), _("CI low"),
              _("CI high")]  # fmt: skip
    rules = Learning.objects.filter(workspace=workspace, deleted_at__isnull=True)
    rows = [[
        rule.key, rule.statement_en, rule.statement_ru, str(rule.get_kind_display()),
        str(rule.get_status_display()), str(rule.get_confidence_display()),
        ", ".join(sorted(m.code for m in rule.markets.all())),
        str(get_metric(rule.metric).name) if rule.metric else "", rule.pooled_effect,
        rule.pooled_ci_low, rule.pooled_ci_high,
    ] for rule in rules.prefetch_related("markets").order_by("pk")]  # fmt: skip
    return header, rows


def _actions(workspace: Workspace) -> tuple[list[str], list[list]]:
    from aftercast.debriefs.selectors import action_items

    header = [_("Action"), _("Owner"), _("Due"), _("Done"), _("Campaign"), _("Where")]
    rows = [[row.description, row.owner, formatting.date(row.due_on) if row.due_on else "",
             row.done, row.campaign, row.where]
            for row in action_items(workspace, shown="all")]  # fmt: skip
    return header, rows


def _benchmarks(workspace: Workspace) -> tuple[list[str], list[list]]:
    from aftercast.metrics.models import Benchmark

    header = [_("Market"), _("Tier"), _("Platform"), _("Metric"), "p25", _("Median"), "p75",
              _("Source")]  # fmt: skip
    found = Benchmark.objects.filter(workspace=workspace).select_related("market", "platform")
    rows = [[b.market.name, str(b.get_tier_display()), b.platform.name if b.platform else "",
             str(get_metric(b.metric).name), b.p25, b.median, b.p75, b.source]
            for b in found.order_by("market__code", "tier", "metric")]  # fmt: skip
    return header, rows


BUILDERS = {"campaigns": _campaigns, "learnings": _learnings, "actions": _actions,
            "benchmarks": _benchmarks}  # fmt: skip


def table(workspace: Workspace, which: str) -> tuple[list[str], list[list]]:
    header, rows = BUILDERS[which](workspace)
    return header, [[neutral(cell) for cell in row] for row in rows]


def to_csv(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutral(cell) for cell in header])
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM: Excel reads it as UTF-8


def to_xlsx(header: list[str], rows: list[list], title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append([neutral(cell) for cell in header])
    for row in rows:
        # openpyxl writes a str starting with "=" as a formula: those are already quoted.
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
