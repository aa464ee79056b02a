from datetime import date, datetime
from decimal import Decimal

from ninja import Schema


class MarketOut(Schema):
    code: str
    name_en: str
    name_ru: str
    currency: str
    language: str
    lead_metrics: list[str]


class AccountOut(Schema):
    platform: str
    handle: str
    followers: int
    tier: str | None


class CreatorOut(Schema):
    id: int
    name: str
    market: str
    language: str
    tier: str | None
    accounts: list[AccountOut]


class CampaignMarketOut(Schema):
    market: str
    budget: Decimal
    currency: str
    metrics: dict[str, float | None] | None = None


class CampaignOut(Schema):
    slug: str
    name: str
    brand: str
    campaign_type: str
    status: str
    starts_on: str
    ends_on: str
    markets: list[CampaignMarketOut]


class MetricOut(Schema):
    key: str
    name: str
    short: str
    unit: str
    kind: str
    higher_is_better: bool
    inputs: list[str]
    description: str


class ErrorOut(Schema):
    detail: str
    code: str


# What a write may answer besides success: refused by role, not found, refused by the rules.
REFUSED: dict = {403: ErrorOut, 404: ErrorOut, 422: dict}


class CampaignIn(Schema):
    name: str
    brand: str
    campaign_type: str
    starts_on: date
    ends_on: date
    category: str = ""
    hypothesis_en: str = ""
    hypothesis_ru: str = ""
    status: str = "draft"
    slug: str = ""


def sent(payload: Schema) -> dict:
    """The fields a PATCH changes: one left out, or sent as null, stays as it is (none of them
    can be null; an empty string empties a text)."""
    return {name: value for name, value in payload.dict(exclude_unset=True).items()
            if value is not None}  # fmt: skip


class CampaignPatch(Schema):
    name: str | None = None
    campaign_type: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    hypothesis_en: str | None = None
    hypothesis_ru: str | None = None
    status: str | None = None
    archived: bool | None = None


class MarketIn(Schema):
    market: str
    budget: Decimal = Decimal(0)
    currency: str = ""


class MarketPatch(Schema):
    budget: Decimal | None = None
    currency: str | None = None


class AccountIn(Schema):
    platform: str
    handle: str
    followers: int = 0


class CreatorIn(Schema):
    name: str
    market: str
    language: str = ""
    email: str = ""
    accounts: list[AccountIn] = []


class PartnershipIn(Schema):
    platform: str
    handle: str
    fee: Decimal = Decimal(0)
    currency: str = ""
    arm_ids: list[int] = []


class PartnershipPatch(Schema):
    fee: Decimal | None = None
    currency: str | None = None
    status: str | None = None
    arm_ids: list[int] | None = None


class PartnershipOut(Schema):
    id: int
    market: str
    creator: str
    platform: str
    handle: str
    fee: Decimal
    currency: str
    status: str
    arm_ids: list[int]


class DeliverableIn(Schema):
    format: str
    planned_at: datetime
    url: str = ""


class DeliverableOut(Schema):
    id: int
    partnership_id: int
    format: str
    planned_at: datetime
    url: str


class ArmIn(Schema):
    label: str
    description: str
    is_control: bool = False


class VariantIn(Schema):
    name: str
    dimension: str
    description: str = ""
    expected_lift: Decimal | None = None
    arms: list[ArmIn]


class ArmOut(Schema):
    id: int
    label: str
    description: str
    is_control: bool


class VariantOut(Schema):
    id: int
    name: str
    dimension: str
    expected_lift: Decimal | None
    arms: list[ArmOut]


class KpiIn(Schema):
    target: str
    minimum: str = ""
    primary: bool = False


class ForecastOut(Schema):
    median: float
    low80: float
    high80: float
    low95: float
    high95: float
    chance_of_target: float
    chance_of_minimum: float | None
    drivers: list[str]  # the creators that add the most uncertainty, most first
    thin: bool  # little history behind it: the range is wide on purpose
    lines: list[str]  # the same, in the request's language


class KpiOut(Schema):
    metric: str
    target: Decimal
    minimum: Decimal | None
    primary: bool
    target_text: str
    forecast: ForecastOut | None = None
    no_forecast: str = ""  # why there is none, in words


class BriefPatch(Schema):
    conversion_event: str | None = None
    conversion_window_days: int | None = None
    attribution_model: str | None = None
    content_specs: str | None = None
    posting_schedule: str | None = None
    feedback_loop: str | None = None
    notes: str | None = None
    checkin_dates: list[date] | None = None


class SignOffOut(Schema):
    role: str
    signer: str
    version: int
    signed_at: datetime | None
    responded_at: datetime | None
    comment: str
    holds: bool


class BriefOut(Schema):
    id: int
    campaign: str
    market: str
    status: str
    version: int
    conversion_event: str
    conversion_window_days: int
    attribution_model: str
    content_specs: str
    posting_schedule: str
    feedback_loop: str
    notes: str
    checkin_dates: list[date]
    kpis: list[KpiOut]
    sign_offs: list[SignOffOut]
    expectations: list[str]


