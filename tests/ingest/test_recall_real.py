"""Records the real texts hold and the extractor missed (issue 13, "missed"): a giving verb governed by a verb of
deciding or intending ("ønsker at sende", "se había comprometido a enviar", "zapadła decyzja o przekazaniu"), the
agents of a pledge named "such as" after the agent word ("da parte di paesi europei, come Germania e Grecia"), a
title that names the donor only as a source, and a model's number that is no count ("RBS 70"). Hand-made sentences
in several languages, and two short excerpts of real texts (their URLs beside them)."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor


def _pledges(ex: Extractor, text: str, lang: str) -> set[tuple[str, str | None, str]]:
    return {(p.donor, p.item, p.status) for p in ex.extract(text, lang).pledges}


# a decision or an agreement to give is a commitment, in every person, tense and language
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("es", "España se había comprometido a enviar seis tanques Leopard 2 a Ucrania.", ("ES", "leopard-2a4")),
    ("it", "L'Italia ha deciso di inviare un secondo sistema SAMP/T in Ucraina.", ("IT", "samp-t")),
    ("nb", "Norge har besluttet å gi åtte Leopard 2-stridsvogner til Ukraina.", ("NO", "leopard-2a4")),
    ("sv", "Sverige har beslutat att skicka Archer till Ukraina.", ("SE", None)),
    ("pl", "Polska zdecydowała się przekazać Ukrainie czołgi Leopard 2.", ("PL", "leopard-2a4")),
    ("pl", "Zapadła decyzja o przekazaniu Ukrainie czołgów Leopard 2 przez Polskę.", ("PL", "leopard-2a4")),
    ("cs", "Česko se rozhodlo poslat Ukrajině tanky T-72.", ("CZ", None)),
    ("uk", "Німеччина вирішила передати Україні ще дві системи IRIS-T SLM.", ("DE", "iris-t-slm")),
    ("ro", "România a decis să trimită un sistem Patriot în Ucraina.", ("RO", "patriot")),
    ("fi", "Suomi päätti lähettää Ukrainalle Leopard 2 -panssarivaunuja.", ("FI", "leopard-2a4")),
    ("nl", "Nederland heeft besloten om Leopard 2-tanks aan Oekraïne te leveren.", ("NL", "leopard-2a4")),
    ("tr", "Türkiye Ukrayna'ya Bayraktar TB2 göndermeye karar verdi.", ("TR", None)),  # the head after the verb
])
def test_a_decision_to_give_is_a_commitment(extractor: Extractor, lang: str, text: str,
                                            want: tuple[str, str | None]) -> None:
    assert (*want, "committed") in _pledges(extractor, text, lang)


# a wish, a plan or a request for leave to give is a pledge under consideration
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("da", "Danmark ønsker at sende Leopard 1-kampvogne til Ukraine.", ("DK", "leopard-1a5")),
    ("es", "Portugal quiere enviar tres tanques Leopard 2 a Ucrania.", ("PT", "leopard-2a4")),
    ("fr", "Les Pays-Bas souhaitent envoyer des chars Leopard 2 à l'Ukraine.", ("NL", "leopard-2a4")),
    ("en", "Sweden wants to send Archer howitzers to Ukraine.", ("SE", None)),
    # https://nyheder.tv2.dk/ (da-tv2-schweiz-piranha): asking leave to pass weapons on
    ("da", "Forinden havde både Danmark og Tyskland ansøgt det schweiziske statssekretariat for industri, kaldet SECO, "
           "om tilladelse til at sende våben og ammunition produceret i Schweiz videre til Ukraine.", ("DE", None)),
])
def test_a_wish_or_plan_to_give_is_considering(extractor: Extractor, lang: str, text: str,
                                               want: tuple[str, str | None]) -> None:
    assert (*want, "considering") in _pledges(extractor, text, lang)


def test_a_negation_or_a_that_clause_between_head_and_verb_makes_no_pledge_of_the_subject(
        extractor: Extractor) -> None:
    assert _pledges(extractor, "Sweden did not decide to send Archer howitzers to Ukraine.", "en") == set()
    # the Netherlands want Switzerland to allow it: neither is said to give (before: Switzerland considering)
    got = _pledges(extractor, "Les Pays-Bas voudraient que la Suisse permette la livraison de chars Leopard 2 à "
                              "l'Ukraine.", "fr")
    assert not any(d == "CH" for d, _, _ in got)


@pytest.mark.parametrize(("lang", "text", "item", "status"), [
    ("en", "More Patriot missiles will be delivered by European allies such as Norway and Denmark.", "pac-3-mse",
     "committed"),
    ("fr", "Des chars Leopard 2 seront livrés par des pays européens comme la Norvège et le Danemark.", "leopard-2a4",
     "committed"),
    ("de", "Die Iris-T-Systeme werden von europäischen Ländern wie Norwegen und Dänemark geliefert.", "iris-t-slm",
     "committed"),
    # https://www.citynotizie.com/ (it-citynotizie-patriot-israele), the two countries changed
    ("it", "È stata comunicata anche la possibilità di un trasferimento di ulteriori sistemi di difesa Patriot da "
           "parte di paesi europei, come Norvegia e Danimarca.", "patriot", "considering"),
])
def test_agents_named_such_as_after_the_agent_word_give(extractor: Extractor, lang: str, text: str, item: str,
                                                        status: str) -> None:
    assert _pledges(extractor, text, lang) == {("NO", item, status), ("DK", item, status)}


def test_a_party_such_as_after_an_addressee_is_no_agent(extractor: Extractor) -> None:
    assert _pledges(extractor, "More Patriot missiles will be delivered to countries such as Poland.", "en") == set()


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("da", "Ukrainske soldater klar til at modtage kanoner fra Danmark\n\nRegeringen besluttede at donere 19 "
           "Caesar-artilleripjecer til Ukraine.", ("DK", "caesar", "committed")),
    ("en", "Ukraine to receive more tanks from Poland\n\nThe government decided to send 14 Leopard 2 tanks.",
     ("PL", "leopard-2a4", "committed")),
])
def test_a_title_naming_the_donor_as_a_source_gives_the_government_its_country(
        extractor: Extractor, lang: str, text: str, want: tuple[str, str, str]) -> None:
    assert want in _pledges(extractor, text, lang)


def test_a_model_number_after_the_verb_is_no_count_of_the_item_before(extractor: Extractor) -> None:
    """"livrer des missiles RBS 70": 70 is the model's, not 70 more of the shells named before (the governed verb
    "envisage ... de livrer" brought the number within reach of the ellipsis rule)."""
    text = ("BERLIN — Le gouvernement allemand a annoncé trois systèmes IRIS-T SLM et 40 000 obus de 155 mm. "
            "La Suède envisage pour sa part de livrer des missiles RBS 70.")
    got = _pledges(extractor, text, "fr")
    assert ("SE", None, "considering") in got and ("SE", "shell-155mm", "considering") not in got


# forms of the status verbs the lists lacked: a future passive, a conditional of reported speech, a progressive, a
# Latvian perfect participle without its auxiliary (the evidential of news), a Dutch present passive
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("es", "Los tanques Leopard 2 serán enviados a Ucrania por Alemania.", ("DE", "leopard-2a4", "committed")),
    ("es", "Alemania enviaría seis tanques Leopard 2 a Ucrania.", ("DE", "leopard-2a4", "committed")),
    ("es", "Alemania está enviando tanques Leopard 2 a Ucrania.", ("DE", "leopard-2a4", "committed")),
    ("it", "I carri Leopard 2 saranno inviati in Ucraina dalla Germania.", ("DE", "leopard-2a4", "committed")),
    ("it", "La Germania invierebbe sei carri Leopard 2 in Ucraina.", ("DE", "leopard-2a4", "committed")),
    ("lv", "Latvija Ukrainai sniegusi militāro palīdzību 200 miljonu eiro apmērā.", ("LV", None, "delivered")),
    ("lv", "Latvija Ukrainai sniedza militāro palīdzību 200 miljonu eiro apmērā.", ("LV", None, "delivered")),
    ("nl", "Vier Leopard 2-tanks worden door Nederland aan Oekraïne gegeven.", ("NL", "leopard-2a4", "committed")),
])
def test_more_forms_of_the_status_verbs(extractor: Extractor, lang: str, text: str,
                                        want: tuple[str, str | None, str]) -> None:
    assert want in _pledges(extractor, text, lang)


@pytest.mark.parametrize(("lang", "text", "item"), [
    ("de", "Deutschland hat vier IRIS-T-Systeme geliefert und wird zwei weitere schicken.", "iris-t-slm"),
    ("nl", "Nederland heeft vier Patriot-systemen geleverd en zal er nog twee leveren.", "patriot"),
    ("da", "Danmark har leveret fire NASAMS og vil sende yderligere to.", "nasams"),
])
def test_a_second_pledge_of_a_coordinated_verb_counts_the_item_before(extractor: Extractor, lang: str, text: str,
                                                                      item: str) -> None:
    """A verb-final cue runs over its count ("wird zwei weitere schicken"): the count is the second pledge's (before:
    the German and Dutch ones were lost)."""
    got = {(p.item, p.status, p.quantity) for p in extractor.extract(text, lang).pledges}
    assert {(item, "delivered", 4.0), (item, "committed", 2.0)} <= got


# a pledge whose clause names no donor, reported by a government named before it ("According to ...") or in a
# reporting clause after it; not where the recipient reports it
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "According to the Dutch defence ministry, 18 Caesar howitzers will be sent to Ukraine."),
    ("en", "18 Caesar howitzers will be sent to Ukraine, the Dutch defence ministry said."),
    ("fr", "18 canons Caesar seront livrés à l'Ukraine, a indiqué le ministère néerlandais de la Défense."),
    ("es", "18 obuses Caesar serán enviados a Ucrania, informó el Ministerio de Defensa neerlandés."),
    ("it", "18 obici Caesar saranno inviati in Ucraina, ha detto il ministro della Difesa olandese."),
])
def test_the_reporting_government_gives_a_pledge_that_names_no_donor(extractor: Extractor, lang: str,
                                                                     text: str) -> None:
    assert _pledges(extractor, text, lang) == {("NL", "caesar", "committed")}


def test_the_recipient_reporting_a_pledge_is_no_donor(extractor: Extractor) -> None:
    text = "Two more Patriot systems will be delivered soon, Ukrainian President Volodymyr Zelensky said."
    assert _pledges(extractor, text, "en") == set()


def test_a_package_listed_according_to_its_donor_keeps_the_donor(extractor: Extractor) -> None:
    """The donor named as the report's source of a package's list is no other actor: the list inherits the package
    (kyivindependent.com, en-kyivindependent-150m-interceptors)."""
    text = ("The U.S. will provide a new $150 million package to Ukraine. According to the Defense Department, the "
            "package also includes 155mm and 105mm artillery rounds.")
    assert ("US", "shell-155mm", "committed") in _pledges(extractor, text, "en")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Ukraine will receive the 18 Caesar howitzers already delivered by Paris, and the 19 promised by "
           "Copenhagen."),
    ("fr", "L'Ukraine recevra les 18 canons Caesar déjà livrés par Paris et les 19 promis par Copenhague."),
    ("de", "Die Ukraine erhält die 18 von Paris bereits gelieferten Caesar-Haubitzen und die 19 von Kopenhagen "
           "zugesagten."),
])
def test_a_participle_with_its_agent_gives_the_item_its_donor_and_status(extractor: Extractor, lang: str,
                                                                         text: str) -> None:
    """Issue 13's example of a background pledge: the participle after (or, in German, before) the item names its
    donor and how far it got, whatever the main verb; the second pledge keeps its own donor (before: both donors
    took the received verb's status, or Paris was lost)."""
    got = _pledges(extractor, text, lang)
    assert {("FR", "caesar", "delivered"), ("DK", "caesar", "committed")} <= got
    assert ("FR", "caesar", "committed") not in got and ("DK", "caesar", "delivered") not in got


def test_will_now_send_is_a_commitment(extractor: Extractor) -> None:
    got = {(p.donor, p.item, p.status, p.quantity) for p in extractor.extract(
        "Canada, which already sent eight Leopard 2 tanks, will now send four more.", "en").pledges}
    assert ("CA", "leopard-2a4", "committed", 4.0) in got


def test_shells_named_without_calibre_are_an_item_less_pledge(extractor: Extractor) -> None:
    """"Eesti saadab Ukrainale 10 000 suurtükimürsku" (err.ee, et-err-10000-suurtukimursku): shells a language's
    aid words lack still make a pledge that names no catalog item (before: nothing)."""
    got = {(p.donor, p.item, p.status) for p in extractor.extract(
        "Eesti saadab Ukrainale 10 000 suurtükimürsku.", "et").pledges}
    assert got == {("EE", None, "committed")}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Ukraine wants Germany to send Taurus missiles."),
    ("es", "Ucrania quiere que Alemania envíe misiles Taurus."),
])
def test_the_recipients_wish_is_no_pledge_of_the_party_it_names(extractor: Extractor, lang: str, text: str) -> None:
    """A party between a head and its giving verb is the head's object: "Ukraine wants Germany to send" is Ukraine's
    wish, no German pledge (the governed-verb rule first read Germany as the giver)."""
    assert _pledges(extractor, text, lang) == set()


