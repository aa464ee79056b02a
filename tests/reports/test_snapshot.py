"""The Markdown of a case study, kept as a snapshot in each language: any change to the words,
the numbers' format or the order of the sections shows up here as a diff to read. After an
intended change: UPDATE_SNAPSHOTS=1 pytest tests/reports/test_snapshot.py, then read the diff."""

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest

from aftercast.metrics.models import FxRate
from aftercast.reports.case_study import case_study_document
from aftercast.reports.render import to_markdown
from aftercast.reports.services import generate_case_study
from tests import factories

SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.fixture
def fixed_campaign(workspace):
    campaign = factories.campaign(workspace, "Lip tint launch", status="finished")
    campaign.starts_on, campaign.ends_on = dt.date(2026, 3, 2), dt.date(2026, 3, 29)
    campaign.hypothesis_en = "Humour sells lip tint in both markets."
    campaign.hypothesis_ru = "Юмор продаёт тинт на обоих рынках."
    campaign.save()
    ru, us = campaign.markets.get(market__code="RU"), campaign.markets.get(market__code="US")
    anna = factories.partnership(ru, factories.creator(workspace, "Анна Смирнова"))
    jake = factories.partnership(us, factories.creator(workspace, "Jake Martin", code="US"))
    day = dt.date(2026, 3, 10)
    for link, spend, revenue in ((anna, 60_000, 240_000), (jake, 1_500, 2_700)):
        for metric, value in (
            ("reach", 180_000),
            ("likes", 9_000),
            ("comments", 700),
            ("spend", spend),
            ("revenue", revenue),
            ("conversions", 60),
        ):
            factories.observe(link, metric, value, on=day)  # fmt: skip
    factories.brief(ru, metric="er_reach", target="0.045")
    factories.brief(us, metric="cpa", target="30")
    FxRate.objects.create(workspace=workspace, base="USD", quote="RUB", rate=Decimal("90"),
                          rate_date=dt.date(2026, 3, 1))  # fmt: skip
    return campaign


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_markdown_of_a_case_study_is_as_kept(fixed_campaign, language):
    study = generate_case_study(fixed_campaign, audience="both")
    text = to_markdown(case_study_document(study, language))
    kept = SNAPSHOTS / f"case_study_{language}.md"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        kept.write_text(text, encoding="utf-8")
    assert text == kept.read_text(encoding="utf-8")
    assert "None" not in text and " nan" not in text and "er_reach" not in text
