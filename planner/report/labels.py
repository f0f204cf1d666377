"""Every word the plan's documents show, in English and Vietnamese (one place to translate)."""

from __future__ import annotations

from planner.io.marks import PLAN_SHEETS

# key -> (English, Vietnamese)
LABELS: dict[str, tuple[str, str]] = {
    # columns
    "period": ("Period", "Kỳ"),
    "kind": ("Action", "Hành động"),
    "component_id": ("Part", "Linh kiện"),
    "description": ("Description", "Mô tả"),
    "supplier_id": ("Supplier", "Nhà cung cấp"),
    "supplier_name": ("Supplier name", "Tên nhà cung cấp"),
    "country": ("Country", "Quốc gia"),
    "one_time_cost": ("One-time cost", "Chi phí một lần"),
    "ready_period": ("Ready from", "Sẵn sàng từ"),
    "share_from": ("Share from", "Tỷ lệ từ"),
    "share_to": ("Share to", "Tỷ lệ đến"),
    "share": ("Share", "Tỷ lệ"),
    "units": ("Units", "Số lượng"),
    "unit_price": ("Unit price", "Đơn giá"),
    "cost": ("Cost", "Chi phí"),
    "is_incumbent": ("Incumbent", "Nhà cung cấp hiện tại"),
    "material_cost": ("Material cost", "Chi phí vật tư"),
    "tariff_cost": ("Tariff cost", "Chi phí thuế"),
    "total_cost": ("Total cost", "Tổng chi phí"),
    "budget": ("Budget", "Ngân sách"),
    "budget_used": ("Budget used", "Ngân sách đã dùng"),
    "qualification_slots": ("Qualification slots", "Số phê duyệt tối đa"),
    "slots_used": ("Slots used", "Số phê duyệt đã dùng"),
    "in_progress": ("Qualifications running", "Phê duyệt đang chạy"),
    "in_progress_limit": ("Engineering can run", "Kỹ thuật chạy được"),
    "product_id": ("Product", "Sản phẩm"),
    "china_content_usd": ("Chinese content per unit", "Hàm lượng TQ mỗi đơn vị"),
    "china_share": ("Chinese share", "Tỷ lệ TQ"),
    "cap": ("Cap (glide path)", "Trần (lộ trình)"),
    "rvc": ("RVC", "Hàm lượng giá trị khu vực (RVC)"),
    "tariff_tier": ("Tariff tier", "Bậc thuế"),
    "tariff_rate": ("Tariff rate", "Thuế suất"),
    "capacity": ("Capacity", "Công suất"),
    "units_in": ("Units {p}", "Số lượng {p}"),
    "spend": ("Spend", "Chi tiêu"),
    "currency": ("Currency", "Tiền tệ"),
    "spend_share": ("Share of spend", "Tỷ lệ chi tiêu"),
    "parts": ("Parts", "Số linh kiện"),
    "min_units": ("MOQ (units a quarter)", "MOQ (đơn vị mỗi kỳ)"),
    "qualification_start": ("Qualification starts", "Bắt đầu phê duyệt"),
    "first_delivery": ("First delivery", "Giao hàng đầu tiên"),
    "usable": ("Usable capacity", "Công suất được dùng"),
    "utilisation": ("Utilisation", "Mức sử dụng"),
    "item": ("Item", "Mục"),
    "value": ("Value", "Giá trị"),
    "yes": ("yes", "có"),
    "no": ("no", "không"),
    "unlimited": ("unlimited", "không giới hạn"),
    "none": ("none", "không có"),
    "beyond_horizon": ("after the horizon", "sau kỳ cuối"),
    # reasons, limits, tariffs (plan.reasons, plan.limits, plan.content)
    "premium": ("Premium over the horizon", "Chênh lệch giá cả kỳ"),
    "tariff_saved": ("Share of duty kept off", "Phần thuế tránh được"),
    "needed_for": ("Needed for", "Cần cho"),
    "needed_period": ("Needed from", "Cần từ"),
    "reason": ("Why", "Lý do"),
    "family": ("Limit", "Giới hạn"),
    "unit": ("One more", "Thêm một"),
    "limit_value": ("Saves", "Tiết kiệm"),
    "limit_text": ("What it is worth", "Giá trị"),
    "need_tariff": ("tariff threshold", "ngưỡng thuế"),
    "need_cap": ("glide path cap", "trần lộ trình"),
    "need_origin": ("rule of origin", "quy tắc xuất xứ"),
    "need_price": ("cheaper quote", "báo giá rẻ hơn"),
    "need_new_part": ("new part", "linh kiện mới"),
    "need_choice": ("a choice among equals", "lựa chọn ngang nhau"),
    "fam_budget": ("One-time budget", "Ngân sách một lần"),
    "fam_qualification_slots": ("Qualification slots", "Số phê duyệt mới"),
    "fam_qualifications_in_progress": (
        "Qualifications in progress",
        "Số phê duyệt đang chạy",
    ),
    "fam_china_cap": ("Glide path cap", "Trần lộ trình TQ"),
    "fam_rvc_min": ("Least RVC", "RVC tối thiểu"),
    "fam_supplier_capacity": ("Supplier capacity", "Công suất nhà cung cấp"),
    "unit_budget": ("$10,000", "10.000 USD"),
    "unit_qualification_slots": ("1 slot", "1 lượt"),
    "unit_qualifications_in_progress": ("1 qualification", "1 phê duyệt"),
    "unit_china_cap": ("1 point", "1 điểm"),
    "unit_rvc_min": ("1 point", "1 điểm"),
    "unit_supplier_capacity": ("1,000 units", "1.000 đơn vị"),
    "switches": ("Switches", "Số chuyển đổi"),
    "vn_spend_share": ("Vietnamese share of spend", "Tỷ lệ chi tiêu tại VN"),
    "schedule": ("Tariff schedule", "Biểu thuế"),
    "origin": ("Origin", "Xuất xứ"),
    "origin_vn": ("VN", "VN"),
    "origin_not_vn": ("not VN", "không phải VN"),
    "tier_bound": ("Tier bound", "Ngưỡng bậc"),
    "tier_margin": ("Room to the bound", "Khoảng cách tới ngưỡng"),
    "cap_margin": ("Room to the cap", "Khoảng cách tới trần"),
    "duty_at_stake": ("Duty if it slips over the bound", "Thuế thêm nếu vượt ngưỡng"),
    "us_value": ("Shipped to the US", "Giá trị xuất sang Mỹ"),
    # the margins and their price
    "margin_setting": ("Margin", "Biên"),
    "margin": ("Kept", "Mức giữ"),
    "cost_with": ("Plan cost", "Chi phí kế hoạch"),
    "cost_without": ("Cost without it", "Chi phí khi không có biên"),
    "margin_price": ("Its price", "Giá của biên"),
    "price_low": ("Best plans differ by at least", "Chênh lệch tối thiểu"),
    "price_high": ("at most", "tối đa"),
    "tariff_full": ("Duty before pass-through", "Thuế trước chia sẻ"),
    "regime_change": ("tariff change", "đổi biểu thuế"),
    "content_title": (
        "Chinese share, RVC and tariff per product and period",
        "Tỷ lệ TQ, RVC và thuế theo sản phẩm và kỳ",
    ),
    # convergence (live, on screen)
    "convergence": ("Search progress", "Tiến trình tìm kiếm"),
    "best_cost": ("Best plan", "Kế hoạch tốt nhất"),
    "bound": ("Bound", "Cận dưới"),
    "elapsed": ("seconds", "giây"),
    # printed plan: the decision, the reasons, the appendix
    "decision": ("The decision", "Quyết định"),
    "why_title": (
        "Why each switch, and what the limits are worth",
        "Lý do chuyển đổi và giá trị của các giới hạn",
    ),
    "limits_title": (
        "What one more unit of each binding limit is worth",
        "Giá trị khi nới thêm mỗi giới hạn đang chạm",
    ),
    "no_limits": (
        "No limit binds: loosening one would not make the plan cheaper.",
        "Không giới hạn nào đang chạm: nới thêm không làm kế hoạch rẻ hơn.",
    ),
    "by_reason_title": ("Switches by what needs them", "Chuyển đổi theo nhu cầu"),
    "why_note": (
        "Each switch is listed once, with its reason, in the phase it starts.",
        "Mỗi chuyển đổi được liệt kê một lần, kèm lý do, trong giai đoạn nó bắt đầu.",
    ),
    "appendix": ("Appendix: how the plan was computed", "Phụ lục: cách tính kế hoạch"),
    "appendix_note": (
        "Every figure of this plan was recomputed by an independent checker before printing.",
        "Mọi số liệu của kế hoạch đã được bộ kiểm tra độc lập tính lại trước khi in.",
    ),
    # action kinds
    "onboard": ("Onboard supplier", "Đánh giá nhà cung cấp mới"),
    "start_qualification": ("Start qualification", "Bắt đầu phê duyệt"),
    "ramp": ("Ramp", "Chuyển dần tỷ lệ"),
    # sheets / sections (the plan sheets' titles live with the workbook marks)
    **{f"sheet_{key}": titles for key, titles in PLAN_SHEETS.items()},
    "chart_title": (
        "Chinese share per product against the glide path",
        "Tỷ lệ TQ theo sản phẩm so với lộ trình trần",
    ),
    "phase_plan": ("Phase plan", "Kế hoạch theo giai đoạn"),
    "content_chart": (
        "Chinese content against the glide path and tariff thresholds",
        "Hàm lượng Trung Quốc so với lộ trình trần và ngưỡng thuế",
    ),
    "gantt": ("Qualifications and ramps", "Phê duyệt và chuyển dần"),
    "allocation_title": ("Allocation by part and period", "Phân bổ theo linh kiện và kỳ"),
    "headline": ("Headline figures", "Số liệu chính"),
    "assumptions": ("Assumptions", "Giả định"),
    "phase": ("Phase", "Giai đoạn"),
    "starts": ("Qualifications started, and why", "Bắt đầu phê duyệt và lý do"),
    "onboards": ("Suppliers onboarded", "Nhà cung cấp mới"),
    "ramps": ("Ramps", "Chuyển dần tỷ lệ"),
    "limits": ("Budget and slots", "Ngân sách và số phê duyệt"),
    "nothing_this_phase": (
        "No qualification starts and no share changes in this period.",
        "Không có phê duyệt mới và không thay đổi tỷ lệ trong kỳ này.",
    ),
    "no_switch": (
        "No part changes supplier in this plan.",
        "Không linh kiện nào đổi nhà cung cấp trong kế hoạch này.",
    ),
    # charts
    "glide_path": ("Glide path (cap)", "Lộ trình trần TQ"),
    "tariff_line": ("≤ {share}: tariff {rate}", "≤ {share}: thuế {rate}"),
    "tariff_threshold": ("Tariff threshold", "Ngưỡng thuế"),
    "tariff_above": ("above: tariff {rate}", "cao hơn: thuế {rate}"),
    "qualification": ("Qualification", "Phê duyệt"),
    "ramp_share": ("Share with new supplier", "Tỷ lệ của nhà cung cấp mới"),
    "ready": ("ready", "sẵn sàng"),
    "page": ("Page {n} / {total}", "Trang {n} / {total}"),
    "generated": ("Generated {date}", "Lập ngày {date}"),
    "continued": ("(continued)", "(tiếp theo)"),
    "app_name": ("Supplier Localization Planner", "Kế hoạch nội địa hóa nhà cung cấp"),
    # printed plan
    "new_supplier": ("New supplier", "Nhà cung cấp mới"),
    "margins_caption": (
        "What each margin kept below a bound costs (the plan planned again without it)",
        "Giá của từng biên an toàn (lập lại kế hoạch khi không có biên)",
    ),
    "countries_caption": (
        "Share of each quarter's material spend by the supplier's country",
        "Tỷ lệ chi phí vật tư mỗi kỳ theo nước của nhà cung cấp",
    ),
    "buffers_title": (
        "Margins kept and spend by country",
        "Biên an toàn và chi tiêu theo nước",
    ),
    "periods_title": (
        "Costs, budget and qualification slots per period",
        "Chi phí, ngân sách và số phê duyệt theo kỳ",
    ),
    "allocation_note": (
        "Share of each part's volume per period, for every supplier that has some; "
        "* marks the current supplier.",
        "Tỷ lệ sản lượng của mỗi linh kiện theo kỳ, cho mọi nhà cung cấp có phân bổ; "
        "* là nhà cung cấp hiện tại.",
    ),
}


