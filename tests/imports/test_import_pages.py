"""Upload → preview with the detected reading → confirm → progress and report, by role."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from aftercast.imports.models import ImportRun, ImportStatus
from aftercast.metrics.models import Observation
from tests.pages import get_as, untranslated_on_russian_page

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, campaign, name):
    data = (FIXTURES / name).read_bytes()
    return client.post(
        reverse("imports:upload", args=[campaign.slug]),
        {"file": SimpleUploadedFile(name, data), "market": ""},
    )


@override_settings(TASKS=IMMEDIATE)
def test_an_editor_uploads_checks_and_imports(client, campaign, posts, bob):
    client.force_login(bob)
    response = upload(client, campaign, "instagram_ru_cp1251.csv")
    run = ImportRun.objects.get()
    assert response.url == reverse("imports:preview", args=[run.pk])
    page = client.get(response.url).content.decode()
    assert "Охват" in page and "12 345" in page and "Windows-1251" in page
    assert not Observation.objects.exists(), "nothing is stored before the user confirms"
    confirm = client.post(
        response.url,
        {
            "encoding": "cp1251",
            "delimiter": ";",
            "decimal": ",",
            "date_format": "%d.%m.%Y",
            "confirm": "1",
        },
    )
    assert confirm.url == reverse("imports:status", args=[run.pk])
    run.refresh_from_db()
    assert run.status == ImportStatus.DONE and run.created_count == 14
    report = client.get(confirm.url).content.decode()
    assert "14" in report
    client.post(reverse("imports:rollback", args=[run.pk]))
    assert not Observation.objects.exists()


@override_settings(TASKS=IMMEDIATE)
def test_the_user_maps_an_unknown_column_in_the_preview(client, campaign, posts, bob, tmp_path):
    client.force_login(bob)
    odd = SimpleUploadedFile(
        "odd.csv",
        "Ссылка;Дата;Дочитывания\nhttps://instagram.example/p/ru-1;01.12.2025;77\n".encode(),
    )
    client.post(reverse("imports:upload", args=[campaign.slug]), {"file": odd})
    run = ImportRun.objects.get()
    client.post(
        reverse("imports:preview", args=[run.pk]),
        {
            "encoding": "utf-8",
            "delimiter": ";",
            "decimal": ",",
            "date_format": "%d.%m.%Y",
            "column:Дочитывания": "views",
            "confirm": "1",
        },
    )
    assert Observation.objects.get().metric == "views"


@override_settings(TASKS=IMMEDIATE)
def test_rejected_rows_can_be_downloaded_without_live_formulas(client, campaign, posts, bob):
    client.force_login(bob)
    run_url = upload(client, campaign, "rejections_ru_utf8.csv").url
    client.post(
        run_url,
        {
            "encoding": "utf-8",
            "delimiter": ";",
            "decimal": ",",
            "date_format": "%d.%m.%Y",
            "confirm": "1",
        },
    )
    run = ImportRun.objects.get()
    download = client.get(reverse("imports:rejected", args=[run.pk])).content.decode()
    assert "'=cmd" in download and ";=cmd" not in download
    assert download.count("\n") == 6  # the file's header + 5 rows with problems
    assert download.lstrip("\ufeff").startswith("Ссылка на публикацию;Дата;Охват")


def test_a_binary_file_is_refused_at_upload_in_the_users_language(client, campaign, posts, bob):
    client.force_login(bob)
    response = client.post(
        reverse("imports:upload", args=[campaign.slug]),
        {"file": SimpleUploadedFile("photo.csv", (FIXTURES / "binary.csv").read_bytes())},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 200
    assert "двоичные данные" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_a_viewer_cannot_upload_and_an_outsider_sees_nothing(
    client,
    campaign,
    posts,
    vera,
    charlie,
    bob,
):
    client.force_login(vera)
    assert upload(client, campaign, "instagram_ru_cp1251.csv").status_code == 403
    client.force_login(bob)
    upload(client, campaign, "instagram_ru_cp1251.csv")
    run = ImportRun.objects.get()
    client.force_login(charlie)
    for name in ("imports:preview", "imports:status", "imports:rejected"):
        assert client.get(reverse(name, args=[run.pk])).status_code == 404


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_import_pages_speak_the_readers_language(client, campaign, posts, bob, language):
    client.force_login(bob)
    upload(client, campaign, "instagram_ru_cp1251.csv")
    run = ImportRun.objects.get()
    for url in (
        reverse("imports:upload", args=[campaign.slug]),
        reverse("imports:preview", args=[run.pk]),
        reverse("imports:status", args=[run.pk]),
    ):
        if url.endswith("/status/"):  # the status page is for a confirmed import
            ImportRun.objects.filter(pk=run.pk).update(kind="observations")
        response = get_as(client, bob, url, language)
        assert response.status_code == 200
        if language == "ru":
            assert untranslated_on_russian_page(response.content.decode()) == [], url


def test_the_progress_fragment_polls_until_done(client, campaign, posts, bob):
    client.force_login(bob)
    upload(client, campaign, "instagram_ru_cp1251.csv")
    run = ImportRun.objects.get()
    run.kind = "observations"  # confirmed and waiting for the worker
    run.save()
    fragment = client.get(reverse("imports:status", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in fragment.content.decode()
    assert "<html" not in fragment.content.decode()


@override_settings(TASKS=IMMEDIATE)
def test_remembered_choices_apply_to_the_next_file_of_the_same_shape(client, campaign, posts, bob):
    client.force_login(bob)
    body = "Ссылка;Дата;Дочитывания\nhttps://instagram.example/p/ru-1;01.12.2025;77\n"
    client.post(
        reverse("imports:upload", args=[campaign.slug]),
        {"file": SimpleUploadedFile("week1.csv", body.encode())},
    )
    first = ImportRun.objects.get()
    client.post(
        reverse("imports:preview", args=[first.pk]),
        {
            "encoding": "utf-8",
            "delimiter": ";",
            "decimal": ",",
            "date_format": "%d.%m.%Y",
            "column:Дочитывания": "views",
            "remember": "on",
            "confirm": "1",
        },
    )
    client.post(
        reverse("imports:upload", args=[campaign.slug]),
        {"file": SimpleUploadedFile("week2.csv", body.replace("77", "80").encode())},
    )
    second = ImportRun.objects.exclude(pk=first.pk).get()
    assert second.overrides == {"Дочитывания": "views"}
    page = client.get(reverse("imports:preview", args=[second.pk])).content.decode()
    assert "week1.csv" in page


@override_settings(TASKS=IMMEDIATE)
def test_comments_and_journeys_go_through_the_same_pages(client, campaign, posts, bob):
    from aftercast.metrics.models import Comment, Journey

    client.force_login(bob)
    upload(client, campaign, "comments_mixed.csv")
    run = ImportRun.objects.get()
    page = client.get(reverse("imports:preview", args=[run.pk])).content.decode()
    assert "Audience comments" in page
    client.post(
        reverse("imports:preview", args=[run.pk]),
        {
            "encoding": "utf-8",
            "delimiter": ",",
            "decimal": ".",
            "date_format": "%d.%m.%Y",
            "confirm": "1",
        },
    )
    run.refresh_from_db()
    assert (run.kind, run.created_count, run.rejected_count) == ("comments", 2, 1)
    assert Comment.objects.count() == 2
    client.post(
        reverse("imports:upload", args=[campaign.slug]),
        {
            "file": SimpleUploadedFile("j.csv", (FIXTURES / "journeys_us.csv").read_bytes()),
            "market": "US",
        },
    )
    journeys = ImportRun.objects.exclude(pk=run.pk).get()
    client.post(
        reverse("imports:preview", args=[journeys.pk]),
        {
            "encoding": "utf-8",
            "delimiter": ",",
            "decimal": ".",
            "date_format": "%Y-%m-%d",
            "confirm": "1",
        },
    )
    assert Journey.objects.count() == 2


@override_settings(TASKS=IMMEDIATE)
def test_a_per_creator_export_is_imported_with_the_creator_picker(client, campaign, posts, bob):
    client.force_login(bob)
    steady = posts["steady"].account.handle
    data = (Path(__file__).resolve().parents[1] / "fixtures" / "exports").joinpath(
        "youtube_studio_table_data.csv"
    )
    response = client.post(
        reverse("imports:upload", args=[campaign.slug]),
        {"file": SimpleUploadedFile("Table data.csv", data.read_bytes()), "creator": steady},
    )
    run = ImportRun.objects.get()
    assert run.creator == steady
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The file names 2 posts this campaign does not have yet" in page
    client.post(
        response.url,
        {
            "encoding": "utf-8",
            "delimiter": ",",
            "decimal": ".",
            "date_format": "%b %d, %Y",
            "creator": steady,
            "confirm": "1",
        },
    )
    run.refresh_from_db()
    assert (run.status, run.posts_created, run.rows_skipped) == ("done", 2, 1)
    status = client.get(reverse("imports:status", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="ru")
    assert "Создано публикаций" in status.content.decode()


def test_a_waiting_import_says_when_no_worker_is_running(client, campaign, posts, bob):
    from django.core.cache import cache

    from aftercast.imports.workers import KEY

    cache.delete(KEY)
    client.force_login(bob)
    upload(client, campaign, "instagram_ru_cp1251.csv")
    run = ImportRun.objects.get()
    run.kind = "observations"  # confirmed, queued, and no worker to take it
    run.save()
    page = client.get(reverse("imports:status", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "No background worker has been seen" in page.content.decode()


@override_settings(TASKS=IMMEDIATE)
def test_a_confirmed_import_cannot_be_confirmed_again(client, campaign, posts, bob):
    client.force_login(bob)
    run_url = upload(client, campaign, "tiktok_us_utf8_bom.csv").url
    reading = {"encoding": "utf-8-sig", "delimiter": ",", "decimal": ".", "confirm": "1"}
    reading["date_format"] = "%m/%d/%Y"
    client.post(run_url, reading)
    run = ImportRun.objects.get()
    created = run.created_count
    again = client.post(run_url, {**reading, "dry_run": "on"})
    assert again.url == reverse("imports:status", args=[run.pk])
    run.refresh_from_db()
    assert (run.created_count, run.dry_run) == (created, False)


@override_settings(TASKS=IMMEDIATE)
def test_a_file_that_breaks_past_the_upload_check_ends_failed(client, campaign, posts, bob):
    client.force_login(bob)
    hostile = Path(__file__).resolve().parents[1] / "fixtures" / "hostile" / "unclosed_quote.csv"
    response = client.post(
        reverse("imports:upload", args=[campaign.slug]),
        {"file": SimpleUploadedFile("q.csv", hostile.read_bytes())},
    )
    # The first 64 KB read at upload look fine; the cell that never ends comes later.
    reading = {"encoding": "utf-8", "delimiter": ",", "decimal": ".", "confirm": "1"}
    client.post(response.url, {**reading, "date_format": "%Y-%m-%d"})
    run = ImportRun.objects.get()
    assert (run.status, run.error_code) == (ImportStatus.FAILED, "field_too_large")
    page = client.get(reverse("imports:status", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "longer than" in page.content.decode()


def test_the_preview_warns_of_rows_the_campaign_cannot_place(client, campaign, posts, bob):
    client.force_login(bob)
    meta = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
    response = client.post(
        reverse("imports:upload", args=[campaign.slug]),
        {
            "file": SimpleUploadedFile(
                "meta.csv", (meta / "meta_business_suite_instagram.csv").read_bytes()
            )
        },
    )
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "4 rows name creators or posts this campaign cannot place" in page
    assert "anna.beauty" in page


@override_settings(TASKS=IMMEDIATE)
def test_whose_export_it_is_can_be_said_in_the_preview(client, campaign, posts, bob):
    client.force_login(bob)
    steady = posts["steady"].account.handle
    exports = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
    response = client.post(
        reverse("imports:upload", args=[campaign.slug]),
        {
            "file": SimpleUploadedFile(
                "vk.xlsx", (exports / "vk_community_stats_ru.xlsx").read_bytes()
            )
        },
    )
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No column says which post or creator" in page
    reading = {"encoding": "utf-8", "delimiter": ",", "decimal": ".", "date_format": "%d.%m.%Y"}
    client.post(response.url, {**reading, "creator": steady, "apply": "1"})
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"its numbers are for @{steady}’s whole account" in page
    client.post(response.url, {**reading, "creator": steady, "confirm": "1"})
    run = ImportRun.objects.get()
    assert (run.status, run.rows_whole, run.creator) == (ImportStatus.DONE, 3, steady)


def test_an_unconfirmed_upload_opens_its_preview_not_a_stuck_status(client, campaign, posts, bob):
    client.force_login(bob)
    upload(client, campaign, "instagram_ru_cp1251.csv")
    run = ImportRun.objects.get()
    status = client.get(reverse("imports:status", args=[run.pk]))
    assert status.url == reverse("imports:preview", args=[run.pk])
    listing = client.get(reverse("imports:upload", args=[campaign.slug]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Not confirmed" in listing.content.decode()


def test_an_upload_nobody_confirmed_is_deleted_after_a_day(client, campaign, posts, bob):
    import datetime as dt

    from django.utils import timezone

    from aftercast.imports.services import purge_unconfirmed

    client.force_login(bob)
    upload(client, campaign, "instagram_ru_cp1251.csv")
    left = ImportRun.objects.get()
    stored = Path(left.stored_file.path)
    assert stored.exists() and purge_unconfirmed() == 0  # a fresh one stays
    ImportRun.objects.filter(pk=left.pk).update(created_at=timezone.now() - dt.timedelta(hours=25))
    upload(client, campaign, "instagram_ru_cp1251.csv")  # the next upload sweeps it
    assert not ImportRun.objects.filter(pk=left.pk).exists()
    assert ImportRun.objects.count() == 1
    assert len(list(stored.parent.iterdir())) == 1  # the new upload's file only
