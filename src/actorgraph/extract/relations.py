"""Typed, directed relations from what a sentence states.

Three kinds of rule, all over the mentions ``entities.find_entities`` resolved:

* roles: a title before a name ("U.S. Secretary of State Marco Rubio") or an appositive
  around it ("Gonzalo Paz, a professor at Georgetown University"; "Milei's chief of staff,
  Guillermo Francos") -> LEADS for a sitting head of state or organization, else HOLDS_ROLE
  with the role as worded; a party adjective ("Democratic Senator") -> MEMBER_OF;
* triggers: verbs and nominal phrases with the side their subject and object stand on
  ("met", "welcomed ... by", "criticised", "support for", "alignment with", "ally of",
  "signing of", "member of", "imposed by", ...); a negation or hedge between subject and
  trigger ("has not met", "may see as an ally") drops the match;
* agreements: the parties of a swap line, loan or signed agreement are PARTY_TO it, and
  the funder FUNDS the recipient with a detail that starts with the agreement's name.

Pronouns ("he", "his", "their", "both leaders") and role phrases ("the Argentine leader",
"Argentina's President") are resolved to the nearest fitting actor first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .entities import ArticleEntities, Mention, mentions_by_sentence
from .lexicon import (HEAD_OF_ORG, HEAD_OF_STATE, NOT_SITTING, OCCUPATIONS, TEMPORAL, TITLE_SET,
                      fold, knowledge)
from .rulebook import Trigger, rulebook
from .text import Token, tokenize

ACTOR = {"Person", "Organization", "Country"}
WORDS = {name: frozenset(words) for name, words in rulebook().words.items()}
NEGATIONS, HEDGES, DESIRES, CANCELS = WORDS["negations"], WORDS["hedges"], WORDS["desires"], WORDS["cancels"]
SPEECH_VERBS = WORDS["speech_verbs"]
TIME_WORDS = {"last", "next", "this", "yesterday", "today", "tomorrow", "earlier", "later", "again",
              "recently", "now", "instead", "too", "once", "twice", "directly", "publicly", "privately",
              "repeatedly", "already", "also", "still", "first", "before", "after", "during", "amid"}
PREPOSITIONS = {"with", "to", "for", "of", "from", "in", "at", "by", "on", "against", "between",
                "toward", "towards", "into", "over", "under", "about", "like", "than", "among"}
FUNCTION_AFTER = {"and", "or", "to", "in", "on", "at", "for", "with", "as", "is", "was", "has", "have",
                  "had", "will", "would", "could", "can", "which", "that", "who", "over", "from", "by",
                  "since", "after", "before", "under", "are", "were", "may", "might", "must", "should",
                  "remains", "says", "said", "also", "itself", "himself", "herself", "did", "does"}
PRONOUNS_PERSON = {"he", "his", "him", "himself", "she", "her", "herself"}
PRONOUNS_PLURAL = {"they", "their", "them", "both"}
LOCATIVE = {"in", "at", "from", "into", "across", "around", "near", "inside", "within"}


@dataclass
class Relation:
    source: str
    target: str
    type: str
    sentence: int
    props: dict = field(default_factory=dict)
    why: str = field(kw_only=True)   # the rule that produced it ("rule:<name>"), the edge's `why`


LEADS_PHRASES = re.compile(r"\b(?:assumed|assumes|took|takes)\s+the\s+presidency(?:\s+of)?|"
                           r"\breturn(?:ed|s)?\s+to\s+(?:the\s+)?(?:presidency|White\s+House|Casa\s+Rosada|power)|\bleadership\s+of\b", re.IGNORECASE)
NEGATIVE_CUES = rulebook().words_re("negative_cues")
POSITIVE_CUES = rulebook().words_re("positive_cues")
SPEECH = "(?:" + "|".join(sorted(SPEECH_VERBS)) + ")"
AMOUNT_RE = re.compile(r"(?:US)?\$\s?[\d.,]+(?:[- ](?:billion|million|trillion|bn))?|\b\d+(?:\.\d+)?\s?(?:percent|per cent|%)",
                       re.IGNORECASE)
MEASURE_RE = re.compile(r"((?:\b\d+(?:\.\d+)?\s?(?:percent|per cent|%)\s+)?(?:\w+\s+)?"
                        r"(?:tariffs?|sanctions?|duties|levies|embargo|restrictions|trade war)\b"
                        r"(?:\s+on\s+[A-Za-z]+(?:\s+(?!on\b|in\b|at\b|by\b)[a-z]+){0,3})?)", re.IGNORECASE)


def find_relations(ents: ArticleEntities, published: str | None = None) -> list[Relation]:
    """All relations the article's body sentences state."""
    text = ents.text
    out: list[Relation] = []
    by_sentence = mentions_by_sentence(ents.mentions)
    previous_people: list[str] = []
    for index, sentence in enumerate(ents.sentences):
        if sentence.kind != "body":
            continue
        tokens = ents.tokens[index] if ents.tokens else tokenize(text, sentence.start, sentence.end)
        mentions = by_sentence.get(index, [])
        dateline = DATELINE_RE.match(text, sentence.start)
        if dateline:  # "BUENOS AIRES, March 12 (Reuters) -": the place and agency are no participants
            mentions = [m for m in mentions if m.start >= dateline.end()]
        mentions = _with_pronouns(ents, tokens, mentions, previous_people, index)
        named_inside = [m for m in ents.inert if m.sentence == index and _label(ents, m) == "Person"]
        # "President Javier Milei's government": the title still gives his office
        out.extend(_roles(ents, tokens, sorted(mentions + named_inside, key=lambda m: m.start), index))
        for person in named_inside:
            # "Javier Milei's government has won approval": the government is his
            holder = next((m for m in mentions if m.start == person.start and _label(ents, m) == "Country"), None)
            if holder and re.fullmatch(r"['’]s\s+(?:government|administration)", text[person.end:holder.end]) and \
                    not re.search(r"\b(?:former|ex|late|then|previous|predecessor)\W*$",
                                  text[max(sentence.start, person.start - 25):person.start], re.IGNORECASE) and \
                    not _title_before(tokens, next((k for k, t in enumerate(tokens) if t.start == person.start), 0)):
                out.append(Relation(person.entity, holder.entity, "LEADS", index, why="rule:possessive-government"))
        out.extend(_triggers(ents, tokens, mentions, index))
        out.extend(_agreement_relations(ents, tokens, mentions, index))
        out.extend(_own_party(ents, mentions, index))
        out.extend(_votes(ents, mentions, index))
        out.extend(_labelled(ents, mentions, index))
        people = [m.entity for m in mentions if _label(ents, m) == "Person" and not m.anaphor]
        if people:
            previous_people = people
    out.extend(_quoted_stance(ents, by_sentence))
    return _valid(ents, out)


DATELINE_RE = re.compile(r"[A-Z][A-Z .'’-]+,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?)?\s*(?:\([^)]{1,40}\)\s*)?"
                         r"[-–—]\s")


def _label_of(ents: ArticleEntities, name: str) -> str | None:
    entity = ents.entities.get(name)
    return entity.label if entity else None


def _label(ents: ArticleEntities, m: Mention) -> str | None:
    entity = ents.entities.get(m.entity)
    return entity.label if entity else None


# --- pronouns and role phrases -----------------------------------------------------------

ROLE_NOUNS = {"leader", "president", "counterpart", "head"}
PRONOUN_WORDS = PRONOUNS_PERSON | PRONOUNS_PLURAL | ROLE_NOUNS | {"two", "its"}