def label(key: str, lang: str = "en", **values: object) -> str:
    """The word for `key` in `lang`; unknown keys show as themselves (never crash a report)."""
    en, vi = LABELS.get(key, (key, key))
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text


# scenarios compared (planner/scenarios/view.py)
LABELS.update(
    {
        "comparison": ("Comparison", "So sánh"),
        "comparison_title": ("Scenarios side by side", "So sánh các kịch bản"),
        "cmp_summary": ("Costs and results", "Chi phí và kết quả"),
        "cmp_shares": (
            "Chinese share and RVC per product and period",
            "Tỷ lệ TQ và RVC theo sản phẩm và kỳ",
        ),
        "cmp_parts": (
            "Supplier and quarter each part moves in",
            "Nhà cung cấp và quý chuyển đổi của từng linh kiện",
        ),
        "cmp_measure": ("Figure", "Chỉ số"),
        "cmp_explanation": ("Why no plan", "Lý do không có kế hoạch"),
        "cmp_from": ("{supplier} from {period}", "{supplier} từ {period}"),
        "cmp_stays": ("stays", "giữ nguyên"),
        "cmp_note": (
            "Bold cells differ from the first column.",
            "Ô in đậm khác với cột đầu tiên.",
        ),
        "status_optimal": ("optimal", "tối ưu"),
        "status_feasible": ("feasible", "khả thi"),
        "status_infeasible": ("no plan", "không có kế hoạch"),
        "status_error": ("error", "lỗi"),
        "status_invalid": ("errors in the scenario", "kịch bản có lỗi"),
        "status_no_plan": ("no plan found", "không tìm được kế hoạch"),
        "cmp_current_plan": ("Plan as it is", "Kế hoạch hiện tại"),
        "status_cancelled": ("cancelled", "đã hủy"),
        "status_timeout": ("no plan in time", "không kịp lập kế hoạch"),
        "cmp_china": ("Chinese share", "Tỷ lệ TQ"),
        "cmp_rvc": ("RVC", "RVC"),
    }
)