class SignOffRequestIn(Schema):
    partnership_id: int
    days: int = 14


class SignOffLinkOut(Schema):
    url: str
    expires_at: datetime


class PlanProblem(Schema):
    where: str
    message: str


class FlagOut(Schema):
    signal: str
    severity: str
    reason: str
    actions: list[str]


class PaceOut(Schema):
    metric: str
    primary: bool
    verdict: str
    so_far: float | None
    expected: float | None  # at the end of the run
    low: float | None  # the likely range (90 %) of the end value
    high: float | None
    target: float
    minimum: float | None
    days_seen: int
    days_total: int


class SignalOut(Schema):
    severity: str
    reasons: list[str]


class CreatorHealthOut(Schema):
    partnership: int
    creator: str
    account: str
    signals: dict[str, SignalOut]


class HealthOut(Schema):
    campaign: str
    market: str
    as_of: date
    flags: list[FlagOut]
    paces: list[PaceOut]
    creators: list[CreatorHealthOut]


class HealthRulesIO(Schema):
    late_hours: int | None = None
    late_watch_percent: int | None = None
    late_act_percent: int | None = None
    spec_watch_percent: int | None = None
    spec_act_percent: int | None = None
    negative_watch_percent: int | None = None
    negative_act_percent: int | None = None
    trend_days: int | None = None
    # {playbook entry: [action, ...]}; an entry sent empty goes back to the defaults.
    playbook: dict[str, list[str]] | None = None


class HealthRulesOut(Schema):
    late_hours: int
    late_watch_percent: int
    late_act_percent: int
    spec_watch_percent: int
    spec_act_percent: int
    negative_watch_percent: int
    negative_act_percent: int
    trend_days: int
    playbook: dict[str, list[str]]
    own_playbook: list[str]


class ResultsLinkIn(Schema):
    days: int | None = None  # by default two weeks, or a week past the campaign's end


class ResultsLinkOut(Schema):
    id: int
    partnership: int
    url: str
    expires_at: datetime
    revoked_at: datetime | None


class CheckInActionIn(Schema):
    description: str
    owner: str = ""
    due_on: date | None = None


class CheckInHoldIn(Schema):
    held_on: date | None = None
    attendees: str = ""
    summary: str = ""
    decisions: str = ""
    actions: list[CheckInActionIn] = []


class CheckInOut(Schema):
    id: int
    campaign: str
    market: str
    scheduled_on: date
    held_on: date | None
    status: str
    attendees: str
    summary: str
    decisions: str
    flags: list[FlagOut]


class KpiJudged(Schema):
    metric: str
    target: float
    minimum: float
    actual: float | None
    verdict: str


class VerdictOut(Schema):
    market: str
    metric: str
    target: float
    actual: float | None
    verdict: str
    currency: str
    secondary: list[KpiJudged]  # the brief's other KPIs
    # The primary KPI in the reporting currency at the rate of the campaign's last day, when it
    # is money in another currency: {currency, actual, target, rate_date, stale}.
    converted: dict


class FindingOut(Schema):
    market: str | None
    metric: str
    lift: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    p_value_adjusted: float | None  # Holm, across the debrief's findings
    prob_b_better: float | None
    guards: list[str]
    headline: str
    heterogeneity_i2: float | None  # pooled findings: how much the markets disagree
    interaction_p: float | None  # pooled findings: the test that the markets differ


class AnsweredOut(Schema):
    key: str
    question: str  # in the request's language
    answers: list[dict]  # [{"who", "answer"}]


class EventOut(Schema):
    happened_on: date
    kind: str
    description: str


class ActionItemOut(Schema):
    id: int
    description: str
    owner: str
    due_on: date | None
    done: bool


class AnswersIn(Schema):
    who: str  # a role or a team, not a person
    answers: dict[str, str]  # question key -> answer


class AnswersOut(Schema):
    named: list[str]  # workspace members the answers name: a blameless answer speaks of roles


class EventIn(Schema):
    happened_on: date
    kind: str = "other"
    description: str


class ActionItemIn(Schema):
    description: str
    owner: str = ""
    due_on: date | None = None


class DoneIn(Schema):
    done: bool


class QualitativeFindingIn(Schema):
    statement: str
    market: str | None = None  # a market code of the campaign, or none for all


class QuestionOut(Schema):
    key: str
    group: str
    text: str  # in the request's language


class FailureIn(Schema):
    failure_type: str  # none / execution / strategic / measurement


class DebriefOut(Schema):
    id: int
    campaign: str
    status: str
    failure_type: str
    failure_suggested: str
    failure_evidence: list[str]  # the rules' reasons, in the request's language
    failure_confirmed: bool
    verdicts: list[VerdictOut]
    findings: list[FindingOut]
    recomputed_at: datetime | None
    changes: list[str]  # what the last recompute changed, in the request's language
    summary: str  # the team's own
    numbers_say: list[str]  # computed from the data, in the request's language
    answers: list[AnsweredOut]
    timeline: list[EventOut]
    action_items: list[ActionItemOut]
