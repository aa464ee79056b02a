"""First contact: a campaign with five creators and no posts, and each creator's platform export.

Posts are discovered from the files (links, handles, or the creator the user names), never
typed in first; summary rows are skipped; rows and values are counted apart.
"""

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from aftercast.campaigns.models import Deliverable
from aftercast.imports.downloads import rejected_rows_csv
from aftercast.imports.errors import ImportProblem
from aftercast.imports.services import import_file, import_rollback
from aftercast.metrics.models import Observation
from tests import factories

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
CREATORS = [
    ("RU", "instagram", "anna.beauty"),
    ("US", "youtube", "jakereviews"),
    ("US", "tiktok", "jake.miller"),
    ("RU", "vk", "vk_club_krasota"),
    ("RU", "telegram", "krasota_channel"),
]


@pytest.fixture
def five(workspace):
    """A campaign in RU and US with five creators on five platforms, and not one post."""
    campaign = factories.campaign(workspace)
    links = {}
    for code, platform, handle in CREATORS:
        person = factories.creator(workspace, handle, code=code, platform_slug=platform)
        account = person.accounts.get()
        account.handle = handle
        account.save()
        links[handle] = factories.partnership(campaign.markets.get(market__code=code), person)
    return campaign, links


def codes(report):
    return [(row.row, p.code) for row in report.problem_rows for p in row.problems]


def test_a_meta_business_suite_export_creates_its_posts(five):
    campaign, links = five
    report = import_file(campaign=campaign, path=EXPORTS / "meta_business_suite_instagram.csv")
    assert codes(report) == [(5, "creator_not_in_campaign")]
    assert (report.rows_whole, report.rows_rejected, report.posts_created) == (3, 1, 3)
    assert report.created == 21  # 3 posts x 7 metrics
    posts = Deliverable.objects.filter(partnership=links["anna.beauty"]).order_by("published_at")
    assert [p.format for p in posts] == ["reel", "carousel", "post"]
    first = posts[0]
    assert first.external_id == "18041234567890001"
    assert first.url == "https://www.instagram.com/reel/DAbc001/"
    assert first.published_at.isoformat() == "2025-12-01T14:05:00+00:00"
    # Lifetime totals are dated by the day the post went out.
    reach = first.observations.get(metric="reach")
    assert (reach.observed_on.isoformat(), reach.value) == ("2025-12-01", Decimal("84310"))
    again = import_file(campaign=campaign, path=EXPORTS / "meta_business_suite_instagram.csv")
    assert (again.created, again.unchanged, again.posts_created) == (0, 21, 0)
    assert Deliverable.objects.count() == 3


def test_a_dry_run_counts_the_posts_it_would_create_and_creates_none(five):
    campaign, _links = five
    report = import_file(
        campaign=campaign, path=EXPORTS / "meta_business_suite_instagram.csv", dry_run=True
    )
    assert (report.posts_created, report.created) == (3, 21)
    assert not Deliverable.objects.exists() and not Observation.objects.exists()


def test_a_youtube_studio_export_belongs_to_the_creator_the_user_names(five):
    campaign, links = five
    report = import_file(
        campaign=campaign,
        path=EXPORTS / "youtube_studio_table_data.csv",
        creator="@jakereviews",
    )
    assert (report.rows_read, report.rows_whole, report.rows_skipped) == (3, 2, 1)
    assert report.rows_rejected == 0
    posts = Deliverable.objects.filter(partnership=links["jakereviews"])
    assert sorted(posts.values_list("external_id", flat=True)) == ["Rt7uV2wYz41", "Xk3pQ9vLmN0"]
    views = Observation.objects.get(deliverable__external_id="Xk3pQ9vLmN0", metric="views")
    assert (views.observed_on.isoformat(), views.value) == ("2025-12-01", Decimal("150210"))


def test_a_file_without_creators_says_to_name_one(five):
    campaign, _links = five
    report = import_file(campaign=campaign, path=EXPORTS / "youtube_studio_table_data.csv")
    assert {code for _row, code in codes(report)} == {"missing_key"}
    with pytest.raises(ImportProblem) as refused:
        import_file(campaign=campaign, path=EXPORTS / "vk_community_stats_ru.xlsx")
    assert refused.value.code == "no_key_column"


def test_a_creator_outside_the_campaign_cannot_be_named(five):
    campaign, _links = five
    with pytest.raises(ImportProblem) as refused:
        import_file(
            campaign=campaign, path=EXPORTS / "youtube_studio_table_data.csv", creator="nobody"
        )
    assert refused.value.code == "unknown_creator"


def test_a_tiktok_export_finds_the_creator_in_the_link(five):
    campaign, links = five
    report = import_file(campaign=campaign, path=EXPORTS / "tiktok_studio_content.csv")
    assert codes(report) == [(4, "not_a_link")]
    posts = Deliverable.objects.filter(partnership=links["jake.miller"]).order_by("external_id")
    assert [p.external_id for p in posts] == ["7443000000000000001", "7443000000000000002"]
    assert {p.format for p in posts} == {"reel"}


