"""Rebuild this example's teachers.csv and history.csv (run from the project folder).

    rotation solve scenarios/lianyun-2023 -o out/lianyun-2023 --workers 1 --seed 0
    python scenarios/lianyun-2024-replan/make.py out/lianyun-2023

history.csv is the published plan: the five contract columns of that solve's assignments.csv.
teachers.csv is data/lianyun's roster after what happened by August 2024, each change picked
by a fixed rule from the published plan (the first teacher by id who fits), so the example does
not depend on chance:

- left after serving 2023: the first teacher whose only published row is 2023;
- left before serving: the first teacher published for 2024;
- retired: the first teacher published for 2025;
- ill from 2024 (exempt, exempt_from 2024): the next two teachers published for 2025;
- on leave in 2024 only (exempt_from = exempt_until = 2024): the next teacher published for 2024;
- transferred: the next teacher published for 2025 moves to the first other school of the same
  level, school_since 2024;
- three new hires, school_since 2024, each with the school and subject of one who left.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).parent
DATA = HERE.parent.parent / "data" / "lianyun"
PLAN = ("teacher_id", "year", "home_school_id", "host_school_id", "org_id")


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def write(name: str, header: list[str] | tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with (HERE / name).open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def main(published: Path) -> None:
    _, plan = read(published / "assignments.csv")
    write("history.csv", PLAN, plan)
    header, teachers = read(DATA / "teachers.csv")
    _, schools = read(DATA / "schools.csv")
    years: dict[str, set[str]] = {}
    for row in plan:
        years.setdefault(row["teacher_id"], set()).add(row["year"])
    taken: set[str] = set()

    def first(test) -> dict[str, str]:
        t = next(t for t in teachers if t["teacher_id"] not in taken and test(t["teacher_id"]))
        taken.add(t["teacher_id"])
        return t

    def serves(year: str):
        return lambda tid: year in years.get(tid, ())

    left = [
        first(lambda tid: years.get(tid) == {"2023"}),
        first(serves("2024")),
        first(serves("2025")),  # retired
    ]
    ill = [first(serves("2025")), first(serves("2025"))]
    leave = first(serves("2024"))
    moved = first(serves("2025"))
    level = {s["school_id"]: s["level"] for s in schools}
    to = next(s for s in level if s != moved["school_id"] and level[s] == level[moved["school_id"]])
    gone = {t["teacher_id"] for t in left}
    roster = []
    for t in teachers:
        if t["teacher_id"] in gone:
            continue
        t = dict(t)
        if t in ill:
            t.update(exempt="true", exempt_reason="病休", exempt_from="2024")
        if t == leave:
            t.update(exempt="true", exempt_reason="事假", exempt_from="2024", exempt_until="2024")
        if t == moved:
            t.update(school_id=to, school_since="2024")
        roster.append(t)
    for i, t in enumerate(left, start=1):
        hire = {"teacher_id": f"N24{i:03}", "name": f"新教师{i}", "school_id": t["school_id"],
                "subject": t["subject"], "backbone": "false", "role": "teacher", "gender": "F",
                "birth_year": "1999", "school_since": "2024", "exempt": "false"}  # fmt: skip
        roster.append({**{k: "" for k in header}, **hire})
    write("teachers.csv", [*header, "exempt_from", "exempt_until"], roster)
    for what, who in [("left", left), ("ill from 2024", ill), ("leave 2024", [leave]),
                      ("moved to " + to, [moved])]:  # fmt: skip
        print(what, ", ".join(f"{t['teacher_id']} {t['name']} ({t['school_id']})" for t in who))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
