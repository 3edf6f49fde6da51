"""Stance in shapes the trigger table cannot place (ext-stance2).

``fronted_stance``: 'With the backing of X, Y ...', 'Backed by X, Y ...', 'Criticised by X, Y
...' — the actor after the comma receives X's stance. ``camp_and_prefix``: 'firmly in X's
camp', 'in the X camp', 'a pro-X governor', 'an anti-X senator' — the holder is the actor the
phrase describes. ``shared_stance``: 'X backed Y, and so did Z', 'X criticised Y, as has Z' — Z holds the stance
the sentence gave X. ``stance_doubted`` is the stance-only precision check the trigger rule runs
after ``negated``: avoided, expected, alleged, lost support, denied claims.
"""

from __future__ import annotations

import re

from ..lexicon import fold, knowledge
from ..patterns import guarded
from .base import ACTOR, SPEECH, WORDS, Relation, SentenceView, mention_label
from .clauses import find_subjects, is_question, negated

STANCE_HEDGES = WORDS.get("stance_hedges", frozenset())
SUPPORT_CANCELS = WORDS.get("support_cancels", frozenset())
# "rejected claims that he backs X", "denied reports of ...": what follows is someone else's claim
DENIED_CLAIM = guarded(re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|disput(?:e|es|ed|ing)|"
                                  r"refut(?:e|es|ed|ing)|rebut(?:s|ted|ting)?)\s+(?:the\s+|any\s+|all\s+|such\s+)?(?:\w+\s+)?"
                                  r"(?:claims?|reports?|suggestions?|allegations?|accusations?|rumou?rs?|speculation|charges?|"
                                  r"talk|notion|idea)\s+(?:that|of)\b[^;.]*$", re.IGNORECASE))


_WORD_RUNS = re.compile(r"[\w']+")  # the words of a window (compiled once: read per trigger match)


def stance_doubted(text: str, base: int, a: int, rel_type: str) -> bool:
    """A stance trigger at ``a`` that is avoided, expected, alleged, withdrawn or denied by its
    own sentence ('avoided criticising', 'is expected to endorse', 'was accused of backing',
    'lost confidence in', 'rejected claims that he supports')."""
    window = text[max(base, a - 40):a].lower().replace("’", "'")
    words = _WORD_RUNS.findall(window)
    if LITOTES.search(text, max(base, a - 60), a):
        return False  # "has not hidden his sympathy for": stated
    if set(words[-5:]) & STANCE_HEDGES:
        return True
    if rel_type == "CRITICIZES" and CALLED_OFF.search(window):
        return True  # ext-stance3: "called off its strike against X", "suspended their campaign against X"
    if "chance" in words or "opportunity" in words or "occasion" in words:
        if MISSED.search(text, max(base, a - 60), a):
            return True  # ext-stance3: "missed a chance to praise X" (not "rarely missed": LITOTES above)
    if rel_type == "SUPPORTS" and set(words[-3:]) & SUPPORT_CANCELS:
        return True
    if "that" in text[max(base, a - 90):a] and DENIED_CLAIM.search(text, max(base, a - 90), a):
        return True
    if " of " in window and re.search(r"\b(?:accus|alleg|suspect)\w*\b[^,;.]{0,40}\bof\s+(?:\w+\s+)?$", window):
        return True
    # "unclear whether Treasury Secretary X backs Y" (a long name pushes the hedge out of the window)
    # and "would attack Y only if ...": a condition
    return bool(ASKED.search(text, max(base, a - 100), a)) or "would" in words[-5:] and bool(
        CONDITION.match(text, a, min(len(text), a + 120)))


# "... a chance to (openly) praise X": what MISSED and LITOTES end with
_CHANCE_TO = r"(?:chance|opportunity|occasion)\s+to\s+(?:\w+ly\s+)?$"
# a negation that asserts: "made no secret of his admiration for X", "has not hidden her sympathy for X"
LITOTES = guarded(re.compile(r"\b(?:(?:made|makes|making)\s+no\s+secret\s+of|(?:has|have|had|did|does)\s*(?:not|n['’]t)\s+"
                             r"(?:hidden|hide|concealed|conceal|disguised|disguise)|never\s+(?:hid|hidden|concealed|disguised))"
                             r"\s+(?:his|her|its|their|the)\s+(?:\w+\s+)?$"
                             # ext-stance3: "has rarely missed a chance to praise X", "never misses an opportunity to attack X"
                             r"|\b(?:rarely|seldom|never|not|n['’]t)\s+(?:once\s+)?(?:miss(?:es|ed|ing)?|passe[sd]\s+up|lets?\s+slip)\s+"
                             r"(?:a|an|the|any)\s+(?:single\s+)?" + _CHANCE_TO, re.IGNORECASE))
