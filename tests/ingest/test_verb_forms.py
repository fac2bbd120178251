"""Verb forms of the weakest languages of issue 13 (pl, it, de, fr, bg, sv, tr, hu): each tense and aspect a
pledge is reported in (future, present, perfect, simple past, imperfective past, "is to", "decided to", "promised
to", "announced the delivery of", "is considering"), one hand-made sentence each, none from a case."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor

VERBS = [
    # Polish
    ("pl", "Polska przekaże Ukrainie system Patriot.", "committed"),
    ("pl", "Polska przekazała Ukrainie system Patriot.", "delivered"),
    ("pl", "Polska wysłała na Ukrainę system Patriot.", "delivered"),
    ("pl", "Polska dostarczyła Ukrainie system Patriot.", "delivered"),
    ("pl", "Polska podarowała Ukrainie system Patriot.", "delivered"),
    ("pl", "Polska przekazuje Ukrainie system Patriot.", "committed"),
    ("pl", "Polska zapowiedziała przekazanie Ukrainie systemu Patriot.", "committed"),
    ("pl", "Polska obiecała Ukrainie system Patriot.", "committed"),
    ("pl", "Polska zdecydowała o przekazaniu Ukrainie systemu Patriot.", "committed"),
    ("pl", "Polska zamierza przekazać Ukrainie system Patriot.", "considering"),
    ("pl", "Polska rozważa przekazanie Ukrainie systemu Patriot.", "considering"),
    ("pl", "Polska ma przekazać Ukrainie system Patriot.", "committed"),
    ("pl", "Polska sfinansuje zakup systemu Patriot dla Ukrainy.", "committed"),
    ("pl", "Polska przekazywała Ukrainie systemy Patriot.", "delivered"),
    # Italian
    ("it", "L'Italia invierà all'Ucraina un sistema SAMP/T.", "committed"),
    ("it", "L'Italia ha inviato all'Ucraina un sistema SAMP/T.", "delivered"),
    ("it", "L'Italia ha consegnato all'Ucraina un sistema SAMP/T.", "delivered"),
    ("it", "L'Italia ha fornito all'Ucraina un sistema SAMP/T.", "delivered"),
    ("it", "L'Italia fornirà all'Ucraina un sistema SAMP/T.", "committed"),
    ("it", "L'Italia ha annunciato l'invio di un sistema SAMP/T all'Ucraina.", "committed"),
    ("it", "L'Italia ha promesso all'Ucraina un sistema SAMP/T.", "committed"),
    ("it", "L'Italia ha deciso di inviare un sistema SAMP/T all'Ucraina.", "committed"),
    ("it", "L'Italia sta valutando l'invio di un sistema SAMP/T all'Ucraina.", "considering"),
    ("it", "L'Italia potrebbe inviare un sistema SAMP/T all'Ucraina.", "considering"),
    ("it", "Il sistema SAMP/T italiano è arrivato in Ucraina.", "delivered"),
    ("it", "L'Italia manderà un sistema SAMP/T in Ucraina.", "committed"),
    ("it", "L'Italia ha mandato un sistema SAMP/T in Ucraina.", "delivered"),
    ("it", "L'Italia cederà all'Ucraina un sistema SAMP/T.", "committed"),
    ("it", "L'Italia invia all'Ucraina un sistema SAMP/T.", "committed"),
    ("it", "Il governo italiano ha approvato l'invio di un sistema SAMP/T.", "committed"),
    ("it", "Roma si è impegnata a fornire un sistema SAMP/T a Kiev.", "committed"),
    # German
    ("de", "Deutschland liefert der Ukraine ein Patriot-System.", "committed"),
    ("de", "Deutschland hat der Ukraine ein Patriot-System geliefert.", "delivered"),
    ("de", "Deutschland wird der Ukraine ein Patriot-System liefern.", "committed"),
    ("de", "Deutschland hat der Ukraine ein Patriot-System zugesagt.", "committed"),
    ("de", "Deutschland gibt der Ukraine ein Patriot-System.", "committed"),
    ("de", "Deutschland schickt der Ukraine ein Patriot-System.", "committed"),
    ("de", "Deutschland übergab der Ukraine ein Patriot-System.", "delivered"),
    ("de", "Deutschland hat der Ukraine ein Patriot-System übergeben.", "delivered"),
    ("de", "Deutschland prüft die Lieferung eines Patriot-Systems an die Ukraine.", "considering"),
    ("de", "Deutschland will der Ukraine ein Patriot-System liefern.", "considering"),
    ("de", "Die Bundesregierung kündigte die Lieferung eines Patriot-Systems an.", "committed"),
    ("de", "Deutschland stellt der Ukraine ein Patriot-System zur Verfügung.", "committed"),
    ("de", "Deutschland hat der Ukraine ein Patriot-System überlassen.", "delivered"),
    ("de", "Deutschland soll der Ukraine ein Patriot-System liefern.", "committed"),
    ("de", "Deutschland hat beschlossen, der Ukraine ein Patriot-System zu liefern.", "committed"),
    ("de", "Laut Regierungssprecher würde Deutschland ein Patriot-System liefern.", "committed"),
    # French
    ("fr", "La France livrera à l'Ukraine un système SAMP/T.", "committed"),
    ("fr", "La France a livré à l'Ukraine un système SAMP/T.", "delivered"),
    ("fr", "La France va livrer à l'Ukraine un système SAMP/T.", "committed"),
    ("fr", "La France a fourni à l'Ukraine un système SAMP/T.", "delivered"),
    ("fr", "La France a envoyé un système SAMP/T en Ukraine.", "delivered"),
    ("fr", "La France a promis à l'Ukraine un système SAMP/T.", "committed"),
    ("fr", "La France a annoncé la livraison d'un système SAMP/T à l'Ukraine.", "committed"),
    ("fr", "La France envisage de livrer un système SAMP/T à l'Ukraine.", "considering"),
    ("fr", "La France pourrait livrer un système SAMP/T à l'Ukraine.", "considering"),
    ("fr", "Un système SAMP/T français est arrivé en Ukraine.", "delivered"),
    ("fr", "La France fournit à l'Ukraine un système SAMP/T.", "committed"),
    ("fr", "La France a décidé de livrer un système SAMP/T à l'Ukraine.", "committed"),
    ("fr", "La France s'est engagée à livrer un système SAMP/T à l'Ukraine.", "committed"),
    ("fr", "La France a cédé à l'Ukraine un système SAMP/T.", "delivered"),
    # Bulgarian
    ("bg", "България ще изпрати на Украйна система Patriot.", "committed"),
    ("bg", "България изпрати на Украйна система Patriot.", "delivered"),
    ("bg", "България е изпратила на Украйна система Patriot.", "delivered"),
    ("bg", "България предостави на Украйна система Patriot.", "delivered"),
    ("bg", "България ще предостави на Украйна система Patriot.", "committed"),
    ("bg", "България дари на Украйна система Patriot.", "delivered"),
    ("bg", "България обеща на Украйна система Patriot.", "committed"),
    ("bg", "България одобри изпращането на система Patriot за Украйна.", "committed"),
    ("bg", "България обмисля да изпрати система Patriot на Украйна.", "considering"),
    ("bg", "България може да изпрати система Patriot на Украйна.", "considering"),
    ("bg", "България прехвърли на Украйна система Patriot.", "delivered"),
    ("bg", "България доставя на Украйна система Patriot.", "committed"),
    # Swedish
    ("sv", "Sverige skickar ett Patriot-system till Ukraina.", "committed"),
    ("sv", "Sverige har skickat ett Patriot-system till Ukraina.", "delivered"),
    ("sv", "Sverige skickade ett Patriot-system till Ukraina.", "delivered"),
    ("sv", "Sverige ska skicka ett Patriot-system till Ukraina.", "committed"),
    ("sv", "Sverige kommer att skicka ett Patriot-system till Ukraina.", "committed"),
    ("sv", "Sverige har levererat ett Patriot-system till Ukraina.", "delivered"),
    ("sv", "Sverige donerar ett Patriot-system till Ukraina.", "committed"),
    ("sv", "Sverige har donerat ett Patriot-system till Ukraina.", "delivered"),
    ("sv", "Sverige överväger att skicka ett Patriot-system till Ukraina.", "considering"),
    ("sv", "Sverige lovar Ukraina ett Patriot-system.", "committed"),
    ("sv", "Sverige har utlovat ett Patriot-system till Ukraina.", "committed"),
    ("sv", "Sverige ger Ukraina ett Patriot-system.", "committed"),
    ("sv", "Sverige gav Ukraina ett Patriot-system.", "delivered"),
    # Turkish
    ("tr", "Türkiye Ukrayna'ya Patriot sistemi gönderecek.", "committed"),
    ("tr", "Türkiye Ukrayna'ya Patriot sistemi gönderdi.", "delivered"),
    ("tr", "Türkiye Ukrayna'ya Patriot sistemi teslim etti.", "delivered"),
    ("tr", "Türkiye Ukrayna'ya Patriot sistemi sağlayacak.", "committed"),
    ("tr", "Türkiye Ukrayna'ya Patriot sistemi sağladı.", "delivered"),
    ("tr", "Türkiye Ukrayna'ya Patriot sistemi vereceğini açıkladı.", "committed"),
    ("tr", "Türkiye Ukrayna'ya Patriot sistemi göndermeyi değerlendiriyor.", "considering"),
    ("tr", "Türkiye Ukrayna'ya Patriot sistemi göndermeyi planlıyor.", "considering"),
    ("tr", "Türkiye Ukrayna'ya Patriot sistemi bağışladı.", "delivered"),
    ("tr", "Türkiye Ukrayna'ya Patriot sistemi verdi.", "delivered"),
    ("tr", "Türkiye Ukrayna'ya Patriot sistemi gönderme sözü verdi.", "committed"),
    ("tr", "Türkiye'nin gönderdiği Patriot sistemi Ukrayna'ya ulaştı.", "delivered"),
    # Hungarian
    ("hu", "Magyarország Patriot rendszert küld Ukrajnának.", "committed"),
    ("hu", "Magyarország Patriot rendszert küldött Ukrajnának.", "delivered"),
    ("hu", "Magyarország Patriot rendszert szállított Ukrajnának.", "delivered"),
    ("hu", "Magyarország Patriot rendszert fog küldeni Ukrajnának.", "committed"),
    ("hu", "Magyarország Patriot rendszert adott át Ukrajnának.", "delivered"),
    ("hu", "Magyarország Patriot rendszert ígért Ukrajnának.", "committed"),
    ("hu", "Magyarország fontolgatja, hogy Patriot rendszert küld Ukrajnának.", "considering"),
    ("hu", "Magyarország Patriot rendszert adományozott Ukrajnának.", "delivered"),
    ("hu", "Magyarország bejelentette, hogy Patriot rendszert küld Ukrajnának.", "committed"),
    ("hu", "A magyar Patriot rendszer megérkezett Ukrajnába.", "delivered"),
]

ITEM = {"pl": "patriot", "it": "samp-t", "de": "patriot", "fr": "samp-t", "bg": "patriot", "sv": "patriot",
        "tr": "patriot", "hu": "patriot"}
PARTY = {"pl": "PL", "it": "IT", "de": "DE", "fr": "FR", "bg": "BG", "sv": "SE", "tr": "TR", "hu": "HU"}


@pytest.mark.parametrize(("lang", "text", "status"), VERBS)
def test_verb_form_gives_its_status(extractor: Extractor, lang: str, text: str, status: str) -> None:
    r = extractor.extract(text, lang)
    got = {(p.donor, p.item, p.status) for p in r.pledges} | {(p.party, p.stance) for p in r.policies}
    assert got == {(PARTY[lang], ITEM[lang], status)}
