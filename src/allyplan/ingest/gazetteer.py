"""Find the parties and items a text names, in any of the EU and NATO languages, with one Aho-Corasick pass.

Country names come from pycountry's ISO 3166 translations (every EU and NATO language, plus Ukrainian and
Russian); ``data/ingest/names.csv`` adds what ISO does not list: short names, demonyms, capitals, institutions and
officials that stand for a government, and organisations that are not donors. Items come from the catalog's
names and aliases. Inflected forms match through stems ("Італії", "Norwegens", "Patriots").

>>> g = Gazetteer.build()
>>> [(m.code, m.how) for m in g.find("Washington, Londres et Berlin, tandis que Рим передасть NASAMS")]
[('US', 'capital'), ('GB', 'capital'), ('DE', 'capital'), ('IT', 'capital'), ('nasams', 'item')]
"""

from __future__ import annotations

import csv
import gettext
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import ahocorasick
import pycountry

from allyplan.ingest.text import fold
from allyplan.ledger.reference import Reference

__all__ = ["Gazetteer", "Mention", "GAZETTEER_LANGUAGES", "NAMES_FILE", "ITEM_NAMES_FILE"]

NAMES_FILE = Path(str(files("allyplan") / "data" / "ingest" / "names.csv"))
ITEM_NAMES_FILE = Path(str(files("allyplan") / "data" / "ingest" / "item_names.csv"))

#: The languages whose country names are read from pycountry: the EU's 24 and NATO's others, and Ukrainian and
#: Russian (the recipient's press).
GAZETTEER_LANGUAGES: tuple[str, ...] = (
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv", "mt", "nl", "pl",
    "pt", "pt_BR", "ro", "sk", "sl", "sv", "sq", "is", "mk", "nb", "tr", "uk", "ru",
)
# Languages with case endings: a country name that ends in a vowel also matches its stem plus a short ending.
_INFLECTED = frozenset({"bg", "cs", "el", "et", "fi", "hr", "hu", "is", "lt", "lv", "mk", "pl", "ru", "sk", "sl",
                        "sq", "tr", "uk"})