def test_in_a_verb_second_language_the_subject_may_follow_the_head(extractor: Extractor) -> None:
    # "will ... liefern" reports an announced plan: committed, as the annotators read it in every real case (issue 13,
    # germanic); the point here is the subject after the head
    assert ("CA", "leopard-2a4", "committed") in _pledges(
        extractor, "Zudem will Kanada der Ukraine vier Leopard-2-Panzer liefern.", "de")


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Kiev a salué la décision de Berlin d'envoyer deux systèmes Patriot supplémentaires."),
    ("es", "Kiev celebró la decisión de Berlín de enviar dos sistemas Patriot más."),
    ("it", "Kiev ha accolto la decisione di Berlino di inviare altri due sistemi Patriot."),
    ("en", "Kyiv welcomed Berlin's decision to send two more Patriot systems."),
    # the owner in the genitive case, with no preposition
    ("pl", "Kijów z zadowoleniem przyjął decyzję Berlina o przekazaniu dwóch systemów Patriot."),
    ("uk", "Київ привітав рішення Берліна передати дві системи Patriot."),
    ("cs", "Kyjev uvítal rozhodnutí Berlína poslat dva systémy Patriot."),
])
def test_the_owner_of_a_decision_to_give_is_the_donor(extractor: Extractor, lang: str, text: str) -> None:
    """A party named with "of" between the decision and its giving verb owns the decision ("la décision de Berlin
    d'envoyer"): the donor, unlike the object of a wish ("wants Germany to send")."""
    assert _pledges(extractor, text, lang) == {("DE", "patriot", "committed")}


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "Germany asked Switzerland for permission to send Gepard ammunition to Ukraine.",
     ("DE", "ammo-35mm-gepard")),
    ("de", "Deutschland hatte die Schweiz um Erlaubnis gebeten, Gepard-Munition an die Ukraine weiterzugeben.",
     ("DE", "ammo-35mm-gepard")),
    ("da", "Danmark har bedt Schweiz om tilladelse til at sende Piranha-pansrede mandskabsvogne til Ukraine.",
     ("DK", None)),
    ("es", "Polonia pidió a Alemania la autorización para enviar tanques Leopard 2 a Ucrania.", ("PL", "leopard-2a4")),
    ("nl", "Nederland heeft Zwitserland om toestemming gevraagd om Leopard 1-tanks aan Oekraïne te leveren.",
     ("NL", "leopard-1a5")),
])
def test_who_asks_leave_to_give_considers_giving_not_the_one_asked(extractor: Extractor, lang: str, text: str,
                                                                   want: tuple[str, str | None]) -> None:
    """(The permission heads first gave the pledge to the party asked, named nearest the cue.)"""
    assert _pledges(extractor, text, lang) == {(*want, "considering")}



