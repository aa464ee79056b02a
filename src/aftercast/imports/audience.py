"""Importing audience comments and customer journeys, with the same readers and guarantees."""

import datetime as dt
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from aftercast.campaigns.models import Campaign, CampaignMarket
from aftercast.imports.errors import ImportProblem
from aftercast.imports.models import ImportKind, ImportRun, ImportStatus
from aftercast.imports.parsing import is_formula, parse_date, parse_number
from aftercast.imports.readers import ReadOptions, detect, read_rows
from aftercast.imports.services import PostLookup, file_sha256
from aftercast.imports.synonyms import KEY_COLUMNS, normalise
from aftercast.metrics.models import Comment, Journey, Touchpoint

COMMENT_COLUMNS = {
    "text": ["text", "comment", "comment text", "текст", "комментарий", "текст комментария"],
    "author": ["author", "user", "username", "автор", "пользователь"],
    "comment_id": ["comment id", "id комментария"],
}
JOURNEY_COLUMNS = {
    "journey_id": [
        "journey id",
        "journey",
        "user id",
        "client id",
        "id пути",
        "id клиента",
        "клиент",
    ],
    "channel": ["channel", "source", "touchpoint", "канал", "источник", "точка контакта"],
    "timestamp": ["timestamp", "time", "date", "дата", "время", "дата и время"],
    "converted": ["converted", "conversion", "конверсия", "купил", "purchase"],
    "value": ["value", "revenue", "order value", "сумма", "выручка", "сумма заказа"],
}
YES = {"1", "true", "yes", "да", "y", "д"}
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


@dataclass
class SimpleReport:
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    run: ImportRun | None = None


