"""The second red-team list (shared/REDTEAM-2.md): scenarios, compare and sweep. Each test
names the cases it covers; each fails without its fix."""

from __future__ import annotations

import json

import pytest

from planner.io.read import read_project
from planner.scenarios import check_scenarios, prepare, scenario_names
from planner.scenarios import overrides as overrides_module
from planner.scenarios import run as run_module
from planner.scenarios.sweep import MAX_TARGETS, TargetError, sweep, targets
from planner.validate import validate
from tests.planner.conftest import write_book
from tests.planner.hostile import run_cli, sheets, write_csvs
from tests.planner.test_scenarios import book

LIMIT = "5"  # seconds per plan: the small project plans in well under one


def _budgets(raw, name):
    project = prepare(raw, name).project
    assert project is not None, [p.format() for p in prepare(raw, name).problems]
    return project["Periods"]["budget"].tolist()


def _where(problems):
    return {(p.row, p.column) for p in problems}


def test_rows_of_one_scenario_do_not_depend_on_their_order(tmp_path):
    """S04: new values first, then multiplications, then additions, whatever the rows'
    order: `+1000` and `*2` give 2 x budget + 1000 both ways."""
    raw = read_project(
        book(
            tmp_path,
            [
                ["A", "Periods", "2027-Q1", "budget", "+1000"],
                ["A", "Periods", "2027-Q1", "budget", "*2"],
                ["B", "Periods", "2027-Q1", "budget", "*2"],
                ["B", "Periods", "2027-Q1", "budget", "+1000"],
                ["C", "Periods", "2027-Q1", "budget", "+1000"],
                ["C", "Periods", "2027-Q1", "budget", "*2"],
                ["C", "Periods", "2027-Q1", "budget", "20000"],  # the value first
            ],
        )
    )
    assert _budgets(raw, "A")[0] == _budgets(raw, "B")[0] == 2 * 50_000 + 1000
    assert _budgets(raw, "C")[0] == 2 * 20_000 + 1000
    assert not check_scenarios(raw)


def test_two_rows_that_set_one_cell_are_told_at_the_later_row(tmp_path):
    """S05: the later row's value is used, and check and compare say so at that row, naming
    the earlier one."""
    path = book(
        tmp_path,
        [
            ["contra", "Periods", "2027-Q1", "budget", "1000"],
            ["contra", "Periods", "2027-Q1", "budget", "500000"],
            ["wide", "Offers", "*/BN-PCB", "unit_price", "5"],
            ["wide", "Offers", "PCB-01/BN-PCB", "unit_price", "4.5"],
        ],
    )
    raw = read_project(path)
    assert _budgets(raw, "contra")[0] == 500_000
    found = check_scenarios(raw)
    assert _where(found) == {(3, "value"), (5, "value")}
    assert all(p.severity == "warning" for p in found)
    later = next(p for p in found if p.row == 3)
    assert "Row 2" in later.message.en and "500000" in later.message.en
    assert "Dòng 2" in later.message.vi
    code, out, _ = run_cli(["compare", str(path), "--time-limit", LIMIT, "--json"])
    assert code == 0
    data = {s["scenario"]: s for s in json.loads(out)["scenarios"]}
    assert data["contra"]["status"] in ("optimal", "feasible")  # a warning, not a stop
    assert any("row 3" in p and "Row 2" in p for p in data["contra"]["problems"])


def test_a_scenario_named_like_the_base_is_refused_at_its_row(tmp_path):
    """S06, S07, A02: rows of a scenario named base, ' base ', 'Base' or 'BASE' are refused
    at their row by check (exit 0: the base can be planned) and compare plans the base."""
    path = book(
        tmp_path,
        [
            ["base", "Periods", "2027-Q1", "budget", "1"],
            [" base ", "Periods", "2027-Q1", "budget", "1"],
            ["Base", "Periods", "2027-Q1", "budget", "1"],
            ["BASE", "Tariffs", "", "rate", "0.1"],
            ["flat", "Tariffs", "", "rate", "0.1"],
        ],
    )
    raw = read_project(path)
    assert scenario_names(raw) == ["base", "flat"]
    found = check_scenarios(raw)
    assert _where(found) == {(2, "scenario"), (3, "scenario"), (4, "scenario"), (5, "scenario")}
    assert prepare(raw, "base").project is not None and not prepare(raw, "base").problems
    code, out, _ = run_cli(["check", str(path)])
    assert code == 0 and out.count("column scenario") == 4, out
    code, out, err = run_cli(["compare", str(path), "--time-limit", LIMIT, "--json"])
    assert code == 0, err
    data = json.loads(out)["scenarios"]
    assert [s["scenario"] for s in data] == ["base", "flat"]
    assert data[0]["status"] in ("optimal", "feasible")
    assert err.count("column scenario") == 4  # said once, at their rows


