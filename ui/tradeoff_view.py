"""The trade-off curve: the cheapest plan's total cost against the final Chinese-share target
(planner.scenarios.sweep, planned in a worker process, each point in its own child), the price
of each extra point of localisation, and the break-even tariff rate per part. Clicking a
point shows its figures. The cost never rises as the target loosens (a tighter target's plan,
and the plan shown when current, are starts for every looser target); a target without a plan
says why."""

from __future__ import annotations

import itertools
import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.scenarios.jobs import Curve, break_even_rows, curve_rows, trade_off
from planner.scenarios.sweep import TargetError, targets
from planner.text import Text
from ui import i18n
from ui.i18n import tr
from ui.scenario_models import RowsModel
from ui.workers import ProcessCall

LINE = QColor("#2F5597")
CHOSEN = QColor("#C55A11")


class CurveChart(QWidget):
    """Total cost (up) against the final target (across, loosest left); a click picks the
    nearest point."""

    point_clicked = Signal(int)  # row of the curve

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("tradeOffChart")
        self.points: list[tuple[float, float, int]] = []  # (target, cost, row)
        self.chosen: int | None = None
        self.x_title = ""
        self.y_title = ""
        self.empty_text = ""
        self.currency = "USD"
        self.setMinimumHeight(220)

    def sizeHint(self) -> QSize:
        return QSize(560, 300)

    def set_curve(self, curve: Curve | None) -> None:
        self.points = []
        if curve is not None:
            self.currency = curve.currency
            for row, r in enumerate(curve.points.itertuples(index=False)):
                cost = r.total_cost
                if r.status in ("optimal", "feasible") and cost is not None and cost == cost:
                    self.points.append((float(r.final_share), float(cost), row))
        self.chosen = None
        self.update()

    def _plot(self) -> QRectF:
        fm = self.fontMetrics()
        costs = [c for _, c, _ in self.points] or [0.0]
        widest = max(fm.horizontalAdvance(i18n.money(c, self.currency)) for c in costs)
        left = widest + 14
        return QRectF(
            left, 14 + fm.height(), self.width() - left - 18, self.height() - 3 * fm.height() - 26
        )

    def _xy(self, target: float, cost: float) -> QPointF:
        r = self._plot()
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        x0, x1 = max(xs), min(xs)  # loosest target on the left
        y0, y1 = min(ys), max(ys)
        pad = (y1 - y0) * 0.1 or max(1.0, abs(y1) * 0.05)
        y0, y1 = y0 - pad, y1 + pad
        fx = 0.5 if x0 == x1 else (x0 - target) / (x0 - x1)
        fy = (cost - y0) / (y1 - y0)
        return QPointF(r.left() + fx * r.width(), r.bottom() - fy * r.height())

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        fm = self.fontMetrics()
        r = self._plot()
        if not self.points:
            p.setPen(QColor("#666666"))
            p.drawText(self.rect(), Qt.AlignCenter | Qt.TextWordWrap, self.empty_text)
            return
        p.setPen(QPen(QColor("#BBBBBB"), 1))
        p.drawLine(r.bottomLeft(), r.bottomRight())
        p.drawLine(r.bottomLeft(), r.topLeft())
        p.setPen(QColor("#333333"))
        p.drawText(QRectF(0, 0, self.width(), fm.height() + 6), Qt.AlignHCenter, self.y_title)
        p.drawText(
            QRectF(r.left(), r.bottom() + fm.height() + 6, r.width(), fm.height() + 4),
            Qt.AlignHCenter,
            self.x_title,
        )
        costs = [c for _, c, _ in self.points]
        for cost in {min(costs), max(costs)}:
            y = self._xy(self.points[0][0], cost).y()
            p.drawText(
                QRectF(0, y - fm.height() / 2, r.left() - 6, fm.height()),
                Qt.AlignRight | Qt.AlignVCenter,
                i18n.money(cost, self.currency),
            )
        for target, cost, _ in self.points:
            x = self._xy(target, cost).x()
            text = i18n.pct(target, 1)
            w = fm.horizontalAdvance(text) + 4
            p.drawText(QRectF(x - w / 2, r.bottom() + 3, w, fm.height()), Qt.AlignHCenter, text)
        p.setPen(QPen(LINE, 2))
        line = [self._xy(t, c) for t, c, _ in self.points]
        for a, b in itertools.pairwise(line):
            p.drawLine(a, b)
        for (_, _, row), pt in zip(self.points, line, strict=True):
            chosen = row == self.chosen
            p.setBrush(CHOSEN if chosen else LINE)
            p.setPen(QPen(QColor("white"), 1))
            radius = 7 if chosen else 5
            p.drawEllipse(pt, radius, radius)

    def mousePressEvent(self, event) -> None:
        if not self.points:
            return
        pos = event.position()
        best = min(
            self.points,
            key=lambda q: (self._xy(q[0], q[1]) - pos).manhattanLength(),
        )
        if (self._xy(best[0], best[1]) - pos).manhattanLength() < 40:
            self.choose(best[2])

    def choose(self, row: int) -> None:
        self.chosen = row
        self.update()
        self.point_clicked.emit(row)


