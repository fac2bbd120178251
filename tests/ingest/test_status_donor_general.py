"""Status and donor of pledges, by clause structure, in several languages (issue 13, wrong status and donor):
hand-made sentences whose answer is known."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor


def pledges(ex: Extractor, text: str, lang: str) -> set[tuple]:
    return {(p.donor, p.item, p.status) for p in ex.extract(text, lang).pledges}


# A count named after "in addition to" is the earlier delivery the news adds to, said in passing: the donor's new
# pledge of the item stands alone, not also a delivery of it.
@pytest.mark.parametrize(("text", "lang", "want"), [
    ("La France va livrer 12 canons Caesar supplémentaires à l'Ukraine, en plus des 18 déjà livrés.", "fr",
     {("FR", "caesar", "committed")}),
    ("Norge vil gi Ukraina to NASAMS-systemer til, i tillegg til to som allerede er levert.", "nb",
     {("NO", "nasams", "committed")}),
    ("Deutschland wird zwei weitere IRIS-T-Systeme liefern, zusätzlich zu den drei bereits gelieferten.", "de",
     {("DE", "iris-t-slm", "committed")}),
    ("L'Italia invierà altri due sistemi SAMP/T, oltre ai due già consegnati.", "it",
     {("IT", "samp-t", "committed")}),
    ("Danmark vil donere yderligere 19 Caesar-kanoner, ud over de 6 som allerede er leveret.", "da",
     {("DK", "caesar", "committed")}),
])
def test_a_count_beside_the_news_is_no_delivery_of_its_own(extractor: Extractor, text: str, lang: str,
                                                           want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


# A delivery noun whose verb says it has begun: delivered, by the source or agent of the noun.
@pytest.mark.parametrize(("text", "lang", "want"), [
    ("The delivery of IRIS-T systems from Germany has begun.", "en", {("DE", "iris-t-slm", "delivered")}),
    ("Die Lieferung der IRIS-T-Systeme aus Deutschland hat begonnen.", "de", {("DE", "iris-t-slm", "delivered")}),
    ("La livraison des canons Caesar par la France a commencé.", "fr", {("FR", "caesar", "delivered")}),
    ("La entrega de los obuses Caesar por España ha comenzado.", "es", {("ES", "caesar", "delivered")}),
    ("La consegna dei sistemi SAMP/T italiani è iniziata.", "it", {("IT", "samp-t", "delivered")}),
])
def test_a_delivery_that_has_begun_is_delivered(extractor: Extractor, text: str, lang: str,
                                                want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


# Talks or negotiations on a gift discuss it: considering; a decision to hold them decides nothing given.
@pytest.mark.parametrize(("text", "lang", "want"), [
    ("Germany is negotiating the delivery of IRIS-T systems.", "en", {("DE", "iris-t-slm", "considering")}),
    ("Germany agreed to hold talks on the supply of IRIS-T systems.", "en", {("DE", "iris-t-slm", "considering")}),
    ("Deutschland führt Gespräche über die Lieferung von IRIS-T-Systemen.", "de",
     {("DE", "iris-t-slm", "considering")}),
    ("La France négocie la livraison de canons Caesar.", "fr", {("FR", "caesar", "considering")}),
    ("España está en conversaciones para el envío de obuses Caesar.", "es", {("ES", "caesar", "considering")}),
    ("L'Italia è in trattative per la fornitura di sistemi SAMP/T.", "it", {("IT", "samp-t", "considering")}),
    ("Portugal negoceia o envio de tanques Leopard 2.", "pt", {("PT", "leopard-2a4", "considering")}),
    ("Польща погодилася провести переговори щодо постачання танків Leopard 2.", "uk",
     {("PL", "leopard-2a4", "considering")}),
    ("De Verenigde Staten praten al maanden over een nieuw steunpakket voor Oekraïne.", "nl",
     {("US", None, "considering")}),
])
def test_talks_on_a_gift_are_considering(extractor: Extractor, text: str, lang: str, want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


# A future in the past ("were to be delivered") and a conditional perfect reported after "that" ("ha detto che
# avrebbe inviato": would send) are what was promised: committed.
@pytest.mark.parametrize(("text", "lang", "want"), [
    ("Los obuses Caesar iban a ser entregados por España en marzo.", "es", {("ES", "caesar", "committed")}),
    ("Os tanques Leopard 2 iam ser entregues por Portugal em março.", "pt", {("PT", "leopard-2a4", "committed")}),
    ("Caesar-kanonerne skulle leveres af Danmark i marts.", "da", {("DK", "caesar", "committed")}),
    ("L'Italia ha detto che avrebbe inviato due sistemi SAMP/T.", "it", {("IT", "samp-t", "committed")}),
    ("L'Italia ha annunciato che avrebbe fornito due sistemi SAMP/T.", "it", {("IT", "samp-t", "committed")}),
])
def test_a_future_in_the_past_is_committed(extractor: Extractor, text: str, lang: str, want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


# What is said has its own giver: the verb of saying yields to the giving verb of its complement, whose subject gives
# and whose tense decides ("announced that Norway will send", German reported speech without "dass").
@pytest.mark.parametrize(("text", "lang", "want"), [
    ("Polen kündigte an, dass Norwegen weitere Waffen liefern werde.", "de", {("NO", None, "committed")}),
    ("Polen bestätigte, Norwegen habe zwei NASAMS-Systeme geliefert.", "de", {("NO", "nasams", "delivered")}),
    ("Lengyelország bejelentette, hogy Norvégia fegyvereket küld Ukrajnának.", "hu", {("NO", None, "committed")}),
])
def test_reported_speech_takes_the_giver_and_status_of_what_is_said(extractor: Extractor, text: str, lang: str,
                                                                    want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


# The agent of a passive after a two-word preposition ("de către România"): the donor.
def test_the_agent_after_a_two_word_preposition_gives(extractor: Extractor) -> None:
    text = "Sistemul Patriot a fost predat Ucrainei de către România."
    assert pledges(extractor, text, "ro") == {("RO", "patriot", "delivered")}
