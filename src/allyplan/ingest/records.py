"""What ingest finds in a document: pledge and policy records with their evidence, as ``--json`` prints them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = ["Pledge", "Policy", "Record", "Span", "Mentioned", "Extraction"]


@dataclass
class Pledge:
    """One donor's pledge of one item (``item`` None where the text names none)."""

    donor: str
    item: str | None
    status: str
    evidence: str
    start: int
    end: int
    confidence: float
    recipient: str = "UA"
    quantity: float | None = None
    value: float | None = None
    currency: str | None = None
    reannouncement: bool = False
    kind: Literal["pledge"] = "pledge"
    #: an item-less pledge that names equipment the catalog lacks ("F-16s"), not just aid: kept beside named ones
    specific: bool = field(default=False, repr=False, compare=False)
    #: stated in a relative clause (", which has already delivered four,"): background, not the news
    background: bool = field(default=False, repr=False, compare=False)
    #: the announcement and donors it came from, where several donors share it (to tell unpaired lists)
    joint: tuple[Any, ...] = field(default=(), repr=False, compare=False)
    #: why it is there (cue, the donor's attachment, the rule), for ``--explain``
    explain: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def as_json(self) -> dict[str, Any]:
        d = asdict(self)
        return {"kind": "pledge", "donor": d["donor"], "recipient": d["recipient"], "item": d["item"],
                "quantity": _num(d["quantity"]), "value": _num(d["value"]), "currency": d["currency"],
                "status": d["status"], "reannouncement": d["reannouncement"], "evidence": d["evidence"],
                "start": d["start"], "end": d["end"], "confidence": round(d["confidence"], 2)}


@dataclass
class Policy:
    """A party's stated stance: supportive, cautious, non-lethal-only, no-military-aid or excludes:<item>."""

    party: str
    stance: str
    evidence: str
    start: int
    end: int
    confidence: float
    kind: Literal["policy"] = "policy"
    #: why it is there (cue, the party's attachment, the rule), for ``--explain``
    explain: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def as_json(self) -> dict[str, Any]:
        return {"kind": "policy", "party": self.party, "stance": self.stance, "evidence": self.evidence,
                "start": self.start, "end": self.end, "confidence": round(self.confidence, 2)}


Record = Pledge | Policy


@dataclass(frozen=True)
class Span:
    """A span of the extracted text (boilerplate, or a mention)."""

    start: int
    end: int
    text: str

    def as_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Mentioned:
    """A party or item the text names (reported for every document, and alone where a language has no rules)."""

    code: str
    kind: str  # party or item
    start: int
    end: int
    text: str

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "kind": self.kind, "start": self.start, "end": self.end, "text": self.text}


@dataclass
class Extraction:
    """The records found in one text and the parties and items it names."""

    records: list[Record] = field(default_factory=list)
    mentions: list[Mentioned] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def pledges(self) -> list[Pledge]:
        return [r for r in self.records if isinstance(r, Pledge)]

    @property
    def policies(self) -> list[Policy]:
        return [r for r in self.records if isinstance(r, Policy)]


def _num(v: float | None) -> float | int | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v
