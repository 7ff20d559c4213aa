"""Collect + extract against a real local server full of good pages and faults.

One collection run (module fixture) feeds most assertions; each fault must end as a manifest or
rejects row with the right reason, and the good pages as documents with the right metadata.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from civicscope.collect import FetchPolicy, collect
from civicscope.collect.store import read_manifest
from civicscope.extract import ExtractOptions, PdfOptions, extract


import tests.collect.samples as _S  # noqa: E402

DE = _S.DE
EN = _S.EN
FR = _S.FR
PNG = _S.PNG
SMALL_CAP = _S.SMALL_CAP
Route = _S.Route
LocalServer = _S.LocalServer
article = _S.article
gzip_bomb = _S.gzip_bomb
pdf_bomb = _S.pdf_bomb
pdf_document = _S.pdf_document
scanned_pdf = _S.scanned_pdf
write_sources = _S.write_sources

DELAY = 0.05
POLICY = FetchPolicy(
    user_agent="civicscope-test/1.0 (+https://example.org/contact)",
    delay=DELAY,
    connect_timeout=1.0,
    read_timeout=0.5,
    max_time=5.0,
    retries=2,
    backoff=0.05,
    max_backoff=3.0,
    max_redirects=5,
    max_bytes=SMALL_CAP,
    max_decoded_bytes=SMALL_CAP,
    allow_private_hosts=True,
    concurrency=4,
)
EXTRACT_OPTIONS = ExtractOptions(pdf=PdfOptions(max_stream_bytes=5_000_000))

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Actualités</title><link>{base}/</link>
<item><title>N1</title><link>{base}/news/n1.html</link><pubDate>Thu, 01 Feb 2024 08:00:00 GMT</pubDate></item>
<item><title>N2</title><link>{base}/news/n2.html</link><pubDate>Wed, 01 May 2019 08:00:00 GMT</pubDate></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><link rel="self" href="{base}/atom.xml"/>
<link rel="alternate" href="{base}/"/><updated>2024-03-01T00:00:00Z</updated>
<entry><title>B1</title><link rel="alternate" href="{base}/blog/b1.html"/><published>2024-03-01T10:00:00Z</published></entry>
<entry><title>B2</title><link href="/blog/b2.html"/><updated>2023-01-05T10:00:00Z</updated></entry>
<entry><title>B3</title><link href="{base}/blog/b3.html"/><updated>2022-01-05T10:00:00Z</updated></entry>
</feed>"""
SITEMAP_INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap-posts.xml</loc></sitemap><sitemap><loc>{base}/sitemap-pages.xml</loc></sitemap>
</sitemapindex>"""
SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>"""

ACCORD = FR + [
    "Le protocole prévoit un comité de suivi réunissant chaque trimestre les services techniques, "
    "les opérateurs et des associations d'usagers, avec un rapport public annuel.",
    "En cas de manquement, la métropole pourra suspendre l'autorisation d'occupation du domaine public "
    "accordée à l'opérateur concerné, après une mise en demeure restée sans effet.",
]
BILAN = [
    "Trois ans après l'ouverture du portail, la ville publie plus de deux cents jeux de données, "
    "des horaires des piscines aux comptages de vélos sur les grands axes.",
    "Les réutilisations restent pourtant rares : une poignée d'applications, surtout portées par "
    "des étudiants et des associations de quartier, exploitent ces fichiers.",
]
BROKEN = [
    "Residents packed the town hall meeting to ask why the scooter operator had been allowed to "
    "triple its fleet without any public consultation or safety study.",
    "The transport committee promised a review of the permit next spring and asked the company to "
    "publish monthly figures on accidents and parking complaints.",
]
LATIN = "Le maire a reçu les représentants des opérateurs à l'hôtel de ville ; la réunion a été très animée."


def _sentences(topic: str, n: int = 3) -> list[str]:
    return [f"{topic} — paragraphe {i} : la collectivité et la plateforme ont échangé sur les règles "
            f"de stationnement, les données ouvertes et le calendrier des prochaines étapes." for i in range(n)]


