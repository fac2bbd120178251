"""The rules of one language, read from ``data/ingest/rules/<language>.toml`` and compiled once.

A rules file lists, per class, regular expressions for the phrases that signal it: a pledge's status
(committed, considering, delivered), its modifiers (hedge, future, negation, re-announcement, demand, package), a
party's stance (refusal, cautious, supportive, ...), and the grammar the extractor needs (clause breaks,
prepositions that mark an addressee, list joiners, words for a government, the nouns that turn a system into its
missile or launcher). :meth:`Rules.cues` finds every phrase of a text in one pass per class.

>>> r = Rules.load("fr")
>>> [(c.cls, c.text) for c in r.cues("la france et l'italie envisagent d'augmenter")]
[('considering', 'envisagent')]
>>> sorted(available_languages())[:4]
['bg', 'cs', 'da', 'de']
>>> Rules.load("no").language  # Norwegian by any of its codes
'nb'
"""

from __future__ import annotations

import bisect
import importlib
import itertools
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import ahocorasick

__all__ = ["Rules", "NewsRules", "Cue", "available_languages", "ALIASES", "resolve_overlaps", "RULES_DIR", "STATUS",
           "STANCE_CLASSES", "VERB_CLASSES"]

RULES_DIR = Path(str(files("allyplan") / "data" / "ingest" / "rules"))
#: Codes read with another code's rules: Norwegian is `no` (macrolanguage), `nb` (Bokmål, what lingua says) or `nn`.
ALIASES: dict[str, str] = {"no": "nb", "nn": "nb"}

# the regex parser's own reading of a pattern, to find the literal text every match of it begins with
_P: Any = importlib.import_module("re._parser")
_C: Any = importlib.import_module("re._constants")

#: Status classes, weakest first.
STATUS: tuple[str, ...] = ("considering", "committed", "delivered")
STANCE_CLASSES: tuple[str, ...] = ("refusal", "cautious", "supportive", "non_lethal_only", "no_military_aid")
#: Classes that compete for the same words: where two overlap the longer wins, then the earlier in this order.
VERB_CLASSES: tuple[str, ...] = ("considering", "hedge", "non_lethal_only", "no_military_aid", "refusal", "completed",
                                 "received", "delivered", "committed", "cautious", "supportive", "demand")
_SECTIONS = {"status": ("committed", "considering", "delivered", "received", "completed"),
             "modifiers": ("hedge", "future", "negation", "reannounced", "demand", "package", "hypothetical",
                           "besides", "epistemic"),
             "stance": ("refusal", "cautious", "supportive", "non_lethal_only", "no_military_aid", "lethal",
                        "military", "directive", "abandon", "refusal_item"),
             "grammar": ("clause_break", "government", "one", "speaker", "contrast", "contrast_after", "likewise",
                         "reversal"),
             "items": ("interceptor", "launcher", "aid", "equipment", "part", "equivalent", "component", "systems",
                       "missiles", "shells", "equivalent_after", "including")}
#: Noun classes that may be the last part of a compound where the language writes compounds as one word ([grammar]
#: ``compounds``; issue 13, missed records).
_COMPOUND_HEADS = ("aid", "equipment")
_WORD_LISTS = {"grammar": ("addressee", "agent", "genitive", "joiner", "filler", "complementizer", "relative",
                           "source", "source_ending", "only", "apposition", "reporter", "genitive_ending",
                           "locative_ending", "genitive_subject", "speaker_verbs", "subordinator", "copula", "purchase",
                           "service", "pluperfect", "nominal",
                           "generic", "partitive", "interrogative", "arrival"),
               "modifiers": ("negation_after", "future_after"),
               "items": ("link", "demonstrative"), "stance": ("pending",)}


@dataclass(frozen=True, slots=True)
class Cue:
    """A phrase of class ``cls`` at ``start:end`` of the text."""

    start: int
    end: int
    cls: str
    text: str