CALLED_OFF = guarded(re.compile(r"\b(?:called\s+off|cancel+ed|cancels|suspended|suspends|postponed|postpones|abandoned|abandons|"
                                r"dropped|drops|lifted|ended|ends|shelved)\s+(?:its|their|his|her|the|a|an|plans\s+for\s+(?:a|an|the))"
                                r"\s+(?:[a-z][\w-]*\s+){0,2}$"))
MISSED = guarded(re.compile(r"\b(?:miss(?:es|ed|ing)?|passe[sd]\s+up|lost|squandered|wasted)\s+(?:a|an|the|its|his|her|their)\s+"
                            r"(?:\w+\s+)?" + _CHANCE_TO, re.IGNORECASE))
ASKED = guarded(re.compile(r"\b(?:whether|[Ii]f)\b[^,;.:]*$"))
CONDITION = re.compile(r"[^,;.]*\b(?:if|unless|provided)\b")


# "With the backing of X, Y ...", "Backed by X, Y", "Criticised by X, Y", "Under fire from X, Y"
FRONTED = re.compile(  # (no "^": match() anchors at the sentence start, "^" only at the text's)
    r"\s*(?:(?P<with>With|Armed\s+with|Buoyed\s+by|Emboldened\s+by|Encouraged\s+by|Assured\s+of)\s+(?:the\s+|his\s+|her\s+)?"
    r"(?:(?:full|strong|firm|explicit|public|unconditional|enthusiastic|personal|open|crucial|key|vocal|political|"
    r"continued|unwavering)\s+)*(?:support|backing|endorsement|blessing|approval)\s+(?:of|from)\s+"
    r"|(?P<pos>Backed|Supported|Endorsed|Championed|Praised|Hailed|Defended)\s+(?:\w+ly\s+)?by\s+"
    r"|(?P<neg>Criti[cs]i[sz]ed|Attacked|Condemned|Blasted|Slammed|Lambasted|Denounced|Mocked|Derided|Rebuked|"
    r"Accused)\s+(?:\w+ly\s+)?by\s+|(?P<fire>Under\s+(?:heavy\s+|growing\s+|mounting\s+)?(?:fire|attack)\s+from)\s+)")


def stance_shapes(s: SentenceView) -> list[Relation]:
    """The fronted, camp and prefix shapes in one rule (one call per sentence, each behind its gate)."""
    if s.tokens and s.tokens[0].lower in FRONT_FIRST:
        return fronted_stance(s) + camp_and_prefix(s)
    if s.words.isdisjoint(CAMP_WORDS):
        low = s.lowered  # (made once per sentence; a "ro-" of the text is one of the lowered text too)
        if "ro-" not in low and "nti-" not in low:
            return []  # no camp word and no "pro-"/"anti-": the common case, two set and substring tests
    return camp_and_prefix(s)


def fronted_stance(s: SentenceView) -> list[Relation]:
    """'With the backing of Trump, Milei pushed on': Trump SUPPORTS Milei; 'Criticised by
    Kicillof, Milei replied': Kicillof CRITICIZES Milei."""
    if not s.tokens or s.tokens[0].lower not in FRONT_FIRST:
        return []  # a set test on the first word: the pattern runs on few sentences
    text, sentence = s.text, s.sentence
    match = FRONTED.match(text, sentence.start, sentence.end)
    if not match:
        return []
    comma = text.find(",", match.end(), sentence.end)
    if comma < 0 or is_question(text[sentence.start:sentence.end]):
        return []
    actors = [m for m in s.mentions if mention_label(s.ents, m) in ACTOR]
    agents = [m for m in actors if match.end() <= m.start and m.end <= comma and not m.possessive][:1]
    holder = [m for m in actors if m.start > comma and not m.possessive and re.fullmatch(
        r",\s+(?:(?:the\s+)?[A-Za-z][\w.’'-]*\s+){0,4}", text[comma:m.start])][:1]
    if not agents or not holder or agents[0].entity == holder[0].entity:
        return []
    stance = "CRITICIZES" if match.group("neg") or match.group("fire") else "SUPPORTS"
    return [Relation(agents[0].entity, holder[0].entity, stance, s.index, why="rule:fronted-stance")]


