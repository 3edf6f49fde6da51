"""Find the actors an article names, and resolve their mentions to canonical entities.

Mentions come from, in order of trust: the curated knowledge file and pycountry (names,
aliases, acronyms, demonyms, seats of government), titles before names ("Treasury
Secretary Scott Bessent"), capitalised name sequences classified by keyword (Fund, Bank,
Party -> Organization; Conference, Summit -> Event; Act, Treaty -> Agreement; otherwise two
to four name-like words -> Person), acronyms defined in parentheses, agreement phrases
("a $20 billion swap line with Argentina's central bank") and government metonyms
("Washington", "the Trump administration"). A second pass links surnames, acronyms and
lower-cased forms ("milei", "washington") to what the first pass found.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .lexicon import (AGREEMENT_HEADS, AGREEMENT_KEYWORDS, AGREEMENT_MODIFIERS, COMMON,
                      EVENT_KEYWORDS, GEO_WORDS, ORG_CLASS_NOUNS, ORG_FIRST_WORDS, ORG_KEYWORDS,
                      PARTY_MEMBERS, POLITICAL_WORDS, TITLE_SET, Knowledge, entity_words, fold, knowledge)
from .text import Sentence, Token, tokenize

CONNECTORS = {"of", "for", "the", "de", "del", "da", "do", "dos", "das", "la", "las", "los", "y",
              "van", "von", "der", "bin", "al", "on", "and", "in", "por", "para", "el"}
NAME_PARTICLES = {"de", "del", "da", "do", "dos", "das", "la", "van", "von", "der", "bin", "al", "y",
                  "por", "para", "el"}
ORG_MODIFIERS = {"foreign", "economy", "finance", "interior", "defense", "defence", "justice",
                 "security", "health", "labor", "labour", "national", "federal", "central",
                 "supreme", "general", "state", "public", "world", "international", "united",
                 "european", "american", "democratic", "republican", "trade", "development",
                 "economic", "political", "monetary"}
METONYM_HEADS = {"administration", "government", "cabinet", "side", "delegation", "authorities"}
SPEECH_VERBS = {"said", "says", "told", "noted", "stated", "added", "argued", "wrote", "explained",
                "warned", "posted", "tweeted", "insisted", "declared", "claimed", "asked"}
ANAPHORS = {"deal", "program", "programme", "agreement", "legislation", "bill", "act", "swap", "framework",
            "measure", "budget",
            "loan", "bailout", "package", "assistance", "aid", "rescue", "plan", "accord", "treaty"}
FINANCIAL_KINDS = {"currency swap", "loan", "credit line", "bailout", "financing program", "rescue"}
# What _agreement_kind names; an agreement's canonical name ends with its kind. Longest first.
AGREEMENT_KINDS = ("financing program", "trade agreement", "nuclear agreement", "climate agreement",
                   "defense agreement", "defence agreement", "security agreement", "investment agreement",
                   "debt agreement", "currency swap", "credit line", "assistance", "agreement", "rescue", "loan")
ANAPHOR_DETERMINERS = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "whole", "entire", "same",
                       "new", "proposed", "planned", "latest", "controversial", "rescue", "bailout",
                       "trade", "swap", "loan", "financial", "economic", "legislative", "spending"}
FINANCIAL = {"swap", "loan", "bailout", "rescue", "credit", "package", "assistance", "aid"}
QUOTE_OPEN = "“\"‘'«("
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"}

LIST_ORG_RE = re.compile(
    r"\b(?:Ministry|Department|Secretariat|Office|Commission|Committee) (?:of|for) "
    r"(?:the )?[A-Z][\w-]+(?:, [A-Z][\w-]+)*,? and [A-Z][\w-]+")
DOMAIN_RE = re.compile(r"\b[A-Z][A-Za-z0-9-]+\.(?:org|com|net|gov|io|info)\b")
BRACKET_RE = re.compile(r"\[([A-Z][A-Za-z&.' ]{1,30})\]")
ACRONYM_PHRASE_RE = re.compile(
    r"\b([A-Z]{2,6})\s+((?:[a-z]+\s+){0,3}(?:agency|movement|party|group|bloc|union|coalition|fund|"
    r"bank|office|institute|council|commission|organization|organisation|network|foundation))\b")
_ORG_HEADS = "|".join(sorted({w.capitalize() for w in ORG_KEYWORDS if w.isalpha() and len(w) > 3}, key=len,
                              reverse=True))
POSSESSIVE_ORG_RE = re.compile(
    r"\b(?:(?!The\b|A\b|An\b)[A-Z][\w-]+ ){0,2}(?P<owner>[A-Z][a-z]+)(?:['’]s|(?<=s)['’])((?: [A-Z][\w-]+){0,3}) (?:"
    + _ORG_HEADS + r")\b"
    r"(?: (?:of|for) (?:the )?[A-Z][\w-]+(?: [A-Z][\w-]+){0,2})?")
OWNED_TITLE_RE = re.compile(r"\b([A-Z][\w-]+)['’]s (?:new |former |current )?(?:chairman|chairwoman|chief executive|"
                            r"CEO|shareholders|board|subsidiary|founder)\b")
_APOSTROPHE_RE: dict = {}


def _apostrophe_re(kb: Knowledge) -> re.Pattern:
    """Known names with an apostrophe ("Moody's"), which the tokenizer splits."""
    if "re" not in _APOSTROPHE_RE:
        names = [re.escape(n) for n in kb.apostrophe_names] or ["(?!x)x"]
        _APOSTROPHE_RE["re"] = re.compile(r"(?<![\w-])(?:" + "|".join(names) + r")(?![\w-])")
    return _APOSTROPHE_RE["re"]


_NAME_WORD = r"[A-Z][\w'’.-]*"
NICKNAME_RE = re.compile(
    rf"\b(?P<first>{_NAME_WORD}(?:\s{_NAME_WORD})?)\s+[“\"‘](?P<nick>{_NAME_WORD}(?:\s{_NAME_WORD})?)[”\"’]\s+"
    rf"(?P<last>(?:(?:de|del|da|van|von|la)\s)?{_NAME_WORD}(?:\s(?:(?:de|del|da|van|von|la)\s)?{_NAME_WORD})?)")
CENTRAL_BANK_RE = re.compile(r"\b([A-Z][\w.]+(?: [A-Z]\w+)?)['’]s central bank\b")
INAUGURATION_RE = re.compile(
    r"\b(?:(?P<who>[A-Z][\w-]+(?: [A-Z][\w-]+)?)['’]s (?:inauguration|swearing-in)"
    r"|(?:inauguration|swearing-in) of (?P<who2>[A-Z][\w-]+(?: [A-Z][\w-]+)?))")
ELECTION_RE = re.compile(
    r"\b(?:(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December) )?(?:(?P<year>(?:19|20)\d\d) )?(?:(?P<adj>[A-Z][\w.]+) )?(?P<kind>midterm|presidential|"
    r"legislative|general|parliamentary|congressional)? ?(?P<head>elections?|midterms|vote)\b")


@dataclass
class Mention:
    start: int
    end: int
    surface: str
    entity: str
    sentence: int
    possessive: bool = False
    anaphor: bool = False
    phrase: bool = False          # an agreement phrase that may contain its parties
    inert: bool = False           # records that the article names it; no relation starts here


@dataclass
class Entity:
    name: str
    label: str
    country: str | None = None
    aliases: set[str] = field(default_factory=set)
    kind: str | None = None          # agreements: "trade agreement", "currency swap", ...
    parties: tuple[str, ...] = ()    # agreements: the actors named as its parties


@dataclass
class Candidate:
    start: int
    end: int
    surface: str
    label: str | None          # None: unresolved single word
    name: str | None = None    # canonical name when known
    country: str | None = None
    titled: bool = False


@dataclass
class ArticleEntities:
    """Entities of one article with every mention, sentence by sentence."""

    text: str
    sentences: list[Sentence]
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    home: str | None = None       # the country the article is mostly about
    second: str | None = None     # the next most mentioned country
    year: str | None = None       # publication year, for "the midterm elections"
    inert: list[Mention] = field(default_factory=list)  # named, but inside a larger mention
    tokens: list[list[Token]] = field(default_factory=list)  # per sentence
    candidates: list[list["Candidate"]] = field(default_factory=list)  # per sentence, before resolution

    def in_sentence(self, index: int) -> list[Mention]:
        return [m for m in self.mentions if m.sentence == index]

    def add(self, name: str, label: str, surface: str | None = None, country: str | None = None,
            **extra) -> Entity:
        entity = self.entities.get(name)
        if entity is None:
            entity = self.entities[name] = Entity(name, label, country, **extra)
        elif country and not entity.country:
            entity.country = country
        if surface and surface != name:
            entity.aliases.add(surface)
        return entity

    def country_of(self, name: str) -> str | None:
        entity = self.entities.get(name)
        if entity is None:
            return knowledge().country_of(name)
        if entity.label == "Country":
            return entity.name
        return entity.country or knowledge().country_of(name)


def find_entities(text: str, sentences: list[Sentence], year: str | None = None) -> ArticleEntities:
    """Run every pass of ``PASSES`` over the article, in order."""
    result = ArticleEntities(text, sentences)
    result.year = year
    for step in PASSES:
        step(result)
    return result


def find_candidates(result: ArticleEntities) -> None:
    """Tokens and name candidates of every sentence (capitalised runs, titles, known names, shapes)."""
    kb = knowledge()
    for sentence in result.sentences:
        tokens = tokenize(result.text, sentence.start, sentence.end)
        result.tokens.append(tokens)
        result.candidates.append(_candidates(result.text, sentence, tokens, kb))


def register_names(result: ArticleEntities) -> None:
    """What is known or multi-word first, so single words can be linked to it."""
    for cands in result.candidates:
        for cand in cands:
            if cand.label and cand.name:
                result.add(cand.name, cand.label, cand.surface, cand.country)


def resolve_words(result: ArticleEntities) -> None:
    """Every candidate becomes a mention; single words resolve to surnames, acronyms, institutions."""
    kb = knowledge()
    persons = PersonIndex([e for e in result.entities.values() if e.label == "Person"])
    acronyms = _acronyms(result.text, result, kb)
    for index, cands in enumerate(result.candidates):
        for cand in cands:
            name, label = cand.name, cand.label
            if name == "":
                continue  # a place or demonym: no actor
            if name is None:
                name, label = _resolve_single(cand, persons, acronyms, result, kb,
                                              result.tokens[index], result.sentences[index])
                if name is None:
                    continue
                persons.alias(result.add(name, label, cand.surface, kb.country_of(name)), cand.surface)
            result.mentions.append(Mention(cand.start, cand.end, cand.surface, name, index))


def drop_overlaps(result: ArticleEntities) -> None:
    result.mentions.sort(key=lambda m: (m.start, -m.end))
    result.mentions = _drop_overlaps(result.mentions)


def mark_possessives(result: ArticleEntities) -> None:
    """A mention followed by 's (or a bare apostrophe after s) is a possessor."""
    for m in result.mentions:
        m.possessive = bool(re.match(r"['’]s\b|['’](?=\s)", result.text[m.end:m.end + 2]))


def prune(result: ArticleEntities) -> None:
    """Entities no mention points at leave; a name is no alias of itself."""
    for entity in result.entities.values():
        entity.aliases.discard(entity.name)
    used = {m.entity for m in result.mentions} | {m.entity for m in result.inert}
    result.entities = {k: v for k, v in result.entities.items() if k in used}


# --- candidates from capitalised runs --------------------------------------------------

