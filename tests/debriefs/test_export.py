"""A debrief exported as Markdown and PDF in Russian or English, from the app, the API and the
CLI: every section written in the chosen language, hostile text kept as text, and WeasyPrint
reading nothing but the document's own charts."""

import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from aftercast.debriefs.services import add_event, start_debrief
from aftercast.reports import render
from aftercast.reports.debrief_document import debrief_document
from tests.api.test_planning_api import send, tokens  # noqa: F401 (a fixture)
from tests.debriefs.test_computing import contrast_campaign

HOSTILE = '<img src="file:///etc/passwd"> | <script>alert(1)</script>'


@pytest.fixture
def debrief(workspace):
    counts = {"RU": ((100, 10_000), (160, 10_000)), "US": ((120, 10_000), (150, 10_000))}
    item = start_debrief(contrast_campaign(workspace, counts))
    add_event(
        item.campaign, happened_on=item.campaign.starts_on, kind="tracking", description=HOSTILE
    )
    return item


def test_markdown_in_each_language_keeps_hostile_text_as_text(debrief):
    english = render.to_markdown(debrief_document(debrief, "en"))
    assert english.startswith(f"# Debrief: {debrief.campaign.name}")
    assert "## Was the success metric hit?" in english and "## Across markets" in english
    assert "## What the team saw" in english
    assert "raised CTR by 60%" in english and "p < 0.001" in english
    assert "\\<img" in english and "\\<script>" in english
    assert not re.search(r"(?<!\\)<(img|script)", english)  # no tag left to open
    russian = render.to_markdown(debrief_document(debrief, "ru"))
    assert "## Достигнута ли метрика успеха?" in russian and "ДИ" in russian
    assert "Was the success metric hit?" not in russian


def test_the_pdf_embeds_its_forest_plot_and_fetches_nothing_else(debrief):
    document = debrief_document(debrief, "ru")
    (chart,) = [c for s in document.sections for c in s.charts]
    assert "DejaVu Sans" in chart.svg and "Все рынки (сводно)" in chart.svg
    html = render.to_html(document)
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert render.to_pdf(document).startswith(b"%PDF")
    with pytest.raises(ValueError, match="disallowed protocol"):
        render.url_fetcher()("file:///etc/hostname")


def test_a_viewer_downloads_it_from_the_debrief_page(client, debrief, vera):
    client.force_login(vera)
    page = client.get(reverse("debriefs:detail", args=[debrief.pk]))
    url = reverse("debriefs:export", args=[debrief.pk])
    assert f"{url}?format=pdf&amp;lang=ru" in page.text
    pdf = client.get(url, {"format": "pdf", "lang": "en"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    slug = debrief.campaign.slug
    assert pdf["Content-Disposition"] == f'attachment; filename="debrief-{slug}-en.pdf"'
    markdown = client.get(url, {"format": "md", "lang": "ru"})
    assert markdown.content.decode().startswith("# Разбор")
    word = client.get(url, {"format": "docx", "lang": "ru"})
    assert word.status_code == 200 and word.content.startswith(b"PK")  # a DOCX is a zip
    assert client.get(url, {"format": "xls"}).status_code == 400


def test_the_api_and_the_cli_export_it_too(client, debrief, tokens, tmp_path):  # noqa: F811
    url = f"/debriefs/{debrief.pk}/export?format=md&lang=ru"
    answer = send(client, "get", url, tokens["viewer"])
    assert answer.status_code == 200 and answer.content.decode().startswith("# Разбор")
    assert send(client, "get", url.replace("md", "odt"), tokens["viewer"]).status_code == 400
    out = StringIO()
    slug, workspace = debrief.campaign.slug, debrief.workspace.slug
    call_command("debrief", "export", slug, "--workspace", workspace, "--language", "en",
                 stdout=out)  # fmt: skip
    assert out.getvalue().startswith("# Debrief:")
    target = tmp_path / "debrief.pdf"
    call_command("debrief", "export", slug, "--workspace", workspace, "--format", "pdf",
                 "--output", str(target), stdout=StringIO())  # fmt: skip
    assert target.read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match="give --output"):
        call_command("debrief", "export", slug, "--workspace", workspace, "--format", "pdf")
    changed = StringIO()
    call_command("debrief", "recompute", slug, "--workspace", workspace, "--json", stdout=changed)
    assert json.loads(changed.getvalue())["changes"] == []
