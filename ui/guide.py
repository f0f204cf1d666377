"""Help > User guide: the short bilingual guide from docs/, with its screenshots."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from ui import i18n
from ui.i18n import tr

DOCS = Path(__file__).resolve().parents[1] / "docs"


def guide_path(lang: str) -> Path:
    return DOCS / ("guide.vi.md" if lang == "vi" else "guide.md")


class GuideDialog(QDialog):
    """The guide in the app's language, in a browser that finds the screenshots beside it."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(tr("User guide"))
        self.resize(900, 700)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenExternalLinks(True)
        path = guide_path(i18n.current())
        self.browser.setSearchPaths([str(DOCS)])
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(DOCS) + "/"))
        try:
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        except OSError:
            self.browser.setPlainText(tr("The user guide is missing: {path}").format(path=path))
        buttons = QDialogButtonBox(self)
        buttons.addButton(tr("Close"), QDialogButtonBox.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
