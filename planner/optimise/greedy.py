"""A fast constructive plan: the warm start, the fallback, and the benchmark's yardstick.

Offers are taken in order of Chinese content removed per dollar; each is started in the
first period whose budget and slots allow it, ramped as fast as its limits let it, and kept
when it lowers the cost plus a heavy penalty for any cap or origin rule still broken.
"""

from __future__ import annotations

import time

import numpy as np

from planner.instance import Instance
from planner.optimise.extract import tier_of

PENALTY = 1e7  # per unit of share above a cap, per USD of FOB: breaking a rule never pays


class _State:
    def __init__(self, inst: Instance):
        self.inst = inst
        offers = inst.offers
        self.price = offers["price"].to_numpy()
        self.cs = offers["cs"].to_numpy()
        self.nonorig = offers["nonorig"].to_numpy()
        self.c_of = offers["c"].to_numpy()
        self.s_of = offers["s"].to_numpy()
        self.share = np.zeros((inst.O, inst.T))
        inc = inst.incumbent_offer
        self.share[inc[inc >= 0], :] = 1.0
        self.start = np.zeros((inst.O, inst.T), bool)
        self.onboard = np.zeros((inst.S, inst.T), bool)
        q = inst.qty[:, self.c_of]
        self.china = q @ (self.share * (self.price * self.cs)[:, None])
        self.material = q @ (self.share * self.price[:, None])
        self.nonorig_v = q @ (self.share * self.nonorig[:, None])
        self.load = np.zeros((inst.S, inst.T))
        np.add.at(self.load, self.s_of, self.share * inst.demand[self.c_of])
        self.budget_left = inst.budget.copy()
        self.slots_left = inst.slots.copy()
        self.tariff_unit = (inst.fob * inst.us_share)[:, None] * inst.volume * inst.tariff_active

    def china_material_nonorig(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.china, self.material, self.nonorig_v

    def score(self, china, material, nonorig) -> float:
        """Tariff plus penalties for broken caps and origin rules (material cost apart)."""
        inst = self.inst
        base = material if inst.settings.content_basis == "materials" else inst.fob[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(base > 0, china / base, 0.0)
        tiers = np.searchsorted(inst.tier_share, ratio - 1e-9, side="left")
        rate = inst.tier_rate[np.minimum(tiers, len(inst.tier_rate) - 1)]
        tariff = float((rate * self.tariff_unit).sum())
        active = inst.volume > 0
        over = np.where(
            np.isnan(inst.china_cap),
            0.0,
            np.maximum(ratio - np.nan_to_num(inst.china_cap, nan=1.0), 0.0),
        )
        penalty = float((over * active).sum()) * PENALTY * float(inst.fob.max())
        if inst.settings.rvc_min is not None:
            limit = (1 - inst.settings.rvc_min) * inst.fob[:, None]
            penalty += float((np.maximum(nonorig - limit, 0) * active).sum()) * PENALTY
        return tariff + penalty

    def trajectory(self, o: int, t0: int) -> np.ndarray | None:
        """Share of offer o per period if its qualification starts in t0, ramped at once."""
        inst = self.inst
        T = inst.T
        ready = t0 + int(inst.offers["lead"].iat[o])
        if ready >= T:
            return None
        inc = inst.incumbent_offer[self.c_of[o]]
        ramp = float(inst.offers["max_ramp"].iat[o])
        drop = float(inst.settings.incumbent_max_drop)
        cap = float(inst.offers["cap"].iat[o])
        s = self.s_of[o]
        new = np.zeros(T)
        prev = 0.0
        for t in range(ready, T):
            demand = inst.demand[self.c_of[o], t]
            limit = min(1.0, prev + ramp)
            if inc >= 0:
                limit = min(limit, self.share[inc, t])  # take only from the incumbent
            if demand > 0:
                limit = min(limit, cap / demand)
                room = inst.supplier_cap[s] - self.load[s, t]
                limit = min(limit, max(room, 0.0) / demand)
            new[t] = max(limit, 0.0)
            prev = new[t]
        if inc >= 0 and drop < 1:
            # Slow the switch so that the incumbent never falls by more than `drop`.
            inc_share = self.share[inc] - new
            before = 1.0
            for t in range(T):
                if before - inc_share[t] > drop + 1e-12:
                    inc_share[t] = before - drop
                    new[t] = self.share[inc, t] - inc_share[t]
                before = inc_share[t]
            prev = 0.0
            for t in range(T):  # a slower incumbent can only lower `new`; keep ramps valid
                new[t] = max(min(new[t], prev + ramp), 0.0)
                prev = new[t]
        if new.max() <= 1e-9:
            return None
        return new


def _order(inst: Instance, st: _State) -> np.ndarray:
    """Candidate offers, most Chinese content removed per extra dollar first."""
    offers = inst.offers
    candidates = np.nonzero(~offers["incumbent"].to_numpy())[0]
    inc_of = inst.incumbent_offer[st.c_of[candidates]]
    inc_china = np.where(inc_of >= 0, st.price[inc_of] * st.cs[inc_of], np.inf)
    inc_price = np.where(inc_of >= 0, st.price[inc_of], 0.0)
    removed = inc_china - st.price[candidates] * st.cs[candidates]
    total_demand = inst.demand[st.c_of[candidates]].sum(axis=1)
    extra = (
        (st.price[candidates] - inc_price) * total_demand
        + offers["switching"].to_numpy()[candidates]
        + inst.supplier_onboarding[st.s_of[candidates]] * inst.supplier_is_new[st.s_of[candidates]]
    )
    value = removed * total_demand / np.maximum(extra, 1.0)
    value[inc_of < 0] = np.inf  # a new part with no incumbent must be sourced first
    keep = (removed > 0) | (inc_of < 0) | (st.price[candidates] < inc_price)
    return candidates[keep][np.argsort(-value[keep], kind="stable")]


def _construct(
    inst: Instance, accept_all: bool, max_accept: int | None, deadline: float
) -> tuple[_State, list[float]]:
    """Take offers in order. accept_all: every affordable switch (the objective after each is
    recorded, so the best prefix can be replayed); else only switches that pay at once."""
    st = _State(inst)
    offers = inst.offers
    switched = np.zeros(inst.C, bool)
    current = st.score(st.china, st.material, st.nonorig_v)
    running = current
    history: list[float] = []
    switching = offers["switching"].to_numpy()
    earliest = offers["earliest"].to_numpy()
    lead = offers["lead"].to_numpy()
    q = inst.qty
    for o in _order(inst, st):
        if time.monotonic() > deadline or (max_accept is not None and len(history) >= max_accept):
            break
        c = st.c_of[o]
        if switched[c]:
            continue
        inc = inst.incumbent_offer[c]
        s = st.s_of[o]
        for t0 in range(int(earliest[o]), inst.T - int(lead[o])):
            board_cost = 0.0
            if st.onboard[s].any() and not st.onboard[s, : t0 + 1].any():
                continue  # onboarded later than t0 already: start no earlier than that
            needs_board = inst.supplier_is_new[s] and not st.onboard[s].any()
            if needs_board:
                board_cost = inst.supplier_onboarding[s]
            if switching[o] + board_cost > st.budget_left[t0] + 1e-9 or st.slots_left[t0] < 1:
                continue
            new = st.trajectory(o, t0)
            if new is None:
                break
            if inc < 0 and abs(new.sum() - inst.T) > 1e-9:
                break  # a new part must be fully sourced from the first period
            d_china = np.outer(q[:, c], new * (st.price[o] * st.cs[o]))
            d_mat = np.outer(q[:, c], new * st.price[o])
            d_non = np.outer(q[:, c], new * st.nonorig[o])
            old_price = st.price[inc] if inc >= 0 else 0.0
            if inc >= 0:
                d_china -= np.outer(q[:, c], new * st.price[inc] * st.cs[inc])
                d_mat -= np.outer(q[:, c], new * st.price[inc])
                d_non -= np.outer(q[:, c], new * st.nonorig[inc])
            d_cost = float((new * inst.demand[c] * (st.price[o] - old_price)).sum())
            d_cost += switching[o] + board_cost
            score = st.score(st.china + d_china, st.material + d_mat, st.nonorig_v + d_non)
            if accept_all or score + d_cost < current - 1e-6:
                st.china += d_china
                st.material += d_mat
                st.nonorig_v += d_non
                st.share[o] += new
                if inc >= 0:
                    st.share[inc] -= new
                    np.add.at(st.load, st.s_of[inc], -new * inst.demand[c])
                st.load[s] += new * inst.demand[c]
                st.start[o, t0] = True
                if needs_board:
                    st.onboard[s, t0] = True
                st.budget_left[t0] -= switching[o] + board_cost
                st.slots_left[t0] -= 1
                switched[c] = True
                running += score - current + d_cost
                current = score
                history.append(running)
            break  # first affordable period only: later starts are rarely better
    st.share = np.clip(st.share, 0.0, 1.0)
    return st, history


def greedy_plan(inst: Instance, seconds: float = 30.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shares (O x T), starts (O x T) and onboardings (S x T) of a constructive plan.

    Two passes: switches that pay at once, and the best prefix of "switch everything that
    removes Chinese content" (a tariff tier is often crossed only by many switches together).
    """
    deadline = time.monotonic() + seconds
    pay_now, hist_now = _construct(inst, False, None, deadline)
    everything, hist_all = _construct(inst, True, None, deadline)
    base = everything.score(*_State(inst).china_material_nonorig())
    best_k = int(np.argmin(hist_all)) + 1 if hist_all else 0
    best_value = hist_all[best_k - 1] if hist_all else base
    value_now = hist_now[-1] if hist_now else base
    if best_value < value_now - 1e-6:
        prefix, _ = _construct(inst, True, best_k, deadline + seconds)
        return prefix.share, prefix.start, prefix.onboard
    return pay_now.share, pay_now.start, pay_now.onboard


__all__ = ["greedy_plan", "tier_of"]
