"""Precision on whole published articles (issue 13, helper "fulltext"): the sentences around a pledge that a full
article has and an excerpt hides. Each case is a short excerpt of a real article (source in the comment; the
records were written down before the extractor was run, by the gold conventions of /work/shared/ingest/README.md),
or a made-up edge case where marked. Each names every (donor, item, status) it must give; any other is an error.

- a participle on the item is background to the clause's own verb: "das im Januar zugesagte ... Patriot übergeben",
  "los misiles ... Patriot, prometidos anteriormente a Kiev, ya han llegado" are deliveries, not new promises;
- a party that only qualifies a company is no donor (as one that qualifies a news outlet is not): "the German
  defence concern Rheinmetall plans to supply", "Das vom US-Unternehmen Raytheon hergestellte Waffensystem";
- what a party buys, leases or orders "from" another is no gift of that other: "die Nederland huurt van Duitsland";
- a tank or howitzer named only as what ammunition is for is not given: "munitie voor Leopard 2-tanks";
- a cue that governs a service for equipment (repair, maintenance, training, a service centre) gives no equipment:
  "jest gotowa do utworzenia centrum serwisowego ... czołgów Leopard", "a hub for servicing Leopard tanks provided";
- a promise told in the pluperfect is background to a delivery of the same item the text reports: "Die Abgabe des
  Patriot-Systems hatte die Bundesregierung Anfang Januar angekündigt" beside "... Patriot übergeben";
- an infinitive after an article with a link word after it is a noun, no commitment: "Voor het leveren van spullen
  zijn er geen taboes" ("zal het leveren": "het" is its object, the verb stays one);
- a plural noun for unnamed countries before the cue is the clause's subject, not the text's party nor the last
  donor: "Veel landen steunen Oekraïne met geld en wapens", "Many allies have already sent weapons"; and "Many" is
  no Isle of Man (a country name of three letters takes no ending);
- "such" points back as "these" does: "how many such vehicles will be handed over" is the Leopard 2A4 just named;
- a headline's model gives way to the body's variant of it for the same donor: "Leopard 2" / "Leopard 2A6".
"""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def triples(ex: Extractor, text: str, lang: str) -> set[tuple[str, str | None, str]]:
    return {(p.donor, p.item, p.status) for p in ex.extract(text, lang).pledges}


