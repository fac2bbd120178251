"""Ingest end to end: sources -> documents -> language -> records, one result per document.

Each document is read on its own: a source that cannot be read gives a result with an ``error`` and the rest of the
batch goes on.

>>> r = ingest_text("WASHINGTON - The United States will provide 2 NASAMS fire units to Ukraine.")
>>> r.language, [(p.donor, p.item, p.status, p.quantity) for p in r.extraction.pledges]
('en', [('US', 'nasams', 'committed', 2.0)])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from allyplan.ingest.documents import (
    DEFAULT_MAX_BYTES,
    Document,
    DocumentError,
    expand_sources,
    read_bytes,
    read_source,
)
from allyplan.ingest.extract import Extractor
from allyplan.ingest.language import detect
from allyplan.ingest.records import Extraction

__all__ = ["DocumentResult", "ingest", "ingest_document", "ingest_text"]


@dataclass
class DocumentResult:
    """What ingest made of one document, or why it could not read it (``error``)."""

    source: str
    document: Document | None = None
    language: str | None = None
    extraction: Extraction | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def for_ledger(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The document and its records as :meth:`allyplan.ledger.Ledger.propose` takes them."""
        d, x = self.document, self.extraction
        if d is None or x is None:
            raise ValueError(f"{self.source} was not read: {self.error}")
        doc = {"sha256": d.sha256, "source": d.source, "url": d.url, "title": d.title, "published": d.published,
               "language": self.language, "form": d.form, "text": d.text}
        return doc, [r.as_json() for r in x.records]

    def as_json(self) -> dict[str, Any]:
        """The ``--json`` shape: source, language, records, boilerplate (and title, date, hash, mentions, notes)."""
        d = self.document
        x = self.extraction
        out: dict[str, Any] = {
            "source": self.source, "language": self.language,
            "records": [r.as_json() for r in x.records] if x else [],
            "boilerplate": [b.as_json() for b in d.boilerplate] if d else [],
        }
        if d is not None:
            out.update(title=d.title, published=d.published, url=d.url, sha256=d.sha256, text=d.text)
        out["mentions"] = [m.as_json() for m in x.mentions] if x else []
        out["notes"] = list(x.notes) if x else []
        if self.error:
            out["error"] = self.error
        return out


def ingest_document(doc: Document, extractor: Extractor, language: str | None = None) -> DocumentResult:
    """Detect the language of ``doc`` (unless given) and extract its records from the body."""
    lang = language or detect(doc.body_text)
    x = extractor.extract(doc.text, lang, doc.body)
    if lang is None:
        x.notes.insert(0, "the language could not be told (too little text); pass --language")
    return DocumentResult(doc.source, doc, lang, x)


def ingest_text(text: str, source: str = "<text>", language: str | None = None,
                extractor: Extractor | None = None) -> DocumentResult:
    """Ingest a string (plain text or HTML)."""
    docs = read_bytes(text.encode("utf-8"), source)
    return ingest_document(docs[0], extractor or Extractor(), language)


def ingest(sources: Iterable[str], *, extractor: Extractor | None = None, language: str | None = None,
           max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = 20.0,
           progress: Callable[[str, int], None] | None = None) -> list[DocumentResult]:
    """Ingest files, folders (their text, HTML and feed files), URLs and ``-``; a feed gives one result per entry.

    ``progress(source, done)`` is called before each source is read.
    """
    ex = extractor or Extractor()
    results: list[DocumentResult] = []
    for i, source in enumerate(expand_sources(list(sources))):
        if progress:
            progress(source, i)
        try:
            docs = read_source(source, max_bytes=max_bytes, timeout=timeout)
        except DocumentError as e:
            results.append(DocumentResult(source, error=e.message))
            continue
        results.extend(ingest_document(d, ex, language) for d in docs)
    return results
