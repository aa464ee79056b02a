"""Rules as people write and keep them: a statement in either language, a kind and a scope;
never "supported" without evidence; what the evidence says (pooled effect, heterogeneity, scope
verdict, confidence in words) computed again whenever it changes; a clear finding pointing the
other way flags the rule; every edit in the history; the pages and their permissions."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from aftercast.campaigns.models import Arm, Variant, VariantDimension
from aftercast.catalog.models import Market
from aftercast.core.models import EditRecord
from aftercast.debriefs.models import Debrief, Finding
from aftercast.learnings import evidence, services
from aftercast.learnings.models import Confidence, Learning, LearningStatus, ScopeVerdict
from tests import factories


def finding(debrief, code, clicks_a, clicks_b, shown=10_000, p=0.001, variant=None):
    return Finding.objects.create(
        workspace_id=debrief.workspace_id, debrief=debrief, variant=variant,
        market=Market.objects.get(code=code), metric="ctr", value_a=clicks_a / shown,
        value_b=clicks_b / shown, n_a=shown, n_b=shown, effect_rel=clicks_b / clicks_a - 1,
        p_value=p, p_value_adjusted=p,
    )  # fmt: skip


@pytest.fixture
def debrief(workspace, campaign):
    return Debrief.objects.create(workspace=workspace, campaign=campaign)


def rule(workspace, **fields):
    return services.create_learning(
        workspace=workspace,
        **{"statement_en": "Discount codes lift CTR", "metric": "ctr", **fields},  # fmt: skip
    )


def test_a_rule_may_be_written_in_one_language_only_and_the_page_marks_it(client, workspace, vera):
    learning = rule(workspace, statement_en="", statement_ru="Промокоды поднимают CTR")
    assert learning.missing_language == "en"
    client.force_login(vera)
    page = client.get(reverse("learnings:detail", args=[learning.pk])).content.decode()
    assert "not written in English yet" in page
    with pytest.raises(ValidationError) as refused:
        rule(workspace, statement_en=" ", statement_ru="")
    assert "statement_en" in refused.value.message_dict


def test_never_supported_without_evidence(workspace, debrief):
    with pytest.raises(ValidationError) as refused:
        rule(workspace, status=LearningStatus.SUPPORTED)
    assert "status" in refused.value.message_dict
    learning = rule(workspace)
    with pytest.raises(ValidationError):
        services.update_learning(learning, {"status": LearningStatus.SUPPORTED})
    services.add_evidence(learning, finding(debrief, "RU", 200, 260))
    services.update_learning(learning, {"status": LearningStatus.SUPPORTED})
    # Unlinking its only evidence makes it a hypothesis again.
    services.remove_evidence(learning, learning.findings.get())
    learning.refresh_from_db()
    assert learning.status == LearningStatus.HYPOTHESIS and learning.pooled_effect is None


def test_evidence_is_pooled_again_whenever_it_changes(workspace, debrief):
    learning = rule(workspace)
    assert learning.confidence == Confidence.LOW and learning.scope_verdict == ""
    ru = finding(debrief, "RU", 200, 260)
    services.add_evidence(learning, ru)
    learning.refresh_from_db()
    assert learning.direction == 1 and learning.pooled_effect == pytest.approx(0.3)
    assert learning.heterogeneity_p is None  # one finding: nothing to disagree with
    us = finding(debrief, "US", 300, 390)
    services.add_evidence(learning, us)
    learning.refresh_from_db()
    assert learning.pooled_effect == pytest.approx(evidence.pooled_lift([ru, us])["pooled_effect"])
    assert learning.heterogeneity_p is not None
    assert learning.scope_verdict == ScopeVerdict.HOLDS
    # A debrief recomputed in place: the rule reads its findings again.
    us.value_b, us.effect_rel = 0.06, 1.0
    us.save()
    services.refresh_rules_of(debrief)
    learning.refresh_from_db()
    assert learning.pooled_effect > 0.4


def test_a_clear_finding_pointing_the_other_way_flags_the_rule(workspace, debrief):
    learning = rule(
        workspace, markets=[Market.objects.get(code="RU"), Market.objects.get(code="US")]
    )
    services.add_evidence(learning, finding(debrief, "RU", 200, 260))
    services.add_evidence(learning, finding(debrief, "US", 300, 301, p=0.9))  # unclear, same way
    learning.refresh_from_db()
    assert not learning.needs_review
    link = services.add_evidence(learning, finding(debrief, "US", 300, 200))
    learning.refresh_from_db()
    assert not link.supports and learning.needs_review
    assert learning.scope_verdict == ScopeVerdict.REVERSES
    services.mark_reviewed(learning)
    learning.refresh_from_db()
    assert not learning.needs_review


def test_scope_verdicts():
    # (market, effect, clear) per market, through the function's own reading of findings.
    class F:
        def __init__(self, code, a, b, n=10_000):
            self.market = Market(code=code)
            self.value_a, self.value_b, self.n_a, self.n_b = a / n, b / n, n, n
            self.effect_rel = b / a - 1

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(evidence, "poolable", lambda f: True)
        same = [F("RU", 200, 260), F("US", 300, 390)]
        assert evidence.scope_verdict(same, 0.8, {"RU", "US"}) == ScopeVerdict.HOLDS
        assert evidence.scope_verdict(same, 0.8, {"RU", "US", "KZ"}) == ScopeVerdict.MARKET_SPECIFIC
        assert evidence.scope_verdict(same, 0.01, set()) == ScopeVerdict.MARKET_SPECIFIC
        reverse_ = [F("RU", 200, 260), F("US", 300, 200)]
        assert evidence.scope_verdict(reverse_, 0.001, set()) == ScopeVerdict.REVERSES
        assert evidence.scope_verdict([], None, set()) == ""


@pytest.mark.django_db
def test_confidence_is_graded_from_the_evidence_and_said_in_words(workspace):
    campaigns = [factories.campaign(workspace, name=f"C{i}") for i in range(3)]
    debriefs = [Debrief.objects.create(workspace=workspace, campaign=c) for c in campaigns]
    strong = [
        finding(d, code, 2000, 2400, shown=100_000) for d in debriefs for code in ("RU", "US")
    ]
    pooled = evidence.pooled_lift(strong)
    grade = evidence.grade(strong, pooled)
    assert grade.confidence == Confidence.HIGH
    assert "3 campaigns" in grade.reasons[0] and "2 markets" in grade.reasons[0]
    with translation.override("ru"):
        words = evidence.grade(strong, pooled).reasons
    assert "3 кампаниях" in words[0] and "на 2 рынках" in words[0]
    weak = [finding(debriefs[0], "RU", 20, 24, shown=1000, p=0.6)]
    assert evidence.grade(weak, evidence.pooled_lift(weak)).confidence == Confidence.LOW
    assert evidence.grade([], evidence.NO_POOL).confidence == Confidence.LOW


def test_edits_keep_history_of_fields_and_evidence(workspace, debrief, bob):
    learning = rule(workspace, user=bob, tags=["promo", " Promo ", "codes"])
    assert learning.tags == ["promo", "codes"]
    us = Market.objects.get(code="US")
    services.update_learning(learning, {"kind": "avoid", "markets": [us]}, user=bob)
    found = finding(debrief, "US", 300, 360)
    services.add_evidence(learning, found, user=bob)
    records = list(EditRecord.objects.filter(object_id=learning.pk).order_by("pk"))
    assert [r.action for r in records] == ["created", "changed", "changed"]
    assert records[1].changes["kind"] == ["do", "avoid"]
    assert records[1].changes["markets"] == [[], ["US"]]
    assert records[2].changes["findings"] == [[], [str(found.pk)]]


def test_a_rule_applied_in_a_brief_is_tested_again_by_that_campaigns_debrief(workspace, campaign):
    learning = rule(workspace, dimension=VariantDimension.OFFER, direction=1)
    brief = factories.brief(campaign.markets.get(market__code="US"))
    services.apply_learning(learning, brief, applied=True)
    variant = Variant.objects.create(workspace=workspace, campaign=campaign, name="Code or not",
                                     dimension=VariantDimension.OFFER)  # fmt: skip
    debrief = Debrief.objects.create(workspace=workspace, campaign=campaign)
    finding(debrief, "US", 300, 200, variant=variant)  # the offer lost there
    finding(debrief, "RU", 300, 200, variant=variant)  # not where the rule was applied
    services.refresh_rules_of(debrief)
    (link,) = learning.evidence.all()
    assert link.finding.market.code == "US" and not link.supports
    from aftercast.learnings.selectors import applications

    (where,) = applications(learning)
    assert where.brief == brief and where.outcome == "did_not_hold"
    assert Arm.objects.count() == 0  # nothing else was created on the way


def test_an_editor_writes_a_rule_in_the_app_and_a_viewer_cannot(client, workspace, bob, vera):
    data = {"statement_en": "", "statement_ru": "Промокоды работают у микроблогеров",
            "kind": "do", "status": "hypothesis", "metric": "conversion_rate",
            "markets": [Market.objects.get(code="RU").pk], "tiers": ["micro"],
            "tags": "promo, codes"}  # fmt: skip
    client.force_login(vera)
    assert client.post(reverse("learnings:new"), data).status_code == 403
    assert "New learning" not in client.get(reverse("learnings:list")).content.decode()
    client.force_login(bob)
    empty = client.get(reverse("learnings:list")).content.decode()
    assert "Write the first rule" in empty
    refused = client.post(reverse("learnings:new"), {**data, "status": "supported"})
    assert refused.status_code == 200 and "link the findings first" in refused.content.decode()
    response = client.post(reverse("learnings:new"), data)
    learning = Learning.objects.get()
    assert response.url == reverse("learnings:detail", args=[learning.pk])
    assert learning.tiers == ["micro"] and learning.tags == ["promo", "codes"]
    blank = client.post(reverse("learnings:new"), {**data, "statement_ru": ""},
                        HTTP_ACCEPT_LANGUAGE="ru")  # fmt: skip
    assert "Напишите правило хотя бы на одном языке." in blank.content.decode()


def test_evidence_is_linked_and_unlinked_in_the_app(client, workspace, debrief, bob):
    learning = rule(workspace)
    found = finding(debrief, "RU", 200, 260)
    client.force_login(bob)
    page = client.get(reverse("learnings:detail", args=[learning.pk])).content.decode()
    assert "Link a debrief finding as evidence" in page
    client.post(reverse("learnings:evidence_add", args=[learning.pk]), {"finding": found.pk})
    learning.refresh_from_db()
    assert learning.pooled_effect == pytest.approx(0.3)
    client.post(reverse("learnings:evidence_remove", args=[learning.pk, found.pk]))
    assert not learning.evidence.exists()


def test_the_briefs_panel_finds_rules_through_search(client, workspace, campaign, vera):
    from aftercast.learnings.selectors import brief_words, relevant_for_brief

    us, ru = Market.objects.get(code="US"), Market.objects.get(code="RU")
    brief = factories.brief(campaign.markets.get(market__code="US"), metric="conversion_rate")
    Variant.objects.create(workspace=workspace, campaign=campaign, name="Promo code or not",
                           dimension=VariantDimension.OFFER)  # fmt: skip
    assert "Promo code or not" in brief_words(brief) and "Конверсия" in brief_words(brief)
    codes = rule(workspace, statement_en="", statement_ru="Промокоды поднимают конверсию",
                 metric="conversion_rate", markets=[us], dimension="offer")  # fmt: skip
    vague = rule(workspace, statement_en="Post on Tuesdays", metric="")
    elsewhere = rule(workspace, statement_en="Promo codes work", metric="", markets=[ru])
    other_metric = rule(workspace, statement_en="Promo codes and ER", metric="er_reach")
    found = dict(relevant_for_brief(brief))
    assert list(found)[0] == codes
    assert found[codes].startswith("This campaign tests the same: offer; about a KPI of this brief")
    assert elsewhere not in found  # tagged for another market
    assert set(found) == {codes, vague, other_metric}
    client.force_login(vera)
    page = client.get(reverse("briefs:detail", args=[brief.pk])).content.decode()
    assert "Промокоды поднимают конверсию" in page and "about a KPI of this brief" in page


def test_changing_the_expected_direction_reads_the_evidence_again(workspace, debrief):
    learning = rule(workspace)
    link = services.add_evidence(learning, finding(debrief, "RU", 200, 260))
    assert link.supports
    services.update_learning(learning, {"direction": -1})
    link.refresh_from_db()
    learning.refresh_from_db()
    assert not link.supports and learning.needs_review is False  # a person set it: reviewed


def test_supported_needs_evidence_that_establishes_the_direction(workspace, debrief):
    learning = rule(workspace)
    services.add_evidence(learning, finding(debrief, "RU", 20, 24, shown=1000, p=0.6))
    learning.refresh_from_db()
    assert learning.evidence.get().supports and learning.pooled_ci_low < 0
    with pytest.raises(ValidationError) as refused:
        services.update_learning(learning, {"status": LearningStatus.SUPPORTED})
    assert "establishes" in str(refused.value)
    services.add_evidence(learning, finding(debrief, "US", 2000, 2600, shown=100_000))
    services.update_learning(learning, {"status": LearningStatus.SUPPORTED})


def test_the_history_says_tiers_markets_and_evidence_in_words(client, workspace, debrief, vera):
    learning = rule(workspace, tiers=["micro"], markets=[Market.objects.get(code="RU")],
                    platforms=[factories.platform("tiktok")])  # fmt: skip
    services.update_learning(learning, {"tiers": ["micro", "mid"]})
    services.add_evidence(learning, finding(debrief, "RU", 200, 260))
    client.force_login(vera)
    page = client.get(reverse("learnings:detail", args=[learning.pk])).content.decode()
    assert "Micro, Mid-tier" in page and "1 finding" in page and "Russia" in page
    assert "TikTok" in page and "tiktok" not in page
    assert learning.key not in page  # the exchange key is not history