def test_a_misspelt_setting_is_refused_with_the_nearest_key(tmp_path):
    """S08: a Settings key no setting has would leave the scenario equal to the base without
    a word; it is refused at its row_id, with the setting it most looks like."""
    raw = read_project(
        book(
            tmp_path,
            [
                ["pass 0", "Settings", "tariff_passthrough", "value", "0"],
                ["typo", "Settings", "min_shar", "value", "0.1"],
                ["blank", "Settings", "", "value", "0.1"],
                ["right", "Settings", "tariff pass through", "value", "0"],
            ],
        )
    )
    found = {p.row: p for p in check_scenarios(raw)}
    assert set(found) == {2, 3, 4} and {p.column for p in found.values()} == {"row_id"}
    assert "tariff_pass_through" in found[2].message.en
    assert "min_share" in found[3].message.en
    assert prepare(raw, "pass 0").project is None  # stopped, not planned as the base
    assert prepare(raw, "right").project.settings.tariff_pass_through == 0


def test_a_fractional_change_of_a_whole_number_column_is_refused(tmp_path):
    """S12: lead_periods '+0,5', '+1.6' or '*1.5' would give 2.5 periods (rounded in silence
    before); refused at the row with the arithmetic. Whole results pass."""
    raw = read_project(
        book(
            tmp_path,
            [
                ["half", "Offers", "*/HP-PLA", "lead_periods", "+0,5"],
                ["more", "Offers", "*/HP-PLA", "lead_periods", "+1.6"],
                ["times", "Offers", "*/BN-PCB", "lead_periods", "*1.5"],
                ["fine", "Offers", "*/HP-PLA", "lead_periods", "*0.5"],  # 2 x 0.5 = 1
                ["slots", "Periods", "", "max_new_qualifications", "+1"],
            ],
        )
    )
    found = {p.row: p for p in check_scenarios(raw)}
    assert set(found) == {2, 3, 4}
    assert "2.5" in found[2].message.en and "2,5" in found[2].message.vi
    offers = prepare(raw, "fine").project["Offers"].set_index("supplier_id")
    assert offers.loc["HP-PLA", "lead_periods"] == 1
    assert prepare(raw, "slots").project is not None


def test_checking_500_scenarios_reads_the_sheet_once(tmp_path, monkeypatch):
    """S15: check of 500 scenarios reads each of the sheet's 1,000 rows once and validates
    each scenario once (each scenario re-read every row before: quadratic)."""
    rows = []
    for i in range(500):
        rows.append([f"s{i}", "Periods", "2027-Q1", "budget", str(1000 + i)])
        rows.append([f"s{i}", "Offers", "*/BN-PCB", "unit_price", "*1.01"])
    raw = read_project(book(tmp_path, rows))
    base = validate(raw)
    calls = {"rows": 0, "validations": 0}
    read_one = overrides_module._override

    def counted_row(*args):
        calls["rows"] += 1
        return read_one(*args)

    def counted_validation(_raw):
        calls["validations"] += 1
        return base  # the work counted here is the scenarios', not the validator's

    monkeypatch.setattr(overrides_module, "_override", counted_row)
    monkeypatch.setattr(run_module, "validate", counted_validation)
    assert check_scenarios(raw) == []
    assert calls == {"rows": 1000, "validations": 500}


def test_a_scenarios_sheet_without_its_value_header_never_stops_the_base(tmp_path):
    """S16: the Scenarios sheet's faults are the scenarios' problems: check names the missing
    column at the header row (exit 0), plan plans the base, compare plans the base and
    refuses the scenario it cannot read."""
    table = sheets()
    table["Scenarios"] = [
        ["scenario", "sheet", "row_id", "column"],
        ["flat", "Tariffs", "", "rate"],
    ]
    path = write_book(table, tmp_path / "s16.xlsx")
    code, out, _ = run_cli(["check", str(path)])
    assert code == 0 and "Scenarios, row 1, column value" in out, out
    code, _, err = run_cli(["plan", str(path), "--time-limit", LIMIT])
    assert code == 0, err
    code, out, err = run_cli(["compare", str(path), "--time-limit", LIMIT, "--json"])
    data = {s["scenario"]: s for s in json.loads(out)["scenarios"]}
    assert data["base"]["status"] in ("optimal", "feasible")
    assert data["flat"]["status"] == "invalid" and "value" in data["flat"]["problems"][0]
    assert code == 1


