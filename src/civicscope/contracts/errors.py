"""Errors a user can fix, each message saying how (in the spirit of spaCy's errors module)."""

from __future__ import annotations


class UserError(Exception):
    """An error the user can fix; its message says how. The CLI prints it without a traceback."""


class ConfigError(UserError):
    """A configuration, sources or other input file is wrong; the message names the file, key or line and the fix."""

    def __init__(self, path: str, problems: list[str] | str) -> None:
        """Keep every problem of one file so that all are reported at once.

        Args:
            path: the file the problems are in (as the user named it).
            problems: one message, or a list of them, each naming the key or line and the fix.
        """
        self.path = path
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{path}: {len(self.problems)} problem(s) to fix:\n{lines}")
