"""Names of parties and items in many languages and forms, from one automaton."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allyplan.ingest import Extractor
from allyplan.ingest.gazetteer import Gazetteer
from allyplan.ingest.text import fold


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer.build()


@pytest.mark.parametrize(("text", "code"), [
    ("Tyskland", "DE"), ("Γερμανία", "DE"), ("Niemcy", "DE"), ("Německo", "DE"),  # pycountry's translations
    ("Deutschlands", "DE"), ("Німеччини", "DE"), ("Норвегією", "NO"), ("Italії", None),
    ("Washington", "US"), ("Londres", "GB"), ("Рим", "IT"), ("Риму", "IT"), ("Berlin", "DE"),
    ("the Dutch government", "NL"), ("le gouvernement italien", "IT"), ("італійський уряд", "IT"),
    ("Pistorius", "DE"), ("the Pentagon", "US"), ("Bundesregierung", "DE"), ("США", "US"),
    # a stem inside a name of several words ("Spojen* stát*", "Європейськ* Союз*")
    ("Spojených států", "US"), ("Європейського Союзу", "EU"), ("Velké Británie", "GB"), ("spojenci", None),
    ("Nederlandene", "NL"), ("República Checa", "CZ"), ("Conseil fédéral", "CH"),
])
def test_party_names(g: Gazetteer, text: str, code: str | None) -> None:
    codes = [m.code for m in g.find(text) if not m.is_item]
    assert codes == ([code] if code else [])


@pytest.mark.parametrize("text", ["малі села", "the EUR rate", "a patriot at heart", "franchir le pas", "help us"])
def test_ordinary_words_are_not_names(g: Gazetteer, text: str) -> None:
    assert g.find(text) == []


@pytest.mark.parametrize(("text", "item"), [
    ("Patriots", "patriot"), ("IRIS-T SLM", "iris-t-slm"), ("Taurus-Marschflugkörper", "taurus"),
    ("Panzerhaubitzen 2000", "pzh-2000"), ("des générateurs", "generator"), ("155 мм", "shell-155mm"),
    ("lightweight multirole missiles", "lmm"), ("PATRIOT", "patriot"), ("storm shadow", "storm-shadow"),
])
def test_item_names(g: Gazetteer, text: str, item: str) -> None:
    assert [m.code for m in g.find(text) if m.is_item] == [item]


@given(st.text(max_size=200))
def test_fold_keeps_offsets(s: str) -> None:
    assert len(fold(s)) == len(s)


@pytest.mark.parametrize(("text", "codes"), [
    ("l'arma italo-francese Samp-T", []), ("der deutsch-französische Panzer", []), ("German-made ammunition", []),
    ("le système franco-italien", []), ("Turkish and Romanian ships", ["TR", "RO"]),
    ("the Italian government", ["IT"]),
])
def test_a_demonym_in_a_hyphenated_compound_names_no_party(g: Gazetteer, text: str, codes: list[str]) -> None:
    """A joint product ("italo-francese") or a maker ("German-made") is not a party acting (issue 13)."""
    assert [m.code for m in g.find(text) if m.is_party] == codes


@pytest.mark.parametrize(("text", "code"), [
    ("Almanya'dan", "DE"), ("Türkiye'nin", "TR"), ("Fransa’ya", "FR"), ("Hollanda'nın", "NL"),
    ("Polonya'ya", "PL"), ("ABD'nin", "US"), ("İsveç'ten", "SE"),
])
def test_turkish_case_suffixes_after_an_apostrophe(g: Gazetteer, text: str, code: str) -> None:
    """The ending belongs to the mention ("Almanya'dan" is "from Germany"), so the extractor can read its case."""
    assert [(m.code, m.text) for m in g.find(text) if m.is_party] == [(code, text)]


@pytest.mark.parametrize(("text", "mention"), [("Germany's tanks", "Germany"), ("Britain's", "Britain"),
                                               ("Ukraine'll", "Ukraine")])
def test_english_clitics_are_no_part_of_a_name(g: Gazetteer, text: str, mention: str) -> None:
    assert [m.text for m in g.find(text) if m.is_party] == [mention]


# "the German government" in the languages whose adjectives ISO does not list (issue 13)
GOVERNMENTS = [
    ("hu", "A német kormány két Patriot rendszert küld Ukrajnának.", "DE"),
    ("tr", "Alman hükümeti Ukrayna'ya iki Patriot sistemi gönderecek.", "DE"),
    ("bg", "Германското правителство ще изпрати на Украйна две системи Patriot.", "DE"),
    ("lt", "Vokiečių vyriausybė perduos Ukrainai dvi Patriot sistemas.", "DE"),
    ("pt", "O governo alemão vai enviar dois sistemas Patriot para a Ucrânia.", "DE"),
    ("cs", "Italská vláda pošle Ukrajině dva systémy SAMP/T.", "IT"),
    ("hu", "Az olasz kormány két SAMP/T rendszert küld Ukrajnának.", "IT"),
    ("tr", "İtalyan hükümeti Ukrayna'ya iki SAMP/T sistemi gönderecek.", "IT"),
    ("cs", "Nizozemská vláda pošle Ukrajině dva systémy Patriot.", "NL"),
    ("hu", "A holland kormány két Patriot rendszert küld Ukrajnának.", "NL"),
    ("tr", "İngiliz hükümeti Ukrayna'ya iki Patriot sistemi gönderecek.", "GB"),
    ("hu", "A francia kormány két SAMP/T rendszert küld Ukrajnának.", "FR"),
    ("cs", "Polská vláda pošle Ukrajině dva systémy Patriot.", "PL"),
    ("hu", "A lengyel kormány két Patriot rendszert küld Ukrajnának.", "PL"),
    ("cs", "Španělská vláda pošle Ukrajině dva systémy Patriot.", "ES"),
    ("lv", "Vācu valdība nosūtīs Ukrainai divas Patriot sistēmas.", "DE"),
    ("sv", "Den polska regeringen skickar två Patriot-system till Ukraina.", "PL"),
    ("fi", "Puolalainen hallitus lähettää Ukrainalle kaksi Patriot-järjestelmää.", "PL"),
    ("ro", "Guvernul italian va trimite Ucrainei două sisteme SAMP/T.", "IT"),
]


@pytest.mark.parametrize(("lang", "text", "party"), GOVERNMENTS)
def test_a_government_named_by_its_adjective(extractor: Extractor, lang: str, text: str, party: str) -> None:
    r = extractor.extract(text, lang)
    assert {(p.donor, p.status, p.quantity) for p in r.pledges} == {(party, "committed", 2.0)}


@pytest.mark.parametrize(("text", "item"), [
    ("системи Петріот", "patriot"), ("два комплекси Петріотів", "patriot"), ("танки Леопард-2", "leopard-2a4"),
    ("Леопардів 1", "leopard-1a5"), ("31 Абрамс", "abrams-m1a1"), ("зенітні установки Гепард", "gepard"),
    ("ПЗРК Стінгер", "stinger"), ("НАСАМС", "nasams"), ("ІРІС-Т", "iris-t-slm"), ("ракети Сторм Шедоу", "storm-shadow"),
    ("гаубиці М777", "m777"), ("САМП/Т", "samp-t"), ("ракети Таурус", "taurus"),
    ("патріоти країни", None), ("патриотите", None), ("гепард у зоопарку", None),  # lower case: the plain word
])
def test_catalog_names_written_in_cyrillic(g: Gazetteer, text: str, item: str | None) -> None:
    assert [m.code for m in g.find(text) if m.is_item] == ([item] if item else [])
