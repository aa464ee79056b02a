"""How good the learnings search is, measured: 51 queries in Russian and English over a fixed
corpus of 225 rules (relevance_corpus.py), through the product's own search (scope words read as
filters, full text, the blend with evidence strength and recency). Precision at 3 (relevant
results among the first three, out of three or of all the relevant rules when there are fewer)
and the mean reciprocal rank of the first relevant result are printed after the run; the goal
is MRR >= 0.8. The first three results are pinned in relevance_top3.json: this module runs on
SQLite and PostgreSQL, so both give the same."""

import json
from pathlib import Path

import pytest

from aftercast.catalog.models import Market, Platform
from aftercast.learnings.models import Learning
from aftercast.learnings.selectors import find_learnings
from tests.learnings.relevance_corpus import QUERIES, corpus, relevant

TOP3 = Path(__file__).with_name("relevance_top3.json")


@pytest.fixture
def indexed(workspace):
    markets = {m.code: m for m in Market.objects.all()}
    platforms = {p.slug: p for p in Platform.objects.all()}
    rules = {}
    for rule in corpus():
        learning = Learning.objects.create(
            workspace=workspace, key=rule.key, statement_en=rule.statement_en,
            statement_ru=rule.statement_ru, metric=rule.metric, status=rule.status,
            confidence=rule.confidence, tiers=[rule.tier] if rule.tier else [],
        )  # fmt: skip
        if rule.market:
            learning.markets.set([markets[rule.market]])
        if rule.platform:
            learning.platforms.set([platforms[rule.platform]])
        rules[rule.key] = rule
    return rules


def ranked(workspace, text: str) -> list[str]:
    found = find_learnings(workspace, query=text).learnings
    return list(found.order_by("-relevance", "-updated_at", "pk").values_list("key", flat=True))


def test_search_quality_on_the_relevance_set(workspace, indexed, record_property):
    assert len(indexed) >= 200 and len(QUERIES) >= 40
    reciprocal, precision, top3, misses = [], [], {}, []
    for query in QUERIES:
        keys = ranked(workspace, query.text)
        wanted = {key for key, rule in indexed.items() if relevant(rule, query)}
        assert wanted, query.text
        first = next((i for i, key in enumerate(keys, 1) if key in wanted), None)
        reciprocal.append(1 / first if first else 0.0)
        precision.append(sum(key in wanted for key in keys[:3]) / min(3, len(wanted)))
        top3[query.text] = keys[:3]
        if first != 1:
            misses.append((query.text, first, keys[:3]))
    mrr = sum(reciprocal) / len(reciprocal)
    p_at_3 = sum(precision) / len(precision)
    record_property("relevance", f"MRR {mrr:.3f}, P@3 {p_at_3:.3f} over {len(QUERIES)} queries "
                                 f"and {len(indexed)} rules")  # fmt: skip
    assert mrr >= 0.8, misses
    assert p_at_3 >= 0.8, misses
    # The same first three on every engine.
    assert top3 == json.loads(TOP3.read_text(encoding="utf-8"))