FRONT_FIRST = frozenset({"with", "armed", "buoyed", "emboldened", "encouraged", "assured", "backed", "supported",
                         "endorsed", "championed", "praised", "hailed", "defended", "criticised", "criticized",
                         "attacked", "condemned", "blasted", "slammed", "lambasted", "denounced", "mocked", "derided",
                         "rebuked", "accused", "under"})
CAMP_WORDS = frozenset({"camp", "corner"})
# "in Milei's camp", "in the Milei camp", "firmly in the president's corner"
CAMP_AFTER = re.compile(r"(?:['’]s)?\s+(?P<noun>camp|corner)\b")  # ("X's side" is a country metonym to the entity passes)
CAMP_BEFORE = re.compile(r"\bin\s+(?:the\s+)?(?:(?-i:[A-Z])[\w.-]*\s+){0,3}$", re.IGNORECASE)
# "pro-Milei", "anti-American": a name or demonym after the prefix
PREFIXED = guarded(re.compile(r"\b(?P<prefix>pro|anti)-(?P<name>(?-i:[A-Z])[\w’']+)", re.IGNORECASE))


def camp_and_prefix(s: SentenceView) -> list[Relation]:
    """'X is firmly in Milei's camp', 'X, a pro-Trump senator,', 'the anti-Milei governor X':
    SUPPORTS (CRITICIZES) from the actor the phrase describes to the one it names."""
    out: list[Relation] = []
    text, sentence = s.text, s.sentence
    chunk = text[sentence.start:sentence.end]
    camp = not s.words.isdisjoint(CAMP_WORDS)
    prefixed = "pro-" in chunk or "anti-" in chunk or "Pro-" in chunk or "Anti-" in chunk
    if not (camp or prefixed) or is_question(chunk):
        return out
    actors = [m for m in s.mentions if mention_label(s.ents, m) in ACTOR]
    if camp:
        for m in actors:
            after = CAMP_AFTER.match(text, m.end, sentence.end)
            before = CAMP_BEFORE.search(text, max(sentence.start, m.start - 40), m.start) if after else None
            if not before or negated(text, sentence.start, before.start(), "SUPPORTS"):
                continue
            left = [x for x in actors if x.end <= before.start()]
            for holder in find_subjects(s.ents, text, left, before.start(), [], fallback_possessive=False):
                if holder != m.entity:
                    out.append(Relation(holder, m.entity, "SUPPORTS", s.index, why="rule:camp-or-prefix"))
    if prefixed:
        for match in PREFIXED.finditer(text, sentence.start, sentence.end):
            target = _named(s, match.group("name"))
            if target is None or negated(text, sentence.start, match.start(), "SUPPORTS"):
                continue
            stance = "SUPPORTS" if match.group("prefix").lower() == "pro" else "CRITICIZES"
            holder = _described(s, actors, match.start(), match.end())
            if holder and holder != target:
                out.append(Relation(holder, target, stance, s.index, why="rule:camp-or-prefix"))
    return out


def _named(s: SentenceView, word: str) -> str | None:
    """The article's actor a bare name, surname, acronym or demonym stands for ('Trump',
    'IMF', 'American'); None when none or several fit."""
    key = fold(word)
    found = {e.name for e in s.ents.entities.values() if e.label in ACTOR and (
        fold(e.name) == key or fold(e.name.split()[-1]) == key or any(fold(a) == key for a in e.aliases))}
    if not found:
        country = knowledge().demonyms.get(key)
        found = {country} if country and country in s.ents.entities else set()
    return found.pop() if len(found) == 1 else None


def _described(s: SentenceView, actors, start: int, end: int) -> str | None:
    """Who 'pro-X ...' describes: a name right after its noun ('pro-Milei Governor Alfredo
    Cornejo', 'the anti-Milei governor, Axel Kicillof'), the actor before an appositive
    (', a pro-Trump senator,') or the subject of 'is a pro-Trump leader'."""
    text = s.text
    after = next((m for m in actors if m.start >= end and re.fullmatch(
        r"\s+(?:(?:[A-Z][\w-]*|of|the)\s+){0,4}|\s+[a-z][\w-]*,\s+(?:[A-Z][\w.-]*\s+){0,3}", text[end:m.start])), None)
    if after is not None and not after.possessive and not re.match(r"\s+(?:and|or|to|of|in|with)\b", text[end:end + 6]):
        return after.entity
    lead = re.search(r"(?P<comma>,\s+)?(?:(?P<verb>\b(?:is|was|are|were|remains|remained|became|has\s+been|as)\s+))?"
                     r"(?:a|an|the)\s+(?:[a-z]+\s+){0,2}$", text[max(s.sentence.start, start - 40):start])
    if lead is None:
        return None
    at = start - len(text[max(s.sentence.start, start - 40):start]) + lead.start()
    before = [m for m in actors if m.end <= at and not m.possessive]
    if before and re.fullmatch(r"\s*(?:\w+ly\s+)?", text[before[-1].end:at]) and (lead.group("comma") or lead.group("verb")):
        return before[-1].entity
    return None


