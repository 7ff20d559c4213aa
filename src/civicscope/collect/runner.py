"""Run a collection: sources → items → snapshots + manifest + WARC."""

from __future__ import annotations

import collections
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from civicscope.collect import reasons
from civicscope.collect.files import collect_file, expand_file_source, file_changed
from civicscope.collect.items import Item
from civicscope.collect.policy import FetchPolicy
from civicscope.collect.sources import read_sources
from civicscope.collect.store import SHARD_SIZE, RawStore
from civicscope.collect.urls import host_of

logger = logging.getLogger(__name__)


@dataclass
class CollectSummary:
    """What a run did: counts of fetched, cached and rejected items (by reason)."""

    fetched: int = 0
    cached: int = 0
    rejected: collections.Counter = field(default_factory=collections.Counter)
    duplicates: int = 0
    kept_rejections: int = 0
    manifest: Path | None = None
    warc: Path | None = None

    def add(self, row: dict[str, Any]) -> None:
        """Count one finished item."""
        if row.get("status") == "ok":
            self.fetched += 1
        else:
            self.rejected[str(row.get("reason") or "unknown")] += 1

    def describe(self) -> str:
        """One-line human summary for the log."""
        rejected = ", ".join(f"{k}={v}" for k, v in sorted(self.rejected.items())) or "none"
        return (
            f"fetched {self.fetched}, cached {self.cached}, rejected {sum(self.rejected.values())} "
            f"({rejected}), earlier permanent rejections kept {self.kept_rejections}, "
            f"duplicate locations skipped {self.duplicates}"
        )


def _progress(total: int, enabled: bool, desc: str) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="doc", mininterval=1.0, disable=not enabled, leave=False)


def _unique(items: Iterable[Item], summary: CollectSummary) -> list[Item]:
    seen: dict[str, Item] = {}
    for item in items:
        if item.doc_id in seen:
            summary.duplicates += 1
            logger.info("%s listed again by %s; kept the first (%s)", item.url, item.source.source_id,
                        seen[item.doc_id].source.source_id)
            continue
        seen[item.doc_id] = item
    return list(seen.values())


def _needs_work(item: Item, store: RawStore, refresh: bool) -> bool:
    if refresh:
        return True
    if store.cached(item.doc_id):
        # a local file edited since it was frozen is frozen again (web pages only with refresh)
        return item.source.kind == "file" and file_changed(item, store.previous(item.doc_id))
    previous = store.previous(item.doc_id)
    # permanent rejections (404, robots, too large…) stay recorded; transient ones are retried
    return previous is None or previous["status"] == "ok" or reasons.is_transient(previous["reason"])


def collect(
    sources_path: str | Path,
    raw_dir: str | Path,
    policy: FetchPolicy | None = None,
    refresh: bool = False,
    progress: bool = True,
    shard_size: int = SHARD_SIZE,
) -> CollectSummary:
    """Collect every source of a sources file into ``raw_dir``.

    Args:
        sources_path: the sources TSV (validated before anything else happens).
        raw_dir: where snapshots, headers, ``manifest.tsv`` and ``warc/`` go.
        policy: politeness and safety settings (defaults are safe for the open web).
        refresh: fetch again items that already have a snapshot.
        progress: show a tqdm progress bar on stderr.
        shard_size: documents per shard for documents seen for the first time (see
            :func:`civicscope.collect.store.assign_shards`).

    Returns:
        The run summary; every item tried has a manifest row (``ok`` or ``rejected``).
    """
    policy = policy or FetchPolicy()
    sources_path = Path(sources_path)
    sources = read_sources(sources_path)
    base_dir = sources_path.resolve().parent
    store = RawStore(raw_dir, shard_size)
    summary = CollectSummary()

    file_items: list[Item] = []
    for source in sources:
        if source.kind == "file":
            file_items.extend(expand_file_source(source, base_dir))
    web_sources = [s for s in sources if s.kind != "file"]

    session = None
    if web_sources:
        from civicscope.collect.session import WebSession

        session = WebSession(policy, Path(raw_dir) / "warc")
        summary.warc = session.warc_path
    try:
        web_items: list[Item] = []
        if session is not None:
            web_items = session.discover(web_sources, store, summary)
        items = _unique([*file_items, *web_items], summary)
        todo = [it for it in items if _needs_work(it, store, refresh)]
        todo_ids = {it.doc_id for it in todo}
        left = [it for it in items if it.doc_id not in todo_ids]
        summary.cached = sum(1 for it in left if store.cached(it.doc_id))
        summary.kept_rejections = len(left) - summary.cached
        bar = _progress(len(todo), progress, "collect")

        lock = threading.Lock()

        def finish(item: Item, outcome: dict[str, Any]) -> None:
            row = item.manifest_row(**outcome)
            store.record(row)
            with lock:
                summary.add(row)
                bar.update(1)

        for item in (it for it in todo if it.source.kind == "file"):
            finish(item, collect_file(item, store, policy.max_bytes))
        web_todo = [it for it in todo if it.source.kind != "file"]
        if web_todo and session is not None:
            _run_by_host(web_todo, lambda it: finish(it, session.fetch_document(it, store)), policy.concurrency)
        bar.close()
    finally:
        if session is not None:
            session.close()
        summary.manifest = store.finalize()
    logger.info("collect: %s", summary.describe())
    return summary


def _run_by_host(items: list[Item], work: Callable[[Item], None], concurrency: int) -> None:
    """Process items host by host: hosts in parallel (bounded), items of one host in sequence."""
    by_host: dict[str, list[Item]] = collections.defaultdict(list)
    for item in items:
        by_host[host_of(item.url)].append(item)

    def run_host(queue: list[Item]) -> None:
        for item in queue:
            work(item)

    if concurrency <= 1 or len(by_host) == 1:
        for queue in by_host.values():
            run_host(queue)
        return
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="collect") as pool:
        for future in [pool.submit(run_host, q) for q in by_host.values()]:
            future.result()
