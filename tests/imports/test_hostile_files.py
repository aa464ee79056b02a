"""Hostile files are refused with a reason, within a bounded amount of memory, and lose nothing."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aftercast.imports.errors import ImportProblem
from aftercast.imports.readers import detect
from aftercast.imports.services import import_file
from aftercast.metrics.models import Observation

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
MEMORY_BOUND_MB = 300

# The peak is read from VmHWM (this process's own high-water mark): ru_maxrss would carry over
# the RSS of the test process that started it, which has nothing to do with the reader.
PROBE = """
import json, sys
from pathlib import Path
from aftercast.imports.errors import ImportProblem
from aftercast.imports.readers import detect, read_rows
try:
    options = detect(Path(sys.argv[1]))
    for _row in read_rows(Path(sys.argv[1]), options):
        pass
    code = None
except ImportProblem as problem:
    code = problem.code
status = Path("/proc/self/status").read_text()
peak = int(next(l for l in status.splitlines() if l.startswith("VmHWM:")).split()[1]) // 1024
print(json.dumps({"code": code, "peak_mb": peak}))
"""


def probe(path: Path) -> dict:
    """Read a file in a fresh process and return how it ended and its peak memory (MB)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("one_cell_at_xfd1048576.xlsx", "sheet_too_large"),
        ("zip_bomb.xlsx", "packed_too_large"),
        ("unclosed_quote.csv", "field_too_large"),
    ],
)
def test_a_hostile_file_is_refused_within_bounded_memory(name, code):
    result = probe(HOSTILE / name)
    assert result["code"] == code
    assert result["peak_mb"] < MEMORY_BOUND_MB, result


def test_a_refused_file_keeps_what_was_stored(campaign, posts):
    import_file(campaign=campaign, path=FIXTURES / "instagram_ru_cp1251.csv")
    before = list(Observation.objects.values_list("pk", "value"))
    for name in ("one_cell_at_xfd1048576.xlsx", "zip_bomb.xlsx", "unclosed_quote.csv"):
        with pytest.raises(ImportProblem):
            import_file(campaign=campaign, path=HOSTILE / name)
    assert list(Observation.objects.values_list("pk", "value")) == before


def test_a_long_but_honest_cell_is_read(tmp_path):
    comment = tmp_path / "long.csv"
    comment.write_text(
        "Ссылка,Дата,Текст комментария\nhttps://t.me/a/1,01.12.2025," + "я" * 200_000
    )
    options = detect(comment)
    from aftercast.imports.readers import read_rows

    rows = list(read_rows(comment, options))
    assert len(rows[1][1][2]) == 200_000


def test_rejected_rows_are_stored_bounded(campaign, posts, tmp_path):
    hostile = tmp_path / "long_cells.csv"
    cell = "x" * 100_000
    lines = ["Post URL,Date,Reach,Note"]
    lines += [f"https://instagram.example/p/ru-1,2025-12-01,not-a-number,{cell}"] * 30
    hostile.write_text("\n".join(lines))
    report = import_file(campaign=campaign, path=hostile)
    assert report.cells_refused == 30
    stored = report.run.rejections.all()
    assert stored.count() == 30
    assert all(len(cell) <= 1_000 for row in stored for cell in row.cells)


def test_the_probe_would_see_a_reader_that_loads_the_bounding_box(tmp_path):
    # The same probe on a file the bound lets through: it reads, and its peak is measured.
    result = probe(FIXTURES / "vk_ru.xlsx")
    assert result["code"] is None and 0 < result["peak_mb"] < MEMORY_BOUND_MB
