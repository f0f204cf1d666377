"""Why no plan exists names every limit that must give, the team's own rules included, and a
plan that exists is found even when the first heuristic misses it (the fall-back of
planner.optimise.solve: the least violation of the limits, from doing nothing).

The tiny project (tests/planner/test_optimise_families): one part P1, the incumbent CN1 at
$50 (all Chinese), one local quote VN1 at $55; product X at $100 FOB. A cap c on X's Chinese
share needs VN1 to hold at least 1 - 2c of P1."""

from __future__ import annotations

import pytest

from planner.optimise import plan_project, solve
from planner.optimise.decisions import do_nothing
from planner.plan import Status
from tests.planner.test_optimise_families import solved, tiny

CAP_30 = {"china_cap": [0.3, 0.3]}  # VN1 must hold at least 40%


def explained(project) -> str:
    plan = plan_project(project, time_limit_s=20)
    assert plan.status == Status.INFEASIBLE, plan.status
    assert all(x.vi and x.vi != x.en for x in plan.explanation)  # said in both languages
    return " ".join(x.en for x in plan.explanation)


def test_min_share_above_max_supplier_share_is_named():
    project = tiny(periods=CAP_30, settings={"min_share": 0.5})
    project.tables["Components"]["max_supplier_share"] = [0.4]
    text = explained(project)
    assert "can never be awarded" in text and "VN1 / P1 (at least 50%, at most 40%)" in text
    assert "a plan needs VN1 to supply 50% of part P1, above the 40%" in text
    assert "max_supplier_share" in text
    assert "every single limit can be met" not in text


def test_no_qualification_in_progress_is_named():
    project = tiny(
        periods={**CAP_30, "max_qualifications_in_progress": [0, 0]},
        offer={"switching_cost": 1.0},
    )
    text = explained(project)
    assert "No quote can be qualified" in text
    assert "1 more qualification(s) would have to run at once than the 0" in text


def test_a_least_order_above_the_demand_is_named():
    text = explained(tiny(periods=CAP_30, offer={"min_units": 1e9}))
    assert "least order of 1,000,000,000 units is above the part's whole demand (100)" in text


def test_a_ramp_too_slow_for_the_cap_is_named():
    # a 20% cap needs 60% local in the first quarter; the quote ramps 30% a quarter
    text = explained(tiny(periods={"china_cap": [0.2, 0.2]}, offer={"max_ramp": 0.3}))
    assert "2027-Q1: a plan needs VN1's share of part P1 to rise by 60% in one period" in text
    assert "max_ramp of 30%" in text


def test_an_incumbent_drop_too_slow_for_the_cap_is_named():
    # a 20% cap needs the incumbent at 40% at most in Q1; it may fall 20% a quarter
    text = explained(tiny(periods={"china_cap": [0.2, 0.2]}, settings={"incumbent_max_drop": 0.2}))
    assert "incumbent CN1's share of part P1 to fall by 60% in one period" in text
    assert "incumbent_max_drop of 20%" in text


def test_a_plan_is_found_when_the_first_heuristic_misses_it(monkeypatch):
    """The heuristic is made to fail on a project with a cap (doing nothing breaks the cap,
    and the tariff tiers' rows that assume it): the fall-back finds the optimum anyway."""
    project = tiny(periods=CAP_30, offer={"switching_cost": 500.0})
    # a tier below the cap: its row's big-M stops at the cap, which doing nothing breaks
    project.tables["Tariffs"]["max_china_share"] = [0.2, 1.0]
    best = solved(project)

    def misses(inst):
        return do_nothing(inst), False

    monkeypatch.setattr(solve, "first_plan", misses)
    plan = plan_project(project, time_limit_s=20)
    assert plan.verified and plan.status == Status.OPTIMAL
    assert plan.total_cost == pytest.approx(best.total_cost)


# `check` warns about limits that contradict each other, at their cells --------------------


def _add_column(rows: list[list[object]], name: str, value: object) -> None:
    rows[0].append(name)
    for row in rows[1:]:
        row.append(value)


def test_check_warns_about_limits_that_contradict_each_other(tmp_path, small_sheets):
    from planner.validate import check_file
    from tests.planner.conftest import write_book

    small_sheets["Settings"].append(["min_share", 0.5])
    _add_column(small_sheets["Components"], "max_supplier_share", 0.4)
    _add_column(small_sheets["Offers"], "min_units", 1e6)
    _add_column(small_sheets["Periods"], "max_qualifications_in_progress", 0)
    found = check_file(write_book(small_sheets, tmp_path / "contra.xlsx"))
    said = [p.format() for p in found.problems]
    assert any(
        s.startswith(
            "warning: Components, row 2, column max_supplier_share: No quote for part "
            "PCB-01 can ever be awarded: an award must be at least min_share (50%)"
        )
        for s in said
    ), said
    assert any(
        s.startswith(
            "warning: Offers, row 2, column min_units: BN-PCB's quote for PCB-01 can "
            "never be awarded: its least order of 1,000,000 units is above"
        )
        for s in said
    ), said
    assert any(
        "column max_qualifications_in_progress: max_qualifications_in_progress is 0 in every "
        "period" in s
        for s in said
    ), said
    assert found.ok  # warnings: the project may still have a plan without those quotes


def test_a_generated_project_the_heuristic_fails_on_gets_its_plan():
    """A real miss, not a forced one: on this pool-family project (tight budgets that change
    by quarter, a binding glide path) the look-ahead heuristic's plan breaks a limit, yet a
    plan exists (the generator's witness); the planner finds one, verified."""
    from planner.generate import generate_project
    from planner.instance import build_instance
    from planner.optimise import backend
    from planner.optimise.build import build_model
    from planner.optimise.decisions import to_columns
    from planner.optimise.firstplan import first_plan

    project = generate_project(20, seed=101, family="pool")
    inst = build_instance(project)
    m, v = build_model(inst)
    decisions, ok = first_plan(inst)
    assert not (ok and backend.feasible(m.arrays(), to_columns(inst, v, m.n_cols, decisions)))
    plan = plan_project(project, time_limit_s=20)
    assert plan.verified and plan.status in (Status.OPTIMAL, Status.FEASIBLE)


def test_one_cause_down_a_column_is_one_warning(tmp_path, small_sheets):
    """The same contradiction typed down a whole column is one problem listing its rows, not
    one per row (as a missing column is one error)."""
    from planner.validate import check_file
    from tests.planner.conftest import write_book

    small_sheets["Settings"].append(["min_share", 0.5])
    offers = small_sheets["Offers"]
    for k in range(3):  # five quotes in all, every one with a least order of a million
        offers.append(["PCB-01", "BN-PCB", 4.9 + k, 0.4, 1, 20000, 0.5, None, None])
        offers[-1][1] = ["HP-PLA", "TW-SOC", "DG-MOLD"][k]
    _add_column(offers, "min_units", 1e6)
    said = [p.format() for p in check_file(write_book(small_sheets, tmp_path / "m.xlsx")).problems]
    least = [s for s in said if "min_units" in s]
    assert len(least) == 1, said
    assert least[0].startswith("warning: Offers, column min_units: 5 rows (2, 3, 4, 5, 6) have")