_VOWELS = frozenset("aeiouyáéíóúýäöüõąęėįųůěаеиіїоуюяєыэьй")
# Parties whose names in every language may be written in lower case (the rest of the world's names only match
# as written, capitalised, so that "малі" is not Mali).
_KNOWN = frozenset({
    "AL", "AT", "AU", "BE", "BG", "BY", "CA", "CH", "CN", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR",
    "HR", "HU", "IE", "IR", "IS", "IT", "JP", "KP", "KR", "LT", "LU", "LV", "ME", "MK", "MT", "NL", "NO", "NZ", "PL",
    "PT", "RO", "RU", "SE", "SI", "SK", "TR", "UA", "US",
})
_MAX_ENDING = 4     # letters an inflected name or a plural item may add ("Італією", "Patriots")
_STEM = r"\w{0,7}"  # the letters a * inside a name may stand for
_MAX_STEM_ENDING = 7  # letters a stem written with * may add ("американського")
# Case endings of three or four letters that a person's name takes in the declining languages (hu, fi, et, lt, lv,
# pl, cs, sk...): "Bidennek", "Scholzcal", "Macronnal", "Bidenille", "Bideniga", "Sikorskiego"; a name followed by
# other letters is another word ("Stubborn", "Trumpet").
_NAME_ENDINGS = frozenset({
    "nak", "nek", "nal", "nel", "val", "vel", "cal", "cel", "tól", "től", "ról", "ről", "hoz", "hez", "höz", "ban",
    "ben", "nál", "nél", "ért", "kal", "kel", "mal", "mel", "ot", "et", "öt", "at",
    "ille", "lle", "lta", "ltä", "lla", "llä", "sta", "stä", "ssa", "ssä", "ia", "iä", "iin", "ista", "issa",
    "ile", "iga", "ilt", "ist", "is", "iks", "ini", "ita", "ega", "ele", "elt", "est", "eks",
    "ui", "ą", "ės", "ei", "o", "as", "am", "ам",
    "owi", "em", "iem", "ego", "emu", "ovi", "ovou", "ové", "om", "ych", "ymi",
})


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the text that names a party (``code`` an ISO code, EU, or an organisation) or an item."""

    start: int
    end: int
    code: str
    how: str  # name, alias, demonym, capital, institution, official, org, item
    text: str

    @property
    def is_item(self) -> bool:
        return self.how == "item"

    @property
    def is_party(self) -> bool:
        return self.how not in ("item", "org") and self.code not in _ORGS and self.how != "official-org"


_ORGS = frozenset({"NATO", "UN", "G7"})
# Turkish case endings written after an apostrophe on a proper name (not English 's, 're, 'll, 've, 'd, 't)
_TURKISH_SUFFIX = re.compile(r"'(?:[nsy]?[ıiuü]n|[nsy]?[ae]|[nsy]?[ıiuü]|[dt][ae]n|n[dt][ae]n|[dt][ae]|n[dt][ae]|"
                             r"[dt][ıiuü]r|l[ıiuü]|y?l[ae]|[ıiuü]nd[ae]n)(?![\w'])")


@dataclass(frozen=True, slots=True)
class _Form:
    code: str
    how: str
    max_ending: int    # letters that may follow (0: the form is a whole word)
    case: str | None   # the form as it must be written (None: any case)
    rest: re.Pattern[str] | None = None  # what must follow the key, for a stem inside a name ("Spojen* stát*")
    endings: frozenset[str] | None = None  # the only endings of more than two letters it may take (a person's name)


class Gazetteer:
    """An Aho-Corasick automaton over every party and item name; :meth:`find` returns the mentions of a text."""

    def __init__(self, forms: dict[str, list[_Form]]) -> None:
        self._automaton = ahocorasick.Automaton()
        for key, entries in forms.items():
            self._automaton.add_word(key, (len(key), tuple(entries)))
        self._automaton.make_automaton()
        self.size = len(forms)

    @classmethod
    def build(cls, reference: Reference | None = None) -> Gazetteer:
        """A gazetteer of pycountry's names, ``names.csv`` and the items of ``reference`` (default: bundled).

        The bundled one is built once per process (about 0.3 s) and shared: it is never changed after it is built.
        """
        return _bundled() if reference is None else _build(reference)

    def find(self, text: str, folded: str | None = None) -> list[Mention]:
        """The mentions of ``text``, longest first where two overlap, in text order."""
        low = fold(text) if folded is None else folded
        n = len(low)
        found: list[tuple[int, int, int, _Form]] = []
        for last, (length, entries) in self._automaton.iter(low):
            start = last + 1 - length
            if start > 0 and (low[start - 1].isalnum() or low[start - 1] == "_"):
                continue
            end = last + 1
            tail = end
            while tail < n and (low[tail].isalnum()):
                tail += 1
            if tail < n and low[tail] == "'":  # "Almanya'dan", "Türkiye'nin": a Turkish case ending is the name's
                m = _TURKISH_SUFFIX.match(low, tail)
                if m is not None:
                    # the letters between the name and the apostrophe still count as its ending ("AB" is not
                    # the name in "ABD'nin")
                    inner = tail - end
                    tail = m.end()
                    end = tail - inner
            ending = tail - end
            for f in entries:
                if f.rest is not None:  # "Spojených států": the rest of a name with a stem inside it
                    m = f.rest.match(low, end)
                    if m is None:
                        continue
                    found.append((start, m.end(), 0, f))
                    break
                if ending > f.max_ending or (f.endings is not None and ending > 2 and low[end:tail] not in f.endings):
                    continue
                if f.case is not None and not _written_as(text, start, f.case):
                    continue
                found.append((start, tail, ending, f))
                break
        found.sort(key=lambda t: (t[0], -t[1], t[2]))
        out: list[Mention] = []
        reach = -1
        for start, end, _, f in found:
            if start < reach:
                continue
            if (f.how == "demonym" or (f.how != "item" and text[start:start + 1].islower())) and _compound(
                    text, start, end):
                continue  # "l'arma italo-francese", "deutsch-französische": a joint product, not a party acting
            code = f.code
            prev = out[-1] if out else None
            if f.how == "institution" and prev is not None and prev.how in ("name", "alias", "demonym") \
                    and prev.code != code and text[prev.end:start] == " ":
                # "UK Defense Secretary", "French Defence Minister": an office named after its country is that
                # country's, whatever country the office's name alone stands for
                code = prev.code
            out.append(Mention(start, end, code, f.how, text[start:end]))
            reach = end
        return out


def _compound(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is one half of a hyphenated compound ("italo-francese", "German-made")."""
    return ((start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha())
            or (end + 1 < len(text) and text[end] == "-" and text[end + 1].isalpha()))


