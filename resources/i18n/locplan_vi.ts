<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name />
    <message>
        <source>Supplier onboarded</source>
        <translation>Đã đánh giá nhà cung cấp</translation>
    </message>
    <message>
        <source>Qualification started</source>
        <translation>Bắt đầu phê duyệt</translation>
    </message>
    <message>
        <source>Qualification done</source>
        <translation>Phê duyệt xong</translation>
    </message>
    <message>
        <source>Qualification failed</source>
        <translation>Phê duyệt không đạt</translation>
    </message>
    <message>
        <source>Award (share bought)</source>
        <translation>Trao thầu (tỷ lệ mua)</translation>
    </message>
    <message>
        <source>Supplier late</source>
        <translation>Nhà cung cấp trễ</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Record an event</source>
        <translation>Ghi một sự kiện</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Sự kiện</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Kỳ</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>(every part it is qualifying)</source>
        <translation>(mọi linh kiện đang phê duyệt)</translation>
    </message>
    <message>
        <source>Share bought</source>
        <translation>Tỷ lệ mua</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>Choose a period and a supplier.</source>
        <translation>Hãy chọn kỳ và nhà cung cấp.</translation>
    </message>
    <message>
        <source>Choose a part.</source>
        <translation>Hãy chọn linh kiện.</translation>
    </message>
    <message>
        <source>required.</source>
        <translation>bắt buộc.</translation>
    </message>
    <message>
        <source>record an event</source>
        <translation>ghi một sự kiện</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Thay đổi chưa lưu</translation>
    </message>
    <message>
        <source>Save the changes to {name} before closing it?</source>
        <translation>Lưu các thay đổi của {name} trước khi đóng?</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Don't save</source>
        <translation>Không lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Replace your workbook?</source>
        <translation>Ghi đè sổ tính của bạn?</translation>
    </message>
    <message>
        <source>Saving the project over {name} keeps every value in the tables, but not:</source>
        <translation>Lưu dự án đè lên {name} giữ mọi giá trị trong các bảng, nhưng không giữ:</translation>
    </message>
    <message>
        <source>Save as a new project file instead? Your workbook then stays as it is.</source>
        <translation>Lưu thành tệp dự án mới thay vào đó? Sổ tính của bạn sẽ giữ nguyên.</translation>
    </message>
    <message>
        <source>Save as a new file…</source>
        <translation>Lưu thành tệp mới…</translation>
    </message>
    <message>
        <source>Replace {name}</source>
        <translation>Ghi đè {name}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Mở dự án</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx *.xls *.ods);;Excel workbooks (*.xlsx *.xls);;OpenDocument spreadsheets (*.ods);;CSV files (*.csv);;All files (*)</source>
        <translation>Bảng tính (*.xlsx *.xls *.ods);;Tệp Excel (*.xlsx *.xls);;Bảng tính OpenDocument (*.ods);;Tệp CSV (*.csv);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Open a folder of CSV files</source>
        <translation>Mở thư mục chứa các tệp CSV</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>Linh kiện</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <source>Bill of materials</source>
        <translation>Định mức vật tư</translation>
    </message>
    <message>
        <source>Suppliers</source>
        <translation>Nhà cung cấp</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>Báo giá</translation>
    </message>
    <message>
        <source>Periods</source>
        <translation>Kỳ</translation>
    </message>
    <message>
        <source>Volumes</source>
        <translation>Sản lượng</translation>
    </message>
    <message>
        <source>Tariffs</source>
        <translation>Thuế</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Thiết lập</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>Kịch bản</translation>
    </message>
    <message>
        <source>Actuals</source>
        <translation>Thực tế</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Linh kiện</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Nhà cung cấp</translation>
    </message>
    <message>
        <source>A column the planner does not use; it is kept as it is.</source>
        <translation>Cột không được dùng khi lập kế hoạch; vẫn được giữ nguyên.</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Bắt buộc.</translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation> và {n} mục khác</translation>
    </message>
    <message>
        <source>its formatting, formulas (their values are kept), comments and charts</source>
        <translation>định dạng, công thức (giữ giá trị của chúng), ghi chú và biểu đồ</translation>
    </message>
    <message>
        <source>the plan sheets (export the plan again after planning)</source>
        <translation>các sheet kế hoạch (hãy xuất lại kế hoạch sau khi lập kế hoạch)</translation>
    </message>
    <message>
        <source>the title rows above the headers in {sheets}</source>
        <translation>các dòng tiêu đề phía trên hàng tên cột trong {sheets}</translation>
    </message>
    <message>
        <source>its own sheet and column names (saved as {names})</source>
        <translation>tên sheet và tên cột riêng (lưu thành {names})</translation>
    </message>
    <message>
        <source>its own column headers (the project's are written)</source>
        <translation>tên cột riêng (ghi theo tên cột của dự án)</translation>
    </message>
    <message>
        <source>the sheets a project does not use: {sheets}</source>
        <translation>các sheet dự án không dùng: {sheets}</translation>
    </message>
    <message>
        <source>Settings &amp; tariffs</source>
        <translation>Thiết lập &amp; thuế</translation>
    </message>
    <message>
        <source>What-if scenarios</source>
        <translation>Kịch bản giả định</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Kế hoạch</translation>
    </message>
    <message>
        <source>Plan of record</source>
        <translation>Kế hoạch đã duyệt</translation>
    </message>
    <message>
        <source>A new project: &lt;a href='open'&gt;open a workbook&lt;/a&gt;, &lt;a href='sample'&gt;open the sample project&lt;/a&gt; or fill in the sheets on the left. &lt;a href='guide'&gt;User guide&lt;/a&gt;</source>
        <translation>Dự án mới: &lt;a href='open'&gt;mở một tệp&lt;/a&gt;, &lt;a href='sample'&gt;mở dự án mẫu&lt;/a&gt; hoặc điền các sheet bên trái. &lt;a href='guide'&gt;Hướng dẫn sử dụng&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Fix the errors to plan (double-click one to go to its cell).</source>
        <translation>Hãy sửa các lỗi để lập kế hoạch (nhấp đúp vào một lỗi để đến ô của nó).</translation>
    </message>
    <message>
        <source>Ready to plan.</source>
        <translation>Sẵn sàng lập kế hoạch.</translation>
    </message>
    <message>
        <source>Supplier Localization Planner</source>
        <translation>Kế hoạch nội địa hóa nhà cung cấp</translation>
    </message>
    <message>
        <source>Undo {what}</source>
        <translation>Hoàn tác: {what}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Redo {what}</source>
        <translation>Làm lại: {what}</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation>Đang mở {name}…</translation>
    </message>
    <message>
        <source>Cannot open the file</source>
        <translation>Không mở được tệp</translation>
    </message>
    <message>
        <source>Opened {name}. Saving writes a project workbook (.xlsx) beside it.</source>
        <translation>Đã mở {name}. Khi lưu sẽ ghi một tệp dự án (.xlsx) bên cạnh.</translation>
    </message>
    <message>
        <source>Opened {name}.</source>
        <translation>Đã mở {name}.</translation>
    </message>
    <message>
        <source>Recovered the unsaved changes.</source>
        <translation>Đã khôi phục các thay đổi chưa lưu.</translation>
    </message>
    <message>
        <source>an untitled project</source>
        <translation>một dự án chưa đặt tên</translation>
    </message>
    <message>
        <source>Cannot recover</source>
        <translation>Không khôi phục được</translation>
    </message>
    <message>
        <source>The copy of {name} saved automatically cannot be read: {why}</source>
        <translation>Không đọc được bản tự động lưu của {name}: {why}</translation>
    </message>
    <message>
        <source>{name} (project)</source>
        <translation>{name} (dự án)</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>Lưu dự án thành</translation>
    </message>
    <message>
        <source>Project workbooks (*.xlsx)</source>
        <translation>Sổ tính dự án (*.xlsx)</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>Không lưu được</translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation>Đang lưu {name}…</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>Đã lưu {name}.</translation>
    </message>
    <message>
        <source>Autosave failed: {why}</source>
        <translation>Tự động lưu thất bại: {why}</translation>
    </message>
    <message>
        <source>The project has errors: fix them first (see Problems).</source>
        <translation>Dự án còn lỗi: hãy sửa trước (xem bảng Vấn đề).</translation>
    </message>
    <message>
        <source>Planning…</source>
        <translation>Đang lập kế hoạch…</translation>
    </message>
    <message>
        <source>Stopping: keeping the best plan found…</source>
        <translation>Đang dừng: giữ kế hoạch tốt nhất đã tìm được…</translation>
    </message>
    <message>
        <source>{elapsed} s of {limit} s</source>
        <translation>{elapsed} / {limit} giây</translation>
    </message>
    <message>
        <source>Pricing the margins kept below the bounds…</source>
        <translation>Đang tính giá các biên an toàn dưới ngưỡng…</translation>
    </message>
    <message>
        <source>best {cost}</source>
        <translation>tốt nhất {cost}</translation>
    </message>
    <message>
        <source>bound {bound}</source>
        <translation>cận dưới {bound}</translation>
    </message>
    <message>
        <source>gap {gap}</source>
        <translation>sai số {gap}</translation>
    </message>
    <message>
        <source>Plan ready: {status}.</source>
        <translation>Đã có kế hoạch: {status}.</translation>
    </message>
    <message>
        <source>No plan: see the explanation on the Plan page.</source>
        <translation>Không có kế hoạch: xem giải thích ở trang Kế hoạch.</translation>
    </message>
    <message>
        <source>A plan found by a scenario or a stress test meets every limit of the project and costs less: it is the plan shown now (see the Plan page).</source>
        <translation>Một kế hoạch do kịch bản hoặc kiểm tra sức chịu đựng tìm ra đáp ứng mọi giới hạn của dự án và rẻ hơn: đó là kế hoạch đang hiển thị (xem trang Kế hoạch).</translation>
    </message>
    <message>
        <source>Planning failed</source>
        <translation>Lập kế hoạch thất bại</translation>
    </message>
    <message>
        <source>Planned in {s} s.</source>
        <translation>Lập kế hoạch trong {s} giây.</translation>
    </message>
    <message>
        <source>There is no checked plan to export yet.</source>
        <translation>Chưa có kế hoạch đã kiểm tra để xuất.</translation>
    </message>
    <message>
        <source>An export is still being written.</source>
        <translation>Một tệp xuất vẫn đang được ghi.</translation>
    </message>
    <message>
        <source>The plan is out of date</source>
        <translation>Kế hoạch đã lỗi thời</translation>
    </message>
    <message>
        <source>The project was edited after this plan was made, so the plan does not show the project as it is now. Write the out-of-date plan anyway?</source>
        <translation>Dự án đã được sửa sau khi lập kế hoạch này, nên kế hoạch không còn đúng với dự án hiện tại. Vẫn ghi kế hoạch lỗi thời?</translation>
    </message>
    <message>
        <source>Not written: press Plan (F5) to plan the project as it is.</source>
        <translation>Chưa ghi: bấm Lập kế hoạch (F5) để lập kế hoạch cho dự án hiện tại.</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>Đang ghi {name}…</translation>
    </message>
    <message>
        <source>Export the plan to Excel</source>
        <translation>Xuất kế hoạch ra Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Sổ tính Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Preparing the print preview…</source>
        <translation>Đang chuẩn bị bản xem trước khi in…</translation>
    </message>
    <message>
        <source>Cannot print</source>
        <translation>Không in được</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>Không xuất được</translation>
    </message>
    <message>
        <source>Exported the plan to {name}.</source>
        <translation>Đã xuất kế hoạch ra {name}.</translation>
    </message>
    <message>
        <source>Export the phase plan to PDF</source>
        <translation>Xuất kế hoạch theo giai đoạn ra PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Wrote the phase plan to {name}.</source>
        <translation>Đã ghi kế hoạch theo giai đoạn ra {name}.</translation>
    </message>
    <message>
        <source>New project: fill in the sheets, then Plan (F5).</source>
        <translation>Dự án mới: điền các sheet, rồi bấm Lập kế hoạch (F5).</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Giới thiệu</translation>
    </message>
    <message>
        <source>Supplier Localization Planner plans a phased switch of parts to local suppliers, quarter by quarter, within budget, qualification slots, capacity and a glide path of Chinese content.</source>
        <translation>Kế hoạch nội địa hóa nhà cung cấp lập lộ trình chuyển dần linh kiện sang nhà cung cấp trong nước theo từng quý, trong giới hạn ngân sách, số phê duyệt, công suất và lộ trình giảm hàm lượng Trung Quốc.</translation>
    </message>
    <message>
        <source>Version {0}</source>
        <translation>Phiên bản {0}</translation>
    </message>
    <message>
        <source>&amp;New project</source>
        <translation>Dự án &amp;mới</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Mở…</translation>
    </message>
    <message>
        <source>Open the &amp;sample project</source>
        <translation>Mở dự án &amp;mẫu</translation>
    </message>
    <message>
        <source>User &amp;guide</source>
        <translation>&amp;Hướng dẫn sử dụng</translation>
    </message>
    <message>
        <source>Open a CSV &amp;folder…</source>
        <translation>Mở &amp;thư mục CSV…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>Lưu &amp;thành…</translation>
    </message>
    <message>
        <source>&amp;Export plan to Excel…</source>
        <translation>&amp;Xuất kế hoạch ra Excel…</translation>
    </message>
    <message>
        <source>Print pre&amp;view…</source>
        <translation>&amp;Xem trước khi in…</translation>
    </message>
    <message>
        <source>Export phase plan to &amp;PDF…</source>
        <translation>Xuất kế hoạch ra &amp;PDF…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <source>&amp;Add row</source>
        <translation>&amp;Thêm dòng</translation>
    </message>
    <message>
        <source>&amp;Delete rows</source>
        <translation>&amp;Xóa dòng</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <comment>verb</comment>
        <translation>&amp;Lập kế hoạch</translation>
    </message>
    <message>
        <source>&amp;Cancel planning</source>
        <translation>&amp;Hủy lập kế hoạch</translation>
    </message>
    <message>
        <source>&amp;Approve this plan…</source>
        <translation>&amp;Duyệt kế hoạch này…</translation>
    </message>
    <message>
        <source>&amp;Record an event…</source>
        <translation>&amp;Ghi một sự kiện…</translation>
    </message>
    <message>
        <source>Re-plan from &amp;actuals…</source>
        <translation>Lập lại theo &amp;thực tế…</translation>
    </message>
    <message>
        <source>Show money in &amp;VND</source>
        <translation>Hiển thị tiền theo &amp;VND</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Giới thiệu</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>Mở thư mục &amp;nhật ký</translation>
    </message>
    <message>
        <source>Plan</source>
        <comment>verb</comment>
        <translation>Lập kế hoạch</translation>
    </message>
    <message>
        <source>Export Excel</source>
        <translation>Xuất Excel</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>Xem trước khi in</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Xuất PDF</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Uses the exchange rate set on the Settings &amp; tariffs page.</source>
        <translation>Dùng tỷ giá đặt trên trang Thiết lập &amp; thuế.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Mở &amp;gần đây</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>&amp;Kế hoạch</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Vấn đề</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Thanh công cụ chính</translation>
    </message>
    <message>
        <source>(not used)</source>
        <translation>(không dùng)</translation>
    </message>
    <message>
        <source>This sheet holds:</source>
        <translation>Sheet này chứa:</translation>
    </message>
    <message>
        <source>Reads as</source>
        <translation>Đọc là</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>(bỏ qua)</translation>
    </message>
    <message>
        <source>Required and not yet chosen: {names}</source>
        <translation>Bắt buộc nhưng chưa chọn: {names}</translation>
    </message>
    <message>
        <source>Every required column is chosen.</source>
        <translation>Đã chọn đủ các cột bắt buộc.</translation>
    </message>
    <message>
        <source>This sheet will be ignored.</source>
        <translation>Sheet này sẽ được bỏ qua.</translation>
    </message>
    <message>
        <source>Match the columns</source>
        <translation>Ghép cột</translation>
    </message>
    <message>
        <source>Some sheets or columns of this file were not recognised. For each sheet, choose what it holds and what each column means. Required columns are marked *. Your answer is remembered for files with the same headers.</source>
        <translation>Một số sheet hoặc cột của tệp này không được nhận ra. Với mỗi sheet, hãy chọn nội dung của nó và ý nghĩa của từng cột. Cột bắt buộc có dấu *. Lựa chọn được ghi nhớ cho các tệp có cùng tiêu đề.</translation>
    </message>
    <message>
        <source>Not found: {what}</source>
        <translation>Không tìm thấy: {what}</translation>
    </message>
    <message>
        <source>Read with these columns</source>
        <translation>Đọc theo các cột này</translation>
    </message>
    <message>
        <source>Choose a column for every required field (marked *) before reading, or set the sheet to (not used); Cancel opens the file as it was read. Not chosen: {what}</source>
        <translation>Hãy chọn cột cho mọi trường bắt buộc (có dấu *) trước khi đọc, hoặc đặt sheet là (không dùng); Hủy sẽ mở tệp như đã đọc. Chưa chọn: {what}</translation>
    </message>
    <message>
        <source>This limit binds: it is fully used in this period.</source>
        <translation>Giới hạn này đã chạm: dùng hết trong kỳ này.</translation>
    </message>
    <message>
        <source>Filter rows (any column)…</source>
        <translation>Lọc dòng (mọi cột)…</translation>
    </message>
    <message>
        <source>No plan yet. Check the problems, then press Plan (F5).</source>
        <translation>Chưa có kế hoạch. Kiểm tra các vấn đề, rồi nhấn Lập kế hoạch (F5).</translation>
    </message>
    <message>
        <source>No plan meets these limits.</source>
        <translation>Không kế hoạch nào đáp ứng các giới hạn này.</translation>
    </message>
    <message>
        <source>No plan was found in the time allowed.</source>
        <translation>Không tìm được kế hoạch trong thời gian cho phép.</translation>
    </message>
    <message>
        <source>Planning failed.</source>
        <translation>Lập kế hoạch thất bại.</translation>
    </message>
    <message>
        <source>The plan of record does not hold in the project as it is now.</source>
        <translation>Kế hoạch đã duyệt không còn đúng với dự án hiện tại.</translation>
    </message>
    <message>
        <source>No reason was reported.</source>
        <translation>Không có lý do được báo.</translation>
    </message>
    <message>
        <source>optimal</source>
        <translation>tối ưu</translation>
    </message>
    <message>
        <source>feasible</source>
        <translation>khả thi</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;: {status} plan, checked independently.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;: kế hoạch {status}, đã kiểm tra độc lập.</translation>
    </message>
    <message>
        <source>Total cost {total}, against {nothing} for doing nothing.</source>
        <translation>Tổng chi phí {total}, so với {nothing} nếu giữ nguyên.</translation>
    </message>
    <message>
        <source>Total cost {total}.</source>
        <translation>Tổng chi phí {total}.</translation>
    </message>
    <message>
        <source>Tariffs saved {saved}; one-time spending {once}.</source>
        <translation>Thuế tiết kiệm {saved}; chi phí một lần {once}.</translation>
    </message>
    <message>
        <source>Vietnamese share of spend {vn}; the factory bears {share} of the US duty.</source>
        <translation>Tỷ lệ chi tiêu tại Việt Nam {vn}; nhà máy chịu {share} thuế Mỹ.</translation>
    </message>
    <message>
        <source>Tariff tiers by Chinese share are an assumption, not enacted law.</source>
        <translation>Bậc thuế theo tỷ lệ TQ là giả định, chưa phải luật đã ban hành.</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Tóm tắt</translation>
    </message>
    <message>
        <source>Phases</source>
        <translation>Giai đoạn</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Gantt</source>
        <translation>Biểu đồ Gantt</translation>
    </message>
    <message>
        <source>Chinese content</source>
        <translation>Hàm lượng TQ</translation>
    </message>
    <message>
        <source>Allocation</source>
        <translation>Phân bổ</translation>
    </message>
    <message>
        <source>Supplier load</source>
        <translation>Tải nhà cung cấp</translation>
    </message>
    <message>
        <source>Awards</source>
        <translation>Giao hàng theo NCC</translation>
    </message>
    <message>
        <source>Margins and countries</source>
        <translation>Biên an toàn và các nước</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Cột</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Vấn đề</translation>
    </message>
    <message>
        <source>error</source>
        <translation>lỗi</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>cảnh báo</translation>
    </message>
    <message>
        <source>note</source>
        <translation>ghi chú</translation>
    </message>
    <message>
        <source>Apply the tariff preset: {name}</source>
        <translation>Áp dụng mẫu thuế: {name}</translation>
    </message>
    <message>
        <source>Fill the glide path</source>
        <translation>Điền lộ trình trần</translation>
    </message>
    <message>
        <source>Fill budgets and qualification slots</source>
        <translation>Điền ngân sách và số phê duyệt</translation>
    </message>
    <message>
        <source>Fill budgets</source>
        <translation>Điền ngân sách</translation>
    </message>
    <message>
        <source>Fill qualification slots</source>
        <translation>Điền số phê duyệt</translation>
    </message>
    <message>
        <source>One-time budget per period ({currency})</source>
        <translation>Ngân sách một lần mỗi kỳ ({currency})</translation>
    </message>
    <message>
        <source>up to {share}: {rate}</source>
        <translation>đến {share}: {rate}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>In the Tariffs sheet now: {tiers}</source>
        <translation>Sheet Thuế hiện có: {tiers}</translation>
    </message>
    <message>
        <source>Replace the project's own values?</source>
        <translation>Thay các giá trị sẵn có của dự án?</translation>
    </message>
    <message>
        <source>The Periods sheet already has values in: {names}. Replace them?</source>
        <translation>Sheet Kỳ đã có giá trị ở: {names}. Thay các giá trị đó?</translation>
    </message>
    <message>
        <source>The Tariffs sheet holds its own tiers; choose a preset to replace them.</source>
        <translation>Sheet Thuế có các bậc riêng; chọn một mẫu thuế để thay thế.</translation>
    </message>
    <message>
        <source>The plan</source>
        <translation>Kế hoạch</translation>
    </message>
    <message>
        <source>Tariff on US-bound units</source>
        <translation>Thuế với hàng xuất Mỹ</translation>
    </message>
    <message>
        <source>The Tariffs sheet's own tiers</source>
        <translation>Các bậc riêng trong sheet Thuế</translation>
    </message>
    <message>
        <source>Apply to the Tariffs sheet</source>
        <translation>Áp dụng vào sheet Thuế</translation>
    </message>
    <message>
        <source>Glide path, budgets and slots for every period</source>
        <translation>Lộ trình trần, ngân sách và số phê duyệt cho mọi kỳ</translation>
    </message>
    <message>
        <source>Chinese share cap, first period</source>
        <translation>Trần tỷ lệ TQ, kỳ đầu</translation>
    </message>
    <message>
        <source>Chinese share cap, last period</source>
        <translation>Trần tỷ lệ TQ, kỳ cuối</translation>
    </message>
    <message>
        <source>Periods to hold the first cap</source>
        <translation>Số kỳ giữ trần ban đầu</translation>
    </message>
    <message>
        <source>Qualification slots per period</source>
        <translation>Số phê duyệt mỗi kỳ</translation>
    </message>
    <message>
        <source>Fill the glide path into Periods</source>
        <translation>Điền lộ trình trần vào sheet Kỳ</translation>
    </message>
    <message>
        <source>Fill budgets and slots into Periods</source>
        <translation>Điền ngân sách và số phê duyệt vào sheet Kỳ</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <source>Edit {sheet} row {row}, {column}</source>
        <translation>Sửa {sheet} dòng {row}, {column}</translation>
    </message>
    <message>
        <source>The clipboard holds too many cells to paste here.</source>
        <translation>Bộ nhớ tạm có quá nhiều ô để dán.</translation>
    </message>
    <message>
        <source>Paste into {sheet}</source>
        <translation>Dán vào {sheet}</translation>
    </message>
    <message>
        <source>Add rows</source>
        <translation>Thêm dòng</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Dán</translation>
    </message>
    <message>
        <source>Clear cells in {sheet}</source>
        <translation>Xóa ô trong {sheet}</translation>
    </message>
    <message>
        <source>Add a row to {sheet}</source>
        <translation>Thêm một dòng vào {sheet}</translation>
    </message>
    <message>
        <source>Delete {n} rows from {sheet}</source>
        <translation>Xóa {n} dòng khỏi {sheet}</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n} dòng</translation>
    </message>
    <message>
        <source>{shown} of {n} rows</source>
        <translation>{shown} / {n} dòng</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Thêm dòng</translation>
    </message>
    <message>
        <source>Delete rows</source>
        <translation>Xóa dòng</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Hướng dẫn sử dụng</translation>
    </message>
    <message>
        <source>The user guide is missing: {path}</source>
        <translation>Thiếu tệp hướng dẫn sử dụng: {path}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>1 lỗi</translation>
    </message>
    <message>
        <source>{n} errors</source>
        <translation>{n} lỗi</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 cảnh báo</translation>
    </message>
    <message>
        <source>{n} warnings</source>
        <translation>{n} cảnh báo</translation>
    </message>
    <message>
        <source>Problems: {errors}, {warnings}</source>
        <translation>Vấn đề: {errors}, {warnings}</translation>
    </message>
    <message>
        <source>This plan is out of date: the project was edited after it was planned. Press Plan (F5) to plan again; exports ask before writing this plan.</source>
        <translation>Kế hoạch này đã lỗi thời: dự án đã được sửa sau khi lập kế hoạch. Bấm Lập kế hoạch (F5) để lập lại; khi xuất sẽ hỏi trước khi ghi kế hoạch này.</translation>
    </message>
    <message>
        <source>waiting for a free core</source>
        <translation>chờ lõi CPU rảnh</translation>
    </message>
    <message>
        <source>planning…</source>
        <translation>đang lập…</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>đã hủy</translation>
    </message>
    <message>
        <source>base (the project as it is)</source>
        <translation>base (dự án như hiện tại)</translation>
    </message>
    <message>
        <source>Scenario name:</source>
        <translation>Tên kịch bản:</translation>
    </message>
    <message>
        <source>New scenario</source>
        <translation>Kịch bản mới</translation>
    </message>
    <message>
        <source>Add the scenario {name}</source>
        <translation>Thêm kịch bản {name}</translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation>{name} (bản sao)</translation>
    </message>
    <message>
        <source>base</source>
        <translation>base</translation>
    </message>
    <message>
        <source>Duplicate the scenario {name}</source>
        <translation>Nhân bản kịch bản {name}</translation>
    </message>
    <message>
        <source>The base is the project itself: it keeps its name.</source>
        <translation>Base chính là dự án: không đổi tên được.</translation>
    </message>
    <message>
        <source>Rename the scenario</source>
        <translation>Đổi tên kịch bản</translation>
    </message>
    <message>
        <source>A scenario named {name} exists already.</source>
        <translation>Đã có kịch bản tên {name}.</translation>
    </message>
    <message>
        <source>Rename the scenario {old} to {new}</source>
        <translation>Đổi tên kịch bản {old} thành {new}</translation>
    </message>
    <message>
        <source>The base is the project itself: it cannot be deleted.</source>
        <translation>Base chính là dự án: không xóa được.</translation>
    </message>
    <message>
        <source>Delete the scenario {name}</source>
        <translation>Xóa kịch bản {name}</translation>
    </message>
    <message>
        <source>Adds a new scenario named after the what-if.</source>
        <translation>Thêm một kịch bản mới, đặt tên theo giả định.</translation>
    </message>
    <message>
        <source>Adds rows to the scenario {name}.</source>
        <translation>Thêm dòng vào kịch bản {name}.</translation>
    </message>
    <message>
        <source>Budgets {change}</source>
        <translation>Ngân sách {change}</translation>
    </message>
    <message>
        <source>{supplier} {n} periods late</source>
        <translation>{supplier} trễ {n} kỳ</translation>
    </message>
    <message>
        <source>{supplier} capacity -{pct}%</source>
        <translation>{supplier} giảm công suất {pct}%</translation>
    </message>
    <message>
        <source>{product} volume {change}</source>
        <translation>Sản lượng {product} {change}</translation>
    </message>
    <message>
        <source>Add the what-if {what}</source>
        <translation>Thêm giả định {what}</translation>
    </message>
    <message>
        <source>Planning {n} scenarios, {k} at a time, each in its own process…</source>
        <translation>Đang lập {n} kịch bản, {k} kịch bản cùng lúc, mỗi kịch bản một tiến trình…</translation>
    </message>
    <message>
        <source>{k} of {n} scenarios have a plan; cells that differ from the base are tinted.</source>
        <translation>{k}/{n} kịch bản có kế hoạch; ô khác với base được tô màu.</translation>
    </message>
    <message>
        <source>Plan the project first (F5): the stress test replans that plan.</source>
        <translation>Hãy lập kế hoạch trước (F5): kiểm tra sức chịu đựng lập lại kế hoạch đó.</translation>
    </message>
    <message>
        <source>Scenarios and what-ifs</source>
        <translation>Kịch bản và giả định</translation>
    </message>
    <message>
        <source>Plan and compare</source>
        <translation>Lập và so sánh</translation>
    </message>
    <message>
        <source>Trade-off curve</source>
        <translation>Đường đánh đổi</translation>
    </message>
    <message>
        <source>Scenarios (ticked ones are planned)</source>
        <translation>Kịch bản (lập các kịch bản được đánh dấu)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Nhân bản</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Đổi tên…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>What if…</source>
        <translation>Giả sử…</translation>
    </message>
    <message>
        <source>Tariffs follow a preset</source>
        <translation>Thuế theo một mẫu có sẵn</translation>
    </message>
    <message>
        <source>One-time budgets change by a percent</source>
        <translation>Ngân sách một lần thay đổi theo %</translation>
    </message>
    <message>
        <source>A supplier's qualification is late</source>
        <translation>Phê duyệt một nhà cung cấp bị trễ</translation>
    </message>
    <message>
        <source>A supplier loses capacity</source>
        <translation>Một nhà cung cấp giảm công suất</translation>
    </message>
    <message>
        <source>A product's volume changes by a percent</source>
        <translation>Sản lượng một sản phẩm thay đổi theo %</translation>
    </message>
    <message>
        <source>What changes</source>
        <translation>Thay đổi gì</translation>
    </message>
    <message>
        <source>Tariff preset</source>
        <translation>Mẫu thuế</translation>
    </message>
    <message>
        <source>Change (percent)</source>
        <translation>Mức thay đổi (%)</translation>
    </message>
    <message>
        <source>Periods late</source>
        <translation>Số kỳ trễ</translation>
    </message>
    <message>
        <source>Add the what-if</source>
        <translation>Thêm giả định</translation>
    </message>
    <message>
        <source>The Scenarios sheet: each row changes one cell of the base project in one scenario (a value, +x to add, *x to multiply). Edit it like any sheet.</source>
        <translation>Sheet Kịch bản: mỗi dòng thay đổi một ô của dự án gốc trong một kịch bản (một giá trị, +x để cộng, *x để nhân). Sửa như mọi sheet khác.</translation>
    </message>
    <message>
        <source>Plan all scenarios</source>
        <translation>Lập mọi kịch bản</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Hủy tất cả</translation>
    </message>
    <message>
        <source>Time limit per scenario</source>
        <translation>Thời gian mỗi kịch bản</translation>
    </message>
    <message>
        <source>Print the comparison…</source>
        <translation>In bảng so sánh…</translation>
    </message>
    <message>
        <source>Stress test the plan…</source>
        <translation>Kiểm tra sức chịu đựng…</translation>
    </message>
    <message>
        <source>Costs and results</source>
        <translation>Chi phí và kết quả</translation>
    </message>
    <message>
        <source>Chinese share and RVC</source>
        <translation>Tỷ lệ TQ và RVC</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>Linh kiện</translation>
    </message>
    <message>
        <source>Tinted bold cells differ from the base; a grey column has no plan, and says why. The comparison is also written as a Comparison sheet when the plan is exported to Excel.</source>
        <translation>Ô in đậm tô màu khác với base; cột xám không có kế hoạch và ghi lý do. Bảng so sánh cũng được ghi thành sheet So sánh khi xuất kế hoạch ra Excel.</translation>
    </message>
    <message>
        <source>Plan the ticked scenarios side by side: {k} at a time on this computer.</source>
        <translation>Lập song song các kịch bản được đánh dấu: {k} kịch bản cùng lúc trên máy này.</translation>
    </message>
    <message>
        <source>{supplier}: {slip} periods late, {cut}% less capacity</source>
        <translation>{supplier}: trễ {slip} kỳ, giảm {cut}% công suất</translation>
    </message>
    <message>
        <source>Replanning under the shock…</source>
        <translation>Đang lập lại kế hoạch theo cú sốc…</translation>
    </message>
    <message>
        <source>Stress test cancelled; the plan shown is unchanged.</source>
        <translation>Đã hủy kiểm tra sức chịu đựng; kế hoạch đang hiển thị giữ nguyên.</translation>
    </message>
    <message>
        <source>Replanned: the shock costs {cost} more over the horizon.</source>
        <translation>Đã lập lại: cú sốc làm tốn thêm {cost} trong cả giai đoạn.</translation>
    </message>
    <message>
        <source>No plan under the shock.</source>
        <translation>Không có kế hoạch khi xảy ra cú sốc.</translation>
    </message>
    <message>
        <source>Stress test the plan</source>
        <translation>Kiểm tra sức chịu đựng của kế hoạch</translation>
    </message>
    <message>
        <source>Slips by (periods)</source>
        <translation>Trễ (số kỳ)</translation>
    </message>
    <message>
        <source>Loses capacity</source>
        <translation>Giảm công suất</translation>
    </message>
    <message>
        <source>Keep what the plan started up to</source>
        <translation>Giữ những gì kế hoạch đã bắt đầu đến kỳ</translation>
    </message>
    <message>
        <source>Re-plan from actuals</source>
        <translation>Lập lại kế hoạch theo thực tế</translation>
    </message>
    <message>
        <source>What happened up to the period chosen (version {n}'s decisions, corrected by the Actuals sheet) is kept as it happened; the rest of the horizon is planned again from there. Approve the result to make it the next version.</source>
        <translation>Những gì đã xảy ra đến hết kỳ được chọn (các quyết định của phiên bản {n}, sửa theo sheet Thực tế) được giữ nguyên; phần còn lại của kỳ kế hoạch được lập lại từ đó. Duyệt kết quả để thành phiên bản tiếp theo.</translation>
    </message>
    <message>
        <source>Happened through</source>
        <translation>Đã xảy ra đến hết kỳ</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Giới hạn thời gian</translation>
    </message>
    <message>
        <source>Re-plan</source>
        <translation>Lập lại</translation>
    </message>
    <message>
        <source>Replan under the shock</source>
        <translation>Lập lại theo cú sốc</translation>
    </message>
    <message>
        <source>Fix the project's errors first: the curve plans the base project.</source>
        <translation>Hãy sửa lỗi của dự án trước: đường đánh đổi lập kế hoạch cho dự án gốc.</translation>
    </message>
    <message>
        <source>Planning {n} targets, {k} at a time…</source>
        <translation>Đang lập {n} mục tiêu, {k} mục tiêu cùng lúc…</translation>
    </message>
    <message>
        <source>Stopping: keeping the points planned so far…</source>
        <translation>Đang dừng: giữ các điểm đã có kế hoạch…</translation>
    </message>
    <message>
        <source>{k} of {n} targets have a plan. Click a point for its figures.</source>
        <translation>{k}/{n} mục tiêu có kế hoạch. Bấm vào một điểm để xem số liệu.</translation>
    </message>
    <message>
        <source>Final Chinese-share target</source>
        <translation>Mục tiêu tỷ lệ TQ cuối</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Total cost</source>
        <translation>Tổng chi phí</translation>
    </message>
    <message>
        <source>Highest Chinese share, last period</source>
        <translation>Tỷ lệ TQ cao nhất, kỳ cuối</translation>
    </message>
    <message>
        <source>Price of each extra point</source>
        <translation>Chi phí mỗi điểm thêm</translation>
    </message>
    <message>
        <source>Why no plan, or how it was planned</source>
        <translation>Lý do không có kế hoạch, hoặc cách lập</translation>
    </message>
    <message>
        <source>Best local offer</source>
        <translation>Báo giá nội địa tốt nhất</translation>
    </message>
    <message>
        <source>Premium per unit</source>
        <translation>Chênh lệch giá mỗi đơn vị</translation>
    </message>
    <message>
        <source>Chinese content removed per unit</source>
        <translation>Hàm lượng TQ giảm mỗi đơn vị</translation>
    </message>
    <message>
        <source>Tariff rate at which localising pays</source>
        <translation>Thuế suất để nội địa hóa có lời</translation>
    </message>
    <message>
        <source>Final target {target}: no plan.</source>
        <translation>Mục tiêu cuối {target}: không có kế hoạch.</translation>
    </message>
    <message>
        <source>Final target {target}: total cost {cost}, highest Chinese share in the last period {share}.</source>
        <translation>Mục tiêu cuối {target}: tổng chi phí {cost}, tỷ lệ TQ cao nhất ở kỳ cuối {share}.</translation>
    </message>
    <message>
        <source>Each point below the previous target costs {price}.</source>
        <translation>Mỗi điểm thấp hơn mục tiêu trước tốn {price}.</translation>
    </message>
    <message>
        <source>Final target from</source>
        <translation>Mục tiêu cuối từ</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>step</source>
        <translation>bước</translation>
    </message>
    <message>
        <source>time per target</source>
        <translation>thời gian mỗi mục tiêu</translation>
    </message>
    <message>
        <source>Plan the curve</source>
        <translation>Lập đường đánh đổi</translation>
    </message>
    <message>
        <source>Final Chinese-share target (last period's cap)</source>
        <translation>Mục tiêu tỷ lệ TQ cuối (trần kỳ cuối)</translation>
    </message>
    <message>
        <source>Total cost of the cheapest plan</source>
        <translation>Tổng chi phí của kế hoạch rẻ nhất</translation>
    </message>
    <message>
        <source>Plan the curve to see what each level of localisation costs: one plan per target, planned side by side.</source>
        <translation>Lập đường đánh đổi để xem mỗi mức nội địa hóa tốn bao nhiêu: mỗi mục tiêu một kế hoạch, lập song song.</translation>
    </message>
    <message>
        <source>A target scales the whole glide path so that its last period's cap equals the target; earlier quarters scale in proportion (a project without caps gets the target in its last period only). A looser target never costs more: a tighter target's plan, and the plan shown, are planned from when they cost less.</source>
        <translation>Mỗi mục tiêu co giãn cả lộ trình trần để trần kỳ cuối bằng mục tiêu; các quý trước co giãn theo cùng tỷ lệ (dự án không có trần chỉ nhận mục tiêu ở kỳ cuối). Mục tiêu lỏng hơn không bao giờ tốn hơn: kế hoạch của mục tiêu chặt hơn, và kế hoạch đang hiển thị, được dùng làm điểm xuất phát khi chúng rẻ hơn.</translation>
    </message>
    <message>
        <source>Break-even per part: the tariff on Chinese content at which moving it pays</source>
        <translation>Hòa vốn theo linh kiện: mức thuế trên hàm lượng TQ để chuyển đổi có lời</translation>
    </message>
    <message>
        <source>Approve this plan</source>
        <translation>Duyệt kế hoạch này</translation>
    </message>
    <message>
        <source>This plan becomes version {n} of the plan of record: its decisions, figures and the inputs it was planned from are kept in the project workbook, which is saved now. Total cost {total}.</source>
        <translation>Kế hoạch này trở thành phiên bản {n} của kế hoạch đã duyệt: các quyết định, số liệu và dữ liệu dùng để lập kế hoạch được lưu trong tệp dự án, tệp được lưu ngay bây giờ. Tổng chi phí {total}.</translation>
    </message>
    <message>
        <source>e.g. Nguyễn Văn An, procurement director</source>
        <translation>vd. Nguyễn Văn An, giám đốc mua hàng</translation>
    </message>
    <message>
        <source>What was decided, conditions, the meeting…</source>
        <translation>Quyết định gì, điều kiện, cuộc họp…</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Người duyệt</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Duyệt</translation>
    </message>
    <message>
        <source>Showing the plan of record…</source>
        <translation>Đang hiển thị kế hoạch đã duyệt…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Plan of record: version {n}&lt;/b&gt;, approved by {by} on {on}.</source>
        <translation>&lt;b&gt;Kế hoạch đã duyệt: phiên bản {n}&lt;/b&gt;, do {by} duyệt ngày {on}.</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Ghi chú: {note}</translation>
    </message>
    <message>
        <source>and {n} more</source>
        <translation>và {n} mục khác</translation>
    </message>
    <message>
        <source>&lt;b&gt;Out of date against its inputs&lt;/b&gt;: the project changed since it was approved. Its figures are those of the project as it is now. Plan again (F5), or re-plan from what happened.</source>
        <translation>&lt;b&gt;Đã cũ so với dữ liệu&lt;/b&gt;: dự án đã thay đổi từ khi kế hoạch được duyệt. Số liệu là của dự án hiện tại. Hãy lập kế hoạch lại (F5), hoặc lập lại theo thực tế.</translation>
    </message>
    <message>
        <source>Approved as version {n}: saving the project…</source>
        <translation>Đã duyệt thành phiên bản {n}: đang lưu dự án…</translation>
    </message>
    <message>
        <source>Cannot approve</source>
        <translation>Không duyệt được</translation>
    </message>
    <message>
        <source>Re-planning from what happened through {p}…</source>
        <translation>Đang lập lại theo thực tế đến hết {p}…</translation>
    </message>
    <message>
        <source>Cannot re-plan</source>
        <translation>Không lập lại được kế hoạch</translation>
    </message>
    <message>
        <source>&lt;b&gt;Re-planned from what happened through {p}&lt;/b&gt;, from version {n} of the plan of record: not approved yet (Plan &gt; Approve this plan…).</source>
        <translation>&lt;b&gt;Đã lập lại theo thực tế đến hết {p}&lt;/b&gt;, từ phiên bản {n} của kế hoạch đã duyệt: chưa được duyệt (Kế hoạch &gt; Duyệt kế hoạch này…).</translation>
    </message>
    <message>
        <source>Sunk (spent, no longer carried by the plan): {m}.</source>
        <translation>Chi phí chìm (đã chi, kế hoạch không dùng tiếp): {m}.</translation>
    </message>
    <message>
        <source>version {n}</source>
        <translation>phiên bản {n}</translation>
    </message>
    <message>
        <source>the plan shown</source>
        <translation>kế hoạch đang hiển thị</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>Đang so sánh…</translation>
    </message>
    <message>
        <source>No plan has been approved for this project. Plan it, then Plan &gt; Approve this plan… keeps the plan as version 1 in the project workbook.</source>
        <translation>Dự án chưa có kế hoạch nào được duyệt. Hãy lập kế hoạch, rồi Kế hoạch &gt; Duyệt kế hoạch này… lưu kế hoạch thành phiên bản 1 trong tệp dự án.</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>So sánh</translation>
    </message>
    <message>
        <source>with</source>
        <translation>với</translation>
    </message>
    <message>
        <source>Show what changed</source>
        <translation>Xem thay đổi</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>An autosave that could not be read was set aside: {details}</source>
        <translation>Một bản tự động lưu không đọc được đã được để riêng: {details}</translation>
    </message>
    <message>
        <source>an untitled project</source>
        <translation>một dự án chưa đặt tên</translation>
    </message>
    <message>
        <source>Recover unsaved changes?</source>
        <translation>Khôi phục thay đổi chưa lưu?</translation>
    </message>
    <message>
        <source>The app closed without saving {name}. Open the copy saved automatically?</source>
        <translation>Ứng dụng đã đóng mà chưa lưu {name}. Mở bản được tự động lưu?</translation>
    </message>
</context>
</TS>