"""Offices and memberships: titles before names, appositives around them, party words."""

from __future__ import annotations

import re
from bisect import bisect_left
from operator import attrgetter

from ..entities import ArticleEntities, Mention, mentions_by_sentence
from ..lexicon import (HEAD_OF_ORG, HEAD_OF_STATE, NOT_SITTING, OCCUPATIONS, TEMPORAL, TITLE_SET, entity_words,
                       fold, knowledge)
from ..patterns import guarded
from ..text import Token
from .base import entity_label, mention_label, Relation, SentenceView

LEADS_PHRASES = guarded(re.compile(r"\b(?:assumed|assumes|took|takes)\s+the\s+presidency(?:\s+of)?|"
                                   r"\breturn(?:ed|s)?\s+to\s+(?:the\s+)?(?:presidency|White\s+House|Casa\s+Rosada|power)|\bleadership\s+of\b", re.IGNORECASE))
_START = attrgetter("start")
MAX_TITLE_WORDS = max(len(t.split()) for t in TITLE_SET)
# the last words of the titles: a title (or "ex-" one, or plural one) ending before a token ends with that
# token, so a token that is none of them ends no title and title_before answers without joining any words
TITLE_LAST_WORDS = frozenset(t.rsplit(" ", 1)[-1] for t in TITLE_SET)


def title_before(tokens: list[Token], i: int, plural: bool = False) -> tuple[str, int] | None:
    """The longest title that ends right before tokens[i]: (title, start index) or None; with
    ``plural``, also a title in the plural ("Senators X and Y"), returned in the singular."""
    if i < 1:
        return None
    last = tokens[i - 1].lower
    if last not in TITLE_LAST_WORDS and not last.startswith("ex-") and " " not in last and not (
            plural and (last[:-1] in TITLE_LAST_WORDS or last[:-3] + "y" in TITLE_LAST_WORDS)):
        return None  # most tokens before a name end no title (tests/test_relation_fastpaths.py: as the loop below)
    for n in range(min(MAX_TITLE_WORDS, i), 0, -1):
        words = " ".join(t.lower for t in tokens[i - n:i])
        if words.startswith("under ") and tokens[i - n].text == "under":
            continue  # "the Treasury, under Secretary Bessent": a preposition, not an Under Secretary
        if words in TITLE_SET:
            return words, i - n
        if words.startswith("ex-") and words[3:] in TITLE_SET:
            return words, i - n  # ext-entities2: "ex-president X": a past office, never one led now
        if plural and words.endswith("s") and singular_title(words):
            return singular_title(words), i - n
    return None


def singular_title(words: str) -> str | None:
    """'senators' -> 'senator', 'foreign ministers' -> 'foreign minister', else None."""
    head, _, last = words.rpartition(" ")
    for one in ((last[:-3] + "y") if last.endswith("ies") else None, last[:-1]):
        if one and (f"{head} {one}" if head else one) in TITLE_SET:
            return f"{head} {one}" if head else one
    return None


def _token_at(tokens: list[Token], start: int) -> int | None:
    """The index of the token that begins at ``start``, else None: a binary search (tokens are in
    order, one per offset; tests/test_relation_fastpaths.py), not a dict of every token's start."""
    k = bisect_left(tokens, start, key=_START)
    return k if k < len(tokens) and tokens[k].start == start else None


def _listed_title(ents: ArticleEntities, tokens: list[Token], mentions: list[Mention],
                  i: int) -> tuple[tuple[str, int] | None, int]:
    """A plural title before a list of people: 'Senators X and Y', 'Governors X, Y and Z'.
    Returns the title as title_before does, and the index of the token after it."""
    if i < 1 or (tokens[i - 1].lower not in ("and", ",") and not tokens[i - 1].lower.endswith("s")):
        return None, i
    k, by_end = i, None
    while k > 1 and tokens[k - 1].lower in ("and", ","):
        if by_end is None:  # (made only for a list: most names after a word in "s" are none)
            by_end = {x.end: x for x in mentions if not x.anaphor}
        previous = by_end.get(tokens[k - 2].end)
        at = None if previous is None else _token_at(tokens, previous.start)
        if previous is None or mention_label(ents, previous) != "Person" or at is None:
            return None, i
        k = at
    if k == i:
        found = title_before(tokens, i, plural=True)
        plural = found and tokens[i - 1].lower.endswith("s") and found[0] != tokens[i - 1].lower
        return (found, i) if plural else (None, i)
    found = title_before(tokens, k, plural=True)
    if found and tokens[k - 1].lower.endswith("s") and found[0].split()[-1] != tokens[k - 1].lower:
        return found, k
    return None, i


