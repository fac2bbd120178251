"""Hand-made sentences (none taken from a case) for stances stated in general ways, in many languages (issue 13,
helper "stance"): the support noun with a word of steadfastness ("Nuestro apoyo a Ucrania es inquebrantable"), a
negated verb of abandoning or waning ("n'abandonnera pas l'Ukraine", "nie zostawi Ukrainy samej"), the owner named
inside the phrase of support ("De steun van Nederland aan Oekraïne blijft onverminderd"), the recipient that can count
on a party ("L'Ukraine peut compter sur la France"), continuing to give aid ("turpinās sniegt militāro palīdzību"), an
infinitive of continued support after a verb of promising ("sagte zu, die Ukraine weiter zu unterstützen"), refusal
verbs in their compound tenses ("se ha negado", "si è rifiutata") and a stance in a relative clause on the predicate
noun of a sentence's subject ("Hungary is the only NATO member that has refused ..."). Each sentence names every
record it must give; any other record is an error. The sentences that must give nothing check that the new forms do
not fire where no party states a stance."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor
from tests.ingest.records import stances


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


SUPPORT = [
    # the support noun, its recipient and a word of steadfastness, in a quote whose speaker is named by a demonym
    ("es", "«Nuestro apoyo a Ucrania es inquebrantable», dijo la ministra española de Defensa.", "ES"),
    ("pt", '"O nosso apoio à Ucrânia é inabalável", afirmou o ministro português da Defesa.', "PT"),
    ("nl", '"Onze steun aan Oekraïne is onwankelbaar", zei de Nederlandse minister van Defensie.', "NL"),
    ("pl", "„Nasze wsparcie dla Ukrainy jest niezachwiane” – powiedział polski minister obrony.", "PL"),
    ("cs", "„Naše podpora Ukrajiny je neochvějná,“ řekl český ministr obrany.", "CZ"),
    ("ro", "„Sprijinul nostru pentru Ucraina este ferm”, a declarat ministrul român al apărării.", "RO"),
    ("bg", "„Нашата подкрепа за Украйна е непоколебима“, заяви българският министър на отбраната.", "BG"),
    ("sv", "Sveriges stöd till Ukraina är orubbligt.", "SE"),
    ("nb", "Norges støtte til Ukraina ligger fast.", "NO"),
    ("en", "Britain's support was unwavering, the minister said.", "GB"),
    ("fr", "« Notre soutien à l'Ukraine ne faiblira pas », a assuré le ministre français des Armées.", "FR"),
    # a negated verb of abandoning is support
    ("en", "The United States will not abandon Ukraine.", "US"),
    ("fr", "La France n'abandonnera pas l'Ukraine.", "FR"),
    ("es", "España no dejará sola a Ucrania.", "ES"),
    ("it", "L'Italia non lascerà sola l'Ucraina.", "IT"),
    ("pl", "Polska nie zostawi Ukrainy samej.", "PL"),
    ("nl", "Nederland laat Oekraïne niet in de steek.", "NL"),
    ("de", "Deutschland werde die Ukraine nicht im Stich lassen, sagte Scholz.", "DE"),
    # the owner named inside the phrase
    ("nl", "De steun van Nederland aan Oekraïne blijft onverminderd.", "NL"),
    ("it", "Il sostegno dell'Italia all'Ucraina non cambia.", "IT"),
    # the recipient can count on the party
    ("fr", "« L'Ukraine peut compter sur la France », a déclaré Macron.", "FR"),
    ("es", '"Ucrania puede contar con España", dijo Sánchez.', "ES"),
    ("it", "«L'Ucraina può contare sull'Italia», ha detto Meloni.", "IT"),
    ("pl", "Ukraina może liczyć na Polskę – powiedział prezydent.", "PL"),
    ("nl", "Oekraïne kan op Nederland rekenen, zei de premier.", "NL"),
    ("sv", "Ukraina kan räkna med Sverige, sade statsministern.", "SE"),
    ("cs", "Ukrajina se může spolehnout na Česko, řekl premiér.", "CZ"),
    ("uk", "Україна може розраховувати на Польщу, заявив президент.", "PL"),
    ("en", '"Ukraine can count on Norway," Gram said.', "NO"),
    # continuing to give aid, standing with the recipient
    ("lv", "Latvija turpinās sniegt militāro palīdzību Ukrainai.", "LV"),
    ("lt", "Lietuva toliau teiks paramą Ukrainai.", "LT"),
    ("pt", "Portugal continuará a enviar ajuda militar à Ucrânia.", "PT"),
    ("es", "España seguirá enviando armas a Ucrania.", "ES"),
    ("fr", "La France poursuivra son aide militaire à l'Ukraine.", "FR"),
    ("en", "The Netherlands will continue to provide military assistance to Ukraine.", "NL"),
    ("en", "Sweden will continue its military support to Ukraine, the government said.", "SE"),
    ("it", "L'Italia è al fianco dell'Ucraina.", "IT"),
    ("hu", "Németország kiáll Ukrajna mellett.", "DE"),
    ("da", "Danmark står fast bag Ukraine.", "DK"),
    ("cs", "Česko bude Ukrajině dál pomáhat.", "CZ"),
    ("sk", "Slovensko bude Ukrajine naďalej pomáhať.", "SK"),
    # an infinitive of continued support after a verb of promising
    ("de", "Deutschland sagte zu, die Ukraine weiter zu unterstützen.", "DE"),
    ("it", "L'Italia si impegna a continuare a sostenere l'Ucraina.", "IT"),
    ("pl", "Tusk obiecał dalej wspierać Ukrainę.", "PL"),
    ("da", "Danmark lover at fortsætte støtten til Ukraine.", "DK"),
    ("nb", "Norge lover å fortsette støtten til Ukraina.", "NO"),
    ("et", "Eesti lubas jätkata Ukraina toetamist.", "EE"),
    ("lv", "Latvija apsola turpināt atbalstīt Ukrainu.", "LV"),
    ("ro", "România a promis să sprijine în continuare Ucraina.", "RO"),
    # doing everything possible to help the recipient
    ("de", "Deutschland werde alles tun, um die Ukraine zu unterstützen, sagte Scholz.", "DE"),
    ("fr", "La France fera tout pour aider l'Ukraine.", "FR"),
    ("es", "España hará todo lo posible para ayudar a Ucrania.", "ES"),
    ("pl", "Polska zrobi wszystko, aby pomóc Ukrainie.", "PL"),
    ("sv", "Sverige ska göra allt för att hjälpa Ukraina.", "SE"),
    ("uk", "Польща зробить все можливе, щоб допомогти Україні.", "PL"),
]


@pytest.mark.parametrize(("lang", "text", "party"), SUPPORT, ids=[s[1][:60] for s in SUPPORT])
def test_support_said_in_general_ways(ex: Extractor, lang: str, text: str, party: str) -> None:
    assert stances(ex, text, lang) == {(party, "supportive")}


REFUSALS = [
    # refusal verbs in compound tenses
    ("es", "Budapest se ha negado a suministrar armamento a Kiev.", "HU"),
    ("it", "Budapest si è rifiutata di fornire armi a Kiev.", "HU"),
    # a relative clause on the predicate noun of the sentence's subject
    ("en", "Hungary is the only NATO member that has refused to send weapons to Ukraine.", "HU"),
    ("pl", "Węgry są jedynym krajem NATO, który odmawia dostaw broni Ukrainie.", "HU"),
]


@pytest.mark.parametrize(("lang", "text", "party"), REFUSALS, ids=[s[1][:60] for s in REFUSALS])
def test_refusal_of_weapons(ex: Extractor, lang: str, text: str, party: str) -> None:
    assert stances(ex, text, lang) == {(party, "non-lethal-only")}


NONE = [
    # aid that only continues to arrive, with no party stating it
    ("tr", "Ukrayna'ya batıdan yardım gelmeye devam ediyor."),
    # help with named items is a pledge, not a stance
    ("da", "Sverige vil hjælpe Ukraine med ammunition og reservedele."),
    # a negation before a verb of support that is no verb of abandoning still denies the support
    ("de", "Ungarn wird die Ukraine nicht unterstützen."),
    # the adversary's support
    ("en", "Russia's support for Belarus remains unwavering."),
]


@pytest.mark.parametrize(("lang", "text"), NONE, ids=[t[:60] for _, t in NONE])
def test_no_support_where_none_is_stated(ex: Extractor, lang: str, text: str) -> None:
    assert not {s for s in stances(ex, text, lang) if s[1] == "supportive"}


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Ungarn ist das einzige Land der EU, das sich weigert, Waffen an die Ukraine zu liefern."),
    ("de", "Ungarn hat sich stets geweigert, Waffen an die Ukraine zu liefern."),
], ids=["de-sich-weigert-relative", "de-geweigert"])
def test_refusal_verb_final_and_participle(ex: Extractor, lang: str, text: str) -> None:
    r = ex.extract(text, lang)
    assert {(p.party, p.stance) for p in r.policies} == {("HU", "non-lethal-only")}
    assert not r.pledges  # the refused delivery is no pledge


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "Finora il governo ribadisce che i missili non possono essere usati contro la Russia."),
    ("it", "I sistemi usati dall'esercito saranno inviati a Kiev."),
], ids=["it-usati", "it-usate"])
def test_italian_participle_of_usare_is_no_party(ex: Extractor, lang: str, text: str) -> None:
    # "usati", "usate" are forms of "usare" (to use), not the USA ("Usa" in Italian)
    r = ex.extract(text, lang)
    assert "US" not in {p.party for p in r.policies} | {p.donor for p in r.pledges}
