"""`locplan`: the command line. Exit codes: 0 ok, 1 bad input or infeasible, 2 usage."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import dataclasses
import json
import math
import re
import signal
import sys
import threading
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from planner import version
from planner.io.files import RefusedFile, check_target, read_failure, same_file
from planner.io.read import ColumnMapping
from planner.problems import ERROR, NOTE, WARNING
from planner.report import fmt
from planner.report.labels import LABELS, label
from planner.text import t

if TYPE_CHECKING:  # the commands import the engine when they run, for a quick start
    from planner.plan import Plan

EXIT_OK, EXIT_BAD, EXIT_USAGE = 0, 1, 2
UNREAD = ("unknown_column", "unknown_sheet", "ignored_column")


def _mapping(path: str | None) -> ColumnMapping | None:
    if not path:
        return None
    try:
        return ColumnMapping.load(Path(path))
    except RefusedFile as exc:
        raise SystemExit(_usage(f"cannot read the mapping file {path}: {exc}")) from None
    except (OSError, ValueError) as exc:
        raise SystemExit(
            _usage(f"the mapping file {path} cannot be used: {str(exc).rstrip('.')}.")
        ) from None


def _seconds(text: str) -> float:
    """--time-limit: a finite number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds.") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a time limit: give seconds, 0 or more.")
    return value


