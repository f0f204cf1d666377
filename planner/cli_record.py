"""`locplan approve | record | replan | diff`: the plan of record from the command line.

approve  plans the project as `locplan plan` does (the same plan: the search is
         deterministic) and keeps it in the workbook as the next approved version.
record   shows the plan of record without planning: priced in the project as it is, through
         the independent checker, with the input rows changed since it was approved.
replan   plans the rest of the horizon from what happened (the Actuals sheet) through a period,
         starting from the plan of record; `approve --through` keeps that re-plan.
diff     what changed between two plans (two versions, or the plans of two workbooks).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from planner import cli
from planner.record.store import Record, Unreadable, Version
from planner.text import t


def _record(raw, lang: str) -> tuple[Record | None, bool]:
    """The workbook's plan of record; (None, False) after printing why it cannot be read."""
    from planner.record.workbook import record_of

    try:
        return record_of(raw), True
    except Unreadable as exc:
        print(exc.problem.format(lang), file=sys.stderr)
        return None, False


def version_dict(v: Version) -> dict:
    return {
        "version": v.number,
        "approved_on": v.approved_on,
        "approved_by": v.approved_by,
        "note": v.note,
        "through": v.through or None,
        "status": v.status,
        "total_cost": v.total_cost,
        "material_cost": v.material_cost,
        "one_time_cost": v.one_time_cost,
        "tariff_cost": v.tariff_cost,
        "sunk_cost": v.sunk_cost,
        "currency": v.currency,
    }


def write_documents(
    args: argparse.Namespace, raw, project, plan, record=None, base=None, replanned=None
) -> bool:
    """The plan workbook (-o) and the printed plan (--pdf), with the sign-off context of the
    plan against the project's plan of record (what changed since the last approved
    version, priced in `base`: the project as the user has it, when `project` is a
    re-plan's corrected copy). False after saying why the PDF cannot be written."""
    from planner.replanning.signoff import signoff_for

    if record is None:  # an unreadable record was said: the documents go without it
        record, _ = _record(raw, args.lang)
    signoff = signoff_for(project, plan, record, base=base, replanned=replanned)
    if args.output:
        from planner.report.workbook import write_plan_workbook

        write_plan_workbook(
            project, plan, Path(args.output), raw=raw, lang=args.lang, signoff=signoff
        )
    if getattr(args, "pdf", None):
        from planner.report.exporters import exporter

        write_pdf = exporter("pdf")
        if write_pdf is None:
            print("locplan: PDF export needs the desktop app's printing module", file=sys.stderr)
            return False
        write_pdf(project, plan, Path(args.pdf), lang=args.lang, signoff=signoff)
    return True


def _no_record(args: argparse.Namespace) -> int:
    print(
        t(
            "{f} has no plan of record: approve a plan first (locplan approve).",
            "{f} chưa có kế hoạch đã duyệt: hãy duyệt một kế hoạch trước (locplan approve).",
            f=Path(args.file).name,
        ).get(args.lang),
        file=sys.stderr,
    )
    return cli.EXIT_BAD


def _replanned(args: argparse.Namespace, project, record: Record):
    """The re-plan from actuals through args.through (planner.replanning.replan), or None
    after saying why there is none."""
    from planner.record.store import as_plan
    from planner.replanning.replan import replan

    if args.through not in project.periods:
        raise SystemExit(
            cli._usage(
                f"--through {args.through}: not a period of the project "
                f"({', '.join(project.periods)})"
            )
        )
    given = as_plan(record.decisions_of(record.latest.number))

    def run(project, **kw):
        return replan(project, given, args.through, settled=record.latest.through, **kw)

    return cli._plan_with_progress(project, args, run)


def _say_replan(args: argparse.Namespace, result, currency: str) -> None:
    """What the re-plan did with the events, and the money already spent that it carries
    no further, to stderr (stdout is the summary's)."""
    for problem in result.problems:
        print(problem.format(args.lang), file=sys.stderr)
    for line in result.notes:
        print(line.get(args.lang), file=sys.stderr)
    if result.sunk_cost:
        print(
            t(
                "Sunk: {c} spent on what happened but cannot be carried on.",
                "Chi phí đã mất: {c} đã chi cho việc đã xảy ra nhưng không dùng tiếp được.",
                c=cli._money(result.sunk_cost, args.lang, currency),
            ).get(args.lang),
            file=sys.stderr,
        )


def _with_record(args: argparse.Namespace, required: bool = True):
    """The project's cells, its check and its plan of record (None when none was approved
    and none is `required`); or the exit code after saying why not (bad input, an
    unreadable record, none approved yet)."""
    if hasattr(args, "output"):  # outputs that must not be written are refused first
        cli._outputs(args)
    checked = cli._read_checked(args)
    if checked is None:
        return cli.EXIT_BAD
    raw, result = checked
    record, ok = _record(raw, args.lang)
    if not ok:
        return cli.EXIT_BAD
    if record is None and required:
        return _no_record(args)
    return raw, result, record


