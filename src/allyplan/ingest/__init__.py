"""Ingest: read announcements and articles (text, HTML, RSS/Atom; files or URLs) in many languages and propose
ledger entries, each with the evidence span it rests on.

>>> from allyplan.ingest import ingest_text
>>> r = ingest_text("Italy will send a second SAMP/T battery to Ukraine, Rome confirmed.")
>>> [(p.donor, p.item, p.status, p.quantity) for p in r.extraction.pledges]
[('IT', 'samp-t', 'committed', 1.0)]
"""

from allyplan.ingest.documents import Document, DocumentError, read_bytes, read_source
from allyplan.ingest.extract import Extractor
from allyplan.ingest.pipeline import DocumentResult, ingest, ingest_document, ingest_text
from allyplan.ingest.records import Extraction, Pledge, Policy
from allyplan.ingest.score import score

__all__ = ["Document", "DocumentError", "DocumentResult", "Extraction", "Extractor", "Pledge", "Policy", "ingest",
           "ingest_document", "ingest_text", "read_bytes", "read_source", "score"]
