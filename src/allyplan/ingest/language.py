"""Which language a text is in, by lingua, among the EU and NATO languages and Ukrainian and Russian.

>>> detect("Die Bundesregierung hat der Ukraine vier weitere Feuereinheiten zugesagt.")
'de'
>>> detect("12 345") is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from allyplan.ingest.gazetteer import GAZETTEER_LANGUAGES

__all__ = ["detect", "DETECTED_LANGUAGES"]

#: How much of a text is read to tell its language (more is slower and no surer for an article).
SAMPLE_CHARS = 400


def _lingua(code: str) -> Language | None:
    iso = getattr(IsoCode639_1, code.upper(), None)
    if iso is None:
        return None
    try:
        return Language.from_iso_code_639_1(iso)
    except ValueError:
        return None


#: The languages told apart (lingua has no Maltese; Maltese texts are mostly read as English or Italian).
DETECTED_LANGUAGES: tuple[str, ...] = tuple(c for c in GAZETTEER_LANGUAGES if _lingua(c) is not None)


#: From this many characters on, lingua's low-accuracy mode (trigrams only) is as sure and about twice as fast.
LONG_SAMPLE = 200


@lru_cache(maxsize=2)
def _detector(long: bool) -> LanguageDetector:
    langs = [lang for lang in (_lingua(c) for c in DETECTED_LANGUAGES) if lang is not None]
    builder = LanguageDetectorBuilder.from_languages(*langs)
    return (builder.with_low_accuracy_mode() if long else builder).build()


def detect(text: str) -> str | None:
    """The ISO 639-1 code of the language of ``text``, or None where it cannot tell (too little text)."""
    sample = text[:SAMPLE_CHARS]
    if sum(map(str.isalpha, sample[:100])) < 8:
        return None
    lang = _detector(len(sample) >= LONG_SAMPLE).detect_language_of(sample)
    if lang is None:
        return None
    return _close_pair(lang.iso_code_639_1.name.lower(), sample)


# Letters and words only one of two close languages writes: lingua mixes them up on a short text (a title and two
# sentences), where one such mark settles it.
_MARKS: dict[frozenset[str], dict[str, re.Pattern[str]]] = {
    frozenset({"cs", "sk"}): {"cs": re.compile(r"[řůě]"), "sk": re.compile(r"[ľĺŕôä]")},
    frozenset({"da", "nb"}): {
        "da": re.compile(r"(?i)\b(?:af|efter|mellem|hvad|nu|regeringen|oplæring|nogen|meget|udenrigsminister\w*)\b"),
        "nb": re.compile(r"(?i)\b(?:av|etter|mellom|hva|nå|regjeringen|opplæring|noen|mye|ikkje|"
                         r"utenriksminister\w*)\b")},
}


def _close_pair(lang: str, sample: str) -> str:
    """``lang``, or its close neighbour where the text bears more of the neighbour's marks."""
    for pair, marks in _MARKS.items():
        if lang in pair:
            other = next(iter(pair - {lang}))
            if len(marks[other].findall(sample)) > len(marks[lang].findall(sample)):
                return other
    return lang
