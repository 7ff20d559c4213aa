"""Local ``file`` sources: resolve paths and globs, then freeze each file as a snapshot."""

from __future__ import annotations

import glob
import hashlib
import logging
import os
from pathlib import Path
from typing import Any

from civicscope.collect import reasons
from civicscope.collect.items import Item
from civicscope.collect.sniff import CONTENT_TYPE_OF, document_kind
from civicscope.collect.sources import Source
from civicscope.collect.store import RawStore, utc_now
from civicscope.io import doc_id_for

logger = logging.getLogger(__name__)

_GLOB_CHARS = frozenset("*?[")


def _relative(path: Path, base_dir: Path) -> str:
    return Path(os.path.relpath(path, base_dir)).as_posix()


def expand_file_source(source: Source, base_dir: Path) -> list[Item]:
    """Return one item per file the source names (a path or a glob, relative to ``base_dir``).

    A plain path that does not exist, or a glob matching nothing, yields a single item that the
    collector records as ``file_not_found``.
    """
    pattern = source.location
    absolute = Path(pattern) if Path(pattern).is_absolute() else base_dir / pattern
    if any(ch in pattern for ch in _GLOB_CHARS):
        matches = sorted(Path(p) for p in glob.glob(str(absolute), recursive=True))
        files = [p for p in matches if p.is_file()]
    else:
        files = [absolute] if absolute.is_file() else []
    if not files:
        written = Path(pattern).as_posix()
        return [Item(doc_id=doc_id_for(f"file:{written}"), source=source, url=written, missing=True)]
    items = []
    for path in files:
        rel = _relative(path, base_dir)
        if not source.matches(rel):
            continue
        items.append(Item(doc_id=doc_id_for(f"file:{rel}"), source=source, url=rel, path=path))
    return items[: source.max_docs] if source.max_docs else items


def file_changed(item: Item, previous: dict[str, str] | None) -> bool:
    """Tell whether a local file's bytes differ from the snapshot recorded in ``previous``."""
    if item.path is None or previous is None or not item.path.is_file():
        return False
    digest = hashlib.sha256()
    with open(item.path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest() != previous.get("sha256", "")


def collect_file(item: Item, store: RawStore, max_bytes: int) -> dict[str, Any]:
    """Freeze one local file; return its manifest row fields (status, reason, …)."""
    fetched_at = utc_now()
    if item.missing or item.path is None:
        return {"status": "rejected", "reason": reasons.FILE_NOT_FOUND, "fetched_at": fetched_at,
                "detail": f"no file matches {item.url!r}"}
    size = item.path.stat().st_size
    if size > max_bytes:
        return {"status": "rejected", "reason": reasons.TOO_LARGE, "fetched_at": fetched_at, "bytes": size,
                "detail": f"{size} bytes > cap {max_bytes}"}
    body = item.path.read_bytes()
    kind = document_kind("", body[:2048], item.path.name)
    if kind is None:
        return {"status": "rejected", "reason": reasons.BAD_CONTENT_TYPE, "fetched_at": fetched_at,
                "bytes": len(body), "detail": f"{item.path.name} is not HTML, PDF or text"}
    stat = item.path.stat()
    headers = {"path": item.url, "size": stat.st_size, "mtime": stat.st_mtime, "fetched_at": fetched_at,
               "content_type": CONTENT_TYPE_OF[kind]}
    raw_path = store.save_snapshot(item.doc_id, kind, body, headers)
    return {
        "status": "ok",
        "fetched_at": fetched_at,
        "content_type": CONTENT_TYPE_OF[kind],
        "bytes": len(body),
        "sha256": hashlib.sha256(body).hexdigest(),
        "raw_path": raw_path,
        "final_url": item.url,
    }