def _candidates(text: str, sentence: Sentence, tokens: list[Token], kb: Knowledge) -> list[Candidate]:
    known_only = sentence.kind != "body"
    out: list[Candidate] = []
    taken: list[tuple[int, int]] = []

    def claim(cand: Candidate) -> None:
        out.append(cand)
        taken.append((cand.start, cand.end))

    chunk = text[sentence.start:sentence.end]
    base = sentence.start
    for m in LIST_ORG_RE.finditer(chunk):
        claim(Candidate(base + m.start(), base + m.end(), m.group(), "Organization", m.group()))
    for m in DOMAIN_RE.finditer(chunk):
        claim(Candidate(base + m.start(), base + m.end(), m.group(), "Organization", m.group()))
    for m in BRACKET_RE.finditer(chunk):
        known = kb.lookup(m.group(1))
        name = known.name if known else m.group(1)
        claim(Candidate(base + m.start(1), base + m.end(1), m.group(1), "Organization", name))
    apostrophe = "'" in chunk or "’" in chunk
    for m in (_apostrophe_re(kb).finditer(chunk) if apostrophe or "&" in chunk else ()):
        known = kb.lookup(m.group())
        if known and not any(s <= base + m.start() < e for s, e in taken):
            claim(Candidate(base + m.start(), base + m.end(), m.group(), known.label, known.name, known.country))
    for m in (POSSESSIVE_ORG_RE.finditer(chunk) if apostrophe else ()):
        # "People's Bank of China", "National Cattlemen's Beef Association": the possessive is
        # part of the name when the possessor is no actor and an organisation keyword ends it
        owner = m.group("owner")
        if kb.lookup(owner) or fold(owner) in kb.surnames or known_only or \
                any(s <= base + m.start() < e for s, e in taken):
            continue
        surface = m.group().strip()
        known = kb.lookup(surface)
        claim(Candidate(base + m.start(), base + m.start() + len(surface), surface, "Organization",
                        known.name if known else surface))
    for m in (OWNED_TITLE_RE.finditer(chunk) if apostrophe else ()):
        # "Techint's chairman": an unknown word whose chairman or shareholders are named is a firm
        word = m.group(1)
        if kb.lookup(word) or fold(word) in kb.surnames or known_only or word.lower() in COMMON or \
                any(s <= base + m.start() < e for s, e in taken):
            continue
        claim(Candidate(base + m.start(1), base + m.end(1), word, "Organization", word))
    for m in NICKNAME_RE.finditer(chunk) if not known_only else ():
        # 'Luis "Toto" Caputo': one person, named without the nickname
        if any(s <= base + m.start() < e for s, e in taken):
            continue
        first, last, start = m.group("first"), m.group("last"), m.start()
        if " " in first and not _person_like(tokenize(f"{first} {last}"), kb):
            start += first.index(" ") + 1  # "Minister Luis": the title is no part of the name
            first = first.split(" ", 1)[1]
        known = kb.lookup(f"{first} {last}")
        words = tokenize(f"{first} {last}")
        if known is None and not _person_like(words, kb):
            continue
        name = known.name if known else _person_name(words)
        claim(Candidate(base + start, base + m.end(), chunk[start:m.end()], "Person", name,
                        known.country if known else None))
    for m in ACRONYM_PHRASE_RE.finditer(chunk):
        if m.group(1) in kb.acronyms or m.group(2).split()[0] in {"and", "or", "the"} or \
                set(m.group(2).split()) & entity_words().clause_words:
            continue  # "MAGA is a movement": a clause, not a name
        phrase = m.group()
        known = kb.lookup(phrase) or kb.lookup(m.group(1))
        if len(m.group(2).split()) == 1:
            name = known.name if known else phrase
        else:
            name = known.name if known else m.group(2).title()
        cand = Candidate(base + m.start(), base + m.end(), phrase, "Organization", name)
        claim(cand)
        out.append(Candidate(base + m.start(1), base + m.end(1), m.group(1), "Organization", name))

    letters = re.sub(r"[^A-Za-z]", "", text[sentence.start:sentence.end])
    if len(letters) >= 4 and letters.isupper() and sentence.kind != "body":
        return []  # "WHO'S WHO", "THE LEAD": section headings in capitals name nobody
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    quotes = _line_quotes(text, line_start, len(text) if line_end < 0 else line_end)
    i, n = 0, len(tokens)
    classed_end = -1
    while i < n:
        tok = tokens[i]
        if not _capword(tok) or any(s <= tok.start < e for s, e in taken):
            i += 1
            continue
        j = i + 1
        while j < n:
            t = tokens[j]
            if any(s <= t.start < e for s, e in taken):
                break
            if _capword(t):
                j += 1
                continue
            if t.text == "." and len(tokens[j - 1].text) == 1 and j + 1 < n and _capword(tokens[j + 1]):
                j += 1  # initial: Donald J. Trump
                continue
            if t.lower in CONNECTORS:
                k = j
                while k < n and tokens[k].lower in CONNECTORS:
                    k += 1
                if k < n and _capword(tokens[k]) and _joins(tokens, i, j, k):
                    j = k
                    continue
            break
        start_of_sentence = i == 0 or tokens[i - 1].text in QUOTE_OPEN + ":—–;“"
        quoted = i > 0 and tokens[i - 1].text in "“\"‘" and j < n and tokens[j].text in "”\"’"
        in_quote = any(s < tokens[i].start < e for s, e in quotes)
        before = tokens[i - 1].lower if i > 0 else ""
        class_word = before in ORG_CLASS_NOUNS or before in ("state-owned", "state-run", "state-backed") or (
            before.endswith("s") and before[:-1] in ORG_CLASS_NOUNS and before[:-1] not in ("union", "group"))
        if i > 1 and before in ("and", ",") and classed_end == i - 1:
            class_word = True  # "the operators Telecom Argentina and Claro"
        if i > 1 and before == "at" and tokens[i - 2].lower in ANALYSTS:
            class_word = True  # "analysts at Itaú BBA"
        classed = i > 0 and class_word and (tokens[i - 1].text.islower() or before == "at") \
            and not known_only and not kb.lookup(_surface(tokens[i:j]))
        if class_word and not classed and kb.lookup(_surface(tokens[i:j])):
            classed_end = j  # "the operators Telecom Argentina and Claro": the list goes on
        if classed and not _match_title(tokens[i:j], 0) and not kb.lookup(tokens[i].text) and (
                j - i > 1 or not any(kb.lookup(t.text) for t in tokens[i:j])):
            # "the consultancy Equilibra", "the pipe maker Tenaris": named by what it is
            s_, e_, surface = _span(tokens[i:j])
            out.append(Candidate(s_, e_, surface, "Organization", surface))
            classed_end = j
            i = j
            continue
        qualifier = j + 1 < n and tokens[j].text.islower() and _title_word(tokens[j].lower) \
            and _capword(tokens[j + 1])
        after_in = i > 0 and tokens[i - 1].lower in ("in", "near", "outside", "at") and not (
            j < n and tokens[j].lower in ("'s",))
        if 2 <= j - i <= 3 and j < n and tokens[j].text == "," and not known_only and \
                APPOSITIVE_CLASS_RE.match(text, tokens[j - 1].end) and not kb.lookup(_surface(tokens[i:j])) and \
                not any(kb.lookup(t.text) for t in tokens[i:j]) and not _match_title(tokens[i:j], 0) and \
                not re.match(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:group|union|fund)\s+(?:leader|chief|head)",
                             text[tokens[j - 1].end:tokens[j - 1].end + 60]):
            # "Lithium Andino, a Salta-based producer": the whole name, even with a common first word
            s_, e_, surface = _span(tokens[i:j])
            out.append(Candidate(s_, e_, surface, "Organization", surface))
            i = j
            continue
        facility = j < n and tokens[j].lower in ("project", "projects", "mine", "deposit", "field", "formation",
                                                  "basin", "plant", "station", "port", "refinery", "dam")
        slogan = _in_capitals(tokens[i:j]) and not kb.lookup(_surface(tokens[i:j]))
        # "MAKE ARGENTINA GREAT AGAIN", "ARGENTINA FIRST": a slogan in capitals; only known names count
        for cand in _classify_run(tokens[i:j], kb, start_of_sentence, quoted, known_only or slogan):
            if facility and cand.label == "Person" and not cand.titled and not kb.lookup(cand.surface):
                continue  # "the Tres Quebradas project": a site, not a person
            if in_quote and cand.label not in (None, "Agreement", "Organization") and cand.name == cand.surface \
                    and not kb.lookup(cand.surface):
                continue  # unknown capitalised phrases inside quotations are slogans, not actors
            if after_in and cand.label == "Person" and not cand.titled and not kb.lookup(cand.surface) \
                    and cand.start == tokens[i].start:
                continue  # "a summit in Rio de Janeiro": a place
            if qualifier and cand.label == "Person" and not cand.titled and not kb.lookup(cand.surface) \
                    and cand.end == tokens[j - 1].end:
                continue  # "Santa Fe governor Maximiliano Pullaro": the words place the office
            out.append(cand)
        i = j
    return out


_QUOTE_CACHE: dict = {}


def _line_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    key = (id(text), start, end)
    if _QUOTE_CACHE.get("text") is not text:
        _QUOTE_CACHE.clear()
        _QUOTE_CACHE["text"] = text
    if key not in _QUOTE_CACHE:
        _QUOTE_CACHE[key] = _quote_spans(text, start, end)
    return _QUOTE_CACHE[key]


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, opened = [], None
    for i in range(start, end):
        ch = text[i]
        if ch == "“" or (ch == '"' and opened is None):
            opened = i
        elif (ch == "”" or ch == '"') and opened is not None:
            spans.append((opened, i))
            opened = None
    return spans


def _in_capitals(run: list[Token]) -> bool:
    """Two or more words, every one in capitals: a slogan or a shouted heading, not a name."""
    words = [t.text for t in run if t.text[:1].isalpha()]
    return len(words) >= 2 and all(w.isupper() and len(w) >= 2 for w in words)


def _capword(tok: Token) -> bool:
    return tok.text[:1].isupper() and (tok.text[0].isalpha())


def _joins(tokens: list[Token], i: int, j: int, k: int) -> bool:
    """May the connector words tokens[j:k] join the run tokens[i:j] to the capital at k?"""
    words = [t.lower for t in tokens[j:k]]
    left = tokens[j - 1].lower
    if words == ["and"]:
        # "Organization for Economic Cooperation and Development", "Agreement on Trade and
        # Investment"; not "Milei and Trump", nor "Bank of America and JPMorgan Chase" (a name of
        # its own, or one that ends like an organisation, follows the "and")
        inside = [tokens[x].lower for x in range(i, j)]
        keyworded = any(w in ORG_KEYWORDS for w in inside) or inside[0] in AGREEMENT_KEYWORDS
        if not (keyworded and any(w in ("for", "of", "on") for w in inside)):
            return False
        r = k
        while r < len(tokens) and _capword(tokens[r]):
            r += 1
        kb = knowledge()
        right = tokens[k:r]
        return not (kb.lookup(_surface(right)) or kb.lookup(right[0].text) or right[-1].lower in ORG_KEYWORDS)
    if "and" in words:
        return False
    if all(w in NAME_PARTICLES for w in words):
        return True
    if words[0] == "in":
        return left in {"embassy", "consulate", "office", "mission", "commerce"}  # "Chamber of Commerce in X"
    if words[0] in {"of", "for", "on"}:
        return (left in ORG_KEYWORDS or left in EVENT_KEYWORDS or left in AGREEMENT_KEYWORDS
                or tokens[i].lower in AGREEMENT_KEYWORDS
                or _title_word(left) or any(tokens[x].lower in ORG_KEYWORDS for x in range(i, j)))
    return False


TITLE_EDGE_WORDS = {t.split()[0] for t in TITLE_SET} | {t.split()[-1] for t in TITLE_SET}


def _title_word(word: str) -> bool:
    return word in TITLE_EDGE_WORDS


def _classify_run(run: list[Token], kb: Knowledge, start_of_sentence: bool, quoted: bool,
                  known_only: bool) -> list[Candidate]:
    out: list[Candidate] = []
    if not run:
        return out
    whole = _whole_run(run, kb, known_only)
    if whole:
        return [whole]
    if len(run) == 1 and "-" in run[0].text and not kb.lookup(run[0].text):
        parts, offset = [], run[0].start
        for piece in run[0].text.split("-"):
            parts.append(Token(piece, offset, offset + len(piece)))
            offset += len(piece) + 1
        known = [kb.lookup(p.text) for p in parts]
        if all(known):
            return [Candidate(p.start, p.end, p.text, k.label, k.name, k.country) for p, k in zip(parts, known)]
    pos, n = 0, len(run)
    while pos < n:
        found = _gazetteer(run, pos, kb)
        if found:
            end, cand = found
            out.append(cand)
            pos = end
            continue
        title_end = _match_title(run, pos)
        if title_end:
            pos = title_end  # the title itself is no actor; relations.py reads it as a role
            continue
        k = pos + 1
        while k < n and not _gazetteer(run, k, kb) and not _match_title(run, k):
            k += 1
        chunk = run[pos:k]
        titled = pos > 0 and _match_title_ending(run, pos)
        if k < n and len(chunk) <= 2 and run[k].lower in PORTFOLIO_TITLES and k + 1 < n and \
                not _gazetteer(run, pos, kb) and not kb.lookup(_surface(chunk)):
            pos = k  # "Human Capital Minister Sandra Pettovello": the office, not an organisation
            continue
        cand = _classify_chunk(chunk, kb, start_of_sentence and pos == 0, quoted, known_only, titled)
        if cand:
            out.append(cand)
        pos = k
    return out


