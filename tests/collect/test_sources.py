"""sources.tsv validation: every problem named by line and column, before any work."""

from __future__ import annotations

from pathlib import Path

import pytest

from civicscope.cli import UserError
from civicscope.collect.sources import read_sources

REPO = Path(__file__).resolve().parents[2]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_rows(tmp_path: Path) -> None:
    path = _write(tmp_path, "source_id\tkind\tlocation\tgenre\tmax_docs\tdate_from\tnote\n"
                            "a\turl\thttps://example.org/a\tnews\t\t\tfirst\n"
                            "b\tfeed\thttps://example.org/feed\t\t5\t2020-01-01\t\n"
                            "\n"
                            "c\tfile\tdocs/*.html\treport\t\t\t\n")
    sources = read_sources(path)
    assert [s.source_id for s in sources] == ["a", "b", "c"]
    assert sources[1].max_docs == 5 and sources[1].date_from == "2020-01-01"
    assert sources[0].max_docs is None and sources[2].line == 5


def test_bom_accepted(tmp_path: Path) -> None:
    path = tmp_path / "s.tsv"
    path.write_bytes("source_id\tkind\tlocation\na\turl\thttps://example.org/\n".encode("utf-8-sig"))
    assert read_sources(path)[0].source_id == "a"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("x\trss\thttps://example.org/\t", "line 2 (source_id 'x'), column 'kind'"),
        ("x\turl\t\t", "column 'location'"),
        ("x\turl\thttps://e.org/\tblog post", "column 'genre'"),
        ("x\tfeed\thttps://e.org/\tnews\t0", "column 'max_docs'"),
        ("x\tfeed\thttps://e.org/\tnews\t\t2020-13-01", "column 'date_from'"),
        ("x\tfeed\thttps://e.org/\tnews\t\t2020-02-30", "not a real date"),
        ("x\tfeed\thttps://e.org/\tnews\t\t\t([a-z", "column 'url_pattern'"),
        ("bad id\turl\thttps://e.org/\t", "column 'source_id'"),
    ],
)
def test_problems_name_line_and_column(tmp_path: Path, row: str, expected: str) -> None:
    path = _write(tmp_path, "source_id\tkind\tlocation\tgenre\tmax_docs\tdate_from\turl_pattern\n" + row + "\n")
    with pytest.raises(UserError) as info:
        read_sources(path)
    assert expected in str(info.value)


def test_unknown_column_and_duplicates_all_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, "source_id\tkind\tlocation\turl_patern\n"
                            "a\turl\thttps://e.org/\tx\n"
                            "b\turl\thttps://e.org/b\t\n"
                            "b\turl\thttps://e.org/c\t\n")
    with pytest.raises(UserError) as info:
        read_sources(path)
    message = str(info.value)
    assert "unknown column" in message and "url_patern" in message
    assert "line 4" in message and "already used on line 3" in message


def test_date_range_order(tmp_path: Path) -> None:
    path = _write(tmp_path, "source_id\tkind\tlocation\tdate_from\tdate_to\nx\tfeed\thttps://e.org/\t2021-01-01\t2020-01-01\n")
    with pytest.raises(UserError, match="date_from is after date_to"):
        read_sources(path)


def test_missing_file_and_header(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="not found"):
        read_sources(tmp_path / "nope.tsv")
    with pytest.raises(UserError, match="header"):
        read_sources(_write(tmp_path, "a,b,c\n1,2,3\n"))


def test_workflow_schema_is_the_package_schema() -> None:
    packaged = REPO / "src" / "civicscope" / "collect" / "sources.schema.yaml"
    workflow = REPO / "workflow" / "schemas" / "sources.schema.yaml"
    assert workflow.read_text(encoding="utf-8") == packaged.read_text(encoding="utf-8")


def test_filters() -> None:
    from civicscope.collect.sources import Source

    source = Source("s", "feed", "https://e.org/", 2, url_pattern=r"/news/", date_from="2020-01-01", date_to="2020-12-31")
    assert source.matches("https://e.org/news/a") and not source.matches("https://e.org/blog/a")
    assert source.in_date_range("2020-06-01") and source.in_date_range(None)
    assert not source.in_date_range("2019-12-31") and not source.in_date_range("2021-01-01")
