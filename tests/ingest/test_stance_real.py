"""Stances as real texts put them, in every language of issue 13 (hand-written sentences unless a URL says where a
real one comes from): a contrast names parties that are not the ones refusing, on either side of its noun
("W przeciwieństwie do Polski Węgry ...", "Lengyelországgal ellentétben Magyarország ..."); refusals by an
infinitive ("weigert sich, ... zu liefern", "is unwilling to send"), by a negated future in every person, by a ban on
re-export; what is not yet decided is no refusal; support that goes on."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor

N = "non-lethal-only"


def stances(ex: Extractor, text: str, lang: str) -> set[tuple[str, str]]:
    return {(p.party, p.stance) for p in ex.extract(text, lang).policies}


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
