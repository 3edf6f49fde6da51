"""Stance in reported speech and in nominal shapes the trigger table cannot place.

``reported_speech``: 'X said (that) Y was a disaster', 'Y is a disaster, X said' — the
speaker's stance on the actor the reported claim is about, its polarity from the cue words
of data/relations.yaml, dropped when the claim is negated, hedged or asked.
``stance_groups``: 'Milei's critics, including Kicillof', 'a fierce critic of Milei, Kicillof
...', 'Milei drew praise from Kaine' — the group word or the received noun names who stands
where.
"""

from __future__ import annotations

import re

from ..patterns import guarded
from .base import (ACTOR, HEDGES, NEGATIONS, NEGATIVE_CUES, POSITIVE_CUES, SPEECH, SPEECH_VERBS, WORDS, entity_label,
                   mention_label, Relation, SentenceView)
from .clauses import is_locative, is_modifier, is_question, negated
from .quotes import CUE_STEMS, may_hold_cue  # the longest word of every cue, found by one automaton (quotes.py)
from .stance import act_owner, coordinated  # ext-stance3

# "said", "told reporters", "said on Monday in Washington": the verb and what may follow it
# before the reported clause; "that" opens it when present
SPEECH_AFTER = re.compile(r"(?:,\s+(?:the|a|an|[A-Z][\w.’'-]*)\b[^,;“\"]{1,60},"  # ", Milei's main rival,"
                          r"|,\s+who\s[^,;“\"]{1,90},)?"  # ext-stance2: ", who sits on the Banking Committee,"
                          r"\s*,?\s+(?:has\s+|had\s+|also\s+|later\s+|then\s+|again\s+)?" + SPEECH +
                          r"\b(?:\s+(?:reporters|journalists|lawmakers|legislators|colleagues|supporters|"
                          r"an?\s+\w+|the\s+press|on\s+\w+|in\s+\w+|at\s+\w+|last\s+\w+|this\s+\w+|"
                          r"earlier|later|repeatedly|publicly|recently|again)){0,3}(?:\s+that)?\s+(?=\S)")
# ', X said.' / ', said X.' closing a sentence: the claim is what comes before the comma
# the verbs that close a sentence after its claim
TRAILING_SPEECH = r"(?:said|says|added|argued|warned|insisted|noted|claimed|wrote)"
TRAIL_BEFORE = re.compile(r"[,;]\s+(?:" + TRAILING_SPEECH + r"\s+)?"
                          r"(?:(?:the|a|an|former|[A-Z][\w.’'-]*|[a-z]+['’]s)\s+){0,4}$")
TRAIL_AFTER = re.compile(r"(?:\s+" + TRAILING_SPEECH + r"\b)?"
                         r"(?:\s+(?:on|in|at|last|this)\s+\w+)?\s*[.!]?[”\"]?\s*$")


THAT = re.compile(r"(?:(?:[A-Z][\w.’'-]*|the|a|an|on|in|at|last|this|to|reporters|journalists|lawmakers|"
                  r"colleagues|supporters|[a-z]+day)\s+){1,6}?that\s+")  # "told Reuters that", "told Senator X that"
TRAIL_VERB = guarded(re.compile(r"\b" + TRAILING_SPEECH + r"\b"))
HEDGED = NEGATIONS | HEDGES | {"would", "should", "asked", "whether", "question", "denied", "deny"}


