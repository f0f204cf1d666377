"""What-if scenarios of one project: overrides in the Scenarios sheet, planned in parallel
processes, compared side by side; the trade-off curve; stress tests of an existing plan."""

from planner.scenarios.compare import Comparison, compare
from planner.scenarios.overrides import (
    BASE,
    materialise,
    read_overrides,
    read_scenarios,
    scenario_names,
)
from planner.scenarios.run import (
    ScenarioResult,
    check_scenarios,
    plan_in_child,
    plan_scenarios,
    prepare,
    stress_test,
)
from planner.scenarios.sweep import break_even, sweep, targets, with_final_share

__all__ = [
    "BASE",
    "Comparison",
    "ScenarioResult",
    "break_even",
    "check_scenarios",
    "compare",
    "materialise",
    "plan_in_child",
    "plan_scenarios",
    "prepare",
    "read_overrides",
    "read_scenarios",
    "scenario_names",
    "stress_test",
    "sweep",
    "targets",
    "with_final_share",
]
