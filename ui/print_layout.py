"""Laying out the printed plan: fonts and their metrics on the print device, wrapped text, and
tables that flow over pages. Sizes are points or millimetres converted with the device's dpi;
every text is measured with the device's font metrics and wrapped or shortened, never clipped.
The bundled DejaVu Sans carries every Vietnamese glyph, so the PDF embeds it on any machine.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPagedPaintDevice,
    QPainter,
    QPen,
)

from planner.report.story import Grid, GridColumn

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FAMILY = "DejaVu Sans"

INK = QColor("#222222")
MUTED = QColor("#6B7280")
ACCENT = QColor("#1F3864")
RULE = QColor("#9AA5B1")
GRID = QColor("#D5DAE1")
HEAD_FILL = QColor("#E6ECF4")
BAND_FILL = QColor("#F5F7FA")
EMPH_FILL = QColor("#FFF2CC")

CELL_PAD_X, CELL_PAD_Y = 3.0, 1.8  # points
TABLE_PT, MIN_TABLE_PT = 8.0, 6.5

_SPACES = re.compile(r"[ \t\r\n]+")  # not the no-break space
_BREAKS = re.compile(r"[ \t\r\n]+|(?<=-)(?=[^\d\s])")

_family: str | None = None

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


class Style:
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


def draw_text(
    painter: QPainter,
    st: Style,
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


class Flow:
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


def paragraph(
    flow: Flow,
    st: Style,
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
        lambda p, r: draw_text(p, st, r, text, size, bold, colour),
    )
    flow.skip(after * st.pt)


def heading(flow: Flow, st: Style, text: str, keep_pt: float = 90.0) -> None:
    """A section heading with a rule under it, kept with what follows."""
    size = 13.0
    width = flow.area.width()
    height = st.text_height(text, width, size, True) + 4 * st.pt
    flow.ensure(height + keep_pt * st.pt)
    if not flow.at_top:
        flow.skip(6 * st.pt)

    def paint(p: QPainter, r: QRectF) -> None:
        draw_text(p, st, r, text, size, True, ACCENT)
        p.setPen(QPen(ACCENT, 0.8 * st.pt))
        p.drawLine(
            QPointF(r.left(), r.bottom() - 1 * st.pt), QPointF(r.right(), r.bottom() - 1 * st.pt)
        )

    flow.place(height, paint)
    flow.skip(5 * st.pt)


# Tables ------------------------------------------------------------------------------------


def _widths(st: Style, grid: Grid, size: float, total: float) -> list[float] | None:
    """Column widths at this font size, or None when even the narrowest layout is too wide."""
    fm, fmb = st.fm(size), st.fm(size, True)
    pad = 2 * CELL_PAD_X * st.pt
    mins, wants = [], []
    for j, col in enumerate(grid.columns):
        cells = [row[j] for row in grid.cells]
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
            for c, w in zip(grid.columns, wants, strict=True)
        ]
        if sum(grow) <= 0:
            grow = list(wants)
        spare = total - want_sum
        return [w + spare * g / sum(grow) for w, g in zip(wants, grow, strict=True)]
    # too narrow: number columns give way first (their headers wrap), then the text columns
    # (which wrap or elide) share what is left in proportion to what they would like
    numeric = [c.numeric for c in grid.columns]
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


def _fit(st: Style, grid: Grid, total: float) -> tuple[float, list[float]]:
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
    naive = [max(st.fm(size, True).horizontalAdvance(c.header), 1.0) + pad for c in grid.columns]
    return size, [w * total / sum(naive) for w in naive]


def _cell_height(
    st: Style, col: GridColumn, text: str, width: float, size: float, bold: bool
) -> float:
    inner = width - 2 * CELL_PAD_X * st.pt
    if not col.wrap and not col.numeric:
        return st.fm(size, bold).height()
    return max(st.fm(size, bold).height(), st.text_height(text, inner, size, bold))


def table(flow: Flow, st: Style, grid: Grid, continued: str) -> None:
    """A table that flows over pages; after a break the caption and the header row repeat."""
    title, caption = grid.title, grid.caption
    total = flow.area.width() * grid.width_fraction
    size, widths = _fit(st, grid, total)
    pady = 2 * CELL_PAD_Y * st.pt
    head_h = pady + max(
        _cell_height(st, c, c.header, w, size, True)
        for c, w in zip(grid.columns, widths, strict=True)
    )
    row_hs = [
        pady
        + max(
            _cell_height(st, c, text, w, size, (i, j) in grid.emphasis)
            for j, (c, w, text) in enumerate(zip(grid.columns, widths, row, strict=True))
        )
        for i, row in enumerate(grid.cells)
    ]
    band = grid.band or [i % 2 == 1 for i in range(len(grid.cells))]
    caption = caption or title
    cont_text = f"{caption} {continued}" if caption else continued
    cont_h = st.text_height(cont_text, flow.area.width(), 8.5, True) + 3 * st.pt
    first_row = row_hs[0] if row_hs else 0.0
    if title:
        paragraph(flow, st, title, 10.0, True, ACCENT, after=3, keep=head_h + first_row)
    else:
        flow.ensure(head_h + first_row)

    start = 0
    while start < len(grid.cells) or start == 0:
        if start > 0:
            flow.new_page()
            flow.place(cont_h, lambda p, r, t=cont_text: draw_text(p, st, r, t, 8.5, True, MUTED))
        room = flow.room - head_h
        end, used = start, 0.0
        while end < len(grid.cells) and (used + row_hs[end] <= room or end == start):
            used += row_hs[end]
            end += 1
        chunk = list(range(start, end))
        flow.place(
            head_h + used,
            lambda p, r, rows=chunk: _paint_table(
                p, st, r, grid, widths, size, head_h, [row_hs[i] for i in rows], rows, band
            ),
        )
        if end >= len(grid.cells):
            break
        start = end
    flow.skip(6 * st.pt)


def _paint_table(
    painter: QPainter,
    st: Style,
    rect: QRectF,
    grid: Grid,
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
    for j, col in enumerate(grid.columns):
        align = (Qt.AlignRight if col.numeric else Qt.AlignLeft) | Qt.AlignBottom
        draw_text(
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
        for j, col in enumerate(grid.columns):
            text = grid.cells[i][j]
            bold = (i, j) in grid.emphasis
            if bold:
                painter.fillRect(QRectF(xs[j], y, widths[j], h), EMPH_FILL)
            align = (Qt.AlignRight if col.numeric else Qt.AlignLeft) | Qt.AlignTop
            box = cell(xs[j], y, widths[j], h - 2 * CELL_PAD_Y * pt)
            draw_text(painter, st, box, text, size, bold, INK, align, col.wrap or col.numeric)
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
