"""A first plan in seconds: a construction heuristic that looks ahead over the whole horizon.

It knows, for every product and period, how far the Chinese share must fall to meet the glide
path (cap less the safety margin) and the origin rule, and works through those deadlines from
the earliest: for the earliest period still in breach it picks the switch that closes most of
the breach per dollar among the qualifications that can still start early enough (lead times,
earliest periods, slots, qualifications in progress, budget, onboarding), ramps it as fast as
its limits allow (ramp, incumbent drop, capacities, second-source rule, least share) and keeps
it. Then it takes the tariff tiers worth crossing (tier bounds as extra deadlines whose value
is the duty saved) and the switches that pay for themselves.

Every rule of the model holds by construction except where a deadline cannot be met; then
the caller repairs the plan with a MIP or explains why no plan exists.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from planner.instance import Instance
from planner.optimise.decisions import Decisions, billing, do_nothing, figures
from planner.optimise.model import EPS
from planner.optimise.variables import least_share

TINY = 1e-9
SCARCITY = (1.0, 10.0, 1000.0)  # how dear a qualification slot is, tried in turn


class _State:
    """A plan under construction and what is left of every shared limit."""

    # the (shares, non-originating) goal a trial met, set on the trials the tiers keep
    goal: tuple[np.ndarray, np.ndarray]

    def __init__(self, inst: Instance):
        self.inst = inst
        self.d = do_nothing(inst)
        self.budget = inst.budget.copy()
        self.slots = inst.slots.copy()
        self.running = inst.in_progress.copy()
        c_of = inst.col("c")
        self.load = np.zeros((inst.S, inst.T))
        np.add.at(self.load, inst.col("s"), self.d.share * inst.demand[c_of])
        self.used = np.zeros(inst.O, bool)  # offer already taken
        self.floor = 0  # no new qualification starts before this period (the past)
        self.kept = 0  # the periods before this one are kept as they happened (facts)
        self.price = inst.col("price")
        self.china_unit = self.price * inst.col("cs")
        self.nonorig = inst.col("nonorig")
        self.lo = least_share(inst)
        self.fig = figures(inst, self.d.share)
        # the most non-originating value over FOB each product may hold (NaN: no rule): the
        # origin rule, and origins the plan decides to reach (origin_rule rvc)
        limit = np.nan if inst.settings.rvc_min is None else 1 - inst.settings.rvc_min
        self.nonorig_goal = np.full((inst.P, inst.T), limit)

    def copy(self) -> _State:
        other = _State.__new__(_State)
        other.__dict__.update(self.__dict__)
        other.d = self.d.copy()
        for name in ("budget", "slots", "running", "load", "used", "nonorig_goal"):
            setattr(other, name, getattr(self, name).copy())
        other.fig = {k: v.copy() for k, v in self.fig.items()}
        return other


def _window_min(values: np.ndarray, length: int) -> np.ndarray:
    """min(values[t : t + length]) for every t (what is left over a qualification's run)."""
    T = values.size
    out = np.full(T, np.inf)
    for t in range(T):
        out[t] = values[t : t + length].min()
    return out


def _starts(
    st: _State, offers: np.ndarray, latest: np.ndarray, preferred: np.ndarray | None = None
) -> np.ndarray:
    """The period each offer's qualification starts, no later than `latest` (-1: none): the
    latest allowed period not after `preferred` (so that short qualifications leave the early
    slots to long ones), else the earliest allowed. Allowed: slots, qualifications in
    progress, budget with onboarding, the offer's earliest period."""
    inst = st.inst
    T = inst.T
    lead = inst.col("lead")[offers]
    s = inst.col("s")[offers]
    t = np.arange(T)[None, :]
    onboarded_at = st.d.onboard[s]
    needs_board = inst.supplier_is_new[s] & (onboarded_at < 0)
    need = inst.col("switching")[offers] + np.where(needs_board, inst.supplier_onboarding[s], 0.0)
    ok = (
        (t >= np.maximum(inst.col("earliest")[offers], st.floor)[:, None])
        & (t <= latest[:, None])
        & (st.slots[None, :] >= 1)
        & (st.budget[None, :] >= need[:, None] - TINY)
        & ((onboarded_at[:, None] < 0) | (t >= onboarded_at[:, None]))
    )
    for length in np.unique(np.maximum(lead, 1)):
        rows = np.maximum(lead, 1) == length
        ok[rows] &= (_window_min(st.running, int(length)) >= 1)[None, :]
    earliest = np.where(ok.any(axis=1), ok.argmax(axis=1), -1)
    if preferred is None:
        return earliest
    early_ok = ok & (t <= preferred[:, None])
    latest_early = np.where(early_ok.any(axis=1), T - 1 - early_ok[:, ::-1].argmax(axis=1), -1)
    return np.where(latest_early >= 0, latest_early, earliest)


def _trajectories(
    st: _State,
    offers: np.ndarray,
    start: np.ndarray,
    held: np.ndarray | None = None,
    first: int = 0,
) -> np.ndarray:
    """Share of each offer per period if it starts qualifying in `start`, ramped as fast as
    its limits allow and never falling; 0 rows for offers that cannot hold their least share.
    `held` (n x T): what each offer holds already (a kept award), the trajectory is what it
    takes on top from period `first` on."""
    inst = st.inst
    T = inst.T
    c = inst.col("c")[offers]
    s = inst.col("s")[offers]
    inc = inst.incumbent_offer[c]
    ready = np.maximum(start + inst.col("lead")[offers], first)
    demand = inst.demand[c]  # n x T
    if held is None:
        held = np.zeros((offers.size, T))
    avail = np.where(inc[:, None] >= 0, st.d.share[np.maximum(inc, 0)], 0.0)
    # the incumbent's fall already planned in each period, against its per-part limit
    inc_share = avail
    before = np.column_stack([np.ones(offers.size), inc_share[:, :-1]])
    fallen = np.maximum(before - inc_share, 0.0)
    drop = np.where(inc >= 0, inst.col("drop")[np.maximum(inc, 0)], 1.0)
    ramp = inst.col("max_ramp")[offers]
    with np.errstate(divide="ignore", invalid="ignore"):
        room = np.where(
            demand > 0,
            np.maximum(inst.supplier_cap[s][:, None] - st.load[s], 0.0) / demand,
            1.0,
        )
        cap = np.where(demand > 0, inst.col("cap")[offers][:, None] / demand, 1.0)
    limit = np.minimum.reduce(
        [
            np.ones_like(demand) - held,
            room,
            cap - held,
            avail,
            inst.col("max_share")[offers][:, None] - held,
        ]
    )
    limit = np.maximum(limit, 0.0)
    upper = np.zeros((offers.size, T))
    prev = np.zeros(offers.size)
    for t in range(T):
        step = np.minimum(ramp, np.maximum(drop - fallen[:, t], 0.0))
        value = np.minimum(prev + step, limit[:, t])
        value = np.where(t >= ready, value, 0.0)
        upper[:, t] = value
        prev = value
    # never falling: the least of what is allowed from each period on
    traj = np.minimum.accumulate(upper[:, ::-1], axis=1)[:, ::-1]
    traj = np.where(np.arange(T)[None, :] >= ready[:, None], traj, 0.0)
    # the incumbent keeps 0 or at least min_share: take all of it, or leave min_share
    ms = float(inst.settings.min_share)
    if ms > 0:
        rest = avail - traj
        sliver = (rest > TINY) & (rest < ms - TINY)
        take_all = sliver & (upper >= avail - TINY)
        traj = np.where(take_all, avail, np.where(sliver, np.maximum(avail - ms, 0.0), traj))
        traj = np.minimum.accumulate(traj[:, ::-1], axis=1)[:, ::-1]
    lo = st.lo[offers]
    delivering = np.arange(T)[None, :] >= ready[:, None]
    bad = (delivering & (held + traj < lo - TINY)).any(axis=1) | (traj.max(axis=1) <= TINY)
    if ms > 0:
        rest = avail - traj
        bad |= ((rest > TINY) & (rest < ms - TINY)).any(axis=1)
    traj[bad] = 0.0
    return traj


def _commit(st: _State, o: int, t0: int, traj: np.ndarray, limits: bool = True) -> None:
    """Take the switch (`traj` on top of what the offer holds); `limits` False for one that
    happened already (the past's budget and slots are spent; see _keep)."""
    inst = st.inst
    c, s = int(inst.col("c")[o]), int(inst.col("s")[o])
    inc = inst.incumbent_offer[c]
    lead = int(inst.col("lead")[o])
    st.d.share[o] += traj
    if inc >= 0:
        st.d.share[inc] -= traj
        st.d.share[inc][np.abs(st.d.share[inc]) < TINY] = 0.0
        st.load[inst.col("s")[inc]] -= traj * inst.demand[c]
    st.load[s] += traj * inst.demand[c]
    st.d.start[o] = t0
    st.used[o] = True
    cost = float(inst.col("switching")[o])
    if inst.supplier_is_new[s] and st.d.onboard[s] < 0:
        st.d.onboard[s] = t0
        cost += float(inst.supplier_onboarding[s])
    if limits:
        st.budget[t0] -= cost
        st.slots[t0] -= 1
        st.running[t0 : t0 + max(lead, 1)] -= 1
    delta = np.zeros((inst.O, inst.T))
    delta[o] = traj
    if inc >= 0:
        delta[inc] = -traj
    q = inst.qty[:, c][:, None]  # P x 1
    st.fig["china"] += q * (traj * (st.china_unit[o] - (st.china_unit[inc] if inc >= 0 else 0)))
    st.fig["material"] += q * (traj * (st.price[o] - (st.price[inc] if inc >= 0 else 0)))
    st.fig["nonorig"] += q * (traj * (st.nonorig[o] - (st.nonorig[inc] if inc >= 0 else 0)))
    _refresh(st)


def _refresh(st: _State) -> None:
    inst = st.inst
    fig = st.fig
    fig["base"] = (
        fig["material"]
        if inst.settings.content_basis == "materials"
        else np.broadcast_to(inst.fob[:, None], fig["china"].shape)
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        fig["ratio"] = np.where(fig["base"] > 0, fig["china"] / fig["base"], 0.0)
    fig["rvc"] = 1.0 - fig["nonorig"] / inst.fob[:, None]


def _breach(st: _State, target: np.ndarray) -> np.ndarray:
    """P x T: how far each product's share is above its target (0 when met)."""
    inst = st.inst
    over = np.nan_to_num(st.fig["ratio"] - target, nan=0.0)
    over[inst.volume <= 0] = 0.0
    over[:, : st.kept] = 0.0  # what was bought then decided it
    return np.maximum(over, 0.0)


def _rvc_breach(st: _State) -> np.ndarray:
    """P x T: how far each product's non-originating value (over FOB) is above its goal."""
    inst = st.inst
    over = np.nan_to_num(st.fig["nonorig"] / inst.fob[:, None] - st.nonorig_goal, nan=0.0)
    over[inst.volume <= 0] = 0.0
    over[:, : st.kept] = 0.0
    return np.maximum(over, 0.0)


def _reduction(st: _State, offers: np.ndarray, traj: np.ndarray, t: int, rvc: bool) -> np.ndarray:
    """P x n: how much each switch lowers each product's share (or non-originating value
    over FOB) in period t."""
    inst = st.inst
    c = inst.col("c")[offers]
    inc = inst.incumbent_offer[c]
    per_unit = st.nonorig if rvc else st.china_unit
    old = np.where(inc >= 0, per_unit[np.maximum(inc, 0)], 0.0)
    cut = (old - per_unit[offers]) * traj[:, t]
    q = inst.qty[:, c]  # P x n
    if rvc or inst.settings.content_basis != "materials":
        return q * cut[None, :] / inst.fob[:, None]
    # materials basis: the ratio's change, to first order
    base = st.fig["base"][:, t][:, None]
    ratio = st.fig["ratio"][:, t][:, None]
    d_mat = (st.price[np.maximum(inc, 0)] * (inc >= 0) - st.price[offers]) * traj[:, t]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(base > 0, q * (cut[None, :] - ratio * d_mat[None, :]) / base, 0.0)


def _premium(st: _State, offers: np.ndarray, traj: np.ndarray) -> np.ndarray:
    """Extra cost of each switch over the horizon: price difference x units, plus one-time."""
    inst = st.inst
    c = inst.col("c")[offers]
    inc = inst.incumbent_offer[c]
    old = np.where(inc >= 0, st.price[np.maximum(inc, 0)], 0.0)
    material = ((st.price[offers] - old)[:, None] * traj * inst.demand[c]).sum(axis=1)
    s = inst.col("s")[offers]
    board = np.where(
        inst.supplier_is_new[s] & (st.d.onboard[s] < 0), inst.supplier_onboarding[s], 0
    )
    return material + inst.col("switching")[offers] + board


def _candidates(
    st: _State, deadline_t: int, products: np.ndarray | None = None, rvc: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Offers that can still deliver by `deadline_t`, their start and their trajectory; with
    `products` (bool P), only those that lower one of these products' Chinese share (or
    non-originating value)."""
    inst = st.inst
    mask = ~inst.col("incumbent") & ~st.used
    if products is not None:
        c = inst.col("c")
        inc = inst.incumbent_offer[c]
        per_unit = st.nonorig if rvc else st.china_unit
        old = np.where(inc >= 0, per_unit[np.maximum(inc, 0)], np.inf)
        mask &= (per_unit < old - TINY) & (inst.qty[products][:, c] > 0).any(axis=0)
    free = np.nonzero(mask)[0]
    c = inst.col("c")[free]
    inc = inst.incumbent_offer[c]
    has_room = np.where(inc >= 0, st.d.share[np.maximum(inc, 0), -1] > TINY, False)
    free = free[has_room]
    lead = inst.col("lead")[free]
    latest = np.minimum(inst.last_start()[free], deadline_t - lead)
    # periods of ramp needed to take the whole part: start that much before the deadline
    c = inst.col("c")[free]
    inc = inst.incumbent_offer[c]
    drop = np.where(inc >= 0, inst.col("drop")[np.maximum(inc, 0)], 1.0)
    pace = np.maximum(np.minimum(inst.col("max_ramp")[free], drop), 0.05)
    ramp_periods = np.ceil(inst.col("max_share")[free] / pace - 1e-9).astype(int)
    start = _starts(st, free, latest, deadline_t - lead - ramp_periods + 1)
    ok = start >= 0
    free, start = free[ok], start[ok]
    traj = _trajectories(st, free, start)
    ok = traj.max(axis=1) > TINY
    return free[ok], start[ok], traj[ok]


def _meet(st: _State, target: np.ndarray, scarcity: float = 1.0) -> bool:
    """Switch until every product meets `target` (P x T shares) and the origin rule; True when
    met. Deadlines are taken earliest first. `scarcity` prices a qualification slot in units of
    a typical switch's cost: 1 favours cheap switches, large values the biggest cuts per slot
    (when slots and budget, not money, decide whether the glide path can be met)."""
    while True:
        over = _breach(st, target)
        rvc_over = _rvc_breach(st)
        bad = (over > TINY) | (rvc_over > TINY)
        if not bad.any():
            return True
        t = int(np.nonzero(bad.any(axis=0))[0][0])
        use_rvc = bool((rvc_over[:, t] > TINY).any()) and not (over[:, t] > TINY).any()
        need = rvc_over[:, t] if use_rvc else over[:, t]
        offers, start, traj = _candidates(st, t, need > TINY, use_rvc)
        if offers.size == 0:
            return False
        cut = np.maximum(_reduction(st, offers, traj, t, use_rvc), 0.0)  # P x n
        share = np.minimum(cut, need[:, None]) / np.maximum(need[:, None], TINY)
        covered = share[need > TINY].sum(axis=0)
        cost = _premium(st, offers, traj)
        weight = scarcity * max(float(np.median(np.maximum(cost, 0.0))), 1.0)  # a slot
        value = covered / (np.maximum(cost, 0.0) + weight)
        if value.max() <= TINY:
            return False
        _commit_best(st, offers, start, traj, value, cut, need)


def _commit_best(st, offers, start, traj, value, cut, need) -> None:
    """Commit the best switch, and with it the next best ones while they still fit (their
    part, supplier, start slot and budget untouched by the ones before) and the breach is not
    yet covered: one evaluation of the candidates serves several switches."""
    inst = st.inst
    order = np.argsort(-value, kind="stable")
    batch = 1 if offers.size < 1000 else offers.size // 100  # small: one at a time
    left = need.copy()
    parts, suppliers = set(), set()
    c_of, s_of = inst.col("c"), inst.col("s")
    for n, i in enumerate(order[:batch]):
        o, t0 = int(offers[i]), int(start[i])
        if value[i] <= TINY or (n and (left <= TINY).all()):
            break
        if n and (c_of[o] in parts or s_of[o] in suppliers or not _affordable(st, o, t0)):
            continue
        _commit(st, o, t0, traj[i])
        parts.add(c_of[o])
        suppliers.add(s_of[o])
        left = left - cut[:, i]


def _new_parts(st: _State) -> bool:
    """Parts with no incumbent are bought from offers ready in the first period, cheapest
    first. False when one cannot be covered."""
    inst = st.inst
    c_of = inst.col("c")
    for c in np.nonzero(inst.incumbent_offer < 0)[0]:
        if (np.abs(st.d.share[c_of == c].sum(axis=0) - 1.0) <= 1e-6).all():
            continue  # bought already (kept awards)
        rest = 1.0
        offers = np.nonzero((c_of == c) & (inst.first_ready() == 0))[0]
        for o in offers[np.argsort(st.price[offers], kind="stable")]:
            if rest <= TINY:
                break
            demand = inst.demand[c]
            with np.errstate(divide="ignore", invalid="ignore"):
                cap = np.where(demand > 0, inst.col("cap")[o] / demand, 1.0).min()
            take = min(rest, cap, float(inst.col("max_share")[o]), float(inst.col("max_ramp")[o]))
            if take <= TINY or not _affordable(st, o, 0):
                continue
            traj = np.full(inst.T, take)
            st.d.share[o] = 0.0
            _commit(st, int(o), 0, traj)
            rest -= take
        if rest > 1e-6:
            return False
    return True


def _affordable(st: _State, o: int, t0: int) -> bool:
    """Whether offer o's qualification can start in exactly t0 (the same rules as _starts,
    for one offer: called for every switch of a batch)."""
    inst = st.inst
    s = int(inst.col("s")[o])
    if t0 < max(int(inst.col("earliest")[o]), st.floor) or t0 > int(inst.last_start()[o]):
        return False
    boarded = int(st.d.onboard[s])
    if boarded >= 0 and t0 < boarded:
        return False
    need = float(inst.col("switching")[o])
    if inst.supplier_is_new[s] and boarded < 0:
        need += float(inst.supplier_onboarding[s])
    length = max(int(inst.col("lead")[o]), 1)
    return bool(
        st.slots[t0] >= 1
        and st.budget[t0] >= need - TINY
        and st.running[t0 : t0 + length].min() >= 1
    )


def _tiers(start: _State, best: _State, target: np.ndarray, scarcity: float) -> _State:
    """Cross tariff tiers where the duty saved pays for the switches: for each product (most
    duty at stake first), reach Vietnamese origin where its origin depends on its RVC, and
    hold its share under each tier's bound, from the earliest period that can be met (found
    by bisection: later is always easier), planning again from the start so that early slots
    go to the switches that matter most."""
    inst = start.inst
    bounds = inst.tier_bound - inst.tariff_margin - EPS
    goal = (target.copy(), start.nonorig_goal.copy())
    worst = np.maximum(inst.tier_rate[:, :, -1], inst.foreign_rate[:, :, -1])
    at_stake = (inst.tariff_base() * (worst - inst.tier_rate[:, :, 0])).sum(1)
    matters = inst.origin_matters()
    r = inst.origin_rvc_min if inst.origin_rvc_min is not None else 0.0
    for p in np.argsort(-at_stake, kind="stable"):
        steps: list[tuple[str, int]] = []
        if matters[p].any():
            steps.append(("origin", -1))
        steps += [("tier", k) for k in range(inst.K - 2, -1, -1)]
        for kind, k in steps:
            bill = billing(inst, best.fig)
            if kind == "origin":
                paying = ~bill.vn[p] & matters[p]
            else:
                paying = bill.vn[p] & (bill.tier[p] > k)
            periods = np.nonzero(paying & (inst.tariff_base()[p] > 0))[0]
            if periods.size == 0:
                continue

            def attempt(t_from: int, goal=goal, p=p, k=k, kind=kind) -> _State | None:
                shares, nonorig = goal[0].copy(), goal[1].copy()
                if kind == "origin":
                    nonorig[p, t_from:] = np.fmin(nonorig[p, t_from:], 1 - r - EPS)
                else:
                    shares[p, t_from:] = np.minimum(
                        np.nan_to_num(shares[p, t_from:], nan=1.0), bounds[p, t_from:, k]
                    )
                for level in dict.fromkeys((scarcity, SCARCITY[-1])):
                    trial = start.copy()
                    trial.nonorig_goal = nonorig
                    if _meet(trial, shares, level):
                        trial.goal = (shares, nonorig)
                        return trial
                return None

            lo, hi = int(periods[0]), inst.T  # find the earliest period that can be met
            found = None
            while lo < hi:
                mid = (lo + hi) // 2
                trial = attempt(mid)
                if trial is not None:
                    found, hi = trial, mid
                else:
                    lo = mid + 1
            if found is not None and _cost(found) < _cost(best) - 1.0:
                best, goal = found, found.goal
    return best


def _cost(st: _State) -> float:
    """Material (fractional units) + one-time + tariff at the planned tiers."""
    inst = st.inst
    d = st.d
    material = float((d.share * inst.demand[inst.col("c")] * st.price[:, None]).sum())
    one_time = float(inst.col("switching")[d.start >= 0].sum())
    one_time += float(inst.supplier_onboarding[d.onboard >= 0].sum())
    tariff = float(billing(inst, st.fig).tariff.sum())
    return material + one_time + tariff


def _savings(st: _State) -> None:
    """Switches that pay for themselves (a cheaper quote, or a duty saved), best first."""
    inst = st.inst
    while True:
        offers, start, traj = _candidates(st, inst.T - 1)
        if offers.size == 0:
            return
        current = _cost(st)
        premium = _premium(st, offers, traj)
        order = np.argsort(premium, kind="stable")[:50]  # the cheapest few, then re-evaluate
        taken = False
        for i in order:
            trial = st.copy()
            _commit(trial, int(offers[i]), int(start[i]), traj[i])
            if _cost(trial) < current - 1.0 and _holds(trial):
                st.__dict__.update(trial.__dict__)
                taken = True
                break
        if not taken:
            return


def _holds(st: _State) -> bool:
    """Every cap and the origin rule (not the optional origin goals) still hold."""
    inst = st.inst
    target = np.broadcast_to(inst.china_cap - inst.cap_margin - EPS, (inst.P, inst.T))
    if (_breach(st, target) > TINY).any():
        return False
    if inst.settings.rvc_min is None:
        return True
    over = st.fig["nonorig"] / inst.fob[:, None] - (1 - inst.settings.rvc_min)
    return not ((over > TINY) & (inst.volume > 0))[:, st.kept :].any()


def _keep(
    st: _State,
    forced: list[tuple[int, int]],
    floor: int,
    kept: np.ndarray | None,
    onboards: list[tuple[int, int]],
) -> None:
    """What happened before `floor`: the onboardings, the started qualifications (each still
    running from `floor` on takes its place among the qualifications in progress then), and
    the awards `kept` (O x floor, NaN where left free): each offer holds its last kept share
    from `floor` on, its incumbent the rest, until the ramps below raise it."""
    inst = st.inst
    for s, t in onboards:
        st.d.onboard[s] = t
    lead = inst.col("lead")
    for o, t0 in forced:
        st.d.start[o] = t0
        st.used[o] = True
        st.running[max(t0, floor) : t0 + max(int(lead[o]), 1)] -= 1
        s = inst.col("s")[o]
        if inst.supplier_is_new[s] and st.d.onboard[s] < 0:
            st.d.onboard[s] = t0
    if kept is None or floor == 0:
        return
    st.kept = floor
    share = st.d.share
    c_of = inst.col("c")
    fixed = ~np.isnan(kept)
    share[:, :floor] = np.where(fixed, kept, share[:, :floor])
    last = fixed[:, -1]
    parts = np.unique(c_of[last])
    inc = inst.incumbent_offer
    for o, _ in forced:
        if last[o]:
            share[o, floor:] = kept[o, -1]
    for c in parts:
        if inc[c] >= 0:
            others = (c_of == c) & (np.arange(inst.O) != inc[c])
            share[inc[c], floor:] = max(1.0 - float(share[others, floor].sum()), 0.0)
    st.load = np.zeros((inst.S, inst.T))
    np.add.at(st.load, inst.col("s"), share * inst.demand[c_of])
    st.fig = figures(inst, share)


def first_plan(
    inst: Instance,
    forced: Sequence[tuple[int, int]] = (),
    floor: int = 0,
    kept: np.ndarray | None = None,
    onboards: Sequence[tuple[int, int]] = (),
) -> tuple[Decisions, bool]:
    """The look-ahead plan and whether it meets every limit (False: caps or the origin rule
    are still broken where no early-enough switch was left; the caller repairs it).

    What has happened already (a stress test): `forced`, the qualifications (offer, start
    period) that have started, kept as they are; `floor`: no other qualification starts
    before this period; `kept` (O x floor shares, NaN where free): the awards of the periods
    before `floor`; `onboards`: (supplier, period) onboarded then."""
    st = _State(inst)
    _keep(st, list(forced), floor, kept, list(onboards))
    for o, t0 in forced:
        c = inst.col("c")[o]
        held = st.d.share[[o]] if kept is not None else None
        traj = _trajectories(st, np.array([o]), np.array([t0]), held, floor * (kept is not None))
        traj = traj[0]
        if inst.incumbent_offer[c] < 0 and traj.sum() <= TINY:
            traj = np.zeros(inst.T)
        _commit(st, int(o), int(t0), traj, limits=False)
    st.floor = floor
    if not _new_parts(st):
        return st.d, False
    target = np.broadcast_to(inst.china_cap - inst.cap_margin - EPS, (inst.P, inst.T)).copy()
    best, failed, level = None, st, SCARCITY[0]
    for scarcity in SCARCITY:
        trial = st.copy()
        if _meet(trial, target, scarcity):
            if best is None or _cost(trial) < _cost(best):
                best, level = trial, scarcity
        else:
            failed = trial
    if best is None:
        return failed.d, False
    best = _tiers(st, best, target, level)
    _savings(best)
    return best.d, True
