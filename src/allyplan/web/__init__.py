"""The coordination service: ``allyplan serve`` — a web application and JSON API where each party enters its own
figures and sees only what it may (see :mod:`allyplan.access`)."""

from __future__ import annotations

from allyplan.web.app import create_app

__all__ = ["create_app"]