@dataclass(frozen=True)
class NewsRules:
    """A language's ``[news]`` rules (issue 13, long news texts): where a party is only the maker of a thing or
    qualifies a news outlet, a participle that compares with a promise, a sentence-initial word for several parties
    named before, "other" before a class noun that makes it aid of its own beside the donor's named items, an idiom
    after a giving verb, and "support Ukraine with" named aid."""

    origin_compound: re.Pattern[str] | None = None  # after a hyphen joined to the name: "US-made"
    origin_before: re.Pattern[str] | None = None  # ends where the name starts: "de fabrication américaine"
    origin_after: re.Pattern[str] | None = None  # just after the name: "van Amerikaanse makelij"
    comparative: re.Pattern[str] | None = None  # ends just before a participle: "later than promised"
    plural: re.Pattern[str] | None = None  # opens a sentence: "They have supplied ...", "Beide Länder ..."
    other: re.Pattern[str] | None = None  # ends just before a class noun: "other air defense systems"
    media_after: re.Pattern[str] | None = None  # a news outlet or firm just after the name: "Canadian broadcaster CTV"
    media_before: re.Pattern[str] | None = None  # ends where the name starts: "la télévision canadienne"
    idiom_after: re.Pattern[str] | None = None  # just after a giving verb: "a donné lieu à", "gave rise to"
    support_with: re.Pattern[str] | None = None  # a commitment: "will support Ukraine with two Patriot systems"
    comparative_word: re.Pattern[str] | None = None  # the comparative alone, to find the clauses that have one
    members: re.Pattern[str] | None = None  # opens a sentence that lists a group's members: "The countries are"


def _news_rules(data: dict[str, Any]) -> NewsRules:
    """Compile a rules file's ``[news]`` section; each list is anchored as its field is used."""

    def alt(key: str, at: str) -> re.Pattern[str] | None:
        # a company qualified by a party is no donor, as a news outlet is not: "the US company Raytheon", "beim
        # deutschen Rüstungskonzern Diehl", "l'entreprise américaine Raytheon" (``firm_after``, ``firm_before``)
        firm = {"media_after": "firm_after", "media_before": "firm_before"}.get(key)
        items = sorted([*data.get(key, []), *(data.get(firm, []) if firm else [])], key=len, reverse=True)
        if not items:
            return None
        body = "|".join(f"(?:{i})" for i in items)
        return re.compile({"start": rf"\s*(?:{body})(?!\w)", "end": rf"(?<![\w'])(?:{body})\s+(?:\w+')?$",
                           "scan": rf"(?<!\w)(?:{body})(?!\w)", "word": rf"(?<![\w'])(?:{body})(?=\s)",
                           "near": rf"(?<![\w'])(?:{body})\s+(?:[\w'-]+\s+){{0,2}}$",
                           "gap": rf"(?<![\w'])(?:{body})\s+((?:[\w'-]+\s+){{0,4}}(?:\w+')?)$",
                           "open": rf"\s*[\"'«“„]?(?:{body})(?!\w)"}[at])

    return NewsRules(alt("origin_compound", "start"), alt("origin_before", "end"), alt("origin_after", "start"),
                     alt("comparative", "gap"), alt("plural", "open"), alt("other", "near"),
                     alt("media_after", "start"), alt("media_before", "end"), alt("idiom_after", "start"),
                     alt("support_with", "scan"), alt("comparative", "word"), alt("members", "scan"))


