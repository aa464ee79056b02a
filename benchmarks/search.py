"""The learnings search over 1,000,000 rules in one workspace. The rules are the relevance
corpus' 25 topics, each said in English, Russian or both. Each rule also carries a campaign and
figures of its own, so the vocabulary grows with the corpus.

200 mixed queries, in Russian and English, with scope words, rare and common words, go through
the project's search function (`search_learnings`: the query read, the engine's candidates
scored and blended). They are measured against a raw query on the same index in the same run:
FTS5 MATCH ordered by bm25 on SQLite, and @@ ordered by ts_rank on PostgreSQL, with the same
terms and the same limit. Goal: p50 and p95 within 1.5x the raw query.

Reported beside it: the time to insert the rules with their index kept, and the time to build
the index again from scratch.

BENCH_RULES=N runs it smaller.
"""

import os
import random
import statistics
import time

RULES = int(os.environ.get("BENCH_RULES", "1000000"))
BATCH = 5_000
QUERIES = 200
LIMIT = 200


def _statements(rng: random.Random):
    from tests.learnings.relevance_corpus import TOPICS

    topics = list(TOPICS.values())
    campaigns = [
        "Glow serum", "Summer SPF", "Holiday gift sets", "Lip tint", "Fintech card",
        "Кешбэк-карта", "Летний SPF", "Подарочные наборы", "Сыворотка", "Тинт",
    ]  # fmt: skip
    for n in range(RULES):
        metric, en, ru = topics[n % len(topics)]
        language = rng.randrange(3)
        tail = f" ({rng.choice(campaigns)} {2020 + n % 7}, #{n})"
        yield (metric, en + tail if language != 2 else "", ru + tail if language != 1 else "")


def _build(workspace) -> float:
    """Insert the rules with their search terms; the database keeps the index as it goes."""
    from django.db import transaction

    from aftercast.learnings.models import Learning
    from aftercast.learnings.text import index_terms

    rng = random.Random(11)
    statuses = [("supported", "high"), ("hypothesis", "low"), ("supported", "medium"),
                ("hypothesis", "medium"), ("contradicted", "low")]  # fmt: skip
    started = time.perf_counter()
    batch = []
    for n, (metric, en, ru) in enumerate(_statements(rng)):
        status, confidence = statuses[n % len(statuses)]
        rule = Learning(
            workspace=workspace, key=f"bench-{n}", statement_en=en, statement_ru=ru,
            metric=metric, status=status, confidence=confidence,
        )  # fmt: skip
        rule.search_terms = index_terms(rule)
        batch.append(rule)
        if len(batch) == BATCH:
            with transaction.atomic():
                Learning.objects.bulk_create(batch)
            batch = []
    if batch:
        Learning.objects.bulk_create(batch)
    return time.perf_counter() - started


def _rebuild() -> float:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("REINDEX INDEX learnings_search_vector")
        else:
            cursor.execute("INSERT INTO learnings_search(learnings_search) VALUES ('rebuild')")
    return time.perf_counter() - started


def _queries() -> list[str]:
    from tests.learnings.relevance_corpus import QUERIES as SET

    rng = random.Random(5)
    said = [query.text for query in SET]
    extra = ["serum", "сыворотка", "2024", "gift sets 2023", "кешбэк", "fintech card",
             "mid-tier creators in the US", "микроблогеры в России", "TikTok", "промокод",
             "what worked last time", "engagement", "охват", "CTR", "conversion"]  # fmt: skip
    while len(said) < QUERIES:
        said.append(" ".join(rng.sample(said[:63] + extra, 2)))
    return said[:QUERIES]


def _raw(workspace_id: int, terms: list[str]) -> list:
    """The baseline: the engine's own ranked query on the same index with the same expression
    (the workspace's rules having any of the terms), ids only, nothing else."""
    from django.db import connection

    from aftercast.learnings.search import postgres_match, sqlite_match

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            expression = postgres_match(workspace_id, terms)
            cursor.execute(
                "SELECT id FROM learnings_learning WHERE search_vector @@ "
                "to_tsquery('simple', %s) ORDER BY ts_rank(search_vector, "
                "to_tsquery('simple', %s)) DESC LIMIT %s",
                [expression, expression, LIMIT],
            )
        else:
            cursor.execute(
                "SELECT rowid FROM learnings_search WHERE learnings_search MATCH %s "
                "ORDER BY bm25(learnings_search) LIMIT %s",
                [sqlite_match(workspace_id, terms), LIMIT],
            )
        return cursor.fetchall()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run() -> str:
    from django.db import connection
    from tests import factories

    from aftercast.learnings.glossary import for_workspace
    from aftercast.learnings.search import _groups, query_terms, search_learnings

    workspace = factories.workspace("Search bench")
    inserted = _build(workspace)
    rebuilt = _rebuild()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    queries = _queries()
    extra = for_workspace(workspace.pk)
    plans = []
    for query in queries:
        plans.append((query, query_terms(_groups(query, extra))))
    for query, terms in plans[:20]:  # warm the caches alike for both
        search_learnings(workspace, query, LIMIT)
        if terms:
            _raw(workspace.pk, terms)
    ours, raw = [], []
    for query, terms in plans:
        if not terms:
            continue
        started = time.perf_counter()
        _raw(workspace.pk, terms)
        raw.append(time.perf_counter() - started)
        started = time.perf_counter()
        search_learnings(workspace, query, LIMIT)
        ours.append(time.perf_counter() - started)
    p50 = (statistics.median(ours), statistics.median(raw))
    p95 = (_percentile(ours, 0.95), _percentile(raw, 0.95))
    return (
        f"search [{connection.vendor}]: {RULES:,} rules, {len(ours)} queries; "
        f"p50 {p50[0] * 1000:.1f} ms vs raw {p50[1] * 1000:.1f} ms = {p50[0] / p50[1]:.2f}x, "
        f"p95 {p95[0] * 1000:.1f} ms vs raw {p95[1] * 1000:.1f} ms = {p95[0] / p95[1]:.2f}x "
        f"(goal <= 1.5x); inserting the rules with the index kept {inserted:.0f} s, "
        f"building the index again {rebuilt:.1f} s"
    )