def test_a_tariff_tier_in_two_schedules_says_which_rows_it_changes(tmp_path):
    """S18: row_id 0.4 in a sheet with a general and a product schedule changes both, and
    says so listing the rows; '#N' names one row."""
    table = sheets()
    table["Tariffs"] = [
        ["max_china_share", "rate", "product_id"],
        [0.4, 0.2, None],
        [1, 0.4, None],
        [0.4, 0.1, "CT1"],
        [1, 0.3, "CT1"],
    ]
    table["Scenarios"] = [
        ["scenario", "sheet", "row_id", "column", "value"],
        ["both", "Tariffs", "0.4", "rate", "0.25"],
        ["one", "Tariffs", "#4", "rate", "0.05"],
        ["nowhere", "Tariffs", "#9", "rate", "0.05"],
    ]
    raw = read_project(write_book(table, tmp_path / "s18.xlsx"))
    found = {p.row: p for p in check_scenarios(raw)}
    assert set(found) == {2, 4}
    assert (
        found[2].severity == "warning" and "rows 2 (every product), 4 (CT1)" in found[2].message.en
    )
    both = prepare(raw, "both")
    assert both.project["Tariffs"]["rate"].tolist() == [0.25, 0.4, 0.25, 0.3]
    assert prepare(raw, "one").project["Tariffs"]["rate"].tolist() == [0.2, 0.4, 0.05, 0.3]


def test_an_id_holding_a_slash_is_addressable(tmp_path):
    """S22: 'PCB/MAIN-01/VN-PCB' finds the offer of part PCB/MAIN-01; a row_id that reads two
    ways is refused with the quoted form to write, which then works."""
    table = sheets()
    table["Components"].append(["PCB/MAIN-01", "Board", "PCB", "SZ-PCB", "CN", 4.2, None, "no"])
    table["Components"].append(["PCB", "Bare board", "PCB", "SZ-PCB", "CN", 1.0, None, "no"])
    table["BOM"] += [["VR1", "PCB/MAIN-01", 1], ["VR1", "PCB", 1]]
    table["Suppliers"].append(["MAIN-01/BN-PCB", "Odd name", "VN", "", 0, None])
    table["Offers"] += [
        ["PCB/MAIN-01", "BN-PCB", 4.8, 0.4, 1, 20000, 0.5, None, None],
        ["PCB", "MAIN-01/BN-PCB", 1.2, 0.4, 1, 0, 1, None, None],
    ]
    table["Scenarios"] = [
        ["scenario", "sheet", "row_id", "column", "value"],
        ["slash", "Offers", "PCB/MAIN-01/BN-PCB", "unit_price", "4.5"],
        ["quoted", "Offers", '"PCB/MAIN-01"/BN-PCB', "unit_price", "4.4"],
        ["other", "Offers", 'PCB/"MAIN-01/BN-PCB"', "unit_price", "1.1"],
        ["star", "Offers", "PCB/MAIN-01/*", "unit_price", "*2"],
    ]
    raw = read_project(write_book(table, tmp_path / "s22.xlsx"))
    found = {p.row: p for p in check_scenarios(raw)}
    # two parts and suppliers hold slashes: 'PCB/MAIN-01/BN-PCB' reads two ways
    assert set(found) == {2}
    assert 'PCB/"MAIN-01/BN-PCB" or "PCB/MAIN-01"/BN-PCB' in found[2].message.en

    def price(name, part):
        offers = prepare(raw, name).project["Offers"].set_index("component_id")
        return offers.loc[part, "unit_price"]

    assert price("quoted", "PCB/MAIN-01") == 4.4 and price("quoted", "PCB") == 1.2
    assert price("other", "PCB") == 1.1 and price("other", "PCB/MAIN-01") == 4.8
    assert price("star", "PCB/MAIN-01") == 9.6
    del table["Components"][-1], table["Offers"][-1], table["Suppliers"][-1], table["BOM"][-1]
    raw = read_project(write_book(table, tmp_path / "s22b.xlsx"))
    assert prepare(raw, "slash").project is not None
    offers = prepare(raw, "slash").project["Offers"].set_index("component_id")
    assert offers.loc["PCB/MAIN-01", "unit_price"] == 4.5