def configure(srv: LocalServer) -> dict[str, dict]:
    """Fill the server; return the expected outcome per path."""
    b = srv.base
    expected: dict[str, dict] = {}
    srv.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")

    def page(path: str, title: str, date: str, paragraphs: list[str], lang: str, **extra) -> None:
        srv.add(path, article(title, date, paragraphs, lang))
        expected[path] = {"status": "ok", "title": title, "date": date, "lang": lang, **extra}

    page("/articles/fr-1.html", "La métropole signe avec les opérateurs", "2023-03-14", FR, "fr")
    page("/articles/en-1.html", "Council bans short-term rentals", "2022-11-02", EN, "en")
    page("/articles/de-1.html", "Stadt und Fahrdienst einigen sich", "2021-06-30", DE, "de")
    # encodings
    latin_page = article("Réunion à l'hôtel de ville", "2020-01-15", [LATIN] * 3, "fr", charset=None)
    srv.add("/enc/latin1.html", latin_page.encode("iso-8859-1"), content_type="text/html; charset=iso-8859-1")
    expected["/enc/latin1.html"] = {"status": "ok", "title": "Réunion à l'hôtel de ville", "lang": "fr", "contains": "représentants"}
    cp_text = "« Nous voulons un dialogue » : la plateforme promet 2 000 € d’investissement et des “données” partagées."
    cp_page = article("Dialogue et données", "2020-02-01", [cp_text] * 3, "fr", charset="windows-1252")
    srv.add("/enc/cp1252.html", cp_page.encode("cp1252"), content_type="text/html")
    expected["/enc/cp1252.html"] = {"status": "ok", "title": "Dialogue et données", "contains": "€ d’investissement et des “données”"}
    bom_page = article("Données ouvertes : le bilan", "2020-03-01", BILAN, "fr", charset=None)
    srv.add("/enc/bom.html", b"\xef\xbb\xbf" + bom_page.encode("utf-8"), content_type="text/html")
    expected["/enc/bom.html"] = {"status": "ok", "title": "Données ouvertes : le bilan", "contains": "jeux de données"}
    lying = article("Une page qui ment sur son encodage", "2020-04-01", [LATIN] * 3, "fr", charset="iso-8859-1")
    srv.add("/enc/lying-meta.html", lying.encode("utf-8"), content_type="text/html")
    expected["/enc/lying-meta.html"] = {"status": "ok", "title": "Une page qui ment sur son encodage", "contains": "reçu les représentants"}
    lying2 = article("Décision du conseil municipal", "2020-05-01", [LATIN] * 3, "fr", charset="utf-8")
    srv.add("/enc/lying-utf8.html", lying2.encode("cp1252"), content_type="text/html; charset=utf-8")
    expected["/enc/lying-utf8.html"] = {"status": "ok", "title": "Décision du conseil municipal", "contains": "hôtel de ville"}
    # broken HTML still has text
    srv.add("/articles/broken.html", "<html><head><title>Page cassée</title><body><div><p>" + "</p><p>".join(BROKEN)
            + "<div><span>unclosed <b>tags</i></td></tr></table></div></div>")
    expected["/articles/broken.html"] = {"status": "ok", "lang": "en", "contains": "triple its fleet"}
    # a future date (scripts, counters) must not become the publication date
    page("/articles/future.html", "Un futur improbable", "2999-01-01", _sentences("Futur"), "fr", future=True)
    # redirect to a good page
    srv.add("/moved.html", "", status=301, headers={"Location": "/articles/fr-2.html"})
    page("/articles/fr-2.html", "Le vélo en libre-service revient", "2023-05-02", _sentences("Vélo"), "fr")
    expected["/moved.html"] = {**expected.pop("/articles/fr-2.html"), "final": "/articles/fr-2.html"}
    # PDFs
    report = pdf_document([[f"Rapport sur les mobilités partagées, ligne {i} du chapitre {p}." for i in range(15)]
                           for p in range(2)], title="Rapport mobilités 2023", author="Ville de Lyon")
    srv.add("/docs/report.pdf", report, content_type="application/pdf")
    expected["/docs/report.pdf"] = {"status": "ok", "title": "Rapport mobilités 2023", "lang": "fr"}
    srv.add("/docs/broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", content_type="application/pdf")
    expected["/docs/broken.pdf"] = {"status": "extract", "reason": "pdf_broken"}
    srv.add("/docs/scan.pdf", scanned_pdf(), content_type="application/pdf")
    expected["/docs/scan.pdf"] = {"status": "extract", "reason": "pdf_no_text"}
    srv.add("/docs/bomb.pdf", pdf_bomb(60_000_000), content_type="application/pdf")
    expected["/docs/bomb.pdf"] = {"status": "extract", "reason": "decompression_bomb"}
    srv.add("/empty.html", "")
    expected["/empty.html"] = {"status": "extract", "reason": "empty_text"}
    # faults at collection
    srv.add("/private/secret.html", article("Secret", "2020-01-01", FR, "fr"))
    expected["/private/secret.html"] = {"status": "rejected", "reason": "robots_disallowed"}
    expected["/missing.html"] = {"status": "rejected", "reason": "http_404"}
    srv.add_sequence("/flaky.html", [Route(500, {"Content-Type": "text/html"}, b"oops"),
                                     Route(200, {"Content-Type": "text/html; charset=utf-8"},
                                           article("Réessayer paie", "2022-02-02", _sentences("Retry"), "fr").encode())])
    expected["/flaky.html"] = {"status": "ok", "title": "Réessayer paie", "date": "2022-02-02"}
    srv.add("/down.html", "down", status=500)
    expected["/down.html"] = {"status": "rejected", "reason": "http_5xx_after_retries"}
    srv.add_sequence("/busy.html", [Route(429, {"Content-Type": "text/plain", "Retry-After": "1"}, b"slow down"),
                                    Route(200, {"Content-Type": "text/html; charset=utf-8"},
                                          article("Patience", "2022-03-03", _sentences("Patience"), "fr").encode())])
    expected["/busy.html"] = {"status": "ok", "title": "Patience"}
    srv.add("/slow.html", article("Lent", "2020-01-01", FR, "fr"), sleep=1.5)
    expected["/slow.html"] = {"status": "rejected", "reason": "timeout"}
    srv.add("/loop-a", "", status=302, headers={"Location": "/loop-b"})
    srv.add("/loop-b", "", status=302, headers={"Location": f"{b}/loop-a"})
    expected["/loop-a"] = {"status": "rejected", "reason": "redirect_loop"}
    srv.add("/huge.html", "<html><body>" + "<p>trop long</p>" * 30_000 + "</body></html>")
    expected["/huge.html"] = {"status": "rejected", "reason": "too_large"}
    srv.add("/bomb.html", gzip_bomb(), headers={"Content-Encoding": "gzip"})
    expected["/bomb.html"] = {"status": "rejected", "reason": "decompression_bomb"}
    srv.add("/photo.html", PNG, content_type="image/png")
    expected["/photo.html"] = {"status": "rejected", "reason": "bad_content_type"}
    srv.add("/disguised.html", PNG, content_type="text/html")
    expected["/disguised.html"] = {"status": "rejected", "reason": "bad_content_type"}
    # feeds and sitemaps
    srv.add("/feed.rss", RSS.format(base=b), content_type="application/rss+xml")
    page("/news/n1.html", "Accord sur les données de trajets", "2024-02-01", ACCORD, "fr")
    srv.add("/news/n2.html", article("Ancien", "2019-05-01", FR, "fr"))  # filtered out by date_from
    srv.add("/atom.xml", ATOM.format(base=b), content_type="application/atom+xml")
    page("/blog/b1.html", "Billet un", "2024-03-01", _sentences("Billet un"), "fr")
    page("/blog/b2.html", "Billet deux", "2023-01-05", _sentences("Billet deux"), "fr")
    srv.add("/blog/b3.html", article("Billet trois", "2022-01-05", FR, "fr"))  # beyond max_docs
    srv.add("/sitemap_index.xml", SITEMAP_INDEX.format(base=b), content_type="application/xml")
    urls = lambda paths: "".join(f"<url><loc>{b}{p}</loc><lastmod>2023-06-0{i + 1}</lastmod></url>"  # noqa: E731
                                 for i, p in enumerate(paths))
    srv.add("/sitemap-posts.xml", SITEMAP.format(urls=urls(["/pages/p1.html", "/pages/p2.html"])), content_type="application/xml")
    srv.add("/sitemap-pages.xml", SITEMAP.format(urls=urls(["/pages/p3.html", "/pages/about.html"])), content_type="text/xml")
    for i in (1, 2, 3):
        page(f"/pages/p{i}.html", f"Page {i} du plan", f"2023-06-0{i}", _sentences(f"Sujet {i}"), "fr")
    srv.add("/pages/about.html", article("À propos", "2020-01-01", FR, "fr"))  # excluded by url_pattern
    # syndication: an exact copy and a near copy of n1
    copy_text = ACCORD
    page("/syndic/copy.html", "Accord sur les données de trajets (repris)", "2024-02-03", copy_text, "fr", dup="/news/n1.html")
    page("/syndic/near.html", "Accord : la reprise", "2024-02-04",
         copy_text + ["Ce texte a été repris d'un communiqué de la métropole."], "fr", dup="/news/n1.html")
    return expected


