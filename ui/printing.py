"""The printable phase plan: one QPainter routine for the print preview (QPrinter) and the PDF
(QPdfWriter), so what management reads on paper is what the app previewed.

The document is laid out first into pages of draw closures, then painted, so every footer can
say "Page n / N". All sizes are in points or millimetres, converted with the device's dpi, and
every text is measured with the device's font metrics and wrapped or elided: nothing is clipped.
The bundled DejaVu Sans carries every Vietnamese glyph, so the PDF embeds it on any machine.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from planner.io.files import CannotWrite, atomic_write, check_target
from planner.plan import Plan
from planner.project import TypedProject
from planner.report import fmt
from planner.report.chart_data import gantt_rows
from planner.report.labels import label
from planner.report.tables import (
    MONEY,
    SUMMARY_LABELS,
    TEXT,
    assumptions_table,
    format_value,
    periods_table,
    require_verified,
    summary_table,
)
from ui.charts import (
    gantt_capacity,
    gantt_header_height,
    gantt_row_height,
    paint_content_chart,
    paint_gantt,
)

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FAMILY = "DejaVu Sans"
MARGIN_MM = 15.0
CHART_MM = 110.0

INK = QColor("#222222")
MUTED = QColor("#6B7280")
ACCENT = QColor("#1F3864")
RULE = QColor("#9AA5B1")
GRID = QColor("#D5DAE1")
HEAD_FILL = QColor("#E6ECF4")
BAND_FILL = QColor("#F5F7FA")
EMPH_FILL = QColor("#FFF2CC")

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
CELL_PAD_X, CELL_PAD_Y = 3.0, 1.8  # points
TABLE_PT, MIN_TABLE_PT = 8.0, 6.5

_SPACES = re.compile(r"[ \t\r\n]+")  # not the no-break space
_BREAKS = re.compile(r"[ \t\r\n]+|(?<=-)(?=[^\d\s])")

_family: str | None = None
_app: QGuiApplication | None = None  # kept alive when write_plan_pdf had to create it

Draw = Callable[[QPainter], None]


# Fonts and measures ------------------------------------------------------------------------


def register_fonts() -> str:
    """Register the bundled DejaVu Sans (regular and bold) once; the family every text uses.

    Falls back to an installed DejaVu Sans, then to the system font, if the files are missing.
    """
    global _family
    if _family is not None:
        return _family
    families: list[str] = []
    for name in FONT_FILES:
        path = FONT_DIR / name
        if path.is_file():
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families += QFontDatabase.applicationFontFamilies(font_id)
    if FAMILY in families or FAMILY in QFontDatabase.families():
        _family = FAMILY
    else:
        _family = QFontDatabase.systemFont(QFontDatabase.GeneralFont).family()
    return _family


class _Style:
    """Fonts and their metrics on one device (a 300-dpi PDF and a 1200-dpi printer differ)."""

    def __init__(self, device: QPagedPaintDevice, family: str) -> None:
        self.device = device
        self.family = family
        self.pt = device.logicalDpiY() / 72.0
        self._metrics: dict[tuple[float, bool], QFontMetricsF] = {}

    def mm(self, value: float) -> float:
        return value * 72.0 / 25.4 * self.pt

    def font(self, size: float, bold: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPointSizeF(size)
        font.setBold(bold)
        # no "ﬁ"/"ﬀ" ligatures: text copied or searched in the PDF must read "fi", "ff"
        for tag in ("liga", "clig"):
            font.setFeature(QFont.Tag(tag), 0)
        return font

    def fm(self, size: float, bold: bool = False) -> QFontMetricsF:
        key = (size, bold)
        if key not in self._metrics:
            self._metrics[key] = QFontMetricsF(self.font(size, bold), self.device)
        return self._metrics[key]

    def text_height(self, text: str, width: float, size: float, bold: bool = False) -> float:
        fm = self.fm(size, bold)
        flags = _wrap_flags(fm, text, width)
        return fm.boundingRect(QRectF(0, 0, width, 1e9), flags, text).height()


def _words(text: str) -> list[str]:
    """The pieces Qt's line breaking keeps whole: words, and a hyphen ends one unless a digit
    follows ("2027-Q1" may break after the dash, "-5" may not)."""
    return [w for w in _BREAKS.split(text) if w]


def _wrap_flags(fm: QFontMetricsF, text: str, width: float) -> int:
    """Word wrap, or wrap anywhere when one word is wider than the column (never clip)."""
    longest = max((fm.horizontalAdvance(w) for w in _words(text)), default=0.0)
    return int(Qt.TextWrapAnywhere if longest > width else Qt.TextWordWrap)


def _draw_text(
    painter: QPainter,
    st: _Style,
    rect: QRectF,
    text: str,
    size: float,
    bold: bool = False,
    colour: QColor = INK,
    align: Qt.AlignmentFlag = Qt.AlignLeft | Qt.AlignTop,
    wrap: bool = True,
) -> None:
    painter.setFont(st.font(size, bold))
    painter.setPen(colour)
    fm = st.fm(size, bold)
    if wrap:
        painter.drawText(rect, int(align) | _wrap_flags(fm, text, rect.width()), text)
    else:
        painter.drawText(rect, align, fm.elidedText(text, Qt.ElideRight, rect.width()))


# Flow: blocks placed down the pages ----------------------------------------------------------


class _Flow:
    """Places blocks top to bottom in the content area, starting pages as needed."""

    def __init__(self, area: QRectF) -> None:
        self.area = area
        self.pages: list[list[Draw]] = [[]]
        self.y = area.top()

    @property
    def room(self) -> float:
        return self.area.bottom() - self.y

    @property
    def at_top(self) -> bool:
        return self.y <= self.area.top() + 1e-6

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.area.top()

    def break_page(self) -> None:
        """A new section starts on a fresh page (no blank page if this one is still empty)."""
        if self.pages[-1] or not self.at_top:
            self.new_page()

    def ensure(self, height: float) -> None:
        if height > self.room and not self.at_top:
            self.new_page()

    def place(self, height: float, paint: Callable[[QPainter, QRectF], None]) -> QRectF:
        rect = QRectF(self.area.left(), self.y, self.area.width(), height)
        self.pages[-1].append(lambda p, r=rect: paint(p, r))
        self.y += height
        return rect

    def skip(self, height: float) -> None:
        if not self.at_top:
            self.y = min(self.y + height, self.area.bottom())


def _paragraph(
    flow: _Flow,
    st: _Style,
    text: str,
    size: float,
    bold: bool = False,
    colour: QColor = INK,
    after: float = 4.0,
    keep: float = 0.0,
) -> None:
    """Wrapped text; `after` is space below in points, `keep` the room (device units) the
    next block needs on the same page."""
    width = flow.area.width()
    height = st.text_height(text, width, size, bold)
    flow.ensure(height + keep)
    flow.place(
        height,
        lambda p, r: _draw_text(p, st, r, text, size, bold, colour),
    )
    flow.skip(after * st.pt)


def _heading(flow: _Flow, st: _Style, text: str, keep_pt: float = 90.0) -> None:
    """A section heading with a rule under it, kept with what follows."""
    size = 13.0
    width = flow.area.width()
    height = st.text_height(text, width, size, True) + 4 * st.pt
    flow.ensure(height + keep_pt * st.pt)
    if not flow.at_top:
        flow.skip(6 * st.pt)

    def paint(p: QPainter, r: QRectF) -> None:
        _draw_text(p, st, r, text, size, True, ACCENT)
        p.setPen(QPen(ACCENT, 0.8 * st.pt))
        p.drawLine(
            QPointF(r.left(), r.bottom() - 1 * st.pt), QPointF(r.right(), r.bottom() - 1 * st.pt)
        )

    flow.place(height, paint)
    flow.skip(5 * st.pt)


# Tables ------------------------------------------------------------------------------------


@dataclass
class _Col:
    header: str
    numeric: bool = False
    wrap: bool = True  # False: one line, elided to the column
    grow: float | None = None  # share of spare width; None: text columns grow, numbers don't
    keep: bool = False  # codes (part, supplier): as wide as the widest, never broken


@dataclass
class _Grid:
    cols: list[_Col]
    rows: list[list[str]]
    emph: set[tuple[int, int]] = field(default_factory=set)  # (row, col) in bold on amber
    band: list[bool] | None = None  # shaded rows; None: every other row
    width_frac: float = 1.0


def _widths(st: _Style, grid: _Grid, size: float, total: float) -> list[float] | None:
    """Column widths at this font size, or None when even the narrowest layout is too wide."""
    fm, fmb = st.fm(size), st.fm(size, True)
    pad = 2 * CELL_PAD_X * st.pt
    mins, wants = [], []
    for j, col in enumerate(grid.cols):
        cells = [row[j] for row in grid.rows]
        head_word = max((fmb.horizontalAdvance(w) for w in _words(col.header)), default=0.0)
        head_full = max((fmb.horizontalAdvance(t) for t in col.header.splitlines()), default=0.0)
        measure = fmb if col.numeric else fm  # numbers may be emphasised in bold
        full = max((measure.horizontalAdvance(c) for c in cells), default=0.0)
        if col.numeric or col.keep:
            low = max(head_word, full)  # a number or a code never wraps
        elif col.wrap:
            word = max(
                (fm.horizontalAdvance(w) for c in cells for w in _SPACES.split(c)), default=0.0
            )
            low = max(head_word, min(word, 0.3 * total))
        else:
            low = max(head_word, min(full, 0.12 * total))
        mins.append(low + pad)
        wants.append(max(low, head_full, full) + pad)
    low_sum, want_sum = sum(mins), sum(wants)
    if low_sum > total + 1e-6:
        return None
    if want_sum <= total:
        grow = [
            (c.grow if c.grow is not None else (0.0 if c.numeric else w))
            for c, w in zip(grid.cols, wants, strict=True)
        ]
        if sum(grow) <= 0:
            grow = list(wants)
        spare = total - want_sum
        return [w + spare * g / sum(grow) for w, g in zip(wants, grow, strict=True)]
    # too narrow: number columns give way first (their headers wrap), then the text columns
    # (which wrap or elide) share what is left in proportion to what they would like
    numeric = [c.numeric for c in grid.cols]
    text_want = sum(w for w, n in zip(wants, numeric, strict=True) if not n)
    num_room = total - text_want
    if num_room >= sum(m for m, n in zip(mins, numeric, strict=True) if n):
        pairs = [(m, w) for m, w, n in zip(mins, wants, numeric, strict=True) if n]
        capped = iter(_cap_fill(pairs, num_room))
        return [next(capped) if n else w for w, n in zip(wants, numeric, strict=True)]
    widths = [m if n else w for w, m, n in zip(wants, mins, numeric, strict=True)]
    text_slack = sum(w - m for w, m, n in zip(wants, mins, numeric, strict=True) if not n)
    f = (sum(widths) - total) / text_slack
    return [w if n else w - (w - m) * f for w, m, n in zip(widths, mins, numeric, strict=True)]


def _cap_fill(pairs: list[tuple[float, float]], room: float) -> list[float]:
    """Widths between each (min, want) under one common cap, summing to `room`: the widest
    headers wrap first, columns already narrow keep their width."""
    lo, hi = 0.0, max(w for _m, w in pairs)
    for _ in range(40):
        cap = (lo + hi) / 2
        if sum(min(max(cap, m), w) for m, w in pairs) > room:
            hi = cap
        else:
            lo = cap
    return [min(max(lo, m), w) for m, w in pairs]


def _fit(st: _Style, grid: _Grid, total: float) -> tuple[float, list[float]]:
    """The largest font (8 pt down to 6.5 pt) at which the table fits the width."""
    size = TABLE_PT
    while size >= MIN_TABLE_PT - 1e-9:
        widths = _widths(st, grid, size, total)
        if widths is not None:
            return size, widths
        size -= 0.5
    # still too wide: squeeze the narrowest layout; cells then wrap anywhere, nothing is clipped
    size = MIN_TABLE_PT
    pad = 2 * CELL_PAD_X * st.pt
    naive = [max(st.fm(size, True).horizontalAdvance(c.header), 1.0) + pad for c in grid.cols]
    return size, [w * total / sum(naive) for w in naive]


def _cell_height(st: _Style, col: _Col, text: str, width: float, size: float, bold: bool) -> float:
    inner = width - 2 * CELL_PAD_X * st.pt
    if not col.wrap and not col.numeric:
        return st.fm(size, bold).height()
    return max(st.fm(size, bold).height(), st.text_height(text, inner, size, bold))


def _table(
    flow: _Flow,
    st: _Style,
    grid: _Grid,
    lang: str,
    title: str | None = None,
    caption: str | None = None,
) -> None:
    """A table that flows over pages; after a break the caption and the header row repeat."""
    total = flow.area.width() * grid.width_frac
    size, widths = _fit(st, grid, total)
    pady = 2 * CELL_PAD_Y * st.pt
    head_h = pady + max(
        _cell_height(st, c, c.header, w, size, True) for c, w in zip(grid.cols, widths, strict=True)
    )
    row_hs = [
        pady
        + max(
            _cell_height(st, c, text, w, size, (i, j) in grid.emph)
            for j, (c, w, text) in enumerate(zip(grid.cols, widths, row, strict=True))
        )
        for i, row in enumerate(grid.rows)
    ]
    band = grid.band or [i % 2 == 1 for i in range(len(grid.rows))]
    caption = caption or title
    cont_text = f"{caption} {label('continued', lang)}" if caption else label("continued", lang)
    cont_h = st.text_height(cont_text, flow.area.width(), 8.5, True) + 3 * st.pt
    first_row = row_hs[0] if row_hs else 0.0
    if title:
        _paragraph(flow, st, title, 10.0, True, ACCENT, after=3, keep=head_h + first_row)
    else:
        flow.ensure(head_h + first_row)

    start = 0
    while start < len(grid.rows) or start == 0:
        if start > 0:
            flow.new_page()
            flow.place(cont_h, lambda p, r, t=cont_text: _draw_text(p, st, r, t, 8.5, True, MUTED))
        room = flow.room - head_h
        end, used = start, 0.0
        while end < len(grid.rows) and (used + row_hs[end] <= room or end == start):
            used += row_hs[end]
            end += 1
        chunk = list(range(start, end))
        flow.place(
            head_h + used,
            lambda p, r, rows=chunk: _paint_table(
                p, st, r, grid, widths, size, head_h, [row_hs[i] for i in rows], rows, band
            ),
        )
        if end >= len(grid.rows):
            break
        start = end
    flow.skip(6 * st.pt)


def _paint_table(
    painter: QPainter,
    st: _Style,
    rect: QRectF,
    grid: _Grid,
    widths: list[float],
    size: float,
    head_h: float,
    heights: list[float],
    rows: list[int],
    band: list[bool],
) -> None:
    pt = st.pt
    width = sum(widths)
    xs = [rect.left()]
    for w in widths:
        xs.append(xs[-1] + w)
    painter.save()
    painter.fillRect(QRectF(rect.left(), rect.top(), width, head_h), HEAD_FILL)

    def cell(x0: float, y0: float, w: float, h: float) -> QRectF:
        return QRectF(x0 + CELL_PAD_X * pt, y0 + CELL_PAD_Y * pt, w - 2 * CELL_PAD_X * pt, h)

    inner_h = head_h - 2 * CELL_PAD_Y * pt
    for j, col in enumerate(grid.cols):
        align = (Qt.AlignRight if col.numeric else Qt.AlignLeft) | Qt.AlignBottom
        _draw_text(
            painter,
            st,
            cell(xs[j], rect.top(), widths[j], inner_h),
            col.header,
            size,
            True,
            INK,
            align,
        )
    y = rect.top() + head_h
    for i, h in zip(rows, heights, strict=True):
        if band[i]:
            painter.fillRect(QRectF(rect.left(), y, width, h), BAND_FILL)
        for j, col in enumerate(grid.cols):
            text = grid.rows[i][j]
            bold = (i, j) in grid.emph
            if bold:
                painter.fillRect(QRectF(xs[j], y, widths[j], h), EMPH_FILL)
            align = (Qt.AlignRight if col.numeric else Qt.AlignLeft) | Qt.AlignTop
            box = cell(xs[j], y, widths[j], h - 2 * CELL_PAD_Y * pt)
            _draw_text(painter, st, box, text, size, bold, INK, align, col.wrap or col.numeric)
        painter.setPen(QPen(GRID, 0.5 * pt))
        painter.drawLine(QPointF(rect.left(), y + h), QPointF(rect.left() + width, y + h))
        y += h
    painter.setPen(QPen(GRID, 0.5 * pt))
    for x in xs[1:-1]:
        painter.drawLine(QPointF(x, rect.top()), QPointF(x, y))
    painter.setPen(QPen(RULE, 0.8 * pt))
    painter.drawLine(QPointF(rect.left(), rect.top()), QPointF(rect.left() + width, rect.top()))
    painter.drawLine(
        QPointF(rect.left(), rect.top() + head_h), QPointF(rect.left() + width, rect.top() + head_h)
    )
    painter.drawLine(QPointF(rect.left(), y), QPointF(rect.left() + width, y))
    painter.restore()


# The sections ------------------------------------------------------------------------------


def _date_text(day: dt.date, lang: str) -> str:
    if lang == "vi":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"  # not strftime: locale-free


def _lookup(frame, key: str, value: str) -> dict:
    return dict(zip(frame[key], frame[value], strict=False))


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _cover(flow: _Flow, st: _Style, project: TypedProject, plan: Plan, lang: str, day: str) -> None:
    name = project.settings.plan_name
    currency = project.settings.currency
    _paragraph(flow, st, label("phase_plan", lang), 24.0, True, ACCENT, after=4)
    _paragraph(flow, st, name, 15.0, False, INK, after=3)
    _paragraph(flow, st, day, 9.5, False, MUTED, after=12)

    _heading(flow, st, label("headline", lang))
    summary = summary_table(project, plan, lang)
    total_label = SUMMARY_LABELS["total_cost"][1 if lang == "vi" else 0]
    rows, emph = [], set()
    for k, (item, value, kind) in enumerate(summary.frame.itertuples(index=False)):
        if k == 0 and value == name:
            continue  # the plan's name is the title already
        if item == total_label:
            emph.add((len(rows), 1))
        rows.append([str(item), format_value(value, kind, lang, currency)])
    cols = [_Col(summary.columns[0].label), _Col(summary.columns[1].label, numeric=True)]
    _table(
        flow, st, _Grid(cols, rows, emph, width_frac=0.82), lang, caption=label("headline", lang)
    )

    _heading(flow, st, label("assumptions", lang))
    table = assumptions_table(project, plan, lang)
    cols = [_Col(c.label) for c in table.columns]
    _table(
        flow,
        st,
        _Grid(cols, table.display(lang, currency)),
        lang,
        caption=label("assumptions", lang),
    )


def _chart_and_periods(
    flow: _Flow, st: _Style, project: TypedProject, plan: Plan, lang: str
) -> None:
    flow.break_page()
    _heading(flow, st, label("content_chart", lang), keep_pt=CHART_MM * 72 / 25.4)

    def chart(p: QPainter, r: QRectF) -> None:
        p.setFont(st.font(9.0))  # the chart sizes its fonts from the painter's family
        paint_content_chart(p, r, project, plan, lang)

    flow.place(st.mm(CHART_MM), chart)
    flow.skip(12 * st.pt)
    table = periods_table(project, plan, lang)
    keys = [c.key for c in table.columns]
    emph = set()
    for binding in table.bindings:
        j = keys.index(binding.value)
        emph |= {(i, j) for i, hit in enumerate(table.binding_mask(binding)) if hit}
    cols = [_Col(c.label, numeric=c.kind != TEXT, grow=1.0) for c in table.columns]
    grid = _Grid(cols, table.display(lang, project.settings.currency), emph)
    title = label("periods_title", lang)
    _table(flow, st, grid, lang, title=title)


def _phases(flow: _Flow, st: _Style, project: TypedProject, plan: Plan, lang: str) -> None:
    flow.break_page()
    currency = project.settings.currency
    sup = project["Suppliers"]
    comp = project["Components"]
    names = _lookup(sup, "supplier_id", "name")
    countries = _lookup(sup, "supplier_id", "country")
    desc = _lookup(comp, "component_id", "description")
    order = {c: i for i, c in enumerate(comp["component_id"])}
    acts = plan.actions
    per = {str(r.period): r for r in plan.periods.itertuples(index=False)}

    def money(v: object) -> str:
        return format_value(v, MONEY, lang, currency)

    for n, period in enumerate(project.periods, 1):
        here = acts[acts["period"].astype(str) == period]
        heading = f"{label('phase', lang)} {n} · {period}"
        _heading(flow, st, heading, keep_pt=60)
        row = per.get(period)
        if row is not None:
            line = (
                f"{label('budget_used', lang)}: {money(row.budget_used)} / {money(row.budget)}"
                f"     ·     {label('slots_used', lang)}: "
                f"{format_value(row.slots_used, 'count', lang)} / "
                f"{format_value(row.qualification_slots, 'count', lang)}"
            )
            _paragraph(flow, st, line, 9.0, False, MUTED, after=5)
        if here.empty:
            _paragraph(flow, st, label("nothing_this_phase", lang), 9.5, False, INK, after=4)
            continue

        onboard = here[here["kind"] == "onboard"]
        if len(onboard):
            cols = [
                _Col(label("supplier_id", lang), keep=True),
                _Col(label("supplier_name", lang)),
                _Col(label("country", lang)),
                _Col(label("one_time_cost", lang), numeric=True),
            ]
            rows = [
                [s, _text(names.get(s)), _text(countries.get(s)), money(cost)]
                for s, cost in zip(onboard["supplier_id"], onboard["one_time_cost"], strict=True)
            ]
            title = label("onboards", lang)
            _table(flow, st, _Grid(cols, rows), lang, title, f"{heading} · {title}")

        starts = here[here["kind"] == "start_qualification"]
        if len(starts):
            starts = starts.sort_values("component_id", key=lambda s: s.map(order))
            cols = [
                _Col(label("component_id", lang), keep=True),
                _Col(label("description", lang)),
                _Col(label("new_supplier", lang), keep=True),
                _Col(label("one_time_cost", lang), numeric=True),
                _Col(label("ready_period", lang)),
            ]
            rows = [
                [
                    str(a.component_id),
                    _text(desc.get(a.component_id)),
                    str(a.supplier_id),
                    money(a.one_time_cost),
                    _text(a.ready_period) or label("beyond_horizon", lang),
                ]
                for a in starts.itertuples(index=False)
            ]
            title = label("starts", lang)
            _table(flow, st, _Grid(cols, rows), lang, title, f"{heading} · {title}")

        ramps = here[here["kind"] == "ramp"]
        if len(ramps):
            ramps = ramps.assign(_o=ramps["component_id"].map(order)).sort_values(
                ["_o", "share_to"], ascending=[True, False]
            )
            cols = [
                _Col(label("component_id", lang), keep=True),
                _Col(label("description", lang), wrap=False),
                _Col(label("supplier_id", lang), keep=True),
                _Col(label("share_from", lang), numeric=True),
                _Col(label("share_to", lang), numeric=True),
            ]
            rows = [
                [
                    str(a.component_id),
                    _text(desc.get(a.component_id)),
                    str(a.supplier_id),
                    fmt.pct(a.share_from, lang),
                    fmt.pct(a.share_to, lang),
                ]
                for a in ramps.itertuples(index=False)
            ]
            # shade by part, so a part's outgoing and incoming suppliers read as one group
            parts = [r[0] for r in rows]
            band, shade = [], False
            for k, part in enumerate(parts):
                if k and part != parts[k - 1]:
                    shade = not shade
                band.append(shade)
            title = label("ramps", lang)
            _table(flow, st, _Grid(cols, rows, band=band), lang, title, f"{heading} · {title}")


def _gantt(
    flow: _Flow, painter: QPainter, st: _Style, project: TypedProject, plan: Plan, lang: str
) -> None:
    flow.break_page()
    title = label("gantt", lang)
    _heading(flow, st, title, keep_pt=0)
    total = len(gantt_rows(project, plan))

    def paint(p: QPainter, r: QRectF, first: int, count: int | None) -> None:
        p.setFont(st.font(9.0))
        paint_gantt(p, r, project, plan, lang, first, count)

    if total == 0:
        flow.place(40 * st.pt, lambda p, r: paint(p, r, 0, None))
        return
    cont = f"{title} {label('continued', lang)}"
    first = 0
    while first < total:
        if first:
            flow.new_page()
            height = st.text_height(cont, flow.area.width(), 8.5, True) + 3 * st.pt
            flow.place(height, lambda p, r: _draw_text(p, st, r, cont, 8.5, True, MUTED))
        painter.setFont(st.font(9.0))
        room = QRectF(flow.area.left(), flow.y, flow.area.width(), flow.room)
        count = min(gantt_capacity(painter, room), total - first)
        height = gantt_header_height(painter) + count * gantt_row_height(painter)
        flow.place(min(height, flow.room), lambda p, r, f=first, c=count: paint(p, r, f, c))
        first += count


PERIODS_PER_TABLE = 8


def _allocation(flow: _Flow, st: _Style, project: TypedProject, plan: Plan, lang: str) -> None:
    flow.break_page()
    title = label("allocation_title", lang)
    periods = project.periods
    order = {c: i for i, c in enumerate(project["Components"]["component_id"])}
    shares: dict[tuple[str, str], dict[str, float]] = {}
    incumbent: set[tuple[str, str]] = set()
    for a in plan.allocation.itertuples(index=False):
        key = (str(a.component_id), str(a.supplier_id))
        shares.setdefault(key, {})[str(a.period)] = float(a.share)
        if bool(a.is_incumbent):
            incumbent.add(key)
    keys = [k for k, v in shares.items() if any(s > 1e-6 for s in v.values())]

    def first_period(key: tuple[str, str]) -> int:
        return next((i for i, p in enumerate(periods) if shares[key].get(p, 0) > 1e-6), 0)

    keys.sort(key=lambda k: (order.get(k[0], math.inf), k not in incumbent, first_period(k), k[1]))
    # at most PERIODS_PER_TABLE period columns fit a portrait page with the part and supplier
    # readable: a longer horizon gets one table per stretch of periods
    chunks = [
        periods[i : i + PERIODS_PER_TABLE] for i in range(0, len(periods), PERIODS_PER_TABLE)
    ] or [periods]
    for n, chunk in enumerate(chunks):
        caption = title if len(chunks) == 1 else f"{title} · {chunk[0]} – {chunk[-1]}"
        _heading(flow, st, caption, keep_pt=60)
        if n == 0:
            _paragraph(flow, st, label("allocation_note", lang), 8.5, False, MUTED, after=5)
        here = [k for k in keys if any(shares[k].get(p, 0.0) > 1e-6 for p in chunk)]
        rows, band, shade = [], [], False
        for k, (part, supplier) in enumerate(here):
            if k and part != here[k - 1][0]:
                shade = not shade  # shade by part: its suppliers read as one group
            band.append(shade)
            mine = shares[(part, supplier)]
            cells = [fmt.pct(mine[p], lang) if mine.get(p, 0.0) > 1e-6 else "" for p in chunk]
            mark = "\u00a0*" if (part, supplier) in incumbent else ""  # the star never wraps
            rows.append([part, supplier + mark, *cells])
        # no description column: with the periods it would be elided to a few useless letters
        cols = [
            _Col(label("component_id", lang), keep=True),
            _Col(label("supplier_id", lang), keep=True),
            *[_Col(p, numeric=True) for p in chunk],
        ]
        _table(flow, st, _Grid(cols, rows, band=band), lang, caption=caption)


def _layout(
    painter: QPainter,
    st: _Style,
    area: QRectF,
    project: TypedProject,
    plan: Plan,
    lang: str,
    day: str,
) -> list[list[Draw]]:
    flow = _Flow(area)
    _cover(flow, st, project, plan, lang, day)
    _chart_and_periods(flow, st, project, plan, lang)
    _phases(flow, st, project, plan, lang)
    _gantt(flow, painter, st, project, plan, lang)
    _allocation(flow, st, project, plan, lang)
    return [page for page in flow.pages if page] or [[]]


def _chrome_height(st: _Style) -> float:
    return st.fm(7.5).height() + 12 * st.pt


def _paint_chrome(
    painter: QPainter, st: _Style, page: QRectF, header: str, left: str, right: str
) -> None:
    """The thin header line and the footer on every page."""
    size, pt = 7.5, st.pt
    h = st.fm(size).height()
    top = QRectF(page.left(), page.top(), page.width(), h)
    _draw_text(painter, st, top, header, size, False, MUTED, Qt.AlignLeft | Qt.AlignVCenter, False)
    painter.setPen(QPen(RULE, 0.5 * pt))
    painter.drawLine(
        QPointF(page.left(), top.bottom() + 3 * pt), QPointF(page.right(), top.bottom() + 3 * pt)
    )
    bottom = QRectF(page.left(), page.bottom() - h, page.width(), h)
    painter.drawLine(
        QPointF(page.left(), bottom.top() - 3 * pt), QPointF(page.right(), bottom.top() - 3 * pt)
    )
    right_w = st.fm(size).horizontalAdvance(right) + 2 * pt
    _draw_text(
        painter, st, bottom, right, size, False, MUTED, Qt.AlignRight | Qt.AlignVCenter, False
    )
    left_rect = QRectF(bottom.left(), bottom.top(), bottom.width() - right_w - 12 * pt, h)
    _draw_text(
        painter, st, left_rect, left, size, False, MUTED, Qt.AlignLeft | Qt.AlignVCenter, False
    )


# Public API --------------------------------------------------------------------------------


def render_plan(
    device: QPagedPaintDevice, project: TypedProject, plan: Plan, lang: str = "en"
) -> int:
    """Draw the whole phase plan on a printer or PDF writer; returns the number of pages."""
    require_verified(plan)
    return _render(device, project, plan, lang)


def _render(device: QPagedPaintDevice, project: TypedProject, plan: Plan, lang: str) -> int:
    family = register_fonts()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot paint on the print device (is the file writable?)")
    try:
        st = _Style(device, family)
        painter.setFont(st.font(9.0))
        painter.setRenderHint(QPainter.Antialiasing, True)
        page = QRectF(0, 0, device.width(), device.height())
        chrome = _chrome_height(st)
        area = page.adjusted(0, chrome, 0, -chrome)
        day = _date_text(dt.date.today(), lang)
        pages = _layout(painter, st, area, project, plan, lang, day)
        header = f"{label('app_name', lang)} · {project.settings.plan_name}"
        footer = label("generated", lang, date=day)
        for n, draws in enumerate(pages, 1):
            if n > 1 and not device.newPage():
                raise OSError("the print device refused a new page")
            _paint_chrome(
                painter, st, page, header, footer, label("page", lang, n=n, total=len(pages))
            )
            for draw in draws:
                painter.save()
                draw(painter)
                painter.restore()
    finally:
        painter.end()
    return len(pages)


def _page_layout() -> QPageLayout:
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(
        QPageSize(QPageSize.A4), QPageLayout.Portrait, margins, QPageLayout.Millimeter
    )


def _ensure_app() -> None:
    """QPdfWriter and fonts need a QGuiApplication; the CLI has none, and maybe no display."""
    global _app
    app = QGuiApplication.instance()
    if app is not None:
        if not isinstance(app, QGuiApplication):
            raise RuntimeError("the PDF needs a QGuiApplication, not a QCoreApplication")
        return
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(["locplan"])


def write_plan_pdf(
    project: TypedProject, plan: Plan, path: str | os.PathLike[str], lang: str = "en"
) -> int:
    """Write the phase plan as an A4 PDF, atomically (a reader never sees half a file).

    Raises UnverifiedPlan, and writes nothing, unless the plan passed the independent check.
    """
    require_verified(plan)
    path = Path(path)
    check_target(path)  # a read-only or missing target is refused before drawing 60 pages
    _ensure_app()
    register_fonts()
    # drawn into memory, then written like every file of the app (beside, flushed, replaced):
    # QPdfWriter says nothing when the disk fills, so the bytes are written here
    buffer = QBuffer()
    buffer.open(QIODevice.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setPageLayout(_page_layout())
    writer.setTitle(project.settings.plan_name)
    writer.setCreator(label("app_name", "en"))
    pages = render_plan(writer, project, plan, lang)
    del writer  # finishes the PDF in the buffer
    data = bytes(buffer.data())
    buffer.close()
    if not data.rstrip().endswith(b"%%EOF"):
        raise CannotWrite(
            "write_failed",
            f"The PDF of {path.name} could not be completed; nothing was written.",
            f"Không hoàn tất được tệp PDF {path.name}; chưa ghi gì.",
        )
    atomic_write(path, lambda handle: handle.write(data))
    return pages


def preview_dialog(parent, project: TypedProject, plan: Plan, lang: str = "en"):
    """The print preview dialog, built but not shown (tests construct it without exec)."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    require_verified(plan)
    register_fonts()
    printer = QPrinter(QPrinter.HighResolution)
    printer.setPageLayout(_page_layout())
    printer.setDocName(project.settings.plan_name)
    printer.setCreator(label("app_name", "en"))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"{label('phase_plan', lang)} · {project.settings.plan_name}")
    dialog.printer_ = printer  # the dialog does not own it: keep it alive as long as the dialog
    dialog.paintRequested.connect(lambda device: render_plan(device, project, plan, lang))
    return dialog


def print_preview(parent, project: TypedProject, plan: Plan, lang: str = "en") -> int:
    """Show the phase plan in Qt's print preview, from which the user prints it."""
    dialog = preview_dialog(parent, project, plan, lang)
    return dialog.exec()
