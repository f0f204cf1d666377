"""A task's progress in the status bar: a bar, a line of text and, if it can be cancelled, a
Cancel button. Planning has one; exports and saving share another (a busy bar)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from ui.i18n import tr


class TaskStatus(QObject):
    cancel_clicked = Signal()

    def __init__(self, bar: QStatusBar, name: str, cancellable: bool = False) -> None:
        super().__init__(bar)
        self.progress = QProgressBar()
        self.progress.setObjectName(f"{name}Progress")
        self.progress.setMaximumWidth(260)
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.text = QLabel()
        self.text.setObjectName(f"{name}ProgressText")
        bar.addPermanentWidget(self.text)
        bar.addPermanentWidget(self.progress)
        self.running = False
        self.cancel_button: QPushButton | None = None
        if cancellable:
            self.cancel_button = QPushButton()
            self.cancel_button.setObjectName("cancelButton")
            self.cancel_button.clicked.connect(self.cancel_clicked)
            self.cancel_button.hide()
            bar.addPermanentWidget(self.cancel_button)
        self.retranslate()

    def height_needed(self) -> int:
        """The status bar's height that holds this task's widgets when they show."""
        widgets = [self.progress, self.text, self.cancel_button]
        return max(w.sizeHint().height() for w in widgets if w is not None) + 6

    def start(self, text: str, busy: bool = False) -> None:
        """Show the task: a bar filling up, or (busy) a bar that only says it is working."""
        self.running = True
        self.progress.setRange(0, 0 if busy else 1000)
        self.progress.setValue(0)
        self.progress.show()
        self.text.setText(text)
        if self.cancel_button is not None:
            self.cancel_button.show()

    def set_fraction(self, fraction: float, text: str) -> None:
        self.progress.setValue(int(1000 * min(1.0, max(0.0, fraction))))
        self.progress.setFormat(text)

    def finish(self, text: str = "") -> None:
        self.running = False
        self.progress.hide()
        self.progress.setRange(0, 1000)
        if self.cancel_button is not None:
            self.cancel_button.hide()
        self.text.setText(text)

    def retranslate(self) -> None:
        if self.cancel_button is not None:
            self.cancel_button.setText(tr("Cancel"))
