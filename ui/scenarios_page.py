"""The Scenarios page: the project's scenarios (base first) with Add, Duplicate, Rename and
Delete, a what-if form that writes the common what-ifs as rows of the Scenarios sheet, the
sheet itself as an editable table with its problems; planning the chosen scenarios side by
side with a progress and Cancel each, the comparison; the trade-off curve; a stress test of
the plan shown. Every edit is an undo step on the Scenarios sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.io.parse import clean_text
from planner.presets import PRESETS
from planner.scenarios import whatif as wi
from planner.scenarios.jobs import scenario_problems
from planner.scenarios.overrides import BASE, SHEET, scenario_names
from planner.scenarios.view import ComparisonView, comparison_story, status_text
from ui import i18n
from ui.commands import AddRows, RemoveRows, SetCells
from ui.document import ProjectDocument
from ui.i18n import tr
from ui.problems_view import ProblemsView
from ui.scenario_models import CompareModel, fit_columns
from ui.scenario_panel import _number, setting_value
from ui.scenario_runs import CANCELLED, DONE, RUNNING, WAITING, ScenarioRunner, workers
from ui.sheet_model import SheetModel
from ui.sheet_view import SheetPanel
from ui.tradeoff_view import TradeOffPanel
from ui.workers import ProcessCall

TARIFF, BUDGET, LEAD, CAPACITY, VOLUME = "tariff", "budget", "lead", "capacity", "volume"
CHECK_DELAY_MS = 400


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


class ScenariosPage(QWidget):
    compared = Signal(object)  # the ComparisonView shown

    def __init__(self, window, doc: ProjectDocument, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("scenariosPage")
        self.window_, self.doc = window, doc
        self.view: ComparisonView | None = None
        self.unchosen: set[str] = set()
        self.checker: ProcessCall | None = None
        self.closed = False  # shut down: no more workers
        self.runner = ScenarioRunner(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("scenariosTabs")
        self.tabs.addTab(self._build_edit(), "")
        self.tabs.addTab(self._build_compare(), "")
        self.curve = TradeOffPanel(self._project)
        self.tabs.addTab(self.curve, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.check)
        doc.cells_changed.connect(self._sheet_changed)
        doc.rows_changed.connect(self._sheet_changed)
        self.runner.state.connect(self._on_state)
        self.runner.finished.connect(self.show_comparison)
        self.runner.failed.connect(lambda text: self.run_status.setText(text))
        self.retranslate()
        self.refresh()
        self.check_timer.start()

    # building ------------------------------------------------------------------------------------
    def _build_edit(self) -> QWidget:
        self.list = QListWidget()
        self.list.setObjectName("scenarioList")
        self.list.itemChanged.connect(self._item_changed)
        self.list.currentRowChanged.connect(lambda _row: self._show_target())
        self.add = QPushButton()
        self.add.setObjectName("addScenario")
        self.duplicate = QPushButton()
        self.duplicate.setObjectName("duplicateScenario")
        self.rename = QPushButton()
        self.rename.setObjectName("renameScenario")
        self.delete = QPushButton()
        self.delete.setObjectName("deleteScenario")
        self.add.clicked.connect(self.add_scenario)
        self.duplicate.clicked.connect(self.duplicate_scenario)
        self.rename.clicked.connect(self.rename_scenario)
        self.delete.clicked.connect(self.delete_scenario)
        buttons = QGridLayout()
        for k, b in enumerate((self.add, self.duplicate, self.rename, self.delete)):
            buttons.addWidget(b, k // 2, k % 2)
        self.list_box = QGroupBox()
        lv = QVBoxLayout(self.list_box)
        lv.addWidget(self.list, 1)
        lv.addLayout(buttons)

        # the what-if form
        self.whatif_box = QGroupBox()
        self.kind = QComboBox()
        self.kind.setObjectName("whatIfKind")
        self.target = QLabel()
        self.target.setObjectName("whatIfTarget")
        self.target.setWordWrap(True)
        self.preset = QComboBox()
        self.preset.setObjectName("whatIfPreset")
        self.percent = QDoubleSpinBox()
        self.percent.setObjectName("whatIfPercent")
        self.percent.setRange(-100, 1000)
        self.percent.setDecimals(1)
        self.percent.setSuffix(" %")
        self.percent.setValue(-20)
        self.supplier = QComboBox()
        self.supplier.setObjectName("whatIfSupplier")
        self.periods = QSpinBox()
        self.periods.setObjectName("whatIfPeriods")
        self.periods.setRange(1, 12)
        self.periods.setValue(2)
        self.product = QComboBox()
        self.product.setObjectName("whatIfProduct")
        self.apply = QPushButton()
        self.apply.setObjectName("addWhatIf")
        self.apply.clicked.connect(self.add_what_if)
        self.form = QFormLayout(self.whatif_box)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self._form_rows = {
            "kind": self.kind,
            TARIFF: self.preset,
            "percent": self.percent,
            "supplier": self.supplier,
            LEAD: self.periods,
            VOLUME: self.product,
        }
        for w in self._form_rows.values():
            self.form.addRow(QLabel(), w)
        self.form.addRow(self.target)
        self.form.addRow(self.apply)
        self.kind.currentIndexChanged.connect(lambda _i: self._show_fields())

        # the sheet and its problems
        self.table = SheetPanel(SheetModel(self.doc, SHEET))
        self.table.table.message.connect(self.window_.show_message)
        self.problems = ProblemsView()
        self.problems.setObjectName("scenarioProblems")
        self.problems.go_to.connect(self._go_to)
        self.table_title = QLabel()
        self.table_title.setWordWrap(True)

        top = QWidget()
        th = QHBoxLayout(top)
        th.setContentsMargins(0, 0, 0, 0)
        th.addWidget(self.list_box, 2)
        th.addWidget(self.whatif_box, 3)
        bottom = QWidget()
        bv = QVBoxLayout(bottom)
        bv.setContentsMargins(0, 0, 0, 0)
        bv.addWidget(self.table_title)
        bv.addWidget(self.table, 3)
        bv.addWidget(self.problems, 1)
        split = QSplitter(Qt.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        return split

    def _build_compare(self) -> QWidget:
        self.plan_all = QPushButton()
        self.plan_all.setObjectName("planAllScenarios")
        self.plan_all.clicked.connect(self.plan_scenarios)
        self.cancel_all = QPushButton()
        self.cancel_all.setObjectName("cancelAllScenarios")
        self.cancel_all.setEnabled(False)
        self.cancel_all.clicked.connect(lambda: self.runner.cancel())
        self.limit = QSpinBox()
        self.limit.setObjectName("scenarioTimeLimit")
        self.limit.setRange(1, 86400)
        self.limit.setSuffix(" s")
        self.limit.setValue(int(_number(setting_value(self.doc, "time_limit_s"), 60)))
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
        page = QWidget()
        v = QVBoxLayout(page)
        v.addLayout(bar)
        v.addWidget(self.run_status)
        v.addWidget(runs_scroll)
        v.addWidget(self.compare_tabs, 1)
        v.addWidget(self.legend)
        return page

    # the list of scenarios -----------------------------------------------------------------------
    def names(self) -> list[str]:
        return scenario_names(self.doc.raw)

    def refresh(self) -> None:
        current = self.current()
        self.list.blockSignals(True)
        self.list.clear()
        for name in self.names():
            item = QListWidgetItem(tr("base (the project as it is)") if name == BASE else name)
            item.setData(Qt.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked if name in self.unchosen else Qt.Checked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.select(current if current in self.names() else BASE)
        for box, sheet, key in (
            (self.supplier, "Suppliers", "supplier_id"),
            (self.product, "Products", "product_id"),
        ):
            kept = box.currentData()
            box.blockSignals(True)
            box.clear()
            for value in self.doc.frame(sheet).get(key, []):
                if clean_text(value):
                    box.addItem(clean_text(value), clean_text(value))
            box.setCurrentIndex(max(0, box.findData(kept)))
            box.blockSignals(False)

    def select(self, name: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.UserRole) == name:
                self.list.setCurrentRow(row)
                break
        self._show_target()

    def current(self) -> str | None:
        item = self.list.currentItem() if hasattr(self, "list") else None
        return item.data(Qt.UserRole) if item is not None else None

    def chosen(self) -> list[str]:
        return [n for n in self.names() if n not in self.unchosen]

    def _item_changed(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.UserRole)
        if item.checkState() == Qt.Checked:
            self.unchosen.discard(name)
        else:
            self.unchosen.add(name)

    def _sheet_changed(self, sheet: str, *_: object) -> None:
        if sheet == SHEET:
            self.refresh()
            self.check_timer.start()
        elif sheet in ("Suppliers", "Products"):
            self.refresh()

    # edits: each one an undo step ----------------------------------------------------------------
    def ask_name(self, title: str, default: str) -> str | None:
        """The name typed in a dialog (tests replace this)."""
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(self, title, tr("Scenario name:"), text=default)
        return text.strip() if ok and text.strip() else None

    def _push_rows(self, rows: list[dict], text: str) -> None:
        self.doc.undo.push(AddRows(self.doc, SHEET, rows, text))

    def add_scenario(self) -> str:
        name = wi.free_name(self.names(), tr("New scenario"))
        self._push_rows([wi.first_row(name)], tr("Add the scenario {name}").format(name=name))
        self.select(name)
        return name

    def duplicate_scenario(self) -> str | None:
        source = self.current()
        if source is None:
            return None
        stem = tr("{name} (copy)").format(name=source if source != BASE else tr("base"))
        name = wi.free_name(self.names(), stem)
        rows = wi.duplicate_rows(self.doc.frame(SHEET), source, name)
        self._push_rows(rows, tr("Duplicate the scenario {name}").format(name=source))
        self.select(name)
        return name

    def rename_scenario(self) -> bool:
        old = self.current()
        if old is None or old == BASE:
            self.window_.show_message(tr("The base is the project itself: it keeps its name."))
            return False
        new = self.ask_name(tr("Rename the scenario"), old)
        if not new or new == old:
            return False
        if new.casefold() in {n.casefold() for n in self.names()} or new == BASE:
            self.window_.show_message(
                tr("A scenario named {name} exists already.").format(name=new)
            )
            return False
        frame = self.doc.frame(SHEET)
        changes = [
            (pos, "scenario", frame["scenario"].iloc[pos], new) for pos in wi.positions(frame, old)
        ]
        self.doc.undo.push(
            SetCells(
                self.doc,
                SHEET,
                changes,
                tr("Rename the scenario {old} to {new}").format(old=old, new=new),
            )
        )
        self.select(new)
        return True

    def delete_scenario(self) -> bool:
        name = self.current()
        if name is None or name == BASE:
            self.window_.show_message(tr("The base is the project itself: it cannot be deleted."))
            return False
        rows = wi.positions(self.doc.frame(SHEET), name)
        self.doc.undo.push(
            RemoveRows(self.doc, SHEET, rows, tr("Delete the scenario {name}").format(name=name))
        )
        return True

    # the what-if form ----------------------------------------------------------------------------
    def _show_fields(self) -> None:
        kind = self.kind.currentData()
        shown = {
            TARIFF: {TARIFF},
            BUDGET: {"percent"},
            LEAD: {"supplier", LEAD},
            CAPACITY: {"supplier", "percent"},
            VOLUME: {VOLUME, "percent"},
        }.get(kind, set())
        for key, w in self._form_rows.items():
            visible = key == "kind" or key in shown
            self.form.setRowVisible(w, visible)
        if kind == CAPACITY and self.percent.value() < 0:
            self.percent.setValue(-self.percent.value())
        self._show_target()

    def _show_target(self) -> None:
        if not hasattr(self, "target"):
            return
        name = self.current()
        if name is None or name == BASE:
            self.target.setText(tr("Adds a new scenario named after the what-if."))
        else:
            self.target.setText(tr("Adds rows to the scenario {name}.").format(name=name))

    def what_if_rows(self, scenario: str) -> list[dict]:
        kind = self.kind.currentData()
        pct = self.percent.value()
        frame = self.doc.frame
        if kind == TARIFF:
            tiers = list(frame("Tariffs").get("max_china_share", []))
            return wi.tariff_rows(scenario, self.preset.currentData(), tiers)
        if kind == BUDGET:
            return wi.budget_rows(scenario, pct)
        if kind == LEAD:
            return wi.lead_rows(scenario, self.supplier.currentData(), self.periods.value())
        if kind == CAPACITY:
            return wi.capacity_rows(scenario, self.supplier.currentData(), pct, frame("Offers"))
        return wi.volume_rows(scenario, self.product.currentData(), pct, frame("Volumes"))

    def _what_if_name(self) -> str:
        kind, pct = self.kind.currentData(), self.percent.value()
        signed = f"{pct:+g}%"
        if kind == TARIFF:
            return self.preset.currentText()
        if kind == BUDGET:
            return tr("Budgets {change}").format(change=signed)
        if kind == LEAD:
            return tr("{supplier} {n} periods late").format(
                supplier=self.supplier.currentData(), n=self.periods.value()
            )
        if kind == CAPACITY:
            return tr("{supplier} capacity -{pct}%").format(
                supplier=self.supplier.currentData(), pct=f"{abs(pct):g}"
            )
        return tr("{product} volume {change}").format(
            product=self.product.currentData(), change=signed
        )

    def add_what_if(self) -> str | None:
        """Write the what-if's rows: into the scenario selected, or a new one (base chosen)."""
        if self.kind.currentData() in (LEAD, CAPACITY) and not self.supplier.currentData():
            return None
        if self.kind.currentData() == VOLUME and not self.product.currentData():
            return None
        name = self.current()
        if name is None or name == BASE:
            name = wi.free_name(self.names(), self._what_if_name())
        rows = self.what_if_rows(name)
        self._push_rows(rows, tr("Add the what-if {what}").format(what=self._what_if_name()))
        self.select(name)
        return name

    # problems ------------------------------------------------------------------------------------
    def check(self) -> None:
        """The scenarios' problems, checked in a worker (each scenario is validated)."""
        if self.closed:
            return
        if self.checker is not None:
            self.check_timer.start()  # again once this one is done
            return
        call = ProcessCall(scenario_problems, self.doc.snapshot(), parent=self)
        call.done.connect(self.problems.set_problems)
        call.finished.connect(lambda c=call: self._checked(c))
        self.checker = call
        call.start()

    def _checked(self, call: ProcessCall) -> None:
        call.deleteLater()
        self.checker = None

    def _go_to(self, sheet: str, row: object, column: object) -> None:
        if sheet == SHEET:
            self.tabs.setCurrentIndex(0)
            self.table.table.go_to(
                row if isinstance(row, int) else None, column if isinstance(column, str) else None
            )
        else:
            self.window_.go_to_cell(sheet, row, column)

    # planning and comparing ----------------------------------------------------------------------
    def _project(self):
        v = self.doc.validation
        return v.project if v is not None and v.ok else None

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
        if not self.runner.start(self.doc.snapshot(), names, i18n.current(), limit):
            return False
        self.plan_all.setEnabled(False)
        self.cancel_all.setEnabled(True)
        self.run_status.setText(
            tr("Planning {n} scenarios, {k} at a time, each in its own process…").format(
                n=len(names), k=min(workers(), len(names))
            )
        )
        self.tabs.setCurrentIndex(1)
        return True

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

    # the rest ------------------------------------------------------------------------------------
    def shutdown(self) -> None:
        self.closed = True
        self.check_timer.stop()
        self.runner.shutdown()
        self.curve.shutdown()
        if self.checker is not None:
            self.checker.kill()
            self.checker.wait(10_000)

    def retranslate(self) -> None:
        self.tabs.setTabText(0, tr("Scenarios and what-ifs"))
        self.tabs.setTabText(1, tr("Plan and compare"))
        self.tabs.setTabText(2, tr("Trade-off curve"))
        self.list_box.setTitle(tr("Scenarios (ticked ones are planned)"))
        self.add.setText(tr("Add"))
        self.duplicate.setText(tr("Duplicate"))
        self.rename.setText(tr("Rename…"))
        self.delete.setText(tr("Delete"))
        self.whatif_box.setTitle(tr("What if…"))
        kind = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        for key, text in (
            (TARIFF, tr("Tariffs follow a preset")),
            (BUDGET, tr("One-time budgets change by a percent")),
            (LEAD, tr("A supplier's qualification is late")),
            (CAPACITY, tr("A supplier loses capacity")),
            (VOLUME, tr("A product's volume changes by a percent")),
        ):
            self.kind.addItem(text, key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.kind.blockSignals(False)
        preset = self.preset.currentData()
        self.preset.clear()
        for p in PRESETS:
            self.preset.addItem(p.name.get(i18n.current()), p.key)
        self.preset.setCurrentIndex(max(0, self.preset.findData(preset)))
        labels = {
            "kind": tr("What changes"),
            TARIFF: tr("Tariff preset"),
            "percent": tr("Change (percent)"),
            "supplier": tr("Supplier"),
            LEAD: tr("Periods late"),
            VOLUME: tr("Product"),
        }
        for key, w in self._form_rows.items():
            self.form.labelForField(w).setText(labels[key])
        self.apply.setText(tr("Add the what-if"))
        self.table_title.setText(
            tr(
                "The Scenarios sheet: each row changes one cell of the base project in one "
                "scenario (a value, +x to add, *x to multiply). Edit it like any sheet."
            )
        )
        self.table.retranslate()
        self.problems.retranslate()
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
        self.refresh()
        self._show_fields()
        self.curve.retranslate()
        if self.view is not None and self.view.lang != i18n.current():
            self.runner.translate(i18n.current())
