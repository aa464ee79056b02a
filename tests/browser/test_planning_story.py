"""The seeds' story planned in a browser, from an empty workspace: one brand, RU judged by
engagement and US by conversions, each market's success written down and signed before launch."""

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.test_real_server import (  # noqa: F401 (the browser fixture)
    SCREENSHOTS,
    browser,
    seeded,
)

pytestmark = pytest.mark.browser

SETUP = """
from aftercast.core.models import Role
from aftercast.metrics.benchmarks import install_public_benchmarks
from tests import factories
eva = factories.user("eva", "Eva-pass-2026")
workspace = factories.workspace("Northwind", {eva: Role.EDITOR})
install_public_benchmarks(workspace)
"""


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory):
    with seeded(tmp_path_factory.mktemp("empty-home"), SETUP) as (url, _printed):
        yield url


def submit(page, wait_for: str) -> None:
    page.click("form.card button.btn-primary")
    page.wait_for_selector(wait_for)


def add_creator(page, server, slug, code, name, platform, handle, followers, fee, day) -> None:
    page.goto(f"{server}/campaigns/{slug}/markets/{code}/creators/new/")
    page.fill("input[name=name]", name)
    page.select_option("select[name=platform]", label=platform)
    page.fill("input[name=handle]", handle)
    page.fill("input[name=followers]", followers)
    page.fill("input[name=fee]", fee)
    submit(page, "h1:has-text('Plan a post')")
    page.select_option("select[name=format]", "reel")
    page.fill("input[name=planned_at]", f"2027-06-{day}T19:00")
    submit(page, "h2:has-text('Markets and results')")


def set_target(page, brief_url, metric_label, target) -> None:
    page.goto(brief_url)
    page.click("a:has-text('Add a target')")
    page.select_option("select[name=metric]", label=metric_label)
    page.fill("input[name=target]", target)
    page.check("input[name=is_primary]")
    submit(page, "text=Target saved.")


def test_the_ru_engagement_us_conversion_plan_is_agreed_before_launch(empty_server, browser):  # noqa: F811
    server = empty_server
    page = browser.new_page(locale="en-US", viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/login/")
    page.fill("input[name=username]", "eva")
    page.fill("input[name=password]", "Eva-pass-2026")
    page.click("#login-submit")
    page.goto(f"{server}/campaigns/")
    page.click("text=Create the first campaign")
    page.fill("input[name=name]", "Summer SPF")
    page.fill("input[name=brand_name]", "Northwind Beauty")
    page.fill("input[name=category_name]", "Cosmetics")
    page.select_option("select[name=campaign_type]", "conversion")
    page.fill("input[name=starts_on]", "2027-06-01")
    page.fill("input[name=ends_on]", "2027-05-01")
    submit(page, "text=The campaign cannot end before it starts.")
    page.fill("input[name=ends_on]", "2027-06-30")
    submit(page, "h1:has-text('Add a market')")
    page.select_option("select[name=market]", label="Russia")
    page.fill("input[name=budget]", "500 000")
    submit(page, "h2:has-text('Markets and results')")
    slug = urlsplit(page.url).path.strip("/").split("/")[-1]
    page.click("a:has-text('Add a market')")
    page.select_option("select[name=market]", label="United States")
    page.fill("input[name=budget]", "6000")
    submit(page, "h2:has-text('Markets and results')")

    add_creator(
        page,
        server,
        slug,
        "RU",
        "Anna Smirnova",
        "Instagram",
        "anna.smirnova",
        "85000",
        "120000",
        "05",
    )
    add_creator(
        page, server, slug, "RU", "Ilya Kotov", "VK", "ilya.kotov", "240000", "180000", "08"
    )
    add_creator(
        page, server, slug, "US", "Jake Miller", "TikTok", "jake.miller", "40000", "1500", "06"
    )
    add_creator(
        page, server, slug, "US", "Maya Brooks", "Instagram", "maya.brooks", "120000", "2500", "07"
    )

    page.goto(f"{server}/briefs/campaign/{slug}/")
    ru_brief = server + page.locator("th a.badge").nth(0).get_attribute("href")
    us_brief = server + page.locator("th a.badge").nth(1).get_attribute("href")
    set_target(page, ru_brief, "Engagement rate by reach (ERR)", "8 %")
    # Nothing has finished in this workspace: no forecast, and a sentence on what it needs.
    assert "No forecast yet: forecasts are learned from the workspace" in page.content()
    set_target(page, us_brief, "Conversion rate", "40")
    assert page.locator("text=“40” read as 40.0%.").count() == 1
    # The expectation check warns before launch: 40 % against the public 1-2 % range.
    warning = page.locator("#expectations .notice-warning").first.inner_text()
    assert "Benchmark US" in warning and "percentile" in warning

    page.goto(f"{server}/briefs/campaign/{slug}/")
    assert (
        page.locator("[data-mismatch]")
        .first.inner_text()
        .startswith("The markets define success differently")
    )
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "briefs-side-by-side.png"), full_page=True)

    page.goto(us_brief)
    page.click("button:has-text('Sign for the brand')")
    page.wait_for_selector("text=Signed for the brand.")
    page.click("button:has-text('Ask Jake Miller to sign')")
    page.wait_for_selector("[data-sign-link]")
    link = page.locator("[data-sign-link]").first.input_value()
    assert re.match(rf"{server}/sign/\S+/$", link)

    creator = browser.new_context(locale="en-US").new_page()
    creator.goto(link)
    creator.wait_for_selector("h1:has-text('Jake Miller, here is your brief')")
    assert "Conversion rate" in creator.content()
    creator.click("button:has-text('I accept this brief')")
    creator.wait_for_selector("text=Thank you: the brief is accepted.")
    creator.goto(link)
    creator.wait_for_selector("text=each link answers once")

    page.reload()
    assert page.locator("text=signed").count() >= 2
    page.screenshot(path=str(SCREENSHOTS / "brief-us-signed.png"), full_page=True)