STANCE = ("SUPPORTS", "CRITICIZES", "ALLIED_WITH")
# ", and so has Representative X", ", as did Senator Y", "; so does Z"
SO_DID = guarded(re.compile(r"(?:,\s*(?:and\s+)?|;\s*|\band\s+)(?:so|as)\s+(?:has|have|had|did|does|do|is|are|was|were|would)\s+"))
# ext-stance3: "X's support for Y is shared by Z", "X's criticism of Y was echoed by Z": Z holds it too
SHARED_BY = guarded(re.compile(r"\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:(?:also|widely|largely|fully|broadly)\s+)?"
                               r"(?:shared|echoed)\s+by\s+"))


# "Argentina joined the United States in condemning X", "Milei echoed Trump's criticism of X": the
# subject shares the stance the sentence gives the one joined or echoed
JOINED_IN = re.compile(r"\b(?:join(?:ed|s|ing)?|echo(?:ed|es|ing))\s+(?:the\s+)?(?P<names>(?:[A-Z][\w.-]*\s+){0,4}[A-Z][\w.-]*)"
                       r"(?:\s+in\s+\w+ing\b|['’]s?\s+(?:\w+\s+)?(?:criticism|condemnation|praise|support|backing|call|calls|"
                       r"attacks?|warnings?|defen[cs]e|endorsement)\b)")
SHARED_WORDS = frozenset({"so", "as", "joined", "join", "joins", "joining", "echoed", "echo", "echoes", "echoing",
                          "shared"})


def shared_stance(s: SentenceView, found: list[Relation]) -> list[Relation]:
    """'X has been a supporter of Y, and so has Z': Z takes every stance the sentence's rules
    read before the phrase, towards the same target; 'Z joined X in condemning Y', 'Z echoed X's
    criticism of Y': Z takes X's stance."""
    stances = [r for r in found if r.type in STANCE]
    if not stances or s.words.isdisjoint(SHARED_WORDS):
        return []
    text, sentence = s.text, s.sentence
    out: list[Relation] = []
    for match in JOINED_IN.finditer(text, sentence.start, sentence.end):
        if negated(text, sentence.start, match.start()):
            continue
        joined = {m.entity for m in s.mentions if match.start("names") <= m.start < match.end("names")}
        left = [m for m in s.mentions if m.end <= match.start() and mention_label(s.ents, m) in ACTOR]
        for holder in find_subjects(s.ents, text, left, match.start(), [], fallback_possessive=False):
            for r in stances:
                if r.source in joined and holder not in (r.source, r.target):
                    out.append(Relation(holder, r.target, r.type, s.index, dict(r.props), why="rule:shared-stance"))
    if "by" in s.words:
        for match in SHARED_BY.finditer(text, sentence.start, sentence.end):
            if negated(text, sentence.start, match.start()) or is_question(text[sentence.start:sentence.end]):
                continue
            agents = [m for m in s.mentions if m.start >= match.end() and mention_label(s.ents, m) in ACTOR]
            if not agents or agents[0].possessive or not re.fullmatch(
                    r"(?:(?:the|much\s+of\s+the|many\s+in\s+the|[A-Z][\w.’'-]*)\s+){0,4}", text[match.end():agents[0].start]):
                continue
            for holder in coordinated(s.ents, text, agents, agents[0]):
                for r in stances:
                    if r.sentence == s.index and holder.entity not in (r.source, r.target):
                        out.append(Relation(holder.entity, r.target, r.type, s.index, dict(r.props), why="rule:shared-stance"))
    for match in SO_DID.finditer(text, sentence.start, sentence.end):
        holder = next((m for m in s.mentions if m.start >= match.end() and re.fullmatch(
            r"(?:(?:the|[A-Z][\w.’'-]*)\s+){0,4}", text[match.end():m.start])), None)
        if holder is None or holder.possessive or mention_label(s.ents, holder) not in ACTOR:
            continue
        before = {m.entity for m in s.mentions if m.end <= match.start()}
        for r in stances:
            if r.source in before and r.target in before and holder.entity not in (r.source, r.target):
                out.append(Relation(holder.entity, r.target, r.type, s.index, dict(r.props), why="rule:shared-stance"))
    return out