def reported_speech(s: SentenceView) -> list[Relation]:
    """A speaker's reported words that attack (praise) an actor: CRITICIZES (SUPPORTS) it."""
    if s.words.isdisjoint(SPEECH_VERBS):
        return []  # no speech verb: nothing reported (a set test; the cue patterns are long)
    if next(CUE_STEMS.iter(s.lowered), None) is None or not may_hold_cue(s.lowered):
        # no cue word's stem (as it was: "ſ", "ı", "İ" not read for one), or none standing as a
        # word, where no cue pattern can match: the sentence is sliced only when it may hold a cue
        return []
    text, sentence = s.text, s.sentence
    chunk = text[sentence.start:sentence.end]
    if is_question(chunk) or not (NEGATIVE_CUES.search(chunk) or POSITIVE_CUES.search(chunk)):
        return []
    actors = [m for m in s.mentions if mention_label(s.ents, m) is not None]
    verbs = [t.start for t in s.tokens if t.lower in SPEECH_VERBS]
    out: list[Relation] = []
    for k, m in enumerate(actors):
        if m.possessive or mention_label(s.ents, m) not in ACTOR:
            continue
        if m.anaphor and m.surface.lower() not in ("he", "she"):
            continue
        if not any(m.start - 40 <= v <= m.end + 100 for v in verbs):
            continue  # no speech verb near enough to make this actor a speaker
        claims = []
        after = SPEECH_AFTER.match(text, m.end, sentence.end)
        if after and not negated(text, sentence.start, after.start() + 1) and not _inside_clause(text, sentence.start, m):
            that = THAT.match(text, after.end(), sentence.end)
            if that:  # "told Reuters that ...", "told Senator Kaine that ...": the claim follows "that"
                claims.append((that.end(), sentence.end))
            elif not re.search(r"\b(?:told|tells|asked|asks)\s*$", text[after.start():after.end()]):
                claims.append((after.end(), sentence.end))  # "told X" with no "that": X is the listener
        if mention_label(s.ents, m) == "Person" and not m.anaphor and TRAIL_AFTER.match(text, m.end, sentence.end):
            cut = TRAIL_BEFORE.search(text, max(sentence.start, m.start - 80), m.start)
            if cut and TRAIL_VERB.search(text, cut.start(), sentence.end):
                claims.append((sentence.start, cut.start()))
        stance, claim = None, None
        for claim in claims:
            stance = _claim_stance(text[claim[0]:claim[1]])
            if stance:
                break
        if stance is None:
            continue
        targets = _claim_subjects(s, actors, claim, m.entity)
        home = s.ents.country_of(m.entity)
        if stance == "SUPPORTS" and home in targets:
            continue  # praise of one's own country, or of its ties ("China and Argentina were good friends")
        for target in targets:
            out.append(Relation(m.entity, target, stance, s.index, why="rule:reported-speech"))
    return out


def _inside_clause(text: str, start: int, m) -> bool:
    """'... a remark that X said ...', 'which X said': the speaker of a subordinate clause."""
    return bool(re.search(r"\b(?:that|which|who|whom|if|whether|when)\s+(?:\w+\s+){0,4}$", text[max(start, m.start - 40):m.start]))


def _claim_stance(claim: str) -> str | None:
    """The claim's polarity from its cue words; None when it is mixed, negated or hedged."""
    found = []
    for cues, stance in ((NEGATIVE_CUES, "CRITICIZES"), (POSITIVE_CUES, "SUPPORTS")):
        for cue in cues.finditer(claim):
            before = re.findall(r"[\w'’]+", claim[:cue.start()].lower().replace("’", "'"))
            if set(before[-8:]) & HEDGED or any(w.endswith("n't") for w in before[-8:]):
                return None  # "X said Y was not a disaster", "might be a mistake"
            found.append(stance)
    kinds = set(found)
    return kinds.pop() if len(kinds) == 1 else None


def _claim_subjects(s: SentenceView, actors, claim: tuple[int, int], speaker: str) -> list[str]:
    """What the reported claim is about: its first actor (a possessor too: "Argentina's
    currency policy was a risk") and any coordinated with it."""
    text = s.text
    inside = [m for m in actors if claim[0] <= m.start and m.end <= claim[1] and m.entity != speaker
              and mention_label(s.ents, m) in ("Person", "Organization", "Country", "Agreement")
              and not is_locative(text, m, claim[0]) and not (m.anaphor and m.surface.lower() in ("he", "she"))]
    inside = [m for m in inside if m.possessive or not is_modifier(s.ents, text, m, s.mentions)]
    if not inside:
        return []
    first = inside[0]
    if not re.fullmatch(r"\s*(?:the\s+|a\s+|an\s+)?(?:(?!that\b|which\b|who\b)[A-Za-z][\w.-]*\s+){0,3}",
                        text[claim[0]:first.start]):
        return []  # the claim's subject is no actor ("the economy was at risk from X")
    chosen = [first.entity]
    for m in inside[1:]:
        if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,3}", text[first.end:m.start]):
            chosen.append(m.entity)
            first = m
        else:
            break
    return [c for c in dict.fromkeys(chosen) if entity_label(s.ents, c)]