def _roles(ents: ArticleEntities, tokens: list[Token], mentions: list[Mention], index: int) -> list[Relation]:
    kb = knowledge()
    out: list[Relation] = []
    text = ents.text
    for m in mentions:
        if m.anaphor or getattr(ents.entities.get(m.entity), "label", None) != "Person":
            continue  # (mention_label, inlined: read for every mention of every sentence)
        # the token the name begins with: tokens are in order, one per offset (a search, not a dict of every token)
        i = bisect_left(tokens, m.start, key=_START)
        if i == len(tokens) or tokens[i].start != m.start:
            continue
        of_party = OF_THE.match(text, m.end) if text.startswith(" of ", m.end) else \
            COMMA_OF_THE.match(text, m.end) if text.startswith(", of ", m.end) else None  # "X, of the Left Front,"
        if of_party:  # "Ezequiel Atauche of La Libertad Avanza": a member of the party
            target = next((x for x in mentions if x.start == of_party.end()), None)
            if target and mention_label(ents, target) == "Organization" and (
                    target.entity in kb.party_adjectives.values() or PARTY_NAME_RE.search(target.entity)):
                out.append(Relation(m.entity, target.entity, "MEMBER_OF", index, why="rule:name-of-party"))
        found = title_before(tokens, i)
        title_end = i
        if not found:
            # "Senators X and Y": the plural office of a list reaches every name in it
            found, title_end = _listed_title(ents, tokens, mentions, i)
        if found and found[0] in OCCUPATIONS:
            found = None  # "businessman Alec Oxenford": look for the office around it
        role = None
        listed_by_plural = False
        if found:
            title, t0 = found
            k = t0
            while k > 0 and t0 - k < 2 and tokens[k - 1].text[:1].isupper() and tokens[k - 1].lower not in TEMPORAL \
                    and title.split()[-1] in ("minister", "secretary", "director", "governor", "ambassador",
                                              "representative", "envoy", "advisor", "adviser") \
                    and kb.lookup(tokens[k - 1].text) is None and fold(tokens[k - 1].text) not in kb.demonyms \
                    and fold(tokens[k - 1].text) not in kb.party_adjectives \
                    and not any(x.start <= tokens[k - 1].start < x.end for x in mentions):
                k -= 1  # "Planning Minister": an office the title list does not name
            t0 = k
            mods = []
            skipped_party = None
            while k > 0:
                low = tokens[k - 1].lower.rstrip("-")
                if low in TEMPORAL | {"ex"}:
                    k -= 1
                    mods.insert(0, tokens[k].lower)
                elif fold(tokens[k - 1].text) in kb.party_adjectives and skipped_party is None and k > 1 \
                        and tokens[k - 2].lower in TEMPORAL:
                    skipped_party = kb.party_adjectives[fold(tokens[k - 1].text)]
                    k -= 1
                else:
                    break
            where = None
            party = skipped_party
            if skipped_party:
                where = kb.country_of(skipped_party)
            if k > 0:
                prev = tokens[k - 1]
                owner = next((x for x in mentions if x.start <= prev.start < x.end and (
                    not x.anaphor or x.surface.lower() == "its")), None)  # "its co-secretary general X"
                if prev.lower == "whose" and owner is None:
                    # ext-roles3: "the United Steelworkers, whose president X": the body before "whose"
                    owner = next((x for x in reversed(mentions) if x.end <= prev.start and not x.anaphor and
                                  re.fullmatch(r"\s*(?:\([^)]{1,20}\))?,\s*", text[x.end:prev.start])), None)
                    if owner is not None and mention_label(ents, owner) == "Organization":
                        where = owner.entity
                    owner = None
                elif prev.lower in ("’s", "'s") and k > 1:
                    owner = next((x for x in mentions if x.start <= tokens[k - 2].start < x.end), None)
                    if owner:
                        where = _place_of(ents, owner.entity)
                elif owner and mention_label(ents, owner) in ("Country", "Organization"):
                    if owner.entity in kb.party_adjectives.values():
                        party = owner.entity
                        where = kb.country_of(owner.entity)
                    else:
                        where = owner.entity
                elif fold(prev.text) in kb.demonyms:
                    where = kb.demonyms[fold(prev.text)]
                elif fold(prev.text) in kb.party_adjectives:
                    party = kb.party_adjectives[fold(prev.text)]
                    where = kb.country_of(party)
                if party is None and k > 1 and fold(tokens[k - 2].text) in kb.party_adjectives:
                    party = kb.party_adjectives[fold(tokens[k - 2].text)]
                if where is not None and owner is not None and prev.lower not in ("’s", "'s"):
                    # "former YPF chief executive X": the time word stands before the place
                    before_owner = [t for t in tokens if t.end <= owner.start][-1:]
                    if before_owner and before_owner[0].lower in TEMPORAL:
                        mods.insert(0, before_owner[0].lower)
                elif where is not None and fold(prev.text) in kb.demonyms and k > 1 and tokens[k - 2].lower in TEMPORAL:
                    mods.insert(0, tokens[k - 2].lower)  # "former Argentine President X"
            # "President Milei of Argentina"
            after = text[m.end:m.end + 40]
            of = OF_THE.match(after)  # (the same pattern, compiled once)
            if of and where is None:
                target = next((x for x in mentions if x.start == m.end + of.end()), None)
                if target and mention_label(ents, target) == "Organization" and title in LEGISLATORS and (
                        target.entity in kb.party_adjectives.values() or PARTY_NAME_RE.search(target.entity)):
                    # "Deputy Myriam Bregman of the Left Front": a member of the party, an office of the state
                    out.append(Relation(m.entity, target.entity, "MEMBER_OF", index, why="rule:name-of-party"))
                elif target and mention_label(ents, target) == "Country" and (title in LEGISLATORS or title in (
                        "governor", "gov .")) and kb.subdivisions.get(fold(target.surface)) not in (None, target.entity):
                    # ext-roles3: "Senator X of Georgia": the state, not the country of that name
                    where = kb.subdivisions[fold(target.surface)]
                elif target and mention_label(ents, target) in ("Country", "Organization"):
                    where = target.entity
            role_text = text[tokens[k].start:tokens[title_end - 1].end]
            if title_end != i or tokens[i - 1].lower != title.split()[-1]:
                role_text = role_text[:-1] if role_text.endswith("s") and not role_text.endswith("ies") else \
                    role_text[:-3] + "y" if role_text.endswith("ies") else role_text  # "Senators" -> "Senator"
            role = (title, mods, where, role_text)
            if party:
                if party not in ents.entities:
                    ents.add(party, "Organization", None, kb.country_of(party))
                out.append(Relation(m.entity, party, "MEMBER_OF", index, why="rule:party-title"))
        else:
            role = _appositive_role(ents, tokens, mentions, m, i) or _counterpart(ents, tokens, mentions, m) or \
                _successor(ents, m) or _listed_appositive(ents, tokens, mentions, m, i)
            if role is None:
                role = _plural_title_before(ents, m)  # ext-roles3
                listed_by_plural = role is not None
        if role is None:
            party = _party_after(ents, m)
            if party:  # "Raúl Jalil, a Peronist, ...": no office, but a party
                if party not in ents.entities:
                    ents.add(party, "Organization", None, kb.country_of(party))
                out.append(Relation(m.entity, party, "MEMBER_OF", index, why="rule:party-appositive"))
            continue
        title, mods, where, role_text = role
        if title in OCCUPATIONS and not (where and entity_label(ents, where) == "Organization"):
            continue  # "economist X" is no office; "an economist at the Getulio Vargas Foundation" is a post
        party = _party_after(ents, m)
        if party:
            if party not in ents.entities:
                ents.add(party, "Organization", None, kb.country_of(party))
            out.append(Relation(m.entity, party, "MEMBER_OF", index, why="rule:party-appositive"))
            where = where or kb.country_of(party)
        if where is None and role is not None and found:
            # "General Laura Richardson, then commander of Southern Command": the appositive places her
            after_role = _appositive_role(ents, tokens, mentions, m, i, after_only=True)
            if after_role and after_role[2]:
                title, mods, where, role_text = after_role
            window_start = max(ents.sentences[index].start, m.start - 60)
            owned = OWNED_ROLE_BEFORE.search(text[window_start:m.start])
            if where is None and owned:
                # "U.S. Southern Command's commander, Admiral Alvin Holsey": the body before "'s"
                owner = next((x for x in mentions if x.end == window_start + owned.start()
                              and mention_label(ents, x) in ("Organization", "Country")), None)
                if owner:
                    where, title, role_text = owner.entity, owned.group("role"), owned.group("role")
        if where is None and found:
            # ext-entities2: "the Treasury, under Secretary Scott Bessent,": the body before "under" is his
            title_at = tokens[found[1]].start
            under = UNDER_BEFORE.search(text, max(ents.sentences[index].start, title_at - 30), title_at)
            body = next((x for x in mentions if under and x.end == under.start() and not x.anaphor and
                         mention_label(ents, x) in ("Organization", "Country")), None)
            if body is not None:
                where = body.entity
        if where is None and found:
            succeeded = _successor(ents, m)  # "Her successor, Admiral X": the office she held
            if succeeded and succeeded[2]:
                where = succeeded[2]
        if where is None:
            # (the word every match holds looked for first, in place: most names have none after them)
            behalf = ON_BEHALF.match(text[m.end:m.end + 90]) if text.find("behalf", m.end, m.end + 90) >= 0 else None
            if behalf:  # "X signed the deal on behalf of the European Union"
                at = m.end + behalf.end()
                where = next((x.entity for x in mentions if x.start == at and
                              mention_label(ents, x) in ("Country", "Organization")), None)
        if where is None:
            where = _subdivision_country(text[max(ents.sentences[index].start, m.start - 60):
                                              min(ents.sentences[index].end, m.end + 40)])
        if where is None and found and title == "senator" and role_text == "Senator" and \
                "United States" in ents.entities and ents.home != "United States":
            # "Senator Mark Kelly" with no party or country word: English-language press writes
            # Argentine senators as "Peronist senator X", "opposition senator X"
            where = ents.country_of(m.entity) or "United States"
        if where is None and found and title in US_OFFICES and "United States" in ents.entities:
            where = ents.country_of(m.entity) or "United States"  # "Deputy Secretary of State X"
        if where is None and title in US_TITLES and "United States" in ents.entities:
            where = ents.country_of(m.entity) or "United States"
        if where is None and title in entity_words().org_only_titles:
            where = _nearest_body(ents, tokens, mentions, m)  # ext-roles3: "Managing Director X"
            if where is None:
                continue  # an office of some organisation, not of the article's country
        fallback = where is None and not ents.country_of(m.entity)
        if fallback and title in UNPLACED_TITLES:
            continue  # ext-entities2: "a senior Treasury official": whose, the sentence does not say
        if where is None:
            where = ents.country_of(m.entity) or ents.home
        if where is None or where == m.entity:
            continue
        if title in CENTRAL_BANK_HEADS and (entity_label(ents, where) or getattr(kb.actors.get(where), "label", None)) \
                == "Country":
            bank = _central_bank_of(ents, where, m)  # ext-roles3: "Argentina's central bank governor, X"
            if bank:
                where = bank
        sitting_head = title in HEAD_OF_STATE and not (set(mods) & NOT_SITTING)
        leaders = ents.__dict__.setdefault("_sitting_heads", {})
        known_head = kb.heads_of_state.get(where)
        if known_head in ents.entities and known_head != m.entity:
            leaders.setdefault(where, known_head)  # the article names that country's sitting head
        if fallback and sitting_head and leaders.get(where, m.entity) != m.entity:
            # "President X" when the article's country already has its president: a foreign one, of
            # the one other country this sentence or the one before names (else left unplaced)
            near = _by_sentence(ents)
            others = {x.entity for x in near.get(m.sentence - 1, []) + near.get(m.sentence, [])
                      if mention_label(ents, x) == "Country" and x.entity != where and x.entity not in leaders}
            if len(others) != 1:
                continue
            where = others.pop()
        if sitting_head and where not in leaders and (not fallback or _known_head(ents, m.entity, where)):
            leaders[where] = m.entity
        where_label = ents.entities.get(where).label if ents.entities.get(where) else (
            "Country" if kb.actors.get(where) and kb.actors[where].label == "Country" else "Organization")
        if where_label not in ("Country", "Organization"):
            continue
        if where not in ents.entities and where_label == "Country":
            ents.add(where, "Country", None, where)  # "a former Chilean finance minister": Chile, named by its demonym
        why = "rule:title-role" if found else "rule:plural-title" if listed_by_plural else "rule:appositive-role"
        sitting = not (set(mods) & NOT_SITTING)
        heads = HEAD_OF_STATE if where_label == "Country" else HEAD_OF_ORG
        if sitting and title in heads:
            out.append(Relation(m.entity, where, "LEADS", index, {"role": _role_word(role_text, mods)}, why=why))
        else:
            out.append(Relation(m.entity, where, "HOLDS_ROLE", index, {"role": _role_word(role_text, mods)}, why=why))
        if found and found[0] in LEGISLATORS and where_label == "Organization" and \
                entity_label(ents, where) == "Organization":
            # ext-roles3: "The committee's chairman, Senator X": a post on the committee, and the seat
            # the title names, in the committee's country
            seat = ents.country_of(where) or ents.country_of(m.entity) or _subdivision_country(
                text[m.start:min(ents.sentences[index].end, m.end + 40)]) or (
                "United States" if found[0] == "senator" and "United States" in ents.entities else None)
            if seat and seat != where:
                out.append(Relation(m.entity, seat, "HOLDS_ROLE", index, {"role": _role_word(
                    text[tokens[found[1]].start:tokens[i - 1].end], [])}, why=why))
        ents.__dict__.setdefault("_held", {}).setdefault(m.entity, (title, where, m.start))
        entity = ents.entities.get(m.entity)
        if entity is not None and not entity.country and where_label == "Country":
            entity.country = where
    return out


