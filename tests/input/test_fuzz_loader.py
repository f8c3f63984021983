"""Hostile and broken input: whatever the files hold, a load ends in a Scenario or in an
InputError naming a file; never another exception (which the CLI would show as a traceback)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver.input.loader import InputError, load_scenario

BASIC = Path(__file__).parents[1] / "data" / "basic"
FILES = ["schools.csv", "organizations.csv", "memberships.csv", "teachers.csv", "demand.csv"]
NASTY = [
    "",
    " ",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "1e999999999",
    "-1",
    "0.5",
    "1.5",
    "99999999999999999999",
    "=cmd|' /C calc'!A0",
    "是",
    "否",
    "男",
    "\x00",
    "１２",
    "2024",
    "abc",
    "None",
    "null",
    "x" * 10_001,
    '"',
    "a,b",
    "\n",
    "primary",
    "group",
    "G1",
    "A",
    "T1",
]
FUZZ = settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def load_outcome(folder: Path) -> str:
    """'ok' or 'bad input'; anything else raises and fails the test."""
    try:
        load_scenario(folder)
    except InputError as exc:
        text = str(exc)
        assert text and any(name in text for name in [*FILES, "scenario.toml", "csv", "xlsx"]), text
        return "bad input"
    return "ok"


def with_copy(mutate) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "s"
        shutil.copytree(BASIC, folder)
        mutate(folder)
        return load_outcome(folder)


def rewrite_rows(path: Path, change) -> None:
    lines = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]
    change(lines)
    path.write_text("\n".join(",".join(cells) for cells in lines) + "\n", encoding="utf-8")


@FUZZ
@given(
    file=st.sampled_from(FILES),
    row=st.integers(0, 9),
    col=st.integers(0, 11),
    value=st.one_of(st.sampled_from(NASTY), st.text(max_size=30)),
)
def test_any_cell_value(file: str, row: int, col: int, value: str):
    def change(lines):
        r = lines[row % len(lines)]
        r[col % len(r)] = value.replace(",", ";").replace("\n", " ")

    with_copy(lambda f: rewrite_rows(f / file, change))


@FUZZ
@given(file=st.sampled_from(FILES), col=st.integers(0, 11), duplicate=st.booleans())
def test_missing_or_duplicated_column(file: str, col: int, duplicate: bool):
    def change(lines):
        c = col % len(lines[0])
        for r in lines:
            if c < len(r):
                if duplicate:
                    r.append(r[c])
                else:
                    del r[c]

    outcome = with_copy(lambda f: rewrite_rows(f / file, change))
    # A repeated column is always an error; a dropped one only when it was required.
    assert outcome == "bad input" or not duplicate


@FUZZ
@given(file=st.sampled_from(FILES), data=st.binary(max_size=200))
def test_garbage_bytes(file: str, data: bytes):
    with_copy(lambda f: (f / file).write_bytes(data))


@FUZZ
@given(text=st.text(max_size=200))
def test_any_settings_text(text: str):
    with_copy(lambda f: (f / "scenario.toml").write_text(text, encoding="utf-8"))


def test_empty_files_each():
    for file in FILES:
        assert with_copy(lambda f, file=file: (f / file).write_text("", "utf-8")) == "bad input"


def test_deep_extends_chain(tmp_path: Path):
    """A chain of 200 folders loads (iteratively: no recursion limit); the root has the data."""
    shutil.copytree(BASIC, tmp_path / "s0")
    for i in range(1, 201):
        (tmp_path / f"s{i}").mkdir()
        (tmp_path / f"s{i}" / "scenario.toml").write_text(f'extends = "../s{i - 1}"\n', "utf-8")
    assert load_outcome(tmp_path / "s200") == "ok"


def test_extends_to_a_file_is_bad_input(tmp_path: Path):
    shutil.copytree(BASIC, tmp_path / "s")
    (tmp_path / "s" / "scenario.toml").write_text('extends = "schools.csv"\n', "utf-8")
    assert load_outcome(tmp_path / "s") == "bad input"