CRITIC_NOUNS = "|".join(sorted(WORDS["critic_nouns"]))
SUPPORTER_NOUNS = "|".join(sorted(WORDS["supporter_nouns"]))
# "Milei's critics, including Governor Kicillof"; "critics of the swap such as Senator Warren"
GROUP = guarded(re.compile(r"\b(?P<noun>" + CRITIC_NOUNS + "|" + SUPPORTER_NOUNS + r")\b(?P<of>\s+of\s+[^,;]{2,60}?)?"
                           r",?\s+(?:including|among\s+them|such\s+as|like|notably)\s+", re.IGNORECASE))
# "Governors allied with the government, including Mendoza's Alfredo Cornejo": a group described
# by its stance, then its members
GROUP_STANCE = re.compile(r"\b(?:governors|lawmakers|legislators|senators|deputies|leaders|parties|countries|"
                          r"governments|officials|politicians|groups|unions|factions|members|figures|blocs|states|"
                          r"nations|provinces|mayors|ministers|economists|analysts|investors|companies|those|others)"
                          r"\s+(?P<stance>allied\s+with|close\s+to|loyal\s+to|aligned\s+with|opposed\s+to|critical\s+of|"
                          r"hostile\s+to|sympathetic\s+to)\s+(?P<object>[^,;]{2,60}?),?\s+(?:including|among\s+them|"
                          r"such\s+as|notably)\s+", re.IGNORECASE)
GROUP_STANCE_TYPES = {"allied": "ALLIED_WITH", "close": "ALLIED_WITH", "loyal": "SUPPORTS", "aligned": "ALLIED_WITH",
                      "opposed": "CRITICIZES", "critical": "CRITICIZES", "hostile": "CRITICIZES",
                      "sympathetic": "SUPPORTS"}
# "A fierce critic of President Milei, Governor Kicillof said ...": a fronted description
FRONTED = re.compile(r"\s*(?:An?|The)\s+(?:[a-z-]+\s+){0,2}(?P<noun>critic|opponent|detractor|foe|supporter|ally|"
                     r"backer|defender|champion|admirer)\s+of\s+", re.IGNORECASE)
# "Milei drew praise from Kaine", "faced criticism from", "won the backing of"
RECEIVED = guarded(re.compile(r"\b(?:drew|draws|drawn|drawing|won|wins|earned|earns|received|receives|got|gets|faced|faces|"
                      r"facing|enjoys|enjoyed|has|had)\s+(?:(?:the|strong|sharp|fierce|growing|mounting|harsh|"
                      r"broad|full|public|warm|high|bipartisan|open|firm|lavish|fresh|new|renewed|some|much|a|an|unconditional|unwavering|"
                      r"total|complete|solid|explicit|tacit|quiet|personal|steadfast|ringing|enthusiastic)\s+){0,2}"
                      r"(?P<noun>praise|plaudits|support|backing|endorsement|blessing|approval|confidence|trust|faith|criticism|"
                      r"condemnation|attacks?|fire|rebukes?|opposition|resistance|scorn|ridicule)\s+(?:from|of)\s+",
                      re.IGNORECASE))
CRITICAL = set(WORDS["critic_nouns"]) | {"critic", "opponent", "detractor", "foe", "criticism", "condemnation",
                                         "attack", "attacks", "fire", "rebuke", "rebukes", "opposition",
                                         "resistance", "scorn", "ridicule"}
ALLIED = {"ally", "allies"}