@dataclass
class Rules:
    """One language's compiled rules."""

    language: str
    name: str
    patterns: dict[str, re.Pattern[str]]
    words: dict[str, re.Pattern[str]]
    thousands: tuple[str, ...] = (",",)
    decimal: str = "."
    thousand: re.Pattern[str] | None = None
    million: re.Pattern[str] | None = None
    billion: re.Pattern[str] | None = None
    number_words: dict[str, int] = field(default_factory=dict)
    _starts: Any = None  # Aho-Corasick automaton: literal beginning -> (its length, classes that can start so)
    _scan_everywhere: tuple[str, ...] = ()
    #: words that make a number next to them no count ("several hundred", "hundreds of", "kilka tysięcy"); the
    #: pattern matches the word and the space after it
    vague: re.Pattern[str] | None = None
    #: nouns of an approximate count and their value ("une dizaine" 10, "a dozen" 12, "zwei Dutzend" 24)
    approx: dict[str, int] = field(default_factory=dict)
    approx_pattern: re.Pattern[str] | None = None
    #: the language capitalises every noun (German): an article after a lower-case word hangs on no noun
    nouns_capitalised: bool = False
    #: a giving verb governed by a verb of deciding or intending ("wants Germany to send"): a party between them is
    #: the head's object, not the giver (see :func:`_governed`), unless the language puts the verb second
    governed: re.Pattern[str] | None = None
    #: the finite verb comes second ([grammar] ``verb_second``): a subject may follow the head ("Zudem will Kanada
    #: ... liefern")
    verb_second: bool = False
    #: the one country whose language this is (``home``): whose "government" a text in it means when it names no
    #: party ("Det stödet har inte trappats ner ..., visar regeringen": Sweden's); None for a language of several
    home: str | None = None
    #: a request for leave to give ("asked Switzerland for permission to send"): the one who asks gives
    asking: re.Pattern[str] | None = None
    # answers of is_word, which the extractor asks about the same few words again and again
    #: the ``[news]`` section: what a sentence of a long news text says of its neighbours
    news: NewsRules = field(default_factory=NewsRules)
    _word_cache: dict[tuple[str, str], bool] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, language: str) -> Rules:
        """The rules of ``language`` (an ISO 639-1 code); raises ``KeyError`` when there are none."""
        return _load(ALIASES.get(language, language))

    def cues(self, folded: str) -> list[Cue]:
        """Every phrase of every class in ``folded`` (see :func:`allyplan.ingest.text.fold`).

        Verb classes that overlap are resolved (longest, then by :data:`VERB_CLASSES` order); other classes are
        kept as found. The same matches as ``pattern.finditer`` for each class, found faster: an Aho-Corasick pass
        over the phrases' literal beginnings tells where a class's pattern can start, and it is tried only there.
        """
        found: dict[str, list[Cue]] = {c: [] for c in self.patterns}
        for cls_ in self._scan_everywhere:
            found[cls_] = [Cue(m.start(), m.end(), cls_, m.group()) for m in self.patterns[cls_].finditer(folded)]
        if self._starts is not None:
            hits: list[tuple[int, tuple[str, ...]]] = []
            for last, (length, classes) in self._starts.iter(folded):
                hits.append((last + 1 - length, classes))
            hits.sort(key=lambda h: h[0])
            reach: dict[str, int] = {}
            for start, classes in hits:
                for cls_ in classes:
                    if start < reach.get(cls_, 0):
                        continue
                    m = self.patterns[cls_].match(folded, start)
                    if m is not None and m.end() > start:
                        found[cls_].append(Cue(start, m.end(), cls_, m.group()))
                        reach[cls_] = m.end()
        if self.governed is not None and found.get("refusal"):
            # "non è disposta a inviare", "is niet bereid ... te leveren": a refusal that holds the head of a
            # governed giving verb refuses it; the longer governed phrase must not swallow the refusal
            refusals = sorted(found["refusal"], key=lambda r: r.start)
            starts = [r.start for r in refusals]
            ends = list(itertools.accumulate((r.end for r in refusals), max))  # the furthest end so far

            def inside(pos: int) -> bool:  # whether a refusal starts before ``pos`` and runs past it
                i = bisect.bisect_left(starts, pos)
                return i > 0 and ends[i - 1] > pos

            for cls_ in ("considering", "committed"):
                found[cls_] = [c for c in found.get(cls_, []) if not (
                    inside(c.start) and self.governed.fullmatch(c.text))]
        verbs: list[Cue] = []
        out: list[Cue] = []
        for cls_, cues in found.items():
            (verbs if cls_ in VERB_CLASSES else out).extend(cues)
        out.extend(resolve_overlaps(verbs))
        out.sort(key=lambda c: (c.start, c.end))
        return out

    def is_word(self, kind: str, token: str) -> bool:
        """Whether ``token`` (folded) is one of the ``kind`` words (addressee, agent, genitive, joiner, filler,
        complementizer, link)."""
        key = (kind, token)
        got = self._word_cache.get(key)
        if got is None:
            pat = self.words.get(kind)
            got = self._word_cache[key] = bool(pat and pat.fullmatch(token))
        return got


