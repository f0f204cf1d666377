"""Re-planning from actuals (planner.replanning.replan): the plan of record's decisions up to a
period, corrected by the Actuals events, are kept as facts; the rest is planned again.

The tiny project (as tests/planner/test_stress.py's): one product (FOB $100, all to the US,
100 units a quarter, four quarters) with two parts bought from China at $30. The cap is 45% in
2027-Q2 and 25% in 2027-Q4; Vietnamese quotes at $33 with no Chinese content: P1 from VN1 (1
quarter to qualify) and P2 from VN2 (2 quarters), $20,000 each to start; P1 also from VN3 at
$36 (1 quarter, $24,000), a second path. The Q1 budget of $25,000 has room for one start: the
record starts P1 with VN1 in Q1 (ready in Q2, for Q2's cap) and P2 with VN2 in Q2.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from planner.io.read import read_project
from planner.optimise import plan_project
from planner.plan import Status
from planner.project import INF, Settings, TypedProject
from planner.record.actuals import COLUMNS
from planner.replanning.replan import FACT_COLUMNS, replan
from planner.validate import validate

PERIODS = ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"]


def three_offers(events: list[tuple] | None = None) -> TypedProject:
    part = {
        "description": "",
        "category": "",
        "hs_code": "",
        "qty_per_unit": math.nan,
        "current_supplier": "CN1",
        "current_country": "CN",
        "current_unit_price": 30.0,
        "current_china_share": 1.0,
        "locked": False,
    }
    offer = {
        "unit_price": 33.0,
        "china_share": 0.0,
        "switching_cost": 20_000.0,
        "max_ramp": 1.0,
        "earliest_period": "2027-Q1",
        "capacity_per_period": INF,
    }
    tables = {
        "Components": pd.DataFrame([{"component_id": c, **part} for c in ("P1", "P2")]),
        "Products": pd.DataFrame(
            {
                "product_id": ["X"],
                "name": [""],
                "fob_price": [100.0],
                "us_share": [1.0],
                "units_per_period": [100.0],
            }
        ),
        "BOM": pd.DataFrame(
            {"product_id": ["X", "X"], "component_id": ["P1", "P2"], "qty_per_unit": [1.0] * 2}
        ),
        "Suppliers": pd.DataFrame(
            {
                "supplier_id": ["CN1", "VN1", "VN2", "VN3"],
                "name": [""] * 4,
                "country": ["CN", "VN", "VN", "VN"],
                "province": [""] * 4,
                "onboarding_cost": [0.0] * 4,
                "capacity_per_period": [INF] * 4,
            }
        ),
        "Offers": pd.DataFrame(
            [
                {"component_id": "P1", "supplier_id": "VN1", "lead_periods": 1, **offer},
                {"component_id": "P2", "supplier_id": "VN2", "lead_periods": 2, **offer},
                {
                    "component_id": "P1",
                    "supplier_id": "VN3",
                    "lead_periods": 1,
                    **offer,
                    "unit_price": 36.0,
                    "switching_cost": 24_000.0,
                },
            ]
        ),
        "Periods": pd.DataFrame(
            {
                "period": PERIODS,
                "budget": [25_000.0, 100_000.0, 100_000.0, 100_000.0],
                "max_new_qualifications": [INF] * 4,
                "china_cap": [math.nan, 0.45, math.nan, 0.25],
                "tariff_active": [True] * 4,
                "max_qualifications_in_progress": [INF] * 4,
            }
        ),
        "Volumes": pd.DataFrame({"product_id": [], "period": [], "units": []}),
        "Tariffs": pd.DataFrame({"max_china_share": [1.0], "rate": [0.0]}),
    }
    if events is not None:
        tables["Actuals"] = pd.DataFrame(
            [dict(zip(COLUMNS, e, strict=True)) for e in events],
            index=range(2, 2 + len(events)),
        )
    return TypedProject(
        tables=tables,
        settings=Settings(max_utilisation=1.0, max_supplier_spend_share=1.0),
    )


def starts(plan) -> dict[tuple[str, str], str]:
    acts = plan.actions[plan.actions["kind"] == "start_qualification"]
    return {
        (c, s): p
        for c, s, p in zip(acts["component_id"], acts["supplier_id"], acts["period"], strict=True)
    }


def shares(plan, period: str) -> dict[tuple[str, str], float]:
    alloc = plan.allocation[(plan.allocation["period"] == period) & (plan.allocation["share"] > 0)]
    return {
        (c, s): round(float(v), 6)
        for c, s, v in alloc[["component_id", "supplier_id", "share"]].itertuples(index=False)
    }


@pytest.fixture(scope="module")
def record():
    plan = plan_project(three_offers(), time_limit_s=10)
    assert plan.verified, plan.violations
    assert starts(plan) == {("P1", "VN1"): "2027-Q1", ("P2", "VN2"): "2027-Q2"}
    return plan


def test_no_events_keeps_the_record(record):
    project = three_offers()
    result = replan(project, record, "2027-Q2", time_limit_s=10)
    plan = result.plan
    assert plan.has_plan and plan.verified, (plan.explanation, plan.violations)
    assert plan.summary.kept_until == "2027-Q2"
    assert starts(plan) == starts(record)
    for p in PERIODS[:2]:
        assert shares(plan, p) == shares(record, p)
    assert plan.total_cost <= record.total_cost + 1e-6
    assert result.sunk_cost == 0
    assert list(result.facts.columns) == FACT_COLUMNS
    assert set(result.facts["source"]) == {"plan of record"}


def test_a_late_supplier_delivers_later_and_the_past_shows_the_incumbent(record):
    """VN1, qualifying P1 since Q1, is one quarter late: P1 delivers from Q3, not Q2; in Q2
    (kept) P1 was still bought from CN1, whatever the record planned; Q2's cap was missed
    then (a fact, not a limit)."""
    assert shares(record, "2027-Q2")[("P1", "VN1")] > 0.4  # for the cap of Q2
    project = three_offers([("2027-Q1", "supplier_late", "", "VN1", 1.0, "samples failed PPAP")])
    result = replan(project, record, "2027-Q2", time_limit_s=10)
    plan = result.plan
    assert plan.has_plan and plan.verified, (plan.explanation, plan.violations)
    assert shares(plan, "2027-Q2")[("P1", "CN1")] == 1.0
    assert ("P1", "VN1") not in shares(plan, "2027-Q2")
    first = plan.allocation[
        (plan.allocation["supplier_id"] == "VN1") & (plan.allocation["share"] > 0)
    ]
    assert first["period"].min() == "2027-Q3"
    assert starts(plan)[("P1", "VN1")] == "2027-Q1"  # the start is a fact
    offers = result.project.tables["Offers"].set_index(["component_id", "supplier_id"])
    assert offers.loc[("P1", "VN1"), "lead_periods"] == 2
    facts = result.facts
    late = facts[facts["kind"] == "supplier_late"]
    assert late[["component_id", "supplier_id", "value"]].values.tolist() == [["P1", "VN1", 1.0]]
    moved = facts[(facts["kind"] == "award") & (facts["period"] == "2027-Q2")]
    moved = moved[moved["component_id"] == "P1"]
    assert moved["supplier_id"].tolist() == ["CN1"] and moved["source"].tolist() == ["actuals"]
    assert "incumbent" in moved["note_en"].iloc[0] and moved["note_vi"].iloc[0]
    assert result.sunk_cost == 0


def test_a_failed_qualification_is_sunk_and_the_part_takes_another_path(record):
    """VN1's qualification of P1 fails in Q2: its $20,000 is sunk, VN1 never delivers, P1
    goes to VN3 (started after Q2) for Q4's cap."""
    project = three_offers([("2027-Q2", "qualification_failed", "P1", "VN1", math.nan, "")])
    result = replan(project, record, "2027-Q2", time_limit_s=10)
    plan = result.plan
    assert plan.has_plan and plan.verified, (plan.explanation, plan.violations)
    assert result.sunk_cost == 20_000
    assert any("failed" in n.en and "20,000" in n.en for n in result.notes), result.notes
    used = plan.allocation[plan.allocation["share"] > 0]
    assert "VN1" not in set(used["supplier_id"])
    assert ("P1", "VN1") not in starts(plan)
    assert starts(plan)[("P1", "VN3")] > "2027-Q2"
    assert shares(plan, "2027-Q4")[("P1", "VN3")] > 0  # for the cap of Q4
    assert shares(plan, "2027-Q2")[("P1", "CN1")] == 1.0
    failed = result.facts[result.facts["kind"] == "qualification_failed"]
    assert failed[["period", "component_id", "supplier_id"]].values.tolist() == [
        ["2027-Q2", "P1", "VN1"]
    ]


SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "vr_headset_bac_ninh.xlsx"


def test_the_sample_replanned_through_2027_q2_with_a_late_supplier_and_a_failure():
    """The sample's plan as the record: in 2027-Q1 it starts qualifying the controller's IR
    LED with TW-NEIHU-SEMI (ready 2027-Q3) and the RGB camera with KR-SEOGWANG-OPTO. In
    2027-Q2 the LED maker is a quarter late and the camera fails: a verified re-plan keeps
    the rest of the half-year, delivers the LED a quarter later, never uses the failed offer
    again and sinks its $48,000. (With the main board's maker late instead, the glide path
    cannot be met: the re-plan is infeasible and says why.)"""
    project = validate(read_project(SAMPLE)).project
    record = plan_project(project, time_limit_s=10)
    assert record.verified, record.violations
    late, failed = ("LED-IR-CT", "TW-NEIHU-SEMI"), ("CAM-RGB-16M", "KR-SEOGWANG-OPTO")
    planned = starts(record)
    assert planned[late] == planned[failed] == "2027-Q1", planned
    events = [
        ("2027-Q1", "qualification_started", *late, "", "as planned"),
        ("2027-Q2", "supplier_late", *late, "1", "samples late"),
        ("2027-Q2", "qualification_failed", *failed, "", "image quality"),
    ]
    project.tables["Actuals"] = pd.DataFrame(
        [dict(zip(COLUMNS, e, strict=True)) for e in events], index=[2, 3, 4]
    ).assign(value=[math.nan, 1.0, math.nan])
    result = replan(project, record, "2027-Q2", time_limit_s=15)
    plan = result.plan
    assert plan.has_plan and plan.verified, (plan.explanation, plan.violations)
    offers = project.tables["Offers"].set_index(["component_id", "supplier_id"])
    assert result.sunk_cost == offers.loc[failed, "switching_cost"] == 48_000
    assert failed not in starts(plan)
    used = plan.allocation[plan.allocation["share"] > 0]
    assert not ((used["component_id"] == failed[0]) & (used["supplier_id"] == failed[1])).any()
    acts = plan.actions.set_index(["kind", "component_id", "supplier_id"])
    assert acts.loc[("start_qualification", *late), "period"] == "2027-Q1"
    assert acts.loc[("start_qualification", *late), "ready_period"] == "2027-Q4"
    kept = {k: p for k, p in planned.items() if p <= "2027-Q2" and k != failed}
    assert {k: p for k, p in starts(plan).items() if p <= "2027-Q2"} == kept
    assert plan.summary.kept_until == "2027-Q2"


