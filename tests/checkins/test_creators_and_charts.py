"""Each creator's row of health, the charts of a market, the workspace's health rules, and the
read-only link that shares a creator's results with them."""

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from aftercast.checkins import charts, health, rules, sharing
from aftercast.checkins.models import CheckIn, ResultsLink
from aftercast.metrics.benchmarks import install_public_benchmarks
from aftercast.metrics.models import Comment
from tests import factories
from tests.checkins.test_health import daily, minimum
from tests.pages import get_as


def seeds_case(workspace):
    """The RU market of the seeds: Anna engages and does not convert, Olga converts."""
    install_public_benchmarks(workspace)
    campaign = factories.campaign(workspace, markets=("RU",))
    piece = campaign.markets.get()
    minimum(factories.brief(piece, "conversions", "300"), "200")
    anna = factories.partnership(piece, factories.creator(workspace, "Анна", "RU", 50_000))
    olga = factories.partnership(piece, factories.creator(workspace, "Ольга", "RU", 50_000))
    anna.fee, olga.fee = Decimal(30_000), Decimal(10_000)
    anna.save()
    olga.save()
    daily(anna, 10, likes=400, comments=60, clicks=100, conversions=0)
    daily(olga, 10, likes=30, comments=2, clicks=60, conversions=4)
    return campaign, piece, anna, olga


def test_each_creator_is_judged_against_their_share_of_a_total(workspace):
    campaign, piece, anna, olga = seeds_case(workspace)
    report = health.market_health(piece, creators=True)
    rows = {row.link.pk: row for row in report.creators}
    assert [row.link.pk for row in report.creators][0] == anna.pk  # the most urgent first
    anna_pace = rows[anna.pk].flags[health.PERFORMANCE][0]
    olga_pace = rows[olga.pk].flags[health.PERFORMANCE][0]
    # Anna is paid three quarters of the fees, so her share of 300 conversions is 225.
    assert "against a target of 225" in anna_pace.reason and anna_pace.severity == health.ACT
    assert "against a target of 75" in olga_pace.reason
    assert rows[anna.pk].severity(health.FOCUS) == health.ACT
    assert rows[olga.pk].severity(health.FOCUS) == health.OK
    assert "ER" in rows[anna.pk].flags[health.FOCUS][0].reason
    # Where each stands in the benchmark of their market, tier and platform.
    assert any("benchmark for this market, tier and platform" in f.reason
               for f in rows[anna.pk].flags[health.PERFORMANCE])  # fmt: skip
    # Without posts or comments a creator's cells say so instead of showing green.
    assert rows[olga.pk].severity(health.ADHERENCE) == health.MISSING
    assert rows[olga.pk].severity(health.SENTIMENT) == health.MISSING


def test_a_market_without_a_conversion_kpi_has_no_focus_column(workspace):
    campaign = factories.campaign(workspace, markets=("US",))
    piece = campaign.markets.get()
    factories.brief(piece, "er_reach", "0.03")
    factories.partnership(piece, factories.creator(workspace, "Jake", "US"))
    (row,) = health.market_health(piece, creators=True).creators
    assert row.severity(health.FOCUS) is None


def _layers(spec):
    return {layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]: layer
            for layer in spec["layer"]}  # fmt: skip


def test_the_pace_chart_draws_so_far_the_projected_band_and_the_lines(workspace):
    campaign, piece, anna, olga = seeds_case(workspace)
    report = health.market_health(piece, creators=True)
    drawn = charts.market_charts(report)
    ((item, spec, caption),) = drawn["paces"]
    assert caption.startswith("Conversions: heading for")
    layers = _layers(spec)
    assert set(layers) == {"area", "line", "rule"}
    band = layers["area"]["data"]["values"]
    assert band[-1]["day"] == campaign.ends_on.isoformat()
    assert band[-1]["low"] <= item.pace.expected <= band[-1]["high"]
    rules_drawn = {row["series"]: row["value"] for row in layers["rule"]["data"]["values"]}
    assert rules_drawn == {"Target": 300.0, "Minimum": 200.0}
    assert spec["config"]["font"] == "DejaVu Sans"
    grid = drawn["grid"]["data"]["values"]
    assert {row["severity"] for row in grid} >= {"act", "ok", "no data"}
    with translation.override("ru"):
        russian = charts.market_charts(health.market_health(piece, creators=True))
    ((_item, spec_ru, _caption),) = russian["paces"]
    names = {row["series"] for row in _layers(spec_ru)["rule"]["data"]["values"]}
    assert names == {"Цель", "Минимум"}
    assert "Посты вовремя и по ТЗ" in {row["signal"] for row in russian["grid"]["data"]["values"]}


