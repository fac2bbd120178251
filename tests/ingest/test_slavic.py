"""Slavic languages (pl, cs, sk, uk, bg; issue 13, texts nobody here has seen): whole verb paradigms (every person,
tense and voice of the giving verbs, the first person said by a government's speaker), support stated in ordinary
words, and the office holders of the five countries in their case forms. Hand-written sentences, none copied from a
case; each rule has sentences where it must not fire."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor
from allyplan.ingest.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def pledges(ex: Extractor, text: str, lang: str) -> set[tuple[str, str | None, str]]:
    return {(p.donor, p.item, p.status) for p in ex.extract(text, lang).pledges}


def stances(ex: Extractor, text: str, lang: str) -> set[tuple[str, str]]:
    return {(p.party, p.stance) for p in ex.extract(text, lang).policies}


# the first person of a giving verb, said by a speaker named after the quote (in the sentence or the next one)
FIRST_PERSON = [
    ('pl', 'Przekażemy Ukrainie kolejne haubice Krab - powiedział premier Donald Tusk.', ('PL', None, 'committed')),
    ('pl', 'Wyślemy na Ukrainę amunicję. Będą to tysiące pocisków - zapowiedział wicepremier Kosiniak-Kamysz.',
     ('PL', None, 'committed')),
    ('pl', 'Dostarczyliśmy Ukrainie ponad 300 czołgów - przypomniał minister Błaszczak.', ('PL', None, 'delivered')),
    ('pl', 'Przekazaliśmy już Kijowowi 40 pakietów pomocy wojskowej - mówił prezydent Andrzej Duda.',
     ('PL', None, 'delivered')),
]


@pytest.mark.parametrize(("lang", "text", "want"), FIRST_PERSON)
def test_first_person_giving_verb_is_the_speakers(ex: Extractor, lang: str, text: str,
                                                   want: tuple[str, str | None, str]) -> None:
    assert want in pledges(ex, text, lang)


# other persons, tenses and voices of the giving verbs
PARADIGM = [
    ('pl', 'Niemcy prześlą Ukrainie kolejne systemy IRIS-T.', ('DE', 'iris-t-slm', 'committed')),
    ('pl', 'Dania obiecuje Ukrainie haubice Caesar.', ('DK', 'caesar', 'committed')),
    ('pl', 'Dania przesłała Ukrainie haubice Caesar.', ('DK', 'caesar', 'delivered')),
    ('pl', 'Norwegia może wkrótce przekazać Ukrainie kolejne systemy NASAMS.', ('NO', 'nasams', 'considering')),
    ('pl', 'Holandia rozważy przekazanie Ukrainie samolotów F-16.', ('NL', None, 'considering')),
]


@pytest.mark.parametrize(("lang", "text", "want"), PARADIGM)
def test_paradigm_forms(ex: Extractor, lang: str, text: str, want: tuple[str, str | None, str]) -> None:
    assert want in pledges(ex, text, lang)


# must not make a pledge
NO_PLEDGE = [
    ('pl', 'Damy radę - powiedział premier Polski o sytuacji na granicy.'),
    ('pl', 'Nie przekażemy Ukrainie naszych myśliwców - powiedział premier Polski.'),
    ('pl', 'Niemcy nie zgodzą się na przekazanie Ukrainie czołgów Leopard 2.'),
]


@pytest.mark.parametrize(("lang", "text"), NO_PLEDGE)
def test_no_pledge(ex: Extractor, lang: str, text: str) -> None:
    assert not {p for p in pledges(ex, text, lang) if p[2] in ("committed", "delivered")}


SUPPORT = [
    ('pl', 'Polska wspiera Ukrainę od pierwszego dnia wojny.', 'PL'),
    ('pl', 'Premier Czech zapewnił o dalszym wsparciu dla Ukrainy.', 'CZ'),
    ('pl', 'Litwa stoi murem za Ukrainą.', 'LT'),
    ('pl', 'Musimy dalej wspierać Ukrainę - powiedział premier Mateusz Morawiecki.', 'PL'),
]


@pytest.mark.parametrize(("lang", "text", "party"), SUPPORT)
def test_support(ex: Extractor, lang: str, text: str, party: str) -> None:
    assert (party, "supportive") in stances(ex, text, lang)


NOT_SUPPORT = [
    ('pl', 'Węgry nie wspierają Ukrainy w tej sprawie.', 'HU'),
    ('pl', 'Niemcy krytykowano za słabe wsparcie dla Ukrainy.', 'DE'),
]


@pytest.mark.parametrize(("lang", "text", "party"), NOT_SUPPORT)
def test_not_support(ex: Extractor, lang: str, text: str, party: str) -> None:
    assert (party, "supportive") not in stances(ex, text, lang)


# office holders 2022-2026 in their case forms, and words that are not them
OFFICIALS = [
    ('premiera Mateusza Morawieckiego', 'PL'), ('wicepremiera Kosiniaka-Kamysza', 'PL'), ('prezydenta Dudy', 'PL'),
    ('ministra Zbigniewa Rau', 'PL'), ('premiérem Fialou', 'CZ'), ('ministryni Černochovou', 'CZ'),
    ('prezident Pavel', 'CZ'), ('ministra Lipavského', 'CZ'), ('prezidentka Čaputová', 'SK'),
    ('ministra Blanára', 'SK'),
    ('prezidentom Pellegrinim', 'SK'), ('Олексій Резніков', 'UA'), ('Юлія Свириденко', 'UA'), ('Zełenskiego', 'UA'),
    ('Гълъб Донев', 'BG'), ('Моравецького', 'PL'),
]


@pytest.mark.parametrize(("text", "code"), OFFICIALS)
def test_office_holders(text: str, code: str) -> None:
    assert code in {m.code for m in Gazetteer.build().find(text) if m.how == "official"}


@pytest.mark.parametrize("text", ["фіалка в саду", "Pavel Novák je učitel", "Sikorsky S-70 Black Hawk",
                                  "Fica ligado ao projeto"])
def test_not_office_holders(text: str) -> None:
    assert not [m for m in Gazetteer.build().find(text) if m.how == "official"]


# single cues of a class, every form a news text may use (impersonal, passive, first person)
CUES = [
    ('pl', 'w zeszłym tygodniu wysłano na ukrainę', 'delivered'), ('pl', 'dostarczono już 20 czołgów', 'delivered'),
    ('pl', 'sprzęt może zostać przekazany', 'considering'), ('pl', 'przekazaliśmy, co mogliśmy', 'delivered'),
]


@pytest.mark.parametrize(("lang", "text", "cls"), CUES)
def test_cue_forms(lang: str, text: str, cls: str) -> None:
    from allyplan.ingest.rules import Rules
    assert cls in {c.cls for c in Rules.load(lang).cues(text)}
