"""`locplan-gui [FILE] [--lang en|vi]`: the desktop app."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from ui import autosave, dialogs, i18n, support

ORGANISATION = "LocPlan"
APPLICATION = "Supplier Localization Planner"


def make_app(argv: list[str] | None = None) -> QApplication:
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    return app  # type: ignore[return-value]


def offer_recovery(window, otherwise=None) -> bool:
    """After a crash: offer the newest autosave back (once); True when the window opens it.
    Never raises: an autosave that cannot be read is set aside with a message, and the app
    goes on with `otherwise()` (opening the file it was given)."""
    found, problems = autosave.scan()
    if problems:
        window.show_message(
            i18n.tr("An autosave that could not be read was set aside: {details}").format(
                details="; ".join(problems)
            )
        )
    if not found:
        return False
    rec = found[0]
    name = rec.original.name if rec.original else i18n.tr("an untitled project")
    if not dialogs.ask_yes_no(
        window,
        i18n.tr("Recover unsaved changes?"),
        i18n.tr("The app closed without saving {name}. Open the copy saved automatically?").format(
            name=name
        ),
    ):
        autosave.discard_recovery(rec)
        return False
    window.files.recover(rec, otherwise)  # read in a worker; a failure is said and set aside
    return True


def main(argv: list[str] | None = None) -> int:
    args_in = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="locplan-gui", description=APPLICATION)
    parser.add_argument(
        "file", nargs="?", help="project workbook (.xlsx, .xls, .ods) or CSV folder"
    )
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help="language of the app")
    parser.add_argument("--plan", action="store_true", help="plan the project once it is open")
    parser.add_argument(
        "--page",
        help="page to show: a sheet (Components, Offers...), scenario, plan, or a plan tab "
        "(summary, phases, why, gantt, content, allocation, suppliers: once planned, the plan's tab)",
    )
    parser.add_argument(
        "--compare",
        action="store_true",
        help="plan every scenario once the project is open and show the comparison",
    )
    parser.add_argument(
        "--smoke",
        nargs="?",
        const="",
        metavar="FOLDER",
        help="check this installation: plan the sample offscreen, write its workbook and PDF "
        "into FOLDER (default: a new temporary folder), exit 0 when both are written",
    )
    args = parser.parse_args(args_in)
    if args.smoke is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before the QApplication
    app = make_app([sys.argv[0]])
    support.start_app_log()
    if args.smoke is not None:
        from ui import smoke

        i18n.set_language(args.lang or "en", remember=False)
        return smoke.run(app, args.smoke)
    i18n.set_language(args.lang or i18n.saved_language(), remember=args.lang is not None)

    from ui.main_window import MainWindow  # after the translator: texts are set on creation

    window = MainWindow()
    if window.restore_layout():  # as the user left it
        window.show()
    else:
        screen = window.screen().availableGeometry()
        window.setGeometry(screen)  # fills the screen also without a window manager
        window.showMaximized()

    def show_page() -> None:
        if args.page:
            window.show_page_named(args.page)

    def loaded() -> None:
        show_page()
        if args.plan and window.doc is not None and window.doc.can_plan:
            window.planning.start()
        if args.compare and window.doc is not None:
            window.show_page_named("compare")
            window.stack.currentWidget().plan_scenarios()

    window.project_loaded.connect(loaded)
    window.plan_finished.connect(lambda _plan: show_page())

    def open_file() -> None:
        if args.file:
            window.files.open_path(Path(args.file))

    def start() -> None:
        if not offer_recovery(window, open_file):
            open_file()

    QTimer.singleShot(0, start)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
