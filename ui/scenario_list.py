"""The project's scenarios as a list (base first; ticked ones are planned) with Add, Duplicate,
Rename and Delete. Every edit is an undo step on the Scenarios sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from planner.scenarios import whatif as wi
from planner.scenarios.overrides import BASE, SHEET, scenario_names
from ui.commands import AddRows, RemoveRows, SetCells
from ui.document import ProjectDocument
from ui.i18n import tr


class ScenarioList(QGroupBox):
    selected = Signal()  # the scenario chosen in the list may have changed

    def __init__(self, window, doc: ProjectDocument, parent=None) -> None:
        super().__init__(parent)
        self.window_, self.doc = window, doc
        self.unchosen: set[str] = set()
        self.list = QListWidget()
        self.list.setObjectName("scenarioList")
        self.list.itemChanged.connect(self._item_changed)
        self.list.currentRowChanged.connect(lambda _row: self.selected.emit())
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
        lv = QVBoxLayout(self)
        lv.addWidget(self.list, 1)
        lv.addLayout(buttons)

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

    def select(self, name: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.UserRole) == name:
                self.list.setCurrentRow(row)
                break
        self.selected.emit()

    def current(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item is not None else None

    def chosen(self) -> list[str]:
        return [n for n in self.names() if n not in self.unchosen]

    def _item_changed(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.UserRole)
        if item.checkState() == Qt.Checked:
            self.unchosen.discard(name)
        else:
            self.unchosen.add(name)

    # edits: each one an undo step ----------------------------------------------------------------
    def ask_name(self, title: str, default: str) -> str | None:
        """The name typed in a dialog (tests replace this)."""
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(self, title, tr("Scenario name:"), text=default)
        return text.strip() if ok and text.strip() else None

    def push_rows(self, rows: list[dict], text: str) -> None:
        self.doc.undo.push(AddRows(self.doc, SHEET, rows, text))

    def add_scenario(self) -> str:
        name = wi.free_name(self.names(), tr("New scenario"))
        self.push_rows([wi.first_row(name)], tr("Add the scenario {name}").format(name=name))
        self.select(name)
        return name

    def duplicate_scenario(self) -> str | None:
        source = self.current()
        if source is None:
            return None
        stem = tr("{name} (copy)").format(name=source if source != BASE else tr("base"))
        name = wi.free_name(self.names(), stem)
        rows = wi.duplicate_rows(self.doc.frame(SHEET), source, name)
        self.push_rows(rows, tr("Duplicate the scenario {name}").format(name=source))
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

    def retranslate(self) -> None:
        self.setTitle(tr("Scenarios (ticked ones are planned)"))
        self.add.setText(tr("Add"))
        self.duplicate.setText(tr("Duplicate"))
        self.rename.setText(tr("Rename…"))
        self.delete.setText(tr("Delete"))
