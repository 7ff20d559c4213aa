"""The bundled demo corpus is complete, consistent with its sources, reproducible and extractable."""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpus" / "demo"
SCRIPT = ROOT / "scripts" / "build_demo_corpus.py"
COLUMNS = ["source_id", "kind", "location", "genre", "publisher", "actor", "lang"]
BAD = {"empty-page", "broken-report", "scanned-report"}


@pytest.fixture(scope="module")
def builder():
    """The build script, imported as a module."""
    spec = importlib.util.spec_from_file_location("build_demo_corpus", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sources(builder):
    return builder.load_sources(DEMO / "src")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert reader.fieldnames == COLUMNS
        return list(reader)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return read_tsv(DEMO / "sources.tsv")


def test_every_source_has_its_files(sources):
    for src in sources:
        assert (DEMO / src.fmt / f"{src.slug}.{src.fmt}").is_file(), src.slug
        for site in src.syndicated:
            assert (DEMO / "html" / f"{src.slug}--{site}.html").is_file(), (src.slug, site)


def test_sources_tsv_lists_every_file_once(rows):
    ids = [r["source_id"] for r in rows]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    for r in rows:
        path = DEMO / r["location"]
        assert path.is_file(), r["location"]
        assert path.stem == r["source_id"]
        assert r["kind"] == "file" and r["actor"] == "" and r["lang"] in {"fr", "en"}
        assert r["genre"] in {"blog", "press_release", "report", "news"} and r["publisher"]
    on_disk = {p.relative_to(DEMO).as_posix() for sub in ("html", "pdf", "bad") for p in (DEMO / sub).iterdir()}
    assert on_disk == {r["location"] for r in rows}
    assert BAD <= set(ids)


def test_corpus_size_languages_formats_and_years(sources, rows):
    good = [r for r in rows if r["source_id"] not in BAD]
    assert len(good) >= 80
    assert len(sources) == sum("--" not in r["source_id"] for r in good)
    share_fr = sum(r["lang"] == "fr" for r in good) / len(good)
    assert 0.5 <= share_fr <= 0.7
    assert sum(r["location"].startswith("pdf/") for r in good) >= 5
    years = [s.date.year for s in sources]
    assert 2010 <= min(years) and max(years) <= 2025 and max(years) - min(years) >= 10
    assert any(s.syndicated for s in sources)


def test_rebuild_is_byte_identical(builder, tmp_path):
    """Building again gives the committed bytes: outputs are deterministic and up to date."""
    assert builder.main(["--src", str(DEMO / "src"), "--out", str(tmp_path),
                         "--templates", str(DEMO / "templates")]) == 0
    built = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert built, "the builder wrote nothing"
    stale = [rel for rel in built
             if not (DEMO / rel).is_file() or (tmp_path / rel).read_bytes() != (DEMO / rel).read_bytes()]
    assert not stale, f"outputs differ from a fresh build; run scripts/build_demo_corpus.py: {stale[:5]}"


def test_pdfs_have_text_and_metadata(sources):
    from pypdf import PdfReader

    pdfs = [s for s in sources if s.fmt == "pdf"]
    for src in pdfs:
        reader = PdfReader(DEMO / "pdf" / f"{src.slug}.pdf")
        text = " ".join(page.extract_text() or "" for page in reader.pages)
        assert len(text) > 500, src.slug
        meta = reader.metadata
        assert meta.title and meta.subject and meta.author
        assert meta["/CreationDate"].startswith("D:" + src.date.strftime("%Y%m%d")), src.slug


def test_bad_pdfs_are_bad():
    from pypdf import PdfReader

    scanned = PdfReader(DEMO / "bad" / "scanned-report.pdf")
    assert len(scanned.pages) == 1
    assert (scanned.pages[0].extract_text() or "").strip() == ""
    assert len(scanned.pages[0].images) == 1
    try:
        broken = PdfReader(io.BytesIO((DEMO / "bad" / "broken-report.pdf").read_bytes()))
        text = " ".join(page.extract_text() or "" for page in broken.pages)
    except Exception:  # pypdf's error type depends on where the file was cut
        text = ""
    assert text.strip() == ""


def test_empty_page_has_no_article_text():
    import trafilatura

    page = (DEMO / "bad" / "empty-page.html").read_bytes()
    assert b'<meta charset="utf-8">' in page and b"cookie" in page
    assert trafilatura.extract(page, include_comments=False, favor_precision=True) is None


def test_extraction_keeps_body_and_drops_furniture(builder, sources):
    """One page per site template: trafilatura returns the body and date, not the banner or comments."""
    import trafilatura
    import yaml

    furniture = yaml.safe_load((DEMO / "templates" / "furniture.yaml").read_text(encoding="utf-8"))
    samples = {}
    for src in sources:
        if src.fmt == "html":
            samples.setdefault(src.site, src)
    assert set(samples) == set(builder.SITES)
    for site, src in sorted(samples.items()):
        page = (DEMO / "html" / f"{src.slug}.html").read_bytes()
        assert page.startswith(b"<!")
        doc = trafilatura.bare_extraction(page, include_comments=False, with_metadata=True).as_dict()
        text = doc["text"]
        body = builder.plain_text(builder.parse_blocks(src.body))
        for paragraph in body.split("\n\n"):
            assert paragraph[:60] in text, (site, paragraph[:60])
        lang = furniture[site][src.lang]
        assert lang["cookie"]["text"] not in text, site
        assert lang["newsletter"]["text"] not in text, site
        for comment in furniture["_lang"][src.lang]["comments"]:
            assert comment not in text, (site, comment)
        assert doc["date"] == src.date.isoformat(), site
        assert doc["title"] == src.title, site


def test_tiny_corpus(builder, rows):
    tiny = read_tsv(DEMO / "sources_tiny.tsv")
    assert 8 <= len(tiny) <= 10
    by_id = {r["source_id"]: r for r in rows}
    assert all(by_id.get(r["source_id"]) == r for r in tiny), "tiny rows must be rows of sources.tsv"
    ids = {r["source_id"] for r in tiny}
    assert {r["lang"] for r in tiny} == {"fr", "en"}
    assert {r["location"].split("/")[0] for r in tiny} >= {"html", "pdf", "bad"}
    assert len(ids & BAD) == 1
    assert any("--" in i and i.split("--")[0] in ids for i in ids), "one syndicated pair"
    src = {s.slug: s for s in builder.load_sources(DEMO / "src")}
    good = [src[i.split("--")[0]] for i in ids - BAD]
    years = [s.date.year for s in good]
    assert max(years) - min(years) >= 2
    texts = [builder.plain_text(builder.parse_blocks(s.body)) for s in good]
    assert any(builder.cue_count(t, builder.CONFRONTATION_CUES) for t in texts)
    assert any(builder.cue_count(t, builder.COOPERATION_CUES) for t in texts)
