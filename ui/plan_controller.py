"""Planning from the window: start once the project is checked, show progress, cancel keeping
the best plan, and show the result with its report (both made in the planning process).

A plan belongs to the document it was started from: opening another project stops it, and a
result that arrives afterwards is dropped, never shown on the new document.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from planner.io.read import RawProject
from planner.plan import Plan, ProgressEvent
from planner.project import TypedProject
from planner.report.plan_report import PlanReport
from planner.scenarios.overrides import SHEET as SCENARIOS
from planner.validate import Validation
from ui import dialogs, i18n
from ui.i18n import tr
from ui.plan_child import report_for_screen
from ui.plan_worker import PlanWorker
from ui.workers import ProcessCall, wait_for

TICK_MS = 250
STOP_WAIT_MS = 10_000  # on closing: how long a cancelled plan may take to hand back its best


class PlanController(QObject):
    finished = Signal(object)  # the Plan, or None when planning failed; emitted last

    def __init__(self, window, actions, status, panel) -> None:
        super().__init__(window)
        self.window, self.actions, self.status, self.panel = window, actions, status, panel
        self.worker: PlanWorker | None = None
        self.plan: Plan | None = None
        self.project: TypedProject | None = None
        self.raw: RawProject | None = None  # the cells as planned (for the plan workbook)
        self.report: PlanReport | None = None
        self.translator: ProcessCall | None = None  # the report again, in another language
        self.adopting: ProcessCall | None = None  # the report of a cheaper plan to show
        self._stopping: list[PlanWorker] = []
        self.closed = False  # the window closed: no more plans
        self._started = 0.0
        self._planned_at: int | None = None  # the undo position the plan shown was made at
        self._starting_at: int | None = None  # ... and the one of the plan running
        self._limit = 60.0
        self.tick = QTimer(self)
        self.tick.setInterval(TICK_MS)
        self.tick.timeout.connect(self._on_tick)
        actions.plan.triggered.connect(lambda: self.start())
        actions.cancel.triggered.connect(lambda: self.cancel())
        actions.show_vnd.toggled.connect(panel.set_vnd)
        status.cancel_clicked.connect(self.cancel)

    @property
    def running(self) -> bool:
        return self.worker is not None

    @property
    def stopping(self) -> int:
        """Plans told to stop (their document was replaced) that have not ended yet."""
        return len(self._stopping)

    # starting and stopping ---------------------------------------------------------------------
    def start(self) -> None:
        """Plan the open project once its check is current (it runs in a worker)."""
        doc = self.window.doc
        if doc is None or self.running or self.closed:
            return
        self.actions.plan.setEnabled(False)
        self.window.validation.when_checked(lambda v, d=doc: self._start_checked(d, v))

    def _start_checked(self, doc, validation: Validation) -> None:
        if doc is not self.window.doc or self.running:
            return
        if not validation.ok or validation.project is None:
            self.window.show_problems()
            self.window.problems_dock.show()
            self.window.show_message(tr("The project has errors: fix them first (see Problems)."))
            return
        project = validation.project
        raw = doc.snapshot()
        self._starting_at = doc.undo.index()
        self._limit = float(project.settings.time_limit_s)
        self._started = time.monotonic()
        worker = PlanWorker(project, self._limit, i18n.current(), self)
        worker.progress.connect(self._on_progress)
        # read the result when the thread has really ended: the window's state is final
        # (progress hidden, actions enabled) before `finished` is emitted
        worker.finished.connect(lambda w=worker, p=project, r=raw: self._on_done(w, p, r))
        self.worker = worker
        self.actions.plan.setEnabled(False)
        self.actions.cancel.setEnabled(True)
        self.status.start(tr("Planning…"))
        self.panel.start_progress(self._limit, project.settings.currency)
        self.tick.start()
        worker.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.status.text.setText(tr("Stopping: keeping the best plan found…"))
            self.actions.cancel.setEnabled(False)

    def stop(self) -> None:
        """The document is being replaced: cancel a running plan and forget its result."""
        worker = self.worker
        if worker is None:
            return
        worker.cancel()
        self._stopping.append(worker)
        self.worker = None
        self._settle()
        self.status.finish()

    def shutdown(self) -> None:
        """The window closes: stop every plan, waiting a little for the solver to return."""
        self.closed = True
        for worker in [self.worker, *self._stopping]:
            if worker is None:
                continue
            worker.cancel()
            if not worker.wait(STOP_WAIT_MS):
                worker.kill()
                worker.wait(STOP_WAIT_MS)
        wait_for(self)

    def _settle(self) -> None:
        self.tick.stop()
        self.actions.cancel.setEnabled(False)
        doc = self.window.doc
        self.actions.plan.setEnabled(doc is not None and doc.can_plan and not self.running)

    # progress and result -----------------------------------------------------------------------
    def _on_tick(self) -> None:
        elapsed = time.monotonic() - self._started
        self.panel.convergence.set_now(elapsed)
        self.status.set_fraction(
            elapsed / max(1.0, self._limit),
            tr("{elapsed} s of {limit} s").format(elapsed=int(elapsed), limit=int(self._limit)),
        )

    def _on_progress(self, event: ProgressEvent) -> None:
        if event.phase == "pricing":  # the plan is made: what its margins cost comes next
            if self.running:
                self.status.text.setText(tr("Pricing the margins kept below the bounds…"))
            return
        if self.running:
            self.panel.add_progress(event)
        parts = []
        if event.objective is not None:
            parts.append(tr("best {cost}").format(cost=i18n.money(event.objective)))
        if event.bound is not None:
            parts.append(tr("bound {bound}").format(bound=i18n.money(event.bound)))
        if event.gap is not None:
            parts.append(tr("gap {gap}").format(gap=i18n.pct(event.gap, 2)))
        if parts and self.running:
            self.status.text.setText(" · ".join(parts))

    def _on_done(self, worker: PlanWorker, project: TypedProject, raw: RawProject) -> None:
        worker.deleteLater()
        if worker is not self.worker:
            if worker in self._stopping:
                self._stopping.remove(worker)
            return  # a plan of a document no longer open: dropped
        self.worker = None
        self._settle()
        plan = worker.plan
        if plan is None:
            self.status.finish()
            head, _, detail = (worker.error or "").partition("\n\n")
            dialogs.error(self.window, tr("Planning failed"), head, detail)
            self.finished.emit(None)
            return
        if plan.has_plan:
            status = tr("optimal") if plan.status.value == "optimal" else tr("feasible")
            self.window.show_message(tr("Plan ready: {status}.").format(status=status))
            self.status.finish(self._planned_in(plan))
        else:
            self.window.show_message(tr("No plan: see the explanation on the Plan page."))
            self.status.finish()
        self._planned_at = self._starting_at
        self.window.show_page(self.window.PLAN)
        # announced once every view shows it
        self.set_plan(project, plan, raw, worker.report, then=lambda: self.finished.emit(plan))

    def set_plan(
        self,
        project: TypedProject | None,
        plan: Plan | None,
        raw: RawProject | None = None,
        report: PlanReport | None = None,
        then=None,
    ) -> None:
        """Show a plan (its report in the app's language), a failure, or nothing; `then()`
        once it is shown."""
        self.project, self.plan, self.raw, self.report = project, plan, raw, report
        self.check_stale()
        self.actions.set_plan_ready(self.ready)
        self._approvable()
        if project is None or plan is None:
            self.panel.clear()
            self.panel.clear_progress()
        elif plan.has_plan and report is not None:
            self.panel.show_plan(plan, report, then)
            if report.lang != i18n.current():
                self.translate()
            return
        else:
            self.panel.show_failure(plan)
        if then is not None:
            then()

    def show_record(
        self, project: TypedProject, plan: Plan, raw: RawProject, report: PlanReport | None
    ) -> None:
        """Show the plan of record (priced, not planned: ui/record_controller.py) as the plan
        of the project as it is now."""
        doc = self.window.doc
        self._planned_at = doc.undo.index() if doc is not None else None
        self.window.show_page(self.window.PLAN)
        self.set_plan(project, plan, raw, report)

    def adopt(self, plan: Plan, replaces: Plan) -> bool:
        """Show `plan` instead of `replaces` (the plan shown, still current): a plan of the
        same project, verified, that costs less (a scenario's plan that meets every limit of
        the base). Its report is made in a worker; the plan page then shows it."""
        if (
            self.closed
            or self.running
            or self.plan is not replaces
            or self.stale
            or not plan.has_plan
            or self.adopting is not None
        ):
            return False
        project, raw = self.project, self.raw

        def done(report: PlanReport) -> None:
            if self.plan is not replaces or self.stale or self.running:
                return  # planned again, or edited, meanwhile: the newer state stands
            self.set_plan(project, plan, raw, report)
            self.show_planned_in()
            self.window.show_message(
                tr(
                    "A plan found by a scenario or a stress test meets every limit of the "
                    "project and costs less: it is the plan shown now (see the Plan page)."
                )
            )

        def ended() -> None:
            worker.deleteLater()
            self.adopting = None

        worker = ProcessCall(report_for_screen, project, plan, i18n.current(), parent=self)
        worker.done.connect(done)
        worker.finished.connect(ended)
        self.adopting = worker
        worker.start()
        return True

    # out of date ---------------------------------------------------------------------------------
    def check_stale(self, *_: object) -> None:
        """The plan is out of date once the project has moved from where it was planned (an
        undo back to that point makes it current again). Edits of the Scenarios sheet change
        no input of the base project: they leave the plan current."""
        doc = self.window.doc
        stale = self.plan is not None and doc is not None and self._edited_since_planned(doc)
        self.window.plan_page.set_stale(stale)
        self._approvable()

    def _approvable(self) -> None:
        """Approve is offered for a current, checked plan (ui/record_controller.py)."""
        records = getattr(self.window, "records", None)
        if records is not None:
            records.enable()

    def _edited_since_planned(self, doc) -> bool:
        """Whether an undo step between the plan's position and now touched a sheet other
        than Scenarios (a step that names no sheet counts as an edit)."""
        index = doc.undo.index()
        if self._planned_at is None:
            return index != self._planned_at
        low, high = sorted((index, self._planned_at))
        return (
            any(
                sheet != SCENARIOS
                for i in range(low, min(high, doc.undo.count()))
                for sheet in _sheets(doc.undo.command(i))
            )
            or high > doc.undo.count()
        )

    @property
    def stale(self) -> bool:
        return self.window.plan_page.stale

    @staticmethod
    def _planned_in(plan: Plan) -> str:
        return tr("Planned in {s} s.").format(s=i18n.number(plan.solve_seconds, 1))

    def show_planned_in(self) -> None:
        """'Planned in 3.2 s.', in the language of the moment."""
        if self.plan is not None and self.plan.has_plan and not self.running:
            self.status.finish(self._planned_in(self.plan))

    @property
    def ready(self) -> bool:
        """A checked plan (and its report) is there to show and export."""
        return self.plan is not None and self.plan.has_plan and self.report is not None

    def translate(self) -> None:
        """The app's language changed: the report again in it, made in a worker."""
        if not self.ready or self.report.lang == i18n.current():  # type: ignore[union-attr]
            return
        if self.translator is not None or self.closed:
            return  # the one running checks the language again when it ends
        project, plan, lang = self.project, self.plan, i18n.current()

        def done(report: PlanReport) -> None:
            if plan is self.plan:
                self.report = report
                self.panel.show_plan(plan, report)

        def ended() -> None:
            worker.deleteLater()
            self.translator = None
            self.translate()  # the language may have changed again meanwhile

        worker = ProcessCall(report_for_screen, project, plan, lang, parent=self)
        worker.done.connect(done)
        worker.finished.connect(ended)
        self.translator = worker
        worker.start()


def _sheets(command) -> list[str | None]:
    """The sheets an undo step (or macro) changes; None for a step that does not say."""
    sheet = getattr(command, "sheet", None)
    if isinstance(sheet, str):
        return [sheet]
    children = [command.child(k) for k in range(command.childCount())]
    if not children:
        return [None]
    return [s for child in children for s in _sheets(child)]
