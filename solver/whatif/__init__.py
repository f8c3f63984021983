"""What-if: key figures of plans, side-by-side comparison and sweeps over settings.

May import every other package except ``commands``.
"""