# "U.S. Southern Command's commander, Admiral X"; "X signed the deal on behalf of the EU" (compiled once)
OWNED_ROLE_BEFORE = re.compile(r"['’]s\s+(?:\w+\s+)?(?P<role>commander|chief|head|director|chairman|chairwoman|"
                               r"president),\s+(?:[A-Z][\w.]*\s+){1,3}$")
ON_BEHALF = re.compile(r"[^.;]{0,60}?\bon\s+behalf\s+of\s+(?:the\s+)?")
CENTRAL_BANK_HEADS = frozenset({"governor", "president", "chief", "head", "chairman", "chairwoman"})
CENTRAL_BANK_TITLE = re.compile(r"\bcentral\s+bank(?:['’]s)?\s+(?:governor|president|chief|head|chairman|chairwoman)\b"
                                r"(?=,?\s+(?:[A-Z][\w.]*\s+){0,3}$)", re.IGNORECASE)
CENTRAL_BANK_AFTER = re.compile(r",\s+(?:the\s+|a\s+former\s+|the\s+former\s+)?(?:(?:[A-Z][\w.]*|[Aa]rgentina['’]s)\s+)?"
                                r"central\s+bank(?:['’]s)?\s+(?:governor|president|chief|head|chairman|chairwoman)\b",
                                re.IGNORECASE)


def _central_bank_of(ents: ArticleEntities, country: str, m: Mention) -> str | None:
    """The central bank of ``country`` when the office around ``m`` is its head's (ext-roles3):
    'Argentina's central bank governor, X', 'Central bank president X', 'X, the central bank governor'."""
    text, sentence = ents.text, ents.sentences[m.sentence]
    start = max(sentence.start, m.start - 60)
    if text.find("entral", start, min(sentence.end, m.end + 60)) < 0:
        return None
    if not (CENTRAL_BANK_TITLE.search(text[start:m.start]) or CENTRAL_BANK_AFTER.match(text, m.end, sentence.end)):
        return None
    name = f"Central Bank of {country}"
    known = knowledge().lookup(name)
    name = known.name if known else name
    if name not in ents.entities:
        ents.add(name, "Organization", None, country)
    return name


SUCH_AS_BEFORE = re.compile(r"\b(?P<title>[a-z][\w-]*(?:\s+[a-z][\w-]*)?),?\s+(?:such\s+as|including|like|among\s+them)\s+"
                            r"(?:(?:[A-Z][\w.'’-]*|and|,)\s*)*$")


SUCH_AS_CUE = re.compile(" (?:such as|including|like|among them) ")  # the texts _plural_title_before needs, as written


def _plural_title_before(ents: ArticleEntities, m: Mention):
    """'governors such as X', 'senators including X and Y' (ext-roles3): each person named holds
    the office the plural names (placed as a bare title is)."""
    text, sentence = ents.text, ents.sentences[m.sentence]
    start = max(sentence.start, m.start - 80)
    if SUCH_AS_CUE.search(text, start, m.start) is None:
        return None  # (one search for the four texts, where four finds cost twice as much)
    found = SUCH_AS_BEFORE.search(text, start, m.start)
    if not found or not found.group("title").endswith("s"):
        return None
    title = singular_title(found.group("title")) or singular_title(found.group("title").split()[-1])
    if title is None or title in OCCUPATIONS:
        return None
    return title, [], None, title


NOT_OWNER_BEFORE = frozenset({"told", "to", "on", "in", "at", "by", "from", "with", "against", "for"})


def _nearest_body(ents: ArticleEntities, tokens: list[Token], mentions: list[Mention], m: Mention) -> str | None:
    """The organisation an office only a body has belongs to (ext-roles3): the nearest one named
    before the person in the sentence, else one after that no preposition or 'told' introduces
    ('Managing Director X backed it, but IMF staff ...'), else the last of the sentence before."""
    kb = knowledge()

    def body(x: Mention) -> bool:
        return not x.anaphor and x.entity != m.entity and mention_label(ents, x) == "Organization" and \
            x.entity not in kb.party_adjectives.values() and not PARTY_NAME_RE.search(x.entity)

    before = [x for x in mentions if x.end <= m.start and body(x)]
    if before:
        return before[-1].entity
    starts = {t.start: k for k, t in enumerate(tokens)}
    for x in mentions:
        k = starts.get(x.start)
        if x.start >= m.end and body(x) and k is not None and (k == 0 or tokens[k - 1].lower not in NOT_OWNER_BEFORE) \
                and not (k > 1 and tokens[k - 1].lower == "the" and tokens[k - 2].lower in NOT_OWNER_BEFORE):
            return x.entity
    previous = [x for x in _by_sentence(ents).get(m.sentence - 1, []) if body(x)]
    return previous[-1].entity if previous else None