def _with_pronouns(ents: ArticleEntities, tokens: list[Token], mentions: list[Mention],
                   previous_people: list[str], index: int) -> list[Mention]:
    kb = knowledge()
    extra: list[Mention] = []
    leaders = _leaders(ents)
    for i, tok in enumerate(tokens):
        low = tok.lower
        if low not in PRONOUN_WORDS:
            continue
        if any(m.start <= tok.start < m.end for m in mentions):
            continue
        if low in PRONOUNS_PERSON:
            before = [m for m in mentions if m.end <= tok.start and _label(ents, m) == "Person"]
            target = before[0].entity if before else (previous_people[0] if previous_people else None)
            if before and _object_pronoun(tokens, i):
                # "Valdés defended her": an object pronoun is not its own clause's subject
                nearest = before[-1].entity
                others = [m.entity for m in reversed(before) if m.entity != nearest] + \
                         [p for p in previous_people if p != nearest]
                target = others[0] if others else None
            if target:
                extra.append(Mention(tok.start, tok.end, tok.text, target, index, low in ("his", "her"),
                                     anaphor=True))
        elif low == "its":
            before = [m for m in mentions if m.end <= tok.start and _label(ents, m) in ("Country", "Organization")
                      and not m.anaphor]
            target = before[0].entity if before else None
            if target:
                extra.append(Mention(tok.start, tok.end, tok.text, target, index, True, anaphor=True))
        elif low in PRONOUNS_PLURAL or (low == "two" and i + 1 < len(tokens) and tokens[i + 1].lower == "leaders"):
            if low == "both" and not (i + 1 < len(tokens) and tokens[i + 1].lower in ("leaders", "men", "presidents")):
                continue
            if low == "them":
                continue
            before = [m for m in mentions if m.end <= tok.start and _label(ents, m) == "Person"]
            people = list(dict.fromkeys(m.entity for m in before)) or list(dict.fromkeys(previous_people))
            if len(people) >= 2:
                for person in people[:2]:
                    extra.append(Mention(tok.start, tok.end, tok.text, person, index, low == "their",
                                         anaphor=True))
        elif low in ROLE_NOUNS and i > 0:
            prev = tokens[i - 1]
            country = None
            start = prev.start
            if prev.lower in ("’s", "'s") and i > 1:
                owner = next((m for m in mentions if m.start <= tokens[i - 2].start < m.end), None)
                if owner and _label(ents, owner) == "Country":
                    country, start = owner.entity, owner.start
            elif fold(prev.text) in kb.demonyms and not (i > 1 and tokens[i - 2].text[:1].isupper()):
                country = kb.demonyms[fold(prev.text)]  # not "a Latin American leader"
            elif prev.lower == "the" and low == "president" and ents.home:
                country = ents.home  # "the president", unqualified: the article's own country's
            else:
                owner = next((m for m in mentions if m.start <= prev.start < m.end), None)
                if owner and _label(ents, owner) == "Country":
                    country, start = owner.entity, owner.start
            if low == "counterpart" and country is None:
                continue
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is not None and nxt.text[:1].isupper():
                continue  # "President Javier Milei": a title, not a role phrase
            leader = leaders.get(country) if country else None
            if leader:
                extra.append(Mention(start, tok.end, ents.text[start:tok.end], leader, index, anaphor=True))
    if not extra:
        return mentions
    merged = [m for m in mentions if not any(x.start <= m.start and m.end <= x.end and x.end - x.start >
                                             m.end - m.start for x in extra)]
    return sorted(merged + extra, key=lambda m: (m.start, m.entity))


def _object_pronoun(tokens: list[Token], i: int) -> bool:
    """'him', or 'her' not followed by the noun it owns ('defended her in', not 'her office')."""
    low = tokens[i].lower
    if low == "him":
        return True
    if low != "her":
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is None or not nxt.text[:1].isalpha() or nxt.lower in PREPOSITIONS or nxt.lower in FUNCTION_AFTER


def _leaders(ents: ArticleEntities) -> dict[str, str]:
    """Who leads which country, from the article's own titles ('President Javier Milei')."""
    cached = getattr(ents, "_leaders", None)
    if cached is not None:
        return cached
    leaders: dict[str, str] = {}
    for m in ents.mentions:
        entity = ents.entities.get(m.entity)
        if not entity or entity.label != "Person":
            continue
        before = ents.text[max(0, m.start - 40):m.start].lower()
        if re.search(r"\bpresident\s*$", before) and not re.search(r"\b(?:former|ex-|future|vice)\s+"
                                                                   r"(?:\S+\s+)?president\s*$", before):
            country = ents.country_of(entity.name)
            if country:
                leaders.setdefault(country, entity.name)
    ents._leaders = leaders
    return leaders


# --- roles ---------------------------------------------------------------------------------

TITLES_BY_LENGTH = sorted(TITLE_SET, key=lambda t: -len(t.split()))


MAX_TITLE_WORDS = max(len(t.split()) for t in TITLE_SET)


def _title_before(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """The longest title that ends right before tokens[i]: (title, start index) or None."""
    for n in range(min(MAX_TITLE_WORDS, i), 0, -1):
        words = " ".join(t.lower for t in tokens[i - n:i])
        if words.startswith("under ") and tokens[i - n].text == "under":
            continue  # "the Treasury, under Secretary Bessent": a preposition, not an Under Secretary
        if words in TITLE_SET:
            return words, i - n
    return None


def _roles(ents: ArticleEntities, tokens: list[Token], mentions: list[Mention], index: int) -> list[Relation]:
    kb = knowledge()
    out: list[Relation] = []
    text = ents.text
    starts = {t.start: k for k, t in enumerate(tokens)}
    for m in mentions:
        if m.anaphor or _label(ents, m) != "Person":
            continue
        i = starts.get(m.start)
        if i is None:
            continue
        of_party = OF_THE.match(text, m.end) if text.startswith(" of ", m.end) else None
        if of_party:  # "Ezequiel Atauche of La Libertad Avanza": a member of the party
            target = next((x for x in mentions if x.start == of_party.end()), None)
            if target and _label(ents, target) == "Organization" and (
                    target.entity in kb.party_adjectives.values() or PARTY_NAME_RE.search(target.entity)):
                out.append(Relation(m.entity, target.entity, "MEMBER_OF", index, why="rule:name-of-party"))
        found = _title_before(tokens, i)
        if found and found[0] in OCCUPATIONS:
            found = None  # "businessman Alec Oxenford": look for the office around it
        role = None
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
                if prev.lower in ("’s", "'s") and k > 1:
                    owner = next((x for x in mentions if x.start <= tokens[k - 2].start < x.end), None)
                    if owner:
                        where = _place_of(ents, owner.entity)
                elif owner and _label(ents, owner) in ("Country", "Organization"):
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
            of = re.match(r"\s+of\s+(?:the\s+)?", after)
            if of and where is None:
                target = next((x for x in mentions if x.start == m.end + of.end()), None)
                if target and _label(ents, target) == "Organization" and title in LEGISLATORS and (
                        target.entity in kb.party_adjectives.values() or PARTY_NAME_RE.search(target.entity)):
                    # "Deputy Myriam Bregman of the Left Front": a member of the party, an office of the state
                    out.append(Relation(m.entity, target.entity, "MEMBER_OF", index, why="rule:legislator-of-party"))
                elif target and _label(ents, target) in ("Country", "Organization"):
                    where = target.entity
            role_text = text[tokens[k].start:tokens[i - 1].end]
            role = (title, mods, where, role_text)
            if party:
                if party not in ents.entities:
                    ents.add(party, "Organization", None, kb.country_of(party))
                out.append(Relation(m.entity, party, "MEMBER_OF", index, why="rule:party-title"))
        else:
            role = _appositive_role(ents, tokens, mentions, m, i)
        if role is None:
            party = _party_after(ents, m)
            if party:  # "Raúl Jalil, a Peronist, ...": no office, but a party
                if party not in ents.entities:
                    ents.add(party, "Organization", None, kb.country_of(party))
                out.append(Relation(m.entity, party, "MEMBER_OF", index, why="rule:party-appositive"))
            continue
        title, mods, where, role_text = role
        if title in OCCUPATIONS and not (where and _label_of(ents, where) == "Organization"):
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
            owned = re.search(r"['’]s\s+(?:\w+\s+)?(?P<role>commander|chief|head|director|chairman|chairwoman|"
                              r"president),\s+(?:[A-Z][\w.]*\s+){1,3}$", text[window_start:m.start])
            if where is None and owned:
                # "U.S. Southern Command's commander, Admiral Alvin Holsey": the body before "'s"
                owner = next((x for x in mentions if x.end == window_start + owned.start()
                              and _label(ents, x) in ("Organization", "Country")), None)
                if owner:
                    where, title, role_text = owner.entity, owned.group("role"), owned.group("role")
        if where is None:
            behalf = re.match(r"[^.;]{0,60}?\bon\s+behalf\s+of\s+(?:the\s+)?", text[m.end:m.end + 90])
            if behalf:  # "X signed the deal on behalf of the European Union"
                at = m.end + behalf.end()
                where = next((x.entity for x in mentions if x.start == at and
                              _label(ents, x) in ("Country", "Organization")), None)
        if where is None:
            where = _subdivision_country(text[max(ents.sentences[index].start, m.start - 60):m.end + 40])
        if where is None and found and title == "senator" and role_text == "Senator" and \
                "United States" in ents.entities and ents.home != "United States":
            # "Senator Mark Kelly" with no party or country word: English-language press writes
            # Argentine senators as "Peronist senator X", "opposition senator X"
            where = ents.country_of(m.entity) or "United States"
        if where is None and found and title in US_OFFICES and "United States" in ents.entities:
            where = ents.country_of(m.entity) or "United States"  # "Deputy Secretary of State X"
        if where is None and title in US_TITLES and "United States" in ents.entities:
            where = ents.country_of(m.entity) or "United States"
        if where is None:
            where = ents.country_of(m.entity) or ents.home
        if where is None or where == m.entity:
            continue
        where_label = ents.entities.get(where).label if ents.entities.get(where) else (
            "Country" if kb.actors.get(where) and kb.actors[where].label == "Country" else "Organization")
        if where_label not in ("Country", "Organization"):
            continue
        why = "rule:title-role" if found else "rule:appositive-role"
        sitting = not (set(mods) & NOT_SITTING)
        heads = HEAD_OF_STATE if where_label == "Country" else HEAD_OF_ORG
        if sitting and title in heads:
            out.append(Relation(m.entity, where, "LEADS", index, {"role": _role_word(role_text, mods)}, why=why))
        else:
            out.append(Relation(m.entity, where, "HOLDS_ROLE", index, {"role": _role_word(role_text, mods)}, why=why))
        entity = ents.entities.get(m.entity)
        if entity is not None and not entity.country and where_label == "Country":
            entity.country = where
    for match in LEADS_PHRASES.finditer(text, 0, 0):
        pass
    return out + _leads_phrases(ents, tokens, mentions, index)


def _party_after(ents: ArticleEntities, m: Mention) -> str | None:
    """', a Republican from Texas' / '(D-Mass.)' right after a name."""
    kb = knowledge()
    after = ents.text[m.end:m.end + 40]
    found = re.match(r",\s+(?:a|an|the)\s+(?:[a-z][\w-]*\s+)?(?:[A-Z][\w.]*\s+){0,2}?([A-Z]\w+)\b(?!\s+[A-Z])"
                     r"|\s+\(([RD])-", after)
    if not found:
        return None  # ", a Republican from Texas", ", a Minnesota Democrat", " (D-Mass.)"
    word = found.group(1) or {"R": "Republican", "D": "Democratic"}[found.group(2)]
    word = {"democrat": "democratic"}.get(word.lower(), word)
    return kb.party_adjectives.get(fold(word))


US_TITLES = {"rep .", "representative", "congressman", "congresswoman", "sen ."}
US_OFFICES = {"secretary of state", "deputy secretary of state", "treasury secretary", "commerce secretary",
              "trade representative", "secretary of the treasury", "secretary of commerce", "secretary of defense",
              "defense secretary", "war secretary", "secretary of war", "national security adviser",
              "national security advisor", "homeland security secretary", "assistant secretary of state",
              "under secretary of state", "undersecretary of state"}
OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")
LEGISLATORS = {"deputy", "senator", "representative", "lawmaker", "legislator", "congressman", "congresswoman"}
SPOKES = {"spokesman", "spokeswoman", "spokesperson"}
PARTY_NAME_RE = re.compile(r"\b(?:Party|Front|Frente|Bloc|Coalition|Alliance|Movement|Partido)\b|"
                           r"^(?:La Libertad Avanza|Unión por la Patria|PRO|Provincias Unidas|Unión Cívica Radical|"
                           r"Fuerza Patria|Coalición Cívica|Frente Renovador)$")
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
    r"^(?:,|\s+(?:is|was)(?=\s+(?:a|an|the)\s))\s+(?:one\s+of\s+)?(?:(?:a|an|the)\s+)?"
    r"(?P<poss>[\w.’'-]+(?:\s[A-Z][\w-]+)?['’]s\s+)?(?:(?:two|three|four|five|six)\s+)?(?P<mods>(?:(?:former|future|"
    r"designated|incoming|outgoing|current|then|acting|interim|newly\s+appointed|self-described|"
    r"close|key|top|senior|star|longtime|long-time)\s+)*)(?P<title>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)"
    r"{0,3}?)(?P<rest>\s+(?:of|at|for|to|in)\s+(?:the\s+)?[^,.;]{2,60}?)?\s*(?=[,.;(]|\s+(?:who|which|has|"
    r"have|had|is|was|said|noted|will)\b)")
