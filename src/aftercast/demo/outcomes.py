"""What the demo campaigns led to: check-ins, debriefs, learnings, stories. The judging and the
statistics are the product's own services (debriefs.services, learnings.services)."""

import datetime as dt
from typing import Any

from django.utils import timezone, translation

from aftercast.campaigns.models import Campaign, CampaignMarket
from aftercast.checkins.health import market_health
from aftercast.checkins.models import CheckIn
from aftercast.checkins.services import ActionSpec, hold_checkin, suggested_actions
from aftercast.debriefs.models import ActionItem, Debrief, DebriefStatus, Finding, TimelineEvent
from aftercast.debriefs.services import start_debrief
from aftercast.demo import people, texts
from aftercast.learnings.models import Confidence, Learning, LearningStatus
from aftercast.learnings.services import learning_create_from_findings
from aftercast.metrics.registry import get_metric
from aftercast.reports.models import Audience, CaseStudy


def checkin(slice_: CampaignMarket, today: dt.date) -> CheckIn:
    """Hold the first planned check-in (30 % into the run) when its day has passed."""
    planned = slice_.checkins.order_by("scheduled_on").first()
    assert planned is not None  # every market starts with its check-ins planned
    if planned.scheduled_on < today:
        language = "en" if slice_.market.code == "US" else "ru"
        with translation.override(language):
            report = market_health(slice_, planned.scheduled_on)
            # The team takes up to two of the playbook's actions, in its own language.
            actions = [
                ActionSpec(spec.description, owner=people.CHECKIN_OWNER[language],
                           due_on=planned.scheduled_on + dt.timedelta(days=3),
                           playbook_key=spec.playbook_key)
                for spec in suggested_actions(report)[:2]
            ]  # fmt: skip
        hold_checkin(
            planned,
            held_on=planned.scheduled_on,
            attendees=people.CHECKIN_ATTENDEES[language],
            summary=texts.CHECKIN_SUMMARY[language],
            actions=actions,
        )
    return planned


def debrief(campaign: Campaign, spec: dict) -> Debrief:
    # Verdicts and findings come from the product's own service, as a team's would.
    item = start_debrief(campaign)
    item.status = DebriefStatus.DRAFT if spec.get("debrief") == "draft" else DebriefStatus.FINAL
    item.failure_type = spec["failure"]
    item.summary = f"{campaign.name}: " + (
        "every market reached its success metric."
        if spec["failure"] == "none"
        else "results split by market; see verdicts and findings."
    )
    item.answers = texts.BLAMELESS
    item.save()
    TimelineEvent.objects.create(
        workspace_id=campaign.workspace_id,
        debrief=item,
        happened_on=campaign.starts_on,
        description="Campaign launched",
    )
    TimelineEvent.objects.create(
        workspace_id=campaign.workspace_id,
        debrief=item,
        happened_on=campaign.ends_on,
        description="Last post tracked",
    )
    ActionItem.objects.create(
        workspace_id=campaign.workspace_id,
        debrief=item,
        description="Test every tracking link with the creator before launch",
        owner="anna",
        due_on=campaign.ends_on + dt.timedelta(days=30),
        done=True,
    )
    return item


LEARNINGS: list[dict[str, Any]] = [
    dict(
        dimension="creative_angle",
        metric="ctr",
        tiers=["micro", "mid"],
        en="High-contrast creative lifts CTR by about a fifth in both Russia and the US",
        ru="Высококонтрастный креатив поднимает CTR примерно на пятую часть и в России, и в США",
        status=LearningStatus.VALIDATED,
        confidence=Confidence.HIGH,
    ),
    dict(
        dimension="messaging",
        metric="ctr",
        tiers=["micro", "mid", "nano"],
        en="Humour and testimonials convert alike; choose by the creator's own voice",
        ru="Юмор и отзывы дают одинаковую конверсию: выбирайте по голосу самого блогера",
        status=LearningStatus.HYPOTHESIS,
        confidence=Confidence.LOW,
    ),
]
STANDALONE: list[dict[str, Any]] = [
    dict(
        metric="conversion_rate",
        tiers=["mid"],
        markets=["RU"],
        en="Mid-tier creators in Russia drive engagement, not purchases: judge them on ERR",
        ru="Средние блогеры в России дают вовлечённость, а не покупки: оценивайте их по ERR",
        status=LearningStatus.VALIDATED,
        confidence=Confidence.MEDIUM,
    ),
    dict(
        metric="cpa",
        tiers=["mid", "micro"],
        markets=["US"],
        en="In the US, mid-tier creators with discount codes reach CAC under $10",
        ru="В США средние блогеры с промокодами дают CAC ниже $10",
        status=LearningStatus.VALIDATED,
        confidence=Confidence.MEDIUM,
    ),
]


def learnings(workspace, markets: dict) -> None:
    for rule in LEARNINGS:
        findings = list(
            Finding.objects.filter(workspace=workspace, variant__dimension=rule["dimension"])
        )
        if len(findings) < 2:
            continue
        learning_create_from_findings(
            workspace=workspace,
            findings=findings,
            statement_en=rule["en"],
            statement_ru=rule["ru"],
            status=rule["status"],
            confidence=rule["confidence"],
            metric=rule["metric"],
            tiers=rule["tiers"],
            campaign_types=["conversion", "awareness"],
        )
    for rule in STANDALONE:
        item = Learning.objects.create(
            workspace=workspace,
            statement_en=rule["en"],
            statement_ru=rule["ru"],
            status=rule["status"],
            confidence=rule["confidence"],
            metric=rule["metric"],
            tiers=rule["tiers"],
        )
        item.markets.set([markets[code] for code in rule["markets"]])


VERDICT_RU = {
    "hit": "цель достигнута",
    "partial": "выше минимума, ниже цели",
    "missed": "цель не достигнута",
    "unmeasured": "не измерено",
}


def case_study(campaign: Campaign) -> CaseStudy:
    """Write a short story from the campaign's numbers, in both languages."""
    lines_en, lines_ru = [], []
    for verdict in campaign.debrief.verdicts.select_related("campaign_market__market"):
        metric = get_metric(verdict.metric)
        code = verdict.campaign_market.market.code
        actual = "—" if verdict.actual is None else f"{float(verdict.actual):.3g}"
        lines_en.append(
            f"{code}: {metric.key} {actual} against a target of "
            f"{float(verdict.target):.3g} ({verdict.verdict})."
        )
        lines_ru.append(
            f"{code}: {metric.key} {actual} при цели {float(verdict.target):.3g} "
            f"({VERDICT_RU[verdict.verdict]})."
        )
    return CaseStudy.objects.create(
        workspace_id=campaign.workspace_id,
        campaign=campaign,
        audience=Audience.BOTH,
        title_en=f"{campaign.name}: what worked in each market",
        title_ru=f"{campaign.name}: что сработало на каждом рынке",
        sections_en=[
            {"heading": "The challenge", "body": campaign.hypothesis_en or campaign.hypothesis_ru},
            {"heading": "Results by market", "body": "\n".join(lines_en)},
        ],
        sections_ru=[
            {"heading": "Задача", "body": campaign.hypothesis_ru or campaign.hypothesis_en},
            {"heading": "Результаты по рынкам", "body": "\n".join(lines_ru)},
        ],
        generated_at=timezone.now(),
    )
