"""What the policy asks of a scenario before any plan exists: each quota's need, against the
candidates, and per school the least it must send (``quotas``), and for a re-plan what the
remaining years still need (``replan``).

One source of the quota arithmetic for validate, the generator, the report and the
explanations. May import only ``solver.scenario`` and ``solver.rules``.
"""
