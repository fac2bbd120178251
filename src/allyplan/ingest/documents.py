"""Read what a user hands to ``allyplan ingest``: files, folders, URLs, standard input; plain text, HTML pages and
RSS/Atom feeds, in any encoding, into :class:`Document` objects.

A document's ``text`` is every readable block of it in reading order (paragraphs separated by blank lines); its
``body`` spans are the article, its ``boilerplate`` spans the rest (navigation, promotions, newsletter calls to
action, footers). HTML bodies are found by trafilatura; blocks it leaves out, and calls to action anywhere, are
boilerplate. Anything that cannot be read raises :class:`DocumentError` with the reason and what to do.

>>> [d.title for d in read_bytes(b"Germany pledges IRIS-T\\n\\nBerlin - ...", "note.txt")]
['Germany pledges IRIS-T']
"""

from __future__ import annotations

import codecs
import hashlib
import re
import sys
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from allyplan.ingest.fetch import FetchError, fetch
from allyplan.ingest.records import Span
from allyplan.ingest.text import fold

__all__ = ["Document", "DocumentError", "read_source", "read_bytes", "expand_sources", "DEFAULT_MAX_BYTES",
           "FILE_SUFFIXES"]

#: The largest input read (a file, a download): 10 MB is hundreds of articles; a feed of a year fits.
DEFAULT_MAX_BYTES = 10_000_000
#: Files a folder is searched for.
FILE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom")

_MAGIC = {b"%PDF": "a PDF file", b"PK\x03\x04": "a ZIP archive (or a Word/Excel/OpenDocument file)",
          b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
          b"\x1f\x8b": "a gzip archive", b"\xd0\xcf\x11\xe0": "an old Microsoft Office file"}
_CTA = re.compile(
    r"\b(?:subscribe|sign up|newsletter|abonnez[- ]vous|abonnez|s'abonner|abonnieren|abonnement|підпишіться|"
    r"підписуйтесь|inscrivez[- ]vous|follow us|suivez[- ]nous|folgen sie uns|share this|cookies?|"
    r"all rights reserved|tous droits réservés|alle rechte vorbehalten|did you find this article|"
    r"avez[- ]vous trouvé cet article|read more|lire aussi|lesen sie auch|читайте також|advertisement|"
    r"publicité|anzeige|suscríbete|iscriviti|zapisz się|exclusive insights|never miss)\b", re.UNICODE)
_LINE = re.compile(r"[^\n]*\S[^\n]*")  # a line with something on it
_URL = re.compile(r"https?://\S+|\bbit\.ly/\S+|www\.\S+")
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "figcaption", "dt",
               "dd", "caption", "summary", "address")
_CONTAINERS = ("div", "section", "article", "main", "aside", "nav", "footer", "header", "body", "span", "a", "form",
               "ul", "ol", "table", "figure", "center", "font")
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "head",
              "button", "select", "input", "textarea", "math")


class DocumentError(Exception):
    """A source that could not be read, with the reason and what to do."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


@dataclass
class Document:
    """One text to extract from: an article, a page, a feed entry."""

    source: str
    text: str
    body: list[tuple[int, int]]
    boilerplate: list[Span] = field(default_factory=list)
    title: str | None = None
    published: str | None = None
    url: str | None = None
    form: str = "text"  # text, html, feed

    @property
    def sha256(self) -> str:
        """The hash of the extracted text: the same article read twice has the same hash."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def body_text(self) -> str:
        return "\n\n".join(self.text[a:b] for a, b in self.body)


def expand_sources(sources: list[str]) -> Iterator[str]:
    """Sources as given, with each folder replaced by the readable files in it (sorted)."""
    for s in sources:
        p = Path(s)
        if not _is_url(s) and s != "-" and p.is_dir():
            found = sorted(str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in FILE_SUFFIXES)
            if not found:
                yield s  # reported as a folder with nothing to read
            yield from found
        else:
            yield s


def read_source(source: str, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = 20.0) -> list[Document]:
    """The documents of a path, an http(s) URL or ``-`` (standard input)."""
    content_type = None
    url = None
    if _is_url(source):
        try:
            got = fetch(source, timeout=timeout, max_bytes=max_bytes)
        except FetchError as e:
            raise DocumentError(source, str(e)) from None
        data, content_type, url = got.data, got.content_type, got.url
    elif source == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise DocumentError(source, f"standard input is over the {_mb(max_bytes)} limit; raise --max-size")
    else:
        p = Path(source)
        if p.is_dir():
            raise DocumentError(source, f"the folder has no {', '.join(FILE_SUFFIXES)} files")
        if not p.exists():
            raise DocumentError(source, "no such file or folder (or not an http(s) URL); check the path")
        size = p.stat().st_size
        if size > max_bytes:
            raise DocumentError(source, f"the file is {_mb(size)}, over the {_mb(max_bytes)} limit: split it, or "
                                        f"raise the limit with --max-size")
        try:
            data = p.read_bytes()
        except OSError as e:
            raise DocumentError(source, f"cannot be read ({e.strerror}); check its permissions") from None
    return read_bytes(data, source, content_type=content_type, url=url)


