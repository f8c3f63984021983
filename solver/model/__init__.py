"""The CP-SAT model: variables, one function per hard rule, one per cost term."""
