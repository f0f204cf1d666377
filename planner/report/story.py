"""A printed document as plain data: a story of blocks, top to bottom, that a backend lays out
on pages and paints (ReportLab's Platypus story, matplotlib's artist tree).

Every text is final here (translated, numbers formatted); a backend chooses fonts, measures,
breaks pages, repeats a table's header after a break and numbers the pages. It never groups,
pivots, formats or looks anything up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.report.chart_data import ContentChart, GanttChart

# paragraph styles: what a text is, the backend decides how it looks
TITLE, SUBTITLE, DATE, BODY, NOTE, SMALL_NOTE = (
    "title",
    "subtitle",
    "date",
    "body",
    "note",
    "small_note",
)


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = BODY
    space_after: float = 4.0  # points


@dataclass(frozen=True)
class Heading:
    """A section heading, kept on the page with `keep_with_next` points of what follows."""

    text: str
    keep_with_next: float = 90.0


@dataclass(frozen=True)
class Spacer:
    height: float  # points


@dataclass(frozen=True)
class PageBreak:
    """What follows starts on a new page (never leaves an empty page)."""


@dataclass(frozen=True)
class GridColumn:
    header: str
    numeric: bool = False  # right-aligned, never wrapped
    wrap: bool = True  # False: one line, shortened to the column's width
    keep: bool = False  # a code (part, supplier): as wide as its widest cell, never broken
    grow: float | None = None  # share of spare width; None: text columns grow, numbers don't


@dataclass
class Grid:
    """A table as printed: cells as text, emphasised cells, shaded rows. It flows over pages;
    after a break the backend repeats `caption` with the word for "continued" and the header."""

    columns: list[GridColumn]
    cells: list[list[str]]
    emphasis: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> why
    band: list[bool] | None = None  # shaded rows; None: every other row
    title: str | None = None  # printed above the table, kept with its first rows
    caption: str | None = None  # repeated after a page break (default: the title)
    width_fraction: float = 1.0  # of the page's width
    source: str = ""  # the planner.report table it shows (summary, periods, phases...)


@dataclass
class ChartBlock:
    """The Chinese-content chart, `height_mm` tall."""

    chart: ContentChart
    height_mm: float = 110.0


@dataclass
class GanttBlock:
    """The Gantt of qualifications and ramps: as many rows per page as fit; after a break
    `continued` heads the rest."""

    chart: GanttChart
    continued: str = ""


@dataclass(frozen=True)
class Signature:
    """Lines to sign on paper: each label (name, signature, date) with a rule beside it."""

    labels: tuple[str, ...]


Block = Paragraph | Heading | Spacer | PageBreak | Grid | ChartBlock | GanttBlock | Signature


@dataclass
class Story:
    """The whole document: its blocks and what every page repeats."""

    title: str  # the document's title (PDF metadata, print preview window)
    blocks: list[Block]
    name: str  # what the document is: "Phase plan"
    creator: str  # the app that made it (PDF metadata)
    page_header: str  # top of every page
    page_footer: str  # bottom left of every page
    page_number: str  # bottom right, with {n} and {total}: "Page {n} / {total}"
    continued: str  # after a caption whose table goes on from the previous page
    lang: str = "en"

    def grids(self, source: str | None = None) -> list[Grid]:
        """The tables of the document (those showing one planner.report table, if named)."""
        return [b for b in self.blocks if isinstance(b, Grid) and source in (None, b.source)]