def test_the_sentiment_chart_follows_the_negative_share_day_by_day(workspace):
    campaign = factories.campaign(workspace, markets=("US",))
    link = factories.partnership(campaign.markets.get(), factories.creator(workspace, "Jake", "US"))
    now = timezone.now()
    for days_ago, text in ((3, "Love it"), (3, "Terrible, waste of money"), (1, "Awful")):
        Comment.objects.create(workspace=workspace, partnership=link, text=text,
                               posted_at=now - dt.timedelta(days=days_ago))  # fmt: skip
    spec = charts.market_charts(health.market_health(link.campaign_market))["sentiment"]
    dots = spec["layer"][0]["data"]["values"]
    assert [(row["share"], row["count"]) for row in dots] == [(0.5, 2), (1.0, 1)]
    rolling = spec["layer"][1]["data"]["values"]
    assert rolling[-1]["share"] == pytest.approx(2 / 3)


def test_the_health_page_shows_charts_rows_and_lets_editors_share(client, workspace, bob, vera):
    campaign, piece, anna, olga = seeds_case(workspace)
    url = reverse("checkins:market", args=[campaign.slug, "RU"])
    page = get_as(client, bob, url).content.decode()
    assert 'data-chart="chart-pace-conversions-spec"' in page and "chart-grid-spec" in page
    assert "/charts.js?v=" in page and "Share results" in page
    assert "No comments scored yet" in page
    assert "/share/" not in get_as(client, vera, url).content.decode()
    russian = get_as(client, bob, url, "ru").content.decode()
    assert "Темп к каждому KPI" in russian
    share = reverse("checkins:share_results", args=[campaign.slug, "RU", anna.pk])
    assert client.post(share).status_code == 302
    (link,) = ResultsLink.objects.all()
    assert link.partnership == anna and link.created_by == bob
    client.force_login(vera)
    assert client.post(share).status_code == 403
    assert ResultsLink.objects.count() == 1


