"""Plan > Re-plan from actuals…: the last period that has happened and the time to give the
search; the rest of the horizon is planned again from the plan of record corrected by the
Actuals sheet (planner.replanning.replan)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from ui.i18n import tr


class ReplanDialog(QDialog):
    def __init__(
        self, periods: list[str], suggested: str, version: int, limit_s: float, parent=None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("replanDialog")
        self.setWindowTitle(tr("Re-plan from actuals"))
        self.setMinimumWidth(480)
        intro = QLabel(
            tr(
                "What happened up to the period chosen (version {n}'s decisions, corrected by "
                "the Actuals sheet) is kept as it happened; the rest of the horizon is planned "
                "again from there. Approve the result to make it the next version."
            ).format(n=version)
        )
        intro.setWordWrap(True)
        self.through = QComboBox()
        self.through.setObjectName("replanThrough")
        self.through.addItems(periods[:-1] or periods)  # the last period leaves nothing to plan
        if suggested in periods[:-1]:
            self.through.setCurrentText(suggested)
        self.limit = QSpinBox()
        self.limit.setObjectName("replanTimeLimit")
        self.limit.setRange(1, 3600)
        self.limit.setSuffix(" s")
        self.limit.setValue(max(1, int(limit_s)))
        form = QFormLayout()
        form.addRow(tr("Happened through"), self.through)
        form.addRow(tr("Time limit"), self.limit)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(tr("Re-plan"))
        buttons.button(QDialogButtonBox.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @property
    def period(self) -> str:
        return self.through.currentText()

    @property
    def seconds(self) -> float:
        return float(self.limit.value())
