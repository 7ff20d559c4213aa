"""The contracts every stage shares: errors, reason codes, table schemas, artifact names.

This layer is a leaf: it imports nothing else of civicscope, so that every stage, command and the CLI can
depend on it without depending on each other (checked by import-linter, see pyproject.toml).
"""
