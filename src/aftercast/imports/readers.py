"""Reading tables from CSV/TSV (any of UTF-8, UTF-8 with BOM, UTF-16, Windows-1251) and
XLSX/XLS, with the delimiter, decimal mark, thousands separator and date format detected
from the content, never from the file name. Rows are streamed, not loaded whole."""

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from aftercast.imports.errors import ImportProblem

SAMPLE_BYTES = 64 * 1024
MAX_BYTES = 2 * 1024**3
# A workbook is read into memory by its bounding box (first to last cell), so a 2 KB file with
# one cell at XFD1048576, or a zip bomb, would take gigabytes: bound both before reading.
MAX_SHEET_CELLS = 10_000_000
MAX_UNPACKED = 512 * 1024**2
MAX_FIELD = 1024 * 1024
CELL_REF = re.compile(rb'<(?:\w+:)?(c|row)\b[^>]*?\br="([A-Z]*)(\d+)"')
# "%b %d, %Y" is how YouTube Studio writes dates ("Dec 1, 2025"), in English whatever the locale.
DATE_FORMATS = [
    "%d.%m.%Y",
    "%m/%d/%Y",
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d.%m.%y",
    "%Y/%m/%d",
    "%b %d, %Y",
]
DATE_LIKE = re.compile(
    r"^(\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(\b|T)|(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]* \d{1,2}, \d{4})"
)
XLSX_MAGIC, XLS_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
NUMBER = re.compile(
    r"^[-+(]?[\s\u00a0\u202f]*[$₽€₸]?[\s\u00a0\u202f]*[\d\s\u00a0\u202f.,']+"
    r"[\s\u00a0\u202f]*[$₽€₸%]?\)?$"
)


@dataclass
class ReadOptions:
    """How a file is read; detected per file, shown to the user, overridable."""

    kind: str = "csv"  # csv | xlsx | xls
    encoding: str = "utf-8"
    delimiter: str = ","
    decimal: str = "."
    thousands: str = ","
    date_format: str = "%Y-%m-%d"
    sheet: str = ""
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def _encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        # UTF-16 without a BOM shows a NUL after every ASCII byte; anything else is binary.
        if sample[1::2].count(0) > len(sample) // 4:
            return "utf-16-le"
        raise ImportProblem("binary_file")
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start > len(sample) - 4:  # the sample cut a character in two
            return "utf-8"
    try:
        sample.decode("cp1251")
        return "cp1251"
    except UnicodeDecodeError:
        raise ImportProblem("unknown_encoding") from None


def _delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    best, best_score = ",", -1
    for candidate in (";", "\t", ",", "|"):
        counts = [line.count(candidate) for line in lines]
        if counts and min(counts) > 0 and len(set(counts)) <= 2:
            score = min(counts) * 10 - len(set(counts))
            if score > best_score:
                best, best_score = candidate, score
    return best


def _number_style(cells: list[str]) -> tuple[str, str]:
    """Guess the decimal mark and thousands separator from number-like cells."""
    numeric = [
        c.strip() for c in cells if c and NUMBER.match(c.strip()) and not DATE_LIKE.match(c.strip())
    ]
    comma_decimal = sum(bool(re.search(r"\d,\d{1,2}$|\d,\d{4,}$", c)) for c in numeric)
    dot_decimal = sum(bool(re.search(r"\d\.\d{1,2}$|\d\.\d{4,}$", c)) for c in numeric)
    space_groups = sum(bool(re.search(r"\d[\s\u00a0\u202f]\d{3}", c)) for c in numeric)
    if comma_decimal > dot_decimal or (space_groups and not dot_decimal):
        return ",", " "
    return ".", ","


def _date_format(cells: list[str]) -> str:
    candidates = [c.strip() for c in cells if c and DATE_LIKE.match(c.strip())]
    best, best_count = "%Y-%m-%d", 0
    for fmt in DATE_FORMATS:
        parsed = 0
        for cell in candidates:
            try:
                dt.datetime.strptime(date_part(cell, fmt), fmt)
                parsed += 1
            except ValueError:
                pass
        # The format most cells follow: one impossible date (31.02) must not hide the style.
        if parsed > best_count:
            best, best_count = fmt, parsed
    return best


def date_part(text: str, date_format: str) -> str:
    """Return the part of a cell that holds the date (dropping a time after it)."""
    words = len(date_format.split())
    return " ".join(text.strip().split("T")[0].split()[:words])


