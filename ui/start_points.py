"""Where work starts when there is no project yet: a new project from the template, the sample
factory in the app's language, the user guide, the log folder, About; and the links of the
window's state line that lead to them."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QObject

from planner import version
from planner.io.read import read_project
from planner.io.write import write_template
from ui import dialogs, i18n, support
from ui.document import ProjectDocument
from ui.i18n import tr

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data"


def sample_path(lang: str) -> Path:
    """The sample factory, in the app's language."""
    name = "vr_headset_bac_ninh_vi.xlsx" if lang == "vi" else "vr_headset_bac_ninh.xlsx"
    return SAMPLES / name


class StartPoints(QObject):
    def __init__(self, window, actions) -> None:
        super().__init__(window)
        self.window = window
        actions.new.triggered.connect(lambda: self.new_project())
        actions.sample.triggered.connect(lambda: self.open_sample())
        actions.guide.triggered.connect(lambda: self.show_guide())
        actions.about.triggered.connect(lambda: self.about())
        actions.open_logs.triggered.connect(lambda: support.open_log_folder())

    def follow(self, link: str) -> None:
        """A link of the state line ('open', 'sample' or 'guide')."""
        actions = {
            "open": self.window.files.open_dialog,
            "sample": self.open_sample,
            "guide": self.show_guide,
        }
        actions[link]()

    def new_project(self) -> None:
        """A fresh project from the annotated template: every sheet, nothing filled in."""
        window = self.window
        if not window.saves.maybe_save(then=self.new_project):
            return
        with tempfile.TemporaryDirectory() as folder:
            template = Path(folder) / "template.xlsx"
            write_template(template)
            raw = read_project(template)
        raw.path, raw.notes, raw.unused_sheets = None, [], []
        window.install(ProjectDocument(raw))
        window.show_page("Components")
        window.show_message(tr("New project: fill in the sheets, then Plan (F5)."))

    def open_sample(self) -> None:
        self.window.files.open_path(sample_path(i18n.current()))

    def show_guide(self) -> None:
        from ui.guide import GuideDialog

        self.window.run_dialog(GuideDialog(self.window))

    def about(self) -> None:
        dialogs.info(
            self.window,
            tr("About"),
            tr(
                "Supplier Localization Planner plans a phased switch of parts to local suppliers, "
                "quarter by quarter, within budget, qualification slots, capacity and a glide "
                "path of Chinese content."
            )
            + "\n\n"
            + tr("Version {0}").format(version()),
        )