PORTFOLIO_TITLES = {"minister", "secretary", "director", "commissioner", "envoy", "undersecretary"}


def _surface(tokens: list[Token]) -> str:
    return "".join(t.text + (" " if i + 1 < len(tokens) and tokens[i + 1].start > t.end else "")
                   for i, t in enumerate(tokens)).strip()


def _span(tokens: list[Token], text_surface: str | None = None) -> tuple[int, int, str]:
    return tokens[0].start, tokens[-1].end, text_surface or _surface(tokens)


def _whole_run(run: list[Token], kb: Knowledge, known_only: bool) -> Candidate | None:
    """A run that names one thing as a whole: known, an Act, an org with a place inside."""
    words = [t.lower for t in run]
    start = 0
    while start < len(run) - 1 and words[start] in {"the", "a", "an"}:
        start += 1
    body = run[start:]
    if len(body) < 2:
        return None
    s, e, surface = _span(body)
    known = kb.lookup(surface)
    if known:
        return Candidate(s, e, surface, known.label, known.name, known.country)
    last = body[-1].lower
    # "US Department of State", "State Department Office of the Spokesperson"
    for cut in range(1, len(body)):
        head = kb.lookup(_surface(body[cut:]))
        if head and head.label == "Organization" and (kb.lookup(_surface(body[:cut])) or
                                                       fold(_surface(body[:cut])) in kb.demonyms):
            return Candidate(s, e, surface, "Organization", head.name, head.country)
        prefix = kb.lookup(_surface(body[:cut]))
        if prefix and prefix.label == "Organization" and body[cut].lower in ORG_KEYWORDS:
            return Candidate(s, e, surface, "Organization", prefix.name, prefix.country)
    if known_only:
        return None
    placed = _placed_org(body, kb)
    if placed:
        return Candidate(s, e, surface, "Organization", surface)
    if words[start] in ORG_FIRST_WORDS and len(body) >= 2 and not any(_match_title(body, k)
                                                                      for k in range(len(body))):
        return Candidate(s, e, surface, "Organization", surface)  # "Unión Industrial Argentina"
    if len(body) >= 3 and words[start] in ORG_KEYWORDS and words[start + 1] in ("of", "for"):
        return Candidate(s, e, surface, "Organization", surface)  # "University of Buenos Aires"
    if last in EVENT_KEYWORDS and (fold(_surface(body[:-1])) in kb.places or fold(_surface(body[:-1])) in
                                   kb.seats or (kb.lookup(_surface(body[:-1])) or _NONE).label == "Country"):
        return Candidate(s, e, surface, "Event", surface)  # "Falklands War"
    if last in AGREEMENT_KEYWORDS and last != "deal":
        return Candidate(s, e, surface, "Agreement", surface)
    if words[start] in AGREEMENT_KEYWORDS and len(body) >= 3 and body[1].lower in ("on", "of", "for", "between"):
        return Candidate(s, e, surface, "Agreement", surface)  # "Agreement on Reciprocal Trade and Investment"
    has_place = any(kb.lookup(t.text) and kb.lookup(t.text).label == "Country" for t in body) or (
        kb.is_demonym(body[0].text) and len(body) >= 3 and (last in ORG_KEYWORDS or any(
            w in ORG_KEYWORDS for w in words[start + 1:]) and words[-2] in ("in", "of")))
    # "American Farm Bureau Federation", "American Chamber of Commerce in Argentina"
    place_after_in = any(words[k] in ("in", "of") and kb.lookup(body[k - start + 1].text) is not None
                         and any(w in ORG_KEYWORDS for w in words[start:k])
                         for k in range(start + 1, len(words) - 1))
    if has_place and (last in ORG_KEYWORDS or place_after_in) and last not in METONYM_HEADS \
            and not any(_match_title(body, k) for k in range(len(body))):
        # "U.S. Embassy in Argentina" -> "United States Embassy in Argentina"
        parts = []
        for t in body:
            known = kb.lookup(t.text)
            parts.append(known.name if known and known.label == "Country" else t.text)
        return Candidate(s, e, surface, "Organization", " ".join(parts))
    return None


def _placed_org(body: list[Token], kb: Knowledge) -> bool:
    """A city, state or capital, then an organisation: 'London School of Economics', 'Buenos
    Aires Stock Exchange'. Legislatures ('Texas Senate') and metonyms keep their own rules."""
    words = [t.lower for t in body]
    for cut in range(1, min(len(body), 4)):
        key = fold(_surface(body[:cut]))
        if key not in kb.seats and key not in kb.subdivisions and key not in kb.places:
            continue
        rest = words[cut:]
        if len(rest) < 2 or any(_match_title(body, k) for k in range(cut, len(body))):
            return False
        org_words = ORG_KEYWORDS | entity_words().org_last_words
        ends = rest[-1] in org_words and rest[-1] not in METONYM_HEADS | {"senate", "congress", "parliament"}
        heads = any(w in ORG_KEYWORDS and nxt in ("of", "for") for w, nxt in zip(rest, rest[1:]))
        return (ends or heads) and not any(kb.lookup(t.text) for t in body[cut:])
    return False


def _gazetteer(run: list[Token], pos: int, kb: Knowledge):
    """Longest known name starting at run[pos]: (end index, Candidate) or None."""
    for end in range(min(len(run), pos + 8), pos, -1):
        piece = run[pos:end]
        surface = _surface(piece)
        key = fold(surface)
        s, e = piece[0].start, piece[-1].end
        known = kb.lookup(surface)
        if known and any(_match_title(run, k) > end for k in range(pos + 1, end)):
            continue  # "US Treasury | Secretary Scott Bessent": the title wins
        if known:
            if end == pos + 1 and known.label == "Person":
                continue  # single known words of people go through surname resolution
            return end, Candidate(s, e, surface, known.label, known.name, known.country)
        if key in kb.seats:
            country = kb.seats[key]
            return end, Candidate(s, e, surface, "Country", country, country)
        if key in kb.places:
            return end, Candidate(s, e, surface, None, "")
        if end == pos + 1 and (kb.is_demonym(surface) or _origin_word(surface, kb)):
            return end, Candidate(s, e, surface, None, "")
        if end == len(run) and key in kb.subdivisions:
            return end, Candidate(s, e, surface, None, "")  # a state or province: a place
    return None


def _match_title(run: list[Token], pos: int) -> int:
    """End index of the longest title starting at run[pos], or 0."""
    best = 0
    for end in range(pos + 1, min(len(run), pos + 5) + 1):
        words = " ".join(t.lower for t in run[pos:end])
        if words in TITLE_SET:
            best = end
    return best


def _match_title_ending(run: list[Token], pos: int) -> bool:
    for start in range(max(0, pos - 4), pos):
        if " ".join(t.lower for t in run[start:pos]) in TITLE_SET:
            return True
    return False


def _classify_chunk(chunk: list[Token], kb: Knowledge, sentence_start: bool, quoted: bool,
                    known_only: bool, titled: bool) -> Candidate | None:
    if len(chunk) == 1 and chunk[0].text in INSTITUTIONS:
        return Candidate(chunk[0].start, chunk[0].end, chunk[0].text, None, None)
    while chunk and chunk[-1].lower in CONNECTORS:
        chunk = chunk[:-1]
    org_named = not sentence_start and len(chunk) >= 2 and chunk[-1].lower in ORG_KEYWORDS
    while chunk and (chunk[0].text in CONNECTORS or (chunk[0].lower in COMMON and
                                                     chunk[0].lower not in ORG_MODIFIERS and not org_named)):
        chunk = chunk[1:]  # "Van Hollen" keeps its capitalised particle; "Senate Banking Committee" its first word
    if not chunk:
        return None
    if titled and len(chunk) >= 3 and chunk[0].lower in ("state", "the", "defense", "defence", "commerce",
                                                          "labor", "labour", "energy", "agriculture"):
        rest = chunk[1:] if chunk[0].lower != "the" else chunk[2:]
        if 2 <= len(rest) <= 4 and _person_like(rest, kb):
            chunk = rest  # "Deputy Secretary of State Christopher Landau"
    s, e, surface = _span(chunk)
    known = kb.lookup(surface)
    if known:
        return Candidate(s, e, surface, known.label, known.name, known.country)
    if fold(surface) in kb.surnames and " " in surface:
        return Candidate(s, e, surface, "Person", kb.surnames[fold(surface)], titled=titled)
    words = [t.lower for t in chunk]
    if len(chunk) == 1:
        if sentence_start and not titled and words[0] in COMMON:
            return None
        return Candidate(s, e, surface, None, None, titled=titled)
    if known_only:
        return None
    last = words[-1]
    if words[0] in ORG_FIRST_WORDS or words[0] in entity_words().outlet_first_words or (
            len(chunk) >= 3 and words[0] in ORG_KEYWORDS and words[1] in ("of", "for")) \
            or (len(chunk) >= 2 and any(fold(w) in POLITICAL_WORDS or w in POLITICAL_WORDS for w in words)):
        return Candidate(s, e, surface, "Organization", surface)  # "Grupo Financiero Galicia", "Chamber of Deputies"
    content = [w for w in words[:-1] if w not in CONNECTORS]
    distinctive = [w for w in content if w not in COMMON or w in ORG_MODIFIERS]
    if (last in ORG_KEYWORDS or last in entity_words().org_last_words) and distinctive and \
            last not in METONYM_HEADS | {"alliance", "group"}:
        return Candidate(s, e, surface, "Organization", surface)
    if last in EVENT_KEYWORDS and distinctive and last != "war":
        return Candidate(s, e, surface, "Event", surface)
    if last in AGREEMENT_KEYWORDS and distinctive and last != "deal":
        return Candidate(s, e, surface, "Agreement", surface)
    if quoted and not titled:
        return None
    if 2 <= len(chunk) <= 5 and _person_like(chunk, kb):
        name = _person_name(chunk)
        return Candidate(s, e, surface, "Person", name, titled=titled)
    return None


def _person_like(chunk: list[Token], kb: Knowledge) -> bool:
    names = [t for t in chunk if t.lower not in NAME_PARTICLES]
    if not 2 <= len(names) <= 4:
        return False
    words = entity_words()
    for t in names:
        w = t.lower
        if (w in COMMON or w in GEO_WORDS or w in ORG_KEYWORDS or w in EVENT_KEYWORDS
                or w in AGREEMENT_KEYWORDS or kb.is_demonym(t.text) or w in TITLE_SET
                or w in ORG_FIRST_WORDS or w in words.not_name_words or w in words.org_last_words
                or fold(w) in kb.party_adjectives or _origin_word(t.text, kb)):
            return False
        if t.text.isupper() and len(t.text) > 1:
            return False
        known = kb.lookup(t.text)
        if known and known.label != "Person":
            return False
    if fold(names[0].text) in kb.subdivisions:
        return False  # "Kentucky Republican", "Texas Democrat": a place and a party
    return True


def _never_a_name(word: str, kb: Knowledge) -> bool:
    """A single capitalised word that names no person: a common noun, a keyword, a demonym."""
    low = word.lower()
    words = entity_words()
    return (low in COMMON or low in ORG_KEYWORDS or low in GEO_WORDS or low in words.not_name_words
            or low in words.org_last_words or low in EVENT_KEYWORDS or low in AGREEMENT_KEYWORDS
            or kb.is_demonym(word) or _origin_word(word, kb))


def _origin_word(word: str, kb: Knowledge) -> bool:
    """'Argentine-born', 'Chinese-American', 'Salta-based': where someone is from, no name."""
    parts = word.split("-")
    if len(parts) < 2:
        return False
    suffixes = entity_words().origin_suffixes
    return all(kb.is_demonym(p) or p.lower() in suffixes or (k == 0 and (kb.lookup(p) or fold(p) in kb.subdivisions
                                                                         or fold(p) in kb.seats))
               for k, p in enumerate(parts)) and (parts[-1].lower() in suffixes or kb.is_demonym(parts[-1]))


def _person_name(chunk: list[Token]) -> str:
    """Canonical person name: middle initials dropped, first letters upper-cased."""
    parts = [t.text for t in chunk if not (len(t.text) == 1 and t.text.isupper()) and t.text != "."]
    return " ".join(p if p.lower() in NAME_PARTICLES else p[:1].upper() + p[1:] for p in parts)


# --- second pass: single words, acronyms, lower case, metonyms, agreements, events --------