def test_vk_community_statistics_are_the_named_creators_by_day(five):
    campaign, links = five
    report = import_file(
        campaign=campaign, path=EXPORTS / "vk_community_stats_ru.xlsx", creator="vk_club_krasota"
    )
    assert (report.rows_whole, report.rows_skipped, report.posts_created) == (3, 1, 0)
    assert report.columns.unknown == ["Охват подписчиков", "Отписались"]
    stored = links["vk_club_krasota"].observations
    assert stored.filter(deliverable__isnull=True).count() == 9
    assert stored.get(metric="followers_gained", observed_on__day=2).value == Decimal("210")


def test_telegram_posts_and_channel_statistics(five):
    campaign, links = five
    posts = import_file(campaign=campaign, path=EXPORTS / "telegram_posts_ru.csv")
    assert codes(posts) == [(4, "creator_not_in_campaign")]
    made = Deliverable.objects.filter(partnership=links["krasota_channel"])
    assert sorted(made.values_list("external_id", flat=True)) == ["1201", "1207"]
    assert {p.format for p in made} == {"channel_post"}
    views = Observation.objects.get(deliverable__external_id="1201", metric="views")
    assert views.value == Decimal("48200")
    channel = import_file(
        campaign=campaign,
        path=EXPORTS / "telegram_channel_stats_ru.csv",
        creator="krasota_channel",
    )
    assert (channel.rows_whole, channel.rows_skipped, channel.rows_rejected) == (2, 1, 0)


def test_a_russian_excel_sheet_and_a_unicode_text_file(five):
    campaign, links = five
    sheet = import_file(campaign=campaign, path=EXPORTS / "russian_sheet_cp1251.csv")
    assert sheet.options.encoding == "cp1251"
    assert codes(sheet) == [(5, "creator_not_in_campaign")]
    assert (sheet.rows_whole, sheet.rows_skipped, sheet.posts_created) == (3, 1, 3)
    spend = Observation.objects.get(deliverable__url__contains="DAbc001", metric="spend")
    assert (spend.value, spend.currency) == (Decimal("150000.00"), "RUB")
    vk_post = Deliverable.objects.get(partnership=links["vk_club_krasota"])
    assert vk_post.external_id == "-123456_789"
    text = import_file(campaign=campaign, path=EXPORTS / "excel_unicode_text.txt")
    assert text.options.encoding == "utf-16"
    assert (text.rows_whole, text.posts_created) == (1, 1)


def test_the_same_post_written_two_ways_is_one_post(five):
    campaign, _links = five
    import_file(campaign=campaign, path=EXPORTS / "meta_business_suite_instagram.csv")
    # The team sheet links instagram.com/p/DAbc001/; Meta wrote www.instagram.com/reel/DAbc001/.
    sheet = import_file(campaign=campaign, path=EXPORTS / "russian_sheet_cp1251.csv")
    assert sheet.posts_created == 2  # DAbc004 and the VK post, not DAbc001 again
    assert Deliverable.objects.filter(url__contains="DAbc001").count() == 1


def test_every_valid_row_of_every_export_lands_in_an_empty_campaign(five):
    campaign, _links = five
    named = {
        "youtube_studio_table_data.csv": "jakereviews",
        "vk_community_stats_ru.xlsx": "vk_club_krasota",
        "telegram_channel_stats_ru.csv": "krasota_channel",
    }
    landed = rejected = 0
    for path in sorted(EXPORTS.iterdir()):
        report = import_file(campaign=campaign, path=path, creator=named.get(path.name))
        landed += report.rows_whole + report.rows_partial
        rejected += report.rows_rejected
    # Rejected are only the rows planted as wrong: strangers' posts and a non-link.
    assert (landed, rejected) == (18, 4)


def test_rolling_back_removes_the_posts_the_import_created(five):
    campaign, _links = five
    report = import_file(campaign=campaign, path=EXPORTS / "tiktok_studio_content.csv")
    import_rollback(run=report.run)
    assert not Deliverable.objects.exists() and not Observation.objects.exists()


def test_rejected_rows_download_fix_and_import_again(five, tmp_path):
    campaign, _links = five
    report = import_file(campaign=campaign, path=EXPORTS / "russian_sheet_cp1251.csv")
    download = StringIO()
    rejected_rows_csv(report.run, download)
    text = download.getvalue()
    assert text.startswith("\ufeffБлогер;Ссылка на пост;Дата")  # the file's own delimiter
    assert "@незнакомец" in text and "Итого" not in text
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(text.replace("@незнакомец", "@anna.beauty"), encoding="utf-8")
    again = import_file(campaign=campaign, path=fixed)
    assert (again.rows_whole, again.rows_rejected, again.posts_created) == (1, 0, 1)
    assert again.columns.unknown == ["Reason"]


def test_the_command_names_the_creator_and_prints_json(five):
    campaign, _links = five
    out = StringIO()
    call_command(
        "import",
        str(EXPORTS / "youtube_studio_table_data.csv"),
        campaign=campaign.slug,
        creator="jakereviews",
        json=True,
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data["rows"]["skipped"] == 1 and data["posts_created"] == 2


def test_json_always_prints_json_even_for_a_refused_file(five):
    campaign, _links = five
    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import",
            str(EXPORTS / "vk_community_stats_ru.xlsx"),
            campaign=campaign.slug,
            json=True,
            language="ru",
            stdout=out,
        )
    error = json.loads(out.getvalue())["error"]
    assert error["code"] == "no_key_column" and "блогера" in error["message"]
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import", "/nope.csv", campaign="nope", json=True, stdout=out)
    assert json.loads(out.getvalue())["error"]["code"] == "no_campaign"