def read_bytes(data: bytes, source: str, content_type: str | None = None, url: str | None = None) -> list[Document]:
    """The documents in ``data`` (text, HTML or a feed), decoded and split into body and boilerplate."""
    if not data.strip():
        raise DocumentError(source, "it is empty: there is nothing to read")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise DocumentError(source, f"this is {what}, not text: ingest reads plain text, HTML and RSS/Atom "
                                        f"feeds; extract its text first (for a PDF, pdftotext)")
    text = _decode(data, source, content_type)
    head = text[:2048].lstrip().lower()
    if _is_feed(head):
        return _read_feed(data, source)
    if _is_html(head, content_type):
        return [_read_html(text, source, url)]
    return [_read_text(text, source, url)]


# -- decoding --------------------------------------------------------------------------------------------------------
def _decode(data: bytes, source: str, content_type: str | None) -> str:
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
                     (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32")):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                break
    sample = data[:8192]
    if sample.count(b"\x00") > len(sample) // 100:
        raise DocumentError(source, "this is a binary file (it holds NUL bytes), not text: ingest reads plain "
                                    "text, HTML and RSS/Atom feeds")
    declared = _declared_charset(data[:4096], content_type)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.chaos > 0.3:
        raise DocumentError(source, "its encoding could not be recognised (it is not UTF-8 and no other encoding "
                                    "reads it cleanly): save it as UTF-8 and try again")
    try:
        return data.decode(best.encoding)
    except (LookupError, UnicodeDecodeError):
        raise DocumentError(source, f"it does not decode as {best.encoding}, its likeliest encoding: save it as "
                                    f"UTF-8 and try again") from None


def _declared_charset(head: bytes, content_type: str | None) -> str | None:
    for hay in (content_type or "", head.decode("ascii", "ignore")):
        m = re.search(r"charset=[\"']?([\w-]+)", hay, re.IGNORECASE)
        if m:
            return m.group(1)
    return None


def _is_feed(head: str) -> bool:
    return ("<rss" in head or "<feed" in head or "<rdf:rdf" in head) and "<html" not in head[:300]


def _is_html(head: str, content_type: str | None) -> bool:
    if content_type and "html" in content_type.lower():
        return True
    return bool(re.search(r"<!doctype html|<html[\s>]|<body[\s>]|<(?:p|div|article|h1|br)[\s/>]", head))


# -- plain text ------------------------------------------------------------------------------------------------------
def _read_text(text: str, source: str, url: str | None) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [m.span() for m in _LINE.finditer(text)]
    if not blocks:
        raise DocumentError(source, "it holds only white space: there is nothing to read")
    body, boiler = _split_cta(text, blocks)
    if not body:
        raise DocumentError(source, "it holds only boilerplate (calls to subscribe, cookie notices): no article text")
    first = text[body[0][0]:body[0][1]].split("\n")[0].strip()
    return Document(source, text, _merge(body, text), boiler, title=first[:200] or None, url=url, form="text")


def _split_cta(text: str, blocks: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[Span]]:
    """Blocks that call to subscribe, share, accept cookies (short, or with a link) are boilerplate."""
    body: list[tuple[int, int]] = []
    boiler: list[Span] = []
    calls = [m.start() for m in _CTA.finditer(fold(text))]  # one pass over the folded text, not one per block
    for a, b in blocks:
        chunk = text[a:b]
        i = bisect_left(calls, a)
        if i < len(calls) and calls[i] < b and (len(chunk) <= 300 or _URL.search(chunk)):
            boiler.append(Span(a, b, chunk))
        else:
            body.append((a, b))
    return body, boiler


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Join body spans that only white space separates."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and not text[out[-1][1]:a].strip():
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


# -- HTML ------------------------------------------------------------------------------------------------------------
def _read_html(html: str, source: str, url: str | None, fragment: bool = False) -> Document:
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html) if not fragment else lxml.html.fragment_fromstring(
            html, create_parent="div")
    except (ValueError, lxml.etree.ParserError) as e:
        raise DocumentError(source, f"the HTML could not be parsed ({e}); save the page's text instead") from None
    scripts = len(root.findall(".//script"))
    title_el = root.find(".//title")
    page_title = title_el.text_content().strip() if title_el is not None else None
    for el in list(root.iter(*_DROP_TAGS)):  # a list: dropping while iterating would skip elements
        if el.getparent() is not None:
            el.drop_tree()
    blocks = _html_blocks(root)
    if not blocks:
        what = f" (it holds {scripts} script{'s' * (scripts != 1)} and no text outside them)" if scripts else ""
        raise DocumentError(source, f"the page has no readable text{what}: if it builds its text with "
                                    f"JavaScript, save the rendered page and ingest that")
    parts: list[str] = []
    spans: list[tuple[int, int, bool]] = []
    pos = 0
    kept, published, meta_title = _trafilatura(html) if not fragment else (None, None, None)
    for text, in_article, chrome in blocks:
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(text)
        norm = _norm(text)
        if kept is None:
            is_body = not chrome
        else:
            is_body = (norm in kept or any(norm in k for k in kept if len(norm) > 40)) or (in_article and not chrome)
        spans.append((pos, pos + len(text), is_body))
        pos += len(text)
    full = "".join(parts)
    body_blocks = [(a, b) for a, b, ok in spans if ok]
    boiler = [Span(a, b, full[a:b]) for a, b, ok in spans if not ok]
    body, more = _split_cta(full, body_blocks)
    boiler = sorted(boiler + more, key=lambda s: s.start)
    if not body:
        raise DocumentError(source, "the page holds no article text (only navigation, promotions and footers)")
    page_title = meta_title or page_title
    return Document(source, full, _merge(body, full), boiler, title=page_title or full[body[0][0]:body[0][1]][:200],
                    published=published, url=url, form="html")