def test_the_charts_script_is_served_offline(client):
    from aftercast.core.charts import version

    assert client.get(reverse("core:charts_script") + "?v=old").status_code == 404
    response = client.get(reverse("core:charts_script") + f"?v={version()}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200 and b"vegaEmbed" in body and b"embedCharts" in body
    assert "immutable" in response["Cache-Control"]


def test_a_creator_sees_only_their_own_results_in_their_language(client, workspace, bob):
    campaign, piece, anna, olga = seeds_case(workspace)
    shared = sharing.share_results(anna, user=bob)
    url = reverse("creator_results", args=[shared.token])
    page = client.get(url).content.decode()
    assert "Анна, ваши результаты на сегодня" in page and 'lang="ru"' in page
    assert "Ольга" not in page  # never another creator's name or numbers
    assert "Клики" in page and "ожидается" in page
    assert "действовать" not in page and "бенчмарк" not in page  # the team's flags stay inside
    assert client.get(url)["Content-Language"] == "ru"
    assert sharing.share_results(anna, user=bob).token == shared.token  # one open link
    english = client.get(url + "?lang=en").content.decode()
    assert "Анна, your results so far" in english
    shared.link.refresh_from_db()
    assert shared.link.times_opened == 3

    assert client.get(url[:-3] + "xyz/").status_code == 404
    sharing.revoke(shared.link)
    closed = client.get(url)
    assert closed.status_code == 410 and "закрыл" in closed.content.decode()
    late = sharing.share_results(olga, user=bob, days=1)
    ResultsLink.objects.filter(pk=late.link.pk).update(expires_at=timezone.now())
    assert client.get(reverse("creator_results", args=[late.token])).status_code == 410


def test_a_dropped_creator_and_a_silly_duration_are_refused(workspace):
    campaign, piece, anna, olga = seeds_case(workspace)
    with pytest.raises(ValidationError):
        sharing.share_results(anna, days=0)
    anna.status = "dropped"
    anna.save()
    with pytest.raises(ValidationError):
        sharing.share_results(anna)


def test_a_workspace_sets_its_own_thresholds_and_playbook(workspace, other_workspace):
    campaign = factories.campaign(workspace, markets=("US",))
    link = factories.partnership(campaign.markets.get(), factories.creator(workspace, "Jake", "US"))
    now = timezone.now()
    for text in ("Love it", "Great video", "Amazing", "Terrible"):
        Comment.objects.create(workspace=workspace, partnership=link, text=text, posted_at=now)

    def sentiment():
        report = health.market_health(link.campaign_market)
        return next(flag for flag in report.flags if flag.signal == health.SENTIMENT)

    assert sentiment().severity == health.WATCH  # 25 % negative: between 15 and 30
    rules.save_rules(workspace.pk, negative_watch_percent=30, negative_act_percent=60)
    assert sentiment().severity == health.OK
    own = {"negative_sentiment": ["Call the brand's PR lead", "  "]}
    rules.save_rules(workspace.pk, negative_watch_percent=10, negative_act_percent=20, playbook=own)
    flag = sentiment()
    assert flag.severity == health.ACT and flag.actions == ("Call the brand's PR lead",)
    # Another workspace keeps the defaults.
    assert rules.rules_for(other_workspace.pk).thresholds.negative_share_act == 0.3

    with pytest.raises(ValidationError) as refused:
        rules.save_rules(workspace.pk, negative_watch_percent=50, negative_act_percent=40)
    assert "negative_act_percent" in refused.value.error_dict
    with pytest.raises(ValidationError):
        rules.save_rules(workspace.pk, playbook={"made_up": ["x"]})
    assert rules.rules_for(workspace.pk).thresholds.negative_share_act == 0.2  # nothing lost


def test_the_rules_page_edits_and_refuses_in_both_languages(client, workspace, bob, vera):
    url = reverse("checkins:rules")
    page = get_as(client, bob, url).content.decode()
    assert "Negative comments: act from (%)" in page and "Re-brief the creators" in page
    form = {
        "late_hours": 24, "late_watch_percent": 20, "late_act_percent": 50,
        "spec_watch_percent": 90, "spec_act_percent": 70, "negative_watch_percent": 40,
        "negative_act_percent": 30, "trend_days": 7, "playbook_late_posts": "Phone them\nTwice",
    }  # fmt: skip
    refused = client.post(url, form, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Действовать — с той же доли или выше" in refused
    form["negative_act_percent"] = 45
    assert client.post(url, form).status_code == 302
    stored = rules.stored_rules(workspace.pk)
    assert stored.negative_act_percent == 45 and stored.playbook == {
        "late_posts": ["Phone them", "Twice"]
    }
    viewer_page = get_as(client, vera, url).content.decode()
    assert "Only editors change the rules." in viewer_page
    assert client.post(url, form).status_code == 403


def test_the_check_in_page_draws_the_charts_of_its_market(client, workspace, bob):
    campaign, piece, anna, olga = seeds_case(workspace)
    checkin = CheckIn.objects.create(workspace=workspace, campaign_market=piece,
                                     scheduled_on=timezone.localdate())  # fmt: skip
    page = get_as(client, bob, reverse("checkins:detail", args=[checkin.pk])).content.decode()
    specs = re.findall(r'<script id="chart-[\w-]+-spec" type="application/json">(.*?)</script>',
                       page, re.S)  # fmt: skip
    assert len(specs) == 2 and all(json.loads(spec)["config"] for spec in specs)


def test_the_table_shows_the_creators_that_need_attention_most(workspace, monkeypatch):
    campaign, piece, anna, olga = seeds_case(workspace)
    monkeypatch.setattr(charts, "GRID_ROWS", 1)
    drawn = charts.market_charts(health.market_health(piece, creators=True))
    assert [row.link for row in drawn["creators"]] == [anna] and drawn["hidden"] == 1
    assert {row["creator"].split(" · ")[0] for row in drawn["grid"]["data"]["values"]} == {"Анна"}


def test_a_creator_on_course_for_their_share_is_not_told_they_chase_engagement(workspace):
    """Olga engages as much as Anna but converts at her share's pace: only Anna is named."""
    campaign, piece, anna, olga = seeds_case(workspace)
    from aftercast.campaigns.models import Partnership

    Partnership.objects.filter(pk=olga.pk).update(fee=30_000)  # half the fees: 150 by the end
    from aftercast.metrics.models import Observation

    Observation.objects.filter(partnership=olga, metric="likes").update(value=400)
    Observation.objects.filter(partnership=olga, metric="comments").update(value=60)
    Observation.objects.filter(partnership=olga, metric="conversions").update(value=6)
    report = health.market_health(piece, creators=True)
    (flag,) = [f for f in report.flags if f.signal == health.FOCUS]
    assert "Анна" in flag.reason and "Ольга" not in flag.reason
    rows = {row.link.pk: row for row in report.creators}
    assert rows[olga.pk].severity(health.FOCUS) == health.OK


def test_shares_are_equal_unless_every_creator_is_paid():
    from decimal import Decimal as D

    from aftercast.checkins.performance import shares_of

    assert shares_of({1: D(30), 2: D(10)}) == {1: 0.75, 2: 0.25}
    assert shares_of({1: D(30), 2: D(0)}) == {1: 0.5, 2: 0.5}  # a barter creator owes a part
    assert shares_of({1: D(30), 2: None}) == {1: 0.5, 2: 0.5}  # a fee with no rate to convert


def test_a_dropped_creators_link_closes_and_stays_listed_to_revoke(client, workspace, bob):
    campaign, piece, anna, olga = seeds_case(workspace)
    shared = sharing.share_results(anna, user=bob)
    url = reverse("creator_results", args=[shared.token])
    assert client.get(url).status_code == 200
    anna.status = "dropped"
    anna.save()
    assert client.get(url).status_code == 410
    assert sharing.market_links(piece) == [shared.link]


def test_the_creators_page_does_not_reveal_their_share_of_the_target(client, workspace, bob):
    campaign, piece, anna, olga = seeds_case(workspace)
    page = client.get(reverse("creator_results", args=[sharing.share_results(olga).token]))
    text = page.content.decode()
    # (a bare "75" could be in the page's signed token by chance: the share is "75 %")
    assert "ожидается" in text and "при цели" not in text
    assert not re.search(r"\b75(,\d+)?\s?%", text)
