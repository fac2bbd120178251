"""``allyplan ingest`` and ``allyplan review``: outputs, JSON shape, exit codes and the review loop."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from allyplan.cli import app

from .ingest.conftest import DEV

runner = CliRunner()


def test_ingest_prints_records_and_json() -> None:
    r = runner.invoke(app, ["ingest", str(DEV / "de-iris-t.txt")])
    assert r.exit_code == 0, r.output
    assert "iris-t-slm" in r.output and "excludes:taurus" in r.output
    r = runner.invoke(app, ["ingest", "--json", str(DEV / "en-uk-reannounce.html"), str(DEV / "uk-samp-t.txt")])
    assert r.exit_code == 0, r.output
    docs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["language"] for d in docs] == ["en", "uk"]
    assert set(docs[0]) >= {"source", "language", "records", "boilerplate"}
    rec = docs[0]["records"][0]
    assert set(rec) == {"kind", "donor", "recipient", "item", "quantity", "value", "currency", "status",
                        "reannouncement", "evidence", "start", "end", "confidence"}
    assert docs[0]["text"][rec["start"]:rec["end"]] == rec["evidence"]
    assert {"start", "end", "text"} == set(docs[0]["boilerplate"][0])


def test_bad_sources_are_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    r = runner.invoke(app, ["ingest", str(empty), str(DEV / "de-iris-t.txt"), str(tmp_path / "missing.html")])
    assert r.exit_code == 1  # issue 9: one failed source of several is an error, and the message says which
    assert "empty.txt: it is empty" in r.stderr and "missing.html: no such file" in r.stderr
    assert "2 of 3 sources could not be read" in r.stderr and "empty.txt" in r.stderr.splitlines()[-1]
    assert "iris-t-slm" in r.stdout
    r = runner.invoke(app, ["ingest", str(empty), str(tmp_path / "missing.html")])
    assert r.exit_code == 2 and "nothing could be read (2 sources failed)" in r.stderr
    assert "Traceback" not in r.output


def test_unknown_language_says_so_and_lists_names(tmp_path: Path) -> None:
    f = tmp_path / "el.txt"
    f.write_text("Η Ελλάδα θα στείλει στην Ουκρανία ένα νέο σύστημα NASAMS, δήλωσε ο υπουργός Άμυνας στην Αθήνα.")
    r = runner.invoke(app, ["ingest", str(f)])
    assert r.exit_code == 0 and "no rules for language 'el'" in r.stdout and "nasams" in r.stdout


def test_into_ledger_then_review(tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "l.db")]
    r = runner.invoke(app, ["ingest", "--into-ledger", str(DEV / "uk-samp-t.txt"), *db])
    assert r.exit_code == 0 and "stored as document 1 with 4 proposals" in r.output
    r = runner.invoke(app, ["ingest", "--into-ledger", str(DEV / "uk-samp-t.txt"), *db])
    assert "already ingested (document 1" in r.output
    listed = runner.invoke(app, ["review", "--list", *db]).output
    assert "samp-t" in listed and "aim-120-amraam" in listed
    # accept the first, edit the second, reject the third, skip the fourth
    answers = "a\ne\n\n\n\n3\n\n\n\n2025-05-01\nr\nnot a pledge\ns\n"
    r = runner.invoke(app, ["review", *db], input=answers)
    assert r.exit_code == 0, r.output
    assert "1 accepted" not in r.output and "2 accepted, 1 rejected, 0 merged, 1 skipped" in r.output
    entries = runner.invoke(app, ["ledger", "list", *db]).output
    assert "samp-t" in entries and "aster-30" in entries
    r = runner.invoke(app, ["review", "--accept", "4", "--set", "quantity=12", *db])
    assert r.exit_code == 0 and "proposal 4 accepted: entry 3" in r.output
    r = runner.invoke(app, ["review", "--accept", "4", *db])
    assert r.exit_code == 2 and "already accepted" in r.stderr
    r = runner.invoke(app, ["review", "--merge", "3", *db])
    assert r.exit_code == 2
    assert "no pending proposals" in runner.invoke(app, ["review", *db]).output


def test_standard_input_and_language_option() -> None:
    text = "Norwegen wird der Ukraine zwei weitere NASAMS liefern."
    r = runner.invoke(app, ["ingest", "--json", "-"], input=text)
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["source"] == "-" and doc["language"] == "de"
    assert [(x["donor"], x["item"], x["quantity"]) for x in doc["records"]] == [("NO", "nasams", 2)]
    r = runner.invoke(app, ["ingest", "--json", "--language", "xx", "-"], input=text)
    assert r.exit_code == 0 and "no rules for --language 'xx'" in r.stderr
    assert json.loads(r.stdout)["records"] == []


def test_review_options_that_do_not_go_together(tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "l.db")]
    for args, message in ((["--status", "all"], "--status goes with --list"),
                          (["--why", "dup"], "--why goes with --reject or --merge"),
                          (["--set", "quantity=4"], "--set goes with --accept"),
                          (["--into", "3"], "--into with --merge"),
                          (["--list", "--accept", "1"], "--list only lists")):
        r = runner.invoke(app, ["review", *args, *db])
        assert r.exit_code == 2 and message in r.stderr, (args, r.output)


def test_explain_says_why_each_record_is_there() -> None:
    r = runner.invoke(app, ["ingest", "--explain", str(DEV / "de-iris-t.txt")])
    assert r.exit_code == 0, r.output
    assert 'cue "zugesagt" (committed)' in r.stdout and "the parties just before the cue" in r.stdout
    r = runner.invoke(app, ["ingest", "--explain", "--json", str(DEV / "de-iris-t.txt")])
    [doc] = [json.loads(line) for line in r.stdout.splitlines()]
    assert all({"cue", "attachment", "rule"} <= set(rec["explain"]) for rec in doc["records"])


def test_score_reports_per_language_and_error_kind(tmp_path: Path) -> None:
    r = runner.invoke(app, ["ingest", "--score", str(DEV)])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0].split()[:5] == ["lang", "cases", "P", "R", "F1"]
    assert "errors: donor" in r.stdout and any(line.startswith("all ") for line in r.stdout.splitlines())
    r = runner.invoke(app, ["ingest", "--score", "--json", str(DEV)])
    got = json.loads(r.stdout)
    assert got["cases"] == 5 and set(got["all"]["errors"]) >= {"donor", "item", "status", "quantity"}
    r = runner.invoke(app, ["ingest", "--score", str(tmp_path)])
    assert r.exit_code == 2 and "no NAME.gold.json" in r.stderr


def test_review_list_formats(tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "l.db")]
    runner.invoke(app, ["ingest", "--into-ledger", str(DEV / "uk-samp-t.txt"), *db])
    as_json = json.loads(runner.invoke(app, ["review", "--list", "--format", "json", *db]).stdout)
    assert len(as_json) == 4 and {p["item"] for p in as_json} >= {"samp-t", "aim-120-amraam"}
    rows = runner.invoke(app, ["review", "--list", "--format", "csv", *db]).stdout.splitlines()
    assert rows[0].startswith("id,review,kind,donor,item") and len(rows) == 5
    r = runner.invoke(app, ["review", "--list", "--format", "xml", *db])
    assert r.exit_code == 2 and "expected one of table, csv, json" in r.stderr