def cmd_replan(args: argparse.Namespace) -> int:
    """Re-plan the rest of the horizon from what happened through a period."""
    found = _with_record(args)
    if isinstance(found, int):
        return found
    raw, result, record = found
    replanned = _replanned(args, result.project, record)
    plan = replanned.plan
    _say_replan(args, replanned, result.project.settings.currency)
    planned = plan.has_plan and plan.verified
    if (
        planned
        and (args.output or args.pdf)
        and not write_documents(
            args,
            raw,
            replanned.project,
            plan,
            record,
            result.project,
            # what is sunk adds up across re-plans, as the approved version will keep it
            (args.through, replanned.sunk_cost + record.latest.sunk_cost),
        )
    ):
        return cli.EXIT_BAD
    if args.json:
        data = {
            **cli._summary_dict(plan),
            **plan.certainty_facts(),
            "through": args.through,
            "sunk_cost": replanned.sunk_cost,
            "facts": replanned.facts.to_dict("records"),
            "notes": [n.get(args.lang) for n in replanned.notes],
            "problems": [p.format(args.lang) for p in replanned.problems],
            "explanation": [x.get(args.lang) for x in plan.explanation],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2, default=cli._json_default))
    elif planned:
        print(
            t(
                "Re-planned from what happened through {p}: total cost {c}, passed the "
                "independent check (the facts kept as they happened).",
                "Đã lập lại kế hoạch theo thực tế đến hết {p}: tổng chi phí {c}, đã qua kiểm "
                "tra độc lập (giữ nguyên những gì đã xảy ra).",
                p=args.through,
                c=cli._money(plan.total_cost, args.lang, result.project.settings.currency),
            ).get(args.lang)
        )
    if not planned:
        for line in plan.explanation:
            print(line.get(args.lang), file=sys.stderr)
    return cli.EXIT_OK if planned else cli.EXIT_BAD


def cmd_approve(args: argparse.Namespace) -> int:
    from planner.optimise import plan_project
    from planner.record.store import approve
    from planner.record.workbook import save_record

    found = _with_record(args, required=bool(args.through))  # a re-plan needs a record
    if isinstance(found, int):
        return found
    raw, result, record = found
    sunk, through = 0.0, ""
    if args.through and record is not None:  # the re-plan from actuals, as the next version
        replanned = _replanned(args, result.project, record)
        _say_replan(args, replanned, result.project.settings.currency)
        plan, sunk, through = replanned.plan, replanned.sunk_cost, args.through
    else:
        plan = cli._plan_with_progress(result.project, args, plan_project)
    if not (plan.has_plan and plan.verified):
        for line in plan.explanation:
            print(line.get(args.lang), file=sys.stderr)
        return cli.EXIT_BAD
    # the inputs as the user has them are fingerprinted, not a re-plan's corrected copy
    new = approve(
        record, result.project, plan, args.by, args.note or "", through=through, sunk_cost=sunk
    )
    save_record(args.file, raw, new)
    entry = new.latest
    if args.json:
        print(json.dumps(version_dict(entry), ensure_ascii=False, indent=2))
    else:
        print(
            t(
                "Approved as version {n} by {by} on {on}: total cost {c}.",
                "Đã duyệt thành phiên bản {n}, người duyệt {by}, ngày {on}: tổng chi phí {c}.",
                n=entry.number,
                by=entry.approved_by,
                on=entry.approved_on,
                c=cli._money(entry.total_cost, args.lang, entry.currency),
            ).get(args.lang)
        )
    return cli.EXIT_OK


def cmd_record(args: argparse.Namespace) -> int:
    """Show the plan of record (or a version of it) without planning."""
    from planner.replanning.restore import plan_of_record

    found = _with_record(args)
    if isinstance(found, int):
        return found
    raw, result, record = found
    if args.version is not None and record.version(args.version) is None:
        known = ", ".join(str(v.number) for v in record.versions)
        return cli._usage(f"there is no version {args.version} (versions: {known})")
    standing = plan_of_record(result.project, record, args.version)
    plan = standing.plan
    if args.json:
        data = {
            "version": version_dict(standing.version),
            "versions": [version_dict(v) for v in record.versions],
            "verified": plan.verified,
            "total_cost": plan.total_cost,
            "current": standing.current,
            "changed_inputs": [c.text().get(args.lang) for c in standing.changed],
            "violations": plan.violations,
        }
        print(json.dumps(data, ensure_ascii=False, indent=2, default=cli._json_default))
    else:
        _print_record(args, standing)
    written = not (args.output or args.pdf) or (
        plan.verified and write_documents(args, raw, result.project, plan)
    )
    return cli.EXIT_OK if plan.verified and written else cli.EXIT_BAD


