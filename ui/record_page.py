"""The Plan of record page: every approved version, and what changed between any two of them
or between the plan of record and the plan shown (planner.report.plan_diff, priced and compared in
a worker; the tables are planner.report.changes', the ones the workbook and paper show)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.record.store import Record
from planner.report.versions import versions_table
from ui import i18n
from ui.i18n import tr
from ui.plan_child import compare_for_screen
from ui.plan_views import ReportView
from ui.workers import ProcessCall

SHOWN = -1  # the "new" choice that is the plan shown, not a version


class RecordPage(QWidget):
    compared = Signal(object)  # the ChangeReport shown, or None when the comparison failed

    def __init__(self, window, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("recordPage")
        self.window_ = window
        self.call: ProcessCall | None = None
        self.changes = None  # the ChangeReport shown
        self.title = QLabel()
        self.title.setObjectName("recordTitle")
        self.title.setWordWrap(True)
        self.versions = ReportView("versionsTable")
        self.old = QComboBox()
        self.old.setObjectName("compareOld")
        self.new = QComboBox()
        self.new.setObjectName("compareNew")
        self.compare = QPushButton()
        self.compare.setObjectName("compareVersions")
        self.compare.clicked.connect(self.start)
        self.with_label, self.against_label = QLabel(), QLabel()
        row = QHBoxLayout()
        for w in (self.with_label, self.old, self.against_label, self.new, self.compare):
            row.addWidget(w)
        row.addStretch(1)
        self.headline = QLabel()
        self.headline.setObjectName("changesHeadline")
        self.headline.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("changesTabs")
        self.views: dict[str, ReportView] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.versions, 1)
        layout.addLayout(row)
        layout.addWidget(self.headline)
        layout.addWidget(self.tabs, 2)
        # bound methods: Qt drops the connections when this page (one per document) goes
        window.records.shown.connect(self._changed)
        window.records.approved.connect(self._changed)
        window.plan_finished.connect(self._changed)
        self.retranslate()

    def _changed(self, *_: object) -> None:
        self.refresh()

    @property
    def record(self) -> Record | None:
        return self.window_.records.record

    def refresh(self) -> None:
        """The versions as they are, and the choices to compare."""
        record = self.record
        self.retranslate_title()
        if record is None:
            self.versions.set_table(None)
            self.old.clear()
            self.new.clear()
            self.compare.setEnabled(False)
            return
        table = versions_table(record, i18n.current())
        self.versions.set_table(table, record.latest.currency, None)
        numbers = [v.number for v in reversed(record.versions)]
        self.old.clear()
        self.new.clear()
        for n in numbers:
            self.old.addItem(tr("version {n}").format(n=n), n)
            self.new.addItem(tr("version {n}").format(n=n), n)
        planning = self.window_.planning
        if planning.ready and not planning.stale and self.window_.records.standing is None:
            self.new.insertItem(0, tr("the plan shown"), SHOWN)
        self.new.setCurrentIndex(0)
        self.old.setCurrentIndex(0 if self.new.itemData(0) == SHOWN else min(1, len(numbers) - 1))
        # two versions, or a version and the plan shown
        self.compare.setEnabled(self.call is None and self.new.count() > 1)

    def start(self) -> None:
        record, planning = self.record, self.window_.planning
        if record is None or self.call is not None or planning.project is None:
            return
        old, new = self.old.currentData(), self.new.currentData()
        plan = planning.plan if new == SHOWN else None
        call = ProcessCall(
            compare_for_screen,
            self.window_.records.base or planning.project,  # the versions' project
            record,
            old,
            None if new == SHOWN else new,
            plan,
            tr("the plan shown"),
            i18n.current(),
            planning.project,
            parent=self,
        )
        self.headline.setText(tr("Comparing…"))
        self.changes = None
        call.done.connect(self.show_changes)
        call.failed.connect(lambda exc: self.headline.setText(str(getattr(exc, "text", exc))))
        call.finished.connect(self._ended)
        self.call = call
        self.compare.setEnabled(False)
        call.start()

    def _ended(self) -> None:
        if self.call is not None:
            self.call.deleteLater()
        self.call = None
        self.compare.setEnabled(True)
        self.compared.emit(self.changes)

    def show_changes(self, changes) -> None:
        self.changes = changes
        self.headline.setText("<br>".join(changes.headline))
        self.tabs.clear()
        self.views = {}
        for key, table in changes.tables.items():
            view = ReportView(f"changes_{key}")
            currency = self.record.latest.currency if self.record is not None else "USD"
            view.set_table(table, currency, None)
            self.views[key] = view
            self.tabs.addTab(view, table.title)

    def retranslate_title(self) -> None:
        record = self.record
        if record is None:
            self.title.setText(
                tr(
                    "No plan has been approved for this project. Plan it, then Plan > Approve "
                    "this plan… keeps the plan as version 1 in the project workbook."
                )
            )
        else:
            v = record.latest
            self.title.setText(
                tr("<b>Plan of record: version {n}</b>, approved by {by} on {on}.").format(
                    n=v.number, by=v.approved_by, on=v.approved_on
                )
            )

    def retranslate(self) -> None:
        self.with_label.setText(tr("Compare"))
        self.against_label.setText(tr("with"))
        self.compare.setText(tr("Show what changed"))
        self.refresh()

    def shutdown(self) -> None:
        if self.call is not None:
            self.call.stop()
            self.call.wait(10_000)