def _acronyms(text: str, result: ArticleEntities, kb: Knowledge) -> dict[str, str]:
    """Acronyms the article defines: 'International Monetary Fund (IMF)'."""
    found: dict[str, str] = {}
    if not re.search(r"\([A-Z]", text):
        return found
    order = {name: k for k, name in enumerate(result.entities)}
    owner: dict[str, str] = {}  # lower-cased surface -> the first entity (in article order) with it

    def own(surface: str, name: str) -> None:
        key = surface.lower()
        if key not in owner or order[name] < order[owner[key]]:
            owner[key] = name

    for entity in result.entities.values():
        for surface in [entity.name, *entity.aliases]:
            own(surface, entity.name)
    longest = max(map(len, owner), default=0)
    for m in re.finditer(r"\(([A-Z][A-Z&.-]{1,7})\)", text):
        acronym = m.group(1)
        before = text[max(0, m.start() - 120):m.start()].rstrip().lower()
        # the longest surface the text before the parenthesis ends with
        best = next((owner[before[-k:]] for k in range(min(len(before), longest), 0, -1)
                     if before[-k:] in owner), None)
        if best:
            found[acronym] = best
            result.entities[best].aliases.add(acronym)
            own(acronym, best)
    return found


class PersonIndex:
    """The article's people looked up by one word, earliest-introduced first.

    A word names a person when it is the surname, the second-last name of a longer name, an
    alias, or (when the caller allows it) the first name. Lookups are dictionary reads, so
    resolving every single word of a long article stays linear in its length.
    """

    def __init__(self, persons: list[Entity]):
        self.persons = persons
        self.order = {id(p): k for k, p in enumerate(persons)}
        self.strong: dict[str, int] = {}   # surname, second-last name, alias -> earliest person
        self.first: dict[str, int] = {}    # first name -> earliest person
        self.full: dict[tuple[str, str], int] = {}  # (first, last) -> earliest person
        for k, person in enumerate(persons):
            parts = [fold(p) for p in person.name.split()]
            keys = [parts[-1], *([parts[-2]] if len(parts) > 2 else []), *(fold(a) for a in person.aliases)]
            for key in keys:
                self.strong.setdefault(key, k)
            self.first.setdefault(parts[0], k)
            self.full.setdefault((parts[0], parts[-1]), k)

    def alias(self, entity: Entity, surface: str) -> None:
        """``entity`` was just given the alias ``surface``: later lookups find it by that too."""
        k = self.order.get(id(entity))
        if k is not None and surface != entity.name:
            key = fold(surface)
            self.strong[key] = min(self.strong.get(key, k), k)

    def by_word(self, key: str, first_name: bool) -> Entity | None:
        found = [k for k in (self.strong.get(key), self.first.get(key) if first_name else None) if k is not None]
        return self.persons[min(found)] if found else None

    def by_first_and_last(self, first: str, last: str) -> Entity | None:
        k = self.full.get((first, last))
        return None if k is None else self.persons[k]


def _resolve_single(cand: Candidate, persons: "PersonIndex", acronyms: dict[str, str],
                    result: ArticleEntities, kb: Knowledge, tokens: list[Token],
                    sentence: Sentence) -> tuple[str | None, str | None]:
    word = cand.surface
    key = fold(word)
    if word in acronyms:
        entity = result.entities[acronyms[word]]
        return entity.name, entity.label
    first_name = cand.titled is False and key in persons.first and _next_is_lower_name(tokens, cand)
    person = persons.by_word(key, first_name)
    if person is not None:  # earliest-introduced person with this surname (or first name)
        return person.name, "Person"
    if key in kb.surnames:
        return kb.surnames[key], "Person"
    nxt = [t for t in tokens if t.start >= cand.end][:1]
    if nxt and nxt[0].text.islower() and nxt[0].lower not in COMMON and nxt[0].text.isalpha():
        full = kb.lookup(word + " " + nxt[0].text)  # "Scott bessent"
        if full and full.label == "Person":
            return full.name, "Person"
        if cand.titled and re.search(r"\b" + re.escape(nxt[0].text.capitalize()) + r"\b", result.text):
            # "Treasury Secretary Scott bessent" where the article also writes "Bessent"
            return word[:1].upper() + word[1:] + " " + nxt[0].text.capitalize(), "Person"
    before_word = [t for t in tokens if t.end <= cand.start][-1:]
    if word in INSTITUTIONS:
        return _institution(word, cand, result, kb, tokens)
    if before_word and before_word[0].lower == "the" and kb.lookup("the " + word):
        known = kb.lookup("the " + word)  # "the Fund" is the IMF
        return known.name, known.label
    known = kb.lookup(word)
    if known:
        return known.name, known.label
    if word.isupper() and word.isalpha() and len(word) >= 3 and before_word and before_word[0].lower == "the" \
            and sentence.kind == "body" and not re.match(r"\s+[a-z]", result.text[cand.end:cand.end + 2]):
        return word, "Organization"  # "led by the FNSEA,": an acronym named with an article is a body
    if word.isupper() and word.isalpha() and len(word) >= 3 and sentence.kind == "body" and \
            APPOSITIVE_CLASS_RE.match(result.text, cand.end):
        return word, "Organization"  # "INVAP, the state-owned technology company": a described acronym
    if sentence.kind != "body" or word.isupper():
        return None, None
    after = [t.lower for t in tokens if t.start >= cand.end][:2]
    before = [t.lower for t in tokens if t.end <= cand.start][-2:]
    person = persons.by_first_and_last(key, fold(after[0])) if after else None
    if person is not None:
        return person.name, "Person"
    if _never_a_name(word, kb):
        return None, None  # "said the Bank", "one Argentine said", "the Argentine-born"
    if cand.titled or (after and after[0] in SPEECH_VERBS) or (before and before[-1] in SPEECH_VERBS):
        return word[:1].upper() + word[1:], "Person"
    if APPOSITIVE_CLASS_RE.match(result.text, cand.end):
        return word, "Organization"  # "Tenaris, the pipe maker controlled by ..."
    return None, None


APPOSITIVE_CLASS_RE = re.compile(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:" + "|".join(sorted(ORG_CLASS_NOUNS))
                                 + r")\b")


INSTITUTIONS = {"Congress", "Senate", "Parliament"}


class _NoActor:
    label = None


_NONE = _NoActor()


def _institution(word: str, cand: Candidate, result: ArticleEntities, kb: Knowledge,
                 tokens: list[Token]) -> tuple[str | None, str | None]:
    """A bare 'Senate' or 'Congress' belongs to the country its sentence is about."""
    country = None
    before = [t for t in tokens if t.end <= cand.start]
    if before and fold(before[-1].text) in kb.demonyms:
        country = kb.demonyms[fold(before[-1].text)]
    if country is None:
        # the mentions found so far come sentence by sentence: this sentence's are the last ones
        nearby = []
        for m in reversed(result.mentions):
            sentence = result.sentences[m.sentence]
            if not sentence.start <= cand.start < sentence.end:
                break
            if m.entity in result.entities:
                nearby.append(m)
        nearby.sort(key=lambda m: m.start)  # the sentence's subject comes first
        for m in nearby:
            entity = result.entities[m.entity]
            if entity.label in ("Person", "Country"):
                country = result.country_of(entity.name)
                if country:
                    break
    seen = result.__dict__.setdefault("_institutions", {})
    if country is None and word in seen:
        return seen[word]  # a later bare "Congress" is the one the article already placed
    country = country or result.home or _most_mentioned_country(result)
    if not country:
        return None, None
    known = kb.lookup(f"{country} {word}")
    found = (known.name, known.label) if known else (f"{kb.adjective_of.get(country, country)} {word}",
                                                       "Organization")
    seen.setdefault(word, found)
    return found


def _next_is_lower_name(tokens: list[Token], cand: Candidate) -> bool:
    """'Donald trump': a first name followed by a lower-cased surname."""
    after = [t for t in tokens if t.start >= cand.end][:1]
    return bool(after) and after[0].text[:1].islower() and after[0].lower not in COMMON

def case_errors(result: ArticleEntities) -> None:
    """Mentions written in the wrong case ('argentina', 'milei', 'Claver-carone')."""
    text = result.text
    surfaces: dict[str, str] = {}
    for entity in result.entities.values():
        if entity.label == "Agreement":
            continue
        forms = [entity.name, *entity.aliases]
        if entity.label == "Person":
            forms.append(entity.name.split()[-1])
        for form in forms:
            if len(form) >= 4 and form.lower() not in COMMON and not form.isupper():
                surfaces.setdefault(form.lower(), entity.name)
    if not surfaces:
        return
    find = SurfaceFinder(surfaces)
    covered = sorted((m.start, m.end) for m in result.mentions)
    starts = [s for s, _ in covered]
    for index, sentence in enumerate(result.sentences):
        for start, end in find.iter(text, sentence.start, sentence.end):
            k = bisect.bisect_right(starts, start) - 1
            if k >= 0 and covered[k][1] > start:
                continue
            if k + 1 < len(covered) and covered[k + 1][0] < end:
                continue
            surface = text[start:end]
            name = surfaces[surface.lower()]
            if surface != name:
                result.entities[name].aliases.add(surface)
            result.mentions.append(Mention(start, end, surface, name, index))


WORD_RE = re.compile(r"\w+")
WORD_START_RE = re.compile(r"(?<![\w-])\w+")


class SurfaceFinder:
    """Finds any of many lower-case surfaces in a text, case-insensitively, as whole words.

    The same matches as one regular expression of every surface joined by ``|`` (longest
    first, not inside a word or hyphenated compound), but each word of the text is looked
    up by its first word in a dictionary, so the time grows with the text, not with the
    text times the number of surfaces (which grows with the text too).
    """

    def __init__(self, surfaces):
        # first word -> [(length, surfaces of that length)], longest first
        self.by_first: dict[str, list[tuple[int, set[str]]]] = {}
        odd: list[str] = []  # surfaces that do not start with a word character
        buckets: dict[str, dict[int, set[str]]] = {}
        for surface in surfaces:
            first = WORD_RE.match(surface)
            if first:
                buckets.setdefault(first.group(), {}).setdefault(len(surface), set()).add(surface)
            else:
                odd.append(surface)
        for first, by_length in buckets.items():
            self.by_first[first] = sorted(by_length.items(), reverse=True)
        odd.sort(key=len, reverse=True)
        self.odd = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, odd)) + r")(?![\w-])",
                              re.IGNORECASE) if odd else None

    def iter(self, text: str, start: int, end: int):
        """(start, end) of each match in text[start:end], left to right, without overlaps."""
        found = [(m.start(), m.end()) for m in self.odd.finditer(text, start, end)] if self.odd else []
        for word in WORD_START_RE.finditer(text, start, end):
            for length, same_length in self.by_first.get(word.group().lower(), ()):
                stop = word.start() + length
                if stop <= end and text[word.start():stop].lower() in same_length and (
                        stop == end or not (text[stop].isalnum() or text[stop] in "_-")):
                    found.append((word.start(), stop))
                    break
        found.sort()
        last = -1
        for span in found:
            if span[0] >= last:
                last = span[1]
                yield span


def metonyms(result: ArticleEntities) -> None:
    """'the Trump administration', "Milei's government", 'Argentine government',
    'Democratic senators' (-> the party), 'Argentina's central bank'."""
    kb = knowledge()
    tokens_of = result.tokens
    by_start = {m.start: m for m in result.mentions}
    by_end = {m.end: m for m in result.mentions}
    text = result.text
    inert: list[Mention] = []
    removed: set[int] = set()  # ids of replaced mentions, dropped from the list once at the end
    for index, tokens in enumerate(tokens_of):
        for i, tok in enumerate(tokens):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is None:
                continue
            head_i = i + 1
            if nxt.text in ("’s", "'s") and i + 2 < len(tokens):
                head_i = i + 2
            head = tokens[head_i]
            if head.lower not in METONYM_HEADS and head.lower not in PARTY_MEMBERS and \
                    head.lower not in ("party", "and"):
                continue
            mention = by_start.get(tok.start)
            if mention is None or mention.end != tok.end:
                mention = by_end.get(tok.end)
            word = fold(tok.text)
            if head.lower in METONYM_HEADS:
                country = None
                if mention and mention.end == tok.end:
                    entity = result.entities.get(mention.entity)
                    if entity and entity.label in ("Person", "Organization"):
                        country = result.country_of(entity.name)
                elif word in kb.demonyms and head_i == i + 1:
                    country = kb.demonyms[word]
                elif word in kb.party_adjectives and head_i == i + 1:
                    country = kb.country_of(kb.party_adjectives[word])
                if country:
                    if head.lower in ("side", "delegation", "authorities") and not mention:
                        continue
                    start = mention.start if mention else tok.start
                    surface = text[start:head.end]
                    result.add(country, "Country", surface, country)
                    if mention:
                        removed.add(id(mention))
                        by_start.pop(mention.start, None)
                        by_end.pop(mention.end, None)
                        if result.entities[mention.entity].label == "Organization" or (
                                result.entities[mention.entity].label == "Person" and " " in mention.surface):
                            # "the La Libertad Avanza government", "President Javier Milei's government":
                            # the party or the fully named person is still named ("the Trump
                            # administration" names no person)
                            mention.inert = True
                            inert.append(mention)
                    m = Mention(start, head.end, surface, country, index)
                    result.mentions.append(m)
                    by_start[start] = m
                    by_end[m.end] = m
            elif word in kb.party_adjectives and head_i == i + 1 and (
                    head.lower in PARTY_MEMBERS | {"party"} or (
                    head.lower == "and" and i + 3 < len(tokens) and fold(tokens[i + 2].text) in
                    kb.party_adjectives and tokens[i + 3].lower in PARTY_MEMBERS)):
                party = kb.party_adjectives[word]
                end = head.end if head.lower == "party" else tok.end
                surface = text[tok.start:end]
                result.add(party, "Organization", surface, kb.country_of(party))
                if mention:
                    removed.add(id(mention))
                m = Mention(tok.start, end, surface, party, index)
                result.mentions.append(m)
                by_start[tok.start] = m
                by_end[m.end] = m
    result.inert.extend(inert)
    if removed:
        result.mentions = [m for m in result.mentions if id(m) not in removed]
    _central_banks(result, kb)