def _written_as(text: str, start: int, form: str) -> bool:
    """Acronyms (US, EU, DoD) as written; names (Patriot, Mali) with their capital."""
    got = text[start:start + len(form)]
    if len(form) <= 5 and sum(c.isupper() for c in form) >= 2:
        return all(g == f or not f.isalpha() for g, f in zip(got, form, strict=False))
    return got[:1].isupper()


@lru_cache(maxsize=1)
def _bundled() -> Gazetteer:
    return _build(None)


def _build(reference: Reference | None) -> Gazetteer:
    forms: dict[str, list[_Form]] = {}

    def add(form: str, f: _Form) -> None:
        key = fold(form.strip())
        if len(key) < 2:
            return
        bucket = forms.setdefault(key, [])
        if all((b.code, b.max_ending) != (f.code, f.max_ending) for b in bucket):
            bucket.append(f)

    # names.csv first: its readings win over an ISO name that happens to be spelled the same
    with NAMES_FILE.open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            how = row["kind"]
            how = "official-org" if how == "official" and row["code"] in _ORGS else how
            for form in row["forms"].split("|"):
                if "*" in form.rstrip("*"):  # a stem inside a name of several words: "Європейськ* Союз*"
                    key, _, rest = fold(form.strip()).partition("*")
                    pattern = _STEM.join(re.escape(p) for p in rest.split("*"))
                    add(key, _Form(row["code"], how, 0, None, re.compile(_STEM + pattern + r"(?!\w)")))
                    continue
                stem = form.endswith("*")
                form = form.rstrip("*")
                short_caps = (form.isupper() and len(form) <= 5) or (
                    any(c.isupper() for c in form[1:]) and len(form) <= 4)
                ending = _MAX_STEM_ENDING if stem else 0 if short_caps else _possessive(form)
                # a person's name is written with its capital: "trumpo nuotolio" (Lithuanian "short-range") and
                # "trumpai" ("briefly") are no Trump, "orpokoti" no Orpo
                person = how.startswith("official") and form[:1].isupper()
                endings = None
                if person and not stem and not short_caps and form[-1:].isalpha():
                    # its case endings: "Bidennek", "Scholzcal", "Bidenile", "Orbánnak" (not "Stubborn")
                    ending, endings = _MAX_ENDING, _NAME_ENDINGS
                add(form, _Form(row["code"], how, ending, form if short_caps or person else None, endings=endings))
    for lang in GAZETTEER_LANGUAGES:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for c in pycountry.countries:
            for attr in ("name", "common_name"):
                english = getattr(c, attr, None)
                if not english:
                    continue
                name = tr.gettext(english).split(", ")[0].split(" (")[0]
                known = c.alpha_2 in _KNOWN
                case = None if known else name
                if name.isalpha() and name.isupper() and len(name) <= 5:
                    # an acronym ("USA", "SAD") takes at most a genitive letter ("USAs") and is written with its
                    # capital ("Usa" in Italian): "usate", "usato" are the verb "usare", not the United States
                    bucket = forms.setdefault(fold(name), [])
                    acronym = _Form(c.alpha_2, "name", 1, name.capitalize())
                    if acronym not in bucket:
                        bucket.append(acronym)
                    continue
                add(name, _Form(c.alpha_2, "name", _possessive(name), case))
                if lang in _INFLECTED and known:
                    stem = name.rstrip("".join(_VOWELS)) if name[-1:].lower() in _VOWELS else name
                    # Latin stems of five letters or fewer match ordinary words ("franc" in "franchir")
                    if len(stem) >= (4 if not name.isascii() and not _latin(name) else 6):
                        add(stem, _Form(c.alpha_2, "name", _MAX_ENDING, None))
    ref = reference or Reference.bundled()
    known_items = set(ref.items["id"])
    item_names: list[tuple[str, str]] = []
    for r in ref.items.itertuples():
        # an id that is a plain word ("patriot", "taurus") is matched by its capitalised aliases, not as a word
        ids = [r.id] if any(c.isdigit() or c == "-" for c in str(r.id)) else []
        item_names.extend((str(r.id), a) for a in dict.fromkeys([*ids, str(r.name), *str(r.aliases).split(";")]))
    with ITEM_NAMES_FILE.open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            if row["id"] in known_items:
                item_names.extend((row["id"], f) for f in row["forms"].split("|"))
    for item, a in item_names:
        a = a.strip()
        if not a or a == "nan":
            continue
        stem = a.endswith("*")
        a = a.rstrip("*")
        # a one-word name that is also a word ("Patriot", "Mistral", "Taurus") must be capitalised; others any case
        case = a if a[:1].isupper() and not a.isupper() and not stem and " " not in a and a.isalpha() else None
        ending = _MAX_STEM_ENDING if stem else _MAX_ENDING if a[-1].isalpha() else 1
        for variant in _inflected_words(a):
            add(variant, _Form(item, "item", ending, case if variant == a else None))
    return Gazetteer(forms)


