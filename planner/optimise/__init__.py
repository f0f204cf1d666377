"""The optimiser: build the MIP family by family, solve it with OR-Tools, extract, verify."""

from planner.optimise.solve import build_model, plan_project

__all__ = ["build_model", "plan_project"]