def _central_banks(result: ArticleEntities, kb: Knowledge) -> None:
    """'Argentina's central bank', "Brazil's central bank": that country's central bank."""
    text = result.text
    with MentionEditor(result) as edit:
        for index, sentence in enumerate(result.sentences):
            chunk = text[sentence.start:sentence.end]
            for m in CENTRAL_BANK_RE.finditer(chunk):
                known = kb.lookup(m.group(1))
                country = known.name if known and known.label == "Country" else kb.demonyms.get(fold(m.group(1)))
                if not country:
                    continue
                name = "Central Bank of " + country
                known_bank = kb.lookup(name)
                name = known_bank.name if known_bank else name
                s, e = sentence.start + m.start(), sentence.start + m.end()
                edit.drop_starting_in(index, s, e)
                result.add(name, "Organization", m.group(), country)
                edit.add(Mention(s, e, m.group(), name, index))


BARE_CENTRAL_BANK_RE = re.compile(r"(?<!['’]s )\b(?:[Tt]he\s+central\s+bank|central\s+bank(?=\s+(?:president|governor|"
                                  r"chief|reserves|board)))\b")


def bare_central_bank(result: ArticleEntities) -> None:
    """'the central bank', 'central bank president X': the central bank of the article's country."""
    kb = knowledge()
    country = result.home
    if not country:
        return
    name = f"Central Bank of {country}"
    known = kb.lookup(name)
    name = known.name if known else name
    by_sentence = mentions_by_sentence(result.mentions)
    for index, sentence in enumerate(result.sentences):
        for m in BARE_CENTRAL_BANK_RE.finditer(result.text, sentence.start, sentence.end):
            s = m.start() + (4 if m.group().startswith("the") else 0)
            if any(x.start <= s < x.end or x.start < m.end() <= x.end for x in by_sentence.get(index, ())):
                continue
            result.add(name, "Organization", result.text[s:m.end()], country)
            result.mentions.append(Mention(s, m.end(), result.text[s:m.end()], name, index))


def events(result: ArticleEntities) -> None:
    """Inaugurations and elections, which are written in lower case."""
    kb = knowledge()
    text = result.text
    with MentionEditor(result) as edit:
        for index, sentence in enumerate(result.sentences):
            chunk = text[sentence.start:sentence.end]
            for m in INAUGURATION_RE.finditer(chunk):
                who = m.group("who") or m.group("who2")
                person = _person_named(result, who)
                if not person:
                    continue
                name = f"Inauguration of {person}"
                s, e = sentence.start + m.start(), sentence.start + m.end()
                result.add(name, "Event", m.group())
                edit.add(Mention(s, e, m.group(), name, index))
            for m in ELECTION_RE.finditer(chunk):
                if not (m.group("kind") or m.group("year")) or m.group("head") == "vote":
                    continue  # "the midterms", "the elections": which ones, the text does not say here
                kind_word = m.group("kind") or (m.group("head") if m.group("head") == "midterms" else "")
                adj = m.group("adj")
                country = None
                if adj:
                    known = kb.lookup(adj)
                    country = known.name if known and known.label == "Country" else kb.demonyms.get(fold(adj))
                    if not country:
                        continue
                before = chunk[max(0, m.start() - 30):m.start()]
                poss = re.search(r"([A-Z][\w.]+(?: [A-Z]\w+)?)['’]s\s*$", before)
                if not country and poss:
                    known = kb.lookup(poss.group(1))
                    country = known.name if known and known.label == "Country" else None
                country = country or result.home or _most_mentioned_country(result)
                if not country:
                    continue
                year = m.group("year") or result.year
                if not m.group("year") and year and year.isdigit() and re.search(
                        r"\b(?:last|previous)\s+year['’]s\s*$|\blast\s+$", before):
                    year = str(int(year) - 1)  # "last year's midterm elections"
                kind = entity_words().election_kinds.get(kind_word, kind_word)
                adjective = "United States" if country == "United States" else kb.adjective_of.get(country, country)
                head = "elections" if not kind else "election"
                name = " ".join(p for p in (year, adjective, kind, head) if p)
                start = m.start() + (len(m.group("month")) + 1 if m.group("month") and not m.group("year") else 0)
                s, e = sentence.start + start, sentence.start + m.end()
                while text[s].isspace():
                    s += 1  # " midterms": the space the absent kind left
                surface = text[s:e]
                edit.drop_starting_in(index, s, e)
                result.add(name, "Event", surface)
                edit.add(Mention(s, e, surface, name, index))


ELECTION_NAME_RE = re.compile(r"^(?P<year>(?:19|20)\d\d) (?P<where>[A-Z].*?)(?: (?P<kind>[a-z]+) election| elections)$")


def merge_elections(names: list[str]) -> dict[str, str]:
    """'2025 Argentine elections' -> '2025 Argentine legislative election' when that is the only
    election of a kind named for that year and country; returns {name: the name it joins}."""
    kinded: dict[tuple[str, str], list[str]] = {}
    plain: list[tuple[str, tuple[str, str]]] = []
    for name in names:
        m = ELECTION_NAME_RE.match(name)
        if m:
            key = (m.group("year"), m.group("where"))
            if m.group("kind"):
                kinded.setdefault(key, []).append(name)
            else:
                plain.append((name, key))
    return {name: kinded[key][0] for name, key in plain if len(kinded.get(key, ())) == 1}


def merge_elections_in_article(result: ArticleEntities) -> None:
    events = [e.name for e in result.entities.values() if e.label == "Event"]
    for name, target in merge_elections(events).items():
        _fold(result, result.entities[name], result.entities[target])


ORG_EVENT_RE = re.compile(r"\b([A-Z][\w-]*(?:\s[A-Z][\w-]*){0,3})\s+(summit|meeting|conference|forum|"
                          r"ministerial|assembly|congress)\b")


def org_events(result: ArticleEntities) -> None:
    """'the G20 summit', 'a Mercosur summit': an organization's meeting is an Event."""
    kb = knowledge()
    text = result.text
    with MentionEditor(result) as edit:
        for index, sentence in enumerate(result.sentences):
            for m in ORG_EVENT_RE.finditer(text, sentence.start, sentence.end):
                known = kb.lookup(m.group(1))
                if not known or known.label != "Organization":
                    continue
                name = f"{known.name} {m.group(2)}"
                edit.drop_starting_in(index, m.start(), m.end())
                result.add(name, "Event", m.group())
                edit.add(Mention(m.start(), m.end(), m.group(), name, index))


def _person_named(result: ArticleEntities, who: str) -> str | None:
    key = fold(who)
    for entity in result.entities.values():
        if entity.label != "Person":
            continue
        if key == fold(entity.name) or key == fold(entity.name.split()[-1]) or key in {
                fold(a) for a in entity.aliases}:
            return entity.name
    return None


