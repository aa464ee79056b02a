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


# The formats a document is exported in: (content type, file extension, renderer).
EXPORTS: dict[str, tuple[str, str, Callable[[Document], str | bytes]]] = {
    "md": ("text/markdown; charset=utf-8", "md", to_markdown),
    "pdf": ("application/pdf", "pdf", to_pdf),
}
