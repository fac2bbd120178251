"""Policy stances as general forms (issue 13, stances missed on new texts): a decision or agreement not to give (a
negated infinitive of a giving verb, "agreed not to supply weapons", "se rozhodlo neposílat"), which is no pledge of
the deciding verb; a contrast and a negation before an item ("will send Patriot but no Taurus"), which rules the item
out rather than giving it; and a refusal of military aid beside an item-less promise, which stays no-military-aid."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor


def records(ex: Extractor, text: str, lang: str) -> set[tuple]:
    r = ex.extract(text, lang)
    return ({("pledge", p.donor, p.item, p.status) for p in r.pledges}
            | {("policy", p.party, p.stance) for p in r.policies})


NLO = "non-lethal-only"


@pytest.mark.parametrize(("text", "lang", "want"), [
    ("Австрія та Угорщина домовилися не постачати зброю Україні.", "uk",
     {("policy", "AT", NLO), ("policy", "HU", NLO)}),
    ("Austria and Hungary agreed not to supply weapons to Ukraine.", "en",
     {("policy", "AT", NLO), ("policy", "HU", NLO)}),
    ("Austria decided not to send weapons to Ukraine.", "en", {("policy", "AT", NLO)}),
    ("L'Autriche a décidé de ne pas envoyer d'armes à l'Ukraine.", "fr", {("policy", "AT", NLO)}),
    ("Rakousko se rozhodlo neposílat Ukrajině zbraně.", "cs", {("policy", "AT", NLO)}),
    ("Rakúsko sa rozhodlo neposielať Ukrajine zbrane.", "sk", {("policy", "AT", NLO)}),
    ("Österrike har beslutat att inte skicka vapen till Ukraina.", "sv", {("policy", "AT", NLO)}),
    ("Østerrike har besluttet å ikke sende våpen til Ukraina.", "nb", {("policy", "AT", NLO)}),
    ("Østrig har besluttet ikke at sende våben til Ukraine.", "da", {("policy", "AT", NLO)}),
    ("Österreich hat beschlossen, der Ukraine keine Waffen zu liefern.", "de", {("policy", "AT", NLO)}),
    ("Австрия реши да не изпраща оръжие на Украйна.", "bg", {("policy", "AT", NLO)}),
])
def test_a_decision_not_to_give_is_a_refusal_and_no_pledge(extractor: Extractor, text: str, lang: str,
                                                           want: set[tuple]) -> None:
    assert records(extractor, text, lang) == want


@pytest.mark.parametrize(("text", "lang"), [
    ("Germany will send Patriot systems but no Taurus missiles.", "en"),
    ("Deutschland liefert Patriot, aber keine Taurus.", "de"),
    ("Deutschland hat beschlossen, Patriot zu liefern, aber keine Taurus.", "de"),
    ("Niemcy przekażą Patrioty, ale nie Taurusy.", "pl"),
])
def test_an_item_after_but_no_is_ruled_out(extractor: Extractor, text: str, lang: str) -> None:
    assert records(extractor, text, lang) == {("pledge", "DE", "patriot", "committed"),
                                              ("policy", "DE", "excludes:taurus")}


@pytest.mark.parametrize(("text", "lang"), [
    ("Germany will send not only Patriot systems but also IRIS-T.", "en"),
    ("Germany will send Patriot systems, but not before spring.", "en"),
])
def test_but_not_without_an_item_after_it_rules_nothing_out(extractor: Extractor, text: str, lang: str) -> None:
    assert not any(r[0] == "policy" for r in records(extractor, text, lang))


def test_refusing_military_aid_beside_an_item_less_promise_stays_no_military_aid(extractor: Extractor) -> None:
    text = ("Austrian President promises to personally monitor assistance to Ukraine in demining.\n"
            "At the same time, he reiterated Austria's position on refusing to provide military assistance to Ukraine.")
    assert ("policy", "AT", "no-military-aid") in records(extractor, text, "en")


@pytest.mark.parametrize(("text", "lang", "donor"), [
    ("Sverige utesluter inte att skicka Patriot-system.", "sv", "SE"),
    ("Norge utelukker ikke å sende Patriot-systemer.", "nb", "NO"),
    ("Danmark udelukker ikke at sende Patriot-systemer.", "da", "DK"),
])
def test_not_ruling_out_giving_is_no_refusal(extractor: Extractor, text: str, lang: str, donor: str) -> None:
    assert records(extractor, text, lang) == {("pledge", donor, "patriot", "considering")}


SUP = "supportive"


@pytest.mark.parametrize(("text", "lang", "party"), [
    # continuing support: a continuation verb and the support noun with its modifiers
    ("Germany continues its comprehensive military support to Ukraine.", "en", "DE"),
    ("Deutschland setzt seine umfassende militärische Unterstützung der Ukraine fort.", "de", "DE"),
    ("España continúa su apoyo militar a Ucrania.", "es", "ES"),
    ("L'Italia prosegue il suo sostegno militare all'Ucraina.", "it", "IT"),
    ("Nederland zet zijn militaire steun aan Oekraïne voort.", "nl", "NL"),
    ("Nederland herbevestigde zijn steun aan Oekraïne.", "nl", "NL"),
    ("Sverige fortsätter sitt militära stöd till Ukraina.", "sv", "SE"),
    ("Norge fortsetter sin militære støtte til Ukraina.", "nb", "NO"),
    ("Danmark fortsætter sin militære støtte til Ukraine.", "da", "DK"),
    ("Danmark vil fortsat hjælpe Ukraine.", "da", "DK"),
    ("Lietuva tęsia įvairiapusę karinę paramą Ukrainai.", "lt", "LT"),
    ("Polonia sigue apoyando a Ucrania.", "es", "PL"),
    ("Deutschland wird nicht nachlassen in seiner Unterstützung für die Ukraine.", "de", "DE"),
    # giving everything one can, and the slogan of victory together
    ("Germany will give everything it can to Ukraine.", "en", "DE"),
    ("\u201cOffriremo tutto ciò che possiamo offrire\u201d, ha detto il ministro italiano Crosetto.", "it", "IT"),
    ("\"A to, co můžeme poslat, tak pošleme,\" zdůraznila česká ministryně Černochová.", "cs", "CZ"),
    ("Польща передала Україні танки. Разом до перемоги!", "uk", "PL"),
])
def test_support_stated_in_general_forms(extractor: Extractor, text: str, lang: str, party: str) -> None:
    assert ("policy", party, SUP) in records(extractor, text, lang)


def test_a_colon_ends_the_partners_of_a_stance(extractor: Extractor) -> None:
    text = ("KAM teigimu, Lietuva tęsia įvairiapusę karinę paramą Ukrainai: kartu su Islandija vadovauja "
            "Išminavimo koalicijai.")
    assert {r for r in records(extractor, text, "lt") if r[0] == "policy"} == {("policy", "LT", SUP)}


@pytest.mark.parametrize(("text", "lang"), [
    ("A differenza dell'Ungheria, la Polonia continua a sostenere l'Ucraina.", "it"),
    ("A diferencia de Hungría, Polonia sigue apoyando a Ucrania.", "es"),
    ("Al contrario que Hungría, Polonia seguirá apoyando a Ucrania.", "es"),
])
def test_a_party_only_compared_with_has_no_stance(extractor: Extractor, text: str, lang: str) -> None:
    assert {r for r in records(extractor, text, lang) if r[0] == "policy"} == {("policy", "PL", SUP)}


@pytest.mark.parametrize(("text", "lang", "want"), [
    ("България ще предоставя само хуманитарна помощ на Украйна.", "bg", ("policy", "BG", "no-military-aid")),
    ("Scholz hat sich gegen die Lieferung von Taurus ausgesprochen.", "de", ("policy", "DE", "excludes:taurus")),
])
def test_limits_and_refusals_in_general_forms(extractor: Extractor, text: str, lang: str, want: tuple) -> None:
    assert want in records(extractor, text, lang)


@pytest.mark.parametrize(("text", "lang", "want"), [
    # "does not consider possible" / "sees no possibility": a refusal of what it names
    ('Vācija joprojām neuzskata par iespējamu raķešu "Taurus" nodošanu Kijivai.', "lv",
     ("policy", "DE", "excludes:taurus")),
    ("Germany does not consider it possible to deliver Taurus missiles to Ukraine.", "en",
     ("policy", "DE", "excludes:taurus")),
    ("Deutschland hält die Lieferung von Taurus nicht für möglich.", "de", ("policy", "DE", "excludes:taurus")),
    ("Německo nepovažuje za možné dodat Ukrajině rakety Taurus.", "cs", ("policy", "DE", "excludes:taurus")),
    ("Niemcy nie widzą możliwości przekazania Taurusów.", "pl", ("policy", "DE", "excludes:taurus")),
    ("Saksamaa ei pea võimalikuks Tauruse rakettide saatmist.", "et", ("policy", "DE", "excludes:taurus")),
    ("Saksa ei pidä mahdollisena Taurus-ohjusten toimittamista.", "fi", ("policy", "DE", "excludes:taurus")),
    # supporting a donation or delivery, and being among Ukraine's biggest supporters
    ("Norge støtter donasjon av stridsvogner til Ukraina.", "nb", ("policy", "NO", SUP)),
    ("Norway supports the delivery of Leopard tanks to Ukraine.", "en", ("policy", "NO", SUP)),
    ("Danmark er en af Ukraines største støtter.", "da", ("policy", "DK", SUP)),
    ("Sverige är en av Ukrainas största stödjare.", "sv", ("policy", "SE", SUP)),
    ("Eesti on üks Ukraina suurimaid toetajaid.", "et", ("policy", "EE", SUP)),
    ("Nederland blijft zich inzetten voor Oekraïne.", "nl", ("policy", "NL", SUP)),
    ("Podpora Ukrajiny ze strany Česka bude pokračovat.", "cs", ("policy", "CZ", SUP)),
    # the government of a text in the language of one country
    ("Det stödet har inte trappats ner över tid, utan kvarstår, visar regeringen.", "sv", ("policy", "SE", SUP)),
    # caution: no military solution, weapons prolong the war, not dragged into the war
    ("Slovakia will not be dragged into the war.", "en", ("policy", "SK", "cautious")),
    ("Fico said the war had no military solution.", "en", ("policy", "SK", "cautious")),
    ("Orban said weapons deliveries only prolong the war.", "en", ("policy", "HU", "cautious")),
    ("Slovensko sa nenechá vtiahnuť do vojny.", "sk", ("policy", "SK", "cautious")),
    ("Dodávky zbraní podle Babiše jen prodlužují válku.", "cs", ("policy", "CZ", "cautious")),
    ("Ungaria susține că războiul nu are o soluție militară.", "ro", ("policy", "HU", "cautious")),
    ("Scholz will eine direkte Konfrontation zwischen der NATO und Russland vermeiden.", "de",
     ("policy", "DE", "cautious")),
    ("Nederland wil geen escalatie met Rusland.", "nl", ("policy", "NL", "cautious")),
])
def test_more_general_stance_forms(extractor: Extractor, text: str, lang: str, want: tuple) -> None:
    assert want in records(extractor, text, lang)


@pytest.mark.parametrize(("text", "lang", "want"), [
    # stopping, halting or suspending military aid or arms deliveries: a refusal of what it names
    ("Slovakia halted military aid to Ukraine.", "en", "SK no-military-aid"),
    ("Slovakia stopped arms deliveries to Ukraine.", "en", "SK non-lethal-only"),
    ("Slovakia will no longer send military aid to Ukraine.", "en", "SK no-military-aid"),
    ("Die Slowakei hat die Militärhilfe für die Ukraine eingestellt.", "de", "SK no-military-aid"),
    ("Słowacja wstrzymała pomoc wojskową dla Ukrainy.", "pl", "SK no-military-aid"),
    ("Slovacia a oprit ajutorul militar pentru Ucraina.", "ro", "SK no-military-aid"),
    ("Словакия спря военната помощ за Украйна.", "bg", "SK no-military-aid"),
    ("Slovakkia peatas sõjalise abi Ukrainale.", "et", "SK no-military-aid"),
    ("Slowakije stopt met militaire steun aan Oekraïne.", "nl", "SK no-military-aid"),
    ("Slovakiet har stoppet den militære støtte til Ukraine.", "da", "SK no-military-aid"),
    ("La Slovaquie a suspendu son aide militaire à l'Ukraine.", "fr", "SK no-military-aid"),
    ("La Slovacchia ha sospeso gli aiuti militari all'Ucraina.", "it", "SK no-military-aid"),
    ("Eslovaquia suspendió la ayuda militar a Ucrania.", "es", "SK no-military-aid"),
    ("Словаччина припинила військову допомогу Україні.", "uk", "SK no-military-aid"),
    ("Poland said it would not hand over its Patriot batteries.", "en", "PL excludes:patriot"),
])
def test_stopping_aid_is_a_refusal(extractor: Extractor, text: str, lang: str, want: str) -> None:
    party, stance = want.split()
    assert ("policy", party, stance) in records(extractor, text, lang)


@pytest.mark.parametrize(("text", "lang", "want"), [
    ("Ungarn hat nie Waffen an die Ukraine geliefert.", "de", {("policy", "HU", NLO)}),
    ("Hongarije heeft nooit wapens aan Oekraïne geleverd.", "nl", {("policy", "HU", NLO)}),
    ("Maďarsko nikdy neposlalo Ukrajině zbraně.", "cs", {("policy", "HU", NLO)}),
    ("Węgry nigdy nie przekazały broni Ukrainie.", "pl", {("policy", "HU", NLO)}),
])
def test_never_having_given_is_a_refusal_and_no_delivery(extractor: Extractor, text: str, lang: str,
                                                        want: set[tuple]) -> None:
    assert records(extractor, text, lang) == want