# '"I support X," Y said': a first-person subject inside a quotation is its speaker
FIRST_PERSON = re.compile(r"[“\"]\s*(?:[^”\"]*?[,;]\s+)?(?:I|[Ww]e)\s+(?:[a-z]+\s+){0,3}$")
QUOTE_AFTER = re.compile(r"[”\"]\s*,?\s*(?:" + SPEECH + r"\s+)?(?:(?:the\s+)?[A-Z][\w.’'-]*\s+){0,4}$")
QUOTE_BEFORE = re.compile(r"\s*(?:" + SPEECH + r")\b[^“\"]{0,30}?[:,]?\s*[“\"]")


def quote_speaker(ents, text: str, sentence, actors) -> list[str]:
    """The speaker of a quotation in the sentence: '"...," Senator X said', '"...," said X',
    'X said: "..."'; [] when none is named in the sentence."""
    for m in actors:
        if m.possessive or mention_label(ents, m) not in ACTOR:
            continue
        if QUOTE_AFTER.search(text, max(sentence.start, m.start - 60), m.start) and (
                re.match(r"\s+" + SPEECH + r"\b", text[m.end:m.end + 20]) or
                re.search(r"[”\"]\s*,?\s*" + SPEECH + r"\s+(?:(?:the\s+)?[A-Z][\w.’'-]*\s+){0,4}$",
                          text[max(sentence.start, m.start - 60):m.start])):
            return [m.entity]
        if QUOTE_BEFORE.match(text, m.end, sentence.end):
            return [m.entity]
    return []


def coordinated(ents, text: str, right, first) -> list:
    """'by X and Y', 'by X, Y and Z': the first agent and those coordinated with it."""
    chosen, prev = [first], first
    for m in right:
        if m.start <= prev.start:
            continue
        if mention_label(ents, m) in ACTOR and not m.possessive and re.fullmatch(
                r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}", text[prev.end:m.start]):
            chosen.append(m)
            prev = m
        else:
            break
    return chosen


# ext-stance3: "the support of President X for Y", "the firm backing of the United States for Argentina":
# the actor after "of" holds the stance, the one after "for" receives it
SUPPORT_OF_FOR = re.compile(r"\b(?:support|backing|endorsement|admiration|sympathy|enthusiasm)\s+of\s+(?P<agent>(?:the\s+)?"
                            r"(?:[A-Z][\w.’'-]*\s+){0,5}?[A-Z][\w.’'-]*)\s+(?:for|to(?:wards?)?)\s+(?P<target>)")
NOUN_OF_WORDS = frozenset({"support", "backing", "endorsement", "admiration", "sympathy", "enthusiasm"})
NOUN_FOR_WORDS = frozenset({"for", "to", "toward", "towards"})


def support_of_for(s: SentenceView) -> list[Relation]:
    """'noted the support of President Trump for President Milei': Trump SUPPORTS Milei (a noun
    whose holder and object are both named after it); none when doubted ('... is not guaranteed')."""
    words = s.words
    if words.isdisjoint(NOUN_OF_WORDS) or "of" not in words or words.isdisjoint(NOUN_FOR_WORDS):
        return []
    from .triggers import ENDED_AFTER, UNSURE_AFTER  # (triggers imports this module)
    text, sentence = s.text, s.sentence
    out: list[Relation] = []
    for match in SUPPORT_OF_FOR.finditer(text, sentence.start, sentence.end):
        if negated(text, sentence.start, match.start(), "SUPPORTS") or \
                stance_doubted(text, sentence.start, match.start(), "SUPPORTS") or is_question(text[sentence.start:sentence.end]):
            continue
        agent = _inside(s, match.start("agent"), match.end("agent"))
        target = next((m for m in s.mentions if m.start >= match.end() and not m.possessive and
                       mention_label(s.ents, m) in STANCE_TARGETS and
                       TITLES_ONLY.fullmatch(text, match.end(), m.start)), None)
        end, receiver = (target.end, target.entity) if target else (None, None)
        if target is None:
            # "the support of X for the Argentine economic program": a country's programme is the country's
            owned = DEMONYM_THING.match(text, match.end(), sentence.end)
            country = knowledge().demonyms.get(fold(owned.group("demonym"))) if owned else None
            end, receiver = (owned.end(), country) if country in s.ents.entities else (None, None)
        if agent and receiver and agent != receiver and not UNSURE_AFTER.match(text, end, sentence.end) and \
                not ENDED_AFTER.match(text, end, sentence.end):
            out.append(Relation(agent, receiver, "SUPPORTS", s.index, why="rule:support-of-for"))
    return out


