"""After the campaign, in a browser: an editor starts the debrief of a finished campaign, reads
what the numbers say and its forest plot, downloads it as a PDF, confirms the failure type the
rules suggest, and publishes the rule the clear finding proposes."""

import pytest

from tests.browser.test_real_server import (  # noqa: F401 (the browser fixture)
    SCREENSHOTS,
    browser,
    seeded,
)

pytestmark = pytest.mark.browser

SETUP = """
from aftercast.core.models import Role
from tests import factories
from tests.debriefs.test_starting import finished_contrast_campaign
eva = factories.user("eva", "Eva-pass-2026")
workspace = factories.workspace("Northwind", {eva: Role.EDITOR})
campaign = finished_contrast_campaign(workspace, clicks=(300, 390), markets=("RU", "US"))
print(campaign.name)
"""


@pytest.fixture(scope="module")
def ended_server(tmp_path_factory):
    with seeded(tmp_path_factory.mktemp("ended-home"), SETUP) as (url, name):
        yield url, name


def test_an_editor_debriefs_confirms_the_failure_and_publishes_a_rule(ended_server, browser):  # noqa: F811
    server, name = ended_server
    page = browser.new_page(locale="en-US", viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/login/")
    page.fill("input[name=username]", "eva")
    page.fill("input[name=password]", "Eva-pass-2026")
    page.click("#login-submit")
    page.goto(f"{server}/debriefs/")
    page.click("button:has-text('Start a debrief')")
    page.wait_for_selector("text=Debrief started")
    findings = page.inner_text("main")
    assert "raised CTR by 30%" in findings and "p < 0.001" in findings
    assert "> 99.9%" in findings and "100%" not in findings
    assert "suggested from the data" in findings
    # The forest plot is drawn from the bundled chart library, nothing fetched from the network.
    page.wait_for_selector("#chart-1 svg, #chart-1 canvas")
    page.click("summary:has-text('Export')")
    with page.expect_download() as download:
        page.click("a:has-text('PDF · English')")
    assert download.value.suggested_filename.endswith("-en.pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    page.reload()
    page.select_option("select[name=failure_type]", "none")
    page.click("#failure button:has-text('Confirm')")
    page.wait_for_selector("text=Failure type confirmed.")
    assert "confirmed by eva" in page.inner_text("#failure")
    page.click("button:has-text('Propose rules from the clear findings')")
    page.wait_for_selector("text=draft rule proposed")
    assert "CTR rises by about 30%" in page.inner_text("main")
    page.click("a:has-text('Edit')")
    page.select_option("select[name=status]", "supported")
    page.click("form.card button.btn-primary")
    page.wait_for_selector(".badge-supported")
    page.screenshot(path=str(SCREENSHOTS / "debrief-rule-published.png"), full_page=True)
