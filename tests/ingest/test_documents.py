"""Reading sources: text, HTML, feeds, encodings, and every kind of bad input, each with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from allyplan.ingest.documents import Document, DocumentError, read_bytes, read_source

from .conftest import DEV

ARTICLE = "<p>Germany will send two more IRIS-T SLM systems to Ukraine, Berlin said on Monday.</p>"


def body(d: Document) -> str:
    return d.body_text


def test_html_body_and_boilerplate() -> None:
    [d] = read_source(str(DEV / "en-uk-reannounce.html"))
    assert d.form == "html" and d.title == "UK confirms air defence support for Ukraine"
    assert d.published == "2025-03-12"
    assert "Storm Shadow" in body(d) and "Subscribe" not in body(d) and "Cookie" not in body(d)
    kinds = [b.text for b in d.boilerplate]
    assert any("Home" in t for t in kinds) and any("Sign up" in t for t in kinds) and any("©" in t for t in kinds)
    for b in d.boilerplate:
        assert d.text[b.start:b.end] == b.text


def test_text_newsletter_call_to_action_is_boilerplate() -> None:
    [d] = read_source(str(DEV / "seed-fr-nato-air-defence.txt"))
    assert "Abonnez-vous" not in body(d) and "Subscribe to the EurasiaFocus" not in body(d)
    assert len(d.boilerplate) == 3 and "Stoltenberg" in body(d)


def test_scripts_are_dropped_and_a_script_only_page_is_an_error() -> None:
    page = f"<html><head><script>var x = '<p>Germany will send Taurus</p>';</script></head><body>{ARTICLE}" \
           "<script>document.write('Germany ruled out Patriot')</script></body></html>"
    [d] = read_bytes(page.encode(), "page.html")
    assert "IRIS-T" in d.text and "Taurus" not in d.text and "ruled out" not in d.text
    only = "<html><body>" + "<script>render({text: 'Germany pledges'})</script>" * 50 + "</body></html>"
    with pytest.raises(DocumentError, match=r"no readable text .*50 scripts"):
        read_bytes(only.encode(), "app.html")


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"), (b"   \n\t  ", "empty"), (b"%PDF-1.7 ...", "PDF file"), (b"\x89PNG\r\n\x1a\n....", "PNG"),
    (b"ab\x00\x00cd" * 100, "binary"),
])
def test_bad_bytes(data: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message) as e:
        read_bytes(data, "in.txt")
    assert e.value.source == "in.txt"


def test_encodings() -> None:
    latin = "L'Allemagne livrera deux systèmes IRIS-T à l'Ukraine, a annoncé le ministère.".encode("cp1252")
    assert "systèmes" in read_bytes(latin, "a.txt")[0].text
    utf16 = "Німеччина передасть Україні IRIS-T.".encode("utf-16")
    assert "Німеччина" in read_bytes(utf16, "b.txt")[0].text
    declared = '<html><head><meta charset="windows-1251"></head><body><p>Україна отримала NASAMS.</p></body></html>'
    assert "Україна" in read_bytes(declared.encode("cp1251"), "c.html")[0].text


def test_unknown_encoding() -> None:
    noise = bytes(range(128, 256)) * 40
    with pytest.raises(DocumentError, match=r"encoding could not be recognised|binary"):
        read_bytes(noise, "noise.txt")


def test_a_100_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(100_000_000)  # sparse: the check must come from its size, not from reading it
    with pytest.raises(DocumentError, match=r"100\.0 MB, over the 10\.0 MB limit.*--max-size"):
        read_source(str(big))


def test_missing_file_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"no such file"):
        read_source(str(tmp_path / "nope.txt"))
    with pytest.raises(DocumentError, match=r"no .txt"):
        read_source(str(tmp_path))


RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Defence wire</title>
<item><title>Norway pledges NASAMS</title><link>https://example.org/a</link>
<pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Norway will provide two NASAMS fire units to Ukraine.&lt;/p&gt;</description></item>
<item><title>Sweden delivers</title><link>https://example.org/b</link>
<description>Sweden has delivered 3 NASAMS launchers.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Italy and SAMP/T</title><link href="https://example.org/c"/><updated>2025-05-02T00:00:00Z</updated>
<content type="html">&lt;p&gt;Italy is considering a second SAMP/T battery.&lt;/p&gt;</content></entry></feed>"""


def test_feeds_give_one_document_per_entry() -> None:
    docs = read_bytes(RSS, "feed.xml")
    assert [(d.url, d.published, d.form) for d in docs] == [("https://example.org/a", "2025-03-04", "feed"),
                                                             ("https://example.org/b", None, "feed")]
    assert "two NASAMS" in docs[0].text and docs[0].title == "Norway pledges NASAMS"
    [a] = read_bytes(ATOM, "atom.xml")
    assert a.url == "https://example.org/c" and a.published == "2025-05-02" and "SAMP/T" in a.text


def test_same_text_same_hash() -> None:
    a = read_bytes(b"Norway will provide NASAMS.", "a.txt")[0]
    b = read_bytes(b"Norway will provide NASAMS.", "b.txt")[0]
    assert a.sha256 == b.sha256
