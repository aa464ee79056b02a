"""A document as plain data: a title and sections of paragraphs, bullets, tables and charts,
every string already written in the document's language. Selectors build one from the
database; renderers (reports/render.py) turn it into Markdown, HTML or PDF without a query."""

from dataclasses import dataclass, field


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


@dataclass
class Chart:
    title: str
    svg: str  # drawn offline by vl-convert, in the PDF's font
    description: str  # the same in words, for Markdown and screen readers


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