def agreement_phrases(result: ArticleEntities) -> None:
    """Lower-case agreement phrases and their anaphors ('the deal', 'this program')."""
    kb = knowledge()
    tokens_of = result.tokens
    text = result.text
    last_agreement: str | None = None
    last_financial: str | None = None
    last_law: str | None = None
    last_plain: str | None = None    # the latest agreement that is no loan or swap
    last_kind: dict[str, str] = {}   # "the swap" goes back to the last swap, "the loan" to the last loan
    last_seen: int | None = None     # the sentence that last named an agreement
    with MentionEditor(result) as edit:
        for index, tokens in enumerate(tokens_of):
            sentence = result.sentences[index]
            existing = edit.in_sentence(index)
            for m in existing:
                entity = result.entities.get(m.entity)
                if entity and entity.label == "Agreement" and m.start < sentence.end:
                    last_agreement = entity.name
                    last_seen = index
                    if entity.kind not in FINANCIAL_KINDS:
                        last_plain = entity.name
                    if entity.name.split()[-1].lower() in {"act", "bill", "law"}:
                        last_law = entity.name
                    if entity.kind:
                        last_kind[entity.kind] = entity.name
                    elif FUND_FACILITY_RE.search(entity.name):
                        last_kind["financing program"] = entity.name  # "the program" after "Extended Fund Facility"
            for i, tok in enumerate(tokens):
                head = tok.lower
                if head == "it" and (last_law or last_agreement) and last_seen is not None and index - last_seen <= 2 and (
                        IT_OBJECT_RE.search(text, max(sentence.start, tok.start - 30), tok.start) or
                        i == 0 and IT_SUBJECT_RE.match(text, tok.end)):
                    # "his bloc would vote against it", "It was approved by the Chamber of Deputies"
                    edit.add(Mention(tok.start, tok.end, tok.text, last_agreement or last_law, index,
                                     anaphor=True))
                    continue
                if head == "budget" and i > 0 and re.fullmatch(r"(?:19|20)\d\d", tokens[i - 1].text) and \
                        not _mention_at(existing, tokens[i - 1]):
                    # "The 2027 budget": a budget bill named by its year
                    name = f"{tokens[i - 1].text} budget"
                    result.add(name, "Agreement", kind="budget")
                    edit.add(Mention(tokens[i - 1].start, tok.end, name, name, index, phrase=True))
                    last_law = last_agreement = last_plain = last_kind["budget"] = name
                    last_seen = index
                    continue
                if head == "line" and i > 0 and tokens[i - 1].lower in ("swap", "credit"):
                    pass
                elif head not in AGREEMENT_HEADS and head not in ANAPHORS:
                    continue
                if head in ("swap", "credit") and i + 1 < len(tokens) and tokens[i + 1].lower == "line":
                    continue  # the head is "line"; handled when we reach it
                # walk left over modifiers, amounts and capitalised party names
                j = i
                parties: list[str] = []
                amount = False
                mods: list[str] = []
                while j > 0:
                    prev = tokens[j - 1]
                    low = prev.lower
                    mention = _mention_at(existing, prev)
                    if (low in AGREEMENT_MODIFIERS or low in ("billion", "million", "trillion", "bn")) and \
                            prev.text.islower():
                        mods.append(low)
                        j -= 1
                    elif prev.text[:1] in "$" or prev.text == "US$" or prev.text[:1].isdigit() or low.startswith(
                            ("multibillion", "multi-billion", "billion-")):
                        amount = True
                        j -= 1
                    elif prev.text in ("-", "–", "/") and j > 1:  # "the EU–Mercosur agreement"
                        j -= 1
                    elif mention and result.entities.get(mention.entity) and result.entities[
                            mention.entity].label in ("Country", "Organization", "Person"):
                        parties.append(mention.entity)
                        j = _token_index(tokens, mention.start)
                    elif low in ("its", "their") and prev.text.islower():
                        bodies = [m for m in existing if m.end <= prev.start and result.entities.get(m.entity) and
                                  result.entities[m.entity].label in ("Country", "Organization")]
                        if bodies:
                            parties.append(bodies[-1].entity)
                        break
                    elif low in ("’s", "'s") and j > 1:
                        owner = _mention_at(existing, tokens[j - 2])
                        if owner is None or result.entities.get(owner.entity) is None:
                            break
                        parties.append(owner.entity)
                        j = _token_index(tokens, owner.start)
                    else:
                        if prev.text[:1].isupper() and head in ("agreement", "accord", "treaty", "pact", "agreements"):
                            named = _named_agreement(result, edit, tokens, j - 1, i, kb, index)
                            if named:
                                j = -1
                        break
                if j < 0:
                    continue
                left_i = j
                had_words = bool(mods)
                if head == "swap" or (i > 0 and tokens[i - 1].lower == "swap"):
                    mods.append("swap")
                if head == "line" and "swap" not in mods and "credit" not in mods:
                    continue
                # "with X", "to X", "for X", "of X"
                right_party = None
                end = tok.end
                if i + 1 < len(tokens) and tokens[i + 1].lower in ("with", "to", "for", "of", "between"):
                    k = i + 2
                    if k < len(tokens) and tokens[k].lower == "the":
                        k += 1
                    if k < len(tokens):
                        mention = _mention_at(existing, tokens[k])
                        if mention and result.entities.get(mention.entity) and result.entities[
                                mention.entity].label in ("Country", "Organization", "Person"):
                            right_party = mention.entity
                            end = mention.end
                            if tokens[i + 1].lower == "between":  # "an agreement between Argentina and the Fund"
                                other = _second_party(result, tokens, existing, mention)
                                if other:
                                    parties.append(other.entity)
                                    end = other.end
                descriptive = bool(had_words or amount or parties or right_party)
                start = tokens[left_i].start
                while start < tok.start and text[start] in "-– ":
                    start += 1
                surface_core = text[start:tok.end]
                surface_full = text[start:end]
                if head in ("program", "programme") and not mods and any(
                        re.search(r"\b(?:Fund|Bank)\b", p) and (result.entities.get(p) or _NONE).label == "Organization"
                        and not p.startswith("Central Bank") for p in parties):
                    mods.append("financing")  # "the IMF program", "the Fund's program"
                elif head in ("program", "programme", "package", "facility") and (amount or right_party):
                    mods.append("financing")  # "a $20 billion program with the Fund"; not "its economic programme"
                kind = _agreement_kind(head, mods)
                if head in ANAPHORS and not descriptive:
                    target = last_law if head in ("legislation", "bill", "act", "measure", "budget") else (
                        last_financial if head in FINANCIAL or head in ("program", "programme", "package")
                        else last_agreement) or last_agreement
                    if head == "measure":
                        target = last_law
                    if head == "budget" or head == "plan" and i > 0 and tokens[i - 1].lower == "spending":
                        target = last_kind.get("budget")  # "the budget", "the spending plan"
                    if head in ("agreement", "accord", "treaty", "pact") and last_plain:
                        target = last_plain  # "welcomed the agreement" after "a $150 million loan" is the accord
                    own_kind = {"swap": "currency swap", "loan": "loan", "program": "financing program",
                                "programme": "financing program"}.get(head)
                    if own_kind in last_kind:
                        target = last_kind[own_kind]  # "the swap" after "a repo loan" is still the swap
                    if i + 1 < len(tokens) and tokens[i + 1].lower in ("for", "of") and head in (
                            "framework", "plan", "package"):
                        target = None  # "a framework for a reciprocal trade agreement": the phrase names it
                    prev_word = tokens[i - 1].lower if i > 0 else ""
                    if prev_word.isalpha() and prev_word not in ANAPHOR_DETERMINERS and not _mention_at(
                            existing, tokens[i - 1]):
                        target = None  # "the naval base plan" is another plan; "the plan", "US aid" refer back
                    if target and tok.lower != "act":
                        s = tok.start
                        edit.add(Mention(s, tok.end, tok.text, target, index, anaphor=True))
                        last_seen = index
                        last_agreement = target  # "called the budget ... and would reject it": the budget
                    continue
                if kind is None:
                    continue
                # an existing financial agreement absorbs rescue/aid descriptions of it
                if kind in ("rescue", "assistance") and last_financial:
                    name = last_financial
                    variants = {surface_full, _strip_possessor(surface_full)}
                    variants |= {re.sub(r"\s+(?:with|to|for|of)\s.*$", "", v) for v in variants}
                    result.entities[name].aliases |= variants
                    edit.add(Mention(start, end, surface_full, name, index, phrase=True))
                    _drop_inside(result, edit, index, start, end, name)
                    continue
                if kind in ("rescue", "assistance"):
                    continue
                all_parties = []
                for p in parties + ([right_party] if right_party else []):
                    c = _party_name(result, p)
                    if c and c not in all_parties:
                        all_parties.append(c)
                if kind in ("loan", "financing program", "credit line", "agreement") and len(all_parties) == 1 and \
                        result.entities.get(all_parties[0]) is not None and \
                        result.entities[all_parties[0]].label == "Organization" and result.home and (
                        kind != "agreement" or re.search(r"\b(?:Fund|Bank)\b", all_parties[0])):
                    # "a program with the Fund": the borrower is the article's country; "the EU deal" is
                    # no loan, and its other side is not known
                    all_parties.append(result.home)
                if kind == "agreement" and len(all_parties) == 1 and right_party:
                    # "The International Monetary Fund's staff reached a staff-level agreement with
                    # Argentina": the sentence's subject is the other side
                    subject = next((m for m in existing if m.start < start and result.entities.get(m.entity)
                                    and result.entities[m.entity].label in ("Country", "Organization")), None)
                    lead = _party_name(result, subject.entity) if subject else None
                    lead_in = text[sentence.start:subject.start] if subject else ""
                    if lead and lead not in all_parties and len(lead_in.split()) <= 3 and \
                            not re.search(r"[,;:]|\w(?:ed|ing)\b", lead_in):
                        all_parties.append(lead)
                if kind == "currency swap" and not all_parties:
                    # "The People's Bank of China has provided Argentina's central bank with a currency
                    # swap": the sentence's own actors are its sides
                    here = []
                    for m in existing:
                        if m.start >= start or result.entities.get(m.entity) is None or \
                                result.entities[m.entity].label not in ("Country", "Organization"):
                            continue
                        c = _party_name(result, m.entity)
                        if c and c not in here:
                            here.append(c)
                    if len(here) == 2:
                        all_parties = here
                if kind in ("trade agreement", "currency swap") and len(all_parties) < 2:
                    # "The leaders of the Mercosur trade bloc ... the trade agreement with the European
                    # Union": the sentence's own subject is the other side, else the article's countries
                    subject = next((m for m in existing if m.start < start and result.entities.get(m.entity)
                                    and result.entities[m.entity].label in ("Country", "Organization", "Person")),
                                   None)
                    lead = _party_name(result, subject.entity) if subject else None
                    lead_in = text[sentence.start:subject.start] if subject else ""
                    if lead and lead not in all_parties and all_parties and len(lead_in.split()) <= 5 and \
                            not re.search(r"[,;:]|\w(?:ed|ing)\b", lead_in):
                        all_parties.append(lead)
                    for c in (result.home or _most_mentioned_country(result), result.second):
                        if c and c not in all_parties and len(all_parties) < 2:
                            all_parties.append(c)
                if not all_parties and not amount and not mods:
                    continue
                if head in ("agreement", "deal", "accord", "treaty", "pact") and not all_parties and not (
                        set(mods) & {"trade", "nuclear", "climate", "currency", "swap"}):
                    continue
                if kind == "financing program" and len(all_parties) == 2 and any(
                        (result.entities.get(p) or _NONE).label == "Organization" for p in all_parties):
                    kind = "agreement"  # "its current program with Argentina": the Argentina–IMF agreement
                name = (_party_label(result, all_parties, kb) + " " + kind).strip() if all_parties else \
                    re.sub(r"^(?:a|an|the|this|that|its|their|his|her)\s+", "", surface_core)
                if kind == "agreement" or kind == "trade agreement":
                    # "the U.S. agreement" after "a trade agreement with Washington" is the same one
                    for other in result.entities.values():
                        if (other.label == "Agreement" and other.parties and set(all_parties) <= set(other.parties)
                                and (kind == "agreement" or other.kind == kind)):
                            name = other.name
                            break
                entity = result.add(name, "Agreement", surface_full, kind=kind, parties=tuple(all_parties))
                variants = {surface_core, surface_full, _strip_amount(surface_full), _strip_amount(surface_core)}
                variants |= {_strip_possessor(v) for v in variants}
                variants |= {re.sub(r"\s+(?:with|to|for|of)\s.*$", "", v) for v in variants}
                for alias in variants:
                    if alias and alias != name and " " in alias:
                        entity.aliases.add(alias)
                _drop_inside(result, edit, index, start, end, name)
                edit.add(Mention(start, end, surface_full, name, index, phrase=True))
                last_agreement = name
                last_seen = index
                last_kind[kind] = name
                if kind in ("currency swap", "loan", "credit line", "bailout", "financing program"):
                    last_financial = name
                else:
                    last_plain = name


def _second_party(result: ArticleEntities, tokens: list[Token], existing: list[Mention],
                  first: Mention) -> Mention | None:
    """The Y of 'between X and Y'."""
    k = _token_index(tokens, first.end)
    if k + 1 < len(tokens) and tokens[k].lower == "and":
        k += 1
        if tokens[k].lower == "the" and k + 1 < len(tokens):
            k += 1
        mention = _mention_at(existing, tokens[k])
        if mention and result.entities.get(mention.entity) and result.entities[mention.entity].label in (
                "Country", "Organization"):
            return mention
    return None


def _named_agreement(result: ArticleEntities, edit: MentionEditor, tokens: list[Token], cap_i: int,
                     head_i: int, kb: Knowledge, index: int) -> bool:
    """'the Paris climate agreement' (known), 'the FIRST agreement' (a name of its own)."""
    k = cap_i
    while k > 0 and tokens[k - 1].text[:1].isupper() and tokens[k - 1].is_word:
        k -= 1
    start, end = tokens[k].start, tokens[head_i].end
    surface = result.text[start:end]
    known = kb.lookup(surface)
    if known and known.label == "Agreement":
        name = known.name
    elif k == cap_i and not any(m.start <= tokens[cap_i].start < m.end for m in edit.in_sentence(index)) \
            and (tokens[cap_i].lower not in COMMON or tokens[cap_i].text.isupper()) and head_i == cap_i + 1:
        name = surface
    else:
        return False
    edit.drop_starting_in(index, start, end)
    result.add(name, "Agreement", surface)
    edit.add(Mention(start, end, surface, name, index))
    return True


AMOUNT_RE = re.compile(r"(?:US)?\$\s?(\d+(?:[.,]\d+)?)[- ]?(billion|million|trillion|bn)\b", re.IGNORECASE)


def _amount_key(text: str) -> str | None:
    m = AMOUNT_RE.search(text)
    if not m:
        return None
    unit = {"bn": "billion"}.get(m.group(2).lower(), m.group(2).lower())
    return f"{m.group(1).replace(',', '.')} {unit}"


def amount_anaphors(result: ArticleEntities) -> None:
    """'$20 billion of taxpayer money' after 'a $20 billion swap line': the same package."""
    keys: dict[str, str] = {}
    for entity in result.entities.values():
        if entity.label != "Agreement":
            continue
        for alias in sorted(entity.aliases | {entity.name}):
            key = _amount_key(alias)
            if key:
                keys.setdefault(key, entity.name)
    if not keys:
        return
    by_sentence = mentions_by_sentence(result.mentions)
    for index, sentence in enumerate(result.sentences):
        for m in AMOUNT_RE.finditer(result.text, sentence.start, sentence.end):
            key = _amount_key(m.group())
            if re.match(r"\s+[A-Z]", result.text[m.end():m.end() + 2]):
                continue  # "$20 billion Extended Fund Facility": a name of its own follows
            if key in keys and not any(x.start <= m.start() < x.end for x in by_sentence.get(index, ())):
                result.mentions.append(Mention(m.start(), m.end(), m.group(), keys[key], index, anaphor=True))


def _fold(result: ArticleEntities, entity: Entity, target: Entity, *, name_as_alias: bool = True) -> None:
    """Merge ``entity`` into ``target``: its aliases (and name) join the target's, its mentions
    point at the target, and it leaves the article's entities."""
    target.aliases |= entity.aliases | ({entity.name} if name_as_alias else set())
    for m in result.mentions:
        if m.entity == entity.name:
            m.entity = target.name
    del result.entities[entity.name]


ORIGIN_BEFORE_RE = re.compile(
    r"(?:(?P<owner>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)['’]s|(?P<demonym>(?!The\b|A\b|An\b)[A-Z][a-z]+))\s+"
    r"(?:(?:former|new|top|senior|then|current|acting|interim|incoming|outgoing|veteran|chief)\s+)*"
    r"(?P<title>(?:[A-Za-z-]+\s+){0,3}?[A-Za-z-]+)(?:\s+(?:in|to|at)\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?,?\s+$")
