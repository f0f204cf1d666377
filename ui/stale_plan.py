"""The plan page with its out-of-date banner: after any edit the plan shown no longer matches the
project, so the page says so and greys the figures until the project is planned again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.plan_views import PlanPanel

# grey text, set by style sheet (an opacity effect paints stale pixels of the page below)
GREYED = "QLabel, QTableView, QHeaderView { color: #A0A0A0; }"


class PlanPage(QWidget):
    """The plan panel under a banner that shows while the plan is out of date."""

    def __init__(self, panel: PlanPanel, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("planPage")
        self.panel = panel
        self.stale = False
        self.banner = QLabel(self)
        self.banner.setObjectName("stalePlanBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel { background: #FDECEA; border: 1px solid #D9534F; padding: 8px; "
            "color: #7A1F1B; }"
        )
        self.banner.hide()
        # the plan of record shown (approved, priced without planning), and whether its
        # inputs changed since it was approved
        self.record = QLabel(self)
        self.record.setObjectName("recordBanner")
        self.record.setWordWrap(True)
        self.record.setTextFormat(Qt.RichText)
        self.record_out_of_date = False
        self.record.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.record)
        layout.addWidget(self.banner)
        layout.addWidget(panel, 1)
        self.retranslate()

    def set_stale(self, stale: bool) -> None:
        self.stale = stale
        self.banner.setVisible(stale)
        self._grey()

    def _grey(self) -> None:
        grey = self.stale or self.record_out_of_date
        for widget in (self.panel.headline, self.panel.tabs):
            widget.setStyleSheet(GREYED if grey else "")

    def set_record(self, html: str | None, out_of_date: bool = False) -> None:
        """Say that the plan shown is the plan of record (None: it is not), in red when its
        inputs changed since it was approved (its figures are then greyed)."""
        self.record_out_of_date = bool(html) and out_of_date
        self.record.setVisible(bool(html))
        self.record.setText(html or "")
        colours = (
            "background: #FDECEA; border: 1px solid #D9534F; color: #7A1F1B;"
            if self.record_out_of_date
            else "background: #E8F1FB; border: 1px solid #2F6EB5; color: #163D66;"
        )
        self.record.setStyleSheet(f"QLabel {{ {colours} padding: 8px; }}")
        self._grey()

    def retranslate(self) -> None:
        self.banner.setText(
            tr(
                "This plan is out of date: the project was edited after it was planned. "
                "Press Plan (F5) to plan again; exports ask before writing this plan."
            )
        )
