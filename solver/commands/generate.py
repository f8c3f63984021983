"""``rotation generate``: a complete, plausible, seeded scenario folder."""

from __future__ import annotations

import time
from pathlib import Path

import click

from solver.commands.common import fail_input, force_option, out_option, seed_option
from solver.generate import PRESETS
from solver.output.files import OutputExistsError, atomic_output_dir


@click.command("generate")
@click.option("--preset", type=click.Choice(PRESETS), default="lianyun", show_default=True)
@seed_option(default=1)
@out_option(help="Folder to write.")
@force_option
def generate_command(preset: str, seed: int, out: Path, force: bool) -> None:
    """Write a synthetic scenario folder; the same seed gives byte-identical files."""
    from solver.generate import generate

    started = time.perf_counter()
    try:
        with atomic_output_dir(out, force) as tmp:
            counts = generate(preset, seed, tmp)
    except OutputExistsError as exc:
        fail_input(str(exc))
    seconds = time.perf_counter() - started
    details = ", ".join(
        f"{k} {', '.join(f'{n} {c}' for n, c in v.items()) if isinstance(v, dict) else v}"
        for k, v in counts.items()
        if k != "seconds"
    )
    click.echo(f"wrote {out} ({preset}, seed {seed}) in {seconds:.1f} s: {details}")
