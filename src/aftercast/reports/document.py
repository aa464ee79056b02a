"""A document as plain data: a title and sections of paragraphs, bullets, tables and charts,
every string already written in the document's language. Selectors build one from the
database; renderers (reports/render.py) turn it into Markdown, HTML or PDF without a query."""

import copy
import functools
import itertools
from dataclasses import dataclass, field

from django.utils.translation import get_language

_NAMES = itertools.count(1)
CHART_WIDTH = 460  # points: the printed page's text width, less the figure's margins


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


@dataclass
class Chart:
    title: str
    spec: dict  # Vega-Lite, drawn in the browser as it is
    description: str  # the same in words, for Markdown and screen readers
    # The language its numbers and dates are formatted in: the one it was made in.
    language: str = field(default_factory=lambda: (get_language() or "en")[:2])
    # Its element's name on a page, unique among the page's charts.
    name: str = field(default_factory=lambda: f"doc-{next(_NAMES)}")

    @functools.cached_property
    def svg(self) -> str:
        """Drawn offline by vl-convert at the page's width (a page has no container), in the
        PDF's font and the document's number format; only when a file is exported, never for
        a page in the app. Nothing is fetched: its data is inline, and no address is allowed."""
        import vl_convert

        from aftercast.core.charts import LOCALES

        fixed = copy.deepcopy(self.spec)
        fixed["width"] = CHART_WIDTH
        locale: dict = LOCALES.get(self.language, LOCALES["en"])
        return vl_convert.vegalite_to_svg(
            fixed, format_locale=locale["format"], time_format_locale=locale["time"],
            allowed_base_urls=[],
        )  # fmt: skip


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class Document:
    title: str
    subtitle: str
    language: str
    sections: list[Section]
    slug: str  # for the file's name