ORIGIN_AFTER_RE = re.compile(
    r",\s+(?:a|an|the)\s+(?:(?:former|new|top|senior|then|current|acting|interim|veteran|chief)\s+)*"
    r"(?P<demonym>[A-Z][a-z]+)\s+(?P<title>(?:[a-z-]+\s+){0,2}[a-z-]+)\b")


def origin_countries(result: ArticleEntities) -> None:
    """'Brazil's finance minister, X', 'the Chinese ambassador Y': a person whose title a
    demonym or a country's possessive qualifies belongs to that country, not to the country the
    article is about. The knowledge file's country, when it has one, stays."""
    kb = knowledge()
    text = result.text
    for m in result.mentions:
        entity = result.entities.get(m.entity)
        if entity is None or entity.label != "Person" or entity.country or kb.country_of(entity.name):
            continue
        start = max(result.sentences[m.sentence].start, m.start - 90)
        found = ORIGIN_BEFORE_RE.search(text, start, m.start)
        if not found or found.end() != m.start:
            # "Valdés, a former Chilean finance minister"
            found = ORIGIN_AFTER_RE.match(text, m.end, result.sentences[m.sentence].end)
            if not found:
                continue
        words = found.group("title").lower().split()
        if not any(" ".join(words[a:b]) in TITLE_SET for a in range(len(words)) for b in range(a + 1, len(words) + 1)):
            continue
        if found.re is ORIGIN_BEFORE_RE and found.group("owner"):
            known = kb.lookup(found.group("owner"))
            country = known.name if known and known.label == "Country" else None
        else:
            country = kb.demonyms.get(fold(found.group("demonym"))) if kb.is_demonym(found.group("demonym")) else None
        if country:
            entity.country = country


def drop_location_only_countries(result: ArticleEntities) -> None:
    """'met investors in New York and London': a capital named only as a place is no actor."""
    kb = knowledge()
    by_entity: dict[str, list[Mention]] = {}
    for m in result.mentions:
        by_entity.setdefault(m.entity, []).append(m)
    for name, mentions in by_entity.items():
        entity = result.entities.get(name)
        if entity is None or entity.label != "Country":
            continue
        if any(result.country_of(other) == name for other in by_entity if other != name):
            continue  # "met President Trump in Washington": the place is the government of someone named
        if all(fold(m.surface) in kb.seats and re.search(r"\b(?:in|at|from|near|outside)\s+(?:(?:[A-Z][\w.]*\s+)"
                                                        r"{1,3}(?:and|or)\s+)?$",
                                                        result.text[max(0, m.start - 30):m.start])
               for m in mentions):
            result.mentions = [m for m in result.mentions if m.entity != name]


def merge_short_orgs(result: ArticleEntities) -> None:
    """'Southern Command' after 'US Southern Command', 'Central Bank' beside 'Central Bank of
    Argentina', 'Foreign Ministry' after 'Chinese Foreign Ministry': one organization."""
    kb = knowledge()
    orgs = [e for e in result.entities.values() if e.label == "Organization"]
    # shorter name -> the organisations whose name or alias ends with it, or whose name is it + " of ..."
    holders: dict[str, dict[int, Entity]] = {}

    def index(org: Entity, names) -> None:
        for name in names:
            words = name.split(" ")
            for k in range(1, len(words)):
                holders.setdefault(" ".join(words[k:]), {})[id(org)] = org

    for org in orgs:
        index(org, [org.name, *org.aliases])
        for found in re.finditer(" of ", org.name):
            holders.setdefault(org.name[:found.start()], {})[id(org)] = org
    for short in orgs:
        if kb.lookup(short.name) or " " not in short.name:
            continue
        longer = [e for e in holders.get(short.name, {}).values() if e is not short]
        if len(longer) != 1:
            continue
        _fold(result, short, longer[0])
        index(longer[0], [short.name, *short.aliases])  # its forms are the longer one's aliases now


def merge_subset_agreements(result: ArticleEntities) -> None:
    """'the EU deal' beside 'the trade agreement between the EU and Mercosur': a plain agreement
    whose parties are a part of exactly one other agreement's parties is that agreement."""
    agreements = [e for e in result.entities.values() if e.label == "Agreement"]
    for entity in agreements:
        if not entity.parties or entity.name not in result.entities:
            continue
        # "the EU deal" joins the EU–Mercosur agreement; "Argentina currency swap" (one side
        # named) joins the one currency swap with Argentina and another side
        wider = [e for e in agreements if e is not entity and e.name in result.entities and e.parties
                 and set(entity.parties) < set(e.parties) and (entity.kind == "agreement" or e.kind == entity.kind)]
        if len(wider) != 1:
            continue
        _fold(result, entity, wider[0], name_as_alias=False)


def merge_named_trade(result: ArticleEntities) -> None:
    """'an Agreement on Reciprocal Trade and Investment' beside 'the trade deal' between the same
    two countries: one agreement, named by its parties like in every other article."""
    phrased = [e for e in result.entities.values() if e.label == "Agreement" and e.kind == "trade agreement"
               and len(e.parties) == 2]
    if len(phrased) != 1:
        return
    target = phrased[0]
    for entity in list(result.entities.values()):
        if entity.label != "Agreement" or entity.kind or entity is target or \
                not re.search(r"\btrade\b", entity.name, re.IGNORECASE) or knowledge().lookup(entity.name):
            continue
        _fold(result, entity, target)


def merge_partyless(result: ArticleEntities) -> None:
    """'the $57 billion loan' and "Macri's IMF loan" in one article are one loan."""
    for entity in list(result.entities.values()):
        if entity.label != "Agreement" or entity.parties or not entity.kind:
            continue
        same = [e for e in result.entities.values() if e.label == "Agreement" and e.kind == entity.kind
                and e.parties]
        if len(same) == 1:
            _fold(result, entity, same[0])


IT_OBJECT_RE = re.compile(r"\b(?:vot(?:e|ed|es|ing)\s+(?:for|against|in\s+favou?r\s+of)|reject(?:ed|s)?|"
                          r"oppos(?:e|ed|es)|back(?:ed|s)?|endors(?:e|ed|es)|veto(?:ed|es)?|block(?:ed|s)?)\s+$", re.IGNORECASE)
IT_SUBJECT_RE = re.compile(r"\s+(?:was|has\s+been|had\s+been|is)\s+(?:\w+ly\s+)?(?:approved|passed|adopted|"
                           r"rejected|backed|endorsed|vetoed|blocked|signed)\b")


ANALYSTS = {"analyst", "analysts", "economist", "economists", "strategist", "strategists", "researcher",
            "researchers", "traders", "bankers"}
_OUTLET_NAME = r"((?:The\s)?[A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*){0,4})"
OUTLET_RES = (
    re.compile(r"^\W{0,3}By\s" + _OUTLET_NAME + r"\s(?:staff|newsroom|correspondents?|reporters?)\b", re.MULTILINE),
    re.compile(r"^\W{0,3}" + _OUTLET_NAME + r"\s(?:is\spublished|publishes)\b", re.MULTILINE),
)


def outlets(result: ArticleEntities) -> None:
    """The publication named in a byline or footer ('By Southern Wire Service staff', 'Pampas
    Monitor is published every Monday by ...'). A '©' line names the publisher, often a company
    the article does not otherwise mention, so it is left alone."""
    text = result.text
    names: list[str] = []
    for pattern in OUTLET_RES:
        for found in pattern.finditer(text):
            name = re.split(r"\.\s", re.sub(r"^The\s", "", found.group(1)))[0].rstrip(".")
            if len(name) < 4 or knowledge().lookup(name) is not None:
                continue
            if any(name.startswith(n + " ") for n in names):
                continue  # "© 2026 Pampas Monitor Media SRL" after "Pampas Monitor is published"
            if name not in names:
                names.append(name)
    starts = [s.start for s in result.sentences]
    for name in names:
        existing = result.entities.get(name)
        if existing is not None and existing.label != "Organization":
            continue
        result.add(name, "Organization")
        with MentionEditor(result) as edit:
            for found in re.finditer(r"\b" + re.escape(name) + r"\b", text):
                index = bisect.bisect_right(starts, found.start()) - 1
                if index < 0 or found.start() >= result.sentences[index].end:
                    continue
                edit.drop(index, lambda m: m.start < found.end() and found.start() < m.end)
                edit.add(Mention(found.start(), found.end(), name, name, index))


BYLINE_RE = re.compile(
    r"^\W{0,3}(?:By|Author:|Written\s+by|Reporting\s+by)\s+(?:(?:Dr|Prof)\.?\s+)?"
    r"(?P<name>[A-Z][\w'’.-]+(?:\s(?:(?:de|del|da|van|von|la)\s)?[A-Z][\w'’.-]+){1,3})"
    r"(?=\s*(?:[,|;]|$|\s+and\s|\s+in\s))", re.MULTILINE)


def bylines(result: ArticleEntities) -> None:
    """'By Ana Ruiz, energy correspondent', 'By Ana Ruiz | The Review | May 2026', 'Author: Dr.
    Ana Ruiz': the author of a byline is a person, though the line is no sentence of the body."""
    kb = knowledge()
    text = result.text
    if "By " not in text and "Author:" not in text and "by " not in text:
        return
    starts = [s.start for s in result.sentences]
    with MentionEditor(result) as edit:
        for found in BYLINE_RE.finditer(text):
            surface = found.group("name")
            words = tokenize(surface)
            known = kb.lookup(surface)
            if known is None and not _person_like(words, kb):
                continue  # "By Southern Wire Service staff" is the outlet's
            if known is not None and known.label != "Person":
                continue
            index = bisect.bisect_right(starts, found.start("name")) - 1
            if index < 0 or found.start("name") >= result.sentences[index].end:
                continue
            name = known.name if known else _person_name(words)
            result.add(name, "Person", surface)
            edit.drop(index, lambda m: m.start < found.end("name") and found.start("name") < m.end)
            edit.add(Mention(found.start("name"), found.end("name"), surface, name, index))


FUND_FACILITY_RE = re.compile(r"\b(?:Fund Facility|Stand-By Arrangement|Extended Credit Facility)\b")


QUOTED_BILL_RE = re.compile(r"[“\"]([a-zA-Z][\w -]{2,40}?)[”\"]\s+(bill|law|act|legislation)\b")


def quoted_bills(result: ArticleEntities) -> None:
    """'a separate "fiscal responsibility" bill': a bill named only by the words in quotes."""
    text = result.text
    with MentionEditor(result) as edit:
        for index, sentence in enumerate(result.sentences):
            if sentence.kind != "body":
                continue
            for found in QUOTED_BILL_RE.finditer(text, sentence.start, sentence.end):
                if any(m.start < found.end() and found.start() < m.end for m in edit.in_sentence(index)):
                    continue
                name = f"{found.group(1)} {found.group(2)}"
                name = name[:1].upper() + name[1:]
                result.add(name, "Agreement", found.group(), kind="bill")
                edit.add(Mention(found.start(), found.end(), found.group(), name, index, phrase=True))


BODY_WORDS = ("coalition", "bloc", "alliance", "federation", "confederation", "front", "caucus")
BODY_ANAPHOR_RE = re.compile(r"\b[Tt]he\s+(" + "|".join(BODY_WORDS) + r")\b")