STANCE_TARGETS = frozenset({"Person", "Organization", "Country", "Agreement"})
DEMONYM_THING = re.compile(r"(?:the\s+|its\s+)?(?P<demonym>[A-Z][a-z]+)\s+(?:[a-z]+\s+){0,2}(?:program|programme|"
                           r"reforms?|economy|government|people|plan|agenda|recovery|stabili[sz]ation)\b")
TITLES_ONLY = re.compile(r"(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}")


def _inside(s: SentenceView, start: int, end: int, targets=frozenset(ACTOR)) -> str | None:
    """The one actor whose mention ends a name phrase (titles before it): None when none or possessed."""
    found = [m for m in s.mentions if start <= m.start and m.end == end and not m.possessive]
    return found[0].entity if found and mention_label(s.ents, found[0]) in targets else None


# ext-stance3: "criticism of President X from Governor Y", "support for X from Y": Y holds the stance
NOUN_FROM = guarded(re.compile(r"\b(?P<noun>[Cc]riticism|[Oo]pposition|[Rr]esistance|[Hh]ostility|[Aa]ttacks?|[Cc]ondemnation|"
                               r"[Ss]upport|[Bb]acking|[Pp]raise|[Ee]ndorsement)\s+(?:of|for|to|against)\s+"))
FROM_NOUNS = frozenset({"criticism", "opposition", "resistance", "hostility", "attack", "attacks", "condemnation",
                        "support", "backing", "praise", "endorsement"})
NEGATIVE_NOUNS = frozenset({"criticism", "opposition", "resistance", "hostility", "attack", "attacks", "condemnation"})


def noun_from(s: SentenceView) -> list[Relation]:
    """'Criticism of President Milei from Governor Kicillof grew': Kicillof CRITICIZES Milei;
    'support for X from Y': Y SUPPORTS X; none when negated, doubted or over."""
    words = s.words
    if "from" not in words or words.isdisjoint(FROM_NOUNS):
        return []
    from .triggers import ENDED_AFTER, UNSURE_AFTER  # (triggers imports this module)
    text, sentence = s.text, s.sentence
    if is_question(text[sentence.start:sentence.end]):
        return []
    out: list[Relation] = []
    actors = [m for m in s.mentions if not m.possessive]
    for match in NOUN_FROM.finditer(text, sentence.start, sentence.end):
        stance = "CRITICIZES" if match.group("noun").lower() in NEGATIVE_NOUNS else "SUPPORTS"
        if negated(text, sentence.start, match.start(), stance) or stance_doubted(text, sentence.start, match.start(), stance):
            continue
        target = next((m for m in actors if m.start >= match.end() and mention_label(s.ents, m) in STANCE_TARGETS
                       and TITLES_ONLY.fullmatch(text, match.end(), m.start)), None)
        if target is None:
            continue
        holder = next((m for m in actors if m.start > target.end and mention_label(s.ents, m) in ACTOR and
                       FROM_AFTER.fullmatch(text, target.end, m.start)), None)
        if holder is None or holder.entity == target.entity or UNSURE_AFTER.match(text, holder.end, sentence.end) or \
                ENDED_AFTER.match(text, holder.end, sentence.end):
            continue
        out.append(Relation(holder.entity, target.entity, stance, s.index, why="rule:noun-from"))
    return out


FROM_AFTER = re.compile(r"\s+from\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}")


# ext-stance3: "Trump's endorsement of Milei drew criticism": the act criticised is Trump's, not Milei's
ACT_OF = re.compile(r"['’]s?\s+(?:[a-z][\w-]*\s+){1,3}(?:of|for|to|towards?|with|on)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}")


def act_owner(text: str, left, target) -> str | None:
    """The possessor whose act names ``target`` ('Trump's endorsement of Milei', 'Bessent's
    support for Argentina'): the one a received or passive stance is about; None when none."""
    for m in reversed(left):
        if m.end <= target.start and m.possessive and m.entity != target.entity:
            return m.entity if ACT_OF.fullmatch(text, m.end, target.start) else None
    return None
