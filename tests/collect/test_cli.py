"""The collect and extract commands: documented options, exit codes, end to end on local files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from civicscope.cli import main


import tests.collect.samples as _S  # noqa: E402

EN = _S.EN
FR = _S.FR
article = _S.article
scanned_pdf = _S.scanned_pdf


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("collect", ["--sources", "--raw-dir", "--allow-private-hosts", "--refresh", "--delay", "--timeout",
                     "--max-bytes", "--user-agent", "--concurrency", "--retries", "--max-redirects", "--shard-size"]),
        ("extract", ["--raw-dir", "--output", "--rejects", "--include-comments", "--no-tables", "--min-words",
                     "--near-duplicates", "--max-pdf-pages", "--shard"]),
        ("dedup", ["--documents", "--shard-rejects", "--output", "--rejects", "--near-duplicates"]),
    ],
)
def test_help_documents_every_option(command: str, options: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    for option in options:
        assert option in text


def test_file_sources_end_to_end(tmp_path: Path) -> None:
    docs = tmp_path / "corpus" / "docs"
    docs.mkdir(parents=True)
    (docs / "fr.html").write_text(article("Accord trouvé", "2022-05-04", FR, "fr"), encoding="utf-8")
    (docs / "en.html").write_text(article("Council vote", "2021-09-10", EN, "en"), encoding="utf-8")
    (docs / "empty.html").write_text("", encoding="utf-8")
    (docs / "scan.pdf").write_bytes(scanned_pdf())
    (docs / "notes.txt").write_text("Titre de la note\n\n" + "\n".join(FR) + "\n", encoding="utf-8")
    sources = tmp_path / "corpus" / "sources.tsv"
    sources.write_text(
        "source_id\tkind\tlocation\tgenre\tpublisher\tactor\tlang\tdate\ttitle\n"
        "pages\tfile\tdocs/*.html\tnews\tLe Journal\t\tfr\t\t\n"
        "scan\tfile\tdocs/scan.pdf\treport\t\t\t\t\t\n"
        "note\tfile\tdocs/notes.txt\tother\t\tcity_x\tfr\t2020-01-02\tNote interne\n"
        "gone\tfile\tdocs/missing.pdf\treport\t\t\t\t\t\n",
        encoding="utf-8",
    )
    raw = tmp_path / "raw"
    assert main(["collect", "--sources", str(sources), "--raw-dir", str(raw), "--no-progress"]) == 0
    manifest = pd.read_csv(raw / "manifest.tsv", sep="\t", dtype=str, keep_default_na=False)
    assert set(manifest["url"]) == {"docs/fr.html", "docs/en.html", "docs/empty.html", "docs/scan.pdf",
                                    "docs/notes.txt", "docs/missing.pdf"}
    assert manifest.set_index("url").loc["docs/missing.pdf", "reason"] == "file_not_found"

    out, rejects = tmp_path / "documents.parquet", tmp_path / "rejects.csv"
    assert main(["extract", "--raw-dir", str(raw), "--output", str(out), "--rejects", str(rejects), "--no-progress"]) == 0
    documents = pd.read_parquet(out).set_index("url")
    assert set(documents.index) == {"docs/fr.html", "docs/en.html", "docs/notes.txt"}
    assert documents.loc["docs/fr.html", "title"] == "Accord trouvé"
    assert documents.loc["docs/fr.html", "publisher"] == "Le Journal"
    assert documents.loc["docs/en.html", "lang"] == "en"
    note = documents.loc["docs/notes.txt"]
    assert (note["title"], note["date"], note["year"], note["actor"]) == ("Note interne", "2020-01-02", 2020, "city_x")
    assert note["text"].startswith("Titre de la note\n\n")
    assert rejects.read_bytes().startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(rejects, encoding="utf-8-sig").set_index("url")
    assert table.loc["docs/empty.html", "reason"] == "empty_text"
    assert table.loc["docs/scan.pdf", "reason"] == "pdf_no_text"
    assert table.loc["docs/missing.pdf", ["stage", "reason"]].tolist() == ["collect", "file_not_found"]

    # a second collection finds everything cached and changes nothing
    before = (raw / "manifest.tsv").read_bytes()
    assert main(["collect", "--sources", str(sources), "--raw-dir", str(raw), "--no-progress"]) == 0
    after = pd.read_csv(raw / "manifest.tsv", sep="\t", dtype=str, keep_default_na=False)
    assert len(after) == len(manifest)
    assert (raw / "manifest.tsv").read_bytes() == before

    # an edited local file is frozen again, in the same shard; the others stay as they were
    (docs / "en.html").write_text(article("Council vote, updated", "2021-09-10", EN, "en"), encoding="utf-8")
    assert main(["collect", "--sources", str(sources), "--raw-dir", str(raw), "--no-progress"]) == 0
    edited = pd.read_csv(raw / "manifest.tsv", sep="\t", dtype=str, keep_default_na=False).set_index("url")
    first = manifest.set_index("url")
    assert edited.loc["docs/en.html", "sha256"] != first.loc["docs/en.html", "sha256"]
    assert edited.loc["docs/en.html", "shard"] == first.loc["docs/en.html", "shard"]
    unchanged = edited.drop(index="docs/en.html")
    assert unchanged.equals(first.drop(index="docs/en.html").loc[unchanged.index])


def test_user_errors_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "s.tsv"
    bad.write_text("source_id\tkind\tlocation\nx\tpodcast\thttps://e.org/\n", encoding="utf-8")
    assert main(["collect", "--sources", str(bad), "--raw-dir", str(tmp_path / "raw")]) == 2
    assert not (tmp_path / "raw").exists()  # nothing done before validation
    assert main(["extract", "--raw-dir", str(tmp_path / "nothing"), "--output", str(tmp_path / "d.parquet")]) == 2
    assert main(["collect", "--sources", str(bad), "--raw-dir", str(tmp_path / "raw"), "--concurrency", "0"]) == 2
