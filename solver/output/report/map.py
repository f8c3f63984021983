"""The map: schools placed by lat/lon, sized by staff, and the flows of teachers between them.

An equirectangular projection (longitude shrunk by the cosine of the middle latitude) is exact
enough at the scale of a district or a city. A flow from a to b is a curve bending to its left,
so the two directions between a pair of schools are two separate curves; its width is the
number of teachers, its colour the organization type. Schools without coordinates are lined up
under the map. The page's script zooms (wheel) and pans (drag) the map and switches years.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from solver.audit.facts import PlanFacts
from solver.glossary import Lang, org_type_word
from solver.glossary import report_word as word
from solver.output.report.svg import PALETTE, esc, svg, text, title
from solver.scenario import Scenario

WIDTH, HEIGHT, PAD = 900, 600, 30
LABELS_UP_TO = 40  # schools named on the map; above that, names show on hover


def project(scenario: Scenario) -> dict[str, tuple[float, float]]:
    """Screen (x, y) of every school with coordinates, fitted into the map's box."""
    placed = [s for s in scenario.schools if s.lat is not None and s.lon is not None]
    if not placed:
        return {}
    lats = [s.lat for s in placed if s.lat is not None]
    lons = [s.lon for s in placed if s.lon is not None]
    shrink = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * shrink, 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    scale = min((WIDTH - 2 * PAD) / span_x, (HEIGHT - 2 * PAD) / span_y)
    off_x = (WIDTH - span_x * scale) / 2
    off_y = (HEIGHT - span_y * scale) / 2
    return {
        s.school_id: (
            off_x + ((s.lon or 0) - min(lons)) * shrink * scale,
            off_y + (max(lats) - (s.lat or 0)) * scale,
        )
        for s in placed
    }


def spread_overlaps(where: dict[str, tuple[float, float]], gap: float = 13.0) -> None:
    """Schools at (nearly) the same spot, such as two campuses sharing an address, are
    stacked in a short column so that each can be seen, named and hovered."""
    spots: list[list[str]] = []
    for sid, (x, y) in where.items():
        for spot in spots:
            first = where[spot[0]]
            if abs(first[0] - x) < gap and abs(first[1] - y) < gap / 2:
                spot.append(sid)
                break
        else:
            spots.append([sid])
    for ids in spots:
        if len(ids) < 2:
            continue
        cx = sum(where[i][0] for i in ids) / len(ids)
        cy = sum(where[i][1] for i in ids) / len(ids)
        for k, sid in enumerate(sorted(ids)):
            where[sid] = (cx, cy + (k - (len(ids) - 1) / 2) * gap)


def curve(a: tuple[float, float], b: tuple[float, float]) -> str:
    """A quadratic curve from a to b bending to the left of the direction of travel."""
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    bend = 0.18
    cx, cy = (x1 + x2) / 2 + dy * bend, (y1 + y2) / 2 - dx * bend
    return f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}"


def flows(
    scenario: Scenario, facts: PlanFacts
) -> dict[int | None, dict[tuple[str, str, str], set[str]]]:
    """Teachers per (home, host, org type), per year and (key ``None``) over the cycle."""
    result: dict[int | None, dict[tuple[str, str, str], set[str]]] = defaultdict(
        lambda: defaultdict(set)
    )
    for row in facts.rows:
        kind = scenario.org_by_id[row.org_id].type.value
        key = (row.home_school_id, row.host_school_id, kind)
        result[None][key].add(row.teacher_id)
        result[row.year][key].add(row.teacher_id)
    return result


