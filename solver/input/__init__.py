"""Input: everything a planner's files become before the engine sees them.

Owns reading tables (CSV in UTF-8/GBK and .xlsx, Chinese header and value aliases), the settings
of ``scenario.toml`` (``extends`` chains, ``--set``), the folder loader that builds a frozen
``Scenario``, reading a plan, and the problems that name file, row and column.
May import: ``solver.scenario``, ``solver.rules`` and modules of this package; nothing else.
"""
