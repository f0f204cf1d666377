"""Build the model: variables, then one module per constraint family, then the objective.
Sections as in the OR-Tools samples; each family adds labelled rows (planner.optimise.model)."""

from __future__ import annotations

from planner.instance import Instance
from planner.optimise.budget import add_budget
from planner.optimise.capacity import add_supplier_capacity
from planner.optimise.concentration import add_country_spend, add_supplier_spend
from planner.optimise.content import add_content_cap
from planner.optimise.demand import add_demand
from planner.optimise.model import SparseModel
from planner.optimise.objective import add_cost
from planner.optimise.origin import add_rules_of_origin
from planner.optimise.qualifications import add_onboarding, add_qualification_slots
from planner.optimise.ramp import add_ramp
from planner.optimise.readiness import add_readiness
from planner.optimise.tariff import add_tariff_tiers
from planner.optimise.variables import Variables, add_variables

FAMILIES = (
    add_demand,
    add_readiness,
    add_ramp,
    add_supplier_capacity,
    add_supplier_spend,
    add_country_spend,
    add_qualification_slots,
    add_onboarding,
    add_budget,
    add_content_cap,
    add_tariff_tiers,
    add_rules_of_origin,
)


def build_model(inst: Instance, families=FAMILIES) -> tuple[SparseModel, Variables]:
    m = SparseModel()
    v = add_variables(m, inst)
    for add in families:
        add(m, inst, v)
    add_cost(m, inst, v)
    return m, v
