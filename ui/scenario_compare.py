"""Planning the chosen scenarios side by side (a progress and Cancel each, each in its own
process) and their comparison in three tables, cells that differ from the base tinted; the
comparison printed; a stress test of the plan shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.scenarios.overrides import BASE
from planner.scenarios.view import ComparisonView, comparison_story, status_text
from ui import i18n
from ui.document import ProjectDocument
from ui.i18n import tr
from ui.scenario_models import CompareModel, fit_columns
from ui.scenario_runs import CANCELLED, DONE, RUNNING, WAITING, ScenarioRunner, workers
from ui.settings_cells import number, setting_value


class RunRow:
    """A scenario's line while planning: name, progress, state, Cancel."""

    def __init__(self, grid: QGridLayout, row: int, name: str, cancel) -> None:
        self.name = QLabel(name)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(14)
        self.text = QLabel()
        self.cancel = QPushButton(tr("Cancel"))
        self.cancel.setObjectName(f"cancelScenario_{name}")
        self.cancel.clicked.connect(lambda: cancel(name))
        for k, w in enumerate((self.name, self.bar, self.text, self.cancel)):
            grid.addWidget(w, row, k)

    def set(self, state: str, fraction: float, text: str) -> None:
        self.bar.setValue(int(1000 * fraction))
        if state == WAITING:
            self.text.setText(tr("waiting for a free core"))
        elif state == RUNNING:
            if text.startswith("best:"):
                self.text.setText(tr("best {cost}").format(cost=i18n.money(float(text[5:]))))
            elif not self.text.text() or self.text.text() == tr("waiting for a free core"):
                self.text.setText(tr("planning…"))
        elif state == CANCELLED:
            self.text.setText(tr("cancelled"))
            self.cancel.setEnabled(False)
        elif state == DONE:
            self.text.setText(status_text(text, i18n.current()) if text else "")
            self.cancel.setEnabled(False)


