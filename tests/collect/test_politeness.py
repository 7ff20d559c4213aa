"""Politeness, safety and resumption, each against its own local server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from civicscope.collect import FetchPolicy, collect
from civicscope.collect.store import JOURNAL_NAME, read_manifest


import tests.collect.samples as _S  # noqa: E402

FR = _S.FR
REPO = _S.REPO
LocalServer = _S.LocalServer
article = _S.article
write_sources = _S.write_sources

FAST = FetchPolicy(user_agent="civicscope-test/1.0 (+https://example.org/contact)", delay=0.05, read_timeout=1.0,
                   connect_timeout=1.0, retries=1, backoff=0.05, allow_private_hosts=True)


def _pages(server: LocalServer, n: int, prefix: str = "/p") -> list[dict[str, str]]:
    rows = []
    for i in range(n):
        path = f"{prefix}{i:02d}.html"
        server.add(path, article(f"Page {i}", "2021-01-01", FR, "fr"))
        rows.append({"source_id": f"s{i:02d}", "kind": "url", "location": server.base + path})
    return rows


def test_crawl_delay_from_robots_is_respected(server: LocalServer, tmp_path: Path) -> None:
    server.add("/robots.txt", "User-agent: *\nCrawl-delay: 1\n", content_type="text/plain")
    rows = _pages(server, 3)
    collect(write_sources(tmp_path / "s.tsv", rows), tmp_path / "raw", FAST, progress=False)
    times = [h.at for h in server.hits()]
    assert [h.path for h in server.hits()][0] == "/robots.txt" and len(times) == 4
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.95


def test_private_host_refused_without_a_request(server: LocalServer, tmp_path: Path) -> None:
    rows = _pages(server, 1)
    policy = FetchPolicy(delay=0.05, allow_private_hosts=False)
    collect(write_sources(tmp_path / "s.tsv", rows), tmp_path / "raw", policy, progress=False)
    (row,) = read_manifest(tmp_path / "raw" / "manifest.tsv")
    assert row["status"] == "rejected" and row["reason"] == "private_host"
    assert server.hits() == []


def test_unreachable_robots_means_disallow_unless_overridden(server: LocalServer, tmp_path: Path) -> None:
    server.add("/robots.txt", "overloaded", status=503, content_type="text/plain")
    rows = _pages(server, 2)
    rows[1]["robots_override"] = "written permission from the site owner, 2024-05-02"
    collect(write_sources(tmp_path / "s.tsv", rows), tmp_path / "raw", FAST, progress=False)
    manifest = {r["source_id"]: r for r in read_manifest(tmp_path / "raw" / "manifest.tsv")}
    assert manifest["s00"]["reason"] == "robots_disallowed"
    assert manifest["s01"]["status"] == "ok"
    assert manifest["s01"]["robots_override"].startswith("written permission")
    assert len(server.hits("/robots.txt")) == 2  # first try + one retry on 503


def test_feed_failure_recorded_then_cleared(server: LocalServer, tmp_path: Path) -> None:
    sources = write_sources(tmp_path / "s.tsv", [{"source_id": "f", "kind": "feed", "location": server.base + "/feed.xml"}])
    collect(sources, tmp_path / "raw", FAST, progress=False)
    (row,) = read_manifest(tmp_path / "raw" / "manifest.tsv")
    assert (row["kind"], row["reason"]) == ("feed", "http_404")
    server.add("/a.html", article("A", "2021-01-01", FR, "fr"))
    server.add("/feed.xml", f"<rss><channel><item><link>{server.base}/a.html</link></item></channel></rss>",
               content_type="application/rss+xml")
    collect(sources, tmp_path / "raw", FAST, progress=False)
    rows = read_manifest(tmp_path / "raw" / "manifest.tsv")
    assert [(r["kind"], r["status"], r["url"]) for r in rows] == [("feed", "ok", server.base + "/a.html")]


def test_killed_run_resumes_without_duplicates(server: LocalServer, tmp_path: Path) -> None:
    n = 20
    rows = _pages(server, n)
    sources = write_sources(tmp_path / "s.tsv", rows)
    raw = tmp_path / "raw"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "civicscope", "collect", "--sources", str(sources), "--raw-dir", str(raw),
               "--allow-private-hosts", "--delay", "0.15", "--no-progress"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = raw / JOURNAL_NAME
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if journal.exists() and len(journal.read_text(encoding="utf-8").splitlines()) >= 4:
            break
        time.sleep(0.05)
    process.kill()
    process.wait(timeout=10)
    done_before = len(journal.read_text(encoding="utf-8").splitlines())
    assert 4 <= done_before < n, "the run was not interrupted mid-way"

    collect(sources, raw, FAST, progress=False)
    manifest = read_manifest(raw / "manifest.tsv")
    assert len(manifest) == n == len({r["doc_id"] for r in manifest})
    assert all(r["status"] == "ok" and (raw / r["raw_path"]).is_file() for r in manifest)
    assert len(list(raw.glob("*.html"))) == n and not journal.exists()
    per_page = [len(server.hits(f"/p{i:02d}.html")) for i in range(n)]
    assert max(per_page) <= 2 and sum(per_page) <= n + 1  # only the page in flight at the kill is fetched twice