APPOSITIVE_BEFORE = re.compile(
    r"(?:^|[\s(])(?P<poss>(?:[A-Z][\w.’'-]*\s)?[A-Z][\w.-]*['’]s\s+|[Tt]he\s+|(?:(?:[Hh]is|[Hh]er|[Ii]ts|[Ww]hose)\s+))?"
    r"(?P<mods>(?:(?:former|future|designated|incoming|outgoing|current|then|acting|interim|star|"
    r"top|senior|key|longtime|new)\s+)*)(?P<title>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3}?)"
    r"(?P<rest>\s+(?:of|to|for|at|in)\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?,\s+"
    r"(?:(?:businessman|businesswoman|economist|lawyer|banker|diplomat|veteran|former)\s+)?$")


COMMA_BEFORE = re.compile(r",\s+(?:\w+\s+)?$")

_SUBDIVISION_RE: dict = {}


def _subdivision_country(window: str) -> str | None:
    """'Texas Governor', 'Santa Fe governor', 'the governor of Jujuy': the country of the state."""
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


def _appositive_role(ents, tokens, mentions, m, i, after_only=False):
    """'X, a professor at Y' / "Milei's chief of staff, X" -> (title, mods, where, role text)."""
    kb = knowledge()
    text = ents.text
    sentence = ents.sentences[m.sentence]
    after = text[m.end:sentence.end]
    match = APPOSITIVE_AFTER.match(after)
    offset = m.end
    if match and not _longest_title(match.group("title")):
        match = None
    if not match and after_only:
        return None
    if not match:
        before = text[sentence.start:m.start]
        offset = sentence.start
        if not COMMA_BEFORE.search(before):
            return None  # every APPOSITIVE_BEFORE ends in ", " and at most one word
        for k in [0] + [x.start() for x in re.finditer(r"\s", before)][-25:]:
            candidate = APPOSITIVE_BEFORE.match(before, k)
            if candidate and _longest_title(candidate.group("title")):
                match = candidate
                break
    if not match:
        return None
    title = _longest_title(match.group("title"))
    if not title:
        return None
    if title in ("advisor", "adviser") and (match.group("rest") or "").strip().lower().startswith("to"):
        return None  # "an advisor to Trump" supports him; it is no office
    mods = match.group("mods").split()
    where = None
    poss = match.group("poss")
    span_start, span_end = offset + match.start(), offset + match.end()
    inside = [x for x in mentions if span_start <= x.start < span_end and x.entity != m.entity and not x.anaphor]
    if match.group("rest"):
        rest_start = offset + match.start("rest")
        targets = [x for x in inside if x.start >= rest_start and _label(ents, x) in ("Country", "Organization")]
        preposition = match.group("rest").split()[0].lower()
        if targets and (preposition in ("of", "at") or preposition == "in" and "ambassador" not in title):
            where = targets[0].entity
        elif targets and preposition == "for" and title in SPOKES and _label(ents, targets[0]) == "Organization":
            where = targets[0].entity  # "a spokesman for the Economy Ministry"
        elif targets and preposition in ("to", "in") and "ambassador" in title:
            where = None  # an ambassador to X serves the other country
            other = [x for x in inside if x.start < rest_start and _label(ents, x) == "Country"]
            demonyms = [kb.demonyms[fold(w)] for w in match.group("title").split() if fold(w) in kb.demonyms]
            if other:
                where = other[0].entity
            elif demonyms:
                where = demonyms[0]  # "The Chinese ambassador in Buenos Aires"
            elif ents.home and ents.second:
                posted = targets[0].entity if _label(ents, targets[0]) == "Country" else ents.country_of(
                    targets[0].entity)
                where = ents.second if posted == ents.home else ents.home
    anchor = offset + match.start("mods")
    owned = re.search(r"['’]s\s+$", text[max(0, anchor - 4):anchor]) if not poss else None
    if where is None and owned:
        # "The federation's new co-secretary general, X": the body named before "'s" owns the office
        owner_end = anchor - len(owned.group())
        owner = next((x for x in mentions if x.end == owner_end and _label(ents, x) == "Organization"), None)
        if owner:
            where = owner.entity
    if where is None and poss and poss.strip().lower() not in ("the", "his", "her", "its"):
        owner = next((x for x in inside if offset + match.start("poss") <= x.start < offset + match.end("poss")), None)
        if owner:
            where = _place_of(ents, owner.entity)
    if where is None and poss and poss.strip().lower() in ("his", "her"):
        people = [x for x in mentions if x.end <= span_start and _label(ents, x) == "Person" and x.entity != m.entity]
        if people:
            where = _place_of(ents, people[-1].entity)
    if where is None and poss and poss.strip().lower() == "its":
        # "Its president, Martín Rappallini": the organisation last named, in this sentence or before
        bodies = [x for x in ents.mentions if x.end <= span_start and not x.anaphor and
                  _label(ents, x) == "Organization" and x.sentence >= m.sentence - 1]
        if bodies:
            where = bodies[-1].entity
    if where is None and poss and poss.strip().lower() == "whose":
        # "The National Atomic Energy Commission (CNEA), whose president, X": the body before it
        poss_at = offset + match.start("poss")
        owner = next((x for x in reversed(mentions) if x.end <= poss_at and _label(ents, x) in (
            "Organization", "Country") and re.fullmatch(r"[\s()]*,\s*", text[x.end:poss_at])), None)
        if owner:
            where = owner.entity
    if where is None:
        # "the United States ambassador, X", "a former Chilean finance minister": the country in the title
        title_start, title_end = offset + match.start("title"), offset + match.end("title")
        named = [x for x in inside if title_start <= x.start < title_end and _label(ents, x) == "Country"]
        demonyms = [kb.demonyms[fold(w)] for w in match.group("title").split() if fold(w) in kb.demonyms]
        where = named[0].entity if named else (demonyms[0] if demonyms else None)
    role_text = " ".join(mods + [match.group("title")]) + (match.group("rest") or "")
    if where and match.group("rest"):
        target_mentions = [x for x in inside if x.start >= offset + match.start("rest")]
        if target_mentions and target_mentions[0].entity == where:
            role_text = " ".join(mods + [match.group("title")])
    return title, [x.lower() for x in mods], where, role_text.strip()


