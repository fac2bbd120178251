"""Quantities. One system or battery named in the singular with an indefinite article, "one of the", or "the first"
is a quantity of one ("die Lieferung eines Patriot-Systems", "un'unità di Patriot", "першої батареї"), also where
the noun ends a compound ("einer Patriot-Flugabwehrraketenbatterie", "een Patriot-systeem"). The annotators' golds
give 1 there (corpora a, c, j, l: de-ntv-niederlande-patriot-rutte, it-agenzianova-germania-unita-patriot,
it-ansa-nono-decreto-samp-t, uk-0362-kuleba-patriot-rozghortannia); without it the record's quantity was missing.
A singular article before anything else ("a package including Patriot missiles") counts nothing."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor
from tests.ingest.records import records

CASES = [
    # real sentences (corpora j, l, c, a), shortened
    ("de", "Später sagte auch Deutschland die Lieferung einer Patriot-Flugabwehrraketenbatterie zu.",
     {("DE", "patriot", "committed", 1)}),
    ("de", "Die USA haben die Lieferung eines Patriot-Systems zugesagt.", {("US", "patriot", "committed", 1)}),
    ("it", "Il governo tedesco ha deciso di fornire all'Ucraina un'unità di Patriot.",
     {("DE", "patriot", "committed", 1)}),
    ("it", "Tra le armi che il governo italiano invierà in Ucraina compare anche uno dei sistemi di difesa antiaerea "
           "Samp-T.", {("IT", "samp-t", "committed", 1)}),
    ("uk", "США анонсували постачання першої батареї комплексу Patriot для України.",
     {("US", "patriot", "committed", 1)}),
    # the same shapes in other languages
    ("de", "Deutschland liefert der Ukraine ein Patriot-System.", {("DE", "patriot", "committed", 1)}),
    ("nl", "Nederland levert een Patriot-systeem aan Oekraïne.", {("NL", "patriot", "committed", 1)}),
    ("hu", "Németország egy Patriot-rendszert küld Ukrajnának.", {("DE", "patriot", "committed", 1)}),
    ("en", "Germany will send one of the Patriot systems it still operates to Ukraine.",
     {("DE", "patriot", "committed", 1)}),
    ("fr", "L'Allemagne livrera à l'Ukraine l'un des systèmes Patriot de la Bundeswehr.",
     {("DE", "patriot", "committed", 1)}),
    ("es", "Alemania enviará a Ucrania uno de los sistemas Patriot de su ejército.",
     {("DE", "patriot", "committed", 1)}),
    ("sv", "Tyskland skickar ett Patriot-system till Ukraina.", {("DE", "patriot", "committed", 1)}),
    # a singular article before something else counts nothing; a number still wins
    ("en", "Germany will send Ukraine a package including Patriot missiles.", {("DE", "pac-3-mse", "committed", None)}),
    ("de", "Deutschland liefert eine Batterie mit 30 Patriot-Raketen.", {("DE", "pac-3-mse", "committed", 30)}),
    ("en", "Germany will send two more Patriot systems to Ukraine.", {("DE", "patriot", "committed", 2)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), CASES)
def test_one_system_in_the_singular_is_a_quantity_of_one(extractor: Extractor, lang: str, text: str,
                                                         want: set[tuple]) -> None:
    assert records(extractor, text, lang) == want


# A count of a part of a whole ("three of its eleven batteries") is the part; numbers in the oblique cases of the
# Slavic languages ("ze svých jedenácti", "až ôsmich systémov") are numbers. Corpora l and k
# (cs-parlamentnilisty-slibili-nedaji-patriot: "tři ze svých jedenácti baterií Patriot", read as 11 or nothing;
# sk-pravda-ft-izraelske-patrioty: "až ôsmich systémov ... Patriot", no quantity).
PARTS = [
    ("cs", "Německo přislíbilo tři ze svých jedenácti baterií Patriot americké výroby.",
     {("DE", "patriot", "committed", 3)}),
    ("sk", "Spojené štáty rokujú o dodávke až ôsmich systémov protivzdušnej obrany Patriot Kyjevu.",
     {("US", "patriot", "considering", 8)}),
    ("en", "Germany has pledged three of its eleven Patriot batteries to Ukraine.",
     {("DE", "patriot", "committed", 3)}),
    ("de", "Deutschland liefert drei seiner elf Patriot-Batterien an die Ukraine.",
     {("DE", "patriot", "committed", 3)}),
    ("fr", "L'Allemagne livrera trois de ses onze batteries Patriot à l'Ukraine.", {("DE", "patriot", "committed", 3)}),
    ("en", "Germany will deliver 40 of the 100 Leopard 1A5 tanks.", {("DE", "leopard-1a5", "committed", 40)}),
    ("uk", "Німеччина передасть Україні три з одинадцяти батарей Patriot.", {("DE", "patriot", "committed", 3)}),
    # a year or a sum before the count is no whole
    ("en", "In 2023, 14 Leopard 2A6 tanks were delivered by Germany.", {("DE", "leopard-2a6", "delivered", 14)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), PARTS)
def test_a_part_of_a_whole_counts_the_part(extractor: Extractor, lang: str, text: str, want: set[tuple]) -> None:
    assert records(extractor, text, lang) == want