def stance_groups(s: SentenceView) -> list[Relation]:
    """'X's critics, including Y', 'a critic of X, Y ...', 'X drew praise from Y'."""
    words = s.words
    listed = not words.isdisjoint(LIST_WORDS)
    group = listed and not words.isdisjoint(GROUP_WORDS)
    fronted = FRONTED.match(s.text, s.sentence.start, s.sentence.end) if words & FRONT_WORDS else None
    received = not words.isdisjoint(RECEIVED_WORDS)
    described = listed and not words.isdisjoint(DESCRIBED_WORDS)
    if not (group or fronted or received or described):
        return []  # set tests first: the patterns below run on few sentences
    text, sentence = s.text, s.sentence
    actors = [m for m in s.mentions if mention_label(s.ents, m) in ACTOR | {"Agreement"}]
    out: list[Relation] = []
    for match in GROUP.finditer(text, sentence.start, sentence.end) if group else ():
        if set(re.findall(r"[\w']+", text[max(sentence.start, match.start() - 25):match.start()].lower())[-3:]) & NEGATIONS:
            continue  # "not among his critics"; a hedge ("could strengthen his critics") is about something else
        stance = _noun_stance(match.group("noun"))
        owner = [m for m in actors if m.possessive and 0 <= match.start() - m.end <= 20 and re.fullmatch(
            r"(?:['’]s?)?\s+(?:[a-z-]+\s+){0,2}", text[m.end:match.start()])]
        if match.group("of"):
            owner = [m for m in actors if match.start("of") <= m.start < match.end("of")
                     and not is_modifier(s.ents, text, m, s.mentions)][:1]
        members = _list_after(s, actors, match.end())
        for o in owner[:1]:
            for member in members:
                if member != o.entity and entity_label(s.ents, member) in ACTOR:
                    out.append(Relation(member, o.entity, stance, s.index, why="rule:stance-group"))
    for match in GROUP_STANCE.finditer(text, sentence.start, sentence.end) if described else ():
        if negated(text, sentence.start, match.start()):
            continue
        inside = [m for m in actors if match.start("object") <= m.start and m.end <= match.end("object")
                  and mention_label(s.ents, m) in ACTOR and not is_modifier(s.ents, text, m, s.mentions)]
        objects = [inside[0].entity] if inside else (
            [s.ents.home] if s.ents.home and re.fullmatch(r"(?:the\s+)?(?:national\s+|federal\s+)?(?:government|"
                                                         r"administration)", match.group("object"), re.IGNORECASE) else [])
        stance = GROUP_STANCE_TYPES[match.group("stance").split()[0].lower()]
        for member in _list_after(s, actors, match.end()):
            for obj in objects:
                if member != obj and entity_label(s.ents, member) in ACTOR:
                    out.append(Relation(member, obj, stance, s.index, why="rule:stance-group"))
    if fronted:
        comma = text.find(",", fronted.end(), sentence.end)
        objects = [m for m in actors if fronted.end() <= m.start and (comma < 0 or m.end <= comma)][:1]
        holder = [m for m in actors if comma >= 0 and m.start > comma and re.fullmatch(
            r",\s+(?:(?:the\s+)?(?:[A-Z][\w.’'-]*|[a-z]+)\s+){0,3}", text[comma:m.start])
            and mention_label(s.ents, m) in ACTOR][:1]
        if comma >= 0 and objects and holder and not negated(text, sentence.start, fronted.end()):
            stance = _noun_stance(fronted.group("noun"))
            out.append(Relation(holder[0].entity, objects[0].entity, stance, s.index, why="rule:stance-group"))
    for match in RECEIVED.finditer(text, sentence.start, sentence.end) if received else ():
        if negated(text, sentence.start, match.start()) or text[match.end():match.end() + 8].lower().startswith(
                ("within", "inside")):
            continue
        agents = [m for m in actors if m.start == match.end() or re.fullmatch(
            r"(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}", text[match.end():m.start]) and m.start > match.end()][:1]
        agents = [m for m in agents if mention_label(s.ents, m) in ACTOR]
        left = [m for m in actors if m.end <= match.start() and mention_label(s.ents, m) in ACTOR]
        if not agents or not left or not re.fullmatch(
                r"(?:['’]s?\s+(?:[a-z][\w-]*\s+){1,2})?\s*(?:has\s+|have\s+|had\s+|also\s+|\w+ly\s+)?"
                if left[-1].possessive else r"(?:,\s+who)?\s+(?:has\s+|have\s+|had\s+|also\s+|\w+ly\s+)?",  # ext-stance2: ", who enjoys"
                text[left[-1].end:match.start()]):
            continue  # "Milei drew praise from X"; "Bessent's remarks drew criticism from China"
        stance = _noun_stance(match.group("noun"))
        # ext-stance3: "Trump's endorsement of Milei drew criticism from X": X criticises Trump
        target = act_owner(text, left, left[-1]) or left[-1].entity
        # ext-stance3: "has the backing of the IMF and the World Bank": every agent of the list
        for agent in coordinated(s.ents, text, [m for m in actors if m.start > agents[0].start], agents[0]):
            if agent.entity != target:
                out.append(Relation(agent.entity, target, stance, s.index, why="rule:stance-received"))
    return out


