"""Teacher rotation planner: optimal, explained, checkable rotation plans."""
