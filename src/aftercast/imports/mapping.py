"""Columns to what they mean: by the kind's synonym table, by the user's choices, or saved."""

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from aftercast.imports.errors import ImportProblem
from aftercast.imports.synonyms import METRIC_COLUMNS, TABLES, normalise, target_for

IGNORE = "ignore"


@dataclass
class ColumnMap:
    """Which column index holds which key or metric; unknown headers are kept, not dropped."""

    headers: list[str]
    targets: dict[int, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)

    def index_of(self, target: str) -> int | None:
        # Asked for every cell of every row: a dict, not a scan of the targets.
        return self.positions.get(target)

    @cached_property
    def positions(self) -> dict[str, int]:
        return {target: index for index, target in self.targets.items()}

    def has(self, target: str) -> bool:
        return self.index_of(target) is not None

    @property
    def metric_columns(self) -> dict[int, str]:
        return {i: t for i, t in self.targets.items() if t in METRIC_COLUMNS}


def header_signature(headers: list[str]) -> str:
    """Return a fingerprint of a file's shape, to find the mapping saved for it."""
    return hashlib.sha256("\x1f".join(normalise(h) for h in headers).encode()).hexdigest()


def map_columns(
    headers: list[str], kind: str = "observations", overrides: dict[str, str] | None = None
) -> ColumnMap:
    """Map each header to what it means in a file of `kind`; `overrides` (header → target
    or "ignore") win. The first column claiming a target gets it; later ones are listed as
    not imported."""
    seen: set[str] = set()
    for header in headers:
        name = normalise(header)
        if name and name in seen:
            raise ImportProblem("duplicate_headers", header=header.strip()[:80])
        seen.add(name)
    overrides = {normalise(k): v for k, v in (overrides or {}).items()}
    known = TABLES[kind]
    result = ColumnMap(headers=list(headers))
    for index, header in enumerate(headers):
        target = overrides.get(normalise(header)) or target_for(header, kind)
        if target == IGNORE:
            continue
        if target is not None and target in known and target not in result.targets.values():
            result.targets[index] = target
        elif normalise(header):
            result.unknown.append(header.strip()[:80])
    return result
