"""The optimiser: a first plan from a look-ahead heuristic, then better plans from OR-Tools
solvers until the deadline; every plan verified. `plan_project` is the entry point."""

from __future__ import annotations


def __getattr__(name: str):
    # lazy: importing a family module must not pull in the whole solve pipeline
    if name == "plan_project":
        from planner.optimise.solve import plan_project

        return plan_project
    if name == "plan_as_given":
        from planner.optimise.solve import plan_as_given

        return plan_as_given
    if name == "build_model":
        from planner.optimise.build import build_model

        return build_model
    raise AttributeError(name)


__all__ = ["build_model", "plan_as_given", "plan_project"]
