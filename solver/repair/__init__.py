"""Repair of a scenario without a plan (SPEC §9): the smallest single change that lets one exist.

Owns: the conflict in one line per clash (``conflict``), the settings, columns and rows a
conflict's rule instances depend on (``knobs``), a changed scenario written as a folder that
``extends`` the original (``variant``), and the search for the least change with the solver
(``search``). Sits beside ``solver.solving`` and calls it; may import ``solver.input``,
``solver.needs``, ``solver.model.instances``, ``solver.solving`` and ``solver.output.files``,
never ``solver.commands``.
"""
