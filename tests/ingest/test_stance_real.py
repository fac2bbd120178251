"""Stances as real texts put them, in every language of issue 13 (hand-written sentences unless a URL says where a
real one comes from): a contrast names parties that are not the ones refusing, on either side of its noun
("W przeciwieństwie do Polski Węgry ...", "Lengyelországgal ellentétben Magyarország ..."); refusals by an
infinitive ("weigert sich, ... zu liefern", "is unwilling to send"), by a negated future in every person, by a ban on
re-export; what is not yet decided is no refusal; support that goes on."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor
from allyplan.ingest.rules import Rules
from tests.ingest.records import stances

N = "non-lethal-only"


# the parties a contrast names are compared with, they do not refuse; the contrast noun may follow its party
# (Hungarian, Turkish, Finnish) and need no comma after it (Polish, Czech, Slovak, Latvian, German)
CONTRASTS = [
    ('pl', 'W przeciwieństwie do Polski Węgry nie wyślą broni na Ukrainę.'),
    ('cs', 'Na rozdíl od Polska Maďarsko nepošle zbraně na Ukrajinu.'),
    ('sk', 'Na rozdiel od Poľska Maďarsko nepošle zbrane na Ukrajinu.'),
    ('lv', 'Atšķirībā no Polijas Ungārija nesūtīs ieročus Ukrainai.'),
    ('de', 'Anders als Polen wird Ungarn keine Waffen an die Ukraine liefern.'),
    ('uk', 'На відміну від Польщі Угорщина не постачатиме зброю Україні.'),
    ('hu', 'Lengyelországgal ellentétben Magyarország nem küld fegyvert Ukrajnának.'),
    ('hu', 'Lengyelországgal és Csehországgal ellentétben Magyarország nem küld fegyvert Ukrajnának.'),
    ('hu', 'Magyarország Lengyelországgal ellentétben nem küld fegyvert Ukrajnának.'),
    ('tr', "Polonya'nın aksine Macaristan Ukrayna'ya silah göndermeyecek."),
    ('tr', "Macaristan, Polonya'nın aksine, Ukrayna'ya silah göndermeyecek."),
    ('fi', 'Puolaan verrattuna Unkari ei lähetä aseita Ukrainaan.'),
    ('en', 'Hungary, unlike Poland, will not send weapons to Ukraine.'),
    ('fr', "Contrairement à l'Allemagne et à la France, la Hongrie n'enverra pas d'armes."),
]


@pytest.mark.parametrize(("lang", "text"), CONTRASTS)
def test_a_contrast_names_who_does_not_refuse(extractor: Extractor, lang: str, text: str) -> None:
    assert stances(extractor, text, lang) == {("HU", N)}


H = "no-military-aid"

# a refusal put as an infinitive after "refuses", "is unwilling", "is against", or as a negated future in any person
REFUSALS = [
    ('de', 'Ungarn weigert sich, Waffen an die Ukraine zu liefern.', {("HU", N)}),
    ('de', 'Die Schweiz ist nicht bereit, Waffen an die Ukraine zu liefern.', {("CH", N)}),
    ('en', 'Switzerland is not prepared to send weapons to Ukraine.', {("CH", N)}),
    ('en', 'Germany is unwilling to send Taurus missiles to Ukraine.', {("DE", "excludes:taurus")}),
    ('en', 'Berlin has so far resisted calls to send Taurus missiles.', {("DE", "excludes:taurus")}),
    ('fr', "La Suisse n'est pas prête à livrer des armes à l'Ukraine.", {("CH", N)}),
    # https://fr.news-front.su/2023/06/21/le-president-bulgare-seleve-contre-les-livraisons-darmes-a-lukraine
    ('fr', "Le président bulgare Rumen Radev s'est prononcé contre les livraisons d'armes à l'Ukraine.", {("BG", N)}),
    ('pl', 'Słowacja nie ma zamiaru wspierać militarnie Ukrainy.', {("SK", H)}),
    ('pl', 'Węgry nie dadzą Ukrainie broni.', {("HU", N)}),
    ('cs', 'Maďarsko nedá Ukrajině žádné zbraně.', {("HU", N)}),
    ('cs', 'Slovensko už nebude Ukrajině posílat žádné zbraně.', {("SK", N)}),
    ('sk', 'Slovensko už nebude Ukrajine posielať žiadne zbrane.', {("SK", N)}),
    ('it', "L'Austria non è disposta a inviare armi all'Ucraina.", {("AT", N)}),
    ('es', 'Irlanda no está dispuesta a enviar armas a Ucrania.', {("IE", N)}),
    ('pt', 'A Áustria não está disposta a enviar armas para a Ucrânia.', {("AT", N)}),
    ('nl', 'Oostenrijk is niet bereid wapens aan Oekraïne te leveren.', {("AT", N)}),
    ('sv', 'Österrike är inte berett att skicka vapen till Ukraina.', {("AT", N)}),
    ('bg', 'България няма да изпратят оръжие на Украйна.', {("BG", N)}),
    ('uk', 'Угорщина не збирається постачати зброю Україні.', {("HU", N)}),
    ('ro', 'Ungaria nu este dispusă să trimită arme Ucrainei.', {("HU", N)}),
    ('fi', 'Unkari ei ole valmis lähettämään aseita Ukrainaan.', {("HU", N)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), REFUSALS)
def test_refusals_by_infinitive_and_negated_future(extractor: Extractor, lang: str, text: str,
                                                  want: set[tuple[str, str]]) -> None:
    assert stances(extractor, text, lang) == want


# support negated inside its own phrase refuses what it names; "without" in a phrase of support is no negation
NEGATED_SUPPORT = [
    # https://www.zdf.de/nachrichten/politik/karl-nehammer-oesterreich-militaerunterstuetzung-ukraine-krieg-russland-100.html
    ('de', 'Österreich wird die Ukraine auch weiterhin nicht militärisch unterstützen.', {("AT", H)}),
    ('es', 'España seguirá apoyando a Ucrania con un apoyo sin fisuras.', {("ES", "supportive")}),
    ('fr', "La France apporte un soutien sans faille à l'Ukraine.", {("FR", "supportive")}),
]


@pytest.mark.parametrize(("lang", "text", "want"), NEGATED_SUPPORT)
def test_negated_support_is_a_refusal(extractor: Extractor, lang: str, text: str,
                                      want: set[tuple[str, str]]) -> None:
    assert stances(extractor, text, lang) == want


# a ban on re-export names what it bans (a neutral state's typical refusal)
REEXPORT = [
    ('es', 'Suiza no autoriza la reexportación de armas a Ucrania.'),
    ('nl', 'Zwitserland staat de wederuitvoer van munitie naar Oekraïne niet toe.'),
    ('da', 'Schweiz tillader ikke, at våben videreeksporteres til Ukraine.'),
    ('sv', 'Schweiz tillåter inte att vapen återexporteras till Ukraina.'),
    ('it', "La Svizzera vieta la riesportazione di armi verso l'Ucraina."),
    ('pl', 'Szwajcaria nie zezwala na reeksport broni na Ukrainę.'),
    ('de', 'Die Schweiz verbietet die Wiederausfuhr von Munition in die Ukraine.'),
]


@pytest.mark.parametrize(("lang", "text"), REEXPORT)
def test_a_ban_on_reexport_is_a_refusal(extractor: Extractor, lang: str, text: str) -> None:
    assert stances(extractor, text, lang) == {("CH", N)}


# what is not decided yet is no refusal
NOT_YET = [
    ('en', 'Unlike the United States and Britain, Germany has not yet agreed to send Taurus.'),
    ('de', 'Deutschland hat noch nicht zugesagt, Taurus zu liefern.'),
]


@pytest.mark.parametrize(("lang", "text"), NOT_YET)
def test_not_yet_is_no_refusal(extractor: Extractor, lang: str, text: str) -> None:
    assert stances(extractor, text, lang) == set()


SUPPORT = [
    ('en', '"Despite changes in leadership, the UK stands united in support of Ukraine," the minister said.', "GB"),
    ('da', 'Sverige vil derfor give omfattende støtte til Ukraines væbnede styrker.', "SE"),
]


@pytest.mark.parametrize(("lang", "text", "party"), SUPPORT)
def test_support_stated_as_it_goes_on(extractor: Extractor, lang: str, text: str, party: str) -> None:
    assert stances(extractor, text, lang) == {(party, "supportive")}


# what the recipient will not receive from a named source, that source refuses
NOT_RECEIVED = [
    ('en', 'Ukraine will not receive Taurus missiles from Germany.', {("DE", "excludes:taurus")}),
    ('de', 'Die Ukraine wird von Deutschland keine Taurus-Marschflugkörper erhalten.', {("DE", "excludes:taurus")}),
    ('fr', "L'Ukraine ne recevra pas de missiles Taurus de l'Allemagne.", {("DE", "excludes:taurus")}),
    ('pl', 'Ukraina nie otrzyma od Polski systemów Patriot.', {("PL", "excludes:patriot")}),
    ('uk', 'Україна не отримає від Німеччини ракети Taurus.', {("DE", "excludes:taurus")}),
    # https://sita.sk/premier-fico-sa-stretne-s-ukrajinskym-predsedom-vlady-prinesie-mu-zoznam-humanitarnej-pomoci/
    # (its subheading; the second sentence shortened)
    ('sk', 'Ukrajina od Slovenska nedostane žiadne zbrane', {("SK", N)}),
    ('sk', 'Fico chce potvrdiť, že Ukrajina nebude dostávať od Slovenska žiadne zbrane.', {("SK", N)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), NOT_RECEIVED)
def test_what_the_recipient_will_not_receive(extractor: Extractor, lang: str, text: str,
                                             want: set[tuple[str, str]]) -> None:
    assert stances(extractor, text, lang) == want


LATIN = [
    # written after https://www.publico.pt/2024/02/24/politica/noticia/marcelo-costa-portugal-mantem-apoio-ucrania-reservas-tempo-preciso-2081516
    # and https://www.dnoticias.pt/2026/2/24/482489-marcelo-rebelo-de-sousa-diz-que-portugal-continuara-a-apoiar-adesao-da-ucrania-a-ue/
    ('pt', 'Portugal continuará a prestar assistência à Ucrânia pelo tempo que for preciso.', {("PT", "supportive")}),
    ('pt', 'O Presidente garantiu que se mantém inabalável o apoio de Portugal à Ucrânia.', {("PT", "supportive")}),
    # https://www.stiripesurse.ro/prim-ministrul-bulgariei-nu-vom-da-ucrainei-arme-deja-ii-ajutam-suficient_2419310.html
    # (the headline; the first sentence written after its lead)
    ('ro', 'Premierul bulgar Kirill Petkov a declarat că Bulgaria nu intenționează să furnizeze arme ucrainenilor.',
     {("BG", N)}),
    ('ro', 'Prim-ministrul Bulgariei: Nu vom da Ucrainei arme', {("BG", N)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), LATIN)
def test_portuguese_and_romanian_forms(extractor: Extractor, lang: str, text: str,
                                       want: set[tuple[str, str]]) -> None:
    assert stances(extractor, text, lang) == want


# "rules out" with the item named after it, in every language; the giving verb a refusal governs gives nothing
RULED_OUT = [
    ('pt', 'Scholz exclui o envio de mísseis Taurus para a Ucrânia.'),
    ('hu', 'Scholz kizárja a Taurus rakéták Ukrajnának történő szállítását.'),
    ('bg', 'Германия изключва доставката на ракети Taurus за Украйна.'),
    ('lv', 'Vācija izslēdz Taurus raķešu piegādi Ukrainai.'),
    ('lt', 'Vokietija atmeta galimybę perduoti Ukrainai Taurus raketas.'),
    ('pl', 'Scholz wyklucza przekazanie Ukrainie pocisków Taurus.'),
]


@pytest.mark.parametrize(("lang", "text"), RULED_OUT)
def test_ruling_out_an_item(extractor: Extractor, lang: str, text: str) -> None:
    r = extractor.extract(text, lang)
    assert {(p.party, p.stance) for p in r.policies} == {("DE", "excludes:taurus")}
    assert not r.pledges


def test_a_minister_speaks_for_the_state_of_the_text(extractor: Extractor) -> None:
    """A supportive or refusing minister, named by office only, speaks for the country the text is about (the dev
    case es-elpais-siete-generadores-albares)."""
    text = ("España dona siete generadores a Ucrania.\n"
            "El ministro de Asuntos Exteriores ratifica ante el embajador su apoyo sin fisuras.")
    assert stances(extractor, text, "es") == {("ES", "supportive")}


def test_french_and_lithuanian_cautions(extractor: Extractor) -> None:
    assert stances(extractor, "La Hongrie a mis en garde contre une escalade du conflit.", "fr") == {
        ("HU", "cautious")}
    assert stances(extractor, "Vengrija paragino pradėti taikos derybas.", "lt") == {("HU", "cautious")}


# a neutral state that goes on not supporting Ukraine with arms (issue 13), in the languages the forms test lacked
GOES_ON_NOT_ARMING = [
    ('it', "La Svizzera continuerà a non sostenere l'Ucraina con forniture di armi."),
    ('pt', 'A Suíça vai continuar a não apoiar a Ucrânia com o envio de armas.'),
    ('fi', 'Sveitsi ei jatkossakaan tue Ukrainaa aseapulla.'),
    ('et', 'Šveits ei toeta ka edaspidi Ukrainat relvatarnetega.'),
    ('lv', 'Šveice arī turpmāk neatbalstīs Ukrainu ar ieroču piegādēm.'),
    ('lt', 'Šveicarija ir toliau neparems Ukrainos ginklų tiekimu.'),
    ('bg', 'Швейцария и занапред няма да подкрепя Украйна с доставки на оръжие.'),
    ('hu', 'Svájc továbbra sem támogatja Ukrajnát fegyverszállításokkal.'),
]


@pytest.mark.parametrize(("lang", "text"), GOES_ON_NOT_ARMING)
def test_going_on_not_supporting_with_arms(extractor: Extractor, lang: str, text: str) -> None:
    assert stances(extractor, text, lang) == {("CH", N)}


# aid limited to humanitarian aid, and non-lethal aid "but no weapons"
LIMITED = [
    ('it', "L'Austria si limita agli aiuti umanitari.", {("AT", H)}),
    ('de', 'Österreich beschränkt sich auf humanitäre Hilfe.', {("AT", H)}),
    ('fr', "L'Autriche se limite à l'aide humanitaire.", {("AT", H)}),
    ('es', 'Austria se limita a la ayuda humanitaria.', {("AT", H)}),
    ('pl', 'Austria ogranicza się do pomocy humanitarnej.', {("AT", H)}),
    ('cs', 'Rakousko se omezuje na humanitární pomoc.', {("AT", H)}),
    ('en', 'Austria has provided helmets and other non-lethal equipment but no weapons.', {("AT", N)}),
    ('de', 'Österreich liefert Helme und Schutzwesten, aber keine Waffen.', {("AT", N)}),
    ('fr', "L'Autriche fournit des casques, mais pas d'armes.", {("AT", N)}),
    ('pl', 'Austria dostarcza hełmy, ale nie broń.', {("AT", N)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), LIMITED)
def test_aid_limited_to_humanitarian_or_non_lethal(extractor: Extractor, lang: str, text: str,
                                                   want: set[tuple[str, str]]) -> None:
    assert stances(extractor, text, lang) == want


# no stance: what "but not" leaves out is no weapon, "does not support" names no aid
NO_STANCE = [
    ('en', 'Germany has sent weapons, but not enough ammunition.'),
    ('en', 'Poland sent tanks but not fighter jets.'),
    ('en', 'Hungary does not support sanctions against Russia.'),
    ('hu', 'Magyarország nem támogatja Ukrajna NATO-tagságát.'),
    ('fi', 'Suomi ei tue Venäjän vaatimuksia.'),
    ('bg', 'България не подкрепя санкциите срещу Русия.'),
    ('de', 'Die USA lieferten Panzer, aber keine Kampfjets.'),
    ('da', 'Danmark får ikke lov til at sende F-16-fly til Ukraine endnu.'),
    ('sv', 'Sverige får inga nya stridsvagnar från Tyskland.'),
    ('cs', 'Nedá se vyloučit, že Česko pošle Ukrajině další zbraně.'),
    ('cs', 'Česko je proti ruské agresi a posílá zbraně Ukrajině.'),
]


@pytest.mark.parametrize(("lang", "text"), NO_STANCE)
def test_no_stance_where_nothing_lethal_is_refused(extractor: Extractor, lang: str, text: str) -> None:
    assert stances(extractor, text, lang) == set()


# a refusal of a delivery that names no item refuses the one item the sentence before names
ANAPHORIC = [
    ('nl', 'Nederland bezit zelf nog maar drie Patriot-systemen. Een rechtstreekse levering zit er dus niet in.',
     {("NL", "excludes:patriot")}),
    ('en', 'Spain has only three Patriot systems left. A delivery to Ukraine is therefore ruled out.',
     {("ES", "excludes:patriot")}),
    ('de', 'Spanien hat nur noch drei Patriot-Systeme. Eine Lieferung an die Ukraine schließt Madrid daher aus.',
     {("ES", "excludes:patriot")}),
    ('en', 'Germany sent ten Leopard 2A6 tanks. The government refused to comment.', set()),
]


@pytest.mark.parametrize(("lang", "text", "want"), ANAPHORIC)
def test_a_refusal_of_what_was_just_named(extractor: Extractor, lang: str, text: str,
                                          want: set[tuple[str, str]]) -> None:
    assert stances(extractor, text, lang) == want


def test_nederlandse_levering_is_aid(extractor: Extractor) -> None:
    """nl `aid` read "leveringen?" as "levering" + "e" + an optional "n": the singular was no aid noun."""
    assert [c.cls for c in Rules.load("nl").cues("een levering") if c.cls == "aid"] == ["aid"]


def test_a_refusal_that_names_its_own_object_refers_to_nothing_before(extractor: Extractor) -> None:
    """"ruled out sending Tomahawk missiles" names what it refuses (a name the catalog lacks): not the AIM-9M of the
    sentence before (the shared case en-o1 got a spurious excludes:aim-9m)."""
    text = ("The United States announced more AIM-9M missiles for Ukraine. But President Donald Trump has ruled out "
            "sending Tomahawk missiles.")
    assert stances(extractor, text, "en") == set()


# the head of government speaking for the state: a quote (set off by quotation marks or dashes) and its speaker,
# a verb-final negated future, "will stop sending"
SPEAKERS = [
    ('pl', '– Nie będziemy wysyłać broni na Ukrainę – powiedział premier Węgier Viktor Orbán.', {("HU", N)}),
    ('cs', '„Zbraně na Ukrajinu posílat nebudeme,“ řekl maďarský premiér Viktor Orbán.', {("HU", N)}),
    ('sk', '„Zbrane na Ukrajinu posielať nebudeme,“ povedal slovenský premiér Robert Fico.', {("SK", N)}),
    ('en', 'Slovak Prime Minister Robert Fico said his country would stop sending weapons to Ukraine.', {("SK", N)}),
    ('fr', "La Slovaquie va cesser de livrer des armes à l'Ukraine.", {("SK", N)}),
    ('es', 'Eslovaquia dejará de enviar armas a Ucrania.', {("SK", N)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), SPEAKERS)
def test_the_head_of_government_speaks_for_the_state(extractor: Extractor, lang: str, text: str,
                                                     want: set[tuple[str, str]]) -> None:
    assert stances(extractor, text, lang) == want


# reaffirmed support and standing by Ukraine, in the languages whose rules lacked the form
REAFFIRMED = [
    ('nl', 'Zweden bevestigde opnieuw zijn steun aan Oekraïne.'),
    ('bg', 'Швеция потвърди подкрепата си за Украйна.'),
    ('hu', 'Svédország megerősítette Ukrajna támogatását.'),
    ('tr', "İsveç Ukrayna'ya desteğini yineledi."),
    ('fi', 'Ruotsi vahvisti tukensa Ukrainalle.'),
    ('et', 'Rootsi kinnitas oma toetust Ukrainale.'),
    ('lv', 'Zviedrija apliecināja savu atbalstu Ukrainai.'),
    ('lt', 'Švedija patvirtino savo paramą Ukrainai.'),
    ('es', 'Suecia sigue al lado de Ucrania.'),
    ('nl', 'Zweden blijft aan de zijde van Oekraïne staan.'),
    ('bg', 'Швеция остава до Украйна.'),
    ('fi', 'Ruotsi seisoo Ukrainan rinnalla.'),
    ('sv', 'Sverige står fast vid Ukrainas sida.'),
]


@pytest.mark.parametrize(("lang", "text"), REAFFIRMED)
def test_reaffirmed_support_and_standing_by_ukraine(extractor: Extractor, lang: str, text: str) -> None:
    assert stances(extractor, text, lang) == {("SE", "supportive")}


# weapons that must not be used on Russian territory: a cautious donor
NOT_ON_RUSSIA = [
    ('pl', 'Włochy podkreślają, że przekazana broń nie może być używana na terytorium Rosji.'),
    ('es', 'Italia insiste en que las armas no pueden usarse en territorio ruso.'),
    ('pt', 'A Itália insiste que as armas não podem ser usadas em território russo.'),
    ('nl', 'Italië benadrukt dat de wapens niet op Russisch grondgebied mogen worden ingezet.'),
    ('cs', 'Itálie trvá na tom, že zbraně nesmějí být použity na ruském území.'),
    ('uk', 'Італія наполягає, що зброя не може використовуватися на території Росії.'),
    ('ro', 'Italia insistă că armele nu pot fi folosite pe teritoriul Rusiei.'),
    ('sv', 'Italien betonar att vapnen inte får användas på ryskt territorium.'),
    ('hu', 'Olaszország hangsúlyozza, hogy a fegyverek nem használhatók orosz területen.'),
    ('sk', 'Taliansko trvá na tom, že zbrane nesmú byť použité na ruskom území.'),
    ('bg', 'Италия настоява оръжията да не се използват на руска територия.'),
    ('fi', 'Italia korostaa, ettei aseita saa käyttää Venäjän alueella.'),
]


@pytest.mark.parametrize(("lang", "text"), NOT_ON_RUSSIA)
def test_weapons_not_to_be_used_on_russian_territory(extractor: Extractor, lang: str, text: str) -> None:
    assert stances(extractor, text, lang) == {("IT", "cautious")}


# what one party asks of another is no stance of the one asked
DIRECTED = [
    ('de', 'Orbán forderte Deutschland auf, keine Waffen an die Ukraine zu liefern.'),
    ('en', 'Hungary wants the EU to stop sending weapons to Ukraine.'),
    ('en', 'Orbán urged Germany not to send weapons to Ukraine.'),
    ('fr', "Orbán a demandé à l'Allemagne de ne pas livrer d'armes à l'Ukraine."),
    ('pl', 'Orbán wezwał Niemcy, by nie wysyłały broni na Ukrainę.'),
]


@pytest.mark.parametrize(("lang", "text"), DIRECTED)
def test_what_one_asks_of_another_is_not_its_stance(extractor: Extractor, lang: str, text: str) -> None:
    assert not {s for s in stances(extractor, text, lang) if s[0] in ("DE", "EU")}


def test_a_refusal_with_its_object_first_is_no_directive(extractor: Extractor) -> None:
    """"Žádné" (none) begins like "žádá" (asks): a refusal whose object comes first is still the subject's."""
    assert stances(extractor, "Žádné zbraně Maďarsko Ukrajině nepošle.", "cs") == {("HU", N)}
