"""collect.recheck_listings: a new period makes the workflow read feeds again; frozen pages stay frozen."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from tests.collect.samples import FR, LocalServer, article, write_sources
from tests.e2e.conftest import make_workdir, snakemake

pytestmark = pytest.mark.slow

MANIFEST = "corpus/raw/manifest.tsv"


def rss(base: str, paths: list[str]) -> str:
    items = "".join(f"<item><title>{p}</title><link>{base}{p}</link></item>" for p in paths)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title><link>{base}/</link>{items}</channel></rss>'


def set_recheck(workdir: Path, period: str) -> None:
    path = workdir / "config" / "config.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["collect"]["recheck_listings"] = period
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def collected(workdir: Path) -> set[str]:
    manifest = pd.read_csv(workdir / MANIFEST, sep="\t", dtype=str)
    return {url.rsplit("/", 1)[-1] for url in manifest.loc[manifest["status"].eq("ok"), "url"]}


def test_new_period_reads_the_feed_again(tmp_path: Path) -> None:
    server = LocalServer()
    try:
        for name in ("a1.html", "a2.html"):
            server.add(f"/{name}", article(f"Article {name}", "2024-03-01", FR))
        server.add("/feed.rss", rss(server.base, ["/a1.html"]), content_type="application/rss+xml")
        workdir = make_workdir(tmp_path / "work")
        sources = write_sources(workdir / "sources.tsv", [
            {"source_id": "blog", "kind": "feed", "location": server.base + "/feed.rss", "genre": "blog", "lang": "fr"},
        ])
        config_path = workdir / "config" / "config.yaml"
        config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
        config["sources"] = str(sources)
        config["collect"].update({"allow_private_hosts": True, "delay_seconds": 0.1, "recheck_listings": "never"})
        config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")

        first = snakemake(workdir, "--cores", "1", MANIFEST)
        assert first.returncode == 0, first.stderr[-3000:]
        assert collected(workdir) == {"a1.html"}

        server.add("/feed.rss", rss(server.base, ["/a1.html", "/a2.html"]), content_type="application/rss+xml")
        server.reset_log()
        unchanged = snakemake(workdir, "--cores", "1", "--dry-run", MANIFEST)
        assert "Nothing to be done" in unchanged.stdout + unchanged.stderr, "never: no collection without a change"

        set_recheck(workdir, "daily")
        second = snakemake(workdir, "--cores", "1", MANIFEST)
        assert second.returncode == 0, second.stderr[-3000:]
        assert collected(workdir) == {"a1.html", "a2.html"}
        assert server.hits("/feed.rss") and server.hits("/a2.html")
        assert not server.hits("/a1.html"), "a frozen page was fetched again"

        again = snakemake(workdir, "--cores", "1", "--dry-run", MANIFEST)
        assert "Nothing to be done" in again.stdout + again.stderr, "daily: one collection per day"
    finally:
        server.close()
