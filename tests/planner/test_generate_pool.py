"""The pool family of `locplan generate`: the features the planner was not tuned on are
there, the workbook it writes reads back clean, and it always has a plan, which the planner
finds and the checker passes."""

from __future__ import annotations

import numpy as np
import pytest

from planner.generate import generate_project
from planner.optimise import plan_project
from planner.plan import Status
from tests.planner.hostile import run_cli


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_pool_project_has_the_features_and_a_plan(seed):
    project = generate_project(90, seed=seed, family="pool")
    tables = project.tables
    offers, periods, suppliers = tables["Offers"], tables["Periods"], tables["Suppliers"]
    quoted = offers["component_id"].nunique()
    assert 1.6 <= len(offers) / quoted <= 2.8  # about 2.2 quotes a quoted part
    new = suppliers[~suppliers["supplier_id"].isin(tables["Components"]["current_supplier"])]
    assert len(new) >= 90 // 3  # a pool of a third of the part count
    assert np.isfinite(new["capacity_per_period"]).any()
    assert (offers["max_ramp"] < 1).any() and (offers["min_units"] > 0).any()
    assert offers["earliest_period"].nunique() > 1
    assert tables["Components"]["max_supplier_share"].notna().any()
    for column in ("budget", "max_new_qualifications", "max_qualifications_in_progress"):
        assert periods[column].nunique() > 1, column  # limits that change by quarter
    plan = plan_project(project, time_limit_s=20)
    assert plan.verified and plan.status in (Status.OPTIMAL, Status.FEASIBLE)
    # the glide path binds: some product ends within a point of the cap
    content = plan.content.merge(periods[["period", "china_cap"]], on="period")
    assert ((content["china_cap"] - content["china_share"]) < 0.01).any()


def test_generate_writes_a_pool_workbook_that_checks_clean(tmp_path):
    path = tmp_path / "pool.xlsx"
    code, out, err = run_cli(["generate", str(path), "--components", "60", "--family", "pool"])
    assert code == 0, err
    code, out, err = run_cli(["check", str(path)])
    assert code == 0 and "0 error(s), 0 warning(s)" in out + err, out + err
