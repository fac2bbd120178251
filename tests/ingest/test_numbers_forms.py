"""Counts written as words in the coalition's languages (issue 13): approximate counts by a noun ("une dizaine",
"a dozen", "zwei Dutzend"), vague counts that give no quantity ("several hundred", "hundreds of", "kilka tysięcy"),
and amounts in the coalition's own currencies (kroner, kronor, korun, forint, lei, leva, lira). Hand-made
sentences, none taken from a case."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allyplan.ingest.numbers import find_numbers
from allyplan.ingest.rules import Rules


def values(text: str, lang: str) -> list[tuple[float, str | None]]:
    return [(n.value, n.money) for n in find_numbers(text, Rules.load(lang))]


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "a dozen tanks", [(12.0, None)]),
    ("en", "two dozen drones", [(24.0, None)]),
    ("fr", "une quarantaine de missiles", [(40.0, None)]),
    ("fr", "une dizaine de chars", [(10.0, None)]),
    ("de", "ein Dutzend Panzer", [(12.0, None)]),
    ("de", "zwei Dutzend Drohnen", [(24.0, None)]),
    ("es", "una docena de tanques", [(12.0, None)]),
    ("it", "una decina di carri armati", [(10.0, None)]),
    ("it", "una ventina di obici", [(20.0, None)]),
    ("pt", "uma dezena de blindados", [(10.0, None)]),
    ("da", "et dusin kampvogne", [(12.0, None)]),
    ("cs", "tucet tanků", [(12.0, None)]),
])
def test_a_count_given_by_a_noun(lang: str, text: str, want: list[tuple[float, str | None]]) -> None:
    assert values(text, lang) == want


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "hundreds of transformers"), ("en", "several thousand rounds"), ("en", "tens of thousands of shells"),
    ("en", "dozens of drones"),
    ("fr", "des centaines de générateurs"), ("fr", "plusieurs milliers d'obus"),
    ("de", "Hunderte Generatoren"), ("de", "mehrere tausend Schuss"), ("de", "Dutzende Panzer"),
    ("es", "cientos de generadores"), ("es", "varios miles de proyectiles"),
    ("it", "centinaia di generatori"), ("it", "diverse migliaia di proiettili"),
    ("pl", "kilka tysięcy pocisków"), ("pl", "setki generatorów"),
    ("uk", "кілька тисяч снарядів"), ("uk", "сотні генераторів"),
    ("da", "flere tusinde granater"), ("sv", "flera tusen granater"), ("nb", "flere tusen granater"),
])
def test_a_vague_count_gives_no_number(lang: str, text: str) -> None:
    assert values(text, lang) == []


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("pl", "3 tysiące pocisków", [(3000.0, None)]),          # a scale after digits stays a count
    ("uk", "три тисячі снарядів", [(3000.0, None)]),
    ("en", "about 200 tanks", [(200.0, None)]),              # approximate digits keep their value
    ("cs", "munice za 37 milionů korun", [(37e6, "CZK")]),
    ("cs", "balík za 500 milionů Kč", [(500e6, "CZK")]),
    ("sv", "stöd för 500 miljoner kronor", [(500e6, "SEK")]),
    ("da", "pakken til 1,5 mia. kroner", [(1.5e9, "DKK")]),
    ("nb", "300 millioner kroner", [(300e6, "NOK")]),
    ("hu", "10 milliárd forint értékben", [(10e9, "HUF")]),
    ("ro", "pachetul de 100 de milioane de lei", [(100e6, "RON")]),
    ("bg", "помощ за 200 милиона лева", [(200e6, "BGN")]),
    ("tr", "100 milyon lira değerinde", [(100e6, "TRY")]),
])
def test_scales_and_currencies(lang: str, text: str, want: list[tuple[float, str | None]]) -> None:
    assert values(text, lang) == want


@given(st.integers(min_value=2, max_value=999))
def test_digits_before_a_vague_word_stay(n: int) -> None:
    """A vague word only ever drops a number after it or inside it, never digits before it."""
    assert values(f"{n} tanks and hundreds of drones", "en") == [(float(n), None)]


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("pl", "dwadzieścia pięć czołgów", 25.0), ("cs", "dvacet pět tanků", 25.0), ("tr", "yirmi beş tank", 25.0),
    ("uk", "двадцять п'ять танків", 25.0), ("ro", "douăzeci și cinci de tancuri", 25.0),
    ("bg", "двадесет и пет танка", 25.0), ("lt", "dvidešimt penki tankai", 25.0), ("lv", "divdesmit pieci tanki", 25.0),
    ("et", "kakskümmend viis tanki", 25.0), ("uk", "сто двадцять танків", 120.0),
    ("pl", "sto dwadzieścia tysięcy pocisków", 120000.0), ("pl", "dwadzieścia tysięcy pocisków", 20000.0),
])
def test_a_number_in_several_words_is_one_number(lang: str, text: str, want: float) -> None:
    """Without text2num, the parts of a number written as words add up ("twenty five"), and the scale word after
    them is not a second number."""
    assert values(text, lang) == [(want, None)]


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("pl", "dwa trzy", [2.0, 3.0]),                       # a smaller number first is no compound
    ("bg", "двадесет танка и пет самолета", [20.0, 5.0]),  # a noun between: two counts
    ("pl", "dwadzieścia, pięć", [20.0, 5.0]),
    ("sk", "poskytne päť rakiet, ak spojenci prispejú 30 raketami", [5.0, 30.0]),  # digits later are no part
])
def test_separate_number_words_stay_separate(lang: str, text: str, want: list[float]) -> None:
    assert [v for v, _ in values(text, lang)] == want


@given(st.integers(min_value=2, max_value=9), st.integers(min_value=1, max_value=9))
def test_tens_and_units_add_up_in_polish(tens: int, units: int) -> None:
    words = {v: k for k, v in Rules.load("pl").number_words.items()}
    if tens * 10 not in words or units not in words:
        return
    assert values(f"{words[tens * 10]} {words[units]} czołgów", "pl") == [(tens * 10.0 + units, None)]


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "12,400 rounds of 35mm ammunition", [12400.0]),
    ("en", "10,000 155 mm shells", [10000.0]),
    ("uk", "10 тисяч 155-мм снарядів", [10000.0]),
    ("de", "20 Kanonen mit 120 Millimeter Kaliber", [20.0]),
    ("fr", "six canons de 155 millimètres", [6.0]),
])
def test_a_calibre_is_no_count(lang: str, text: str, want: list[float]) -> None:
    """A number followed by millimetres is the calibre of what is counted, not a count (issue 13)."""
    assert [v for v, _ in values(text, lang)] == want


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("pl", "czternaście czołgów", 14.0), ("pl", "sześćdziesiąt pięć rakiet", 65.0),
    ("cs", "dvě stě raket", 200.0), ("cs", "osmnáct tanků", 18.0), ("sk", "trinásť húfnic", 13.0),
    ("uk", "вісімнадцять систем", 18.0), ("bg", "шестнадесет танка", 16.0), ("ro", "paisprezece tancuri", 14.0),
    ("hu", "tizennégy harckocsi", 14.0), ("fi", "neljätoista panssarivaunua", 14.0),
    ("et", "kaheksateist tanki", 18.0), ("lt", "septyniolika tankų", 17.0), ("lv", "astoņpadsmit tanki", 18.0),
    ("nb", "fjorten stridsvogner", 14.0), ("sv", "sjutton stridsvagnar", 17.0), ("tr", "on dört obüs", 14.0),
    ("tr", "iki yüz füze", 200.0),
])
def test_teens_tens_and_hundreds_in_words(lang: str, text: str, want: float) -> None:
    """The languages text2num does not read: teens, tens, "ten four" (Turkish) and units times a hundred."""
    assert [v for v, _ in values(text, lang)] == [want]
