"""Download a page or feed: http(s) only, with a timeout and a size limit, and a message for each way it fails.

>>> fetch("ftp://example.org/x", timeout=1, max_bytes=10)
Traceback (most recent call last):
...
allyplan.ingest.fetch.FetchError: only http:// and https:// URLs can be fetched
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

__all__ = ["fetch", "Fetched", "FetchError", "USER_AGENT"]

USER_AGENT = "allyplan-ingest/0.3 (+https://example.invalid/allyplan)"
_CHUNK = 65536


class FetchError(Exception):
    """A URL that could not be fetched; the message says why and what to try."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str | None


def fetch(url: str, *, timeout: float, max_bytes: int) -> Fetched:
    """GET ``url``; raise :class:`FetchError` on a bad URL, an HTTP error, a timeout or more than ``max_bytes``."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError("only http:// and https:// URLs can be fetched")
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,"
                                               "application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"the server sends {int(length) / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB "
                                 f"limit; raise --max-size to read it")
            chunks: list[bytes] = []
            got = 0
            while True:
                chunk = resp.read(_CHUNK)
                if not chunk:
                    break
                got += len(chunk)
                if got > max_bytes:
                    raise FetchError(f"the download passed the {max_bytes / 1e6:.1f} MB limit and was stopped; raise "
                                     f"--max-size to read it")
                chunks.append(chunk)
            return Fetched(resp.geturl(), b"".join(chunks), resp.headers.get("Content-Type"))
    except urllib.error.HTTPError as e:
        raise FetchError(f"the server answered HTTP {e.code} {e.reason}; check the URL") from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise FetchError(f"no answer within {timeout:g} s; try again later or raise --timeout") from None
        raise FetchError(f"cannot connect ({reason}); check the URL and the network") from None
    except TimeoutError:
        raise FetchError(f"the server stopped sending for {timeout:g} s; try again later or raise --timeout") from None
    except (ValueError, OSError) as e:
        raise FetchError(f"cannot fetch it ({e})") from None
