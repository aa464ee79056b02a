"""Columns to keys and metrics: by the synonym table, by the user's choices, or saved."""

import hashlib
from dataclasses import dataclass, field

from aftercast.imports.errors import ImportProblem
from aftercast.imports.synonyms import KEY_COLUMNS, METRIC_COLUMNS, normalise, target_for

IGNORE = "ignore"


@dataclass
class ColumnMap:
    """Which column index holds which key or metric; unknown headers are kept, not dropped."""

    headers: list[str]
    targets: dict[int, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)

    def index_of(self, target: str) -> int | None:
        return next((i for i, t in self.targets.items() if t == target), None)

    @property
    def metric_columns(self) -> dict[int, str]:
        return {i: t for i, t in self.targets.items() if t in METRIC_COLUMNS}


def header_signature(headers: list[str]) -> str:
    """Return a fingerprint of a file's shape, to find the mapping saved for it."""
    return hashlib.sha256("\x1f".join(normalise(h) for h in headers).encode()).hexdigest()


def map_columns(headers: list[str], overrides: dict[str, str] | None = None) -> ColumnMap:
    """Map each header to a key or metric; `overrides` (header → target or "ignore") win."""
    seen: set[str] = set()
    for header in headers:
        name = normalise(header)
        if name and name in seen:
            raise ImportProblem("duplicate_headers", header=header.strip())
        seen.add(name)
    overrides = {normalise(k): v for k, v in (overrides or {}).items()}
    result = ColumnMap(headers=list(headers))
    for index, header in enumerate(headers):
        target = overrides.get(normalise(header)) or target_for(header)
        if target == IGNORE:
            continue
        known = target is not None and (target in KEY_COLUMNS or target in METRIC_COLUMNS)
        if target is not None and known and result.index_of(target) is None:
            result.targets[index] = target
            continue
        if normalise(header):
            result.unknown.append(header.strip())
    if not ({"post_url", "post_id", "handle"} & set(result.targets.values())):
        raise ImportProblem("no_key_column")
    if "date" not in result.targets.values():
        raise ImportProblem("no_date_column")
    if not result.metric_columns:
        raise ImportProblem("no_metric_column")
    return result
