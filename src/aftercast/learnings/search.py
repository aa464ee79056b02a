"""Full-text search of a workspace's learnings, in either language, on the database's own
engine (SQLite FTS5 with BM25, PostgreSQL full text with ts_rank) over the same stemmed terms.
A query word matches a rule by its stem or by its glossary concept; words are alternatives, and
a rule matching more of them ranks higher. The query is reduced to plain letter-and-digit terms
before it reaches the engine, so no query syntax from the user ever does."""

from dataclasses import dataclass

from django.db import connection

from aftercast.core.models import Workspace
from aftercast.learnings.text import query_groups, words

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


@dataclass(frozen=True)
class Match:
    learning_id: int
    score: float  # higher is better, comparable within one search only


def _terms(query: str) -> list[str]:
    kept = " ".join(word for word in words(query) if word not in STOP_WORDS)
    seen: dict[str, None] = {}
    for group in query_groups(kept):
        for term in group:
            seen.setdefault(term, None)
    return list(seen)[:MAX_TERMS]


def _sqlite(workspace_id: int, terms: list[str], limit: int) -> list[Match]:
    expression = " OR ".join(f'"{term}"' for term in terms)  # terms are letters and digits only
    sql = (
        "SELECT learnings_search.rowid, -bm25(learnings_search) FROM learnings_search "
        "JOIN learnings_learning ON learnings_learning.id = learnings_search.rowid "
        "WHERE learnings_search MATCH %s AND learnings_learning.workspace_id = %s "
        "AND learnings_learning.deleted_at IS NULL "
        "ORDER BY bm25(learnings_search), learnings_learning.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, workspace_id, limit])
        return [Match(row[0], float(row[1])) for row in cursor.fetchall()]


def _postgres(workspace_id: int, terms: list[str], limit: int) -> list[Match]:
    expression = " | ".join(terms)
    sql = (
        "SELECT id, ts_rank(search_vector, to_tsquery('simple', %s)) AS rank "
        "FROM learnings_learning WHERE search_vector @@ to_tsquery('simple', %s) "
        "AND workspace_id = %s AND deleted_at IS NULL ORDER BY rank DESC, id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, expression, workspace_id, limit])
        return [Match(row[0], float(row[1])) for row in cursor.fetchall()]


def search_learnings(workspace: Workspace, query: str, limit: int = 200) -> list[Match]:
    """The workspace's rules matching `query`, best first; [] when it holds no searchable word."""
    terms = _terms(query)
    if not terms:
        return []
    engine = _postgres if connection.vendor == "postgresql" else _sqlite
    return engine(workspace.pk, terms, limit)