def _longest_title(words: str) -> str | None:
    kb = knowledge()
    words = re.sub(r"\bsecretaries\b", "secretary", words)  # "one of the CGT's three co-secretaries general"
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
    return None


def _leads_phrases(ents, tokens, mentions, index) -> list[Relation]:
    out = []
    sentence = ents.sentences[index]
    chunk = ents.text[sentence.start:sentence.end]
    low = chunk.lower()
    if "presidency" not in low and "return" not in low and "leadership" not in low:
        return out  # the words every LEADS_PHRASES match contains
    for match in LEADS_PHRASES.finditer(chunk):
        pos = sentence.start + match.start()
        people = [m for m in mentions if m.end <= pos and _label(ents, m) == "Person"]
        if not people:
            continue
        person = people[-1].entity
        after = [m for m in mentions if m.start >= sentence.start + match.end() and
                 _label(ents, m) == "Country" and m.start - (sentence.start + match.end()) < 5]
        country = after[0].entity if after else ents.country_of(person)
        if country:
            out.append(Relation(person, country, "LEADS", index, {"role": "President"}, why="rule:took-office"))
    return out


# --- trigger rules ---------------------------------------------------------------------------

CLAUSE_BREAK = re.compile(r";|\s[–—]\s|:\s|,\s+(?:but|while|whereas|although|though|yet)\b|\bwhile\b")
RELATIVE = re.compile(r",\s+(?:who|which|whose|a|an|often|now|once|then|currently|like|also|the\s+[a-z]\w*)\b[^,]*,")


def _triggers(ents: ArticleEntities, tokens: list[Token], mentions: list[Mention], index: int) -> list[Relation]:
    out: list[Relation] = []
    sentence = ents.sentences[index]
    text = ents.text
    chunk = text[sentence.start:sentence.end]
    base = sentence.start
    actors = [m for m in mentions if _label(ents, m) is not None]
    if not actors:
        return out
    candidates = rulebook().candidates(chunk.lower())
    if len({m.entity for m in actors}) < 2:  # one actor: nothing to relate, bar "tariffs on Argentine goods"
        candidates = [t for t in candidates if t.type == "IMPOSES"]
    if not candidates:
        return out
    breaks = [base + b.start() for b in CLAUSE_BREAK.finditer(chunk)]
    relatives = [(base + r.start(), base + r.end()) for r in RELATIVE.finditer(chunk)]
    for trigger in candidates:
        for match in trigger.pattern.finditer(chunk):
            a, b = base + match.start(), base + match.end()
            if _negated(text, base, a, trigger.type):
                continue
            if any(m.start <= a < m.end for m in actors if not m.anaphor):
                continue  # the trigger word is part of a name ("Democratic Senator")
            if text[a - 1:a] == "-":
                continue  # "US-backed": an adjective, not a statement
            if trigger.type == "LEADS" and "leader" in match.group().lower() and not re.search(
                    r",\s+(?:both\s+|the\s+|a\s+|an\s+)?(?:[a-z][\w-]*\s+)?$", text[max(base, a - 30):a]):
                continue  # only an appositive describes the subject; "met the leaders of X" does not
            if trigger.type == "SUPPORTS" and match.group()[:7].lower() == "support" and SUPPORT_NOUN.search(
                    text, max(base, a - 12), a):
                continue  # "praised the support of X", "its continued support": a noun, its owner is elsewhere
            if match.group().lower().startswith("seat") and not re.search(r"\b(?:a|his|her|their)\s+$",
                                                                          text[max(base, a - 7):a]):
                continue  # "a seat in the Chamber" is membership; "enough seats in Congress" is not
            if trigger.mode == "active" and re.match(r"\s+by\b", text[b:b + 4]):
                continue  # "approved by Congress": the actor after "by" is the subject
            if trigger.mode == "active" and match.group().endswith("ed") and match.group().isalpha() and \
                    BARE_PASSIVE.search(text, max(base, a - 16), a):
                continue  # "the facility was signed in October": a passive with no agent names no actor
            if re.match(r"\s+(?:minister|ministry|secretary|committee|director|chief|officials?)\b",
                        text[b:b + 14], re.IGNORECASE):
                continue  # "Finance Minister": the trigger word is part of an office
            clause_start = max([x for x in breaks if x < a], default=base)
            clause_end = min([x for x in breaks if x >= b], default=sentence.end)
            for rs, re_ in relatives:
                if rs < a < re_:
                    clause_end = min(clause_end, re_)  # a trigger inside ", who met X," ends there
            left = [m for m in actors if clause_start <= m.start and m.end <= a]
            right = [m for m in actors if b <= m.start and m.end <= clause_end]
            right = [m for m in right if not _locative(text, m, b) and not DURING.search(text, b, m.start)]
            right = [m for m in right if not _modifier(ents, text, m, mentions)]
            if trigger.mode == "between":
                ends = [m for m in right if _label(ents, m) in trigger.targets][:2]
                if len(ends) == 2:
                    out.append(Relation(ends[0].entity, ends[1].entity, trigger.type, index, why=trigger.why))
                continue
            if trigger.mode == "mutual":
                subjects = _subjects(ents, text, left, a, relatives)
                if len(subjects) >= 2:
                    out.append(Relation(subjects[0], subjects[1], trigger.type, index, why=trigger.why))
                continue
            if trigger.mode == "possessed":
                owner = [m for m in mentions if m.possessive and 0 <= a - m.end <= 4 and _label(ents, m) in ACTOR]
                others = _subjects(ents, text, [m for m in left if not owner or m.end <= owner[0].start], a,
                                   relatives, fallback_possessive=False)
                for o in owner[:1]:
                    for other in others[:1]:
                        out.append(Relation(other, o.entity, trigger.type, index, why=trigger.why))
                continue
            if trigger.mode == "passive":
                agents = [m for m in right if _label(ents, m) in ACTOR][:1]
                patients = _subjects(ents, text, left, a, relatives)
                if trigger.type == "LEADS":
                    # "Vista Energy, the shale producer run by ... Miguel Galuccio": the body is right
                    # before the verb (or its appositive), the leader is the first person after it
                    near = [m for m in left if re.fullmatch(
                        r"\s*,?\s*(?:(?:the|a|an)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}\s*)?", text[m.end:a])]
                    patients = [m.entity for m in near[-1:] if _label(ents, m) == "Organization"]
                    people = [m for m in right if _label(ents, m) == "Person" and m.start - b < 60]
                    agents = people[:1] or agents
                    unit = next((m for m in left if _label(ents, m) == "Organization" and re.fullmatch(
                        r"\s+(?P<unit>mission|team|delegation|staff)\s+", text[m.end:a])), None)
                    if unit and people and not patients:
                        # "an IMF mission led by Luis Cubeddu": a post in the body, not its leadership
                        role = "head of the " + text[unit.start:a].strip()
                        out.append(Relation(people[0].entity, unit.entity, "HOLDS_ROLE", index, {"role": role}, why=trigger.why))
                        continue
                if trigger.type == "IMPOSES":
                    patients = [ents.country_of(p) if _label_of(ents, p) == "Person" else p for p in patients]
                    patients = [p for p in patients if p]
                for agent in agents:
                    for patient in patients[:1]:
                        out.append(Relation(agent.entity, patient, trigger.type, index,
                                            _detail(trigger.type, chunk, match, text, ents, index),
                                            why=trigger.why))
                continue
            antecedent = None
            if re.search(r"\b(?:that|which)\s+(?:\w+ly\s+)?$", text[max(base, a - 20):a]):
                # "a goal that aligns with ...": the subject is no actor; but in "The International
                # Monetary Fund, which lent Argentina ..." it is the actor right before the comma
                antecedent = next((m for m in reversed(left) if _label(ents, m) in ACTOR and re.fullmatch(
                    r",\s+which\s+(?:\w+ly\s+)?", text[m.end:a])), None)
                if antecedent is None:
                    continue
            if trigger.type in ("NEGOTIATES", "SUPPORTS", "CRITICIZES", "PARTY_TO"):
                fronted = _fronted_agreement(ents, text, left, a)
                if fronted:
                    subject, agreement = fronted
                    out.append(Relation(subject, agreement, trigger.type, index,
                                        why=trigger.why))
                    continue
            subjects = [antecedent.entity] if antecedent else (
                _possessor_subject(ents, text, mentions, a) or _subjects(ents, text, left, a, relatives))
            if match.group().split()[0].lower().endswith("ing") and subjects:
                # a gerund ("restructuring", "seeking") belongs to the clause's subject unless an
                # actor stands right before it ("with Republicans and Democrats expressing ...")
                nearest = [m for m in left if m.entity == subjects[-1]]
                if nearest and not re.fullmatch(r"\s*(?:\w+\s+)?", text[nearest[-1].end:a]):
                    free = [m for m in left if not m.possessive and _label(ents, m) in ACTOR
                            and not _after_preposition(text, m) and not _title_modifier(ents, text, m, left)]
                    if free and free[0].entity not in subjects:
                        subjects = _subjects(ents, text, [x for x in left if x.start <= free[0].start], a,
                                             relatives) or subjects
            if re.search(r"\band\s+(?:\w+ly\s+)?$", text[max(base, a - 16):a]) and left:
                # "Milei called Trump a friend and thanked Bessent": the verbs share the first subject
                first = _subjects(ents, text, left[:1], left[0].end, relatives, fallback_possessive=False)
                if first and _verb_follows(text, left[0]):
                    subjects = first
            objects = _objects(ents, text, right, trigger, b, clause_end, mentions)
            if trigger.objects == "next":  # "wants China out": the name right after the verb
                objects = [m.entity for m in actors if 0 <= m.start - b <= 2 and _label(ents, m) in trigger.targets][:1]
            on_target = None
            if trigger.type == "IMPOSES":
                on_match = re.match(r"[^,;]{0,40}?\bon\s+(?:the\s+)?", text[b - 3:clause_end])
                if on_match:
                    at = b - 3 + on_match.end()
                    on_target = next((m.entity for m in right if m.start == at), None)
                if on_target:
                    objects = [on_target]
                elif on_match:
                    objects = []
            if trigger.type == "IMPOSES" and not on_target:
                on = re.search(r"\bon\s+(?:the\s+)?([A-Z][\w.]+)\s+(?:[a-z]+\s+){0,2}(?:goods|imports|exports|"
                               r"products|steel|companies|firms|officials|beef|soy\w*|oil|banks|entities|"
                               r"individuals|leaders)\b", text[b - 4:clause_end])
                country = knowledge().demonyms.get(fold(on.group(1))) if on else None
                if country and country in ents.entities:
                    objects = [country]
                elif on:
                    objects = []
            if trigger.type == "SUPPORTS" and subjects:
                # "the $57 billion loan Trump facilitated": the fronted agreement is the object
                first = next((m for m in left if m.entity == subjects[-1]), None)
                fronted = [m for m in left if first is not None and _label(ents, m) == "Agreement"
                           and 0 <= first.start - m.end <= 1]
                objects = [f.entity for f in fronted] + objects
                for obj in list(objects):
                    owner = [m for m in mentions if m.possessive and _label(ents, m) == "Person" and any(
                        x.entity == obj and x.start == m.start and x.phrase for x in mentions)]
                    objects += [o.entity for o in owner]
            if len(subjects) == 1 and objects and objects[0] == subjects[0] and (
                    trigger.objects == "first" or len(objects) == 1):
                # "his meeting with ... Trump himself": skip the subject, take the next actor
                rest = [m for m in right if _label(ents, m) in trigger.targets and m.entity != subjects[0]
                        and m.start - b <= 120]
                objects = [rest[0].entity] if rest else []
            if trigger.type == "MET_WITH" and match.group().lower().startswith("visit"):
                objects = [o for o in objects if _label_of(ents, o) != "Country"]  # a country visited is a place
            if trigger.type == "FUNDS" or (trigger.type == "IMPOSES" and "sanction" not in match.group().lower()):
                # money and tariffs reach a country ("bail out his friend President Milei" -> Argentina);
                # sanctions may name a person
                objects = [ents.country_of(o) if _label_of(ents, o) == "Person" else o for o in objects]
                objects = [o for o in objects if o and o in ents.entities]
            if trigger.type in ("NEGOTIATES", "PARTY_TO") and subjects:
                # "Bessent, who negotiated the swap with Economy Minister Luis Caputo": both sides did;
                # "signed a memorandum with the Department of Energy": both are parties
                for x in right:
                    if _label(ents, x) != "Agreement" or x.entity not in objects:
                        continue
                    partner = re.match(r"\s+with\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,3}", text[x.end:clause_end])
                    if not partner:
                        continue
                    other = next((y for y in right if x.end < y.start <= x.end + partner.end()), None)
                    if other and not other.possessive and _label(ents, other) in ACTOR and other.entity not in subjects:
                        subjects = subjects + [other.entity]
                    break
            for subject in subjects:
                for obj in objects:
                    if obj == subject:
                        continue
                    out.append(Relation(subject, obj, trigger.type, index,
                                        _detail(trigger.type, chunk, match, text, ents, index),
                                        why=trigger.why))
    return out