# Endings an inner word of a name takes: plurals ("Panzerhaubitzen 2000", "Leopards 2") and the case endings of the
# languages that decline a name before its model number ("Leopardy 2", "Leopardów 2A6", "Leopardů 2A6", "Leopardov
# 2A4", "Taurusa KEPD 350", "Леопарди 2A4", "Леопардами 2"; issue 13).
_INNER_ENDINGS = ("s", "n", "en", "es", "a", "u", "y", "e", "i", "ów", "ami", "ach", "om", "ů", "ům", "ov", "ų", "us",
                  "ai", "os", "ams", "ia", "ii", "ul", "uri")
_INNER_ENDINGS_CYRILLIC = ("а", "у", "и", "і", "ів", "ов", "ам", "ами", "ах", "ом", "ы", "ев", "ове")


def _inflected_words(alias: str) -> list[str]:
    """``alias`` and, for a name of several words, each inner word with a plural or case ending (``_INNER_ENDINGS``)."""
    words = alias.split(" ")
    out = [alias]
    for i, w in enumerate(words[:-1]):
        if len(w) >= 4 and w.isalpha() and not w.isupper():
            endings = _INNER_ENDINGS if _latin(w) else _INNER_ENDINGS_CYRILLIC
            out.extend(" ".join([*words[:i], w + suffix, *words[i + 1:]]) for suffix in endings)
    return out


def _latin(name: str) -> bool:
    return all(c < "\u0250" for c in name)


def _possessive(form: str) -> int:
    # "Germany's", "Deutschlands", "Britain's": one or two letters after a whole name; a name of three letters
    # takes only "'s" ("Man", the Isle of Man, is not "Many" or "Mane")
    return 0 if len(form) <= 3 else 2 if form[-1:].isalpha() else 0