class TradeOffPanel(QWidget):
    """Targets, Plan the curve / Cancel, the chart, the point's figures, the tables."""

    def __init__(self, project_of, parent=None, plan_of=None) -> None:
        super().__init__(parent)
        self.setObjectName("tradeOffPanel")
        self.project_of = project_of  # () -> the checked TypedProject, or None
        self.plan_of = plan_of or (lambda: None)  # () -> the plan shown when current, or None
        self.curve: Curve | None = None
        self.call: ProcessCall | None = None
        self.start_at = QDoubleSpinBox()
        self.start_at.setObjectName("sweepFrom")
        self.stop_at = QDoubleSpinBox()
        self.stop_at.setObjectName("sweepTo")
        self.step = QDoubleSpinBox()
        self.step.setObjectName("sweepStep")
        for box, value in ((self.start_at, 45), (self.stop_at, 25), (self.step, 5)):
            box.setRange(0.5 if box is self.step else 0, 100)
            box.setDecimals(1)
            box.setSuffix(" %")
            box.setValue(value)
        self.limit = QSpinBox()
        self.limit.setObjectName("sweepTimeLimit")
        self.limit.setRange(1, 3600)
        self.limit.setValue(20)
        self.limit.setSuffix(" s")
        self.run = QPushButton()
        self.run.setObjectName("planCurve")
        self.cancel = QPushButton()
        self.cancel.setObjectName("cancelCurve")
        self.cancel.setEnabled(False)
        self.labels = [QLabel() for _ in range(4)]
        bar = QHBoxLayout()
        for label, box in zip(
            self.labels, (self.start_at, self.stop_at, self.step, self.limit), strict=True
        ):
            bar.addWidget(label)
            bar.addWidget(box)
        bar.addStretch(1)
        bar.addWidget(self.run)
        bar.addWidget(self.cancel)
        self.status = QLabel()
        self.status.setObjectName("curveStatus")
        self.status.setWordWrap(True)
        self.chart = CurveChart()
        self.caption = QLabel()
        self.caption.setObjectName("curveCaption")
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("QLabel { color: #555555; }")
        self.point = QLabel()
        self.point.setObjectName("curvePoint")
        self.point.setWordWrap(True)
        self.point.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.points_model = RowsModel(self, numeric_from=2, numeric_to=5)
        self.points_view = QTableView()
        self.points_view.setObjectName("curveTable")
        self.points_view.setModel(self.points_model)
        self.break_model = RowsModel(self, numeric_from=2)
        self.break_view = QTableView()
        self.break_view.setObjectName("breakEvenTable")
        self.break_view.setModel(self.break_model)
        self.break_title = QLabel()
        for view in (self.points_view, self.break_view):
            view.verticalHeader().setVisible(False)
            view.setSelectionBehavior(QTableView.SelectRows)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
            view.horizontalHeader().setStretchLastSection(True)
        self.points_view.clicked.connect(lambda index: self.chart.choose(index.row()))
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.chart, 3)
        lv.addWidget(self.caption)
        lv.addWidget(self.point)
        lv.addWidget(self.points_view, 2)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.break_title)
        rv.addWidget(self.break_view, 1)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        self.run.clicked.connect(self.start)
        self.cancel.clicked.connect(self.stop)
        self.chart.point_clicked.connect(self.show_point)
        self.retranslate()

    @property
    def running(self) -> bool:
        return self.call is not None

    def finals(self) -> list[float]:
        spec = f"{self.start_at.value()}%:{self.stop_at.value()}%:{self.step.value()}%"
        return targets(spec)

    def start(self) -> bool:
        project = self.project_of()
        if getattr(self, "closed", False):
            return False
        if project is None:
            self.status.setText(
                tr("Fix the project's errors first: the curve plans the base project.")
            )
            return False
        if self.running:
            return False
        try:
            finals = self.finals()
        except TargetError as exc:  # more targets than a sweep plans at once: said, in words
            self.status.setText(exc.text.get(i18n.current()))
            return False
        call = ProcessCall(
            trade_off,
            project,
            finals,
            float(self.limit.value()),
            parent=self,
            shown=self.plan_of(),
        )
        call.done.connect(self.set_curve)
        call.failed.connect(lambda exc: self.status.setText(i18n.error_text(exc)))
        call.finished.connect(lambda c=call: self._ended(c))
        self.call = call
        self.run.setEnabled(False)
        self.cancel.setEnabled(True)
        self.status.setText(
            tr("Planning {n} targets, {k} at a time…").format(n=len(finals), k=_cores())
        )
        call.start()
        return True

    def stop(self) -> None:
        """Every target still planning stops with its best plan so far; the points come."""
        if self.call is not None:
            self.call.stop()
            self.cancel.setEnabled(False)
            self.status.setText(tr("Stopping: keeping the points planned so far…"))

    def _ended(self, call: ProcessCall) -> None:
        call.deleteLater()
        if self.call is call:
            self.call = None
        self.run.setEnabled(True)
        self.cancel.setEnabled(False)

    def shutdown(self) -> None:
        self.closed = True
        if self.call is not None:
            self.call.kill()
            self.call.wait(10_000)

    def set_curve(self, curve: Curve) -> None:
        self.curve = curve
        self.chart.set_curve(curve)
        planned = len(curve.planned)
        self.status.setText(
            tr("{k} of {n} targets have a plan. Click a point for its figures.").format(
                k=planned, n=len(curve.points)
            )
        )
        self._fill()
        if planned:
            self.chart.choose(int(curve.planned.index[0]))

    def _fill(self) -> None:
        lang = i18n.current()
        curve = self.curve
        self.points_model.set_rows(
            [
                tr("Final Chinese-share target"),
                tr("Status"),
                tr("Total cost"),
                tr("Highest Chinese share, last period"),
                tr("Price of each extra point"),
                tr("Why no plan, or how it was planned"),
            ],
            curve_rows(curve, lang) if curve is not None else [],
        )
        # the last column (why no plan) takes the room left; its full text is the tooltip
        self.points_view.horizontalHeader().setSectionResizeMode(5, QHeaderView.Stretch)
        self.break_model.set_rows(
            [
                tr("Part"),
                tr("Best local offer"),
                tr("Premium per unit"),
                tr("Chinese content removed per unit"),
                tr("Tariff rate at which localising pays"),
            ],
            break_even_rows(curve, lang) if curve is not None else [],
        )

    def show_point(self, row: int) -> None:
        if self.curve is None:
            return
        self.points_model.set_bold_row(row)
        self.points_view.selectRow(row)
        r = self.curve.points.iloc[row]
        why = r.get("explanation")
        why = " " + why.get(i18n.current()) if isinstance(why, Text) else ""
        if r["status"] not in ("optimal", "feasible"):
            self.point.setText(
                tr("Final target {target}: no plan.").format(target=i18n.pct(r["final_share"], 1))
                + why
            )
            return
        text = tr(
            "Final target {target}: total cost {cost}, highest Chinese share in the last period "
            "{share}."
        ).format(
            target=i18n.pct(r["final_share"], 1),
            cost=i18n.money(r["total_cost"]),
            share=i18n.pct(r["china_share_last"], 1),
        )
        price = r["price_per_point"]
        if price is not None and not (isinstance(price, float) and math.isnan(price)):
            text += " " + tr("Each point below the previous target costs {price}.").format(
                price=i18n.money(price)
            )
        self.point.setText(text + why)

    def retranslate(self) -> None:
        for label, text in zip(
            self.labels,
            (tr("Final target from"), tr("to"), tr("step"), tr("time per target")),
            strict=True,
        ):
            label.setText(text)
        self.run.setText(tr("Plan the curve"))
        self.cancel.setText(tr("Cancel"))
        self.chart.x_title = tr("Final Chinese-share target (last period's cap)")
        self.chart.y_title = tr("Total cost of the cheapest plan")
        self.chart.empty_text = tr(
            "Plan the curve to see what each level of localisation costs: one plan per target, "
            "planned side by side."
        )
        self.caption.setText(
            tr(
                "A target scales the whole glide path so that its last period's cap equals the "
                "target; earlier quarters scale in proportion (a project without caps gets the "
                "target in its last period only). A looser target never costs more: a tighter "
                "target's plan, and the plan shown, are planned from when they cost less."
            )
        )
        self.break_title.setText(
            tr("Break-even per part: the tariff on Chinese content at which moving it pays")
        )
        self._fill()
        if self.curve is not None and self.chart.chosen is not None:
            self.show_point(self.chart.chosen)
        self.chart.update()


def _cores() -> int:
    from ui.scenario_runs import workers

    return workers()
