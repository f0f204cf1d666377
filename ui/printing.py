"""The printed phase plan's backend: it lays out and paints a story built by planner.report
(planner/report/phase_plan.py) with QPainter, for the print preview (QPrinter) and the PDF
(QPdfWriter) alike, so what management reads on paper is what the app previewed.

The story is laid out first into pages of draw closures, then painted, so every footer can say
"Page n / N". Nothing here groups, pivots, formats or translates: the story's texts are final.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from planner.io.files import CannotWrite, atomic_write, check_target
from planner.plan import Plan
from planner.project import TypedProject
from planner.report import story as st
from planner.report.plan_report import build_report
from planner.report.signoff import SignOff
from ui.charts import (
    gantt_capacity,
    gantt_header_height,
    gantt_row_height,
    paint_content_chart,
    paint_gantt,
)
from ui.print_layout import (
    ACCENT,
    INK,
    MUTED,
    RULE,
    Draw,
    Flow,
    Style,
    draw_text,
    heading,
    paragraph,
    register_fonts,
    table,
)

MARGIN_MM = 15.0
# paragraph style -> (size in points, bold, colour)
STYLES = {
    st.TITLE: (24.0, True, ACCENT),
    st.SUBTITLE: (15.0, False, INK),
    st.DATE: (9.5, False, MUTED),
    st.BODY: (9.5, False, INK),
    st.NOTE: (9.0, False, MUTED),
    st.SMALL_NOTE: (8.5, False, MUTED),
}

_app: QGuiApplication | None = None  # kept alive when write_plan_pdf had to create it


# Blocks -----------------------------------------------------------------------------------


def _chart(flow: Flow, style: Style, block: st.ChartBlock) -> None:
    def paint(p: QPainter, r: QRectF) -> None:
        p.setFont(style.font(9.0))  # the chart sizes its fonts from the painter's family
        paint_content_chart(p, r, block.chart)

    flow.place(style.mm(block.height_mm), paint)


def _gantt(flow: Flow, painter: QPainter, style: Style, block: st.GanttBlock) -> None:
    """As many rows per page as fit; the rest continue on the next pages."""
    chart = block.chart
    total = len(chart.rows)

    def paint(p: QPainter, r: QRectF, first: int, count: int | None) -> None:
        p.setFont(style.font(9.0))
        paint_gantt(p, r, chart, first, count)

    if total == 0:
        flow.place(40 * style.pt, lambda p, r: paint(p, r, 0, None))
        return
    first = 0
    while first < total:
        if first:
            flow.new_page()
            height = style.text_height(block.continued, flow.area.width(), 8.5, True)
            flow.place(
                height + 3 * style.pt,
                lambda p, r: draw_text(p, style, r, block.continued, 8.5, True, MUTED),
            )
        painter.setFont(style.font(9.0))
        room = QRectF(flow.area.left(), flow.y, flow.area.width(), flow.room)
        count = min(gantt_capacity(painter, room), total - first)
        height = gantt_header_height(painter) + count * gantt_row_height(painter)
        flow.place(min(height, flow.room), lambda p, r, f=first, c=count: paint(p, r, f, c))
        first += count


def _signature(flow: Flow, style: Style, block: st.Signature) -> None:
    """A line to sign per label, the label on the left and a rule to the right margin; kept
    together on one page."""
    size, row = 9.5, 26 * style.pt
    label_w = max(style.fm(size, True).horizontalAdvance(t) for t in block.labels) + 10 * style.pt
    height = row * len(block.labels)
    flow.ensure(height)

    def paint(p: QPainter, r: QRectF) -> None:
        for k, text in enumerate(block.labels):
            y = r.top() + (k + 1) * row - 4 * style.pt
            box = QRectF(r.left(), y - style.fm(size, True).height(), label_w, row)
            draw_text(p, style, box, text, size, True, INK, Qt.AlignLeft | Qt.AlignTop, False)
            p.setPen(QPen(INK, 0.6 * style.pt))
            end = r.left() + min(r.width(), label_w + style.mm(95))
            p.drawLine(QPointF(r.left() + label_w, y), QPointF(end, y))

    flow.place(height, paint)


def layout(painter: QPainter, style: Style, area: QRectF, story: st.Story) -> list[list[Draw]]:
    """The story's blocks placed on pages: a list of draw calls per page."""
    flow = Flow(area)
    for block in story.blocks:
        if isinstance(block, st.Paragraph):
            size, bold, colour = STYLES.get(block.style, STYLES[st.BODY])
            paragraph(flow, style, block.text, size, bold, colour, after=block.space_after)
        elif isinstance(block, st.Heading):
            heading(flow, style, block.text, keep_pt=block.keep_with_next)
        elif isinstance(block, st.Spacer):
            flow.skip(block.height * style.pt)
        elif isinstance(block, st.PageBreak):
            flow.break_page()
        elif isinstance(block, st.Grid):
            table(flow, style, block, story.continued)
        elif isinstance(block, st.ChartBlock):
            _chart(flow, style, block)
        elif isinstance(block, st.GanttBlock):
            _gantt(flow, painter, style, block)
        elif isinstance(block, st.Signature):
            _signature(flow, style, block)
    return [page for page in flow.pages if page] or [[]]


def _chrome_height(style: Style) -> float:
    return style.fm(7.5).height() + 12 * style.pt


