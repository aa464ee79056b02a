"""A case study in a browser: an editor writes one from a finished, debriefed campaign, sees
its charts, edits a section's text, asks a creator for their side (the creator answers without
an account, in Russian), and exports it as PDF and Word with the edit and the answer in it."""

import io

import docx
import pypdf
import pytest

from tests.browser.test_real_server import (  # noqa: F401 (the browser fixture)
    SCREENSHOTS,
    browser,
    seeded,
)

pytestmark = pytest.mark.browser

SETUP = """
from aftercast.core.models import Role
from aftercast.debriefs.services import start_debrief
from tests import factories
from tests.debriefs.test_starting import finished_contrast_campaign
eva = factories.user("eva", "Eva-pass-2026")
workspace = factories.workspace("Northwind", {eva: Role.EDITOR})
campaign = finished_contrast_campaign(workspace, clicks=(300, 390), markets=("RU", "US"))
start_debrief(campaign)
print(campaign.name)
"""


@pytest.fixture(scope="module")
def debriefed_server(tmp_path_factory):
    with seeded(tmp_path_factory.mktemp("case-home"), SETUP) as (url, name):
        yield url, name


def test_an_editor_writes_edits_and_exports_a_case_study(debriefed_server, browser):  # noqa: F811
    server, name = debriefed_server
    page = browser.new_page(locale="en-US", viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/login/")
    page.fill("input[name=username]", "eva")
    page.fill("input[name=password]", "Eva-pass-2026")
    page.click("#login-submit")
    page.goto(f"{server}/case-studies/")
    page.click("a:has-text('Write the first case study')")
    page.select_option("select[name=campaign]", label=name)
    page.select_option("select[name=audience]", "both")
    page.click("form.card button.btn-primary")
    page.wait_for_selector("h2:has-text('Markets compared')")
    # Each chart drawn in the browser from the bundled library, each in its own place.
    page.wait_for_selector("[data-chart] svg")
    sources = page.eval_on_selector_all("[data-chart]", "els => els.map(e => e.dataset.chart)")
    assert len(sources) >= 3 and len(set(sources)) == len(sources)
    assert "High-contrast" in page.inner_text("h2:has-text('Markets compared') ~ figure.chart")

    page.click("a:has-text('Edit the text')")
    hypothesis = page.locator("textarea").first
    hypothesis.fill("Bright creative lifts clicks in both markets, as the brand team expected.")
    page.click("form button.btn-primary")
    page.wait_for_selector("text=as the brand team expected")

    page.click("#stories button:has-text('Ask for their story')")
    page.wait_for_selector("#stories input.copyable")
    story_url = page.locator("#stories input.copyable").first.input_value()
    creator = browser.new_page(locale="ru-RU")  # no account, no session
    creator.goto(story_url)
    creator.wait_for_selector("text=Что вам поставили в задачу")
    creator.fill("textarea[name=happened]", "Попросила перенести съёмку на неделю")
    creator.click("button:has-text('Отправить ответы')")
    creator.wait_for_selector("text=Спасибо")
    creator.close()

    page.reload()
    assert "Попросила перенести съёмку" in page.inner_text("main")
    page.screenshot(path=str(SCREENSHOTS / "case-study.png"), full_page=True)
    with page.expect_download() as download:
        page.click("a.btn:text-is('PDF')")
    pdf = pypdf.PdfReader(download.value.path())
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "as the brand team expected" in text and "Markets compared" in text
    with page.expect_download() as download:
        page.click("a.btn:text-is('DOCX')")
    with open(download.value.path(), "rb") as file:
        word = docx.Document(io.BytesIO(file.read()))
    paragraphs = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(
        cell.text for table in word.tables for row in table.rows for cell in row.cells
    )
    assert "as the brand team expected" in paragraphs
    assert "Попросила перенести съёмку на неделю" in cells  # the creator's answers, a table