def detect(path: Path) -> ReadOptions:
    """Look at the first bytes and rows of a file and say how to read it."""
    size = path.stat().st_size
    if size == 0:
        raise ImportProblem("empty_file")
    if size > MAX_BYTES:
        raise ImportProblem("too_large", limit=MAX_BYTES // 1024**2)
    with open(path, "rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    if sample.startswith(XLSX_MAGIC) or sample.startswith(XLS_MAGIC):
        options = ReadOptions(kind="xlsx" if sample.startswith(XLSX_MAGIC) else "xls")
        if options.kind == "xlsx":
            check_workbook_bounds(path)
        rows = [row for _n, row in _sheet_rows(path, options, limit=50)]
    else:
        encoding = _encoding(sample)
        text = sample.decode(encoding, errors="ignore")
        options = ReadOptions(kind="csv", encoding=encoding, delimiter=_delimiter(text))
        rows = list(csv.reader(io.StringIO(text), delimiter=options.delimiter))[:50]
    cells = [str(cell) for row in rows[1:] for cell in row]
    options.decimal, options.thousands = _number_style(cells)
    options.date_format = _date_format(cells)
    return options


def check_workbook_bounds(path: Path) -> None:
    """Refuse a workbook whose sheets would not fit in memory, without unpacking it whole."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > MAX_UNPACKED:
                raise ImportProblem("packed_too_large", limit=MAX_UNPACKED // 1024**2)
            for member in members:
                if member.filename.startswith("xl/worksheets/") and member.filename.endswith(
                    ".xml"
                ):
                    _check_sheet(archive, member)
    except (zipfile.BadZipFile, EOFError, OSError):
        raise ImportProblem("broken_workbook") from None


def _check_sheet(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Scan a sheet's XML as a stream for the last row and column any cell claims."""
    last_row = last_column = 0
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(1024 * 1024):
            data = tail + chunk
            for match in CELL_REF.finditer(data):
                last_row = max(last_row, int(match[3]))
                if match[2]:
                    last_column = max(last_column, _column_number(match[2]))
            tail = data[-200:]
            if last_row * max(last_column, 1) > MAX_SHEET_CELLS:
                raise ImportProblem(
                    "sheet_too_large",
                    cells=last_row * max(last_column, 1),
                    limit=MAX_SHEET_CELLS,
                )


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _sheet_rows(path: Path, options: ReadOptions, limit: int | None = None):
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_name(options.sheet or workbook.sheet_names[0])
        for number, row in enumerate(sheet.iter_rows(), start=1):
            if limit is not None and number > limit:
                return
            yield number, [_cell_text(cell) for cell in row]
    except ImportProblem:
        raise
    except Exception as error:  # calamine raises its own errors for damaged files
        raise ImportProblem("broken_workbook") from error


def _cell_text(cell) -> str:
    if isinstance(cell, dt.datetime):
        return cell.strftime("%Y-%m-%d") if cell.time() == dt.time() else cell.isoformat()
    if isinstance(cell, dt.date):
        return cell.strftime("%Y-%m-%d")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell)


def read_rows(path: Path, options: ReadOptions) -> Iterator[tuple[int, list[str]]]:
    """Yield (row number, cells) from the first row (the header) on, one row at a time."""
    if options.kind in {"xlsx", "xls"}:
        yield from _sheet_rows(path, options)
        return
    csv.field_size_limit(MAX_FIELD)
    with open(path, encoding=options.encoding, newline="", errors="strict") as handle:
        number = 0
        try:
            for number, cells in enumerate(csv.reader(handle, delimiter=options.delimiter), 1):
                yield number, cells
        except UnicodeDecodeError:
            raise ImportProblem("unknown_encoding") from None
        except csv.Error:
            # The only error left to the csv module here: a cell past MAX_FIELD, mostly
            # a quote that was opened and never closed.
            raise ImportProblem("field_too_large", row=number + 1, limit=MAX_FIELD) from None


def with_overrides(options: ReadOptions, **given: str | None) -> ReadOptions:
    """Return `options` with what the user said on top (encoding, delimiter, decimal mark,
    date format), each checked: a wrong value is refused with a reason, not a crash."""
    encoding, delimiter = given.get("encoding"), given.get("delimiter")
    decimal, date_format = given.get("decimal"), given.get("date_format")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ImportProblem("bad_encoding", value=encoding[:40]) from None
        options.encoding = encoding
    if delimiter:
        delimiter = delimiter.replace("\\t", "\t")
        if len(delimiter) != 1 or delimiter in '"\r\n':
            raise ImportProblem("bad_delimiter", value=delimiter[:10])
        options.delimiter = delimiter
    if decimal:
        if decimal not in {",", "."}:
            raise ImportProblem("bad_decimal", value=decimal[:10])
        options.decimal, options.thousands = decimal, " " if decimal == "," else ","
    if date_format:
        try:
            dt.date(2025, 12, 31).strftime(date_format)
        except ValueError:
            raise ImportProblem("bad_date_format", value=date_format[:40]) from None
        if "%" not in date_format:
            raise ImportProblem("bad_date_format", value=date_format[:40])
        options.date_format = date_format
    return options
