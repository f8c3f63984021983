"""Rebuild the two variants whose data differ from data/lianyun (run after regenerating it).

    python scenarios/make_variants.py

new-school-joins: a new rural primary, 宿城新区小学 (synthetic), joins the community
海州湾小学—宿城小学 (LY-C06) with a roster modelled on 宿城小学 (LY-S21).
five-teachers-leave: the five longest-serving eligible backbone teachers of 墟沟小学 (LY-S01),
lead of the 墟沟小学 group, leave the district before the cycle starts.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).parent
DATA = HERE.parent / "data" / "lianyun"


def read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (DATA / name).open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def write(folder: Path, name: str, header: list[str], rows: list[dict[str, str]]) -> None:
    with (folder / name).open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def new_school_joins() -> None:
    folder = HERE / "new-school-joins"
    new, model = "LY-S22", "LY-S21"
    header, schools = read("schools.csv")
    template = next(s for s in schools if s["school_id"] == model)
    schools.append({**template, "school_id": new, "name": "宿城新区小学(合成)", "lat": "34.69800"})
    write(folder, "schools.csv", header, schools)
    header, members = read("memberships.csv")
    write(folder, "memberships.csv", header, [*members, {"org_id": "LY-C06", "school_id": new}])
    header, teachers = read("teachers.csv")
    copies = [
        {**t, "teacher_id": f"N{i:05}", "school_id": new}
        for i, t in enumerate((t for t in teachers if t["school_id"] == model), start=1)
    ]
    write(folder, "teachers.csv", header, teachers + copies)
    header, demand = read("demand.csv")
    extra = [{**d, "school_id": new} for d in demand if d["school_id"] == model]
    write(folder, "demand.csv", header, demand + extra)


def five_teachers_leave() -> None:
    folder = HERE / "five-teachers-leave"
    header, teachers = read("teachers.csv")
    lead = [
        t
        for t in teachers
        if t["school_id"] == "LY-S01"
        and t["backbone"] == "true"
        and t["exempt"] == "false"
        and t["role"] != "principal"
    ]
    leaving = {
        t["teacher_id"]
        for t in sorted(lead, key=lambda t: (t["school_since"], t["teacher_id"]))[:5]
    }
    write(folder, "teachers.csv", header, [t for t in teachers if t["teacher_id"] not in leaving])
    (folder / "leaving.txt").write_text("\n".join(sorted(leaving)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    new_school_joins()
    five_teachers_leave()
