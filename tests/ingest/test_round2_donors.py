"""Donors on corpus d (issue 13, round 2): a subject put after its verb and the adverbs before it ("küldését
jelentette be a napokban a korábban semleges Svédország, Finnország és Németország is"), correlative lists ("nii
Hispaania kui ka Saksamaa", "sowohl ... als auch"), a party in the genitive that owns a noun and is no subject
("ABD'nin taahhüdü", the US's promise), a giving verb in the first person plural given by the speaker's party
("invieremo"), and a Romanian "la" that names a place, no source ("la București"). Hand-made sentences in several
languages, and three short excerpts of real texts (their URLs beside them)."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor


def _pledges(ex: Extractor, text: str, lang: str) -> set[tuple[str, str | None, str]]:
    return {(p.donor, p.item, p.status) for p in ex.extract(text, lang).pledges}


def _donors(ex: Extractor, text: str, lang: str) -> set[str]:
    return {p.donor for p in ex.extract(text, lang).pledges}


# the subject after its verb, with time words and adjectives between them, ends the clause: it gives
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("hu", "Fegyverek küldését jelentette be a napokban a korábban semleges Svédország és Finnország is.",
     {"SE", "FI"}),
    ("et", "Õhutõrjet lubasid Ukrainale saata eelmisel nädalal ka Hispaania ja Saksamaa.", {"ES", "DE"}),
    ("pl", "Amunicję przekażą Ukrainie jeszcze w tym miesiącu Hiszpania i Niemcy.", {"ES", "DE"}),
])
def test_a_subject_after_its_verb_and_adverbs_gives(extractor: Extractor, lang: str, text: str,
                                                    want: set[str]) -> None:
    assert _donors(extractor, text, lang) == want


# a party after a preposition in that gap is no subject
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "More Patriot missiles will be delivered to countries such as Poland."),
    ("pl", "Amunicja zostanie przekazana Ukrainie w przyszłym tygodniu przez Niemcy."),
])
def test_a_party_after_a_preposition_in_the_gap_is_no_postposed_subject(extractor: Extractor, lang: str,
                                                                        text: str) -> None:
    assert "PL" not in _donors(extractor, text, lang)


def test_a_real_hungarian_list_of_donors_after_the_verb(extractor: Extractor) -> None:
    # https://www.portfolio.hu/global/20220228/reuters-magyarorszag-nem-engedi-at-az-ukrajnanak-szant-fegyverszallitmanyokat-529785
    text = ("Fegyverszállítmányok küldését jelentette be a napokban a korábban semleges Svédország, Finnország "
            "és Németország is.")
    assert _pledges(extractor, text, "hu") == {("SE", None, "committed"), ("FI", None, "committed"),
                                               ("DE", None, "committed")}


# "both A and B": the two halves of a correlative pair are one list of donors
@pytest.mark.parametrize(("lang", "text"), [
    ("et", "Õhutõrjet lubasid Ukrainale saata nii Hispaania kui ka Saksamaa."),
    ("fi", "Ilmatorjuntaa lupasivat lähettää sekä Espanja että Saksa."),
    ("pl", "Dodatkową amunicję przekażą zarówno Hiszpania, jak i Niemcy."),
    ("de", "Sowohl Spanien als auch Deutschland werden weitere Munition liefern."),
    ("cs", "Další munici dodají jak Španělsko, tak i Německo."),
    ("sk", "Ďalšiu muníciu dodajú Španielsko ako aj Nemecko."),
])
def test_both_halves_of_a_correlative_list_give(extractor: Extractor, lang: str, text: str) -> None:
    assert _donors(extractor, text, lang) == {"ES", "DE"}


# a party in the genitive owns the noun after it; the subject before it gives
def test_a_real_turkish_promise_of_the_us_to_germany_is_no_us_pledge(extractor: Extractor) -> None:
    # https://www.izmiredair.net/almanya-ukrayna-ya-patriot-sistemleri-destegi-verecek/36686
    text = "Almanya, ABD’nin taahhüdü doğrultusunda Ukrayna’ya iki adet Patriot hava savunma sistemi teslim edecek."
    assert _pledges(extractor, text, "tr") == {("DE", "patriot", "committed")}


@pytest.mark.parametrize(("text", "want"), [
    ("Polonya, Fransa'nın talebi üzerine Ukrayna'ya iki Patriot sistemi gönderecek.", {"PL"}),
    # alone, the party in the genitive still acts
    ("ABD'nin Ukrayna'ya iki Patriot sistemi teslim edecek.", {"US"}),
    # a nominalised participle takes its subject in the genitive: "the tanks Portugal and Sweden will provide"
    ("Portekiz ve İsveç'in Ukrayna'ya sağlayacağı Leopard 2 tankları.", {"PT", "SE"}),
])
def test_a_turkish_genitive_is_a_subject_only_where_no_other_party_is(extractor: Extractor, text: str,
                                                                      want: set[str]) -> None:
    assert _donors(extractor, text, "tr") == want


# a giving verb in the first person plural: the speaker's party gives, named after the quote or in the clause before
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("it", "\"Invieremo un altro pacchetto di armi e il Samp-T\", ha detto il ministro Tajani.", ("IT", "samp-t")),
    ("it", "Crosetto ha detto che siamo pronti, ma si sa che invieremo Samp-T.", ("IT", "samp-t")),
    ("fr", "« Nous enverrons des canons Caesar supplémentaires », a déclaré le ministre Lecornu.", ("FR", "caesar")),
    ("es", "«Enviaremos más tanques Leopard 2 a Ucrania», dijo la ministra Robles.", ("ES", "leopard-2a4")),
    ("pt", "\"Vamos enviar tanques Leopard 2 para a Ucrânia\", disse o governo de Portugal.", ("PT", "leopard-2a4")),
    ("ro", "„Vom trimite un sistem Patriot în Ucraina”, a declarat președintele Iohannis.", ("RO", "patriot")),
])
def test_a_first_person_plural_giving_verb_is_the_speakers_pledge(extractor: Extractor, lang: str, text: str,
                                                                  want: tuple[str, str]) -> None:
    assert (*want, "committed") in _pledges(extractor, text, lang)


# a bare Romanian "la" names a place ("at Bucharest"): no source; "de la" still does
def test_a_real_romanian_place_after_la_is_no_source(extractor: Extractor) -> None:
    # https://m.stirileprotv.ro/stiri/international/franta-a-anuntat-ca-a-trimis-100-de-generatoare-in-romania-pentru-a-fi-transportate-mai-departe-in-ucraina.html
    text = ("Livrarea Franţei face parte din aceste 500 de unităţi şi urmează altor 85 de astfel de generatoare pe "
            "care Franţa le-a trimis deja Ucrainei şi Moldovei. La rândul său, secretarul de stat al SUA, Antony "
            "Blinken, va anunţa marţi, la Bucureşti, un ajutor pentru restabilirea capacităţii de transport a "
            "energiei electrice în Ucraina, a declarat luni un oficial de rang înalt al Departamentului de Stat, "
            "citat de Reuters.")
    assert "RO" not in _donors(extractor, text, "ro")


def test_a_romanian_source_after_de_la_gives(extractor: Extractor) -> None:
    assert _pledges(extractor, "Ucraina a primit de la România și Polonia 20 de generatoare.", "ro") == {
        ("RO", "generator", "delivered"), ("PL", "generator", "delivered")}
