"""Renderers of a Document: Markdown, HTML (autoescaped) and PDF (WeasyPrint, whose URL
fetcher reads nothing but the data: URLs of the document's own charts: no file, no network).
They never query the database."""

import base64
import re
from collections.abc import Callable

from django.template.loader import render_to_string

from aftercast.reports.document import Document, Table

# "<" opens raw HTML in Markdown only before a letter, "/", "!" or "?" ("p < 0.001" is safe).
HTML_OPENING = re.compile(r"<(?=[A-Za-z/!?])")


def _plain(text: str) -> str:
    """Text as Markdown shows it and nothing more: no raw HTML from a hostile string."""
    return HTML_OPENING.sub(r"\\<", str(text))


def _cell(text: str) -> str:
    return _plain(text).replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _markdown_table(table: Table) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in table.header) + " |",
             "|" + "|".join("---" for _h in table.header) + "|"]  # fmt: skip
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return lines


def to_markdown(document: Document) -> str:
    lines = [f"# {_plain(document.title)}", "", f"*{_plain(document.subtitle)}*", ""]
    for section in document.sections:
        lines += [f"## {_plain(section.heading)}", ""]
        for paragraph in section.paragraphs:
            lines += [_plain(paragraph).replace("\n", "  \n"), ""]
        if section.bullets:
            lines += [f"- {_plain(item)}".replace("\n", " ") for item in section.bullets] + [""]
        for table in section.tables:
            lines += [*_markdown_table(table), ""]
        for chart in section.charts:
            lines += [f"*{_plain(chart.title)}:* {_plain(chart.description)}", ""]
    return "\n".join(lines).rstrip() + "\n"


def _data_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def to_html(document: Document) -> str:
    """A standalone page (its style inline, its charts as data: URLs) for print and PDF."""
    sections = [
        (section, [(chart, _data_url(chart.svg)) for chart in section.charts])
        for section in document.sections
    ]
    return render_to_string("reports/document.html", {"document": document, "sections": sections})


def url_fetcher():
    """WeasyPrint's fetcher: the charts embedded as data: URLs are read; a file, the network
    or any other scheme is refused (a hostile string can never make it read anything)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False)


def to_pdf(document: Document) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(document), url_fetcher=url_fetcher()).write_pdf()


def attachment(document: Document, kind: str):
    """A document rendered as `kind` (a key of EXPORTS), as a download named by its slug."""
    from django.http import HttpResponse
    from django.utils.http import content_disposition_header

    content_type, extension, rendered = EXPORTS[kind]
    response = HttpResponse(rendered(document), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, f"{document.slug}.{extension}"
    )
    return response


def to_docx(document: Document) -> bytes:
    """A Word document with real headings and tables (charts as PNG, drawn offline)."""
    import io

    import docx
    from docx.shared import Pt
    from vl_convert import svg_to_png

    word = docx.Document()
    word.styles["Normal"].font.name = "DejaVu Sans"
    word.styles["Normal"].font.size = Pt(10)
    word.core_properties.title = document.title
    word.core_properties.language = document.language
    word.add_heading(document.title, level=0)
    word.add_paragraph().add_run(document.subtitle).italic = True
    for section in document.sections:
        word.add_heading(section.heading, level=1)
        for paragraph in section.paragraphs:
            word.add_paragraph(paragraph)
        for item in section.bullets:
            word.add_paragraph(item, style="List Bullet")
        for table in section.tables:
            grid = word.add_table(rows=1, cols=len(table.header))
            grid.style = "Table Grid"
            for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in table.rows:
                for cell, text in zip(grid.add_row().cells, row, strict=True):
                    cell.text = text
        for chart in section.charts:
            word.add_picture(io.BytesIO(svg_to_png(chart.svg, scale=2)), width=Pt(440))
            word.add_paragraph(f"{chart.title}: {chart.description}")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


# The formats a document is exported in: (content type, file extension, renderer).
EXPORTS: dict[str, tuple[str, str, Callable[[Document], str | bytes]]] = {
    "md": ("text/markdown; charset=utf-8", "md", to_markdown),
    "pdf": ("application/pdf", "pdf", to_pdf),
    "html": ("text/html; charset=utf-8", "html", to_html),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        to_docx,
    ),
}