# "Praising Milei's reforms, Bessent said ...": a fronted participle whose subject follows the comma
PARTICIPLE = re.compile(r"\s*(?:(?:After|While|In)\s+)?(?P<verb>prais|hail|laud|applaud|back|defend|endors|welcom|"
                        r"criticis|criticiz|attack|condemn|denounc|slamm|blast|assail|blam|reject)ing\s+", re.IGNORECASE)
PARTICIPLE_CRITICAL = ("criticis", "criticiz", "attack", "condemn", "denounc", "slamm", "blast", "assail", "blam", "reject")


PARTICIPLE_LEADS = frozenset({"after", "while", "in"})


def _no_participle_first(tokens) -> bool:
    """Whether PARTICIPLE cannot match the sentence, read from its first words: a match begins at
    the sentence's first word (only spaces before it), "After", "While" or "In" and then the
    participle, or the participle; a participle ends in "ing" and a space, so it is a token of
    its own (no hyphen or apostrophe joins it to more). Case is ignored by the pattern, and it
    matches "ı" and "İ" to "i": a word with a letter beyond ASCII is never ruled out."""
    if not tokens:
        return True  # an empty sentence holds no participle
    first = tokens[0].lower
    if first in PARTICIPLE_LEADS and len(tokens) > 1:
        first = tokens[1].lower
    return first.isascii() and not first.endswith("ing")


def participial_stance(s: SentenceView) -> list[Relation]:
    """'Praising Milei's reforms, Bessent said ...': the subject after the comma holds the stance."""
    if _no_participle_first(s.tokens):
        return []
    text, sentence = s.text, s.sentence
    match = PARTICIPLE.match(text, sentence.start, sentence.end)
    if not match:
        return []
    comma = text.find(",", match.end(), sentence.end)
    if comma < 0:
        return []
    actors = [m for m in s.mentions if mention_label(s.ents, m) in ACTOR | {"Agreement"}]
    objects = [m for m in actors if match.end() <= m.start and m.end <= comma and not is_modifier(s.ents, text, m, s.mentions)]
    holder = [m for m in actors if m.start > comma and not m.possessive and mention_label(s.ents, m) in ACTOR
              and re.fullmatch(r",\s+(?:(?:the\s+)?[A-Za-z][\w.’'-]*\s+){0,4}", text[comma:m.start])][:1]
    if not objects or not holder:
        return []
    stance = "CRITICIZES" if match.group("verb").lower() in PARTICIPLE_CRITICAL else "SUPPORTS"
    if objects[0].entity == holder[0].entity:
        return []
    return [Relation(holder[0].entity, objects[0].entity, stance, s.index, why="rule:participial-stance")]


LIST_WORDS = frozenset({"including", "among", "such", "like", "notably"})
GROUP_WORDS = frozenset(WORDS["critic_nouns"]) | frozenset(WORDS["supporter_nouns"])
FRONT_WORDS = frozenset({"critic", "opponent", "detractor", "foe", "supporter", "ally", "backer", "defender", "champion",
                         "admirer"})
RECEIVED_WORDS = frozenset({"praise", "plaudits", "support", "backing", "endorsement", "blessing", "approval",
                            "confidence", "trust", "faith",  # ext-stance2: "has the full confidence of X"
                            "criticism", "condemnation", "attack", "attacks", "fire", "rebuke", "rebukes",
                            "opposition", "resistance", "scorn", "ridicule"})
DESCRIBED_WORDS = frozenset({"allied", "close", "loyal", "aligned", "opposed", "critical", "hostile", "sympathetic"})


# "Senator X, a Trump ally, said"; "A Milei critic, X ..."; "X is a Trump loyalist": a name used as
# the modifier of a stance noun
NAMED_NOUN = re.compile(r"\s+(?P<noun>ally|loyalist|supporter|backer|confidant|protégé|protege|critic|opponent|foe|"
                        r"detractor|rival)\b(?!['’])")