def _paint_chrome(
    painter: QPainter, style: Style, page: QRectF, header: str, left: str, right: str
) -> None:
    """The thin header line and the footer on every page."""
    size, pt = 7.5, style.pt
    h = style.fm(size).height()
    top = QRectF(page.left(), page.top(), page.width(), h)
    flags = Qt.AlignLeft | Qt.AlignVCenter
    draw_text(painter, style, top, header, size, False, MUTED, flags, False)
    painter.setPen(QPen(RULE, 0.5 * pt))
    line_y = top.bottom() + 3 * pt
    painter.drawLine(QPointF(page.left(), line_y), QPointF(page.right(), line_y))
    bottom = QRectF(page.left(), page.bottom() - h, page.width(), h)
    line_y = bottom.top() - 3 * pt
    painter.drawLine(QPointF(page.left(), line_y), QPointF(page.right(), line_y))
    right_w = style.fm(size).horizontalAdvance(right) + 2 * pt
    draw_text(
        painter, style, bottom, right, size, False, MUTED, Qt.AlignRight | Qt.AlignVCenter, False
    )
    left_rect = QRectF(bottom.left(), bottom.top(), bottom.width() - right_w - 12 * pt, h)
    draw_text(painter, style, left_rect, left, size, False, MUTED, flags, False)


# Painting ---------------------------------------------------------------------------------


def paint_story(device: QPagedPaintDevice, story: st.Story) -> int:
    """Lay out and paint the whole story on a printer or PDF writer; the number of pages."""
    family = register_fonts()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot paint on the print device (is the file writable?)")
    try:
        style = Style(device, family)
        painter.setFont(style.font(9.0))
        painter.setRenderHint(QPainter.Antialiasing, True)
        page = QRectF(0, 0, device.width(), device.height())
        chrome = _chrome_height(style)
        area = page.adjusted(0, chrome, 0, -chrome)
        pages = layout(painter, style, area, story)
        for n, draws in enumerate(pages, 1):
            if n > 1 and not device.newPage():
                raise OSError("the print device refused a new page")
            number = story.page_number.format(n=n, total=len(pages))
            _paint_chrome(painter, style, page, story.page_header, story.page_footer, number)
            for draw in draws:
                painter.save()
                draw(painter)
                painter.restore()
    finally:
        painter.end()
    return len(pages)


def page_layout() -> QPageLayout:
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(
        QPageSize(QPageSize.A4), QPageLayout.Portrait, margins, QPageLayout.Millimeter
    )


def _ensure_app() -> None:
    """QPdfWriter and fonts need a QGuiApplication; the CLI has none, and maybe no display."""
    global _app
    app = QGuiApplication.instance()
    if app is not None:
        if not isinstance(app, QGuiApplication):
            raise RuntimeError("the PDF needs a QGuiApplication, not a QCoreApplication")
        return
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(["locplan"])


def write_story_pdf(story: st.Story, path: str | os.PathLike[str]) -> int:
    """Write the story as an A4 PDF, atomically (a reader never sees half a file); the number
    of pages. Raises CannotWrite, and leaves an old file as it was, when it cannot be written."""
    path = Path(path)
    check_target(path)  # a read-only or missing target is refused before drawing 60 pages
    _ensure_app()
    register_fonts()
    # drawn into memory, then written like every file of the app (beside, flushed, replaced):
    # QPdfWriter says nothing when the disk fills, so the bytes are written here
    buffer = QBuffer()
    buffer.open(QIODevice.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setPageLayout(page_layout())
    writer.setTitle(story.title)
    writer.setCreator(story.creator)
    pages = paint_story(writer, story)
    del writer  # finishes the PDF in the buffer
    data = bytes(buffer.data())
    buffer.close()
    if not data.rstrip().endswith(b"%%EOF"):
        raise CannotWrite(
            "write_failed",
            f"The PDF of {path.name} could not be completed; nothing was written.",
            f"Không hoàn tất được tệp PDF {path.name}; chưa ghi gì.",
        )
    atomic_write(path, lambda handle: handle.write(data))
    return pages


def write_plan_pdf(
    project: TypedProject,
    plan: Plan,
    path: str | os.PathLike[str],
    lang: str = "en",
    signoff: SignOff | None = None,
) -> int:
    """The `locplan.exporters` entry point (`locplan plan --pdf`): the phase plan as an A4 PDF.

    Raises UnverifiedPlan, and writes nothing, unless the plan passed the independent check.
    """
    check_target(Path(path))  # refused before the story is made
    story = build_report(project, plan, lang, signoff=signoff).story
    assert story is not None
    return write_story_pdf(story, path)


def phase_plan_story(
    project: TypedProject, plan: Plan, lang: str = "en", signoff: SignOff | None = None
) -> st.Story:
    """The printed phase plan's story (for the print preview; made in a worker process)."""
    story = build_report(project, plan, lang, signoff=signoff).story
    assert story is not None
    return story


def preview_dialog(parent, story: st.Story):
    """The print preview dialog, built but not shown (tests construct it without exec)."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    register_fonts()
    printer = QPrinter(QPrinter.HighResolution)
    printer.setPageLayout(page_layout())
    printer.setDocName(story.title)
    printer.setCreator(story.creator)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"{story.name} · {story.title}")
    dialog.printer_ = printer  # the dialog does not own it: keep it alive as long as the dialog
    dialog.paintRequested.connect(lambda device: paint_story(device, story))
    return dialog


__all__ = [
    "page_layout",
    "paint_story",
    "phase_plan_story",
    "preview_dialog",
    "register_fonts",
    "write_plan_pdf",
    "write_story_pdf",
]
