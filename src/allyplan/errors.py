"""Errors that name the bad value, what was expected and how to fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = ["AllyplanError", "LedgerInputError", "Problem", "ScenarioError"]

from collections.abc import Sequence


class AllyplanError(Exception):
    """Base class of every error allyplan raises on purpose (the CLI turns these into exit code 2)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input: where it is, what it is and what to do.

    ``row`` is the line number in the file (the header is line 1), or ``None`` for the whole file. Slotted: an
    import of a million tracker rows may keep a few hundred thousand warnings.
    """

    file: str
    row: int | None
    field: str | None
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field '{self.field}'"
        text = f"{where}: {self.message}"
        return f"{text}. {self.fix}" if self.fix else text

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class ScenarioError(AllyplanError):
    """A scenario that cannot be planned; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0))
        n = len(problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the scenario:"
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))


class LedgerInputError(AllyplanError):
    """Input the ledger cannot take; carries every problem found. Nothing was written."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.field or ""))
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''}; nothing was written:"
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems[:200])]
                                   + ([f"  ... and {n - 200} more"] if n > 200 else [])))
