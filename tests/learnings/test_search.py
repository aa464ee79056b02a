"""Learnings search: full text with Russian and English stemming, case and ё folded, across
languages through the glossary, on SQLite FTS5 and PostgreSQL alike (this module runs on both);
no query, however hostile, is an error."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from aftercast.learnings.models import Learning
from aftercast.learnings.search import search_learnings
from aftercast.learnings.text import document_terms, query_groups
from tests import factories

RULES = {
    "humour": ("Humour beats testimonials on TikTok in Russia", "Юмор обгоняет отзывы в TikTok"),
    "engagement": ("", "Средние блогеры дают высокую вовлечённость, но не продажи"),
    "codes": ("Mid-tier creators with discount codes reach CAC under $10 in the US", ""),
    "conversion": ("", "Закреплённый комментарий с промокодом поднимает конверсию"),
    "contrast": (
        "High-contrast creative lifts CTR by a fifth",
        "Высококонтрастный креатив поднимает CTR на пятую часть",
    ),  # fmt: skip
}

METRICS = {"humour": "ctr", "engagement": "er_reach", "codes": "cpa",
           "conversion": "conversion_rate", "contrast": "ctr"}  # fmt: skip


@pytest.fixture
def rules(workspace):
    return {
        name: Learning.objects.create(
            workspace=workspace, statement_en=en, statement_ru=ru, metric=METRICS[name]
        )
        for name, (en, ru) in RULES.items()
    }


def found(workspace, query) -> list[int]:
    return [match.learning_id for match in search_learnings(workspace, query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("юмор", "humour"),  # lower-case Cyrillic finds "Юмор"
        ("ЮМОРА", "humour"),
        ("вовлеченность", "engagement"),  # е finds ё
        ("конверсия", "conversion"),  # the stem finds "конверсию"
        ("humor", "humour"),  # the glossary joins the spellings
        ("промокоды", "conversion"),  # and "discount codes": the same concept
    ],
)
def test_it_folds_case_and_yo_and_finds_every_form_of_a_word(workspace, rules, query, expected):
    assert rules[expected].pk in found(workspace, query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("промокод стоимость привлечения", "codes"),  # Russian query, English-only rule
        ("engagement", "engagement"),  # English query, Russian-only rule
        ("средний блогер с промокодом в США", "codes"),
        ("humour", "humour"),
    ],
)
def test_a_query_in_one_language_finds_a_rule_written_in_the_other(
    workspace, rules, query, expected
):
    assert found(workspace, query)[0] == rules[expected].pk


def test_a_rule_matching_more_words_ranks_first_and_others_are_kept_out(workspace, rules):
    ranked = found(workspace, "what worked last time for mid-tier creators in the US market")
    assert ranked[0] == rules["codes"].pk
    other = factories.workspace("Other")
    Learning.objects.create(workspace=other, statement_en="Mid-tier creators in the US",
                            statement_ru="", metric="ctr")  # fmt: skip
    assert set(ranked) <= {rule.pk for rule in rules.values()}


def test_an_edit_is_searchable_at_once_and_a_removed_rule_is_not(workspace, rules):
    rule = rules["contrast"]
    rule.statement_en = "Pastel creative underperforms"
    rule.save(update_fields=["statement_en"])
    assert found(workspace, "pastel") == [rule.pk]
    rule.delete()
    assert found(workspace, "pastel") == []


HOSTILE = [
    "",
    "   ",
    "x" * 10_000,
    "юмор " * 3_000,
    '"unterminated',
    "creat*",
    "humour NEAR testimonial",
    "-humour",
    "statement_en:humour",
    "(humour",
    "'; DROP TABLE learnings_learning; --",
    "1 OR 1=1",
    "юмор humour 混合 😀🔥",
    "\x00\x1f",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_no_query_is_an_error(client, workspace, rules, bob, query):
    search_learnings(workspace, query)
    client.force_login(bob)
    page = client.get(reverse("learnings:list"), {"q": query})
    assert page.status_code == 200
    assert Learning.objects.count() == len(RULES)


def test_terms_are_letters_and_digits_only_so_no_engine_syntax_gets_through():
    for query in HOSTILE:
        for _word, group in query_groups(query):
            assert all(term.isalnum() for term in group)
    assert "qqer" in document_terms("Вовлечённость выросла").split()
    assert "qqpromocode" in document_terms("with a discount code").split()


def test_the_cli_searches_in_words_and_as_json(workspace, rules):
    import json
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("search", "юмор", "--workspace", workspace.slug, "--language", "en", stdout=out)
    assert out.getvalue().startswith(f"#{rules['humour'].pk} Humour beats")
    assert "Score " in out.getvalue() and "matches “юмор”" in out.getvalue()
    out = StringIO()
    call_command("search", "engagement", "--workspace", workspace.slug, "--json", stdout=out)
    (result,) = json.loads(out.getvalue())["results"]
    assert result["id"] == rules["engagement"].pk and result["statement_en"] == ""
    out = StringIO()
    call_command("search", "TikTok humour", "--workspace", workspace.slug, "--json", stdout=out)
    said = json.loads(out.getvalue())
    assert said["filters"] == [
        {"kind": "platform", "value": "tiktok", "words": "tiktok", "label": "TikTok"}
    ]
    assert set(said) == {"query", "text", "filters", "results", "facets"}
    assert {"id", "statement_en", "statement_ru", "score", "why"} <= set(said["results"][0])
    assert said["results"][0]["id"] == rules["humour"].pk
    with pytest.raises(CommandError, match="Say which workspace"):
        factories.workspace("Second")
        call_command("search", "юмор")


def test_scope_words_become_filters_and_the_rest_is_the_text_query(client, workspace, bob):
    from aftercast.catalog.models import Market
    from aftercast.learnings import facets

    scope, rest = facets.parse("what worked last time for mid-tier creators in the US market")
    assert {(f.kind, f.value) for f in scope} == {("tier", "mid"), ("market", "US")}
    assert rest == "what worked last time for creators in the"
    scope, rest = facets.parse("микроблогеры в России, TikTok")
    assert {(f.kind, f.value) for f in scope} == {("tier", "micro"), ("market", "RU"),
                                                 ("platform", "tiktok")}  # fmt: skip
    assert facets.parse("what worked for us")[0] == []  # a pronoun, not a market
    us, ru = Market.objects.get(code="US"), Market.objects.get(code="RU")
    made = {}
    for name, market, tiers in (("US mid", us, ["mid"]), ("RU mid", ru, ["mid"]),
                                ("US micro", us, ["micro"]), ("anywhere", None, [])):  # fmt: skip
        rule = Learning.objects.create(workspace=workspace, statement_en=f"{name} creators win",
                                       statement_ru="", metric="ctr", tiers=tiers)  # fmt: skip
        if market:
            rule.markets.set([market])
        made[name] = rule
    client.force_login(bob)
    page = client.get(reverse("learnings:list"), {"q": "mid-tier creators in the US market"})
    shown = {rule.pk for rule in page.context["page"].object_list}
    assert shown == {made["US mid"].pk, made["anywhere"].pk}
    assert "Read as filters:" in page.text and "United States ×" in page.text
    only_scope = client.get(reverse("learnings:list"), {"q": "US"})
    assert {r.pk for r in only_scope.context["page"].object_list} == {
        made["US mid"].pk, made["US micro"].pk, made["anywhere"].pk}  # fmt: skip


def test_metric_and_time_words_become_filters():
    import datetime as dt

    from aftercast.learnings import facets

    today = dt.date(2026, 11, 27)
    scope, rest = facets.parse("конверсия прошлой весной", today)
    assert {(f.kind, f.value) for f in scope} == {
        ("metric", "conversion"), ("time", "2026-03-01..2026-05-31")}  # fmt: skip
    assert rest == ""
    assert facets.parse("last winter", today)[0][0].value == "2025-12-01..2026-02-28"
    assert facets.parse("summer 2025 humour", today)[0][0].value == "2025-06-01..2025-08-31"
    assert facets.parse("в 2025 году", today) == (
        [facets.Facet("time", "2025-01-01..2025-12-31", "2025 году", "2025")],
        "в",
    )
    assert facets.parse("last year", today)[0][0].value == "2025-01-01..2025-12-31"
    assert facets.parse("прошлом месяце", today)[0][0].value == "2026-10-01..2026-10-31"
    # "falls" and "лет" are not seasons on their own.
    assert facets.parse("CTR falls", today)[0] == [facets.Facet("metric", "ctr", "ctr")]
    assert facets.parse("10 лет", today)[0] == []
    (chip,) = facets.parse("humour last spring", today)[0]
    assert facets.without("humour last spring", chip) == "humour"
    assert facets.label(chip) == "spring 2026"


def test_a_time_filter_keeps_rules_whose_evidence_ran_then(workspace):
    import datetime as dt

    from aftercast.debriefs.models import Debrief, Finding
    from aftercast.learnings.selectors import find_learnings
    from aftercast.learnings.services import add_evidence, create_learning

    spring = factories.campaign(workspace, name="Spring")
    spring.starts_on, spring.ends_on = dt.date(2026, 3, 10), dt.date(2026, 4, 20)
    spring.save()
    debrief = Debrief.objects.create(workspace=workspace, campaign=spring)
    tested = create_learning(workspace=workspace, statement_en="Codes lift sales", metric="ctr")
    add_evidence(tested, Finding.objects.create(
        workspace=workspace, debrief=debrief, market=factories.market("RU"), metric="ctr",
        value_a=0.01, value_b=0.012, n_a=10_000, n_b=10_000, effect_rel=0.2))  # fmt: skip
    create_learning(workspace=workspace, statement_en="Codes lift sales too", metric="ctr")
    found = find_learnings(workspace, query="codes spring 2026")
    assert [rule.pk for rule in found.learnings] == [tested.pk]


def test_ranking_blends_text_with_evidence_strength_and_says_why(workspace):
    from aftercast.learnings.explain import highlight, payload, why
    from aftercast.learnings.selectors import find_learnings

    weak = Learning.objects.create(workspace=workspace, statement_en="Humour wins on TikTok")
    strong = Learning.objects.create(workspace=workspace, statement_en="Humour wins on TikTok",
                                     status="supported", confidence="high")  # fmt: skip
    found = find_learnings(workspace, query="humour")
    assert [r.pk for r in found.learnings.order_by("-relevance")] == [strong.pk, weak.pk]
    match = found.matches[strong.pk]
    assert match.text == 1.0 and match.score > found.matches[weak.pk].score
    assert "matches “humour”" in why(strong, match) and "supported, high confidence" in why(
        strong, match)  # fmt: skip
    said = payload(found, 10)
    assert said["facets"]["status"][0]["count"] == 1
    assert [r["id"] for r in said["results"]] == [strong.pk, weak.pk]
    # Empty query: the strongest first.
    assert payload(find_learnings(workspace, query=""), 10)["results"][0]["id"] == strong.pk
    marked = highlight("<b>Humour</b> & юмор wins", found.terms)
    assert marked == "&lt;b&gt;<mark>Humour</mark>&lt;/b&gt; &amp; <mark>юмор</mark> wins"


def test_the_list_offers_counts_to_refine_by(client, workspace, rules, bob):
    client.force_login(bob)
    page = client.get(reverse("learnings:list"), {"q": "промокод"}).content.decode()
    assert "Refine by" in page and "metric=cpa" in page
    assert "<mark>" in page


def test_a_workspace_teaches_the_glossary_its_own_words(client, workspace, rules, bob, vera):
    from aftercast.learnings import services
    from aftercast.learnings.models import GlossaryTerm

    assert found(workspace, "инфлы") == []
    services.add_glossary_term(workspace, concept="creator", phrase="инфлы")
    # "инфлы" now means creator: it finds "Mid-tier creators..." and "Средние блогеры...".
    assert set(found(workspace, "инфлы")) == {rules["codes"].pk, rules["engagement"].pk}
    # Its own concept, joining an English and a Russian word.
    services.add_glossary_term(workspace, concept="ugc", phrase="testimonials")
    services.add_glossary_term(workspace, concept="ugc", phrase="отзывы")
    assert rules["humour"].pk in found(workspace, "отзывы")
    with pytest.raises(ValidationError) as refused:
        services.add_glossary_term(workspace, concept="creator", phrase="блогеры")
    assert "already means" in str(refused.value)
    with pytest.raises(ValidationError):
        services.add_glossary_term(workspace, concept="no spaces!", phrase="three word phrase")
    # Another workspace is not taught.
    other = factories.workspace("Other")
    Learning.objects.create(workspace=other, statement_en="Creators win")
    assert found(other, "инфлы") == []
    services.remove_glossary_term(GlossaryTerm.objects.get(phrase="инфлы"))
    assert found(workspace, "инфлы") == []
    # The page: editors add, viewers read.
    client.force_login(vera)
    assert (
        client.post(reverse("learnings:glossary"), {"phrase": "x", "concept": "y"}).status_code
        == 403
    )
    assert "testimonials" in client.get(reverse("learnings:glossary")).content.decode()
    client.force_login(bob)
    response = client.post(reverse("learnings:glossary"), {"phrase": "инфлы", "concept": "creator"})
    assert response.status_code == 302 and rules["codes"].pk in found(workspace, "инфлы")
    page = client.post(reverse("learnings:glossary"), {"phrase": "инфлы", "concept": "creator"},
                       HTTP_ACCEPT_LANGUAGE="ru").content.decode()  # fmt: skip
    assert "уже означает" in page


def test_removing_a_chip_takes_its_framing_words_and_keeps_the_rest_as_typed():
    from aftercast.learnings import facets

    query = "mid-tier creators in the US market"
    tier, market = facets.parse(query)[0]
    assert facets.without(query, tier) == "creators in the US market"
    assert facets.parse(facets.without(query, tier))[0] == [market]  # "US" is still a market
    assert facets.without(query, market) == "mid tier creators in the"
    (micro, russia) = facets.parse("микроблогеры в России")[0]
    assert facets.without("микроблогеры в России", micro) == "в России"
    assert facets.without("в России", facets.parse("в России")[0][0]) == ""  # only "в" left
