"""Read and validate ``sources.tsv`` before any work is done."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from civicscope.cli import UserError

SCHEMA_FILE = "sources.schema.yaml"


@dataclass(frozen=True)
class Source:
    """One validated row of sources.tsv; ``line`` is its line number in the file."""

    source_id: str
    kind: str
    location: str
    line: int
    genre: str = ""
    publisher: str = ""
    actor: str = ""
    lang: str = ""
    date: str = ""
    title: str = ""
    url_pattern: str = ""
    date_from: str = ""
    date_to: str = ""
    max_docs: int | None = None
    robots_override: str = ""

    def matches(self, location: str) -> bool:
        """Tell whether a discovered link or path passes the ``url_pattern`` filter."""
        return not self.url_pattern or re.search(self.url_pattern, location) is not None

    def in_date_range(self, day: str | None) -> bool:
        """Tell whether an entry dated ``day`` (YYYY-MM-DD, or None when unknown) passes the date filter.

        Entries without a date are kept: the filter cannot judge them.
        """
        if not day:
            return True
        if self.date_from and day < self.date_from:
            return False
        return not (self.date_to and day > self.date_to)


@functools.lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """Return the JSON schema of a sources row (shipped with the package)."""
    import yaml

    text = resources.files("civicscope.collect").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _row_problems(row: dict[str, Any], where: str) -> list[str]:
    import jsonschema

    validator = jsonschema.Draft7Validator(load_schema())
    problems = []
    for error in sorted(validator.iter_errors(row), key=lambda e: list(e.path)):
        column = error.path[0] if error.path else None
        if column is None and error.validator == "required":
            column = error.message.split("'")[1]
        if column is None and error.validator == "additionalProperties":
            problems.append(f"{where}: unknown column(s) — {error.message}; rename or prefix with 'note'")
            continue
        problems.append(f"{where}, column '{column}': {error.message}")
    if problems:
        return problems
    if row.get("url_pattern"):
        try:
            re.compile(row["url_pattern"])
        except re.error as exc:
            problems.append(f"{where}, column 'url_pattern': not a valid regular expression ({exc})")
    for column in ("date", "date_from", "date_to"):
        if row.get(column):
            try:
                dt.date.fromisoformat(row[column])
            except ValueError:
                problems.append(f"{where}, column '{column}': {row[column]!r} is not a real date")
    if row.get("date_from") and row.get("date_to") and row["date_from"] > row["date_to"]:
        problems.append(f"{where}, columns 'date_from'/'date_to': date_from is after date_to")
    return problems


def read_sources(path: str | Path) -> list[Source]:
    """Read and validate a sources file; raise :class:`UserError` listing every problem found.

    Args:
        path: the tab-separated sources file (UTF-8, optional BOM, header row).

    Returns:
        The sources in file order.
    """
    path = Path(path)
    if not path.is_file():
        raise UserError(f"sources file not found: {path} — pass an existing TSV to --sources")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        numbered = [(reader.line_num, row) for row in reader]  # blank lines are skipped but counted
        header = reader.fieldnames or []
    if not header or "source_id" not in header:
        raise UserError(f"{path}: no header row with source_id, kind, location (tab-separated)")
    problems: list[str] = []
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for line, raw in numbered:
        if None in raw:
            problems.append(f"{path.name} line {line}: more cells than header columns (stray tab?)")
            continue
        row: dict[str, Any] = {k.strip(): v.strip() for k, v in raw.items() if k and v is not None and v.strip()}
        if not row:
            continue  # blank line
        where = f"{path.name} line {line} (source_id {row.get('source_id', '?')!r})"
        row_problems = _row_problems(row, where)
        if row_problems:
            problems.extend(row_problems)
            continue
        if row["source_id"] in seen:
            problems.append(f"{where}, column 'source_id': already used on line {seen[row['source_id']]}")
            continue
        seen[row["source_id"]] = line
        fields = {k: v for k, v in row.items() if k in Source.__dataclass_fields__}
        if "max_docs" in fields:
            fields["max_docs"] = int(fields["max_docs"])
        sources.append(Source(line=line, **fields))
    if problems:
        raise UserError("invalid sources file — fix these rows:\n  " + "\n  ".join(problems))
    return sources
