"""Importing metric values: nothing lost, nothing doubled, every refusal explained."""

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from aftercast.imports.errors import ImportProblem
from aftercast.imports.models import ImportRun, ImportStatus
from aftercast.imports.services import import_file, import_rollback
from aftercast.metrics.models import Observation

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def values(post, metric):
    return list(
        post.observations.filter(metric=metric)
        .order_by("observed_on")
        .values_list("value", flat=True)
    )


def test_a_russian_excel_export_lands_with_its_numbers(campaign, posts):
    report = import_file(campaign=campaign, path=FIXTURES / "instagram_ru_cp1251.csv")
    assert report.rows_rejected == 0
    assert values(posts["ru"], "reach") == [Decimal("12345"), Decimal("6100")]
    assert values(posts["ru"], "spend") == [Decimal("15000.50"), Decimal("0")]
    assert posts["ru"].observations.get(metric="spend", observed_on__day=1).currency == "RUB"


def test_a_us_export_with_dollars_lands(campaign, posts):
    import_file(campaign=campaign, path=FIXTURES / "tiktok_us_utf8_bom.csv")
    assert values(posts["us"], "spend") == [Decimal("1234.50"), Decimal("0")]
    assert values(posts["us"], "clicks") == [Decimal("90"), Decimal("40")]


def test_rows_keyed_by_handle_attach_to_the_partnership(campaign, posts):
    import_file(campaign=campaign, path=FIXTURES / "youtube_utf16.tsv")
    assert posts["steady"].observations.filter(deliverable__isnull=True).count() == 6


def test_a_legacy_xls_workbook_lands(campaign, posts):
    report = import_file(campaign=campaign, path=FIXTURES / "vk_ru_legacy.xls")
    assert report.options.kind == "xls"
    assert report.created == 6 and report.rows_rejected == 0


def test_an_xlsx_workbook_lands(campaign, posts):
    report = import_file(campaign=campaign, path=FIXTURES / "vk_ru.xlsx")
    assert report.created == 6 and report.rows_rejected == 0


def test_importing_the_same_file_twice_updates_nothing_and_doubles_nothing(campaign, posts):
    first = import_file(campaign=campaign, path=FIXTURES / "instagram_ru_cp1251.csv")
    count = Observation.objects.count()
    second = import_file(campaign=campaign, path=FIXTURES / "instagram_ru_cp1251.csv")
    assert Observation.objects.count() == count
    assert (second.created, second.updated, second.unchanged) == (0, 0, first.created)


def test_an_overlapping_file_updates_and_reports_what_changed(campaign, posts, tmp_path):
    import_file(campaign=campaign, path=FIXTURES / "tiktok_us_utf8_bom.csv")
    newer = tmp_path / "newer.csv"
    newer.write_text("Post URL,Date,Reach\nhttps://tiktok.example/p/us-1,12/01/2025,13000\n")
    report = import_file(campaign=campaign, path=newer)
    assert (report.created, report.updated) == (0, 1)
    assert [vars(change) for change in report.changes] == [
        {
            "row": 2,
            "column": "Reach",
            "date": "2025-12-01",
            "before": "12345",
            "after": "13000",
        }
    ]
    assert values(posts["us"], "reach")[0] == Decimal("13000")


def test_a_dry_run_changes_nothing_but_reports_everything(campaign, posts):
    report = import_file(campaign=campaign, path=FIXTURES / "instagram_ru_cp1251.csv", dry_run=True)
    assert report.created == 14  # 2 rows x 7 metric columns
    assert not Observation.objects.exists()
    assert ImportRun.objects.get().dry_run is True


def test_every_rejected_row_says_its_row_column_and_reason(campaign, posts):
    report = import_file(campaign=campaign, path=FIXTURES / "rejections_ru_utf8.csv")
    reasons = {(r.row, p.column, p.code) for r in report.problem_rows for p in r.problems}
    assert reasons == {
        (2, "", "bad_date"),
        (3, "Охват", "negative"),
        (4, "Охват", "not_a_number"),
        (5, "Расход, руб.", "formula"),
        (6, "", "missing_key"),
    }
    assert report.rows_read == 6
    assert (report.rows_whole, report.rows_partial, report.rows_rejected) == (1, 3, 2)
    # A refused cell costs only itself: the row's other values land.
    assert values(posts["ru"], "reach") == [Decimal("100"), Decimal("100")]
    assert posts["ru"].observations.filter(metric="likes").count() == 4


def test_rejections_are_explained_in_the_readers_language(campaign, posts):
    report = import_file(campaign=campaign, path=FIXTURES / "rejections_ru_utf8.csv")
    with translation.override("ru"):
        messages = [p.message for r in report.problem_rows for p in r.problems]
    assert any("не может быть отрицательным" in message for message in messages)