def _count(text: str) -> int:
    """A whole number, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number.") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is too few: give 1 or more.")
    return value


def _outputs(args: argparse.Namespace) -> None:
    """Refuse, before reading or planning, outputs that cannot or must not be written."""
    if args.output and args.pdf and same_file(args.output, args.pdf):
        raise RefusedFile(
            "same_output",
            f"--pdf and -o name the same file ({args.pdf}): the PDF would overwrite the "
            "workbook. Give them different names.",
            f"--pdf và -o cùng một tệp ({args.pdf}): tệp PDF sẽ ghi đè tệp Excel. Hãy đặt tên "
            "khác nhau.",
        )
    inputs = [Path(args.file)]
    if inputs[0].is_dir():  # a CSV folder: none of its files may be written over
        inputs += [p for p in inputs[0].iterdir() if p.suffix.lower() in (".csv", ".txt")]
    for target in (args.output, args.pdf):
        if target:
            check_target(Path(target), inputs=inputs)


def _usage(message: str) -> int:
    print(f"locplan: {message}", file=sys.stderr)
    return EXIT_USAGE


def cmd_check(args: argparse.Namespace) -> int:
    from planner.validate import check_file

    result = check_file(args.file, _mapping(args.mapping), args.encoding)
    if result.raw is not None:  # the Scenarios sheet's rows; each scenario's project too
        from planner.scenarios import check_scenarios  # when the base has no error

        result.problems = result.problems + check_scenarios(result.raw, deep=result.ok)
    # what was not read is always named: a column or sheet ignored in silence misleads
    shown = [p for p in result.problems if args.notes or p.severity != NOTE or p.code in UNREAD]
    for problem in shown:
        print(problem.format(args.lang))
    errors = sum(p.severity == ERROR for p in result.problems)
    warnings = sum(p.severity == WARNING for p in result.problems)
    scenario_errors = any(p.severity == ERROR and p.sheet == "Scenarios" for p in result.problems)
    if args.lang == "vi":
        print(f"{errors} lỗi, {warnings} cảnh báo.")
    else:
        print(f"{errors} error(s), {warnings} warning(s).")
    if result.ok and result.project is not None and not scenario_errors:
        p = result.project
        print(
            _w(
                args.lang,
                f"OK: {len(p['Components'])} components, {len(p['Products'])} products, "
                f"{len(p['Suppliers'])} suppliers, {len(p['Offers'])} offers, "
                f"{len(p.periods)} periods.",
                f"OK: {len(p['Components'])} linh kiện, {len(p['Products'])} sản phẩm, "
                f"{len(p['Suppliers'])} nhà cung cấp, {len(p['Offers'])} báo giá, "
                f"{len(p.periods)} kỳ.",
            )
        )
        return EXIT_OK
    return EXIT_BAD


def cmd_template(args: argparse.Namespace) -> int:
    from planner.io.write import write_template

    write_template(Path(args.file))
    print(_w(args.lang, f"Wrote {args.file}", f"Đã ghi {args.file}"))
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    from planner.generate import generate_project
    from planner.io.write import write_typed

    project = generate_project(
        args.components, seed=args.seed, n_periods=args.periods, family=args.family
    )
    write_typed(project, Path(args.file))
    print(
        f"Wrote {args.file}: {len(project['Components'])} components, "
        f"{len(project['Offers'])} offers, {len(project.periods)} periods"
    )
    return EXIT_OK


def cmd_plan(args: argparse.Namespace) -> int:
    from planner.io.read import read_project
    from planner.optimise.margins import plan_priced
    from planner.validate import validate

    _outputs(args)
    raw = read_project(args.file, _mapping(args.mapping), args.encoding)
    if args.lang is None:  # the plan's documents speak the workbook's language
        from planner.io.read import language_of

        args.lang = language_of(raw)
    result = validate(raw)
    if not result.ok or result.project is None:
        for problem in result.errors:
            print(problem.format(args.lang), file=sys.stderr)
        return EXIT_BAD
    plan = _plan_with_progress(result.project, args, plan_priced)  # the plan, its margins priced
    planned = plan.status.value in ("optimal", "feasible") and plan.verified
    if planned and (args.output or args.pdf):
        from planner.cli_record import write_documents

        if not write_documents(args, raw, result.project, plan):
            return EXIT_BAD
    if args.json:
        facts = {**_summary_dict(plan), **plan.certainty_facts()}
        if planned:  # what each margin kept below a bound costs (planner.optimise.margins)
            facts["margins"] = (
                plan.margins.astype(object).where(plan.margins.notna()).to_dict("records")
            )
        if not planned:
            facts["explanation"] = [line.get(args.lang) for line in plan.explanation]
        print(json.dumps(facts, ensure_ascii=False, indent=2, default=_json_default))
    else:
        lang = args.lang
        print(
            _w(
                lang,
                f"status: {plan.status.value}  total_cost: {_money(plan.total_cost)}  "
                f"best_bound: {_money(plan.best_bound)}  gap: {_pct(plan.gap)}  "
                f"stopped by: {plan.stopped_by or '-'}  time: {plan.solve_seconds:.1f} s",
                f"trạng thái: {_status(plan.status, lang)}  tổng chi phí: "
                f"{_money(plan.total_cost, lang)}  cận tốt nhất: {_money(plan.best_bound, lang)}  "
                f"sai số: {_pct(plan.gap, lang)}  dừng bởi: {_stopped(plan.stopped_by, lang)}  "
                f"thời gian: {_duration(plan.solve_seconds, lang)}",
            )
        )
        if planned:
            from planner.report.certainty import certainty

            settings = result.project.settings
            print(certainty(plan, float(settings.mip_gap), settings.currency, args.lang))
    stream = sys.stdout if planned else sys.stderr
    for line in plan.explanation:
        print(line.get(args.lang), file=stream)
    return EXIT_OK if planned else EXIT_BAD


# the search's phases (planner.plan.ProgressEvent.phase) as the progress line says them
PHASES = {
    "first plan": {"vi": "kế hoạch đầu"},
    "improving": {"vi": "đang cải thiện"},
    "proving": {"vi": "đang chứng minh"},
    "least Chinese content": {"vi": "ít hàm lượng TQ nhất"},
    "repairing": {"vi": "tìm kế hoạch dự phòng"},
    "pricing": {"en": "pricing the margins", "vi": "tính giá các biên an toàn"},
    "done": {"vi": "xong"},
}


def _plan_with_progress(project, args: argparse.Namespace, plan_project):
    """Plan in a worker thread, printing each improved plan and bound to stderr (never to
    stdout, which --json keeps for the summary); Ctrl+C stops the search and keeps the best
    plan found (the main thread stays in Python so that the signal is seen at once)."""
    stop = threading.Event()
    out: dict = {}
    tty = sys.stderr.isatty()

    def progress(event) -> None:
        if event.objective is None and event.phase != "done":
            return
        line = t(
            "{s:6.1f} s  {phase:<22} cost {c}  bound {b}  gap {g}",
            "{s:6.1f} giây  {phase:<22} chi phí {c}  cận {b}  sai số {g}",
            s=event.elapsed_s,
            phase=PHASES.get(event.phase, {}).get(args.lang, event.phase or event.message),
            c=_money(event.objective, args.lang),
            b=_money(event.bound, args.lang),
            g=_pct(event.gap, args.lang),
        ).get(args.lang)
        if tty:  # the return on its own: the output shows any other control character
            _say("\r", end="")
        _say(line, end="" if tty else "\n")

    def run() -> None:
        out["plan"] = plan_project(
            project, time_limit_s=args.time_limit, on_progress=progress, should_stop=stop.is_set
        )

    _run_stoppable(run, stop, _stopping(args))
    if tty:
        print(file=sys.stderr)
    return out["plan"]


def _stopping(args: argparse.Namespace, plans: bool = False):
    """What a stop (Ctrl+C, SIGTERM, SIGHUP) says at once: the search is ending and its best
    plan(s) will come."""
    text = (
        t(
            "Stopping: keeping the best plans found so far…",
            "Đang dừng: giữ các kế hoạch tốt nhất đã tìm được…",
        )
        if plans
        else t(
            "Stopping: keeping the best plan found…",
            "Đang dừng: giữ kế hoạch tốt nhất đã tìm được…",
        )
    )
    return lambda: _say("\n" + text.get(args.lang or "en"))


def _say(line: str, end: str = "\n") -> None:
    """A line to stderr that never fails the run: after SIGHUP the terminal may be gone, and
    the plans are still written."""
    with contextlib.suppress(OSError, ValueError):
        print(line, end=end, file=sys.stderr, flush=True)


def _run_stoppable(run, stop, on_stop=lambda: None) -> None:
    """`run()` in a worker thread; Ctrl+C, SIGTERM or SIGHUP set `stop` (the search then
    hands back its best) and wait for it; a second stop waits too. While it runs, those
    signals only raise a plain flag that the main thread reads between short sleeps: a
    handler that raised, or set an Event, could land inside a lock the main thread holds
    and leave it held (a child deadlocked so when its parent's threads died one by one).
    The wait is on the worker's own flag, not on Thread.join: a join that a stop
    interrupts can take the thread for ended while it still runs (red-team O04)."""
    import threading
    import time

    ended = threading.Event()
    asked = [False]

    def body() -> None:
        try:
            run()
        finally:
            ended.set()

    replaced = _flag_signals(asked)
    try:
        threading.Thread(target=body, daemon=True).start()
        while not ended.is_set():  # is_set takes no lock
            time.sleep(0.05)
            if asked[0] and not stop.is_set():
                stop.set()
                on_stop()
    finally:
        for number, handler in replaced.items():
            signal.signal(number, handler)


def _flag_signals(asked: list[bool]) -> dict:
    """Ctrl+C, SIGTERM and SIGHUP raise `asked[0]` and nothing else (main thread only: a
    thread cannot install handlers, and there the stops stay KeyboardInterrupt). The
    handlers they replace, to put back."""
    import threading

    replaced: dict = {}
    if threading.current_thread() is not threading.main_thread():
        return replaced

    def flag(*_: object) -> None:
        asked[0] = True

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            replaced[number] = signal.signal(number, flag)
    return replaced


def _w(lang: str, en: str, vi: str) -> str:
    return vi if lang == "vi" else en


def _money(value: float | None, lang: str = "en", currency: str = "USD") -> str:
    """Money as the app writes it in `lang` ($1,234 or 1.234 USD), with an ASCII minus that
    a script reading the output can parse."""
    if value is None or value != value:
        return "-"
    return fmt.money(value, lang, currency).replace("\u2212", "-")


def _pct(value: float | None, lang: str = "en") -> str:
    return "-" if value is None or value != value else fmt.pct(value, lang, 2)


# what ended a search (planner.optimise.deadline), as a Vietnamese reader is told it; in
# English the code itself, as --json writes it
STOPPED_VI = {
    "cancel": "đã dừng",
    "clock": "hết thời gian",
    "optimal": "đã chứng minh",
    "work": "hết khối lượng tính",
}


def _stopped(code: object, lang: str) -> str:
    if not isinstance(code, str) or not code:
        return "-"
    return STOPPED_VI.get(code, code) if lang == "vi" else code


def _duration(value: float, lang: str) -> str:
    return _w(lang, f"{value:.1f} s", f"{fmt.number(value, lang, 1)} giây")


def _status(status: object, lang: str) -> str:
    """A plan's status: its code in English (as --json writes it), in Vietnamese as the
    plan's documents name it (`khả thi`)."""
    code = getattr(status, "value", status)
    if lang == "vi" and f"status_{code}" in LABELS:
        return label(f"status_{code}", lang)
    return str(code)


def _json_default(value: object) -> object:
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "value"):
        return value.value
    return str(value)


