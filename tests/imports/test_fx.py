"""Exchange rates: imported from a central bank's export, used by the observation's date."""

import datetime as dt
from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from aftercast.imports.services import import_file
from aftercast.metrics.fx import convert
from aftercast.metrics.models import FxRate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
CBR = FIXTURES / "cbr_usd_rub_cp1251.csv"


def import_fx_rates(*, workspace, path, base, quote):
    return import_file(workspace_id=workspace.pk, path=path, kind="fx_rates", fx_pair=(base, quote))


def test_a_central_bank_export_lands_and_reimporting_updates_nothing(workspace):
    report = import_fx_rates(workspace=workspace, path=CBR, base="USD", quote="RUB")
    assert (report.created, report.rows_rejected) == (2, 1)
    assert FxRate.objects.get(rate_date=dt.date(2025, 12, 2)).rate == Decimal("79.12")
    again = import_fx_rates(workspace=workspace, path=CBR, base="USD", quote="RUB")
    assert (again.created, again.unchanged) == (0, 2)


def test_an_fx_import_is_recorded_and_can_be_rolled_back(workspace, tmp_path):
    from aftercast.imports.services import import_rollback

    first = import_fx_rates(workspace=workspace, path=CBR, base="USD", quote="RUB")
    newer = tmp_path / "rates.csv"
    newer.write_text("Date,Rate\n2025-12-02,80.5\n2025-12-03,81\n")
    second = import_fx_rates(workspace=workspace, path=newer, base="USD", quote="RUB")
    assert (second.created, second.updated) == (1, 1)
    import_rollback(run=second.run)
    rates = dict(FxRate.objects.values_list("rate_date", "rate"))
    assert rates[dt.date(2025, 12, 2)] == Decimal("79.12") and len(rates) == 2
    import_rollback(run=first.run)
    assert not FxRate.objects.exists()


def test_money_converts_at_the_nearest_earlier_rate(workspace):
    import_fx_rates(workspace=workspace, path=CBR, base="USD", quote="RUB")
    same_day = convert(
        workspace=workspace, amount=Decimal(100), currency="USD", to="RUB", on=dt.date(2025, 12, 2)
    )
    assert same_day.amount == Decimal("7912.00") and not same_day.stale
    later = convert(
        workspace=workspace, amount=Decimal(100), currency="USD", to="RUB", on=dt.date(2025, 12, 20)
    )
    assert later.rate_date == dt.date(2025, 12, 2) and later.stale, "says the rate is old"


def test_the_inverse_rate_converts_the_other_way(workspace):
    import_fx_rates(workspace=workspace, path=CBR, base="USD", quote="RUB")
    dollars = convert(
        workspace=workspace,
        amount=Decimal("7912"),
        currency="RUB",
        to="USD",
        on=dt.date(2025, 12, 2),
    )
    assert dollars.amount == Decimal("100.00")


def test_no_earlier_rate_means_no_conversion_not_a_guess(workspace):
    import_fx_rates(workspace=workspace, path=CBR, base="USD", quote="RUB")
    assert (
        convert(
            workspace=workspace,
            amount=Decimal(1),
            currency="USD",
            to="RUB",
            on=dt.date(2025, 11, 30),
        )
        is None
    )


def test_rates_of_another_workspace_are_not_used(workspace, other_workspace):
    import_fx_rates(workspace=other_workspace, path=CBR, base="USD", quote="RUB")
    assert (
        convert(
            workspace=workspace,
            amount=Decimal(1),
            currency="USD",
            to="RUB",
            on=dt.date(2025, 12, 2),
        )
        is None
    )


def test_the_command_reports_its_counts(workspace):
    out = StringIO()
    call_command(
        "import_fx", str(CBR), workspace=workspace.slug, base="usd", quote="rub", stdout=out
    )
    assert "created 2" in out.getvalue() and "Row 4" in out.getvalue()


def test_the_campaign_page_adds_markets_up_in_dollars_at_each_days_rate(client, workspace, alice):
    from django.urls import reverse

    from tests import factories

    campaign = factories.campaign(workspace)
    ru = campaign.markets.get(market__code="RU")
    us = campaign.markets.get(market__code="US")
    ru_link = factories.partnership(ru, factories.creator(workspace))
    us_link = factories.partnership(us, factories.creator(workspace, "Amy Lee", code="US"))
    ru_link.fee, us_link.fee = Decimal("79120"), Decimal("1000")
    ru_link.save()
    us_link.save()
    for day, rate in (
        (campaign.starts_on, "79.12"),
        (campaign.starts_on + dt.timedelta(days=1), "80"),
    ):
        FxRate.objects.create(
            workspace=workspace, base="USD", quote="RUB", rate_date=day, rate=Decimal(rate)
        )
    factories.observe(ru_link, "revenue", 160000, on=campaign.starts_on + dt.timedelta(days=1))
    page = client.get(reverse("campaigns:detail", args=[campaign.slug]), HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(alice)
    page = client.get(
        reverse("campaigns:detail", args=[campaign.slug]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "All markets together, in USD" in page
    assert "$2,000" in page  # 79,120 ₽ at 79.12 + $1,000
    assert ">1×<" in page  # revenue 160,000 ₽ at 80 = $2,000 over $2,000 spent
    assert "no earlier rate at all" not in page
