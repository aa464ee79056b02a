"""Campaign-market health mid-flight: the seeds' RU engagement / US conversion case end to end,
and each signal saying what is missing instead of showing green."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from aftercast.briefs.models import KpiTarget
from aftercast.checkins import adherence, audience, health
from aftercast.checkins.flags import Thresholds
from aftercast.checkins.pace import project
from aftercast.metrics.benchmarks import install_public_benchmarks
from aftercast.metrics.models import Comment, Observation
from tests import factories


def daily(link, days: int, **per_day):
    today = timezone.localdate()
    for back in range(days):
        for metric, value in per_day.items():
            factories.observe(link, metric, value, on=today - dt.timedelta(days=back))


def minimum(brief, value: str):
    KpiTarget.objects.filter(brief=brief, is_primary=True).update(minimum=Decimal(value))


def test_the_seeds_case_flags_the_wrong_metric_in_russia_and_not_in_the_us(workspace):
    """RU creator optimised for engagement (high ER, no conversions); US creator converts."""
    install_public_benchmarks(workspace)
    campaign = factories.campaign(workspace)  # ten days in, twenty to go
    ru, us = (campaign.markets.get(market__code=code) for code in ("RU", "US"))
    minimum(factories.brief(ru, "conversion_rate", "0.03"), "0.02")
    minimum(factories.brief(us, "conversion_rate", "0.03"), "0.02")
    anna = factories.partnership(ru, factories.creator(workspace, "Анна", "RU", 50_000))
    jake = factories.partnership(us, factories.creator(workspace, "Jake", "US", 50_000))
    daily(anna, 10, likes=400, comments=60, clicks=100, conversions=0)  # ER 9 %, 0 % conversion
    daily(jake, 10, likes=60, comments=5, clicks=100, conversions=4)  # ER 1.3 %, 4 % conversion

    russia = health.market_health(ru)
    focus = [flag for flag in russia.flags if flag.signal == health.FOCUS]
    assert len(focus) == 1 and focus[0].severity == health.ACT
    assert "Анна" in focus[0].reason and "wrong metric" in focus[0].reason
    assert focus[0].actions and "primary KPI" in focus[0].actions[0]
    assert russia.paces[0].verdict == health.ACT

    with translation.override("ru"):
        (russian,) = [f for f in health.market_health(ru).flags if f.signal == health.FOCUS]
        assert "основной KPI" in russian.actions[0]  # actions read in the reader's language
    assert (
        "работают не на ту метрику" in russian.reason
        and "«Конверсия (CR)»" in russian.reason
        and "Анна: ER 9,20" in russian.reason
    )

    states = health.market_health(us)
    assert not [flag for flag in states.flags if flag.signal == health.FOCUS]
    assert states.paces[0].verdict == health.OK
    assert states.worst(health.PERFORMANCE) == health.OK


def test_an_empty_market_says_what_is_missing_for_each_signal(workspace):
    campaign = factories.campaign(workspace, markets=("US",))
    report = health.market_health(campaign.markets.get())
    reasons = {flag.signal: (flag.severity, flag.reason) for flag in report.flags}
    assert reasons[health.ADHERENCE] == (
        health.MISSING,
        "No post is planned: plan the posts to follow them.",
    )
    assert reasons[health.PERFORMANCE][0] == health.MISSING
    assert "no KPI" in reasons[health.PERFORMANCE][1]
    assert reasons[health.SENTIMENT] == (health.MISSING, "No audience comments imported yet.")
    assert not report.flagged


def test_late_and_missing_posts_and_unmet_specs(workspace):
    campaign = factories.campaign(workspace, markets=("US",))
    link = factories.partnership(campaign.markets.get(), factories.creator(workspace, code="US"))
    on_time = factories.deliverable(link, -5)
    on_time.spec_checklist = [{"item": "code in caption", "met": True}]
    on_time.save()
    late = factories.deliverable(link, -4)
    late.published_at = late.planned_at + dt.timedelta(days=2)
    late.spec_checklist = [{"item": "code in caption", "met": False}]
    late.save()
    missing = factories.deliverable(link, -3)
    missing.published_at = None
    missing.save()
    flags = adherence.adherence_flags(
        adherence.due_posts([link], timezone.localdate(), Thresholds()), Thresholds()
    )
    posts, specs = flags
    assert posts.severity == health.ACT and posts.reason == "Late or not out yet: 2 of 3 posts due."
    assert specs.severity == health.ACT and specs.reason.startswith("50%")


def test_negative_comments_their_trend_and_an_imported_score_that_overrides(workspace):
    campaign = factories.campaign(workspace, markets=("US",))
    link = factories.partnership(campaign.markets.get(), factories.creator(workspace, code="US"))
    now = timezone.now()

    def comment(text, days_ago, sentiment=None):
        Comment.objects.create(
            workspace=workspace,
            partnership=link,
            text=text,
            posted_at=now - dt.timedelta(days=days_ago),
            sentiment=sentiment,
        )

    for days_ago in (12, 11, 10):
        comment("Love it, great video", days_ago)
    for days_ago in (3, 2, 1):
        comment("Terrible, waste of money", days_ago)
    comment("Looks fine to me", 1, sentiment=-0.8)  # the imported score wins
    comment("Das ist wirklich sehr gut", 1)  # a third language: not scored
    today = timezone.localdate()
    (flag,) = audience.sentiment_flags(
        audience.labelled_comments([link], today), today, Thresholds()
    )
    assert flag.severity == health.ACT
    assert flag.reason.startswith("57% of 7 comments are negative.")
    assert "rising: 100% in the last 7 days against 0% before" in flag.reason
    assert "1 comment in another language was not scored" in flag.reason


def test_a_total_is_projected_to_the_end_and_a_rate_is_not():
    start, today, end = dt.date(2027, 6, 1), dt.date(2027, 6, 10), dt.date(2027, 6, 30)
    days = {start + dt.timedelta(days=n): {"clicks": 100.0, "conversions": 2.0} for n in range(10)}
    total = project("conversions", days, starts_on=start, ends_on=end, today=today)
    assert total.so_far == 20 and total.expected == 60 and total.low == total.high == 60
    rate = project("conversion_rate", days, starts_on=start, ends_on=end, today=today)
    assert rate.expected == rate.so_far == 0.02
    uneven = {**days, start: {"clicks": 100.0, "conversions": 12.0}}
    spread = project("conversions", uneven, starts_on=start, ends_on=end, today=today)
    assert spread.low < spread.expected < spread.high
    # Pinned: the seeded resampling gives these numbers, however it is computed.
    assert (round(spread.low, 2), round(spread.high, 2)) == (60.0, 150.0)
    early = project("conversions", {start: {"conversions": 5.0}}, starts_on=start, ends_on=end,
                    today=start)  # fmt: skip
    assert early.too_early and early.so_far == 5


def test_the_campaign_page_shows_each_markets_health_mid_flight(client, workspace, alice):
    from django.urls import reverse

    from tests.pages import get_as

    campaign = factories.campaign(workspace, markets=("US",))
    factories.brief(campaign.markets.get(), "conversion_rate", "0.03")
    url = reverse("campaigns:detail", args=[campaign.slug])
    page = get_as(client, alice, url).content.decode()
    assert "Health today" in page and "No audience comments imported yet." in page
    russian = get_as(client, alice, url, "ru").content.decode()
    assert (
        "Состояние на сегодня" in russian and "Комментарии аудитории ещё не загружены." in russian
    )
    campaign.ends_on = timezone.localdate() - dt.timedelta(days=1)
    campaign.save()
    assert "Health today" not in get_as(client, alice, url).content.decode()


@pytest.mark.parametrize("clock", ["00:30", "12:00", "23:59"])
def test_a_post_within_its_grace_period_is_not_yet_late(workspace, monkeypatch, clock):
    # At half past midnight a post planned two hours ago is still in its grace: the day's end,
    # not yet reached, must not count as passed (CI once failed at this hour).
    now = timezone.make_aware(
        dt.datetime.combine(dt.date(2026, 3, 10), dt.time.fromisoformat(clock))
    )
    monkeypatch.setattr(timezone, "now", lambda: now)
    campaign = factories.campaign(workspace, markets=("US",))
    link = factories.partnership(campaign.markets.get(), factories.creator(workspace, code="US"))
    post = factories.deliverable(link, 0)
    post.planned_at, post.published_at = now - dt.timedelta(hours=2), None
    post.save()
    thresholds = Thresholds()
    (flag,) = adherence.adherence_flags(
        adherence.due_posts([link], now.date(), thresholds), thresholds
    )
    assert flag.severity == health.MISSING  # due only once its 24 hours have passed
    post.planned_at = now - dt.timedelta(hours=25)
    post.save()
    (flag,) = adherence.adherence_flags(
        adherence.due_posts([link], now.date(), thresholds), thresholds
    )
    assert flag.severity == health.ACT
    # A day looked back on counts every grace that ran out by its end (at 00:30, 25 hours ago
    # was the day before yesterday, 23:30).
    (flag,) = adherence.adherence_flags(
        adherence.due_posts([link], now.date() - dt.timedelta(days=1), thresholds), thresholds
    )
    assert flag.severity == (health.ACT if clock == "00:30" else health.MISSING)


def test_a_cost_kpi_counts_the_fee_once_and_spending_without_results_is_acted_on(workspace):
    campaign = factories.campaign(workspace, markets=("US",))
    piece = campaign.markets.get()
    factories.brief(piece, "cpa", "40")
    link = factories.partnership(piece, factories.creator(workspace, "Jake", "US"))
    link.fee = Decimal(3000)
    link.save()
    daily(link, 10, clicks=100, conversions=0)
    (pace,) = health.market_health(piece).paces
    assert pace.verdict == health.ACT and pace.pace.missing == "no_value"
    (flag,) = [f for f in health.market_health(piece).flags if f.signal == health.PERFORMANCE]
    assert "cannot be worked out" in flag.reason and flag.severity == health.ACT
    Observation.objects.filter(partnership=link, metric="conversions").update(value=3)
    (pace,) = health.market_health(piece).paces
    # 30 conversions in the 11 days so far (the first without numbers) make 84.5 by the end of
    # the 31-day run; the fee of 3 000 is paid once, not once per day.
    assert round(pace.pace.expected, 2) == round(3000 / (30 * 31 / 11), 2)
    assert pace.verdict == health.OK


def test_the_wrong_metric_flag_leaves_out_creators_who_convert(workspace):
    install_public_benchmarks(workspace)
    campaign = factories.campaign(workspace, markets=("RU",))
    piece = campaign.markets.get()
    minimum(factories.brief(piece, "conversion_rate", "0.03"), "0.02")
    anna = factories.partnership(piece, factories.creator(workspace, "Анна", "RU", 50_000))
    olga = factories.partnership(piece, factories.creator(workspace, "Ольга", "RU", 50_000))
    daily(anna, 10, likes=400, comments=60, clicks=100, conversions=0)
    # High ER too, but converting at 20 %; the market (1.8 %) still lags.
    daily(olga, 10, likes=400, comments=60, clicks=10, conversions=2)
    (flag,) = [f for f in health.market_health(piece).flags if f.signal == health.FOCUS]
    assert "Анна" in flag.reason and "Ольга" not in flag.reason


def test_a_post_with_numbers_is_out_even_without_a_typed_publish_time(workspace):
    """Platform exports rarely carry the publish time: the first day with numbers does."""
    campaign = factories.campaign(workspace, markets=("US",))
    link = factories.partnership(campaign.markets.get(), factories.creator(workspace, code="US"))
    post = factories.deliverable(link, -5)
    post.published_at = None
    post.save()
    factories.observe(
        link, "reach", 1000, on=timezone.localdate() - dt.timedelta(days=5), post=post
    )
    (flag,) = adherence.adherence_flags(
        adherence.due_posts([link], timezone.localdate(), Thresholds()), Thresholds()
    )
    assert flag.severity == health.OK and flag.reason == "Late or not out yet: 0 of 1 post due."


def test_a_count_kpi_with_nothing_recorded_says_what_to_import(workspace):
    campaign = factories.campaign(workspace, markets=("US",))
    piece = campaign.markets.get()
    factories.brief(piece, "conversions", "500")
    link = factories.partnership(piece, factories.creator(workspace, "Jake", "US"))
    daily(link, 5, clicks=100)
    (flag,) = [f for f in health.market_health(piece).flags if f.signal == health.PERFORMANCE]
    assert flag.reason == "No Conversions recorded yet: import them from the tracker or the shop."
    for back, value in enumerate((1, 5, 2, 8, 3), start=1):
        factories.observe(link, "conversions", value, on=timezone.localdate() - dt.timedelta(back))
    report = health.market_health(piece, creators=True)
    (row,) = report.creators
    market, own = report.paces[0].pace, row.paces[0].pace
    assert market.low < market.high  # uneven days: a real range
    assert (own.low, own.high) == (market.low, market.high)  # one creator: the same range
