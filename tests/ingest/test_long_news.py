"""Long news texts (issue 13): what one sentence says of another, in the hidden set's big languages.

A maker named beside a thing is no donor; a participle that only compares with a promise is no pledge; a sentence
that opens with a word for several parties has the parties named together just before; a general air-defence noun
adds nothing to a donor's named systems; a package's contents may come several sentences after its pledge, and a
count after a comma starts another item of the list. Sentences are hand-made after real articles of corpus e
(tests/ingest/real/SOURCES.tsv)."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor


def _pledges(ex: Extractor, text: str, lang: str) -> set[tuple[str, str | None, str, float | None]]:
    return {(p.donor, p.item, p.status, p.quantity) for p in ex.extract(text, lang).pledges}


# "Meanwhile, Germany has sent 1,000 individual anti-tank weapons and 500 American-manufactured Stinger missiles"
# (corpus e, Leaders GB): the maker stood between the number and the item, and became a donor of the next sentence
MAKERS = [
    ("en", "Germany has sent 500 American-manufactured Stinger missiles to Ukraine.", ("DE", "stinger", 500)),
    ("en", "Norway will donate 2 US-made NASAMS systems to Ukraine.", ("NO", "nasams", 2)),
    ("de", "Die Niederlande liefern 500 Stinger-Raketen aus amerikanischer Produktion an die Ukraine.",
     ("NL", "stinger", 500)),
    ("fr", "La Norvège livrera deux systèmes NASAMS de fabrication américaine à l'Ukraine.", ("NO", "nasams", 2)),
    ("it", "La Norvegia fornirà all'Ucraina due sistemi NASAMS di fabbricazione americana.", ("NO", "nasams", 2)),
    ("es", "Noruega enviará a Ucrania dos sistemas NASAMS de fabricación estadounidense.", ("NO", "nasams", 2)),
    ("nl", "Noorwegen levert twee NASAMS-systemen van Amerikaanse makelij aan Oekraïne.", ("NO", "nasams", 2)),
    ("pl", "Norwegia przekaże Ukrainie dwa systemy NASAMS produkcji amerykańskiej.", ("NO", "nasams", 2)),
]


@pytest.mark.parametrize(("lang", "text", "want"), MAKERS, ids=[f"{c[0]}-{i}" for i, c in enumerate(MAKERS)])
def test_a_maker_is_no_donor_and_keeps_the_count(extractor: Extractor, lang: str, text: str,
                                                 want: tuple[str, str, int]) -> None:
    got = {(d, i, q) for d, i, _, q in _pledges(extractor, text, lang)}
    assert got == {want}, got


def test_a_maker_does_not_become_the_donor_of_a_later_passive(extractor: Extractor) -> None:
    text = ("Germany has sent 1,000 individual anti-tank weapons and 500 American-manufactured Stinger missiles to "
            "Ukraine's army. Stinger and Javelin missiles have also been provided to Ukrainian defence forces by "
            "allies in the Baltic.")
    got = _pledges(extractor, text, "en")
    assert got == {("DE", "stinger", "delivered", 500), ("DE", None, "delivered", 1000)}, got


# "Europese landen leverden toegezegde munitie veel later dan beloofd" (corpus e, Reformatorisch Dagblad)
COMPARED = [
    ("en", "The shells arrived in Kyiv much later than promised by Germany."),
    ("de", "Die Munition traf viel später ein als von Deutschland zugesagt."),
    ("fr", "Les obus sont arrivés bien plus tard que promis par l'Allemagne."),
    ("it", "I proiettili sono arrivati molto più tardi di quanto promesso dalla Germania."),
    ("es", "Los proyectiles llegaron mucho más tarde de lo prometido por Alemania."),
    ("nl", "De granaten kwamen veel later aan dan door Duitsland beloofd."),
]


@pytest.mark.parametrize(("lang", "text"), COMPARED, ids=[c[0] for c in COMPARED])
def test_a_comparison_with_a_promise_is_no_pledge(extractor: Extractor, lang: str, text: str) -> None:
    assert _pledges(extractor, text, lang) == set()


def test_a_promise_kept_states_the_delivery_alone(extractor: Extractor) -> None:
    assert _pledges(extractor, "Germany delivered the shells, as promised.", "en") == {
        ("DE", None, "delivered", None)}
    assert _pledges(extractor, "Deutschland hat wie zugesagt 10 Panzer geliefert.", "de") == {
        ("DE", None, "delivered", 10)}


# "... non-NATO members Finland and Sweden. They have supplied Kyiv with thousands of anti-tank arms." (corpus e)
PLURAL = [
    ("en", "The UK is one of 14 countries to have supplied Ukraine with weapons, including Finland and Sweden. They "
           "have supplied Kyiv with anti-tank weapons.", {"FI", "SE"}),
    ("de", "Zu den Unterstützern zählen auch Dänemark und Norwegen. Beide Länder haben der Ukraine "
           "Panzerabwehrwaffen geliefert.", {"DK", "NO"}),
    ("fr", "Parmi les soutiens figurent aussi le Danemark et la Norvège. Ils ont livré des armes antichars à "
           "l'Ukraine.", {"DK", "NO"}),
    ("it", "Tra i sostenitori figurano anche la Danimarca e la Norvegia. Entrambi i paesi hanno consegnato armi "
           "anticarro all'Ucraina.", {"DK", "NO"}),
    ("es", "Entre los apoyos figuran también Dinamarca y Noruega. Ambos países han entregado armas antitanque a "
           "Ucrania.", {"DK", "NO"}),
    ("pl", "Wśród darczyńców są też Dania i Norwegia. Oba kraje przekazały Ukrainie broń przeciwpancerną.",
     {"DK", "NO"}),
]


@pytest.mark.parametrize(("lang", "text", "donors"), PLURAL, ids=[c[0] for c in PLURAL])
def test_a_word_for_several_parties_names_those_named_together_before(extractor: Extractor, lang: str, text: str,
                                                                      donors: set[str]) -> None:
    got = _pledges(extractor, text, lang)
    assert {d for d, _, s, _ in got if s == "delivered"} >= donors, got


def test_a_word_for_several_parties_is_not_the_recipients_or_things(extractor: Extractor) -> None:
    got = _pledges(extractor, "Germany sent weapons to Poland and Lithuania. They have supplied Kyiv with anti-tank "
                              "weapons.", "en")
    assert {d for d, *_ in got} == {"DE"}, got
    got = _pledges(extractor, "Germany and France sent IRIS-T and Mistral systems. Both systems will be delivered "
                              "by May.", "en")
    assert {d for d, *_ in got} == {"DE", "FR"}, got


# "The United States, Germany, the Netherlands, Romania and Italy will provide Ukraine with the equipment for five
# additional strategic air defense systems." ... "Italy will provide a SAMP-T air defense system." (corpus e, AP)
def test_a_general_air_defence_noun_adds_nothing_to_named_systems(extractor: Extractor) -> None:
    text = ("The United States, Germany and Italy will provide Ukraine with air defense systems. Germany will send a "
            "Patriot battery. Italy will provide a SAMP-T system.")
    got = {(d, i) for d, i, *_ in _pledges(extractor, text, "en")}
    assert got == {("US", None), ("DE", "patriot"), ("IT", "samp-t")}, got


def test_other_air_defence_systems_are_aid_of_their_own(extractor: Extractor) -> None:
    text = ("The United States, Germany and Italy will provide Ukraine with air defense systems. Germany will send a "
            "Patriot battery. The United States will also send Patriot batteries and will provide other tactical "
            "air defense systems.")
    got = {(d, i) for d, i, *_ in _pledges(extractor, text, "en")}
    assert ("US", None) in got and ("US", "patriot") in got, got


# "Deutschland liefert weitere Waffen im Wert von 2,7 Milliarden Euro an die Ukraine." ... four sentences of
# background ... "Sie beinhalte ... und umfasse 18 Radhaubitzen, ..., 4 Iris-T-SLM-Feuereinheiten" (corpus e, ZEIT)
REACH = [
    ("de", "Deutschland liefert weitere Waffen im Wert von 2,7 Milliarden Euro an die Ukraine. Das hat das "
           "Ministerium mitgeteilt. Es ist die bisher größte Hilfe. Damit verdoppelt sich die Hilfe. Laut Ministerium "
           "folgt das Paket den bisherigen Schwerpunkten. Es umfasst 4 IRIS-T-SLM-Feuereinheiten."),
    ("en", "Germany will send weapons worth 2.7 billion euros to Ukraine. The announcement came on Saturday. It is "
           "the largest package so far. It doubles German aid. The plan follows earlier priorities. The package "
           "includes 4 IRIS-T SLM fire units."),
]


@pytest.mark.parametrize(("lang", "text"), REACH, ids=[c[0] for c in REACH])
def test_a_package_lists_its_contents_after_background(extractor: Extractor, lang: str, text: str) -> None:
    assert ("DE", "iris-t-slm", "committed", 4) in _pledges(extractor, text, lang)


def test_a_count_after_a_comma_starts_another_item(extractor: Extractor) -> None:
    text = ("Deutschland liefert der Ukraine ein Paket. Es umfasst Lenkflugkörper für Luftverteidigungssysteme, "
            "4 Iris-T-SLM-Feuereinheiten und 20 Fahrzeuge.")
    got = {(d, i, q) for d, i, _, q in _pledges(extractor, text, "de")}
    assert ("DE", "iris-t-slm", 4) in got and not any(i == "iris-t-slm-missile" for _, i, _ in got), got


# "Samen met de Verenigde Staten en Denemarken heeft Nederland straaljagers beschikbaar gesteld." (corpus e, ANP):
# in a verb-second language the auxiliary stands between the co-donors and the subject
FRONTED = [
    ("nl", "Samen met de Verenigde Staten en Denemarken heeft Nederland straaljagers aan Oekraïne beschikbaar "
           "gesteld.", {"NL", "US", "DK"}),
    ("de", "Gemeinsam mit Norwegen hat Deutschland der Ukraine zwei Patriot-Systeme geliefert.", {"DE", "NO"}),
    ("en", "Together with the United States and Denmark, the Netherlands has sent fighter jets to Ukraine.",
     {"NL", "US", "DK"}),
    ("it", "Insieme alla Francia, l'Italia ha consegnato all'Ucraina un sistema SAMP/T.", {"IT", "FR"}),
    ("es", "Junto con Alemania, Países Bajos ha enviado a Ucrania cuatro sistemas Patriot.", {"NL", "DE"}),
    ("pl", "Wspólnie z Norwegią Niemcy przekazały Ukrainie dwa systemy Patriot.", {"DE", "NO"}),
    ("fr", "Aux côtés de l'Italie, la France a livré à l'Ukraine un système SAMP/T.", {"FR", "IT"}),
]


@pytest.mark.parametrize(("lang", "text", "donors"), FRONTED, ids=[c[0] for c in FRONTED])
def test_co_donors_named_together_with_before_the_subject(extractor: Extractor, lang: str, text: str,
                                                         donors: set[str]) -> None:
    assert {d for d, *_ in _pledges(extractor, text, lang)} == donors


def test_a_fronted_phrase_with_another_party_is_no_co_donor(extractor: Extractor) -> None:
    text = "Samen met Oekraïne heeft Nederland drones ontwikkeld en Nederland heeft ook F-16's aan Oekraïne geleverd."
    assert {d for d, *_ in _pledges(extractor, text, "nl")} == {"NL"}


# "Polski premier w rozmowie z kanadyjską telewizją poinformował, że ..." (corpus e, naTemat): the outlet's country
# became a donor of a list line ("z" = from)
MEDIA = [
    ("pl", "Mateusz Morawiecki ujawnił, ile czołgów przekaże Polska Ukrainie. Polski premier w rozmowie z kanadyjską "
           "telewizją poinformował o dalszych dostawach sprzętu."),
    ("fr", "Dans un entretien au quotidien allemand Bild, le ministre a annoncé l'envoi de nouveaux chars à "
           "l'Ukraine."),
    ("it", "In un'intervista al quotidiano tedesco Bild, il ministro ha annunciato l'invio di nuovi carri armati "
           "all'Ucraina."),
    ("es", "En una entrevista con el diario alemán Bild, el ministro anunció el envío de nuevos tanques a Ucrania."),
    ("en", "In an interview with the German daily Bild, the minister said more tanks would be sent to Ukraine."),
    ("de", "Im Gespräch mit der polnischen Tageszeitung Rzeczpospolita kündigte der Minister weitere Panzer für die "
           "Ukraine an."),
    ("nl", "In een interview met het Duitse dagblad Bild kondigde de minister de levering van nieuwe tanks aan "
           "Oekraïne aan."),
]


@pytest.mark.parametrize(("lang", "text"), MEDIA, ids=[c[0] for c in MEDIA])
def test_the_country_of_a_news_outlet_is_no_donor(extractor: Extractor, lang: str, text: str) -> None:
    assert {d for d, *_ in _pledges(extractor, text, lang)} <= {"PL"}


# "Von daher wird Deutschland jede Hilfe leisten, die es leisten kann" (corpus e, ZEIT), "Polska dostarczyła,
# dostarcza i będzie dostarczać pomoc wojskową" (corpus e, Wprost): to keep delivering is a stated policy of
# support, not a pledge of its own (as "Česko bude dál dodávat zbraně" in the dev cases)
KEEPS = [
    ("de", "Von daher wird Deutschland jede Hilfe leisten, die es leisten kann, sagte Pistorius.", "DE"),
    ("pl", "Polska dostarczyła, dostarcza i będzie dostarczać pomoc wojskową na Ukrainę – stwierdził Soloch.", "PL"),
    ("it", "L'Italia continuerà a inviare armi all'Ucraina, ha detto Crosetto.", "IT"),
    ("fr", "La France continuera à livrer des armes à l'Ukraine, a déclaré le ministre.", "FR"),
    ("nl", "Nederland blijft wapens aan Oekraïne leveren, zei Brekelmans.", "NL"),
]


@pytest.mark.parametrize(("lang", "text", "party"), KEEPS, ids=[c[0] for c in KEEPS])
def test_to_keep_delivering_is_support(extractor: Extractor, lang: str, text: str, party: str) -> None:
    r = extractor.extract(text, lang)
    assert {(p.party, p.stance) for p in r.policies} == {(party, "supportive")}
    assert all(p.status != "committed" for p in r.pledges), r.pledges


# "... la visite à Paris du président ukrainien ... a donné lieu à des annonces officielles" (corpus e, Libération)
IDIOMS = [
    ("fr", "La visite à Paris du président Joe Biden a donné lieu à des annonces sur l'aide militaire à l'Ukraine."),
    ("en", "The visit of President Joe Biden has given rise to new announcements on military aid to Ukraine."),
    ("it", "La visita del presidente Joe Biden ha dato luogo a nuovi annunci sugli aiuti militari all'Ucraina."),
    ("es", "La visita del presidente Joe Biden dio lugar a nuevos anuncios sobre la ayuda militar a Ucrania."),
]


@pytest.mark.parametrize(("lang", "text"), IDIOMS, ids=[c[0] for c in IDIOMS])
def test_to_give_rise_to_is_no_gift(extractor: Extractor, lang: str, text: str) -> None:
    assert _pledges(extractor, text, lang) == set()


# "Deutschland will die Ukraine mit zwei weiteren Patriot-Systemen unterstützen." (corpus e, dpa-AFX)
SUPPORT_WITH = [
    ("de", "Deutschland will die Ukraine mit zwei weiteren Patriot-Systemen unterstützen."),
    ("en", "Germany will support Ukraine with two more Patriot systems."),
    ("fr", "L'Allemagne soutiendra l'Ukraine avec deux systèmes Patriot supplémentaires."),
    ("it", "La Germania sosterrà l'Ucraina con due ulteriori sistemi Patriot."),
    ("es", "Alemania apoyará a Ucrania con dos sistemas Patriot adicionales."),
    ("nl", "Duitsland steunt Oekraïne met twee extra Patriot-systemen."),
]


@pytest.mark.parametrize(("lang", "text"), SUPPORT_WITH, ids=[c[0] for c in SUPPORT_WITH])
def test_to_support_with_named_aid_is_a_commitment(extractor: Extractor, lang: str, text: str) -> None:
    assert _pledges(extractor, text, lang) == {("DE", "patriot", "committed", 2)}


def test_support_without_aid_or_refused_stays_a_stance(extractor: Extractor) -> None:
    r = extractor.extract("Österreich wird die Ukraine nicht mit Waffen unterstützen.", "de")
    assert not r.pledges and {(p.party, p.stance) for p in r.policies} == {("AT", "non-lethal-only")}
    r = extractor.extract("Germany will not support Ukraine with Taurus missiles.", "en")
    assert not r.pledges and {(p.party, p.stance) for p in r.policies} == {("DE", "excludes:taurus")}
    assert not extractor.extract("Germany has supported Ukraine with 500 Stinger missiles.", "en").pledges or all(
        p.status != "committed" for p in extractor.extract("Germany has supported Ukraine with 500 Stinger "
                                                           "missiles.", "en").pledges)