URL_ROWS = [
    "/articles/fr-1.html", "/articles/en-1.html", "/articles/de-1.html", "/enc/latin1.html", "/enc/cp1252.html",
    "/enc/bom.html", "/enc/lying-meta.html", "/enc/lying-utf8.html", "/articles/broken.html", "/articles/future.html",
    "/moved.html", "/docs/report.pdf", "/docs/broken.pdf", "/docs/scan.pdf", "/docs/bomb.pdf", "/empty.html",
    "/private/secret.html", "/missing.html", "/flaky.html", "/down.html", "/busy.html", "/slow.html", "/loop-a",
    "/huge.html", "/bomb.html", "/photo.html", "/disguised.html", "/syndic/copy.html", "/syndic/near.html",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    """Server + one full collect/extract run; yields everything the tests look at."""
    srv = LocalServer()
    expected = configure(srv)
    work = tmp_path_factory.mktemp("fault")
    rows = [{"source_id": f"u{i:02d}", "kind": "url", "location": srv.base + path, "genre": "news"}
            for i, path in enumerate(URL_ROWS)]
    rows += [
        {"source_id": "ftp", "kind": "url", "location": "ftp://127.0.0.1/file.html"},
        {"source_id": "rss", "kind": "feed", "location": srv.base + "/feed.rss", "date_from": "2020-01-01"},
        {"source_id": "atom", "kind": "feed", "location": srv.base + "/atom.xml", "max_docs": "2"},
        {"source_id": "map", "kind": "sitemap", "location": srv.base + "/sitemap_index.xml", "url_pattern": r"/pages/p\d"},
    ]
    sources = write_sources(work / "sources.tsv", rows)
    raw = work / "raw"
    summary = collect(sources, raw, POLICY, progress=False)
    first_log = srv.hits()
    docs_path, rejects_path = work / "documents.parquet", work / "rejects.csv"
    extract(raw, docs_path, rejects_path, EXTRACT_OPTIONS, progress=False)
    manifest = {urlpath(r["url"], srv.base): r for r in read_manifest(raw / "manifest.tsv")}
    documents = pd.read_parquet(docs_path)
    documents["path"] = [urlpath(u, srv.base) for u in documents["url"]]
    rejects = pd.read_csv(rejects_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    rejects["path"] = [urlpath(u, srv.base) for u in rejects["url"]]
    yield {"server": srv, "expected": expected, "summary": summary, "manifest": manifest, "raw": raw,
           "documents": documents.set_index("path"), "rejects": rejects.set_index("path"), "first_log": first_log,
           "sources": sources, "work": work}
    srv.close()


def urlpath(url: str, base: str) -> str:
    return url[len(base):] if url.startswith(base) else url


def test_every_item_has_one_manifest_row(site) -> None:
    manifest = site["manifest"]
    doc_ids = [r["doc_id"] for r in manifest.values()]
    assert len(doc_ids) == len(set(doc_ids))
    assert set(site["expected"]) - {"/news/n2.html"} <= set(manifest)
    assert "/news/n2.html" not in manifest  # date filter
    assert "/blog/b3.html" not in manifest  # max_docs
    assert "/pages/about.html" not in manifest  # url_pattern
    assert manifest["ftp://127.0.0.1/file.html"]["reason"] == "scheme_not_allowed"


@pytest.mark.parametrize("path", sorted(URL_ROWS))
def test_outcome_per_item(site, path: str) -> None:
    expected = site["expected"][path]
    row = site["manifest"][path]
    documents, rejects = site["documents"], site["rejects"]
    if expected["status"] == "rejected":
        assert row["status"] == "rejected", row
        assert row["reason"] == expected["reason"], row
        assert rejects.loc[path, "stage"] == "collect"
        assert rejects.loc[path, "reason"] == expected["reason"]
        return
    assert row["status"] == "ok", row
    assert (site["raw"] / row["raw_path"]).is_file()
    if expected["status"] == "extract":
        assert path not in documents.index
        assert rejects.loc[path, "stage"] == "extract"
        assert rejects.loc[path, "reason"] == expected["reason"], rejects.loc[path].to_dict()
        return
    doc = documents.loc[path]
    if "title" in expected:
        assert doc["title"] == expected["title"]
    if expected.get("future"):
        assert pd.isna(doc["date"]) or doc["date"] <= dt.date.today().isoformat()
    elif "date" in expected:
        assert doc["date"] == expected["date"]
        assert doc["year"] == int(expected["date"][:4])
    if "lang" in expected:
        assert doc["lang"] == expected["lang"]
    if "contains" in expected:
        assert expected["contains"] in doc["text"], doc["text"][:300]
    assert "Mentions légales" not in doc["text"]
    if "final" in expected:
        assert row["final_url"].endswith(expected["final"])


def test_discovered_pages_extracted(site) -> None:
    documents = site["documents"]
    for path in ("/news/n1.html", "/blog/b1.html", "/blog/b2.html", "/pages/p1.html", "/pages/p2.html", "/pages/p3.html"):
        expected = site["expected"][path]
        assert documents.loc[path, "title"] == expected["title"]
        assert documents.loc[path, "date"] == expected["date"]
        assert site["manifest"][path]["source_id"] in {"rss", "atom", "map"}


def test_duplicates_marked(site) -> None:
    documents = site["documents"]
    original = documents.loc["/news/n1.html"]
    assert pd.isna(original["dup_of"])
    assert documents.loc["/syndic/copy.html", "dup_of"] == original["doc_id"]
    assert documents.loc["/syndic/near.html", "dup_of"] == original["doc_id"]
    duplicate_rejects = site["rejects"][site["rejects"]["reason"] == "duplicate"]
    assert {"/syndic/copy.html", "/syndic/near.html"} <= set(duplicate_rejects.index)
    flagged = set(documents.index[documents["dup_of"].notna()])
    # the three pages built from the same Latin-1 paragraph are near duplicates too, rightly
    assert flagged - {"/enc/latin1.html", "/enc/lying-meta.html", "/enc/lying-utf8.html"} == {
        "/syndic/copy.html", "/syndic/near.html"}


def test_documents_contract(site) -> None:
    documents = site["documents"]
    assert list(documents.columns[:-0 or None]) == [
        "doc_id", "source_id", "url", "title", "author", "date", "year", "sitename", "genre", "publisher",
        "actor", "lang", "text", "n_words", "sha256", "dup_of"]
    for text in documents["text"]:
        assert "\n\n" in text or len(text.split("\n")) == 1
        assert "\n\n\n" not in text
    assert list(documents["doc_id"]) == sorted(documents["doc_id"])


def test_politeness_on_the_wire(site) -> None:
    log = site["first_log"]
    assert all(h.user_agent == POLICY.user_agent for h in log)
    gaps = [b.at - a.at for a, b in zip(log, log[1:])]
    assert min(gaps) >= DELAY * 0.9, "two requests to one host closer than the delay"
    assert sum(1 for h in log if h.path == "/robots.txt") == 1
    assert not [h for h in log if h.path.startswith("/private/")]
    busy = [h.at for h in log if h.path == "/busy.html"]
    assert len(busy) == 2 and busy[1] - busy[0] >= 0.95, "Retry-After not honoured"
    assert len([h for h in log if h.path == "/down.html"]) == POLICY.retries + 1
    assert len([h for h in log if h.path == "/flaky.html"]) == 2


def test_warc_written(site) -> None:
    from warcio.archiveiterator import ArchiveIterator

    warcs = list((site["raw"] / "warc").glob("*.warc.gz"))
    assert len(warcs) == 1
    uris = set()
    with open(warcs[0], "rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type == "response":
                uris.add(urlpath(record.rec_headers.get_header("WARC-Target-URI"), site["server"].base))
                record.content_stream().read()
    assert {"/articles/fr-1.html", "/feed.rss", "/robots.txt", "/docs/report.pdf"} <= uris


def test_summary_and_headers(site) -> None:
    summary = site["summary"]
    assert summary.rejected["robots_disallowed"] == 1
    assert summary.rejected["timeout"] == 1
    import json

    row = site["manifest"]["/articles/fr-1.html"]
    headers = json.loads((site["raw"] / f"{row['doc_id']}.headers.json").read_text())
    assert headers["status"] == 200 and headers["final_url"].endswith("/articles/fr-1.html")


def test_second_run_uses_the_cache(site) -> None:
    srv: LocalServer = site["server"]
    srv.reset_log()
    summary = collect(site["sources"], site["raw"], POLICY, progress=False)
    cached_paths = {p for p, r in site["manifest"].items() if r["status"] == "ok"}
    permanent = {p for p, r in site["manifest"].items() if r["status"] == "rejected" and r["reason"] not in
                 ("timeout", "http_5xx_after_retries", "connection_error", "http_429")}
    second = {h.path for h in srv.hits()}
    assert not (second & cached_paths), f"cached items fetched again: {second & cached_paths}"
    assert not (second & permanent)
    assert summary.cached >= len(cached_paths)
    again = read_manifest(site["raw"] / "manifest.tsv")
    assert len(again) == len({r["doc_id"] for r in again}) == len(site["manifest"])
