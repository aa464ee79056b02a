"""What the demo campaigns led to: check-ins, debriefs, learnings, stories. The judging and the
statistics are the product's own services (debriefs.services, learnings.services)."""

import datetime as dt
from typing import Any

from django.utils import translation

from aftercast.campaigns.models import Campaign, CampaignMarket
from aftercast.checkins.health import market_health
from aftercast.checkins.models import CheckIn
from aftercast.checkins.services import ActionSpec, hold_checkin, suggested_actions
from aftercast.debriefs.models import Debrief, DebriefStatus
from aftercast.debriefs.services import (
    add_action_item,
    add_event,
    answer_questions,
    confirm_failure,
    set_action_done,
    start_debrief,
)
from aftercast.demo import people, stories, texts
from aftercast.learnings.models import LearningKind, LearningStatus
from aftercast.learnings.proposals import propose_learnings, propose_replicated
from aftercast.learnings.services import create_learning, has_support, update_learning
from aftercast.reports import collaboration
from aftercast.reports.models import Audience, CaseStudy
from aftercast.reports.services import generate_case_study


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


def debrief(campaign: Campaign, spec: dict, owner) -> Debrief:
    """The team's debrief: started from the numbers by the product (verdicts, findings, the
    suggested failure type, a first summary), then what people added through the same
    services the app uses. A final debrief has its failure type confirmed as suggested."""
    story = stories.STORIES.get(spec["slug"], {})
    item = start_debrief(campaign)
    item.summary = story.get("summary", "")
    item.save(update_fields=["summary", "updated_at"])
    for who, given in story.get("answers", []):
        answer_questions(item, who, given)
    for day, kind, text in story.get("events", []):
        happened = campaign.starts_on + dt.timedelta(days=day) if day >= 0 else (
            campaign.ends_on + dt.timedelta(days=day + 1))  # fmt: skip
        add_event(campaign, happened_on=happened, kind=kind, description=text)
    for text, who, due_in, done in story.get("actions", []):
        action = add_action_item(item, description=text, owner=who,
                                 due_on=campaign.ends_on + dt.timedelta(days=due_in))  # fmt: skip
        if done:
            set_action_done(action, True)
    if spec.get("debrief") != "draft":
        confirm_failure(item, item.failure_suggested, user=owner)
        item.status = DebriefStatus.FINAL
        item.save(update_fields=["status", "updated_at"])
    return item


# Hunches the team wrote down without a test behind them yet: hypotheses, never validated.
HUNCHES: list[dict[str, Any]] = [
    dict(
        metric="er_reach",
        tiers=["mid"],
        markets=["RU"],
        en="Mid-tier creators in Russia bring high engagement; whether they sell stays unknown "
        "until their tracking is tested before launch",
        ru="Средние блогеры в России дают высокую вовлечённость; продают ли они, неизвестно, "
        "пока отслеживание не проверено до старта",
    ),
    dict(
        metric="cpa",
        tiers=["mid", "micro"],
        markets=["US"],
        en="In the US, mid-tier creators with discount codes may reach CAC under $10",
        ru="В США средние блогеры с промокодами, возможно, дадут CAC ниже $10",
    ),
]


def learnings(workspace, markets: dict) -> None:
    """Rules from the debriefs, through the product's services: tests that replicated across
    campaigns become one rule each, which the team validated; every final debrief proposes
    drafts from its remaining clear findings; hunches stay hypotheses."""
    for rule in propose_replicated(workspace):
        if has_support(rule):  # the team marks supported what the evidence establishes
            update_learning(rule, {"status": LearningStatus.SUPPORTED})
    for debrief in Debrief.objects.filter(workspace=workspace, status=DebriefStatus.FINAL):
        propose_learnings(debrief)
    for hunch in HUNCHES:
        create_learning(
            workspace=workspace, statement_en=hunch["en"], statement_ru=hunch["ru"],
            kind=hunch.get("kind", LearningKind.TEST_AGAIN), metric=hunch["metric"],
            tiers=hunch["tiers"], markets=[markets[code] for code in hunch["markets"]],
        )  # fmt: skip


# A creator's side and a partner's comment, as they would answer through their links.
STORY_RU = {
    "briefed": "Показать крем в жару, в обычный день, без студии; главное — вовлечённость.",
    "happened": "Просили пастельную картинку; мы спорили и сошлись на ярком кадре — его и взяли.",
    "numbers": "В первые сутки около 40 тысяч просмотров и втрое больше комментариев, чем обычно.",
    "differently": "Лучше серия из трёх роликов, а не один: аудитория просила продолжения.",
}
REVIEW_COMMENT = (
    "US read: the CAC win came from two mid-tier creators with codes; say so in the outcomes, "
    "it is what our team will repeat."
)


def case_study(campaign: Campaign) -> CaseStudy:
    """The campaign's case study for both markets' readers, written by the product's own
    generator (reports/case_study.py); for Summer SPF, a Russian creator's story and the US
    team's review comment, through the same services the links use."""
    study = generate_case_study(campaign, audience=Audience.BOTH)
    if campaign.slug == "summer-spf":
        ru = campaign.markets.get(market__code="RU").partnerships.order_by("pk").first()
        if ru is not None:
            collaboration.answer_story(collaboration.ask_creator(ru), STORY_RU)
        review = collaboration.invite_reviewer(study, "US market team")
        collaboration.add_comment(review, section="outcomes", author="Kate (US)",
                                  body=REVIEW_COMMENT)  # fmt: skip
    return study
