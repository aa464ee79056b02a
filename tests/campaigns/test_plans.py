"""A campaign plan file loads whole, or not at all, with every problem located."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from aftercast.briefs.models import Brief
from aftercast.campaigns.models import Campaign
from aftercast.campaigns.plans import PlanErrors, load_plan, read_plan

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "campaign-plan.example.yaml"


def test_the_documented_example_loads_the_seeds_story(workspace):
    campaign = load_plan(workspace, read_plan(EXAMPLE.read_text()))
    assert campaign.slug == "summer-spf" and campaign.hypothesis_ru.startswith("Честные")
    ru = Brief.objects.get(campaign_market__campaign=campaign, campaign_market__market__code="RU")
    us = Brief.objects.get(campaign_market__campaign=campaign, campaign_market__market__code="US")
    assert (ru.primary_kpi.metric, float(ru.primary_kpi.target)) == ("er_reach", 0.08)
    assert (us.primary_kpi.metric, float(us.primary_kpi.target)) == ("conversion_rate", 0.03)
    assert float(us.kpis.get(metric="cpa").target) == 12
    assert len(ru.spec_items) == 3
    assert ru.campaign_market.budget == 500_000 and ru.campaign_market.currency == "RUB"
    anna = ru.campaign_market.partnerships.get(account__handle="anna.smirnova")
    assert [arm.label for arm in anna.arms.all()] == ["A"]
    assert anna.deliverables.count() == 2
    assert float(campaign.variants.get().expected_lift) == pytest.approx(0.2)


def test_a_plan_with_errors_creates_nothing_and_names_each_place(workspace):
    plan = read_plan(EXAMPLE.read_text())
    plan["markets"][0]["creators"][0]["posts"][0]["planned_at"] = "2027-08-01T10:00"
    plan["markets"][1]["brief"]["kpis"][0]["target"] = "140 %"
    plan["markets"][1]["creators"][0]["platform"] = "myspace"
    with translation.override("en"), pytest.raises(PlanErrors) as caught:
        load_plan(workspace, plan)
    where = [place for place, _message in caught.value.problems]
    assert "markets[0].creators[0].posts[0].planned_at" in where
    assert "markets[1].brief.kpis[0].target" in where
    assert "markets[1].creators[0].platform" in where
    assert not Campaign.objects.filter(workspace=workspace).exists()


def test_not_a_plan_is_said_plainly():
    with pytest.raises(PlanErrors):
        read_plan("name: [unclosed")
    with pytest.raises(PlanErrors):
        read_plan("- just\n- a list\n")


def test_the_command_loads_a_plan_and_answers_in_json(workspace, tmp_path, capsys):
    call_command(
        "campaign", "create", "--from", str(EXAMPLE), "--workspace", workspace.slug, "--json"
    )
    answer = json.loads(capsys.readouterr().out)
    assert answer == {"ok": True, "slug": "summer-spf", "markets": ["RU", "US"], "creators": 4}
    broken = tmp_path / "broken.json"
    broken.write_text(
        json.dumps(
            {
                "name": "X",
                "brand": "B",
                "type": "conversion",
                "starts_on": "2027-01-02",
                "ends_on": "2027-01-01",
                "markets": [{"market": "ZZ"}],
            }
        )
    )
    with pytest.raises(SystemExit):
        call_command(
            "campaign",
            "create",
            "--from",
            str(broken),
            "--workspace",
            workspace.slug,
            "--json",
            "--language",
            "ru",
        )
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert problems == [
        {
            "where": "campaign.ends_on",
            "message": "Кампания не может закончиться раньше, чем начнётся.",
        }
    ]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda plan: plan.update(markets=["RU"]), "markets[0]"),
        (lambda plan: plan.update(hypothesis=["a list"]), "hypothesis"),
        (lambda plan: plan["markets"][0].update(creators="Anna"), "markets[0].creators"),
        (
            lambda plan: plan["markets"][0]["creators"][0].update(followers="lots"),
            "markets[0].creators[0].followers",
        ),
        (lambda plan: plan["markets"][1]["brief"].update(kpis=[7]), "markets[1].brief.kpis[0]"),
    ],
)
def test_a_malformed_plan_is_explained_not_crashed_on(workspace, change, where):
    plan = read_plan(EXAMPLE.read_text())
    change(plan)
    with pytest.raises(PlanErrors) as caught:
        load_plan(workspace, plan)
    assert where in [place for place, _message in caught.value.problems]
    assert not Campaign.objects.filter(workspace=workspace).exists()
