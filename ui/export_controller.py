"""Exports of the checked plan: the plan workbook (Excel) and the printed phase plan (PDF) are
written in a worker process with a busy bar; the print preview paints the story planner.report
makes (in a worker process too). All three show the tables of the plan's report."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from planner.report.plan_report import PlanReport
from planner.report.workbook import write_plan_workbook
from ui import dialogs, i18n
from ui.i18n import tr
from ui.plan_child import export_with_record
from ui.printing import phase_plan_story, preview_dialog, register_fonts, write_plan_pdf
from ui.workers import ProcessCall


class ExportController(QObject):
    finished = Signal(object, bool)  # the file, and whether it was written

    def __init__(self, window, actions, planning, status) -> None:
        super().__init__(window)
        self.window, self.planning, self.status = window, planning, status
        self.worker: ProcessCall | None = None
        actions.export_excel.triggered.connect(lambda: self.export_excel())
        actions.export_pdf.triggered.connect(lambda: self.export_pdf())
        actions.print_preview.triggered.connect(lambda: self.print_preview())

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def _ready(self) -> bool:
        if self.planning.closed:
            return False
        if not self.planning.ready:
            self.window.show_message(tr("There is no checked plan to export yet."))
            return False
        if self.busy:
            self.window.show_message(tr("An export is still being written."))
            return False
        if self.planning.stale and not dialogs.ask_yes_no(
            self.window,
            tr("The plan is out of date"),
            tr(
                "The project was edited after this plan was made, so the plan does not show "
                "the project as it is now. Write the out-of-date plan anyway?"
            ),
        ):
            self.window.show_message(
                tr("Not written: press Plan (F5) to plan the project as it is.")
            )
            return False
        return True

    def _report(self) -> PlanReport | None:
        """The plan's report if it is in the app's language (else the writer makes one)."""
        report = self.planning.report
        return report if report is not None and report.lang == i18n.current() else None

    def _default_name(self, suffix: str) -> str:
        doc = self.window.doc
        base = doc.path or Path.home() / doc.name if doc else Path("plan")
        return str(Path(base).with_name(Path(base).stem + "-plan" + suffix))

    def _write(self, path: Path, message: str, write: Callable, *args, **kwargs) -> bool:
        """`write(*args, **kwargs)` in a child process; say so when done, or why not."""
        self.status.start(tr("Writing {name}…").format(name=path.name), busy=True)

        def done(_result: object) -> None:
            self.window.show_message(message.format(name=path.name))
            self._end(path, True)

        def failed(exc: Exception) -> None:
            self._end(path, False)
            dialogs.error(self.window, tr("Cannot export"), f"{path}\n\n{i18n.error_text(exc)}")

        worker = ProcessCall(write, *args, parent=self, **kwargs)
        worker.done.connect(done)
        worker.failed.connect(failed)
        self.worker = worker
        worker.start()
        return True

    def _end(self, path: Path | None, ok: bool) -> None:
        self.status.finish()
        if self.worker is not None:
            self.worker.wait()  # it has emitted its result: only returning is left
            self.worker.deleteLater()
        self.worker = None
        if path is not None:
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
        p, report, record = self.planning, self._report(), self.window.records.record
        if report is not None:
            report = dataclasses.replace(report, search={})  # the workbook needs no index
        comparison = self.window.pages.comparison()  # scenarios compared, if any
        return self._write(
            path,
            tr("Exported the plan to {name}."),
            export_with_record,  # with what changed since the plan of record
            write_plan_workbook,
            p.project,
            p.plan,
            record,
            comparison,
            path,
            raw=p.raw,
            lang=i18n.current(),
            report=report if record is None else None,  # else made with the changes
            comparison=comparison,
            base=self.window.records.base,
            replanned=self.window.records.pending,
        )

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
        if not self._ready():
            return False
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        p, message = self.planning, tr("Wrote the phase plan to {name}.")
        # the worker makes the story from the plan (seconds for 10,000 parts) and paints it
        return self._write(
            path,
            message,
            export_with_record,
            write_plan_pdf,
            p.project,
            p.plan,
            self.window.records.record,
            self.window.pages.comparison(),
            path,
            i18n.current(),
            base=self.window.records.base,
            replanned=self.window.records.pending,
        )

    def print_preview(self) -> None:
        """Qt's print preview of the phase plan, from which the user prints it: the story is
        made in a worker process, the preview paints it (Qt's preview paints every page at
        once, on the GUI thread)."""
        if not self._ready():
            return
        p = self.planning
        self.status.start(tr("Preparing the print preview…"), busy=True)

        def show(story) -> None:
            self._end(None, True)
            register_fonts()
            self.window.run_dialog(preview_dialog(self.window, story))

        def failed(exc: Exception) -> None:
            self._end(None, False)
            dialogs.error(self.window, tr("Cannot print"), i18n.error_text(exc))

        worker = ProcessCall(
            export_with_record,
            phase_plan_story,
            p.project,
            p.plan,
            self.window.records.record,
            self.window.pages.comparison(),
            i18n.current(),
            base=self.window.records.base,
            replanned=self.window.records.pending,
            parent=self,
        )
        worker.done.connect(show)
        worker.failed.connect(failed)
        self.worker = worker
        worker.start()
