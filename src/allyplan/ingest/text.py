"""Text as the rules read it: case-folded with offsets kept, cut into sentences and clauses.

Every function here keeps character offsets: the folded text has the same length as the original, so a match
in it is a span of the original.

>>> fold("L’OTAN—Pays-Bas")
"l'otan pays bas"
>>> [text for _, _, text in sentences("Berlin - Die Bundesregierung hat zugesagt. Zwei davon sollen folgen.")]
['Berlin - Die Bundesregierung hat zugesagt.', 'Zwei davon sollen folgen.']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["fold", "sentences"]

#: Characters read as others by the rules: typographic apostrophes and quotes, dashes and hyphens (as spaces, so
#: "Pays-Bas", "IRIS-T" and "Taurus-Marschflugkörper" match "pays bas", "iris t", "taurus").
_SAME_LENGTH = str.maketrans({
    "’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'", "-": " ", "‐": " ", "‑": " ", "‒": " ", "–": " ",
    "—": " ", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\t": " ", "«": '"', "»": '"', "“": '"', "”": '"',
    "„": '"',
})


def fold(text: str) -> str:
    """Lower-case ``text`` and unify punctuation without changing its length."""
    low = text.lower()
    if len(low) != len(text):  # a few characters (İ) lower-case to two
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.translate(_SAME_LENGTH)


# A sentence ends at . ! ? … (and closing quotes) followed by a space and a capital (of any alphabet), a digit or an
# opening quote ("„" too), or at a line break. Abbreviations that end in a dot and are followed by a capital ("U.S.
# Army") are kept together.
# Scraped pages often lose the space between paragraphs ("... katılmayı reddetmişti.Rusya, Batı'nın ..."): a dot
# between a lower-case word and a capitalised one ends a sentence too (not "U.S.Army", "St.Petersburg", "qha.com.tr").
_END = re.compile(r"(?<=[.!?…])[\"'»”)]*\s+(?=[\"'«“„‚(]?\w)|\n+|(?<=[.!?])(?<=[^\W\d_]{3}[.!?])(?=[^\W\d_]{2})")
_OPENING = "\"'«“„‚("
_ABBREV = re.compile(r"(?:\b[A-Z]\.){1,3}$|"
                     r"\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|St|No|Nr|Art|bzw|ca|vgl|z\.B|Hr|Fr|M|Mme|Prof|ім|вул|Mio|Mrd|Mln|Tsd|mln|"
                     r"mld|mlrd|mrd|tys|tis|tūkst|млн|млрд|тис|Kč|plk|płk|ok|cca|approx|aprox|pribl|прибл|"
                     # "among others", "for example", "that is" (never at a sentence's end): "m.in. Holandia"
                     r"m\.in|u\.a|d\.h|bl\.a|o\.a|e\.g|i\.e|i\.a|np|tj|tzn|mj|např|napr|напр|зокр|incl|bijv)\.$")


# "am 26. April", "26. huhtikuuta", "26. dubna": an ordinal day before a month does not end a sentence
_ORDINAL = re.compile(r"\b\d{1,2}\.$")
_MONTH = re.compile(r"(?i)(?:jan|feb|mär|mar|apr|mai|maj|may|jun|jul|aug|sep|okt|oct|nov|dez|dec|des|led|úno|bře|dub|"
                    r"kvě|čer|srp|zář|říj|lis|pro|tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|"
                    r"joulu|janu|febru|márc|ápr|máj|jún|júl|szept|aug|január|aprī|aprill|mart)")


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """``(start, end, text)`` of each sentence of ``text[start:end]``, trimmed of surrounding space."""
    stop = len(text) if end is None else end
    pos = start
    for m in _END.finditer(text, start, stop):
        cut = m.start()
        if not m.group():  # no space after the dot: a lower-case word before it, a capitalised word after it
            if not (text[cut - 4:cut - 1].islower() and text[cut].isupper() and text[cut + 1].islower()):
                continue
        elif "\n" not in m.group():
            # a capital of any alphabet ("Česko", "Łotwa", "İsveç", "Ștefan") or a digit starts the next sentence
            head = text[m.end() + (text[m.end()] in _OPENING):m.end() + 2]
            if not head or not (head[0].isupper() or head[0].isdigit()):
                continue
        if "\n" not in m.group() and (_ABBREV.search(text, max(pos, cut - 10), cut) or (
                _ORDINAL.search(text, max(pos, cut - 4), cut) and _MONTH.match(text, m.end()))):
            continue
        yield from _trimmed(text, pos, cut)
        pos = m.end()
    yield from _trimmed(text, pos, stop)


def _trimmed(text: str, a: int, b: int) -> Iterator[tuple[int, int, str]]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        yield a, b, text[a:b]
