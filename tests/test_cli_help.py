"""Every command's --help reads as a person would write it: every argument and option described, no placeholder
such as ``{scenario}``, ``<list[str]>`` or ``<int range>``, and every command and setting documented."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from allyplan.cli import app

runner = CliRunner()
# Typer prints an option's Python type (``<int range>``, ``<list[str]>``) and a required argument's Python name in
# braces (``{scenario}``) unless the parameter names its value (metavar): every parameter must. (Typer's rows of
# arguments keep ``ENTRY <int>``, ``SCENARIO <path>``: the name is ours, the type Typer's.)
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|^\s+-.*<(?:str|int|float|bool|list\[[^>]*\]|[a-z]+ range)>", re.M)


def commands() -> list[list[str]]:
    """The path of words to every command, e.g. ['ledger', 'add']."""
    root = typer.main.get_command(app)
    out: list[list[str]] = []

    def walk(cmd: object, path: list[str]) -> None:
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(sub, [*path, name])
        else:
            out.append(path)

    walk(root, [])
    return out


@pytest.mark.parametrize("path", commands(), ids=lambda p: " ".join(p))
def test_help_describes_every_parameter_without_placeholders(path: list[str]) -> None:
    root = typer.main.get_command(app)
    cmd = root
    for word in path:
        cmd = cmd.commands[word]  # type: ignore[attr-defined]
    assert cmd.help, f"`allyplan {' '.join(path)}` has no description"
    for p in cmd.params:
        if p.name == "help":
            continue
        assert getattr(p, "help", None), f"`allyplan {' '.join(path)}`: {p.name} has no description"
    r = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "120"})
    assert r.exit_code == 0, r.output
    bad = [m.group(0).strip() for m in PLACEHOLDER.finditer(r.output)]
    assert not bad, f"`allyplan {' '.join(path)} --help` shows placeholders {bad}:\n{r.output}"


def test_version() -> None:
    from allyplan import __version__

    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.output.strip() == f"allyplan {__version__}"
