"""Which language a text is in, by lingua, among the EU and NATO languages and Ukrainian and Russian.

>>> detect("Die Bundesregierung hat der Ukraine vier weitere Feuereinheiten zugesagt.")
'de'
>>> detect("12 345") is None
True
"""

from __future__ import annotations

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
    return lang.iso_code_639_1.name.lower()