NAMED_NOUN_WORDS = frozenset({"ally", "loyalist", "supporter", "backer", "confidant", "protégé", "protege", "critic",
                              "opponent", "foe", "detractor", "rival"})
NAMED_BEFORE = guarded(re.compile(r"(?P<lead>,\s+|(?<!\S)\s*|\b(?:is|was|remains|became|has\s+been|as)\s+|(?<=\w)\s+)(?:a|an|another|one)\s+"
                                  r"(?:(?:close|key|longtime|long-time|staunch|loyal|fierce|vocal|leading|prominent|top|fellow|"
                                  r"bitter|outspoken|former|old)\s+){0,2}$", re.IGNORECASE))


def named_stance(s: SentenceView) -> list[Relation]:
    """'Senator X, a Trump ally, said ...': ALLIED_WITH; '... a Milei critic' CRITICIZES; '... a
    Trump loyalist' SUPPORTS. The holder is the actor the appositive describes, or the subject
    of 'is a Trump ally'."""
    if s.words.isdisjoint(NAMED_NOUN_WORDS):
        return []
    text, sentence = s.text, s.sentence
    actors = [m for m in s.mentions if mention_label(s.ents, m) in ACTOR and not m.possessive]
    out = []
    for k, m in enumerate(actors):
        noun = NAMED_NOUN.match(text, m.end, sentence.end)
        before = NAMED_BEFORE.search(text, max(sentence.start, m.start - 50), m.start) if noun else None
        if not before or m.anaphor:
            continue
        lead = before.group("lead").strip().lower()
        holder = None
        if lead == ",":
            holder = next((x for x in reversed(actors[:k]) if x.end <= before.start() and
                           re.fullmatch(r"\s*", text[x.end:before.start()])), None)
        elif lead == "" and not text[sentence.start:before.start()].strip():
            comma = text.find(",", noun.end(), sentence.end)
            holder = next((x for x in actors[k + 1:] if comma >= 0 and x.start > comma and re.fullmatch(
                r",\s+(?:(?:the\s+)?[A-Za-z][\w.’'-]*\s+){0,3}", text[comma:x.start])), None)
        elif before.group("lead").strip():
            left = [x for x in actors[:k] if x.end <= before.start()]
            holder = left[-1] if left and re.fullmatch(r"\s+(?:\w+ly\s+)?", text[left[-1].end:before.start()]) else None
        else:  # "made Argentina a key US ally": the actor right before the description
            holder = next((x for x in reversed(actors[:k]) if x.end == before.start()), None)
        if holder is None or holder.entity == m.entity or negated(text, sentence.start, before.end()):
            continue
        word = noun.group("noun").lower()
        stance = ("ALLIED_WITH" if word == "ally" else "CRITICIZES" if word in (
            "critic", "opponent", "foe", "detractor", "rival") else "SUPPORTS")
        if word == "rival" and mention_label(s.ents, holder) != "Person":
            continue  # "a Chinese rival": competition, not criticism
        out.append(Relation(holder.entity, m.entity, stance, s.index, why="rule:named-stance"))
    return out


def _noun_stance(noun: str) -> str:
    noun = noun.lower()
    if noun in ALLIED:
        return "ALLIED_WITH"
    return "CRITICIZES" if noun in CRITICAL else "SUPPORTS"


def _list_after(s: SentenceView, actors, at: int) -> list[str]:
    """The actors of a list that starts at ``at`` ('Governor X, Senator Y and Z')."""
    text = s.text
    chosen, prev = [], at
    for m in actors:
        if m.start < at or is_modifier(s.ents, text, m, s.mentions):
            continue
        between = text[prev:m.start]
        if chosen and not re.fullmatch(r"\s*(?:,|and|,\s*and)\s+(?:(?:the\s+)?(?:[A-Z][\w.’'-]*|[a-z]+['’]s)\s+){0,3}",
                                       between):
            break
        if not chosen and not re.fullmatch(r"(?:(?:the\s+)?[A-Za-z][\w.’'-]*\s+){0,4}", between):
            break
        if mention_label(s.ents, m) == "Person" or not m.possessive:
            chosen.append(m.entity)
        prev = m.end
    return list(dict.fromkeys(chosen))
