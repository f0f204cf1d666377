"""Exports of the checked plan: the plan workbook (Excel) and the printed phase plan (PDF) are
written in a worker with a busy bar, the print preview paints the story made in planner.report.
All three show the tables of the plan's one report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from planner.report.plan_report import PlanReport, build_report
from planner.report.workbook import write_plan_workbook
from ui import dialogs, i18n
from ui.i18n import tr
from ui.workers import CallWorker


class ExportController(QObject):
    finished = Signal(object, bool)  # the file, and whether it was written

    def __init__(self, window, actions, planning, status) -> None:
        super().__init__(window)
        self.window, self.planning, self.status = window, planning, status
        self.worker: CallWorker | None = None
        actions.export_excel.triggered.connect(lambda: self.export_excel())
        actions.export_pdf.triggered.connect(lambda: self.export_pdf())
        actions.print_preview.triggered.connect(lambda: self.print_preview())

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def _ready(self) -> bool:
        if not self.planning.ready:
            self.window.show_message(tr("There is no checked plan to export yet."))
            return False
        if self.busy:
            self.window.show_message(tr("An export is still being written."))
            return False
        return True

    def _report(self) -> Callable[[], PlanReport]:
        """The plan's report in the app's language (made again, in the worker, if needed)."""
        p = self.planning
        project, plan, report, lang = p.project, p.plan, p.report, i18n.current()
        if report is not None and report.lang == lang:
            return lambda: report
        return lambda: build_report(project, plan, lang)

    def _default_name(self, suffix: str) -> str:
        doc = self.window.doc
        base = doc.path or Path.home() / doc.name if doc else Path("plan")
        return str(Path(base).with_name(Path(base).stem + "-plan" + suffix))

    def _write(self, path: Path, write: Callable[[], object], message: str) -> bool:
        """Run `write` in a worker; say so when done, or why not."""
        self.status.start(tr("Writing {name}…").format(name=path.name), busy=True)

        def done(_result: object) -> None:
            self.window.show_message(message.format(name=path.name))
            self._end(path, True)

        def failed(exc: Exception) -> None:
            self._end(path, False)
            dialogs.error(self.window, tr("Cannot export"), f"{path}\n\n{exc}")

        worker = CallWorker(write, self)
        worker.done.connect(done)
        worker.failed.connect(failed)
        self.worker = worker
        worker.start()
        return True

    def _end(self, path: Path, ok: bool) -> None:
        self.status.finish()
        if self.worker is not None:
            self.worker.wait()  # it has emitted its result: only returning is left
            self.worker.deleteLater()
        self.worker = None
        self.finished.emit(path, ok)

    # Excel -----------------------------------------------------------------------------------
    def export_excel(self) -> None:
        if not self._ready():
            return
        path = dialogs.save_path(
            self.window,
            tr("Export the plan to Excel"),
            self._default_name(".xlsx"),
            tr("Excel workbooks (*.xlsx)"),
        )
        if path:
            self.write_excel(Path(path))

    def write_excel(self, path: Path) -> bool:
        """Start writing the plan workbook; `finished` says when it is written."""
        if not self._ready():
            return False
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        p, lang, report = self.planning, i18n.current(), self._report()
        project, plan, raw = p.project, p.plan, p.raw

        def write() -> None:
            write_plan_workbook(project, plan, path, raw=raw, lang=lang, report=report())

        return self._write(path, write, tr("Exported the plan to {name}."))

    # PDF and print ---------------------------------------------------------------------------
    def export_pdf(self) -> None:
        if not self._ready():
            return
        path = dialogs.save_path(
            self.window,
            tr("Export the phase plan to PDF"),
            self._default_name(".pdf"),
            tr("PDF documents (*.pdf)"),
        )
        if path:
            self.write_pdf(Path(path))

    def write_pdf(self, path: Path) -> bool:
        """Start painting the phase plan into a PDF; `finished` says when it is written."""
        from ui.printing import register_fonts, write_story_pdf

        if not self._ready():
            return False
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        register_fonts()  # on the GUI thread, once; the worker only paints
        report = self._report()
        return self._write(
            path,
            lambda: write_story_pdf(report().story, path),
            tr("Wrote the phase plan to {name}."),
        )

    def print_preview(self) -> None:
        """Qt's print preview of the phase plan, from which the user prints it."""
        from ui.printing import preview_dialog

        if not self._ready():
            return
        report = self._report()()
        self.window.run_dialog(preview_dialog(self.window, report.story))
