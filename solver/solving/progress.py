"""Live progress of a solve: the figures (a board fed by the solver) and their display on stderr.

On a terminal one line is redrawn in place; in a log or pipe a plain line is printed every few
seconds, so a long run leaves a readable trace rather than a wall of carriage returns.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import TextIO

from solver.solving.result import Status, relative_gap

GAP_TARGET = 0.01


@dataclass
class PartState:
    """What is known about one component so far."""

    cost: int | None = None
    bound: int | None = None
    status: Status | None = None


class ProgressBoard:
    """Best cost, bound and gap over all components, and when the milestones were reached.

    The cost is known once every component has a plan; the bound once every component has one.
    """

    def __init__(self, parts: int, started: float | None = None) -> None:
        self.parts = [PartState() for _ in range(parts)]
        self.started = time.monotonic() if started is None else started
        self.first_plan_time: float | None = None
        self.gap_1pct_time: float | None = None
        self.changes = 0
        self.stopping = False
        """The user asked to stop (first Ctrl-C): parts without a plan still look for one."""

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def solution(self, part: int, cost: int, bound: int | None) -> None:
        state = self.parts[part]
        state.cost = cost if state.cost is None else min(state.cost, cost)
        if bound is not None:
            self.bound_found(part, bound)
        self._changed()

    def bound_found(self, part: int, bound: int) -> None:
        state = self.parts[part]
        state.bound = bound if state.bound is None else max(state.bound, bound)
        self._changed()

    def finished(self, part: int, status: Status, cost: int | None, bound: int | None) -> None:
        state = self.parts[part]
        state.status, state.cost, state.bound = status, cost, bound
        self._changed()

    @property
    def done(self) -> int:
        return sum(p.status is not None for p in self.parts)

    @property
    def cost(self) -> int | None:
        if any(p.cost is None for p in self.parts):
            return None
        return sum(p.cost for p in self.parts if p.cost is not None)

    @property
    def bound(self) -> int | None:
        if any(p.bound is None for p in self.parts):
            return None
        return sum(p.bound for p in self.parts if p.bound is not None)

    @property
    def gap(self) -> float | None:
        return relative_gap(self.cost, self.bound)

    def _changed(self) -> None:
        self.changes += 1
        now = self.elapsed
        if self.first_plan_time is None and self.cost is not None:
            self.first_plan_time = now
        gap = self.gap
        if self.gap_1pct_time is None and gap is not None and gap <= GAP_TARGET:
            self.gap_1pct_time = now

    def line(self) -> str:
        """One line: elapsed, best cost, bound, gap, components done."""

        def show(value: int | None) -> str:
            return "-" if value is None else str(value)

        gap = self.gap
        text = (
            f"{self.elapsed:7.1f}s  best {show(self.cost)}  bound {show(self.bound)}  "
            f"gap {'-' if gap is None else f'{gap:.2%}'}  "
            f"components {self.done}/{len(self.parts)}"
        )
        if self.stopping:
            planless = sum(p.cost is None for p in self.parts)
            text += (
                f"  stopping: {planless} part(s) still searching for a first plan "
                "(Ctrl-C again writes what is solved as a partial plan)"
                if planless
                else "  stopping: writing the plan"
            )
        return text


class ProgressPrinter:
    """Shows a board on a stream: redrawn in place on a terminal, throttled lines otherwise."""

    def __init__(
        self,
        stream: TextIO | None = None,
        interactive: bool | None = None,
        interval: float | None = None,
    ) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.interval = (0.25 if self.interactive else 2.0) if interval is None else interval
        self.last_shown = -float("inf")
        self.last_text = ""
        self.board: ProgressBoard | None = None

    def __call__(self, board: ProgressBoard) -> None:
        self.board = board
        now = time.monotonic()
        if now - self.last_shown < self.interval:
            return
        self.last_shown = now
        self._show(board.line())

    def close(self) -> None:
        """Show the final figures (if any were shown) and end the line."""
        if self.board is None:
            return
        self._show(self.board.line())
        if self.interactive:
            self.stream.write("\n")
        self.stream.flush()

    def _show(self, text: str) -> None:
        if self.interactive:
            self.stream.write("\r" + text + "\x1b[K")
        else:
            self.stream.write("solving " + text.strip() + "\n")
        self.stream.flush()
        self.last_text = text