def test_recorded_awards_replace_the_records_and_the_rest_is_the_incumbents(record):
    """In Q2 only 30% of P1 was bought from VN1 (recorded); the rest was CN1's."""
    project = three_offers([("2027-Q2", "award", "P1", "VN1", 0.3, "")])
    result = replan(project, record, "2027-Q2", time_limit_s=10)
    plan = result.plan
    assert plan.has_plan and plan.verified, (plan.explanation, plan.violations)
    q2 = shares(plan, "2027-Q2")
    assert q2[("P1", "VN1")] == 0.3 and q2[("P1", "CN1")] == 0.7
    rest = result.facts[
        (result.facts["supplier_id"] == "CN1") & (result.facts["period"] == "2027-Q2")
    ]
    rest = rest[rest["component_id"] == "P1"]
    assert rest["source"].tolist() == ["actuals"] and "70.0%" in rest["note_en"].iloc[0]


def test_events_after_the_period_are_ignored_but_undo_a_start_not_yet_made(record):
    """Re-planned through Q1: a failure in Q3 is no fact yet (ignored, said); P2's start is
    the record's in Q2, after Q1, so free; an event saying P1 started only in Q2 means the
    record's Q1 start had not happened by Q1, and then Q2's cap cannot be met."""
    project = three_offers(
        [
            ("2027-Q3", "qualification_failed", "P2", "VN2", math.nan, ""),
            ("2027-Q2", "qualification_started", "P1", "VN1", math.nan, ""),
        ]
    )
    result = replan(project, record, "2027-Q1", time_limit_s=10)
    assert any("not facts yet" in n.en and "rows 2, 3" in n.en for n in result.notes), [
        n.en for n in result.notes
    ]
    assert any("had not happened by 2027-Q1" in n.en for n in result.notes)
    assert not (result.facts["kind"] == "qualification_started").any()
    # P1 not started by Q1 cannot deliver for Q2's cap: the re-plan says so
    assert result.plan.status == Status.INFEASIBLE and result.sunk_cost == 0
    assert any("2027-Q2" in line.en for line in result.plan.explanation)


def test_a_failure_without_a_start_is_a_problem_at_its_row(record):
    project = three_offers([("2027-Q2", "qualification_failed", "P1", "VN3", math.nan, "")])
    result = replan(project, record, "2027-Q2", time_limit_s=10)
    assert result.plan.status == Status.ERROR and not result.plan.has_plan
    (problem,) = result.problems
    assert (problem.sheet, problem.row, problem.column) == ("Actuals", 2, "event")
    assert "qualification_started" in problem.message.en and "bắt đầu" in problem.message.vi
    assert "Actuals, row 2" in result.plan.explanation[0].en


def test_an_unplanned_start_is_kept_with_its_onboarding(record):
    """VN3 started qualifying P1 in Q2 too (not in the record): kept, with VN3 onboarded
    then (none recorded), and the start's cost in the plan."""
    project = three_offers([("2027-Q2", "qualification_started", "P1", "VN3", math.nan, "")])
    result = replan(project, record, "2027-Q2", time_limit_s=10)
    plan = result.plan
    assert plan.has_plan and plan.verified, (plan.explanation, plan.violations)
    assert starts(plan)[("P1", "VN3")] == "2027-Q2"
    facts = result.facts.set_index(["kind", "supplier_id"])
    assert "not in the plan of record" in facts.loc[("qualification_started", "VN3"), "note_en"]


def test_the_replan_goes_through_the_public_entry(record, monkeypatch):
    import planner.optimise

    seen = {}

    def fake(project, **kwargs):
        seen.update(kwargs)
        return plan_project(project, **kwargs)

    monkeypatch.setattr(planner.optimise, "plan_project", fake, raising=False)
    result = replan(three_offers(), record, "2027-Q2", time_limit_s=5)
    assert result.plan.verified
    assert seen["starts"] == [record] and seen["commitments"].until == 1