def test_control_characters_in_names_are_printed_harmlessly(tmp_path):
    """S21: a scenario named with terminal escape codes (from a CSV) is printed with its
    control characters shown, never written to the terminal."""
    table = sheets()
    evil = "\x1b[2J\x1b[31mred\x07bell\u202e"
    table["Scenarios"] = [
        ["scenario", "sheet", "row_id", "column", "value"],
        [evil, "Tariffs", "", "rate", "0.1"],
        [evil, "Nowhere", "", "rate", "0.1"],
    ]
    folder = write_csvs(tmp_path / "s21", table)
    printed = ""
    for argv in (["check", str(folder)], ["compare", str(folder), "--time-limit", LIMIT]):
        _, out, err = run_cli(argv)
        printed += out + err
    assert not any(ch in printed for ch in "\x1b\x07\u202e"), repr(printed)
    assert printed.count("\\u001b[2J\\u001b[31mred\\u0007bell\\u202e") >= 2, printed
    # --json: still JSON, and it reads back as the very name
    _, out, _ = run_cli(["compare", str(folder), "--time-limit", LIMIT, "--json"])
    assert "\u202e" not in out
    assert [s["scenario"] for s in json.loads(out)["scenarios"]] == ["base", evil]


def test_compare_selects_a_scenario_whose_name_holds_a_comma(tmp_path):
    """C01: --scenarios 'a,b' selects the scenario named a,b; the option may be repeated."""
    path = book(
        tmp_path,
        [
            ["a,b", "Tariffs", "", "rate", "0.1"],
            ["c", "Tariffs", "", "rate", "0.2"],
            ["d", "Tariffs", "", "rate", "0.3"],
        ],
    )
    code, out, err = run_cli(["compare", str(path), "--scenarios", "a,b", "--json"])
    assert code == 0, err
    assert [s["scenario"] for s in json.loads(out)["scenarios"]] == ["base", "a,b"]
    argv = ["compare", str(path), "--scenarios", "a,b", "--scenarios", "c,d", "--json"]
    code, out, err = run_cli(argv)
    assert [s["scenario"] for s in json.loads(out)["scenarios"]] == ["base", "a,b", "c", "d"]
    code, _, err = run_cli(["compare", str(path), "--scenarios", "a, x"])
    assert code == 2 and "'x'" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "spec, why",
    [
        ("0:1:0.0000001", "10,000,001 targets"),  # W01
        ("0.45:0.25:0.0005", "401 targets"),  # W01
        ("inf:0:0.1", "'inf' is not a number"),  # W02
        ("1e400:0:0.1", "is not a number"),  # W02
        ("nan:0.2:0.05", "'nan' is not a number"),  # W03
        ("0.45:0.25:nan", "'nan' is not a number"),  # W03
        ("0.45:0.25:inf", "'inf' is not a number"),  # W04
        ("45:0.25:5", "45 is above 1"),  # W05
        ("45%:0.25:5%", "mixes percents and fractions"),  # W05
        ("45:25:5", "45 is above 1"),  # W05: bare numbers are fractions of 1
        ("-0.5:1.5:0.5", "-0.5 is not a Chinese share"),  # W06
        ("150%:50%:10%", "150% is not a Chinese share"),  # W06
        ("0.45:0.25:0", "STEP must be above 0"),
        ("0.45:0.25", "is not FROM:TO:STEP"),
    ],
)
def test_sweep_targets_are_refused_in_words(tmp_path, spec, why):
    """W01-W06: too many targets, inf, nan, mixed units, targets outside 0..100%: a usage
    error that says why (exit 2), before the project is read or anything is planned."""
    with pytest.raises(TargetError) as caught:
        targets(spec)
    assert why in caught.value.text.en and caught.value.text.vi
    code, out, err = run_cli(["sweep", str(tmp_path / "never-read.xlsx"), f"--final-share={spec}"])
    assert code == 2 and why in err and "Traceback" not in err and not out
    code, _, err = run_cli(["--lang", "vi", "sweep", "x.xlsx", f"--final-share={spec}"])
    assert code == 2 and err.startswith("locplan: --final-share: ")


def test_sweep_targets_are_read_like_the_workbook_numbers():
    """W08: decimal commas read as the workbook reads them; W05: the same in percents."""
    expected = [0.45, 0.4, 0.35, 0.3, 0.25]
    for spec in ("0.45:0.25:0.05", "0,45:0,25:0,05", "45%:25%:5%", "45,0%:25%:5%"):
        assert targets(spec) == pytest.approx(expected), spec
    assert len(targets("0%:99.5%:0.5%")) == MAX_TARGETS  # the most a sweep plans at once


