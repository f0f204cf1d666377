"""Fill resources/i18n/locplan_vi.ts with the Vietnamese texts below, then compile the .qm.

Run after `pyside6-lupdate` adds new source texts (see README, "Translations"):
    python resources/i18n/fill_vi.py
Texts already translated in the .ts (for instance in Qt Linguist) are kept.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TS = HERE / "locplan_vi.ts"
QM = HERE / "locplan_vi.qm"

VI: dict[str | tuple[str, str], str] = {
    "Plan of record": "Kế hoạch đã duyệt",
    "Re-plan from &actuals…": "Lập lại theo &thực tế…",
    "Re-plan from actuals": "Lập lại kế hoạch theo thực tế",
    "What happened up to the period chosen (version {n}'s decisions, corrected by the Actuals sheet) is kept as it happened; the rest of the horizon is planned again from there. Approve the result to make it the next version.": (
        "Những gì đã xảy ra đến hết kỳ được chọn (các quyết định của phiên bản {n}, sửa theo "
        "sheet Thực tế) được giữ nguyên; phần còn lại của kỳ kế hoạch được lập lại từ đó. "
        "Duyệt kết quả để thành phiên bản tiếp theo."
    ),
    "Happened through": "Đã xảy ra đến hết kỳ",
    "Re-plan": "Lập lại",
    "Note: {note}": "Ghi chú: {note}",
    "Re-planning from what happened through {p}…": "Đang lập lại theo thực tế đến hết {p}…",
    "Cannot re-plan": "Không lập lại được kế hoạch",
    "<b>Re-planned from what happened through {p}</b>, from version {n} of the plan of record: not approved yet (Plan > Approve this plan…).": (
        "<b>Đã lập lại theo thực tế đến hết {p}</b>, từ phiên bản {n} của kế hoạch đã duyệt: "
        "chưa được duyệt (Kế hoạch > Duyệt kế hoạch này…)."
    ),
    "Sunk (spent, no longer carried by the plan): {m}.": (
        "Chi phí chìm (đã chi, kế hoạch không dùng tiếp): {m}."
    ),
    "version {n}": "phiên bản {n}",
    "the plan shown": "kế hoạch đang hiển thị",
    "Comparing…": "Đang so sánh…",
    "No plan has been approved for this project. Plan it, then Plan > Approve this plan… keeps the plan as version 1 in the project workbook.": (
        "Dự án chưa có kế hoạch nào được duyệt. Hãy lập kế hoạch, rồi Kế hoạch > Duyệt kế "
        "hoạch này… lưu kế hoạch thành phiên bản 1 trong tệp dự án."
    ),
    "Compare": "So sánh",
    "with": "với",
    "Show what changed": "Xem thay đổi",
    "This plan becomes version {n} of the plan of record: its decisions, figures and the inputs it was planned from are kept in the project workbook, which is saved now. Total cost {total}.": (
        "Kế hoạch này trở thành phiên bản {n} của kế hoạch đã duyệt: các quyết định, số liệu "
        "và dữ liệu dùng để lập kế hoạch được lưu trong tệp dự án, tệp được lưu ngay bây giờ. "
        "Tổng chi phí {total}."
    ),
    "e.g. Nguyễn Văn An, procurement director": "vd. Nguyễn Văn An, giám đốc mua hàng",
    "What was decided, conditions, the meeting…": "Quyết định gì, điều kiện, cuộc họp…",
    "Approved by": "Người duyệt",
    "Note": "Ghi chú",
    "Approve": "Duyệt",
    "Approve this plan": "Duyệt kế hoạch này",
    "&Approve this plan…": "&Duyệt kế hoạch này…",
    "Showing the plan of record…": "Đang hiển thị kế hoạch đã duyệt…",
    "<b>Plan of record: version {n}</b>, approved by {by} on {on}.": (
        "<b>Kế hoạch đã duyệt: phiên bản {n}</b>, do {by} duyệt ngày {on}."
    ),
    "and {n} more": "và {n} mục khác",
    "<b>Out of date against its inputs</b>: the project changed since it was approved. Its figures are those of the project as it is now. Plan again (F5), or re-plan from what happened.": (
        "<b>Đã cũ so với dữ liệu</b>: dự án đã thay đổi từ khi kế hoạch được duyệt. Số liệu "
        "là của dự án hiện tại. Hãy lập kế hoạch lại (F5), hoặc lập lại theo thực tế."
    ),
    "Approved as version {n}: saving the project…": (
        "Đã duyệt thành phiên bản {n}: đang lưu dự án…"
    ),
    "Cannot approve": "Không duyệt được",
    "The plan of record does not hold in the project as it is now.": (
        "Kế hoạch đã duyệt không còn đúng với dự án hiện tại."
    ),
    "Version {0}": "Phiên bản {0}",
    "Stress test cancelled; the plan shown is unchanged.": (
        "Đã hủy kiểm tra sức chịu đựng; kế hoạch đang hiển thị giữ nguyên."
    ),
    "One-time budget per period ({currency})": "Ngân sách một lần mỗi kỳ ({currency})",
    "Uses the exchange rate set on the Settings & tariffs page.": (
        "Dùng tỷ giá đặt trên trang Thiết lập & thuế."
    ),
    "A plan found by a scenario or a stress test meets every limit of the project and costs "
    "less: it is the plan shown now (see the Plan page).": (
        "Một kế hoạch do kịch bản hoặc kiểm tra sức chịu đựng tìm ra đáp ứng mọi giới hạn của "
        "dự án và rẻ hơn: đó là kế hoạch đang hiển thị (xem trang Kế hoạch)."
    ),
    # the stable-award rules on the settings form
    "Stable awards: no share reverses": "Phân bổ ổn định: không đảo chiều tỷ lệ",
    "Least share of an award (0 = any)": "Tỷ lệ tối thiểu của một phân bổ (0 = bất kỳ)",
    "Margin below every cap and tariff bound": "Biên an toàn dưới mọi trần và ngưỡng thuế",
    "Share of the US tariff the factory bears": "Phần thuế Mỹ nhà máy chịu",
    "Set whether awards may reverse": "Đặt cho phép đảo chiều phân bổ",
    "Set the least share of an award": "Đặt tỷ lệ tối thiểu của phân bổ",
    "Set the margin below caps and tiers": "Đặt biên an toàn dưới trần và ngưỡng",
    "Set the share of the tariff borne": "Đặt phần thuế nhà máy chịu",
    # plan reasons, limits, tariffs, convergence
    "Why": "Lý do",
    "Vietnamese share of spend {vn}; the factory bears {share} of the US duty.": (
        "Tỷ lệ chi tiêu tại Việt Nam {vn}; nhà máy chịu {share} thuế Mỹ."
    ),
    "Tariff tiers by Chinese share are an assumption, not enacted law.": (
        "Bậc thuế theo tỷ lệ TQ là giả định, chưa phải luật đã ban hành."
    ),
    # issue 13: import you can trust, a plan never stale, a good first hour
    "Workbooks (*.xlsx *.xls *.ods);;Excel workbooks (*.xlsx *.xls);;"
    "OpenDocument spreadsheets (*.ods);;CSV files (*.csv);;All files (*)": (
        "Bảng tính (*.xlsx *.xls *.ods);;Tệp Excel (*.xlsx *.xls);;"
        "Bảng tính OpenDocument (*.ods);;Tệp CSV (*.csv);;Mọi tệp (*)"
    ),
    "A new project: <a href='open'>open a workbook</a>, <a href='sample'>open the sample "
    "project</a> or fill in the sheets on the left. <a href='guide'>User guide</a>": (
        "Dự án mới: <a href='open'>mở một tệp</a>, <a href='sample'>mở dự án mẫu</a> hoặc "
        "điền các sheet bên trái. <a href='guide'>Hướng dẫn sử dụng</a>"
    ),
    "Opened {name}. Saving writes a project workbook (.xlsx) beside it.": (
        "Đã mở {name}. Khi lưu sẽ ghi một tệp dự án (.xlsx) bên cạnh."
    ),
    "The plan is out of date": "Kế hoạch đã lỗi thời",
    "The project was edited after this plan was made, so the plan does not show the project "
    "as it is now. Write the out-of-date plan anyway?": (
        "Dự án đã được sửa sau khi lập kế hoạch này, nên kế hoạch không còn đúng với dự án "
        "hiện tại. Vẫn ghi kế hoạch lỗi thời?"
    ),
    "Not written: press Plan (F5) to plan the project as it is.": (
        "Chưa ghi: bấm Lập kế hoạch (F5) để lập kế hoạch cho dự án hiện tại."
    ),
    "New project: fill in the sheets, then Plan (F5).": (
        "Dự án mới: điền các sheet, rồi bấm Lập kế hoạch (F5)."
    ),
    "&New project": "Dự án &mới",
    "Open the &sample project": "Mở dự án &mẫu",
    "User &guide": "&Hướng dẫn sử dụng",
    "Replace the project's own values?": "Thay các giá trị sẵn có của dự án?",
    "The Periods sheet already has values in: {names}. Replace them?": (
        "Sheet Kỳ đã có giá trị ở: {names}. Thay các giá trị đó?"
    ),
    "The Tariffs sheet holds its own tiers; choose a preset to replace them.": (
        "Sheet Thuế có các bậc riêng; chọn một mẫu thuế để thay thế."
    ),
    "The Tariffs sheet's own tiers": "Các bậc riêng trong sheet Thuế",
    "User guide": "Hướng dẫn sử dụng",
    "The user guide is missing: {path}": "Thiếu tệp hướng dẫn sử dụng: {path}",
    "Close": "Đóng",
    "1 error": "1 lỗi",
    "{n} errors": "{n} lỗi",
    "1 warning": "1 cảnh báo",
    "{n} warnings": "{n} cảnh báo",
    "Problems: {errors}, {warnings}": "Vấn đề: {errors}, {warnings}",
    "This plan is out of date: the project was edited after it was planned. Press Plan (F5) "
    "to plan again; exports ask before writing this plan.": (
        "Kế hoạch này đã lỗi thời: dự án đã được sửa sau khi lập kế hoạch. Bấm Lập kế hoạch "
        "(F5) để lập lại; khi xuất sẽ hỏi trước khi ghi kế hoạch này."
    ),
    "Replace your workbook?": "Ghi đè sổ tính của bạn?",
    "Saving the project over {name} keeps every value in the tables, but not:": (
        "Lưu dự án đè lên {name} giữ mọi giá trị trong các bảng, nhưng không giữ:"
    ),
    "Save as a new project file instead? Your workbook then stays as it is.": (
        "Lưu thành tệp dự án mới thay vào đó? Sổ tính của bạn sẽ giữ nguyên."
    ),
    "Save as a new file…": "Lưu thành tệp mới…",
    "Replace {name}": "Ghi đè {name}",
    "{name} (project)": "{name} (dự án)",
    " and {n} more": " và {n} mục khác",
    "its formatting, formulas (their values are kept), comments and charts": (
        "định dạng, công thức (giữ giá trị của chúng), ghi chú và biểu đồ"
    ),
    "the plan sheets (export the plan again after planning)": (
        "các sheet kế hoạch (hãy xuất lại kế hoạch sau khi lập kế hoạch)"
    ),
    "the title rows above the headers in {sheets}": (
        "các dòng tiêu đề phía trên hàng tên cột trong {sheets}"
    ),
    "its own sheet and column names (saved as {names})": (
        "tên sheet và tên cột riêng (lưu thành {names})"
    ),
    "its own column headers (the project's are written)": (
        "tên cột riêng (ghi theo tên cột của dự án)"
    ),
    "the sheets a project does not use: {sheets}": "các sheet dự án không dùng: {sheets}",
    ("Plan", "verb"): "Lập kế hoạch",
    ("&Plan", "verb"): "&Lập kế hoạch",
    "OK": "Đồng ý",
    "Unsaved changes": "Thay đổi chưa lưu",
    "Save the changes to {name} before closing it?": "Lưu các thay đổi của {name} trước khi đóng?",
    "Save": "Lưu",
    "Don't save": "Không lưu",
    "Cancel": "Hủy",
    "Yes": "Có",
    "No": "Không",
    "Open project": "Mở dự án",
    "Open a folder of CSV files": "Mở thư mục chứa các tệp CSV",
    "Components": "Linh kiện",
    "Products": "Sản phẩm",
    "Bill of materials": "Định mức vật tư",
    "Suppliers": "Nhà cung cấp",
    "Offers": "Báo giá",
    "Periods": "Kỳ",
    "Volumes": "Sản lượng",
    "Tariffs": "Thuế",
    "Settings": "Thiết lập",
    "Part": "Linh kiện",
    "Description": "Mô tả",
    "Category": "Nhóm hàng",
    "HS code": "Mã HS",
    "Qty per unit": "Số lượng mỗi sản phẩm",
    "Current supplier": "Nhà cung cấp hiện tại",
    "Current country": "Xuất xứ hiện tại",
    "Current unit price (USD)": "Đơn giá hiện tại (USD)",
    "Current Chinese share": "Tỷ lệ TQ hiện tại",
    "Locked": "Khóa",
    "Product": "Sản phẩm",
    "Name": "Tên",
    "FOB price (USD)": "Giá FOB (USD)",
    "Share to the US": "Tỷ lệ xuất Mỹ",
    "Units per period": "Sản lượng mỗi kỳ",
    "Supplier": "Nhà cung cấp",
    "Country": "Quốc gia",
    "Province": "Tỉnh/thành",
    "Onboarding cost (USD)": "Chi phí đánh giá (USD)",
    "Capacity per period": "Công suất mỗi kỳ",
    "Unit price (USD)": "Đơn giá (USD)",
    "Chinese share": "Tỷ lệ TQ",
    "Lead time (periods)": "Thời gian phê duyệt (kỳ)",
    "Switching cost (USD)": "Chi phí chuyển đổi (USD)",
    "Largest ramp per period": "Mức tăng tối đa mỗi kỳ",
    "Earliest period": "Kỳ sớm nhất",
    "Period": "Kỳ",
    "One-time budget (USD)": "Ngân sách một lần (USD)",
    "Qualification slots": "Số phê duyệt tối đa",
    "Chinese share cap": "Trần tỷ lệ TQ",
    "Tariff applies": "Áp thuế",
    "Units": "Số lượng",
    "Chinese share up to": "Tỷ lệ TQ đến",
    "Tariff rate": "Thuế suất",
    "Setting": "Tham số",
    "Value": "Giá trị",
    "A column the planner does not use; it is kept as it is.": (
        "Cột không được dùng khi lập kế hoạch; vẫn được giữ nguyên."
    ),
    "Required.": "Bắt buộc.",
    "Scenario": "Kịch bản",
    "Plan": "Kế hoạch",
    "Fix the errors to plan (double-click one to go to its cell).": (
        "Hãy sửa các lỗi để lập kế hoạch (nhấp đúp vào một lỗi để đến ô của nó)."
    ),
    "Ready to plan.": "Sẵn sàng lập kế hoạch.",
    "Undo {what}": "Hoàn tác: {what}",
    "Undo": "Hoàn tác",
    "Redo {what}": "Làm lại: {what}",
    "Redo": "Làm lại",
    "Opening {name}…": "Đang mở {name}…",
    "Cannot open the file": "Không mở được tệp",
    "Opened {name}.": "Đã mở {name}.",
    "Recovered the unsaved changes.": "Đã khôi phục các thay đổi chưa lưu.",
    "Save project as": "Lưu dự án thành",
    "Project workbooks (*.xlsx)": "Sổ tính dự án (*.xlsx)",
    "Cannot save": "Không lưu được",
    "Saved {name}.": "Đã lưu {name}.",
    "Autosave failed: {why}": "Tự động lưu thất bại: {why}",
    "An autosave that could not be read was set aside: {details}": (
        "Một bản tự động lưu không đọc được đã được để riêng: {details}"
    ),
    "Cannot recover": "Không khôi phục được",
    "The copy of {name} saved automatically cannot be read: {why}": (
        "Không đọc được bản tự động lưu của {name}: {why}"
    ),
    "The project has errors: fix them first (see Problems).": (
        "Dự án còn lỗi: hãy sửa trước (xem bảng Vấn đề)."
    ),
    "Planning…": "Đang lập kế hoạch…",
    "Stopping: keeping the best plan found…": "Đang dừng: giữ kế hoạch tốt nhất đã tìm được…",
    "{elapsed} s of {limit} s": "{elapsed} / {limit} giây",
    "best {cost}": "tốt nhất {cost}",
    "bound {bound}": "cận dưới {bound}",
    "gap {gap}": "sai số {gap}",
    "Plan ready: {status}.": "Đã có kế hoạch: {status}.",
    "No plan: see the explanation on the Plan page.": (
        "Không có kế hoạch: xem giải thích ở trang Kế hoạch."
    ),
    "Planning failed": "Lập kế hoạch thất bại",
    "Awards": "Giao hàng theo NCC",
    "Margins and countries": "Biên an toàn và các nước",
    "Pricing the margins kept below the bounds…": "Đang tính giá các biên an toàn dưới ngưỡng…",
    "Planned in {s} s.": "Lập kế hoạch trong {s} giây.",
    "There is no checked plan to export yet.": "Chưa có kế hoạch đã kiểm tra để xuất.",
    "Export the plan to Excel": "Xuất kế hoạch ra Excel",
    "Excel workbooks (*.xlsx)": "Sổ tính Excel (*.xlsx)",
    "Cannot export": "Không xuất được",
    "Exported the plan to {name}.": "Đã xuất kế hoạch ra {name}.",
    "Export the phase plan to PDF": "Xuất kế hoạch theo giai đoạn ra PDF",
    "PDF documents (*.pdf)": "Tài liệu PDF (*.pdf)",
    "Wrote the phase plan to {name}.": "Đã ghi kế hoạch theo giai đoạn ra {name}.",
    "About": "Giới thiệu",
    "Supplier Localization Planner plans a phased switch of parts to local suppliers, "
    "quarter by quarter, within budget, qualification slots, capacity and a glide path of "
    "Chinese content.": (
        "Kế hoạch nội địa hóa nhà cung cấp lập lộ trình chuyển dần linh kiện sang nhà cung "
        "cấp trong nước theo từng quý, trong giới hạn ngân sách, số phê duyệt, công suất và "
        "lộ trình giảm hàm lượng Trung Quốc."
    ),
    "&Open…": "&Mở…",
    "Open a CSV &folder…": "Mở &thư mục CSV…",
    "&Save": "&Lưu",
    "Save &as…": "Lưu &thành…",
    "&Export plan to Excel…": "&Xuất kế hoạch ra Excel…",
    "Print pre&view…": "&Xem trước khi in…",
    "Export phase plan to &PDF…": "Xuất kế hoạch ra &PDF…",
    "&Quit": "T&hoát",
    "&Add row": "&Thêm dòng",
    "&Delete rows": "&Xóa dòng",
    "&Plan": "&Kế hoạch",
    "&Cancel planning": "&Hủy lập kế hoạch",
    "Show money in &VND": "Hiển thị tiền theo &VND",
    "&About": "&Giới thiệu",
    "Open the &log folder": "Mở thư mục &nhật ký",
    "Export Excel": "Xuất Excel",
    "Print preview": "Xem trước khi in",
    "Export PDF": "Xuất PDF",
    "Open": "Mở",
    "Uses the exchange rate in the scenario settings.": "Dùng tỷ giá trong thiết lập kịch bản.",
    "&File": "&Tệp",
    "Open &recent": "Mở &gần đây",
    "&Edit": "&Sửa",
    "&View": "&Xem",
    "&Language": "&Ngôn ngữ",
    "&Help": "Trợ &giúp",
    "Problems": "Vấn đề",
    "Main toolbar": "Thanh công cụ chính",
    "(not used)": "(không dùng)",
    "This sheet holds:": "Sheet này chứa:",
    "Reads as": "Đọc là",
    "(ignore)": "(bỏ qua)",
    "Required and not yet chosen: {names}": "Bắt buộc nhưng chưa chọn: {names}",
    "Every required column is chosen.": "Đã chọn đủ các cột bắt buộc.",
    "Choose a column for every required field (marked *) before reading, or set the sheet to "
    "(not used); Cancel opens the file as it was read. Not chosen: {what}": (
        "Hãy chọn cột cho mọi trường bắt buộc (có dấu *) trước khi đọc, hoặc đặt sheet là "
        "(không dùng); Hủy sẽ mở tệp như đã đọc. Chưa chọn: {what}"
    ),
    "This sheet will be ignored.": "Sheet này sẽ được bỏ qua.",
    "Match the columns": "Ghép cột",
    "Some sheets or columns of this file were not recognised. For each sheet, choose what it "
    "holds and what each column means. Required columns are marked *. Your answer is "
    "remembered for files with the same headers.": (
        "Một số sheet hoặc cột của tệp này không được nhận ra. Với mỗi sheet, hãy chọn nội dung "
        "của nó và ý nghĩa của từng cột. Cột bắt buộc có dấu *. Lựa chọn được ghi nhớ cho các "
        "tệp có cùng tiêu đề."
    ),
    "Not found: {what}": "Không tìm thấy: {what}",
    "Read with these columns": "Đọc theo các cột này",
    "This limit binds: it is fully used in this period.": (
        "Giới hạn này đã chạm: dùng hết trong kỳ này."
    ),
    "Filter rows (any column)…": "Lọc dòng (mọi cột)…",
    "No plan yet. Check the problems, then press Plan (F5).": (
        "Chưa có kế hoạch. Kiểm tra các vấn đề, rồi nhấn Lập kế hoạch (F5)."
    ),
    "No plan meets these limits.": "Không kế hoạch nào đáp ứng các giới hạn này.",
    "No plan was found in the time allowed.": "Không tìm được kế hoạch trong thời gian cho phép.",
    "Planning failed.": "Lập kế hoạch thất bại.",
    "No reason was reported.": "Không có lý do được báo.",
    "optimal": "tối ưu",
    "feasible": "khả thi",
    "<b>{name}</b>: {status} plan, checked independently.": (
        "<b>{name}</b>: kế hoạch {status}, đã kiểm tra độc lập."
    ),
    "Total cost {total}, against {nothing} for doing nothing.": (
        "Tổng chi phí {total}, so với {nothing} nếu giữ nguyên."
    ),
    "Total cost {total}.": "Tổng chi phí {total}.",
    "Tariffs saved {saved}; one-time spending {once}.": (
        "Thuế tiết kiệm {saved}; chi phí một lần {once}."
    ),
    "Summary": "Tóm tắt",
    "Phases": "Giai đoạn",
    "Gantt": "Biểu đồ Gantt",
    "Chinese content": "Hàm lượng TQ",
    "Allocation": "Phân bổ",
    "Supplier load": "Tải nhà cung cấp",
    "Severity": "Mức độ",
    "Sheet": "Sheet",
    "Row": "Dòng",
    "Column": "Cột",
    "Problem": "Vấn đề",
    "error": "lỗi",
    "warning": "cảnh báo",
    "note": "ghi chú",
    "Set the plan name": "Đặt tên kế hoạch",
    "Set the objective": "Đặt mục tiêu",
    "Set the time limit": "Đặt giới hạn thời gian",
    "Set the content basis": "Đặt cơ sở tính hàm lượng",
    "Set the least RVC": "Đặt RVC tối thiểu",
    "Set the incumbent's largest fall": "Đặt mức giảm tối đa của nhà cung cấp hiện tại",
    "Set the exchange rate": "Đặt tỷ giá",
    "Apply the tariff preset: {name}": "Áp dụng mẫu thuế: {name}",
    "Fill the glide path": "Điền lộ trình trần",
    "Fill budgets and qualification slots": "Điền ngân sách và số phê duyệt",
    "Fill budgets": "Điền ngân sách",
    "Fill qualification slots": "Điền số phê duyệt",
    "up to {share}: {rate}": "đến {share}: {rate}",
    "The plan": "Kế hoạch",
    "Plan name": "Tên kế hoạch",
    "Objective": "Mục tiêu",
    "Time limit (seconds)": "Giới hạn thời gian (giây)",
    "Chinese share measured on": "Tỷ lệ TQ tính trên",
    "Least regional value content (0 = none)": "RVC tối thiểu (0 = không có)",
    "Largest fall of an incumbent's share per period": (
        "Mức giảm tối đa mỗi kỳ của nhà cung cấp hiện tại"
    ),
    "Exchange rate (VND per USD, 0 = none)": "Tỷ giá (VND/USD, 0 = không có)",
    "Least total cost": "Tổng chi phí thấp nhất",
    "Least Chinese content, then least cost": "Ít hàm lượng TQ nhất, rồi chi phí thấp nhất",
    "FOB price": "Giá FOB",
    "Material cost": "Chi phí vật tư",
    "Tariff on US-bound units": "Thuế với hàng xuất Mỹ",
    "Apply to the Tariffs sheet": "Áp dụng vào sheet Thuế",
    "Glide path, budgets and slots for every period": (
        "Lộ trình trần, ngân sách và số phê duyệt cho mọi kỳ"
    ),
    "Chinese share cap, first period": "Trần tỷ lệ TQ, kỳ đầu",
    "Chinese share cap, last period": "Trần tỷ lệ TQ, kỳ cuối",
    "Periods to hold the first cap": "Số kỳ giữ trần ban đầu",
    "One-time budget per period (USD)": "Ngân sách một lần mỗi kỳ (USD)",
    "Qualification slots per period": "Số phê duyệt mỗi kỳ",
    "Fill the glide path into Periods": "Điền lộ trình trần vào sheet Kỳ",
    "Fill budgets and slots into Periods": "Điền ngân sách và số phê duyệt vào sheet Kỳ",
    "yes": "có",
    "no": "không",
    "Edit {sheet} row {row}, {column}": "Sửa {sheet} dòng {row}, {column}",
    "The clipboard holds too many cells to paste here.": "Bộ nhớ tạm có quá nhiều ô để dán.",
    "Paste into {sheet}": "Dán vào {sheet}",
    "Add rows": "Thêm dòng",
    "Paste": "Dán",
    "Clear cells in {sheet}": "Xóa ô trong {sheet}",
    "Add a row to {sheet}": "Thêm một dòng vào {sheet}",
    "Delete {n} rows from {sheet}": "Xóa {n} dòng khỏi {sheet}",
    "{n} rows": "{n} dòng",
    "{shown} of {n} rows": "{shown} / {n} dòng",
    "Add row": "Thêm dòng",
    "Delete rows": "Xóa dòng",
    "an untitled project": "một dự án chưa đặt tên",
    "Recover unsaved changes?": "Khôi phục thay đổi chưa lưu?",
    "The app closed without saving {name}. Open the copy saved automatically?": (
        "Ứng dụng đã đóng mà chưa lưu {name}. Mở bản được tự động lưu?"
    ),
    "Supplier Localization Planner": "Kế hoạch nội địa hóa nhà cung cấp",
    "In the Tariffs sheet now: {tiers}": "Sheet Thuế hiện có: {tiers}",
    "none": "không có",
    "Writing {name}…": "Đang ghi {name}…",
    "An export is still being written.": "Một tệp xuất vẫn đang được ghi.",
    "Saving {name}…": "Đang lưu {name}…",
    "Preparing the print preview…": "Đang chuẩn bị bản xem trước khi in…",
    "Cannot print": "Không in được",
    # scenarios in the app
    "Settings & tariffs": "Thiết lập & thuế",
    "What-if scenarios": "Kịch bản giả định",
    "Scenarios": "Kịch bản",
    "Row (key)": "Đối tượng (khóa)",
    "waiting for a free core": "chờ lõi CPU rảnh",
    "planning…": "đang lập…",
    "cancelled": "đã hủy",
    "base (the project as it is)": "base (dự án như hiện tại)",
    "Scenario name:": "Tên kịch bản:",
    "New scenario": "Kịch bản mới",
    "Add the scenario {name}": "Thêm kịch bản {name}",
    "{name} (copy)": "{name} (bản sao)",
    "base": "base",
    "Duplicate the scenario {name}": "Nhân bản kịch bản {name}",
    "The base is the project itself: it keeps its name.": (
        "Base chính là dự án: không đổi tên được."
    ),
    "Rename the scenario": "Đổi tên kịch bản",
    "A scenario named {name} exists already.": "Đã có kịch bản tên {name}.",
    "Rename the scenario {old} to {new}": "Đổi tên kịch bản {old} thành {new}",
    "The base is the project itself: it cannot be deleted.": (
        "Base chính là dự án: không xóa được."
    ),
    "Delete the scenario {name}": "Xóa kịch bản {name}",
    "Adds a new scenario named after the what-if.": (
        "Thêm một kịch bản mới, đặt tên theo giả định."
    ),
    "Adds rows to the scenario {name}.": "Thêm dòng vào kịch bản {name}.",
    "Budgets {change}": "Ngân sách {change}",
    "{supplier} {n} periods late": "{supplier} trễ {n} kỳ",
    "{supplier} capacity -{pct}%": "{supplier} giảm công suất {pct}%",
    "{product} volume {change}": "Sản lượng {product} {change}",
    "Add the what-if {what}": "Thêm giả định {what}",
    "Planning {n} scenarios, {k} at a time, each in its own process…": (
        "Đang lập {n} kịch bản, {k} kịch bản cùng lúc, mỗi kịch bản một tiến trình…"
    ),
    "{k} of {n} scenarios have a plan; cells that differ from the base are tinted.": (
        "{k}/{n} kịch bản có kế hoạch; ô khác với base được tô màu."
    ),
    "Plan the project first (F5): the stress test replans that plan.": (
        "Hãy lập kế hoạch trước (F5): kiểm tra sức chịu đựng lập lại kế hoạch đó."
    ),
    "Scenarios and what-ifs": "Kịch bản và giả định",
    "Plan and compare": "Lập và so sánh",
    "Trade-off curve": "Đường đánh đổi",
    "Scenarios (ticked ones are planned)": "Kịch bản (lập các kịch bản được đánh dấu)",
    "Add": "Thêm",
    "Duplicate": "Nhân bản",
    "Rename…": "Đổi tên…",
    "Delete": "Xóa",
    "What if…": "Giả sử…",
    "Tariffs follow a preset": "Thuế theo một mẫu có sẵn",
    "One-time budgets change by a percent": "Ngân sách một lần thay đổi theo %",
    "A supplier's qualification is late": "Phê duyệt một nhà cung cấp bị trễ",
    "A supplier loses capacity": "Một nhà cung cấp giảm công suất",
    "A product's volume changes by a percent": "Sản lượng một sản phẩm thay đổi theo %",
    "What changes": "Thay đổi gì",
    "Tariff preset": "Mẫu thuế",
    "Change (percent)": "Mức thay đổi (%)",
    "Periods late": "Số kỳ trễ",
    "Add the what-if": "Thêm giả định",
    "The Scenarios sheet: each row changes one cell of the base project in one scenario "
    "(a value, +x to add, *x to multiply). Edit it like any sheet.": (
        "Sheet Kịch bản: mỗi dòng thay đổi một ô của dự án gốc trong một kịch bản (một giá "
        "trị, +x để cộng, *x để nhân). Sửa như mọi sheet khác."
    ),
    "Plan all scenarios": "Lập mọi kịch bản",
    "Cancel all": "Hủy tất cả",
    "Time limit per scenario": "Thời gian mỗi kịch bản",
    "Print the comparison…": "In bảng so sánh…",
    "Stress test the plan…": "Kiểm tra sức chịu đựng…",
    "Costs and results": "Chi phí và kết quả",
    "Chinese share and RVC": "Tỷ lệ TQ và RVC",
    "Parts": "Linh kiện",
    "Tinted bold cells differ from the base; a grey column has no plan, and says why. The "
    "comparison is also written as a Comparison sheet when the plan is exported to Excel.": (
        "Ô in đậm tô màu khác với base; cột xám không có kế hoạch và ghi lý do. Bảng so sánh "
        "cũng được ghi thành sheet So sánh khi xuất kế hoạch ra Excel."
    ),
    "Plan the ticked scenarios side by side: {k} at a time on this computer.": (
        "Lập song song các kịch bản được đánh dấu: {k} kịch bản cùng lúc trên máy này."
    ),
    "{supplier}: {slip} periods late, {cut}% less capacity": (
        "{supplier}: trễ {slip} kỳ, giảm {cut}% công suất"
    ),
    "Replanning under the shock…": "Đang lập lại kế hoạch theo cú sốc…",
    "Replanned: the shock costs {cost} more over the horizon.": (
        "Đã lập lại: cú sốc làm tốn thêm {cost} trong cả giai đoạn."
    ),
    "No plan under the shock.": "Không có kế hoạch khi xảy ra cú sốc.",
    "Stress test the plan": "Kiểm tra sức chịu đựng của kế hoạch",
    "Slips by (periods)": "Trễ (số kỳ)",
    "Loses capacity": "Giảm công suất",
    "Keep what the plan started up to": "Giữ những gì kế hoạch đã bắt đầu đến kỳ",
    "Time limit": "Giới hạn thời gian",
    "Replan under the shock": "Lập lại theo cú sốc",
    "Fix the project's errors first: the curve plans the base project.": (
        "Hãy sửa lỗi của dự án trước: đường đánh đổi lập kế hoạch cho dự án gốc."
    ),
    "Planning {n} targets, {k} at a time…": "Đang lập {n} mục tiêu, {k} mục tiêu cùng lúc…",
    "Stopping: keeping the points planned so far…": "Đang dừng: giữ các điểm đã có kế hoạch…",
    "{k} of {n} targets have a plan. Click a point for its figures.": (
        "{k}/{n} mục tiêu có kế hoạch. Bấm vào một điểm để xem số liệu."
    ),
    "Final Chinese-share target": "Mục tiêu tỷ lệ TQ cuối",
    "Status": "Trạng thái",
    "Total cost": "Tổng chi phí",
    "Highest Chinese share, last period": "Tỷ lệ TQ cao nhất, kỳ cuối",
    "Price of each extra point": "Chi phí mỗi điểm thêm",
    "Best local offer": "Báo giá nội địa tốt nhất",
    "Premium per unit": "Chênh lệch giá mỗi đơn vị",
    "Chinese content removed per unit": "Hàm lượng TQ giảm mỗi đơn vị",
    "Tariff rate at which localising pays": "Thuế suất để nội địa hóa có lời",
    "Final target {target}: total cost {cost}, highest Chinese share in the last period {share}.": (
        "Mục tiêu cuối {target}: tổng chi phí {cost}, tỷ lệ TQ cao nhất ở kỳ cuối {share}."
    ),
    "Each point below the previous target costs {price}.": (
        "Mỗi điểm thấp hơn mục tiêu trước tốn {price}."
    ),
    "Final target from": "Mục tiêu cuối từ",
    "to": "đến",
    "step": "bước",
    "time per target": "thời gian mỗi mục tiêu",
    "Plan the curve": "Lập đường đánh đổi",
    "Final Chinese-share target (last period's cap)": "Mục tiêu tỷ lệ TQ cuối (trần kỳ cuối)",
    "Total cost of the cheapest plan": "Tổng chi phí của kế hoạch rẻ nhất",
    "Plan the curve to see what each level of localisation costs: one plan per target, "
    "planned side by side.": (
        "Lập đường đánh đổi để xem mỗi mức nội địa hóa tốn bao nhiêu: mỗi mục tiêu một kế "
        "hoạch, lập song song."
    ),
    "Break-even per part: the tariff on Chinese content at which moving it pays": (
        "Hòa vốn theo linh kiện: mức thuế trên hàm lượng TQ để chuyển đổi có lời"
    ),
    # one plan, the same everywhere: what-ifs from the plan shown, a monotone curve
    "A scenario's plan meets every limit of the project and costs less: it is the plan shown "
    "now (see the Plan page).": (
        "Kế hoạch của một kịch bản đáp ứng mọi giới hạn của dự án và rẻ hơn: nay nó là kế "
        "hoạch đang hiển thị (xem trang Kế hoạch)."
    ),
    "Why no plan, or how it was planned": "Lý do không có kế hoạch, hoặc cách lập",
    "Final target {target}: no plan.": "Mục tiêu cuối {target}: không có kế hoạch.",
    "A target scales the whole glide path so that its last period's cap equals the target; "
    "earlier quarters scale in proportion (a project without caps gets the target in its last "
    "period only). A looser target never costs more: a tighter target's plan, and the plan "
    "shown, are planned from when they cost less.": (
        "Mỗi mục tiêu co giãn cả lộ trình trần để trần kỳ cuối bằng mục tiêu; các quý trước "
        "co giãn theo cùng tỷ lệ (dự án không có trần chỉ nhận mục tiêu ở kỳ cuối). Mục tiêu "
        "lỏng hơn không bao giờ tốn hơn: kế hoạch của mục tiêu chặt hơn, và kế hoạch đang "
        "hiển thị, được dùng làm điểm xuất phát khi chúng rẻ hơn."
    ),
    # issue 28: the Actuals sheet and the form that records an event
    "Actuals": "Thực tế",
    "&Record an event…": "&Ghi một sự kiện…",
    "Record an event": "Ghi một sự kiện",
    "record an event": "ghi một sự kiện",
    "Event": "Sự kiện",
    "Supplier onboarded": "Đã đánh giá nhà cung cấp",
    "Qualification started": "Bắt đầu phê duyệt",
    "Qualification done": "Phê duyệt xong",
    "Qualification failed": "Phê duyệt không đạt",
    "Award (share bought)": "Trao thầu (tỷ lệ mua)",
    "Supplier late": "Nhà cung cấp trễ",
    "(every part it is qualifying)": "(mọi linh kiện đang phê duyệt)",
    "Share bought": "Tỷ lệ mua",
    "Choose a period and a supplier.": "Hãy chọn kỳ và nhà cung cấp.",
    "Choose a part.": "Hãy chọn linh kiện.",
    "required.": "bắt buộc.",
}


def fill(ts: Path = TS) -> list[str]:
    """Translate every message from VI (the one place a translation is stated: a changed
    translation replaces the one the file had); returns the source texts still missing."""
    tree = ET.parse(ts)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        comment = message.findtext("comment")
        key = (source, comment) if comment else source
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        done = translation.get("type") not in ("unfinished", "vanished", "obsolete")
        if key in VI:
            translation.text = VI[key]
            translation.attrib.pop("type", None)
        elif not (done and translation.text):
            missing.append(f"{source} ({comment})" if comment else source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    still = fill()
    for text in still:
        print("untranslated:", text, file=sys.stderr)
    beside = Path(sys.executable).with_name("pyside6-lrelease")  # the venv's, even if not on PATH
    tool = str(beside) if beside.exists() else "pyside6-lrelease"
    subprocess.run([tool, str(TS), "-qm", str(QM)], check=True)
    sys.exit(1 if still else 0)