# what changed between two plans (planner/report/changes.py) and the sign-off page (signoff.py)
LABELS.update(
    {
        "changes_title": ("What changed since {old}", "Thay đổi so với {old}"),
        "changes_parts": ("Parts that move", "Linh kiện thay đổi"),
        "changes_suppliers": (
            "Suppliers added, dropped or moved",
            "Nhà cung cấp thêm, bỏ hoặc đổi kỳ",
        ),
        "changes_money": ("Money by quarter: change", "Chi phí theo kỳ: chênh lệch"),
        "changes_limits": (
            "Limits that bind anew or no longer",
            "Giới hạn mới chạm hoặc không còn chạm",
        ),
        "no_changes_parts": (
            "No part changes supplier or quarter.",
            "Không linh kiện nào đổi nhà cung cấp hay kỳ chuyển đổi.",
        ),
        "change": ("Change", "Thay đổi"),
        "start": ("Starts", "Bắt đầu"),
        "onboard_in": ("Onboarded", "Tiếp nhận"),
        "col_in": ("{what} {name}", "{what} {name}"),
        "money_change": ("{what}: change", "{what}: chênh lệch"),
        "one_time_change": ("One-time cost change", "Chênh lệch chi phí một lần"),
        "kind_material": ("Material", "Vật tư"),
        "kind_one_time": ("One-time", "Một lần"),
        "kind_duty": ("Duty", "Thuế"),
        "kind_total": ("Total", "Tổng"),
        "horizon_total": ("Horizon", "Cả kỳ"),
        "chg_later": ("later", "muộn hơn"),
        "chg_earlier": ("earlier", "sớm hơn"),
        "chg_ready_later": ("ready later", "sẵn sàng muộn hơn"),
        "chg_ready_earlier": ("ready earlier", "sẵn sàng sớm hơn"),
        "chg_other_supplier": ("to another supplier", "sang nhà cung cấp khác"),
        "chg_new_switch": ("new switch", "chuyển đổi mới"),
        "chg_dropped_switch": ("switch dropped", "bỏ chuyển đổi"),
        "chg_added": ("added", "thêm"),
        "chg_dropped": ("dropped", "bỏ"),
        "chg_moved": ("onboarded in another quarter", "đổi kỳ tiếp nhận"),
        "chg_newly_binding": ("now binds", "nay chạm"),
        "chg_no_longer_binding": ("no longer binds", "không còn chạm"),
        # the sign-off page
        "signoff_title": ("For approval", "Trình duyệt"),
        "version": ("Version {n}", "Phiên bản {n}"),
        "not_approved": (
            "This plan is not yet an approved version.",
            "Kế hoạch này chưa phải là phiên bản đã duyệt.",
        ),
        "the_ask": ("The ask", "Nội dung đề nghị duyệt"),
        "ask_one_time": (
            "One-time money by quarter (switching and onboarding)",
            "Chi phí một lần theo kỳ (chuyển đổi và đánh giá)",
        ),
        "ask_onboard": ("Suppliers to onboard", "Nhà cung cấp cần tiếp nhận"),
        "no_onboard": ("No new supplier to onboard.", "Không có nhà cung cấp mới cần tiếp nhận."),
        "onboarding_cost": ("Onboarding cost", "Chi phí đánh giá"),
        "alternatives": (
            "The chosen scenario against its alternatives",
            "Kịch bản được chọn so với các phương án khác",
        ),
        "scenario": ("Scenario", "Kịch bản"),
        "china_share_last": ("Final Chinese share", "Tỷ lệ TQ cuối kỳ"),
        "verified": ("Checked", "Đã kiểm tra"),
        "chosen": ("(chosen)", "(được chọn)"),
        "risks": ("Risks and the money at stake", "Rủi ro và số tiền liên quan"),
        "no_risks": (
            "No limit binds and no share sits close to a threshold.",
            "Không giới hạn nào đang chạm và không tỷ lệ nào sát ngưỡng.",
        ),
        "risk": ("Risk", "Rủi ro"),
        "at_stake": ("At stake", "Số tiền liên quan"),
        "since_approved": (
            "What changed since the last approved version",
            "Thay đổi so với phiên bản đã duyệt gần nhất",
        ),
        "first_version": (
            "No version approved yet: this would be the first.",
            "Chưa có phiên bản nào được duyệt: đây sẽ là phiên bản đầu tiên.",
        ),
        "last_approved": (
            "Last approved: version {n}, {date}, by {by}.",
            "Lần duyệt gần nhất: phiên bản {n}, ngày {date}, bởi {by}.",
        ),
        "approved_by": ("Approved by", "Người duyệt"),
        "signature": ("Signature", "Chữ ký"),
        "sign_date": ("Date", "Ngày"),
        "more_rows": (
            "and {n} more in the section “What changed”",
            "và {n} dòng khác trong mục “Thay đổi”",
        ),
    }
)
