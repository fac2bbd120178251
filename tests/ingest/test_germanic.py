"""Germanic languages (en, de, nl, da, sv, nb; issue 13, texts nobody here has seen): whole paradigms of the giving
verbs (present, past, perfect, passive, reported speech), buying for the recipient, support said in ordinary words
("will continue to back Ukraine", "sicherte der Ukraine weitere Unterstützung zu", "blijft achter Oekraïne staan"),
hesitation as caution, "only non-lethal" as a limit, and the office-holders of 2022-2026 who stand for their country.
Hand-made sentences, none copied from a case; each rule has sentences where it must not fire."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor


def _pledges(ex: Extractor, text: str, lang: str) -> set[tuple[str, str | None, str]]:
    return {(p.donor, p.item, p.status) for p in ex.extract(text, lang).pledges}


def _policies(ex: Extractor, text: str, lang: str) -> set[tuple[str, str]]:
    return {(p.party, p.stance) for p in ex.extract(text, lang).policies}


# -- English ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "want"), [
    ("Germany has given Ukraine three IRIS-T systems.", {("DE", "iris-t-slm", "delivered")}),
    ("Britain has gifted Ukraine more Storm Shadow missiles.", {("GB", "storm-shadow", "delivered")}),
    ("Germany has been supplying Gepard anti-aircraft guns since last year.", {("DE", "gepard", "delivered")}),
    ("Norway is buying two NASAMS systems for Ukraine.", {("NO", "nasams", "committed")}),
    ("Canada bought eight NASAMS systems for Ukraine.", {("CA", "nasams", "committed")}),
    ("The Netherlands is shipping more Leopard 1 tanks.", {("NL", "leopard-1a5", "committed")}),
    ("Sweden is weighing sending Leopard 2 tanks.", {("SE", "leopard-2a4", "considering")}),
    ("Denmark is preparing to send more Caesar howitzers.", {("DK", "caesar", "considering")}),
])
def test_en_giving_paradigm(extractor: Extractor, text: str, want: set[tuple[str, str | None, str]]) -> None:
    assert _pledges(extractor, text, "en") == want


@pytest.mark.parametrize("text", [
    "Ukraine has given Russia no reason to attack.",  # the recipient gives nothing
    "Germany has not given Ukraine any Taurus missiles.",  # negated
    "Russia is buying drones from Iran.",  # bought, not for Ukraine, by an adversary
])
def test_en_giving_paradigm_not_firing(extractor: Extractor, text: str) -> None:
    assert not {p for p in _pledges(extractor, text, "en") if p[2] in ("delivered", "committed")}


@pytest.mark.parametrize(("text", "party"), [
    ("Germany will continue to back Ukraine.", "DE"),
    ("Canada stands by Ukraine.", "CA"),
    ("Sweden remains committed to supporting Ukraine.", "SE"),
    ("Norway's support for Ukraine remains unwavering, the prime minister said.", "NO"),
    ("The Netherlands is one of Ukraine's staunchest supporters.", "NL"),
    ("Britain expressed its full support for Ukraine.", "GB"),
    ("Denmark backs Ukraine.", "DK"),
])
def test_en_support_in_ordinary_words(extractor: Extractor, text: str, party: str) -> None:
    assert (party, "supportive") in _policies(extractor, text, "en")


@pytest.mark.parametrize("text", [
    "Hungary does not back Ukraine's bid to join NATO soon.",
    "Russia said the West backs Ukraine only to weaken Moscow.",
    "Germany does not support Ukraine with Taurus missiles.",
])
def test_en_support_not_firing(extractor: Extractor, text: str) -> None:
    assert not {p for p in _policies(extractor, text, "en") if p[1] == "supportive"}


@pytest.mark.parametrize(("text", "party"), [
    ("Germany has been cautious about sending Taurus missiles.", "DE"),
    ("Italy remains hesitant to send more air defence.", "IT"),
    ("France urged caution after the strike.", "FR"),
    ("Austria warned of the risk of escalation.", "AT"),
    ("Hungary called for a political solution to the war.", "HU"),
])
def test_en_caution_in_ordinary_words(extractor: Extractor, text: str, party: str) -> None:
    assert (party, "cautious") in _policies(extractor, text, "en")


def test_en_caution_not_firing(extractor: Extractor) -> None:
    assert not _policies(extractor, "Germany will send Taurus missiles without hesitation.", "en") & {
        ("DE", "cautious")}


def test_en_only_non_lethal(extractor: Extractor) -> None:
    assert ("AT", "non-lethal-only") in _policies(
        extractor, "Austria only provides non-lethal aid such as helmets and vests.", "en")
    assert ("AT", "non-lethal-only") not in _policies(
        extractor, "Austria provides non-lethal aid such as helmets, and Germany sends tanks.", "en")


# -- German ----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "want"), [
    ("Deutschland übergibt der Ukraine zwei Patriot-Systeme.", {("DE", "patriot", "committed")}),
    ("Deutschland gab der Ukraine zwei Patriot-Systeme.", {("DE", "patriot", "delivered")}),
    ("Die Niederlande spenden der Ukraine 14 Leopard-2-Panzer.", {("NL", "leopard-2a4", "committed")}),
    ("Schweden sendet der Ukraine weitere Archer-Haubitzen und Munition.", {("SE", None, "committed")}),
    ("Deutschland hat weitere Munition gesendet.", {("DE", None, "delivered")}),
    ("Dänemark schenkte der Ukraine 19 Caesar-Haubitzen.", {("DK", "caesar", "delivered")}),
    ("Deutschland kauft zwei Patriot-Systeme für die Ukraine.", {("DE", "patriot", "committed")}),
    ("Pistorius kündigte ein neues Hilfspaket an.", {("DE", None, "committed")}),
    ("Berlin stockt die Militärhilfe für die Ukraine auf.", {("DE", None, "committed")}),
    ("Kanada stellte der Ukraine weitere Haubitzen in Aussicht.", {("CA", None, "considering")}),
    # "will liefern" in German news reports a government's announced plan: a commitment (the annotators' reading)
    ("Deutschland will der Ukraine drei weitere IRIS-T-Systeme liefern.", {("DE", "iris-t-slm", "committed")}),
    ("Die Niederlande wollen der Ukraine weitere Leopard-1-Panzer spenden.", {("NL", "leopard-1a5", "committed")}),
])
def test_de_giving_paradigm(extractor: Extractor, text: str, want: set[tuple[str, str | None, str]]) -> None:
    assert _pledges(extractor, text, "de") == want


@pytest.mark.parametrize("text", [
    "Deutschland kauft Gas aus Norwegen.",  # bought, not for the recipient
    "Es gab keine Einigung über neue Panzer.",  # "es gab": there was
    "Deutschland gab bekannt, dass die Gespräche weitergehen.",  # announced, no aid
])
def test_de_giving_paradigm_not_firing(extractor: Extractor, text: str) -> None:
    assert not _pledges(extractor, text, "de")


@pytest.mark.parametrize(("text", "party"), [
    ("Die Bundesregierung sicherte der Ukraine weitere Unterstützung zu.", "DE"),
    ("Merz sicherte Selenskyj die volle Unterstützung Deutschlands zu.", "DE"),
    ("Deutschland bleibt der größte Unterstützer der Ukraine in Europa.", "DE"),
    ("Österreich steht weiterhin hinter der Ukraine.", "AT"),
    ("Schweden hält an seiner Unterstützung für die Ukraine fest.", "SE"),
    ("Dänemark unterstützt die Ukraine mit aller Kraft.", "DK"),
])
def test_de_support_in_ordinary_words(extractor: Extractor, text: str, party: str) -> None:
    assert (party, "supportive") in _policies(extractor, text, "de")


@pytest.mark.parametrize("text", [
    "Ungarn unterstützt die Ukraine nicht mit Waffen.",
    "Deutschland sagte der Ukraine weitere Patriot-Raketen zu.",
])
def test_de_support_not_firing(extractor: Extractor, text: str) -> None:
    assert not {p for p in _policies(extractor, text, "de") if p[1] == "supportive"}


def test_de_a_promise_of_support_is_no_pledge_of_aid(extractor: Extractor) -> None:
    assert not _pledges(extractor, "Die Bundesregierung sicherte der Ukraine weitere Unterstützung zu.", "de")


@pytest.mark.parametrize(("text", "party"), [
    ("Scholz zögert bei der Lieferung von Taurus.", "DE"),
    ("Italien zeigte sich zurückhaltend.", "IT"),
    ("Ungarn fordert eine Verhandlungslösung.", "HU"),
])
def test_de_caution(extractor: Extractor, text: str, party: str) -> None:
    assert (party, "cautious") in _policies(extractor, text, "de")


# -- office-holders ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "text", "donor"), [
    ("en", "Billström announced a new aid package for Ukraine.", "SE"),
    ("en", "Cleverly announced new military aid for Ukraine.", "GB"),
    ("de", "Nehammer kündigte weitere Militärhilfe an.", "AT"),
    ("da", "Forsvarsministeriet præsenterede en ny donationspakke.", "DK"),
    ("sv", "Regeringskansliet meddelade ett nytt stödpaket.", "SE"),
])
def test_office_holders_stand_for_their_country(extractor: Extractor, lang: str, text: str, donor: str) -> None:
    assert {p.donor for p in extractor.extract(text, lang).pledges} == {donor}


@pytest.mark.parametrize(("lang", "text", "party"), [
    ("de", "Dänemark unterstützt die Ukraine mit aller Kraft.", "DK"),
    ("en", "Denmark supports Ukraine with all its strength.", "DK"),
])
def test_support_with_all_its_strength_is_support_not_a_gift(extractor: Extractor, lang: str, text: str,
                                                            party: str) -> None:
    assert _policies(extractor, text, lang) == {(party, "supportive")}
    assert not _pledges(extractor, text, lang)


def test_de_a_wish_of_the_recipient_is_no_commitment(extractor: Extractor) -> None:
    assert not _pledges(extractor, "Die Ukraine will mehr Patriot-Systeme.", "de")
    assert ("DE", "taurus", "committed") not in _pledges(extractor, "Deutschland will keine Taurus liefern.", "de")


# -- Dutch -----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "want"), [
    ("Nederland koopt munitie voor Oekraïne.", {("NL", None, "committed")}),
    ("België heeft voor Oekraïne artilleriemunitie van 155 mm aangekocht.", {("BE", "shell-155mm", "committed")}),
    ("Brekelmans kondigde een nieuw steunpakket aan.", {("NL", None, "committed")}),
])
def test_nl_buying_and_packages(extractor: Extractor, text: str, want: set[tuple[str, str | None, str]]) -> None:
    assert _pledges(extractor, text, "nl") == want


def test_nl_buying_for_oneself_is_no_pledge(extractor: Extractor) -> None:
    assert not _pledges(extractor, "Nederland koopt nieuwe F-35's voor de eigen luchtmacht.", "nl")


@pytest.mark.parametrize(("text", "party"), [
    ("Nederland blijft achter Oekraïne staan.", "NL"),
    ("België gaat door met het steunen van Oekraïne.", "BE"),
    ("Duitsland benadrukte zijn onverminderde steun aan Oekraïne.", "DE"),
    ("Nederland steunt Oekraïne.", "NL"),
])
def test_nl_support(extractor: Extractor, text: str, party: str) -> None:
    assert (party, "supportive") in _policies(extractor, text, "nl")


@pytest.mark.parametrize("text", [
    "Hongarije steunt Oekraïne niet met wapens.",
    "Nederland stopt met de steun aan het project.",
])
def test_nl_support_not_firing(extractor: Extractor, text: str) -> None:
    assert not {p for p in _policies(extractor, text, "nl") if p[1] == "supportive"}


# -- Danish, Swedish, Norwegian ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("sv", "Sverige köper luftvärn till Ukraina.", {("SE", None, "committed")}),
    ("da", "Danmark køber artillerigranater til Ukraine.", {("DK", None, "committed")}),
    ("nb", "Norge kjøper luftvern til Ukraina.", {("NO", None, "committed")}),
])
def test_scandinavian_buying_for_ukraine(extractor: Extractor, lang: str, text: str,
                                         want: set[tuple[str, str | None, str]]) -> None:
    assert _pledges(extractor, text, lang) == want


@pytest.mark.parametrize(("lang", "text"), [
    ("sv", "Sverige köper nya stridsflygplan till flygvapnet."),
    ("da", "Danmark køber nye fregatter til søværnet."),
    ("nb", "Norge kjøper nye ubåter til Sjøforsvaret."),
])
def test_scandinavian_buying_for_oneself_is_no_pledge(extractor: Extractor, lang: str, text: str) -> None:
    assert not _pledges(extractor, text, lang)


@pytest.mark.parametrize(("lang", "text", "party"), [
    ("da", "Danmark står last og brast med Ukraine.", "DK"),
    ("da", "Danmark gav udtryk for sin fulde støtte til Ukraine.", "DK"),
    ("sv", "Sveriges stöd till Ukraina ligger fast.", "SE"),
    ("sv", "Sverige stödjer Ukraina.", "SE"),
    ("nb", "Norge støtter Ukraina så lenge det trengs.", "NO"),
    ("nb", "Norge gir sin fulle støtte til Ukraina.", "NO"),
])
def test_scandinavian_support(extractor: Extractor, lang: str, text: str, party: str) -> None:
    assert (party, "supportive") in _policies(extractor, text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("da", "Ungarn støtter ikke Ukraine med våben."),
    ("sv", "Ungern stöder inte Ukraina med vapen."),
    ("nb", "Ungarn støtter ikke Ukraina med våpen."),
])
def test_scandinavian_support_not_firing(extractor: Extractor, lang: str, text: str) -> None:
    assert not {p for p in _policies(extractor, text, lang) if p[1] == "supportive"}


@pytest.mark.parametrize(("lang", "text", "party"), [
    ("da", "Tyskland tøver med at sende flere kampvogne.", "DE"),
    ("sv", "Tyskland tvekar att skicka fler stridsvagnar.", "DE"),
    ("nb", "Tyskland nøler med å sende flere stridsvogner.", "DE"),
    ("nl", "Duitsland aarzelt om meer tanks te sturen.", "DE"),
])
def test_hesitation_is_caution(extractor: Extractor, lang: str, text: str, party: str) -> None:
    assert (party, "cautious") in _policies(extractor, text, lang)


# "gav udtryk for" (expressed) is no gift; "gave the green light" is a commitment
@pytest.mark.parametrize(("lang", "text", "party"), [
    ("da", "Danmark gav udtryk for sin fulde støtte til Ukraine.", "DK"),
    ("nb", "Norge ga uttrykk for sin fulle støtte til Ukraina.", "NO"),
    ("sv", "Sverige gav uttryck för sitt fulla stöd till Ukraina.", "SE"),
])
def test_an_expression_of_support_is_no_delivery(extractor: Extractor, lang: str, text: str, party: str) -> None:
    assert not _pledges(extractor, text, lang)
    assert (party, "supportive") in _policies(extractor, text, lang)


@pytest.mark.parametrize(("lang", "text", "donor"), [
    ("da", "Danmark gav grønt lys til at sende flere F-16-fly.", "DK"),
    ("nl", "Nederland gaf groen licht voor de levering van F-16-gevechtsvliegtuigen.", "NL"),
    ("en", "Canada has given the green light for the transfer of more armoured vehicles.", "CA"),
])
def test_a_green_light_is_a_commitment(extractor: Extractor, lang: str, text: str, donor: str) -> None:
    assert _pledges(extractor, text, lang) == {(donor, None, "committed")}


# -- German infinitive clauses after a comma: the recipient there starts no clause of its own -------------------------
@pytest.mark.parametrize(("text", "want"), [
    ("Schweden hat zugesagt, der Ukraine weitere Haubitzen zu liefern.", {("SE", None, "committed")}),
    ("Kanada beschloss, der Ukraine weitere Waffen zu schicken.", {("CA", None, "committed")}),
    ("Norwegen kündigte an, der Ukraine zwei NASAMS-Systeme zu übergeben.", {("NO", "nasams", "committed")}),
    ("Schweden plant, der Ukraine weitere Haubitzen zu liefern.", {("SE", None, "considering")}),
    ("Belgien erwägt, der Ukraine weitere Waffen zu liefern.", {("BE", None, "considering")}),
])
def test_de_comma_infinitive_keeps_its_subject(extractor: Extractor, text: str,
                                               want: set[tuple[str, str | None, str]]) -> None:
    assert _pledges(extractor, text, "de") == want


@pytest.mark.parametrize("text", [
    "Schweden weigert sich, der Ukraine weitere Haubitzen zu liefern.",
    "Ungarn forderte Schweden auf, der Ukraine keine Haubitzen zu liefern.",
    "Russland griff an, der Ukraine fehlen Haubitzen.",
])
def test_de_comma_infinitive_not_a_commitment(extractor: Extractor, text: str) -> None:
    assert not {p for p in _pledges(extractor, text, "de") if p[2] == "committed"}


@pytest.mark.parametrize(("text", "want"), [
    ("Die deutsche Zusage umfasst 18 Leopard-2-Panzer.", {("DE", "leopard-2a4", "committed")}),
    ("Die Niederlande beteiligen sich mit 14 Leopard-2-Panzern.", {("NL", "leopard-2a4", "committed")}),
    ("Norwegen beteiligt sich an der Finanzierung von zwei Patriot-Systemen für die Ukraine.",
     {("NO", "patriot", "committed")}),
    ("Deutschland übernimmt die Kosten für zwei Patriot-Systeme für die Ukraine.", {("DE", "patriot", "committed")}),
])
def test_de_promise_nouns_taking_part_and_paying(extractor: Extractor, text: str,
                                                 want: set[tuple[str, str | None, str]]) -> None:
    assert _pledges(extractor, text, "de") == want


@pytest.mark.parametrize("text", [
    "Kiew wartet noch auf die Zusage für weitere Patriot-Systeme.",
    "Deutschland zahlt Zinsen für seine Anleihen.",
])
def test_de_promise_nouns_not_firing(extractor: Extractor, text: str) -> None:
    assert not {p for p in _pledges(extractor, text, "de") if p[0] == "DE" or p[2] == "committed"}


# -- English: arrivals to come and receipts to come are commitments ---------------------------------------------------
@pytest.mark.parametrize(("text", "want"), [
    ("A Dutch donation of 14 Leopard 2 tanks will arrive next year.", {("NL", "leopard-2a4", "committed")}),
    ("Ukraine is set to receive additional Patriot batteries from Germany.", {("DE", "patriot", "committed")}),
    ("The Leopard 2 tanks from Germany should arrive in Ukraine by March.", {("DE", "leopard-2a4", "committed")}),
])
def test_en_future_arrival_is_a_commitment(extractor: Extractor, text: str,
                                           want: set[tuple[str, str | None, str]]) -> None:
    assert _pledges(extractor, text, "en") == want


def test_en_arriving_at_an_agreement_is_no_arrival(extractor: Extractor) -> None:
    assert not _pledges(extractor, "Germany and Ukraine will arrive at an agreement on Leopard 2 tanks.", "en")


@pytest.mark.parametrize(("lang", "text", "donor"), [
    ("da", "Sverige har besluttet at sende haubitser til Ukraine.", "SE"),
    ("sv", "Norge har beslutat att skicka haubitsar till Ukraina.", "NO"),
    ("nb", "Danmark har besluttet å sende haubitser til Ukraina.", "DK"),
    ("nl", "Zweden heeft besloten houwitsers aan Oekraïne te leveren.", "SE"),
])
def test_howitzers_without_a_name_are_aid(extractor: Extractor, lang: str, text: str, donor: str) -> None:
    assert _pledges(extractor, text, lang) == {(donor, None, "committed")}


@pytest.mark.parametrize(("lang", "text", "party"), [
    ("da", "Tyskland advarer mod en optrapning af krigen.", "DE"),
    ("sv", "Tyskland varnar för en upptrappning av kriget.", "DE"),
    ("nb", "Tyskland advarer mot en opptrapping av krigen.", "DE"),
])
def test_scandinavian_escalation_words(extractor: Extractor, lang: str, text: str, party: str) -> None:
    assert (party, "cautious") in _policies(extractor, text, lang)


def test_en_aid_limited_to_humanitarian(extractor: Extractor) -> None:
    assert ("AT", "no-military-aid") in _policies(
        extractor, "Austria, a neutral country, limits its aid to humanitarian assistance.", "en")


@pytest.mark.parametrize(("lang", "text", "party"), [
    ("nl", "De Hongaarse regering weigert wapens te leveren.", "HU"),
    ("da", "Den ungarske regering nægter at sende våben.", "HU"),
    ("sv", "Den schweiziska regeringen vägrar skicka vapen.", "CH"),
    ("nb", "Den østerrikske regjeringen nekter å sende våpen.", "AT"),
])
def test_demonyms_of_refusing_governments(extractor: Extractor, lang: str, text: str, party: str) -> None:
    assert party in {p for p, _ in _policies(extractor, text, lang)}


@pytest.mark.parametrize(("lang", "text", "party"), [
    ("en", "Canada pledged to keep supporting Ukraine.", "CA"),
    ("en", "Germany vowed to stand by Kyiv.", "DE"),
    ("en", "Norway stands shoulder to shoulder with Ukraine.", "NO"),
    ("en", "The Netherlands reiterated its unwavering commitment to Ukraine.", "NL"),
    ("en", "Italy supports Ukraine's right to defend itself.", "IT"),
    ("de", "Deutschland unterstützt die Ukraine bei der Verteidigung gegen Russland.", "DE"),
    ("de", "Österreich steht fest zur Ukraine.", "AT"),
    ("nl", "België staat schouder aan schouder met Oekraïne.", "BE"),
    ("sv", "Sverige står sida vid sida med Ukraina.", "SE"),
    ("da", "Danmark står skulder ved skulder med Ukraine.", "DK"),
])
def test_more_support_in_ordinary_words(extractor: Extractor, lang: str, text: str, party: str) -> None:
    assert (party, "supportive") in _policies(extractor, text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Hungary has not pledged to support Ukraine."),
    ("de", "Ungarn unterstützt die Ukraine nicht."),
])
def test_more_support_not_firing(extractor: Extractor, lang: str, text: str) -> None:
    assert not {p for p in _policies(extractor, text, lang) if p[1] == "supportive"}


@pytest.mark.parametrize(("text", "want"), [
    ("Italy will provide a SAMP-T air defense system.", ("IT", "samp-t", "committed", 1.0)),
    ("Romania agreed to donate a Patriot air defence system to Ukraine.", ("RO", "patriot", "committed", 1.0)),
    ("Britain said 200 Storm Shadow missiles would be provided.", ("GB", "storm-shadow", "committed", 200.0)),
])
def test_en_one_system_and_would_be_provided(extractor: Extractor, text: str,
                                             want: tuple[str, str, str, float]) -> None:
    assert {(p.donor, p.item, p.status, p.quantity) for p in extractor.extract(text, "en").pledges} == {want}


def test_en_a_system_named_in_the_plural_is_no_single_unit(extractor: Extractor) -> None:
    got = {(p.donor, p.item, p.quantity) for p in extractor.extract(
        "Germany will send a number of Patriot systems.", "en").pledges}
    assert ("DE", "patriot", 1.0) not in got


def test_nl_arranged_for_ukraine(extractor: Extractor) -> None:
    assert _pledges(extractor, "Nederland heeft bijna 1 miljard euro aan 155mm-granaten voor Oekraïne geregeld.",
                    "nl") == {("NL", "shell-155mm", "committed")}


# a ban on re-export is a refusal of what it names
@pytest.mark.parametrize(("lang", "text"), [
    ("da", "Schweiz siger, at våben og ammunition ikke må videreeksporteres til Ukraine."),
    ("sv", "Schweiz säger att vapnen inte får återexporteras till Ukraina."),
    ("nb", "Sveits sier at ammunisjonen ikke kan videreeksporteres til Ukraina."),
    ("nl", "Zwitserland zegt dat de munitie niet mag worden doorgeleverd aan Oekraïne."),
    ("en", "Switzerland says the ammunition may not be re-exported to Ukraine."),
])
def test_no_re_export(extractor: Extractor, lang: str, text: str) -> None:
    assert _policies(extractor, text, lang) == {("CH", "non-lethal-only")}


@pytest.mark.parametrize(("lang", "text"), [
    ("da", "Schweiz siger, at reservedele må videreeksporteres til Ukraine."),
    ("en", "Switzerland says the spare parts may be re-exported to Ukraine."),
])
def test_re_export_allowed_is_no_refusal(extractor: Extractor, lang: str, text: str) -> None:
    assert not _policies(extractor, text, lang)


# more giving verbs, in their present and past tenses
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("da", "Danmark overdrager 19 Caesar-haubitser til Ukraine.", {("DK", "caesar", "committed")}),
    ("da", "Danmark overførte våbnene til Ukraine i marts.", {("DK", None, "delivered")}),
    ("nb", "Norge overleverer åtte Leopard 2-stridsvogner til Ukraina.", {("NO", "leopard-2a4", "committed")}),
    ("nb", "Norge overførte våpnene til Ukraina i mars.", {("NO", None, "delivered")}),
    ("sv", "Sverige överförde vapnen till Ukraina i mars.", {("SE", None, "delivered")}),
    ("nl", "Nederland verstrekt Oekraïne 155mm-granaten.", {("NL", "shell-155mm", "committed")}),
    ("nl", "Nederland verstrekte Oekraïne 155mm-granaten.", {("NL", "shell-155mm", "delivered")}),
    ("nl", "Nederland draagt twee Patriot-lanceerinrichtingen over aan Oekraïne.",
     {("NL", "patriot-launcher", "committed")}),
    ("nl", "Nederland droeg twee Patriot-lanceerinrichtingen over aan Oekraïne.",
     {("NL", "patriot-launcher", "delivered")}),
    ("nl", "Nederland stelt twee Patriot-lanceerinrichtingen ter beschikking.",
     {("NL", "patriot-launcher", "committed")}),
    ("de", "Deutschland gibt der Ukraine drei Gepard-Panzer ab.", {("DE", "gepard", "committed")}),
    ("de", "Die Bundeswehr gab 30 Gepard-Panzer an die Ukraine ab.", {("DE", "gepard", "delivered")}),
])
def test_more_giving_verbs(extractor: Extractor, lang: str, text: str,
                           want: set[tuple[str, str | None, str]]) -> None:
    assert _pledges(extractor, text, lang) == want


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Rutte draagt het stokje over aan Schoof."),
    ("de", "Deutschland gab eine Erklärung ab."),
    ("de", "Deutschland gibt seine Stimme für das Paket ab."),
])
def test_more_giving_verbs_not_firing(extractor: Extractor, lang: str, text: str) -> None:
    assert not _pledges(extractor, text, lang)


@pytest.mark.parametrize("text", ["Hungary remains committed to peace talks.",
                                  "Hungary supports an immediate ceasefire."])
def test_en_favouring_talks_is_caution(extractor: Extractor, text: str) -> None:
    assert ("HU", "cautious") in _policies(extractor, text, "en")


@pytest.mark.parametrize("text", ["Russia backs separatists in eastern Ukraine.",
                                  "Germany's support for Ukraine has been criticised by the AfD.",
                                  "Ukraine is preparing to send troops to the front."])
def test_en_no_stance_or_pledge_of_a_bystander(extractor: Extractor, text: str) -> None:
    assert not _policies(extractor, text, "en") and not _pledges(extractor, text, "en")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The Council of the EU adopted an assistance measure worth €500 million to support the Ukrainian army."),
    ("de", "Die Mitgliedstaaten der Europäischen Union haben weitere Munition zugesagt."),
])
def test_eu_names_and_adopted_measures(extractor: Extractor, lang: str, text: str) -> None:
    assert _pledges(extractor, text, lang) == {("EU", None, "committed")}


def test_a_resolution_is_no_aid(extractor: Extractor) -> None:
    assert not _pledges(extractor, "The UN Security Council adopted a resolution on Ukraine.", "en")


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "The Patriot system from Germany has been deployed in Ukraine.", {("DE", "patriot", "delivered")}),
    ("en", "The IRIS-T systems supplied by Germany are now being used by Ukrainian forces.",
     {("DE", "iris-t-slm", "delivered")}),
    ("de", "Die Patriot-Systeme aus Deutschland sind bereits im Einsatz.", {("DE", "patriot", "delivered")}),
    ("nl", "De F-16's uit Nederland zijn inmiddels in gebruik.", {("NL", None, "delivered")}),
])
def test_in_use_in_ukraine_is_delivered(extractor: Extractor, lang: str, text: str,
                                        want: set[tuple[str, str | None, str]]) -> None:
    assert _pledges(extractor, text, lang) == want


def test_deployed_elsewhere_is_no_delivery(extractor: Extractor) -> None:
    assert not _pledges(extractor, "German Patriot systems have been deployed to Poland.", "en")


# Dutch verbs whose plural changes the stem's spelling (stuur/sturen, doneer/doneren), and their past tenses
@pytest.mark.parametrize(("text", "want"), [
    ('"We sturen extra munitie naar Oekraïne", zei Brekelmans.', {("NL", None, "committed")}),
    ('"Wij doneren extra munitie aan Oekraïne", zei Brekelmans.', {("NL", None, "committed")}),
    ("Nederland doneerde 18 F-16's aan Oekraïne.", {("NL", None, "delivered")}),
    ("Nederland gaf Oekraïne 18 F-16's.", {("NL", None, "delivered")}),
    ("Nederland gaf 18 F-16's aan Oekraïne.", {("NL", None, "delivered")}),
])
def test_nl_spelling_changes_and_past(extractor: Extractor, text: str,
                                      want: set[tuple[str, str | None, str]]) -> None:
    assert _pledges(extractor, text, "nl") == want


@pytest.mark.parametrize("text", ["Nederland gaf aan dat het de steun wil voortzetten.",
                                  "Nederland weigert F-16's te sturen."])
def test_nl_spelling_changes_not_firing(extractor: Extractor, text: str) -> None:
    assert not _pledges(extractor, text, "nl")


# "übergeben" is present (plural, first person) before its dative object, a participle at the clause's end
@pytest.mark.parametrize(("text", "status"), [
    ("Die Niederlande übergeben der Ukraine zwei Patriot-Startgeräte.", "committed"),
    ("„Wir übergeben der Ukraine zwei Patriot-Startgeräte“, sagte Brekelmans.", "committed"),
    ("Die Niederlande haben der Ukraine zwei Patriot-Startgeräte übergeben.", "delivered"),
])
def test_de_uebergeben_present_or_participle(extractor: Extractor, text: str, status: str) -> None:
    assert _pledges(extractor, text, "de") == {("NL", "patriot-launcher", status)}


@pytest.mark.parametrize(("text", "status"), [
    ("Germany announced plans to send 18 more Leopard 2 tanks.", "committed"),
    ("Germany plans to send 18 more Leopard 2 tanks.", "considering"),
])
def test_en_announced_plans_are_a_commitment(extractor: Extractor, text: str, status: str) -> None:
    assert _pledges(extractor, text, "en") == {("DE", "leopard-2a4", status)}


# giving approval is a commitment, not a delivery
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Germany has given its approval for the delivery of Leopard 2 tanks to Ukraine."),
    ("da", "Tyskland har givet tilladelse til levering af Leopard 2-kampvogne."),
    ("nb", "Tyskland har gitt tillatelse til levering av Leopard 2-stridsvogner."),
    ("sv", "Tyskland har gett tillstånd till leverans av Leopard 2-stridsvagnar."),
    ("de", "Deutschland hat die Genehmigung für die Lieferung von Leopard-2-Panzern erteilt."),
    ("nl", "Duitsland heeft toestemming gegeven voor de levering van Leopard 2-tanks."),
])
def test_approval_given_is_a_commitment(extractor: Extractor, lang: str, text: str) -> None:
    assert _pledges(extractor, text, lang) == {("DE", "leopard-2a4", "committed")}
