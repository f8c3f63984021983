"""Issue 19 items 8 and 10: every number a user gives is bounded to what the solver can take
(exit 2 naming the option or cell), and Ctrl-C at any moment ends in one sentence."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from solver.generate import generate
from solver.scenario import MAX_WEIGHT
from tests.conftest import edit

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tiny") / "tiny"
    generate("tiny", 1, folder)
    return folder


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def command_line(name: str, scenario: Path, out: Path, *extra: str) -> list[str]:
    """A run of ``name`` that reaches its number checks (explain needs a plan to explain)."""
    if name == "compare":
        return ["compare", str(scenario), *extra]
    if name == "explain":
        return ["explain", str(scenario), str(scenario / "teachers.csv"), "-o", str(out), *extra]
    if name == "replan":
        return ["replan", str(scenario), "--published", str(scenario / "teachers.csv"),
                "--from", "2024", "-o", str(out), *extra]  # fmt: skip
    if name == "sweep":
        return ["sweep", str(scenario), "--vary", "weights.move=1,2", "-o", str(out), *extra]
    return [name, str(scenario), "-o", str(out), *extra]


TOO_BIG = {
    # what the user typed: the piece of the message that names it, and the bound
    "weight 1e20": (("--set", "weights.move=1e20"), "--set weights.move=1e20", "at most"),
    "weight 1e18": (("--set", "weights.move=1e18"), "--set weights.move=1e18", "at most"),
    "negative weight too large": (("--set", "weights.due=-1e12"), "weights.due", "at least"),
    "count 1e20": (
        ("--set", "policy.group.min_out_per_member=1e20"),
        "min_out_per_member",
        "at most",
    ),
    "cycle starting in 1e20": (("--set", "scenario.cycle_start=1e20"), "cycle_start", "at most"),
    "cycle of a million years": (
        ("--set", "scenario.cycle_years=1000000"),
        "cycle_years",
        "at most",
    ),
    "term of 1e12 years": (("--set", "policy.max_term_years=1e12"), "max_term_years", "at most"),
    "seed 3000000000": (("--seed", "3000000000"), "--seed", "3000000000"),
    "negative seed": (("--seed", "-1"), "--seed", "-1"),
    "workers 100000": (("--workers", "100000"), "--workers", "100000"),
    "time limit nan": (("--time-limit", "nan"), "--time-limit", "nan"),
    "time limit inf": (("--time-limit", "inf"), "--time-limit", "inf"),
    "time limit a year": (("--time-limit", "31536000"), "--time-limit", "31536000"),
    "jobs 100000": (("--jobs", "100000"), "--jobs", "100000"),
}
COMMANDS = {
    "solve": ("weight", "count", "cycle", "term", "seed", "negative seed", "workers", "time"),
    "replan": ("seed", "workers", "time"),
    "sweep": ("weight 1e20", "workers", "time limit nan", "jobs"),
    "compare": ("weight 1e20", "seed", "time limit inf"),
    "explain": ("seed", "workers", "time limit nan"),
    "batch": ("weight 1e18", "seed", "workers", "time limit nan"),
}
CASES = [
    (command, case)
    for command, wanted in COMMANDS.items()
    for case in TOO_BIG
    if any(case.startswith(w) for w in wanted)
]


@pytest.mark.parametrize(("command", "case"), CASES, ids=[f"{c}-{k}" for c, k in CASES])
def test_numbers_beyond_the_solver_are_bad_input(tiny: Path, tmp_path: Path, command, case):
    args, names, bound = TOO_BIG[case]
    out = tmp_path / "out"
    result = invoke(*command_line(command, tiny, out, *args))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "model_invalid" not in result.output
    assert names in result.output and bound in result.output, result.output
    assert not out.exists()


TABLE_CELLS = {
    # file, old text, new text, row and column named
    "preference weight": ("preferences.csv", None, "T1,B,1000000000\n", "row 2", "'weight'"),
    "distance": ("distances.csv", None, "A,B,1e9\n", "row 2", "'km'"),
    "org count": (
        "organizations.csv",
        "P1,甲乙结对,pairing,A,2",
        "P1,甲乙结对,pairing,A,1e11",
        "row 3",
        "'min_out_per_member'",
    ),
    "capacity": ("schools.csv", "119.20,5", "119.20,99999999999", "row 2", "'capacity_in'"),
}
HEADERS = {
    "preferences.csv": "teacher_id,school_id,weight\n",
    "distances.csv": "school_a,school_b,km\n",
}


@pytest.mark.parametrize(
    ("file", "old", "new", "row", "column"), TABLE_CELLS.values(), ids=list(TABLE_CELLS)
)
def test_table_cells_beyond_the_solver_are_bad_input(basic: Path, file, old, new, row, column):
    if old is None:
        (basic / file).write_text(HEADERS[file] + new, encoding="utf-8")
    else:
        edit(basic, file, old, new)
    result = invoke("validate", str(basic))
    assert result.exit_code == 2, result.output
    assert file in result.output and row in result.output
    assert column in result.output and "at most" in result.output, result.output


def test_the_largest_weights_still_solve(tiny: Path, tmp_path: Path):
    # The bounds are what CP-SAT takes: every weight at its largest, the farthest distances,
    # and the model is valid and solved (no model_invalid, no overflow).
    terms = ("move", "distance_km", "due", "repeat", "shortage", "spread", "change")
    sets = [f"weights.{term}={MAX_WEIGHT}" for term in terms]
    args = [x for s in sets for x in ("--set", s)]
    result = invoke("solve", str(tiny), "-o", str(tmp_path / "out"), "--quiet", "--workers", "1",
                    "--time-limit", "20", *args)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.startswith("optimal: cost ")


# ---- Ctrl-C at every moment (item 10)

SENTENCE = "已中断（Ctrl-C）：命令没有完成，输出保持原样。"


def at_a_terminal() -> None:
    """Ctrl-C as a person at a terminal has it: a test run in the background of a shell
    script inherits it ignored, and a command started so keeps ignoring it (docs/outputs.md)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_at_any_moment_gives_one_sentence(tiny: Path, tmp_path: Path):
    # A real SIGINT at 0.1 s steps from the start: while Python loads the program, while
    # OR-Tools loads (about 0.45 s on this machine; it then failed with "ImportError:
    # initialization failed"), while the scenario loads (click's bare "Aborted!"), while
    # solving. Either the command was interrupted before its outputs (exit 130, the sentence
    # alone, no OUT) or the search had begun and the best plan was written (exit 0).
    seen = set()
    for step in range(1, 10):
        out = tmp_path / f"out{step}"
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "cli.py"), "solve", str(tiny), "-o", str(out),
             "--time-limit", "5", "--workers", "1"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            preexec_fn=at_a_terminal,
        )  # fmt: skip
        time.sleep(step / 10)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        for bad in ("Traceback", "Aborted!", "ImportError", "KeyboardInterrupt"):
            assert bad not in stderr, f"at {step / 10} s: {stderr}"
        if process.returncode == 130:
            assert stderr.strip() == SENTENCE and not out.exists()
        else:
            assert process.returncode == 0, f"at {step / 10} s: {stderr}"
            assert (out / "assignments.csv").is_file()
        seen.add(process.returncode)
        shutil.rmtree(out, ignore_errors=True)
    assert 130 in seen  # the early moments were reached


def test_ctrl_c_sentence_follows_lang():
    from solver.commands.interrupt import _wants_english

    assert _wants_english(["cli.py", "solve", "S", "--lang", "en"])
    assert _wants_english(["cli.py", "report", "--lang=en"])
    assert not _wants_english(["cli.py", "solve", "S", "--lang", "zh"])
