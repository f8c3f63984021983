"""The CP-SAT model: variables, one constraint function per hard rule, one objective function per cost term."""
