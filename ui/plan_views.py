"""The plan on screen: summary, phases, Gantt, content chart, allocation, supplier load.

Every figure comes from planner.report.tables (the same tables the workbook and the printed
plan show); this module only renders them. A plan reaches these views only once it has passed
the independent checker (MainWindow checks `plan.has_plan`).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from planner.plan import Plan
from planner.project import TypedProject
from planner.report import tables as tb
from ui import i18n
from ui.charts import ChartWidget, paint_content_chart, paint_gantt
from ui.i18n import tr
from ui.sheet_view import copy_selection

BINDING_TINT = QColor("#FCE4D6")
SORT_ROLE = Qt.UserRole + 1


class ReportModel(QAbstractTableModel):
    """One plan table (planner.report.tables.Table) as a read-only model."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.table: tb.Table | None = None
        self.currency = "USD"
        self.fx: float | None = None
        self._binding: set[tuple[int, str]] = set()

    def set_table(self, table: tb.Table | None, currency: str = "USD", fx: float | None = None):
        self.beginResetModel()
        self.table, self.currency, self.fx = table, currency, fx
        self._binding = set()
        if table is not None:
            for b in table.bindings:
                mask = table.binding_mask(b)
                self._binding |= {(i, b.value) for i, hit in enumerate(mask) if hit}
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.table is None else len(self.table.frame)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if self.table is None or role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            col = self.table.columns[section]
            shown = self.currency if not self.fx else "VND"
            label = f"{col.label} ({shown})" if col.kind == tb.MONEY else col.label
            return two_lines(label)
        return str(section + 1)

    def _kind(self, i: int, j: int) -> str:
        assert self.table is not None
        col = self.table.columns[j]
        if "kind" in self.table.frame.columns and col.key == "value":
            return str(self.table.frame["kind"].iloc[i])
        return col.kind

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or self.table is None:
            return None
        i, j = index.row(), index.column()
        col = self.table.columns[j]
        value = self.table.frame[col.key].iloc[i]
        kind = self._kind(i, j)
        if role == Qt.DisplayRole:
            if kind == tb.MONEY and self.fx and isinstance(value, int | float):
                if math.isinf(value):
                    return tb.format_value(value, kind, i18n.current())
                return i18n.money(value, "VND", self.fx)
            return tb.format_value(value, kind, i18n.current(), self.currency)
        if role == SORT_ROLE:
            if isinstance(value, int | float) and not isinstance(value, bool):
                return -math.inf if math.isnan(value) else float(value)
            return str(value).casefold()
        if role == Qt.TextAlignmentRole:
            if kind != tb.TEXT and isinstance(value, int | float):
                return int(Qt.AlignRight | Qt.AlignVCenter)
            return int(Qt.AlignLeft | Qt.AlignVCenter)
        if role == Qt.BackgroundRole and (i, col.key) in self._binding:
            return BINDING_TINT
        if role == Qt.ToolTipRole and (i, col.key) in self._binding:
            return tr("This limit binds: it is fully used in this period.")
        return None


def two_lines(label: str, longest: int = 14) -> str:
    """A long header on two balanced lines, so money columns are as narrow as their figures."""
    if len(label) <= longest or " " not in label:
        return label
    middle = len(label) / 2
    cut = min((i for i, ch in enumerate(label) if ch == " "), key=lambda i: abs(i - middle))
    return label[:cut] + "\n" + label[cut + 1 :]


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
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.view = ReportTable(self)
        self.view.setObjectName(name)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.AscendingOrder)
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
            self.filter.textChanged.connect(self.proxy.setFilterFixedString)
            layout.addWidget(self.filter)
        layout.addWidget(self.view)

    def set_table(self, table, currency="USD", fx=None) -> None:
        self.model.set_table(table, currency, fx)
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for j in range(self.model.columnCount()):
            header.resizeSection(j, min(header.sectionSize(j) + 12, 600))
        header.setSectionResizeMode(QHeaderView.Interactive)
        # a stretched figure column would push its numbers across the window from their row
        last = table.columns[-1] if table is not None and table.columns else None
        per_row_kinds = table is not None and "kind" in table.frame.columns  # the summary
        header.setStretchLastSection(
            last is not None and last.kind == tb.TEXT and not per_row_kinds
        )

    def retranslate(self) -> None:
        if self.filter is not None:
            self.filter.setPlaceholderText(tr("Filter rows (any column)…"))


