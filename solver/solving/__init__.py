"""Solving: running the CP-SAT model and turning its answer into a ``Result``.

Owns splitting a scenario into independent parts, solving one part (with the LP warm start),
sharing time among parts, progress, stopping on Ctrl-C, solver parameters, the result types and
the diagnosis of an infeasible scenario.
May import: ``solver.scenario``, ``solver.rules``, ``solver.model``; never input, output or audit.
"""