def resolve_overlaps(verbs: list[Cue]) -> list[Cue]:
    """Of verb cues that overlap, keep the longest (then the first in :data:`VERB_CLASSES`)."""
    rank = {c: i for i, c in enumerate(VERB_CLASSES)}
    limits = [c for c in verbs if c.cls in ("no_military_aid", "non_lethal_only")]
    if limits:  # "ще предоставя само хуманитарна помощ": support that names only humanitarian aid is that limit
        verbs = [c for c in verbs if c.cls != "supportive" or not any(
            c.start <= x.start and x.end <= c.end for x in limits)]
    taken: list[Cue] = []
    starts: list[int] = []  # of the taken cues, sorted; they never overlap, so their ends are sorted too
    for c in sorted(verbs, key=lambda c: (c.start - c.end, rank[c.cls], c.start)):
        i = bisect.bisect_right(starts, c.start)
        if (i > 0 and taken[i - 1].end > c.start) or (i < len(taken) and taken[i].start < c.end):
            continue
        starts.insert(i, c.start)
        taken.insert(i, c)
    return taken


def _alternation(items: list[str]) -> str:
    """One regex of ``items``, longest first (a lookahead does not count: "un tercer" before "un(?= ...)")."""
    return "|".join(f"(?:{p})" for p in sorted(items, key=lambda p: len(_LOOKAROUND.sub("", p)), reverse=True))


#: A word a status phrase may skip between its parts: a word (elided or not), or an amount ("stelt dit jaar € 23
#: miljoen extra beschikbaar", "wird 2,7 Milliarden Euro ... bereitstellen"): a currency sign or a number with its
#: decimal or thousands marks, which ``\w+`` does not cover (issue 13, missed records).
_GAP_WORD = r"(?:(?:[\w']+|[€$£¥₴]?\d+(?:[.,]\d+)*|[€$£¥₴]) )"

_LOOKAROUND = re.compile(r"\(\?<?[=!][^()]*(?:\([^()]*\)[^()]*)*\)")


