"""Charset handling on raw bytes: declared charsets are checked against the bytes."""

from __future__ import annotations

import pytest

from civicscope.extract.decode import EncodingFailure, declared_charsets, decode_bytes, strip_xml_declaration

TEXT = "Le maire a reçu les opérateurs à l'hôtel de ville : « coopération » et 2 000 € d’amende."


def _page(charset_meta: str = "") -> str:
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    return f"<html><head>{meta}<title>Réunion</title></head><body><p>{TEXT}</p></body></html>"


def test_iso_8859_1_from_header() -> None:
    body = _page().replace("€", "EUR").replace("’", "'").replace("«", '"').replace("»", '"').encode("iso-8859-1")
    decoded = decode_bytes(body, "text/html; charset=ISO-8859-1")
    assert "reçu les opérateurs à l'hôtel" in decoded.text
    assert decoded.method == "declared" and decoded.encoding == "cp1252"  # browsers read latin-1 as windows-1252


def test_windows_1252_from_meta() -> None:
    decoded = decode_bytes(_page("windows-1252").encode("cp1252"))
    assert "« coopération » et 2 000 € d’amende" in decoded.text


def test_utf8_bom() -> None:
    decoded = decode_bytes(b"\xef\xbb\xbf" + _page().encode("utf-8"), "text/html; charset=iso-8859-1")
    assert decoded.method == "bom" and TEXT in decoded.text and not decoded.text.startswith("\ufeff")


def test_utf16_bom() -> None:
    assert TEXT in decode_bytes(_page().encode("utf-16")).text


def test_meta_says_latin1_but_bytes_are_utf8() -> None:
    decoded = decode_bytes(_page("iso-8859-1").encode("utf-8"), "text/html; charset=iso-8859-1")
    assert TEXT in decoded.text and "Ã©" not in decoded.text


def test_meta_says_utf8_but_bytes_are_cp1252() -> None:
    decoded = decode_bytes(_page("utf-8").encode("cp1252"), "text/html; charset=utf-8")
    assert "reçu les opérateurs" in decoded.text and "\ufffd" not in decoded.text


def test_declared_charsets_order() -> None:
    body = b'<?xml version="1.0" encoding="UTF-16"?><html><meta charset="latin1">'
    assert declared_charsets(body, "text/html; charset=koi8-r") == ["koi8-r", "utf-16", "cp1252"]
    assert declared_charsets(b'<meta charset="no-such-charset">') == []


def test_undecodable_bytes_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    import charset_normalizer

    class Nothing:
        def best(self):
            return None

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda _b: Nothing())
    with pytest.raises(EncodingFailure):
        decode_bytes(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 100)


def test_strip_xml_declaration() -> None:
    assert strip_xml_declaration('<?xml version="1.0" encoding="iso-8859-1"?>\n<html/>') == "\n<html/>"
