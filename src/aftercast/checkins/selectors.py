"""A market's health as plain data: what the API returns and the CLI prints."""

import math

from aftercast.checkins.flags import PLAYBOOK
from aftercast.checkins.health import MarketHealth
from aftercast.checkins.rules import THRESHOLD_FIELDS, Rules


def _number(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def health_data(report: MarketHealth) -> dict:
    piece = report.piece
    return {
        "campaign": piece.campaign.slug,
        "market": piece.market.code,
        "as_of": report.today,
        "flags": [
            {"signal": f.signal, "severity": f.severity, "reason": f.reason,
             "actions": list(f.actions)}
            for f in report.flags
        ],
        "paces": [
            {
                "metric": item.metric,
                "primary": item.kpi.is_primary,
                "verdict": item.verdict,
                "so_far": _number(item.pace.so_far),
                "expected": _number(item.pace.expected),
                "low": _number(item.pace.low),
                "high": _number(item.pace.high),
                "target": item.target,
                "minimum": item.minimum,
                "days_seen": item.pace.days_seen,
                "days_total": item.pace.days_total,
            }
            for item in report.paces
        ],
        "creators": [
            {
                "partnership": row.link.pk,
                "creator": row.link.account.creator.name,
                "account": str(row.link.account),
                "signals": {
                    signal: {"severity": severity, "reasons": [flag.reason for flag in flags]}
                    for signal, severity, flags in row.cells
                    if severity is not None
                },
            }
            for row in report.creators
        ],
    }  # fmt: skip


def rules_data(rules: Rules, stored) -> dict:
    """The thresholds as the team states them (whole percentages) and the playbook in force."""
    return {
        **{name: getattr(stored, name) for name in THRESHOLD_FIELDS},
        "playbook": {key: list(rules.actions(key)) for key in PLAYBOOK},
        "own_playbook": sorted((stored.playbook or {}).keys()),
    }
