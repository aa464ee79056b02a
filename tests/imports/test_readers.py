"""Reading files from both markets: encodings, delimiters, number and date styles detected."""

import codecs
import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aftercast.imports.errors import ImportProblem
from aftercast.imports.mapping import map_columns
from aftercast.imports.parsing import is_formula, parse_date, parse_number
from aftercast.imports.readers import detect, read_rows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
SLOW_FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter", "decimal", "date_format"),
    [
        ("instagram_ru_cp1251.csv", "cp1251", ";", ",", "%d.%m.%Y"),
        ("tiktok_us_utf8_bom.csv", "utf-8-sig", ",", ".", "%m/%d/%Y"),
        ("youtube_utf16.tsv", "utf-16", "\t", ".", "%Y-%m-%d"),
    ],
)
def test_it_detects_how_each_text_file_is_written(name, encoding, delimiter, decimal, date_format):
    options = detect(FIXTURES / name)
    assert (options.encoding, options.delimiter, options.decimal, options.date_format) == (
        encoding,
        delimiter,
        decimal,
        date_format,
    )


def test_it_reads_an_xlsx_workbook_by_its_content_not_its_name(tmp_path):
    renamed = tmp_path / "export.csv"
    renamed.write_bytes((FIXTURES / "vk_ru.xlsx").read_bytes())
    options = detect(renamed)
    assert options.kind == "xlsx"
    header, first = list(read_rows(renamed, options))[:2]
    assert header[1] == ["Ссылка", "Дата", "Охват", "Лайки", "Репосты"]
    assert first[1][2] == "4000"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("empty.csv", "empty_file"),
        ("binary.csv", "binary_file"),
        ("truncated.xlsx", "broken_workbook"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(name, code):
    with pytest.raises(ImportProblem) as problem:
        options = detect(FIXTURES / name)
        list(read_rows(FIXTURES / name, options))
    assert problem.value.code == code


def test_duplicate_headers_are_refused():
    with pytest.raises(ImportProblem) as problem:
        map_columns(["Post URL", "Date", "Reach", "Reach"])
    assert problem.value.code == "duplicate_headers"


def test_unknown_columns_are_listed_not_dropped():
    columns = map_columns(["Ссылка", "Дата", "Охват", "Настроение автора"])
    assert columns.unknown == ["Настроение автора"]
    assert set(columns.targets.values()) == {"post_url", "date", "reach"}


def test_the_user_can_map_an_unknown_column():
    columns = map_columns(["Ссылка", "Дата", "Дочитывания"], overrides={"Дочитывания": "views"})
    assert "views" in columns.targets.values()


@pytest.mark.parametrize(
    ("text", "decimal", "thousands", "value"),
    [
        ("1 234,50", ",", " ", "1234.50"),
        ("1\u00a0234,5 ₽", ",", " ", "1234.5"),
        ("$1,234.50", ".", ",", "1234.50"),
        ("(1,000)", ".", ",", "-1000"),
        ("12", ",", " ", "12"),
    ],
)
def test_numbers_are_read_in_both_styles(text, decimal, thousands, value):
    from aftercast.imports.readers import ReadOptions

    options = ReadOptions(decimal=decimal, thousands=thousands)
    assert parse_number(text, options) == Decimal(value)


def test_formulas_are_never_read_as_values():
    assert is_formula("=cmd|' /C calc'!A0") and is_formula("@SUM(A1)")
    assert not is_formula("-5") and not is_formula("+7,5")


def test_an_impossible_date_is_refused():
    from aftercast.imports.readers import ReadOptions

    with pytest.raises(ImportProblem) as problem:
        parse_date("31.02.2025", ReadOptions(date_format="%d.%m.%Y"))
    assert problem.value.code == "bad_date"
    # The format is named the way the reader writes dates.
    with translation.override("en"):
        assert "DD.MM.YYYY" in problem.value.message
    with translation.override("ru"):
        assert "ДД.ММ.ГГГГ" in problem.value.message


STYLES = {
    # locale: (encoding, delimiter, number format, date format)
    "ru": ("cp1251", ";", lambda v: f"{v:,.2f}".replace(",", " ").replace(".", ","), "%d.%m.%Y"),
    "en": ("utf-8-sig", ",", lambda v: f"{v:,.2f}", "%m/%d/%Y"),
}

tables = st.lists(
    st.tuples(
        st.dates(dt.date(2020, 1, 13), dt.date(2030, 12, 31)), st.decimals(0, 10_000_000, places=2)
    ),
    min_size=3,
    max_size=20,
)


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    max_examples=60,
)
@given(tables, st.sampled_from(["ru", "en"]))
def test_tables_round_trip_through_csv_in_both_locales(tmp_path, rows, locale):
    encoding, delimiter, number, date_format = STYLES[locale]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["Дата" if locale == "ru" else "Date", "Охват" if locale == "ru" else "Reach"])
    for day, value in rows:
        writer.writerow([day.strftime(date_format), number(value)])
    path = tmp_path / f"table-{locale}.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    options = detect(path)
    read = [
        (parse_date(c[0], options), parse_number(c[1], options))
        for n, c in read_rows(path, options)
        if n > 1
    ]
    assert read == [(day, value) for day, value in rows]
    assert options.encoding == encoding


def test_utf16_without_a_bom_is_recognised(tmp_path):
    path = tmp_path / "no-bom.tsv"
    path.write_bytes("date\treach\n2025-12-01\t5\n".encode("utf-16-le"))
    assert detect(path).encoding == "utf-16-le"
    assert not path.read_bytes().startswith(codecs.BOM_UTF16_LE)


def test_a_file_over_two_gigabytes_is_refused_before_reading(tmp_path):
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as handle:
        handle.truncate(2 * 1024**3 + 1)  # sparse: takes no disk space
    with pytest.raises(ImportProblem) as problem:
        detect(huge)
    assert problem.value.code == "too_large"


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    max_examples=40,
)
@given(tables, st.sampled_from(["ru", "en"]))
def test_tables_round_trip_through_xlsx_as_text_or_numbers(tmp_path, rows, locale):
    """Sheets hold numbers as numbers, or as text in the locale's own style."""
    from tests.xlsx import write_xlsx

    _encoding, _delimiter, number, date_format = STYLES[locale]
    as_text = locale == "ru"
    sheet = [["Дата", "Охват"]] + [
        [day.strftime(date_format), number(value) if as_text else float(value)]
        for day, value in rows
    ]
    path = tmp_path / f"table-{locale}.xlsx"
    write_xlsx(path, sheet)
    options = detect(path)
    read = [
        (parse_date(c[0], options), parse_number(c[1], options))
        for n, c in read_rows(path, options)
        if n > 1
    ]
    assert [day for day, _v in read] == [day for day, _v in rows]
    assert [v for _d, v in read] == pytest.approx([v for _d, v in rows])