def mentions_by_sentence(mentions: list[Mention]) -> dict[int, list[Mention]]:
    """Mentions grouped by sentence index, each group in text order."""
    groups: dict[int, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        groups.setdefault(m.sentence, []).append(m)
    return groups


class MentionEditor:
    """Removes and adds an article's mentions one sentence at a time.

    Passes that replace the mentions inside a span would otherwise scan every mention of the
    article for each match, which made long articles quadratic. The editor keeps the mentions
    by sentence, marks removed ones, and rebuilds ``result.mentions`` once, in its order, when
    the ``with`` block ends.
    """

    def __init__(self, result: ArticleEntities):
        self.result = result
        self.by_sentence = mentions_by_sentence(result.mentions)
        self.dropped: set[int] = set()

    def __enter__(self) -> "MentionEditor":
        return self

    def __exit__(self, *exc) -> None:
        if self.dropped:
            self.result.mentions = [m for m in self.result.mentions if id(m) not in self.dropped]
            self.dropped.clear()

    def in_sentence(self, index: int) -> list[Mention]:
        """The sentence's live mentions, in text order."""
        return sorted(self.by_sentence.get(index, []), key=lambda m: m.start)

    def add(self, mention: Mention) -> Mention:
        self.result.mentions.append(mention)
        self.by_sentence.setdefault(mention.sentence, []).append(mention)
        return mention

    def drop(self, index: int, unwanted) -> None:
        """Remove the mentions of sentence ``index`` for which ``unwanted(mention)`` holds."""
        kept = []
        for m in self.by_sentence.get(index, []):
            if unwanted(m):
                self.dropped.add(id(m))
            else:
                kept.append(m)
        self.by_sentence[index] = kept

    def drop_starting_in(self, index: int, start: int, end: int) -> None:
        self.drop(index, lambda m: start <= m.start < end)


WORD_AFTER_RE = re.compile(r"\s+(?:[a-z]+\s+)?(\w+)")
WORD_BEFORE_RE = re.compile(r"\b(\w+),\s+(?:the\s+)?$")


def body_anaphors(result: ArticleEntities) -> None:
    """'the Provincias Unidas coalition ... the coalition also backed': the coalition named last."""
    text = result.text
    if not any(word in text for word in BODY_WORDS):
        return
    last: dict[str, tuple[str, int]] = {}
    by_sentence = mentions_by_sentence(result.mentions)
    for index, sentence in enumerate(result.sentences):
        here = by_sentence.get(index, [])
        if sentence.kind == "body":
            for found in BODY_ANAPHOR_RE.finditer(text, sentence.start, sentence.end):
                word = found.group(1)
                seen = last.get(word)
                if seen is None or index - seen[1] > 3 or any(m.start <= found.start() < m.end or m.end + 1 >= found.start(
                        1) >= m.end for m in here):
                    continue  # "the Unión por la Patria bloc" names its body itself
                result.mentions.append(Mention(found.start(1), found.end(1), word, seen[0], index, anaphor=True))
        for m in here:
            entity = result.entities.get(m.entity)
            if entity is None or entity.label != "Organization":
                continue
            after = WORD_AFTER_RE.match(text, m.end, m.end + 25)
            before = WORD_BEFORE_RE.search(text[max(0, m.start - 25):m.start])
            for word in (after.group(1) if after else None, before.group(1) if before else None):
                if word in BODY_WORDS:
                    last[word] = (entity.name, index)  # "the CGT union federation", "union federation, the CGT"


CHAMBER_RE = re.compile(r"\bthe\s+(upper\s+house|lower\s+house|chamber)\b(?!\s+of\b)")


def chambers(result: ArticleEntities) -> None:
    """'the upper house', 'the lower house' and 'the chamber' just named: the legislative chamber."""
    text = result.text
    senates = [e.name for e in result.entities.values() if e.label == "Organization" and e.name.endswith("Senate")]
    lowers = [e.name for e in result.entities.values() if e.label == "Organization" and re.search(
        r"Chamber of Deputies|House of Representatives", e.name)]
    chambers = set(senates) | set(lowers)
    if not chambers or not re.search(r"\bthe\s+(?:upper\s+house|lower\s+house|chamber)\b", text):
        return
    last: tuple[str, int] | None = None
    by_sentence = mentions_by_sentence(result.mentions)
    for index, sentence in enumerate(result.sentences):
        here = by_sentence.get(index, [])
        if sentence.kind == "body":
            for found in CHAMBER_RE.finditer(text, sentence.start, sentence.end):
                word = found.group(1).split()[0]
                target = None
                if word == "upper" and len(senates) == 1:
                    target = senates[0]
                elif word == "lower" and len(lowers) == 1:
                    target = lowers[0]
                elif word == "chamber":
                    before = [m for m in here if m.end <= found.start() and m.entity in chambers]
                    if before:
                        target = before[-1].entity
                    elif last and index - last[1] <= 1:
                        target = last[0]
                if target:
                    result.mentions.append(Mention(found.start() + 4, found.end(), found.group(1), target, index,
                                                   anaphor=True))
        for m in here:
            if m.entity in chambers:
                last = (m.entity, index)


def merge_facilities(result: ArticleEntities) -> None:
    """Names of a program that already has a party name in the article are aliases of it.

    'the Extended Fund Facility' is the Argentina–IMF agreement when the article has one; 'the
    $20 billion facility' in the sentence that names 'its currency swap line with the U.S.
    Treasury' is that swap line."""
    for entity in list(result.entities.values()):
        if entity.label != "Agreement" or entity.parties:
            continue
        if FUND_FACILITY_RE.search(entity.name):
            fund = [e for e in result.entities.values() if e.label == "Agreement" and e.parties and any(
                (result.entities.get(p) or _NONE).label == "Organization" and re.search(r"\bFund\b", p)
                for p in e.parties)]
            lenders = [e for e in fund if result.home in e.parties]
            if len(lenders) == 1:
                _fold(result, entity, lenders[0])
            elif not fund and result.home and "International Monetary Fund" in result.entities:
                # the IMF's facility for the country the article is about
                entity.parties = (result.home, "International Monetary Fund")
                entity.kind = "financing program"
            continue
        if entity.kind != "financing program" or not re.search(r"\b(?:facility|line)$", entity.name):
            continue
        first = next((m for m in result.mentions if m.entity == entity.name), None)
        if first is None:
            continue
        here = {m.entity for m in result.mentions if m.sentence == first.sentence and m.entity != entity.name}
        named = [result.entities[n] for n in here if n in result.entities and result.entities[n].label == "Agreement"
                 and result.entities[n].parties and result.entities[n].kind in FINANCIAL_KINDS]
        if len(named) == 1:
            _fold(result, entity, named[0])


def _party_label(result: ArticleEntities, parties: list[str], kb: Knowledge) -> str:
    """'United States–Argentina', 'Argentina–IMF': the US first, then other countries, then
    organizations by their acronym when they have one; the same in every article."""
    def key(name: str) -> tuple:
        entity = result.entities.get(name)
        label = entity.label if entity else "Organization"
        return (0 if name == "United States" else 1 if label == "Country" else 2, name)

    def short(name: str) -> str:
        known = kb.actors.get(name)
        acronyms = [a for a in (known.aliases if known else []) if a.isupper() and 2 <= len(a) <= 5]
        return acronyms[0] if acronyms and known.label == "Organization" else name

    return "–".join(short(p) for p in sorted(parties, key=key))


def _drop_inside(result: ArticleEntities, edit: MentionEditor, index: int, start: int, end: int,
                 keep: str) -> None:
    """Party mentions inside an agreement phrase stay; only nested agreement mentions go."""
    edit.drop(index, lambda m: start <= m.start and m.end <= end and result.entities.get(m.entity) is not None
              and result.entities[m.entity].label == "Agreement" and m.entity != keep)


def _strip_possessor(surface: str) -> str:
    return re.sub(r"^[A-Z][\w.-]*(?: [A-Z][\w.-]*)*['’]s\s+", "", surface)


def _strip_amount(surface: str) -> str:
    return re.sub(r"^(?:US)?\$\s?[\d.,]+(?:[- ](?:billion|million|trillion|bn))?\s*", "", surface).strip()


def _agreement_kind(head: str, mods: list[str]) -> str | None:
    if head in ("swap",) or "swap" in mods:
        return "currency swap"
    if head == "loan":
        return "loan"
    if head == "line" and "credit" in mods:
        return "credit line"
    if head in ("bailout", "rescue", "package") or "bailout" in mods or "rescue" in mods:
        return "rescue"
    if head in ("aid", "assistance"):
        return "assistance"
    if head in ("program", "programme", "package", "facility") and ({"financing", "credit", "loan"} & set(mods)):
        return "financing program"
    if "trade" in mods or "tariff" in mods:
        return "trade agreement"
    if head in ("agreement", "deal", "accord", "treaty", "pact"):
        for mod in ("nuclear", "climate", "defense", "defence", "security", "investment", "debt"):
            if mod in mods:
                return f"{mod} agreement"
        return "agreement"
    return None


def _party_name(result: ArticleEntities, name: str) -> str | None:
    entity = result.entities.get(name)
    if entity is None:
        return None
    if entity.label == "Country":
        return entity.name
    if entity.label == "Organization":
        if entity.name.startswith("Central Bank of") and entity.country:
            return entity.country
        known = knowledge().actors.get(entity.name)
        if known and known.country and re.search(r"\b(?:Department|Ministry|Treasury|Government|Federal Reserve)\b",
                                                 entity.name):
            return known.country  # "the US Treasury" is the United States' side of a swap
        bank_of = re.search(r"\bBank of (?:the )?([A-Z][\w ]+)$", entity.name)
        if bank_of:  # "People's Bank of China" stands for China in an agreement's name
            known = knowledge().lookup(bank_of.group(1))
            if known and known.label == "Country":
                return known.name
        return entity.name
    return result.country_of(entity.name)


def _mention_at(mentions: list[Mention], tok: Token) -> Mention | None:
    for m in mentions:
        if m.start <= tok.start and tok.end <= m.end:
            return m
    return None


def _token_index(tokens: list[Token], start: int) -> int:
    for i, t in enumerate(tokens):
        if t.start >= start:
            return i
    return len(tokens)


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions; anaphors never displace names."""
    kept: list[Mention] = []
    outer: Mention | None = None
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if outer is not None and outer.start <= m.start and m.end <= outer.end and m is not outer \
                and not m.anaphor:
            kept.append(m)  # an actor named inside an agreement phrase ("swap line with X")
            continue
        if kept and m.start < kept[-1].end:
            prev = kept[-1]
            if (m.end - m.start) > (prev.end - prev.start) and not m.anaphor:
                kept[-1] = m
            continue
        kept.append(m)
        if m.phrase:
            outer = m
    return kept


def _most_mentioned_country(result: ArticleEntities) -> str | None:
    counts: dict[str, int] = {}
    for m in result.mentions:
        entity = result.entities.get(m.entity)
        if entity and entity.label == "Country":
            counts[entity.name] = counts.get(entity.name, 0) + 1
    if not counts:
        return None
    return max(sorted(counts), key=lambda c: counts[c])


def home_countries(result: ArticleEntities) -> None:
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in result.mentions:
        country = None
        entity = result.entities.get(m.entity)
        if entity is None:
            continue
        if entity.label == "Country":
            country = entity.name
        elif entity.label == "Person":
            country = result.country_of(entity.name)
        if country:
            counts[country] = counts.get(country, 0) + 1
            first.setdefault(country, m.start)
    ranked = sorted(counts, key=lambda c: (-counts[c], first[c]))
    # A foreign-news article about country X mentions the US as often: prefer the non-US one.
    if len(ranked) >= 2 and ranked[0] == "United States" and counts[ranked[1]] * 2 >= counts[ranked[0]]:
        ranked[0], ranked[1] = ranked[1], ranked[0]
    result.home = ranked[0] if ranked else None
    result.second = ranked[1] if len(ranked) > 1 else None


# The passes, in the order they run; each reads and changes one article's ArticleEntities.
PASSES = [
    find_candidates,               # tokens; capitalised runs, titles, known names, special shapes
    register_names,                # known and multi-word names, so single words can link to them
    resolve_words,                 # candidates -> mentions; surnames, acronyms, bare institutions
    outlets,                       # the publication of a byline or footer
    bylines,                       # the author of a byline
    case_errors,                   # names and aliases written in another case
    metonyms,                      # "the Trump administration", "Democratic senators", central banks
    home_countries,                # the article's main and second country
    bare_central_bank,             # "the central bank": the main country's
    quoted_bills,                  # a "fiscal responsibility" bill
    body_anaphors,                 # "the coalition", "the bloc" named last
    chambers,                      # "the upper house", "the chamber"
    agreement_phrases,             # lower-case agreements named by their parties, and anaphors
    merge_partyless,               # a loan with no parties is the article's one loan with them
    merge_facilities,              # "Extended Fund Facility", "the $20 billion facility"
    merge_named_trade,             # a named trade agreement is the article's one trade agreement
    merge_subset_agreements,       # fewer named sides of one agreement of the same kind
    merge_short_orgs,              # "Southern Command" after "US Southern Command"
    amount_anaphors,               # "$20 billion" after "a $20 billion swap line"
    events,                        # inaugurations and elections
    merge_elections_in_article,    # an election named by year alone joins the one of a kind
    org_events,                    # "the G20 summit"
    drop_overlaps,                 # the longest of overlapping mentions
    mark_possessives,              # "Milei's"
    home_countries,                # again, over the final mentions
    origin_countries,              # "Brazil's finance minister, X": X's country
    drop_location_only_countries,  # a capital named only as a place
    prune,                         # entities nothing mentions
]