COUNTERPART_BEFORE = guarded(re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:(?P<place>[A-Z][\w-]*)\s+counterparts?|"
                                        r"counterparts?\s+(?:from|in|of)\s+(?P<where>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)),?\s+$"))
COUNTERPART_AFTER = re.compile(r",\s+(?:his|her|their)\s+(?P<place>[A-Z][\w-]*)\s+counterpart\b")


def _counterpart(ents: ArticleEntities, tokens: list[Token], mentions: list[Mention], m: Mention):
    """'President Milei met his Chilean counterpart, X': X holds the office the possessor holds,
    for the country the demonym names (role as title_before would give it, else 'counterpart')."""
    text = ents.text
    if text.find("counterpart", max(0, m.start - 40), m.end + 40) < 0:  # (in place: the slice's test)
        return None
    sentence = ents.sentences[m.sentence]
    found = COUNTERPART_BEFORE.search(text, max(sentence.start, m.start - 40), m.start) or \
        COUNTERPART_AFTER.match(text, m.end, sentence.end)
    if not found:
        return None
    kb = knowledge()
    named = found.groupdict().get("where")
    place = found.group("place") or named
    where = kb.demonyms.get(fold(place)) if kb.is_demonym(place) else None
    known = kb.lookup(place)
    if where is None and known and known.label == "Country":
        where = known.name  # "his US counterpart"
    if where is None and named:
        where = kb.subdivisions.get(fold(named))  # ext-entities2: "his counterpart from Santa Fe, X"
    if where is None:
        return None
    at = found.start() if found.re is COUNTERPART_BEFORE else m.start
    owner = next((x for x in reversed(mentions) if x.end <= at and x.entity != m.entity and
                  mention_label(ents, x) == "Person"), None)
    if owner is None:
        # "His counterpart from Santa Fe, X": the possessor is in the sentence before; the place says whose
        return ("counterpart", [], where, "counterpart") if named else None
    starts = {t.start: k for k, t in enumerate(tokens)}
    office = title_before(tokens, starts[owner.start]) if owner.start in starts else None
    if office is None or office[0] in OCCUPATIONS:
        return "counterpart", [], where, "counterpart"
    return office[0], [], where, text[tokens[office[1]].start:tokens[starts[owner.start] - 1].end]


SUCCESSOR_BEFORE = guarded(re.compile(r"\b(?P<poss>[Hh]is|[Hh]er)\s+(?:eventual\s+|immediate\s+)?"
                                      r"(?P<kind>successor|predecessor),\s+(?:(?:[A-Z][\w.]*)\s+)?$"))


def _successor(ents: ArticleEntities, m: Mention):
    """'Her successor, Admiral X': X held the office the person 'her' stands for held (the
    latest person named before, whose office the article has already placed)."""
    text = ents.text
    sentence = ents.sentences[m.sentence]
    found = SUCCESSOR_BEFORE.search(text, max(sentence.start, m.start - 40), m.start)
    if not found:
        return None
    held = ents.__dict__.get("_held", {})
    near = _by_sentence(ents)
    opening = not text[sentence.start:found.start()].strip(" \"“")
    # "... Y. Her successor, X": the previous sentence's subject (its first person); mid-sentence,
    # the latest person before the possessive
    pool = near.get(m.sentence - 1, []) if opening else [x for x in near.get(m.sentence, []) if x.end <= found.start()]
    people = [x for x in pool if x.entity != m.entity and mention_label(ents, x) == "Person" and not x.anaphor]
    owner = people[0] if opening and people else people[-1] if people else None
    if owner is None or owner.entity not in held:
        return None
    title, where, _ = held[owner.entity]
    return title, [], where, found.group("kind")


def _known_head(ents: ArticleEntities, person: str, country: str) -> bool:
    """Whether the knowledge file places ``person`` in ``country`` (so "President X" placed
    there by default is that country's own president)."""
    return knowledge().country_of(person) == country


PARTY_AFTER = re.compile(r",\s+(?:a|an|the)\s+(?:[a-z][\w-]*\s+)?(?:[A-Z][\w.]*\s+){0,2}?([A-Z]\w+)\b(?!\s+[A-Z])"
                         r"|\s+[(\[]([RD])-"
                         r"|,\s+([RD])-(?!Day\b)[A-Z][A-Za-z.]{0,6}(?=,)")  # ext-parties: AP style ", R-Fla.,"


def _party_after(ents: ArticleEntities, m: Mention) -> str | None:
    """', a Republican from Texas' / '(D-Mass.)' right after a name."""
    kb = knowledge()
    found = PARTY_AFTER.match(ents.text, m.end, m.end + 40)  # as on text[m.end:m.end + 40]: no "^", no look-behind
    if not found:
        return None  # ", a Republican from Texas", ", a Minnesota Democrat", " (D-Mass.)", " [D-MA]"
    word = found.group(1) or {"R": "Republican", "D": "Democratic"}[found.group(2) or found.group(3)]
    word = {"democrat": "democratic"}.get(word.lower(), word)
    return kb.party_adjectives.get(fold(word))


US_TITLES = {"rep .", "representative", "congressman", "congresswoman", "sen ."}
US_OFFICES = {"secretary of state", "deputy secretary of state", "treasury secretary", "commerce secretary",
              "trade representative", "secretary of the treasury", "secretary of commerce", "secretary of defense",
              "defense secretary", "war secretary", "secretary of war", "national security adviser",
              "national security advisor", "homeland security secretary", "assistant secretary of state",
              "under secretary of state", "undersecretary of state"}
OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")
COMMA_OF_THE = re.compile(r",\s+of\s+(?:the\s+)?")
KIN = {"sister", "brother", "wife", "husband", "son", "daughter", "father", "mother", "cousin", "nephew", "niece",
       "friend", "ally", "confidant", "confidante", "protégé", "protege", "partner"}
# offices held abroad: "Argentina's envoy in Washington" serves Argentina, wherever posted
DIPLOMATS = {"ambassador", "envoy", "consul", "chargé", "charge"}
LEGISLATORS = {"deputy", "senator", "representative", "lawmaker", "legislator", "congressman", "congresswoman"}
SPOKES = {"spokesman", "spokeswoman", "spokesperson"}
PARTY_NAME_RE = guarded(re.compile(r"\b(?:Party|Front|Frente|Bloc|Bloque|Coalition|Alliance|Movement|Partido)\b|"  # ext-deals3, ext-roles3: Bloque
                                   r"^(?:La Libertad Avanza|Unión por la Patria|PRO|Provincias Unidas|Unión Cívica Radical|"
                                   r"Fuerza Patria|Coalición Cívica|Frente Renovador)$"))
ABBREVIATED = {"sen.": "Senator", "rep.": "Representative", "gov.": "Governor", "gen.": "General",
               "pres.": "President"}


def _role_word(role_text: str, mods: list[str]) -> str:
    kb = knowledge()
    words = [ABBREVIATED.get(w.lower(), w) for w in role_text.split()]
    # drop a leading country, demonym, party or possessor: keep the office as worded
    while words and (fold(words[0]) in kb.demonyms or fold(words[0]) in kb.party_adjectives
                     or kb.lookup(words[0]) is not None or words[0].endswith(("’s", "'s"))):
        words = words[1:]
    return " ".join(words) or role_text


