"""The examples a new user starts from: ``allyplan examples DIR`` copies them into a folder of their own.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()) / "tour"
>>> sorted(p.name for p in copy_examples(d))[:4]
['README.md', 'bad', 'bad.csv', 'en-uk-reannounce.html']
"""

from __future__ import annotations

import shutil
from importlib.resources import files
from pathlib import Path

from allyplan.errors import AllyplanError

__all__ = ["BROKEN", "copy_examples", "examples_root"]

#: The mistakes written into the ``bad`` scenario: (file, row index, field, value).
BROKEN = (("stocks.csv", 0, "floor", "+2"), ("stocks.csv", 10, "item", "pac-3-msx"))

_README = """# allyplan examples

- `winter-air-defence/`: the example scenario (`allyplan plan winter-air-defence`); public figures carry their
  source, the rest is marked illustrative.
- `bad/`: the same scenario with two mistakes (`allyplan check bad` lists them).
- `kiel-layout-sample.csv`, `kiel-layout-sample-newer.csv`, `eurofxref-sample.csv`, `bad.csv`: files to import
  into a ledger (`allyplan ledger import ...`, `allyplan ledger rates ...`).
- `kiel-current-layout.csv`, `kiel-2022-layout.csv`: the Kiel tracker's two column layouts (releases from 2024 on,
  and of 2022), illustrative figures (`allyplan ledger import FILE --preset kiel`).
- `seed-fr-nato-air-defence.txt`, `uk-samp-t.txt`, `en-uk-reannounce.html`: documents for `allyplan ingest`.
"""


def examples_root() -> Path:
    """The folder of examples shipped inside the package."""
    return Path(str(files("allyplan") / "data" / "examples"))


def copy_examples(dest: str | Path) -> list[Path]:
    """Copy the example scenario, a broken copy of it, the sample ledger files and the sample documents into
    ``dest`` (created if needed); returns the paths written. Refuses to overwrite anything that exists."""
    import pandas as pd

    dest = Path(dest)
    root = examples_root()
    plan: list[tuple[Path, Path]] = [(root / "winter-air-defence", dest / "winter-air-defence"),
                                     (root / "winter-air-defence", dest / "bad")]
    for folder in ("ledger", "documents"):
        plan += [(f, dest / f.name) for f in sorted((root / folder).iterdir())
                 if f.is_file() and f.name != "README.md"]
    clashes = [str(d) for d in [*(d for _, d in plan), dest / "README.md"] if d.exists()]
    if clashes:
        more = f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else ""
        raise AllyplanError(f"{clashes[0]} already exists{more}; nothing was copied. Choose an empty or new folder")
    if dest.exists() and not dest.is_dir():
        raise AllyplanError(f"{dest} is a file; give a folder")
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for src, dst in plan:
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("plan", "__pycache__"))
        else:
            shutil.copyfile(src, dst)
        written.append(dst)
    for name, row, fld, value in BROKEN:
        f = dest / "bad" / name
        df = pd.read_csv(f, dtype=str, keep_default_na=False)
        df.loc[row, fld] = f"{float(df.loc[row, 'quantity']) + float(value):g}" if value.startswith("+") else value
        df.to_csv(f, index=False)
    (dest / "README.md").write_text(_README, encoding="utf-8")
    return [*written, dest / "README.md"]
