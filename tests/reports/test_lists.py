"""The workspace's lists for a program review, as CSV and XLSX, headed in the reader's language,
a formula in any cell written as text."""

import csv
import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from aftercast.learnings.services import create_learning
from tests import factories

HOSTILE = '=HYPERLINK("http://evil.example","click")'


@pytest.mark.parametrize("which", ["campaigns", "learnings", "actions", "benchmarks"])
def test_every_list_exports_in_both_formats(client, workspace, campaign, vera, which):
    from aftercast.metrics.benchmarks import install_public_benchmarks

    install_public_benchmarks(workspace)
    create_learning(workspace=workspace, statement_en=HOSTILE, statement_ru="-1+1")
    client.force_login(vera)  # reading is enough
    got = client.get(reverse("reports:list_export", args=[which, "csv"]))
    assert got.status_code == 200 and got["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
    assert rows[0] and all(cell for cell in rows[0])
    book = client.get(
        reverse("reports:list_export", args=[which, "xlsx"]), HTTP_ACCEPT_LANGUAGE="ru"
    )
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(book.content)).get_sheet_by_index(0)
    header = sheet.to_python()[0]
    assert all(isinstance(cell, str) and cell for cell in header)
    if which == "learnings":
        assert rows[1][1] == "'" + HOSTILE and rows[1][2] == "'-1+1"
        assert sheet.to_python()[1][1] == "'" + HOSTILE
    if which == "campaigns":
        assert rows[1][0] == campaign.name and "no debrief yet" in rows[1][-1]
        assert header[0] == "Кампания"  # the reader's language


def test_an_unknown_list_is_404(client, workspace, vera):
    client.force_login(vera)
    assert client.get("/case-studies/lists/users.csv").status_code == 404
    assert client.get(reverse("reports:list_export", args=["campaigns", "ods"])).status_code == 404
    factories.workspace("Other")