@lru_cache(maxsize=64)
def _load(language: str) -> Rules:
    path = RULES_DIR / f"{language}.toml"
    if not path.is_file():
        raise KeyError(language)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    _speaker_forms(data)
    governed, asking = _governed(data)
    patterns: dict[str, re.Pattern[str]] = {}
    compounds = bool(data.get("grammar", {}).get("compounds", False))
    for section, classes in _SECTIONS.items():
        for cls_ in classes:
            # a word skipped inside a phrase may be elided ("le soutien de la France à l'Ukraine se poursuivra")
            items = [i.replace(r"(?:\w+ )", _GAP_WORD if section == "status" else r"(?:[\w']+ )")
                     for i in data.get(section, {}).get(cls_, [])]
            if items:
                # a status verb right after an elided article is a noun ("l'annonce"); other phrases may follow one
                before = r"(?<![\w'])" if cls_ in STATUS else r"(?<!\w)"
                if cls_ in _COMPOUND_HEADS and compounds:
                    # a language that writes compounds as one word names aid by the compound's last part
                    # ("milliardhjælp", "militærstøtte", "krigsskibe", "energiesteun"): the noun may end a word
                    before = r"(?<!')"
                patterns[cls_] = re.compile(before + r"(?:" + _alternation(items) + r")(?:(?<=')|(?!\w))")
    words: dict[str, re.Pattern[str]] = {}
    for section, kinds in _WORD_LISTS.items():
        for kind in kinds:
            items = data.get(section, {}).get(kind, [])
            if items:
                words[kind] = re.compile(_alternation(items))
    nums = data.get("numbers", {})

    def scale(key: str) -> re.Pattern[str] | None:
        items = nums.get(key, [])
        return re.compile(r"(?:" + _alternation(items) + r")(?!\w)") if items else None

    starts: dict[str, set[str]] = {}
    everywhere: list[str] = []
    for section, classes in _SECTIONS.items():
        for cls_ in classes:
            items = data.get(section, {}).get(cls_, [])
            heads: set[str] = set()
            for alt in items:
                p = _literal_starts(alt)
                if p is None:
                    everywhere.append(cls_)
                    break
                heads |= p
            else:
                for h in heads:
                    starts.setdefault(h, set()).add(cls_)
    automaton = None
    if starts:
        automaton = ahocorasick.Automaton()
        for head, owners in starts.items():
            automaton.add_word(head, (len(head), tuple(sorted(owners))))
        automaton.make_automaton()
    return Rules(language, data.get("name", language), patterns, words, tuple(nums.get("thousands", [","])),
                 nums.get("decimal", "."), scale("thousand"), scale("million"), scale("billion"),
                 dict(nums.get("words", {})),
                 automaton, tuple(dict.fromkeys(everywhere)),
                 vague=(re.compile(r"(?<!\w)(?:" + _alternation(nums["vague"]) + r")(?:\s+|(?!\w))")
                        if nums.get("vague") else None),
                 approx={k: int(v) for k, v in nums.get("approx", {}).items()},
                 approx_pattern=(re.compile(r"(?<!\w)(?:" + "|".join(
                     re.escape(k) for k in sorted(nums["approx"], key=len, reverse=True)) + r")(?!\w)")
                     if nums.get("approx") else None),
                 nouns_capitalised=bool(data.get("nouns_capitalised", False)),
                 governed=re.compile(_alternation(governed)) if governed else None,
                 verb_second=bool(data.get("grammar", {}).get("verb_second", False)),
                 home=str(data["home"]) if data.get("home") else None,
                 asking=re.compile(_alternation(asking)) if asking else None,
                 news=_news_rules(data.get("news", {})))


def _speaker_forms(data: dict[str, Any]) -> None:
    """A giving verb in the first person plural ([grammar] ``speaker_verbs``: "invieremo") is a commitment by the
    speaker's party, in the past (``speaker_delivered``: "przekazaliśmy", "poslali jsme", "передали ми") a delivery
    by it: both are status verbs, and both are the speaker's verbs."""
    status = data.setdefault("status", {})
    grammar = data.setdefault("grammar", {})
    present, past = grammar.get("speaker_verbs", []), grammar.get("speaker_delivered", [])
    status.setdefault("committed", []).extend(present)
    status.setdefault("delivered", []).extend(past)
    if past:
        grammar["speaker_verbs"] = [*present, *past]


