"""The plan on screen: summary, phases, why (reasons and limits' worth), Gantt, content chart,
allocation, supplier load; above them the live convergence chart of the search.

Every figure comes from a PlanReport (planner/report/plan_report.py), the same tables and chart
data the workbook and the printed plan show; this module only renders them. The report is built
off the GUI thread; showing it only hands its tables to the models. A plan reaches these views
only once it has passed the independent checker.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.plan import Plan, ProgressEvent
from planner.report import tables as tb
from planner.report.chart_data import convergence_chart
from planner.report.plan_report import PlanReport
from ui import i18n
from ui.charts import ChartWidget, ConvergenceWidget
from ui.i18n import tr
from ui.report_model import ReportModel
from ui.sheet_view import copy_selection

SIZE_SAMPLE = 60  # rows whose text sizes a column


class ReportTable(QTableView):
    """A read-only plan table; Ctrl+C copies the selection as Excel reads it (with the headers
    when every row is selected, as after Ctrl+A)."""

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.Copy):
            self.copy()
        else:
            super().keyPressEvent(event)

    def copy(self) -> None:
        copy_selection(self, with_header=True)


class ReportView(QWidget):
    """A plan table with an optional filter box."""

    def __init__(self, name: str, with_filter: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.model = ReportModel(self)
        self.view = ReportTable(self)
        self.view.setObjectName(name)
        self.view.setModel(self.model)
        # no sort until asked: Qt would sort by the first column when sorting is enabled
        self.view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter: QLineEdit | None = None
        if with_filter:
            self.filter = QLineEdit(self)
            self.filter.setObjectName(name + "Filter")
            self.filter.setClearButtonEnabled(True)
            self.filter.textChanged.connect(self.model.set_filter)
            layout.addWidget(self.filter)
        layout.addWidget(self.view)

    def set_table(self, table, currency="USD", fx=None, search=None, emphasis=None) -> None:
        self.model.set_table(table, currency, fx, search, emphasis)
        if self.filter is not None and self.filter.text():
            self.model.set_filter(self.filter.text())
        self.fit_columns()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        # a stretched figure column would push its numbers across the window from their row
        last = table.columns[-1] if table is not None and table.columns else None
        per_row_kinds = table is not None and table.row_kinds is not None  # the summary
        header.setStretchLastSection(
            last is not None and last.kind == tb.TEXT and not per_row_kinds
        )

    def fit_columns(self) -> None:
        """Each column as wide as its header and the first rows' texts (not Qt's resize to
        contents, which asks every role of hundreds of rows through Python)."""
        header = self.view.horizontalHeader()
        cells, heads = self.view.fontMetrics(), header.fontMetrics()
        rows = min(SIZE_SAMPLE, self.model.rowCount())
        for j in range(self.model.columnCount()):
            title = str(self.model.headerData(j, Qt.Horizontal) or "")
            width = max(heads.horizontalAdvance(line) for line in title.split("\n")) + 28
            for i in range(rows):
                width = max(width, cells.horizontalAdvance(self.model.text(i, j)) + 24)
            header.resizeSection(j, min(width, 600))

    def retranslate(self) -> None:
        if self.filter is not None:
            self.filter.setPlaceholderText(tr("Filter rows (any column)…"))


class PlanPanel(QWidget):
    """The plan's tabs; `show_plan` fills them from a report, `show_failure` explains why
    there is no plan."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.plan: Plan | None = None
        self.report: PlanReport | None = None
        self.use_vnd = False
        self.headline = QLabel(self)
        self.headline.setObjectName("planHeadline")
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.headline.setFont(font)
        self.explanation = QLabel(self)
        self.explanation.setObjectName("planExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.explanation.setStyleSheet(
            "QLabel { background: #FFF4E5; border: 1px solid #E0A040; padding: 8px; }"
        )
        # a long explanation (no plan: every limit that must move) scrolls, never clipped
        self.explanation_box = QScrollArea(self)
        self.explanation_box.setObjectName("planExplanationBox")
        self.explanation_box.setWidgetResizable(True)
        self.explanation_box.setFrameShape(QScrollArea.NoFrame)
        self.explanation_box.setMaximumHeight(280)
        self.explanation_box.setWidget(self.explanation)
        self._set_explanation(False)
        self.convergence = ConvergenceWidget(self)
        self.convergence.setObjectName("planConvergence")
        self.convergence.hide()  # until a plan is searched

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("planTabs")
        self.summary = ReportView("planSummary")
        self.periods = ReportView("planPeriods")
        self.phases = ReportView("planPhases", with_filter=True)
        phases = QSplitter(Qt.Vertical)
        phases.addWidget(self.periods)
        phases.addWidget(self.phases)
        phases.setSizes([220, 400])
        self.gantt = ChartWidget()
        self.gantt.setObjectName("planGantt")
        gantt_scroll = QScrollArea()
        gantt_scroll.setWidgetResizable(True)
        gantt_scroll.setWidget(self.gantt)
        self.chart = ChartWidget()
        self.chart.setObjectName("planContentChart")
        self.content = ReportView("planContent", with_filter=True)
        content = QSplitter(Qt.Vertical)
        content.addWidget(self.chart)
        content.addWidget(self.content)
        content.setSizes([420, 220])
        self.allocation = ReportView("planAllocation", with_filter=True)
        self.suppliers = ReportView("planSuppliers", with_filter=True)
        self.why = ReportView("planWhy", with_filter=True)
        self.limits = ReportView("planLimits", with_filter=True)
        why = QSplitter(Qt.Vertical)
        why.addWidget(self.why)
        why.addWidget(self.limits)
        why.setSizes([300, 200])
        self.awards = ReportView("planAwards", with_filter=True)
        self.margins = ReportView("planMargins")
        self.countries = ReportView("planCountries")
        buffers = QSplitter(Qt.Vertical)
        buffers.addWidget(self.margins)
        buffers.addWidget(self.countries)
        buffers.setSizes([140, 300])
        self.views = {
            "summary": self.summary,
            "periods": self.periods,
            "phases": self.phases,
            "why": self.why,
            "limits": self.limits,
            "content": self.content,
            "allocation": self.allocation,
            "suppliers": self.suppliers,
            "awards": self.awards,
            "margins": self.margins,
            "countries": self.countries,
        }
        self.pages = [
            (self.summary, "summary"),
            (phases, "phases"),
            (why, "why"),
            (gantt_scroll, "gantt"),
            (content, "content"),
            (self.allocation, "allocation"),
            (self.suppliers, "suppliers"),
            (self.awards, "awards"),
            (buffers, "buffers"),
        ]
        for widget, _ in self.pages:
            self.tabs.addTab(widget, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        texts = QVBoxLayout()
        texts.addWidget(self.headline)
        texts.addWidget(self.explanation_box)
        texts.addStretch(1)
        top.addLayout(texts, 1)
        top.addWidget(self.convergence)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.retranslate()
        self.clear()

    def clear(self) -> None:
        self.plan, self.report = None, None
        self._filling = None
        self.headline.setText(tr("No plan yet. Check the problems, then press Plan (F5)."))
        self._set_explanation(False)
        for view in self.views.values():
            view.set_table(None)
        self.gantt.set_chart(None)
        self.chart.set_chart(None)
        self.tabs.setEnabled(False)

    def show_plan(self, plan: Plan, report: PlanReport, then=None) -> None:
        """A checked plan: its report's tables and charts into the views, one view per turn
        of the event loop (an allocation of 80,000 rows takes a moment), then `then()`."""
        self.plan, self.report = plan, report
        self.tabs.setEnabled(True)
        self._show_text()
        self.gantt.set_chart(report.gantt)
        self.chart.set_chart(report.content)
        fx = self._fx()
        steps = [
            lambda v=view, k=key: v.set_table(
                report.tables[k], report.currency, fx, report.search.get(k), report.marks.get(k)
            )
            for key, view in self.views.items()
        ]
        self._filling = steps

        def step() -> None:
            if self._filling is not steps or self.report is not report:
                return  # another plan (or none) is shown now
            if steps:
                steps.pop(0)()
                QTimer.singleShot(0, self, step)  # dropped if the panel is gone
            elif then is not None:
                then()

        step()

    def start_progress(self, time_limit_s: float, currency: str = "USD") -> None:
        """A search starts: an empty convergence chart, filled by `add_progress`."""
        self.convergence.set_chart(convergence_chart(time_limit_s, i18n.current(), currency))
        self.convergence.show()
        if self.report is None:
            self.headline.setText(tr("Planning…"))

    def add_progress(self, event: ProgressEvent) -> None:
        """A progress report of the search: a point of the convergence chart."""
        self.convergence.add(event.elapsed_s, event.objective, event.bound)

    def clear_progress(self) -> None:
        self.convergence.set_chart(None)
        self.convergence.hide()

    def show_failure(self, plan: Plan) -> None:
        """No plan meets the limits (or none was found in time): say why, in procurement terms."""
        self.clear()
        self.plan = plan
        self._show_text()

    def show_page(self, key: str) -> bool:
        """Bring a tab to the front by its key (summary, phases, gantt...)."""
        keys = [k for _, k in self.pages]
        if key in keys:
            self.tabs.setCurrentIndex(keys.index(key))
        return key in keys

    def set_vnd(self, on: bool) -> None:
        self.use_vnd = on
        if self.report is not None:
            for view in self.views.values():
                view.model.set_money(self.report.currency, self._fx())
        self._show_text()

    def _fx(self) -> float | None:
        rate = self.report.fx_vnd_per_usd if self.report is not None else None
        return rate if self.use_vnd and rate else None

    def _show_text(self) -> None:
        """The headline and the explanation, in the app's language."""
        plan = self.plan
        if plan is None:
            return
        reasons = [line.get(i18n.current()) for line in plan.explanation]
        if not plan.has_plan or self.report is None:
            title = {
                "infeasible": tr("No plan meets these limits."),
                "no_plan": tr("No plan was found in the time allowed."),
            }.get(plan.status.value, tr("Planning failed."))
            if plan.backend == "record":  # an approved plan priced in the project as it is now
                title = tr("The plan of record does not hold in the project as it is now.")
            self.headline.setText(f"<b>{title}</b>")
            text = "<br>".join(f"• {r}" for r in reasons) or tr("No reason was reported.")
            self.explanation.setText(text)
            self._set_explanation(True)
            return
        fx = self._fx()

        def money(v):
            return i18n.money(v, "VND", fx) if fx else i18n.money(v)

        head = self.report.headline
        status = tr("optimal") if plan.status.value == "optimal" else tr("feasible")
        parts = [
            tr("<b>{name}</b>: {status} plan, checked independently.").format(
                name=self.report.plan_name, status=status
            ),
            tr("Total cost {total}, against {nothing} for doing nothing.").format(
                total=money(head["total_cost"]), nothing=money(head["do_nothing_cost"])
            )
            if head["do_nothing_cost"] is not None
            else tr("Total cost {total}.").format(total=money(head["total_cost"])),
        ]
        if head["tariffs_saved"] is not None:
            parts.append(
                tr("Tariffs saved {saved}; one-time spending {once}.").format(
                    saved=money(head["tariffs_saved"]), once=money(head["one_time_cost"])
                )
            )
        summary = plan.summary
        if summary is not None:
            parts.append(
                tr(
                    "Vietnamese share of spend {vn}; the factory bears {share} of the US duty."
                ).format(
                    vn=i18n.pct(summary.vn_spend_share, 1),
                    share=i18n.pct(summary.tariff_pass_through, 0),
                )
            )
        if summary is not None and summary.content_tiers_assumed:
            parts.append(tr("Tariff tiers by Chinese share are an assumption, not enacted law."))
        if self.report.certainty:  # proven, or how much may remain (the report's own words)
            parts.append(self.report.certainty)
        self.headline.setText(" ".join(parts))
        self.explanation.setText("<br>".join(f"• {r}" for r in reasons))
        self._set_explanation(bool(reasons))

    def _set_explanation(self, visible: bool) -> None:
        self.explanation.setVisible(visible)
        self.explanation_box.setVisible(visible)

    def retranslate(self) -> None:
        """Tab titles and texts; the tables follow when a report in the new language comes."""
        titles = {
            "summary": tr("Summary"),
            "phases": tr("Phases"),
            "why": tr("Why"),
            "gantt": tr("Gantt"),
            "content": tr("Chinese content"),
            "allocation": tr("Allocation"),
            "suppliers": tr("Supplier load"),
            "awards": tr("Awards"),
            "buffers": tr("Margins and countries"),
        }
        for k, (_, key) in enumerate(self.pages):
            self.tabs.setTabText(k, titles[key])
        for view in self.views.values():
            view.retranslate()
        chart = self.convergence.chart
        if chart is not None and chart.lang != i18n.current():  # its words, not its points
            again = convergence_chart(chart.time_limit_s, i18n.current(), chart.currency)
            again.points = chart.points
            self.convergence.set_chart(again)
        if self.plan is None:
            self.headline.setText(tr("No plan yet. Check the problems, then press Plan (F5)."))
        self._show_text()