def _place_of(ents: ArticleEntities, name: str) -> str | None:
    entity = ents.entities.get(name)
    if entity and entity.label in ("Country", "Organization"):
        return name
    return ents.country_of(name)


APPOSITIVE_AFTER = re.compile(
    r"^(?:,|\s+(?:is|was)(?=\s+(?:a|an|the)\s)|,?\s+(?:who\s+)?(?P<verb>(?:is|was|has\s+been|had\s+been)\s+"
    r"(?:appointed|named|sworn\s+in\s+as|elected)|became|becomes|serves\s+as|served\s+as|took\s+office\s+as)(?=\s))"
    r"\s+(?:(?:now|currently|also)\s+)?(?:one\s+of\s+)?(?:(?:a|an|the)\s+)?"
    r"(?P<poss>(?:(?:[A-Z][\w.’'-]*\s+(?:(?:of|for|and|de|del)\s+)?){2,4}(?=[\w-]+['’]s\s)|"  # ext-entities2: "the Argentine Chamber of Commerce's"
    r"[\w.’'-]+\s(?=[\w-]+['’]s\s))?[\w.’'-]+['’]s\s+)?(?:(?:two|three|four|five|six)\s+)?(?P<mods>(?:(?:former|future|"
    r"designated|incoming|outgoing|current|then|acting|interim|newly\s+appointed|self-described|"
    r"close|key|top|senior|star|longtime|long-time|now|new)\s+)*)(?P<title>[A-Za-z][\w-]*(?:\.[A-Z]\.)?(?:\s+[A-Za-z][\w-]*)"
    r"{0,3}?)(?P<rest>\s+(?:of|at|for|to|in|under)\s+(?:the\s+)?[^,.;:]{2,60}?)?\s*(?=[,.;(]|:?$|\s+(?:who|which|has|"
    r"have|had|is|was|said|noted|will)\b)")  # ext-roles3: ":?$", "LUIS CAPUTO, ECONOMY MINISTER:" heading an item
# what follows the spaces of an APPOSITIVE_AFTER match that begins with one: "is"/"was" (", a ...")
# or the verbs of its third alternative, "who" first or not (tests/test_rule_gates.py)
APPOSITIVE_VERB_NEXT = re.compile(r"\s+(?:is|was|who|ha[sd]|bec|serve|took)")
APPOSITIVE_BEFORE = re.compile(
    r"(?:^|[\s(])(?P<poss>(?:[A-Z][\w.’'-]*\s)?[A-Z][\w.-]*['’]s\s+|[Tt]he\s+|(?:(?:[Hh]is|[Hh]er|[Ii]ts|[Ww]hose)\s+))?"
    r"(?P<mods>(?:(?:former|future|designated|incoming|outgoing|current|then|acting|interim|star|"
    r"top|senior|key|longtime|new)\s+)*)(?P<title>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3}?)"
    r"(?P<rest>\s+(?:of|to|for|at|in)\s+(?:the\s+)?[A-Z][\w.]*(?:\s+(?:(?:of|de|del)\s+)?[A-Z][\w.]*)*"  # ext-roles3: "of" inside
    r"(?:(?:\s+[a-z]+){0,2}?\s+(?:committee|subcommittee|caucus))?(?:\s+\([A-Z][\w.&-]*\))?)?,\s+"  # ext-entities2: "the Senate budget committee"; ext-roles3: "(CNEA)"
    r"(?:(?:businessman|businesswoman|economist|lawyer|banker|diplomat|veteran|former)\s+)?"
    r"(?:(?:Mr|Mrs|Ms|Dr|Dra|Eng|Ing|Lic|Prof|Sra?)\.?\s+)?$")  # ext-roles3: "whose chief executive, Eng. X"
UNDER_BEFORE = re.compile(r"(?:,\s*|\s+)under\s+(?:the\s+)?(?:(?:former|then|acting|interim|new)\s+)?$",
                          re.IGNORECASE)
UNPLACED_TITLES = {"official", "senior official", "aide", "senior aide", "diplomat"}  # no office without a place of their own
CONDITION_BEFORE = guarded(re.compile(r"\b(?:[Ii]f|[Ww]hether|[Uu]nless|[Ss]hould|[Ii]n\s+case)\s+(?:[\w.'’-]+\s+)?$"))
SPACE = re.compile(r"\s")
COMMA_BEFORE = re.compile(r",\s+(?:\w+\.?\s+)?$")  # ext-roles3: "\.?" for an honorific, ", Dr. X"
_SUBDIVISION_RE: dict = {}
SUBDIVISION_OFFICES = ("governor", "senator", "representative", "mayor", "legislator", "attorney")  # as in the pattern
# (_subdivision_country's first test names each but its first letter; tests/test_relation_fastpaths.py
# checks the pattern's offices are these)


def _subdivision_country(window: str) -> str | None:
    """'Texas Governor', 'Santa Fe governor', 'the governor of Jujuy': the country of the state."""
    # every match holds one of the offices, its first letter in either case and the rest as written
    # (the pattern ignores no case): the rest looked for as it is, no lowered copy, no generator
    if "overnor" not in window and "enator" not in window and "ayor" not in window and \
            "epresentative" not in window and "egislator" not in window and "ttorney" not in window:
        return None
    kb = knowledge()
    if "re" not in _SUBDIVISION_RE:
        names = sorted({n for n in kb.subdivision_names}, key=len, reverse=True)
        _SUBDIVISION_RE["re"] = re.compile(
            r"(?:\b(?P<a>" + "|".join(map(re.escape, names)) + r")\s+(?:[Gg]overnor|[Ss]enator|[Rr]epresentative|"
            r"[Mm]ayor|[Ll]egislator|[Aa]ttorney)|(?:[Gg]overnor|[Mm]ayor)\s+of\s+(?P<b>" + "|".join(
                map(re.escape, names)) + r"))\b")
    found = _SUBDIVISION_RE["re"].search(window)
    if not found:
        return None
    return kb.subdivisions.get(fold(found.group("a") or found.group("b")))


def _appositive_before(before: str) -> re.Match | None:
    """The first APPOSITIVE_BEFORE match naming a title that runs to the end of ``before``, tried
    from its start and from each of its last 25 spaces, in that order."""
    # a match holds one comma, the last of ``before`` (none of its other parts takes one): it
    # begins after the comma before that, so only the places after it are tried
    last_comma = before.rfind(",")
    if last_comma < 0:
        return None  # (every match holds a comma)
    previous_comma = before.rfind(",", 0, last_comma)
    # _title_of names an office only when the last word of the title (or of its singular, or of
    # its "of ..." part) is a title's last word; that word lies between the match's start and the
    # comma, so a place after the last such word cannot begin a match with an office
    latest = _last_title_word(before, previous_comma + 1, last_comma)
    if latest < 0:
        return None
    tried = [0] if previous_comma < 0 else []
    for k in tried + [x.start() for x in SPACE.finditer(before, previous_comma + 1)][-25:]:
        if k > latest:
            break  # (the places are in order)
        candidate = APPOSITIVE_BEFORE.match(before, k)
        if candidate and _title_of(candidate)[0]:
            return candidate
    return None


def _last_title_word(text: str, start: int, end: int) -> int:
    """Where the last word of ``text[start:end]`` that may end an office (_may_end_title) begins, else -1."""
    at = end
    for word in reversed(text[start:end].split()):
        at = text.rfind(word, start, at)  # (this word: only spaces follow it before ``at``)
        if word.lower() in TITLE_END_FORMS:
            return at
    return -1


