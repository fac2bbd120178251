"""The status a clause's tense, aspect and mood give a pledge (issue 13, wrong status): a question asks whether a thing
will be given and commits nothing (considering); a clause that a considering verb governs ("does not rule out that
Germany sends tanks") takes the considering status of the verb that reports it; and in a verb-final language the
participle of the reported clause (Turkish "aldığını açıkladı", announced that it received) gives the status, not the
verb that reports it."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor


def pledges(ex: Extractor, text: str, lang: str) -> set[tuple]:
    return {(p.donor, p.item, p.status) for p in ex.extract(text, lang).pledges}


@pytest.mark.parametrize(("text", "lang", "want"), [
    # a headline in the interrogative mood (pt, TRAIN)
    ("Portugal enviará Leopard 2 para a Ucrânia?", "pt", {("PT", "leopard-2a4", "considering")}),
    ("The UK will send Storm Shadow missiles to Ukraine?", "en", {("GB", "storm-shadow", "considering")}),
    ("Czy Polska przekaże Ukrainie kolejne czołgi Leopard 2?", "pl", {("PL", "leopard-2a4", "considering")}),
    ("România va trimite un al doilea sistem Patriot în Ucraina?", "ro", {("RO", "patriot", "considering")}),
    ("Wird Deutschland Taurus-Marschflugkörper an die Ukraine liefern?", "de", {("DE", "taurus", "considering")}),
    ("L'Italie enverra-t-elle des SAMP/T à l'Ukraine ?", "fr", {("IT", "samp-t", "considering")}),
    ("¿Enviará España más misiles Patriot a Ucrania?", "es", {("ES", "pac-3-mse", "considering")}),
])
def test_a_question_commits_nothing(extractor: Extractor, text: str, lang: str, want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


@pytest.mark.parametrize(("text", "lang", "want"), [
    ("Norway will send two NASAMS to Ukraine.", "en", {("NO", "nasams", "committed")}),
    ("Portugal enviará Leopard 2 para a Ucrânia.", "pt", {("PT", "leopard-2a4", "committed")}),
    # a question asked in a quote, then answered, is not the sentence of the pledge
    ("Asked whether more would come, the minister said: Norway will send two NASAMS.", "en",
     {("NO", "nasams", "committed")}),
])
def test_a_statement_still_commits(extractor: Extractor, text: str, lang: str, want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


@pytest.mark.parametrize(("text", "lang", "want"), [
    # et, TRAIN: "he certainly does not rule out that Germany one day sends tanks"
    ("Ta kindlasti ei välista, et Saksamaa ikkagi ühel päeval Leopard 2 tanke saadab.", "et",
     {("DE", "leopard-2a4", "considering")}),
    ("Pistorius does not rule out that Germany will send Leopard 2 tanks.", "en",
     {("DE", "leopard-2a4", "considering")}),
    ("Pistorius schließt nicht aus, dass Deutschland Leopard-2-Panzer liefern wird.", "de",
     {("DE", "leopard-2a4", "considering")}),
    ("Il ministro non esclude che l'Italia invierà un secondo SAMP/T.", "it", {("IT", "samp-t", "considering")}),
])
def test_what_a_considering_verb_governs_is_considered(extractor: Extractor, text: str, lang: str,
                                                       want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


@pytest.mark.parametrize(("text", "lang", "want"), [
    # what is reported after a firm verb keeps its own status
    ("Pistorius confirmed that Germany will send Leopard 2 tanks.", "en", {("DE", "leopard-2a4", "committed")}),
    ("Pevkur kinnitas, et Saksamaa saadab Leopard 2 tanke.", "et", {("DE", "leopard-2a4", "committed")}),
])
def test_what_a_firm_verb_reports_keeps_its_status(extractor: Extractor, text: str, lang: str,
                                                   want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


@pytest.mark.parametrize(("text", "lang", "want"), [
    # tr, TRAIN: "Zelensky announced that Kyiv received two Patriot systems from Germany"
    ("Zelenskiy, Kiev'in Almanya'dan iki Patriot hava savunma sistemi aldığını açıkladı.", "tr",
     {("DE", "patriot", "delivered")}),
    ("Bakan, Ukrayna'nın Almanya'dan IRIS-T sistemleri aldığını söyledi.", "tr", {("DE", "iris-t-slm", "delivered")}),
])
def test_a_reported_participle_gives_the_status(extractor: Extractor, text: str, lang: str, want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


def test_a_purchase_is_no_receipt(extractor: Extractor) -> None:
    # "the drones Ukraine bought from Turkey": bought, not given
    text = "Ukrayna, Türkiye'den satın aldığı Silahlı İnsansız Hava Araçlarını kullanıyor."
    assert not any(p.status == "delivered" for p in extractor.extract(text, "tr").pledges)


@pytest.mark.parametrize(("text", "lang", "want"), [
    # an impersonal predicate of possibility governs the clause after its complementizer
    ("It is possible that Norway will send two NASAMS to Ukraine.", "en", {("NO", "nasams", "considering")}),
    ("It is not ruled out that Germany will deliver Taurus missiles.", "en", {("DE", "taurus", "considering")}),
    ("Es ist möglich, dass Norwegen zwei NASAMS liefert.", "de", {("NO", "nasams", "considering")}),
    ("Het is niet uitgesloten dat Nederland twee Patriot-systemen levert.", "nl", {("NL", "patriot", "considering")}),
    ("Il n'est pas exclu que la France livre des canons Caesar supplémentaires.", "fr",
     {("FR", "caesar", "considering")}),
    ("É possível que Portugal envie mais tanques Leopard 2A4.", "pt", {("PT", "leopard-2a4", "considering")}),
    ("Nie jest wykluczone, że Polska przekaże Ukrainie kolejne czołgi Leopard 2A4.", "pl",
     {("PL", "leopard-2a4", "considering")}),
    ("Není vyloučeno, že Česko pošle Ukrajině další houfnice Caesar.", "cs", {("CZ", "caesar", "considering")}),
    ("Det är möjligt att Sverige skickar Leopard 2A4 till Ukraina.", "sv", {("SE", "leopard-2a4", "considering")}),
    ("Det er ikke udelukket, at Danmark sender flere Caesar-kanoner.", "da", {("DK", "caesar", "considering")}),
    ("Det er mulig at Norge sender flere NASAMS.", "nb", {("NO", "nasams", "considering")}),
    ("Este posibil ca România să trimită un al doilea sistem Patriot.", "ro", {("RO", "patriot", "considering")}),
    ("Можливо, Німеччина передасть Україні ще одну систему IRIS-T.", "uk", {("DE", "iris-t-slm", "considering")}),
    ("Не е изключено България да изпрати на Украйна още снаряди 155 мм.", "bg",
     {("BG", "shell-155mm", "considering")}),
    ("Nem kizárt, hogy Németország újabb IRIS-T rendszert küld Ukrajnának.", "hu",
     {("DE", "iris-t-slm", "considering")}),
    ("On mahdollista, että Suomi lähettää Ukrainalle Leopard 2A4 -panssarivaunuja.", "fi",
     {("FI", "leopard-2a4", "considering")}),
    ("Pole välistatud, et Eesti saadab Ukrainale veel haubitsaid Caesar.", "et", {("EE", "caesar", "considering")}),
    ("Neatmetama, kad Lietuva perduos Ukrainai daugiau NASAMS.", "lt", {("LT", "nasams", "considering")}),
    ("Nav izslēgts, ka Latvija nosūtīs Ukrainai vēl Stinger raķetes.", "lv", {("LV", "stinger", "considering")}),
    ("Nie je vylúčené, že Slovensko pošle Ukrajine ďalšie systémy Patriot.", "sk", {("SK", "patriot", "considering")}),
])
def test_what_a_predicate_of_possibility_governs_is_considered(extractor: Extractor, text: str, lang: str,
                                                               want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


@pytest.mark.parametrize(("text", "lang", "want"), [
    # a clause of its own after a comma and a joiner, or no complementizer: the possibility does not reach it
    ("It is possible that talks go on, and Germany has promised two IRIS-T systems.", "en",
     {("DE", "iris-t-slm", "committed")}),
    ("It is likely to be a long war, but Germany will send Leopard 2 tanks.", "en",
     {("DE", "leopard-2a4", "committed")}),
    ("Es ist möglich, dass die Gespräche weitergehen, und Deutschland hat zwei IRIS-T zugesagt.", "de",
     {("DE", "iris-t-slm", "committed")}),
])
def test_a_possibility_does_not_reach_another_clause(extractor: Extractor, text: str, lang: str,
                                                      want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


@pytest.mark.parametrize(("text", "lang", "want"), [
    # fr, TRAIN: "announced it was working on new deliveries of Caesar": a delivery worked on is not yet decided
    ("La France avait annoncé dès octobre travailler à des nouvelles livraisons de Caesar à l'Ukraine.", "fr",
     {("FR", "caesar", "considering")}),
    ("The US is working on delivering more Patriot systems to Ukraine.", "en", {("US", "patriot", "considering")}),
    ("Deutschland arbeitet an weiteren Lieferungen von IRIS-T-Systemen.", "de", {("DE", "iris-t-slm", "considering")}),
    ("Polska pracuje nad dostawą kolejnych czołgów Leopard 2A4.", "pl", {("PL", "leopard-2a4", "considering")}),
    ("Nederland werkt aan de levering van Patriot-systemen.", "nl", {("NL", "patriot", "considering")}),
])
def test_a_delivery_worked_on_is_considered(extractor: Extractor, text: str, lang: str, want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


@pytest.mark.parametrize(("text", "lang", "want"), [
    # a question word asks about what the question takes as given: the pledge keeps its status
    ("Warum liefert Deutschland Leopard-2-Panzer an die Ukraine?", "de", {("DE", "leopard-2a4", "committed")}),
    ("¿Por qué España enviará más misiles Patriot a Ucrania?", "es", {("ES", "pac-3-mse", "committed")}),
    ("Dlaczego Polska przekaże Ukrainie czołgi Leopard 2?", "pl", {("PL", "leopard-2a4", "committed")}),
])
def test_a_question_word_keeps_the_status(extractor: Extractor, text: str, lang: str, want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want