def _read_checked(args: argparse.Namespace):
    """The project's raw cells and validation, or None after printing why (exit 1)."""
    from planner.io.read import language_of, read_project
    from planner.validate import validate

    raw = read_project(args.file, _mapping(args.mapping), args.encoding)
    if args.lang is None:
        args.lang = language_of(raw)
    result = validate(raw)
    if not result.ok or result.project is None:
        for problem in result.errors:
            print(problem.format(args.lang), file=sys.stderr)
        return None
    return raw, result


def _scenario_progress(args: argparse.Namespace):
    lock = threading.Lock()

    def show(name: str, event) -> None:
        if event.objective is None and event.phase != "done":
            return
        with lock:
            phase = PHASES.get(event.phase, {}).get(args.lang, event.phase)
            target = re.fullmatch(r"final (\d+(?:\.\d+)?)%", name)
            if target and args.lang == "vi":  # a sweep's target (planner.scenarios.sweep)
                name = f"mục tiêu {fmt.pct(float(target.group(1)) / 100, 'vi', 1)}"
            _say(
                f"{name:<24} {_duration(event.elapsed_s, args.lang):>10}  {phase:<14} "
                f"{_money(event.objective, args.lang)}"
            )

    return show


def cmd_compare(args: argparse.Namespace) -> int:
    """Plan the base project and its scenarios in parallel and print them side by side."""
    from planner.scenarios import compare, plan_scenarios, scenario_names

    checked = _read_checked(args)
    if checked is None:
        return EXIT_BAD
    raw, _ = checked
    names = scenario_names(raw)
    if args.scenarios:
        wanted = _chosen(args.scenarios, names)
        unknown = [n for n in wanted if n not in names]
        if unknown:
            print(
                t(
                    "locplan: no scenario named {u} (the project has {h})",
                    "locplan: không có kịch bản tên {u} (dự án có {h})",
                    u=", ".join(repr(n) for n in unknown),
                    h=", ".join(repr(n) for n in names),
                ).get(args.lang),
                file=sys.stderr,
            )
            return EXIT_USAGE
        names = ["base", *dict.fromkeys(n for n in wanted if n != "base")]
    # rows that belong to no scenario (named like the base, a sheet that cannot be read):
    # said, and the base planned as it is
    from planner.scenarios.overrides import read_scenarios

    for problem in read_scenarios(raw).problems.get(None, []):
        print(dataclasses.replace(problem, severity=WARNING).format(args.lang), file=sys.stderr)
    stop = threading.Event()
    out: dict = {}
    _run_stoppable(
        lambda: out.update(
            results=plan_scenarios(
                raw,
                names,
                time_limit=args.time_limit,
                workers=args.workers,
                on_progress=_scenario_progress(args),
                should_stop=stop.is_set,
            )
        ),
        stop,
        _stopping(args, plans=True),
    )
    comparison = compare(out["results"])
    if args.json:
        print(
            json.dumps(
                comparison.to_json(args.lang), ensure_ascii=False, indent=2, default=_json_default
            )
        )
    else:
        _print_comparison(comparison, args.lang)
    planned = all(
        comparison.summary.loc["status", n] in ("optimal", "feasible") for n in comparison.names
    )
    return EXIT_OK if planned else EXIT_BAD