def _title_end_forms() -> frozenset[str]:
    """The lower-cased words (spaces around them) that may be the last word of an office _title_of
    names: a title's last word, in the plural (singular_title: "s" off, "ies" made "y"), with
    "secretaries" for "secretary" (_longest_title), each also after the "(" an appositive may
    begin with. A few more words than that pass (tests/test_rule_gates.py), none of those fail."""
    forms = set()
    for word in TITLE_LAST_WORDS:
        forms |= {word, word + "s", word.replace("secretary", "secretaries")}
        if word.endswith("y"):
            forms.add(word[:-1] + "ies")
    return frozenset(forms | {"(" + form for form in forms})


TITLE_END_FORMS = _title_end_forms()


def _comma_before(text: str, start: int, end: int) -> bool:
    """``COMMA_BEFORE.search(text[start:end])`` without the slice: no part of a match after its
    comma holds one, so only the last comma of the span can begin it (tests/test_relation_fastpaths.py)."""
    comma = text.rfind(",", start, end)
    return comma >= 0 and COMMA_BEFORE.match(text, comma, end) is not None


def _appositive_role(ents, tokens, mentions, m, i, after_only=False):
    """'X, a professor at Y' / "Milei's chief of staff, X" -> (title, mods, where, role text)."""
    kb = knowledge()
    text = ents.text
    sentence = ents.sentences[m.sentence]
    # every APPOSITIVE_AFTER match begins with a comma or a space: no slice and no match after others ("'s", ".")
    # after a space, every match goes on with one of its verbs' first letters (APPOSITIVE_VERB_NEXT):
    # most names are followed by other words, and the sentence is not sliced for them
    after_char = text[m.end:m.end + 1]
    match = APPOSITIVE_AFTER.match(text[m.end:sentence.end]) if after_char == "," or after_char.isspace() and \
        APPOSITIVE_VERB_NEXT.match(text, m.end, sentence.end) else None
    offset = m.end
    if match and not _title_of(match)[0]:
        match = None
    if not match and after_only:
        return None
    if not match:
        if not _comma_before(text, sentence.start, m.start):
            return None  # every APPOSITIVE_BEFORE ends in ", " and at most one word
        before = text[sentence.start:m.start]
        offset = sentence.start
        match = _appositive_before(before)
    if not match:
        return None
    title, whole = _title_of(match)
    if not title:
        return None
    if title in ("advisor", "adviser") and (match.group("rest") or "").strip().lower().startswith("to"):
        return None  # "an advisor to Trump" supports him; it is no office
    verb = match.groupdict().get("verb") or ""
    if verb and CONDITION_BEFORE.search(text, max(sentence.start, m.start - 30), m.start):
        return None  # ext-entities2: "if X becomes economy minister", "whether X is named ...": not stated
    mods = match.group("mods").split()
    if verb.startswith("served"):
        mods.insert(0, "former")  # "who served as economy minister": a past office
    where = None
    poss = match.group("poss")
    span_start, span_end = offset + match.start(), offset + match.end()
    inside = [x for x in mentions if span_start <= x.start < span_end and x.entity != m.entity and not x.anaphor]
    if match.group("rest") and not whole:
        rest_start = offset + match.start("rest")
        targets = [x for x in inside if x.start >= rest_start and mention_label(ents, x) in ("Country", "Organization")]
        preposition = match.group("rest").split()[0].lower()
        diplomat = any(w in DIPLOMATS for w in title.split())
        if targets and (preposition in ("of", "at") or preposition == "in" and not diplomat):
            where = targets[0].entity
        elif targets and preposition == "for" and title in SPOKES and mention_label(ents, targets[0]) == "Organization":
            where = targets[0].entity  # "a spokesman for the Economy Ministry"
        elif targets and preposition in ("to", "in") and diplomat:
            where = None  # an ambassador to X serves the other country
            other = [x for x in inside if x.start < rest_start and mention_label(ents, x) == "Country"]
            demonyms = [kb.demonyms[fold(w)] for w in match.group("title").split() if fold(w) in kb.demonyms]
            if other:
                where = other[0].entity
            elif demonyms:
                where = demonyms[0]  # "The Chinese ambassador in Buenos Aires"
            elif ents.home and ents.second:
                posted = targets[0].entity if mention_label(ents, targets[0]) == "Country" else ents.country_of(
                    targets[0].entity)
                where = ents.second if posted == ents.home else ents.home
    anchor = offset + match.start("mods")
    owned = re.search(r"['’]s\s+$", text[max(0, anchor - 4):anchor]) if not poss else None
    if where is None and owned:
        # "The federation's new co-secretary general, X": the body named before "'s" owns the office
        owner_end = anchor - len(owned.group())
        owner = next((x for x in mentions if x.end == owner_end and mention_label(ents, x) == "Organization"), None)
        if owner:
            where = owner.entity
    if where is None and poss and poss.strip().lower() not in ("the", "his", "her", "its"):
        poss_start, poss_end = offset + match.start("poss"), offset + match.end("poss")
        owner = next((x for x in mentions if x.entity != m.entity and not (x.anaphor and mention_label(ents, x) == "Person")
                      and x.start < poss_end - 3 and poss_start < x.end), None)
        if owner:
            where = _place_of(ents, owner.entity)
    if where is None and poss and poss.strip().lower() in ("his", "her"):
        people = [x for x in mentions if x.end <= span_start and mention_label(ents, x) == "Person" and x.entity != m.entity]
        if people:
            where = _place_of(ents, people[-1].entity)
    if where is None and poss and poss.strip().lower() == "its":
        # "Its president, Martín Rappallini": the organisation last named, in this sentence or before
        near = _by_sentence(ents)
        bodies = [x for x in near.get(m.sentence - 1, []) + near.get(m.sentence, []) if x.end <= span_start
                  and not x.anaphor and mention_label(ents, x) == "Organization"]
        if bodies:
            where = bodies[-1].entity
    if where is None and poss and poss.strip().lower() == "whose":
        # "The National Atomic Energy Commission (CNEA), whose president, X": the body before it
        poss_at = offset + match.start("poss")
        owner = next((x for x in reversed(mentions) if x.end <= poss_at and mention_label(ents, x) in (
            "Organization", "Country") and re.fullmatch(r"[\s()]*,\s*", text[x.end:poss_at])), None)
        if owner:
            where = owner.entity
    if where is None:
        # "the United States ambassador, X", "a former Chilean finance minister": the country in the title
        title_start, title_end = offset + match.start("title"), offset + match.end("title")
        named = [x for x in inside if title_start <= x.start < title_end and mention_label(ents, x) == "Country"]
        if not named:
            # ext-roles3: "X, a CGT co-secretary general", "X, the IMF mission chief": a body named
            # first in the office, before the office's own words
            named = [x for x in inside if title_start <= x.start and x.end < title_end and
                     re.fullmatch(r"(?:[A-Z][\w.]*\s)?", text[title_start:x.start]) and
                     mention_label(ents, x) == "Organization"]  # "a Chinese Foreign Ministry spokeswoman"
        demonyms = [kb.demonyms[fold(w)] for w in match.group("title").split() if fold(w) in kb.demonyms]
        where = named[0].entity if named else (demonyms[0] if demonyms else None)
    role_text = " ".join(mods + [match.group("title")]) + (match.group("rest") or "")
    if where and match.group("rest"):
        target_mentions = [x for x in inside if x.start >= offset + match.start("rest")]
        if target_mentions and target_mentions[0].entity == where:
            role_text = " ".join(mods + [match.group("title")])
    return title, [x.lower() for x in mods], where, role_text.strip()


