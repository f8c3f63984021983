"""A synthetic August: a scenario one year into its cycle, after a share of roster changes.

``rotation bench`` re-plans the generated city after about 1% of its roster changed (SPEC §6):
this writes that scenario. The changes are picked by a fixed rule over the teachers in id order
(no randomness):

- every ``every``-th teacher leaves (and the same school hires a new teacher of that subject,
  ``school_since = replan_from``);
- every ``2 * every``-th (offset 1) is ill from ``replan_from`` (exempt, ``exempt_from``);
- every ``4 * every``-th (offset 2) is on leave in ``replan_from`` only;
- every ``4 * every``-th (offset 3) moves to the next school of the same level
  (``school_since = replan_from``).

With ``every = 250`` that is 0.4% + 0.2% + 0.1% + 0.1% of the roster, plus as many new hires
as leavers: about 1.2% of the teachers.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

from solver.input.formats import PLAN_COLUMNS, plan_path


@dataclass(frozen=True)
class RosterChanges:
    """How many teachers each kind of change touched."""

    left: int
    joined: int
    ill: int
    leave: int
    moved: int

    @property
    def total(self) -> int:
        return self.left + self.joined + self.ill + self.leave + self.moved


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str] | tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def august(
    scenario: Path, published: Path, out: Path, replan_from: int, every: int = 250
) -> RosterChanges:
    """Write ``out``: extends ``scenario``, history.csv = ``published``, teachers.csv changed.

    Parameters
    ----------
    scenario
        The scenario folder the published plan was solved for (its teachers.csv is read).
    published
        The published plan: an output folder or a plan CSV.
    out
        The folder to write (created).
    replan_from
        The first year not yet served.
    every
        One teacher in ``every`` leaves; see the module docstring for the rest.
    """
    out.mkdir(parents=True, exist_ok=True)
    _, plan = _read(plan_path(published))
    _write(out / "history.csv", PLAN_COLUMNS, plan)
    header, teachers = _read(scenario / "teachers.csv")
    _, schools = _read(scenario / "schools.csv")
    same_level: dict[str, str] = {}
    by_level: dict[str, list[str]] = {}
    for s in schools:
        by_level.setdefault(s["level"], []).append(s["school_id"])
    for ids in by_level.values():
        for i, sid in enumerate(ids):
            same_level[sid] = ids[(i + 1) % len(ids)]
    year = str(replan_from)
    roster, hires = [], []
    left = ill = leave = moved = 0
    for i, t in enumerate(sorted(teachers, key=lambda t: t["teacher_id"])):
        t = dict(t)
        if i % every == 0:
            left += 1
            hires.append({**{k: "" for k in header}, "teacher_id": f"N{replan_from}{left:05}",
                          "name": f"new {left}", "school_id": t["school_id"],
                          "subject": t["subject"], "backbone": "false", "role": "teacher",
                          "gender": "F", "birth_year": str(replan_from - 25),
                          "school_since": year, "exempt": "false"})  # fmt: skip
            continue
        if i % (2 * every) == 1:
            ill += 1
            t.update(exempt="true", exempt_reason="ill", exempt_from=year)
        elif i % (4 * every) == 2:
            leave += 1
            t.update(exempt="true", exempt_reason="leave", exempt_from=year, exempt_until=year)
        elif i % (4 * every) == 3 and same_level[t["school_id"]] != t["school_id"]:
            moved += 1
            t.update(school_id=same_level[t["school_id"]], school_since=year)
        roster.append(t)
    _write(out / "teachers.csv", [*header, "exempt_from", "exempt_until"], roster + hires)
    staying = {t["teacher_id"] for t in roster}
    for name in ("preferences.csv", "locked.csv"):  # rows of teachers who left go with them
        if (scenario / name).is_file():
            columns, rows = _read(scenario / name)
            _write(out / name, columns, [r for r in rows if r["teacher_id"] in staying])
    parent = Path(os.path.relpath(scenario.resolve(), out.resolve()))
    (out / "scenario.toml").write_text(
        f'extends = "{parent.as_posix()}"\n\n[scenario]\nname = "{scenario.name}-replan"\n'
        f"replan_from = {replan_from}\n",
        encoding="utf-8",
    )
    return RosterChanges(left, len(hires), ill, leave, moved)