class ScenarioCompare(QWidget):
    compared = Signal(object)  # the ComparisonView shown
    started = Signal()  # planning started: show this widget

    def __init__(
        self, window, doc: ProjectDocument, chosen: Callable[[], list[str]], parent=None
    ) -> None:
        super().__init__(parent)
        self.window_, self.doc, self.chosen = window, doc, chosen
        self.view: ComparisonView | None = None
        self.runner = ScenarioRunner(self)
        self.plan_all = QPushButton()
        self.plan_all.setObjectName("planAllScenarios")
        self.plan_all.clicked.connect(lambda: self.plan_scenarios())
        self.cancel_all = QPushButton()
        self.cancel_all.setObjectName("cancelAllScenarios")
        self.cancel_all.setEnabled(False)
        self.cancel_all.clicked.connect(lambda: self.runner.cancel())
        self.limit = QSpinBox()
        self.limit.setObjectName("scenarioTimeLimit")
        self.limit.setRange(1, 86400)
        self.limit.setSuffix(" s")
        self.limit.setValue(int(number(setting_value(doc, "time_limit_s"), 60)))
        self.limit_label = QLabel()
        self.print_button = QPushButton()
        self.print_button.setObjectName("printComparison")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_comparison)
        self.stress_button = QPushButton()
        self.stress_button.setObjectName("stressTest")
        self.stress_button.clicked.connect(self.stress_test)
        bar = QHBoxLayout()
        bar.addWidget(self.plan_all)
        bar.addWidget(self.cancel_all)
        bar.addWidget(self.limit_label)
        bar.addWidget(self.limit)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.stress_button)
        self.run_status = QLabel()
        self.run_status.setObjectName("runStatus")
        self.run_status.setWordWrap(True)
        self.runs = QWidget()
        self.runs.setObjectName("scenarioRuns")
        self.runs_grid = QGridLayout(self.runs)
        self.runs_grid.setContentsMargins(0, 0, 0, 0)
        self.runs_grid.setColumnStretch(1, 1)
        self.run_rows: dict[str, RunRow] = {}
        runs_scroll = self.runs_scroll = QScrollArea()
        runs_scroll.setWidgetResizable(True)
        runs_scroll.setWidget(self.runs)
        runs_scroll.setFrameShape(QScrollArea.NoFrame)
        runs_scroll.setFixedHeight(0)  # as tall as its rows once planning starts
        self.compare_tabs = QTabWidget()
        self.compare_tabs.setObjectName("comparisonTabs")
        self.compare_models: dict[str, CompareModel] = {}
        self.compare_views: dict[str, QTableView] = {}
        for key in ("summary", "shares", "parts"):
            model = CompareModel(self)
            view = QTableView()
            view.setObjectName(f"comparison_{key}")
            view.setModel(model)
            view.setWordWrap(key == "summary")  # the long tables keep one line a row
            view.verticalHeader().setVisible(False)
            view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
            self.compare_models[key], self.compare_views[key] = model, view
            self.compare_tabs.addTab(view, "")
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        v = QVBoxLayout(self)
        v.addLayout(bar)
        v.addWidget(self.run_status)
        v.addWidget(runs_scroll)
        v.addWidget(self.compare_tabs, 1)
        v.addWidget(self.legend)
        self.runner.state.connect(self._on_state)
        self.runner.base_improved.connect(self._base_improved)
        self.runner.finished.connect(self.show_comparison)
        self.runner.failed.connect(lambda text: self.run_status.setText(text))

    def plan_scenarios(
        self, names: list[str] | None = None, time_limit: float | None = None
    ) -> bool:
        names = names or self.chosen()
        if BASE not in names:
            names = [BASE, *names]
        limit = float(time_limit if time_limit is not None else self.limit.value())
        self._clear_runs()
        for k, name in enumerate(names):
            self.run_rows[name] = RunRow(self.runs_grid, k, name, self.runner.cancel)
        line = self.cancel_all.sizeHint().height() + self.runs_grid.verticalSpacing()
        self.runs_scroll.setFixedHeight(min(len(names), 6) * line + 2)
        base_plan = self.shown_plan()
        if not self.runner.start(self.doc.snapshot(), names, i18n.current(), limit, base_plan):
            return False
        self.plan_all.setEnabled(False)
        self.cancel_all.setEnabled(True)
        self.run_status.setText(
            tr("Planning {n} scenarios, {k} at a time, each in its own process…").format(
                n=len(names), k=min(workers(), len(names))
            )
        )
        self.started.emit()
        return True

    def shown_plan(self):
        """The plan shown, when it is current: the comparison's base (not planned again)."""
        planning = getattr(self.window_, "planning", None)
        if planning is None or not planning.ready or planning.stale:
            return None
        return planning.plan

    def _base_improved(self, plan, replaced) -> None:
        """A scenario's plan meets every limit of the base and costs less: it becomes the
        plan shown (if that is still the plan the comparison started from)."""
        planning = getattr(self.window_, "planning", None)
        if planning is not None:
            planning.adopt(plan, replaced)

    def _clear_runs(self) -> None:
        while self.runs_grid.count():
            w = self.runs_grid.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.run_rows = {}

    def _on_state(self, name: str, state: str, fraction: float, text: str) -> None:
        row = self.run_rows.get(name)
        if row is not None:
            row.set(state, fraction, text)

    def show_comparison(self, view: ComparisonView | None) -> None:
        self.plan_all.setEnabled(True)
        self.cancel_all.setEnabled(False)
        if view is None:
            return
        self.view = view
        for key, model in self.compare_models.items():
            table = view.table(key)
            first = table.label_columns
            no_plan = {first + k for k, n in enumerate(view.names) if n not in view.planned}
            model.set_table(table, no_plan)
            fit_columns(self.compare_views[key])
        planned = len(view.planned)
        self.run_status.setText(
            tr(
                "{k} of {n} scenarios have a plan; cells that differ from the base are tinted."
            ).format(k=planned, n=len(view.names))
        )
        self.print_button.setEnabled(True)
        self.compared.emit(view)

    def print_comparison(self) -> None:
        if self.view is None:
            return
        from ui.printing import preview_dialog, register_fonts

        register_fonts()
        story = comparison_story(self.view, self.doc.name)
        self.window_.run_dialog(preview_dialog(self.window_, story))

    def stress_test(self) -> None:
        from ui.stress_dialog import StressDialog

        if not self.window_.planning.ready:
            self.window_.show_message(
                tr("Plan the project first (F5): the stress test replans that plan.")
            )
            return
        self.window_.run_dialog(StressDialog(self.window_))

    def shutdown(self) -> None:
        self.runner.shutdown()

    def retranslate(self) -> None:
        self.plan_all.setText(tr("Plan all scenarios"))
        self.cancel_all.setText(tr("Cancel all"))
        self.limit_label.setText(tr("Time limit per scenario"))
        self.print_button.setText(tr("Print the comparison…"))
        self.stress_button.setText(tr("Stress test the plan…"))
        for k, text in enumerate(
            (tr("Costs and results"), tr("Chinese share and RVC"), tr("Parts"))
        ):
            self.compare_tabs.setTabText(k, text)
        self.legend.setText(
            tr(
                "Tinted bold cells differ from the base; a grey column has no plan, and says why. "
                "The comparison is also written as a Comparison sheet when the plan is exported "
                "to Excel."
            )
        )
        if not self.run_rows:
            self.run_status.setText(
                tr(
                    "Plan the ticked scenarios side by side: {k} at a time on this computer."
                ).format(k=workers())
            )

    def translate_view(self) -> None:
        """The comparison shown again in the app's language (it is computed in one)."""
        if self.view is not None and self.view.lang != i18n.current():
            self.runner.translate(i18n.current())
