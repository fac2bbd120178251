"""The weakest languages' morphology and word order (issue 13, helper "langs"): a thing that arrived "from" a party
with no subject of its own (the source before or after the verb and the place it reached), Polish verbs of
contributing ("dorzuciła", "dołożyli") and the people named for their country ("Polacy"), Danish and Norwegian
passives in -s ("doneres af Danmark", "leveredes")."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor


def pledges(ex: Extractor, text: str, lang: str) -> set[tuple]:
    return {(p.donor, p.item, p.status, p.quantity) for p in ex.extract(text, lang).pledges}


@pytest.mark.parametrize(("text", "lang", "want"), [
    # arrival verbs: the source of what arrived gives it, wherever the source stands
    ("Kolejne czołgi Leopard 2A6 trafiły na Ukrainę z Niemiec.", "pl", {("DE", "leopard-2a6", "delivered", None)}),
    ("Z Niemiec na Ukrainę trafiły czołgi Leopard 2A6.", "pl", {("DE", "leopard-2a6", "delivered", None)}),
    ("New Leopard 2A6 tanks arrived in Ukraine from Germany.", "en", {("DE", "leopard-2a6", "delivered", None)}),
    ("From Germany, Leopard 2A6 tanks arrived in Ukraine.", "en", {("DE", "leopard-2a6", "delivered", None)}),
    ("Iš Vokietijos į Ukrainą atvyko tankai Leopard 2A6.", "lt", {("DE", "leopard-2a6", "delivered", None)}),
    # Polish verbs of contributing, the subject after the verb
    ("Trzy czołgi Leopard 2A6 dorzuciła też Portugalia.", "pl", {("PT", "leopard-2a6", "committed", 3)}),
    ("Swoje czołgi Leopard 2A4 dołożyli do tego Norwegowie, Kanadyjczycy i Hiszpanie.", "pl",
     {("NO", "leopard-2a4", "committed", None), ("CA", "leopard-2a4", "committed", None),
      ("ES", "leopard-2a4", "committed", None)}),
    ("Polacy przekazali Ukrainie czołgi Leopard 2A4.", "pl", {("PL", "leopard-2a4", "delivered", None)}),
    # Danish and Norwegian passives in -s: present committed, past delivered; the agent after "af"/"av"
    ("19 Caesar-haubitser doneres af Danmark.", "da", {("DK", "caesar", "committed", 19)}),
    ("Våbnene leveredes af Danmark i januar: 19 Caesar-haubitser.", "da", {("DK", "caesar", "delivered", 19)}),
    ("Åtte Leopard 2A4 doneres av Norge.", "nb", {("NO", "leopard-2a4", "committed", 8)}),
])
def test_weak_language_forms(extractor: Extractor, text: str, lang: str, want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


@pytest.mark.parametrize(("text", "lang"), [
    # a party the thing was bought from sells it: no gift
    ("Leopard 2A6 tanks bought from Germany arrived in Ukraine.", "en"),
    # "dołożyć wszelkich starań" is to make every effort, no contribution
    ("Polska dołoży wszelkich starań.", "pl"),
])
def test_no_pledge(extractor: Extractor, text: str, lang: str) -> None:
    assert pledges(extractor, text, lang) == set()


def policies(ex: Extractor, text: str, lang: str) -> set[tuple]:
    return {(p.party, p.stance) for p in ex.extract(text, lang).policies}


@pytest.mark.parametrize(("text", "lang", "party"), [
    # a party that steps up, strengthens or increases its support for Ukraine supports it
    ("Lietuva stiprins paramą Ukrainai.", "lt", "LT"),
    ("Latvija stiprinās atbalstu Ukrainai.", "lv", "LV"),
    ("Eesti suurendab toetust Ukrainale.", "et", "EE"),
    ("Polska zwiększy wsparcie dla Ukrainy.", "pl", "PL"),
    ("Polskie wsparcie dla Ukrainy jest kontynuowane.", "pl", "PL"),
    ("Česko posílí podporu Ukrajině.", "cs", "CZ"),
    ("Slovensko posilní podporu Ukrajine.", "sk", "SK"),
    ("България ще увеличи подкрепата си за Украйна.", "bg", "BG"),
    ("Nederland wil de steun aan Oekraïne verder opvoeren.", "nl", "NL"),
    ("Schoof zei dat de Nederlandse steun aan Oekraïne onverminderd doorgaat.", "nl", "NL"),
    ("Portugal vai reforçar o apoio à Ucrânia.", "pt", "PT"),
    ("Magyarország erősíti Ukrajna támogatását.", "hu", "HU"),
    ("Польща посилить підтримку України.", "uk", "PL"),
    ("\"Budeme Ukrajinu podporovat,\" řekl premiér Fiala.", "cs", "CZ"),
])
def test_stepping_up_support_is_supportive(extractor: Extractor, text: str, lang: str, party: str) -> None:
    assert (party, "supportive") in policies(extractor, text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Magyarország nem növeli Ukrajna támogatását.", "hu"),
    # the countries of a relative clause support Ukraine, not the subject
    ("Fico deklaroval, že Slovensko nebude patriť medzi krajiny, ktoré budú Ukrajinu podporovať vojensky.", "sk"),
])
def test_no_supportive_stance(extractor: Extractor, text: str, lang: str) -> None:
    assert not any(s == "supportive" for _, s in policies(extractor, text, lang))


@pytest.mark.parametrize(("text", "lang", "want"), [
    # a part named before its whole: the first count is what is given
    ("Italy delivered two of its five SAMP/T systems to Ukraine.", "en", {("IT", "samp-t", "delivered", 2)}),
    ("L'Italia ha consegnato due dei suoi cinque sistemi Samp-T all'Ucraina.", "it",
     {("IT", "samp-t", "delivered", 2)}),
    ("Polska przekazała dwa ze swoich pięciu systemów Patriot.", "pl", {("PL", "patriot", "delivered", 2)}),
    ("La France livrera deux de ses six systèmes SAMP/T.", "fr", {("FR", "samp-t", "committed", 2)}),
    ("Germany delivered 14 of the 18 Leopard 2A6 tanks.", "en", {("DE", "leopard-2a6", "delivered", 14)}),
    # a range gives no one number
    ("Germany will deliver 5 to 10 Patriot systems.", "en", {("DE", "patriot", "committed", None)}),
    ("Germany will deliver a total of 10 Patriot systems.", "en", {("DE", "patriot", "committed", 10)}),
    # a unit of a system is one
    ("La Germania ha deciso di fornire all'Ucraina un'unità di Patriot.", "it", {("DE", "patriot", "committed", 1)}),
])
def test_counts(extractor: Extractor, text: str, lang: str, want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


@pytest.mark.parametrize(("text", "lang", "party"), [
    ("Радев заяви, че България не трябва да бъде въвличана във войната.", "bg", "BG"),
    ("Fico tvrdí, že vojenské riešenie konfliktu neexistuje.", "sk", "SK"),
    ("Babiš tvrdí, že vojenské řešení konfliktu neexistuje.", "cs", "CZ"),
    ("Lietuva ragina nutraukti ugnį.", "lt", "LT"),
    ("Orbán szerint nincs katonai megoldás a háborúra.", "hu", "HU"),
])
def test_cautious(extractor: Extractor, text: str, lang: str, party: str) -> None:
    assert (party, "cautious") in policies(extractor, text, lang)


@pytest.mark.parametrize(("text", "lang", "want"), [
    # Polish: the destination before a future verb of arriving, the source after it
    ("Do Ukrainy trafi 14 czołgów Leopard 2A4 z Polski.", "pl", {("PL", "leopard-2a4", "committed", 14)}),
    ("Na Ukrainę wkrótce trafią czołgi Leopard 2A6 z Niemiec.", "pl", {("DE", "leopard-2a6", "committed", None)}),
    # a delivery noun that is planned, its agent after it ("da parte dell'Italia", "przez Niemcy", "durch")
    ("L'invio del Samp-T da parte dell'Italia è previsto per la primavera.", "it",
     {("IT", "samp-t", "committed", None)}),
    ("Przekazanie systemu Patriot przez Niemcy jest planowane na wiosnę.", "pl",
     {("DE", "patriot", "committed", None)}),
    ("Die Lieferung der Patriot-Systeme durch Deutschland ist für den Frühling geplant.", "de",
     {("DE", "patriot", "committed", None)}),
])
def test_nominal_and_arrival_forms(extractor: Extractor, text: str, lang: str, want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


@pytest.mark.parametrize(("text", "lang", "donor"), [
    # fighter aircraft the catalog lacks are still equipment given (Baltic words, MiG-29)
    ("Slovakija perdavė Ukrainai naikintuvus MiG-29.", "lt", "SK"),
    ("Slovākija nodeva Ukrainai iznīcinātājus MiG-29.", "lv", "SK"),
    ("Slovakkia andis Ukrainale üle MiG-29 hävitajad.", "et", "SK"),
])
def test_aircraft_are_equipment(extractor: Extractor, text: str, lang: str, donor: str) -> None:
    assert pledges(extractor, text, lang) == {(donor, None, "delivered", None)}


@pytest.mark.parametrize(("text", "lang", "want"), [
    # Baltic verbs of providing and delivering
    ("Lietuva jau yra pateikusi 62 šarvuotus transporterius Ukrainai.", "lt", {("LT", None, "delivered", 62)}),
    ("Latvija nogādāja Ukrainai pretgaisa aizsardzības sistēmas Stinger.", "lv",
     {("LV", "stinger", "delivered", None)}),
    ("Ministras pateikė Seimui ataskaitą.", "lt", set()),
])
def test_baltic_verbs(extractor: Extractor, text: str, lang: str, want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


@pytest.mark.parametrize(("text", "lang", "want"), [
    # artillery named as such is equipment given
    ("Danmark har givet Ukraine artilleri.", "da", {("DK", None, "delivered", None)}),
    ("Magyarország tüzérséget küld Ukrajnának.", "hu", {("HU", None, "committed", None)}),
    ("Polska przekazała Ukrainie artylerię.", "pl", {("PL", None, "delivered", None)}),
    # Estonian 'toimetas' (delivered) and Polish 'oddała' (gave away), toward Ukraine only
    ("Eesti toimetas Ukrainale laskemoona.", "et", {("EE", None, "delivered", None)}),
    ("Polska oddała Ukrainie czołgi T-72.", "pl", {("PL", None, "delivered", None)}),
    ("Prezydent oddał hołd ofiarom.", "pl", set()),
])
def test_equipment_and_verbs(extractor: Extractor, text: str, lang: str, want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


@pytest.mark.parametrize(("text", "lang", "donor"), [
    # equipment nouns the weak languages lacked
    ("Eesti andis Ukrainale üle raketid.", "et", "EE"),
    ("България изпрати на Украйна гранатомети.", "bg", "BG"),
    ("Česko poslalo Ukrajině nákladní vozy.", "cs", "CZ"),
    ("Danmark har sendt granatkastere til Ukraine.", "da", "DK"),
    ("Nederland heeft antitankwapens aan Oekraïne geleverd.", "nl", "NL"),
    ("România a donat Ucrainei tunuri.", "ro", "RO"),
])
def test_equipment_nouns(extractor: Extractor, text: str, lang: str, donor: str) -> None:
    assert {p[0] for p in pledges(extractor, text, lang)} == {donor}


def test_latvian_genitive_with_consonant_change(extractor: Extractor) -> None:
    # "raķete" has the genitive plural "raķešu" (t -> š): still missiles
    assert pledges(extractor, "Latvija neizslēdz raķešu nosūtīšanu Ukrainai.", "lv") == {
        ("LV", None, "considering", None)}


@pytest.mark.parametrize(("text", "lang", "want"), [
    # the subject put last, after the recipient with its preposition or after a many-word item
    ("Най-много боеприпаси изпрати на Украйна България.", "bg", {("BG", None, "delivered", None)}),
    ("Ha inviato all'Ucraina due batterie Samp-T la Francia.", "it", {("FR", "samp-t", "delivered", 2)}),
])
def test_subject_last(extractor: Extractor, text: str, lang: str, want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want