def _fronted_agreement(ents, text, left: list[Mention], a: int) -> tuple[str, str] | None:
    """'the trade deal that President Javier Milei has sought': (Milei, the deal)."""
    actors = [m for m in left if _label(ents, m) in ACTOR and not m.possessive]
    if not actors:
        return None
    subject = actors[-1]
    if not re.fullmatch(r"\s+(?:has|had|have|had\s+long|has\s+long|long|also|now|repeatedly|\w+ly)?\s*",
                        text[subject.end:a]):
        return None
    for m in reversed(left):
        if m.end <= subject.start and _label(ents, m) == "Agreement":
            if re.fullmatch(r"\s+(?:that|which)\s+(?:(?:[A-Z][\w.]*|the)\s+){0,3}", text[m.end:subject.start]):
                return subject.entity, m.entity
            break
    return None


def _starts_clause(text: str, m: Mention) -> bool:
    """Is the mention the subject of its own verb, after an optional appositive?"""
    after = text[m.end:m.end + 120]
    appositive = re.match(r",[^,]{1,80},", after)
    shifted = Mention(m.start, m.end + (appositive.end() if appositive else 0), m.surface, m.entity, m.sentence)
    return _verb_follows(text, shifted)


def _verb_follows(text: str, m: Mention) -> bool:
    """Is the mention the subject of a verb ('Kicillof blamed ...', 'Trump visited ...')?"""
    nxt = re.match(r"\s+(?:has\s+|had\s+|have\s+|also\s+|later\s+|then\s+)?([a-z]+)", text[m.end:m.end + 30])
    return bool(nxt) and (nxt.group(1).endswith("ed") or nxt.group(1) in {
        "met", "said", "called", "told", "spoke", "took", "made", "gave", "won", "lost", "is", "was",
        "signed", "backs", "calls", "meets", "visits", "thanks", "hails", "blames"})


RELATIVE_CUT = re.compile(r".*,\s+(?:who|which)\s")
SUPPORT_NOUN = re.compile(r"\b(?:the|its|his|her|their|our|continued|further|own|of)\s+$")
BARE_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$")
NEGATED_PHRASE = re.compile(r"\b(?:stop(?:ped|s)?\s+short\s+of|short\s+of|refrain(?:ed|s)?\s+from|"
                            r"rather\s+than|instead\s+of|far\s+from)\s+(?:\w+\s+)?$")


def _negated(text: str, base: int, a: int, rel_type: str = "") -> bool:
    window = text[max(base, a - 40):a].lower().replace("’", "'")
    relative = RELATIVE_CUT.search(window) if "wh" in window else None
    if relative:  # "The biggest winner may be X, who leads the bloc": the hedge is the main clause's
        window = window[relative.end():]
    if NEGATED_PHRASE.search(window):
        return True  # "stopped short of criticising", "rather than backing"
    words = re.findall(r"[\w']+", window)[-5:]
    if rel_type == "IMPOSES" and set(words[-3:]) & CANCELS - {"escape"}:
        return True  # "lifted tariffs on ...": the measure ends
    for w in words:
        if w in NEGATIONS or w.endswith("n't") or w in HEDGES:
            return True
    for w in words[-3:]:
        if w in DESIRES and rel_type not in ("NEGOTIATES", "PARTY_TO"):
            return True
    return False


# "a deal negotiated during the presidency of X": X sets the time, it is no party
DURING = re.compile(r"\b(?:during|under|since|until|before|after)\s+(?:the\s+)?(?:\w+\s+)?(?:presidency|government|"
                    r"administration|term|tenure|mandate|rule)\s+of\s+(?:(?:[A-Z][\w.]*|former|then)\s+){0,3}$")


def _locative(text: str, m: Mention, after: int = 0) -> bool:
    """Is the mention the object of 'in'/'at'/'from' (a place, not a party) after ``after``?"""
    window = text[max(after, m.start - 14):m.start].lower()
    words = re.findall(r"[\w’']+", window)
    if words and words[-1] == "the":
        words = words[:-1]
    return bool(words) and words[-1] in LOCATIVE


# after a country name, a word that is no noun it could qualify ("the United States almost intact",
# "Argentina signed"): the name is an actor
ADVERB_OR_VERB = re.compile(r"[a-z]+ly|[a-z]+ed|almost|largely|again|too|even|only|alone|themselves|itself")


def _modifier(ents, text, m: Mention, mentions) -> bool:
    """'US support', 'U.S. Secretary of State Marco Rubio': a place name used as a modifier."""
    if _label(ents, m) != "Country" or m.possessive:
        return False
    after = text[m.end:m.end + 40]
    nxt = re.match(r"\s+([a-z][\w-]*)", after)
    if nxt and nxt.group(1) not in FUNCTION_AFTER and nxt.group(1) not in TIME_WORDS and \
            not ADVERB_OR_VERB.fullmatch(nxt.group(1)) and not re.search(r"\b(?:government|administration|authorities|cabinet)$", m.surface, re.IGNORECASE):
        return True
    return _title_modifier(ents, text, m, mentions)