def _chosen(values: list[str], names: list[str]) -> list[str]:
    """--scenarios, given once or more: each value a name, or names separated by commas; a
    value that is a scenario's whole name is that name (a name may hold a comma)."""
    out = []
    for value in values:
        value = value.strip()
        if value in names:
            out.append(value)
        else:
            out += [n.strip() for n in value.split(",") if n.strip()]
    return out


def _print_comparison(comparison, lang: str) -> None:
    from planner.scenarios.compare import SUMMARY_ROWS, WITHIN

    names = comparison.names
    width = max(14, *(len(n) for n in names))
    print(f"{'':<32}" + "".join(f"{n:>{width + 2}}" for n in names))
    for key, title, kind in SUMMARY_ROWS:
        cells = []
        for n in names:
            v = comparison.summary.loc[key, n]
            if v is None or (isinstance(v, float) and v != v):
                cells.append("-")
            elif kind == "money":
                cells.append(_money(v, lang))
            elif kind == "share":
                cells.append(_pct(v, lang))
            elif key == "status":
                cells.append(_status(v, lang))
            else:
                cells.append(str(v))
        print(f"{title.get(lang):<32}" + "".join(f"{c:>{width + 2}}" for c in cells))
    for n, d in comparison.differences.items():
        gaps = " / ".join(
            _pct(g, lang) if g is not None else "-"
            for g in (comparison.summary.loc["gap", x] for x in (names[0], n))
        )
        within = f" ({WITHIN.get(lang)})" if d.within else ""
        sign = "+" if d.delta > 0 else ""
        gaps_word = _w(lang, "gaps", "sai số")
        print(
            f"{n}: {sign}{_money(d.delta, lang)}{within}, {gaps_word} {gaps}. {d.reason.get(lang)}"
        )
    for n in names:
        for line in comparison.explanations.get(n, []):
            print(f"{n}: {line.get(lang)}")
        for problem in comparison.problems.get(n, []):
            print(f"{n}: {problem.format(lang)}")


