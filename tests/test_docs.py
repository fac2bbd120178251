"""The README's tour and the tutorial run as printed: every ``$ command`` in their ``text`` blocks is executed, in
order, in a fresh folder with a fresh ledger, and what it prints is compared with what the page shows.

Volatile parts (times, durations, today's date) are masked; a line ``…`` in a block stands for any number of
lines. After a change that alters output on purpose, rewrite the pages from what the commands print now with
``ALLYPLAN_UPDATE_DOCS=1 pytest tests/test_docs.py`` and read the diff.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
PAGES = [ROOT / "README.md", ROOT / "docs" / "tutorial.md"]
UPDATE = os.environ.get("ALLYPLAN_UPDATE_DOCS") == "1"
BLOCK = re.compile(r"^```text\n(\$ .*?)^```$", re.M | re.S)
ELLIPSIS = "…"
MASKS = [
    (re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?"), "<time>"),
    (re.compile(r"\b\d+(\.\d+)? ?(s|ms|seconds)\b"), "<secs>"),
    (re.compile(r"\b\d+(\.\d+)? samples/s\b"), "<rate>"),
    # an undated Kiel row is dated by the release, which defaults to the day of the import
    (re.compile(r"(this one: )\d{4}-\d{2}-\d{2}"), r"\1<release date>"),
    (re.compile(re.escape(dt.date.today().isoformat())), "<today>"),
]


@dataclass
class Step:
    command: str
    expected: list[str] = field(default_factory=list)


def steps(block: str) -> list[Step]:
    out: list[Step] = []
    for line in block.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            out.append(Step(line[2:]))
        elif out:
            out[-1].expected.append(line)
    return out


def mask(line: str) -> str:
    line = line.rstrip()
    for pat, repl in MASKS:
        line = pat.sub(repl, line)
    return line


def matches(expected: list[str], actual: list[str]) -> bool:
    """``expected`` equals ``actual`` line by line after masking, where a line ``…`` matches any run of lines."""
    exp = [mask(x) for x in expected]
    act = [mask(x) for x in actual]
    memo: dict[tuple[int, int], bool] = {}

    def go(i: int, j: int) -> bool:
        if (i, j) in memo:
            return memo[(i, j)]
        if i == len(exp):
            r = j == len(act)
        elif exp[i] == ELLIPSIS:
            r = any(go(i + 1, k) for k in range(j, len(act) + 1))
        else:
            r = j < len(act) and exp[i] == act[j] and go(i + 1, j + 1)
        memo[(i, j)] = r
        return r

    return go(0, 0)


def trimmed(expected: list[str], actual: list[str]) -> list[str]:
    """``actual`` cut as ``expected`` was: as many lines before its first ``…`` and after its last."""
    if ELLIPSIS not in expected:
        return actual
    head = expected.index(ELLIPSIS)
    tail = len(expected) - 1 - max(i for i, x in enumerate(expected) if x == ELLIPSIS)
    if head + tail >= len(actual):
        return actual
    return [*actual[:head], ELLIPSIS, *(actual[len(actual) - tail:] if tail else [])]


class Session:
    """A shell-like session: a working folder that `cd` changes, an environment that `export` changes, and a fresh
    home folder (so a fresh default ledger)."""

    def __init__(self, home: Path):
        self.home = home
        self.cwd = home
        bindir = str(Path(sys.executable).parent)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("ALLYPLAN_")}
        self.env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"), COLUMNS="100",
                        ALLYPLAN_USER="cell-analyst", PATH=bindir + os.pathsep + os.environ.get("PATH", ""),
                        NO_COLOR="1", TERM="dumb", LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8")

    def run(self, command: str) -> list[str]:
        words = shlex.split(command)
        if words and words[0] == "cd":
            self.cwd = (self.cwd / words[1]).resolve()
            return []
        if words and words[0] == "export":
            key, _, value = words[1].partition("=")
            self.env[key] = value
            return []
        r = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=self.cwd, env=self.env,
                           capture_output=True, text=True, timeout=300)
        text = (r.stdout + r.stderr).rstrip("\n").replace(str(self.home), "~")
        assert "Traceback (most recent call last)" not in text, f"`{command}` crashed:\n{text}"
        return [x.rstrip() for x in text.split("\n")] if text else []


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_the_page_runs_as_printed(page: Path, tmp_path: Path) -> None:
    text = page.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(text))
    assert blocks, f"{page.name} shows no command"
    session = Session(tmp_path)
    failures: list[str] = []
    new_text, last = [], 0
    for b in blocks:
        rendered: list[str] = []
        for st in steps(b.group(1)):
            actual = session.run(st.command)
            if not matches(st.expected, actual):
                failures.append(f"$ {st.command}\n--- {page.name} shows:\n" + "\n".join(st.expected)
                                + "\n--- it prints:\n" + "\n".join(actual))
            rendered += [f"$ {st.command}", *(st.expected if matches(st.expected, actual)
                                              else trimmed(st.expected, actual))]
        new_text += [text[last:b.start(1)], "\n".join(rendered) + "\n"]
        last = b.end(1)
    if UPDATE and failures:
        page.write_text("".join([*new_text, text[last:]]), encoding="utf-8")
        pytest.skip(f"rewrote {page.name} from what the commands print now: read the diff")
    assert not failures, f"{page.name} does not show what the commands print:\n\n" + "\n\n".join(failures)


def test_matching_rules() -> None:
    assert matches(["a", "…", "d"], ["a", "b", "c", "d"])
    assert matches(["solved in 0.08 s."], ["solved in 1.20 s."])
    assert not matches(["a", "…", "d"], ["a", "b", "c"])
    assert not matches(["covered 21"], ["covered 22"])
    assert trimmed(["a", "…", "z"], ["1", "2", "3", "4"]) == ["1", "…", "4"]


def test_pages_name_no_path_outside_the_repository() -> None:
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        assert "../shared" not in page.read_text(encoding="utf-8"), f"{page.name} points outside the repository"