def test_every_target_without_a_plan_says_why(tmp_path):
    """W09: each target that cannot be met carries the explanation `locplan plan` prints
    (which cap, by how much), in the curve and on the command line."""
    path = book(tmp_path, [])
    project = prepare(read_project(path), "base").project
    curve, _ = sweep(project, [0.05, 0.03, 0.01], time_limit=10)
    assert (curve["status"] == "infeasible").all()
    for why in curve["explanation"]:
        assert "cap cannot be met" in why.en and why.vi
    code, out, _ = run_cli(["sweep", str(path), "--final-share", "5%:1%:2%", "--time-limit", "10"])
    assert code == 1 and out.count("cap cannot be met") >= 3, out
    # a plan without a plan and without a sentence still gets a reason, never a blank
    from planner.plan import Plan, Status
    from planner.scenarios.sweep import NO_REASON, _why

    assert _why(Plan(status=Status.INFEASIBLE)) == NO_REASON
    assert _why(None) == NO_REASON


# C06: a stop signal to `locplan compare`, `sweep` and `plan` -----------------------------------

# Loaded by every Python the test starts (PYTHONPATH): in a scenario's child (and, for `plan`,
# in the command itself) the search waits until it is told to stop, after saying so in a
# file, so that the test signals `locplan` while it plans, whatever the machine's speed.
HOLD = """
import os
import time

def _hold(real, position):
    def held(*args, **kwargs):
        stop = kwargs.get("should_stop", args[position] if len(args) > position else None)
        open(os.path.join(os.environ["LOCPLAN_HOLD"], f"held-{os.getpid()}"), "w").close()
        while stop is not None and not stop():
            time.sleep(0.05)
        return real(*args, **kwargs)
    return held

if os.environ.get("LOCPLAN_HOLD") and os.environ.get("LOCPLAN_JOBS_SERVER"):
    import faulthandler
    import sys

    # the server that forks the scenarios' children (planner.jobs.server): what it says goes to
    # a file the test shows when it fails (where each thread was every 20 s, any traceback)
    log = open(os.path.join(os.environ["LOCPLAN_HOLD"], "..", f"child-{os.getpid()}.log"), "w")
    os.dup2(log.fileno(), 2)
    sys.stderr = log
    faulthandler.dump_traceback_later(20, repeat=True, file=log)
    import planner.scenarios.run as run  # its children: plan_one(project, limit, should_stop=)
    run.plan_one = _hold(run.plan_one, 2)
elif os.environ.get("LOCPLAN_HOLD") and os.environ.get("LOCPLAN_HOLD_PLAN"):
    import planner.optimise as optimise  # `locplan plan` itself
    optimise.plan_project = _hold(optimise.plan_project, 99)
"""
WAIT_S = 120  # every wait is bounded, generously: nothing here depends on how long it takes


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command's name (state first), None if gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return None


_STARTED: dict[int, str] = {}  # pid -> its start time, told apart from a new process given it


def _ended(pid: int) -> bool:
    """The process is gone, a zombie nobody has reaped yet (it runs no more), or its pid is
    now another process's."""
    fields = _stat(pid)
    return fields is None or fields[0] in "ZX" or fields[19] != _STARTED.get(pid, fields[19])


def _until(condition, what: str, said=lambda: "") -> None:
    import time

    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, f"waited {WAIT_S} s for {what}\n{said()}"
        time.sleep(0.05)


def _said(tmp_path, pids: list[int]) -> str:
    """What the children wrote on stderr, with the state of each (to see where one hangs)."""
    out = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                state = f.read()
        except FileNotFoundError:
            state = "gone"
        out.append(f"--- child {pid}: {state}")
    for log in tmp_path.glob("child-*.log"):  # the fork server's
        out.append(f"--- {log.name}\n{log.read_text()}")
    return "\n".join(out)