def cmd_sweep(args: argparse.Namespace) -> int:
    """The trade-off curve: the cheapest plan for each final Chinese-share target."""
    from planner.scenarios import sweep, targets
    from planner.scenarios.sweep import TargetError, curve_json

    try:
        finals = targets(args.final_share)
    except TargetError as exc:
        print(f"locplan: --final-share: {exc.text.get(args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    checked = _read_checked(args)
    if checked is None:
        return EXIT_BAD
    _, result = checked
    stop = threading.Event()
    out: dict = {}
    _run_stoppable(  # Ctrl+C: each target keeps its best plan so far
        lambda: out.update(
            curve=sweep(
                result.project,
                finals,
                time_limit=args.time_limit,
                workers=args.workers,
                on_progress=_scenario_progress(args),
                should_stop=stop.is_set,
            )[0]
        ),
        stop,
        _stopping(args, plans=True),
    )
    curve = out["curve"]
    if args.json:
        rows = curve_json(curve, args.lang)
        print(json.dumps({"curve": rows}, ensure_ascii=False, indent=2, default=_json_default))
    else:
        lang = args.lang
        heads = (
            ("final share", "status", "total cost", "last share", "$ per point", "gap", "ended by")
            if lang != "vi"
            else (
                "tỷ lệ cuối",
                "trạng thái",
                "tổng chi phí",
                "tỷ lệ kỳ cuối",
                "giá mỗi điểm",
                "sai số",
                "dừng bởi",
            )
        )
        widths = (12, 18, 18, 13, 16, 8, 9)
        print(" ".join(f"{h:>{w}}" for h, w in zip(heads, widths, strict=True)))
        for r in curve.itertuples(index=False):
            price = (
                "-"
                if r.price_per_point is None or r.price_per_point != r.price_per_point
                else _money(r.price_per_point, lang)
            )
            cells = (
                fmt.pct(r.final_share, lang, 1),
                _status(r.status, lang),
                _money(r.total_cost, lang),
                _pct(r.china_share_last, lang),
                price,
                _pct(r.gap, lang),
                _stopped(r.stopped_by, lang),
            )
            print(" ".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True)))
            if r.explanation is not None:  # why no plan (which limit, by how much), or notes
                print(f"{'':>12} {r.explanation.get(args.lang)}")
    return EXIT_OK if curve["total_cost"].notna().any() else EXIT_BAD


def _stress_names_wrong(args: argparse.Namespace, names: list[str], periods: list[str]) -> str:
    """What is wrong with --scenario and --keep-until, in the chosen language ("" if nothing)."""
    for value, known, what, what_vi in (
        (args.scenario, names, "scenario", "kịch bản"),
        (args.keep_until, periods, "period", "kỳ"),
    ):
        if value not in known:
            return t(
                "locplan: no {w} named {n} (the project has {h})",
                "locplan: không có {w_vi} tên {n} (dự án có {h})",
                w=what,
                w_vi=what_vi,
                n=value,
                h=", ".join(known),
            ).get(args.lang)
    return ""


def _print_stress(args: argparse.Namespace, base, plan) -> None:
    """The base plan, the stressed plan and what the shock costs, as text."""
    planned = plan is not None and plan.has_plan
    lang = args.lang
    print(
        _w(lang, "base: status: ", "kế hoạch gốc: trạng thái: ")
        + f"{_status(base.status, lang) if lang == 'vi' else base.status.value}  "
        + _w(lang, "total_cost: ", "tổng chi phí: ")
        + f"{_money(base.total_cost, lang)}  {_w(lang, 'gap', 'sai số')}: "
        + _pct(base.gap, lang)
    )
    if plan is not None:
        print(
            _w(
                lang,
                f"{args.scenario}, kept up to {args.keep_until}: status: "
                f"{plan.status.value}  total_cost: {_money(plan.total_cost)}  "
                f"best_bound: {_money(plan.best_bound)}  gap: {_pct(plan.gap)}  "
                f"time: {plan.solve_seconds:.1f} s",
                f"{args.scenario}, giữ đến {args.keep_until}: trạng thái: "
                f"{_status(plan.status, lang)}  tổng chi phí: {_money(plan.total_cost, lang)}"
                f"  cận tốt nhất: {_money(plan.best_bound, lang)}  sai số: "
                f"{_pct(plan.gap, lang)}  thời gian: {_duration(plan.solve_seconds, lang)}",
            )
        )
    if planned:
        shock = _money(plan.total_cost - base.total_cost, lang)
        print(
            _w(
                lang,
                f"the shock costs {shock} over the horizon",
                f"cú sốc làm tăng chi phí {shock} trong cả kỳ kế hoạch",
            )
        )


