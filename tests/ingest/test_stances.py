"""Stances said in general ways (issue 13, helper "stances"): the verb of support in its tenses and persons ("has
supported", "wspierała", "támogatta", "destekledi"), the support noun governed by a verb of affirming or keeping
("ha ratificado el apoyo de España a Ucrania", "își exprimă susținerea fermă pentru Ucraina"), stepped-up support
("har utökat sitt stöd till Ukraina"), support of Ukraine's sovereignty or fight ("tukee Ukrainan itsenäisyyttä"), a
negated verb of stopping ("nepřestane Ukrajině pomáhat"), helping said in the first person ("we will help Ukraine";
not "the robots will help Ukraine", not "will help Ukraine with ammunition", which is a pledge), and refusals of weapons
in more forms ("sendet Ungarn weder Waffen noch Soldaten", "направляти озброєння не планує", "is not going to transfer
lethal weapons"). The real sentences come from stored news pages (their address in a comment); each expected record
was written before the extractor was run on it. Each case names every stance it must give; any other is an error."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor
from tests.ingest.records import stances


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


S, N = "supportive", "non-lethal-only"

REAL = [
    # https://censor.net/en/news/3460865/ukraine_can_count_on_continued_support_from_germany_scholz
    ("en", "Germany will continue to support Ukraine in its fight against Russian aggression.", {("DE", S)}),
    # https://blinkscoop.com/sweden-says-wont-be-intimidated-by-putins-warning-to-west/
    ("en", "Sweden remains resolute in its support for Ukraine, despite growing threats from Russia.", {("SE", S)}),
    # https://menafn.com/1107672722/Finlands-Prime-Minister-Mentions-Russian-War-In-Ukraine-In-His-New-Years-Address
    ("en", '"The Finnish people and government continue to firmly support Ukraine," Orpo said.', {("FI", S)}),
    # https://www.verkkouutiset.fi/a/tasavallan-presidentin-viesti-ukrainalle-ymmarramme-mita-kaytte-lapi/
    ("en", "Finland's support for Ukraine remains unwavering. We will continue to stand by Ukraine.", {("FI", S)}),
    # https://www.cash.ch/news/habeck-in-der-ukraine-unterstutzung-ist-verlasslich-und-dauerhaft-704351
    ("de", "Vizekanzler Robert Habeck hat der Ukraine die anhaltende Unterstützung der Bundesregierung zugesichert.",
     {("DE", S)}),
    # https://www.lapresse.ca/international/europe/2023-08-29/paris-soutiendra-l-ukraine-aussi-longtemps-que-necessaire.php
    ("fr", "La ministre française des Affaires étrangères a répété que la France poursuivra son soutien à l’Ukraine "
           "« aussi longtemps que nécessaire ».", {("FR", S)}),
    # https://www.boursorama.com/videos/actualites/londres-et-paris-soutiendront-l-ukraine-aussi-longtemps-que-necessaire-cameron-be9ff2626a49cb30abd983d1dbb754ae
    ("fr", "Le Royaume-Uni et la France soutiendront l'Ukraine \"aussi longtemps que nécessaire\", assure le chef "
           "de la diplomatie britannique David Cameron.", {("GB", S), ("FR", S)}),
    # https://www.tvp.info/85426573/wladyslaw-kosiniak-kamysz-o-dalszym-wsparciu-dla-ukrainy
    ("pl", "Wicepremier, szef MON Władysław Kosiniak-Kamysz zapewnił w czwartek, że Polska wspiera Ukrainę.",
     {("PL", S)}),
    # https://gazetaolsztynska.pl/1011691,Polska-bedzie-robila-wszystko-aby-zwiekszyc-szanse-Ukrainy-na-zwyciestwo-w-tej-wojnie.html
    ("pl", "Dzisiaj to zadeklarowałem panu prezydentowi, że Polska będzie robiła nadal wszystko, co w naszej mocy, aby "
           "zwiększyć szansę Ukrainy na zwycięstwo w tej wojnie.", {("PL", S)}),
    # https://samnytt.se/sverige-har-skankt-22-miljarder-till-ukraina
    ("sv", "På måndagen meddelade Utrikesdepartementet att Sverige i flera omgångar har utökat sitt stöd till Ukraina.",
     {("SE", S)}),
    # https://www.vl.no/nyheter/2024/02/02/regjeringen-norsk-stotte-sikrer-lonn-til-en-halv-million-ukrainske-skoleansatte/
    ("nb", "Derfor vil Norge fortsette å støtte Ukraina, sier Støre i en pressemelding.", {("NO", S)}),
    # https://www.dn.no/politikk/store-vi-vil-stotte-ukraina-sa-lenge-det-er-nodvendig/2-1-1458494
    ("nb", "Norge og andre allierte har fra første stund støttet Ukraina i deres rettmessige kamp for frihet og "
           "selvstendighet.", {("NO", S)}),
    # https://kontrast1.no/norge-har-lovet-en-milliard-euro-til-ukraina-gjennom-reuters/
    ("nb", "Norge ønsker å vise sin solidaritet med Ukrainas kamp for å overleve.", {("NO", S)}),
    # https://jyllands-posten.dk/politik/ECE13679978/danmark-oeger-stoetten-til-ukraine-med-560-mio-kr/
    ("da", "Danmark skruer op for den økonomiske støtte til Ukraine.", {("DK", S)}),
    # https://www.mtvuutiset.fi/artikkeli/ukrainan-sodan-alkamisesta-tanaan-nelja-vuotta/9301078
    ("fi", "Suomi tukee Ukrainan itsenäisyyttä ja alueellista koskemattomuutta.", {("FI", S)}),
    ("fi", "Suomi on sitoutunut tukemaan Ukrainan jälleenrakennusta, pitkän aikavälin kehitystä ja tietä Euroopan "
           "unionin jäseneksi.", {("FI", S)}),
    # https://cesky.radio.cz/cernochova-v-praze-jednala-s-ukrajinskym-ministrem-obrany-umerovem-8845608
    ("cs", "Česká podpora Ukrajině bude dál pokračovat, řekla po jednání s ukrajinským ministrem obrany Rustemem "
           "Umerovem šéfka resortu obrany Jana Černochová (ODS).", {("CZ", S)}),
    # https://stream.cz/pohled-zblizka/fiala-ocenil-postup-zapadu-vuci-rusku-pomoc-ukrajine-podle-nej-neustane-64326785
    ("cs", "Česká republika nepřestane Ukrajině pomáhat kvůli přátelství i vlastní morálce, řekl v úvodu dnešní "
           "konference premiér Petr Fiala (ODS).", {("CZ", S)}),
    # https://info.sk/sprava/246368/blanar-slovensko-chce-aj-nadalej-poskytovat-pomoc-ukrajine
    ("sk", "Slovensko chce aj naďalej poskytovať materiálnu, humanitárnu a rozvojovú pomoc Ukrajine.", {("SK", S)}),
    # https://stiridelamures.ro/categorie/politica/guvernul-romaniei-trimite-un-mesaj-de-solidaritate-pentru-ucraina-palatul-victoria-va-fi-iluminat-in-culorile-drapelului-ucrainean-in-semn-de-sprijin
    ("ro", "În această dimineață, România a transmis un comunicat prin care își exprimă susținerea fermă pentru "
           "Ucraina, la doi ani de la începutul invaziei ruse.", {("RO", S)}),
    # https://szekelyhon.ro/aktualis/nicuor-dan-romania-tovabbra-is-minden-szukseges-tamogatast-megad-ukrajnanak
    ("hu", "Románia segíti Ukrajnát, hogy meg tudja védeni magát.", {("RO", S)}),
    # http://www.ma.hu/belfold/373274/Orban_Magyarorszag_tovabbra_sem_kuld_sem_katonakat_sem_fegyvereket_Ukrajnaba__video
    ("hu", "Orbán: Magyarország továbbra sem küld sem katonákat, sem fegyvereket Ukrajnába.", {("HU", N)}),
    # https://www.haberyenigundem.com/erdogan-rusya-nin-harekati-kabul-edilemez-h29288/28825
    ("tr", "Türkiye, Ukrayna'nın toprak bütünlüğünü koruma mücadelesini desteklemektedir.", {("TR", S)}),
    # https://t24.com.tr/haber/cavusoglu-turkiye-ukrayna-nin-toprak-butunlugunu-kararli-sekilde-desteklemeye-devam-ediyor,1054750
    ("tr", "Çavuşoğlu: Türkiye, Ukrayna'nın toprak bütünlüğünü kararlı şekilde desteklemeye devam ediyor.",
     {("TR", S)}),
    # https://imprensadehoje.com/portugal-apoiara-a-ucrania-quot-pelo-tempo-que-for-necessario-ate-a-vitoria-quot-736379.html
    ("pt", "O ministro dos Negócios Estrangeiros declarou, esta terça-feira, na rede social X que Portugal apoiará a "
           "Ucrânia \"pelo tempo que for necessário até à vitória\".", {("PT", S)}),
    # https://rr.sapo.pt/noticia/mundo/2022/04/11/governo-anuncia-regresso-de-diplomatas-portugueses-a-kiev/279844/
    ("pt", "No tocante ao apoio militar que tem sido pedido por Kiev, Portugal fará a sua parte e continuará a dar "
           "apoio militar.", {("PT", S)}),
    # https://www.ilmessaggero.it/video/invista/meloni_italia_scommette_su_vittoria_dell_ucraina_sostegno_con_i_fatti_a_360_gradi-7399817.html
    ("it", "L'Italia ha dimostrato con i fatti il suo pieno sostegno alla sovranità, all'integrità territoriale "
           "dell'Ucraina.", {("IT", S)}),
    # https://www.agenzianova.com/a/63dd424f2b9777.23585570/4236398/2023-02-03/ucraina-meloni-italia-ha-fatto-ogni-sforzo-a-sostegno
    ("it", "L’Italia ha fatto ogni sforzo possibile per sostenere l’Ucraina.", {("IT", S)}),
    # https://vntv.net/video/x8ilkec
    ("it", "Giorgia Meloni, dopo la sua visita in Ucraina, ha condannato le azioni di Putin e affermato che l’Italia "
           "continuerà ad essere dalla parte degli ucraini.", {("IT", S)}),
    # https://cope.es/actualidad/espana/noticias/robles-ratifica-apoyo-espana-ucrania-seguiremos-enviando-material-formando-los-combatientes-ucranianos-20240827_3456756.html
    ("es", "La ministra de Defensa, Margarita Robles, ha ratificado este martes el apoyo de España a Ucrania.",
     {("ES", S)}),
    # https://soloactualidad.es/margarita-robles-reafirma-el-compromiso-firme-de-espana-con-ucrania-y-la-seguridad-europea
    ("es", "Margarita Robles ha reiterado el respaldo firme del Gobierno español a Ucrania durante la reunión del "
           "Ukraine Defense Contact Group.", {("ES", S)}),
    # https://www.pressdigital.es/articulo/politica/2025-12-09/5698280-robles-garantiza-espana-mantendra-tiempo-sea-necesario-apoyo-ucrania-materia-formacion-defensa
    ("es", "La ministra de Defensa, Margarita Robles, ha asegurado que el apoyo de España a Ucrania en materia de "
           "defensa y formación de los soldados ucranianos se \"mantendrá el tiempo que sea necesario\".", {("ES", S)}),
    # refusals of weapons
    # https://mailbd.net/news/austria-reiterates-that-it-will-not-give-lethal-weapons-to-ukraine-7495/
    ("en", "Chancellor of Austria Carl Nehammer said that Vienna is still not going to transfer lethal weapons to "
           "Kyiv, but the supply of protective equipment will continue.", {("AT", N)}),
    # https://antikor.info/amp/articles/529904-bolgarija_ne_mohe_peredavati_ozbrojennja_ukrajini_-_premjer_petkov
    ("uk", "Прем’єр Болгарії Кирило Петков заявив, що його країна продовжить надавати гуманітарну підтримку Україні, "
           "проте направляти туди озброєння не планує.", {("BG", N)}),
    # https://2015-2022.miniszterelnok.hu/viktor-orbans-erklarung-auf-facebook-nach-der-sitzung-des-operativen-stabs-fur-nationale-sicherheit
    ("de", "Es ist das Interesse der ungarischen Menschen, dass Ungarn diesem Krieg fernbleibt, deshalb sendet Ungarn "
           "weder Waffen noch Soldaten in die Kriegszone.", {("HU", N)}),
    # https://2015-2022.miniszterelnok.hu/viktor-orbans-erklarung-auf-facebook-nach-der-sitzung-der-regierung
    ("de", "Wir haben bekräftigt, dass Ungarn auch weiterhin weder Soldaten noch Waffen auf das Gebiet der Ukraine "
           "entsendet.", {("HU", N)}),
    # https://sita.sk/premier-fico-sa-stretne-s-ukrajinskym-predsedom-vlady-prinesie-mu-zoznam-humanitarnej-pomoci/
    ("sk", "Fico chce ukrajinskému premiérovi súčasne potvrdiť, že Ukrajina nebude dostávať od Slovenska žiadne "
           "zbrane.", {("SK", N)}),
    # https://news.yahoo.com/latvia-announces-aid-ukraine-ramstein-183431005.html
    ("en", "\"We have stood together with Ukraine since day one of Russia's brutal war of aggression, and our position "
           "is clear – Latvia provides and will continue to provide all the necessary support until Ukraine wins!\" he "
           "added.", {("LV", S)}),
    # https://www.baltictimes.com/defmin_in_ukraine__estonia_putting_together_new_assistance_package/
    ("en", "During meetings in Kyiv on Tuesday, Minister of Defense Hanno Pevkur confirmed Estonia's continued strong "
           "support for Ukraine to President Volodymyr Zelensky.", {("EE", S)}),
    # http://news.err.ee/614650/luik-discusses-ukraine-s-security-situation-with-poroshenko-turchynov
    ("en", "Luik described Estonia's support of Ukraine as steadfast.", {("EE", S)}),
    # https://www.naujienugidas.lt/nauseda-lietuva-yra-ir-isliks-viena-aktyviausiu-ukrainos-remeju-7485.html
    ("lt", "Lietuva yra ir išliks viena aktyviausių Ukrainos rėmėjų, sako Lietuvos prezidentas Gitanas Nausėda.",
     {("LT", S)}),
    ("lt", "Prezidentas pakartojo Lietuvos įsipareigojimą ir toliau karinėmis, finansinėmis ir politinėmis "
           "priemonėmis remti Ukrainą.", {("LT", S)}),
    # https://www.naujienugidas.lt/davose-viesintis-paluckas-musu-parama-ukrainai-tesis-iki-pergales-ir-po-jos-130059.html
    ("lt", "Lietuvos parama Ukrainai tęsis ne tik iki šalies pergalės prieš Rusiją, bet ir po to, antradienį, "
           "lankydamasis Pasaulio ekonomikos forume Davose, pareiškė Vyriausybės vadovas Gintautas Paluckas.",
     {("LT", S)}),
    # https://www.ohtuleht.ee/1042101/eesti-annab-ukrainale-valihaigla-ning-pakub-taastusravi-haavatud-soduritele
    ("et", "Lisaks välihaigla annetamisele ja küberkaitse keskusega liitumisele jätkab Eesti Ukraina toetamist "
           "pakkudes taastusravi haavatud Ukraina sõduritele.", {("EE", S)}),
    # https://www.rd.nl/artikel/970990-hoekstra-nederland-blijft-wapens-leveren-aan-oekraine
    ("nl", "Nederland blijft Oekraïne helpen zich te verdedigen tegen Rusland.", {("NL", S)}),
    # https://www.upday.com/nl/defensie-wil-waar-mogelijk-steun-aan-oekraine-versnellen
    ("nl", "Vanaf het begin van de oorlog heeft Nederland Oekraïne gesteund.", {("NL", S)}),
    # https://www.welingelichtekringen.nl/samenleving/schoof-verzekert-oekraiense-president-van-nederlandse-steun
    ("nl", "Oekraïne kan blijven rekenen op de steun van Nederland.", {("NL", S)}),
    # https://nieuws.nl/algemeen/20230907/nieuwe-minister-bruins-slot-predikt-bij-navo-koersvastheid/
    ("nl", "Nederland blijft ook met de nieuwe demissionaire buitenlandminister Hanke Bruins Slot pal achter Oekraïne "
           "staan, heeft ze de NAVO verzekerd.", {("NL", S)}),
    # https://www.interez.sk/slovensko-pomoze-ukrajine-kalinak-odmieta-obvinenia-z-pokrytectva-snazime-sa-o-humanitu-nie-o-eskalaciu-konfliktu-dodal/
    ("sk", "Vláda podľa neho pri pomoci Ukrajine neotočila, Slovensko posiela len nesmrtiacu techniku.", {("SK", N)}),
    # https://news.az/news/hungary-does-not-and-will-not-send-weapons-to-ukraine-fm-says
    ("en", "Hungary does not and will not send weapons to Ukraine, FM says.", {("HU", N)}),
    # https://roviden.hu/2022/02/28/magyarorszag-nem-engedi-at-az-ukrajnanak-szant-fegyverszallitmanyokat
    ("hu", "Magyarország hozzájárult, hogy az Európai Unió fegyvereket szállíthasson Ukrajnába, de a kormány ebben "
           "kétoldalú alapon nem vesz részt, és nem engedélyezi halált okozó fegyverek átszállítását hazánk területén.",
     {("HU", N)}),
    # https://deutsch.news-pravda.com/world/2024/05/05/128323.html
    ("de", "Der schweizer Präsident weigerte sich, Waffen an die AFU zu liefern.", {("CH", N)}),
    # https://www.lenta.ua/ua/sholts-zapevniv-ukrayinu-u-postachanni-neobhidnoyi-zbroyi-121015
    ("uk", "Німеччина допомагатиме Україні в протистоянні російській агресії, скільки буде потрібно.", {("DE", S)}),
    # https://gazeta.ua/articles/world-life/_do-teh-por-poka-eto-neobhodimo-minoborony-germanii-o-postavkah-oruzhiya-ukraine/1108373
    ("uk", "У разі потреби Німеччина готова роками підтримувати Україну в її боротьбі з Російською Федерацією.",
     {("DE", S)}),
    # https://ukrinform.ua/amp/rubric-polytics/3768831-bolgaria-zapevnila-u-prodovzenni-vijskovoi-pidtrimki-ukraini.html
    ("uk", "Болгарія продовжить надавати Україні допомогу на дипломатичному, політичному, військовому та гуманітарному "
           "рівнях, як і підтримуватиме українську Формулу миру.", {("BG", S)}),
    # https://bgonair.bg/a/2-bulgaria/360451-dimitar-glavchev-balgariya-podkrepya-ukrayna-v-spravedlivata-kauza-za-suverenitet
    ("bg", "България подкрепя Украйна в справедливата ѝ кауза за запазване на нейната независимост, териториална "
           "цялост и суверенитет.", {("BG", S)}),
    # made up: the support noun with its continuing or stepped-up verb after the recipient
    ("tr", "Almanya Başbakanı Scholz, Ukrayna'ya desteğin devam edeceğini söyledi.", {("DE", S)}),
    ("tr", "İngiltere, Ukrayna'ya verdiği desteği artıracak.", {("GB", S)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), REAL, ids=[c[1][:60] for c in REAL])
def test_real_stances(ex: Extractor, lang: str, text: str, want: set[tuple[str, str]]) -> None:
    assert stances(ex, text, lang) == want


# made up: one country, six ways of stating support (past or perfect of the verb, the support noun with a verb of
# expressing, helping in the first person, a negated verb of stopping), in each language
FORMS = [
    ("en", "GB", "Britain has consistently supported Ukraine. | “We will help Ukraine,” British Defence Secretary "
                 "John Healey said."),
    ("de", "DE", "Deutschland hat die Ukraine von Anfang an unterstützt. | Deutschland bekundete seine feste "
                 "Unterstützung für die Ukraine. | Deutschland wird nicht aufhören, der Ukraine zu helfen."),
    ("fr", "FR", "La France a soutenu l'Ukraine dès le début. | La France a exprimé son ferme soutien à l'Ukraine. | "
                 "La France ne cessera pas d'aider l'Ukraine."),
    ("it", "IT", "L'Italia ha sostenuto l'Ucraina fin dall'inizio. | L'Italia ha espresso il suo fermo sostegno "
                 "all'Ucraina. | L'Italia non smetterà di aiutare l'Ucraina."),
    ("es", "ES", "España ha apoyado a Ucrania desde el principio. | España expresó su firme apoyo a Ucrania."),
    ("pt", "PT", "Portugal tem apoiado a Ucrânia desde o início. | Portugal expressou o seu firme apoio à Ucrânia."),
    ("nl", "NL", "Nederland heeft Oekraïne vanaf het begin gesteund. | Nederland zal niet stoppen met het helpen van "
                 "Oekraïne."),
    ("pl", "PL", "Polska od początku wspierała Ukrainę. | Polska wyraziła stanowcze poparcie dla Ukrainy. | Polska "
                 "nie przestanie pomagać Ukrainie."),
    ("cs", "CZ", "Česko od začátku podporovalo Ukrajinu. | Česko nepřestane pomáhat Ukrajině."),
    ("sk", "SK", "Slovensko od začiatku podporovalo Ukrajinu. | Slovensko neprestane pomáhať Ukrajine."),
    ("sv", "SE", "Sverige har stött Ukraina från början. | Sverige kommer inte att sluta hjälpa Ukraina."),
    ("nb", "NO", "Norge har støttet Ukraina fra starten. | Norge vil ikke slutte å hjelpe Ukraina."),
    ("da", "DK", "Danmark har støttet Ukraine fra starten. | Danmark vil ikke holde op med at hjælpe Ukraine."),
    ("fi", "FI", "Suomi on tukenut Ukrainaa alusta asti. | Suomi ilmaisi vahvan tukensa Ukrainalle. | Suomi ei "
                 "lopeta Ukrainan auttamista."),
    ("et", "EE", "Eesti on Ukrainat algusest peale toetanud. | Eesti väljendas kindlat toetust Ukrainale. | Eesti ei "
                 "lõpeta Ukraina aitamist."),
    ("lv", "LV", "Latvija ir atbalstījusi Ukrainu kopš sākuma. | Latvija nebeigs palīdzēt Ukrainai."),
    ("lt", "LT", "Lietuva nuo pat pradžių rėmė Ukrainą. | Lietuva išreiškė tvirtą paramą Ukrainai. | Lietuva "
                 "nenustos padėti Ukrainai."),
    ("ro", "RO", "România nu va înceta să ajute Ucraina."),
    ("hu", "PL", "Lengyelország kezdettől fogva támogatta Ukrajnát. | Lengyelország támogatása Ukrajnának "
                 "folytatódik. | Lengyelország kifejezte határozott támogatását Ukrajna iránt. | Lengyelország nem "
                 "hagyja abba Ukrajna segítését."),
    ("uk", "PL", "Польща від початку підтримувала Україну. | Польща висловила тверду підтримку Україні. | Польща не "
                 "припинить допомагати Україні."),
    ("bg", "BG", "България подкрепи Украйна от самото начало. | България изрази твърдата си подкрепа за Украйна."),
    ("tr", "TR", "Türkiye başından beri Ukrayna'yı destekledi. | Türkiye Ukrayna'ya güçlü desteğini ifade etti. | "
                 "Türkiye Ukrayna'ya yardım etmeyi bırakmayacak."),
]
FORM_CASES = [(lang, s, party) for lang, party, ss in FORMS for s in ss.split(" | ")]


@pytest.mark.parametrize(("lang", "text", "party"), FORM_CASES, ids=[c[1][:60] for c in FORM_CASES])
def test_support_in_its_tenses_and_persons(ex: Extractor, lang: str, text: str, party: str) -> None:
    assert stances(ex, text, lang) == {(party, S)}


# made up: helping said of a thing, help with a named gift (a pledge), a negated support verb, a request to support
NONE = [
    ("en", "The new systems will help Ukraine expand its air defence coverage."),
    ("da", "De nye robotter skal hjælpe Ukraine med at rydde miner."),
    ("sv", "Sverige kommer att hjälpa Ukraina med ammunition och reservdelar."),
    ("pl", "Nowe czołgi pomogą Ukrainie w obronie."),
    ("de", "Die Panzer werden der Ukraine helfen, sich zu verteidigen."),
    ("tr", "Türkiye Ukrayna'yı desteklemiyor."),
    ("en", "Zelensky urged Spain to keep supporting Ukraine."),
]


@pytest.mark.parametrize(("lang", "text"), NONE, ids=[t[:60] for _, t in NONE])
def test_no_support_where_none_is_stated(ex: Extractor, lang: str, text: str) -> None:
    assert {s for s in stances(ex, text, lang) if s[1] == S} == set()