def _title_modifier(ents, text, m: Mention, mentions) -> bool:
    """'U.S. Secretary of State Marco Rubio': the country only qualifies the title."""
    for x in mentions:
        if x.start > m.end and x.start - m.end < 45 and _label(ents, x) == "Person":
            between = text[m.end:x.start]
            if re.fullmatch(r"\s+(?:(?:[A-Z][\w-]*|of|the|for)\s+){1,4}", between):
                return True
    return False


def _possessor_subject(ents, text, mentions, a) -> list[str]:
    """"Trump's endorsement of Milei": the possessor right before a nominal trigger."""
    before = text[max(0, a - 40):a]
    match = re.search(r"['’]s\s+(?:\w+\s+){0,2}$", before)
    if not match:
        return []
    pos = a - len(before) + match.start()
    owner = [m for m in mentions if m.end == pos and _label(ents, m) in ACTOR]
    return [owner[-1].entity] if owner else []


def _subjects(ents, text, left: list[Mention], a: int, relatives, fallback_possessive: bool = True) -> list[str]:
    """Nearest non-possessive actor before the trigger, outside relative clauses, with any
    actors coordinated with it ('Milei and Trump both opposed')."""
    candidates = [m for m in left if not m.possessive and _label(ents, m) in ACTOR
                  and not any(s < m.start < e <= a for s, e in relatives)
                  and not text[max(0, m.start - 1):m.start] == "("
                  and not _title_modifier(ents, text, m, left)]
    described = [m for m in candidates if re.search(r"(?:^|,\s)(?:a|an)\s+(?:[A-Z][\w.-]*\s+){0,2}$",
                                                    text[max(0, m.start - 30):m.start])]
    if described and len(described) < len(candidates):
        # "Senator Okafor, a Minnesota Democrat who sits on ...": the description is no subject
        candidates = [m for m in candidates if m not in described]
    free = [m for m in candidates if not _after_preposition(text, m)]
    if free:
        candidates = free if not _after_preposition(text, candidates[-1]) else [
            m for m in candidates if m.start <= free[-1].start]
    if not candidates:
        if fallback_possessive:
            owners = [m for m in left if m.possessive and _label(ents, m) in ACTOR]
            # "Their discussions": a plural pronoun stands for both people at one position
            return list(dict.fromkeys(o.entity for o in owners if o.start == owners[0].start)) if owners else []
        return []
    last = candidates[-1]
    group = [c for c in candidates if c.start == last.start]  # plural pronoun -> two people
    chosen = [g.entity for g in group]
    k = len(candidates) - len(group) - 1
    while k >= 0:
        between = text[candidates[k].end:candidates[k + 1].start if k + 1 < len(candidates) else last.start]
        if re.fullmatch(r"\s*,?\s*(?:and|&)\s+(?:the\s+)?(?:US\s+|U\.S\.\s+)?(?:[A-Z][\w.-]*\s+){0,3}|\s*,\s*|"
                        r"\s+and\s+(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*['’]s\s+",
                        between):
            chosen.insert(0, candidates[k].entity)
            k -= 1
        else:
            break
    return list(dict.fromkeys(chosen))


def _after_preposition(text: str, m: Mention) -> bool:
    words = re.findall(r"[\w’']+", text[max(0, m.start - 20):m.start].lower())
    if words and words[-1] in ("the", "a", "an") and len(words) > 1:
        words = words[:-1]
    return bool(words) and words[-1] in PREPOSITIONS


def _objects(ents, text, right: list[Mention], trigger: Trigger, b: int, clause_end: int,
             mentions: list[Mention]) -> list[str]:
    if right and right[0].possessive and trigger.type in ("SUPPORTS", "CRITICIZES") and len(right) > 1 and \
            _label(ents, right[1]) == "Person" and re.fullmatch(r"['’]s\s+(?:[a-z][\w-]*\s+){1,4},?\s*",
                                                               text[right[0].end:right[1].start]):
        right = right[1:]  # "praised Milei's economy minister, Luis Caputo": the minister
    if right and right[0].possessive and (trigger.type in ("MET_WITH", "ALLIED_WITH") or (
            trigger.type == "NEGOTIATES" and not right[0].anaphor and not any(
                _label(ents, x) == "Agreement" for x in right[1:2]))):
        # "met Machado's envoy": the envoy, not Machado; "met Milei's chief of staff Guillermo
        # Francos": the named official
        named = right[1] if len(right) > 1 else None
        if named is not None and _label(ents, named) == "Person" and re.fullmatch(
                r"['’]s\s+(?:[\w-]+\s+){1,4}", text[right[0].end:named.start]) and \
                trigger.type != "NEGOTIATES":
            right = right[1:]
        else:
            return []
    # "criticised governments that treat Mercosur as ...": an actor inside a relative clause
    # after the object noun belongs to that clause's verb
    rel = re.search(r"\s(?:that|which|who|whom)\s", text[b:clause_end])
    if rel and re.search(r"[a-z]", text[b:b + rel.start()]):
        right = [m for m in right if m.start < b + rel.start()]
    # ", and Senator Grassley, ..., warned": a new clause with its own subject starts there
    cut = [m.start for m in right if ", and " in text[b:m.start] and _starts_clause(text, m)]
    if cut:
        right = [m for m in right if m.start < cut[0]]
    allowed = [m for m in right if _label(ents, m) in trigger.targets
               and not (m.anaphor and m.possessive and m.start - b > 12)
               and not re.match(r"\s+(?:said|says|told|added|noted|stated)\b", text[m.end:m.end + 10])
               and not (m.possessive and trigger.type in ("MET_WITH", "ALLIED_WITH", "MEMBER_OF"))]
    if trigger.prefer_agreement:
        # "approved the review of Argentina's $20 billion Extended Fund Facility": the owner of an
        # agreement is no object when the agreement itself can be
        owners = {id(m) for k, m in enumerate(right[:-1]) if m.possessive and _label(ents, right[k + 1]) ==
                  "Agreement" and right[k + 1].start - m.end <= 25}
        allowed = [m for m in allowed if id(m) not in owners]
    if trigger.type in ("SUPPORTS", "CRITICIZES") and allowed and re.search(
            r"^\s+(?:the|a|an|its|their|his|her)\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*\s+(?:of|for|about|on|with)\b",
            text[b:allowed[0].start]) and _label(ents, allowed[0]) != "Agreement":
        return []  # the stated object is a thing of its own ("the government", "the lack of ...")
    if trigger.type == "FUNDS":
        # "financed Argentina", "lent to the Treasury": the beneficiary follows the verb closely;
        # "yuan financing in place despite ... Beijing" names none
        allowed = [m for m in allowed if m.start - b <= 30]
    if not allowed:
        return []
    if trigger.prefer_agreement:
        agreements = [m for m in allowed if _label(ents, m) == "Agreement" and m.start - b < 120]
        if agreements and (agreements[0] is allowed[0] or agreements[0].start - b < 45
                           or trigger.targets == frozenset({"Agreement"}) or trigger.type == "NEGOTIATES"):
            return [agreements[0].entity]
    first = allowed[0]
    if first.start - b > 120:
        return []
    chosen = [first.entity]
    if trigger.objects == "list":
        prev = first
        for m in allowed[1:]:
            between = text[prev.end:m.start]
            if re.fullmatch(r"\s*(?:\([^)]*\)\s*)?(?:,|and|or|,\s*and|as well as|such as)\s*(?:the\s+)?", between):
                chosen.append(m.entity)
                prev = m
            else:
                break
    return list(dict.fromkeys(chosen))


def _detail(rel_type: str, chunk: str, match, text, ents, index) -> dict:
    if rel_type == "IMPOSES":
        measure = MEASURE_RE.search(chunk, max(0, match.start() - 60), min(len(chunk), match.end() + 60))
        if measure:
            return {"detail": measure.group(1).strip()}
        word = match.group().strip().lower()
        return {"detail": "sanctions" if word.startswith("sanction") else word}
    if rel_type == "FUNDS":
        tail = chunk[match.end():match.end() + 80]
        detail = re.split(r"[,.;]", tail)[0].strip()
        return {"detail": (match.group() + " " + detail).strip()}
    return {}


OWN_PARTY_AFTER = re.compile(r"\s+(?:bloc|party|coalition|caucus|alliance|movement|faction)\b", re.IGNORECASE)


VOTES_RE = re.compile(r"\b(?:(?:approved|passed|adopted|cleared)\s+(?:by\s+)?|with\s+(?:the\s+)?votes?\s+"
                      r"(?:from|of)\s+)(?:the\s+)?", re.IGNORECASE)