def cmd_stress(args: argparse.Namespace) -> int:
    """Plan the base project, then replan a scenario keeping what that plan did up to a
    period (it happened): what the shock changes from then on and what it costs."""
    from planner.optimise import plan_project
    from planner.scenarios import scenario_names, stress_test

    _outputs(args)
    checked = _read_checked(args)
    if checked is None:
        return EXIT_BAD
    raw, result = checked
    wrong = _stress_names_wrong(args, scenario_names(raw), result.project.periods)
    if wrong:
        print(wrong, file=sys.stderr)
        return EXIT_USAGE
    base = _plan_with_progress(result.project, args, plan_project)
    if not base.has_plan:
        print(f"base: status: {base.status.value}", file=sys.stderr)
        for line in base.explanation:
            print(f"base: {line.get(args.lang)}", file=sys.stderr)
        return EXIT_BAD
    stop = threading.Event()
    out: dict = {}
    show = _scenario_progress(args)
    _run_stoppable(
        lambda: out.update(
            stressed=stress_test(
                raw,
                args.scenario,
                base,
                args.keep_until,
                time_limit=args.time_limit,
                on_progress=lambda event: show(args.scenario, event),
                should_stop=stop.is_set,
            )
        ),
        stop,
        _stopping(args),
    )
    stressed = out["stressed"]
    plan = stressed.plan
    if stressed.improved_base is not None:  # the shocked plan showed the base a cheaper plan
        base = stressed.improved_base
        for line in base.explanation:
            print(f"base: {line.get(args.lang)}", file=sys.stderr)
    planned = plan is not None and plan.has_plan
    if planned and args.output:
        _write_stress(args, raw, base, result.project, stressed)
    if args.json:
        print(
            json.dumps(
                _stress_json(args, base, stressed),
                ensure_ascii=False,
                indent=2,
                default=_json_default,
            )
        )
    else:
        _print_stress(args, base, plan)
    stream = sys.stdout if planned else sys.stderr
    for line in [] if plan is None else plan.explanation:
        print(f"{args.scenario}: {line.get(args.lang)}", file=stream)
    for problem in stressed.problems:
        print(f"{args.scenario}: {problem.format(args.lang)}", file=sys.stderr)
    return EXIT_OK if planned else EXIT_BAD


def _summary_dict(plan: Plan) -> dict:
    """The plan's summary as JSON prints it ({} for a plan without one)."""
    return plan.summary.to_dict() if plan.summary is not None else {}


def _stress_json(args: argparse.Namespace, base, stressed) -> dict:
    plan = stressed.plan

    def figures(p) -> dict:
        return p.certainty_facts()

    data = {"scenario": args.scenario, "kept_until": args.keep_until}
    data.update(figures(plan) if plan is not None else {"status": "error", "verified": False})
    data["base"] = figures(base)
    data["base"]["explanation"] = [x.get(args.lang) for x in base.explanation]
    if plan is not None and plan.has_plan:
        data["extra_cost"] = plan.total_cost - base.total_cost
    data["summary"] = _summary_dict(plan) if plan is not None else {}
    data["explanation"] = [] if plan is None else [x.get(args.lang) for x in plan.explanation]
    data["problems"] = [p.format(args.lang) for p in stressed.problems]
    return data


def _write_stress(args: argparse.Namespace, raw, base, project, stressed) -> None:
    """The stressed plan's workbook: the scenario's inputs, its plan, and the base plan
    beside it."""
    from planner.report.labels import label
    from planner.report.workbook import write_plan_workbook
    from planner.scenarios import compare
    from planner.scenarios.overrides import materialise
    from planner.scenarios.run import ScenarioResult
    from planner.scenarios.view import build_view

    mine = label("cmp_current_plan", args.lang)
    both = {mine: ScenarioResult(mine, plan=base, project=project), args.scenario: stressed}
    view = build_view(compare(both), args.lang, project.settings.currency)
    write_plan_workbook(
        stressed.project,
        stressed.plan,
        Path(args.output),
        raw=materialise(raw, args.scenario).raw,
        lang=args.lang,
        comparison=view,
    )


def cmd_bench(args: argparse.Namespace) -> int:
    from planner.bench import run_bench

    sizes = tuple(int(s) for s in args.sizes.split(",") if s)
    families = tuple(f for f in args.families.split(",") if f)
    rows = run_bench(
        sizes=sizes,
        repeats=args.repeats,
        exports=args.exports,
        families=families,
        capa=args.capa,
        seeds=tuple(int(s) for s in args.seeds.split(",") if s),
        stalls=args.stalls,
        bound_seconds=args.bound,
        sample=args.sample,
        reference_seconds=args.reference,
    )
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2, default=_json_default))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="locplan", description="Supplier Localization Planner")
    parser.add_argument(
        "--lang",
        choices=("en", "vi"),
        help="language of messages and of the plan's documents "
        "(default: the workbook's for `plan`, else English)",
    )
    parser.add_argument("--version", action="version", version=f"locplan {version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    for add in (
        _check_command,
        _template_command,
        _generate_command,
        _plan_command,
        _compare_command,
        _sweep_command,
        _stress_command,
        _bench_command,
    ):
        add(sub)
    from planner.cli_record import add_commands  # approve, record: the plan of record

    add_commands(sub)
    return parser


