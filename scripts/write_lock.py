"""Write requirements.lock from the active environment (exact versions of the whole stack)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEADER = (
    "# Exact versions of the whole civicscope stack (Python 3.11), installed by `make run` / `make test`.\n"
    "# torch==2.13.0 resolves to the CPU build; regenerate with `make lock` after changing pyproject.toml.\n"
)


def main(out: str) -> None:
    frozen = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--all", "--exclude-editable"], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    # The local "+cpu" label is dropped: "torch==2.13.0" matches it and keeps the lock portable.
    lines = sorted(
        (line.replace("+cpu", "") for line in frozen if line and not line.lower().startswith("civicscope")),
        key=str.lower,
    )
    Path(out).write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "requirements.lock")