def _print_record(args: argparse.Namespace, standing) -> None:
    lang, v, plan = args.lang, standing.version, standing.plan
    for entry in standing.record.versions:
        mark = "*" if entry.number == v.number else " "
        print(
            f"{mark} v{entry.number}  {entry.approved_on}  {entry.approved_by:<20} "
            f"{cli._money(entry.total_cost, lang, entry.currency):>18}  {entry.note}"
        )
    if plan.verified:
        print(
            t(
                "Version {n}: total cost {c}, passed the independent check.",
                "Phiên bản {n}: tổng chi phí {c}, đã qua kiểm tra độc lập.",
                n=v.number,
                c=cli._money(plan.total_cost, lang, v.currency),
            ).get(lang)
        )
    else:
        for line in [*plan.explanation, *plan.violations[:5]]:
            print(line if isinstance(line, str) else line.get(lang), file=sys.stderr)
    if standing.changed:
        n = len(standing.changed)
        print(
            t(
                "Out of date against its inputs: {n} input {rows} changed since it was approved:",
                "Đã cũ so với dữ liệu: {n} dòng dữ liệu đã đổi từ khi được duyệt:",
                n=n,
                rows="row" if n == 1 else "rows",
            ).get(lang)
        )
        for line in standing.changes_text():
            print(f"  {line.get(lang)}")


def _versions(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        a, b = (int(x) for x in text.split(","))
    except ValueError:
        raise SystemExit(
            cli._usage(f"--versions '{text}': give two version numbers, e.g. 1,2")
        ) from None
    return a, b


def _sides(args: argparse.Namespace):
    """The two plans `locplan diff` compares (compare.Side), or raises NotComparable."""
    from planner.replanning.compare import file_side

    versions = _versions(args.versions)
    if len(args.files) == 1:
        if versions is None:
            raise SystemExit(cli._usage("one file: say which versions, e.g. --versions 1,2"))
        return file_side(args.files[0], versions[0]), file_side(args.files[0], versions[1])
    if len(args.files) != 2:
        raise SystemExit(cli._usage("give one project (with --versions) or two workbooks"))
    old_v, new_v = versions if versions is not None else (None, None)
    return file_side(args.files[0], old_v), file_side(args.files[1], new_v)


def cmd_diff(args: argparse.Namespace) -> int:
    """What changed between two plans: two versions of one project's plan of record, or the
    plans two workbooks hold (a plan workbook's own plan, else its plan of record)."""
    from planner.replanning.compare import NotComparable, compared
    from planner.report.plan_diff import diff_dict

    try:
        old, new = _sides(args)
    except NotComparable as exc:
        print(exc.text.get(args.lang), file=sys.stderr)
        return cli.EXIT_BAD
    except Unreadable as exc:
        print(exc.problem.format(args.lang), file=sys.stderr)
        return cli.EXIT_BAD
    diff = compared(old, new)
    data = diff_dict(diff, args.lang)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=cli._json_default))
        return cli.EXIT_OK
    for line in data["headline"]:
        print(line)
    for key in ("parts", "suppliers", "limits"):
        for row in data[key]:
            what = row.get("component_id") or row.get("supplier_id") or row.get("family", "")
            text = row.get("reason") or row.get("text") or ""
            print(f"  {what}: {row.get('change', '')} - {text}")
    return cli.EXIT_OK


def add_commands(sub) -> None:
    p = sub.add_parser(
        "approve", help="plan the project and keep the plan as its next approved version"
    )
    cli._input_args(p)
    p.add_argument("--by", required=True, help="who approves (the director's name)")
    p.add_argument("--note", help="a note kept with the version")
    p.add_argument(
        "--through",
        metavar="PERIOD",
        help="approve the re-plan from actuals through PERIOD (see locplan replan)",
    )
    p.add_argument("--time-limit", type=cli._seconds, default=None, help="seconds")
    p.add_argument("--json", action="store_true", help="print the version as JSON")
    p.set_defaults(func=cmd_approve)
    p = sub.add_parser("record", help="show the plan of record without planning")
    cli._input_args(p)
    p.add_argument("--version", type=cli._count, help="a version other than the latest")
    p.add_argument("-o", "--output", help="plan workbook to write (.xlsx)")
    p.add_argument("--pdf", help="printable phase plan to write (.pdf), opening on its sign-off")
    p.add_argument("--json", action="store_true", help="print it as JSON")
    p.set_defaults(func=cmd_record)
    p = sub.add_parser("replan", help="plan the rest from what happened (Actuals) through a period")
    cli._input_args(p)
    p.add_argument("--through", required=True, metavar="PERIOD", help="the last period done")
    p.add_argument("-o", "--output", help="plan workbook to write (.xlsx)")
    p.add_argument("--pdf", help="printable phase plan to write (.pdf)")
    p.add_argument("--time-limit", type=cli._seconds, default=None, help="seconds")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_replan)
    p = sub.add_parser("diff", help="what changed between two plans")
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a project with --versions A,B, or two workbooks: a plan workbook's own plan, "
        "else the workbook's plan of record",
    )
    p.add_argument("--versions", help="A,B: the versions of the plan of record to compare")
    p.add_argument("--json", action="store_true", help="print the changes as JSON")
    p.set_defaults(func=cmd_diff)


__all__ = ["add_commands", "cmd_approve", "cmd_record", "version_dict"]
