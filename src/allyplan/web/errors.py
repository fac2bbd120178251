"""One error shape for the API and the pages: ``{"error": {"code", "message", "details"}}``.

``message`` says what to do; ``details`` lists every problem (for a scenario: file, row, field, message, fix).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

__all__ = ["ApiError", "ErrorBody", "ErrorResponse", "error_body", "ERROR_RESPONSES"]


class ApiError(Exception):
    """An answer other than success, with its HTTP status."""

    def __init__(self, status: int, code: str, message: str, details: list[Any] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, list(details or [])
        self.headers = headers or {}


class ErrorBody(BaseModel):
    code: str = Field(description="stable machine-readable code, e.g. not_found, forbidden, invalid_input")
    message: str = Field(description="what went wrong and what to do")
    details: list[Any] = Field(default_factory=list, description="every problem found, when there are several")


class ErrorResponse(BaseModel):
    error: ErrorBody


def error_body(code: str, message: str, details: list[Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": list(details or [])}}


#: Documented on every API route.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorResponse, "description": d} for s, d in (
        (400, "bad request"), (401, "not logged in"), (403, "not allowed for this account"),
        (404, "no such thing, or not visible to this account"), (409, "conflict with a change made meanwhile"),
        (413, "upload too large"), (422, "invalid input"), (429, "too many attempts"),
        (503, "busy: another write holds the ledger; try again after Retry-After seconds"))
}
