"""The plan of record in the window: shown at once when a project that has one opens (priced
in a worker, never planned), approved from the plan shown (Plan > Approve this plan…), and
named above the plan while it is the plan shown."""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, Signal

from planner.record.store import Record, Unreadable
from planner.record.workbook import record_of, with_record
from planner.replanning.restore import Standing
from ui import dialogs, i18n
from ui.approve_dialog import ApproveDialog
from ui.i18n import tr
from ui.plan_child import approved, record_and_report, replan_for_screen
from ui.replan_dialog import ReplanDialog
from ui.workers import ProcessCall

SHOWN_CHANGES = 6  # changed input rows named in the banner; the rest are counted


class RecordController(QObject):
    shown = Signal(object)  # the Standing shown (a plan of record priced), or None
    approved = Signal(object)  # the Record with the version just approved
    replan_finished = Signal(object)  # (through, sunk, project) of the re-plan shown, or None

    def __init__(self, window, actions, planning) -> None:
        super().__init__(window)
        self.window, self.actions, self.planning = window, actions, planning
        self.record: Record | None = None  # the open project's versions
        self.standing: Standing | None = None  # the version shown, when it is the plan shown
        self.call: ProcessCall | None = None
        # the plan shown is a re-plan from actuals: (through, sunk cost, the project as the
        # user has it, whose inputs the approval fingerprints)
        self.replanned: tuple[str, float, object] | None = None
        self._base = (
            None  # the user's project while the plan shown is a re-plan's (approved or not)
        )
        actions.approve.triggered.connect(self.approve)
        actions.replan.triggered.connect(self.replan)
        window.plan_status.cancel_clicked.connect(self._cancel)
        window.validation.checked.connect(self.enable)
        window.project_loaded.connect(self.show_record)
        planning.finished.connect(self._forget_shown)
        self.enable()

    # showing the plan of record ------------------------------------------------------------
    def show_record(self) -> None:
        """The open project's plan of record, priced once its check is current."""
        self.record, self.standing = None, None
        self.replanned = self._base = None
        self.planning.window.plan_page.set_record(None)
        doc = self.window.doc
        if doc is None or not doc.raw.records:
            self.enable()
            return
        try:
            self.record = record_of(doc.raw)
        except Unreadable as exc:
            self.window.show_message(exc.problem.format(i18n.current()))
            self.enable()
            return
        if self.record is None:
            return
        self.window.validation.when_checked(lambda v, d=doc: self._price(d, v))

    def _price(self, doc, validation) -> None:
        if doc is not self.window.doc or not validation.ok or self.record is None:
            return
        project, raw = validation.project, doc.snapshot()
        call = ProcessCall(record_and_report, project, self.record, i18n.current(), parent=self)
        self.window.plan_status.start(tr("Showing the plan of record…"), busy=True)

        def done(result) -> None:
            standing, report = result
            if doc is not self.window.doc or self.planning.running or self.planning.plan:
                return  # another project, or a plan of this one, came first
            self.planning.show_record(project, standing.plan, raw, report)
            self._mark(standing)

        def ended() -> None:
            self.window.plan_status.finish()
            call.deleteLater()
            self.call = None
            self.enable()  # approve and re-plan were held while it priced
            self.shown.emit(self.standing)

        call.done.connect(done)
        call.failed.connect(lambda exc: self.window.show_message(str(exc)))
        call.finished.connect(ended)
        self.call = call
        call.start()

    def _mark(self, standing: Standing | None) -> None:
        self.standing = standing
        page = self.window.plan_page
        if standing is None:
            page.set_record(None)
        else:
            page.set_record(self.banner(standing), not standing.current)
        self.enable()

    def _forget_shown(self, *_: object) -> None:
        """A plan was made: the plan shown is no longer the plan of record."""
        self.replanned = self._base = None
        self._mark(None)

    def banner(self, standing: Standing) -> str:
        v = standing.version
        head = tr("<b>Plan of record: version {n}</b>, approved by {by} on {on}.").format(
            n=v.number, by=html.escape(v.approved_by), on=html.escape(v.approved_on)
        )
        parts = [head]
        if v.note:
            parts.append(tr("Note: {note}").format(note=html.escape(v.note)))
        if standing.changed:
            lines = [c.get(i18n.current()) for c in standing.changes_text()]
            shown = lines[:SHOWN_CHANGES]
            more = len(lines) - len(shown)
            items = "".join(f"<li>{html.escape(line)}</li>" for line in shown)
            if more:
                items += "<li>" + tr("and {n} more").format(n=more) + "</li>"
            parts.append(
                tr(
                    "<b>Out of date against its inputs</b>: the project changed since it was "
                    "approved. Its figures are those of the project as it is now. Plan again "
                    "(F5), or re-plan from what happened."
                )
                + f"<ul>{items}</ul>"
            )
        return "<br>".join(parts)

    def retranslate(self) -> None:
        if self.standing is not None:
            self.window.plan_page.set_record(self.banner(self.standing), not self.standing.current)

    # approving -----------------------------------------------------------------------------
    def enable(self, *_: object) -> None:
        planning = self.planning
        shown_is_record = self.standing is not None and self.standing.latest
        idle = self.call is None and not planning.running
        self.actions.approve.setEnabled(
            bool(planning.ready and not planning.stale and not shown_is_record) and idle
        )
        doc = self.window.doc
        self.actions.replan.setEnabled(
            self.record is not None and idle and doc is not None and doc.can_plan
        )

    def approve(self) -> None:
        planning, doc = self.planning, self.window.doc
        if not planning.ready or planning.stale or doc is None or self.call is not None:
            return
        number = self.record.latest.number + 1 if self.record is not None else 1
        dialog = ApproveDialog(number, planning.plan.total_cost, self.window)
        if not self.window.run_dialog(dialog):
            return
        plan, project = planning.plan, planning.project
        through, sunk = "", 0.0
        if self.replanned is not None:  # the inputs as the user has them, not the re-plan's copy
            through, sunk, project = self.replanned
        call = ProcessCall(
            approved,
            self.record,
            project,
            plan,
            dialog.approver,
            dialog.note_text,
            through,
            sunk,
            parent=self,
        )

        def done(record: Record) -> None:
            if doc is not self.window.doc:
                return
            self.record = record
            self.replanned = None
            with_record(doc.raw, record)
            doc.records_changed()
            self._mark(Standing(record, record.latest, plan, [], True))
            self.approved.emit(record)
            self.window.show_message(
                tr("Approved as version {n}: saving the project…").format(n=record.latest.number)
            )
            self.window.saves.save()

        def ended() -> None:
            call.deleteLater()
            self.call = None
            self.enable()

        call.done.connect(done)
        call.failed.connect(lambda exc: dialogs.error(self.window, tr("Cannot approve"), str(exc)))
        call.finished.connect(ended)
        self.call = call
        self.enable()
        call.start()

    # re-planning from what happened ---------------------------------------------------------
    def replan(self) -> None:
        """Plan > Re-plan from actuals…: the period, then the re-plan in a worker; its plan is
        shown (not yet approved) with what it did with the events."""
        doc, record = self.window.doc, self.record
        if doc is None or record is None or self.call is not None or self.planning.running:
            return
        self.window.validation.when_checked(lambda v, d=doc: self._ask_replan(d, v))

    def _ask_replan(self, doc, validation) -> None:
        if doc is not self.window.doc or self.record is None or self.call is not None:
            return
        if not validation.ok or validation.project is None:
            self.window.show_problems()
            self.window.show_message(tr("The project has errors: fix them first (see Problems)."))
            return
        project = validation.project
        dialog = ReplanDialog(
            project.periods,
            _last_event_period(project),
            self.record.latest.number,
            float(project.settings.time_limit_s),
            self.window,
        )
        if not self.window.run_dialog(dialog):
            return
        through, raw = dialog.period, doc.snapshot()
        call = ProcessCall(
            replan_for_screen,
            project,
            self.record,
            through,
            dialog.seconds,
            i18n.current(),
            parent=self,
        )
        self.window.plan_status.start(
            tr("Re-planning from what happened through {p}…").format(p=through), busy=True
        )

        def done(result) -> None:
            replanned, report = result
            if doc is not self.window.doc:
                return
            self._show_replan(project, raw, through, replanned, report)

        def ended() -> None:
            self.window.plan_status.finish()
            call.deleteLater()
            self.call = None
            self.enable()
            self.replan_finished.emit(self.replanned)

        call.done.connect(done)
        call.failed.connect(lambda exc: dialogs.error(self.window, tr("Cannot re-plan"), str(exc)))
        call.finished.connect(ended)
        self.call = call
        self.enable()
        call.start()

    def _show_replan(self, project, raw, through: str, replanned, report) -> None:
        plan = replanned.plan
        shown = replanned.project if replanned.project is not None else project
        self.planning.show_record(shown, plan, raw, report)
        self.standing = None
        lang = i18n.current()
        if not (plan.has_plan and plan.verified):
            self.replanned = None
            self.window.plan_page.set_record(None)
            return
        self.replanned = (through, replanned.sunk_cost, project)
        self._base = project
        lines = [
            tr(
                "<b>Re-planned from what happened through {p}</b>, from version {n} of the "
                "plan of record: not approved yet (Plan > Approve this plan…)."
            ).format(p=through, n=self.record.latest.number if self.record else "-")
        ]
        if replanned.sunk_cost:
            lines.append(
                tr("Sunk (spent, no longer carried by the plan): {m}.").format(
                    m=i18n.money(replanned.sunk_cost)
                )
            )
        notes = [html.escape(n.get(lang)) for n in replanned.notes]
        if notes:
            lines.append("<ul>" + "".join(f"<li>{n}</li>" for n in notes[:8]) + "</ul>")
        self.window.plan_page.set_record("<br>".join(lines))
        self.enable()

    @property
    def base(self):
        """The project as the user has it, when the plan shown is a re-plan's (its project is
        a copy with what happened applied); None otherwise."""
        return self._base

    @property
    def pending(self) -> tuple[str, float] | None:
        """(through, sunk) of the re-plan shown while it is not approved (sunk adds up across
        re-plans, as the approved version keeps it)."""
        if self.replanned is None or self.record is None:
            return None
        through, sunk, _ = self.replanned
        return through, sunk + self.record.latest.sunk_cost

    def _cancel(self) -> None:
        if self.call is not None:
            self.call.stop()


def _last_event_period(project) -> str:
    """The period of the latest event recorded (the Actuals sheet), else the first period."""
    frame = project.tables.get("Actuals")
    periods = project.periods
    if frame is None or not len(frame):
        return periods[0]
    known = [p for p in frame["period"].astype(str) if p in periods]
    return max(known, key=periods.index) if known else periods[0]
