"""The rules files: each loads and compiles, and the fast cue finder finds exactly what a plain regex scan finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allyplan.ingest.rules import VERB_CLASSES, Cue, Rules, available_languages, resolve_overlaps
from allyplan.ingest.text import fold

LANGS = sorted(available_languages())


@pytest.mark.parametrize("lang", LANGS)
def test_rules_load(lang: str) -> None:
    r = Rules.load(lang)
    assert {"committed", "considering", "delivered", "refusal", "demand"} <= set(r.patterns)
    assert r.is_word("joiner", {"en": "and", "fr": "et", "de": "und", "uk": "і", "es": "y", "it": "e", "nl": "en",
                                "pl": "i", "nb": "og", "no": "og", "nn": "og", "da": "og", "sv": "och", "fi": "ja",
                                "cs": "a", "sk": "a", "ro": "și", "lt": "ir", "lv": "un", "et": "ja", "pt": "e",
                                "bg": "и", "hu": "és", "tr": "ve"}[lang])


def test_unknown_language() -> None:
    with pytest.raises(KeyError):
        Rules.load("xx")


def _plain(rules: Rules, folded: str) -> list[Cue]:
    """What a plain ``finditer`` of every class finds (verb overlaps resolved the same way)."""
    verbs, out = [], []
    for cls_, pat in rules.patterns.items():
        (verbs if cls_ in VERB_CLASSES else out).extend(Cue(m.start(), m.end(), cls_, m.group())
                                                        for m in pat.finditer(folded))
    return sorted(out + resolve_overlaps(verbs), key=lambda c: (c.start, c.end, c.cls))


_WORDS = ["will provide", "pledged", "is considering", "delivered", "zugesagt", "geliefert", "schloss", "aus",
          "nicht", "передасть", "розглядає", "n'excluait pas", "envisagent", "devraient annoncer", "refuse", "the",
          "demand for", "subject to approval", "first announced", "ruled out", "missiles", "for", "patriot", "weapons",
          "a second", "and", "while", ",", ".", "’", "-", "l'annonce", "hat", "der", "ukraine", "2", "urged restraint"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=12)), max_size=25), st.sampled_from(LANGS))
def test_fast_cues_equal_a_plain_scan(words: list[str], lang: str) -> None:
    folded = fold(" ".join(words))
    r = Rules.load(lang)
    assert sorted(r.cues(folded), key=lambda c: (c.start, c.end, c.cls)) == _plain(r, folded)


def test_patterns_have_literal_beginnings() -> None:
    """A pattern that can start with anything is tried at every position of every text; only these may."""
    allowed = {("en", "reannounced"), ("de", "aid")}  # "(?:re )?confirm...", German compounds "\w*systeme"
    found = {(lang, cls) for lang in LANGS for cls in Rules.load(lang)._scan_everywhere}
    assert found <= allowed, f"give these patterns a literal beginning: {sorted(found - allowed)}"