def school_map(scenario: Scenario, facts: PlanFacts, lang: Lang, name: str = "map") -> str:
    """The whole map as one SVG (schools, flows per year, legend)."""
    where = project(scenario)
    spread_overlaps(where)
    missing = [s for s in scenario.schools if s.school_id not in where]
    height = HEIGHT + (40 if missing else 0)
    for i, s in enumerate(missing):  # a strip under the map
        where[s.school_id] = (PAD + (i % 40) * 20, HEIGHT + 20 + (i // 40) * 16)
    staff = {s.school_id: len(scenario.teachers_by_school[s.school_id]) for s in scenario.schools}
    biggest = max([1, *staff.values()])
    r_max = 12 if len(scenario.schools) <= LABELS_UP_TO else 7
    opacity = 0.7 if len(scenario.schools) <= LABELS_UP_TO else 0.45
    by_year = flows(scenario, facts)
    most = max([1, *(len(t) for t in by_year[None].values())])
    unit = min(3.0, 14.0 / most)
    parts = [
        "<defs>"
        + "".join(
            f'<marker id="{name}-arrow-{k}" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="7" '
            f'markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">'
            f'<path d="M0,0 L6,3 L0,6 z" fill="{PALETTE[k]}"/>'
            "</marker>"
            for k in ("group", "pairing", "community")
        )
        + "</defs>",
        '<g class="viewport">',
    ]
    names = scenario.school_by_id
    for year in [None, *scenario.years]:
        hidden = "" if year is None else ' style="display:none"'
        tag = "all" if year is None else str(year)
        group = [f'<g class="flows" data-year="{tag}"{hidden}>']
        for (home, host, kind), teachers in sorted(
            by_year[year].items(), key=lambda kv: -len(kv[1])
        ):
            n = len(teachers)
            tip = (
                f"{names[home].name} → {names[host].name}: {n} "
                f"{word('teachers', lang)} ({org_type_word(kind, lang)})"
            )
            group.append(
                f'<path class="flow" data-teachers="{n}" data-kind="{kind}" '
                f'd="{curve(where[home], where[host])}" fill="none" stroke="{PALETTE[kind]}" '
                f'stroke-opacity="{opacity}" stroke-width="{max(0.8, n * unit):.1f}" '
                f'marker-end="url(#{name}-arrow-{kind})">{title(tip)}</path>'
            )
        group.append("</g>")
        parts.append("".join(group))
    for s in scenario.schools:
        x, y = where[s.school_id]
        r = 2 + (r_max - 2) * math.sqrt(staff[s.school_id] / biggest)
        stroke = PALETTE["quality"] if s.quality else "#ffffff"
        tip = f"{s.name} ({s.school_id}): {staff[s.school_id]} {word('staff', lang)}"
        label = ""
        if len(scenario.schools) <= LABELS_UP_TO:
            label = text(x, y + 3, s.name, size=10, extra=f' dx="{r + 2:.1f}" class="school-name"')
        parts.append(
            f'<g class="school" data-school="{esc(s.school_id)}" data-staff="{staff[s.school_id]}">'
            f'{title(tip)}<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{PALETTE["school"]}" '
            f'fill-opacity="0.85" stroke="{stroke}" stroke-width="1.5"/>{label}</g>'
        )
    parts.append("</g>")
    parts.append(legend(lang, unit, missing_count=len(missing)))
    return svg(WIDTH, height, "".join(parts), name, "map")


def legend(lang: Lang, unit: float, missing_count: int) -> str:
    items = []
    for i, kind in enumerate(("group", "pairing", "community")):
        y = 16 + i * 16
        items.append(
            f'<line x1="10" x2="34" y1="{y}" y2="{y}" stroke="{PALETTE[kind]}" stroke-width="3"/>'
            + text(40, y + 4, org_type_word(kind, lang), size=11)
        )
    items.append(text(10, 72, word("map_legend", lang).format(unit=f"{unit:.1f}"), size=10))
    if missing_count:
        items.append(text(10, 86, word("no_coordinates", lang).format(n=missing_count), size=10))
    return (
        '<g class="legend"><rect x="4" y="4" width="360" height="88" fill="#ffffff" '
        f'fill-opacity="0.85"/>{"".join(items)}</g>'
    )


def year_buttons(years: Sequence[int], lang: Lang) -> str:
    """Buttons that show the flows of the whole cycle or of one year."""
    first = word("whole_cycle", lang)
    buttons = [f'<button type="button" class="year on" data-year="all">{first}</button>']
    buttons += [f'<button type="button" class="year" data-year="{y}">{y}</button>' for y in years]
    return '<div class="years">' + "".join(buttons) + "</div>"
