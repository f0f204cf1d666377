"""How sure the plan is, in one sentence: proven best within the project's gap, or how much
may remain (the bound and the gap), and what ended the search. The headline on screen, page
1 of the printed plan and the workbook's summary all say this sentence."""

from __future__ import annotations

from planner.plan import Plan, StoppedBy
from planner.report import fmt


def _w(lang: str, en: str, vi: str) -> str:
    return vi if lang == "vi" else en


def proven(plan: Plan, mip_gap: float) -> bool:
    """Proven best within the project's `mip_gap` (the bound says so)."""
    if plan.status.value == "optimal":
        return True
    return plan.gap is not None and plan.gap <= mip_gap + 1e-12


def certainty(plan: Plan, mip_gap: float, currency: str = "USD", lang: str = "en") -> str:
    """One sentence: proven, or "not proven best: at most $X (Y%) may remain", and why the
    search ended when that can change the plan (the clock, Cancel)."""

    def money(v: float) -> str:
        return fmt.money(v, lang, currency)

    parts = []
    if proven(plan, mip_gap):
        if plan.best_bound is not None and plan.gap is not None:
            parts.append(
                _w(
                    lang,
                    f"Proven best within {fmt.pct(plan.gap, lang, 2)}: no plan costs less "
                    f"than {money(plan.best_bound)}.",
                    f"Đã chứng minh tốt nhất trong phạm vi {fmt.pct(plan.gap, lang, 2)}: "
                    f"không kế hoạch nào rẻ hơn {money(plan.best_bound)}.",
                )
            )
        else:
            parts.append(_w(lang, "Proven best.", "Đã chứng minh tốt nhất."))
    elif plan.best_bound is not None and plan.gap is not None and plan.total_cost is not None:
        room = max(0.0, plan.total_cost - plan.best_bound)
        parts.append(
            _w(
                lang,
                f"Not proven best: at most {money(room)} ({fmt.pct(plan.gap, lang, 2)}) may "
                f"remain; no plan costs less than {money(plan.best_bound)}.",
                f"Chưa chứng minh tối ưu: có thể còn tối đa {money(room)} "
                f"({fmt.pct(plan.gap, lang, 2)}); không kế hoạch nào rẻ hơn "
                f"{money(plan.best_bound)}.",
            )
        )
    else:
        parts.append(
            _w(
                lang,
                "Not proven best: no bound on the best possible plan was found.",
                "Chưa chứng minh tối ưu: chưa tìm được cận dưới của kế hoạch tốt nhất.",
            )
        )
    if plan.stopped_by == StoppedBy.CLOCK:
        parts.append(
            _w(
                lang,
                "The time limit ended the search before its planned work was done, so another "
                "run may give another plan; allow more time for one plan on every run.",
                "Giới hạn thời gian đã dừng tìm kiếm trước khi làm xong phần việc đã định, nên "
                "lần chạy khác có thể cho kế hoạch khác; hãy cho thêm thời gian để mọi lần "
                "chạy cho cùng một kế hoạch.",
            )
        )
    elif plan.stopped_by == StoppedBy.CANCEL:
        parts.append(
            _w(
                lang,
                "Planning was cancelled: this is the best plan found until then.",
                "Đã hủy lập kế hoạch: đây là kế hoạch tốt nhất tìm được đến lúc đó.",
            )
        )
    return " ".join(parts)


__all__ = ["certainty", "proven"]
