"""Full-text search of a workspace's learnings, in either language, on the database's own
engine (SQLite FTS5 with BM25, PostgreSQL full text with ts_rank) over the same stemmed terms.
A query word matches a rule by its stem or by its glossary concept; words are alternatives, and
a rule matching more of them ranks higher. The query is reduced to plain letter-and-digit terms
before it reaches the engine, so no query syntax from the user ever does."""

import datetime as dt
import math
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from aftercast.core.models import Workspace
from aftercast.learnings.glossary import Extra, for_workspace
from aftercast.learnings.text import query_groups, words, workspace_term

# Words that say nothing about a rule ("what worked last time for ..."), folded, unstemmed.
STOP_WORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "did", "do", "does", "for", "from", "had",
    "has", "have", "how", "in", "is", "it", "its", "last", "of", "on", "or", "our", "so", "that",
    "the", "their", "them", "they", "this", "time", "to", "was", "we", "were", "what", "when",
    "which", "who", "why", "with", "work", "worked", "works",
    "и", "в", "во", "на", "по", "с", "со", "к", "ко", "о", "об", "от", "для", "из", "за", "что",
    "как", "это", "то", "же", "ли", "не", "ни", "а", "но", "или", "у", "мы", "наш", "наши", "был",
    "была", "было", "были", "сработало", "работает", "раз", "последний", "прошлый",
))  # fmt: skip
MAX_TERMS = 48


# How a result's score is made: text relevance first, then how strong its evidence is and how
# recent the rule is; each part is between 0 and 1, and the page says them per result.
WEIGHTS = {"text": 0.6, "strength": 0.25, "recency": 0.15}
CONFIDENCE_STRENGTH = {"high": 1.0, "medium": 0.6, "low": 0.3}
STATUS_STRENGTH = {"supported": 1.0, "hypothesis": 0.7, "contradicted": 0.3, "retired": 0.1}
HALF_LIFE_DAYS = 365  # a rule last changed a year ago counts half as recent
CANDIDATES = 200  # the engine's best matches that are scored


@dataclass(frozen=True)
class Match:
    learning_id: int
    score: float  # the blend, between 0 and 1
    text: float  # the share of the query's words it matches, weighted by their rarity
    strength: float
    recency: float
    matched: tuple[str, ...]  # the query's words it matches


def without_stop_words(query: str) -> str:
    return " ".join(word for word in words(query) if word not in STOP_WORDS)


def _groups(query: str, extra: Extra) -> list[tuple[str, frozenset[str]]]:
    """The query's words (stop words left out), each with the terms that match it."""
    return query_groups(without_stop_words(query), extra)


def strength(status: str, confidence: str) -> float:
    return STATUS_STRENGTH.get(status, 0.5) * CONFIDENCE_STRENGTH.get(confidence, 0.3)


def recency(changed: dt.datetime, now: dt.datetime) -> float:
    return 0.5 ** (max((now - changed).days, 0) / HALF_LIFE_DAYS)


def _score(rows, groups, now) -> list[Match]:
    """Blend each candidate's text relevance (engine-independent: the same on SQLite and
    PostgreSQL) with its evidence strength and recency."""
    found = []
    frequency = dict.fromkeys((word for word, _terms in groups), 0)
    for pk, stored, status, confidence, changed in rows:
        terms_of = set(stored.split())
        matched = tuple(word for word, terms in groups if not terms_of.isdisjoint(terms))
        for word in matched:
            frequency[word] += 1
        found.append((pk, matched, strength(status, confidence), recency(_moment(changed), now)))
    total = len(found) or 1
    weights = {word: math.log(1 + total / n) if n else 0.0 for word, n in frequency.items()}
    whole = sum(weights.values()) or 1.0
    matches = []
    for pk, matched, strong, recent in found:
        text = sum(weights[word] for word in matched) / whole
        score = WEIGHTS["text"] * text + WEIGHTS["strength"] * strong + WEIGHTS["recency"] * recent
        matches.append(Match(pk, score, text, strong, recent, matched))
    return sorted(matches, key=lambda m: (-m.score, m.learning_id))


def _moment(value) -> dt.datetime:
    if isinstance(value, str):  # SQLite hands back text through a raw cursor
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


COLUMNS = "l.id, l.search_terms, l.status, l.confidence, l.updated_at"


def sqlite_match(workspace_id: int, terms: list[str]) -> str:
    """The FTS5 expression: the workspace's own rules having any of the terms (letters and
    digits only, quoted)."""
    either = " OR ".join(f'"{term}"' for term in terms)
    return f'"{workspace_term(workspace_id)}" AND ({either})'


def postgres_match(workspace_id: int, terms: list[str]) -> str:
    return f"{workspace_term(workspace_id)} & ({' | '.join(terms)})"


def _sqlite(workspace_id: int, terms: list[str], limit: int) -> list[tuple]:
    # The engine ranks inside the index; only the best `limit` rows are read from the table.
    sql = (
        f"SELECT {COLUMNS} FROM (SELECT rowid, bm25(learnings_search) AS rank "
        "FROM learnings_search WHERE learnings_search MATCH %s ORDER BY rank LIMIT %s) AS top "
        "JOIN learnings_learning l ON l.id = top.rowid "
        "WHERE l.workspace_id = %s AND l.deleted_at IS NULL ORDER BY top.rank, l.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [sqlite_match(workspace_id, terms), limit, workspace_id])
        return cursor.fetchall()


def _postgres(workspace_id: int, terms: list[str], limit: int) -> list[tuple]:
    sql = (
        f"SELECT {COLUMNS} FROM learnings_learning l "
        "WHERE l.search_vector @@ to_tsquery('simple', %s) "
        "AND l.workspace_id = %s AND l.deleted_at IS NULL "
        "ORDER BY ts_rank(l.search_vector, to_tsquery('simple', %s)) DESC, l.id LIMIT %s"
    )
    expression = postgres_match(workspace_id, terms)
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, workspace_id, expression, limit])
        return cursor.fetchall()


def query_terms(groups) -> list[str]:
    return list(dict.fromkeys(term for _word, group in groups for term in sorted(group)))[
        :MAX_TERMS
    ]


def search_learnings(
    workspace: Workspace, query: str, limit: int = CANDIDATES, now: dt.datetime | None = None
) -> list[Match]:
    """The workspace's rules matching `query`, best first; [] when it holds no searchable word.
    The engine finds the candidates by its own rank; they are scored here, alike on both."""
    groups = _groups(query, for_workspace(workspace.pk))
    terms = query_terms(groups)
    if not terms:
        return []
    engine = _postgres if connection.vendor == "postgresql" else _sqlite
    rows = engine(workspace.pk, terms, max(limit, CANDIDATES))
    return _score(rows, groups, now or timezone.now())[:limit]
