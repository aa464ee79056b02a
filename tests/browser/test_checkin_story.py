"""Mid-flight in a browser: an editor opens the check-in the brief planned, records it with the
flags of that day, and sees the market's charts drawn (SVG with marks, not empty boxes), in
English and in Russian; then shares a creator's results and opens the link as the creator."""

import pytest

from tests.browser.test_real_server import (  # noqa: F401 (the browser fixture)
    SCREENSHOTS,
    browser,
    seeded,
)

pytestmark = pytest.mark.browser

# The seeds' RU market ten days in: Anna engages and does not convert, Olga converts; a few
# comments; a check-in planned for today.
SETUP = """
import datetime as dt
from decimal import Decimal
from django.utils import timezone
from aftercast.checkins.models import CheckIn
from aftercast.core.models import Role
from aftercast.metrics.models import Comment
from tests import factories
from tests.checkins.test_creators_and_charts import seeds_case
eva = factories.user("eva", "Eva-pass-2026")
workspace = factories.workspace("Northwind", {eva: Role.EDITOR})
campaign, piece, anna, olga = seeds_case(workspace)
now = timezone.now()
for days_ago, text in ((6, "Очень круто, спасибо!"), (4, "Не понравилось, скучно"),
                       (2, "Отличный обзор"), (1, "Ужасная реклама")):
    Comment.objects.create(workspace=workspace, partnership=anna, text=text,
                           posted_at=now - dt.timedelta(days=days_ago))
CheckIn.objects.create(workspace=workspace, campaign_market=piece,
                       scheduled_on=timezone.localdate())
print(campaign.slug)
"""


@pytest.fixture(scope="module")
def midflight_server(tmp_path_factory):
    with seeded(tmp_path_factory.mktemp("midflight-home"), SETUP) as (url, slug):
        yield url, slug


def drawn_marks(page, chart_id: str) -> int:
    """How many marks the chart's SVG holds, once vega-embed has drawn it."""
    selector = f"#{chart_id} svg .role-mark path, #{chart_id} svg .role-mark line"
    page.wait_for_selector(selector, state="attached")
    return page.locator(selector).count()


def test_an_editor_records_a_check_in_and_sees_the_charts(midflight_server, browser):  # noqa: F811
    server, slug = midflight_server
    page = browser.new_page(locale="en-US", viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/login/")
    page.fill("input[name=username]", "eva")
    page.fill("input[name=password]", "Eva-pass-2026")
    page.click("#login-submit")
    page.click("a:has-text('Record')")  # the dashboard's check-in due today
    page.wait_for_selector("h1:has-text('Record the check-in')")
    assert "wrong metric" in page.inner_text(".health")
    page.fill("textarea[name=attendees]", "Eva, Anna")
    page.fill("textarea[name=summary]", "Anna's audience engages but does not buy.")
    page.click("form.card button.btn-primary")
    page.wait_for_selector("text=Check-in recorded")
    assert "Health as it read on" in page.inner_text("main")
    assert drawn_marks(page, "chart-pace-conversions") > 0
    assert drawn_marks(page, "chart-grid") >= 6  # two creators x at least three signals
    assert drawn_marks(page, "chart-sentiment") > 0
    page.screenshot(path=str(SCREENSHOTS / "checkin-held-charts.png"), full_page=True)

    page.goto(f"{server}/checkins/market/{slug}/RU/")
    page.click("form:has(button:has-text('Share results')) >> nth=0")
    page.wait_for_selector("text=is ready")
    link = page.input_value("input.copy-link")
    creator = browser.new_page(locale="en-US")  # the creator has no account
    creator.goto(link)
    assert "ваши результаты на сегодня" in creator.inner_text("h1")
    creator.screenshot(path=str(SCREENSHOTS / "creator-results.png"), full_page=True)

    russian = browser.new_page(locale="ru-RU", viewport={"width": 1280, "height": 900})
    russian.context.add_cookies(page.context.cookies())
    russian.goto(f"{server}/checkins/market/{slug}/RU/")
    assert drawn_marks(russian, "chart-pace-conversions") > 0
    axis = russian.locator("#chart-pace-conversions svg").text_content() or ""
    assert "Цель" in axis or "Конверсии" in axis
    russian.screenshot(path=str(SCREENSHOTS / "market-health-ru.png"), full_page=True)
