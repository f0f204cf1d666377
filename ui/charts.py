"""Plan charts drawn with QPainter: the app's views and the printed plan call the same code.

Why QPainter and not Qt Charts (deprecated since Qt 6.10) or matplotlib: one drawing routine
paints a widget on screen and vectors into the PDF or the printer, with the same fonts, and adds
no dependency. Sizes are given in points and converted with the device's dpi, so the chart looks
the same on a 96-dpi screen and on a 1200-dpi PDF page.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from planner.report import fmt
from planner.report.chart_data import ContentChart, ConvergenceChart, GanttChart, TierSpan

# Colour-blind-friendly line colours (Okabe-Ito), then repeated with a dash when exhausted.
SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"]
CAP_COLOUR = QColor("#C00000")
TIER_COLOUR = QColor("#6E6E6E")
GRID_COLOUR = QColor("#DDDDDD")
TEXT_COLOUR = QColor("#222222")
QUAL_COLOUR = QColor("#F4B183")
QUAL_EDGE = QColor("#C55A11")
RAMP_COLOUR = QColor("#2E75B6")
REGIME_COLOUR = QColor("#7030A0")

Chart = ContentChart | GanttChart | ConvergenceChart
BEST_COLOUR = QColor("#0072B2")
BOUND_COLOUR = QColor("#009E73")


def _pt(painter: QPainter) -> float:
    """Device units per typographic point."""
    return painter.device().logicalDpiY() / 72.0


def _font(painter: QPainter, size_pt: float, bold: bool = False) -> QFont:
    font = QFont(painter.font())
    font.setPointSizeF(size_pt)
    font.setBold(bold)
    return font


def _nice_top(values: list[float]) -> float:
    """Top of the share axis: the largest value plus headroom, rounded up to 10%."""
    top = max([v for v in values if not math.isnan(v)] + [0.1])
    return min(1.0, math.ceil(top * 1.12 * 10 - 1e-9) / 10)


def _legend(painter: QPainter, rect: QRectF, items: list[tuple[str, QPen, bool]]) -> float:
    """Legend entries flowed left to right, wrapping; returns the height used."""
    pt = _pt(painter)
    painter.setFont(_font(painter, 8))
    fm = QFontMetricsF(painter.font())
    x, y, line_h = rect.left(), rect.top(), fm.height() + 3 * pt
    swatch = 18 * pt
    for text, pen, box in items:
        w = swatch + 4 * pt + fm.horizontalAdvance(text) + 12 * pt
        if x + w > rect.right() and x > rect.left():
            x, y = rect.left(), y + line_h
        mid = y + line_h / 2
        if box:
            painter.fillRect(QRectF(x, mid - 4 * pt, swatch, 8 * pt), pen.brush())
        else:
            painter.setPen(pen)
            painter.drawLine(QPointF(x, mid), QPointF(x + swatch, mid))
        painter.setPen(TEXT_COLOUR)
        painter.drawText(
            QRectF(x + swatch + 4 * pt, y, w, line_h), Qt.AlignLeft | Qt.AlignVCenter, text
        )
        x += w
    return y + line_h - rect.top()


def paint_content_chart(painter: QPainter, rect: QRectF, data: ContentChart) -> None:
    """Chinese share per product per period, the glide path (china_cap) as a step line and the
    tariff thresholds as dashed lines labelled with their rate."""
    lang = data.lang
    pt = _pt(painter)
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing, True)
    periods = data.periods
    n = max(1, len(periods))

    pens: list[tuple[str, QPen, bool]] = []
    for i, (name, _values) in enumerate(data.series):
        pen = QPen(QColor(SERIES_COLOURS[i % len(SERIES_COLOURS)]), 1.8 * pt)
        if i >= len(SERIES_COLOURS):
            pen.setStyle(Qt.DashDotLine)
        pens.append((name, pen, False))
    cap_pen = QPen(CAP_COLOUR, 2.2 * pt)
    tier_pen = QPen(TIER_COLOUR, 1.0 * pt, Qt.DashLine)
    legend = list(pens)
    if any(c is not None for c in data.cap):
        legend.append((data.cap_label, cap_pen, False))
    if data.tiers:
        legend.append((data.threshold_label, tier_pen, False))
    used = _legend(painter, rect, legend)

    painter.setFont(_font(painter, 8))
    fm = QFontMetricsF(painter.font())
    left = rect.left() + fm.horizontalAdvance("100%") + 6 * pt
    bottom = rect.bottom() - fm.height() - 4 * pt
    top = rect.top() + used + 6 * pt
    plot = QRectF(left, top, rect.right() - left - 2 * pt, max(10 * pt, bottom - top))

    values = [v for _n, vs in data.series for v in vs]
    values += [c for c in data.cap if c is not None] + [s for s, _r in data.tiers]
    y_top = _nice_top(values)
    step = 0.05 if y_top <= 0.3 else (0.1 if y_top <= 0.6 else 0.2)

    def y_of(v: float) -> float:
        return plot.bottom() - plot.height() * v / y_top

    def x_of(i: int) -> float:
        return plot.left() + plot.width() * (i + 0.5) / n

    # grid and axis labels
    k = 0
    while k * step <= y_top + 1e-9:
        v = k * step
        painter.setPen(QPen(GRID_COLOUR, 0.6 * pt))
        painter.drawLine(QPointF(plot.left(), y_of(v)), QPointF(plot.right(), y_of(v)))
        painter.setPen(TEXT_COLOUR)
        painter.drawText(
            QRectF(
                rect.left(), y_of(v) - fm.height() / 2, left - rect.left() - 4 * pt, fm.height()
            ),
            Qt.AlignRight | Qt.AlignVCenter,
            fmt.pct(v, lang),
        )
        k += 1
    painter.setPen(QPen(TEXT_COLOUR, 0.8 * pt))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.bottomLeft(), plot.topLeft())
    every = max(1, math.ceil(n * (fm.horizontalAdvance("2027-Q1") + 6 * pt) / plot.width()))
    for i, p in enumerate(periods):
        if i % every:
            continue
        w = plot.width() / n * every
        painter.drawText(
            QRectF(x_of(i) - w / 2, plot.bottom() + 2 * pt, w, fm.height() + 2 * pt),
            Qt.AlignHCenter | Qt.AlignTop,
            p,
        )

    # tariff thresholds: content at or below the line pays the rate written on it (per stretch
    # of periods under one schedule, when the schedule changes)
    painter.setFont(_font(painter, 7.5))
    fm_small = QFontMetricsF(painter.font())
    spans = data.tier_spans or [TierSpan(0, n - 1, data.tiers, data.tier_labels, data.above_label)]
    for span in spans:
        x0 = plot.left() + plot.width() * span.first / n
        x1 = plot.left() + plot.width() * (span.last + 1) / n
        room = x1 - x0 - 3 * pt
        for (s, _r), text in zip(span.tiers, span.tier_labels, strict=True):
            if s > y_top:
                continue
            painter.setPen(tier_pen)
            painter.drawLine(QPointF(x0, y_of(s)), QPointF(x1, y_of(s)))
            painter.setPen(TIER_COLOUR)
            painter.drawText(
                QRectF(x0, y_of(s) + 1 * pt, room, fm_small.height()),
                Qt.AlignRight | Qt.AlignTop,
                fm_small.elidedText(text, Qt.ElideRight, room),
            )
        if span.tiers and span.tiers[-1][0] <= y_top:
            s = span.tiers[-1][0]
            painter.drawText(
                QRectF(x0, y_of(s) - fm_small.height() - 1 * pt, room, fm_small.height()),
                Qt.AlignRight | Qt.AlignBottom,
                fm_small.elidedText(span.above_label, Qt.ElideRight, room),
            )

    # a tariff regime starts: a dotted line at the start of its period, named at the top
    regime_pen = QPen(REGIME_COLOUR, 1.2 * pt, Qt.DotLine)
    for i, text in data.regime_changes:
        x = plot.left() + plot.width() * i / n
        painter.setPen(regime_pen)
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.setPen(REGIME_COLOUR)
        room = max(plot.right() - x - 3 * pt, 20 * pt)
        painter.drawText(
            QRectF(x + 3 * pt, plot.top(), room, fm_small.height()),
            Qt.AlignLeft | Qt.AlignTop,
            fm_small.elidedText(text, Qt.ElideRight, room),
        )

    # glide path: a step per period (the cap holds for the whole period)
    painter.setPen(cap_pen)
    painter.setBrush(Qt.NoBrush)
    path = QPainterPath()
    drawing = False
    for i, c in enumerate(data.cap):
        if c is None:
            drawing = False
            continue
        x0 = plot.left() + plot.width() * i / n
        x1 = plot.left() + plot.width() * (i + 1) / n
        if drawing:
            path.lineTo(x0, y_of(min(c, y_top)))
        else:
            path.moveTo(x0, y_of(min(c, y_top)))
        path.lineTo(x1, y_of(min(c, y_top)))
        drawing = True
    painter.drawPath(path)

    # the products' shares
    for (_name, pen, _box), (_n, vs) in zip(pens, data.series, strict=True):
        painter.setPen(pen)
        painter.setBrush(Qt.NoBrush)
        line = QPainterPath()
        started = False
        for i, v in enumerate(vs):
            if math.isnan(v):
                started = False
                continue
            point = QPointF(x_of(i), y_of(v))
            if started:
                line.lineTo(point)
            else:
                line.moveTo(point)
                started = True
        painter.drawPath(line)
        painter.setBrush(QBrush(pen.color()))
        for i, v in enumerate(vs):
            if not math.isnan(v):
                painter.drawEllipse(QPointF(x_of(i), y_of(v)), 2.2 * pt, 2.2 * pt)
    painter.restore()


# Gantt -----------------------------------------------------------------------------------


def gantt_row_height(painter: QPainter) -> float:
    return 15.0 * _pt(painter)


def gantt_header_height(painter: QPainter) -> float:
    """Period header plus legend: what a Gantt needs besides its rows."""
    return 36.0 * _pt(painter)


def gantt_capacity(painter: QPainter, rect: QRectF) -> int:
    """How many rows fit in rect (the printed plan splits a long Gantt over pages)."""
    room = rect.height() - gantt_header_height(painter)
    return max(1, int(room // gantt_row_height(painter)))


def paint_gantt(
    painter: QPainter,
    rect: QRectF,
    chart: GanttChart,
    first: int = 0,
    count: int | None = None,
    exposed: QRectF | None = None,
) -> None:
    """Per switched part: the qualification bar (start to ready) and the new supplier's share by
    period as shaded cells. `first`/`count` select rows when a long Gantt spans pages; only the
    rows crossing `exposed` are drawn (a view of thousands of rows repaints what it shows)."""
    rows = chart.rows
    periods = chart.periods
    pt = _pt(painter)
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setFont(_font(painter, 8))
    fm = QFontMetricsF(painter.font())
    if not rows:
        painter.setPen(TEXT_COLOUR)
        painter.drawText(rect, Qt.AlignCenter | Qt.TextWordWrap, chart.empty_label)
        painter.restore()
        return
    if count is None:
        count = min(len(rows) - first, gantt_capacity(painter, rect))
    shown = rows[first : first + count]
    row_h = min(
        gantt_row_height(painter),
        (rect.height() - gantt_header_height(painter)) / max(1, len(shown)),
    )
    row_h = max(row_h, fm.height() + 2 * pt)

    header = chart.header
    bold_fm = QFontMetricsF(_font(painter, 8, bold=True))
    # the widest name of every row, not just of those drawn: columns stay put while scrolling
    widest = max(
        [fm.horizontalAdvance(r.name) for r in _sample(shown)] + [bold_fm.horizontalAdvance(header)]
    )
    label_w = min(rect.width() * 0.38, widest + 10 * pt)
    grid = QRectF(rect.left() + label_w, rect.top(), rect.width() - label_w, rect.height())
    n = max(1, len(periods))
    col_w = grid.width() / n
    head_h = fm.height() + 6 * pt

    def col_x(i: int) -> float:
        return grid.left() + col_w * i

    # header: period labels, thinned when the columns are narrow
    every = max(1, math.ceil((fm.horizontalAdvance("2027-Q1") + 4 * pt) / col_w))
    painter.setPen(TEXT_COLOUR)
    painter.setFont(_font(painter, 8, bold=True))
    painter.drawText(
        QRectF(rect.left() + 2 * pt, rect.top(), label_w - 4 * pt, head_h),
        Qt.AlignLeft | Qt.AlignVCenter,
        bold_fm.elidedText(header, Qt.ElideRight, label_w - 4 * pt),
    )
    painter.setFont(_font(painter, 8))
    for i, p in enumerate(periods):
        if i % every == 0:
            painter.drawText(
                QRectF(col_x(i), rect.top(), col_w * every, head_h),
                Qt.AlignHCenter | Qt.AlignVCenter,
                p,
            )
    top = rect.top() + head_h
    bottom = top + row_h * len(shown)
    k0, k1 = 0, len(shown)
    if exposed is not None:
        k0 = max(0, int((exposed.top() - top) // row_h))
        k1 = min(len(shown), math.ceil((exposed.bottom() - top) / row_h) + 1)

    small = _font(painter, 6.5)
    small_fm = QFontMetricsF(small)
    for k in range(k0, k1):
        row = shown[k]
        y = top + k * row_h
        if k % 2 == 0:
            painter.fillRect(QRectF(rect.left(), y, rect.width(), row_h), QColor("#F4F6F8"))
        painter.setPen(TEXT_COLOUR)
        painter.setFont(_font(painter, 8))
        painter.drawText(
            QRectF(rect.left() + 2 * pt, y, label_w - 4 * pt, row_h),
            Qt.AlignLeft | Qt.AlignVCenter,
            fm.elidedText(row.name, Qt.ElideRight, label_w - 4 * pt),
        )
        # qualification: from the start of its first period to the start of the ready period
        x0 = col_x(row.start)
        x1 = col_x(row.ready) if row.ready is not None else grid.right()
        bar = QRectF(x0 + 1 * pt, y + row_h * 0.12, max(x1 - x0 - 2 * pt, 3 * pt), row_h * 0.32)
        painter.setPen(QPen(QUAL_EDGE, 0.6 * pt))
        painter.setBrush(QUAL_COLOUR)
        painter.drawRect(bar)
        # ramp: the new supplier's share, darker for more
        painter.setFont(small)
        for i, (share, text) in enumerate(zip(row.shares, row.share_labels, strict=True)):
            if share <= 1e-6:
                continue
            cell = QRectF(col_x(i) + 1 * pt, y + row_h * 0.5, col_w - 2 * pt, row_h * 0.42)
            colour = QColor(RAMP_COLOUR)
            colour.setAlphaF(0.25 + 0.75 * min(1.0, share))
            painter.fillRect(cell, colour)
            if small_fm.horizontalAdvance(text) + 2 * pt < cell.width():
                painter.setPen(QColor("white") if share > 0.45 else TEXT_COLOUR)
                painter.drawText(cell, Qt.AlignCenter, text)
    # column lines over the rows
    painter.setPen(QPen(GRID_COLOUR, 0.5 * pt))
    for i in range(n + 1):
        painter.drawLine(QPointF(col_x(i), rect.top() + head_h), QPointF(col_x(i), bottom))
    painter.setPen(QPen(TEXT_COLOUR, 0.6 * pt))
    painter.drawLine(QPointF(rect.left(), top), QPointF(rect.right(), top))
    painter.drawLine(QPointF(rect.left(), bottom), QPointF(rect.right(), bottom))

    legend_rect = QRectF(rect.left(), bottom + 5 * pt, rect.width(), 20 * pt)
    _legend(
        painter,
        legend_rect,
        [
            (chart.qualification_label, QPen(QBrush(QUAL_COLOUR), 1), True),
            (chart.ramp_label, QPen(QBrush(RAMP_COLOUR), 1), True),
        ],
    )
    painter.restore()


def _sample(rows: list, most: int = 2000) -> list:
    """The rows whose names size the name column: all of a page, a spread of a long view."""
    if len(rows) <= most:
        return rows
    step = len(rows) / most
    return [rows[int(k * step)] for k in range(most)]


# Convergence -----------------------------------------------------------------------------


def paint_convergence(painter: QPainter, rect: QRectF, data: ConvergenceChart) -> None:
    """The best plan's cost and the bound as steps over elapsed seconds (a new figure holds
    until the next report)."""
    pt = _pt(painter)
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing, True)
    best_pen = QPen(BEST_COLOUR, 1.8 * pt)
    bound_pen = QPen(BOUND_COLOUR, 1.6 * pt, Qt.DashLine)
    painter.setFont(_font(painter, 8, bold=True))
    fm_bold = QFontMetricsF(painter.font())
    painter.setPen(TEXT_COLOUR)
    painter.drawText(
        QRectF(rect.left(), rect.top(), rect.width(), fm_bold.height()),
        Qt.AlignLeft | Qt.AlignVCenter,
        data.title,
    )
    legend_top = rect.top() + fm_bold.height() + 1 * pt
    used = _legend(
        painter,
        QRectF(rect.left(), legend_top, rect.width(), 30 * pt),
        [(data.best_label, best_pen, False), (data.bound_label, bound_pen, False)],
    )
    painter.setFont(_font(painter, 7.5))
    fm = QFontMetricsF(painter.font())
    values = [v for p in data.points for v in (p.best, p.bound) if v is not None]
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    if hi - lo < 1e-9 * max(1.0, abs(hi)):
        lo, hi = lo - max(1.0, abs(lo) * 0.001), hi + max(1.0, abs(hi) * 0.001)
    pad = (hi - lo) * 0.08
    lo, hi = lo - pad, hi + pad
    labels = [fmt.compact_money(v, data.lang, data.currency) for v in (lo, hi)]
    left = rect.left() + max(fm.horizontalAdvance(t) for t in labels) + 5 * pt
    top = legend_top + used + 3 * pt
    bottom = rect.bottom() - fm.height() - 2 * pt
    plot = QRectF(left, top, rect.right() - left - 2 * pt, max(8 * pt, bottom - top))
    t_end = max([data.time_limit_s, data.now_s, 1.0] + [p.elapsed_s for p in data.points])

    def x_of(seconds: float) -> float:
        return plot.left() + plot.width() * seconds / t_end

    def y_of(v: float) -> float:
        return plot.bottom() - plot.height() * (v - lo) / (hi - lo)

    painter.setPen(QPen(GRID_COLOUR, 0.6 * pt))
    painter.drawRect(plot)
    painter.setPen(TEXT_COLOUR)
    for v, text in zip((lo, hi), labels, strict=True):
        painter.drawText(
            QRectF(
                rect.left(), y_of(v) - fm.height() / 2, left - rect.left() - 3 * pt, fm.height()
            ),
            Qt.AlignRight | Qt.AlignVCenter,
            text,
        )
    for seconds, align in ((0.0, Qt.AlignLeft), (t_end, Qt.AlignRight)):
        text = f"{fmt.number(seconds, data.lang)} {data.seconds_label}" if seconds else "0"
        w = fm.horizontalAdvance(text) + 2 * pt
        x = x_of(seconds) - (w if align == Qt.AlignRight else 0)
        painter.drawText(QRectF(x, plot.bottom() + 1 * pt, w, fm.height()), align, text)
    end = max(data.now_s, data.points[-1].elapsed_s) if data.points else 0.0
    for attr, pen in (("bound", bound_pen), ("best", best_pen)):
        path = QPainterPath()
        last: float | None = None
        for p in data.points:
            v = getattr(p, attr)
            if v is None:
                continue
            if last is None:
                path.moveTo(x_of(p.elapsed_s), y_of(v))
            else:
                path.lineTo(x_of(p.elapsed_s), y_of(last))
                path.lineTo(x_of(p.elapsed_s), y_of(v))
            last = v
        if last is not None:
            path.lineTo(x_of(end), y_of(last))
            painter.setPen(pen)
            painter.setBrush(Qt.NoBrush)
            painter.drawPath(path)
            painter.setBrush(QBrush(pen.color()))
            for p in data.points:
                v = getattr(p, attr)
                if v is not None:
                    painter.drawEllipse(QPointF(x_of(p.elapsed_s), y_of(v)), 1.8 * pt, 1.8 * pt)
    painter.restore()


# Widget ----------------------------------------------------------------------------------


class ChartWidget(QWidget):
    """A view of one chart: its data (ContentChart or GanttChart) painted by the same code as
    the printed plan. A Gantt is as tall as its rows (the view scrolls) and repaints only the
    rows on screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chart: Chart | None = None
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setAutoFillBackground(False)

    def set_chart(self, chart: Chart | None) -> None:
        self._chart = chart
        self.updateGeometry()
        self.update()

    @property
    def chart(self) -> Chart | None:
        return self._chart

    def has_data(self) -> bool:
        return self._chart is not None

    def minimumSizeHint(self) -> QSize:
        if isinstance(self._chart, GanttChart):
            return QSize(420, self.sizeHint().height())  # every row; the view scrolls
        return QSize(420, 260)

    def sizeHint(self) -> QSize:
        if isinstance(self._chart, GanttChart):
            dpi = self.logicalDpiY() / 72.0
            return QSize(800, int((40 + 15 * len(self._chart.rows)) * dpi) + 24)
        return QSize(800, 420)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("white"))
        area = QRectF(self.rect()).adjusted(10, 8, -10, -8)
        chart = self._chart
        if isinstance(chart, GanttChart):
            paint_gantt(painter, area, chart, count=len(chart.rows), exposed=QRectF(event.rect()))
        elif isinstance(chart, ContentChart):
            paint_content_chart(painter, area, chart)
        elif isinstance(chart, ConvergenceChart):
            paint_convergence(painter, area, chart)
        painter.end()


class ConvergenceWidget(ChartWidget):
    """The small live chart of the search's progress on the Plan page: it keeps its data
    (plain ConvergenceChart) and only paints it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(400, 150)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, 150)

    def add(self, elapsed_s: float, best: float | None, bound: float | None) -> None:
        if isinstance(self._chart, ConvergenceChart):
            self._chart.add(elapsed_s, best, bound)
            self.update()

    def set_now(self, elapsed_s: float) -> None:
        """The search runs on: the last figures are drawn up to `elapsed_s`."""
        if isinstance(self._chart, ConvergenceChart) and elapsed_s > self._chart.now_s:
            self._chart.now_s = elapsed_s
            self.update()