CASES = [
    # corpus j, de-androidkosmos-afp-zweites-iris-t: the attribute "das im Januar zugesagte" is background
    ("de", "Am Dienstag hatte die Bundesregierung bereits bekannt gegeben, sie habe der Ukraine das im Januar "
           "zugesagte Luftverteidigungssystem Patriot übergeben.", {("DE", "patriot", "delivered")}),
    # https://spanish.news-pravda.com/world/2024/05/06/169645.html (title and first sentence): the participle set off
    # by commas is background, the missiles have arrived
    ("es", "Jefe del Ministerio de defensa de España: Ucrania ya ha recibido un lote de misiles para el sistema de "
           "defensa aérea Patriot\nLos misiles para los sistemas de misiles antiaéreos Patriot, prometidos "
           "anteriormente a Kiev, ya han llegado a Ucrania.", {("ES", "pac-3-mse", "delivered")}),
    # made up: a party between the article and the verb is the verb's subject, not an attribute's agent
    ("en", "Germany and the US promised Patriot systems in January.", {("DE", "patriot", "committed"),
                                                                      ("US", "patriot", "committed")}),

    # https://censor.net/en/news/3487911/rheinmetall_to_supply_prototypes_of_artillery_shells_with_range_of_100_km
    ("en", "This year, the German defence concern Rheinmetall plans to supply 'hundreds of thousands' of munitions to "
           "Ukraine, including prototypes of artillery shells with a range of 100 km.", set()),
    # https://unn.ua/en/news/rheinmetall-announces-joint-venture-in-ukraine-in-the-field-of-air-defense
    ("en", "In 2024, Ukraine will receive a batch of artillery ammunition with a range of up to 100 kilometers from "
           "the German arms company Rheinmetall.", set()),
    # https://www.rtbf.be/article/guerre-en-ukraine-pourquoi-la-fourniture-du-missile-patriot-est-un-message-fort-de-la-part-de-washington-11127246
    ("fr", "Le missile Patriot a été conçu dans les années 1960 par la société américaine Raytheon pour intercepter "
           "les avions volant à haute altitude.", set()),
    # https://www.jungewelt.de/artikel/516209.ukraine-bestellt-iris-t-flugabwehrsysteme.html (a purchase, no gift)
    ("de", "Die Ukraine hat 18 Flugabwehrsysteme vom Typ »IRIS-T« beim deutschen Rüstungskonzern Diehl Defence "
           "bestellt.", set()),
    # corpus j, nl-telegraaf-munitie-leopard2: tanks the Netherlands leases from Germany
    ("nl", "Over de achttien Leopards 2-tanks die Nederland huurt van Duitsland bestond de afgelopen week verwarring.",
     set()),
    # made up: a purchase and a lease in English; a gift received "from" stays one
    ("en", "Poland bought 250 Abrams tanks from the United States last year.", set()),
    ("en", "The Netherlands leases 18 Leopard 2 tanks from Germany.", set()),
    ("en", "Ukraine received 14 Leopard 2A4 tanks from Denmark.", {("DK", "leopard-2a4", "delivered")}),
    # corpus j, nl-telegraaf-munitie-leopard2 (its title): the ammunition, not the tanks
    ("nl", "Nederland gaat munitie voor Leopard 2-tanks aan Oekraïne leveren", {("NL", None, "committed")}),
    # https://voiceofindia.news/germany-delivers-leopard-1-tanks-drones-ammunition-other-aid-to-ukraine/
    ("en", "Berlin has handed over 10 Leopard 1 A5 tanks, ammunition for Leopard 2 tanks, 8,500 rounds of 155 mm "
           "ammunition, 20 Vector reconnaissance drones with spare parts, 34 RQ-35 Heidrun reconnaissance drones, and "
           "other aid in its latest delivery of military aid to Ukraine, the German government said on May 22.",
     {("DE", "leopard-1a5", "delivered"), ("DE", "shell-155mm", "delivered"), ("DE", None, "delivered")}),
    # made up: tanks and ammunition both given
    ("en", "The Netherlands will supply Leopard 2A4 tanks and ammunition to Ukraine.",
     {("NL", "leopard-2a4", "committed"), ("NL", None, "committed")}),
    # corpus j, pl-businessinsider-leopardy-dotarly: ready to set up a service centre for the tanks
    ("pl", "Polska z kolei jest gotowa do utworzenia centrum serwisowego przekazywanych Ukrainie czołgów Leopard — "
           "powiedział w marcu minister obrony narodowej Mariusz Błaszczak.", set()),
    # https://oopstop.com/in-poland-a-hub-will-be-created-for-servicing-leopard-tanks-delivered-to-ukraine/
    ("en", "Poland will start creating a hub for servicing Leopard tanks provided to Ukraine, head of the Ministry of "
           "National Defense of Poland said Mariusz Blaszczak during the briefing on 9 March.", set()),
    # https://warsawpoint.com/news/57491-leopard-service-hub-opens-in-poland-defence-minister-says.html
    ("en", "Poland has handed over 14 Leopard 2A4 tanks to Ukraine.", {("PL", "leopard-2a4", "delivered")}),
    # made up: an offer to repair
    ("en", "Poland offered to repair Leopard 2A4 tanks damaged in Ukraine.", set()),
    # made up: the promise before the news in the pluperfect; a new pledge beside a delivery stays one
    ("en", "Norway had promised two NASAMS systems in January. Norway has now delivered two NASAMS systems to Ukraine.",
     {("NO", "nasams", "delivered")}),
    ("en", "Germany had delivered two Patriot systems last year and will send a third Patriot system.",
     {("DE", "patriot", "delivered"), ("DE", "patriot", "committed")}),
    # corpus j, nl-nieuws-hoekstra-f16-geen-taboes: "no taboos" on the giving, named as a noun
    # (after a made-up first sentence that makes the Netherlands the text's party)
    ("nl", "Minister Hoekstra sprak over de Nederlandse steun aan Oekraïne. Voor het leveren van spullen zijn er "
           "“geen taboe’s” wat betreft regulier materieel, verklaarde de minister.", set()),
    # made up: the pronoun object before the infinitive
    ("nl", "Nederland zal het leveren aan Oekraïne, en ook twee Patriot-systemen.", {("NL", "patriot", "committed")}),
    # corpus j, nl-nieuws-hoekstra-f16-geen-taboes (after the same made-up first sentence)
    ("nl", "Minister Hoekstra sprak over de Nederlandse steun aan Oekraïne. Veel landen steunen Oekraïne met geld en "
           "wapens.", set()),
    # made up: the donor of the sentence before is not the subject of "many allies"
    ("en", "Norway will send Leopard 2A4 tanks to Ukraine. Many allies have already sent weapons.",
     {("NO", "leopard-2a4", "committed")}),
    ("en", "Norway will send Leopard 2A4 tanks to Ukraine. It will also send ammunition.",
     {("NO", "leopard-2a4", "committed"), ("NO", None, "committed")}),
    # https://uatribune.com/en/many-countries-expressed-readiness-to-provide-ukraine-with-tanks-all-waiting-for-consent-of-one-country-zelensky/
    ("en", "Many countries expressed readiness to provide Ukraine with tanks, all waiting for consent of one country "
           "– Zelensky", set()),
    # corpus j, en-babel-norway-leopard-2a4 (its first paragraphs)
    ("en", "Norway will transfer Leopard 2A4 tanks to Ukraine\n\nNorwegian Defense Minister Bjorn Arild Gram "
           "confirmed that his country will send Leopard tanks to Ukraine.\n\nAccording to him, these will be "
           "Leopard 2A4. The head of the Norwegian Defense Ministry did not specify how many such vehicles will be "
           "handed over to the Ukrainians.", {("NO", "leopard-2a4", "committed")}),
    # made up: "such as" still lists examples
    ("en", "Germany will send air defence systems such as IRIS-T to Ukraine.", {("DE", "iris-t-slm", "committed")}),
    # https://news.k4s.uk/2023/01/german-government-officially-confirms-the-delivery-of-leopard-2-tanks-to-ukraine
    ("en", "German government officially confirms the delivery of ‘Leopard 2’ tanks to Ukraine\n\nThe goal is to "
           "quickly assemble two tank battalions, Germany will provide a company of 14 Leopard 2A6 tanks and will "
           "allow other countries to send their Leopard tanks.", {("DE", "leopard-2a6", "committed")}),
]