def _by_sentence(ents: ArticleEntities) -> dict[int, list[Mention]]:
    """The article's mentions by sentence, computed once per article (a scan of all of them
    per name made long articles quadratic)."""
    cached = getattr(ents, "_mentions_by_sentence", None)
    if cached is None or cached[0] is not ents.mentions:
        cached = (ents.mentions, mentions_by_sentence(ents.mentions))
        ents._mentions_by_sentence = cached
    return cached[1]


def _listed_appositive(ents: ArticleEntities, tokens: list[Token], mentions: list[Mention], m: Mention, i: int):
    """'Argentina's ministers, X and Y': a later name of a list after a plural office holds it too."""
    if i < 2 or tokens[i - 1].lower not in ("and", ","):
        return None
    by_end = {x.end: x for x in mentions if not x.anaphor}
    k, head = i, None
    while k > 1 and tokens[k - 1].lower in ("and", ","):
        previous = by_end.get(tokens[k - 2].end)
        at = None if previous is None else _token_at(tokens, previous.start)
        if previous is None or mention_label(ents, previous) != "Person" or at is None:
            break
        head, k = previous, at
    if head is None or k < 2 or tokens[k - 1].text != "," or not tokens[k - 2].lower.endswith("s"):
        return None
    return _appositive_role(ents, tokens, mentions, head, k)


def _title_of(match: re.Match) -> tuple[str | None, bool]:
    """The office an appositive names, and whether its "of ..." part belongs to it: "the Chief
    of Cabinet, X" is an office of its own, "the president of YPF, X" an office at YPF."""
    title = _longest_title(match.group("title"))
    if title is None and match.group("title").lower().endswith("s"):
        title = singular_title(match.group("title").lower())  # "Argentina's ministers, X and Y"
    rest = match.group("rest")
    if title or not rest:
        return title, False
    whole = _longest_title(match.group("title") + rest)
    if whole and whole.endswith(rest.split()[-1].lower()):
        return whole, True
    return None, False


SECRETARIES = re.compile(r"\bsecretaries\b")


def _longest_title(words: str) -> str | None:
    kb = knowledge()
    if "secretaries" in words:  # (a test first: most titles have no such word)
        words = SECRETARIES.sub("secretary", words)  # "one of the CGT's three co-secretaries general"
    low = words.lower().split()
    while len(low) > 1 and (fold(low[0]) in kb.demonyms or fold(low[0]) in kb.party_adjectives
                            or (kb.lookup(low[0].upper()) or kb.lookup(low[0].title()) or None) is not None
                            and low[0] not in TITLE_SET):
        low = low[1:]
    original = words.split()[-len(low):]
    for n in range(len(low), 0, -1):
        candidate = " ".join(low[-n:])
        if candidate in TITLE_SET and (" ".join(low[:-n]) in ("",) or all(
                w[:1].isupper() for w in original[:-n])):
            return candidate  # "Western Hemisphere director": an office the list does not name
        if candidate in TITLE_SET and candidate in OCCUPATIONS and len(low) - n == 1:
            return candidate  # "a trade economist at ..."
        if candidate in TITLE_SET and len(low) - n in (2, 3) and low[-n - 1] == "and" and low[0] in KIN:
            return candidate  # "the president's sister and secretary general": the office after the kin
    return None


def _leads_phrases(ents, tokens, mentions, index, low: str) -> list[Relation]:
    """'X took the presidency', 'X returned to power': LEADS. ``low`` is the sentence lower-cased
    (``SentenceView.lowered``, made once for every rule)."""
    out = []
    sentence = ents.sentences[index]
    if "presidency" not in low and "return" not in low and "leadership" not in low:
        return out  # the words every LEADS_PHRASES match contains
    chunk = ents.text[sentence.start:sentence.end]
    for match in LEADS_PHRASES.finditer(chunk):
        pos = sentence.start + match.start()
        people = [m for m in mentions if m.end <= pos and mention_label(ents, m) == "Person"]
        if not people:
            continue
        person = people[-1].entity
        after = [m for m in mentions if m.start >= sentence.start + match.end() and
                 mention_label(ents, m) == "Country" and m.start - (sentence.start + match.end()) < 5]
        country = after[0].entity if after else ents.country_of(person)
        if country:
            out.append(Relation(person, country, "LEADS", index, {"role": "President"}, why="rule:took-office"))
    return out


OWN_PARTY_AFTER = re.compile(r"\s+(?:bloc|party|coalition|caucus|alliance|movement|faction)\b", re.IGNORECASE)


def _own_party(ents: ArticleEntities, mentions: list[Mention], index: int) -> list[Relation]:
    """'her Unión por la Patria bloc', 'his Republican Party': the person belongs to it."""
    kb = knowledge()
    out = []
    for k, m in enumerate(mentions):
        if k == 0 or mention_label(ents, m) != "Organization":
            continue
        pronoun = mentions[k - 1]
        if not (pronoun.anaphor and pronoun.surface.lower() in ("his", "her", "their") and
                mention_label(ents, pronoun) == "Person" and 0 < m.start - pronoun.end <= 1):
            continue
        party = m.entity in kb.party_adjectives.values() or re.search(r"\b(?:Party|Partido|Coalition|Front|Frente)\b",
                                                                      m.entity)
        if party or OWN_PARTY_AFTER.match(ents.text, m.end):
            out.append(Relation(pronoun.entity, m.entity, "MEMBER_OF", index, why="rule:own-party"))
    return out


MEMBERS_LISTED = re.compile(r"(?:\s+(?:lawmakers|legislators|senators|deputies|governors|members|leaders|politicians|"
                            r"representatives|congressmen|congresswomen|mayors))?,?\s+"
                            r"(?:among\s+them|among\s+whom|including|such\s+as)\s+")
MEMBERS_CUES = frozenset({"among", "including", "such"})  # MEMBERS_LISTED's words after a space, before one
TITLE_WORDS = re.compile(r"(?:(?:[A-Z][\w.]*|former)\s+){0,3}")


def party_members(s: SentenceView) -> list[Relation]:
    """'farm-state Republicans, among them Senator Deb Fischer': each person named belongs to the party."""
    if MEMBERS_CUES.isdisjoint(s.words):
        # every MEMBERS_LISTED match holds one of these words, spaces around it: a token of the
        # sentence, or of the next one when the match runs past its end, where no person of this
        # sentence can follow it (tests/test_rule_gates.py)
        return []
    kb = knowledge()
    out = []
    text = s.text
    for k, m in enumerate(s.mentions):
        if mention_label(s.ents, m) != "Organization" or m.possessive or not (
                m.entity in kb.party_adjectives.values() or PARTY_NAME_RE.search(m.entity)):
            continue
        listed = MEMBERS_LISTED.match(text, m.end)
        if not listed:
            continue
        at = listed.end()
        for x in s.mentions[k + 1:]:
            title = TITLE_WORDS.match(text, at, x.start)
            if mention_label(s.ents, x) != "Person" or x.anaphor or title is None or title.end() != x.start:
                break
            out.append(Relation(x.entity, m.entity, "MEMBER_OF", s.index, why="rule:party-members"))
            joined = re.match(r"(?:\s*\([^)]*\))?\s*(?:,\s*(?:and\s+)?|\s+and\s+)", text[x.end:])
            if not joined:
                break
            at = x.end + joined.end()
    return out


def _names_person(ents: ArticleEntities, mentions: list[Mention]) -> bool:
    """Whether any of the mentions (a pronoun too) stands for a person."""
    entities = ents.entities
    for m in mentions:
        entity = entities.get(m.entity)
        if entity is not None and entity.label == "Person":
            return True
    return False