def _html_blocks(root: object) -> list[tuple[str, bool, bool]]:
    """(text, inside article/main, inside nav/footer/aside/header) of each leaf block, in document order."""
    out: list[tuple[str, bool, bool]] = []

    def walk(el: object, in_article: bool, chrome: bool) -> None:
        tag = getattr(el, "tag", None)
        if not isinstance(tag, str):
            return
        in_article = in_article or tag in ("article", "main")
        chrome = chrome or tag in ("nav", "footer", "aside", "header", "form") or _chrome_class(el)
        has_block_child = any(isinstance(getattr(c, "tag", None), str) and (c.tag in _BLOCK_TAGS or c.tag in (
            "div", "section", "article", "main", "aside", "nav", "footer", "header", "ul", "ol", "table", "form"))
            for c in el)  # type: ignore[attr-defined]
        if tag in _BLOCK_TAGS or not has_block_child:
            text = re.sub(r"[ \t\r\f\v\n]+", " ", el.text_content()).strip()  # type: ignore[attr-defined]
            if text:
                out.append((text, in_article, chrome))
            return
        lead = (el.text or "").strip()  # type: ignore[attr-defined]
        if lead:
            out.append((re.sub(r"\s+", " ", lead), in_article, chrome))
        for c in el:  # type: ignore[attr-defined]
            walk(c, in_article, chrome)
            tail = (getattr(c, "tail", None) or "").strip()
            if tail:
                out.append((re.sub(r"\s+", " ", tail), in_article, chrome))

    body = root.find(".//body")  # type: ignore[attr-defined]
    walk(body if body is not None else root, False, False)
    return out


def _chrome_class(el: object) -> bool:
    cls = " ".join((el.get("class") or "", el.get("id") or "", el.get("role") or "")).lower()  # type: ignore[attr-defined]
    return bool(cls.strip()) and bool(re.search(
        r"\b(?:nav|menu|footer|promo|newsletter|subscribe|cookie|banner|advert|ads?|related|share|social|sidebar|"
        r"breadcrumb|navigation|contentinfo)\b", cls))


def _trafilatura(html: str) -> tuple[set[str] | None, str | None, str | None]:
    """The article's lines as trafilatura finds them (None where it finds none), and the page's date and title."""
    import trafilatura

    try:  # one pass for the text and the metadata
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True)
        if doc is None:
            doc = trafilatura.extract_metadata(html)
    except Exception:  # trafilatura fails on some malformed pages: fall back to the page's own structure
        return None, None, None
    if doc is None:
        return None, None, None
    text = getattr(doc, "text", None) or ""
    lines = {_norm(line) for line in text.split("\n") if line.strip()} or None
    return lines, doc.date or None, doc.title or None


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


# -- feeds -----------------------------------------------------------------------------------------------------------
def _read_feed(data: bytes, source: str) -> list[Document]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        why = f" ({feed.bozo_exception})" if getattr(feed, "bozo", False) else ""
        raise DocumentError(source, f"the feed has no entries{why}")
    docs: list[Document] = []
    for i, e in enumerate(feed.entries):
        title = (e.get("title") or "").strip()
        content = ""
        if e.get("content"):
            content = e["content"][0].get("value", "")
        content = content or e.get("summary", "") or e.get("description", "")
        link = e.get("link")
        published = None
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        if stamp:
            published = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
        where = link or f"{source}#entry-{i + 1}"
        html = f"<h1>{_escape(title)}</h1>{content}" if title else content
        try:
            doc = _read_html(html, where, link, fragment=True) if "<" in content else _read_text(
                f"{title}\n\n{content}" if title else content, where, link)
        except DocumentError:
            continue
        doc.title, doc.published, doc.form = title or doc.title, published, "feed"
        docs.append(doc)
    if not docs:
        raise DocumentError(source, "no entry of the feed holds readable text")
    return docs


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _is_url(s: str) -> bool:
    return s.lower().startswith(("http://", "https://"))


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"