@pytest.mark.parametrize(("lang", "text"), [
    # antena3.ro, 2024-06 (the headline's sentence): the owner in the Romanian genitive
    ("ro", "Casa Alba salută decizia României de a dona Ucrainei un sistem Patriot."),
    ("en", "The White House welcomed the decision by Romania to donate a Patriot system."),
])
def test_the_decision_owner_wins_over_the_party_that_welcomes_it(extractor: Extractor, lang: str, text: str) -> None:
    """(The governed-verb rule first lost the Romanian record, reading România as the head's object; the party
    that welcomes the decision is no donor.)"""
    assert _pledges(extractor, text, lang) == {("RO", "patriot", "committed")}


@pytest.mark.parametrize(("lang", "text"), [
    ("bg", "Киев приветства решението на Румъния да предостави система Patriot."),
    ("pt", "Kiev saudou a decisão da Roménia de enviar um sistema Patriot."),
    ("fr", "Kiev a salué la décision de la Roumanie d'envoyer un système Patriot."),
    ("nb", "Kyiv ønsket Romanias beslutning om å sende et Patriot-system velkommen."),  # "ønske velkommen": welcome
    ("lv", "Kijiva atzinīgi novērtēja Rumānijas lēmumu nodot Patriot sistēmu."),
    ("sk", "Kyjev privítal rozhodnutie Rumunska poslať systém Patriot."),
    ("nl", "Kiev verwelkomde het besluit van Roemenië om een Patriot-systeem te leveren."),  # verb-second, too
])
def test_a_decision_to_give_in_more_languages(extractor: Extractor, lang: str, text: str) -> None:
    assert _pledges(extractor, text, lang) == {("RO", "patriot", "committed")}