def _columns(headers: list[str], table: dict[str, list[str]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for target, names in table.items():
        wanted = {normalise(n) for n in [target, *names]}
        index = next((i for i, h in enumerate(headers) if normalise(h) in wanted), None)
        if index is not None:
            found[target] = index
    return found


def detect_kind(headers: list[str]) -> str:
    """Say what a file holds: observations, comments or journeys, from its columns."""
    if "journey_id" in _columns(headers, JOURNEY_COLUMNS):
        return "journeys"
    if "text" in _columns(headers, COMMENT_COLUMNS):
        return "comments"
    return "observations"


def guess_language(text: str) -> str:
    """Return "ru" when most letters are Cyrillic, else "en" (enough for RU/EN audiences)."""
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum(bool(CYRILLIC.match(c)) for c in letters)
    return "ru" if letters and cyrillic / len(letters) >= 0.5 else "en"


def _moment(text: str, options: ReadOptions) -> dt.datetime:
    day = parse_date(text, options)
    time_part = re.search(r"(\d{1,2}):(\d{2})", text)
    at = dt.time(int(time_part[1]), int(time_part[2])) if time_part else dt.time(12)
    return timezone.make_aware(dt.datetime.combine(day, at), dt.UTC)


@transaction.atomic
def import_comments(
    *,
    campaign: Campaign,
    path: Path,
    market: str | None = None,
    run: ImportRun | None = None,
    user=None,
) -> SimpleReport:
    """Load audience comments; the same comment imported twice is stored once."""
    options = detect(path)
    rows = read_rows(path, options)
    headers = next(rows, (0, []))[1]
    keys = {t: i for t, i in _columns(headers, {**KEY_COLUMNS, **COMMENT_COLUMNS}).items()}
    if "text" not in keys:
        raise ImportProblem("no_metric_column")
    targets = PostLookup(campaign, market)
    run = _started(run, campaign, path, ImportKind.COMMENTS, user)
    report = SimpleReport()
    for number, cells in _filled(rows, report):
        try:
            link, post = targets.resolve(cells, _KeyView(keys))
            posted = _moment(_cell(cells, keys, "date"), options)
            text = _cell(cells, keys, "text")
            if is_formula(text):
                raise ImportProblem("formula", value=text[:40])
        except ImportProblem as problem:
            report.rejected.append((number, problem.message))
            continue
        ref = (
            _cell(cells, keys, "comment_id")
            or hashlib.sha256(f"{posted}{text}".encode()).hexdigest()[:32]
        )
        _, created = Comment.objects.update_or_create(
            workspace_id=campaign.workspace_id,
            partnership=link,
            external_id=ref,
            create_defaults={
                "source_import": run,
                "deliverable": post,
                "text": text,
                "author": _cell(cells, keys, "author"),
                "posted_at": posted,
                "language": guess_language(text),
            },
            defaults={
                "deliverable": post,
                "text": text,
                "author": _cell(cells, keys, "author"),
                "posted_at": posted,
                "language": guess_language(text),
            },
        )
        report.created += created
        report.updated += not created
    _record(run, report)
    return report


def _started(run: ImportRun | None, campaign: Campaign, path: Path, kind: str, user) -> ImportRun:
    """Return the record of this import, so that what it creates can be rolled back."""
    run = run or ImportRun(
        workspace_id=campaign.workspace_id,
        campaign=campaign,
        user=user,
        file_name=path.name,
        file_sha256=file_sha256(path),
    )
    run.kind, run.status = kind, ImportStatus.RUNNING
    run.save()
    return run


def _record(run: ImportRun, report: SimpleReport) -> None:
    run.rows_total = run.rows_done = report.rows_read
    run.created_count, run.updated_count = report.created, report.updated
    run.rejected_count = len(report.rejected)
    run.report["rejected"] = [
        {"row": row, "column": "", "message": message, "cells": []}
        for row, message in report.rejected
    ]
    run.status, run.finished_at = ImportStatus.DONE, timezone.now()
    run.save()
    report.run = run


def _filled(rows, report: SimpleReport):
    """Yield the rows that hold anything, counting them."""
    for number, cells in rows:
        if any(c.strip() for c in cells):
            report.rows_read += 1
            yield number, cells


def _cell(cells: list[str], keys: dict[str, int], name: str) -> str:
    index = keys.get(name)
    return cells[index].strip() if index is not None and index < len(cells) else ""


class _KeyView:
    """Lets PostLookup read key columns found by this module's own column lookup."""

    def __init__(self, keys: dict[str, int]):
        self.keys = keys

    def index_of(self, target: str) -> int | None:
        return self.keys.get(target)


@transaction.atomic
def import_journeys(
    *,
    campaign: Campaign,
    path: Path,
    market: str | None = None,
    run: ImportRun | None = None,
    user=None,
) -> SimpleReport:
    """Load touchpoint paths (one row per touch); a re-imported journey replaces its touches."""
    options = detect(path)
    rows = read_rows(path, options)
    headers = next(rows, (0, []))[1]
    cols = _columns(headers, JOURNEY_COLUMNS)
    if "journey_id" not in cols or "channel" not in cols or "timestamp" not in cols:
        raise ImportProblem("no_key_column")
    slice_ = _campaign_market(campaign, market)
    handles = {p.account.handle.lower(): p for p in slice_.partnerships.select_related("account")}
    paths: dict[str, list] = defaultdict(list)
    run = _started(run, campaign, path, ImportKind.JOURNEYS, user)
    report = SimpleReport()
    for number, cells in _filled(rows, report):
        try:
            at = _moment(cells[cols["timestamp"]], options)
            converted = "converted" in cols and cells[cols["converted"]].strip().lower() in YES
            value = (
                parse_number(cells[cols["value"]], options)
                if "value" in cols and cells[cols["value"]].strip()
                else Decimal(0)
            )
        except (ImportProblem, IndexError) as problem:
            report.rejected.append((number, getattr(problem, "message", "")))
            continue
        paths[cells[cols["journey_id"]].strip()].append(
            (at, cells[cols["channel"]].strip(), converted, value)
        )
    for ref, touches in paths.items():
        touches.sort(key=lambda t: t[0])
        converted = any(t[2] for t in touches)
        journey, created = Journey.objects.update_or_create(
            workspace_id=campaign.workspace_id,
            campaign_market=slice_,
            external_id=ref[:120],
            create_defaults={
                "source_import": run,
                "converted": converted,
                "value": max(t[3] for t in touches),
                "currency": slice_.currency,
                "converted_at": touches[-1][0] if converted else None,
            },
            defaults={
                "converted": converted,
                "value": max(t[3] for t in touches),
                "currency": slice_.currency,
                "converted_at": touches[-1][0] if converted else None,
            },
        )
        journey.touchpoints.all().delete()
        Touchpoint.objects.bulk_create(
            [
                Touchpoint(
                    workspace_id=campaign.workspace_id,
                    journey=journey,
                    position=i,
                    channel=channel[:120],
                    at=at,
                    partnership=handles.get(channel.lower().lstrip("@")),
                )
                for i, (at, channel, _c, _v) in enumerate(touches)
            ]
        )
        report.created += created
        report.updated += not created
    _record(run, report)
    return report


def _campaign_market(campaign: Campaign, market: str | None) -> CampaignMarket:
    slices = campaign.markets.select_related("market")
    if market:
        slices = slices.filter(market__code=market)
    found = list(slices[:2])
    if len(found) != 1:
        raise ImportProblem("market_needed")
    return found[0]