ABSENT = [
    # corpus j, de-androidkosmos-afp-zweites-iris-t: the January announcement of the Patriot now handed over
    ("de", "Am Dienstag hatte die Bundesregierung bereits bekannt gegeben, sie habe der Ukraine das im Januar "
           "zugesagte Luftverteidigungssystem Patriot übergeben. Die Abgabe des Patriot-Systems wiederum hatte die "
           "Bundesregierung Anfang Januar zusammen mit der Lieferung von Marder-Schützenpanzern angekündigt.",
     ("DE", "patriot", "committed")),
    # corpus j, en-abc-au-leopard-abrams (its title and the German government's sentence)
    ("en", "Germany agrees to provide Ukraine with Leopard 2 battle tanks, US to send Abrams tanks\n\nIn a statement, "
           "the German government said it would initially provide Ukraine with one company of Leopard 2 A6 tanks, "
           "which comprises 14 vehicles, from its own stocks.", ("DE", "leopard-2a4", "committed")),
]


@pytest.mark.parametrize(("lang", "text", "record"), ABSENT, ids=[f"{c[0]}-{i}" for i, c in enumerate(ABSENT)])
def test_absent(ex: Extractor, lang: str, text: str, record: tuple[str, str | None, str]) -> None:
    assert record not in triples(ex, text, lang)


DONORS = [
    # corpus j, de-androidkosmos-afp-zweites-iris-t: the maker's country after a pledge of the same system
    ("de", "Die Abgabe des Patriot-Systems wiederum hatte die Bundesregierung Anfang Januar zusammen mit der Lieferung "
           "von Marder-Schützenpanzern angekündigt. Das vom US-Unternehmen Raytheon hergestellte Waffensystem dient "
           "der Bekämpfung von größeren Zielen in der Luft wie Flugzeugen, Drohnen, Raketen und Marschflugkörpern.",
     {"DE"}),
]


@pytest.mark.parametrize(("lang", "text", "want"), DONORS, ids=[f"{c[0]}-{i}" for i, c in enumerate(DONORS)])
def test_donors(ex: Extractor, lang: str, text: str, want: set[str]) -> None:
    assert {p.donor for p in ex.extract(text, lang).pledges} == want


@pytest.mark.parametrize(("lang", "text", "want"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_full_article_sentences(ex: Extractor, lang: str, text: str, want: set[tuple[str, str | None, str]]) -> None:
    assert triples(ex, text, lang) == want
