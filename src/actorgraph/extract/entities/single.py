"""Candidates become mentions; single words resolve to the article's people, acronyms and institutions."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from operator import attrgetter

from ..lexicon import COMMON, NOT_SITTING, TEMPORAL, Knowledge, entity_words, fold, knowledge
from ..text import Sentence, Token
from .model import ArticleEntities, Candidate, Entity, Mention, _fold, _most_mentioned_country
from .words import INSTITUTIONS, SPEECH_VERBS, US_ONLY_INSTITUTIONS
from .candidates import APPOSITIVE_CLASS_RE, _never_a_name


def resolve_words(result: ArticleEntities) -> None:
    """Every candidate becomes a mention; single words resolve to surnames, acronyms, institutions."""
    kb = knowledge()
    persons = PersonIndex([e for e in result.entities.values() if e.label == "Person"], _full_mentions(result), kb)
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


FAMILY_FIRST = entity_words().family_first_names  # ext-roles3

INITIALS_SKIPPED = frozenset({"of", "the", "for", "and", "on", "in", "de", "del", "la", "las", "los", "y", "e", "&"})


def _initials_owner(result: ArticleEntities, acronym: str) -> Entity | None:
    """ext-entities2: the one organisation of the article whose initials are ``acronym``, though the
    article never defined it in parentheses ('Inter-American Development Bank' -> IDB or IADB)."""
    index = result.__dict__.get("_initials")
    if index is None:
        index = result.__dict__["_initials"] = {}
        for entity in list(result.entities.values()):
            if entity.label != "Organization" or " " not in entity.name:
                continue
            words = [w for w in entity.name.split() if w.lower() not in INITIALS_SKIPPED]
            if len(words) < 2 or not all(w[:1].isupper() for w in words):
                continue
            forms = {"".join(w[0] for w in words),
                     "".join(p[0] for w in words for p in w.split("-") if p)}
            for form in forms:
                index.setdefault(form, []).append(entity)
    owners = {id(e): e for e in index.get(acronym, [])}
    return next(iter(owners.values())) if len(owners) == 1 else None


def _full_mentions(result: ArticleEntities) -> dict[str, list[int]]:
    """Where each person is named in full (more than one word), in article order."""
    found: dict[str, list[int]] = {}
    for cands in result.candidates:
        for cand in cands:
            if cand.label == "Person" and cand.name and " " in cand.surface.strip():
                found.setdefault(cand.name, []).append(cand.start)
    return found


def _after(tokens: list[Token], end: int, n: int) -> list[Token]:
    """The first ``n`` tokens that start at or after ``end`` (tokens are in text order): found by
    bisect's C search, as ``_before``'s are."""
    k = bisect_left(tokens, end, key=_START)
    return tokens[k:k + n]


def _before(tokens: list[Token], start: int, n: int) -> list[Token]:
    """The last ``n`` tokens that end at or before ``start`` (tokens are in text order, so their
    ends rise too): what ``[t for t in tokens if t.end <= start][-n:]`` gives, without reading them all."""
    k = bisect_right(tokens, start, key=_END)
    return tokens[max(0, k - n):k]


_END = attrgetter("end")
_START = attrgetter("start")


# speech verbs whose object is the one spoken to ("told Neura", "told Reuters"), often an outlet:
# a single unknown word after them is no speaker
RECIPIENT_VERBS = {"told", "tells", "asked", "asks", "replied", "responded"}


ERA_WORDS = {"years", "era", "decade", "decades", "period", "days", "age", "legacy", "doctrine", "-era"}


class PersonIndex:
    """The article's people looked up by one word, earliest-introduced first.

    A word names a person when it is the surname, the second-last name of a longer name, an
    alias, or (when the caller allows it) the first name. Lookups are dictionary reads, so
    resolving every single word of a long article stays linear in its length. A surname two
    people of the article share ("Milei" beside Javier and Karina Milei) goes, as a reader
    takes it, to the better-known bearer (the knowledge file's), else to the one named in full
    more often before it, else to the one named in full most recently before it.
    """

    def __init__(self, persons: list[Entity], full_mentions: dict[str, list[int]] | None = None,
                 kb: Knowledge | None = None):
        self.persons = persons
        self.order = {id(p): k for k, p in enumerate(persons)}
        self.strong: dict[str, int] = {}   # surname, second-last name, alias -> earliest person
        self.first: dict[str, int] = {}    # first name -> earliest person
        self.full: dict[tuple[str, str], int] = {}  # (first, last) -> earliest person
        self.bearers: dict[str, list[int]] = {}  # surname -> every person bearing it
        self.named_at = full_mentions or {}
        self.kb = kb
        for k, person in enumerate(persons):
            parts = [fold(p) for p in person.name.split()]
            keys = [parts[-1], *([parts[-2]] if len(parts) > 2 else []), *(fold(a) for a in person.aliases)]
            if len(parts) == 2 and parts[0] in FAMILY_FIRST:
                keys.append(parts[0])  # ext-roles3: "Mao Ning" ... "Mao said"
            for key in keys:
                self.strong.setdefault(key, k)
            if len(parts) > 1:
                self.bearers.setdefault(parts[-1], []).append(k)
            self.first.setdefault(parts[0], k)
            self.full.setdefault((parts[0], parts[-1]), k)

    def include(self, entity: Entity) -> None:
        """A person first named by a bare surname joins the index as one more bearer of it."""
        if id(entity) in self.order:
            return
        k = self.order[id(entity)] = len(self.persons)
        self.persons.append(entity)
        self.bearers.setdefault(fold(entity.name.split()[-1]), []).append(k)

    def shared(self, key: str, at: int) -> Entity | None:
        """The person a surname names when several of the article's people bear it."""
        bearers = self.bearers.get(key, [])
        if len(bearers) < 2:
            return None
        people = [self.persons[k] for k in bearers]
        known = self.kb.surnames.get(key) if self.kb else None
        for person in people:
            if person.name == known:
                return person
        counts = sorted((sum(s < at for s in self.named_at.get(p.name, ())), -self.order[id(p)]) for p in people)
        if counts[-1][0] > counts[-2][0]:
            return self.persons[-counts[-1][1]]
        latest = max(people, key=lambda p: max((s for s in self.named_at.get(p.name, ()) if s < at), default=-1))
        return latest

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
    following = _after(tokens, cand.end, 1)
    if following and following[0].lower in ERA_WORDS and not cand.titled:
        return None, None  # "the Kirchner years", "the Menem era": a period, no mention of the person
    first_name = cand.titled is False and key in persons.first and _next_is_lower_name(tokens, cand)
    person = persons.shared(key, cand.start) or persons.by_word(key, first_name)
    known_bearer = kb.surnames.get(key)
    if person is not None and known_bearer and known_bearer != person.name and fold(person.name.split()[-1]) == key \
            and (cand.titled or person.name in kb.actors):
        # "President Milei", or a bare "Milei", in an article that names only Karina Milei in full: a
        # reader takes the better-known bearer, unless the article's one is no known actor
        persons.include(result.add(known_bearer, "Person", None, kb.country_of(known_bearer)))
        return known_bearer, "Person"
    if person is not None:  # earliest-introduced person with this surname (or first name)
        return person.name, "Person"
    if key in kb.surnames:
        return kb.surnames[key], "Person"
    if following and following[0].text.islower() and following[0].lower not in COMMON and following[0].text.isalpha():
        full = kb.lookup(word + " " + following[0].text)  # "Scott bessent"
        if full and full.label == "Person":
            return full.name, "Person"
        if cand.titled and re.search(r"\b" + re.escape(following[0].text.capitalize()) + r"\b", result.text):
            # "Treasury Secretary Scott bessent" where the article also writes "Bessent"
            return word[:1].upper() + word[1:] + " " + following[0].text.capitalize(), "Person"
    before_word = _before(tokens, cand.start, 1)
    if word in INSTITUTIONS:
        return _institution(word, cand, result, kb, tokens)
    if before_word and before_word[0].lower == "the" and kb.lookup("the " + word):
        known = kb.lookup("the " + word)  # "the Fund" is the IMF
        return known.name, known.label
    known = kb.lookup(word)
    if known:
        return known.name, known.label
    if word.isupper() and word.lower() in entity_words().measure_acronyms:
        return None, None  # "80% of the GDP", "against the USD": a measure, no actor
    if word.isupper() and word.isalpha() and 2 <= len(word) <= 6:
        owner = _initials_owner(result, word)
        if owner is not None:  # ext-entities2: "the Andean Development Corporation ... the ADC"
            return owner.name, owner.label
    if word.isupper() and word.isalpha() and len(word) >= 3 and before_word and before_word[0].lower == "the" \
            and sentence.kind == "body" and not re.match(r"\s+[a-z]", result.text[cand.end:cand.end + 2]):
        return word, "Organization"  # "led by the FNSEA,": an acronym named with an article is a body
    if word.isupper() and word.isalpha() and len(word) >= 3 and sentence.kind == "body" and \
            APPOSITIVE_CLASS_RE.match(result.text, cand.end):
        return word, "Organization"  # "INVAP, the state-owned technology company": a described acronym
    if sentence.kind != "body" or word.isupper():
        return None, None
    after = [t.lower for t in _after(tokens, cand.end, 2)]
    before = [t.lower for t in _before(tokens, cand.start, 2)]
    person = persons.by_first_and_last(key, fold(after[0])) if after else None
    if person is not None:
        return person.name, "Person"
    if _never_a_name(word, kb):
        return None, None  # "said the Bank", "one Argentine said", "the Argentine-born"
    if after and after[0] in entity_words().outlet_nouns:
        return word, "Organization"  # "told Mitre radio": a broadcaster, not a person
    firm = _after(tokens, cand.end, 4)
    for n in (3, 2, 1):
        if len(firm) > n and " ".join(t.lower for t in firm[:n]) in entity_words().firm_titles and \
                firm[n].text[:1].isupper() and word.lower() not in TEMPORAL | NOT_SITTING:
            return word[:1].upper() + word[1:], "Organization"  # "Quilmes chief executive X": the firm
    if cand.titled or (after and after[0] in SPEECH_VERBS) or (before and before[-1] in SPEECH_VERBS and
                                                                 before[-1] not in RECIPIENT_VERBS):
        return word[:1].upper() + word[1:], "Person"
    if APPOSITIVE_CLASS_RE.match(result.text, cand.end):
        return word, "Organization"  # "Tenaris, the pipe maker controlled by ..."
    return None, None


def _institution(word: str, cand: Candidate, result: ArticleEntities, kb: Knowledge,
                 tokens: list[Token]) -> tuple[str | None, str | None]:
    """A bare 'Senate' or 'Congress' belongs to the country its sentence is about."""
    country = None
    before = _before(tokens, cand.start, 1)
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
        text = result.text
        for m in nearby:
            if text.startswith(("'s", "’s"), m.end) and m.end + 3 < cand.start:
                continue  # ext-entities2: "Despite Washington's support, Congress balked": a possessor elsewhere
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
    if word in US_ONLY_INSTITUTIONS:
        # ext-entities2: English-language news writes "the Treasury", "the House" bare for the US ones;
        # elsewhere (Argentina's treasury) it is left unnamed rather than guessed
        us = "United States"
        index = bisect_right(result.sentences, cand.start, key=attrgetter("start")) - 1
        sentence = result.candidates[index] if 0 <= index < len(result.candidates) else []
        if country != us and result.home != us and not any(
                c.country == us or (c.label == "Country" and c.name == us) or
                (c.name is None and kb.country_of(kb.surnames.get(fold(c.surface), "")) == us) for c in sentence):
            return None, None
        country = us
    known = kb.lookup(f"{country} {word}")
    found = (known.name, known.label) if known else (f"{kb.adjective_of.get(country, country)} {word}",
                                                       "Organization")
    seen.setdefault(word, found)
    return found


def _next_is_lower_name(tokens: list[Token], cand: Candidate) -> bool:
    """'Donald trump': a first name followed by a lower-cased surname."""
    after = _after(tokens, cand.end, 1)
    return bool(after) and after[0].text[:1].islower() and after[0].lower not in COMMON


_NICKNAME_IN_RE = re.compile(r"[“\"‘']([^“”\"‘’']{2,20})[”\"’']")


def merge_person_variants(result: ArticleEntities) -> None:
    """One person under the variants of one name an article uses: with and without accents
    ("Galperín" / "Galperin"), with and without middle names ("Miguel Ángel Broda" / "Miguel
    Broda"), and by a nickname it gave ('Carlos "Chino" Pérez' / "Chino Pérez"). The fuller,
    better-known or earlier name stays; the other becomes its alias."""
    kb = knowledge()
    people = [e for e in result.entities.values() if e.label == "Person"]
    if len(people) < 2:
        return
    order = {e.name: k for k, e in enumerate(people)}

    def keep_first(a: Entity, b: Entity) -> tuple[Entity, Entity]:
        """(kept, merged): the known one, else the one with more words, else the earlier one."""
        rank = [(a.name in kb.actors, len(a.name.split()), -order[a.name]),
                (b.name in kb.actors, len(b.name.split()), -order[b.name])]
        return (a, b) if rank[0] >= rank[1] else (b, a)

    by_key: dict[tuple[str, str], list[Entity]] = {}
    for person in people:
        parts = fold(person.name).split()
        if len(parts) >= 2:
            by_key.setdefault((parts[0], parts[-1]), []).append(person)
        for alias in person.aliases:
            nick = _NICKNAME_IN_RE.search(alias)
            if nick and len(parts) >= 2:
                by_key.setdefault((fold(nick.group(1)), parts[-1]), []).append(person)
    for group in by_key.values():
        unique = [p for p in {id(p): p for p in group}.values() if p.name in result.entities]
        if len(unique) < 2:
            continue
        forms = {fold(p.name) for p in unique}
        longer = [p for p in unique if len(p.name.split()) > 2 and not _NICKNAME_IN_RE.search(" ".join(p.aliases))]
        if len(forms) > 2 or len({fold(p.name) for p in longer}) > 1:
            continue  # "Juan Carlos Pérez" and "Juan Manuel Pérez": two people
        if sum(p.name in kb.actors for p in unique) > 1:
            continue  # two known people are never one
        kept = unique[0]
        for other in unique[1:]:
            kept, gone = keep_first(kept, other)
            _fold(result, gone, kept)
