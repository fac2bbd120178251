"""Round 2 on stances (issue 13): support stated in ordinary words, as corpus d's texts state it, in hand-written
sentences (none copied from a case): a party that is helping Ukraine, says Ukraine must win, will keep delivering
weapons, weighs what else it can send, is resolute in its support or backs the course of supporting Ukraine."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor
from tests.ingest.records import stances


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


SUPPORT = [
    # helping Ukraine, present tense
    ('en', 'Norway is helping Ukraine with training and equipment.', 'NO'),
    ('uk', 'Литва допомагає Україні у відновленні енергетики.', 'LT'),
    ('pl', 'Litwa pomaga Ukrainie od pierwszego dnia wojny.', 'LT'),
    ('de', 'Dänemark hilft der Ukraine, wo es kann.', 'DK'),
    ('es', 'Portugal ayuda a Ucrania con formación de pilotos.', 'PT'),
    ('it', "La Grecia aiuta l'Ucraina con munizioni.", 'GR'),
    ('cs', 'Slovensko pomáhá Ukrajině s opravami techniky.', 'SK'),
    ('nl', 'België helpt Oekraïne met training.', 'BE'),
    # Ukraine must win (said by a donor)
    ('en', 'Ukraine must win this war, the Danish prime minister said.', 'DK'),
    ('de', 'Die Ukraine muss diesen Krieg gewinnen, sagte der finnische Präsident.', 'FI'),
    ('fr', "L'Ukraine doit gagner cette guerre, a déclaré le Premier ministre belge.", 'BE'),
    ('pl', 'Ukraina musi wygrać tę wojnę - powiedział premier Litwy.', 'LT'),
    ('cs', 'Ministr řekl, že Ukrajina musí vyhrát, uvedlo Slovensko.', 'SK'),
    ('uk', 'Україна повинна перемогти, заявив президент Латвії.', 'LV'),
    ('ro', 'Ucraina trebuie să câștige, a spus premierul Poloniei.', 'PL'),
    ('et', 'Läti peaminister ütles: „Ukraina peab võitma!“', 'LV'),
    # will keep delivering weapons or aid
    ('cs', 'Slovensko bude i nadále dodávat zbraně Ukrajině.', 'SK'),
    ('sk', 'Česko bude naďalej posielať zbrane na Ukrajinu.', 'CZ'),
    ('en', 'Sweden will continue to send weapons to Ukraine.', 'SE'),
    # weighing what else can be sent
    ('sk', 'Ministerka uviedla, že Slovensko posudzuje, čo ešte môže Ukrajine zo svojich skladov poslať.', 'SK'),
    ('cs', 'Ministr uvedl, že Polsko zvažuje, co ještě může Ukrajině ze svých zásob poslat.', 'PL'),
    ('en', 'Finland is looking at what else it can send to Ukraine.', 'FI'),
    # resolute support; the course of supporting Ukraine
    ('en', 'The Dutch government is resolute in its support for Ukraine.', 'NL'),
    ('fr', "Le Premier ministre belge a dit : « Il faut continuer dans cette voie. »", 'BE'),
    ('ro', 'Ministrul a spus că Bulgaria sprijină această direcție.', 'BG'),
]


@pytest.mark.parametrize(("lang", "text", "party"), SUPPORT)
def test_support_in_ordinary_words(ex: Extractor, lang: str, text: str, party: str) -> None:
    assert (party, "supportive") in stances(ex, text, lang)


NOT_SUPPORT = [
    ('en', 'Hungary is not helping Ukraine.'),
    ('pl', 'Węgry nie pomagają Ukrainie.'),
    ('de', 'Ungarn hilft der Ukraine nicht.'),
    ('en', 'President Zelensky said Ukraine must win.'),
]


@pytest.mark.parametrize(("lang", "text"), NOT_SUPPORT)
def test_no_support_where_negated_or_said_by_the_recipient(ex: Extractor, lang: str, text: str) -> None:
    assert not any(s == "supportive" for _, s in stances(ex, text, lang))


# a refusal whose clause leaves its subject out, after a government word: the government of the main clause's
# party refuses, not the party of the subordinate clause before ("Hungary agreed that the EU may send arms, but the
# government ... will not")
GOVERNMENT_REFUSES = [
    ('en', 'Austria agreed that the EU may send weapons to Ukraine, but the government takes no part in it and will '
           'not send weapons.', 'AT'),
    ('de', 'Österreich stimmte zu, dass die EU Waffen an die Ukraine liefern darf, aber die Regierung beteiligt sich '
           'nicht daran und wird keine Waffen liefern.', 'AT'),
    ('hu', 'Szlovákia hozzájárult, hogy az Európai Unió fegyvereket szállíthasson Ukrajnába, de a kormány ebben nem '
           'vesz részt, és nem küld fegyvereket.', 'SK'),
]


@pytest.mark.parametrize(("lang", "text", "party"), GOVERNMENT_REFUSES)
def test_refusal_after_a_government_word_is_the_main_clause_party(ex: Extractor, lang: str, text: str,
                                                                   party: str) -> None:
    found = stances(ex, text, lang)
    assert (party, "non-lethal-only") in found
    assert ("EU", "non-lethal-only") not in found


# a verbless headline refusal of one item, set against what is sent: "No X for Ukraine, but Y" excludes X
HEADLINE_REFUSALS = [
    ('en', 'No full Danish Patriot system for Ukraine, but two launchers and missiles.', 'DK'),
    ('nl', 'Geen Nederlands Patriot-systeem voor Oekraïne, maar wel raketten.', 'NL'),
    ('de', 'Kein deutsches Patriot-System für die Ukraine, aber zwei Startgeräte.', 'DE'),
    ('fr', "Pas de système Patriot belge pour l'Ukraine, mais des missiles.", 'BE'),
]


@pytest.mark.parametrize(("lang", "text", "party"), HEADLINE_REFUSALS)
def test_verbless_refusal_against_what_is_sent(ex: Extractor, lang: str, text: str, party: str) -> None:
    assert (party, "excludes:patriot") in stances(ex, text, lang)


def test_no_more_is_no_headline_refusal(ex: Extractor) -> None:
    assert stances(ex, "No more than two Patriot systems went to Ukraine, but Germany sent missiles.", "en") == set()


# support stated, then "and will continue" with nothing after it: the continuation is of that support
CONTINUED = [
    ('bg', 'Румъния направи много за подкрепата на Украйна и ще продължи.', 'RO'),
    ('en', 'Norway has supported Ukraine from the start and will continue to do so.', 'NO'),
    ('pl', 'Litwa wspiera Ukrainę od początku i będzie to robić nadal.', 'LT'),
    ('uk', 'Литва підтримує Україну від початку і будемо це робити надалі.', 'LT'),
]


@pytest.mark.parametrize(("lang", "text", "party"), CONTINUED)
def test_support_and_will_continue(ex: Extractor, lang: str, text: str, party: str) -> None:
    assert (party, "supportive") in stances(ex, text, lang)


def test_a_question_about_continuing_is_no_support(ex: Extractor) -> None:
    assert stances(ex, "Подкрепата за Украйна и ще продължи ли тя, попита журналистът.", "bg") == set()
