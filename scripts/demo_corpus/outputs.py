"""Generated files: the row each one gets in ``sources.tsv``, writing them, and the table itself."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import tempfile
from pathlib import Path
from typing import Iterable

# Every module logs under the script's name, so log lines read "build_demo_corpus: ..." as before.
logger = logging.getLogger("build_demo_corpus")

TSV_COLUMNS = ("source_id", "kind", "location", "genre", "publisher", "actor", "lang")


@dataclasses.dataclass(frozen=True)
class Output:
    """One generated file and the sources.tsv row that points to it."""

    source_id: str
    location: str  # relative to the output directory, POSIX separators
    genre: str
    publisher: str
    lang: str
    date: dt.date
    text: str  # body text, used to pick the tiny corpus
    fmt: str
    syndicated_of: str = ""  # source_id of the original for syndicated copies
    bad: bool = False


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` atomically, leaving the file untouched (same mtime) when it is unchanged."""
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; outputs are ordinary repository files
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def remove_stale(out_dir: Path, keep: set[str]) -> None:
    """Delete generated files whose source no longer exists (only in html/, pdf/, bad/)."""
    for sub, pattern in (("html", "*.html"), ("pdf", "*.pdf"), ("bad", "*")):
        for path in sorted((out_dir / sub).glob(pattern)):
            rel = path.relative_to(out_dir).as_posix()
            if path.is_file() and rel not in keep:
                logger.info("removing stale output %s", rel)
                path.unlink()


def tsv_bytes(rows: Iterable[Output]) -> bytes:
    """Return sources.tsv content for ``rows`` (sorted by source_id, plain UTF-8, LF)."""
    lines = ["\t".join(TSV_COLUMNS)]
    for o in sorted(rows, key=lambda r: r.source_id):
        fields = (o.source_id, "file", o.location, o.genre, o.publisher, "", o.lang)
        if any(ch in f for f in fields for ch in '\t\n"'):
            # The TSV is written unquoted; a tab, newline or double quote would break readers.
            raise ValueError(f"tab, newline or double quote in a sources.tsv field of {o.source_id}")
        lines.append("\t".join(fields))
    return ("\n".join(lines) + "\n").encode("utf-8")