def _input_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="project workbook (.xlsx) or folder of CSV files")
    p.add_argument("--mapping", help="JSON column mapping for unrecognised headers")
    p.add_argument("--encoding", help="CSV encoding (default: UTF-8, else Windows-1258)")


def _check_command(sub) -> None:
    p = sub.add_parser("check", help="list the problems of a project")
    _input_args(p)
    p.add_argument("--notes", action="store_true", help="also print notes")
    p.set_defaults(func=cmd_check)


def _template_command(sub) -> None:
    p = sub.add_parser("template", help="write an empty, annotated project workbook")
    p.add_argument("file")
    p.set_defaults(func=cmd_template)


def _generate_command(sub) -> None:
    p = sub.add_parser("generate", help="write a realistic random project")
    p.add_argument("file")
    p.add_argument("--components", type=_count, default=150)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--periods", type=_count, default=8)
    p.add_argument(
        "--family",
        choices=("easy", "hard", "pool"),
        default="easy",
        help="hard: a glide path that binds from the fourth period, like the sample; pool: a "
        "large supplier pool with capacities, few quotes a part, limits that change by quarter",
    )
    p.set_defaults(func=cmd_generate)


def _plan_command(sub) -> None:
    p = sub.add_parser("plan", help="plan a project")
    _input_args(p)
    p.add_argument("-o", "--output", help="plan workbook to write (.xlsx)")
    p.add_argument("--pdf", help="printable phase plan to write (.pdf)")
    p.add_argument("--time-limit", type=_seconds, default=None, help="seconds")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_plan)


def _compare_command(sub) -> None:
    p = sub.add_parser("compare", help="plan the base project and its scenarios side by side")
    _input_args(p)
    p.add_argument(
        "--scenarios",
        action="append",
        help="scenario names, comma-separated or the option repeated (default: all); a "
        "scenario's whole name is taken as it is, commas and all",
    )
    p.add_argument("--time-limit", type=_seconds, help="seconds per scenario")
    p.add_argument("--workers", type=_count, help="scenarios planned at once (default: cores)")
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")
    p.set_defaults(func=cmd_compare)


def _sweep_command(sub) -> None:
    p = sub.add_parser("sweep", help="the cheapest plan for each final Chinese-share target")
    _input_args(p)
    p.add_argument(
        "--final-share", required=True, help="FROM:TO:STEP, e.g. 0.45:0.25:0.05 or 45%%:25%%:5%%"
    )
    p.add_argument("--time-limit", type=_seconds, help="seconds per point")
    p.add_argument("--workers", type=_count, help="points planned at once (default: cores)")
    p.add_argument("--json", action="store_true", help="print the curve as JSON")
    p.set_defaults(func=cmd_sweep)


def _stress_command(sub) -> None:
    p = sub.add_parser(
        "stress",
        help="replan a scenario keeping what the base plan did up to a period (it happened)",
    )
    _input_args(p)
    p.add_argument("--scenario", required=True, help="the scenario's name (its Scenarios rows)")
    p.add_argument(
        "--keep-until",
        required=True,
        metavar="PERIOD",
        help="the last period that has happened: its starts, onboardings and awards are kept",
    )
    p.add_argument("-o", "--output", help="stressed plan workbook to write (.xlsx)")
    p.add_argument("--time-limit", type=_seconds, default=None, help="seconds, for each plan")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_stress, pdf=None)


def _bench_command(sub) -> None:
    p = sub.add_parser("bench", help="run the benchmark")
    p.add_argument("--sizes", default="50,200,1000,3000,10000")
    p.add_argument("--repeats", type=int, default=1)
    p.add_argument("--exports", action="store_true", help="also time the plan workbook and the PDF")
    p.add_argument("--json", help="write the results as JSON to this file")
    p.add_argument(
        "--families",
        default="easy,hard,pool",
        help="generated families: easy, hard, pool (comma-separated)",
    )
    p.add_argument(
        "--seeds",
        default="101",
        help="generator seeds (comma-separated; the tests and tuning use seeds below 100)",
    )
    p.add_argument(
        "--sample", action="store_true", help="also the sample project at its own time limit"
    )
    p.add_argument(
        "--reference",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="also plan each case once with this limit (600: ten minutes) and compare to it",
    )
    p.add_argument(
        "--stalls",
        action="store_true",
        help="also the app window's longest pause while it opens, plans and exports each size",
    )
    p.add_argument(
        "--capa",
        help="an OR-Library capa file: also plan its four capacities against the published optima",
    )
    p.add_argument(
        "--bound",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="also give HiGHS this long on each whole model for a bound: the most any plan "
        "could save against the first plan ('best poss.')",
    )
    p.set_defaults(func=cmd_bench)