class PlanPanel(QWidget):
    """The plan's tabs; `show_plan` fills them, `show_failure` explains why there is none."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.project: TypedProject | None = None
        self.plan: Plan | None = None
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
        self.explanation.hide()

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("planTabs")
        self.summary = ReportView("planSummary")
        self.periods = ReportView("planPeriods")
        self.phases = ReportView("planPhases", with_filter=True)
        phases = QSplitter(Qt.Vertical)
        phases.addWidget(self.periods)
        phases.addWidget(self.phases)
        phases.setSizes([220, 400])
        self.gantt = ChartWidget(paint_gantt)
        self.gantt.setObjectName("planGantt")
        gantt_scroll = QScrollArea()
        gantt_scroll.setWidgetResizable(True)
        gantt_scroll.setWidget(self.gantt)
        self.chart = ChartWidget(paint_content_chart)
        self.chart.setObjectName("planContentChart")
        self.content = ReportView("planContent", with_filter=True)
        content = QSplitter(Qt.Vertical)
        content.addWidget(self.chart)
        content.addWidget(self.content)
        content.setSizes([420, 220])
        self.allocation = ReportView("planAllocation", with_filter=True)
        self.suppliers = ReportView("planSuppliers", with_filter=True)
        self._pages = [
            (self.summary, "summary"),
            (phases, "phases"),
            (gantt_scroll, "gantt"),
            (content, "content"),
            (self.allocation, "allocation"),
            (self.suppliers, "suppliers"),
        ]
        for widget, _ in self._pages:
            self.tabs.addTab(widget, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.headline)
        layout.addWidget(self.explanation)
        layout.addWidget(self.tabs, 1)
        self.retranslate()
        self.clear()

    def clear(self) -> None:
        self.project, self.plan = None, None
        self.headline.setText(tr("No plan yet. Check the problems, then press Plan (F5)."))
        self.explanation.hide()
        for view in (self.summary, self.periods, self.phases, self.content):
            view.set_table(None)
        self.allocation.set_table(None)
        self.suppliers.set_table(None)
        self.gantt.set_data(None, None)
        self.chart.set_data(None, None)
        self.tabs.setEnabled(False)

    def show_plan(self, project: TypedProject, plan: Plan) -> None:
        self.project, self.plan = project, plan
        self.refresh()

    def show_failure(self, project: TypedProject, plan: Plan) -> None:
        """No plan meets the limits (or none was found in time): say why, in procurement terms."""
        self.clear()
        self.project, self.plan = project, plan
        self.refresh()

    def set_vnd(self, on: bool) -> None:
        self.use_vnd = on
        self.refresh()

    def refresh(self) -> None:
        """(Re)build every view in the current language."""
        project, plan = self.project, self.plan
        if project is None or plan is None:
            return
        lang = i18n.current()
        reasons = [line.get(lang) for line in plan.explanation]
        if not plan.has_plan:
            self.tabs.setEnabled(False)
            title = {
                "infeasible": tr("No plan meets these limits."),
                "no_plan": tr("No plan was found in the time allowed."),
            }.get(plan.status.value, tr("Planning failed."))
            self.headline.setText(f"<b>{title}</b>")
            text = "<br>".join(f"• {r}" for r in reasons) or tr("No reason was reported.")
            self.explanation.setText(text)
            self.explanation.show()
            return
        self.tabs.setEnabled(True)
        st = project.settings
        fx = st.fx_vnd_per_usd if self.use_vnd and st.fx_vnd_per_usd else None
        currency = st.currency

        def money(v):
            return i18n.money(v, "VND", fx) if fx else i18n.money(v)

        head = tb.headline(project, plan)
        status = tr("optimal") if plan.status.value == "optimal" else tr("feasible")
        parts = [
            tr("<b>{name}</b>: {status} plan, checked independently.").format(
                name=st.plan_name, status=status
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
        self.headline.setText(" ".join(parts))
        if reasons:
            self.explanation.setText("<br>".join(f"• {r}" for r in reasons))
            self.explanation.show()
        else:
            self.explanation.hide()
        self.summary.set_table(tb.summary_table(project, plan, lang), currency, fx)
        self.periods.set_table(tb.periods_table(project, plan, lang), currency, fx)
        self.phases.set_table(tb.phases_table(project, plan, lang), currency, fx)
        self.content.set_table(tb.content_table(project, plan, lang), currency, fx)
        self.allocation.set_table(tb.allocation_table(project, plan, lang), currency, fx)
        self.suppliers.set_table(tb.suppliers_table(project, plan, lang), currency, fx)
        self.gantt.set_data(project, plan, lang)
        self.chart.set_data(project, plan, lang)

    def retranslate(self) -> None:
        titles = {
            "summary": tr("Summary"),
            "phases": tr("Phases"),
            "gantt": tr("Gantt"),
            "content": tr("Chinese content"),
            "allocation": tr("Allocation"),
            "suppliers": tr("Supplier load"),
        }
        for k, (_, key) in enumerate(self._pages):
            self.tabs.setTabText(k, titles[key])
        for view in (self.phases, self.content, self.allocation, self.suppliers):
            view.retranslate()
        if self.plan is None:
            self.headline.setText(tr("No plan yet. Check the problems, then press Plan (F5)."))
        self.refresh()
