"""Who gives: a donor attached by the clause's structure, each construction on hand-made sentences in several
languages (issue 13, missed records and wrong donors): a list of parties named "such as", co-donors named "together
with" / "in cooperation with" between the subject and its verb, the source of an aid noun after its verb ("arrived a
shipment from Poland"), and the subject a coordinated clause leaves out."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor


def records(ex: Extractor, text: str, lang: str) -> set[tuple]:
    r = ex.extract(text, lang)
    return ({("pledge", p.donor, p.item, p.status, p.quantity) for p in r.pledges}
            | {("policy", p.party, p.stance) for p in r.policies})


def donors(ex: Extractor, text: str, lang: str) -> set[str]:
    return {p.donor for p in ex.extract(text, lang).pledges}


@pytest.mark.parametrize(("text", "lang", "want"), [
    ("Lande som USA, Storbritannien og Frankrig har sendt kampvogne til Ukraine.", "da", {"US", "GB", "FR"}),
    ("Länder som Tyskland och Polen har skickat stridsvagnar till Ukraina.", "sv", {"DE", "PL"}),
    ("Land som Tyskland og Polen har sendt stridsvogner til Ukraina.", "nb", {"DE", "PL"}),
    ("Země jako Německo a Polsko poslaly na Ukrajinu tanky.", "cs", {"DE", "PL"}),
    ("Des pays comme l'Allemagne, la Pologne et le Portugal ont promis des chars Leopard 2.", "fr",
     {"DE", "PL", "PT"}),
])
def test_every_party_of_a_list_named_such_as_gives(extractor: Extractor, text: str, lang: str,
                                                     want: set[str]) -> None:
    assert donors(extractor, text, lang) == want


def test_a_party_named_like_another_alone_is_still_no_donor(extractor: Extractor) -> None:
    # the apposition word only joins a list: "Spain, like Germany, will send" is Spain's pledge
    assert donors(extractor, "Spain, like Germany, will send Leopard 2 tanks to Ukraine.", "en") == {"ES"}


@pytest.mark.parametrize(("text", "lang", "want"), [
    ("Norway, in cooperation with the United States, will donate two NASAMS.", "en",
     {("pledge", c, "nasams", "committed", 2.0) for c in ("NO", "US")}),
    ("La Norvège, en coopération avec les États-Unis, va livrer deux NASAMS.", "fr",
     {("pledge", c, "nasams", "committed", 2.0) for c in ("NO", "US")}),
    ("Norwegen wird in Zusammenarbeit mit den USA zwei NASAMS spenden.", "de",
     {("pledge", c, "nasams", "committed", 2.0) for c in ("NO", "US")}),
    ("Norwegen wird gemeinsam mit den USA zwei NASAMS spenden.", "de",
     {("pledge", c, "nasams", "committed", 2.0) for c in ("NO", "US")}),
    ("Niemcy wraz z Holandią obiecały Ukrainie czołgi Leopard 1.", "pl",
     {("pledge", c, "leopard-1a5", "committed", None) for c in ("DE", "NL")}),
])
def test_co_donors_named_together_with_before_the_verb_give_with_the_subject(
        extractor: Extractor, text: str, lang: str, want: set[tuple]) -> None:
    assert records(extractor, text, lang) == want


def test_a_cooperation_named_after_the_verb_says_how_not_who_gives(extractor: Extractor) -> None:
    got = records(extractor, "Le Danemark a déjà livré 19 chars Leopard 1A5 en coopération avec l'Allemagne.", "fr")
    assert got == {("pledge", "DK", "leopard-1a5", "delivered", 19.0)}


@pytest.mark.parametrize(("text", "lang"), [
    ("Do země už dorazila první zásilka munice z Polska.", "cs"),
    ("Do Ukrainy dotarła pierwsza dostawa amunicji z Polski.", "pl"),
    ("Est arrivée en Ukraine une première livraison de munitions de Pologne.", "fr"),
])
def test_the_source_of_an_aid_noun_after_its_verb_gives_it(extractor: Extractor, text: str, lang: str) -> None:
    assert records(extractor, text, lang) == {("pledge", "PL", None, "delivered", None)}


def test_the_source_after_another_verb_is_not_this_verbs_donor(extractor: Extractor) -> None:
    # "27 states will provide military aid, the first shipment of ammunition from Poland has arrived": Poland's is the
    # arrival, not the pledge of the 27
    got = records(extractor, "Vojenskou pomoc Ukrajině poskytne 27 států, do země už dorazila první zásilka munice "
                             "z Polska.", "cs")
    assert got == {("pledge", "PL", None, "delivered", None)}


@pytest.mark.parametrize(("text", "lang", "want"), [
    ("Portugal está a apoiar a Ucrânia, mas admite que está a analisar o envio de mais armas.", "pt",
     {("pledge", "PT", None, "considering", None)}),
    ("Italy has sent SAMP/T systems, but is considering sending more weapons.", "en",
     {("pledge", "IT", "samp-t", "delivered", None), ("pledge", "IT", None, "considering", None)}),
    ("España ha enviado tanques Leopard 2, pero estudia el envío de más armas.", "es",
     {("pledge", "ES", "leopard-2a4", "delivered", None), ("pledge", "ES", None, "considering", None)}),
    ("L'Italia ha inviato i SAMP/T, ma sta valutando l'invio di altre armi.", "it",
     {("pledge", "IT", "samp-t", "delivered", None), ("pledge", "IT", None, "considering", None)}),
])
def test_a_coordinated_clause_has_the_subject_it_leaves_out(extractor: Extractor, text: str, lang: str,
                                                           want: set[tuple]) -> None:
    assert records(extractor, text, lang) == want


@pytest.mark.parametrize(("text", "lang", "donor"), [
    ("Germany has sent 18 Leopard tanks. It will also send ammunition and armoured vehicles.", "en", "DE"),
    ("Polska przekazała Ukrainie czołgi T-72. Przekaże także amunicję i pojazdy opancerzone.", "pl", "PL"),
    ("España ha enviado a Ucrania seis tanques Leopard. Enviará también munición y vehículos blindados.", "es", "ES"),
])
def test_a_sentence_with_no_party_of_its_own_has_the_subject_of_the_sentence_before(
        extractor: Extractor, text: str, lang: str, donor: str) -> None:
    assert ("pledge", donor, None, "committed", None) in records(extractor, text, lang)


def test_a_thing_as_subject_is_not_a_new_pledge_of_the_donor_before(extractor: Extractor) -> None:
    # "The missiles ... will be delivered" says when what was announced arrives, not that more is given
    got = records(extractor, "Britain will send 650 Lightweight Multirole Missiles to Ukraine. The missiles, worth "
                             "£162 million, will be delivered this year.", "en")
    assert got == {("pledge", "GB", "lmm", "committed", 650.0)}


@pytest.mark.parametrize(("text", "lang"), [
    ("Poland has sent 14 Leopard 2 tanks, Norway 8 and Canada 4.", "en"),
    ("Poland has sent 14 Leopard 2 tanks, Norway eight tanks and Canada four.", "en"),
    ("Polen hat 14 Leopard-2-Panzer geliefert, Norwegen acht und Kanada vier.", "de"),
    ("La Pologne a livré 14 chars Leopard 2, la Norvège huit et le Canada quatre.", "fr"),
    ("Polska przekazała 14 czołgów Leopard 2, Norwegia osiem, a Kanada cztery.", "pl"),
])
def test_parties_with_their_own_counts_after_a_counted_item_share_its_verb(extractor: Extractor, text: str,
                                                                          lang: str) -> None:
    assert records(extractor, text, lang) == {("pledge", "PL", "leopard-2a4", "delivered", 14.0),
                                              ("pledge", "NO", "leopard-2a4", "delivered", 8.0),
                                              ("pledge", "CA", "leopard-2a4", "delivered", 4.0)}


@pytest.mark.parametrize("text", [
    "Poland has sent 14 Leopard 2 tanks, Norway said 8 more were ready.",  # the count is not the party's own
    "Poland has sent 14 Leopard 2 tanks, Germany and France have sent none.",  # a verb of their own
])
def test_a_party_after_a_counted_item_without_its_own_count_gives_nothing_of_it(extractor: Extractor,
                                                                               text: str) -> None:
    assert records(extractor, text, "en") == {("pledge", "PL", "leopard-2a4", "delivered", 14.0)}


@pytest.mark.parametrize(("text", "lang", "donor"), [
    ("Estonia is one of the staunchest supporters of Ukraine. On Tuesday it was decided to send more ammunition "
     "and winter uniforms.", "en", "EE"),
    ("L'Italia è tra i principali sostenitori di Kiev. L'invio di armi avverrà il prima possibile.", "it", "IT"),
])
def test_a_pledge_in_a_sentence_that_names_no_party_is_the_texts_one_donors(extractor: Extractor, text: str,
                                                                            lang: str, donor: str) -> None:
    assert ("pledge", donor, None, "committed", None) in records(extractor, text, lang)


@pytest.mark.parametrize("text", [
    # two parties: the text has no one donor
    "Germany and France are the largest donors. On Tuesday it was decided to send more ammunition.",
    # a thing as subject: when what was announced arrives, not a new pledge
    "Estonia is one of the staunchest supporters of Ukraine. The ammunition will be delivered next month.",
])
def test_no_texts_donor_for_a_sentence_about_several_parties_or_with_a_thing_as_subject(extractor: Extractor,
                                                                                       text: str) -> None:
    assert not [r for r in records(extractor, text, "en") if r[0] == "pledge"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Países como Alemania han prometido más sistemas de defensa aérea.", "es"),
    ("Des pays comme l'Allemagne ont promis des chars.", "fr"),
    ("Lande som Tyskland har sendt kampvogne til Ukraine.", "da"),
])
def test_one_party_named_such_as_after_a_noun_gives(extractor: Extractor, text: str, lang: str) -> None:
    assert donors(extractor, text, lang) == {"DE"}


@pytest.mark.parametrize("text", ["España, como Alemania, enviará tanques Leopard 2.",
                                  "España como Alemania enviará tanques Leopard 2."])
def test_a_party_likened_to_another_party_is_no_donor(extractor: Extractor, text: str) -> None:
    assert donors(extractor, text, "es") == {"ES"}


def test_explain_says_a_co_donor_was_named_together_with(extractor: Extractor) -> None:
    r = extractor.extract("Norway, in cooperation with the United States, will donate two NASAMS.", "en")
    assert all("together with" in (p.explain or {})["attachment"] for p in r.pledges)
