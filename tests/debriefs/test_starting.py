"""Starting a debrief of a finished campaign: filled from the numbers in the app, the API and
the CLI; its findings said in each language, with p and probabilities as people read them."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from aftercast.debriefs import wording
from aftercast.debriefs.models import Debrief, Finding, Verdict
from aftercast.debriefs.services import start_debrief
from tests import factories
from tests.api.test_planning_api import send, tokens  # noqa: F401 (a fixture)
from tests.debriefs.test_computing import contrast_campaign
from tests.pages import get_as


def finished_contrast_campaign(workspace, clicks=(100, 150), markets=("US",)):
    """A campaign that ended yesterday, with a contrast test (A vs B) in each market: the same
    clicks per 10,000 impressions everywhere."""
    arms = ((clicks[0], 10_000), (clicks[1], 10_000))
    return contrast_campaign(workspace, {code: arms for code in markets})


def test_a_debrief_is_filled_from_the_numbers_and_adjusted_across_findings(workspace):
    campaign = finished_contrast_campaign(workspace, markets=("RU", "US"))
    debrief = start_debrief(campaign)
    assert debrief.status == "draft"
    assert {v.campaign_market.market.code: v.verdict for v in debrief.verdicts.all()} == {
        "RU": Verdict.HIT, "US": Verdict.HIT,  # CTR 1.25 % against 1.2 %
    }  # fmt: skip
    findings = list(debrief.findings.exclude(market=None))
    assert len(findings) == 2  # and the two pooled
    for finding in findings:  # Holm over three p-values, two equal and larger than the pool's
        assert finding.p_value_adjusted == pytest.approx(min(1.0, 2 * finding.p_value))
    with pytest.raises(ValidationError, match="already has a debrief"):
        start_debrief(campaign)


def test_a_campaign_still_running_is_not_debriefed(workspace):
    campaign = factories.campaign(workspace, markets=("US",))
    with pytest.raises(ValidationError, match="its debrief starts once it is over"):
        start_debrief(campaign)
    assert not Debrief.objects.exists()


def test_headlines_say_whether_a_difference_was_found_in_each_language(workspace):
    campaign = finished_contrast_campaign(workspace, clicks=(100, 150))
    (found,) = start_debrief(campaign).findings.all()
    assert wording.headline(found).startswith(
        "United States: “High-contrast creative” raised CTR by 50% over “Muted creative”"
    )
    with translation.override("ru"):
        russian = wording.headline(found)
    assert "CTR выше на 50" in russian and "ДИ" in russian and "p = 0,001" in russian
    unclear = Finding(market=found.market, arm_a=found.arm_a, arm_b=found.arm_b, metric="ctr",
                      effect_rel=0.06, ci_low=-0.03, ci_high=0.15, p_value=0.21)  # fmt: skip
    assert "no clear difference in CTR" in wording.headline(unclear)
    assert "raised" not in wording.headline(unclear)


@pytest.mark.parametrize(
    ("p", "shown"), [(0.0, "< 0.001"), (1e-12, "< 0.001"), (0.0231, "0.023"), (1.0, "> 0.999")]
)
def test_p_values_never_print_as_zero_or_one(p, shown):
    assert wording.p_value_text(p) == shown


@pytest.mark.parametrize(
    ("probability", "shown"),
    [(1.0, "> 99.9%"), (0.99995, "> 99.9%"), (0.995, "99.5%"), (0.87, "87%"), (0.0, "< 0.1%")],
)
def test_probabilities_never_print_as_certain(probability, shown):
    assert wording.probability_text(probability) == shown


def test_an_editor_starts_it_from_the_list_and_the_campaign_page(client, workspace, bob, vera):
    campaign = finished_contrast_campaign(workspace)
    page = get_as(client, bob, reverse("debriefs:list")).content.decode()
    assert "Start a debrief" in page and campaign.slug in page
    campaign_page = get_as(client, bob, reverse("campaigns:detail", args=[campaign.slug]))
    assert "Start the debrief" in campaign_page.content.decode()
    client.force_login(vera)
    assert client.post(reverse("debriefs:start"), {"campaign": campaign.slug}).status_code == 403
    client.force_login(bob)
    started = client.post(reverse("debriefs:start"), {"campaign": campaign.slug})
    debrief = Debrief.objects.get(campaign=campaign)
    assert started.url == reverse("debriefs:detail", args=[debrief.pk])
    shown = get_as(client, bob, started.url, "ru").content.decode()
    assert "CTR выше на 50" in shown and "p = 0,001" in shown and "100 %" not in shown
    again = client.post(reverse("debriefs:start"), {"campaign": campaign.slug}, follow=True)
    assert "already has a debrief" in again.content.decode()


def test_the_api_and_the_cli_start_it(client, workspace, tokens):  # noqa: F811
    campaign = finished_contrast_campaign(workspace)
    path = f"/campaigns/{campaign.slug}/debrief"
    assert send(client, "post", path, tokens["viewer"]).status_code == 403
    made = send(client, "post", path, tokens["editor"], None, "ru")
    assert made.status_code == 201
    (finding,) = made.json()["findings"]
    assert "CTR выше на" in finding["headline"] and finding["p_value_adjusted"] is not None
    assert (
        send(client, "get", f"/debriefs/{made.json()['id']}", tokens["outsider"]).status_code == 404
    )
    other = finished_contrast_campaign(workspace)
    out = StringIO()
    call_command("debrief", "start", other.slug, workspace=workspace.slug, json=True, stdout=out)
    assert json.loads(out.getvalue())["verdicts"][0][0] == "US"
    with pytest.raises(CommandError, match="already has a debrief"):
        call_command("debrief", "start", other.slug, workspace=workspace.slug)


def test_coverage_lists_every_ended_campaign_and_flags_the_late_ones(client, workspace, bob):
    from aftercast.campaigns.models import CampaignStatus
    from aftercast.debriefs.selectors import DEBRIEF_DUE_DAYS, coverage

    old = finished_contrast_campaign(workspace)
    old.ends_on = timezone.localdate() - dt.timedelta(days=DEBRIEF_DUE_DAYS + 5)
    old.starts_on = old.ends_on - dt.timedelta(days=30)
    old.save()
    recent = finished_contrast_campaign(workspace)
    done = finished_contrast_campaign(workspace)
    start_debrief(done)
    factories.campaign(workspace, name="Called off", status=CampaignStatus.CANCELLED)
    report = coverage(workspace)
    assert {c.pk for c, *_rest in report.rows} == {old.pk, recent.pk, done.pk}
    assert report.overdue == [old] and report.share == pytest.approx(1 / 3)
    page = get_as(client, bob, reverse("debriefs:coverage"), "ru").content.decode()
    assert "дней после окончания" in page and "Начать разбор" in page


def test_clear_findings_propose_a_draft_rule_in_both_languages(client, workspace, bob):
    from aftercast.learnings.models import Learning, LearningStatus

    campaign = finished_contrast_campaign(workspace, clicks=(300, 390), markets=("RU", "US"))
    debrief = start_debrief(campaign)
    client.force_login(bob)
    proposed = client.post(reverse("debriefs:propose", args=[debrief.pk]))
    (rule,) = Learning.objects.all()
    assert proposed.url == reverse("learnings:detail", args=[rule.pk])
    assert rule.status == LearningStatus.HYPOTHESIS and rule.evidence.count() == 2
    assert rule.statement_en.startswith("CTR rises by about 30% with “High-contrast creative”")
    assert "Россия" in rule.statement_ru and "растёт примерно на 30" in rule.statement_ru
    assert {m.code for m in rule.markets.all()} == {"RU", "US"}
    again = client.post(reverse("debriefs:propose", args=[debrief.pk]), follow=True)
    assert "No clear finding left" in again.content.decode() and Learning.objects.count() == 1


def test_a_difference_not_established_proposes_nothing(workspace):
    from aftercast.learnings.proposals import propose_learnings

    campaign = finished_contrast_campaign(workspace, clicks=(100, 104))
    assert propose_learnings(start_debrief(campaign)) == []
