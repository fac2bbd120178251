"""Pledges whose item the text does not name (item null): hand-made sentences in several languages, each read
wrongly before the rule it tests."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def pledges(ex: Extractor, text: str, lang: str) -> set[tuple[str, str | None, str]]:
    return {(p.donor, p.item, p.status) for p in ex.extract(text, lang).pledges}


# a package's contents the catalog does not name, listed after the pledge that announced it (with a named item):
# an item-less pledge of the same donor beside the named one
PACKAGE_CONTENTS = [
    ("en", "Norway will send two NASAMS launchers to Ukraine.\nThe package also includes helmets, trucks and body "
           "armour.", "NO", "nasams"),
    ("en", "Canada will donate four Leopard 2 tanks to Ukraine.\nThe package also contains drones and armoured "
           "vehicles.", "CA", "leopard-2a4"),
    ("et", "Läti saadab Ukrainale Stingeri rakette.\nPaketis on ka kiivreid, veokeid ja droone.", "LV", "stinger"),
    ("fr", "La Belgique va livrer des canons Caesar à l'Ukraine.\nLe paquet comprend aussi des casques, des camions "
           "et des drones.", "BE", "caesar"),
    ("de", "Österreich liefert der Ukraine zwei IRIS-T-Systeme.\nDas Paket umfasst außerdem Helme, Lastwagen und "
           "Drohnen.", "AT", "iris-t-slm"),
    ("es", "Portugal enviará misiles Stinger a Ucrania.\nEl paquete incluye también cascos, camiones y drones.", "PT",
     "stinger"),
    ("it", "La Grecia invierà missili Stinger all'Ucraina.\nIl pacchetto comprende anche elmetti, camion e droni.",
     "GR", "stinger"),
    ("nl", "België stuurt Stinger-raketten naar Oekraïne.\nHet pakket omvat ook helmen, vrachtwagens en drones.", "BE",
     "stinger"),
    ("da", "Norge sender Stinger-missiler til Ukraine.\nPakken omfatter også hjelme, køretøjer og droner.", "NO",
     "stinger"),
]


@pytest.mark.parametrize(("lang", "text", "donor", "item"), PACKAGE_CONTENTS)
def test_package_contents_the_catalog_does_not_name(ex: Extractor, lang: str, text: str, donor: str,
                                                     item: str) -> None:
    assert pledges(ex, text, lang) == {(donor, item, "committed"), (donor, None, "committed")}


def test_package_sentence_without_equipment_is_no_pledge(ex: Extractor) -> None:
    text = "Norway will send two NASAMS launchers to Ukraine.\nThe package will help Ukrainians protect their cities."
    assert pledges(ex, text, "en") == {("NO", "nasams", "committed")}


# talks about supplying something: considering
@pytest.mark.parametrize(("text", "want"), [
    ("Norway and Finland are in discussions to speed up the delivery of weapons to Ukraine.",
     {("NO", None, "considering"), ("FI", None, "considering")}),
    ("Sweden was in negotiations over the supply of ammunition to Ukraine, officials said.",
     {("SE", None, "considering")}),
])
def test_talks_about_supplying_are_considering(ex: Extractor, text: str, want: set[tuple[str, None, str]]) -> None:
    assert pledges(ex, text, "en") == want


def test_an_office_named_after_its_country_is_that_countrys(ex: Extractor) -> None:
    # "Defense Secretary" alone is the American one; "UK Defense Secretary" is not
    assert pledges(ex, "UK Defense Secretary announces new military aid package for Ukraine", "en") == {
        ("GB", None, "committed")}


# a count with no noun of its own after a giving verb counts the equipment named last before it; where the catalog
# lacks that equipment, it is an item-less pledge with that count (not the catalog item named before it)
@pytest.mark.parametrize(("lang", "text", "donor"), [
    ("en", "Italy has delivered 20 generators and 78 boilers to Ukraine, and a further 300 will be sent next month.",
     "IT"),
    ("it", "L'Italia ha consegnato all'Ucraina 20 generatori e 78 caldaie, mentre ulteriori 300 saranno inviate nelle "
           "prossime settimane.", "IT"),
    ("fr", "La Belgique a livré à l'Ukraine 20 générateurs et 78 chaudières, et 300 autres seront livrées en mars.",
     "BE"),
    ("es", "España ha entregado a Ucrania 20 generadores y 78 calderas, y otras 300 serán enviadas en marzo.", "ES"),
])
def test_a_bare_count_counts_the_equipment_named_just_before(ex: Extractor, lang: str, text: str,
                                                             donor: str) -> None:
    got = {(p.donor, p.item, p.status, p.quantity) for p in ex.extract(text, lang).pledges}
    assert (donor, None, "committed", 300.0) in got
    assert (donor, "generator", "committed", 300.0) not in got


# a joiner of several words ("as well as", "ainsi que", "así como", "bem como") joins equipment the catalog lacks
# to the named items in one list: an item-less pledge beside them
@pytest.mark.parametrize(("lang", "text", "donor", "item"), [
    ("en", "Belgium will supply helmets as well as two NASAMS launchers to Ukraine.", "BE", "nasams"),
    ("fr", "La Belgique va fournir des casques ainsi que des canons Caesar à l'Ukraine.", "BE", "caesar"),
    ("es", "Portugal enviará cascos así como misiles Stinger a Ucrania.", "PT", "stinger"),
    ("pt", "Portugal vai enviar capacetes bem como mísseis Stinger para a Ucrânia.", "PT", "stinger"),
])
def test_equipment_joined_by_a_joiner_of_several_words(ex: Extractor, lang: str, text: str, donor: str,
                                                       item: str) -> None:
    assert pledges(ex, text, lang) == {(donor, item, "committed"), (donor, None, "committed")}


# German subordinate clauses: the subject just after the conjunction ("als" is then no preposition), the verb last in
# its verb-final form, and the party after the comma the next clause's subject
@pytest.mark.parametrize(("text", "want"), [
    ("Als die EU 500 Millionen Euro für Waffen zur Verfügung stellte, enthielt sich Österreich der Stimme.",
     {("EU", None, "committed")}),
    ("Nachdem Norwegen der Ukraine Helme und Schutzwesten bereitstellte, lobte Polen die Hilfe.",
     {("NO", None, "committed")}),
    ("Während Dänemark weitere Munition zusagte, zögerte Ungarn.", {("DK", None, "committed")}),
    ("Mehr Waffen als Deutschland hat nur die USA geliefert.", {("US", None, "delivered")}),
])
def test_german_subordinate_clause_subject(ex: Extractor, text: str, want: set[tuple[str, None, str]]) -> None:
    assert pledges(ex, text, "de") == want


@pytest.mark.parametrize("text", [
    "Weil man Munition zusagte, zögerte Ungarn.",
    "Nachdem die Regierung Munition zusagte, lobte Polen die Hilfe.",
])
def test_german_party_after_a_verb_final_clause_is_not_its_subject(ex: Extractor, text: str) -> None:
    assert pledges(ex, text, "de") == set()


# "The government is also considering ...": a government word with no country is no pronoun for the subject of the
# sentence before; it stands for the dateline's country, else the one party the title names
@pytest.mark.parametrize(("lang", "text", "donor"), [
    ("en", "Britain outlines new arms support for Ukraine\n\nMeanwhile, Germany has sent 1,000 helmets to Ukraine.\n"
           "The government is also considering sending armoured vehicles to Ukraine.", "GB"),
    ("fr", "La Belgique annonce une nouvelle aide militaire à l'Ukraine\n\nDe son côté, l'Allemagne a livré 1 000 "
           "casques à l'Ukraine.\nLe gouvernement envisage aussi d'envoyer des véhicules blindés.", "BE"),
    ("es", "Portugal anuncia nueva ayuda militar para Ucrania\n\nPor su parte, Alemania ha enviado 1.000 cascos a "
           "Ucrania.\nEl Gobierno estudia también enviar vehículos blindados.", "PT"),
    ("de", "Österreich kündigt neue Hilfe für die Ukraine an\n\nDeutschland hat inzwischen 1000 Helme an die Ukraine "
           "geliefert.\nDie Regierung erwägt außerdem, gepanzerte Fahrzeuge zu schicken.", "AT"),
])
def test_a_government_word_is_the_title_partys(ex: Extractor, lang: str, text: str, donor: str) -> None:
    got = pledges(ex, text, lang)
    assert (donor, None, "considering") in got
    assert ("DE", None, "considering") not in got


# a count just before a future passive ("and a further 500 will now be sent"): the future's auxiliary may stand
# between the count and its verb; it counts the equipment named before
@pytest.mark.parametrize("text", [
    "Norway has delivered 300 helmets to Ukraine, and a further 500 will now be sent.",
    "Norway has delivered 300 helmets to Ukraine, and another 500 will soon be delivered.",
])
def test_a_count_before_a_future_passive(ex: Extractor, text: str) -> None:
    got = {(p.donor, p.item, p.status, p.quantity) for p in ex.extract(text, "en").pledges}
    assert got == {("NO", None, "delivered", 300.0), ("NO", None, "committed", 500.0)}


# a verb in the first person ("küldünk", "przekażemy", "enviaremos": "we send") has the speaker as subject, even
# where aid or money is named before it: the party the text is about gives it
@pytest.mark.parametrize(("lang", "text", "donor"), [
    ("hu", "Magyarország segít Ukrajnának.\nAz első lépésben 600 millió forint értékben küldünk élelmiszert és "
           "takarókat.", "HU"),
    ("pl", "Polska pomaga Ukrainie.\nSprzęt wojskowy o wartości 100 milionów złotych przekażemy w przyszłym "
           "tygodniu.", "PL"),
    ("es", "España ayuda a Ucrania.\nMaterial militar por valor de 100 millones de euros enviaremos la próxima "
           "semana.", "ES"),
    ("it", "L'Italia aiuta l'Ucraina.\nAiuti militari per 100 milioni di euro invieremo la prossima settimana.", "IT"),
    ("cs", "Česko pomáhá Ukrajině.\nVojenský materiál za 100 milionů korun pošleme příští týden.", "CZ"),
])
def test_a_first_person_verb_has_no_thing_subject(ex: Extractor, lang: str, text: str, donor: str) -> None:
    assert pledges(ex, text, lang) == {(donor, None, "committed")}


# equipment the catalog lacks, the subject of an arrival or delivery verb in a sentence that names no party, a few
# sentences after a pledge: more of that donor's aid, beside its named items
@pytest.mark.parametrize(("lang", "text", "donor", "item"), [
    ("en", "Germany will send two IRIS-T systems to Ukraine.\nIn the coming weeks, 15 armoured personnel carriers are "
           "also due to arrive in Ukraine.", "DE", "iris-t-slm"),
    ("de", "Deutschland liefert der Ukraine zwei IRIS-T-Systeme.\nIn den nächsten Wochen sollen zudem 15 "
           "Sanitätsfahrzeuge in der Ukraine eintreffen.", "DE", "iris-t-slm"),
    ("fr", "La France va livrer deux systèmes SAMP/T à l'Ukraine.\nDans les prochaines semaines, 15 véhicules blindés "
           "seront également livrés.", "FR", "samp-t"),
])
def test_equipment_arriving_after_a_pledge(ex: Extractor, lang: str, text: str, donor: str, item: str) -> None:
    assert pledges(ex, text, lang) == {(donor, item, "committed"), (donor, None, "committed")}


def test_equipment_another_party_names_is_no_arrival(ex: Extractor) -> None:
    text = "Germany will send two IRIS-T systems to Ukraine.\nPoland says 15 armoured vehicles were destroyed."
    assert pledges(ex, text, "en") == {("DE", "iris-t-slm", "committed")}


# ... and so is an amount of money said to be given or delivered there
@pytest.mark.parametrize(("lang", "text", "donor", "item"), [
    ("en", "Norway will send two NASAMS launchers to Ukraine.\nEquipment worth 100 million euros has already been "
           "delivered.", "NO", "nasams"),
    ("fr", "La France va livrer des canons Caesar à l'Ukraine.\nSeule exception : 100 millions d'euros de dons de "
           "matériels déjà effectués.", "FR", "caesar"),
    ("de", "Deutschland liefert der Ukraine zwei IRIS-T-Systeme.\nAusrüstung im Wert von 100 Millionen Euro wurde "
           "bereits geliefert.", "DE", "iris-t-slm"),
])
def test_money_delivered_after_a_pledge(ex: Extractor, lang: str, text: str, donor: str, item: str) -> None:
    assert pledges(ex, text, lang) == {(donor, item, "committed"), (donor, None, "delivered")}


# the future of "announce" with aid as its object is a commitment, as "will announce" already is in English
@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Die USA werden am Dienstag ein neues Hilfspaket für die Ukraine ankündigen."),
    ("fr", "Les États-Unis annonceront mardi une nouvelle aide militaire à l'Ukraine."),
    ("ro", "SUA vor anunța marți un nou ajutor pentru Ucraina."),
    ("it", "Gli Stati Uniti annunceranno martedì un nuovo pacchetto di aiuti per l'Ucraina."),
    ("es", "Estados Unidos anunciará el martes un nuevo paquete de ayuda para Ucrania."),
    ("pt", "Os Estados Unidos anunciarão na terça-feira um novo pacote de ajuda à Ucrânia."),
    ("nl", "De Verenigde Staten zullen dinsdag een nieuw steunpakket voor Oekraïne aankondigen."),
])
def test_will_announce_aid_is_a_commitment(ex: Extractor, lang: str, text: str) -> None:
    assert pledges(ex, text, lang) == {("US", None, "committed")}


def test_will_announce_a_decision_is_no_pledge(ex: Extractor) -> None:
    assert pledges(ex, "Les États-Unis annonceront mardi leur décision.", "fr") == set()


# "contains", "entails" open a package's contents too (Danish, Norwegian, Swedish)
@pytest.mark.parametrize(("lang", "text", "donor"), [
    ("da", "Danmark donerer to NASAMS-systemer til Ukraine.\nDonationen indebærer også hjelme, køretøjer og droner.",
     "DK"),
    ("nb", "Norge sender to NASAMS-systemer til Ukraina.\nDet innebærer også hjelmer, kjøretøy og droner.", "NO"),
    ("sv", "Sverige skickar två NASAMS-system till Ukraina.\nDet innebär också hjälmar, fordon och drönare.", "SE"),
])
def test_contains_opens_a_package(ex: Extractor, lang: str, text: str, donor: str) -> None:
    assert pledges(ex, text, lang) == {(donor, "nasams", "committed"), (donor, None, "committed")}


# agreeing to hold talks about supplying is considering, not a commitment (Ukrainian)
@pytest.mark.parametrize(("text", "want"), [
    ("Ізраїль та Україна погодилися негайно провести переговори щодо постачання систем оповіщення.",
     {("IL", None, "considering")}),
    ("Литва домовилася розпочати переговори про передачу генераторів Україні.", {("LT", "generator", "considering")}),
])
def test_agreeing_to_talks_about_supply_is_considering(ex: Extractor, text: str, want: set[tuple]) -> None:
    assert pledges(ex, text, "uk") == want


# Spanish "aunque sí ..." ("although it does send ...") asserts what follows; "aunque" alone may be "even if"
def test_aunque_si_is_no_hypothetical(ex: Extractor) -> None:
    text = "El Gobierno de Portugal descarta el envío directo de tanques, aunque sí enviará munición a Ucrania."
    assert pledges(ex, text, "es") == {("PT", None, "committed")}
