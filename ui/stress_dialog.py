"""Stress test the plan shown: "supplier X slips N periods / loses P% of its capacity",
replanned keeping what the plan has started up to a chosen period (it happened), then the plan
and the replanned one side by side (planner.scenarios.jobs.stress, in a worker process)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
)

from planner.io.parse import clean_text
from planner.scenarios import whatif as wi
from planner.scenarios.jobs import stress
from ui import i18n
from ui.i18n import tr
from ui.scenario_models import CompareModel, fit_columns
from ui.workers import ProcessCall


class StressDialog(QDialog):
    def __init__(self, window, parent=None) -> None:
        super().__init__(parent or window)
        self.setObjectName("stressDialog")
        self.window_ = window
        self.call: ProcessCall | None = None
        self.view = None
        self.cancelled = False  # the user cancelled the replan running
        self.stressed = None  # the plan shown when the stress test started
        doc, planning = window.doc, window.planning
        self.supplier = QComboBox()
        self.supplier.setObjectName("stressSupplier")
        frame = doc.frame("Suppliers")
        for sid, name in zip(
            frame["supplier_id"], frame.get("name", frame["supplier_id"]), strict=True
        ):
            sid = clean_text(sid)
            if sid:
                self.supplier.addItem(
                    f"{sid} · {clean_text(name)}" if clean_text(name) else sid, sid
                )
        self.slip = QSpinBox()
        self.slip.setObjectName("stressSlip")
        self.slip.setRange(0, 12)
        self.slip.setValue(2)
        self.cut = QSpinBox()
        self.cut.setObjectName("stressCut")
        self.cut.setRange(0, 100)
        self.cut.setSuffix(" %")
        self.until = QComboBox()
        self.until.setObjectName("stressUntil")
        for period in doc.frame("Periods")["period"]:
            if clean_text(period):
                self.until.addItem(clean_text(period))
        self.limit = QSpinBox()
        self.limit.setObjectName("stressTimeLimit")
        self.limit.setRange(1, 3600)
        self.limit.setSuffix(" s")
        self.limit.setValue(int(planning.project.settings.time_limit_s) if planning.project else 60)
        self.form = QFormLayout()
        for w in (self.supplier, self.slip, self.cut, self.until, self.limit):
            self.form.addRow(QLabel(), w)
        self.run = QPushButton()
        self.run.setObjectName("runStressTest")
        self.run.clicked.connect(self.start)
        self.cancel = QPushButton()
        self.cancel.setObjectName("cancelStressTest")
        self.cancel.setEnabled(False)
        self.cancel.clicked.connect(self.stop)
        self.status = QLabel()
        self.status.setObjectName("stressStatus")
        self.status.setWordWrap(True)
        self.tabs = QTabWidget()
        self.models = {key: CompareModel(self) for key in ("summary", "parts")}
        for key, model in self.models.items():
            view = QTableView()
            view.setObjectName(f"stress_{key}")
            view.setModel(model)
            view.setWordWrap(key == "summary")
            view.verticalHeader().setVisible(False)
            self.tabs.addTab(view, "")
        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton(tr("Close"), QDialogButtonBox.RejectRole)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.run)
        row.addWidget(self.cancel)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(row)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(820, 560)
        self.retranslate()

    def rows(self) -> list[dict]:
        sid = self.supplier.currentData()
        name = tr("{supplier}: {slip} periods late, {cut}% less capacity").format(
            supplier=sid, slip=self.slip.value(), cut=self.cut.value()
        )
        rows = []
        if self.slip.value():
            rows += wi.lead_rows(name, sid, self.slip.value())
        if self.cut.value():
            rows += wi.capacity_rows(name, sid, self.cut.value(), self.window_.doc.frame("Offers"))
        return rows or [wi.first_row(name)]

    def start(self) -> bool:
        planning = self.window_.planning
        if not planning.ready or self.call is not None:
            self.status.setText(
                tr("Plan the project first (F5): the stress test replans that plan.")
            )
            return False
        call = ProcessCall(
            stress,
            self.window_.doc.snapshot(),
            self.rows(),
            planning.plan,
            planning.project,
            self.until.currentText(),
            float(self.limit.value()),
            i18n.current(),
            parent=self,
        )
        self.stressed = planning.plan  # the plan the shock is applied to
        call.done.connect(self.show_outcome)
        call.failed.connect(self._failed)
        call.finished.connect(self._ended)
        self.call = call
        self.cancelled = False
        self.run.setEnabled(False)
        self.cancel.setEnabled(True)
        self.status.setText(tr("Replanning under the shock…"))
        call.start()
        return True

    def stop(self) -> None:
        """Cancel: the replan ends now, without a result (the plan shown stays as it is)."""
        if self.call is not None:
            self.cancelled = True
            self.call.kill()
            self.status.setText(tr("Stress test cancelled; the plan shown is unchanged."))

    def _failed(self, exc: BaseException) -> None:
        if not self.cancelled:  # a cancelled replan's child ends killed: that is no failure
            self.status.setText(i18n.error_text(exc))

    def _ended(self) -> None:
        if self.call is not None:
            self.call.deleteLater()
        self.call = None
        self.run.setEnabled(True)
        self.cancel.setEnabled(False)

    def show_outcome(self, outcome) -> None:
        """The comparison, and the plan shown replaced by a cheaper plan of the project the
        shock revealed (if that plan is still the one shown and current)."""
        if self.cancelled:  # it came as Cancel was pressed: the user asked not to use it
            return
        view, better = outcome
        self.show_view(view)
        if better is not None:
            self.window_.planning.adopt(better, self.stressed)

    def show_view(self, view) -> None:
        self.view = view
        name = view.names[-1]
        no_plan = {1 + k for k, n in enumerate(view.names) if n not in view.planned}
        for k, (key, model) in enumerate(self.models.items()):
            model.set_table(view.table(key), no_plan)
            fit_columns(self.tabs.widget(k))
        if name in view.planned:
            summary = view.table("summary")
            total = next(r for r in summary.values if r[0] == summary.cells[1][0])
            extra = (total[2] or 0) - (total[1] or 0)
            self.status.setText(
                tr("Replanned: the shock costs {cost} more over the horizon.").format(
                    cost=i18n.money(extra)
                )
            )
        else:
            self.status.setText(view.explanations.get(name) or tr("No plan under the shock."))

    def reject(self) -> None:
        if self.call is not None:
            self.call.kill()
            self.call.wait(10_000)
        super().reject()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Stress test the plan"))
        labels = [
            tr("Supplier"),
            tr("Slips by (periods)"),
            tr("Loses capacity"),
            tr("Keep what the plan started up to"),
            tr("Time limit"),
        ]
        for k, text in enumerate(labels):
            self.form.itemAt(k, QFormLayout.LabelRole).widget().setText(text)
        self.run.setText(tr("Replan under the shock"))
        self.cancel.setText(tr("Cancel"))
        self.tabs.setTabText(0, tr("Costs and results"))
        self.tabs.setTabText(1, tr("Parts"))