def _votes(ents: ArticleEntities, mentions: list[Mention], index: int) -> list[Relation]:
    """'It was approved by the Chamber of Deputies with votes from X, Y and Z', 'The 2027 budget
    cleared the Chamber of Deputies': the chamber and each bloc back the bill."""
    out = []
    text = ents.text
    sentence = ents.sentences[index]
    low = text[sentence.start:sentence.end].lower()
    if "vote" not in low and not any(w in low for w in ("approved", "passed", "adopted", "cleared")):
        return out
    for match in VOTES_RE.finditer(text, sentence.start, sentence.end):
        if _negated(text, sentence.start, match.start(), "SUPPORTS") or re.search(
                r"\b(?:should|would|must|need|needs|ought)\b(?:\s+\w+){0,3}\s*$", text[sentence.start:match.start()]):
            continue  # "should have been approved by Congress": it was not
        bills = [m for m in mentions if m.end <= match.start() and _label(ents, m) == "Agreement"]
        if not bills:
            continue
        bill = bills[0].entity
        passive = not match.group().lower().startswith("with")
        at = match.end()
        names = []
        for m in sorted(mentions, key=lambda m: m.start):
            if m.start < at or _label(ents, m) not in ("Organization", "Person"):
                continue
            gap = text[at:m.start]
            if names and not re.fullmatch(r"\s*(?:,|,?\s*and)\s+(?:(?:most|all|part|some)\s+of\s+)?(?:the\s+)?", gap) \
                    or not names and gap.strip():
                break
            names.append(m.entity)
            at = m.end
            if passive:
                break  # "approved by the Chamber of Deputies": one body
        for name in names:
            out.append(Relation(name, bill, "SUPPORTS", index, why="rule:votes"))
    return out


LABELLED = re.compile(r"\b(?:called|calls|calling|described|describes|describing|branded|brands|labell?ed|dubbed|"
                      r"termed|praised|hailed|denounced|dismissed|slammed)\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,3}$",
                      re.IGNORECASE)
LABEL_PHRASE = re.compile(r"\s+(?:as\s+)?(?P<phrase>[“\"][^”\"]{3,200}[”\"]?|(?:a|an|the)\s[^,;.“\"]{3,80})")


def _labelled(ents: ArticleEntities, mentions: list[Mention], index: int) -> list[Relation]:
    """'Milei called Trump "the best friend ..."', 'X described the swap as a bailout': the words
    the subject puts on an actor carry the subject's stance towards it."""
    out = []
    text = ents.text
    sentence = ents.sentences[index]
    actors = [m for m in mentions if _label(ents, m) is not None]
    for k, m in enumerate(actors):
        verb = LABELLED.search(text, max(sentence.start, m.start - 30), m.start)
        if not verb or m.possessive or m.surface.lower() in PRONOUN_WORDS:
            continue  # "called him ...": a pronoun here may be anyone
        phrase = LABEL_PHRASE.match(text, m.end, sentence.end)
        if not phrase:
            continue
        stance = _stance(phrase.group("phrase"))
        if stance is None or _negated(text, sentence.start, verb.start(), stance):
            continue
        left = [x for x in actors[:k] if x.end <= verb.start()]
        subjects = _subjects(ents, text, left, verb.start(), [])
        if left and re.search(r"\band\s+(?:\w+ly\s+)?$", text[max(sentence.start, verb.start() - 16):verb.start()]) \
                and _verb_follows(text, left[0]):
            # "Kicillof blamed Milei and called Caputo a failure": the verbs share the first subject
            subjects = _subjects(ents, text, left[:1], left[0].end, [], fallback_possessive=False) or subjects
        for subject in subjects:
            if subject != m.entity and _label_of(ents, subject) in ACTOR:
                out.append(Relation(subject, m.entity, stance, index, why="rule:labelled-as"))
    return out


def _own_party(ents: ArticleEntities, mentions: list[Mention], index: int) -> list[Relation]:
    """'her Unión por la Patria bloc', 'his Republican Party': the person belongs to it."""
    kb = knowledge()
    out = []
    for k, m in enumerate(mentions):
        if k == 0 or _label(ents, m) != "Organization":
            continue
        pronoun = mentions[k - 1]
        if not (pronoun.anaphor and pronoun.surface.lower() in ("his", "her", "their") and
                _label(ents, pronoun) == "Person" and 0 < m.start - pronoun.end <= 1):
            continue
        party = m.entity in kb.party_adjectives.values() or re.search(r"\b(?:Party|Partido|Coalition|Front|Frente)\b",
                                                                      m.entity)
        if party or OWN_PARTY_AFTER.match(ents.text, m.end):
            out.append(Relation(pronoun.entity, m.entity, "MEMBER_OF", index, why="rule:own-party"))
    return out


# --- agreements: parties and funding ------------------------------------------------------------

CONCLUDED = {"currency swap", "loan", "credit line", "rescue", "nuclear agreement", "financing program"}
FINANCIAL_KINDS = ("currency swap", "loan", "credit line", "rescue", "financing program")
OFFERING = re.compile(r"\b(?:announc\w*|offer\w*|extend\w*|grant\w*|agree\w*|approv\w*|provid\w*|arrang\w*|"
                      r"lend\w*|lent|bail\w*|rescu\w*|open\w*|sign\w*|start\w*|unveil\w*|pledg\w*)\b",
                      re.IGNORECASE)


def _agreement_relations(ents, tokens, mentions, index) -> list[Relation]:
    out: list[Relation] = []
    text = ents.text
    for m in mentions:
        entity = ents.entities.get(m.entity)
        if entity is None or entity.label != "Agreement" or m.anaphor:
            continue
        parties_here = []
        # explicit parties inside or right after the phrase
        for x in mentions:
            if x is m or _label(ents, x) not in ACTOR:
                continue
            if m.start <= x.start and x.end <= m.end:
                parties_here.append(x)
        possessive_agreement = re.search(r"\b(?:its|their|his|her)\s+(?:\w+\s+)?$", text[max(0, m.start - 25):m.start])
        kind = entity.kind or ""
        concluded = kind in CONCLUDED or bool(possessive_agreement)
        sentence = ents.sentences[index]
        before = [x for x in mentions if x.end <= m.start and _label(ents, x) in ACTOR and not x.possessive]
        funders = []
        if kind in FINANCIAL_KINDS and PENDING.search(
                text[max(sentence.start, m.start - 60):m.start]):
            continue  # a loan still being negotiated or sought funds nobody yet
        if kind in FINANCIAL_KINDS:
            owner = [x for x in parties_here if x.possessive and x.start == m.start]
            head_at = _head_position(text, m)
            lenders = [x for x in parties_here if not x.possessive and x.end <= head_at]
            after_head = [x for x in parties_here if x.start >= head_at]
            banks = [x for x in after_head if _lender(ents, x.entity)] if kind in (
                "loan", "credit line", "currency swap") else []
            if not lenders and banks:
                lenders = banks[:1]
                after_head = [x for x in after_head if x is not banks[0]]
                owner = owner or [x for x in before if x.end <= m.start][-1:]
            offered = OFFERING.search(text[max(sentence.start, m.start - 120):m.start]) or re.search(
                r"\b(?:holds|held|renew(?:s|ed)?)\s+(?:a|an|the|its)\s+[^,;]{0,30}$", text[max(sentence.start, m.start - 60):m.start])
            if lenders and not owner and not after_head and not offered and not re.search(
                    r"\b(?:of|to|for|with)\s*$", text[m.start:m.end]):
                continue  # "criticising the US swap line": the phrase names the line, nothing is granted here
            if lenders:
                funders = [lenders[0].entity]
                beneficiaries = [o.entity for o in owner] + [x.entity for x in after_head]
            elif owner:
                funders = [owner[0].entity]
                beneficiaries = [x.entity for x in after_head]
            else:
                # the subject funds only when it offers ("announced", "agreeing to") the package
                offering = OFFERING.search(text[max(sentence.start, m.start - 120):m.start])
                funders = _subjects(ents, text, before, m.start, []) if offering else []
                beneficiaries = [x.entity for x in after_head]
                given = [x for x in before if re.fullmatch(r"\s+with\s+(?:a|an|the|its|their|new)?\s*[^,;]{0,30}",
                                                           text[x.end:m.start])]
                if given and re.search(r"\b(?:provid(?:ed|es|e|ing)|suppl(?:ied|ies|y)|equipp(?:ed))\s+(?:\S+\s+){0,4}$",
                                       text[max(sentence.start, given[-1].start - 40):given[-1].start]):
                    # "The People's Bank of China has provided Argentina's central bank with a swap"
                    senders = [x for x in before if x.end <= given[-1].start and x.entity != given[-1].entity]
                    funders = [senders[0].entity] if senders else funders
                    beneficiaries = [given[-1].entity] + beneficiaries
                if not funders:
                    for x in after_head:
                        out.append(Relation(x.entity, entity.name, "PARTY_TO", index, why="rule:loan-parties"))
            recipients = [b for b in beneficiaries if b not in funders]
            for f in list(funders):
                if _label(ents, next(x for x in mentions if x.entity == f)) == "Organization" and \
                        f in (entity.parties or ()):
                    pass
            if not recipients and entity.parties:
                funder_countries = {ents.country_of(f) or _bank_country(f) or f for f in funders}
                recipients = [p for p in entity.parties if p not in funder_countries and p not in funders]
            party_lenders = [p for p in (entity.parties or ()) if _lender(ents, p)]
            if party_lenders and funders and party_lenders[0] not in funders:
                # "X, which lent Argentina $20 billion under an Extended Fund Facility": the Fund lends
                funders = party_lenders[:1]
                recipients = [p for p in entity.parties if p not in funders]
            # IMF-style lender embedded in the phrase ("IMF loan")
            if not funders:
                lenders = [x.entity for x in parties_here if _label(ents, x) == "Organization"]
                funders = lenders[:1]
                recipients = [r for r in recipients if r not in funders]
            for f in funders:
                for r in recipients[:1]:
                    r_country = ents.country_of(r) if _label_of(ents, r) == "Person" else r
                    if r_country and f != r_country:
                        out.append(Relation(f, r_country, "FUNDS", index,
                                            {"detail": f"{entity.name}: {_clean(m.surface)}"}, why="rule:loan-funds"))
            if concluded:
                for p in dict.fromkeys(funders + recipients[:1]):
                    out.append(Relation(p, entity.name, "PARTY_TO", index, why="rule:loan-parties"))
        elif re.match(r"\s*between\b", text[_head_position(text, m):m.end].split(" ", 1)[-1]) and \
                len(parties_here) >= 2:
            for x in parties_here:  # "the 23rd agreement between Argentina and the Fund"
                out.append(Relation(x.entity, entity.name, "PARTY_TO", index, why="rule:agreement-between"))
        elif len(entity.parties) == 2 and any(_lender(ents, p) for p in entity.parties) and not PENDING.search(
                text[max(sentence.start, m.start - 60):m.start]) and not (
                m.anaphor or m.surface.lower() in ("program", "programme", "agreement", "deal")):
            # "the IMF program", "Argentina's Extended Fund Facility": a lender's program is in force
            for p in entity.parties:
                if p in ents.entities:
                    out.append(Relation(p, entity.name, "PARTY_TO", index, why="rule:lender-program"))
        elif possessive_agreement and parties_here:
            for x in parties_here:
                out.append(Relation(x.entity, entity.name, "PARTY_TO", index, why="rule:possessive-agreement"))
            owner = _subjects(ents, text, before, m.start, []) or [
                x.entity for x in mentions if x.possessive and x.end <= m.start and _label(ents, x) in ACTOR][:1]
            for o in owner[:1]:
                out.append(Relation(o, entity.name, "PARTY_TO", index, why="rule:possessive-agreement"))
    return out