def test_a_creator_outside_the_campaign_is_refused(campaign, posts, tmp_path):
    stranger = tmp_path / "stranger.csv"
    stranger.write_text("handle,date,reach\n@nobody,2025-12-01,10\n")
    report = import_file(campaign=campaign, path=stranger)
    assert [p.code for r in report.problem_rows for p in r.problems] == ["creator_not_in_campaign"]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("empty.csv", "empty_file"),
        ("header_only.csv", "header_only"),
        ("binary.csv", "binary_file"),
        ("truncated.xlsx", "broken_workbook"),
        ("duplicate_headers.csv", "duplicate_headers"),
    ],
)
def test_unreadable_files_change_nothing(campaign, posts, name, code):
    import_file(campaign=campaign, path=FIXTURES / "instagram_ru_cp1251.csv")
    before = list(Observation.objects.values_list("pk", "value"))
    with pytest.raises(ImportProblem) as problem:
        import_file(campaign=campaign, path=FIXTURES / name)
    assert problem.value.code == code
    assert list(Observation.objects.values_list("pk", "value")) == before


def test_an_import_is_recorded_and_can_be_rolled_back(campaign, posts, tmp_path, alice):
    import_file(campaign=campaign, path=FIXTURES / "tiktok_us_utf8_bom.csv")
    newer = tmp_path / "newer.csv"
    newer.write_text(
        "Post URL,Date,Reach,Saves\nhttps://tiktok.example/p/us-1,12/01/2025,13000,5\n"
    )
    report = import_file(campaign=campaign, path=newer, user=alice)
    run = report.run
    assert run.user == alice and len(run.file_sha256) == 64
    assert (run.created_count, run.updated_count) == (1, 1)
    import_rollback(run=run)
    assert values(posts["us"], "reach")[0] == Decimal("12345")
    assert not posts["us"].observations.filter(metric="saves").exists()
    assert ImportRun.objects.get(pk=run.pk).status == ImportStatus.ROLLED_BACK


def test_the_command_prints_a_report_and_json(campaign, posts):
    out = StringIO()
    call_command(
        "import", str(FIXTURES / "rejections_ru_utf8.csv"), campaign=campaign.slug, stdout=out
    )
    assert "Row 5 (Расход, руб.)" in out.getvalue()
    out = StringIO()
    call_command(
        "import",
        str(FIXTURES / "instagram_ru_cp1251.csv"),
        campaign=campaign.slug,
        json=True,
        dry_run=True,
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data["values"]["created"] == 14 and data["options"]["encoding"] == "cp1251"


def test_the_command_fails_when_the_file_cannot_be_read(campaign, posts):
    with pytest.raises(CommandError, match="binary"):
        call_command(
            "import", str(FIXTURES / "binary.csv"), campaign=campaign.slug, stdout=StringIO()
        )
    with pytest.raises(CommandError):
        call_command("import", "/nonexistent.csv", campaign=campaign.slug, stdout=StringIO())


def test_the_command_takes_the_users_reading_over_the_detected_one(campaign, posts, tmp_path):
    # Day first or month first cannot be told from 01/12 and 02/12 alone: the user says.
    sheet = tmp_path / "ambiguous.csv"
    sheet.write_text(
        "Post URL,Date,Reach\nhttps://tiktok.example/p/us-1,01/12/2025,5\n"
        "https://tiktok.example/p/us-1,02/12/2025,6\n"
    )
    call_command(
        "import", str(sheet), campaign=campaign.slug, date_format="%d/%m/%Y", stdout=StringIO()
    )
    days = sorted(posts["us"].observations.values_list("observed_on", flat=True))
    assert [d.isoformat() for d in days] == ["2025-12-01", "2025-12-02"]


def test_a_saved_mapping_is_used_by_the_command_too(campaign, posts, tmp_path, workspace):
    from aftercast.imports.mapping import header_signature
    from aftercast.imports.models import SavedMapping

    header = ["Ссылка", "Дата", "Дочитывания"]
    SavedMapping.objects.create(
        workspace=workspace,
        name="weekly",
        columns={"Дочитывания": "views"},
        header_signature=header_signature(header),
    )
    sheet = tmp_path / "weekly.csv"
    sheet.write_text(";".join(header) + "\nhttps://instagram.example/p/ru-1;01.12.2025;77\n")
    call_command("import", str(sheet), campaign=campaign.slug, stdout=StringIO())
    assert posts["ru"].observations.get().metric == "views"


def test_numbers_too_large_to_store_are_refused_and_decimals_round_as_stored(
    campaign, posts, tmp_path
):
    sheet = tmp_path / "odd.csv"
    sheet.write_text(
        "Post URL,Date,Reach,Spend\n"
        "https://tiktok.example/p/us-1,2025-12-01,100000000000000000000,0.123456\n"
    )
    report = import_file(campaign=campaign, path=sheet)
    assert [p.code for r in report.problem_rows for p in r.problems] == ["out_of_range"]
    assert posts["us"].observations.get(metric="spend").value == Decimal("0.1235")
    again = import_file(campaign=campaign, path=sheet)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