def _governed(data: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Add to the status verbs a giving verb governed by a verb of deciding or of intending ([grammar]
    ``give_infinitive``, ``decide_heads``, ``intend_heads``): "ønsker at sende", "se había comprometido a enviar",
    "wollten ... der Ukraine spenden", "zapadła decyzja o przekazaniu". A decision or an agreement is a commitment
    (``committed``), a wish, plan or request a ``considering``. Up to ``head_reach`` words stand between them (no
    negation among them); ``heads_after`` where the head follows the giving verb (Turkish "göndermeye karar verdi").
    ``permission_heads`` ask leave to give ("asked Switzerland for permission to send"): considering, by the one who
    asks. Returns the phrases made, and those of them that ask leave.
    """
    status = data.setdefault("status", {})
    for cls_ in _SECTIONS["status"]:  # more forms of a class's verbs on a line of their own ("committed_paradigm")
        status.setdefault(cls_, []).extend(status.get(f"{cls_}_paradigm", []))
        # a delivery noun with the verb that gives its status ("delivered_nominal": "the delivery of ... has begun")
        status[cls_].extend(status.get(f"{cls_}_nominal", []))
    stance = data.setdefault("stance", {})
    for cls_ in _SECTIONS["stance"]:  # the same for a stance's phrases ("supportive_paradigm")
        if stance.get(f"{cls_}_paradigm"):
            stance.setdefault(cls_, []).extend(stance[f"{cls_}_paradigm"])
    grammar = data.get("grammar", {})
    give = grammar.get("give_infinitive", [])
    if not give:
        return [], []
    # a negation or a complementizer between them: "did not decide to send", "voudrait que X permette la livraison"
    stops = [*data.get("modifiers", {}).get("negation", []), *grammar.get("complementizer", [])]
    # talks or negotiations on a gift (``talks_heads``: "talks on", "négocie", "переговори щодо") discuss it: a
    # considering, with the delivery nouns (``give_noun``) too; a decision to hold them decides nothing given
    # ("agreed to hold talks on the supply of")
    talks = grammar.get("talks_heads", [])

    def gap_over(words: list[str]) -> str:
        skip = rf"(?!(?:{_alternation(words)})(?!\w))" if words else ""
        return rf"(?:{skip}[\w',\"]+(?:\.\w+)* ){{0,{int(grammar.get('head_reach', 4))}}}"

    phrases: list[str] = []
    asking: list[str] = []
    for key, cls_ in (("decide_heads", "committed"), ("intend_heads", "considering"),
                      ("permission_heads", "considering"), ("talks_heads", "considering")):
        heads = grammar.get(key, [])
        verbs = _alternation([*give, *grammar.get("give_noun", [])] if key == "talks_heads" else give)
        gap = gap_over([*stops, *talks] if key == "decide_heads" else stops)
        if heads:
            head = _alternation(heads)
            phrase = (rf"(?:{verbs}) {gap}(?:{head})" if grammar.get("heads_after")
                      else rf"(?:{head}) {gap}(?:{verbs})")
            data.setdefault("status", {}).setdefault(cls_, []).append(phrase)
            (asking if key == "permission_heads" else phrases).append(phrase)
    return phrases + asking, asking


def _literal_starts(pattern: str, limit: int = 4) -> set[str] | None:
    """The literal beginnings (up to ``limit`` characters) that every match of ``pattern`` starts with, or None
    when a match can start otherwise (a character class, an optional part)."""

    def walk(seq: Any, heads: set[str]) -> tuple[set[str], bool] | None:
        # (the beginnings so far, whether what follows may still extend them): a group that stops early (a character
        # class in "dar[eà]") stops its parent too, else "dar" would run on into the text after the group
        for op, av in seq:
            if all(len(h) >= limit for h in heads):
                return heads, True  # long enough: a parent's further literals no longer change them
            if op is _C.LITERAL:
                heads = {h + chr(av) if len(h) < limit else h for h in heads}
            elif op is _C.SUBPATTERN:
                got = walk(av[3], heads)
                if got is None:
                    return (heads, False) if all(heads) else None
                heads, open_ = got
                if not open_:
                    return heads, False
            elif op is _C.ASSERT and av[0] < 0 and not any(heads):
                continue  # a lookbehind before the first literal ("(?<=ması )halinde") matches no text itself
            elif op is _C.BRANCH:
                merged: set[str] = set()
                stopped = False
                for branch in av[1]:
                    got = walk(branch, heads)
                    if got is None:
                        return (heads, False) if all(heads) else None
                    merged |= got[0]
                    stopped = stopped or not got[1]
                heads = merged
                if stopped:
                    return (heads, False) if all(heads) else None
            else:
                return (heads, False) if all(heads) else None
            if len(heads) > 500:
                return None
        return (heads, True) if all(heads) else None

    got = walk(_P.parse(pattern), {""})
    return got[0] if got is not None else None


def available_languages() -> frozenset[str]:
    """The languages that have rules (and the codes read with another's, :data:`ALIASES`)."""
    stems = {p.stem for p in RULES_DIR.glob("*.toml")}
    return frozenset(stems | {a for a, b in ALIASES.items() if b in stems})
