"""Broad vocabulary of the coalition's 22 languages (issue 13), one hand-made sentence per language and
construction, none taken from a case: continuing support, non-lethal-only aid, a neutral state that sends no
weapons (refusal in the present tense, the verb's negation after it in the Germanic languages), a call for a
ceasefire, item-less pledges of generic equipment (helmets, vests, armoured vehicles), and 155 mm shells named by
calibre in each language's words. Each sentence must give exactly the records listed."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor

SUPPORT = [
 ("en", "Canada will keep supporting Ukraine.", "CA"),
 ("fr", "La Belgique continuera à soutenir l'Ukraine.", "BE"),
 ("de", "Österreich wird die Ukraine auch künftig unterstützen.", "AT"),
 ("es", "España seguirá apoyando a Ucrania.", "ES"),
 ("it", "L'Italia continuerà a sostenere l'Ucraina.", "IT"),
 ("pt", "Portugal vai continuar a apoiar a Ucrânia.", "PT"),
 ("nl", "België zal Oekraïne blijven steunen.", "BE"),
 ("da", "Danmark vil fortsat støtte Ukraine.", "DK"),
 ("no", "Norge vil fortsette å støtte Ukraina.", "NO"),
 ("sv", "Sverige kommer att fortsätta stödja Ukraina.", "SE"),
 ("fi", "Suomi jatkaa Ukrainan tukemista.", "FI"),
 ("cs", "Česko bude i nadále podporovat Ukrajinu.", "CZ"),
 ("sk", "Slovensko bude naďalej podporovať Ukrajinu.", "SK"),
 ("pl", "Polska będzie nadal wspierać Ukrainę.", "PL"),
 ("ro", "România va continua să sprijine Ucraina.", "RO"),
 ("hu", "Magyarország továbbra is támogatja Ukrajnát.", "HU"),
 ("tr", "Türkiye Ukrayna'yı desteklemeye devam edecek.", "TR"),
 ("uk", "Литва й надалі підтримуватиме Україну.", "LT"),
 ("bg", "България ще продължи да подкрепя Украйна.", "BG"),
 ("lt", "Lietuva ir toliau rems Ukrainą.", "LT"),
 ("lv", "Latvija turpinās atbalstīt Ukrainu.", "LV"),
 ("et", "Eesti jätkab Ukraina toetamist.", "EE"),
]
NONLETHAL = [
 ("en", "Ireland provides only non-lethal aid to Ukraine.", "IE"),
 ("fr", "L'Autriche fournit uniquement du matériel non létal à l'Ukraine.", "AT"),
 ("de", "Österreich liefert der Ukraine nur nicht-tödliche Ausrüstung.", "AT"),
 ("es", "Irlanda solo envía material no letal a Ucrania.", "IE"),
 ("it", "L'Austria fornisce all'Ucraina solo materiale non letale.", "AT"),
 ("pt", "A Irlanda fornece apenas equipamento não letal à Ucrânia.", "IE"),
 ("nl", "Oostenrijk levert Oekraïne alleen niet-dodelijke uitrusting.", "AT"),
 ("da", "Østrig giver kun ikke-dødeligt udstyr til Ukraine.", "AT"),
 ("no", "Østerrike gir bare ikke-dødelig utstyr til Ukraina.", "AT"),
 ("sv", "Österrike skickar bara icke-dödlig utrustning till Ukraina.", "AT"),
 ("fi", "Itävalta antaa Ukrainalle vain ei-tappavaa materiaalia.", "AT"),
 ("cs", "Rakousko posílá Ukrajině pouze nesmrtící vybavení.", "AT"),
 ("sk", "Rakúsko posiela Ukrajine iba nesmrtiace vybavenie.", "AT"),
 ("pl", "Austria przekazuje Ukrainie wyłącznie sprzęt nieśmiercionośny.", "AT"),
 ("ro", "Austria trimite Ucrainei doar echipamente neletale.", "AT"),
 ("hu", "Ausztria csak nem halálos felszerelést küld Ukrajnának.", "AT"),
 ("tr", "Avusturya Ukrayna'ya yalnızca öldürücü olmayan teçhizat gönderiyor.", "AT"),
 ("uk", "Австрія надає Україні лише нелетальне спорядження.", "AT"),
 ("bg", "Австрия изпраща на Украйна само несмъртоносно оборудване.", "AT"),
 ("lt", "Austrija Ukrainai teikia tik nemirtiną įrangą.", "AT"),
 ("lv", "Austrija Ukrainai sniedz tikai nenāvējošu ekipējumu.", "AT"),
 ("et", "Austria annab Ukrainale ainult mittesurmavat varustust.", "AT"),
]
NEUTRAL = [
 ("en", "Switzerland, a neutral country, does not export weapons to Ukraine.", "CH"),
 ("fr", "La Suisse, pays neutre, n'exporte pas d'armes vers l'Ukraine.", "CH"),
 ("de", "Die neutrale Schweiz liefert keine Waffen an die Ukraine.", "CH"),
 ("es", "Suiza, país neutral, no exporta armas a Ucrania.", "CH"),
 ("it", "La Svizzera, paese neutrale, non esporta armi in Ucraina.", "CH"),
 ("pt", "A Suíça, país neutro, não exporta armas para a Ucrânia.", "CH"),
 ("nl", "Zwitserland levert als neutraal land geen wapens aan Oekraïne.", "CH"),
 ("da", "Schweiz sender som neutralt land ikke våben til Ukraine.", "CH"),
 ("no", "Sveits sender som nøytralt land ikke våpen til Ukraina.", "CH"),
 ("sv", "Schweiz skickar som neutralt land inga vapen till Ukraina.", "CH"),
 ("fi", "Puolueeton Sveitsi ei toimita aseita Ukrainalle.", "CH"),
 ("cs", "Neutrální Švýcarsko nedodává Ukrajině zbraně.", "CH"),
 ("sk", "Neutrálne Švajčiarsko nedodáva Ukrajine zbrane.", "CH"),
 ("pl", "Neutralna Szwajcaria nie dostarcza Ukrainie broni.", "CH"),
 ("ro", "Elveția, țară neutră, nu trimite arme Ucrainei.", "CH"),
 ("hu", "A semleges Svájc nem szállít fegyvert Ukrajnának.", "CH"),
 ("tr", "Tarafsız İsviçre Ukrayna'ya silah göndermiyor.", "CH"),
 ("uk", "Нейтральна Швейцарія не постачає Україні зброю.", "CH"),
 ("bg", "Неутрална Швейцария не доставя оръжие на Украйна.", "CH"),
 ("lt", "Neutrali Šveicarija netiekia Ukrainai ginklų.", "CH"),
 ("lv", "Neitrālā Šveice nepiegādā Ukrainai ieročus.", "CH"),
 ("et", "Neutraalne Šveits ei tarni Ukrainale relvi.", "CH"),
]
CEASEFIRE = [
 ("en", "Hungary called for an immediate ceasefire and peace talks.", "HU"),
 ("fr", "La Hongrie appelle à un cessez-le-feu immédiat et à des négociations.", "HU"),
 ("de", "Ungarn fordert einen sofortigen Waffenstillstand und Friedensverhandlungen.", "HU"),
 ("es", "Hungría pidió un alto el fuego inmediato y negociaciones de paz.", "HU"),
 ("it", "L'Ungheria chiede un cessate il fuoco immediato e negoziati di pace.", "HU"),
 ("pt", "A Hungria pediu um cessar-fogo imediato e negociações de paz.", "HU"),
 ("nl", "Hongarije roept op tot een onmiddellijk staakt-het-vuren en vredesonderhandelingen.", "HU"),
 ("da", "Ungarn opfordrer til en øjeblikkelig våbenhvile og fredsforhandlinger.", "HU"),
 ("no", "Ungarn ber om en umiddelbar våpenhvile og fredsforhandlinger.", "HU"),
 ("sv", "Ungern uppmanar till omedelbar vapenvila och fredsförhandlingar.", "HU"),
 ("fi", "Unkari vaatii välitöntä tulitaukoa ja rauhanneuvotteluja.", "HU"),
 ("cs", "Maďarsko vyzývá k okamžitému příměří a mírovým jednáním.", "HU"),
 ("sk", "Maďarsko vyzýva na okamžité prímerie a mierové rokovania.", "HU"),
 ("pl", "Węgry wzywają do natychmiastowego zawieszenia broni i rozmów pokojowych.", "HU"),
 ("ro", "Ungaria cere un armistițiu imediat și negocieri de pace.", "HU"),
 ("hu", "Magyarország azonnali tűzszünetet és béketárgyalásokat sürget.", "HU"),
 ("tr", "Macaristan acil ateşkes ve barış müzakereleri çağrısında bulundu.", "HU"),
 ("uk", "Угорщина закликає до негайного припинення вогню та мирних переговорів.", "HU"),
 ("bg", "Унгария призова за незабавно прекратяване на огъня и мирни преговори.", "HU"),
 ("lt", "Vengrija ragina nedelsiant paskelbti paliaubas ir pradėti taikos derybas.", "HU"),
 ("lv", "Ungārija aicina uz tūlītēju pamieru un miera sarunām.", "HU"),
 ("et", "Ungari kutsub üles viivitamatule relvarahule ja rahuläbirääkimistele.", "HU"),
]
EQUIP = [
 ("en", "Belgium will send helmets, bulletproof vests and armoured vehicles to Ukraine.", "BE", "committed"),
 ("fr", "La Belgique enverra à l'Ukraine des casques, des gilets pare-balles et des véhicules blindés.", "BE",
  "committed"),
 ("de", "Österreich wird der Ukraine Helme, Schutzwesten und geschützte Fahrzeuge liefern.", "AT", "committed"),
 ("es", "España enviará a Ucrania cascos, chalecos antibalas y vehículos blindados.", "ES", "committed"),
 ("it", "L'Italia invierà all'Ucraina elmetti, giubbotti antiproiettile e mezzi blindati.", "IT", "committed"),
 ("pt", "Portugal vai enviar para a Ucrânia capacetes, coletes balísticos e viaturas blindadas.", "PT", "committed"),
 ("nl", "België stuurt helmen, kogelwerende vesten en pantservoertuigen naar Oekraïne.", "BE", "committed"),
 ("da", "Danmark sender hjelme, skudsikre veste og pansrede mandskabsvogne til Ukraine.", "DK", "committed"),
 ("no", "Norge sender hjelmer, skuddsikre vester og pansrede kjøretøyer til Ukraina.", "NO", "committed"),
 ("sv", "Sverige skickar hjälmar, skyddsvästar och pansarfordon till Ukraina.", "SE", "committed"),
 ("fi", "Suomi lähettää Ukrainalle kypäriä, luotiliivejä ja panssariajoneuvoja.", "FI", "committed"),
 ("cs", "Česko pošle Ukrajině přilby, neprůstřelné vesty a obrněná vozidla.", "CZ", "committed"),
 ("sk", "Slovensko pošle Ukrajine prilby, nepriestrelné vesty a obrnené vozidlá.", "SK", "committed"),
 ("pl", "Polska przekaże Ukrainie hełmy, kamizelki kuloodporne i transportery opancerzone.", "PL", "committed"),
 ("ro", "România va trimite Ucrainei căști, veste antiglonț și transportoare blindate.", "RO", "committed"),
 ("hu", "Magyarország sisakokat és golyóálló mellényeket küldött Ukrajnának.", "HU", "delivered"),
 ("tr", "Türkiye Ukrayna'ya kask, çelik yelek ve zırhlı araç gönderdi.", "TR", "delivered"),
 ("uk", "Литва передала Україні шоломи, бронежилети та бронетранспортери.", "LT", "delivered"),
 ("bg", "България изпрати на Украйна каски, бронежилетки и бронетранспортьори.", "BG", "delivered"),
 ("lt", "Lietuva perdavė Ukrainai šalmus, neperšaunamas liemenes ir šarvuotus automobilius.", "LT", "delivered"),
 ("lv", "Latvija nosūtīja Ukrainai ķiveres, bruņuvestes un bruņumašīnas.", "LV", "delivered"),
 ("et", "Eesti saatis Ukrainale kiivreid, kuulivestid ja soomusmasinaid.", "EE", "delivered"),
]
SHELLS = [
 ("en", "Estonia has delivered 155-millimetre artillery shells to Ukraine.", "EE"),
 ("fr", "La France a livré à l'Ukraine des obus de 155 millimètres.", "FR"),
 ("de", "Deutschland hat der Ukraine Artilleriegeschosse im Kaliber 155 Millimeter geliefert.", "DE"),
 ("es", "España ha enviado a Ucrania proyectiles de calibre 155.", "ES"),
 ("it", "L'Italia ha inviato all'Ucraina proiettili di calibro 155.", "IT"),
 ("pt", "Portugal enviou à Ucrânia munições de 155 milímetros.", "PT"),
 ("nl", "Nederland heeft Oekraïne 155 millimeter granaten geleverd.", "NL"),
 ("da", "Danmark har doneret 155 millimeter granater til Ukraine.", "DK"),
 ("no", "Norge har sendt 155 millimeter artillerigranater til Ukraina.", "NO"),
 ("sv", "Sverige har skickat 155 millimeters artillerigranater till Ukraina.", "SE"),
 ("fi", "Suomi on toimittanut Ukrainalle 155 millimetrin tykistön ammuksia.", "FI"),
 ("cs", "Česko dodalo Ukrajině dělostřeleckou munici ráže 155 mm.", "CZ"),
 ("sk", "Slovensko dodalo Ukrajine delostrelecké náboje kalibru 155 milimetrov.", "SK"),
 ("pl", "Polska przekazała Ukrainie pociski kalibru 155 milimetrów.", "PL"),
 ("ro", "România a livrat Ucrainei obuze de calibrul 155 de milimetri.", "RO"),
 ("hu", "Magyarország 155 milliméteres lőszert szállított.", "HU"),
 ("tr", "Türkiye Ukrayna'ya 155 milimetrelik top mermisi gönderdi.", "TR"),
 ("uk", "Естонія передала Україні 155-міліметрові снаряди.", "EE"),
 ("bg", "България достави на Украйна 155-милиметрови снаряди.", "BG"),
 ("lt", "Lietuva perdavė Ukrainai 155 milimetrų artilerijos sviedinius.", "LT"),
 ("lv", "Latvija nosūtīja Ukrainai 155 milimetru artilērijas šāviņus.", "LV"),
 ("et", "Eesti andis Ukrainale üle 155-millimeetrise kaliibriga mürske.", "EE"),
]


def records(ex: Extractor, text: str, lang: str) -> set[tuple]:
    r = ex.extract(text, lang)
    return ({("pledge", p.donor, p.item, p.status, p.quantity) for p in r.pledges}
            | {("policy", p.party, p.stance) for p in r.policies})


@pytest.mark.parametrize(("lang", "text", "party"), SUPPORT)
def test_continuing_support_is_supportive(extractor: Extractor, lang: str, text: str, party: str) -> None:
    assert records(extractor, text, lang) == {("policy", party, "supportive")}


@pytest.mark.parametrize(("lang", "text", "party"), NONLETHAL)
def test_only_non_lethal_aid(extractor: Extractor, lang: str, text: str, party: str) -> None:
    assert records(extractor, text, lang) == {("policy", party, "non-lethal-only")}


@pytest.mark.parametrize(("lang", "text", "party"), NEUTRAL)
def test_a_neutral_state_that_sends_no_weapons(extractor: Extractor, lang: str, text: str, party: str) -> None:
    assert records(extractor, text, lang) == {("policy", party, "non-lethal-only")}


@pytest.mark.parametrize(("lang", "text", "party"), CEASEFIRE)
def test_a_call_for_a_ceasefire_is_cautious(extractor: Extractor, lang: str, text: str, party: str) -> None:
    assert records(extractor, text, lang) == {("policy", party, "cautious")}


@pytest.mark.parametrize(("lang", "text", "party", "status"), EQUIP)
def test_generic_equipment_is_an_item_less_pledge(extractor: Extractor, lang: str, text: str, party: str,
                                                  status: str) -> None:
    assert records(extractor, text, lang) == {("pledge", party, None, status, None)}


@pytest.mark.parametrize(("lang", "text", "party"), SHELLS)
def test_155_mm_shells_by_calibre_and_no_count_of_155(extractor: Extractor, lang: str, text: str,
                                                       party: str) -> None:
    assert records(extractor, text, lang) == {("pledge", party, "shell-155mm", "delivered", None)}


# "the possible delivery of X": what is discussed is being considered
POSSIBLE = [
 ("en", "Spain is discussing with Kyiv the possible delivery of IRIS-T systems.", "ES"),
 ("de", "Spanien spricht mit Kiew über die mögliche Lieferung von IRIS-T-Systemen.", "ES"),
 ("fr", "L'Espagne discute avec Kiev d'une éventuelle livraison de systèmes IRIS-T.", "ES"),
 ("it", "La Spagna discute con Kiev il possibile invio di sistemi IRIS-T.", "ES"),
 ("es", "España discute con Kiev el posible envío de sistemas IRIS-T.", "ES"),
 ("pt", "Espanha discute com Kiev o possível envio de sistemas IRIS-T.", "ES"),
 ("nl", "Spanje bespreekt met Kiev de mogelijke levering van IRIS-T-systemen.", "ES"),
 ("pl", "Hiszpania rozmawia z Kijowem o możliwym przekazaniu systemów IRIS-T.", "ES"),
 ("cs", "Španělsko jedná s Kyjevem o možné dodávce systémů IRIS-T.", "ES"),
 ("sk", "Španielsko rokuje s Kyjevom o možnej dodávke systémov IRIS-T.", "ES"),
 ("sv", "Spanien diskuterar med Kiev den eventuella leveransen av IRIS-T-system.", "ES"),
 ("da", "Spanien drøfter med Kyiv den eventuelle levering af IRIS-T-systemer.", "ES"),
 ("no", "Spania diskuterer med Kyiv den mulige leveringen av IRIS-T-systemer.", "ES"),
 ("uk", "Іспанія обговорює з Києвом можливу передачу систем IRIS-T.", "ES"),
 ("ro", "Spania discută cu Kievul o posibilă livrare de sisteme IRIS-T.", "ES"),
 ("hu", "Spanyolország az IRIS-T rendszerek esetleges szállításáról tárgyal Kijevvel.", "ES"),
 ("tr", "İspanya, Kiev ile IRIS-T sistemlerinin olası teslimatını görüşüyor.", "ES"),
 ("fi", "Espanja neuvottelee Kiovan kanssa IRIS-T-järjestelmien mahdollisesta toimituksesta.", "ES"),
 ("lt", "Ispanija su Kyjivu aptaria galimą IRIS-T sistemų perdavimą.", "ES"),
 ("lv", "Spānija ar Kijivu apspriež iespējamu IRIS-T sistēmu piegādi.", "ES"),
 ("et", "Hispaania arutab Kiieviga IRIS-T süsteemide võimalikku tarnimist.", "ES"),
 ("bg", "Испания обсъжда с Киев възможна доставка на системи IRIS-T.", "ES"),
]


@pytest.mark.parametrize(("lang", "text", "party"), POSSIBLE)
def test_a_possible_delivery_is_considered(extractor: Extractor, lang: str, text: str, party: str) -> None:
    assert records(extractor, text, lang) == {("pledge", party, "iris-t-slm", "considering", None)}


# status words: a decision to send, a future by "kommer" without "att", equipment on site in Ukraine, a pledge
# whose amount stands between the auxiliary and the verb
DECIDED = [
 ("sv", "Sveriges åtta Archer-pjäser finns nu på plats i Ukraina.", {("pledge", "SE", None, "delivered", 8.0)}),
 ("sv", "Sverige har fattat beslut om att skicka stridsvagnar till Ukraina.",
  {("pledge", "SE", None, "committed", None)}),
 ("sv", "I det nya paketet kommer Sverige donera pansarfordon.", {("pledge", "SE", None, "committed", None)}),
 ("da", "Danmark har truffet beslutning om at sende kampvogne til Ukraine.",
  {("pledge", "DK", None, "committed", None)}),
 ("no", "Norge har besluttet å sende stridsvogner til Ukraina.", {("pledge", "NO", None, "committed", None)}),
 ("it", "L'Olanda contribuirà con nuovi carri armati.", {("pledge", "NL", None, "committed", None)}),
 ("pl", "Polska zadeklarowała przekazanie Ukrainie czołgów.", {("pledge", "PL", None, "committed", None)}),
 ("de", "Belgien wird 213,9 Mio. USD für Munition bereitstellen.", {("pledge", "BE", None, "committed", None)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), DECIDED)
def test_status_words(extractor: Extractor, lang: str, text: str, want: set[tuple]) -> None:
    assert records(extractor, text, lang) == want


# stances phrased otherwise: "will remain among the main supporters", "advocated a ceasefire", restrictions on use
# ("must not be used against Russia"), "not a party to the war", "its no to the delivery", "humanitarian and
# non-lethal aid", a ban on re-export
STANCES_MORE = [
 ("cs", "Polsko bude i nadále patřit mezi hlavní podporovatele Ukrajiny.", {("policy", "PL", "supportive")}),
 ("sk", "Poľsko bude aj naďalej patriť medzi hlavných podporovateľov Ukrajiny.", {("policy", "PL", "supportive")}),
 ("en", "Spain and Italy advocated an immediate ceasefire.",
  {("policy", "ES", "cautious"), ("policy", "IT", "cautious")}),
 ("en", "Italy said the weapons must not be used against targets in Russia.", {("policy", "IT", "cautious")}),
 ("en", "Austria will not become a party to the war.", {("policy", "AT", "cautious")}),
 ("en", "Britain wants to put Ukraine in the strongest possible position.", {("policy", "GB", "supportive")}),
 ("de", "Österreich bleibt bei seinem Nein zur Lieferung von Taurus.", {("policy", "AT", "excludes:taurus")}),
 ("de", "Italien betont, die Waffen dürften nicht gegen Ziele in Russland eingesetzt werden.",
  {("policy", "IT", "cautious")}),
 ("es", "Portugal enviará ayuda humanitaria y material no letal.", {("policy", "PT", "non-lethal-only")}),
 ("it", "La Spagna invierà aiuti umanitari e materiale non letale.", {("policy", "ES", "non-lethal-only")}),
 ("pt", "A Espanha vai enviar ajuda humanitária e material não letal.", {("policy", "ES", "non-lethal-only")}),
 ("nl", "Ierland stuurt humanitaire en niet-dodelijke hulp.", {("policy", "IE", "non-lethal-only")}),
 ("de", "Irland schickt humanitäre und nicht-tödliche Hilfe.", {("policy", "IE", "non-lethal-only")}),
 ("pl", "Irlandia wysyła pomoc humanitarną i nieśmiercionośną.", {("policy", "IE", "non-lethal-only")}),
 ("fr", "La Suisse interdit la réexportation d'armes vers l'Ukraine.", {("policy", "CH", "non-lethal-only")}),
 ("fr", "L'Italie rappelle que ces missiles ne peuvent pas être utilisés contre le territoire russe.",
  {("policy", "IT", "cautious")}),
 ("it", "L'Italia ribadisce che le armi non possono essere usate fuori dai territori ucraini.",
  {("policy", "IT", "cautious")}),
 ("uk", "Франція не вступає у війну з Росією.", {("policy", "FR", "cautious")}),
 ("ro", "Grecia va continua să ofere sprijin Ucrainei.", {("policy", "GR", "supportive")}),
]


@pytest.mark.parametrize(("lang", "text", "want"), STANCES_MORE)
def test_stances_phrased_otherwise(extractor: Extractor, lang: str, text: str, want: set[tuple]) -> None:
    r = extractor.extract(text, lang)
    got = ({("pledge", p.donor, p.item, p.status) for p in r.pledges}
           | {("policy", p.party, p.stance) for p in r.policies})
    assert got == want


@pytest.mark.parametrize("text", ["Deutschland liefert der Ukraine weitere Patriot-Abwehrraketen.",
                                  "Deutschland liefert der Ukraine Flugabwehrraketen für Patriot."])
def test_german_interceptor_nouns_make_the_system_its_missile(extractor: Extractor, text: str) -> None:
    r = extractor.extract(text, "de")
    assert {(p.donor, p.item, p.status) for p in r.pledges} == {("DE", "pac-3-mse", "committed")}


def test_dutch_interceptor_nouns_make_the_system_its_missile(extractor: Extractor) -> None:
    r = extractor.extract("Nederland levert Oekraïne extra Patriot-luchtafweerraketten.", "nl")
    assert {(p.donor, p.item, p.status) for p in r.pledges} == {("NL", "pac-3-mse", "committed")}


@pytest.mark.parametrize(("text", "want"), [
    ("Ausztria eddig több ezer védősisakot és mellényt küldött az ukrán hadseregnek.", ("AT", None, "delivered", None)),
    ("Ausztria mentő- és tűzoltójárművekkel, valamint üzemanyaggal segíti Ukrajnát.", ("AT", None, "committed", None)),
])
def test_hungarian_compound_equipment_and_helping_with_it(extractor: Extractor, text: str, want: tuple) -> None:
    """Hungarian compounds ("védősisak", "tűzoltójármű"), "helps Ukraine with ..." as a pledge, and "több ezer"
    (several thousand) as no count."""
    r = extractor.extract(text, "hu")
    assert {(p.donor, p.item, p.status, p.quantity) for p in r.pledges} == {want}
