"""Stances and statuses as real texts state them (issue 13), in hand-written sentences (none taken from a case): a
refusal that goes on ("will continue not to send weapons", the Slavic negated future), solidarity and stepped-up
support, calls for a ceasefire in the past tense, a limit that is negated ("not only humanitarian aid") or conceded
("rules out sending arms directly, although arms will go through the EU"), what a considering verb weighs ("is
weighing whether to send"), what is still open ("it is unclear whether") and what was still to be delivered."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor
from tests.ingest.records import stances


def statuses(ex: Extractor, text: str, lang: str, item: str) -> set[tuple[str, str]]:
    return {(p.donor, p.status) for p in ex.extract(text, lang).pledges if p.item == item}


# a refusal of weapons that goes on, or is put in the future: non-lethal-only
REFUSALS = [
    ('es', 'Suiza seguirá sin enviar armas a Ucrania.', 'CH'),
    ('nl', 'Oostenrijk zal geen wapens naar Oekraïne sturen.', 'AT'),
    ('nl', 'Zwitserland zal Oekraïne ook in de toekomst niet met wapenleveringen steunen.', 'CH'),
    ('pl', 'Szwajcaria nadal nie będzie wspierać Ukrainy dostawami broni.', 'CH'),
    ('pl', 'Węgry nie będą dostarczać broni Ukrainie.', 'HU'),
    ('cs', 'Švýcarsko bude i nadále nepodporovat Ukrajinu dodávkami zbraní.', 'CH'),
    ('cs', 'Rakousko nebude posílat zbraně na Ukrajinu.', 'AT'),
    ('sk', 'Maďarsko nebude dodávať zbrane do vojny na Ukrajine.', 'HU'),
    ('uk', 'Угорщина не буде постачати зброю Україні.', 'HU'),
    ('ro', 'Elveția va continua să nu trimită arme Ucrainei.', 'CH'),
    ('sv', 'Schweiz kommer även i fortsättningen inte att leverera vapen till Ukraina.', 'CH'),
    ('no', 'Sveits vil fortsatt ikke sende våpen til Ukraina.', 'CH'),
    ('da', 'Schweiz vil fortsat ikke sende våben til Ukraine.', 'CH'),
    ('tr', "Macaristan Ukrayna'ya silah tedarik etmiyor.", 'HU'),
]


@pytest.mark.parametrize(("lang", "text", "party"), REFUSALS)
def test_continued_and_future_refusals_of_weapons(extractor: Extractor, lang: str, text: str, party: str) -> None:
    assert stances(extractor, text, lang) == {(party, "non-lethal-only")}


SUPPORT = [
    ('pl', 'Polska solidaryzuje się z Ukrainą.', 'PL'),
    ('de', 'Österreich bekundete seine Solidarität mit der Ukraine.', 'AT'),
    ('fr', "La Belgique a exprimé sa solidarité avec l'Ukraine.", 'BE'),
    ('es', 'España reiteró su solidaridad con Ucrania.', 'ES'),
    ('en', 'Ireland stands in solidarity with Ukraine.', 'IE'),
    ('uk', 'Литва підтримує і підтримуватиме Україну.', 'LT'),
    ('sv', 'Sverige är fokuserat på att öka och intensifiera stödet för Ukraina.', 'SE'),
    ('da', 'Danmark vil blive ved med at støtte Ukraine.', 'DK'),
    ('en', 'Germany reaffirmed its commitment to support Ukraine as long as necessary.', 'DE'),
    ('lv', 'Latvija turpinās darīt visu iespējamo, lai palīdzētu Ukrainai.', 'LV'),
]


@pytest.mark.parametrize(("lang", "text", "party"), SUPPORT)
def test_solidarity_and_stepped_up_support(extractor: Extractor, lang: str, text: str, party: str) -> None:
    assert (party, "supportive") in stances(extractor, text, lang)


CEASEFIRE = [
    ('it', "L'Ungheria ha chiesto un cessate il fuoco.", 'HU'),
    ('pl', 'Węgry wezwały do zawieszenia broni.', 'HU'),
]


@pytest.mark.parametrize(("lang", "text", "party"), CEASEFIRE)
def test_a_call_for_a_ceasefire_in_the_past_tense(extractor: Extractor, lang: str, text: str, party: str) -> None:
    assert stances(extractor, text, lang) == {(party, "cautious")}


def test_not_only_humanitarian_aid_is_no_limit(extractor: Extractor) -> None:
    de = "Österreich leistet nicht nur humanitäre Hilfe, sondern hat auch Schutzwesten geschickt."
    assert ("AT", "no-military-aid") not in stances(extractor, de, "de")
    assert ("AT", "no-military-aid") not in stances(
        extractor, "Austria has given not only humanitarian aid but also helmets.", "en")
    # the limit itself, not negated, still counts
    assert stances(extractor, "Ireland provides only humanitarian aid.", "en") == {("IE", "no-military-aid")}
    assert stances(extractor, "Ungarn leistet nur humanitäre Hilfe.", "de") == {("HU", "no-military-aid")}


def test_a_refusal_that_concedes_arms_another_way_is_no_limit(extractor: Extractor) -> None:
    es = ("España descarta el envío directo de armas a Ucrania, aunque sí se enviará armamento a través de la Unión "
          "Europea.")
    assert ("ES", "non-lethal-only") not in stances(extractor, es, "es")
    en = "Italy rules out sending weapons directly to Ukraine, but will send ammunition through the EU."
    assert ("IT", "non-lethal-only") not in stances(extractor, en, "en")
    # what is conceded is humanitarian aid: the refusal of arms stands
    es = "Malta y Chipre descartan el envío de armas, aunque Chipre ofrecerá apoyo humanitario."
    assert stances(extractor, es, "es") == {("MT", "non-lethal-only"), ("CY", "non-lethal-only")}


# what a considering verb weighs, and what is said to be still open, is considered
WEIGHED = [
    ('pt', 'O Governo português está a ponderar se envia tanques Leopard 2 para a Ucrânia.', 'PT', 'leopard-2a4'),
    ('de', 'Deutschland prüft, ob es Patriot-Systeme liefert.', 'DE', 'patriot'),
    ('fr', "L'Allemagne se demande si elle enverra des systèmes Patriot.", 'DE', 'patriot'),
    ('en', 'It is unclear whether Germany will send Patriot systems.', 'DE', 'patriot'),
    ('de', 'Unklar ist, ob Deutschland Patriot-Systeme liefern wird.', 'DE', 'patriot'),
    ('es', 'No está claro si Alemania enviará sistemas Patriot.', 'DE', 'patriot'),
    ('it', 'Non è chiaro se la Germania invierà sistemi Patriot.', 'DE', 'patriot'),
    ('pl', 'Nie wiadomo, czy Niemcy wyślą systemy Patriot.', 'DE', 'patriot'),
    ('cs', 'Není jasné, zda Německo pošle systémy Patriot.', 'DE', 'patriot'),
    ('ro', 'Nu este clar dacă Germania va trimite sisteme Patriot.', 'DE', 'patriot'),
]


@pytest.mark.parametrize(("lang", "text", "donor", "item"), WEIGHED)
def test_what_is_weighed_or_open_is_considered(extractor: Extractor, lang: str, text: str, donor: str,
                                               item: str) -> None:
    assert statuses(extractor, text, lang, item) == {(donor, "considering")}


def test_a_verb_after_considering_and_a_joiner_is_its_own(extractor: Extractor) -> None:
    # "is considering more aid and has sent ...": two things, the second delivered
    got = statuses(extractor, "Germany is considering more aid and has sent two Patriot systems.", "en", "patriot")
    assert got == {("DE", "delivered")}


# what was still to be delivered, or is said would be delivered, is committed
STILL_TO_COME = [
    ('fr', "Les systèmes Patriot de l'Allemagne devaient encore être livrés.", 'DE'),
    ('it', 'I sistemi Patriot della Germania dovevano ancora essere consegnati.', 'DE'),
    ('pl', 'Niemcy poinformowały, że systemy Patriot miały dopiero zostać dostarczone.', 'DE'),
    ('nl', 'Duitsland zei dat ook de Patriot-systemen geleverd zouden worden.', 'DE'),
    ('nl', 'De Patriot-systemen uit Duitsland moesten nog geleverd worden.', 'DE'),
    ('uk', 'Системи Patriot від Німеччини ще мали бути передані.', 'DE'),
    ('ro', 'Germania a declarat că și sistemele Patriot vor fi livrate.', 'DE'),
]


@pytest.mark.parametrize(("lang", "text", "donor"), STILL_TO_COME)
def test_what_was_still_to_be_delivered_is_committed(extractor: Extractor, lang: str, text: str, donor: str) -> None:
    assert statuses(extractor, text, lang, "patriot") == {(donor, "committed")}


# support "already provided by" a party: its past aid, delivered
ALREADY = [
    ('fr', "Ce système complète le soutien déjà apporté par la France et l'Italie en matière de défense aérienne.",
     {'FR', 'IT'}),
    ('es', 'El nuevo envío completa el apoyo ya aportado por España e Italia en defensa aérea.', {'ES', 'IT'}),
    ('pt', 'O novo envio completa o apoio já fornecido por Portugal e Espanha em defesa aérea.', {'PT', 'ES'}),
]


@pytest.mark.parametrize(("lang", "text", "donors"), ALREADY)
def test_support_already_provided_by_a_party_is_delivered(extractor: Extractor, lang: str, text: str,
                                                          donors: set[str]) -> None:
    got = {(p.donor, p.status) for p in extractor.extract(text, lang).pledges}
    assert got == {(d, "delivered") for d in donors}


def test_ruling_out_nothing_is_considering(extractor: Extractor) -> None:
    for lang, text in (('fr', "La France n'exclut rien pour les systèmes Patriot."),
                       ('de', 'Frankreich schließt bei den Patriot-Systemen nichts aus.')):
        assert statuses(extractor, text, lang, "patriot") == {("FR", "considering")}, text
        assert not stances(extractor, text, lang), text


def test_spare_parts_and_stocks_are_no_caution(extractor: Extractor) -> None:
    # Lithuanian "atsarginės detalės" (spare parts) and "atsargos" (stocks) share a stem with "atsargus" (cautious)
    text = "Lietuva perduos Ukrainai visureigių su atsarginėmis detalėmis iš savo atsargų."
    assert not stances(extractor, text, "lt")
    assert stances(extractor, "Lietuva ragina elgtis atsargiai.", "lt") == {("LT", "cautious")}


# a stance inside a quote is its speaker's, named just after it
QUOTED = [
    ('hu', '"Megpróbáljuk megnyitni a tárgyalásokat, amelyek elvezethetnek a békéhez" - mondta Orbán Viktor.',
     'HU', 'cautious'),
    ('de', '„Wir stehen an der Seite der Ukraine“, sagte Bundeskanzler Olaf Scholz.', 'DE', 'supportive'),
    ('fr', "« Nous continuerons à soutenir l'Ukraine », a déclaré Emmanuel Macron.", 'FR', 'supportive'),
]


@pytest.mark.parametrize(("lang", "text", "party", "stance"), QUOTED)
def test_a_quote_is_its_speakers(extractor: Extractor, lang: str, text: str, party: str, stance: str) -> None:
    assert stances(extractor, text, lang) == {(party, stance)}


def test_a_quote_of_the_recipient_is_no_stance(extractor: Extractor) -> None:
    text = '„Wir fordern Verhandlungen und einen Waffenstillstand“, sagte Selenskyj.'
    assert not stances(extractor, text, "de")


# helping that goes on, support that is maintained or "continues" as a noun's verb: supportive
GOING_ON = [
    ('de', 'Deutschland wird der Ukraine weiter helfen.', 'DE'),
    ('es', 'España mantendrá su apoyo a Ucrania.', 'ES'),
    ('it', "L'Italia manterrà il suo sostegno all'Ucraina.", 'IT'),
    ('pl', 'Polska nadal będzie pomagać Ukrainie.', 'PL'),
    ('cs', 'Podpora Česka Ukrajině bude pokračovat.', 'CZ'),
    ('sv', 'Sveriges stöd till Ukraina fortsätter.', 'SE'),
    ('no', 'Norges støtte til Ukraina fortsetter.', 'NO'),
    ('da', 'Danmarks støtte til Ukraine fortsætter.', 'DK'),
    ('fi', 'Suomen tuki Ukrainalle jatkuu.', 'FI'),
    ('en', 'Britain will maintain its support for Ukraine.', 'GB'),
    ('en', 'Canada will continue to help Ukraine.', 'CA'),
    ('fr', "La France continuera d'aider l'Ukraine.", 'FR'),
    ('nl', 'Nederland blijft Oekraïne helpen.', 'NL'),
    ('uk', 'Норвегія й надалі допомагатиме Україні.', 'NO'),
    ('lt', 'Lietuva ir toliau padės Ukrainai.', 'LT'),
    ('lv', 'Latvija turpinās palīdzēt Ukrainai.', 'LV'),
    ('et', 'Eesti jätkab Ukraina abistamist.', 'EE'),
    ('bg', 'България ще продължи да помага на Украйна.', 'BG'),
    ('tr', "Türkiye Ukrayna'ya yardım etmeye devam edecek.", 'TR'),
    ('sk', 'Slovensko bude naďalej pomáhať Ukrajine.', 'SK'),
    ('ro', 'Sprijinul României pentru Ucraina va continua.', 'RO'),
]


@pytest.mark.parametrize(("lang", "text", "party"), GOING_ON)
def test_help_that_goes_on_is_support(extractor: Extractor, lang: str, text: str, party: str) -> None:
    assert stances(extractor, text, lang) == {(party, "supportive")}


def test_help_limited_to_humanitarian_aid_is_no_support(extractor: Extractor) -> None:
    hu = ('"Továbbra is segíteni fogjuk humanitárius eszközökkel az ukránokat, de fegyvereket továbbra sem '
          'szállítunk" - tette hozzá Orbán Viktor.')
    assert stances(extractor, hu, "hu") == {("HU", "non-lethal-only")}
    en = "Hungary will continue to help Ukraine with humanitarian aid, but will not send weapons."
    assert stances(extractor, en, "en") == {("HU", "non-lethal-only")}
    # refusing one item is no limit on the support
    en = "Germany will continue to support Ukraine but will not send Taurus missiles."
    assert stances(extractor, en, "en") == {("DE", "supportive"), ("DE", "excludes:taurus")}


# a diplomatic solution, peace talks, not being drawn into the war: restraint
RESTRAINT = [
    ('en', 'Slovakia urged a diplomatic solution to the war.', 'SK'),
    ('en', 'Italy does not want to be drawn into the war.', 'IT'),
    ('de', 'Österreich plädiert für eine diplomatische Lösung.', 'AT'),
    ('de', 'Deutschland will nicht Kriegspartei werden.', 'DE'),
    ('pl', 'Węgry apelują o rozmowy pokojowe.', 'HU'),
    ('cs', 'Maďarsko volá po mírových jednáních.', 'HU'),
    ('fr', 'La Hongrie plaide pour une solution diplomatique.', 'HU'),
]


@pytest.mark.parametrize(("lang", "text", "party"), RESTRAINT)
def test_a_diplomatic_solution_and_peace_talks_are_restraint(extractor: Extractor, lang: str, text: str,
                                                             party: str) -> None:
    assert stances(extractor, text, lang) == {(party, "cautious")}


# reported speech in the conditional takes the status of what is reported: committed (the Romance conditional is
# left alone: there it also reports a rumour, "l'Allemagne livrerait" = reportedly delivers)
REPORTED_CONDITIONAL = [
    ('en', 'The minister said Germany would also deliver two Patriot systems.'),
    ('pl', 'Według ministra Niemcy miałyby dostarczyć także dwa systemy Patriot.'),
    ('sv', 'Enligt ministern skulle Tyskland också leverera två Patriot-system.'),
]


@pytest.mark.parametrize(("lang", "text"), REPORTED_CONDITIONAL)
def test_reported_conditional_is_committed(extractor: Extractor, lang: str, text: str) -> None:
    assert statuses(extractor, text, lang, "patriot") == {("DE", "committed")}
