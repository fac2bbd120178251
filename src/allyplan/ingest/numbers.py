"""Quantities and amounts of money in a text: digits with each language's thousands separators, number words
(text2num for the languages it knows, the rules file's word list for the others), scales and currencies.

>>> from allyplan.ingest.rules import Rules
>>> [(n.value, n.money) for n in find_numbers("5,000 missiles and $275 million", Rules.load("en"))]
[(5000.0, None), (275000000.0, 'USD')]
>>> [n.value for n in find_numbers("vier weitere Feuereinheiten, 30 000 Schuss", Rules.load("de"))]
[4.0, 30000.0]
>>> [n.value for n in find_numbers("передали три пускові установки", Rules.load("uk"))]
[3.0]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import find_numbers as _t2n_find

from allyplan.ingest.rules import Rules
from allyplan.ingest.text import fold

__all__ = ["Number", "find_numbers", "TEXT2NUM_LANGUAGES"]

#: The languages text2num reads number words in.
TEXT2NUM_LANGUAGES = frozenset({"en", "fr", "de", "es", "it", "pt", "nl", "da"})

_CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "доларів": "USD",
             "долар": "USD", "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "євро": "EUR", "£": "GBP",
             "gbp": "GBP", "pounds": "GBP", "pound": "GBP", "фунтів": "GBP", "chf": "CHF", "francs": "CHF",
             "kr": "SEK", "sek": "SEK", "nok": "NOK", "dkk": "DKK", "pln": "PLN", "zł": "PLN", "złotych": "PLN",
             "cad": "CAD", "c$": "CAD", "a$": "AUD", "aud": "AUD", "грн": "UAH", "гривень": "UAH", "uah": "UAH",
             "¥": "JPY", "jpy": "JPY", "yen": "JPY",
             # the coalition's other currencies, by their words in their languages (issue 13)
             "kroner": "DKK", "kronor": "SEK", "kč": "CZK", "czk": "CZK", "korun": "CZK",
             "koruny": "CZK", "korún": "CZK", "ron": "RON", "lei": "RON", "leva": "BGN", "лева": "BGN", "лв": "BGN",
             "bgn": "BGN", "huf": "HUF", "forint": "HUF", "forintot": "HUF", "ft": "HUF", "try": "TRY",
             "lira": "TRY", "lirası": "TRY", "₺": "TRY", "₴": "UAH", "zlotys": "PLN", "zloty": "PLN",
             "złote": "PLN", "isk": "ISK", "dollari": "USD", "dólares": "USD", "dolarů": "USD", "dolárov": "USD",
             "dolarów": "USD", "dolari": "USD", "dollaria": "USD",
             "dollarit": "USD", "dolerių": "USD", "dolāru": "USD", "dolar": "USD",
             "долара": "USD", "евро": "EUR", "eura": "EUR", "euroa": "EUR", "eurų": "EUR", "eiro": "EUR",
             "eurot": "EUR", "sterline": "GBP", "libras": "GBP", "funtów": "GBP"}
# a currency word that is another country's in a language ("kroner" in Norwegian)
_LOCAL_CURRENCY = {"nb": {"kroner": "NOK", "kr": "NOK"}, "da": {"kroner": "DKK", "kr": "DKK"}}
_CUR_BEFORE = re.compile(r"(us\$|c\$|a\$|\$|€|£|¥|₺|₴|\b(?:usd|eur|gbp|chf|cad|aud|uah|jpy|pln|sek|nok|dkk|czk|ron|"
                         r"bgn|huf|try)\b)\s?$")
_CUR_AFTER = re.compile(r"\s?(?:de |d'|di |dei )?(us\$|\$|€|£|¥|₺|₴|(?:usd|eur|gbp|chf|cad|aud|uah|jpy|pln|sek|nok|dkk|"
                        r"czk|ron|bgn|huf|try|isk|dollars?|euros?|pounds?|francs|zł|złotych|złote|zlotys?|kr|yen|євро|"
                        r"доларів|долар|фунтів|грн|гривень|kroner|kronor|kč|korun|koruny|korún|lei|leva|лева|лв|"
                        r"forint|forintot|ft|lira|lirası|dollari|dólares|dolarů|dolárov|dolarów|dolari|dollaria|"
                        r"dollarit|dolerių|dolāru|dolar|долара|евро|eura|euroa|eurų|eiro|eurot|sterline|libras|"
                        r"funtów)(?!\w))")
_PERCENT = re.compile(r"\s?(?:per ?cent|pour ?cent|prozent|por ciento|per cento|procent|відсот)")
_WORD_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# a number that is a calibre, not a count ("35mm ammunition", "155-мм снаряди", "155 millimetres")
_CALIBRE = re.compile(r"[\s-]?(?:mm|мм|millim[eè]t|milímetr|milimetr|millimétr|milliméter|millimeetri|міліметр|"
                      r"миллиметр|милиметр)(?!\w{0,6}\d)", re.IGNORECASE)
# a number that measures degrees, distance, power, weight or time, not a count of things ("a 360 gradi", "900 megawatt",
# "1.000 toneladas", "dans 3 semaines"; issue 13, Romance languages and English)
_MEASURE = re.compile(r"\s?(?:gradi|grados|graus|degrés|degres|grade|degrees|km|chilometri|kilómetros|kilometros|"
                      r"quilómetros|quilômetros|kilomètres|kilometri|kilometres|kilometers|miles|mw|megawatt\w*|kw|gw|"
                      r"tonnellate|toneladas|tonnes|tone|tons|ore|horas|heures|hours|giorni|días|dias|jours|zile|days|"
                      r"settimane|semanas|semaines|săptămâni|weeks|mesi|meses|mois|luni|months|anni|años|anos|ans|ani|"
                      r"years)(?!\w)", re.IGNORECASE)

# digits written as an ordinal ("46-й пакет", "the 46th package", "46e paquet", "46º pacote", "46-asis", "46'ncı",
# "46:e"): the rank of a package or a unit, not a count
_ORDINAL_SUFFIX = re.compile(
    r"(?:-(?:й|ий|ій|го|ого|ього|му|ому|ьому|ї|ої|ою|та|тя|те|ті|ия|ият|ата|ото|ите|asis|ąjį|ojo|oji|ąją|osios|ajam|"
    r"uoju|ųjų|lea|ik|ika|ike|ikét)|(?:st|nd|rd|th|e|è|ème|eme|er|re|ère|de|ste|º|ª|°|\.º|\.ª|esimo|esima)|"
    r"['’](?:ıncı|inci|uncu|üncü|ncı|nci|ncu|ncü)|:(?:e|a))(?!\w)", re.IGNORECASE)
# languages that write an ordinal as digits and a dot ("46. balíček", "der 46. Paket"): before a word in lower case,
# or in German after an article
_DOT_ORDINAL_LANGUAGES = frozenset({"de", "cs", "sk", "pl", "da", "nb", "no", "fi", "et", "hu", "lv", "tr", "sl",
                                    "hr"})
_DOT_ORDINAL = re.compile(r"\.[ \u00a0]+[^\W\d_A-ZÀ-ÞА-ЯЁІЇЄҐ]")
_DE_ARTICLE = re.compile(r"(?:^|\s)(?:der|die|das|dem|den|des|zum|zur|im|am|vom|beim|ein\w*|sein\w*|ihr\w*|unser\w*)"
                         r"\s+$", re.IGNORECASE)


def _digit_ordinal(text: str, a: int, b: int, language: str) -> bool:
    """Whether the digits at ``a:b`` are an ordinal by their suffix or, in the languages that write one so, a dot."""
    if _ORDINAL_SUFFIX.match(text, b):
        return True
    if language not in _DOT_ORDINAL_LANGUAGES or text[b:b + 1] != ".":
        return False
    return bool(_DOT_ORDINAL.match(text, b)) or (
        language == "de" and text[b + 1:b + 2] == " " and bool(_DE_ARTICLE.search(text, max(0, a - 12), a)))


@dataclass(frozen=True, slots=True)
class Number:
    """A number at ``start:end``: units, or an amount of money in ``money`` (an ISO 4217 code)."""

    start: int
    end: int
    value: float
    money: str | None = None
    ordinal: bool = False
    percent: bool = False
    year: bool = False


class _Tok:
    __slots__ = ("end", "start", "t")

    def __init__(self, start: int, end: int, t: str) -> None:
        self.start, self.end, self.t = start, end, t

    def text(self) -> str:
        return self.t

    def nt_separated(self, previous: object) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


# the word for "and" between the parts of a number written as words ("douăzeci și cinci", "двадесет и пет")
_NUMBER_AND = frozenset({"și", "şi", "и", "і", "й", "ja", "és", "un", "ir", "a", "og", "och", "en", "ve"})


def _adds_to(before: float, value: float, between: str) -> bool:
    """Whether a number word after ``before`` is its next part: 20 then 5, 100 then 20, 10 then 4 (Turkish "on
    dört"; and nothing but a space or an "and" between them)."""
    gap = between.strip()
    if gap and gap not in _NUMBER_AND:
        return False
    if before < 10 or value >= before:
        return False
    place = 1
    while before % (place * 10) == 0:
        place *= 10
    return place > 1 and value < place


def _approximate(raw: list[tuple[int, int, float, bool]], low: str, rules: Rules,
                 digit_ends: set[int]) -> list[tuple[int, int, float, bool]]:
    """Counts given by a noun ("une dizaine" 10, "a dozen" 12, "two dozen" 24) and numbers that are no count
    because a vague word stands next to them ("several hundred", "hundreds of", "kilka tysięcy")."""
    if rules.approx_pattern is not None and any(k in low for k in rules.approx):
        for m in rules.approx_pattern.finditer(low):
            value = float(rules.approx[m.group()])
            # the number word or digits just before it: an article ("une", "a") or a multiplier ("zwei Dutzend")
            before = [r for r in raw if r[1] <= m.start() and not low[r[1]:m.start()].strip()]
            if before:
                a, _, n, _ = before[-1]
                raw.remove(before[-1])
                raw.append((a, m.end(), value * n if n > 1 and a not in digit_ends else value, False))
            else:
                raw = [r for r in raw if not (m.start() <= r[0] < m.end())]
                raw.append((m.start(), m.end(), value, False))
    if rules.vague is not None and raw:
        # a number that is a vague word ("hundreds") or the word right after one ("several hundred"): looked for
        # around each number only, not over the whole text
        vague = rules.vague
        raw = [r for r in raw if not (vague.match(low, r[0]) or _vague_before(vague, low, r[0]))]
    return raw


def _vague_before(vague: re.Pattern[str], low: str, at: int) -> bool:
    """Whether a vague word ends just before ``at`` ("several " before "hundred")."""
    start = at - 1
    while start >= 0 and low[start].isspace():
        start -= 1
    if start == at - 1:
        return False
    for begin in range(max(0, start - 24), start + 1):  # the vague word's first letter, at most 25 letters back
        if (begin == 0 or not low[begin - 1].isalnum()) and low[begin].isalpha():
            m = vague.match(low, begin, at)
            if m is not None and m.end() == at:
                return True
    return False


@lru_cache(maxsize=64)
def _digits_pattern(thousands: tuple[str, ...], decimal: str) -> re.Pattern[str]:
    seps = "".join(re.escape(s) for s in thousands)
    dec = re.escape(decimal)
    # a number glued to a letter by a hyphen is a model's name, not a count ("F-16", "MiG-29", "T-72")
    grouped = rf"(?<![\w.,])(?<![^\W\d_]-)\d{{1,3}}(?:[{seps}]\d{{3}})+(?:{dec}\d+)?(?![\d])"
    return re.compile(grouped + rf"|(?<![\w.,])(?<![^\W\d_]-)\d+(?:{dec}\d+)?(?!\d)")


def find_numbers(text: str, rules: Rules, folded: str | None = None,
                 windows: list[tuple[int, int]] | None = None) -> list[Number]:
    """Every number in ``text``, in order, with its scale (million, billion) and currency applied.

    Number words are looked for only within ``windows`` (default: everywhere); digits everywhere.
    """
    low = fold(text) if folded is None else folded
    raw: list[tuple[int, int, float, bool]] = []
    seps = set(rules.thousands)
    for m in _digits_pattern(rules.thousands, rules.decimal).finditer(text):
        s = m.group()
        digits = "".join(ch for ch in s if ch not in seps or (ch == rules.decimal and rules.decimal not in seps))
        try:
            value = float(digits.replace(rules.decimal, ".")) if rules.decimal in digits else float(digits)
        except ValueError:
            continue
        raw.append((m.start(), m.end(), value, _digit_ordinal(text, m.start(), m.end(), rules.language)))
    raw = [r for r in raw if not _CALIBRE.match(text, r[1]) and not _MEASURE.match(text, r[1])]
    digit_ends = {b for _, b, _, _ in raw}
    if rules.language in TEXT2NUM_LANGUAGES:
        for wa, wb in windows if windows is not None else [(0, len(text))]:
            toks = [_Tok(m.start(), m.end(), m.group()) for m in _WORD_TOKEN.finditer(text, wa, wb)]
            for occ in _t2n_find(toks, rules.language, threshold=0):
                a, b = toks[occ.start].start, toks[occ.end - 1].end
                if a - 1 in digit_ends or a in digit_ends:  # "275 million": the scale of a number in digits
                    continue
                raw.append((a, b, float(occ.value), bool(occ.is_ordinal)))
    elif rules.number_words:
        words: list[tuple[int, int, float, bool]] = []
        for m in _WORD_TOKEN.finditer(low):  # a dictionary lookup per word: cheap enough everywhere
            v = rules.number_words.get(m.group())
            if v is None or m.start() - 1 in digit_ends:  # "8 тисяч": the scale of a number in digits
                continue
            if words and v == 100 and words[-1][2] < 10 and not low[words[-1][1]:m.start()].strip():
                a, _, head, _ = words.pop()  # "iki yüz" 200, "dvě stě" 200: units times a hundred
                words.append((a, m.end(), head * 100, False))
            elif words and _adds_to(words[-1][2], float(v), low[words[-1][1]:m.start()]):
                a, _, head, _ = words.pop()  # "dwadzieścia pięć" 25, "сто двадцять" 120, "douăzeci și cinci" 25
                words.append((a, m.end(), head + v, False))
            else:
                words.append((m.start(), m.end(), float(v), False))
        raw.extend(words)
    if rules.approx_pattern is not None or rules.vague is not None:
        raw = _approximate(raw, low, rules, digit_ends)
    raw.sort()
    out: list[Number] = []
    for a, b, value, ordinal in raw:
        if out and a < out[-1].end and out[-1].start < a:
            continue  # the scale word of the number before ("dwadzieścia tysięcy"), itself in the word list
        end = b
        after = low[b:b + 24]
        scale = 1.0
        sm = re.match(r"\s?", after)
        rest = after[sm.end():] if sm else after
        for pat, mult in ((rules.billion, 1e9), (rules.million, 1e6), (rules.thousand, 1e3)):
            if pat is not None:
                mm = pat.match(rest)
                if mm:
                    scale = mult
                    end = b + (sm.end() if sm else 0) + mm.end()
                    break
        money = None
        before = _CUR_BEFORE.search(low, max(0, a - 4), a)
        if before:
            money = _CURRENCY[before.group(1).strip()]
        else:
            cm = _CUR_AFTER.match(low, end)
            if cm is None and low[end:end + 1] == "." and scale > 1:  # "1,5 mia. kroner", "2 mld. Kč"
                cm = _CUR_AFTER.match(low, end + 1)
            if cm:
                money = _LOCAL_CURRENCY.get(rules.language, {}).get(cm.group(1)) or _CURRENCY.get(cm.group(1))
                end = cm.end()
        percent = low[end:end + 2].lstrip().startswith("%") or bool(_PERCENT.match(low, end))
        year = scale == 1.0 and money is None and 1900 <= value <= 2100 and float(value).is_integer() and b - a == 4
        out.append(Number(a, end, value * scale, money, ordinal, percent, year))
    return out
