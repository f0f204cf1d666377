"""Screenshots of every view for the README: `python docs/make_screenshots.py [OUT_DIR]`.

Opens the sample project, plans it (about a minute), and grabs each page at 1366x768 and
1920x1080 in English and Vietnamese. Runs offscreen (no display needed).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402

from ui import i18n  # noqa: E402
from ui.app import make_app  # noqa: E402

SAMPLES = {"en": "vr_headset_bac_ninh.xlsx", "vi": "vr_headset_bac_ninh_vi.xlsx"}
PAGES = [
    "Components",
    "Offers",
    "settings",
    "scenarios",
    "summary",
    "phases",
    "why",
    "gantt",
    "content",
    "allocation",
]
SIZES = [(1366, 768), (1920, 1080)]


def wait(app, condition, timeout_s: float) -> None:
    end = time.monotonic() + timeout_s
    while not condition() and time.monotonic() < end:
        app.processEvents(QEventLoop.AllEvents, 50)
        time.sleep(0.02)


def settle(app, ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = make_app()
    from ui.main_window import MainWindow

    for lang, sample in SAMPLES.items():
        i18n.set_language(lang, remember=False)
        window = MainWindow()
        window.resize(*SIZES[0])
        window.show()
        window.files.open_path(ROOT / "sample_data" / sample)
        wait(app, lambda w=window: w.doc.source is not None, 60)
        done: list[object] = []
        window.plan_finished.connect(done.append)
        window.planning.start()
        wait(app, lambda d=done: bool(d), 180)
        for width, height in SIZES:
            window.resize(width, height)
            for page in PAGES:
                window.show_page_named(page)
                settle(app)
                name = f"{page.lower()}_{lang}_{width}x{height}.png"
                window.grab().save(str(out / name))
                print(out / name)
        window.doc.undo.setClean()
        window.close()


if __name__ == "__main__":
    main()
