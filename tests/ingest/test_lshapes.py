"""Shapes of whole articles the extractor failed on (issue 13, round 2, helper "lshapes"): a list of parties set off
by dashes or brackets just after a noun names that noun's members, so it is the clause's subject ("Three of the EU's
five neutral countries — Ireland, Austria and Malta — are only providing non-lethal aid"), not an aside to drop (the
genitive "EU's" before it owns the noun and acts in nothing). A parenthesis holding other words than the list stays an
aside ("Germany — unlike France and Italy — ..."). Each sentence names every record it must give."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor
from allyplan.ingest.text import sentences
from tests.ingest.records import records


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


APPOSED = [
    # https://www.irishexaminer.com (corpus l, en-irishexaminer-ireland-pay-share-epf): the list between dashes
    ("en", "Three of the EU’s five neutral countries — Ireland, Austria and Malta — are only providing non-lethal aid.",
     {("IE", "policy", "non-lethal-only", None), ("AT", "policy", "non-lethal-only", None),
      ("MT", "policy", "non-lethal-only", None)}),
    ("en", "The two other neutral countries — Finland and Sweden — are also providing lethal military aid.",
     {("FI", None, "committed", None), ("SE", None, "committed", None)}),
    # made up: the same apposition in brackets, and with German dashes
    ("fr", "Deux pays voisins (la Pologne et la Slovaquie) ont déjà livré des armes à l'Ukraine.",
     {("PL", None, "delivered", None), ("SK", None, "delivered", None)}),
    ("de", "Zwei Nachbarländer Deutschlands – Polen und Tschechien – haben bereits Waffen an die Ukraine geliefert.",
     {("PL", None, "delivered", None), ("CZ", None, "delivered", None)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), APPOSED)
def test_apposed_list_is_the_subject(ex: Extractor, lang: str, text: str, want: set[tuple]) -> None:
    assert records(ex, text, lang) == want


ASIDES = [
    # made up: the parenthesis says more than the list: an aside, the subject is named before it
    ("en", "Germany — unlike France and Italy — will send weapons to Ukraine.", {("DE", None, "committed", None)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), ASIDES)
def test_aside_with_other_words_stays_aside(ex: Extractor, lang: str, text: str, want: set[tuple]) -> None:
    assert records(ex, text, lang) == want


# In Polish, Czech, Slovak and Ukrainian a past form after "by/aby/żeby/щоб" is a subjunctive, not a past: what the
# clause says was not given ("nie ma możliwości, by Polska przekazała", "apelují na spojence, aby ... darovali"); a
# request, a refusal or a purpose. A giving verb before such a clause keeps its own tense.
SUBJUNCTIVE = [
    # https://www.wp.pl (corpus l, pl-wp-polska-nie-przekaze-patriot): no possibility that Poland hands one over
    ("pl", "Polski premier Donald Tusk zapowiedział w kwietniu, że nie ma możliwości, by Polska przekazała baterię "
           "Patriotów Ukrainie.", {("PL", "policy", "excludes:patriot", None)}),
    # https://www.parlamentnilisty.cz (corpus l, cs-parlamentnilisty-slibili-nedaji-patriot): an appeal to the allies
    ("cs", "Vysocí němečtí politici, především ministryně zahraničí Annalena Baerbocková a ministr obrany Boris "
           "Pistorius, nyní apelují na spojence, aby splnili své sliby a darovali Ukrajině baterie protivzdušné a "
           "protiraketové obrany Patriot.", set()),
    # https://www.rychlenovinky.cz/cs/zahranicni/usa-uprednostni-dodavky-raket-na-ukrajinu-pred-jinymi-staty
    ("cs", "Americký ministr obrany Lloyd Austin o den později vyzval partnerské země Ukrajiny, aby jí poskytly další "
           "systémy protivzdušné obrany.", set()),
    # https://admin01.svetevity.sk/svet/96144904-ukrajinske-nebo-si-zasluzi-byt-bezpecne-ako-nebo-v-izraeli-tvrdi-zelenskyj
    ("sk", "Ukrajinskí predstavitelia dlhodobo naliehajú na západných spojencov, aby Kyjevu poskytli viac systémov "
           "protivzdušnej obrany.", set()),
    # made up: an appeal in Ukrainian
    ("uk", "Зеленський закликав союзників, щоб вони передали Україні ще дві батареї Patriot.", set()),
    # made up: the giving verb comes before the purpose clause and keeps its tense
    ("cs", "Německo předalo Ukrajině dva systémy Patriot, aby posílilo její protivzdušnou obranu.",
     {("DE", "patriot", "delivered", 2.0)}),
    ("pl", "Niemcy przekazały Ukrainie dwa systemy Patriot, aby wzmocnić jej obronę powietrzną.",
     {("DE", "patriot", "delivered", 2.0)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), SUBJUNCTIVE)
def test_subjunctive_past_is_no_delivery(ex: Extractor, lang: str, text: str, want: set[tuple]) -> None:
    assert records(ex, text, lang) == want


# An abbreviation of "among others", "for example", "that is" never ends a sentence ("m.in. Holandia i Niemcy"): the
# parties after it are the subject of the same sentence.
ABBREVIATED = [
    # https://www.wp.pl (corpus l, pl-wp-polska-nie-przekaze-patriot): the subject after the verb, after "m.in."
    ("pl", "W ostatnich tygodniach przekazanie potrzebnego sprzętu zadeklarowały m.in. Holandia i Niemcy.",
     {("NL", None, "committed", None), ("DE", None, "committed", None)}),
    # made up: German "u.a." and Norwegian "bl.a." before the subject
    ("de", "Waffen haben u.a. Deutschland und Frankreich an die Ukraine geliefert.",
     {("DE", None, "delivered", None), ("FR", None, "delivered", None)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), ABBREVIATED)
def test_abbreviation_does_not_end_the_sentence(ex: Extractor, lang: str, text: str, want: set[tuple]) -> None:
    assert records(ex, text, lang) == want


@pytest.mark.parametrize("text", [
    "Several allies, e.g. Germany and France, have sent tanks.",
    "Flere land har bl.a. Norge og Danmark sendt stridsvogner.",
    "Kraje NATO, np. Polska i Czechy, przekazały czołgi.",
])
def test_abbreviation_sentence(text: str) -> None:
    assert [s for _, _, s in sentences(text)] == [text]
