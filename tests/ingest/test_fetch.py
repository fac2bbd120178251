"""Fetching URLs from a local HTTP server (never the internet): pages, feeds, errors, timeouts, size limits."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from allyplan.ingest import ingest
from allyplan.ingest.fetch import FetchError, fetch

from .test_documents import RSS

PAGE = (b"<html><head><title>Pledge</title></head><body><nav>Home</nav><article><h1>Norway pledges NASAMS</h1>"
        b"<p>OSLO - Norway will provide two NASAMS fire units to Ukraine, the government said.</p></article>"
        b"<footer>All rights reserved</footer></body></html>")


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/page":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/feed":
            self._send(200, RSS, "application/rss+xml")
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, PAGE, "text/html")
        elif self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()  # no Content-Length: the limit must stop the stream itself
            try:
                for _ in range(200):
                    self.wfile.write(b"x" * 65536)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, code: int, body: bytes, ctype: str) -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test): nothing to answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_page_and_feed(server: str) -> None:
    results = ingest([f"{server}/page", f"{server}/feed"])
    assert [r.ok for r in results] == [True, True, True]
    page = results[0]
    assert page.document is not None and page.document.url == f"{server}/page"
    assert [(p.donor, p.item, p.quantity) for p in page.extraction.pledges] == [("NO", "nasams", 2.0)]
    assert [b.text for b in page.document.boilerplate] == ["Home", "All rights reserved"]


def test_errors_are_per_document(server: str) -> None:
    results = ingest([f"{server}/missing", f"{server}/page", "http://127.0.0.1:9/closed"], timeout=2)
    assert [r.ok for r in results] == [False, True, False]
    assert "HTTP 404" in results[0].error and "cannot connect" in results[2].error


def test_timeout(server: str) -> None:
    with pytest.raises(FetchError, match=r"within 0.5 s|stopped sending for 0.5 s"):
        fetch(f"{server}/slow", timeout=0.5, max_bytes=10**6)


def test_size_limit(server: str) -> None:
    t0 = time.monotonic()
    with pytest.raises(FetchError, match=r"passed the 1.0 MB limit"):
        fetch(f"{server}/big", timeout=5, max_bytes=1_000_000)
    assert time.monotonic() - t0 < 5