def _start(tmp_path, command: str = "compare"):
    """`locplan COMMAND` of a small project with three scenarios (three targets for sweep),
    two planned at once, as a user starts it, once it plans: (process, its output files, the
    pids of the held processes, the temporary folder it uses)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    hooks, held, temp = tmp_path / "hooks", tmp_path / "held", tmp_path / "tmp"
    for folder in (hooks, held, temp):
        folder.mkdir()
    (hooks / "sitecustomize.py").write_text(HOLD)
    path = book(
        tmp_path,
        [
            ["flat", "Tariffs", "", "rate", "0.1"],
            ["dear", "Offers", "*/BN-PCB", "unit_price", "*1.1"],
            ["slow", "Offers", "*/HP-PLA", "lead_periods", "+1"],
        ],
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(hooks), str(root)]),
        "TMPDIR": str(temp),
        "LOCPLAN_HOLD": str(held),
    }
    argv = {
        "compare": ["compare", str(path), "--workers", "2"],
        "sweep": ["sweep", str(path), "--final-share", "45%:35%:5%", "--workers", "2"],
        "plan": ["plan", str(path), "-o", str(tmp_path / "plan.xlsx")],
    }[command]
    if command == "plan":
        env["LOCPLAN_HOLD_PLAN"] = "1"
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    with open(out, "w") as o, open(err, "w") as e:
        process = subprocess.Popen(
            [sys.executable, "-m", "planner.cli", *argv],
            cwd=root,
            stdin=subprocess.DEVNULL,
            stdout=o,
            stderr=e,
            env=env,
        )
    expected = 1 if command == "plan" else 2
    try:
        _until(lambda: len(list(held.iterdir())) >= expected, f"{expected} searches planning")
    except BaseException:
        process.kill()
        raise
    pids = [int(p.name.removeprefix("held-")) for p in held.iterdir()]
    for pid in pids:
        fields = _stat(pid)
        if fields is not None:
            _STARTED[pid] = fields[19]
    return process, (out, err), [p for p in pids if p != process.pid], temp


@pytest.mark.parametrize(
    "command, signal_name",
    [("compare", "SIGTERM"), ("compare", "SIGHUP"), ("sweep", "SIGTERM"), ("plan", "SIGTERM")],
)
def test_a_stop_signal_ends_locplan_its_children_and_their_folders(tmp_path, command, signal_name):
    """C06: SIGTERM or SIGHUP to `locplan compare`, `sweep` or `plan` stops as Ctrl+C does:
    it says it is stopping, prints what it has (the comparison, the curve, the plan's status)
    and exits with no traceback; no scenario child outlives it and nothing is left in the
    temporary folder."""
    import signal

    process, (out, err), children, temp = _start(tmp_path, command)
    try:
        process.send_signal(getattr(signal, signal_name))
        process.wait(timeout=WAIT_S)
    finally:
        _end(process, children)
    said, printed = err.read_text(), out.read_text()
    assert process.returncode in (0, 1), said
    assert "Stopping: keeping the best plan" in said
    assert "Traceback" not in said
    shown = {"compare": "slow", "sweep": "35.0%", "plan": "status:"}[command]
    assert shown in printed + said  # every scenario, every target, the plan's status
    assert all(_ended(pid) for pid in children)
    assert not list(temp.iterdir())


def test_children_end_with_a_parent_killed_outright(tmp_path):
    """C06: a parent killed with SIGKILL cannot stop its children: they end by themselves
    (their stdin closes, and the server they were forked from ends: the kernel tells them)
    and leave nothing in the temporary folder."""
    import signal

    process, _, children, temp = _start(tmp_path)
    try:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=WAIT_S)
        _until(
            lambda: all(_ended(pid) for pid in children),
            "the children to end",
            lambda: _said(tmp_path, children),
        )
        assert not list(temp.iterdir())
    finally:
        _end(process, children)


def _end(process, children: list[int]) -> None:
    """What the test started ends with it, whatever the test found."""
    import os
    import signal

    if process.poll() is None:
        process.kill()
        process.wait(timeout=WAIT_S)
    for pid in children:
        if not _ended(pid):
            os.kill(pid, signal.SIGKILL)


def test_a_tier_bound_is_read_as_the_validator_reads_a_share(tmp_path):
    """A row_id naming a tier by its bound reads as a share typed alone does (E01's rule):
    40 is 40%, 0.4 is 40%, and 1.5 (150% or 1.5%?) is not guessed at: the row says so."""
    table = sheets()
    table["Tariffs"] = [["max_china_share", "rate"], [0.4, 0.2], [1, 0.4]]
    table["Scenarios"] = [
        ["scenario", "sheet", "row_id", "column", "value"],
        ["percent", "Tariffs", "40", "rate", "0.25"],
        ["two ways", "Tariffs", "1.5", "rate", "0.25"],
    ]
    raw = read_project(write_book(table, tmp_path / "bound.xlsx"))
    assert prepare(raw, "percent").project["Tariffs"]["rate"].tolist() == [0.25, 0.4]
    found = {p.row: p for p in check_scenarios(raw)}
    assert 3 in found and "1.5" in found[3].message.en, found
