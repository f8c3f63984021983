"""Click commands, one per file; cli.py assembles them."""
