"""Re-plan from where the project really stands: the plan of record's decisions up to a
period, corrected by the Actuals sheet's events, are kept as facts, and the rest is planned.

`replan(project, record, through)` builds those facts as `planner.optimise.commitments.
Commitments` (the stress test's "what has already happened": fixed in the model, checked as
facts by the independent checker, planner.verify.kept) and a copy of the project the facts
hold in, and plans through `planner.optimise.plan_project`, warm-started from the record.

The semantics (docs/record.md, "Actuals and re-planning"):
- The record's decisions up to `through` (its starts, onboardings and awards) happened as
  planned, except where an event says otherwise. They are facts, not checked again against
  the limits of those periods (their budget was spent, their slots used).
- `qualification_started` at P: the pair's qualification started in P (moved, or unplanned);
  it delivers its lead time later unless a later event says otherwise. `onboarded` at P:
  likewise for the supplier. A new supplier whose first start has no onboarding by then was
  onboarded with it (a supplier qualifies parts only once onboarded).
- `qualification_done` at P: the offer delivers from P (the copy's lead time is P less the
  start: later than planned is late, earlier is early).
- `supplier_late` N at P: the supplier's qualifications running in P (started, not yet
  delivering), or only the named part's, deliver N periods later (the copy's lead time).
- `qualification_failed` at P: the start happened and its one-time cost is sunk (`sunk_cost`,
  with a line); the offer never delivers and is removed from the copy, so the part needs a
  new path (another offer or its incumbent).
- `award` at P: the shares bought of the part in P (the events of one part and period
  together replace the record's); below 100%, the rest was the incumbent's.
- A record's award in a kept period that the corrected facts cannot hold (the supplier was
  not delivering then) was the incumbent's, with a line: no kept period is left free.
- Events after `through` are ignored (with a line), but for a start or an onboarding that
  the record placed by `through`: an event after `through` says it had not happened then.
- A failed or done qualification with no start by then, or an award to an offer not yet
  delivering by the facts, contradicts the record: a problem at the event's row, no plan.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from planner import optimise
from planner.optimise.commitments import Commitments
from planner.plan import Plan, ProgressEvent, Status
from planner.problems import ERROR, Problem, has_errors
from planner.project import TypedProject
from planner.record.actuals import SHEET, actuals_of, event_vi
from planner.report import fmt
from planner.text import Text, t

FACT_COLUMNS = [
    "period",
    "kind",
    "component_id",
    "supplier_id",
    "value",
    "source",
    "note_en",
    "note_vi",
]
RECORD, ACTUALS = "plan of record", "actuals"
# within one period: who joined, what started, what finished or failed, what slipped, what
# was bought (a late supplier's slip applies to what is running once the period's starts are in)
ORDER = {
    "onboarded": 0,
    "qualification_started": 1,
    "qualification_done": 2,
    "qualification_failed": 2,
    "supplier_late": 3,
    "award": 4,
}
Pair = tuple[str, str]  # (part, supplier)


@dataclass
class Replan:
    """A re-plan from actuals. `plan` is verified against `project` (the project with the
    facts applied: failed offers removed, lead times as they turned out) with the kept facts
    checked as facts; `facts` one row per fact kept (FACT_COLUMNS); `sunk_cost` what was
    spent on facts the plan cannot carry (a failed qualification's start, a start that can no
    longer deliver within the horizon, an onboarding of a supplier left with no offer);
    `notes` what the re-plan did with the events, one sentence each in both languages;
    `problems` events that contradict the record (errors: then no plan)."""

    plan: Plan
    through: str
    facts: pd.DataFrame
    sunk_cost: float
    notes: list[Text] = field(default_factory=list)
    project: TypedProject | None = None
    problems: list[Problem] = field(default_factory=list)


def replan(
    project: TypedProject,
    record: Plan,
    through: str,
    *,
    time_limit_s: float | None = None,
    on_progress: Callable[[ProgressEvent], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    settled: str = "",
) -> Replan:
    """Re-plan `project` through period `through` from the plan of record `record` (a
    verified plan of this project's periods) corrected by the project's Actuals events;
    `settled`: the period the record was itself re-planned through, if it was. Raises
    ValueError when `through` is not a period of the project (a usage error)."""
    facts, fixed, commitments = what_happened(project, record, through, settled)
    if fixed is None or commitments is None:
        return _refused(facts, through)
    plan = optimise.plan_project(
        fixed,
        time_limit_s=time_limit_s,
        on_progress=on_progress,
        should_stop=should_stop,
        commitments=commitments,
        starts=[record],
    )
    if plan.summary is not None:
        plan.summary = dataclasses.replace(plan.summary, kept_until=through)
    sunk = facts.sunk(plan)
    return Replan(
        plan=plan,
        through=through,
        facts=facts.table(),
        sunk_cost=sunk,
        notes=facts.notes,
        project=fixed,
        problems=facts.problems,
    )


def what_happened(
    project: TypedProject, record: Plan, through: str, settled: str = ""
) -> tuple[Facts, TypedProject | None, Commitments | None]:
    """The facts through `through` (the record's decisions corrected by the Actuals), the
    project copy they hold in and the commitments that keep them; (facts, None, None) when an
    event contradicts the record (facts.problems say where). A re-planned version of the plan
    of record is priced again in the same copy (planner.replanning.restore)."""
    if through not in project.periods:
        raise ValueError(f"no period named {through!r}")
    facts = Facts(project, record, through, settled)
    facts.apply(actuals_of(project.tables))
    facts.settle_awards()
    facts.settle_onboarding()
    if has_errors(facts.problems):
        return facts, None, None
    commitments = Commitments(
        until=facts.K,
        starts={k: facts.periods[p] for k, p in facts.starts.items()},
        onboards={s: facts.periods[p] for s, p in facts.onboards.items()},
        awards=facts.award_facts(),
        plan=record,
    )
    return facts, facts.project(), commitments


def _refused(facts: Facts, through: str) -> Replan:
    """No re-plan: the events contradict the record; the plan says why, row by row."""
    plan = Plan(
        status=Status.ERROR,
        explanation=[
            Text(f"{p.where('en')}: {p.message.en}", f"{p.where('vi')}: {p.message.vi}")
            for p in facts.problems
            if p.is_error
        ],
    )
    return Replan(plan, through, facts.table(), 0.0, facts.notes, None, facts.problems)


class Facts:
    """What happened up to `through`: the record's decisions, corrected event by event."""

    def __init__(
        self, project: TypedProject, record: Plan, through: str, settled: str = ""
    ) -> None:
        self.base = project
        # the record was itself re-planned through this period: what failed by then is
        # already out of it (its cost sunk in that version), not a start it lacks
        self.settled = project.periods.index(settled) if settled in project.periods else -1
        self.periods = project.periods
        self.index = {p: i for i, p in enumerate(self.periods)}
        self.K, self.T = self.index[through], len(self.periods)
        comps, offers = project.tables["Components"], project.tables["Offers"]
        sups = project.tables["Suppliers"]
        self.incumbent = {
            c: s for c, s in zip(comps["component_id"], comps["current_supplier"], strict=True)
        }
        pairs = list(zip(offers["component_id"], offers["supplier_id"], strict=True))
        self.lead = dict(zip(pairs, offers["lead_periods"].astype(int), strict=True))
        self.switching = dict(zip(pairs, offers["switching_cost"].astype(float), strict=True))
        self.onboarding = dict(
            zip(sups["supplier_id"], sups["onboarding_cost"].astype(float), strict=True)
        )
        self.new = set(sups["supplier_id"]) - set(self.incumbent.values())
        self.starts: dict[Pair, int] = {}
        self.ready: dict[Pair, int | None] = {}  # the first period it delivers; None: never
        self.failed: dict[Pair, int] = {}
        self.onboards: dict[str, int] = {}
        self.awards: dict[tuple[str, int], dict[str, float]] = {}  # the record's
        self.recorded: dict[tuple[str, int], dict[str, float]] = {}  # the award events'
        self.award_rows: dict[tuple[str, int], list[int]] = {}
        self.final: dict[tuple[str, int], dict[str, float]] = {}  # the awards kept
        self.source: dict[tuple, str] = {}  # a fact's key -> RECORD or ACTUALS
        self.why: dict[tuple, Text] = {}  # a fact's key -> what changed it
        self.slips: list[tuple[int, Pair, int]] = []  # (period, pair, periods late)
        self.changed_ready: set[Pair] = set()  # delivering set by an event, not the lead time
        self.notes: list[Text] = []
        self.problems: list[Problem] = []
        self._from_record(record)

    # the record --------------------------------------------------------------------------
    def _from_record(self, record: Plan) -> None:
        """The record's starts, onboardings and awards in the kept periods."""
        acts = record.actions
        for c, s, p in acts.loc[
            acts["kind"] == "start_qualification", ["component_id", "supplier_id", "period"]
        ].itertuples(index=False):
            t0 = self.index.get(p)
            if t0 is None or t0 > self.K:
                continue
            if (c, s) not in self.lead:
                self.notes.append(_no_offer_now(c, s, p))
                continue
            self.starts[(c, s)] = t0
            self.ready[(c, s)] = t0 + self.lead[(c, s)]
            self.source[("start", c, s)] = RECORD
        for s, p in acts.loc[acts["kind"] == "onboard", ["supplier_id", "period"]].itertuples(
            index=False
        ):
            if self.index.get(p, self.T) <= self.K:
                self.onboards[s] = self.index[p]
                self.source[("onboard", s)] = RECORD
        alloc = record.allocation
        for c, s, p, v in alloc[["component_id", "supplier_id", "period", "share"]].itertuples(
            index=False
        ):
            t0 = self.index.get(p, self.T)
            if t0 <= self.K and float(v) > 0:
                self.awards.setdefault((c, t0), {})[s] = float(v)

    # the events --------------------------------------------------------------------------
    def apply(self, events: pd.DataFrame) -> None:
        """Each event in time order (within a period: ORDER); those after `through` only
        undo a start or an onboarding the record placed by then."""
        order = sorted(
            events.itertuples(),
            key=lambda r: (self.index.get(r.period, self.T), ORDER.get(r.event, 9), r.Index),
        )
        later: list[int] = []
        for r in order:
            t0 = self.index.get(r.period)
            if t0 is None or r.event not in ORDER:
                continue  # the check reported it
            if t0 > self.K:
                later.append(int(r.Index))
                self._not_yet(r)
                continue
            getattr(self, "_" + r.event)(int(r.Index), r, t0)
        if later:
            self.notes.append(_ignored(sorted(later), self.periods[self.K]))

    def _not_yet(self, r) -> None:
        """An event after `through` says a start or an onboarding of the record by then had
        not happened by then."""
        pair = (r.component_id, r.supplier_id)
        if r.event == "qualification_started" and self.source.get(("start", *pair)) == RECORD:
            del self.starts[pair], self.ready[pair], self.source[("start", *pair)]
            self.notes.append(_started_later(pair, r.period, self.periods[self.K]))
        elif r.event == "onboarded" and self.source.get(("onboard", r.supplier_id)) == RECORD:
            del self.onboards[r.supplier_id], self.source[("onboard", r.supplier_id)]
            self.notes.append(_onboarded_later(r.supplier_id, r.period, self.periods[self.K]))

    def _onboarded(self, row: int, r, t0: int) -> None:
        s = r.supplier_id
        if s not in self.new:
            self.notes.append(_not_new(s, row))
            return
        before = self.onboards.get(s)
        self.onboards[s] = t0
        self.source[("onboard", s)] = ACTUALS
        if before is not None and before != t0:
            self.why[("onboard", s)] = _moved(self.periods[before], r.period)

    def _qualification_started(self, row: int, r, t0: int) -> None:
        pair = (r.component_id, r.supplier_id)
        if pair in self.failed:
            self.notes.append(_restart_ignored(pair, row))
            return
        before = self.starts.get(pair)
        self.starts[pair] = t0
        self.ready[pair] = t0 + self.lead[pair]
        self.source[("start", *pair)] = ACTUALS
        if before is None:
            self.why[("start", *pair)] = _unplanned()
        elif before != t0:
            self.why[("start", *pair)] = _moved(self.periods[before], r.period)

    def _started_by(self, row: int, r, t0: int) -> Pair | None:
        """The pair of a done or failed event when its qualification started by then; else a
        problem at the row, and None."""
        pair = (r.component_id, r.supplier_id)
        start = self.starts.get(pair)
        if start is not None and start <= t0 and pair not in self.failed:
            return pair
        self.problems.append(
            Problem(ERROR, SHEET, row, "event", _not_started(pair, r.event, r.period), "replan")
        )
        return None

    def _qualification_done(self, row: int, r, t0: int) -> None:
        pair = self._started_by(row, r, t0)
        if pair is None:
            return
        planned = self.ready[pair]
        self.ready[pair] = t0
        self.changed_ready.add(pair)
        if planned is not None and planned != t0:
            self.why[("ready", *pair)] = _done_off_plan(t0 - planned)

    def _qualification_failed(self, row: int, r, t0: int) -> None:
        settled = (r.component_id, r.supplier_id)
        if t0 <= self.settled and settled not in self.starts:
            self.failed[settled] = t0  # the offer stays out; its cost was sunk before
            self.ready[settled] = None
            return
        pair = self._started_by(row, r, t0)
        if pair is None:
            return
        self.failed[pair] = t0
        self.ready[pair] = None
        self.changed_ready.add(pair)

    def _supplier_late(self, row: int, r, t0: int) -> None:
        """The supplier's qualifications running in t0 (or the named part's) deliver
        `value` periods later."""
        n = int(r.value)
        running = [
            pair
            for pair, start in self.starts.items()
            if pair[1] == r.supplier_id
            and (not r.component_id or pair[0] == r.component_id)
            and start <= t0
            and _after(self.ready[pair], t0)
        ]
        if not running:
            self.notes.append(_nothing_running(r.supplier_id, r.component_id, r.period, row))
        for pair in running:
            self.ready[pair] = int(self.ready[pair] or 0) + n  # running: not None
            self.changed_ready.add(pair)
            self.slips.append((t0, pair, n))

    def _award(self, row: int, r, t0: int) -> None:
        key = (r.component_id, t0)
        shares = self.recorded.setdefault(key, {})
        shares[r.supplier_id] = shares.get(r.supplier_id, 0.0) + float(r.value)
        self.award_rows.setdefault(key, []).append(row)

    # the awards and onboardings the facts hold ---------------------------------------------
    def delivers(self, part: str, sup: str, t0: int) -> bool:
        """By the facts, `sup` could deliver `part` in t0: its incumbent, or an offer whose
        qualification was complete by then."""
        if self.incumbent.get(part) == sup:
            return True
        ready = self.ready.get((part, sup))
        return ready is not None and ready <= t0

    def settle_awards(self) -> None:
        """The awards kept in each part and period: the events' where there are, else the
        record's; a share the facts cannot hold was the incumbent's, as is the rest of an
        award below 100%."""
        for key in sorted(set(self.awards) | set(self.recorded), key=lambda k: (k[1], k[0])):
            if key in self.recorded:
                shares = self._recorded_shares(key)
            else:
                shares = self._record_shares(key)
            rest = 1.0 - sum(shares.values())
            if rest > 1e-9:
                self._to_incumbent(key, shares, rest, _rest_to_incumbent)
            self.final[key] = shares

    def _recorded_shares(self, key: tuple[str, int]) -> dict[str, float]:
        """The award events of one part and period; an offer not delivering by the facts
        then delivered early when only its lead time said otherwise, else a problem."""
        part, t0 = key
        shares = dict(self.recorded[key])
        for sup in shares:
            self.source[("award", part, sup, t0)] = ACTUALS
            if self.delivers(part, sup, t0):
                continue
            pair = (part, sup)
            if pair in self.starts and self.starts[pair] <= t0 and pair not in self.changed_ready:
                self.ready[pair] = t0
                self.changed_ready.add(pair)
                self.why[("ready", *pair)] = _delivered_early()
                continue
            row = self.award_rows[key][-1]
            message = _award_not_ready(part, sup, self.periods[t0])
            self.problems.append(Problem(ERROR, SHEET, row, "supplier_id", message, "replan"))
        return shares

    def _record_shares(self, key: tuple[str, int]) -> dict[str, float]:
        """The record's awards of one part and period; a share of an offer that was not
        delivering then, by the facts, goes to the incumbent."""
        part, t0 = key
        shares = {}
        moved = 0.0
        for sup, share in self.awards[key].items():
            if self.delivers(part, sup, t0):
                shares[sup] = share
                self.source[("award", part, sup, t0)] = RECORD
            else:
                moved += share
        if moved > 0:
            self._to_incumbent(key, shares, moved, _not_delivering)
        return shares

    def _to_incumbent(self, key: tuple[str, int], shares: dict[str, float], share: float, why):
        """`share` of the part in the period was its incumbent's; without an incumbent the
        part and period are left to the plan (nothing else could have delivered it), said."""
        part, t0 = key
        inc = self.incumbent.get(part, "")
        if not inc:
            self.notes.append(_no_incumbent(part, self.periods[t0]))
            return
        shares[inc] = shares.get(inc, 0.0) + share
        self.source[("award", part, inc, t0)] = ACTUALS
        self.why[("award", part, inc, t0)] = why(share)

    def settle_onboarding(self) -> None:
        """A new supplier was onboarded by its first start (the model and the checker hold
        that order): an onboarding missing or later is placed with that start, said."""
        first: dict[str, int] = {}
        for (_, sup), start in self.starts.items():
            if sup in self.new:
                first[sup] = min(first.get(sup, start), start)
        for sup, start in first.items():
            if self.onboards.get(sup, self.T) > start:
                self.onboards[sup] = start
                self.source[("onboard", sup)] = ACTUALS
                self.why[("onboard", sup)] = _onboarded_with_start()

    def award_facts(self) -> dict[tuple[str, str, str], float]:
        """The kept awards as Commitments holds them: (part, supplier, period) -> share."""
        return {
            (part, sup, self.periods[t0]): share
            for (part, t0), shares in self.final.items()
            for sup, share in shares.items()
            if share > 0
        }

    # the project the facts hold in -----------------------------------------------------------
    def project(self) -> TypedProject:
        """A copy of the project with the failed offers removed, each kept start's lead time
        as it turned out (its start to the first period it delivers), and each offer's
        earliest start no later than a kept start or its supplier's kept onboarding (so the
        model has the columns the facts fix)."""
        offers = self.base.tables["Offers"].copy()
        pairs = list(zip(offers["component_id"], offers["supplier_id"], strict=True))
        offers = offers[[pair not in self.failed for pair in pairs]].copy()
        lead, earliest = offers["lead_periods"].tolist(), offers["earliest_period"].tolist()
        for i, pair in enumerate(zip(offers["component_id"], offers["supplier_id"], strict=True)):
            start = self.starts.get(pair)
            ready = self.ready.get(pair)
            if start is not None and ready is not None:
                lead[i] = ready - start
            floor = min(start if start is not None else self.T, self.onboards.get(pair[1], self.T))
            if floor < self.index.get(earliest[i], 0):
                earliest[i] = self.periods[floor]
        offers["lead_periods"], offers["earliest_period"] = lead, earliest
        offers["lead_periods"] = offers["lead_periods"].astype(int)
        tables = {**self.base.tables, "Offers": offers}
        return TypedProject(tables=tables, settings=self.base.settings, unread=self.base.unread)

    # what was spent and cannot be carried ----------------------------------------------------
    def sunk(self, plan: Plan) -> float:
        """The one-time cost of the kept facts the plan does not hold (a failed start, a
        start that cannot deliver within the horizon any more, an onboarding of a supplier
        left with nothing to qualify), each with a line. Without a plan: the failed starts
        and those past the horizon."""
        acts = plan.actions
        held_starts = set(
            acts.loc[
                acts["kind"] == "start_qualification", ["component_id", "supplier_id", "period"]
            ].itertuples(index=False, name=None)
        )
        held_boards = set(
            acts.loc[acts["kind"] == "onboard", ["supplier_id", "period"]].itertuples(
                index=False, name=None
            )
        )
        total = 0.0
        for pair, start in sorted(self.starts.items(), key=lambda kv: (kv[1], kv[0])):
            ready = self.ready.get(pair)
            if plan.has_plan:
                lost = (*pair, self.periods[start]) not in held_starts
            else:
                lost = ready is None or ready >= self.T
            if lost:
                total += self.switching[pair]
                self.notes.append(
                    _sunk_start(
                        pair,
                        self.periods[start],
                        self.switching[pair],
                        pair in self.failed,
                        self.base.settings.currency,
                    )
                )
        if plan.has_plan:
            for sup, t0 in sorted(self.onboards.items()):
                cost = self.onboarding.get(sup, 0.0)
                if (sup, self.periods[t0]) not in held_boards and cost > 0:
                    total += cost
                    self.notes.append(
                        _sunk_onboarding(sup, self.periods[t0], cost, self.base.settings.currency)
                    )
        return total

    # the facts as a table ------------------------------------------------------------------
    def table(self) -> pd.DataFrame:
        """One row per fact kept (FACT_COLUMNS), in time order."""
        rows = []

        def add(t0: int | None, kind: str, part: str, sup: str, value: float, key: tuple):
            note = self.why.get(key)
            period = self.periods[t0] if t0 is not None and t0 < self.T else ""
            src = self.source.get(key, ACTUALS)
            rows.append(
                (
                    t0 if t0 is not None else self.T,
                    period,
                    kind,
                    part,
                    sup,
                    value,
                    src,
                    note.en if note else "",
                    note.vi if note else "",
                )
            )

        for sup, t0 in self.onboards.items():
            add(t0, "onboarded", "", sup, math.nan, ("onboard", sup))
        for (part, sup), t0 in self.starts.items():
            add(t0, "qualification_started", part, sup, math.nan, ("start", part, sup))
        for pair in self.changed_ready:
            ready, start = self.ready[pair], self.starts[pair]
            if pair in self.failed:
                add(self.failed[pair], "qualification_failed", *pair, math.nan, ("failed",))
            elif ready is not None:
                add(ready, "qualification_done", *pair, float(ready - start), ("ready", *pair))
        for t0, pair, n in self.slips:
            add(t0, "supplier_late", *pair, float(n), ("slip",))
        for (part, t0), shares in self.final.items():
            for sup, share in shares.items():
                add(t0, "award", part, sup, share, ("award", part, sup, t0))
        rows.sort(key=lambda r: (r[0], ORDER[r[2]], r[3], r[4]))
        return pd.DataFrame([r[1:] for r in rows], columns=FACT_COLUMNS)


def _after(ready: int | None, t0: int) -> bool:
    """A qualification delivering from `ready` is still running in t0 (None: never)."""
    return ready is not None and ready > t0


# The sentences ------------------------------------------------------------------------------


def _money(value: float, currency: str) -> dict[str, str]:
    """The amount for a sentence: {m} in English ($48,000), {m_vi} in Vietnamese."""
    return {"m": fmt.money(value, "en", currency), "m_vi": fmt.money(value, "vi", currency)}


def _no_offer_now(part: str, sup: str, period: str) -> Text:
    return t(
        "The plan of record started {c} with {s} in {p}, but the project has no such offer "
        "now: that start is left out.",
        "Kế hoạch chính thức bắt đầu phê duyệt {c} với {s} trong kỳ {p}, nhưng dự án không còn "
        "báo giá này: bỏ qua lần bắt đầu đó.",
        c=part,
        s=sup,
        p=period,
    )


def _ignored(rows: list[int], through: str) -> Text:
    listed = ", ".join(str(r) for r in rows)
    return t(
        "{n} event(s) after {p} are not facts yet and are ignored (Actuals rows {r}).",
        "{n} sự kiện sau kỳ {p} chưa là thực tế nên được bỏ qua (sheet Thực tế, dòng {r}).",
        n=len(rows),
        p=through,
        r=listed,
    )


def _started_later(pair: Pair, period: str, through: str) -> Text:
    return t(
        "{c} with {s} started qualifying in {p}, after {u}: the plan of record's earlier "
        "start had not happened by {u}, so it is not kept.",
        "{c} với {s} bắt đầu phê duyệt trong kỳ {p}, sau kỳ {u}: lần bắt đầu sớm hơn của kế "
        "hoạch chính thức chưa xảy ra đến kỳ {u} nên không được giữ.",
        c=pair[0],
        s=pair[1],
        p=period,
        u=through,
    )


def _onboarded_later(sup: str, period: str, through: str) -> Text:
    return t(
        "{s} was onboarded in {p}, after {u}: the plan of record's earlier onboarding is not kept.",
        "{s} được đánh giá trong kỳ {p}, sau kỳ {u}: việc đánh giá sớm hơn của kế hoạch chính "
        "thức không được giữ.",
        s=sup,
        p=period,
        u=through,
    )


def _not_new(sup: str, row: int) -> Text:
    return t(
        "{s} already supplies a part today and needs no onboarding: Actuals row {r} is ignored.",
        "{s} đang cung cấp linh kiện nên không cần đánh giá: bỏ qua dòng {r} của sheet Thực tế.",
        s=sup,
        r=row,
    )


def _moved(before: str, now: str) -> Text:
    return t(
        "in {n}, not {b} as the plan of record had it",
        "trong kỳ {n}, không phải kỳ {b} như kế hoạch chính thức",
        n=now,
        b=before,
    )


def _unplanned() -> Text:
    return t("not in the plan of record", "không có trong kế hoạch chính thức")


def _restart_ignored(pair: Pair, row: int) -> Text:
    return t(
        "{c} with {s} failed its qualification; starting it again is not planned: Actuals row "
        "{r} is ignored.",
        "{c} với {s} đã phê duyệt không đạt; việc bắt đầu lại không được lập kế hoạch: bỏ qua "
        "dòng {r} của sheet Thực tế.",
        c=pair[0],
        s=pair[1],
        r=row,
    )


def _not_started(pair: Pair, event: str, period: str) -> Text:
    return t(
        "{c} with {s} is recorded as {e} in {p}, but neither the plan of record nor the "
        "Actuals sheet started its qualification by then: record when it started "
        "(qualification_started).",
        "{c} với {s} được ghi là {v} trong kỳ {p}, nhưng cả kế hoạch chính thức lẫn sheet Thực "
        "tế đều không có lần bắt đầu phê duyệt trước đó: hãy ghi kỳ bắt đầu "
        "(qualification_started).",
        c=pair[0],
        s=pair[1],
        e=event,
        v=event_vi(event),
        p=period,
    )


def _done_off_plan(periods_late: int) -> Text:
    if periods_late > 0:
        return t(
            "{n} period(s) later than planned",
            "muộn {n} kỳ so với kế hoạch",
            n=periods_late,
        )
    return t(
        "{n} period(s) earlier than planned",
        "sớm {n} kỳ so với kế hoạch",
        n=-periods_late,
    )


def _nothing_running(sup: str, part: str, period: str, row: int) -> Text:
    what = f"{part} with {sup}" if part else sup
    what_vi = f"{part} với {sup}" if part else sup
    return Text(
        f"Actuals row {row}: {what} had no qualification running in {period}: nothing is delayed.",
        f"Dòng {row} của sheet Thực tế: {what_vi} không có phê duyệt nào đang chạy trong kỳ "
        f"{period}: không có gì bị trễ.",
    )


def _delivered_early() -> Text:
    return t(
        "delivered as awarded, before its lead time had run",
        "đã giao hàng theo trao thầu, trước khi hết thời gian phê duyệt",
    )


def _award_not_ready(part: str, sup: str, period: str) -> Text:
    return t(
        "{s} is awarded {c} in {p}, but by the plan of record and the events its "
        "qualification was not complete then (or failed): record when it started and finished.",
        "{s} được trao thầu {c} trong kỳ {p}, nhưng theo kế hoạch chính thức và các sự kiện, "
        "việc phê duyệt khi đó chưa xong (hoặc không đạt): hãy ghi kỳ bắt đầu và kỳ xong.",
        s=sup,
        c=part,
        p=period,
    )


def _rest_to_incumbent(share: float) -> Text:
    return t(
        "the rest of the part ({s:.1%}) stayed with its incumbent",
        "phần còn lại ({s:.1%}) vẫn do NCC hiện tại cung cấp",
        s=share,
    )


def _not_delivering(share: float) -> Text:
    return t(
        "{s:.1%} the plan of record gave a supplier that was not delivering then stayed with "
        "the incumbent",
        "{s:.1%} kế hoạch chính thức trao cho NCC chưa giao hàng khi đó vẫn do NCC hiện tại "
        "cung cấp",
        s=share,
    )


def _no_incumbent(part: str, period: str) -> Text:
    return t(
        "{c} has no incumbent, and no supplier was delivering all of it in {p} by the facts: "
        "the re-plan decides its awards in {p}.",
        "{c} không có NCC hiện tại, và theo thực tế không NCC nào giao đủ trong kỳ {p}: kế "
        "hoạch mới quyết định phân bổ của kỳ {p}.",
        c=part,
        p=period,
    )


def _onboarded_with_start() -> Text:
    return t(
        "onboarded with its first qualification (none recorded before it)",
        "được đánh giá cùng lần phê duyệt đầu tiên (trước đó không ghi nhận)",
    )


def _sunk_start(pair: Pair, period: str, cost: float, failed: bool, currency: str) -> Text:
    if failed:
        return t(
            "The qualification of {c} with {s} started in {p} failed: its {m} is sunk, and the "
            "part takes another path.",
            "Phê duyệt {c} với {s} bắt đầu trong kỳ {p} không đạt: {m_vi} đã chi là chi phí chìm, "
            "linh kiện đi hướng khác.",
            c=pair[0],
            s=pair[1],
            p=period,
            **_money(cost, currency),
        )
    return t(
        "The qualification of {c} with {s} started in {p} can no longer deliver within the "
        "plan: its {m} is sunk.",
        "Phê duyệt {c} với {s} bắt đầu trong kỳ {p} không còn kịp giao hàng trong kế hoạch: "
        "{m_vi} đã chi là chi phí chìm.",
        c=pair[0],
        s=pair[1],
        p=period,
        **_money(cost, currency),
    )


def _sunk_onboarding(sup: str, period: str, cost: float, currency: str) -> Text:
    return t(
        "{s}, onboarded in {p}, has nothing left to qualify in the plan: its onboarding ({m}) "
        "is sunk.",
        "{s}, được đánh giá trong kỳ {p}, không còn gì để phê duyệt trong kế hoạch: chi phí "
        "đánh giá ({m_vi}) là chi phí chìm.",
        s=sup,
        p=period,
        **_money(cost, currency),
    )
