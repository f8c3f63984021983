"""Charts drawn as inline SVG by our own code: no script library, no network, exact numbers.

Each function returns one ``<svg class="chart">`` element as text. Every drawn mark carries a
``<title>`` (the browser shows it on hover) and the numbers it stands for, so what a reader sees
is what the data says. Colours come from ``PALETTE``; sizes are in CSS pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

PALETTE = {
    "group": "#2f6db3",
    "pairing": "#e08a1e",
    "community": "#3a9a5b",
    "need": "#222222",
    "placed": "#7a9cc6",
    "slack": "#b9d3ee",
    "short": "#d9453a",
    "grid": "#dddddd",
    "text": "#333333",
    "muted": "#888888",
    "school": "#5b6770",
    "quality": "#8e44ad",
}


def esc(value: object) -> str:
    """Text safe inside SVG/HTML elements and attributes."""
    return escape(str(value), quote=True)


def clip(label: str, room: float, size: int = 10) -> str:
    """``label`` cut with an ellipsis to fit ``room`` pixels at font ``size`` (a Chinese
    character is about one em wide, a Latin letter or digit about 0.6 em)."""
    used = 0.0
    for i, ch in enumerate(label):
        used += size if ord(ch) > 0x2E7F else size * 0.6
        if used > room:
            return label[: max(0, i - 1)] + "…"
    return label


def title(text: str) -> str:
    return f"<title>{esc(text)}</title>"


def svg(width: float, height: float, body: str, name: str, label: str = "") -> str:
    """An ``<svg class="chart">`` of the given size; ``name`` lets tests find it."""
    return (
        f'<svg class="chart" data-chart="{esc(name)}" role="img" aria-label="{esc(label)}" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'xmlns="http://www.w3.org/2000/svg">{body}</svg>'
    )


def text(x: float, y: float, content: object, anchor: str = "start", size: int = 11,
         fill: str = PALETTE["text"], extra: str = "") -> str:  # fmt: skip
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}"{extra}>{esc(content)}</text>'
    )


@dataclass(frozen=True)
class NeedBar:
    """One quota instance: what it needs, what the plan gives, and its words.

    ``sense`` is ``>=`` (a minimum: slack = actual - need) or ``<=`` (a cap: slack = need -
    actual).
    """

    label: str
    need: int
    actual: int
    sense: str
    tip: str

    @property
    def slack(self) -> int:
        return self.actual - self.need if self.sense == ">=" else self.need - self.actual


def need_bars(bars: Sequence[NeedBar], name: str, label: str, width: int = 360) -> str:
    """Horizontal bars: the plan's count, a black tick at the need, the slack shaded.

    For a minimum the part of the bar beyond the need is the slack (light); a bar short of
    its need shows the missing part in red. For a cap the part of the cap not used is slack.
    """
    row, left, right = 18, 150, 40
    scale_max = max([1, *(max(b.need, b.actual) for b in bars)])
    unit = (width - left - right) / scale_max
    height = row * len(bars) + 16
    parts = []
    for i, b in enumerate(bars):
        y = 6 + i * row
        used = min(b.actual, b.need) if b.sense == ">=" else b.actual
        parts.append(text(left - 6, y + 11, clip(b.label, left - 8), "end", 10))
        marks = [
            f'<rect x="{left}" y="{y + 2}" width="{used * unit:.1f}" height="{row - 6}" '
            f'fill="{PALETTE["placed"]}"/>'
        ]
        if b.sense == ">=" and b.actual > b.need:
            marks.append(
                f'<rect class="slack" x="{left + b.need * unit:.1f}" y="{y + 2}" '
                f'width="{(b.actual - b.need) * unit:.1f}" height="{row - 6}" '
                f'fill="{PALETTE["slack"]}"/>'
            )
        if b.slack < 0:
            start = b.actual if b.sense == ">=" else b.need
            marks.append(
                f'<rect class="short" x="{left + start * unit:.1f}" y="{y + 2}" '
                f'width="{abs(b.slack) * unit:.1f}" height="{row - 6}" fill="{PALETTE["short"]}"/>'
            )
        if b.sense == "<=" and b.slack > 0:
            marks.append(
                f'<rect class="slack" x="{left + b.actual * unit:.1f}" y="{y + 2}" '
                f'width="{b.slack * unit:.1f}" height="{row - 6}" fill="none" '
                f'stroke="{PALETTE["slack"]}"/>'
            )
        marks.append(
            f'<line x1="{left + b.need * unit:.1f}" x2="{left + b.need * unit:.1f}" y1="{y}" '
            f'y2="{y + row - 2}" stroke="{PALETTE["need"]}" stroke-width="2"/>'
        )
        value = f"{b.actual}/{b.need}"
        parts.append(
            f'<g data-need="{b.need}" data-actual="{b.actual}">{title(b.tip)}{"".join(marks)}'
            f"{text(left + max(b.actual, b.need) * unit + 4, y + 11, value, size=10)}</g>"
        )
    return svg(width, height, "".join(parts), name, label)


def balance_bars(
    pairs: Sequence[tuple[str, int, int, str]], name: str, label: str, width: int = 360
) -> str:
    """Reciprocity: for each (label, forth, back, tip), forth to the left, back to the right.

    A balanced pair is a symmetric bar; the imbalance is what sticks out on one side.
    """
    row, mid_label = 16, 150
    centre = mid_label + (width - mid_label) / 2
    half = (width - mid_label) / 2 - 18
    scale_max = max([1, *(max(f, b) for _, f, b, _ in pairs)])
    unit = half / scale_max
    parts = [
        f'<line x1="{centre:.1f}" x2="{centre:.1f}" y1="2" y2="{row * len(pairs) + 6}" '
        f'stroke="{PALETTE["need"]}"/>'
    ]
    for i, (lab, forth, back, tip) in enumerate(pairs):
        y = 4 + i * row
        colour = PALETTE["placed"] if forth == back else PALETTE["short"]
        parts.append(
            f'<g data-forth="{forth}" data-back="{back}">{title(tip)}'
            f"{text(mid_label - 6, y + 10, clip(lab, mid_label - 8), 'end', 10)}"
            f'<rect x="{centre - forth * unit:.1f}" y="{y + 2}" width="{forth * unit:.1f}" '
            f'height="{row - 5}" fill="{colour}"/>'
            f'<rect x="{centre:.1f}" y="{y + 2}" width="{back * unit:.1f}" height="{row - 5}" '
            f'fill="{colour}" opacity="0.6"/>'
            f"{text(centre - forth * unit - 3, y + 10, forth, 'end', 9)}"
            f"{text(centre + back * unit + 3, y + 10, back, size=9)}</g>"
        )
    return svg(width, row * len(pairs) + 10, "".join(parts), name, label)


def column_chart(
    values: Sequence[tuple[str, int, str]], name: str, label: str, width: int = 520
) -> str:
    """Signed vertical columns (label, value, tip): positive up, negative down (cost terms)."""
    height, bottom, top = 230, 50, 16
    lo = min([0, *(v for _, v, _ in values)])
    hi = max([0, *(v for _, v, _ in values)])
    span = max(1, hi - lo)
    plot = height - top - bottom
    zero = top + plot * hi / span
    step = width / max(1, len(values))
    parts = [
        f'<line x1="0" x2="{width}" y1="{zero:.1f}" y2="{zero:.1f}" stroke="{PALETTE["need"]}"/>'
    ]
    for i, (lab, v, tip) in enumerate(values):
        x = i * step + step * 0.15
        h = plot * abs(v) / span
        y = zero - h if v >= 0 else zero
        fill = PALETTE["short"] if v > 0 else PALETTE["community"]
        parts.append(
            f'<g data-value="{v}">{title(tip)}<rect x="{x:.1f}" y="{y:.1f}" '
            f'width="{step * 0.7:.1f}" height="{max(h, 1):.1f}" fill="{fill}"/>'
            f"{text(x + step * 0.35, (y - 3) if v >= 0 else (y + h + 11), v, 'middle', 10)}"
            f"{text(x + step * 0.35, height - 8, clip(lab, step - 4), 'middle', 10)}</g>"
        )
    return svg(width, height, "".join(parts), name, label)


def line_chart(
    xs: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float | None]]],
    marks: Sequence[tuple[int, str]],
    name: str,
    label: str,
    width: int = 480,
) -> str:
    """Lines over categories ``xs``: each series (name, colour, values; ``None`` = no point),
    its own scale (min..max labelled at the left for the first, right for the second); ``marks``
    are (index, tip) of points without a plan, drawn as a red cross on the axis."""
    height, left, right, top, bottom = 240, 60, 60, 20, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(1, len(xs) - 1)

    def x_at(i: int) -> float:
        return left + (i * step if len(xs) > 1 else plot_w / 2)

    parts = [
        f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" '
        f'stroke="{PALETTE["grid"]}"/>'
    ]
    for i, category in enumerate(xs):
        parts.append(text(x_at(i), height - bottom + 16, category, "middle", 10))
    for k, (sname, colour, values) in enumerate(series):
        known = [v for v in values if v is not None]
        lo, hi = (min(known), max(known)) if known else (0, 1)
        span = (hi - lo) or 1

        def y_at(v: float, lo: float = lo, span: float = span) -> float:
            return top + plot_h - plot_h * (v - lo) / span * 0.9 - plot_h * 0.05

        side_x = 6 if k == 0 else width - 6
        anchor = "start" if k == 0 else "end"
        parts.append(text(side_x, top - 6, sname, anchor, 11, colour))
        if known:
            parts.append(text(side_x, y_at(hi) + 4, f"{hi:g}", anchor, 9, colour))
            parts.append(text(side_x, y_at(lo) + 4, f"{lo:g}", anchor, 9, colour))
        points = [(x_at(i), y_at(v), v) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for x, y, v in points:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}" data-value="{v:g}">'
                f"{title(f'{sname}: {v:g}')}</circle>"
            )
            parts.append(text(x, y - 8, f"{v:g}", "middle", 10, colour))
    for i, tip in marks:
        x, y = x_at(i), top + plot_h
        parts.append(
            f'<g class="no-plan">{title(tip)}<path d="M{x - 6:.1f},{y - 6:.1f} L{x + 6:.1f},'
            f'{y + 6:.1f} M{x - 6:.1f},{y + 6:.1f} L{x + 6:.1f},{y - 6:.1f}" '
            f'stroke="{PALETTE["short"]}" stroke-width="3"/></g>'
        )
    return svg(width, height, "".join(parts), name, label)


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[tuple[int, str, str]], str, str]],
    legend: Sequence[tuple[str, str]],
    name: str,
    label: str,
    width: int = 640,
) -> str:
    """Horizontal stacked bars: each row is (label, [(value, colour, part name)], note, tip);
    the note is written after the bar; ``legend`` is (colour, words) shown on top."""
    row, left, top = 18, 210, 22
    longest = max([1, *(sum(v for v, _, _ in parts) for _, parts, _, _ in rows)])
    unit = (width - left - 150) / longest
    body = []
    x = left
    for colour, words in legend:
        body.append(f'<rect x="{x}" y="4" width="12" height="10" fill="{colour}"/>')
        body.append(text(x + 16, 13, words, size=10))
        x += 24 + 11 * len(words)
    for i, (lab, parts, note, tip) in enumerate(rows):
        y = top + i * row
        shown = clip(lab, left - 8)
        marks, at = [], float(left)
        for value, colour, part in parts:
            if value:
                marks.append(
                    f'<rect x="{at:.1f}" y="{y + 2}" width="{value * unit:.1f}" '
                    f'height="{row - 6}" fill="{colour}" data-part="{esc(part)}" '
                    f'data-value="{value}"/>'
                )
            at += value * unit
        body.append(
            f"<g>{title(tip)}{text(left - 6, y + 12, shown, 'end', 10)}{''.join(marks)}"
            f"{text(at + 4, y + 12, note, size=10)}</g>"
        )
    return svg(width, top + row * len(rows) + 6, "".join(body), name, label)
