"""Turn a text into pledge and policy records: who gives what, how firmly, and who refuses what.

The text is read once by each finder (gazetteer, cues, numbers), cut into sentences and clauses, then clause by
clause:

1. **items**: each item mention, turned into its missile or launcher where the text says so ("munitions for Patriot"
   -> the Patriot interceptor, "пускові установки Patriot" -> the Patriot launcher);
2. **status**: for each item, the status cue nearest before it (else after it, for verb-final German); after a
   reporting verb ("confirmed that"), the firmest cue after it; a demand cue there ("the demand for Patriot") means
   no pledge; a hedge in the clause ("subject to approval") makes it considering; a future marker next to a
   delivery verb ("will be delivered") makes it a commitment; a negated cue does not count;
3. **donor**: the parties just before that cue, joined by "and" or commas, that no preposition makes an addressee
   ("à Moscou", "to Ukraine") and that are not the recipient or its adversaries; for "received", the parties after
   "from"; else the party after "by" or just after the verb; else the speaker named after a quote; else the
   dateline's country where a government word stands for it ("The Defence Secretary"); else the party the text is
   about (passive clauses); a clause that only lists items inherits the pledge announced just before it;
4. **quantity**: the number just before the item (digits, words, "a second" = 1), not a year, share or amount; a
   count after a verb with no item of its own ("a further two") counts the item named just before;
5. **item-less pledges**: a status cue that serves no item, with aid or equipment named around it;
6. **policies**: a refusal with an item is ``excludes:<item>``, with lethal aid ``non-lethal-only``, with any
   military aid ``no-military-aid``; restraint, escalation fears and calls for a ceasefire are ``cautious``;
   reaffirmed support is ``supportive``.

Phrase structure refines each clause first (:meth:`Extractor._structure`, :meth:`Extractor._parts`): parties compared
with ("unlike A and B, ...") do not act, components and likened items are not given, a system's parts are its
launcher and interceptor. A passive cue's agent and a list after its colon are its donors; a hypothetical is nobody's
pledge; a hedge bears on its nearest verb. Parties named "together with" are co-donors; a parenthesis between a
subject and its verb is skipped; a relative clause on a thing ("launchers, which Sweden agreed to give") has its own
subject and its antecedent as object; a gift named with its source ("the gift from Norway of two NASAMS",
"Germany's delivery") gives its item; a negated commitment ("dass Deutschland Taurus nicht liefern wird") is a
refusal of what it names, before or after its verb; equipment the catalog lacks, listed with named items, is an
item-less pledge beside them. Every record carries ``explain``: its cue, the donor's attachment and the rule
(``allyplan ingest --explain``).

Records are then merged (:func:`_merged`) to one per donor and item (a delivery and a new pledge apart) and one per
party and stance; a list of donors with items listed apart becomes one item-less pledge per donor (:func:`_unpaired`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import pairwise
from typing import Any

from allyplan.ingest.gazetteer import Gazetteer, Mention
from allyplan.ingest.numbers import Number, find_numbers
from allyplan.ingest.records import Extraction, Mentioned, Pledge, Policy, Record
from allyplan.ingest.rules import STANCE_CLASSES, STATUS, Cue, NewsRules, Rules, available_languages
from allyplan.ingest.text import fold, sentences
from allyplan.ledger.reference import Reference

__all__ = ["Extractor", "ADVERSARIES"]

#: Parties that are never donors to the recipient (they are at war with it or arm its enemy).
ADVERSARIES: frozenset[str] = frozenset({"RU", "BY", "IR", "KP"})

_TOKEN = re.compile(r"\w+'?|'")
_STATUS_RANK = {s: i for i, s in enumerate(STATUS)}
_ITEM_CUES = ("considering", "committed", "delivered", "received", "completed", "demand", "refusal", "hedge")
#: Cues that give a pledge its status, and the status each gives.
_STATUS_OF = {"considering": "considering", "committed": "committed", "delivered": "delivered",
              "received": "delivered", "completed": "delivered", "hedge": "considering"}
_PLEDGE_CUES = ("considering", "committed", "delivered", "received", "completed")
_COMMA_JOINER = re.compile(r",\s+(\w+)\s+(?:\w+'?\s*)?$")
#: Humanitarian aid in the coalition's languages (a stem each).
_HUMANITARIAN = re.compile(r"humanit|umanitar|гуманіт|гуманит|хуманит|insani|refugee|réfugié|flüchtling|uchodźc|"
                           r"біженц|rifugiat|refugiad|vluchteling")
#: "Without" in the coalition's languages: a negation word that makes a phrase of support no less support ("apoyo sin
#: fisuras", "soutien sans faille", "podpora bez výhrad").
_PRIVATIVE = frozenset({"without", "sin", "sans", "ohne", "senza", "sem", "zonder", "bez", "без", "uten", "utan",
                        "uden", "ilman", "ilma", "fără", "fara", "nélkül", "olmadan", "be"})
#: A parenthesis: in brackets, or between two dashes set off by spaces.
_ASIDE = re.compile(r"\([^()]{1,120}\)|\s[–—-]\s[^–—]{1,120}?\s[–—-]\s")
#: The end of a quote before its speaker: a dash set off by spaces, or a closing quotation mark ("... - powiedział").
_QUOTE_END = re.compile(r"\s[–—-]\s|[\"”»](?:\s*[,–—-])?\s")
#: Quotation marks, straight and typographic (a quote's speaker is often named just after it).
_QUOTES = ('"', "“", "”", "„", "«", "»")
#: Nouns for a whole class of the catalog's items, by the catalog's category (a stem each, in the coalition's
#: languages): "air defence", "Flugabwehr", "luftvern", "obrona powietrzna", "протиповітряна оборона".
_CLASS_NOUN = {"air-defence": re.compile(
    r"air defen|anti aircraft|luftvern|luftvärn|luftværn|luftforsvar|flugabwehr|luftverteidigung|défense aérienne|"
    r"défense antiaérienne|défense anti aérienne|défense sol air|antiaérien|defensa aérea|defensa antiaérea|antiaére|"
    r"difesa aerea|antiaere|powietrzn|przeciwlotnicz|protivzdušn|protiletadl|ппо|протиповітрян|зенітн|"
    r"противовъздушн|ilmatorjun|õhutõrje|pretgaisa|oro gynyb|priešlėktuv|légvédel|antiaerian|hava savunma|"
    r"defesa aérea|defesa antiaérea|luchtverdediging|luchtafweer|protivzdušn"),
    # main battle tanks (not "Schützenpanzer", an infantry fighting vehicle)
    "armour": re.compile(
        r"^(?:battle |main battle )?tanks?$|kampfpanzer|kampfvogn|kampvogn|stridsvogn|stridsvagn|czołg|^танк|"
        r"carri armati|carro armato|^chars?(?: de combat| lourds)?$|^tanques?$|^tank[yuůov]|^tanků|harckocsi|"
        r"panssarivaun|^tancuri|^tank[uų]s?$|^tanki|^tankid|^танкове|^tanks$|gevechtstanks?"),
    "artillery": re.compile(
        r"howitzer|haubitz|houfnic|haubic|гаубиц|obusier|obici|obuses|houwitser|haupits|haubits|tarack|obuzier|"
        r"artillery (?:shells?|rounds|ammunition)|artilleriemunition|artilleriammunisjon|artilleriammunition|"
        r"amunicj\w* artyleryjsk|dělostřeleck|артилерійськ\w* снаряд|obus d'artillerie|munitions? d'artillerie")}
#: "Surface-to-air", "(missile) defence", "anti-missile" in the coalition's languages: words for an air-defence
#: missile's class ("missiles sol-air Patriot", "Patriot missile defense system").
_SURFACE_TO_AIR = re.compile(r"\b(?:surface to air|ground to air|sol air|suelo aire|superficie aire|terra aria|"
                             r"superfície ar|boden luft|grond lucht|ziemia powietrze|země vzduch|zem vzduch|"
                             r"земля повітря|земля въздух|yer hava|sol aer|föld levegő|maa ilma|defen[cs]e|"
                             r"anti missile|antimissile|antimisil|antimissil\w*|protiraketov\w*|протиракетн\w*)\b")
#: Where a reporting clause set off after what it reports starts: a comma, or a dash between spaces.
_REPORT_CUT = re.compile(r",\s|\s[–—-]\s")
#: Coordinating conjunctions in the coalition's languages: a verb after one is a verb of its own, not a reporting one
#: ("has delivered two systems, and promised four more").
_CONJUNCTION = re.compile(r"and|und|et|y|e|i|en|og|och|ja|a|ale|но|и|і|та|й|ve|és|ir|un|ma|mais|but|aber|pero|"
                          r"maar|men|mutta|kuid|tačiau|bet|dar|ancak|ama|then|puis|dann|luego|poi|și|si")
#: How many sentences after a pledge a package's contents may follow ("Deutschland liefert Waffen für 2,7 Milliarden
#: Euro ... [background, four sentences] ... Sie umfasse 18 Radhaubitzen, 4 IRIS-T ...") and inherit its donor.
_PACKAGE_REACH = 6
#: The variant at the end of a catalog id ("leopard-2a6", "leopard-1a5"): the model without it is one family.
_VARIANT = re.compile(r"(?<=\d)a\d+$")
#: A model's designation just after a class noun ("czołgi PT-91", "tanks T-72", "obrněnce M113"): capitals and digits.
_MODEL_AFTER = re.compile(r"\s+[A-Z]{1,4}[- ]?\d{1,4}(?![\w-])")
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)]{0,30}\))?\s*[—–-]\s|\s*,\s*\d{1,2}\s")


@dataclass
class _Clause:
    start: int
    end: int
    sentence: int
    s_start: int
    s_end: int
    parties: list[Mention] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    contrasted: list[Mention] = field(default_factory=list)  # "unlike Germany and France, ...": not acting

    def has(self, cls: str) -> bool:
        return any(c.cls == cls for c in self.cues)


@dataclass
class _Item:
    start: int  # of the whole phrase ("missiles for Patriot")
    end: int
    id: str
    mention: Mention


@dataclass
class _Actor:
    codes: list[str]
    how: str  # explicit, government, topic, inherited, main (the one party a text is about)
    via: str = ""  # how the donor is attached to the cue, for --explain
    origin: int = -1  # the sentence that announced it (a list of donors with several items is one pledge each)


@dataclass
class _Context:
    actor: _Actor
    status: str
    sentence: int
    summaries: list[Pledge] = field(default_factory=list)  # its item-less pledges, which listed items sum up


class Extractor:
    """Extract records from texts; build once (the gazetteer takes about a second) and reuse for many texts.

    >>> ex = Extractor()
    >>> r = ex.extract("Norway will provide 2 NASAMS launchers to Ukraine, Oslo said.", "en")
    >>> [(p.donor, p.item, p.status, p.quantity) for p in r.pledges]
    [('NO', 'nasams', 'committed', 2.0)]
    """

    def __init__(self, reference: Reference | None = None, gazetteer: Gazetteer | None = None,
                 recipient: str = "UA") -> None:
        self.reference = reference or Reference.bundled()
        self.gazetteer = gazetteer or Gazetteer.build(reference)
        self.recipient = recipient

    @cached_property
    def _kinds(self) -> dict[str, str]:
        return dict(zip(self.reference.items["id"], self.reference.items["kind"], strict=True))

    @cached_property
    def _derived(self) -> dict[tuple[str, str], str]:
        """(system, interceptor|launcher) -> the catalog's default missile or launcher of that system."""
        out: dict[tuple[str, str], str] = {}
        for r in self.reference.items.itertuples():
            req = r.requires if isinstance(r.requires, str) and r.requires else None
            if req is None:
                continue
            kind = "launcher" if r.kind == "launcher" else "interceptor" if r.kind in (
                "interceptor", "missile", "ammunition") else None
            if kind:
                out.setdefault((req, kind), str(r.id))
        return out

    def extract(self, text: str, language: str | None, spans: Sequence[tuple[int, int]] | None = None) -> Extraction:
        """Records from ``text`` read with the rules of ``language``, only within ``spans`` (default: all of it).

        Where there are no rules for ``language``, the result has no records, a note that says so, and the parties
        and items the text names.
        """
        folded = fold(text)
        spans = list(spans) if spans is not None else [(0, len(text))]
        mentions = self._other_models(text, [m for m in self.gazetteer.find(text, folded) if _inside(m.start, spans)])
        mentions = self._qualifiers_dropped(text, self._variants_apart(text, folded, mentions, spans))
        result = Extraction(mentions=[Mentioned(m.code, "item" if m.is_item else "party", m.start, m.end, m.text)
                                      for m in mentions if m.how != "org" and m.how != "official-org"])
        try:
            rules = Rules.load(language or "")
        except KeyError:
            result.notes.append(f"no rules for language {language or 'unknown'!r}: only the parties and items it "
                                f"names are reported (rules exist for {', '.join(sorted(available_languages()))})")
            return result
        mentions = _makers_dropped(text, folded, mentions, rules.news)
        whole = len(spans) == 1 and spans[0] == (0, len(text))
        cues = rules.cues(folded) if whole else [c for c in rules.cues(folded) if _inside(c.start, spans)]
        cues = _support_with(cues, folded, rules.news)
        mentions = self._missile_systems(folded, mentions, cues, rules)
        # number words only matter just before an item ("vier weitere Feuereinheiten des Typs IRIS-T")
        # and just after a status verb ("... and will provide a further two")
        windows = _merge_windows([(max(0, m.start - 120), m.start) for m in mentions if m.is_item]
                                 + [(c.end, c.end + 40) for c in cues if c.cls in _PLEDGE_CUES]
                                 # a verb-final cue runs over its object ("wird zwei weitere schicken")
                                 + [(c.start, c.end) for c in cues if c.cls in _PLEDGE_CUES and " " in c.text]
                                 + [(max(0, c.start - 40), c.start) for c in cues
                                    if c.cls in ("interceptor", "launcher", "systems", "missiles", "shells")])
        numbers = find_numbers(text, rules, folded, windows)
        clauses = self._clauses(text, folded, spans, cues, mentions, rules)
        run = _Run(self, text, folded, rules, numbers)
        for clause in clauses:
            run.sentence_clauses.setdefault(clause.sentence, []).append(clause)
        for clause in clauses:
            run.clause(clause)
        self._class_summaries(run.records, folded, rules, text)
        run.records.extend(_members_listed(run.records, text, folded, spans, mentions, cues, rules))
        result.records = _merged(_unpaired(run.records), _headline_end(text, spans), self._family)
        return result

    def _missile_systems(self, folded: str, mentions: list[Mention], cues: list[Cue], rules: Rules) -> list[Mention]:
        """A missile's name that qualifies a system noun names the missile's system ("a Patriot missile system",
        "the Patriot missile defence batteries"): the noun right after it, or one word on, with no joiner between."""
        systems = [c for c in cues if c.cls == "systems"]
        if not systems:
            return mentions
        starts = [c.start for c in systems]
        out: list[Mention] = []
        for m in mentions:
            system = self._requires.get(m.code) if m.is_item else None
            if system is not None and self._kinds.get(m.code) != "launcher" and self._kinds.get(system) == "system":
                for c in systems[bisect_left(starts, m.end):]:
                    gap = folded[m.end:c.start]
                    if len(gap) > 30:
                        break
                    words = _words(gap)
                    if len(words) <= 1 and not re.search(r"[,;:.()/]", gap) and not any(
                            rules.is_word("joiner", w) or rules.is_word("link", w) for w in words):
                        m = replace(m, code=system)
                        break
            out.append(m)
        return out

    @cached_property
    def _categories(self) -> dict[str, str]:
        return dict(zip(self.reference.items["id"], self.reference.items["category"], strict=True))

    def _class_summaries(self, records: list[Record], folded: str, rules: Rules, text: str) -> None:
        """An item-less pledge that names only a class of the catalog's items ("Norge vil donere luftvern", "will
        send air defence systems") sums up the donor's named items of that class ("to komplette NASAMS-ildenheter"):
        it is no pledge of its own (it stays one where it has a count or a value, or names other equipment)."""
        pattern = rules.patterns.get("equipment")
        if pattern is None:
            return
        have: dict[str, set[str]] = {}
        for r in records:
            if isinstance(r, Pledge) and r.item is not None:
                have.setdefault(r.donor, set()).add(self._categories.get(r.item, ""))
        if not have:
            return
        for r in records:
            if not (isinstance(r, Pledge) and r.item is None and r.specific and r.quantity is None
                    and r.value is None and r.donor in have):
                continue
            other = rules.news.other  # "other tactical air defense systems": more than the named
            # (a noun that ends a compound is read as the whole word: "Kampfpanzer", not "panzer")
            # (a class noun before a model's designation the catalog lacks names that model: "czołgi PT-91")
            classes = [{c for c, noun in _CLASS_NOUN.items() if noun.search(_whole_word(folded, m))}
                       if (other is None or not other.search(folded, max(0, m.start() - 40), m.start()))
                       and not _MODEL_AFTER.match(text, m.end()) else set()
                       for m in pattern.finditer(folded, r.start, r.end)]
            if classes and all(classes) and set().union(*classes) <= have[r.donor]:
                r.specific = False

    @cached_property
    def _designations(self) -> dict[tuple[str, str], frozenset[str]]:
        """(item, its short name) -> the model designations the catalog writes after that short name ("IRIS-T" ->
        SLM, for the IRIS-T SLM)."""
        out: dict[tuple[str, str], set[str]] = {}
        for r in self.reference.items.itertuples():
            for alias in {str(r.name), *str(r.aliases).split(";")}:
                base, _, last = alias.strip().rpartition(" ")
                if base and last.isalpha() and last.isupper() and 2 <= len(last) <= 4:
                    out.setdefault((str(r.id), fold(base)), set()).add(last)
        return {k: frozenset(v) for k, v in out.items()}

    _DESIGNATION = re.compile(r"[\s-]([A-Z]{2,4})\b")

    def _other_models(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A short name followed by another model's designation than the catalog's ("IRIS-T SLS", the short-range
        model, beside the catalog's IRIS-T SLM) names a model the catalog lacks: no item."""
        out = []
        for m in mentions:
            if m.is_item:
                known = self._designations.get((m.code, fold(m.text)))
                nxt = self._DESIGNATION.match(text, m.end) if known else None
                if known and nxt is not None and nxt.group(1) not in known:
                    continue
            out.append(m)
        return out

    @cached_property
    def _variant_names(self) -> tuple[re.Pattern[str] | None, dict[tuple[str, str], str]]:
        """A pattern for a model named apart from its variant ("Leopard-Kampfpanzer vom Typ 1 A5", "Leopard tanks of
        the 2A6 version"): the first word of a catalog name whose other words are a designation of letters and
        digits ("Leopard 2A6", "Taurus KEPD 350"), up to four words, then that designation (spaces optional); and
        the item of each (first word, designation)."""
        items: dict[tuple[str, str], str] = {}
        by_base: dict[str, set[str]] = {}
        for r in self.reference.items.itertuples():
            for alias in {str(r.name), *str(r.aliases).split(";")}:
                base, _, rest = fold(alias.strip()).partition(" ")
                desig = re.sub(r"[\s-]", "", rest)
                if (len(base) >= 4 and base.isalpha() and any(c.isdigit() for c in desig)
                        and any(c.isalpha() for c in desig) and desig.isalnum()):
                    items[(base, desig)] = str(r.id)
                    by_base.setdefault(base, set()).add(desig)
        if not by_base:
            return None, items
        alts: list[str] = []
        for k, (base, desigs) in enumerate(sorted(by_base.items())):
            spelled = "|".join(r"[\s-]?".join(re.escape(ch) for ch in d)
                               for d in sorted(desigs, key=len, reverse=True))
            # the name with a plural, case or compound ending ("Leopardy", "Leopard-Kampfpanzer"), a few words
            # without punctuation, the designation
            alts.append(rf"(?P<b_{k}>{re.escape(base)})\w{{0,4}}(?:-\w+)?"
                        rf"(?P<g_{k}>(?:\s+[^\s.,;:!?()]+){{0,4}}?)\s+(?P<d_{k}>{spelled})(?!\w)")
        return re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")"), items

    def _variants_apart(self, text: str, folded: str, mentions: list[Mention],
                        spans: list[tuple[int, int]]) -> list[Mention]:
        """Adds the catalog variant a model's name takes from a designation written a few words after it ("30
        Leopard-Kampfpanzer vom Typ 1 A5" is the Leopard 1A5), where no item is named there already."""
        pattern, items = self._variant_names
        if pattern is None:
            return mentions
        added: list[Mention] = []
        for m in pattern.finditer(folded):
            k = next(i for i in range(len(m.groups()) // 3) if m.group(f"b_{i}") is not None)
            base, gap, desig = m.group(f"b_{k}"), m.group(f"g_{k}"), m.group(f"d_{k}")
            if base in gap or not _inside(m.start(), spans):
                continue
            if any(o.start < m.end() and m.start() < o.end for o in mentions if o.is_item):
                continue
            item = items.get((base, re.sub(r"[\s-]", "", desig)))
            if item is not None:
                added.append(Mention(m.start(), m.end(), item, "item", text[m.start():m.end()]))
        if not added:
            return mentions
        return sorted([*mentions, *added], key=lambda x: x.start)

    def _qualifiers_dropped(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A system's name written just before the name of its own missile or launcher ("Patriot PAC-3 interceptors",
        "Patriot GEM-T") qualifies it: the missile is named, not the system as well."""
        out: list[Mention] = []
        for i, m in enumerate(mentions):
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if (m.is_item and nxt is not None and nxt.is_item and self._requires.get(nxt.code) == m.code
                    and nxt.start - m.end <= 2 and not text[m.end:nxt.start].strip(" -‑")):
                continue
            out.append(m)
        return out

    # -- reading the text into clauses -------------------------------------------------------------------------
    def _clauses(self, text: str, folded: str, spans: list[tuple[int, int]], cues: list[Cue],
                 mentions: list[Mention], rules: Rules) -> list[_Clause]:
        out: list[_Clause] = []
        n = 0
        breaks = [c.start for c in cues if c.cls == "clause_break"]
        # the recipient after a comma starts no clause of its own: ", der Ukraine ... zu liefern" is the object of the
        # infinitive the verb before governs ("Schweden hat zugesagt, der Ukraine Haubitzen zu liefern")
        party_starts = [m.start for m in mentions if not m.is_item and m.code != self.recipient]
        party_spans = {m.end: m.start for m in mentions if not m.is_item}
        for a, b in spans:
            for s, e, _ in sentences(text, a, b):
                cuts = [s]
                for b_at in _between(breaks, s, e):
                    if b_at > s and folded[s:b_at].rstrip()[-1:] in (",", ";", "—", "(", ":"):
                        cuts.append(b_at)
                cuts.extend(s + m.start() + 1 for m in re.finditer(r";", folded[s:e]))
                # ", and Germany said ...": a list joiner after a comma, before a party, starts a new clause; not in
                # a list of parties ("A Bélgica, os Países Baixos, a França", "Poland, Czechia, and Germany")
                for p in _between(party_starts, s, e):
                    if p > s:
                        j = _COMMA_JOINER.search(folded, max(s, p - 24), p)
                        if j and rules.is_word("joiner", j.group(1)) and not self._listed_party(
                                folded, s, j.start(), party_spans, rules):
                            cuts.append(j.start(1))
                cuts = sorted(set(x if x >= s else s for x in cuts))
                bounds = [*cuts, e]
                for i in range(len(cuts)):
                    cs, ce = bounds[i], bounds[i + 1]
                    if ce > cs:
                        out.append(_Clause(cs, ce, n, s, e))
                n += 1
        starts = [c.start for c in out]

        def owner(pos: int) -> _Clause | None:
            i = bisect_right(starts, pos) - 1
            return out[i] if i >= 0 and pos < out[i].end else None

        for c in cues:
            if c.cls != "clause_break":
                cl = owner(c.start)
                if cl is not None:
                    cl.cues.append(c)
        for m in mentions:
            cl = owner(m.start)
            if cl is None:
                continue
            if m.is_item:
                cl.items.append(_Item(m.start, m.end, m.code, m))
            else:
                cl.parties.append(m)
        named: list[tuple[int, str]] = []  # (sentence, item) of the items named so far, for _anaphora
        for k, cl in enumerate(out):
            cl.items = self._parts(cl, folded, out[k + 1] if k + 1 < len(out) else None)
            cl.items = self._platforms_dropped([self._resolve(it, cl, folded, rules)
                                                for it in self._own_platforms_dropped(cl.items, folded, rules)
                                                if not self._supplied_for(it, cl, folded, rules)],
                                               folded, rules)
            cl.items = self._listed_parts(cl, text, folded, rules)
            if not cl.items:
                cl.items = self._anaphora(cl, text, folded, rules, named)
            if not cl.items:
                cl.items = self._pointed_back(cl, folded, rules, named)
            named.extend((cl.sentence, it.id) for it in cl.items)
            self._structure(cl, folded, rules)
        self._calibred(out, named)
        return out

    def _calibred(self, clauses: list[_Clause], named: list[tuple[int, str]]) -> None:
        """Artillery shells named without their calibre ("8000 artillerigranater") are the shells of the one calibre
        the text names ("norske 155 mm-artillerigranater"), in a clause with a pledge cue and no item of its own."""
        calibres = {i for _, i in named if i.startswith("shell-")}
        if len(calibres) != 1:
            return
        [shell] = calibres
        for cl in clauses:
            if cl.items or not any(c.cls in _PLEDGE_CUES for c in cl.cues):
                continue
            nouns = [c for c in cl.cues if c.cls == "shells"]
            if nouns:
                c = nouns[0]
                cl.items = [_Item(c.start, c.end, shell, Mention(c.start, c.end, shell, "item", c.text))]

    @staticmethod
    def _listed_party(folded: str, floor: int, comma: int, party_spans: dict[int, int], rules: Rules) -> bool:
        """Whether the comma at ``comma`` follows a party that is not an addressee ("A Bélgica, os Países Baixos,
        ..."): the comma continues a list of parties, it does not start a clause."""
        before = folded[floor:comma].rstrip(" \"'")
        start = party_spans.get(floor + len(before))
        if start is None:
            return False
        prev = [w for w in _words(folded[max(floor, start - 32):start])[-2:] if not rules.is_word("joiner", w)]
        # "des pays comme l'Allemagne, la Pologne et ...": a list named "such as" is a list of parties too
        return not (prev and rules.is_word("addressee", prev[-1]) and not rules.is_word("apposition", prev[-1]))

    def _structure(self, cl: _Clause, folded: str, rules: Rules) -> None:
        """What the phrase structure says about a clause's parties and items: parties compared with ("unlike
        Germany and France, ...", up to the comma or the verb) do not act; an item a thing is only likened to ("a
        system equivalent to Patriot") is not given."""
        after = [c for c in cl.cues if c.cls == "contrast_after"]
        for c in cl.cues:
            if c.cls == "contrast_after":
                cl.contrasted.extend(self._contrasted_before(cl, c, folded, rules))
            elif c.cls == "contrast" and not any(a.start < c.end and c.start < a.end for a in after):
                stop = folded.find(",", c.end, cl.end)
                stop = cl.end if stop < 0 else stop
                stop = min([stop, *(v.start for v in cl.cues if v.start >= c.end and (
                    v.cls in _ITEM_CUES or v.cls in STANCE_CLASSES))])
                cl.contrasted.extend(self._contrasted_after(cl, c, stop, folded, rules))
        if cl.contrasted:
            cl.parties = [m for m in cl.parties if m not in cl.contrasted]
        # a component of a system is not the system ("Patriot-radar", "barrels for the M777")
        parts = [c for c in cl.cues if c.cls == "component"]
        if parts:
            cl.items = [it for it in cl.items if not any(
                (c.start >= it.end and len(_words(folded[it.end:c.start])) == 0)
                or (c.end <= it.start and 0 < len(gap := _words(folded[c.end:it.start])) <= 6
                    and rules.is_word("link", gap[0])) for c in parts)]
        likened = [c for c in cl.cues if c.cls == "equivalent"]
        if likened:
            cl.items = [it for it in cl.items if not any(
                c.end <= it.start and len(_words(folded[c.end:it.start])) <= 2 for c in likened)]
        # the word comes after what is likened to ("ein mit Patriot vergleichbares System", "Patriotia vastaava")
        after = [c for c in cl.cues if c.cls == "equivalent_after"]
        if after:
            cl.items = [it for it in cl.items if not any(
                c.start >= it.end and len(_words(folded[it.end:c.start])) <= 1
                and not re.search(r"[,;:.()]", folded[it.end:c.start]) for c in after)]

    @staticmethod
    def _list_gap(folded: str, a: int, b: int, rules: Rules) -> bool:
        """Whether ``folded[a:b]``, between two parties, joins them in a list: a comma or list words ("and", "und
        die"), nothing else ("W przeciwieństwie do Polski Węgry": two names side by side are two phrases)."""
        gap = folded[a:b]
        words = _words(gap)
        if re.search(r"[.;:!?()]", gap) or len(words) > 3:
            return False
        return (bool(words) or "," in gap) and all(rules.is_word("joiner", w) for w in words)

    def _contrasted_after(self, cl: _Clause, c: Cue, stop: int, folded: str, rules: Rules) -> list[Mention]:
        """The parties a contrast word compares with ("unlike Germany and France", "w przeciwieństwie do Polski"):
        the list that starts just after it, up to ``stop``; a party after that list, with no comma or joiner before
        it, is the clause's own subject ("W przeciwieństwie do Polski Węgry nie wyślą broni")."""
        out: list[Mention] = []
        for m in cl.parties:
            if not c.end <= m.start < stop:
                continue
            if not out:
                if len(_words(folded[c.end:m.start])) > 3:
                    break
            elif not self._list_gap(folded, out[-1].end, m.start, rules):
                break
            out.append(m)
        return out

    def _contrasted_before(self, cl: _Clause, c: Cue, folded: str, rules: Rules) -> list[Mention]:
        """The parties a postposed contrast word compares with ("Lengyelországgal ellentétben", "Polonya'nın
        aksine", "Puolaan verrattuna"): the party just before it (a case ending in the name, at most one word
        between) and the list it ends."""
        before = [m for m in cl.parties if m.end <= c.start]
        if not before:
            return []
        last = before[-1]
        gap = folded[last.end:c.start]
        if len(_words(gap)) > 1 or re.search(r"[,.;:!?()]", gap):
            return []
        out = [last]
        joined = False  # "Macaristan, Polonya'nın aksine": a comma alone before the list's last name is no list
        for m in reversed(before[:-1]):
            if not self._list_gap(folded, m.end, out[-1].start, rules) or not (
                    joined or _words(folded[m.end:out[-1].start])):
                break
            joined = True
            out.append(m)
        return out

    def _parts(self, cl: _Clause, folded: str, following: _Clause | None = None) -> list[_Item]:
        """The parts of a system ("parts of a Patriot system: two launchers and missiles") are given, not the
        system: its launcher and interceptor for each noun that follows. Where the clause ends with the system, the
        nouns may follow in the next sentence, when it names no item of its own ("Nederland levert delen van een
        Patriot-systeem. Het gaat om 2 lanceerinstallaties en raketten.")."""
        parts = [c for c in cl.cues if c.cls == "part"]
        if not parts:
            return cl.items
        out: list[_Item] = []
        for i, it in enumerate(cl.items):
            if self._kinds.get(it.id) != "system" or not any(
                    c.end <= it.start and len(_words(folded[c.end:it.start])) <= 3 for c in parts):
                out.append(it)
                continue
            nxt = cl.items[i + 1].start if i + 1 < len(cl.items) else cl.end
            made = self._part_items(it, cl.cues, it.end, nxt)
            if not made and nxt == cl.end and following is not None and following.sentence == cl.sentence + 1 \
                    and cl.end == cl.s_end and not following.items and len(_words(folded[it.end:cl.end])) <= 3:
                made = self._part_items(it, following.cues, following.start, following.end)
            out.extend(made or [it])
        return out

    def _part_items(self, it: _Item, cues: list[Cue], lo: int, hi: int) -> list[_Item]:
        """The launcher and interceptor of system ``it`` for each part noun among ``cues`` between lo and hi."""
        made: dict[str, _Item] = {}
        for c in cues:
            derived = self._derived.get((it.id, c.cls)) if lo <= c.start < hi else None
            if derived and derived not in made:
                made[derived] = _Item(c.start, c.end, derived, it.mention)
        return list(made.values())

    def _listed_parts(self, cl: _Clause, text: str, folded: str, rules: Rules) -> list[_Item]:
        """Launchers and missiles listed after a system, with no name of their own ("the second Patriot system as
        well as eight more launchers and over 60 missiles", "NASAMS, dois lançadores e mísseis", "a Patriot air defense
        battery and missiles") are that system's
        launcher and interceptor: each noun joined to the list by a joiner or a comma, a count and a filler word at
        most between, and not qualified (:meth:`_qualified`: "air defence missiles", "Hawk-Startgeräte")."""
        nouns = [c for c in cl.cues if c.cls in ("launcher", "missiles")]
        if not nouns or not cl.items:
            return cl.items
        out = list(cl.items)
        for i, it in enumerate(cl.items):
            if self._kinds.get(it.id) != "system":
                continue
            stop = cl.items[i + 1].start if i + 1 < len(cl.items) else cl.end
            reach = it.end
            # the system's own head noun first ("a Patriot air defense battery and missiles")
            head = next((s.end for s in cl.cues if s.cls == "systems" and it.end <= s.start < stop
                         and self._class_words_only(it, folded, it.end, s.start, rules, links=False)), None)
            if head is not None:
                reach = head
            for c in nouns:
                if c.start < reach or c.start >= stop:
                    continue
                gap = folded[reach:c.start]
                words = [w for w in _words(gap) if not w[0].isdigit()]
                lead = next((k for k in (3, 2, 1) if len(words) >= k and rules.is_word("joiner", " ".join(words[:k]))),
                            0)
                joined = bool(lead) or gap.lstrip().startswith(",")
                if (not joined or len(words) - lead > 3 or re.search(r"[;:.()]", gap)
                        or any(o.cls in ("component", "part", "equivalent") and o.start < c.end and c.start < o.end
                               for o in cl.cues) or self._qualified_part(cl, c, text, folded, rules)):
                    break
                kind = "launcher" if c.cls == "launcher" else "interceptor"
                derived = self._derived.get((it.id, kind))
                if derived is not None and all(o.id != derived for o in out):
                    out.append(_Item(c.start, c.end, derived,
                                     Mention(c.start, c.end, derived, "item", text[c.start:c.end])))
                reach = c.end
        out.sort(key=lambda x: x.start)
        return out

    def _qualified_part(self, cl: _Clause, noun: Cue, text: str, folded: str, rules: Rules) -> bool:
        """:meth:`_qualified`, where a count just before the noun ("cztery wyrzutnie", "sieben Startgeräte") is no
        qualifying word, and a name up to three words after it qualifies it ("launchers for Hawk", "i missili
        terra-aria Aspide")."""
        hi = min(cl.end, noun.end + 40)
        stop = re.search(r"[,;:.()]", folded[noun.end:hi])
        for m in list(_TOKEN.finditer(folded, noun.end, noun.end + stop.start() if stop else hi))[:3]:
            word = text[m.start():m.end()]
            if rules.is_word("joiner", m.group()):
                break
            if (word[:1].isupper() or (any(ch.isdigit() for ch in word) and not word.isdigit())) and not any(
                    p.start <= m.start() < p.end for p in cl.parties):
                return True
        if not self._qualified(cl, noun, text, folded, rules):
            return False
        lo = max(cl.start, noun.start - 40)
        return not any(folded[n.end:noun.start].strip() == "" for n in find_numbers(text, rules, folded,
                                                                                     [(lo, noun.start)]))

    def _anaphora(self, cl: _Clause, text: str, folded: str, rules: Rules,
                  named: list[tuple[int, str]]) -> list[_Item]:
        """A clause with a pledge cue that names no item but a system, its launchers or its missiles by a common noun
        ("Ukrajina dostala jeden systém od USA", "Järjestelmät toimitetaan", "acht weitere Startgeräte") gives the
        system named in the two sentences before, or that system's launcher or missile, where that is one system (no
        other item named there) and the noun is not qualified (:meth:`_qualified`)."""
        nouns = [c for c in cl.cues if c.cls in ("systems", "missiles", "launcher")]
        verbs = [c for c in cl.cues if c.cls in _PLEDGE_CUES or c.cls == "package"]  # "it includes eight launchers"
        if not nouns or not verbs:
            return []
        # a list of kinds of equipment ("ametralladoras, obuses, sistemas de vigilancia") names kinds, not an item
        overlaps = [c for c in cl.cues if c.cls in ("systems", "missiles", "launcher", "interceptor", "component")]
        if any(c.cls == "equipment" and not any(c.start < o.end and o.start < c.end for o in overlaps)
               for c in cl.cues):
            return []
        recent = _recent_items(named, cl.sentence)
        families = {self._family(i) for i in recent}
        if len(families) != 1:
            return []
        [family] = families
        if self._kinds.get(family) != "system":
            return []
        out: dict[str, _Item] = {}
        for c in nouns:
            if any(c.start < o.end and o.start < c.end and o.cls in ("component", "part", "equivalent")
                   for o in cl.cues) or self._qualified(cl, c, text, folded, rules):
                continue
            verb = max((v for v in verbs if v.end <= c.start), key=lambda v: v.end, default=verbs[-1])
            if self._relative(verb, cl, folded, rules):
                continue  # in a relative clause (", qui a déjà cédé une batterie,"): background, said in passing
            kind = {"systems": None, "missiles": "interceptor", "launcher": "launcher"}[c.cls]
            item = family if kind is None else self._derived.get((family, kind))
            if item is not None and item not in out:
                out[item] = _Item(c.start, c.end, item, Mention(c.start, c.end, item, "item", folded[c.start:c.end]))
        return list(out.values())

    def _pointed_back(self, cl: _Clause, folded: str, rules: Rules, named: list[tuple[int, str]]) -> list[_Item]:
        """Aid named with a word that points back ("meer van deze wapens te leveren", "more of these systems",
        "ces armes"), in a clause with a pledge cue and no item of its own, is the one item named in the two sentences
        before (none where they name several)."""
        if not any(c.cls in _PLEDGE_CUES for c in cl.cues):
            return []
        recent = _recent_items(named, cl.sentence)
        if len(recent) != 1:
            return []
        [item] = recent
        nouns = [c for c in cl.cues if c.cls in ("aid", "equipment", "systems", "missiles", "launcher")]
        for c in nouns:
            prev = _TOKEN.findall(folded, max(cl.start, c.start - 24), c.start)[-1:]
            if not (prev and rules.is_word("demonstrative", prev[0])):
                continue
            # other aid named in the clause may be what its verb gives ("La livraison de ce système complète le
            # soutien déjà apporté par la France"): the pointer is then no object of it
            if any(o.end <= c.start or o.start >= c.end for o in nouns):
                return []
            return [_Item(c.start, c.end, item, Mention(c.start, c.end, item, "item", folded[c.start:c.end]))]
        return []

    @staticmethod
    def _relative(cue: Cue, cl: _Clause, folded: str, rules: Rules) -> bool:
        """Whether ``cue`` is in a relative clause set off by a comma (", qui a déjà cédé une batterie")."""
        comma = folded.rfind(",", cl.start, cue.start)
        words = _words(folded[comma:cue.start]) if comma >= 0 else []
        return bool(words) and rules.is_word("relative", words[0])

    @staticmethod
    def _qualified(cl: _Clause, noun: Cue, text: str, folded: str, rules: Rules) -> bool:
        """Whether a common noun says which thing it is, so it stands for no item named before: a name joined to it
        ("Hawk-Startgeräte", "Aster-Raketen"), a qualifying word before it ("air defence missiles", "long-range
        missiles"; a count, an article or a word like "more" is none), or a name after it ("launchers for Hawk")."""
        if noun.start >= 2 and text[noun.start - 1] == "-" and text[noun.start - 2].isalnum():
            return True
        prev = _TOKEN.findall(folded, max(cl.start, noun.start - 40), noun.start)[-1:]
        if prev:
            w = prev[0]
            cue = any(c.start <= noun.start - 1 < c.end + 1 and c.cls in _PLEDGE_CUES
                      for c in cl.cues if c.end <= noun.start)
            if not (w[0].isdigit() or len(w) <= 5 or rules.is_word("filler", w) or cue):
                return True
        nxt = _TOKEN.findall(folded, noun.end, min(cl.end, noun.end + 40))[:2]
        if nxt and rules.is_word("link", nxt[0]):
            nxt = nxt[1:]
        if nxt:
            at = folded.find(nxt[0], noun.end)
            word = text[at:at + len(nxt[0])]
            if (word[:1].isupper() or any(ch.isdigit() for ch in word)) and not any(
                    m.start <= at < m.end for m in cl.parties):
                return True
        return False

    def _family(self, item: str) -> str:
        """The system an item belongs to: the one it requires (a launcher's, a missile's), else itself."""
        req = self._requires.get(item)
        return req if req else item

    @cached_property
    def _requires(self) -> dict[str, str]:
        return {str(r.id): str(r.requires) for r in self.reference.items.itertuples()
                if isinstance(r.requires, str) and r.requires}

    def _platforms_dropped(self, items: list[_Item], folded: str, rules: Rules) -> list[_Item]:
        """A system named as what another item is for is not pledged itself ("AMRAAM do systemów NASAMS",
        "Aster 30 for the SAMP/T")."""
        out: list[_Item] = []
        for i, it in enumerate(items):
            if self._kinds.get(it.id) == "ammunition" and it.id.startswith("shell-"):
                near = [o for o in (items[i - 1] if i else None, items[i + 1] if i + 1 < len(items) else None)
                        if o is not None and self._kinds.get(o.id) == "howitzer"]
                if any(len(_words(folded[min(o.end, it.end):max(o.start, it.start)])) <= 1
                       and not re.search(r"[,;:]", folded[min(o.end, it.end):max(o.start, it.start)]) for o in near):
                    continue  # the howitzer's calibre, not its shells
            prev = out[-1] if out else None
            if prev is not None and self._kinds.get(it.id) == "system" and prev.id != it.id:
                gap = folded[prev.end:it.start]
                words = _words(gap)
                if words and len(words) <= 4 and rules.is_word("link", words[0]) and not re.search(r"[,.;:]", gap):
                    continue
            out.append(it)
        return out

    def _own_platforms_dropped(self, items: list[_Item], folded: str, rules: Rules) -> list[_Item]:
        """A system named a few words after its own missile or launcher, in a phrase that says what it is for
        ("Aster 30 missiles to Ukraine for its SAMP/T system", "missili Aster 30 all'Ucraina per il suo sistema
        SAMP/T"), is where the missile goes, not pledged itself: a link word between, no punctuation, at most eight
        words."""
        out: list[_Item] = []
        for i, it in enumerate(items):
            prev = items[i - 1] if i else None
            if (prev is not None and self._kinds.get(it.id) == "system" and self._requires.get(prev.id) == it.id
                    and not re.search(r"[,.;:()]", folded[prev.end:it.start])):
                words = _words(folded[prev.end:it.start])
                if 0 < len(words) <= 8 and any(rules.is_word("link", w) for w in words):
                    continue
            out.append(it)
        return out

    @staticmethod
    def _without_class_nouns(cl: _Clause, folded: str, a: int, b: int) -> list[str] | None:
        """The words between ``a`` and ``b`` but those of an equipment or aid noun ("Flugabwehrpanzer"), or None where
        there is none."""
        nouns = [c for c in cl.cues if c.cls in ("equipment", "aid") and a <= c.start and c.end <= b]
        if not nouns:
            return None
        return [m.group() for m in _TOKEN.finditer(folded, a, b)
                if not any(n.start <= m.start() < n.end for n in nouns)]

    @staticmethod
    def _purpose(cl: _Clause, c: Cue, it: _Item, gap: list[str], folded: str, rules: Rules,
                 recipient: str) -> bool:
        """Whether a system named after a missile or launcher noun is what that noun is for, in a phrase of purpose
        that ends the words between them ("interceptores ... a Ucrania para nutrir las baterías Patriot",
        "interceptors to Ukraine to supply the Patriot batteries"): a link word followed by at most three words, no
        punctuation, no other item, no pledge verb and no party but the recipient between ("des munitions pour un
        montant de 400 millions € et les Pays-Bas l'envoi de systèmes Patriot": another subject's thing)."""
        if not gap or re.search(r"[,;:()]", folded[c.end:it.start]):
            return False
        if any(c.end <= m.start and m.end <= it.start and m.is_party and m.code != recipient for m in cl.parties):
            return False
        if any(c.end <= o.start and o.end <= it.start for o in cl.items if o is not it):
            return False
        if any(c.end <= v.start and v.end <= it.start for v in cl.cues if v.cls in _PLEDGE_CUES):
            return False
        last = max((i for i, w in enumerate(gap) if rules.is_word("link", w)), default=-1)
        if not (last > 0 and len(gap) - last - 1 <= 3):
            return False
        # "de la gloanțe și muniție până la un sistem complet de apărare antiaeriană Patriot": a system noun of its
        # own before the first link word, or counted ("a complete system"), names the system as a thing given, not
        # as what the missiles are for
        links = [m.start() for m in _TOKEN.finditer(folded, c.end, it.start) if rules.is_word("link", m.group())]
        if not links:
            return False
        ones = [o for o in cl.cues if o.cls == "one" and c.end <= o.start]
        return not any(c.end <= o.start < it.start and (o.start < links[0] or any(
            n.end <= o.start and len(_words(folded[n.end:o.start])) <= 1 for n in ones))
            for o in cl.cues if o.cls == "systems")

    def _class_words_only(self, it: _Item, folded: str, a: int, b: int, rules: Rules, links: bool = True) -> bool:
        """Whether ``folded[a:b]`` holds only words for the class of ``it`` ("sol-air", "antiaerei",
        "przeciwlotnicze", "air defence"), with link words between ("de defensa antiaérea de"): a missile or launcher
        noun so qualified is still the system's ("missiles sol-air Patriot", "Patriot air defence missiles")."""
        if re.search(r"[,;:()]", folded[a:b]):
            return False
        noun = _CLASS_NOUN.get(self._categories.get(it.id, ""))
        gap = folded[a:b]
        if noun is not None:
            # each word a class noun touches goes whole ("antiaére" in "antiaéreos", "air defen" in "air defence")
            for m in noun.finditer(gap):
                lo, hi = m.start(), m.end()
                while lo > 0 and gap[lo - 1].isalnum():
                    lo -= 1
                while hi < len(gap) and gap[hi].isalnum():
                    hi += 1
                gap = gap[:lo] + " " * (hi - lo) + gap[hi:]
            gap = _SURFACE_TO_AIR.sub(" ", gap)
        words = _words(gap)
        if not links:
            return not words
        return len(_words(folded[a:b])) <= 5 and (all(rules.is_word("link", w) for w in words)
                                                   or rules.is_word("link", " ".join(words)))

    def _names_system(self, it: _Item, c: Cue, cl: _Clause, folded: str, rules: Rules) -> bool:
        """Whether missile noun ``c`` is part of a noun for the whole system, so that the phrase names the system, not
        its missiles. A system noun (not one in a case that is a link word itself: "raketas Patriot sistemoms",
        missiles for the systems, except where only class words stand between)
        - in the same word ("Patriot rakétarendszert");
        - right after it, with only class words ("Patriot missile defence systems", "зенітний ракетний комплекс") or
          one word that is neither a joiner nor a link ("Patriot füze sistemi") between, or nothing;
        - right before it, with nothing, one link word, or link and class words between ("sistema de misiles
          Patriot", "système de missiles sol-air Patriot", "systemu rakietowego Patriot");
        never across punctuation or another item; and a missile noun after "anti" is what a system counters
        ("systèmes anti-missiles Patriot")."""
        if _words(folded[max(cl.start, c.start - 6):c.start])[-1:] == ["anti"]:
            return True
        for s in cl.cues:
            if s.cls != "systems":
                continue
            if s.start >= c.end and s.start - c.end <= 40 and self._class_words_only(
                    it, folded, c.end, s.start, rules, links=False) and not any(
                    c.end <= o.start < s.start for o in cl.items):
                return True
            if s.end <= c.start and c.start - s.end <= 40 and self._class_words_only(
                    it, folded, s.end, c.start, rules) and not any(s.end <= o.start < c.start for o in cl.items):
                return True
            if rules.is_word("link", s.text):
                continue
            if s.start < c.end and c.start < s.end:
                return True
            if s.start >= c.end:
                gap = folded[c.end:s.start]
                words = _words(gap)
                if not words and not re.search(r"[,;:()]", gap):
                    return True
                if len(words) <= 1 and not re.search(r"[,;:.()/]", gap) and not any(
                        rules.is_word("joiner", w) or rules.is_word("link", w) for w in words):
                    return True  # not "rachete pentru sistemul Patriot" (missiles for the system)
            else:
                gap = folded[s.end:c.start]
                words = _words(gap)
                if (not words or (len(words) == 1 and rules.is_word("link", words[0]))) and not re.search(
                        r"[,;:()]", gap) and (words or not re.search(r"\.", gap)):
                    return True
        return False

    def _supplied_for(self, it: _Item, cl: _Clause, folded: str, rules: Rules) -> bool:
        """Whether a tank or howitzer is named only as what the ammunition before it is for ("munitie voor Leopard
        2-tanks", "ammunition for the Leopard tanks", "Munition für die Leopard-Panzer"): the vehicle is not given, the
        ammunition is (an item-less pledge). An ammunition noun, then a link word and at most three more words (its
        class noun aside), no punctuation and no other item between."""
        if self._kinds.get(it.id) not in ("tank", "howitzer"):
            return False
        for c in cl.cues:
            if c.cls != "interceptor" or c.end > it.start or it.start - c.end > 80:
                continue
            if re.search(r"[,;:()]", folded[c.end:it.start]) or any(
                    c.end <= o.start and o.end <= it.start for o in cl.items):
                continue
            classed = self._without_class_nouns(cl, folded, c.end, it.start)
            gap = classed if classed is not None else _words(folded[c.end:it.start])
            if gap and len(gap) <= 4 and rules.is_word("link", gap[0]):
                return True
        return False

    def _resolve(self, it: _Item, cl: _Clause, folded: str, rules: Rules) -> _Item:
        """A system named with a missile or launcher noun becomes that missile or launcher (the noun may carry words
        for the system's class: "missiles sol-air Patriot"), not where the missile noun is part of a noun for the
        system ("Patriot missile system", "sistema de misiles Patriot")."""
        kind = self._kinds.get(it.id)
        system = self._requires.get(it.id)
        if kind == "interceptor" and system and self._kinds.get(system) == "system":
            # "Patriot missile system", "Patriot missile defence systems": the system's missile alias, followed by a
            # system noun, names the system
            named = [c for c in cl.cues if c.cls == "missiles" and it.start <= c.start and c.end <= it.end]
            if named and self._names_system(it, named[-1], cl, folded, rules):
                return _Item(it.start, it.end, system, it.mention)
            return it
        if kind != "system":
            return it
        for c in cl.cues:
            if c.cls not in ("interceptor", "launcher") or (c.cls == "interceptor" and self._names_system(
                    it, c, cl, folded, rules)):
                continue
            if c.end <= it.start:
                gap = _words(_without(folded, c.end, it.start, cl.items))
                # "Lenkflugkörper für Luftverteidigungssysteme, 4 Iris-T-SLM-Feuereinheiten": a count of its own
                # after a comma starts another item of the list
                if re.search(r",\s*\d", folded[c.end:it.start]):
                    continue
                if len(gap) > 4 and not re.search(r"[,;:()]", folded[c.end:it.start]):
                    # "Munition für die Flugabwehrpanzer vom Typ Gepard": the system's class noun before its name
                    # does not count
                    classed = self._without_class_nouns(cl, folded, c.end, it.start)
                    gap = classed if classed is not None else gap
                if ((len(gap) <= 4 or all(rules.is_word("joiner", w) for w in gap[1:])) and (
                        not gap or rules.is_word("link", gap[0]))) or self._purpose(
                        cl, c, it, gap, folded, rules, self.recipient) or (
                        self._class_words_only(it, folded, c.end, it.start, rules)
                        and not any(c.end <= o.start < it.start for o in cl.items)):
                    derived = self._derived.get((it.id, c.cls))
                    if derived:
                        return _Item(c.start, it.end, derived, it.mention)
            elif c.start >= it.end:
                gap = _words(folded[it.end:c.start])
                if gap and rules.is_word("joiner", gap[0]):
                    continue  # "a Patriot battery and missiles": a list, the missiles beside it (:meth:`_listed_parts`)
                if (len(gap) <= 1 and not re.search(r"[,;:(]", folded[it.end:c.start])) or (
                        self._class_words_only(it, folded, it.end, c.start, rules)
                        and not any(it.end <= o.start < c.start for o in cl.items)):
                    derived = self._derived.get((it.id, c.cls))
                    if derived:
                        return _Item(it.start, c.end, derived, it.mention)
        return it


class _Run:
    """The state of one pass over a text: the party talked about, the last pledge announced, the records."""

    def __init__(self, ex: Extractor, text: str, folded: str, rules: Rules, numbers: list[Number]) -> None:
        self.ex, self.text, self.folded, self.rules = ex, text, folded, rules
        self.numbers = numbers
        self.number_ends = [n.end for n in numbers]
        self.number_starts = [n.start for n in numbers]
        self.topic: list[str] | None = None
        self.title_party: list[str] | None = None  # the one party the first sentence (the title) names as subject
        self.dateline: list[str] | None = None
        self.context: _Context | None = None
        self.listing: int | None = None  # the sentence that opened a list of a package's contents ("includes:")
        self.sourced_at: int | None = None  # the last line of a list of announcements ("... from Germany.")
        self.records: list[Record] = []
        self.sentence_clauses: dict[int, list[_Clause]] = {}
        self._groups: dict[tuple[int, int, bool], list[str] | None] = {}
        self._asides: dict[int, list[tuple[int, int]]] = {}  # a clause's parentheses, by its start
        self.excluded = ADVERSARIES | {ex.recipient}
        self._party_starts: list[int] | None = None  # of the donor parties, for _own_subject
        self._clause_starts: list[int] | None = None  # of all clauses, for _clause_at
        self._clauses_sorted: list[_Clause] = []

    # -- one clause ---------------------------------------------------------------------------------------------
    def clause(self, cl: _Clause) -> None:
        self._dateline(cl)
        if cl.has("package") and self.text[cl.s_start:cl.s_end].rstrip().endswith(":"):
            self.listing = cl.sentence
        elif self.listing is not None and cl.sentence > self.listing and any(
                c.cls in _PLEDGE_CUES for c in cl.cues):
            self.listing = None
        marks = [c for c in cl.cues if c.cls == "reannounced"]
        # "first announced in January" marks a re-announcement; its verb is not the pledge's status
        live = [c for c in cl.cues if not self._negated(c, cl)
                and not (c.cls in _PLEDGE_CUES and any(m.start <= c.start and c.end <= m.end for m in marks))
                and not (c.cls in ("refusal", "refusal_item") and self._not_only(c))
                and not (c.cls == "non_lethal_only" and self._both_kinds(c, cl))
                and not self._announces_refusal(c, cl)]
        live = [c for c in live if not (c.cls in _PLEDGE_CUES and self._nominal(c))]
        if any(c.cls == "refusal_item" for c in live):
            live = self._refused_items(cl, live)
        live = self._uncompared(cl, live)  # "later than promised by Germany": no pledge, Germany does not act
        # "..., a été livré en Ukraine, a annoncé le président": the verb that reports a pledge is none of its own
        live = [c for c in live if not self._reporting_after(cl, c)]
        # "atmeta galimybę perduoti Taurus", "rechaza enviar": the giving verb a refusal governs is refused, not given
        governed = self._governed(cl, live)
        if governed:
            live = [c for c in live if c not in governed]
        # "auch wenn die USA ATACMS liefern sollten", "even if ...": what a hypothetical says is nobody's pledge
        ifs = [c.start for c in live if c.cls == "hypothetical"]
        if ifs:
            live = [c for c in live if c.cls not in _PLEDGE_CUES or c.start < ifs[0]]
        verbs = [c for c in live if c.cls in _ITEM_CUES]
        hedges = [c for c in live if c.cls == "hedge"]
        reannounced = any(c.cls == "reannounced" for c in live)
        used: list[Cue] = []  # the cues that decided an item's status
        listed_by: tuple[_Actor, str] | None = None  # a package's contents inherit its donor and status
        for it in cl.items:
            cue = self._participle(cl, it, verbs) or self._nearest(verbs, it, self.folded, self.rules)
            if cue is not None and cue.end <= it.start:
                # "Polen bestätigte, Norwegen habe zwei NASAMS geliefert": the verb of what is said, after the item
                said = [v for v in verbs if v.cls in _PLEDGE_CUES and v.start >= it.end]
                if said and self._reported_to(cl, cue, said, it.start):
                    cue = said[0]
            actor: _Actor | None
            gift = self._gift_sources(cl, cl.end) if cue is None else []
            if cue is None and gift and not any(c.cls in ("demand", "refusal") for c in live):
                # "Gaven fra Norge og USA på to Nasams-batterier ...": a gift named with its source gives the item
                actor = _Actor(gift, "explicit", "the source of the aid noun ('the gift from Norway')", cl.sentence)
                status = self.context.status if self.context is not None and set(self.context.actor.codes) & set(
                    gift) and cl.sentence - self.context.sentence <= 3 else "committed"
            elif cue is None:
                if any(c.cls in ("demand",) for c in live):
                    continue
                if self.context is None:
                    # "Sie umfasst ... etwa 30 Flakpanzer Gepard": a package the text's party gives, listed before any
                    # verb said who gives it
                    if not (cl.has("package") and self.topic and not cl.parties):
                        continue
                    self.context = _Context(_Actor(list(self.topic), "topic", "the party the text is about, whose "
                                                   "package the clause lists", cl.sentence), "committed", cl.sentence)
                near = cl.sentence - self.context.sentence
                # a later sentence with no verb of its own inherits only where it lists a package ("It includes"),
                # or is a line of a list a package opened ("This package includes:" / "Two NASAMS;")
                listed = self.listing is not None and 0 < cl.sentence - self.listing <= 25 \
                    and cl.s_end - cl.s_start <= 200
                if near > (_PACKAGE_REACH if cl.has("package") else 0) and not listed:
                    continue
                sources = self._sources(cl)
                # a clause that names its own actor says something else ("Ireland would continue to fund ...")
                own = self._group_before(cl, it.start)
                gapped = self._gapped_owner(cl, it, max([cl.start, *(o.end for o in cl.items if o is not it and
                                                                     o.end <= it.start)])) if near == 0 else None
                if own and not sources and set(own) != set(self.context.actor.codes) and not gapped:
                    continue  # (the same donor named as the report's source is no other actor)
                if gapped:  # "Poland will send Leopard 2A4 tanks, and Germany Leopard 2A6 tanks": the verb left out
                    actor = _Actor(gapped, "explicit", "a party and its own item after a pledge, the verb left out",
                                   cl.sentence)
                elif sources:  # "More missiles and armoured vehicles from France."
                    actor = _Actor(sources, "explicit", "the source after 'from', in a list of announcements",
                                   cl.sentence)
                else:
                    actor = _Actor(self.context.actor.codes, "inherited",
                                   f"inherited from the pledge announced before ({self.context.actor.via})",
                                   self.context.sentence)
                status = self.context.status
                listed_by = listed_by or (actor, status)
                for summary in self.context.summaries:  # "a $400 million package ... It includes ...": a summary
                    summary.specific = False
            elif cue.cls in ("demand", "refusal"):
                continue
            elif (self._serviced(cue.end, it.start, live) if cue.end <= it.start else self._serviced(
                    max(cl.start, it.start - 40), it.start, live)) or self._service_named(it):
                # "offered to repair Leopard tanks"; "a hub for servicing Leopard tanks provided to Ukraine";
                # "zur Patriot-Ausbildung eingetroffen"
                continue
            else:
                actor = self._actor(cl, cue, allow_topic=True)
                if actor is None or actor.how in ("government", "topic"):
                    actor = self._demonym_owner(cl, it) or actor
                # (a verb-final cue may run over the item before: "sagte zwei IRIS-T-Systeme zu, Norwegen ...")
                earlier = [o.end for o in cl.items if o is not it and cue.start <= o.start and o.end <= it.start]
                gapped = self._gapped_owner(cl, it, max(earlier)) if earlier and actor is not None else None
                if gapped and actor is not None and set(gapped) != set(actor.codes):
                    # "Poland will send Leopard 2A4 tanks and Germany Leopard 2A6 tanks": the verb left out
                    actor = _Actor(gapped, "explicit", "a party and its own item after a pledge, the verb left out",
                                   cl.sentence)
                if actor is None:
                    continue
                actor.origin = cl.sentence
                status = self._status(cue, live)
                main = self._main_verb(cl, it.end, cue, live) or self._attributive_main(cl, it, cue, live)
                if main is not None:
                    # "The IRIS-T systems that Germany promised have arrived", "Les canons Caesar promis par la France
                    # sont arrivés": the donor from the clause on the item, the status from the item's own verb
                    status = self._status(main, live)
            if status != "delivered" and self._hedged(cue, hedges, live):
                status = "considering"
            if cue is not None:
                used.append(cue)
            value, currency = self._value(cl)
            if len(actor.codes) > 1 and self._example(cl, it):
                # "the leaders announced air defence systems, including Patriot batteries": the text does not say
                # which of them gives the example, so each gives air defence, item unknown
                self._pledges(cl, actor, None, status, reannounced, specific=True,
                              explain=_explained(cue, actor, "an item given as an example of what several donors "
                                                             "give: no donor's item"))
                continue
            made = self._pledges(cl, actor, it.id, status, reannounced, quantity=self._quantity(cl, it), value=value,
                                 currency=currency, background=cue is not None and (
                                     self._background(cue, cl)
                                     or (status != "delivered" and self._pluperfect(cue, cl))),
                                 explain=_explained(cue, actor, "the item's status cue" if cue else
                                                    "a gift named with its source" if gift else
                                                    "an item listed after a pledge (its donor and status)"))
            if cue is not None and len(actor.codes) > 1 and self._contents(cl, cue, it, live):
                # "A, B and C will send air defence systems, including X, Y and Z": the list details what they send
                # together, it does not say who gives which (:func:`_unpaired`)
                for p in made:
                    p.joint = (cl.sentence, cue.start, *actor.codes)
            if it is cl.items[-1] and cue is not None and actor.how == "explicit" and made[0].quantity is not None:
                self._gapped(cl, it, cue, status, reannounced)
        if listed_by is not None:
            self._beside_listed(cl, live, *listed_by, reannounced)
        elif not cl.items and not any(c.cls in _PLEDGE_CUES or c.cls in ("demand", "refusal") for c in live):
            self._package_contents(cl, live, reannounced)
        status_cues = [c for c in verbs if c.cls in _PLEDGE_CUES or c.cls == "hedge"]
        # "Poland announced that Norway will send weapons": what is said has its own giver and verb
        status_cues = [c for i, c in enumerate(status_cues) if not self._reported_to(cl, c, status_cues[i + 1:])]
        # "fournisce solo aiuti umanitari": aid that is only humanitarian is a stance, not a pledge
        stance = [c for c in live if c.cls in ("no_military_aid", "non_lethal_only", "refusal")]
        for k, cue in enumerate(status_cues):
            actor = self._actor(cl, cue, allow_topic=False) or self._main_donor(cl, cue) or self._arriving(cl, cue)
            if actor is None or actor.how not in ("explicit", "government", "main"):
                continue
            status = "considering" if self._hedged(cue, hedges, live) else self._status(cue, live)
            noun = max((c for c in live if c.cls in ("aid", "equipment") and cl.start <= c.start
                        and c.end <= cue.start), key=lambda c: c.end, default=None)
            main = self._main_verb(cl, noun.end, cue, live) if noun is not None and status != "considering" else None
            if main is not None:  # "De åtta Archer-pjäser som Sverige fattat beslut om att skicka finns på plats"
                status = self._status(main, live)
            if k == 0:
                self.context = _Context(actor, status, cl.sentence)
            # a pledge that names no item: its cue serves no item, and aid or equipment is named around it
            lo = max([status_cues[k - 1].end if k else cl.start, *(it.end for it in cl.items if it.end <= cue.start
                                                                   and k and status_cues[k - 1] in used)])
            hi = status_cues[k + 1].start if k + 1 < len(status_cues) else cl.end
            # aid or equipment named around the cue, not the noun of an item ("2 NASAMS launchers"), and not what an
            # earlier verb of the clause already says ("has delivered the first of 19 F-16s it promised")
            around = [c for c in live if c.cls in ("aid", "equipment", "shells") and lo <= c.start < hi
                      and not any(it.start <= c.start <= it.end + 2 for it in cl.items)
                      and (k == 0 or status_cues[k - 1].start > c.start or c.start >= cue.start)]
            # "jest gotowa do utworzenia centrum serwisowego ... czołgów": the cue governs a service for the equipment
            # "a service hub for the tanks handed over to Ukraine": a participle after the noun only describes it
            around = [c for c in around if not (self._serviced(cue.end, c.start, live) if cue.end <= c.start
                                                else self._serviced(max(lo, c.start - 40), c.start, live))]
            if k == 0 and not around:
                around = self._antecedent(cl)  # "з установок, які погодилася передати Україні Швеція"
            # a refusal before it ("nie przekaże broni, zapowiedział premier"), or aid that is only humanitarian, or a
            # refusal it governs ("beslutat att inte skicka")
            limited = any(c.cls != "refusal" or c.start < cue.start for c in stance) or self._decided_not(
                cl, cue, stance)
            if cue in used and not limited:
                self._beside_items(cl, cue, hi, actor, status, reannounced, live)
            if cue in used or limited or any(lo <= it.start < hi for it in cl.items):
                continue
            if self._elliptic(cl, cue, lo, hi, actor, status, reannounced):
                continue
            # an amount already an item's value ("Munition im Wert von 200 Millionen Euro") is no other pledge
            money = [] if self._value(cl)[0] is not None and used else [
                n for n in self._numbers_in(lo, hi) if n.money]
            if not around and not money:
                continue
            # general humanitarian aid is not recorded ("Hungarian aid deliveries arrived ... care for the refugees")
            if _HUMANITARIAN.search(self.folded, cl.start, cl.end) and not any(
                    c.cls in ("military", "lethal", "equipment") for c in live):
                continue
            value, currency = (money[0].value, money[0].money) if len(money) == 1 and len(actor.codes) == 1 else (
                None, None)
            count = self._count(cl, lo, hi, cue) if len(actor.codes) == 1 else None
            made = self._pledges(cl, actor, None, status, reannounced, quantity=count, value=value, currency=currency,
                                 specific=any(c.cls == "equipment" for c in around)
                                 or value is not None
                                 or count is not None,
                                 explain=_explained(cue, actor, "a status cue that serves no item, with aid named "
                                                                "around it"))
            if k == 0 and self.context is not None:
                self.context.summaries.extend(made)
        if not status_cues and not cl.items:
            self._sourced(cl, live)
        self._future_count(cl, live, reannounced)
        if cl.has("likewise"):
            self._likewise(cl)
        # "Deutschland wird Taurus nicht liefern", "Suomi ei luovuta Hornet-hävittäjiä": a negated commitment verb
        # "Ukraine will not receive Taurus from Germany": what the recipient will not get, its source refuses
        denied = [c for c in cl.cues if c.cls in ("committed", "received") and c not in live and self._negated(c, cl)
                  and not (ifs and c.start >= ifs[0]) and not self._pending(c, cl)]
        self._policies(cl, live, denied)
        if hedges and cl.start == cl.s_start:
            self._hedge_before(cl)
        explicit = self._group_before(cl, cl.end)
        if explicit:
            self.topic = explicit
            if cl.sentence == 0 and self.title_party is None and len(explicit) == 1:
                self.title_party = explicit
        elif self.topic is None and cl.sentence == 0:
            # a title that names the donor only as a source ("Ukrainian soldiers ready to receive guns from
            # Denmark", "Kolejne czołgi z Polski"): the text is about that donor
            sources = self._sources(cl)
            if len(sources) == 1:
                self.topic = sources

    def _likewise(self, cl: _Clause) -> None:
        """Parties said to do the same as the donor of a pledge before them, with no verb of their own ("Germany sent
        a Patriot system in April, as did the Netherlands and the United States", "kdy tak učinily i Nizozemsko a
        Spojené státy", "слідом за США й Німеччиною"): each gives what that donor gives, with its status (not its
        count, which the text does not give them)."""
        for c in cl.cues:
            if c.cls != "likewise" or any(v.cls in _PLEDGE_CUES and v.start >= c.end for v in cl.cues):
                continue
            listed = self.ex._contrasted_after(cl, c, cl.end, self.folded, self.rules)
            # the list starts at the phrase (an article or "also" between at most)
            if not listed or len(_words(self.folded[c.end:listed[0].start])) > 1:
                continue
            codes = list(dict.fromkeys(m.code for m in listed if m.code != self.ex.recipient
                                       and m.code not in ADVERSARIES))
            before = [p for p in self._in_sentence(cl.s_start) if isinstance(p, Pledge) and p.explain
                      and p.explain.get("cue_start") is not None and p.explain["cue_start"] < c.start]
            if not codes or not before or any(p.donor in codes for p in before):
                continue
            actor = _Actor(codes, "explicit", "parties said to do the same as the donor before them", cl.sentence)
            for item, status in dict.fromkeys((p.item, p.status) for p in before):
                self._pledges(cl, actor, item, status, False, explain=_explained(
                    c, actor, "parties that do the same as a pledge's donor"))

    def _package_contents(self, cl: _Clause, live: list[Cue], reannounced: bool) -> None:
        """"The aid package includes artillery guns and ammunition", "Paketis on ka tankitõrjekahurid, lõhkematerjale,
        ...": a clause with no verb of its own that lists a package's contents the catalog does not name (no item),
        after the pledge that announced the package (its donor and status, within a few sentences), is an item-less
        pledge of that donor beside its named items."""
        pkg = [c for c in live if c.cls == "package"]
        listed = self.listing is not None and 0 < cl.sentence - self.listing <= 25
        if not pkg and not listed:
            return
        lo = pkg[0].end if pkg else cl.start
        nouns = [c for c in live if c.cls in ("equipment", "shells") and c.start >= lo]
        if not nouns:
            return
        context = self.context
        if context is None:
            if not (pkg and self.topic and not cl.parties):
                return
            context = _Context(_Actor(list(self.topic), "topic", "the party the text is about, whose package the "
                                      "clause lists", cl.sentence), "committed", cl.sentence)
        if not 0 <= cl.sentence - context.sentence <= _PACKAGE_REACH and not listed:
            return
        own = self._group_before(cl, nouns[0].start)
        sources = self._sources(cl)
        if (own and set(own) != set(context.actor.codes)) or (sources and set(sources) != set(context.actor.codes)):
            return  # another party's equipment ("... vehicles from France")
        actor = _Actor(context.actor.codes, "inherited", f"inherited from the pledge announced before "
                       f"({context.actor.via})", context.sentence)
        self._pledges(cl, actor, None, context.status, reannounced, specific=True,
                      explain=_explained(None, actor, "a package's contents the catalog does not name, listed after "
                                                      "the pledge that announced it"))

    def _hedge_before(self, cl: _Clause) -> None:
        """"Suomi toimittaa 29. puolustustarvikeapulähetyksen Ukrainalle. Asiaa koskeva päätös on valmisteilla.",
        "Germany will send 20 tanks. The decision has yet to be approved by parliament.": a sentence that only says
        the decision is pending (a hedge, and no pledge verb, item or donor of its own) makes the commitments of the
        sentence just before it considering."""
        mine = self.sentence_clauses.get(cl.sentence, [cl])
        if any(c.cls in _PLEDGE_CUES for x in mine for c in x.cues) or any(x.items for x in mine) or any(
                m.is_party and m.code not in self.excluded for x in mine for m in x.parties):
            return
        before = self.sentence_clauses.get(cl.sentence - 1)
        if not before:
            return
        for r in self._in_sentence(before[0].s_start):
            if isinstance(r, Pledge) and r.status == "committed":
                r.status = "considering"
                r.explain = {**(r.explain or {}), "rule": (r.explain or {}).get("rule", "") + "; made considering "
                             "by the next sentence, which says the decision is pending"}

    def _example(self, cl: _Clause, it: _Item) -> bool:
        """Whether ``it`` is named as an example of what is given ("air defence systems, including Patriot
        batteries", "hava savunma ... Patriot bataryaları da dahil"): an including word up to four words before it,
        or (a postposition) up to two words after it, with no comma between."""
        for c in cl.cues:
            if c.cls != "including":
                continue
            if c.end <= it.start:
                gap = self.folded[c.end:it.start]
                if len(_words(gap)) <= 4 and not re.search(r"[;:.()]", gap):
                    return True
            elif it.end <= c.start:
                gap = self.folded[it.end:c.start]
                if len(_words(gap)) <= 2 and not re.search(r"[,;:.()]", gap):
                    return True
        return False

    def _gapped_owner(self, cl: _Clause, it: _Item, lo: int) -> list[str] | None:
        """The party that gives ``it`` with the verb left out ("..., and Germany Leopard 2A6 tanks", "et l'Allemagne
        des Leopard 2A6", "Germany pledged two IRIS-T systems, Norway two NASAMS"): a party named after ``lo`` (the
        end of the item before, or the clause's start) with only a comma or joiners before it (after at most three
        words that end the item before: "systems"), and at most three words, no punctuation, no other item and no
        verb between it and the item."""
        named = [m for m in cl.parties if m.is_party and lo <= m.start and m.end <= it.start]
        if not named:
            return None
        m = named[-1]
        between = self.folded[m.end:it.start]
        if len(_words(between)) > 3 or re.search(r"[,;:()]", between) or any(
                m.end <= o.start < it.start for o in cl.items if o is not it) or any(
                m.end <= c.start < it.start and c.cls in _ITEM_CUES for c in cl.cues):
            return None
        before = self.folded[lo:m.start]
        if re.search(r"[;:()]", before) or any(lo <= c.start < m.start and c.cls in _ITEM_CUES for c in cl.cues):
            return None
        # the words of the item before that follow its name ("two IRIS-T systems, Norway ...", "IRIS-T systems and
        # Norway ..."), then a comma or joiners
        comma = before.rfind(",")
        words = _words(before[comma + 1:])
        joined = next((k for k in range(len(words), 0, -1) if all(self.rules.is_word("joiner", w)
                                                                   for w in words[-k:])), 0)
        lead = _words(before[:comma]) if comma >= 0 else words[:len(words) - joined]
        if (comma >= 0 and joined != len(words)) or not (joined or comma >= 0) or joined > 2 or len(lead) > 3:
            return None
        if m.code in self.excluded:
            return None
        return [m.code]

    def _gapped(self, cl: _Clause, it: _Item, cue: Cue, status: str, reannounced: bool) -> None:
        """"Poland has sent 14 Leopard 2 tanks, Norway 8 and Canada 4", "La Pologne a livré 14 chars, la Norvège huit et
        le Canada quatre": parties listed after a counted item, each with a count of its own and no verb (the verb is
        left out: gapping), give that item with their own counts and its status."""
        rest = [c for c in self.sentence_clauses.get(cl.sentence, [cl]) if c.start >= cl.start]
        lo, hi = max(it.end, cue.end), cl.s_end
        if any(c is not cue and c.cls in _ITEM_CUES and c.start >= lo for x in rest for c in x.cues):
            return  # a verb of its own after the item: another pledge, read by its own cue
        comma = self.folded.find(",", lo, hi)
        if comma < 0 or len(_words(self.folded[it.end:comma])) > 3 or re.search(r"[;:()]", self.folded[it.end:comma]):
            return
        pos, found = comma + 1, list[tuple[str, float]]()
        for m in (m for x in rest for m in x.parties if m.start > comma):
            # between them a comma or a joiner, and at most the last count's noun ("Norway eight tanks and Canada")
            gap = self.folded[pos:m.start]
            other = [w for w in _words(gap) if not self.rules.is_word("joiner", w)]
            if not m.is_party or m.code in self.excluded or re.search(r"[;:()]", gap) or len(other) > 2 or (
                    found and other and not ("," in gap or len(other) < len(_words(gap)))):
                break
            count = next((n for n in find_numbers(self.text, self.rules, self.folded, [(m.end, min(hi, m.end + 24))])
                          if n.start >= m.end), None)
            if count is None or count.money or count.year or count.percent or count.ordinal or _words(
                    self.folded[m.end:count.start]) or re.search(r"[,;:()]", self.folded[m.end:count.start]):
                break
            # what follows the count, up to the next comma: at most two words, or a joiner among the first three
            # ("Norway eight tanks and ...")
            segment = re.split(r"[,.;]", self.folded[count.end:hi], maxsplit=1)[0]
            after = _words(segment)
            if not (len(after) <= 2 or any(self.rules.is_word("joiner", w) for w in after[:3])):
                break
            if any(count.end <= o.start < count.end + len(segment) for x in rest for o in x.items):
                break  # "..., la Norvegia due NASAMS": the count is of an item of its own (gapping, read apart)
            found.append((m.code, count.value))
            pos = count.end
        for code, qty in found:
            one = _Actor([code], "explicit", "a party with a count of its own after a counted item: the verb left out")
            self._pledges(cl, one, it.id, status, reannounced, quantity=qty,
                          explain=_explained(cue, one, "a list of parties with their own counts after a counted item "
                                                       "(the verb left out)"))

    def _beside_items(self, cl: _Clause, cue: Cue, hi: int, actor: _Actor, status: str, reannounced: bool,
                      live: list[Cue]) -> None:
        """Equipment the catalog lacks listed beside named items ("raķetes Stinger, helikopterus, ložmetējus",
        "a SAMP/T system and 400 armoured vehicles"): one item-less pledge beside the named ones, counted where one
        number counts it."""
        served = [it for it in cl.items if cue.end <= it.start < hi]
        if not served:
            return
        cands = [c for c in live if c.cls in ("equipment", "component") and cue.end <= c.start < hi
                 and not any(self._touches(it.start, it.end, c) for it in cl.items)
                 and not self.folded[max(0, c.start - 5):c.start].endswith("anti ")]  # "anti-chars": a modifier
        # only nouns coordinated with the items, in one list with them ("..., helikopterus, ložmetējus"), not the
        # subject of another clause ("... mais cedo e os barris ... são necessários")
        nouns: list[Cue] = []
        chain = sorted([(it.start, it.end) for it in served])
        for c in sorted(cands, key=lambda c: c.start):
            prev = max((b for a, b in chain if b <= c.start), default=None)
            nxt = min((a for a, b in chain if a >= c.end), default=None)
            if (prev is not None and self._listed(cl, prev, c.start)) or (
                    nxt is not None and self._listed(cl, c.end, nxt)):
                nouns.append(c)
                chain.append((c.start, c.end))
        if self._respective(cl, cue, actor, served, nouns, status, reannounced) or not nouns:
            return
        qty = self._noun_count(cue, nouns[0]) if len(actor.codes) == 1 and len(nouns) == 1 else None
        self._pledges(cl, actor, None, status, reannounced, quantity=qty, specific=True,
                      explain=_explained(cue, actor, "equipment the catalog lacks, listed beside named items"))

    def _noun_count(self, cue: Cue, noun: Cue) -> float | None:
        """The count just before ``noun`` (at most two words before it, in one phrase), after ``cue``."""
        n = next((n for n in reversed(self._numbers_in(cue.end, noun.start)) if not (
            n.money or n.year or n.percent or n.ordinal)), None)
        if n is not None and len(_words(self.folded[n.end:noun.start])) <= 2 and not re.search(
                r"[,;:()]", self.folded[n.end:noun.start]):
            return n.value
        return None

    def _in_sentence(self, s_start: int) -> list[Record]:
        """The records made so far in the sentence starting at ``s_start``. Sentences are read in order and every
        record starts where its sentence does, so they are the last ones: found without reading the whole
        document's records each time (which made a long document's reading grow with its square)."""
        found: list[Record] = []
        for r in reversed(self.records):
            if r.start < s_start:
                break
            if r.start == s_start:
                found.append(r)
        return found[::-1]

    def _respective(self, cl: _Clause, cue: Cue, actor: _Actor, served: list[_Item], nouns: list[Cue], status: str,
                    reannounced: bool) -> bool:
        """"Deutschland und Großbritannien lieferten 18 Leopard-2-Panzer und 14 Panzer vom Typ Challenger 2": as many
        counted objects as donors, in one list after their verb, pair in order (each donor its own object and
        count). Returns whether it paired them."""
        k = len(actor.codes)
        if k < 2 or actor.how != "explicit" or not actor.via.startswith("the subject"):
            return False
        made = [r for r in self._in_sentence(cl.s_start) if isinstance(r, Pledge) and r.item is not None
                and r.explain is not None and r.explain.get("cue_start") == cue.start and r.donor in actor.codes]
        objects: list[tuple[int, str | None, float | None]] = []
        for it in served:
            qty = next((r.quantity for r in made if r.item == it.id), None)
            if it.id not in {o[1] for o in objects}:
                objects.append((it.start, it.id, qty))
        objects += [(c.start, None, self._noun_count(cue, c)) for c in nouns]
        objects.sort()
        if len(objects) != k or any(q is None for _, _, q in objects):
            return False
        self.records = [r for r in self.records if not any(r is m for m in made)]
        for code, (_, item, qty) in zip(actor.codes, objects, strict=True):
            one = _Actor([code], actor.how, actor.via + "; paired in order with its own count", actor.origin)
            self._pledges(cl, one, item, status, reannounced, quantity=qty, specific=item is None,
                          explain=_explained(cue, one, "as many counted objects as donors: paired in order"))
        return True

    def _listed(self, cl: _Clause, a: int, b: int) -> bool:
        """Whether ``[a, b)`` joins two members of one list: a comma or a joiner, a few words, no party."""
        gap = self.folded[a:b]
        words = _words(gap)
        return len(words) <= 5 and not re.search(r"[;:()]", gap) and not any(
            a <= m.start < b for m in cl.parties) and (
            "," in gap or self._joined_by(words))

    def _joined_by(self, words: list[str]) -> bool:
        """Whether ``words`` hold a joiner, of one word ("and") or of two or three ("as well as", "ainsi que",
        "así como", "bem como", "a także", "kā arī", "precum și")."""
        return any(self.rules.is_word("joiner", " ".join(words[i:i + k])) for k in (1, 2, 3)
                   for i in range(len(words) - k + 1))

    def _touches(self, a: int, b: int, c: Cue) -> bool:
        """Whether cue ``c`` is the head noun of the phrase ``[a, b)`` ("Leopard 2 tanks", "raķetes Stinger"): at
        most two words between them, no punctuation and no joiner ("a SAMP/T system and 400 armoured vehicles":
        the vehicles are another member of the list)."""
        gap = self.folded[b:c.start] if c.start >= b else self.folded[c.end:a]
        words = _words(gap)
        return (c.start < b and c.end > a) or (len(words) <= 2 and not re.search(r"[,;:()]", gap)
                                               and not self._joined_by(words))

    def _future_count(self, cl: _Clause, live: list[Cue], reannounced: bool) -> None:
        """"Dostarczyliśmy już 34 działa typu Gepard, a kolejne 15 zostanie do nich dodanych", "... has delivered
        34 Gepard, and another 15 will be added": a further count just before a future marker that no pledge verb
        follows, with no item of its own, after a delivery of the item named before it in the sentence, is a new
        commitment of that item by the sentence's donor."""
        ctx = self.context
        if ctx is None or ctx.sentence != cl.sentence:
            return
        for f in live:
            if f.cls != "future" or any(v.cls in _PLEDGE_CUES and f.start <= v.start and v.start - f.end <= 60
                                        for v in live):
                continue
            count = next((n for n in reversed(self._numbers_in(cl.start, f.start))
                          if not (n.money or n.year or n.percent)), None)
            if count is None or len(_words(self.folded[count.end:f.start])) > 1 or re.search(
                    r"[,;:()]", self.folded[count.end:f.start]):
                continue
            lead = _words(self.folded[max(cl.start, count.start - 30):count.start])[-1:]
            if not lead or not self.rules.is_word("filler", lead[0]) or any(
                    count.end <= it.start < f.start for it in cl.items):
                continue
            before = [it for c in self.sentence_clauses.get(cl.sentence, [cl]) for it in c.items
                      if it.end <= count.start]
            # only after a delivery of it: "will send 12 Caesar, and another 6 will follow" sums up one commitment
            delivered = before and any(isinstance(r, Pledge) and r.item == before[-1].id and r.status == "delivered"
                                       for r in self._in_sentence(cl.s_start))
            if delivered:
                self._pledges(cl, ctx.actor, before[-1].id, "committed", reannounced, quantity=count.value,
                              explain=_explained(f, ctx.actor, "a further count before a future marker: a second "
                                                               "pledge of the item named before"))
            return

    def _sourced(self, cl: _Clause, live: list[Cue]) -> None:
        """A verbless line of a list of announcements: "As well as 10,000 drones from the United Kingdom.", "a new
        package of aid from Finland worth 188 million euros": the party after "from" pledges what it names."""
        recent = self.context is not None and cl.sentence - self.context.sentence <= 3
        chained = self.sourced_at is not None and cl.sentence - self.sourced_at <= 1
        if not (recent or chained or cl.has("package")) or any(
                c.cls in ("demand", "refusal", "hypothetical") for c in live) or any(
                m.code in ADVERSARIES for m in cl.parties):  # "support for Russia from China" helps the other side
            return
        around = [c for c in live if c.cls in ("aid", "equipment")]
        money = [n for n in self._numbers_in(cl.start, cl.end) if n.money]
        sources = self._sources(cl)
        if not sources or not (around or money):
            return
        counts = [n for n in self._numbers_in(cl.start, cl.end) if not (n.money or n.year or n.percent)]
        single = len(sources) == 1 and len(counts) == 1 and any(c.cls == "equipment" for c in around)
        value, currency = (money[0].value, money[0].money) if len(money) == 1 and len(sources) == 1 else (None, None)
        self.sourced_at = cl.sentence
        status = self.context.status if self.context is not None and recent else "committed"
        self._pledges(cl, _Actor(sources, "explicit", "the source after 'from', in a list of announcements",
                                 cl.sentence), None, status, False,
                      quantity=counts[0].value if single else None, value=value, currency=currency, specific=True,
                      explain=_explained(None, _Actor(sources, "explicit", "the source after 'from'"),
                                         "a line of a list of announcements: what comes from a party"))

    # -- who -----------------------------------------------------------------------------------------------------
    def _dateline(self, cl: _Clause) -> None:
        if cl.start != cl.s_start or not cl.parties:
            return
        m = cl.parties[0]
        if m.start == cl.s_start and m.code not in self.excluded and m.is_party and _DATELINE_AFTER.match(
                self.text, m.end):
            self.dateline = [m.code]
            self.topic = [m.code]

    def _actor(self, cl: _Clause, cue: Cue, allow_topic: bool) -> _Actor | None:
        if cue.cls == "received":  # "Ukraine received 14 tanks from Denmark and the Netherlands"
            sources = self._sources(cl)
            return _Actor(sources, "explicit", "the source after 'from'") if sources else None
        plural = self._plural_before(cl, cue)  # "They have supplied ...": the parties named together before
        if plural is not None:
            return plural
        if self.rules.asking is not None and self.rules.asking.fullmatch(cue.text):
            asker = self._asker(cl, cue)  # "Germany asked Switzerland for permission to send": Germany
            return _Actor(asker, "explicit", "the one who asks leave to give: the clause's subject") if asker else None
        owner = self._decision_owner(cl, cue)
        if owner is not None:
            return owner
        agents = self._agents_after(cl, cue)
        if agents:  # "the 19 promised by Copenhagen": the agent of a passive cue, whoever is named before it
            return _Actor(agents, "explicit", "the agent just after the cue ('by')")
        agent = self._agent_before(cl, cue)
        if agent:  # "die 18 von Paris bereits gelieferten Haubitzen": the agent before a participle
            return _Actor(agent, "explicit", "the agent just before the participle ('von Paris gelieferten')")
        listed = self._listed_after_colon(cl, cue)
        if listed:  # "the countries that will send arms: Poland, Czechia, Romania, ..."
            return _Actor(listed, "explicit", "the list of parties after the colon that follows the cue")
        group = self._group_before(cl, cue.start, blocked_ok=True)
        rel = self._relative_start(cl, cue)
        if group is not None and rel is not None and not any(m.start >= rel for m in cl.parties if m.end <= cue.start):
            # "з установок, які погодилася передати Україні Швеція": a relative clause on a thing has its own
            # subject; the parties before it do not act in it
            subject = self._subject_after(cl, cue)
            if subject is not None:
                subject.via = "the subject just after the verb of a relative clause"
                return subject
            group = None
        if group == []:
            return None  # an organisation acts (NATO's Secretary General): no donor
        if group:
            via = "the subject: the parties just before the cue"
            before = [m for m in cl.parties if m.end <= cue.start and m.code in group]
            if before and not self._comitative(before[0], cl.start) and any(
                    self._comitative(m, cl.start) for m in before[1:]):
                via += ", with the co-donors named 'together with' between it and the verb"
            if before and all(self._comitative(m, cl.start) or (i and self._joined(before[i - 1], m))
                              for i, m in enumerate(before)):
                # "Sammen med Holland donerer Danmark ...": the parties "together with" are co-donors, the subject
                # comes after the verb
                subject = self._subject_after(cl, cue)
                if subject is not None:
                    group = [*subject.codes, *(c for c in group if c not in subject.codes)]
                    via = "the subject just after the verb, with the co-donors named 'together with' before it"
            # co-donors after the cue: "Norwegen wird gemeinsam mit Deutschland ... finanzieren", "Danmark har
            # doneret Leopard 1 sammen med Tyskland og Holland"
            last: Mention | None = None
            for m in cl.parties:
                if m.start <= cue.start or not m.is_party or m.code in self.excluded:
                    continue
                if m.start >= cue.end and (":" in self.folded[cue.end:m.start] or ";" in self.folded[cue.end:m.start]):
                    break  # "tęsia paramą Ukrainai: kartu su Islandija vadovauja ...": a colon begins what follows
                # after the verb only "together with" of two words gives with it; a longer phrase there says how, not
                # who gives ("a livré 19 chars en coopération avec l'Allemagne"); inside a verb-final German cue it is
                # before the verb ("wird in Zusammenarbeit mit den USA ... spenden")
                if self._comitative(m, cue.start, after_verb=m.start >= cue.end) or (
                        last is not None and self._joined(last, m)):
                    if m.code not in group:
                        group.append(m.code)
                        via += "; co-donors named 'together with'"
                    last = m
                else:
                    last = None
            partners = self._fronted_partners(cl, cue, group)
            if partners:  # "Samen met de Verenigde Staten en Denemarken heeft Nederland ... beschikbaar gesteld"
                group.extend(c for c in partners if c not in group)
                via += "; co-donors named 'together with' at the clause's start"
            return _Actor(group, "explicit", via)
        # after the cue's first word: German cues run over their subject ("hatte Madrid sechs ... übergeben")
        first_end = cue.start + len(cue.text.split(" ")[0])
        after = [m for m in cl.parties if m.start >= first_end and m.is_party and m.code not in self.excluded]
        for m in after:
            prev = [w for w in self._prev_words(m.start, cl.start, 3) if not self.rules.is_word("joiner", w)]
            if prev and (self.rules.is_word("agent", prev[-1]) or (len(prev) == 3 and self.rules.is_word(
                    "agent", " ".join(prev)))):  # "livrés par l'Allemagne", "pledged by Germany", "da parte dell'"
                # and the parties listed with it ("sent by Italy, Slovenia and France", "dall'Italia, dalla Slovenia
                # e dalla Francia")
                return _Actor(self._agent_list(m, after), "explicit", "the agent after the cue")
            such = self._agents_such_as(cl, m, after)
            if such:
                return _Actor(such, "explicit", "the agents named 'such as' after the agent word ('by countries "
                                                "such as Germany and Greece')")
        if any(c.cls == "speaker" and c.start < cue.start for c in cl.cues) or self.rules.is_word(
                "speaker_verbs", cue.text):
            # "We will deliver ...," Dutch Prime Minister Dick Schoof said: the speaker named after the quote
            said = [m for m in self._sentence_parties(cl) if m.start >= cue.end and m.is_party
                    and m.code not in self.excluded]
            if said:
                return _Actor([said[0].code], "explicit", "the speaker named after the quote")
            if self.rules.is_word("speaker_verbs", cue.text):
                next_speaker = self._speaker_next(cl)
                if next_speaker is not None:
                    return next_speaker
        if cue.cls in _PLEDGE_CUES and not any(m.is_party for m in cl.parties if m.end <= cue.start):
            # "« Des canons Caesar seront livrés à l'Ukraine », a annoncé Sébastien Lecornu": a pledge quoted with no
            # donor of its own is the speaker's, named just after the quote
            quoted = self._quoted_speaker(cl, cue)
            if quoted is not None:
                return quoted
        subject = self._subject_after(cl, cue)
        if subject is not None:
            return subject
        gift = self._gift_sources(cl, cue.start)
        if gift and cue.cls in _PLEDGE_CUES:  # "The donation from Norway of two NASAMS arrived", "Germany's delivery"
            return _Actor(gift, "explicit", "the source of the aid noun ('the gift from Norway', \"Germany's aid\")")
        sourced = self._item_sources(cl, cue) if cue.cls in _PLEDGE_CUES else []
        if sourced:  # "The first NASAMS from Norway has arrived", "Dwa systemy Patriot z Niemiec są w drodze"
            return _Actor(sourced, "explicit", "the source named just after the item before the cue ('NASAMS from "
                                               "Norway')")
        # (up to the clause's next verb: "poskytne 27 států, do země už dorazila první zásilka munice z Polska")
        nxt = min((c.start for c in cl.cues if c.cls in _PLEDGE_CUES and c.start >= cue.end), default=cl.end)
        gift = self._gift_sources(cl, nxt, after=cue.end) if cue.cls in _PLEDGE_CUES else []
        if gift:  # the subject after its verb: "Do země už dorazila první zásilka munice z Polska", "Est arrivée ..."
            return _Actor(gift, "explicit", "the source of the aid noun after the verb ('arrived a shipment from "
                                            "Poland')")
        arrived = self._arrival_sources(cl, cue)
        if arrived:  # "Kolejne czołgi trafiły na Ukrainę z Niemiec", "From Germany, the tanks arrived in Ukraine"
            return _Actor(arrived, "explicit", "the source ('from') of what an arrival verb says arrived")
        elided = self._elided_subject(cl, cue) or self._previous_subject(cl, cue)
        if elided is not None:
            return elided
        reporter = self._reporting_government(cl, cue)
        if reporter is not None:
            return reporter
        gov = any(c.cls == "government" and c.start < cue.start for c in cl.cues)
        if gov and (self.dateline or self.title_party or self.topic):
            # "The government is also considering ...": the dateline's country, else the one party the title names,
            # else the party the text is about just now
            return _Actor(list(self.dateline or self.title_party or self.topic or []), "government",
                          "a government word, for the dateline's country or the text's subject")
        if allow_topic and self.topic and not self._generic_subject(cl, cue):
            return _Actor(list(self.topic), "topic", "the party the text is about (no subject in the clause)")
        return None

    def _demonym_owner(self, cl: _Clause, it: _Item) -> _Actor | None:
        """The country a demonym just before an item names ("de 19 danske Caesar", "les canons Caesar français" after
        it), for an item whose clause names no subject: the owner gives it. Not a maker ("German-made")."""
        for m in cl.parties:
            if m.how != "demonym" or not m.is_party or m.code in self.excluded:
                continue
            if m.end <= it.start:
                gap = self.folded[m.end:it.start]
            elif m.start >= it.end:
                gap = self.folded[it.end:m.start]
            else:
                continue
            if _words(gap) or re.search(r"[,;:()]", gap) or re.match(r"[\s-]*(?:made|built|produced)\b",
                                                                    self.folded[m.end:m.end + 12]):
                continue
            return _Actor([m.code], "explicit", "a demonym on the item: its owner gives it")
        return None

    def _agents_such_as(self, cl: _Clause, m: Mention, after: list[Mention]) -> list[str]:
        """The parties named "such as" after an agent word and its noun ("un trasferimento ... da parte di paesi
        europei, come Germania e Grecia", "deliveries by allies such as Norway and Denmark"), with those joined to
        ``m``; none where another party or a verb stands between the agent word and ``m``."""
        words = self._prev_words(m.start, cl.start, 6)
        while words and self.rules.is_word("joiner", words[-1]):
            words.pop()
        marker = next((k for k in (2, 1) if len(words) > k and self.rules.is_word(
            "apposition", " ".join(words[-k:]))), 0)  # "such as", "come"
        words = words[:len(words) - marker]
        at = next((i for i in range(len(words) - 1, -1, -1) if self.rules.is_word("agent", words[i])), None)
        if not marker or at is None or len(words) - at > 5:
            return []
        lo = self.folded.rfind(words[at], cl.start, m.start)
        if any(lo <= p.start < m.start for p in cl.parties) or any(
                lo <= c.start < m.start and c.cls in _ITEM_CUES for c in cl.cues):
            return []
        codes = [m.code]
        i = after.index(m)
        for a, b in pairwise(after[i:]):
            if not self._joined(a, b):
                break
            codes.append(b.code)
        return list(dict.fromkeys(codes))

    def _reporting_government(self, cl: _Clause, cue: Cue) -> _Actor | None:
        """The government that reports a pledge whose clause names no donor, in a reporting clause set off after it
        ("18 Caesar howitzers will be sent to Ukraine, the Dutch defence ministry said", "..., a indiqué le ministère
        néerlandais de la Défense", "..., informó el Ministerio de Defensa español"): a party named within four
        words of a government word, after a comma or dash that follows the cue, no other pledge verb between."""
        rest = [c for c in self.sentence_clauses.get(cl.sentence, [cl]) if c.end > cue.end]
        cut = re.compile(r",|\s[–—-]\s").search(self.text, cue.end, cl.s_end)
        if cut is None:
            return None
        cues = [c for x in rest for c in x.cues if c.start >= cut.end() and not self._reporting_after(x, c)]
        if any(c.cls in _ITEM_CUES for c in cues if c.start < cl.s_end):
            return None
        govs = [c for c in cues if c.cls == "government"]
        # a government word as the pledge's subject: an office holder reporting it speaks for that government
        # ("Hallitus hyväksyi ... paketin, kertoi Häkkänen", "The government approved ..., said Pistorius")
        governed = any(c.cls == "government" and cl.start <= c.start < cue.start for c in cl.cues)
        for m in (m for x in rest for m in x.parties if m.start >= cut.end()):
            if not m.is_party or m.code in self.excluded:
                return None  # "..., Ukrainian President Volodymyr Zelensky said": the recipient reports it
            if (governed and m.how == "official") or any(
                    len(_words(self.folded[min(g.end, m.end):max(g.start, m.start)])) <= 4 for g in govs):
                return _Actor([m.code], "explicit", "the government named in the reporting clause after the pledge "
                                                    "('..., the Dutch defence ministry said', '..., said Pistorius')")
        return None

    def _reporting_after(self, cl: _Clause, cue: Cue) -> bool:
        """Whether a pledge cue is the verb of a reporting clause set off after the pledge it reports ("Un système
        SAMP/T a été livré en Ukraine, a annoncé le président", "..., the French defence ministry announced", "...,
        bestätigte das Ministerium", "..., confirmó el Ministerio de Defensa"): a comma or dash at most six words
        before it with no conjunction, item or aid noun between, a pledge cue of the same sentence before that
        comma, and nothing given after it to the sentence's end (no item, aid noun, count or other pledge cue, no
        "that")."""
        if cue.cls not in _PLEDGE_CUES:
            return False
        cuts = list(_REPORT_CUT.finditer(self.text, cl.s_start, cue.start))
        if not cuts:
            return False
        cut = cuts[-1]
        between = self.folded[cut.end():cue.start]
        words = _words(between)
        if len(words) > 6 or re.search(r"[;:()\"“”«»„\d]", between) or any(_CONJUNCTION.fullmatch(w) for w in words):
            return False
        if any(not n.year for n in self._numbers_in(cut.end(), cue.start)):
            return False  # "..., fünf weitere sollen bis Ende Februar folgen": a count is what is given
        clauses = self.sentence_clauses.get(cl.sentence, [cl])
        if any(cut.end() <= it.start for x in clauses for it in x.items):
            return False
        cues = [c for x in clauses for c in x.cues]
        # the pledge it reports: a cue before the comma, not in a relative clause ("Czołgi Leopard 2, które obiecała
        # Polska, dotarły już na Ukrainę": "dotarły" is the main verb)
        if not any(c.cls in _PLEDGE_CUES and c.end <= cut.start() and not self._in_relative(cl, c, cuts) for c in cues):
            return False
        # who reports it: a party other than the recipient, or a government word, after the comma
        if not (any(c.cls == "government" and c.start >= cut.end() for c in cues) or any(
                m.start >= cut.end() and m.is_party and m.code not in self.excluded
                for x in clauses for m in x.parties)):
            return False
        if any(c is not cue and c.start >= cut.end() and (c.cls in _PLEDGE_CUES or c.cls in (
                "aid", "equipment", "demand", "refusal", "hedge")) for c in cues):
            return False
        after = _words(self.folded[cue.end:cl.s_end])
        if after and self.rules.is_word("complementizer", after[0]):
            return False
        # "..., will now send four more", "..., promised a further two": a count after it is what it gives (a date,
        # "lundi 19 juin", is not: a word other than a filler follows its number)
        for n in self._numbers_in(cue.end, cl.s_end):
            if n.year or len(_words(self.folded[cue.end:n.start])) > 3:
                continue
            nxt = _words(self.folded[n.end:cl.s_end])[:1]
            if not nxt or self.rules.is_word("filler", nxt[0]):
                return False
        return not any(c.cls == "one" and c.start >= cue.end and len(_words(self.folded[cue.end:c.start])) <= 3
                       for c in cues)

    def _in_relative(self, cl: _Clause, c: Cue, cuts: list[re.Match[str]]) -> bool:
        """Whether ``c`` is in a relative clause set off by a comma (", which ...", ", które ...")."""
        before = [m for m in cuts if m.end() <= c.start]
        if not before:
            return False
        first = _words(self.folded[before[-1].end():c.start])[:1]
        return bool(first) and self.rules.is_word("relative", first[0])

    def _antecedent(self, cl: _Clause) -> list[Cue]:
        """The aid or equipment a relative clause hangs on ("launchers, which Sweden agreed to give"): the clause
        starts with a relative word after a comma, and the noun ends just before the comma."""
        words = _words(self.folded[cl.start:cl.end])[:1]
        comma = self.folded.rfind(",", cl.s_start, cl.start + 1)
        if cl.start == cl.s_start or not words or not self.rules.is_word("relative", words[0]) or comma < 0 \
                or _words(self.folded[comma:cl.start]):
            return []
        return [c for clause in self.sentence_clauses.get(cl.sentence, []) for c in clause.cues
                if c.cls in ("aid", "equipment") and c.end <= comma and len(_words(self.folded[c.end:comma])) == 0]

    def _relative_start(self, cl: _Clause, cue: Cue) -> int | None:
        """Where the relative clause that holds ``cue`` starts (", which", ", які"), where it hangs on a thing, not
        on a party (", Germany, which ..." is the party's own clause)."""
        comma = self.folded.rfind(",", cl.start, cue.start)
        if comma < 0:
            return None
        words = _words(self.folded[comma:cue.start])
        if not words or not self.rules.is_word("relative", words[0]):
            return None
        before = self.folded[cl.start:comma].rstrip(" \"'")
        if any(m.end == cl.start + len(before) for m in cl.parties):
            return None
        # where every noun is capitalised (the rules' `nouns_capitalised`), "die" after a lower-case word is an
        # article: "Italien betont, die Waffen dürften nicht ..." is reported speech, not a relative clause
        last = re.findall(r"\w+", self.text[max(cl.start, comma - 40):comma])[-1:]
        if self.rules.nouns_capitalised and last and last[0][:1].islower():
            return None
        return comma

    def _subject_after(self, cl: _Clause, cue: Cue) -> _Actor | None:
        """The subject after the verb ("Zudem lieferte Kanada ...", "передала Україні Латвія"): the first party just
        after the cue (after its first word: German cues run over their subject) that no preposition makes an
        addressee, with the parties joined to it."""
        first_end = cue.start + len(cue.text.split(" ")[0])
        if not self.rules.verb_second and self.rules.governed is not None and self.rules.governed.fullmatch(cue.text):
            first_end = cue.end  # "Ukraine wants Germany to send": a party between the head and its verb is no giver
        after = [m for m in cl.parties if m.start >= first_end and m.is_party and m.code not in self.excluded]
        for m in after[:1]:
            lo = first_end if m.start < cue.end else cue.end
            gap = _words(self.folded[lo:m.start])
            # the recipient named between them, in one phrase, is no preposition ("передати Україні Швеція")
            named = [] if re.search(r"[,;:]", self.folded[lo:m.start]) else _words(" ".join(
                self.folded[p.start:p.end] for p in cl.parties if lo <= p.start and p.end <= m.start))
            prev = [w for w in gap[-2:] if not self.rules.is_word("joiner", w) and w not in named]
            if named and prev and gap[-1] in named and self.rules.is_word("addressee", prev[-1]):
                prev = prev[:-1]  # "изпрати на Украйна България": the recipient's own preposition
            if m.start >= cue.end and "," in self.folded[cue.end:m.start] and self.rules.verb_second:
                # "Als die EU ... zur Verfügung stellte, enthielt sich Österreich": a verb-final clause ends at the
                # comma; the party after it is the next clause's subject
                break
            if (len(gap) <= 3 or self._postposed_subject(cl, lo, after)) and not (
                    prev and self.rules.is_word("addressee", prev[-1])) and not self._comitative(m, cl.start):
                codes = [m.code]  # and the parties joined to it ("se encuentra Hungría, Austria e Irlanda")
                for a, b in pairwise(after):
                    if not self._joined(a, b):
                        break
                    codes.append(b.code)
                return _Actor(list(dict.fromkeys(codes)), "explicit", "the subject just after the verb")
        return None

    def _postposed_subject(self, cl: _Clause, lo: int, after: list[Mention]) -> bool:
        """Whether the parties after a verb, further from it than three words, are its subject put last ("Fegyverek
        küldését jelentette be a napokban a korábban semleges Svédország, Finnország és Németország is"): up to six
        words (time, adjectives) between them with no punctuation, and the list of parties ends the clause (one
        word such as "is", "too" may follow)."""
        first = after[0]
        gap = _words(self.folded[lo:first.start])
        # the words of an item count as one ("due batterie Samp-T la Francia")
        gap_len = len(gap) - sum(max(0, len(_words(self.folded[it.start:it.end])) - 1) for it in cl.items
                                 if lo <= it.start and it.end <= first.start)
        if gap_len > 6 or re.search(r"[,;:()\"]", self.folded[lo:first.start]) or any(
                self.rules.is_word(kind, w) for w in [*gap, *map(" ".join, pairwise(gap))]
                for kind in ("agent", "source", "genitive", "apposition", "reporter")):
            return False  # "delivered to countries such as Poland": the party belongs to a phrase of its own
        last = first
        for a, b in pairwise(after):
            if not self._joined(a, b):
                break
            last = b
        return len(_words(self.folded[last.end:cl.end])) <= 1

    def _elided_subject(self, cl: _Clause, cue: Cue) -> _Actor | None:
        """The subject a coordinated clause leaves out ("Portugal está a apoiar a Ucrânia, mas admite que está a
        analisar o envio de mais armas", "Schweden hat Archer geliefert, prüft aber ..."): a clause after a clause
        break of the same sentence, with no party before its cue, has the subject of the clause before it."""
        if cl.start == cl.s_start or any(m.end <= cue.start for m in cl.parties):
            return None
        first = _words(self.folded[cl.start:cl.start + 40])[:1]
        if first and self.rules.is_word("relative", first[0]):
            return None  # ", which ...": a relative clause hangs on a noun of its own
        prev = [c for c in self.sentence_clauses.get(cl.sentence, []) if c.end <= cl.start]
        if not prev:
            return None
        p = prev[-1]
        verb = next((c for c in p.cues if c.cls in _ITEM_CUES or c.cls in STANCE_CLASSES), None)
        group = self._group_before(p, verb.start if verb is not None else p.end)
        if not group:
            return None
        return _Actor(group, "explicit", "the subject of the sentence's clause before (left out in this one)")

    def _previous_subject(self, cl: _Clause, cue: Cue) -> _Actor | None:
        """The subject of the sentence before, for a pledge verb in a sentence that names no party of its own: a
        pronoun ("It will also send ammunition") or a subject left out ("Przekaże także amunicję", "Enviará también
        munición") stands for the donor of the pledge just announced. Not where a thing is the subject ("The
        missiles ... will be delivered": what the sentence before announced)."""
        ctx = self.context
        if ctx is None or ctx.sentence != cl.sentence - 1 or ctx.actor.how != "explicit" or cl.start != cl.s_start \
                or cue.cls not in _PLEDGE_CUES or any(m.is_party and m.code not in self.excluded for m in cl.parties) \
                or self._thing_subject(cl, cue) or self._generic_subject(cl, cue) \
                or any(c.cls == "government" and c.start < cue.start for c in cl.cues):
            return None  # "The government is also considering ...": a government word is no pronoun (see _actor)
        return _Actor(list(ctx.actor.codes), "explicit", "the subject of the sentence before (this one names none)")

    def _thing_subject(self, cl: _Clause, cue: Cue) -> bool:
        """Whether aid, equipment or an item is named before ``cue`` in its clause: a thing is the verb's subject. Not
        for a verb in the first person ("600 millió forint értékben küldünk ...": "we send"), whose subject is the
        speaker."""
        if self.rules.is_word("speaker_verbs", cue.text):
            return False
        return any(c.cls in ("aid", "equipment", "package", "component") and cl.start <= c.start < cue.start
                   for c in cl.cues) or any(cl.start <= it.start < cue.start for it in cl.items)

    def _main_donor(self, cl: _Clause, cue: Cue) -> _Actor | None:
        """The one party a text is about, for a pledge verb in a sentence that names no party at all ("Regeringen
        besluttede ... at donere", "zapadła decyzja o przekazaniu", "Tegime valitsusega otsuse ... saata"): the text's
        donor, where it has one. Not where a thing is the subject ("Denne donasjonen vil bidra ...", "Un radar sera
        livré": what was announced before)."""
        if cue.cls not in _PLEDGE_CUES or self.topic is None or len(self.topic) != 1 or any(
                m.is_party and m.code not in self.excluded for m in self._sentence_parties(cl)) or self._thing_subject(
                cl, cue) or self._generic_subject(cl, cue):
            return None
        return _Actor(list(self.topic), "main", "the party the text is about (the sentence names none)")

    def _generic_subject(self, cl: _Clause, cue: Cue) -> bool:
        """Whether a plural noun for unnamed countries stands before the cue in its clause ("Veel landen steunen
        Oekraïne met geld en wapens", "Many countries have sent weapons"): the subject is named, and it is not the
        party the text is about."""
        return "generic" in self.rules.words and any(
            self.rules.is_word("generic", m.group()) and not any(p.start <= m.start() < p.end for p in cl.parties)
            for m in _TOKEN.finditer(self.folded, cl.start, cue.start))  # not "the United States"

    def _arriving(self, cl: _Clause, cue: Cue) -> _Actor | None:
        """"In den nächsten Wochen sollen zudem 15 geschützte Transportfahrzeuge in der Ukraine eintreffen": counted
        equipment the catalog lacks, or an amount ("100 millions d'euros de dons de matériels déjà effectués"), the
        subject of a pledge verb in a sentence that names no party, a few sentences after a pledge was announced, is
        more of that donor's aid."""
        ctx = self.context
        if ctx is None or cue.cls not in ("committed", "delivered", "completed") or not (
                0 < cl.sentence - ctx.sentence <= _PACKAGE_REACH) or any(
                m.is_party and m.code not in self.excluded for m in self._sentence_parties(cl)) or any(
                cl.start <= it.start < cue.start for it in cl.items) or not (any(
                c.cls == "equipment" and cl.start <= c.start < cue.start and self._noun_count(
                    Cue(cl.start, cl.start, "", ""), c) is not None for c in cl.cues) or any(
                n.money and not any(c.cls == "equipment" and cl.start <= c.start < n.start for c in cl.cues)
                for n in self._numbers_in(cl.start, cue.start))):
            return None  # "The missiles, worth £162 million, will be delivered": what was announced arrives
        return _Actor(list(ctx.actor.codes), "main", "the donor of the pledge announced before, whose equipment the "
                                                     "sentence says will come")

    def _arrival_sources(self, cl: _Clause, cue: Cue) -> list[str]:
        """The parties a clause says a thing came from, for a verb of arriving ([grammar] ``arrival``: "arrived",
        "dotarły", "atvyko") with no subject of its own: where it arrived from, before or after the verb and the place
        it reached ("trafiły na Ukrainę z Niemiec", "Iš Vokietijos į Ukrainą atvyko"), gave it. Not where another
        party is named in the clause (its subject, or a buyer)."""
        if cue.cls not in ("delivered", "committed") or not any(
                self.rules.is_word("arrival", w) for w in cue.text.split(" ")):
            return []
        sources = self._sources(cl)
        if not sources or any(m.is_party and m.code not in self.excluded and m.code not in sources
                              for m in cl.parties):
            return []
        return sources

    def _gift_sources(self, cl: _Clause, before: int, after: int = -1) -> list[str]:
        """The parties an aid noun before ``before`` says it comes from: "the gift from Norway and the US", "die
        Lieferung aus Deutschland", "Germany's delivery" (a noun's source, not a verb's subject). With ``after``,
        only nouns after it count, equipment nouns too ("dotarła pierwsza dostawa amunicji z Polski")."""
        kinds = ("aid", "package") if after < 0 else ("aid", "package", "equipment")
        nouns = [c for c in cl.cues if c.cls in kinds and after <= c.start and c.end <= before]
        if not nouns:
            return []

        def source(m: Mention) -> bool:
            prev = [w for w in self._prev_words(m.start, cl.start, 2) if not self.rules.is_word("joiner", w)]
            # "the delivery of two Patriot systems from Germany": the source a few words after the noun
            sourced = self._source_word(prev) and any(
                c.end <= m.start and len(_words(self.folded[c.end:m.start])) <= 6
                and not re.search(r"[,;:()]", self.folded[c.end:m.start])
                and not any(c.end <= v.start < m.start for v in cl.cues if v.cls in _PLEDGE_CUES) for c in nouns)
            # "Germany's delivery"
            owned = self.folded.startswith("'s ", m.end) and any(
                c.start >= m.end and len(_words(self.folded[m.end + 2:c.start])) <= 1 for c in nouns)
            return sourced or owned

        return self._sources_joined(cl, before, source)

    def _item_sources(self, cl: _Clause, cue: Cue) -> list[str]:
        """The parties an item named before ``cue`` says it comes from: a source word ("from", "aus", "z") at most
        three words after the item, in one phrase with it, and the parties joined to that one."""

        def source(m: Mention) -> bool:
            prev = [w for w in self._prev_words(m.start, cl.start, 2) if not self.rules.is_word("joiner", w)]
            return self._source_word(prev) and any(
                it.end <= m.start and len(_words(self.folded[it.end:m.start])) <= 3
                and not re.search(r"[,;:()]", self.folded[it.end:m.start]) for it in cl.items)

        return self._sources_joined(cl, cue.start, source, once=True)

    def _sources_joined(self, cl: _Clause, before: int, source: Callable[[Mention], bool],
                        once: bool = False) -> list[str]:
        """The clause's parties before ``before`` that ``source`` accepts, each with the parties joined to it ("from
        Germany and Norway"); ``once``: only the first such run."""
        codes: list[str] = []
        last: Mention | None = None
        for m in cl.parties:
            if m.start >= before:
                break
            usable = m.is_party and m.code not in self.excluded
            if last is not None and usable and self._joined(last, m):
                codes.append(m.code)
                last = m
                continue
            last = None
            if usable and not (once and codes) and source(m) and not self._bought(cl, m.start):
                codes.append(m.code)
                last = m
        return list(dict.fromkeys(codes))

    def _comitative(self, m: Mention, floor: int, after_verb: bool = False) -> bool:
        """Whether ``m`` is named "together with" ("gemeinsam mit", "sammen med", "разом з", "i samarbeid med",
        "en coopération avec les"): a joiner of two or three words just before it, an article between them allowed
        (``after_verb``: a joiner of two words, as a co-donor named after the verb must have: "gemeinsam mit den")."""
        return self._comitative_words(self._prev_words(m.start, floor, 4), (2,) if after_verb else (2, 3))

    def _comitative_words(self, prev: list[str], lengths: tuple[int, ...] = (2, 3)) -> bool:
        """Whether ``prev`` (the words before a party) ends with a joiner of ``lengths`` words ("together with",
        "in cooperation with the")."""
        key = (*prev[-4:], lengths)
        cache = self.__dict__.setdefault("_comitatives", {})  # asked again for each party of a clause
        got = cache.get(key)
        if got is None:
            got = cache[key] = any(
                any(len(words) >= k and self.rules.is_word("joiner", " ".join(words[-k:])) for k in lengths)
                for words in (prev, prev[:-1] if prev and self.rules.is_word("joiner", prev[-1]) else []))
        return got

    def _listed_after_colon(self, cl: _Clause, cue: Cue) -> list[str]:
        """The joined parties right after a colon that follows ``cue`` with no party between them."""
        colon = self.folded.find(":", cue.end, cl.end)
        if colon < 0 or any(cue.end <= m.start < colon for m in cl.parties) or colon - cue.end > 120:
            return []
        codes: list[str] = []
        last: Mention | None = None
        for m in cl.parties:
            if m.start < colon:
                continue
            if last is None:
                if _words(self.folded[colon:m.start]) or not m.is_party:
                    return []
            elif not self._joined(last, m):
                break
            if m.is_party and m.code not in self.excluded:
                codes.append(m.code)
            last = m
        return list(dict.fromkeys(codes)) if len(codes) >= 2 else []

    def _decision_owner(self, cl: _Clause, cue: Cue) -> _Actor | None:
        """The owner of a decision named between it and its giving verb ("la décision de Berlin d'envoyer", "the
        decision by Romania to donate", "decyzję Berlina o przekazaniu"), whoever acts in the clause ("Kyiv
        welcomed ..."); a party there with no genitive or agent word is the head's object instead ("wants Germany
        to send")."""
        if self.rules.governed is None or not self.rules.governed.fullmatch(cue.text):
            return None
        for m in cl.parties:
            if not cue.start < m.start < cue.end or not m.is_party or m.code in self.excluded:
                continue
            prev = [w for w in self._prev_words(m.start, cue.start, 3) if not self.rules.is_word("joiner", w)][-1:]
            if prev and (self.rules.is_word("genitive", prev[0]) or self.rules.is_word("agent", prev[0])):
                return _Actor([m.code], "explicit", "the owner of the decision the cue names ('the decision of Berlin "
                                                    "to send')")
        return None

    def _asker(self, cl: _Clause, cue: Cue) -> list[str]:
        """Who asks leave to give ("Germany asked Switzerland for permission to send", "Polonia pidió a Alemania la
        autorización para enviar", "Danmark har bedt Schweiz om tilladelse til at sende"): the clause's first party
        before the cue that no preposition makes an addressee, with the parties joined to it; not the one asked,
        named after it."""
        first: list[Mention] = []
        for m in (m for m in cl.parties if m.end <= cue.start):
            if first:
                if self._joined(first[-1], m) and m.is_party and m.code not in self.excluded:
                    first.append(m)
                    continue
                break
            if self._role(self._prev_words(m.start, cl.start, 2)) is None and m.is_party \
                    and m.code not in self.excluded:
                first.append(m)
        return list(dict.fromkeys(m.code for m in first))

    def _participle(self, cl: _Clause, it: _Item, verbs: list[Cue]) -> Cue | None:
        """A participle that follows the item with its own agent ("the 18 Caesar howitzers already delivered by
        Paris", "les 18 canons déjà livrés par Paris"): a reduced relative clause that says who gave the item and how
        far, whatever the clause's main verb ("Ukraine will receive ...")."""
        for c in verbs:
            if c.start < it.end or c.cls not in _PLEDGE_CUES:
                continue
            gap = self.folded[it.end:c.start]
            if len(_words(gap)) <= 2 and not re.search(r"[,;:()]", gap) and self._agents_after(cl, c):
                return c
            break
        return None

    def _agent_before(self, cl: _Clause, cue: Cue) -> list[str]:
        """The party after an agent word just before a participle cue, at most two words before it ("die 18 von
        Paris bereits gelieferten Caesar-Haubitzen", "door Nederland geleverde"), and those joined to it."""
        before = [m for m in cl.parties if m.end <= cue.start]
        if not before:
            return []
        m = before[-1]
        gap = self.folded[m.end:cue.start]
        if len(_words(gap)) > 1 or re.search(r"[,;:()]", gap) or not m.is_party or m.code in self.excluded:
            return []
        chain = [m]
        for a in reversed(before[:-1]):
            if not self._joined(a, chain[0]):
                break
            chain.insert(0, a)
        prev = [w for w in self._prev_words(chain[0].start, cl.start, 2) if not self.rules.is_word("joiner", w)]
        if not prev or not self.rules.is_word("agent", prev[-1]) or any(
                not p.is_party or p.code in self.excluded for p in chain):
            return []
        return list(dict.fromkeys(p.code for p in chain))

    def _agent_list(self, m: Mention, after: list[Mention]) -> list[str]:
        """The agent ``m`` and the parties listed right after it, joined by commas, joiners or the agent word
        repeated ("by Italy, Slovenia and France", "dall'Italia, dalla Slovenia e dalla Francia")."""
        codes = [m.code]
        last = m
        for n in after:
            if n.start <= last.start:
                continue
            gap = self.folded[last.end:n.start]
            words = _words(gap)
            if (re.search(r"[.;:!?()]", gap) or re.search(r"\s[—–-]\s", self.text[last.end:n.start])
                    or len(words) > 3 or (not words and "," not in gap)
                    or not all(self.rules.is_word("joiner", w) or self.rules.is_word("agent", w) for w in words)):
                break
            if n.code not in codes:
                codes.append(n.code)
            last = n
        return codes

    def _agents_after(self, cl: _Clause, cue: Cue) -> list[str]:
        """The parties right after a passive cue's agent word ("promised by Denmark and Norway")."""
        words = _words(self.folded[cue.end:min(cl.end, cue.end + 12)])
        if not words or not self.rules.is_word("agent", words[0]):
            return []
        codes: list[str] = []
        last: Mention | None = None
        for m in cl.parties:
            if m.start < cue.end:
                continue
            if last is None:
                if len(_words(self.folded[cue.end:m.start])) > 2 or not m.is_party or m.code in self.excluded:
                    return []
            elif not self._joined(last, m) or not m.is_party or m.code in self.excluded:
                break
            codes.append(m.code)
            last = m
        return list(dict.fromkeys(codes))

    def _elliptic(self, cl: _Clause, cue: Cue, lo: int, hi: int, actor: _Actor, status: str,
                  reannounced: bool) -> bool:
        """"... delivered four IRIS-T SLM systems, and will provide a further two": a count after the cue with no
        item of its own (or just before it: "..., and the 19 promised by Copenhagen") counts the item named last
        before it in the sentence."""
        if any(n.money for n in self._numbers_in(cue.end, hi)):
            return False  # "would contribute another 10 million euros": an amount, not a count of an item
        count: Number | Cue | None = next(
            (n for n in self._numbers_in(cue.end, hi) if not (n.money or n.year or n.percent)
             and len(_words(self.folded[cue.end:n.start])) <= 3 and not self._model_number(cl, n)), None)
        if count is None and " " in cue.text:
            # a verb-final cue runs over the count ("und wird zwei weitere schicken"): the count inside it, with no
            # noun between it and the verb; not "ein" ("will ... ein weiteres liefern"), as often the article
            first_end = cue.start + len(cue.text.split(" ")[0])
            count = next((n for n in self._numbers_in(first_end, cue.end) if not (
                n.money or n.year or n.percent) and n.value != 1 and len(_words(self.folded[n.end:cue.end])) <= 2
                and not any(c.cls in ("aid", "equipment") and n.end <= c.start < cue.end for c in cl.cues)), None)
        if count is None:  # "étudie l'envoi d'une seconde", "will send another"
            count = next((c for c in cl.cues if c.cls == "one" and cue.end <= c.start < hi
                          and len(_words(self.folded[cue.end:c.start])) <= 3), None)
        if count is None:  # "and the 19 promised by Copenhagen"
            count = next((n for n in reversed(self._numbers_in(lo, cue.start)) if not (n.money or n.year or n.percent)
                          and (len(_words(self.folded[n.end:cue.start])) <= 2 or (
                              len(_words(self.folded[n.end:cue.start])) == 3 and any(
                                  c.cls == "future" and n.end <= c.start < cue.start for c in cl.cues)))
                          and not re.search(r"[,;:()]", self.folded[n.end:cue.start])), None)
        if count is None:
            return False
        before = [it for c in self.sentence_clauses.get(cl.sentence, [cl]) for it in c.items if it.end <= cue.start]
        if not before:  # "... quatre batteries Patriot. La Roumanie étudie l'envoi d'une seconde."
            before = [it for c in self.sentence_clauses.get(cl.sentence - 1, []) for it in c.items]
        # "will provide two aircraft" names what it counts: not an ellipsis
        # "14 of its Challenger 2 main battle tanks": a partitive names what it counts too
        after = _words(self.folded[count.end:hi])[:1]
        reach = 8 if after and self.rules.is_word("genitive", after[0]) else 4
        counted = any(c.cls in ("aid", "equipment") and count.end <= c.start < hi
                      and len(_words(self.folded[count.end:c.start])) <= reach for c in cl.cues)
        if counted or (isinstance(count, Number) and count.start >= cue.end and self._names_own(count.end, hi)):
            return False
        quantity = count.value if isinstance(count, Number) and not count.ordinal else 1.0
        # "consegna di 78 caldaie industriali, mentre ulteriori 300 unità saranno inviate": the count is of the
        # equipment named last before it, which the catalog lacks: an item-less pledge with that count
        mine = self.sentence_clauses.get(cl.sentence, [cl])
        last = max((c for x in mine for c in x.cues if c.cls == "equipment" and c.end <= cue.start
                    and (not before or c.start > before[-1].end)
                    and not any(self._touches(it.start, it.end, c) for x2 in mine for it in x2.items)),
                   key=lambda c: c.start, default=None)
        if last is not None and isinstance(count, Number) and not count.ordinal and count.value > 1:
            if len(actor.codes) != 1:
                return False
            self._pledges(cl, actor, None, status, reannounced, quantity=quantity, doubt=0.1, specific=True,
                          explain=_explained(cue, actor, "a count with no noun of its own: the equipment named just "
                                                         "before, which the catalog lacks"))
            return True
        if not before:
            return False
        self._pledges(cl, actor, before[-1].id, status, reannounced, quantity=quantity, doubt=0.1,
                      background=isinstance(count, Number) and self._besides(cl, count.start),
                      explain=_explained(cue, actor, "a count with no item of its own: the item named just before"))
        return True

    def _names_own(self, a: int, b: int) -> bool:
        """Whether a count ending at ``a`` names a thing of its own after it, which neither the catalog nor the aid
        words know ("plant die Lieferung von etwa 50 NM199-Kettenfahrzeugen"): past the filler words, a model's
        designation (a word with a digit, or in capitals); not a word of the sentence ("a further two to Ukraine")."""
        for m in _TOKEN.finditer(self.folded, a, min(b, a + 60)):
            w = m.group()
            if self.rules.is_word("filler", w):
                continue
            if re.search(r"[;:,.()]", self.folded[a:m.start()]):
                return False
            word = self.text[m.start():m.end()]
            return any(ch.isdigit() for ch in word) or (len(word) > 1 and word.isupper())
        return False

    def _model_number(self, cl: _Clause, n: Number) -> bool:
        """Whether ``n`` is part of a model's name ("RBS 70", "Challenger 2"): right after a capitalised word that
        is not a party ("will give Ukraine 40 ..." is a count)."""
        return not any(m.end + 1 == n.start for m in cl.parties) and bool(
            re.search(r"[A-Z]\w* $", self.text[max(cl.start, n.start - 24):n.start]))

    def _pledges(self, cl: _Clause, actor: _Actor, item: str | None, status: str, reannounced: bool,
                 doubt: float = 0.0, **fields: Any) -> list[Pledge]:
        """One pledge per donor of ``actor``, with the clause's sentence as evidence."""
        # items listed apart from the donors ("A, B and C will send air defence; the systems include X, Y and Z")
        joint = (actor.origin, *actor.codes) if len(actor.codes) > 1 and actor.how == "inherited" else ()
        made = [Pledge(donor=code, item=item, status=status, evidence=self.text[cl.s_start:cl.s_end],
                       start=cl.s_start, end=cl.s_end, confidence=_confidence(actor.how, item is not None) - doubt,
                       recipient=self.ex.recipient, reannouncement=reannounced, joint=joint, **fields)
                for code in actor.codes]
        self.records.extend(made)
        return made

    def _sources(self, cl: _Clause) -> list[str]:
        """The parties a clause says something came from ("von Dänemark und den Niederlanden", "від Німеччини")."""
        codes: list[str] = []
        last: Mention | None = None
        for m in cl.parties:
            prev = [w for w in self._prev_words(m.start, cl.start, 2) if not self.rules.is_word("joiner", w)]
            listed = last is not None and self._joined(last, m)
            # "from Germany", or a case ending that says "from" ("Saksalta", "Németországtól")
            ending = self.rules.is_word("source_ending", self.folded[m.start:m.end])
            if m.is_party and m.code not in self.excluded and (
                    self._source_word(prev) or listed or ending) and not self._bought(cl, m.start):
                codes.append(m.code)
                last = m
            else:
                last = None
        return list(dict.fromkeys(codes))

    def _nominal(self, cue: Cue) -> bool:
        """Whether a one-word verb cue is an infinitive used as a noun: an article before it, a link word after it
        ("Voor het leveren van spullen zijn er geen taboes", "beim Liefern von Waffen"): it names the giving, no party
        commits to it."""
        if "nominal" not in self.rules.words or " " in cue.text.strip():
            return False
        prev = self._prev_words(cue.start, max(0, cue.start - 20), 1)
        nxt = _TOKEN.match(self.folded, cue.end + 1) if self.folded[cue.end:cue.end + 1] == " " else None
        return bool(prev) and self.rules.is_word("nominal", prev[-1]) and nxt is not None and self.rules.is_word(
            "link", nxt.group())

    def _serviced(self, a: int, b: int, live: list[Cue]) -> bool:
        """Whether a word of a service for equipment (repair, maintenance, training, a service centre) stands between
        a cue at ``a`` and the equipment at ``b``, with no other pledge verb between: the cue governs the service, no
        gift ("Polska jest gotowa do utworzenia centrum serwisowego ... czołgów Leopard", "offered to repair Leopard
        tanks")."""
        return "service" in self.rules.words and not any(
            a <= v.start < b for v in live if v.cls in _PLEDGE_CUES) and any(
            self.rules.is_word("service", m.group()) for m in _TOKEN.finditer(self.folded, a, b))

    def _service_named(self, it: _Item) -> bool:
        """Whether the item's name only says what a service is for: a service word right after it, joined by a hyphen
        or a space ("Die Soldaten sind bereits zur Patriot-Ausbildung in Oklahoma eingetroffen", "arrived for Patriot
        training"): the soldiers or the course arrive, not the equipment."""
        if "service" not in self.rules.words or self.folded[it.end:it.end + 1] not in ("-", " "):
            return False
        nxt = _TOKEN.match(self.folded, it.end + 1)
        return nxt is not None and self.rules.is_word("service", nxt.group())

    def _bought(self, cl: _Clause, pos: int) -> bool:
        """Whether the clause names a purchase, lease or order before ``pos``: the party it comes from is a seller or
        lessor, no donor ("die Nederland huurt van Duitsland", "Poland bought 250 Abrams tanks from the US")."""
        return "purchase" in self.rules.words and any(
            self.rules.is_word("purchase", m.group()) for m in _TOKEN.finditer(self.folded, cl.start, pos))

    def _source_word(self, prev: list[str]) -> bool:
        """Whether the words before a party end in a source word: one word ("from", "von") or two ("de la": a bare
        Romanian "la" is "at", "la București" names a place, no source)."""
        return bool(prev) and (self.rules.is_word("source", prev[-1])
                               or self.rules.is_word("source", " ".join(prev[-2:])))

    def _sentence_parties(self, cl: _Clause) -> list[Mention]:
        return [m for c in self.sentence_clauses.get(cl.sentence, [cl]) for m in c.parties]

    def _group_before(self, cl: _Clause, pos: int, blocked_ok: bool = False) -> list[str] | None:
        """The codes of the closest list of acting parties before ``pos`` ([] where an organisation acts)."""
        key = (cl.start, pos, blocked_ok)
        if key not in self._groups:
            found = self._find_group(cl, pos, blocked_ok)
            self._groups[key] = found
        got = self._groups[key]
        return list(got) if got is not None else None

    def _naming_members(self, cl: _Clause, a: int, b: int) -> bool:
        """Whether the parenthesis ``[a, b)`` opens with a word that names members of the group before it ("17
        countries - including Italy - have sent", "plusieurs pays (dont l'Italie) ont envoyé"): its parties are part
        of the subject, not set apart from it."""
        if any(c.cls == "including" and a <= c.start < b and not _words(self.folded[a:c.start]) for c in cl.cues):
            return True
        return self._apposed_list(cl, a, b)

    def _apposed_list(self, cl: _Clause, a: int, b: int) -> bool:
        """Whether the parenthesis ``[a, b)`` holds nothing but a list of parties set after a noun ("Three of the
        EU's five neutral countries — Ireland, Austria and Malta — are only providing non-lethal aid"): the list
        names the noun's members, so it is the subject."""
        inside = [m for m in cl.parties if a <= m.start and m.end <= b]
        if len(inside) < 2 or not all(m.is_party for m in inside) or not all(
                self.rules.is_word("joiner", w)  # an article: "(la Pologne et la Slovaquie)"
                for w in [*_words(self.folded[a:inside[0].start]), *_words(self.folded[inside[-1].end:b])]):
            return False
        return all(self._joined(x, y) for x, y in pairwise(inside))

    def _find_group(self, cl: _Clause, pos: int, blocked_ok: bool) -> list[str] | None:
        # a parenthesis between the subject and its verb is no part of the clause ("Austria (not a NATO member)
        # will not send", "Ausztria – amely nem tagja a NATO-nak sem – nem küldhet")
        aside = self._asides.get(cl.start)
        if aside is None:
            aside = self._asides[cl.start] = [(x.start(), x.end())
                                              for x in _ASIDE.finditer(self.text, cl.start, cl.end)
                                              if not self._naming_members(cl, x.start(), x.end())]
        cands = [m for m in cl.parties if m.end <= pos and not any(a <= m.start < b <= pos for a, b in aside)]
        group: list[Mention] = []
        demoted: list[Mention] = []
        for m in reversed(cands):
            prev = self._prev_words(m.start, cl.start, 2)
            role = None if self._comitative(m, cl.start) or self._named_such_as(cl, m) or self._reporting(cl, m) \
                else self._role(prev)
            if role == "addressee" and self._subordinate_subject(cl, m):
                role = None
            if role is None and self.rules.is_word("locative_ending", self.folded[m.start:m.end]):
                role = "addressee"  # "Estijoje ... buvo priimtas pareiškimas": the party is the place, not who acts
            if role is None and self._genitive_owner(cl, m, pos):
                role = "genitive"  # "ABD'nin taahhüdü doğrultusunda": the party owns a noun, it is no subject
            if role == "addressee":
                # "países como Alemania, Polonia y Portugal han prometido", "des pays comme l'Allemagne, la Pologne
                # ...", "Lande som USA, Storbritannien og Frankrig har sendt": the list named "such as" acts (its
                # head's article is no preposition)
                head = [w for w in prev if not self.rules.is_word("joiner", w)][-1:]
                if group and head and self.rules.is_word("apposition", head[0]) and self._joined(m, group[-1]) \
                        and m.is_party and m.code not in self.excluded:
                    group.append(m)
                elif group and m.code not in self.excluded and self._joined(m, group[-1]) and _words(
                        self.folded[m.end:group[-1].start]):
                    # "NASAMS from Norway and the United States are on their way": the parties listed after a
                    # preposition are all its object, none of them the subject (a comma alone may end a phrase put
                    # first: "At a meeting in Germany, Norway pledged ..."); the recipient is in no such list with a
                    # donor: "À l'Ukraine, l'Allemagne a livré ...", "A Kiev la Germania ha consegnato ..." (an article
                    # is a joiner)
                    group = []
                    continue
                if group:
                    break
                continue
            if role == "genitive" and not group:
                if m.is_party and m.code not in self.excluded:
                    demoted.append(m)
                continue
            if not m.is_party:
                if group:
                    break
                return [] if blocked_ok else None
            if m.code in self.excluded:
                if group:
                    break
                continue
            if group and not self._joined(m, group[-1]):
                break
            group.append(m)
        if group and self._comitative(group[-1], cl.start):
            # "La Norvège, en coopération avec les États-Unis, va livrer", "Niemcy wraz z Danią ... obiecały": the
            # parties named "together with" are co-donors of the subject named before them
            subject = self._find_group(cl, group[-1].start, blocked_ok)
            if subject:
                return list(dict.fromkeys([*subject, *(m.code for m in reversed(group))]))
        chosen = group or demoted[:1]
        if not chosen:
            return None
        codes: list[str] = []
        for m in reversed(chosen):
            if m.code not in codes:
                codes.append(m.code)
        return codes

    def _subordinate_subject(self, cl: _Clause, m: Mention) -> bool:
        """Whether ``m`` is the subject of a subordinate clause that opens the sentence or follows a comma ("Als die
        EU ... zur Verfügung stellte": "als" there is a conjunction, not the preposition "as")."""
        words = _TOKEN.findall(self.folded, max(cl.s_start, m.start - 40), m.start)
        while words and self.rules.is_word("joiner", words[-1]):
            words.pop()
        if not words or not self.rules.is_word("subordinator", words[-1]):
            return False
        head = self.folded.rfind(words[-1], max(cl.s_start, m.start - 40), m.start)
        before = self.folded[cl.s_start:head].rstrip()
        return not before or before.endswith((",", ";", ":", "\"", "„", "“"))

    def _genitive_owner(self, cl: _Clause, m: Mention, pos: int) -> bool:
        """Whether ``m`` bears a genitive case ending ("ABD'nin taahhüdü", the US's promise) that makes it the owner of
        a noun, not the subject of the verb at ``pos``: except before a verb form whose subject takes the genitive
        (Turkish "Portekiz ve İsveç'in sağlayacağı", the ones Portugal and Sweden will provide)."""
        if not self.rules.is_word("genitive_ending", self.folded[m.start:m.end]):
            return False
        cue = next((c for c in cl.cues if c.start == pos), None)
        return not (cue is not None and self.rules.is_word("genitive_subject", cue.text.split(" ")[-1]))

    def _named_such_as(self, cl: _Clause, m: Mention) -> bool:
        """Whether ``m`` is named after an apposition word that follows a noun ("Países como Alemania han prometido",
        "våben som Tyskland har sendt"), not after a party or a comma ("Spain, like Germany, will ..."): it acts."""
        words = [w for w in self._prev_words(m.start, cl.start, 3)]
        while words and self.rules.is_word("joiner", words[-1]):
            words.pop()  # an article ("comme l'Allemagne")
        if len(words) < 2 or not self.rules.is_word("apposition", words[-1]) or self.rules.is_word("joiner", words[-2]):
            return False
        at = self.folded.rfind(words[-1], cl.start, m.start)
        before = self.folded[cl.start:at].rstrip()
        if before.endswith(",") and self.rules.is_word("relative", words[-1]):
            # "IRIS-T-systemen, som Tyskland har levererat, ...": the word is a relative one after its noun's comma
            before = before[:-1].rstrip()
        return bool(before) and before[-1].isalnum() and not any(
            0 <= at - o.end <= 2 for o in cl.parties if o is not m)

    def _reporting(self, cl: _Clause, m: Mention) -> bool:
        """Whether ``m`` is named as the source of what the clause reports ("According to the Dutch defence ministry,
        18 Caesar howitzers will be sent"): its preposition is part of a reporting phrase, not an addressee's."""
        if "reporter" not in self.rules.words:
            return False
        words = [w for w in self._prev_words(m.start, cl.start, 4) if not self.rules.is_word("joiner", w)]
        return any(len(words) >= k and self.rules.is_word("reporter", " ".join(words[-k:])) for k in (1, 2, 3))

    def _role(self, prev: list[str]) -> str | None:
        if self._comitative_words(prev):
            return None  # "gemeinsam mit Deutschland", "together with"
        words = [w for w in prev if not self.rules.is_word("joiner", w)] or prev
        if not words:
            return None
        last = words[-1]
        if self.rules.is_word("addressee", last):
            return "addressee"
        if self.rules.is_word("genitive", last):
            return "genitive"
        return None

    def _joined(self, a: Mention, b: Mention) -> bool:
        gap = self.folded[a.end:b.start]
        if re.search(r"[.;:!?()]", gap) or re.search(r"\s[—–-]\s", self.text[a.end:b.start]):
            return False  # "Oslo/Stockholm – Norwegen wird ...": a dateline is not part of the list
        words = _words(gap)
        return len(words) <= 3 and (all(self.rules.is_word("joiner", w) for w in words)
                                    or self.rules.is_word("joiner", " ".join(words)))

    def _prev_words(self, pos: int, floor: int, k: int) -> list[str]:
        """The ``k`` words before ``pos`` (not before ``floor``)."""
        return _TOKEN.findall(self.folded, max(floor, pos - 16 * k), pos)[-k:]

    # -- how firmly ----------------------------------------------------------------------------------------------
    def _negated(self, cue: Cue, cl: _Clause) -> bool:
        if cue.cls in ("no_military_aid", "non_lethal_only"):
            # "nicht nur humanitäre Hilfe, sondern auch ...", "not only humanitarian": a negation right before a limit
            # ("only humanitarian") says the aid goes beyond it
            return any(c.cls == "negation" and c.end <= cue.start and not self.folded[c.end:cue.start].strip()
                       for c in cl.cues)
        if cue.cls not in _PLEDGE_CUES and cue.cls not in ("refusal", "cautious", "supportive", "demand"):
            return False
        if cue.cls in ("committed", "delivered", "received") and any(
                c.cls == "negation" and cue.start < c.start and c.end <= cue.end and c.text not in _PRIVATIVE
                for c in cl.cues):
            return True  # "har ännu inte skickat", "har endnu ikke leveret": the negation inside the verb's phrase
        nxt = _words(self.folded[cue.end:min(cl.end, cue.end + 24)])[:1]
        if cue.cls in _PLEDGE_CUES and nxt and self.rules.is_word("negation_after", nxt[0]):
            return True
        if cue.cls in _PLEDGE_CUES and nxt and self.rules.is_word("only", nxt[0]):
            return False  # "non ha spedito solo ... ma anche": not only, but also
        for c in cl.cues:
            # a negation across a comma, a dash or a bracket is another phrase's ("– amely nem tagja ... sem – nem
            # küldhet")
            if c.cls == "negation" and c.end <= cue.start and len(_words(self.folded[c.end:cue.start])) <= 2 \
                    and not re.search(r"[,;:()–—]|\s-\s", self.text[c.end:cue.start]):
                if any(self.rules.is_word("only", w) for w in _words(self.folded[c.end:cue.start])):
                    continue  # "not only sent"
                if cue.cls == "refusal" and self.rules.patterns["refusal"].match(self.folded, c.start):
                    continue  # "refused to ... rule out": a refusal word does not negate a refusal
                return True
        return False

    def _one_phrase(self, a: int, cue: Cue) -> bool:
        """Whether ``a`` and ``cue`` are in one phrase: no comma, colon, quote or bracket between them."""
        return not re.search(r"[,;:\"()]", self.folded[a:cue.start])

    def _announces_refusal(self, c: Cue, cl: _Clause) -> bool:
        """Whether pledge cue ``c`` (a verb of announcing or saying) only introduces a refusal: a complementizer in
        the first two words after it, then a refusal before any other giving verb ("bejelentette, hogy Magyarország
        nem járul hozzá ... fegyverszállítások finanszírozásához", "announced that it will not consent to ...")."""
        if c.cls not in _PLEDGE_CUES:
            return False
        after = _words(self.folded[c.end:min(cl.end, c.end + 40)])[:2]
        if not any(self.rules.is_word("complementizer", w) for w in after):
            return False
        nxt = min((o for o in cl.cues if o.start >= c.end and (o.cls in _PLEDGE_CUES or o.cls == "refusal")),
                  key=lambda o: o.start, default=None)
        if nxt is None or nxt.cls != "refusal":
            return False
        gap = self.folded[c.end:nxt.start]
        return not re.search(r"[;:()]", gap) and any(self.rules.is_word("complementizer", w) for w in _words(gap)[:2])

    def _both_kinds(self, c: Cue, cl: _Clause) -> bool:
        """Whether non-lethal cue ``c`` is the second of a pair "lethal and non-lethal" ("equipamento militar, letal e
        não letal", "lethal and non-lethal equipment", "tödliche und nicht-tödliche Ausrüstung"): aid of both kinds,
        no stance of giving only the one."""
        rules = self.rules
        words = _words(self.folded[max(cl.start, c.start - 60):c.start])
        own = _words(c.text)
        if own and rules.is_word("joiner", own[0]):
            before = words[-1:]
        elif words and rules.is_word("joiner", words[-1]):
            before = words[-2:-1]
        else:
            return False
        return bool(before) and any(o.cls == "lethal" and o.end <= c.start and before[0] in o.text
                                    for o in cl.cues)

    def _refused_items(self, cl: _Clause, live: list[Cue]) -> list[Cue]:
        """``live`` with a contrast and a negation (the rules' ``refusal_item``: "but no", "aber keine", "mais pas",
        "ale nie") read as a refusal where an item follows it at once ("will send Patriot, but no Taurus": Taurus is
        ruled out, not given); dropped elsewhere ("but not before spring")."""
        out: list[Cue] = []
        for c in live:
            if c.cls != "refusal_item":
                out.append(c)
            elif any(c.end <= it.start and len(_words(self.folded[c.end:it.start])) <= 2
                     and not re.search(r"[.;:,()]", self.folded[c.end:it.start]) for it in cl.items):
                out.append(Cue(c.start, c.end, "refusal", c.text))
        return out

    def _not_only(self, cue: Cue) -> bool:
        """Whether a refusal's negation says "not only" ("will not only send Patriot but also IRIS-T")."""
        words = _words(self.folded[cue.start:cue.end]) + _words(self.folded[cue.end:cue.end + 16])[:1]
        neg = self.rules.patterns.get("negation")
        # the "only" must follow the negation: "alleen niet-dodelijke" (only non-lethal) is no "not only"
        return any(self.rules.is_word("only", w) and any(
            self.rules.is_word("negation_after", v) or (neg is not None and neg.fullmatch(v)) for v in words[:i])
            for i, w in enumerate(words))

    @staticmethod
    def _nearest(verbs: list[Cue], it: _Item, folded: str, rules: Rules) -> Cue | None:
        """The cue before the item (else after it); after a reporting verb ("confirmed that"), the firmest after it."""
        before = [c for c in verbs if c.start <= it.start]
        after = [c for c in verbs if c.start >= it.end]
        if before:
            cue = max(before, key=lambda c: c.end)
            reported = any(rules.is_word("complementizer", w) for w in _words(folded[cue.end:it.start]))
            later = [c for c in after if c.cls in _PLEDGE_CUES]
            if reported and later:
                return max(later, key=lambda c: (_STATUS_RANK[_STATUS_OF[c.cls]], c.start))
            return cue
        return min(after, key=lambda c: c.start) if after else None

    @staticmethod
    def _hedged(cue: Cue | None, hedges: list[Cue], live: list[Cue]) -> bool:
        """Whether a hedge ("subject to approval", "pod podmínkou") bears on ``cue``: the hedge's nearest pledge
        verb, with no other between them ("... and Romania announced a Patriot on condition that ...")."""
        if not hedges:
            return False
        if cue is None:
            return True
        for h in hedges:
            a, b = (cue.end, h.start) if h.start >= cue.end else (h.end, cue.start)
            if not any(v.cls in _PLEDGE_CUES and v is not cue and a <= v.start and v.end <= b for v in live):
                return True
        return False

    def _status(self, cue: Cue, live: list[Cue]) -> str:
        status = self._tense_status(cue, live)
        if status == "committed" and cue.cls in _PLEDGE_CUES and (self._questioned(cue) or self._modal_complement(cue)):
            return "considering"
        return status

    def _clause_at(self, pos: int) -> _Clause | None:
        """The clause that holds ``pos``."""
        if self._clause_starts is None:
            self._clauses_sorted = sorted((c for cls in self.sentence_clauses.values() for c in cls),
                                          key=lambda c: c.start)
            self._clause_starts = [c.start for c in self._clauses_sorted]
        i = bisect_right(self._clause_starts, pos) - 1
        return self._clauses_sorted[i] if i >= 0 and pos < self._clauses_sorted[i].end else None

    def _questioned(self, cue: Cue) -> bool:
        """Whether ``cue`` is the verb of a question ("Portugal enviará Leopard 2 para a Ucrânia?", "Will Germany send
        Taurus?"): the interrogative mood asks whether a thing will be given, it asserts no commitment (considering).
        The sentence that holds the cue ends with a question mark (closing quotes aside) and opens with no question
        word ([grammar] interrogative)."""
        cl = self._clause_at(cue.start)
        if cl is None or not self.text[cl.s_start:cl.s_end].rstrip().rstrip("\"'»”“’)").endswith("?"):
            return False
        # a question word first asks about what it takes as given ("Why is Germany sending tanks?")
        first = _words(self.folded[cl.s_start:min(cl.s_end, cl.s_start + 40)])[:2]
        return not first or not (self.rules.is_word("interrogative", first[0])
                                  or self.rules.is_word("interrogative", " ".join(first)))

    def _modal_complement(self, cue: Cue) -> bool:
        """Whether ``cue`` is the verb of a clause that a considering verb or an impersonal predicate of possibility
        governs ("ta ei välista, et Saksamaa ühel päeval tanke saadab", "does not rule out that Germany will send", "it
        is possible that", "nie jest wykluczone, że"): reported speech takes the status of what is reported, but the
        verb that reports it is itself only weighing it. The considering cue comes
        before in the same sentence, a complementizer is in the first two words after it (a comma allowed), and no
        bracket, colon, semicolon or other giving verb is between them."""
        cl = self._clause_at(cue.start)
        if cl is None:
            return False
        for other in self.sentence_clauses.get(cl.sentence, [cl]):
            if other.start > cue.start:
                break
            for c in other.cues:
                if c.cls not in ("considering", "epistemic") or c.end > cue.start or cue.start - c.end > 240:
                    continue
                gap = self.folded[c.end:cue.start]
                if re.search(r"[;:()\[\]]", gap) or self._negated(c, other) or any(
                        v.cls in _PLEDGE_CUES and c.end <= v.start and v.end <= cue.start
                        for x in self.sentence_clauses.get(cl.sentence, [cl]) for v in x.cues):
                    continue
                if c.cls == "epistemic" and any(
                        n.cls == "negation" and n.end <= c.start and len(_words(self.folded[n.end:c.start])) <= 1
                        for n in other.cues):
                    continue  # "it is not possible that": no possibility
                if any(self.rules.is_word("joiner", w) and not self.rules.is_word("complementizer", w)
                       for m in re.finditer(r",", gap) for w in _words(gap[m.end():m.end() + 24])[:1]):
                    continue  # "it is possible that talks go on, and Germany has promised ...": a clause of its own
                words = _words(gap)
                # the complementizer may open the giving verb's own phrase ("posibil ca România să trimită")
                if any(self.rules.is_word("complementizer", w) for w in [*words[:2], *_words(cue.text)[:1]]):
                    return True
                # a sentence adverb set off by a comma ("Можливо, Німеччина передасть ...")
                if c.cls == "epistemic" and gap.lstrip().startswith(",") and words and not any(
                        self.rules.is_word("joiner", w) for w in words[:1]):
                    return True
        return False

    def _tense_status(self, cue: Cue, live: list[Cue]) -> str:
        if cue.cls in ("committed", "delivered") and self._weighed(cue, live):
            return "considering"  # "está a ponderar se envia", "is weighing whether to send": what is weighed
        if cue.cls in ("delivered", "received") and any(
                c.cls == "future" and c.start <= cue.start and c.end <= cue.end and cue.start - c.end <= 240
                and not any(v.cls in _PLEDGE_CUES and c.start <= v.start and v.end <= cue.start for v in live)
                and not self._set_off(c.end, cue.start) and not self._own_subject(c.end, cue.start) for c in live):
            return "committed"  # "will be delivered", "werden ... geliefert"; not "will send X and has delivered Y"
        if cue.cls in ("delivered", "received") and self._future_after(cue):
            return "committed"  # verb-final: "dass M1-Abrams-Panzer bald in der Ukraine eintreffen werden"
        return _STATUS_OF[cue.cls]

    def _future_after(self, cue: Cue) -> bool:
        """Whether a future auxiliary set after the verb ([modifiers] ``future_after``: German "eintreffen werden",
        "geliefert werden soll", Dutch "geleverd zullen worden") makes ``cue`` a thing still to come: the word right
        after it, with no punctuation between."""
        nxt = _words(self.folded[cue.end:cue.end + 40])[:2]
        gap = self.folded[cue.end:cue.end + 40]
        if not nxt or not gap[:1].isspace() or re.match(r"\s*[,;:.()\"]", gap):
            return False
        return self.rules.is_word("future_after", nxt[0])

    def _main_verb(self, cl: _Clause, head: int, cue: Cue, live: list[Cue]) -> Cue | None:
        """The delivery verb whose subject is the thing named up to ``head``, where ``cue`` (after it) is the verb of
        a relative clause or participle on it ("the IRIS-T systems that Germany promised have arrived", "De åtta
        Archer-pjäser som Sverige fattat beslut om att skicka finns på plats i Ukraina", "les canons Caesar promis
        par la France sont arrivés"): a relative word just after the thing, or an agent word just after the cue;
        then a later delivery verb of the clause, with no other item between."""
        if cue.cls not in _PLEDGE_CUES or cue.start < head or _STATUS_OF[cue.cls] == "delivered":
            return None
        lead = _words(self.folded[head:cue.start])
        relative = any(self.rules.is_word("relative", w) or self.rules.is_word("complementizer", w) for w in lead[:4])
        after = _words(self.folded[cue.end:min(cl.end, cue.end + 16)])[:1]
        participle = not lead and bool(after) and self.rules.is_word("agent", after[0])
        # a participle set off by commas ("los misiles Patriot, prometidos anteriormente a Kiev, ya han llegado")
        apposed = not lead and "," in self.folded[head:cue.start]
        if not (relative or participle or apposed) or re.search(r"[;:()]", self.folded[head:cue.start]):
            return None
        for v in live:
            if apposed and not (relative or participle) and "," not in self.folded[cue.end:v.start]:
                continue
            if v.cls in _PLEDGE_CUES and v.start >= cue.end and not any(
                    cue.end <= x.start < v.start for x in cl.items) and self._status(v, live) == "delivered":
                return v
        return None

    def _attributive_main(self, cl: _Clause, it: _Item, cue: Cue, live: list[Cue]) -> Cue | None:
        """The delivery verb of an item whose cue is only an attribute of it ("the promised IRIS-T systems have
        arrived", "Germany's pledged Leopard tanks have arrived"): a one-word cue just before the item (at most one
        word between, no punctuation) after an article or a possessive, and a delivery verb after the item with no
        other item between."""
        if cue.cls not in _PLEDGE_CUES or cue.end > it.start or " " in cue.text.strip() or _STATUS_OF[
                cue.cls] == "delivered" or len(_words(self.folded[cue.end:it.start])) > 1 or re.search(
                r"[,;:()]", self.folded[cue.end:it.start]):
            return None
        # an article or a possessive just before the cue, or an article before a short phrase on the participle
        # that names no party and has no punctuation ("das im Januar zugesagte System"; not "the US promised Patriot")
        toks = list(_TOKEN.finditer(self.folded, max(cl.start, cue.start - 64), cue.start))[-4:]
        at = next((m.start() for m in reversed(toks) if self.rules.is_word("joiner", m.group())), None)
        near = at is not None and (at == toks[-1].start() or (
            not re.search(r"[,;:()\"]", self.folded[at:cue.start])
            and not any(m.is_party and at <= m.start < cue.start for m in cl.parties)))
        if not (self.folded[max(cl.start, cue.start - 3):cue.start] == "'s " or near):
            return None
        for v in live:
            if v.cls in _PLEDGE_CUES and v.start >= it.end and not any(
                    it.end <= x.start < v.start for x in cl.items) and self._status(v, live) == "delivered":
                return v
        return None

    def _contents(self, cl: _Clause, cue: Cue, it: _Item, live: list[Cue]) -> bool:
        """Whether ``it`` is listed as the contents of the aid a pledge ``cue`` names ("will send air defence systems,
        including IRIS-T and NASAMS", "werden Luftverteidigungssysteme liefern, darunter ..."): after the cue, an aid
        or equipment noun, then a package word ("including", "darunter", "w tym") or an apposition word ("such as"),
        then the item, with no other pledge verb between."""
        if cue.cls not in _PLEDGE_CUES or cue.start >= it.start or any(
                v.cls in _PLEDGE_CUES and cue.end <= v.start < it.start for v in live):
            return False
        opens = [c.start for c in live if c.cls == "package" and cue.end <= c.start and c.end <= it.start]
        for m in re.finditer(r"\w+(?:\s+\w+)?", self.folded[cue.end:it.start]):
            if self.rules.is_word("apposition", m.group()) or self.rules.is_word("apposition", m.group().split()[0]):
                opens.append(cue.end + m.start())
        return any(c.cls in ("aid", "equipment") and cue.start <= c.start and c.end <= at
                   and not any(x.end <= at and x.start >= c.end for x in cl.items)
                   for at in opens for c in live)

    def _own_subject(self, a: int, b: int) -> bool:
        """Whether a clause with a subject of its own opens between ``a`` and ``b``: a relative word or "that", then a
        donor party within three words ("will operate the Patriot systems that the US delivered"): a future marker
        before it bears on the other verb."""
        if self._party_starts is None:
            self._party_starts = sorted(m.start for cls in self.sentence_clauses.values() for x in cls
                                        for m in x.parties if m.is_party and m.code not in self.excluded)
        for m in _TOKEN.finditer(self.folded, a, b):
            w = m.group()
            if not (self.rules.is_word("relative", w) or self.rules.is_word("complementizer", w)):
                continue
            for start in _between(self._party_starts, m.end(), b):
                if len(_words(self.folded[m.end():start])) <= 2:
                    return True
        return False

    def _set_off(self, a: int, b: int) -> bool:
        """Whether the verb at ``b`` is in another phrase than the future marker ending at ``a``: a bracket, colon,
        semicolon or dash between them, or a comma just before the verb (a participle set off: "verrà rinnovato
        l'impegno a garantire sistemi (...), già forniti"; not a list's commas before a verb-final German verb:
        "sollen 10 Leopard, drei Gepard ... eintreffen")."""
        if a >= b:
            return False
        gap = self.text[a:b]
        comma = gap.rfind(",")
        return bool(re.search(r"[;:()]|\s[–—-]\s", gap)) or (comma >= 0 and len(_words(gap[comma:])) <= 1)

    def _weighed(self, cue: Cue, live: list[Cue]) -> bool:
        """Whether ``cue`` is the verb of what a considering cue just before it weighs ("O Governo está a ponderar se
        envia tanques", "rozważa, czy wysłać", "is weighing whether to send"): at most three words between them, in
        one phrase (a comma is allowed: "überlegt, ob"), none of them a list joiner ("is considering aid and has
        sent ..." is two things)."""
        for c in live:
            if c.cls != "considering" or c.end > cue.start or cue.start - c.end > 40:
                continue
            gap = self.folded[c.end:cue.start]
            words = _words(gap)
            if len(words) <= 3 and not re.search(r"[;:.()\"]", gap) and not any(
                    self.rules.is_word("joiner", w) for w in words) and not any(
                    v.cls in _PLEDGE_CUES and c.end <= v.start < cue.start for v in live):
                return True
        return False

    def _pluperfect(self, cue: Cue, cl: _Clause) -> bool:
        """Whether ``cue`` is in the pluperfect ("hatte die Bundesregierung Anfang Januar ... angekündigt", "had
        promised"): a promise told as what came before the news, background to a delivery of the same item (an
        auxiliary of the pluperfect in its clause before it, no other pledge verb between)."""
        if "pluperfect" not in self.rules.words:
            return False
        for m in _TOKEN.finditer(self.folded, cl.start, cue.end):
            if self.rules.is_word("pluperfect", m.group()) and not any(
                    m.start() <= v.start and v.end < cue.end and v is not cue
                    for v in cl.cues if v.cls in _PLEDGE_CUES):
                return True
        return False

    def _background(self, cue: Cue, cl: _Clause) -> bool:
        """Whether ``cue`` is inside a relative clause set off by commas (", which has already delivered ...,")."""
        comma = self.folded.rfind(",", cl.start, cue.start)
        if comma < 0:
            return False
        words = _words(self.folded[comma:cue.start])
        return bool(words) and self.rules.is_word("relative", words[0]) and "," not in self.folded[comma + 1:cue.start]

    def _reported_to(self, cl: _Clause, cue: Cue, later: list[Cue], until: int | None = None) -> bool:
        """Whether ``cue`` only says what the clause after it says, where that names its own giver: a complementizer
        in the first two words after it, or a comma just after it (reported speech in the subjunctive: "Polen
        bestätigte, Norwegen habe ... geliefert"), then a party, then a giving verb of its own ("Poland announced
        that Norway will send weapons", "kündigte an, dass Norwegen ... liefern werde", "bejelentette, hogy Norvégia
        ... küld"); the giving verb decides the status and its subject gives. ``until``: the end of the stretch
        that must hold the party (an item between them), else the next giving verb."""
        nxt = next((v for v in later if v.start >= cue.end and v.cls in _PLEDGE_CUES), None)
        if nxt is None or cue.cls not in _PLEDGE_CUES:
            return False
        end = nxt.start if until is None else until
        gap = self.folded[cue.end:end]
        if end <= cue.end or re.search(r"[;:()]", gap):
            return False
        opens = any(self.rules.is_word("complementizer", w) for w in _words(gap)[:2])
        if not opens:
            comma = gap.startswith(",")
            opens = comma and not re.search(r",", gap[1:]) and not any(
                self.rules.is_word("complementizer", w) or self.rules.is_word("relative", w) for w in _words(gap)[:1])
        return opens and any(cue.end <= m.start < end and m.is_party and m.code not in self.excluded
                             for m in cl.parties)

    def _besides(self, cl: _Clause, pos: int) -> bool:
        """Whether what starts at ``pos`` (an item, a count) is named beside the news, not as news: a "besides" phrase
        ("in addition to", "en plus des", "i tillegg til", "además de") opens at most eight words before it, with no
        party, bracket, colon or semicolon and no giving verb between ("will give 12 more Caesar, in addition to the
        18 already delivered", "a livré des Mistral, en plus des canons Caesar"); not where a party is added to
        ("besides Germany, Norway will send ...")."""
        for b in cl.cues:
            if b.cls != "besides" or b.end > pos or pos - b.end > 80:
                continue
            gap = self.folded[b.end:pos]
            if len(_words(gap)) <= 8 and not re.search(r"[;:()]", gap) and not any(
                    b.end <= m.start < pos for m in cl.parties if m.is_party) and not any(
                    v.cls in _PLEDGE_CUES and b.end <= v.start < pos for v in cl.cues):
                return True
        return False

    # -- how many ------------------------------------------------------------------------------------------------
    def _quantity(self, cl: _Clause, it: _Item) -> float | None:
        i = bisect_right(self.number_ends, it.start) - 1
        while i >= 0:
            n = self.numbers[i]
            if n.start < cl.start:
                break
            if n.money or n.percent or (n.year and not self._counted_year(cl, n, it)):
                i -= 1
                continue
            gap = self.folded[n.end:it.start]
            # "Two National Advanced Surface-to-Air Missile Systems (NASAMS)": the item's short name in brackets
            # after its long one counts with it
            named = re.fullmatch(r"([^;:(),]*)\(\s*", gap)
            if named and 0 < len(_words(named.group(1))) <= 8 and self._clear(n.end, it.start, cl) and not (
                    self.folded[it.end:it.end + 3].lstrip().startswith(("(", "'"))):
                return 1.0 if n.ordinal else n.value
            if re.search(r"[;:()]", gap) or re.search(r",\s", gap):
                break
            words = _words(gap)
            # "vier weitere Feuereinheiten des Typs IRIS-T": any three words next to the item, and before them only
            # words like "more", "additional", "units"
            if len(words) <= 6 and all(self.rules.is_word("filler", w) for w in words[:-3]) and \
                    self._clear(n.end, it.start, cl):
                ordinal = n.ordinal or any(c.cls == "one" and c.start <= n.start < c.end for c in cl.cues)
                if not ordinal and i > 0:
                    part = self._partitive(cl, self.numbers[i - 1], n)
                    if part is not None:
                        return part  # "due dei suoi cinque sistemi": two of the five
                    if self._range_end(cl, self.numbers[i - 1], n):
                        return None  # "5 to 10 Patriot systems": a range says no one number
                return 1.0 if ordinal else n.value  # "un tercer sistema": the third one, one unit
            break
        for c in cl.cues:
            if c.cls == "one" and c.end <= it.start and len(_words(self.folded[c.end:it.start])) <= 4 and \
                    self._clear(c.end, it.start, cl):
                return 1.0
        return None

    def _partitive(self, cl: _Clause, head: Number, n: Number) -> float | None:
        """The count of a part named before a whole ("two of its five systems", "due dei suoi cinque", "dwa z
        pięciu"): ``head`` just before ``n`` with a partitive word ([grammar] ``partitive``: "of", "dei", "z") and at
        most one more word (a possessive) between them."""
        if not _plain_count(cl, head):
            return None
        words = _words(self.folded[head.end:n.start])
        if not 1 <= len(words) <= 2 or re.search(r"[,;:()]", self.folded[head.end:n.start]) or not \
                self.rules.is_word("partitive", words[0]):
            return None
        return head.value

    def _range_end(self, cl: _Clause, lo: Number, n: Number) -> bool:
        """Whether ``n`` ends a range that ``lo`` opens ("5 to 10", "mellem fem og ti", "5-10"): one short word or a
        dash between them, and ``lo`` no article ("a total of 10") nor money, year or percentage."""
        if not _plain_count(cl, lo):
            return False
        gap = self.folded[lo.end:n.start]
        words = _words(gap)
        return (len(words) == 1 or gap.strip() in ("-", "–")) and len(gap) <= 8 and not re.search(
            r"[,;:.()]", gap) and not self._article_one(lo, n.start)

    def _counted_year(self, cl: _Clause, n: Number, it: _Item) -> bool:
        """Whether a number that could be a year counts the item right after it: it is the object of a status verb
        or follows a word like "about", "more than" ("livrera 2000 obus de 155 mm", "rund 2000 Granaten"), not a
        date ("in 2024 Patriot systems")."""
        if self.folded[n.end:it.start].strip():
            return False
        before = self.folded[cl.start:n.start].rstrip()
        if any(c.cls in _PLEDGE_CUES and c.end == len(before) + cl.start for c in cl.cues):
            return True
        words = _words(before)
        return any(len(words) >= k and self.rules.is_word("filler", " ".join(words[-k:])) for k in (1, 2, 3)) and not (
            words and self.rules.is_word("addressee", words[-1]))

    def _count(self, cl: _Clause, lo: int, hi: int, cue: Cue | None = None) -> float | None:
        """How many of what an item-less pledge gives: the one count in ``[lo, hi)`` that counts equipment or aid
        named just after it ("will donate 19 F-16 jets", "about 200 weapons would be provided"); none for a range
        ("between five and ten F-16s") or where several counts compete."""
        nouns = [c for c in cl.cues if c.cls in ("aid", "equipment", "component")]
        # "Challenger 2", "Mirage 2000-5": a number right after a capitalised name or joined to a word by a hyphen
        # is the model's, not a count (but "will give Ukraine 40 ...": a party's name is no model's)
        after_party = {m.end + 1 for m in cl.parties}
        counts = [n for n in self._numbers_in(lo, hi) if not (n.money or n.year or n.percent)
                  and (n.start in after_party
                       or not re.search(r"[A-Z]\w* $|\w-$", self.text[max(lo, n.start - 24):n.start]))]
        found: list[Number] = []
        for i, n in enumerate(counts):
            # an article that is the number word for one opens no range ("un total de 10", "a batch of 30")
            pairs = ((counts[i - 1], n) if i else (n, n), (n, counts[i + 1]) if i + 1 < len(counts) else (n, n))
            if any(len(_words(self.folded[o.end:p.start])) <= 2 and not re.search(r"[,;:.()]", self.folded[
                    o.end:p.start]) and not self._article_one(o, p.start) for o, p in pairs if o is not p):
                return None  # "mellem fem og ti", "5 to 10": a range says no one number
            after = _words(self.folded[n.end:hi])[:1]
            reach = 8 if after and self.rules.is_word("genitive", after[0]) else 3  # "14 of its Challenger tanks"
            if any(n.end <= c.start and len(_words(self.folded[n.end:c.start])) <= reach
                   and not re.search(r"[,;:()]", self.folded[n.end:c.start]) for c in nouns):
                found.append(n)
        if not found and cue is not None:
            # the verb's own object: "Danmark sender 21 bomberydningsrobotter til Ukraine", "will give Ukraine 40
            # armoured cars": the one count just after the verb (the recipient may stand between), before a noun
            obj = [n for n in counts if n.start >= cue.end and len(_words(self.folded[cue.end:n.start])) <= 3
                   and not re.search(r"[,;:.()\"]", self.folded[cue.end:n.start])]
            later = [n for n in counts if n.start >= cue.end]
            # a word after the count, two letters at least ("levert Nederland 100 in Tsjechië ingekochte
            # voertuigen"), but no unit of measure ("500 kg")
            if len(obj) == 1 and len(later) == 1 and re.match(r"\s+(?!(?:kg|km|cm|mm|kw|mw|gw|kv|lb|ml)\b)"
                                                              r"[^\W\d_]{2,}", self.text[obj[0].end:hi]):
                found = obj
        if len(found) > 1:  # "un total de 10 chasseurs": the article is no count beside the number
            found = [n for n in found if not self._article_one(n, found[-1].start)] or found
        values = {n.value for n in found}
        return found[0].value if len(values) == 1 and not found[0].ordinal else None

    def _article_one(self, n: Number, until: int) -> bool:
        """Whether ``n`` is one written as a word before a word of its own up to ``until`` (the next number): an
        indefinite article ("un total de 10", "a batch of 30"), not the first end of a range ("entre un et trois",
        "one or two")."""
        return n.value == 1 and not self.text[n.start].isdigit() and any(
            len(w) >= 4 and not self.rules.is_word("joiner", w) for w in _words(self.folded[n.end:until]))

    def _clear(self, a: int, b: int, cl: _Clause) -> bool:
        """No other item or party between ``a`` and ``b`` (a demonym that qualifies the item, "14 German-made
        Leopard 2", is no other party)."""
        return not any(a <= x.start < b for x in cl.items) and not any(
            a <= m.start < b and not (m.how == "demonym" and len(_words(self.folded[m.end:b])) <= 1)
            for m in cl.parties)

    def _numbers_in(self, a: int, b: int) -> list[Number]:
        """The numbers that start in ``[a, b)``."""
        return self.numbers[bisect_left(self.number_starts, a):bisect_left(self.number_starts, b)]

    def _value(self, cl: _Clause) -> tuple[float | None, str | None]:
        money = [n for n in self._numbers_in(cl.start, cl.end) if n.money]
        if len(money) == 1 and len({it.id for it in cl.items}) == 1:
            return money[0].value, money[0].money
        return None, None

    # -- stances -------------------------------------------------------------------------------------------------
    def _policies(self, cl: _Clause, live: list[Cue], denied: Sequence[Cue] = ()) -> None:
        refusals = [c for c in live if c.cls == "refusal"]
        for cue in [*live, *denied]:
            if cue.cls not in STANCE_CLASSES and cue not in denied:
                continue
            if cue in denied and any(r.start < cue.end and cue.start < r.end for r in refusals):
                continue  # a refusal cue already reads it ("wird ... nicht liefern")
            # reaffirmed support may be said in the first person ("Jatkamme tukeamme"): the text's party says it
            actor = self._actor(cl, cue, allow_topic=cue.cls in ("refusal", "supportive"))
            if cue.cls == "refusal" and (actor is None or actor.how != "explicit"):
                actor = self._not_received_from(cl, cue) or actor
            if cue.cls == "supportive" and (actor is None or actor.how in ("government", "topic")):
                # "De steun van Nederland aan Oekraïne blijft onverminderd": the owner of the support noun, inside
                # the phrase
                actor = self._owner_inside(cl, cue) or actor
            if actor is None or actor.how in ("government", "topic"):
                # "„Megpróbáljuk ... megnyitni a tárgyalásokat” - mondta Orbán Viktor": a quote's speaker says it
                actor = self._quoted_speaker(cl, cue) or actor
            predicated = self._copular_subject(cl, cue)
            if predicated is not None:
                # "Hungary is the only NATO member that has refused to send weapons", "Ungarn ist das einzige Land der
                # EU, das sich weigert", "Bulgaria este una dintre puţinele ţări ..., alături de Ungaria, care
                # refuză": the subject whose predicate noun the relative clause hangs on, with any party named
                # "together with" it (not a party that only qualifies the noun)
                joined = {m.code for m in self._sentence_parties(cl) if m.end <= cue.start
                          and self._comitative(m, cl.s_start)}
                codes = [predicated, *(c for c in (actor.codes if actor and actor.how == "explicit" else [])
                                       if c != predicated and c in joined)]
                actor = _Actor(codes, "explicit", "the subject of the sentence whose predicate noun the relative "
                                                  "clause of the stance hangs on")
            if actor is not None and actor.how == "explicit" and self._directed(cl, cue, actor):
                continue  # "Orbán forderte Deutschland auf, keine Waffen zu liefern": what one asks of another
            if actor is not None and actor.via.startswith("the subject of the sentence's clause before"):
                actor = self._government_between(cl, cue) or actor
            if actor is None and cue.cls in ("supportive", "refusal"):
                actor = self._home_government(cl, cue)
            # a stance is a party's own: "the minister urged restraint" in a text datelined Paris does not say whose
            if actor is None or (actor.how == "government" and cue.cls not in ("supportive", "refusal")):
                continue
            # "wird die Ukraine auch weiterhin nicht militärisch unterstützen": support negated inside its own phrase
            # refuses what it names
            unsupported = cue.cls == "supportive" and self._negated_inside(cue, cl)
            if cue.cls == "supportive" and not unsupported and self._limited_sentence(cl):
                continue  # "we will keep helping with humanitarian means, but send no weapons": the help is limited
            refusal = cue.cls == "refusal" or cue in denied or unsupported
            stances = self._refused(cl, cue, live) if refusal else [cue.cls.replace("_", "-")]
            if cue in denied and (actor.how != "explicit" or not stances):
                continue  # a negated commitment is a refusal only of what it names, by a party the clause names
            if refusal and any(c.cls == "reversal" and c.start >= cue.end
                               for other in self.sentence_clauses.get(cl.sentence, [cl]) for c in other.cues):
                continue  # "Vācija ilgu laiku atturējās sūtīt ieročus ..., bet tagad ...": a refusal now given up
            if "no-military-aid" in stances and any(c.cls == "non_lethal_only" for c in live):
                continue  # "only humanitarian and non-lethal aid": non-lethal-only says more
            if refusal and self._conceded(cl, cue):
                # "descarta el envío directo de armas, aunque sí se enviará armamento a través de ...": a refusal of
                # one way of arming, conceding arms another way, is no limit on lethal aid
                stances = [s for s in stances if s not in ("non-lethal-only", "no-military-aid")]
            for code in actor.codes:
                if code in self.excluded:
                    continue
                for stance in stances:
                    self.records.append(Policy(code, stance, self.text[cl.s_start:cl.s_end], cl.s_start, cl.s_end,
                                               _confidence(actor.how, True), explain=_explained(
                                                   cue, actor, "a refusal and what it names" if cue.cls == "refusal"
                                                   else "a negated commitment: a refusal of what it names"
                                                   if cue in denied else "support negated in its own phrase: a "
                                                   "refusal of what it names" if unsupported else "a stance cue")))


    def _home_government(self, cl: _Clause, cue: Cue) -> _Actor | None:
        """The government a government word before a stance names where the text names no party for it (no dateline,
        title or topic), its sentence names no other party (not "ministers gathered in Latvia refused") and its
        language is that of one country ("Det stödet har inte trappats ner ..., visar regeringen": Sweden's)."""
        home = self.rules.home
        if home is None or home in self.excluded or any(
                m.code not in self.excluded for m in self._sentence_parties(cl)) or not any(
                c.cls == "government" for other in self.sentence_clauses.get(cl.sentence, [cl]) for c in other.cues):
            return None
        return _Actor([home], "government", "a government word in a text in the language of one country")

    def _decided_not(self, cl: _Clause, cue: Cue, stance: list[Cue]) -> bool:
        """Whether a status verb governs a refusal just after it: a decision or agreement not to give ("se rozhodlo
        neposílat", "har beslutat att inte skicka", "hat beschlossen, der Ukraine keine Waffen zu liefern"), at most
        three words between, no item, sentence mark or conjunction there."""
        for r in stance:
            if r.cls != "refusal" or r.start < cue.end or r.start - cue.end > 40:
                continue
            gap = self.folded[cue.end:r.start]
            words = _words(gap)
            return len(words) <= 3 and not re.search(r"[.;:()\"]", gap) and not any(
                cue.end <= it.start < r.start for it in cl.items) and not any(_CONJUNCTION.fullmatch(w) for w in words)
        return False

    def _copular_subject(self, cl: _Clause, cue: Cue) -> str | None:
        """The party a stance in a relative clause on a predicate noun belongs to ("Hungary is one of the few
        countries that refuse ...", "Ungarn ist das einzige Land der EU, das sich weigert, ..."): the sentence opens
        with the party (at most two words before it), the rules' ``copula`` follows it, and a relative word (or a
        complementizer: "Hungary is the only member that ...") stands between it and the stance cue."""
        parties = [m for m in self._sentence_parties(cl) if m.end <= cue.start]
        if not parties or "copula" not in self.rules.words:
            return None
        first = parties[0]
        if not first.is_party or first.code in self.excluded or len(
                _words(self.folded[cl.s_start:first.start])) > 2:
            return None
        words = _words(self.folded[first.end:cue.start])
        if not words or not (self.rules.is_word("copula", words[0]) or (
                len(words) > 1 and self.rules.is_word("copula", " ".join(words[:2])))):
            return None
        return first.code if any(self.rules.is_word("relative", w) or self.rules.is_word("complementizer", w)
                                 for w in words[1:]) else None

    def _owner_inside(self, cl: _Clause, cue: Cue) -> _Actor | None:
        """The one party named inside a phrase of support (its name may run on past the phrase's end): the owner of
        its noun ("le soutien de la France à l'Ukraine ne faiblira pas"), the one the recipient can count on ("Ukraine
        can count on Norway"); none where the phrase names no party, or more than one besides the recipient and its
        adversaries."""
        inside = {m.code for m in cl.parties if cue.start <= m.start < cue.end and m.is_party
                  and m.code not in self.excluded}
        return _Actor(sorted(inside), "explicit", "the owner named inside the phrase of support") \
            if len(inside) == 1 else None

    def _government_between(self, cl: _Clause, cue: Cue) -> _Actor | None:
        """The government that is the subject left out of a stance's clause when a government word, with no party in
        its own clause before it, stands between the sentence's last party and the cue ("Hungary agreed that the EU
        may send arms, but the government takes no part and does not allow lethal weapons through"): the first party
        of the sentence's first clause (the main clause's subject), else the dateline's country; not the party of
        the clause before."""
        clauses = self.sentence_clauses.get(cl.sentence, [cl])
        last = max((m.end for m in self._sentence_parties(cl) if m.end <= cue.start), default=cl.s_start)
        for other in clauses:
            for g in other.cues:
                if g.cls != "government" or not last <= g.start < cue.start:
                    continue
                if any(other.start <= m.start and m.end <= g.start for m in other.parties):
                    continue
                first = next((m for m in clauses[0].parties if m.is_party), None) if clauses[0] is not cl else None
                codes = [c for c in ([first.code] if first else self.dateline or []) if c not in self.excluded]
                return _Actor(codes, "government", "a government word as the subject left out of the clause: the "
                              "main clause's first party, else the dateline's country") if codes else None
        return None

    def _not_received_from(self, cl: _Clause, cue: Cue) -> _Actor | None:
        """The parties a refusal by the recipient names as the source ("Ukrajina od Slovenska nedostane žiadne
        zbrane", "Україна не отримає від Німеччини ..."): the recipient is named before the refusal, the source
        after "from"; not what is only not received yet."""
        if not any(m.code == self.ex.recipient and m.end <= cue.start for m in cl.parties) or self._pending(cue, cl):
            return None
        sources = self._sources(cl)
        return _Actor(sources, "explicit", "the source of what the recipient will not receive") if sources else None

    def _governed(self, cl: _Clause, live: list[Cue]) -> list[Cue]:
        """The pledge verbs a refusal governs: at most three words after it, in one phrase, no list word between
        ("atmeta galimybę perduoti", "odmítá posílat"; not "rejected the criticism and sent")."""
        out: list[Cue] = []
        for r in live:
            if r.cls != "refusal":
                continue
            for c in live:
                if c.cls not in _PLEDGE_CUES or c.start < r.end or c.start - r.end > 60:
                    continue
                gap = self.folded[r.end:c.start]
                words = _words(gap)
                if len(words) <= 3 and not re.search(r"[,;:.()\"]", gap) and not any(
                        self.rules.is_word("joiner", w) for w in words):
                    out.append(c)
                break
        return out

    def _directed(self, cl: _Clause, cue: Cue, actor: _Actor) -> bool:
        """Whether the party of a stance is the one a directive verb addresses ("urged Germany not to send", "forderte
        Deutschland auf, keine Waffen zu liefern", "wezwał Niemcy, by nie wysyłały"): a directive of the sentence
        before the party, the party before the stance cue."""
        directives = [c for other in self.sentence_clauses.get(cl.sentence, [cl]) for c in other.cues
                      if c.cls == "directive" and c.start < cue.start]
        if not directives:
            return False
        named = [m for m in self._sentence_parties(cl) if m.code in actor.codes and m.end <= cue.start]
        return bool(named) and any(d.start < named[0].start for d in directives)

    def _pending(self, cue: Cue, cl: _Clause) -> bool:
        """Whether a negated commitment is only not made yet ("has not yet agreed to send", "hat noch nicht
        zugesagt", "jeszcze nie zdecydowała"): a word of the rules' `pending` among the three words before it, or
        its first words (one word or two: "noch nicht"), is no refusal."""
        words = _words(self.folded[max(cl.start, cue.start - 48):cue.start])[-3:] + _words(cue.text)[:2]
        return any(self.rules.is_word("pending", w) for w in (*words, *(" ".join(b) for b in pairwise(words))))

    @staticmethod
    def _negated_inside(cue: Cue, cl: _Clause) -> bool:
        """Whether a negation stands inside ``cue``'s own phrase ("wird ... weiterhin nicht militärisch
        unterstützen", "bude nadále nepodporovat" is no support); not where a verb of abandoning or waning follows it
        there (the rules' ``abandon``): "will not abandon Ukraine", "ne faiblira pas", "nie zostawi Ukrainy samej"
        deny the opposite of support."""
        negations = [c for c in cl.cues if c.cls == "negation" and cue.start <= c.start and c.end <= cue.end
                     and c.text not in _PRIVATIVE]
        return bool(negations) and not any(
            c.cls == "abandon" and cue.start <= c.start and c.end <= cue.end for c in cl.cues)

    def _limited_sentence(self, cl: _Clause) -> bool:
        """Whether the sentence of ``cl`` limits its aid, with no negation cancelling it: aid only humanitarian or
        non-lethal, or a refusal of weapons or military aid (not of one item: "will keep supporting Ukraine but will
        not send Taurus" is support)."""
        for other in self.sentence_clauses.get(cl.sentence, [cl]):
            for c in other.cues:
                if c.cls not in ("refusal", "non_lethal_only", "no_military_aid") or self._negated(c, other):
                    continue
                if c.cls != "refusal" or {"non-lethal-only", "no-military-aid"} & set(
                        self._refused(other, c, other.cues)):
                    return True
        return False

    def _speaker_next(self, cl: _Clause) -> _Actor | None:
        """The speaker of a quote that runs on into the next sentence of the paragraph ("Przekazujemy na Ukrainę broń.
        Będzie to ... - powiedział premier Mateusz Morawiecki"): the party at most six words after the dash or closing
        quote that ends it; none where that party is the recipient or its adversary."""
        nxt = self.sentence_clauses.get(cl.sentence + 1)
        if not nxt or "\n" in self.text[cl.s_end:nxt[0].s_start]:
            return None
        s0, s1 = nxt[0].s_start, nxt[0].s_end
        close = _QUOTE_END.search(self.text, s0, s1)
        if close is None:
            return None
        return self._named_after([m for c in nxt for m in c.parties], close.end(),
                                 "the speaker named after the quote's end in the next sentence")

    def _quoted_speaker(self, cl: _Clause, cue: Cue) -> _Actor | None:
        """The party that a quote holding ``cue`` is attributed to just after it ("„...” - mondta Orbán Viktor",
        "“...,” Hungarian Prime Minister Viktor Orbán said", a quote set off by dashes: "– Nie będziemy ... –
        powiedział premier Węgier"): the first party at most six words after the closing quote, in the same sentence;
        none where that party is the recipient or its adversary."""
        opened = max(self.text.rfind(q, cl.s_start, cue.start) for q in _QUOTES)
        dashed = self.text[cl.s_start:cue.start].lstrip()[:1] in ("–", "—")  # "– Nie będziemy ... – powiedział"
        if opened < 0 and not dashed:
            return None
        quotes = _QUOTES if opened >= 0 else (" – ", " — ")
        closes = [i for i in (self.text.find(q, cue.end, cl.s_end) for q in quotes) if i >= 0]
        if not closes:
            return None
        return self._named_after(self._sentence_parties(cl), min(closes) + 1,
                                 "the speaker the quote is attributed to just after it")

    def _named_after(self, parties: list[Mention], pos: int, why: str) -> _Actor | None:
        """The first of ``parties`` from ``pos`` on, when at most six words follow ``pos`` before it (a quote's
        speaker: "...” - mondta Orbán Viktor"); none where it is the recipient or its adversary."""
        after = [m for m in parties if m.start >= pos]
        if not after or len(_words(self.folded[pos:after[0].start])) > 6 or not after[0].is_party \
                or after[0].code in self.excluded:
            return None
        return _Actor([after[0].code], "explicit", why)

    def _conceded(self, cl: _Clause, cue: Cue) -> bool:
        """Whether the sentence, after the refusal ``cue``, concedes lethal aid all the same: a pledge verb that no
        negation cancels, with weapons or military aid named just after it ("..., aunque sí se enviará armamento",
        "..., but will send ammunition")."""
        for other in self.sentence_clauses.get(cl.sentence, [cl]):
            if other.end <= cue.end:
                continue
            verbs = [c for c in other.cues if c.cls in _PLEDGE_CUES and c.start >= cue.end
                     and not self._negated(c, other)]
            kinds = [c for c in other.cues if c.cls in ("lethal", "military")]
            if any(v.end <= k.start and len(_words(self.folded[v.end:k.start])) <= 3
                   and not re.search(r"[,;:()]", self.folded[v.end:k.start]) for v in verbs for k in kinds):
                return True
        return False

    def _refused(self, cl: _Clause, cue: Cue, live: list[Cue]) -> list[str]:
        """What a refusal is about: the items, or the kind of aid, it names first (up to the clause's next verb); in
        a relative clause with nothing after it, the item it hangs on ("ATACMS, which Washington declined to
        provide")."""
        bound = min((c.start for c in live if c.cls in _PLEDGE_CUES and c.start >= cue.end), default=cl.end)
        items = [it for it in cl.items if cue.start <= it.start < bound]
        kinds = [c for c in live if c.cls in ("military", "lethal") and cue.start <= c.start < bound]
        if not items and not kinds and not self._background(cue, cl):
            # the object before the verb (verb-final: "dass Deutschland Taurus nicht liefern wird", "fegyvereket
            # továbbra sem szállítunk", "Suomi ei Hornet-hävittäjiä luovuta"): back to the clause's start or the
            # last pledge verb before it
            lo = max([cl.start, *(c.end for c in live if c.cls in _PLEDGE_CUES and c.end <= cue.start)])
            items = [it for it in cl.items if lo <= it.start and it.end <= cue.start and self._one_phrase(it.end, cue)]
            kinds = [c for c in live if c.cls in ("military", "lethal") and lo <= c.start and c.end <= cue.start
                     and self._one_phrase(c.end, cue)]
            if items or kinds:  # the nearest object before the verb comes first
                first = max([*(it.end for it in items), *(c.end for c in kinds)])
                items = [it for it in items if it.end == first] if any(it.end == first for it in items) else []
                kinds = [c for c in kinds if c.end == first]
        if not items and not kinds and not self._background(cue, cl):
            # "Een rechtstreekse levering zit er dus niet in": a refusal of a delivery that names nothing refuses the
            # one item the sentence before names
            named = self._refused_before(cl, cue)
            return [f"excludes:{named}"] if named else []
        first_item = min((it.start for it in items), default=bound)
        first_kind = min(kinds, key=lambda c: c.start) if kinds else None
        if first_kind is not None and first_kind.start < first_item:
            # "any weapons or military equipment": refusing military aid as such says more than refusing weapons
            military = any(c.cls == "military" for c in kinds)
            return ["no-military-aid" if military else "non-lethal-only"]
        if not items and self._background(cue, cl):
            comma = self.folded.rfind(",", cl.start, cue.start)
            hung = [it for it in cl.items if it.end <= comma and not self.folded[it.end:comma].strip()]
            return [f"excludes:{hung[-1].id}"] if hung else []
        return [f"excludes:{i}" for i in dict.fromkeys(it.id for it in items)]


    # -- long news texts (issue 13) ----------------------------------------------------------------------------
    def _uncompared(self, cl: _Clause, live: list[Cue]) -> list[Cue]:
        """``live`` without the giving verbs of an idiom ("a donné lieu à") and the participles that only compare with
        a promise; the agent of such a participle ("than promised by Germany") leaves the clause's parties: it
        promised before, it does not act here."""
        idiom = self.rules.news.idiom_after
        if idiom is not None:  # "la visite ... a donné lieu à des annonces": no gift
            live = [c for c in live if not (c.cls in _PLEDGE_CUES and idiom.match(self.folded, c.end))]
        starts = self.__dict__.get("_comparatives")
        if starts is None:
            word = self.rules.news.comparative_word
            starts = self.__dict__["_comparatives"] = [m.start() for m in word.finditer(self.folded)] if word else []
        if bisect_left(starts, cl.start - 48) == bisect_left(starts, cl.end):
            return live  # no comparative in or just before the clause

        def near(pos: int) -> list[int]:  # the comparatives within the 48 characters before ``pos``
            return starts[bisect_left(starts, pos - 48):bisect_left(starts, pos)]

        compared = [c for c in live if c.cls in _PLEDGE_CUES and self._compared(c, near(c.start))]
        agents = [m for m in cl.parties if self._compared_agent(m, near(m.start))]
        if agents:
            cl.parties = [m for m in cl.parties if m not in agents]
        return [c for c in live if c not in compared] if compared else live

    def _beside_listed(self, cl: _Clause, live: list[Cue], actor: _Actor, status: str, reannounced: bool) -> None:
        """Equipment the catalog lacks, listed with the named items of a package's contents ("Sie umfasse 18
        Radhaubitzen, ..., 4 Iris-T-SLM-Feuereinheiten"): an item-less pledge beside them, as after a verb."""
        pkg = [c for c in cl.cues if c.cls == "package" and cl.items and c.end <= cl.items[0].start]
        if pkg:
            self._beside_items(cl, pkg[-1], cl.end, actor, status, reannounced, live)

    def _fronted_partners(self, cl: _Clause, cue: Cue, group: list[str]) -> list[str]:
        """Co-donors named "together with" at the clause's start, before the subject and its auxiliary ("Together with
        the US and Denmark, the Netherlands has made jets available", "Samen met de Verenigde Staten en Denemarken
        heeft Nederland ...", "Gemeinsam mit Norwegen hat Deutschland ..."): the parties of that phrase."""
        members = [m.start for m in cl.parties if m.code in group and m.end <= cue.start]
        if not members:
            return []
        first = min(members)
        run: list[Mention] = []
        for m in cl.parties:
            if m.start >= first:
                break
            usable = m.is_party and m.code not in self.excluded
            if not run and usable and self._comitative(m, cl.start):
                run = [m]
            elif run and usable and self._joined(run[-1], m):
                run.append(m)
            else:
                return []  # another party, or one that is no co-donor, stands before the subject
        if not run or re.search(r"[.;:()]", self.folded[run[-1].end:first]) or len(
                _words(self.folded[run[-1].end:first])) > 3 or len(_words(self.folded[cl.start:run[0].start])) > 4:
            return []
        return [m.code for m in run]

    def _compared_agent(self, m: Mention, at: list[int]) -> bool:
        """Whether ``m`` is the agent of a participle that compares with a promise ("later than promised by
        Germany", "di quanto promesso dalla Germania", "als von Deutschland zugesagt"): the agent word just before
        it, after the comparative (one of those starting at ``at``) and at most one word."""
        pat = self.rules.news.comparative
        if pat is None:
            return False
        for p in at:
            got = pat.match(self.folded, p, m.start)
            gap = [w for w in _words(got.group(1)) if not w.endswith("'")] if got else []  # "par l'Allemagne"
            if gap and len(gap) <= 2 and self.rules.is_word("agent", gap[-1]):
                return True
        return False

    def _compared(self, cue: Cue, at: list[int]) -> bool:
        """A one-word pledge participle that only compares with a promise ("much later than promised", "später als
        zugesagt", "zoals beloofd"), after one of the comparatives starting at ``at``: no pledge of its own."""
        pat = self.rules.news.comparative
        if pat is None or cue.cls not in _PLEDGE_CUES or " " in cue.text.strip():
            return False
        for p in at:
            m = pat.match(self.folded, p, cue.start)
            gap = _words(m.group(1)) if m else []
            # the promiser may stand between, where the verb comes last: "als von Deutschland zugesagt"
            if m is not None and (not gap or self.rules.is_word("agent", gap[0])):
                return True
        return False

    def _plural_before(self, cl: _Clause, cue: Cue) -> _Actor | None:
        """The donors of a sentence that opens with a word for several parties and names none ("They have supplied
        Kyiv with anti-tank arms", "Beide Länder liefern ..."): the last parties named together in the sentence
        before ("... including Finland and Sweden."), where no preposition makes them addressees."""
        pat = self.rules.news.plural
        opens = pat.match(self.folded, cl.s_start) if pat is not None else None
        if opens is None or cl.start != cl.s_start or cue.cls not in _PLEDGE_CUES or cl.sentence == 0 or any(
                m.is_party and m.code not in self.excluded for m in self._sentence_parties(cl)):
            return None
        # "Both systems ...": the word is a thing's, not the parties'
        if any(c.cls in ("aid", "equipment", "package", "component") and 0 <= c.start - opens.end() <= 1
               for c in cl.cues) or any(0 <= it.start - opens.end() <= 1 for it in cl.items):
            return None
        before = [m for c in self.sentence_clauses.get(cl.sentence - 1, []) for m in c.parties
                  if m.is_party and m.code not in self.excluded]
        floor = min((c.start for c in self.sentence_clauses.get(cl.sentence - 1, [])), default=0)
        group: list[Mention] = []
        for m in before:
            group = [*group, m] if group and self._joined(group[-1], m) else [m]
        codes = list(dict.fromkeys(m.code for m in group))
        if len(codes) < 2:
            return None
        prev = [w for w in self._prev_words(group[0].start, floor, 2) if not self.rules.is_word("joiner", w)]
        if prev and self.rules.is_word("addressee", prev[-1]) and not self.rules.is_word("apposition", prev[-1]):
            return None  # "... sent weapons to Poland and Lithuania. They ...": the recipients
        return _Actor(codes, "explicit", "a word for several parties opening the sentence: the parties named "
                                         "together last in the sentence before")

    def _refused_before(self, cl: _Clause, cue: Cue) -> str | None:
        """The item a refusal that names none is about: its clause speaks of a delivery or of equipment, its sentence
        names no item and no kind of aid, nothing after the refusal names its own object (equipment, or a name the
        catalog lacks: "ruled out sending Tomahawk missiles"), and the sentence before names one item."""
        here = self.sentence_clauses.get(cl.sentence, [cl])
        if not any(c.cls in ("aid", "equipment", "systems", "missiles", "launcher") for c in cl.cues) or any(
                other.items or any(c.cls in ("lethal", "military") for c in other.cues) for other in here):
            return None
        names = [cue.end + x.start() for x in re.finditer(r"\w+", self.text[cue.end:cl.end]) if x.group()[:1].isupper()]
        if any(c.cls in ("equipment", "systems", "missiles", "launcher", "interceptor") and c.start >= cue.end
               for c in cl.cues) or any(not any(m.start <= at < m.end for m in cl.parties) for at in names):
            return None
        before = {it.id for other in self.sentence_clauses.get(cl.sentence - 1, []) for it in other.items}
        return next(iter(before)) if len(before) == 1 else None

def _explained(cue: Cue | None, actor: _Actor, rule: str) -> dict[str, Any]:
    """Why a record is there, for ``--explain``: its cue, how its donor or party is attached, and the rule."""
    return {"cue": cue.text if cue else None, "cue_class": cue.cls if cue else None, "cue_start": cue.start
            if cue else None, "attachment": actor.via or actor.how, "rule": rule}


def _unpaired(records: list[Record]) -> list[Record]:
    """A list of donors with a list of items the text does not pair ("Germany, Norway and Denmark will send air
    defence; the systems include IRIS-T, NASAMS and Patriot") is one item-less pledge per donor, not every pair.
    Items that are the donors' own object ("la France et l'Italie envisagent ... SAMP/T et Mistral") are paired."""
    joint: dict[tuple[Any, ...], list[Pledge]] = {}
    for r in records:
        if isinstance(r, Pledge) and r.joint and r.item is not None:
            joint.setdefault(r.joint, []).append(r)
    dropped: set[int] = set()
    out = list(records)
    for group in joint.values():
        if len({p.item for p in group}) < 2:
            continue
        firm = max(group, key=lambda p: _STATUS_RANK[p.status])
        for code in dict.fromkeys(p.donor for p in group):
            out.append(Pledge(code, None, firm.status, firm.evidence, firm.start, firm.end,
                              firm.confidence - 0.2, firm.recipient, reannouncement=firm.reannouncement,
                              specific=True, explain={**(firm.explain or {}), "rule": (
                                  "a list of donors with a list of items the text does not pair: one pledge per "
                                  "donor, item unknown")}))
        dropped.update(id(p) for p in group)
    return [r for r in out if id(r) not in dropped]


def _confidence(how: str, named_item: bool) -> float:
    base = {"explicit": 0.9, "government": 0.8, "topic": 0.7, "inherited": 0.7, "main": 0.7}[how]
    return base if named_item else base - 0.2


def _headline_end(text: str, spans: Sequence[tuple[int, int]]) -> int:
    """Where the headline ends: the first line of the body when it is short and ends without a full stop."""
    if not spans:
        return 0
    a, b = spans[0]
    nl = text.find("\n", a, b)
    first = text[a:nl if nl >= 0 else b].strip()
    return a + len(first) if 0 < len(first) <= 160 and first[-1:] not in ".!?" and nl >= 0 else 0


def _merged(records: Iterable[Record], headline_end: int = 0,
            family: Callable[[str], str] | None = None) -> list[Record]:
    """One pledge per donor and item (the firmest status, its quantity where given), one policy per party/stance.

    What the body says wins over what the headline sums up ("Norway and Sweden pledge aid" / "Sweden is
    examining ..."), whatever its status."""

    def rank(p: Pledge) -> tuple[bool, bool, int]:
        return (p.start >= headline_end, not p.background, _STATUS_RANK[p.status])

    pledges: dict[tuple[str, str | None, str], Pledge] = {}
    policies: dict[tuple[str, str], Policy] = {}
    for r in records:
        if isinstance(r, Policy):
            policies.setdefault((r.party, r.stance), r)
            continue
        # item-less pledges of another status are other aid ("will spend EUR 300m" / "has delivered its F-16s");
        # a delivery and a new pledge of one item are two events ("12 more Caesar, besides the 18 delivered")
        key = (r.donor, r.item, ("delivered" if r.status == "delivered" else "") if r.item else r.status)
        old = pledges.get(key)
        if old is None:
            pledges[key] = r
            continue
        if r.item is None:  # one item-less pledge says something the named items do not: the merged one does too
            r.specific = old.specific = r.specific or old.specific
        if rank(r) > rank(old):
            r.reannouncement = r.reannouncement or old.reannouncement
            if r.quantity is None and old.status == r.status:
                r.quantity = old.quantity
            pledges[key] = r
        else:
            old.reannouncement = old.reannouncement or r.reannouncement
            if old.quantity is None and r.status == old.status:
                old.quantity = r.quantity
            if old.value is None and r.value is not None:
                old.value, old.currency = r.value, r.currency
    # an item-less pledge sums up the donor's named ones ("announced new assistance: ... includes NASAMS"), and so
    # does a headline; one in the body with a status of its own says something they do not (a delivery of a system
    # the catalog does not list)
    # the news wins over a relative clause's background of the same item (", which has already delivered four,")
    news = {(p.donor, p.item) for p in pledges.values() if p.item is not None and not p.background}
    for k in [k for k, p in pledges.items() if p.item is not None and p.background and (p.donor, p.item) in news]:
        del pledges[k]
    # what the body says of a donor's item wins over what the headline says of it, at the body's level of detail
    # ("Romania sends Patriot missiles" / "Romania will send a Patriot system": the system; `family` gives it)
    # and of one model in another variant ("Leopard 2 battle tanks" / "Leopard 2 A6 tanks": the catalog's ids end in
    # the variant, "leopard-2a4", "leopard-2a6")
    def fam(i: str) -> str:
        return _VARIANT.sub("", family(i) if family else i)

    body_items = {(p.donor, fam(p.item)) for p in pledges.values() if p.item is not None
                  and p.start >= headline_end}
    for k in [k for k, p in pledges.items() if p.item is not None and p.start < headline_end
              and (p.donor, fam(p.item)) in body_items]:
        del pledges[k]
    named = {(p.donor, p.status) for p in pledges.values() if p.item is not None}
    donors = {d for d, _ in named}
    in_body = {p.donor for p in pledges.values() if p.start >= headline_end}
    out: list[Record] = [p for p in pledges.values() if p.item is not None or (
        p.start < headline_end and p.donor not in in_body) or (p.start >= headline_end and (
            p.donor not in donors or (p.donor, p.status) not in named or p.specific))]
    # the headline's short refusal gives way to the body's exact one ("won't send weapons" / "would not send any
    # weapons or military equipment": no-military-aid, not also non-lethal-only)
    limits = ("non-lethal-only", "no-military-aid")
    body_limits = {(p.party, p.stance) for p in policies.values() if p.start >= headline_end and p.stance in limits}
    out.extend(p for p in policies.values() if not (
        p.start < headline_end and p.stance in limits and (p.party, p.stance) not in body_limits
        and any(party == p.party for party, _ in body_limits)))
    return _one_limit(out)


def _one_limit(records: list[Record]) -> list[Record]:
    """One limit on aid per party: "sends no weapons, only humanitarian aid" refuses weapons (non-lethal-only, not
    also no-military-aid), and a party that refuses military aid yet gives or has given equipment ("no weapons or
    military aid; it has sent helmets and vests") limits only lethal aid: non-lethal-only (the README's two
    stances). What it only offers under a condition ("ready to help with heaters if needed") is no such gift."""
    limited = {r.party for r in records if isinstance(r, Policy) and r.stance == "no-military-aid"}
    if not limited:
        return records
    lethal = {r.party for r in records if isinstance(r, Policy) and r.stance == "non-lethal-only"}
    # an item-less promise may be humanitarian help ("will see that help with demining is not forgotten"): no gift
    gives = {r.donor for r in records if isinstance(r, Pledge) and r.status != "considering"
             and (r.item is not None or r.status == "delivered")}
    out: list[Record] = []
    for r in records:
        if isinstance(r, Policy) and r.stance == "no-military-aid" and (r.party in lethal or r.party in gives):
            if r.party not in lethal:
                lethal.add(r.party)
                out.append(Policy(r.party, "non-lethal-only", r.evidence, r.start, r.end, r.confidence,
                                  explain=r.explain))
            continue
        out.append(r)
    return out


def _recent_items(named: list[tuple[int, str]], sentence: int) -> set[str]:
    """The items named in the two sentences before ``sentence``; ``named`` is in the text's order, so only its end
    is read (a long document stays linear)."""
    out: set[str] = set()
    for s, item in reversed(named):
        if s < sentence - 2:
            break
        if s < sentence:
            out.add(item)
    return out


def _merge_windows(ws: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ws):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def _without(folded: str, a: int, b: int, items: list[_Item]) -> str:
    """``folded[a:b]`` without the items named in it ("for Patriot and NASAMS" -> "for and")."""
    parts, pos = [], a
    for it in items:
        if a <= it.start and it.end <= b:
            parts.append(folded[pos:it.start])
            pos = it.end
    parts.append(folded[pos:b])
    return " ".join(parts)


def _plain_count(cl: _Clause, n: Number) -> bool:
    """Whether ``n`` is a count in ``cl`` (not a sum, share, year or ordinal)."""
    return n.start >= cl.start and not (n.money or n.percent or n.year or n.ordinal)


def _whole_word(folded: str, m: re.Match[str]) -> str:
    """The text of ``m`` with the rest of the word it ends ("kampfpanzer" for a match of "panzer")."""
    a = m.start()
    while a > 0 and folded[a - 1].isalnum():
        a -= 1
    return folded[a:m.end()]


def _words(s: str) -> list[str]:
    return [m.group() for m in _TOKEN.finditer(s) if m.group() != "'"]


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``pos`` is in one of ``spans`` (sorted, not overlapping)."""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _between(positions: list[int], a: int, b: int) -> list[int]:
    """The sorted ``positions`` in ``[a, b)``."""
    return positions[bisect_left(positions, a):bisect_left(positions, b)]



# -- long news texts (issue 13): what a sentence says of its neighbours ---------------------------------------------
# a currency word after a party's name or demonym: the name says whose currency it is ("4,71 milliarder danske
# kroner", "US dollars", "Schweizer Franken"), not who acts
_CURRENCY_AFTER = re.compile(r"[\s-](?:kroner|kronor|krone|krona|kronen|kroon\w*|dollars?|dollarn?|dollari|dollaria|"
                             r"dollarit|dólares|dolares|dolarů|dolárov|dolarów|dolari|dolerių|dolāru|dolar|долара|"
                             r"доларів|долари|forint\w*|lei|leva|лева|złotych|złote|zlotys?|pounds?|franc\w*|franken|"
                             r"frank\w*|korun\w*|koruna)(?!\w)")


def _makers_dropped(text: str, folded: str, mentions: list[Mention], news: NewsRules) -> list[Mention]:
    """The mentions without the parties named only as where a thing is made ("500 American-manufactured Stinger
    missiles", "Stinger de fabrication américaine", "rakiety produkcji amerykańskiej"): a maker is no donor, and
    it stands between a number and its item; nor those that only qualify a news outlet ("told Canadian broadcaster
    CTV", "w rozmowie z kanadyjską telewizją"); nor those that only say whose currency an amount is in ("4,71
    milliarder danske kroner")."""
    before = [p for p in (news.origin_before, news.media_before) if p is not None]
    out = []
    for m in mentions:
        if not m.is_item and (
                _CURRENCY_AFTER.match(folded, m.end)
                or any(p.search(folded, max(0, m.start - 40), m.start) for p in before)
                or (news.origin_compound is not None and text[m.end:m.end + 1] == "-"
                    and news.origin_compound.match(folded, m.end + 1))
                or (news.origin_after is not None and news.origin_after.match(folded, m.end))
                or (news.media_after is not None and news.media_after.match(folded, m.end + (
                    text[m.end:m.end + 1] == "-")))):  # "US-Unternehmen Raytheon"
            continue
        out.append(m)
    return out


def _support_with(cues: list[Cue], folded: str, news: NewsRules) -> list[Cue]:
    """``cues`` with "to support the recipient with ..." as a commitment ("Deutschland will die Ukraine mit zwei
    weiteren Patriot-Systemen unterstützen"); where it overlaps another verb cue, the longer wins."""
    from allyplan.ingest.rules import VERB_CLASSES, resolve_overlaps

    if news.support_with is None:
        return cues
    found = [Cue(m.start(), m.end(), "committed", m.group()) for m in news.support_with.finditer(folded)]
    if not found:
        return cues
    verbs = [c for c in cues if c.cls in VERB_CLASSES]
    kept = resolve_overlaps([*verbs, *found])
    return sorted([*(c for c in cues if c.cls not in VERB_CLASSES), *kept], key=lambda c: (c.start, c.end))


def _members_listed(records: list[Record], text: str, folded: str, spans: list[tuple[int, int]],
                    mentions: list[Mention], cues: list[Cue], rules: Rules) -> list[Pledge]:
    """"17 EU countries have sent 500 generators to Ukraine. Besides Italy, the countries are Slovenia, Slovakia
    and France": a sentence that opens (after a "besides" phrase) with a group noun and a copula and lists two or more
    parties names the members of the group that gave in the sentence before: each listed party (and the one named
    "besides") gives what the sentence before gives."""
    pattern = rules.news.members
    if pattern is None or not records or not pattern.search(folded):
        return []
    bounds = [(s, e) for a, b in spans for s, e, _ in sentences(text, a, b)]
    out: list[Pledge] = []
    for i in range(1, len(bounds)):
        s, e = bounds[i]
        m = pattern.search(folded, s, min(e, s + 120))
        if m is None:
            continue
        lead = [c for c in cues if c.cls == "besides" and s <= c.start and c.end <= m.start()]
        if _words(folded[s:m.start()]) and not lead:
            continue  # the group noun opens the sentence, or follows a "besides" phrase
        parties = [x for x in mentions if s <= x.start < e and x.is_party and x.code not in ADVERSARIES
                   and x.code != "UA"]
        listed = [x for x in parties if x.start >= m.end()]
        if len(listed) < 2 or not all(rules.is_word("joiner", w) for w in _words(folded[m.end():listed[0].start])):
            continue
        chain = [listed[0]]
        for x in listed[1:]:
            words = _words(folded[chain[-1].end:x.start])
            if re.search(r"[.;:!?()]", folded[chain[-1].end:x.start]) or len(words) > 3 or not all(
                    rules.is_word("joiner", w) for w in words):
                break
            chain.append(x)
        if len(chain) < 2:
            continue
        codes = list(dict.fromkeys([*(x.code for x in parties if x.end <= m.start()), *(x.code for x in chain)]))
        ps, pe = bounds[i - 1]
        given = [r for r in records if isinstance(r, Pledge) and ps <= r.start < pe]
        have = {(r.donor, r.item) for r in records if isinstance(r, Pledge)}
        for r in given:
            for code in codes:
                if (code, r.item) not in have:
                    have.add((code, r.item))
                    out.append(replace(r, donor=code, evidence=text[s:e].strip(), start=s, end=e, quantity=None,
                                       value=None))
    return out