_PLAIN = {"đ": "d", "Đ": "D", "–": "-", "—": "-", "…": "...", "‘": "'", "’": "'", "“": '"'}
_PLAIN["”"] = '"'


def _plain_letters(error: UnicodeError) -> tuple[str, int]:
    """What a terminal that cannot show a character gets instead: the letter without its
    accents ('lỗi' -> 'loi', 'Đức' -> 'Duc'), else '?'."""
    assert isinstance(error, UnicodeEncodeError)
    out = []
    for ch in error.object[error.start : error.end]:
        if ch in _PLAIN:
            out.append(_PLAIN[ch])
            continue
        base = "".join(
            c
            for c in unicodedata.normalize("NFKD", ch)
            if c.isascii() and not unicodedata.combining(c)
        )
        out.append(base or "?")
    return "".join(out), error.end


codecs.register_error("locplan-plain", _plain_letters)


def _tolerant_output() -> None:
    """Messages reach a terminal that cannot show every letter (LC_ALL=C, an ASCII console)
    without accents instead of a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):  # a closed stream: left as it is
                stream.reconfigure(errors="locplan-plain")


def main(argv: list[str] | None = None) -> int:
    _tolerant_output()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    if args.lang is None and args.command != "plan":
        args.lang = "en"
    streams, handlers = (sys.stdout, sys.stderr), _stop_signals()
    sys.stdout, sys.stderr = _Visible(sys.stdout), _Visible(sys.stderr)
    try:
        return _run(args)
    finally:
        sys.stdout, sys.stderr = streams
        for number, handler in handlers.items():
            signal.signal(number, handler)


def _run(args: argparse.Namespace) -> int:
    try:
        return args.func(args)
    except KeyboardInterrupt:  # a stop before or after the planning (during it, it waits)
        print(
            "locplan: stopped (Ctrl+C or a stop signal) before it was done."
            if args.lang != "vi"
            else "locplan: đã dừng (Ctrl+C hoặc tín hiệu dừng) trước khi xong.",
            file=sys.stderr,
        )
        return EXIT_BAD
    except RefusedFile as exc:  # CannotWrite too: a file that cannot be read or written
        print(exc.message_vi if args.lang == "vi" else exc.message_en, file=sys.stderr)
        return EXIT_BAD
    except SystemExit as exc:
        return int(exc.code or 0)
    except OSError as exc:  # a file-system failure no check foresaw: still a sentence
        path = Path(exc.filename or getattr(args, "file", "") or "")
        text = read_failure(exc, path).text
        print(text.get(args.lang), file=sys.stderr)
        return EXIT_BAD
    except MemoryError:
        print(
            "locplan: the computer ran out of memory; plan a smaller project."
            if args.lang != "vi"
            else "locplan: máy tính hết bộ nhớ; hãy lập kế hoạch cho dự án nhỏ hơn.",
            file=sys.stderr,
        )
        return EXIT_BAD


def _stop_signals() -> dict:
    """SIGTERM and SIGHUP stop `locplan` as Ctrl+C does (KeyboardInterrupt): the search ends,
    its best plans are printed or written, its child processes end and their temporary
    folders are removed (red-team C06). The handlers they replace, to put back."""
    replaced: dict = {}
    if threading.current_thread() is not threading.main_thread():
        return replaced
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            replaced[number] = signal.signal(number, signal.default_int_handler)
    return replaced


# control characters in what the command prints (a name typed with ESC[2J, a CR that hides
# the line, a bidi override that reverses it) are shown as \u001b, never acted on by the
# terminal; new lines and tabs stay. The form is JSON's own escape: --json output still
# reads back as the very names
_SHOWN = {
    c: f"\\u{c:04x}"
    for c in (
        *range(0x00, 0x20),
        0x7F,
        *range(0x80, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    )
    if chr(c) not in "\n\t"
}


class _Visible:
    """A text stream that shows control characters instead of writing them (red-team S21);
    a carriage return written on its own is the progress line's, and passes."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(text if text == "\r" else text.translate(_SHOWN))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def entry() -> None:
    """The `locplan` command."""
    from planner.logs import start_log
    from planner.optimise.backend import end_process

    start_log("locplan")
    end_process(main())


if __name__ == "__main__":
    entry()