def offices(s: SentenceView) -> list[Relation]:
    """'Treasury Secretary Scott Bessent', 'Gonzalo Paz, a professor at Georgetown University':
    LEADS for a sitting head, HOLDS_ROLE otherwise, with the role as worded; a party word
    ('Democratic Senator', ', a Republican from Texas') adds MEMBER_OF."""
    if not s.inert_people and not _names_person(s.ents, s.mentions):
        return []  # both parts read people only (the inert ones are all people): none, nothing to read
    mentions = sorted(s.mentions + s.inert_people, key=_START)
    # the leadership phrases after every office, as they were read at the end of _roles (which
    # may add the country a phrase names); the sentence lower-cased once for both, not again here
    return _roles(s.ents, s.tokens, mentions, s.index) + _leads_phrases(s.ents, s.tokens, mentions, s.index, s.lowered)


def possessive_government(s: SentenceView) -> list[Relation]:
    """'Javier Milei's government has won approval': the government is his (LEADS)."""
    if not s.inert_people:
        return []  # (the common case: nobody named inside another name)
    out = []
    text, sentence = s.text, s.sentence
    for person in s.inert_people:
        holder = next((m for m in s.mentions if m.start == person.start and mention_label(s.ents, m) == "Country"), None)
        if holder and re.fullmatch(r"['’]s\s+(?:government|administration)", text[person.end:holder.end]) and \
                not re.search(r"\b(?:former|ex|late|then|previous|predecessor)\W*$",
                              text[max(sentence.start, person.start - 25):person.start], re.IGNORECASE) and \
                not title_before(s.tokens, next((k for k, t in enumerate(s.tokens) if t.start == person.start), 0)):
            out.append(Relation(person.entity, holder.entity, "LEADS", s.index, why="rule:possessive-government"))
    return out


def own_party(s: SentenceView) -> list[Relation]:
    """'her Unión por la Patria bloc', 'his Republican Party': MEMBER_OF."""
    if OWNER_PRONOUNS.isdisjoint(s.words):
        return []  # the pronoun is a mention made from one of the sentence's tokens (pronouns.py)
    return _own_party(s.ents, s.mentions, s.index)


OWNER_PRONOUNS = frozenset({"his", "her", "their"})  # the possessive pronouns _own_party reads


# ext-entities2: a government or presidency named by its head
GOVERNMENT_WORDS = frozenset({"government", "governments", "administration", "administrations", "presidency",
                              "presidencies"})
GOVERNMENT_OF = guarded(re.compile(r"\b(?P<kind>governments?|administrations?|presidency|presidencies)\s+of\s+"
                                   r"(?:(?:the\s+)?(?:late\s+|former\s+|then-?)?(?:[Pp]resident|[Pp]rime\s+[Mm]inister)\s+)?$"))
GOVERNMENT_OF_ANY = re.compile(r"\b(?:governments?|administrations?|presidency|presidencies)\s+of\b")
HEDGED_GOVERNMENT = guarded(re.compile(r"\b(?:an?|potential|possible|future|hypothetical|would-be|prospective|next|"
                                       r"second|third|any)\s+(?:the\s+)?$", re.IGNORECASE))
GOVERNMENT_ENDS = ("government", "administration")
AND_BETWEEN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)$")
SURNAME_GOVERNMENT = re.compile(r"(?:[Tt]he\s+)?(?P<name>[A-Z][\w-]+)(?:['’]s)?\s+(?:government|administration)$")
FORMER_BEFORE = guarded(re.compile(r"\b(?:former|ex|late|then|previous|preceding|predecessor['’]?s?)\W*(?:the\s+)?$",
                                   re.IGNORECASE))


def government_of(s: SentenceView) -> list[Relation]:
    """'the government of Javier Milei', 'the governments of X and Y', 'the Milei government',
    "Milei's administration", 'the presidency of X': the head of that country's government. The
    knowledge file's sitting head LEADS; anyone else held the office (HOLDS_ROLE), since a
    government named by a past head is a past one."""
    if GOVERNMENT_WORDS.isdisjoint(s.words):
        return []
    ents, text, out = s.ents, s.text, []
    start, end = s.sentence.start, s.sentence.end
    of = "of" in s.words and GOVERNMENT_OF_ANY.search(text, start, end) is not None
    if not of and not any(m.surface.endswith(GOVERNMENT_ENDS) for m in s.mentions):
        return []
    heads = knowledge().heads_of_state
    people: list[tuple[str, str | None, str, int]] = []  # (person, country or None, kind, phrase start)
    previous: Mention | None = None
    for m in sorted(s.mentions + s.inert_people, key=lambda x: x.start):
        label = mention_label(ents, m)
        if label == "Person" and not m.anaphor and of:
            found = GOVERNMENT_OF.search(text, max(start, m.start - 60), m.start)
            if found:
                people.append((m.entity, None, found.group("kind"), found.start()))
            elif previous is not None and people and people[-1][0] == previous.entity and \
                    AND_BETWEEN.match(text[previous.end:m.start]):
                people.append((m.entity, None, people[-1][2], people[-1][3]))  # "the governments of X and Y"
            previous = m
        elif label == "Country" and m.anaphor and m.surface.lower().startswith("governments of "):
            # pronouns.py read "the governments of X and Y" as the two countries: X and Y are inside
            people.extend((name, None, "government", m.start) for name, e in ents.entities.items()
                          if e.label == "Person" and name in m.surface)
            previous = None
        elif label == "Country" and m.surface.endswith(GOVERNMENT_ENDS):
            found = SURNAME_GOVERNMENT.search(m.surface)
            if found and fold(found.group("name")) not in knowledge().demonyms:
                person = _person_by_surname(ents, found.group("name"))
                if person:
                    people.append((person, m.entity, "government", m.start))
            previous = None
    for person, country, kind, at in people:
        country = country or ents.country_of(person)
        if not country or person not in ents.entities:
            continue
        before = text[max(start, at - 40):at]  # "the former Milei government", "the former government of X"
        if HEDGED_GOVERNMENT.search(before):
            continue  # "under a potential Trump administration": no government stated
        role = "president" if kind.startswith("presiden") else "head of government"
        if heads.get(country):
            ents.add(country, "Country", None, country)  # named through its head: "the Milei government"
        if heads.get(country) == person and not FORMER_BEFORE.search(before):
            out.append(Relation(person, country, "LEADS", s.index, {"role": role}, why="rule:government-of"))
        elif heads.get(country):  # the country's sitting head is someone else: a past government
            out.append(Relation(person, country, "HOLDS_ROLE", s.index, {"role": f"former {role}"},
                                why="rule:government-of"))
    return out


def _people_by_surname(ents: ArticleEntities) -> dict[str, list[str]]:
    """The article's people by the folded last word of their names, in the entities' order.

    Kept on the article while its entities stay the same dict of the same size: in the relation
    rules entities are only added (``ArticleEntities.add``; no label changes, nothing removed), so
    a new person makes it again; "the Milei government" asked it for every mention (a scan of every
    entity each time). tests/test_rule_gates.py compares it with that scan."""
    entities = ents.entities
    kept = ents.__dict__.get("_people_by_surname")
    if kept is None or kept[0] is not entities or kept[1] != len(entities):
        index: dict[str, list[str]] = {}
        for name, e in entities.items():
            if e.label == "Person":
                index.setdefault(fold(name.rsplit(" ", 1)[-1]), []).append(name)
        kept = ents.__dict__["_people_by_surname"] = (entities, len(entities), index)
    return kept[2]


def _person_by_surname(ents: ArticleEntities, word: str) -> str | None:
    """The one person of the article whose name ends with ``word`` (the knowledge file's first)."""
    found = _people_by_surname(ents).get(fold(word), [])
    if len(found) > 1:
        known = [name for name in found if knowledge().country_of(name)]
        found = known[:1] if known else []
    return found[0] if found else None