PENDING = re.compile(r"\b(?:negotiat\w*|seek(?:s|ing)?|sought|request\w*|talks\s+(?:on|over|about|for)|"
                     r"asks?\s+for|asked\s+for|push(?:es|ing)?\s+for)\b", re.IGNORECASE)


def _lender(ents: ArticleEntities, name: str) -> bool:
    """Banks and funds lend: in 'a loan with the World Bank' the bank is the lender."""
    entity = ents.entities.get(name)
    if entity is None or entity.label != "Organization":
        return False
    words = entity.name.lower().split()
    if "central" in words:
        return False  # a central bank is the counterparty of a swap, not a lender
    return bool(set(words) & {"bank", "fund", "reserve", "treasury"})


def _bank_country(name: str) -> str | None:
    """"People's Bank of China" is China's side of a swap."""
    found = re.search(r"\bBank of (?:the )?([A-Z][\w ]+)$", name)
    known = knowledge().lookup(found.group(1)) if found else None
    return known.name if known and known.label == "Country" else None


def _head_position(text: str, m: Mention) -> int:
    """Where the head noun of an agreement phrase starts ('swap' in '$20 billion swap line with X')."""
    found = re.search(r"\b(?:swap|loan|bailout|rescue|credit|aid|assistance|package|agreement|deal)\b",
                      text[m.start:m.end], re.IGNORECASE)
    return m.start + found.start() if found else m.end


def _clean(surface: str) -> str:
    return re.sub(r"^[A-Z][\w.-]*(?: [A-Z][\w.-]*)*['’]s\s+", "", surface)


# --- quotations ------------------------------------------------------------------------------

def _quoted_stance(ents: ArticleEntities, by_sentence: dict[int, list[Mention]]) -> list[Relation]:
    """A speaker whose quoted words attack (praise) named actors criticizes (supports) them.

    The speaker is the person a speech verb attributes the paragraph's quotation to, before it
    ('X said: "..."') or after it ('"...," X said', '"...," said X'); a quoted sentence's stance
    comes from the cue words of data/relations.yaml, a cue right after a negation not counting."""
    out: list[Relation] = []
    text = ents.text
    lines: dict[int, list[int]] = {}
    for index, sentence in enumerate(ents.sentences):
        if sentence.kind == "body":
            lines.setdefault(sentence.line, []).append(index)
    for indices in lines.values():
        start, end = ents.sentences[indices[0]].start, ents.sentences[indices[-1]].end
        line = text[start:end]
        if "“" not in line and '"' not in line:
            continue
        speaker = _speaker(ents, by_sentence, indices, start, end)
        if speaker is None:
            continue
        home = ents.country_of(speaker)
        quoted = _quoted_spans(text, start, end)
        for index in indices:
            sentence = ents.sentences[index]
            chunk = text[sentence.start:sentence.end]
            stance = _stance(chunk)
            if stance is None:
                continue
            if not any(s <= sentence.start + 2 and sentence.end - 2 <= e or
                       (s >= sentence.start and e <= sentence.end and e - s > 20) for s, e in quoted):
                continue
            mentions = by_sentence.get(index, [])
            for m in mentions:
                label = _label(ents, m)
                if m.entity == speaker or label not in ("Person", "Country", "Agreement", "Organization"):
                    continue
                if (m.anaphor and not m.surface[:1] in "$0123456789U") or _modifier(ents, text, m, mentions):
                    continue
                if stance == "CRITICIZES" and label in ("Country", "Organization") and \
                        not re.search(r"\bcountry\b", chunk):
                    continue  # "a disgrace for the country": a body named in an attack is often its setting
                if stance == "SUPPORTS" and (label == "Organization" or m.entity == home):
                    continue  # praise of one's own country, or of a body named in passing, is no stance
                why = "rule:quoted-criticism" if stance == "CRITICIZES" else "rule:quoted-praise"
                out.append(Relation(speaker, m.entity, stance, index, why=why))
    return out


def _speaker(ents, by_sentence, indices, start: int, end: int) -> str | None:
    """The person a paragraph's quotation is attributed to, or None."""
    text = ents.text
    speaker = None
    for index in indices:
        for m in by_sentence.get(index, []):
            if _label(ents, m) != "Person" or m.anaphor:
                continue
            before = text[max(start, m.start - 60):m.start]
            after = text[m.end:min(end, m.end + 40)]
            if re.search(r"[”\"]\s*,?\s*" + SPEECH + r"\s+(?:\w+\s+){0,3}$", before) or \
                    re.match(r"\s*" + SPEECH + r"\b", after) and re.search(r"[”\"],?\s*(?:\w+\s+){0,4}$", before) or \
                    re.match(r"\s+(?:has\s+|had\s+|also\s+|then\s+)?" + SPEECH + r"(?:\s+\w+){0,3}?\s*(?:[,:]|\bthat)\s*[“\"]",
                             after):
                speaker = m.entity
    return speaker


def _stance(chunk: str) -> str | None:
    """CRITICIZES or SUPPORTS when a sentence's cue words lean one way, else None."""
    def count(cues: re.Pattern) -> int:
        return sum(1 for cue in cues.finditer(chunk) if not NEGATED_CUE.search(chunk, 0, cue.start()))
    negative, positive = count(NEGATIVE_CUES), count(POSITIVE_CUES)
    if negative > positive:
        return "CRITICIZES"
    if positive > negative:
        return "SUPPORTS"
    return None


NEGATED_CUE = re.compile(r"\b(?:not|no|never|n['’]t|hardly|less|least)\s+(?:\w+\s+)?(?:a\s+|an\s+|the\s+)?$",
                         re.IGNORECASE)


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, opened = [], None
    for i in range(start, end):
        ch = text[i]
        if ch == "“" or (ch == '"' and opened is None):
            opened = i
        elif ch in "”\"" and opened is not None:
            spans.append((opened, i + 1))
            opened = None
    if opened is not None:
        spans.append((opened, end))
    return spans


def _valid(ents: ArticleEntities, relations: list[Relation]) -> list[Relation]:
    seen, out = set(), []
    met = {(r.sentence, frozenset((r.source, r.target))) for r in relations if r.type == "MET_WITH"}
    for r in relations:
        if r.type == "NEGOTIATES" and (r.sentence, frozenset((r.source, r.target))) in met:
            continue  # "held talks with Petri": a meeting; negotiations have an agreement or a counterpart body
        if r.source == r.target:
            continue
        if r.type == "MET_WITH" and (_label_of(ents, r.source) == "Person") != (_label_of(ents, r.target) == "Person"):
            continue  # a person meets people; a government meets governments and bodies
        key = (r.source, r.type, r.target, r.sentence)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out
