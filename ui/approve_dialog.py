"""Approve the plan shown: who approves, a note. The plan becomes the next version of the plan
of record, kept in the project workbook (planner.record.store)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from ui import i18n
from ui.i18n import tr

LAST_APPROVER = "record/approver"


class ApproveDialog(QDialog):
    def __init__(self, version: int, total: float | None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("approveDialog")
        self.setWindowTitle(tr("Approve this plan"))
        self.setMinimumWidth(460)
        intro = QLabel(
            tr(
                "This plan becomes version {n} of the plan of record: its decisions, figures "
                "and the inputs it was planned from are kept in the project workbook, which "
                "is saved now. Total cost {total}."
            ).format(n=version, total=i18n.money(total) if total is not None else "-")
        )
        intro.setObjectName("approveIntro")
        intro.setWordWrap(True)
        self.by = QLineEdit(str(QSettings().value(LAST_APPROVER, "") or ""))
        self.by.setObjectName("approvedBy")
        self.by.setPlaceholderText(tr("e.g. Nguyễn Văn An, procurement director"))
        self.note = QPlainTextEdit()
        self.note.setObjectName("approvalNote")
        self.note.setPlaceholderText(tr("What was decided, conditions, the meeting…"))
        self.note.setFixedHeight(self.fontMetrics().height() * 5)
        form = QFormLayout()
        form.addRow(tr("Approved by"), self.by)
        form.addRow(tr("Note"), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(tr("Approve"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.by.textChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._enable()

    def _enable(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.Ok)
        ok.setEnabled(bool(self.by.text().strip()))

    def accept(self) -> None:
        QSettings().setValue(LAST_APPROVER, self.by.text().strip())
        super().accept()

    @property
    def approver(self) -> str:
        return self.by.text().strip()

    @property
    def note_text(self) -> str:
        return self.note.toPlainText().strip()
