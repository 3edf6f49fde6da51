"""Trigger phrases (data/relations.yaml): each match's subject and object through the clause around it."""

from __future__ import annotations

import re

from ..entities import ArticleEntities, Mention
from ..lexicon import fold, knowledge
from ..patterns import guarded
from ..rulebook import Trigger, rulebook
from ..text import Token
from .base import ACTOR, WORDS, entity_label, mention_label, Relation, SentenceView
from .clauses import (DURING, DURING_WORDS, after_preposition, is_locative, is_modifier, is_question, negated, pending,
                      possessor_subject, starts_clause, find_subjects, is_title_modifier, verb_follows)
from .stance import FIRST_PERSON, LITOTES, act_owner, coordinated, quote_speaker, stance_doubted

MEASURE_RE = re.compile(r"((?:\b\d+(?:\.\d+)?\s?(?:percent|per cent|%)\s+)?(?:(?<![’'])\b\w+\s+)?"
                        r"(?:tariffs?|sanctions?|duties|levies|embargo|restrictions|trade war)\b"
                        r"(?:\s+on\s+[A-Za-z]+(?:\s+(?!on\b|in\b|at\b|by\b)[a-z]+){0,3})?)", re.IGNORECASE)
# behind a guard (extract/patterns.py): its "\b" would have re try it at every position of a sentence
_CLAUSE_BREAKS = (r":\s|,\s+(?:but|while|whereas|although|though|yet)\b|"
                  r"\bw(?:hile\b|ithout\s+\w+ing\b)")  # ext-money: "visited X without meeting Y"
CLAUSE_BREAK = guarded(re.compile(r";|\s[–—]\s|" + _CLAUSE_BREAKS))
# CLAUSE_BREAK less its dash: in a sentence with no dash the same matches, and its guard no longer
# stops at every space (a third of the search's time)
CLAUSE_BREAK_NO_DASH = guarded(re.compile(r";|" + _CLAUSE_BREAKS))
BY_AFTER = re.compile(r"\s+by\b")
OFFICE_AFTER = re.compile(r"\s+(?:minister|ministry|secretary|committee|director|chief|officials?)\b", re.IGNORECASE)
RELATIVE = re.compile(r",\s+(?:who|whom|which|whose|a|an|often|now|once|then|currently|like|also|the\s+[a-z]\w*"
                      r"|(?:two|three|four|both)\s+[a-z]\w*"  # ext-roles3: "X and Y, two governors whose ...,"
                      r"|the\s+(?:[A-Z][\w.]*\s+){1,3}(?-i:[a-z])\w*)\b[^,]*,")  # ", the US Treasury secretary,"
STANCE_TYPES = ("SUPPORTS", "CRITICIZES", "ALLIED_WITH")
# a question states no party, negotiation, membership, loan, measure or meeting ("Will Chile join the accord?")
ASKED_TYPES = ("PARTY_TO", "NEGOTIATES", "MEMBER_OF", "FUNDS", "IMPOSES", "MET_WITH")
NOMINAL = re.compile(r"(?:support|backing|endorsement|opposition|criticism|confidence|faith|trust|praise|admiration|"
                     r"alignment|alliance|ties|hostility|resistance|objections?|complaints?|scorn|contempt|distrust|"
                     r"mistrust|skepticism|scepticism|sympathy|enthusiasm|solidarity)\b", re.IGNORECASE)
# after a nominal stance and its object: "... may not be necessary", "... is not guaranteed"
UNSURE_AFTER = re.compile(r"[^,;.]{0,12}?\b(?:depend(?:s|ed|ing)?\s+on|hinge[sd]?\s+on|conditional\s+on|"
                          r"contingent\s+on|(?:(?:may|might|could|would|will)\s+)?(?:not|n['’]t|no\s+longer)\s+(?:be\s+)?"
                          r"(?:necessary|needed|enough|guaranteed|assured|certain|unconditional|automatic|forthcoming|"
                          r"unlimited)|(?:is|was|are|were|remains?|remained|looks?|seems?)\s+(?:\w+\s+)?(?:uncertain|"
                          r"unclear|in\s+doubt|doubtful|questionable|conditional|fragile))\b", re.IGNORECASE)
# ext-stance3: after a nominal stance and its object, the stance is over: "... has faded", "... was withdrawn"
ENDED_AFTER = re.compile(r"[^,;.]{0,24}?\b(?:(?:has|have|had)\s+(?:\w+ly\s+)?)?(?:ended|ends|faded|fades|waned|wanes|"
                         r"evaporated|collapsed|cooled|softened|dried\s+up|(?:was|were|has\s+been|have\s+been)\s+"
                         r"(?:withdrawn|suspended|revoked|pulled|dropped))\b")
FRONTED_OBJECT = re.compile(r",\s+(?:whom|which)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){1,5}"
                            r"(?:has\s+|had\s+|have\s+|also\s+|long\s+|\w+ly\s+)?$")
# ext-parties: ", whose president, Germán Lavalle, is a physicist named in 2024," is one relative
# clause (RELATIVE stops at its first comma): nobody in it is the main verb's subject
WHOSE_NAMED = re.compile(r",\s+whose\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?,\s+[^,;]{2,60},\s+[^,;]{2,80},")
WITH_BEFORE = re.compile(r"\bwith\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,3}$")
# after "agreed to", "joined": a verb of talks, not of a deal made ("agreed to start talks on ...")
TO_BEGIN = re.compile(r"\s+(?:\w+\s+)?(?:negotiat|renegotiat|begin|began|start|discuss|work\s+(?:on|toward)|seek|explore|"
                      r"pursue|continue|hold|launch|open|resume|talks|negotiations|discussions)", re.IGNORECASE)
# between a signing verb and its agreement: what was agreed is the way to the deal, not the deal
FRAMEWORK_FOR = re.compile(r"\s+(?:on\s+|to\s+)?(?:a|an|the)\s+(?:\w+\s+)?(?:framework|roadmap|road\s+map|basis|outlines?|"
                           r"blueprint)\s+(?:for|of|toward|towards|to)\s+(?:a|an|the)\s+(?:new\s+|future\s+|possible\s+)?$",
                           re.IGNORECASE)
SAID_AFTER = re.compile(r"\s+(?:\w+ly\s+)?(?:" + "|".join(sorted(rulebook().words["speech_verbs"])) + r")\b")
# after "agreed to": a verb, not the agreement ("agreed to front-load the loan")
TO_VERB = re.compile(r"\s+(?!(?:the|a|an|its|their|this|that|these|those|his|her|our|terms|conditions|it|them)\b)"
                     r"[a-z][a-z-]*\b")
FORMER_BEFORE = guarded(re.compile(r"\b(?:former|ex-|one-time|onetime|previously|formerly|once|until\s+\w+)\s*(?:\w+\s+)?$",
                                   re.IGNORECASE))
MEET_TO = guarded(re.compile(r"\b(?:met|meets|meet|meeting|sat\s+down|held\s+talks|hosted|hosts|received)\b[^.;]{0,100}?\bto\s+$",
                             re.IGNORECASE))
JOINED_PROCESS = re.compile(r"\s+(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+){1,6}(?:accession|membership\s+talks|talks|negotiations|"
                            r"process|review|bid|summit|meeting|mission)\b")
NEGOTIATING_NOUN = re.compile(r"\s+(?:team|teams|delegation|delegations|group|committee|table|position|skills|power)\b")
SIGNING_WORD = re.compile(r"(?:sign|seal|ink|clinch|finali|conclud|enter|agree|reach|struck|strik|join|ratif|acced|adher|"
                          r"renew)", re.IGNORECASE)  # ...and the words in them that make a deal
SIGNING = {"signed", "sealed-deal", "signed-by"}  # PARTY_TO triggers that a "not yet" phrase makes negotiation
AND_VERB = guarded(re.compile(r"\b(?:and|but)(?:\s*,[^,]{1,40},)?\s+(?:(?:\w+ly|has|have|had|also|then|later)\s+){0,2}$"))  # ext-precision: "but" too


# patterns read per match, compiled once (not looked up in re's cache at every call)
THAT_BEFORE = guarded(re.compile(r"\b(?:that|which)\s+(?:(?:has|have|had|also|already|\w+ly)\s+){0,2}$"))
RELATIVE_WORD = re.compile(r"\s(?:that|which|who|whom)\s")
LOWER_LETTER = re.compile(r"[a-z]")
SAYS_AFTER = re.compile(r"\s+(?:said|says|told|added|noted|stated)\b")


def _triggers(ents: ArticleEntities, tokens: list[Token], mentions: list[Mention], index: int,
              lowered: str) -> list[Relation]:
    out: list[Relation] = []
    sentence = ents.sentences[index]
    text = ents.text
    chunk = text[sentence.start:sentence.end]
    base = sentence.start
    actors = [m for m in mentions if mention_label(ents, m) is not None]
    if not actors:
        return out
    book = rulebook()
    candidates, hits = book.admitted(lowered, chunk)  # hits: where their matches may begin (Rulebook.matches)
    if len({m.entity for m in actors}) < 2:
        # one actor: nothing to relate, bar "tariffs on Argentine goods" and "accused the government"
        kept = ("IMPOSES", "CRITICIZES", "SUPPORTS") if "government" in chunk or "administration" in chunk else ("IMPOSES",)
        candidates = [t for t in candidates if t.type in kept or t.name == "bought-currency"]  # "bought Argentine pesos"
    # less those whose pattern needs a text the sentence lacks: they cannot match (most admitted triggers do not)
    candidates = book.sharpen(candidates, lowered)
    if not candidates:
        return out
    breaks: list[int] | None = None  # clause breaks and relative clauses: read at the first match that needs them
    relatives: list[tuple[int, int]] = []
    along: list[tuple[int, int]] = []  # ext-stance3: ", along with Y," asides
    if is_question(chunk):
        # "Did X criticise Y?", "Will X join the accord?", "Will the World Bank lend Argentina $1 billion?" state nothing
        candidates = [t for t in candidates if t.type not in STANCE_TYPES + ASKED_TYPES]
    for trigger in candidates:
        for match in book.matches(trigger, chunk, hits):  # trigger.pattern.finditer(chunk)
            a, b = base + match.start(), base + match.end()
            if negated(text, base, a, trigger.type) and not (trigger.type in STANCE_TYPES and LITOTES.search(
                    text, max(base, a - 60), a)):
                continue  # (ext-stance2: "made no secret of his admiration for", "has not hidden his sympathy for")
            if trigger.type in STANCE_TYPES and stance_doubted(text, base, a, trigger.type):
                continue  # ext-stance2: "avoided criticising", "was accused of backing", "lost the backing of"
            rtype = trigger.type
            if rtype == "NEGOTIATES" and NEGOTIATING_NOUN.match(text, b):
                continue  # ext-parties: "Argentina's negotiating team, led by X": a noun phrase, not a predicate
            if rtype in ("FUNDS", "IMPOSES") and pending(text, base, a, modal=False):
                continue  # ext-parties: "is close to a $20 billion loan from the IMF": nothing lent yet
                          # (ext-precision: "is set to announce new tariffs on": nothing imposed yet)
            if rtype == "MEMBER_OF" and (FORMER_BEFORE.search(text, max(base, a - 30), a) or
                                         JOINED_PROCESS.match(text, b)):
                continue  # ext-parties: "former members of the UCR", "joined the OECD accession process": not (yet)
            if rtype == "PARTY_TO" and (TO_BEGIN.match(text, b) or match.group().lower().endswith(" to") and
                                         TO_VERB.match(text, b)):
                continue  # ext-parties: "agreed to negotiate / to start talks on / to front-load": no deal named
            if rtype == "PARTY_TO" and pending(text, base, a):
                if trigger.name not in SIGNING or not SIGNING_WORD.match(match.group()):
                    continue  # "is set to benefit from the swap", "will be party to": not yet a party
                rtype = "NEGOTIATES"  # ext-parties: "is close to sealing the accord", "have yet to sign"
            if any(m.start <= a < m.end for m in actors if not m.anaphor and not (
                    trigger.type == "FUNDS" and mention_label(ents, m) == "Agreement")):
                continue  # the trigger word is part of a name ("Democratic Senator"), bar "a $380 million loan from X"
            if trigger.name in AGREEMENT_READS and any(
                    a <= m.start < b or (trigger.name != "amount-to" and m.start < a < m.end)
                    for m in actors if mention_label(ents, m) == "Agreement" and len(ents.entities[m.entity].parties) >= 2):
                continue  # "extended a $20 billion currency swap to Argentina": the agreement rule reads the swap
            if text[a - 1:a] == "-":
                continue  # "US-backed": an adjective, not a statement
            if trigger.type == "LEADS" and "leader" in match.group().lower() and not re.search(
                    r",\s+(?:both\s+|the\s+|a\s+|an\s+)?(?:[a-z][\w-]*\s+)?$", text[max(base, a - 30):a]):
                continue  # only an appositive describes the subject; "met the leaders of X" does not
            if trigger.type == "SUPPORTS" and match.group()[:7].lower() in ("support", "backing", "endorse") and (
                    SUPPORT_NOUN.search(text, max(base, a - 12), a) or
                    (SUPPORT_NOUN_OF.match(text, b) or match.group().endswith((" of", " from"))) and
                    ADJECTIVE_NOUN.search(text, max(base, a - 30), a)):
                continue  # "praised the support of X", "its continued support": a noun, its owner is elsewhere
                          # (ext-stance2: "had the unconditional support of X" too)
            if match.group().lower().startswith("seat") and not re.search(r"\b(?:a|his|her|their)\s+$",
                                                                          text[max(base, a - 7):a]):
                continue  # "a seat in the Chamber" is membership; "enough seats in Congress" is not
            if trigger.mode == "active" and BY_AFTER.match(text[b:b + 4]):
                continue  # "approved by Congress": the actor after "by" is the subject
            if trigger.mode == "active" and match.group().endswith("ed") and match.group().isalpha() and \
                    BARE_PASSIVE.search(text, max(base, a - 16), a):
                continue  # "the facility was signed in October": a passive with no agent names no actor
            if OFFICE_AFTER.match(text[b:b + 14]) and not ENDS_WITH_PREPOSITION.search(match.group()) and (
                    trigger.type not in STANCE_TYPES or match.group()[:1].isupper()):
                continue  # "Finance Minister": the trigger word is part of an office ("rebuked Secretary X" is a verb)
            if breaks is None:
                clause_break = CLAUSE_BREAK if "–" in chunk or "—" in chunk else CLAUSE_BREAK_NO_DASH
                breaks = [base + b.start() for b in clause_break.finditer(chunk)]
                relatives = [(base + r.start(), base + r.end()) for r in RELATIVE.finditer(chunk)]
                if "whose" in chunk:
                    relatives += [(base + r.start(), base + r.end()) for r in WHOSE_NAMED.finditer(chunk)]
                if ", " in chunk and "ing " in chunk:
                    # ext-stance2: ", speaking after talks with X," is an aside: X is no subject
                    relatives += [(base + r.start(), base + r.end()) for r in ASIDE.finditer(chunk)]
                along = [(base + r.start(), base + r.end()) for r in ALONG_WITH.finditer(chunk)] if ", " in chunk and (
                    "along" in chunk or "together" in chunk) else []
                relatives += along  # ext-stance3: "X, along with Y, attacked Z": X is the subject (Y joins it below)
                if ", " in chunk and ("like " in chunk or "contrast" in chunk or "opposed to" in chunk):
                    # ext-stance3: "X, unlike Y, praised Z": Y is no subject (nor a co-subject)
                    relatives += [(base + r.start(), base + r.end()) for r in UNLIKE.finditer(chunk)]
            clause_start = max([x for x in breaks if x < a], default=base)
            clause_end = min([x for x in breaks if x >= b], default=sentence.end)
            for rs, re_ in relatives:
                if rs < a < re_:
                    clause_end = min(clause_end, re_)  # a trigger inside ", who met X," ends there
            if text.find(" and ", b, clause_end) >= 0 or text.find(" but ", b, clause_end) >= 0:
                verb = COORDINATED_VERB.search(text, b, clause_end)
                if verb:
                    clause_end = verb.start()  # ext-precision: "praised the tariffs and criticised China"
            rather = text.find(" over ", b, clause_end)
            if rather >= 0 and PREFERRING.search(text, max(base, a - 40), b + 1):
                clause_end = rather  # ext-precision: "prioritise talks with banks over a new IMF programme"
            left = [m for m in actors if clause_start <= m.start and m.end <= a]
            right = [m for m in actors if b <= m.start and m.end <= clause_end]
            # DURING is searched per actor from the trigger on: only where one of its words follows the trigger
            timed = bool(right) and any(text.find(word, b, clause_end) >= 0 for word in DURING_WORDS)
            right = [m for m in right if not is_locative(text, m, b) and not (timed and DURING.search(text, b, m.start))]
            right = [m for m in right if not is_modifier(ents, text, m, mentions)]
            if trigger.type == "SUPPORTS" and text.find("against", b, clause_end) >= 0:
                # ext-precision: "defended its record against China": who it is defended against is no one backed
                right = [m for m in right if not AGAINST_BEFORE.search(text, max(b, m.start - 14), m.start)]
            if trigger.type == "MET_WITH" and right and text.find("about", b, right[0].start) >= 0:
                # ext-precision: "spoke to reporters about Trump": who is spoken about is not met
                right = [m for m in right if not ABOUT_BEFORE.search(text, max(b, m.start - 30), m.start)]
            if trigger.type == "MET_WITH" and FUTURE_BEFORE.search(text, max(base, a - 24), a) and \
                    IF_AFTER.search(text, b, clause_end):
                continue  # ext-precision: "would speak with X if the markets fell": a condition, no meeting
            if trigger.type == "MET_WITH" and (text.find("ed", b, clause_end) >= 0 or text.find(" off", b, clause_end) >= 0) \
                    and CALLED_OFF.search(text, b, clause_end):
                continue  # ext-precision: "the meeting between X and Y was cancelled": it was not held
            if trigger.mode == "between":
                ends = [m for m in right if mention_label(ents, m) in trigger.targets][:2]
                if len(ends) == 2:
                    out.append(Relation(ends[0].entity, ends[1].entity, trigger.type, index, why=trigger.why))
                continue
            if trigger.name == "meet-mutual-present" and PRESENT_CONDITION.search(text, base, a):
                continue  # ext-roles3: "If X and Y meet in Washington, ...": no meeting stated
            if trigger.mode == "mutual":
                subjects = find_subjects(ents, text, left, a, relatives)
                # "X, Y and Z met": every two of the coordinated subjects (a list of four at most)
                subjects = [x for x in subjects if entity_label(ents, x) in trigger.targets]
                for x, first in enumerate(subjects[:4]):
                    for second in subjects[x + 1:4]:
                        out.append(Relation(first, second, trigger.type, index, why=trigger.why))
                continue
            if trigger.mode == "possessed":
                owner = [m for m in mentions if m.possessive and 0 <= a - m.end <= 4 and mention_label(ents, m) in ACTOR]
                if owner and trigger.type in STANCE_TYPES:
                    # ext-stance2: "has not emerged as one of President Milei's defenders": the negation precedes
                    # the owner and its title
                    at = base + re.search(r"(?:(?:[A-Z][\w.’'-]*|of|the)\s+)*$", text[base:owner[0].start]).start()
                    if negated(text, base, at, trigger.type) or stance_doubted(text, base, at, trigger.type):
                        continue
                others = find_subjects(ents, text, [m for m in left if not owner or m.end <= owner[0].start], a,
                                   relatives, fallback_possessive=False)
                if not others and trigger.type in STANCE_TYPES:
                    # "Trump's closest ally, Javier Milei, ...": the one described follows
                    others = [m.entity for m in right if mention_label(ents, m) in ACTOR and not m.possessive
                              and re.fullmatch(r"[”\"]?,?\s+(?:(?:the\s+)?[A-Z][\w.-]*\s+){0,3}", text[b:m.start])][:1]
                for o in owner[:1]:
                    for other in others[:1]:
                        ends = (o.entity, other) if trigger.name in LENDER_OWNS else (other, o.entity)
                        out.append(Relation(*ends, trigger.type, index, why=trigger.why))
                continue
            if trigger.type == "IMPOSES" and trigger.mode == "active" and re.match(r"impos|levied", match.group(), re.I) \
                    and MEASURE_BEFORE.search(text, max(base, a - 14), a):
                continue  # ext-money: "spared the tariffs imposed on Brazil": who imposed them is not said here
            if trigger.name == "placed-on" and not MEASURE_NOUN.search(chunk, max(0, a - base - 60), a - base):
                continue  # ext-money: "put on hold", "placed on leave": no measure named before it
            if trigger.type in ("FUNDS", "IMPOSES") and CONDITION_AFTER.search(text, b, clause_end):
                continue  # ext-money: "would buy Argentine bonds if needed": a condition, not a deed
            if trigger.type == "IMPOSES" and MEASURE_ENDED.search(text, b, clause_end):
                continue  # ext-money: "the US tariffs on Argentine steel were lifted in May"
            if trigger.mode == "passive":
                if trigger.type in ("FUNDS", "IMPOSES") and RELATIVE_PRONOUN.search(text, max(base, a - 20), a) \
                        and not any(re.fullmatch(r",?\s+(?:that|which|who)\s+(?:\w+ly\s+)?", text[m.end:a]) for m in left):
                    continue  # ext-money: "any country that receives support from X" names no recipient
                if trigger.type in STANCE_TYPES and REDUCED_RELATIVE.search(text, max(base, a - 24), a) and \
                        not any(a - 2 <= m.end <= a for m in left):
                    continue  # ext-precision: "voted against the resolution backed by Brazil": the resolution is backed
                agents = [m for m in right if mention_label(ents, m) in ACTOR][:1]
                if agents and trigger.type in STANCE_TYPES:
                    agents = coordinated(ents, text, right, agents[0])  # ext-stance2: "criticised by X and Y"
                patients = find_subjects(ents, text, left, a, relatives)
                if trigger.type in STANCE_TYPES and patients and left:
                    # ext-stance3: "Trump's support for Milei was criticised by X": X criticises Trump
                    last = next((m for m in reversed(left) if m.entity == patients[0]), None)
                    owner = act_owner(text, left, last) if last is not None else None
                    patients = [owner] if owner else patients
                if trigger.type == "LEADS":
                    # "Vista Energy, the shale producer run by ... Miguel Galuccio": the body is right
                    # before the verb (or its appositive), the leader is the first person after it
                    near = [m for m in left if re.fullmatch(
                        r"\s*,?\s*(?:(?:the|a|an)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}\s*)?", text[m.end:a])]
                    patients = [m.entity for m in near[-1:] if mention_label(ents, m) == "Organization"]
                    people = [m for m in right if mention_label(ents, m) == "Person" and m.start - b < 60]
                    agents = people[:1] or agents
                    unit = next((m for m in left if mention_label(ents, m) == "Organization" and re.fullmatch(
                        r"\s+(?P<unit>mission|team|delegation|staff)\s+", text[m.end:a])), None)
                    if unit and people and not patients:
                        # "an IMF mission led by Luis Cubeddu": a post in the body, not its leadership
                        role = "head of the " + text[unit.start:a].strip()
                        out.append(Relation(people[0].entity, unit.entity, "HOLDS_ROLE", index, {"role": role}, why=trigger.why))
                        continue
                if trigger.type == "PARTY_TO":
                    # ext-parties: "the accord was signed by X and Y": the agreement before the verb,
                    # every coordinated agent after it
                    patients = [m.entity for m in left if mention_label(ents, m) == "Agreement"][-1:]
                    agents = _coordinated(ents, text, agents, right)
                if trigger.type == "IMPOSES":
                    if trigger.name in MEASURE_SUFFERED:
                        # ext-money: "hit with US tariffs", "faces a 25% tariff in the United States"
                        agents = _measure_owner(ents, text, actors, a, b, clause_end)
                        patients = patients or _demonym_before(ents, text, clause_start, a)
                    elif agents and MEASURE_BEFORE.search(text, max(base, a - 14), a):
                        # ext-deals3: "rejects the 25% tariff imposed by the government of the United States
                        # on Argentine steel": the target follows the agent; with none named, a country or person
                        # subject ("Milei could not escape the tariffs imposed by Trump"), never a body
                        patients = _measure_target(ents, text, actors, agents[0], clause_end) or [
                            p for p in patients if entity_label(ents, p) in ("Country", "Person")]
                    patients = [ents.country_of(p) if entity_label(ents, p) == "Person" else p for p in patients]
                    patients = [p for p in patients if p]
                if trigger.type == "FUNDS":
                    # ext-deals3: "Milei received a loan from China": money reaches the recipient's country
                    patients = [ents.country_of(p) if entity_label(ents, p) == "Person" else p for p in patients]
                    patients = [p for p in patients if p and p in ents.entities]
                if trigger.type == "FUNDS" and agents:
                    # ext-money: "a $2 billion loan from the World Bank to Argentina": the one after "to"
                    to = next((m for m in right if m.start > agents[0].end and TO_RECIPIENT.fullmatch(
                        text, agents[0].end, m.start) and mention_label(ents, m) in ACTOR), None)
                    if to is not None:
                        patients = [ents.country_of(to.entity) if mention_label(ents, to) == "Person" else to.entity]
                if trigger.type == "FUNDS" and trigger.objects == "list" and agents:
                    # ext-money: "financing from the World Bank and the IDB": every lender of the list
                    # (a PARTY_TO list, "signed by X and Y", is read by _coordinated above)
                    agents = [m for m in right if m.entity in _objects(ents, text, right, trigger, b, clause_end, mentions)]
                if trigger.name in AGREEMENT_PATIENT:
                    # ext-stance3: the agreement before the verb, as for "signed by" above
                    patients = [m.entity for m in left if mention_label(ents, m) == "Agreement"][-1:]
                for agent in agents:
                    for patient in patients[:1]:
                        out.append(Relation(agent.entity, patient, rtype, index,
                                            _detail(trigger.type, chunk, match, text, ents, index),
                                            why=trigger.why))
                continue
            antecedent = None
            if THAT_BEFORE.search(text[max(base, a - 32):a]):
                # "a goal that aligns with ...": the subject is no actor; but in "The International
                # Monetary Fund, which (has already) lent Argentina ..." it is the actor right before the comma
                antecedent = next((m for m in reversed(left) if mention_label(ents, m) in ACTOR and re.fullmatch(
                    r",\s+which\s+(?:(?:has|have|had|also|already|\w+ly)\s+){0,2}", text[m.end:a])), None)
                if antecedent is None and rtype in ("PARTY_TO", "MEMBER_OF", "NEGOTIATES", "FUNDS", "IMPOSES"):
                    # ext-deals3: "Argentina was among the countries that signed the accord": the one counted
                    antecedent = next((m for m in reversed(left) if mention_label(ents, m) in ("Country", "Organization")
                                       and not m.possessive and AMONG_THOSE.fullmatch(text, m.end, a)), None)
                if antecedent is None:
                    continue
            if rtype == "PARTY_TO" and left and mention_label(ents, left[-1]) == "Agreement" and \
                    re.fullmatch(r"\s+", text[left[-1].end:a]) and PARTICIPLE.fullmatch(match.group()):
                # ext-deals3: "the currency swap signed with the US Treasury": the one it was signed with
                partner = re.match(r"\s+with\s+(?:the\s+)?", text[b:clause_end])
                other = next((m for m in right if partner and m.start == b + partner.end() and not m.possessive
                              and mention_label(ents, m) in ACTOR), None)
                if other is not None:
                    out.append(Relation(other.entity, left[-1].entity, rtype, index, why=trigger.why))
                continue
            if trigger.type in ("NEGOTIATES", "SUPPORTS", "CRITICIZES", "PARTY_TO"):
                fronted = _fronted_agreement(ents, text, left, a, reduced=trigger.type in ("PARTY_TO", "NEGOTIATES"))
                if fronted:
                    subjects, agreement = fronted
                    partner = re.match(r"\s+with\s+(?:the\s+)?", text[b:clause_end]) if rtype == "PARTY_TO" else None
                    other = next((m.entity for m in right if partner and m.start == b + partner.end() and not m.possessive
                                  and mention_label(ents, m) in ACTOR), None)
                    if other and other not in subjects and other in (ents.entities[agreement].parties or (other,)):
                        subjects = subjects + [other]  # ext-deals3: "the deal that X signed with Y": Y too
                    for each in subjects:
                        out.append(Relation(each, agreement, rtype, index, why=trigger.why))
                    continue
            subjects = [antecedent.entity] if antecedent else (
                possessor_subject(ents, text, mentions, a) or find_subjects(ents, text, left, a, relatives))
            if not subjects and trigger.type in STANCE_TYPES and FIRST_PERSON.search(text, max(base, a - 40), a):
                subjects = quote_speaker(ents, text, sentence, actors)  # ext-stance2: '"I support X," Y said'
            if trigger.type == "MEMBER_OF" and subjects and not antecedent:
                # money and deals: "Brazil, Argentina's partner in Mercosur": the one described is a member too
                owner = next((m for m in left if m.possessive and m.entity == subjects[0]), None)
                apposed = [m for m in left if owner is not None and re.fullmatch(r",\s+", text[m.end:owner.start])
                           and mention_label(ents, m) in ACTOR]
                subjects = subjects + [m.entity for m in apposed[-1:] if m.entity not in subjects]
            if match.group().split()[0].lower().endswith("ing") and subjects:
                # a gerund ("restructuring", "seeking") belongs to the clause's subject unless an
                # actor stands right before it ("with Republicans and Democrats expressing ...")
                nearest = [m for m in left if m.entity == subjects[-1]]
                if nearest and not re.fullmatch(r"\s*(?:\w+\s+)?", text[nearest[-1].end:a]):
                    free = [m for m in left if not m.possessive and mention_label(ents, m) in ACTOR
                            and not after_preposition(text, m) and not is_title_modifier(ents, text, m, left)]
                    if free and free[0].entity not in subjects:
                        subjects = find_subjects(ents, text, [x for x in left if x.start <= free[0].start], a,
                                             relatives) or subjects
            before = text[max(base, a - 60):a]
            shared = AND_VERB.search(text, max(base, a - 60), a) if "and" in before or "but" in before else None
            head = next((m for m in left if not m.possessive and not is_modifier(ents, text, m, mentions)),
                        None) if shared else None
            if shared and head is not None and shared.start() > head.end:
                # "Milei called Trump a friend and thanked Bessent", "Milei, for his part, thanked X and
                # praised Y", "X met Y and, according to the embassy, praised Z": the verbs share the first subject
                first = find_subjects(ents, text, [m for m in left if m.end <= head.end], head.end, relatives,
                                      fallback_possessive=False)
                if first and (verb_follows(text, head) or starts_clause(text, head)) and not SAID_AFTER.match(
                        text, head.end):
                    # (ext-parties: not in "X said Y bought pesos and finalized a swap": Y did both)
                    subjects = first
            if trigger.name == "under-agreement" and SAYING.search(text, max(base, a - 120), a):
                continue  # ext-deals3: "X imposed a tariff, saying imports had surged under the framework": the
                          # clause after "saying" has its own subject (imports), not X
            objects = _objects(ents, text, right, trigger, b, clause_end, mentions)
            bare = BARE_GOVERNMENT.match(text, b, clause_end) if not objects and trigger.type in (
                "CRITICIZES", "SUPPORTS") and ents.home else None
            if bare:
                # "accused the government of ...": unqualified, the government is the article country's;
                # "the administration" a politician criticises is the one of his own country
                own = {ents.country_of(x) for x in subjects if entity_label(ents, x) == "Person"} - {None}
                # ext-stance3: so is "the national / federal government" a governor or senator criticises
                if bare.group("det") in ("his", "her", "their"):
                    objects = [own.pop()] if len(own) == 1 else []  # (a pronoun's government is no one else's)
                elif "administration" in bare.group() or "national" in bare.group() or "federal" in bare.group():
                    objects = [own.pop()] if len(own) == 1 else [ents.home]
                else:
                    objects = [ents.home]
            if not objects and trigger.type in STANCE_TYPES and trigger.mode == "active":
                fronted_object = FRONTED_OBJECT.search(text, max(base, a - 80), a)
                if fronted_object:
                    # "Milei, whom Kicillof criticised, met ...": the antecedent is the object
                    objects = [m.entity for m in left if m.end == fronted_object.start() and
                               mention_label(ents, m) in trigger.targets][:1]
            if trigger.objects == "next":  # "wants China out": the name right after the verb
                # (ext-stance3: past a title, "asked Treasury Secretary X to resign")
                objects = [m.entity for m in actors if m.start >= b and mention_label(ents, m) in trigger.targets and
                           (m.start - b <= 2 or NEXT_TITLED.fullmatch(text, b, m.start))][:1]
            on_target = None
            if trigger.type == "IMPOSES":
                on_match = re.match(r"[^,;]{0,40}?\bon\s+(?:the\s+)?", text[b - 3:clause_end])
                if on_match:
                    at = b - 3 + on_match.end()
                    on_target = next((m.entity for m in right if m.start == at), None) or next((
                        # ext-money: "on imports from Argentina", "on former president X"
                        m.entity for m in actors if at < m.start <= at + 40 and ON_WORDS.fullmatch(text, at, m.start)
                        and mention_label(ents, m) in ACTOR), None)
                if on_target:
                    objects = [on_target]
                elif on_match:
                    objects = []
            if trigger.type == "IMPOSES" and not subjects:
                subjects = _demonym_before(ents, text, clause_start, a)  # ext-money: "Chinese regulators banned ..."
            if trigger.type == "IMPOSES" and not on_target:
                # "on Argentine steel"; and (money and deals) "on a list of Argentine goods", "on most
                # of the country's goods": the article's country
                on = re.search(r"\bon\s+(?:(?:the|a|an|most|some|all|many|several|list|range|number|host|"
                               r"share|of)\s+){0,5}?(?:([A-Z][\w.]+)\s+(?=[a-z])|the\s+(country)['’]s\s+(?:[a-z]+\s+){0,2}"
                               r"(?:goods|imports|exports|products|steel|companies|firms|officials|beef|soy\w*|oil|"
                               r"banks|entities|individuals|leaders)\b)", text[b - 4:clause_end])
                after = None if on else re.match(
                    # ext-money: "sanctioned two Argentine officials", "banned imports of Argentine beef"
                    r"\s+(?:(?:the|a|an|two|three|four|several|some|many|most|all|certain|\d+|of|against|to)\s+){0,3}"
                    r"([A-Z][\w.]+)\s+[a-z]",
                    text[b:clause_end])
                country = (ents.home if on.group(2) else knowledge().demonyms.get(fold(on.group(1)))) if on else (
                    knowledge().demonyms.get(fold(after.group(1))) if after else None)
                if not country and not objects and trigger.name == "banned-trade":
                    # ext-money: "capped Argentine beef imports": the demonym inside the phrase
                    inner = re.search(r"(?-i:[A-Z])[\w.]+(?=\s+(?:[a-z][\w-]*\s+){0,2}(?:imports?|exports?)\b)", match.group())
                    country = knowledge().demonyms.get(fold(inner.group())) if inner else None
                if country and country in ents.entities:
                    objects = [country]
                elif on:
                    objects = []
            if trigger.type == "SUPPORTS" and subjects:
                # "the $57 billion loan Trump facilitated": the fronted agreement is the object
                first = next((m for m in left if m.entity == subjects[-1]), None)
                fronted = [m for m in left if first is not None and mention_label(ents, m) == "Agreement"
                           and 0 <= first.start - m.end <= 1]
                objects = [f.entity for f in fronted] + objects
                for obj in list(objects):
                    owner = [m for m in mentions if m.possessive and mention_label(ents, m) == "Person" and any(
                        x.entity == obj and x.start == m.start and x.phrase for x in mentions)]
                    objects += [o.entity for o in owner]
            if len(subjects) == 1 and objects and objects[0] == subjects[0] and (
                    trigger.objects == "first" or len(objects) == 1):
                # "his meeting with ... Trump himself": skip the subject, take the next actor
                rest = [m for m in right if mention_label(ents, m) in trigger.targets and m.entity != subjects[0]
                        and m.start - b <= 120]
                objects = [rest[0].entity] if rest else []
            if trigger.type == "MET_WITH" and match.group().lower().startswith("visit"):
                objects = [o for o in objects if entity_label(ents, o) != "Country"]  # a country visited is a place
            if trigger.name == "bought-currency":
                # ext-money: "bought Argentine pesos": the issuer is the demonym's or owner's country,
                # bare pesos the article's
                objects = _issuer(ents, text, actors, a, b, match.group())
            if trigger.type == "MET_WITH" and not subjects and objects:
                # ext-money: "During a meeting with X, Y asked ...": the subject follows the phrase
                fronted = FRONTED_MEETING.match(text, base, a)
                if fronted:
                    after = next((m for m in actors if m.start > b and starts_clause(text, m) and re.search(
                        r",\s+(?:[A-Z][\w.]*\s+){0,4}$", text[b:m.start]) and mention_label(ents, m) in ACTOR), None)
                    subjects = [after.entity] if after is not None else []
            if trigger.type == "FUNDS" or (trigger.type == "IMPOSES" and "sanction" not in match.group().lower()
                                           and trigger.name not in KEEPS_PERSON):
                # money and tariffs reach a country ("bail out his friend President Milei" -> Argentina);
                # sanctions may name a person
                objects = [ents.country_of(o) if entity_label(ents, o) == "Person" else o for o in objects]
                objects = [o for o in objects if o and o in ents.entities]
                if trigger.name == "lends-amount" and HANDED.match(match.group()):
                    # ext-deals3: "Argentina sent the IMF $800 million" repays a lender; it lends nothing
                    objects = [o for o in objects if not LENDER_NAME.search(o)]
            if rtype == "NEGOTIATES" and objects and "," in text[b:clause_end]:
                objects = _office_holder(ents, text, right, objects)  # ext-deals3
            if rtype == "NEGOTIATES" and subjects and text[max(base, a - 3):a].lower() == "to ":
                # ext-parties: "X met Y on Monday to discuss the deal": the purpose is both sides'
                meeting = MEET_TO.search(text, max(clause_start, a - 120), a)
                host = [m for m in left if meeting and m.end <= meeting.start()] if meeting else []
                first = find_subjects(ents, text, host, meeting.start(), relatives) if host else []
                subjects = list(dict.fromkeys(first + subjects))
            if rtype == "NEGOTIATES" and subjects and objects:
                # ext-parties: "in talks with Greer's team on the trade deal", "negotiating with Argentina
                # over a swap": the counterpart named before the agreement negotiates it too
                deal = next((x for x in right if x.entity in objects and mention_label(ents, x) == "Agreement"), None)
                for x in right:
                    if deal is None or x.start >= deal.start:
                        break
                    if mention_label(ents, x) in ACTOR and x.entity not in subjects and WITH_BEFORE.search(
                            text, max(a, x.start - 40), x.start):
                        subjects = subjects + [x.entity]
                        break
            if rtype == "PARTY_TO" and objects and FRAMEWORK_FOR.match(text, b, next(
                    (x.start for x in right if x.entity == objects[0]), b)):
                rtype = "NEGOTIATES"  # ext-parties: "agreed the framework for a new trade deal": the deal is to come
            if trigger.type in ("NEGOTIATES", "PARTY_TO") and subjects:
                # "Bessent, who negotiated the swap with Economy Minister Luis Caputo": both sides did;
                # "signed a memorandum with the Department of Energy": both are parties
                for x in right:
                    if mention_label(ents, x) != "Agreement" or x.entity not in objects:
                        continue
                    if trigger.type == "PARTY_TO":
                        # money and deals: "Defense Minister X signed an agreement with Denmark": Denmark
                        # (named inside the phrase) and X's country, a side of it, are parties too
                        sides = ents.entities[x.entity].parties or ()
                        inner = [y.entity for y in mentions if x.start < y.start and y.end <= x.end and
                                 mention_label(ents, y) in ACTOR and re.search(r"\bwith\s+(?:the\s+)?$",
                                                                              text[x.start:y.start])]
                        named = {m.entity for m in left if not m.anaphor}  # "His government": no state from a pronoun
                        states = [ents.country_of(p) for p in subjects if entity_label(ents, p) == "Person" and p in named]
                        subjects = list(dict.fromkeys(subjects + inner[:1] + [c for c in states if c in sides]))
                    behalf = re.match(r"\s+(?:\w+\s+){0,3}?on\s+behalf\s+of\s+(?:the\s+)?", text[x.end:clause_end])
                    if behalf and trigger.type == "PARTY_TO":
                        # money and deals: "signed the deal on behalf of the European Union": the EU is a party
                        principal = next((y for y in right if y.start == x.end + behalf.end()
                                          and mention_label(ents, y) in ACTOR), None)
                        if principal is not None and principal.entity not in subjects:
                            subjects = subjects + [principal.entity]
                    partner = re.match(r"\s+with\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,3}", text[x.end:clause_end])
                    if not partner:
                        continue
                    other = next((y for y in right if x.end < y.start <= x.end + partner.end()), None)
                    if other and not other.possessive and mention_label(ents, other) in ACTOR and other.entity not in subjects:
                        subjects = subjects + [other.entity]
                    break
            if trigger.type in STANCE_TYPES and objects and NOMINAL.match(match.group()) and (
                    UNSURE_AFTER.match(text, _object_end(right, objects, b), clause_end) or
                    ENDED_AFTER.match(text, _object_end(right, objects, b), clause_end)):
                continue  # "US support for Argentina may not be necessary": the stance itself is in doubt
                          # (ext-stance3: or over, "X's opposition to Y has faded")
            if along and trigger.type in STANCE_TYPES and subjects:
                for rs, re_ in along:
                    if re_ <= a and any(m.entity in subjects and m.end == rs for m in left):
                        subjects = subjects + [m.entity for m in actors if rs < m.start and m.end < re_ and
                                               not m.possessive and mention_label(ents, m) in ACTOR and
                                               m.entity not in subjects]
            if objects and trigger.type == "SUPPORTS" and match.group()[:5].lower() == "thank":
                # ext-stance3: "thanked Congress for approving the budget": courtesy to a chamber for its vote,
                # not support of it (issue 12's known wrong reading); people and governments thanked stay
                objects = [o for o in objects if not LEGISLATURE.search(o)]
            for subject in subjects:
                for obj in objects:
                    if obj == subject:
                        continue
                    out.append(Relation(subject, obj, rtype, index,
                                        _detail(trigger.type, chunk, match, text, ents, index),
                                        why=trigger.why))
    return out


HANDED = re.compile(r"(?:sen[dt]|gave|give|wire|transfer|hand|advance)", re.IGNORECASE)  # ext-deals3
LENDER_NAME = re.compile(r"^(?!.*\bCentral\b).*\b(?:Fund|Bank|Treasury|Reserve)\b")
PARTICIPLE = re.compile(r"(?:signed|agreed|sealed|inked|struck|concluded|reached|clinched|finali[sz]ed)", re.IGNORECASE)
AMONG_THOSE = re.compile(r"\s+(?:is|was|are|were|became|becomes|remains|remained)\s+(?:also\s+)?(?:among|one\s+of)\s+"
                         r"(?:the\s+)?(?:\w+\s+){0,3}?(?:countries|nations|states|governments|members|economies|"
                         r"companies|firms|banks|lenders|parties)\s+(?:that|which)\s+(?:(?:has|have|had|also|already|"
                         r"\w+ly)\s+){0,2}")  # ext-deals3
SAYING = re.compile(r",\s+(?:saying|adding|arguing|noting|claiming|warning|insisting|explaining)\s+(?:that\s+)?"
                    r"(?:(?!\b(?:it|they|he|she|we)\b)[^,;])*$", re.IGNORECASE)
# ext-deals3: "in discussions with Argentina's central bank governor, Santiago Bausili": the office
# holder named in the appositive is the counterpart, not the body of his office
OFFICE_APPOSED = re.compile(r"(?:['’]s)?\s+(?:[a-z][\w-]*\s+){0,2}(?:governor|minister|president|secretary|chief|head|"
                            r"director|negotiator|envoy|ambassador|chair|chairman|chairwoman|representative),\s+")


AGENT_ON = re.compile(r"\s+(?:\w+\s+){0,4}?on\s+(?:(?:the|a|an|most|some|all|imports\s+(?:from|of)|goods\s+from)\s+)*"
                      r"(?:(?P<demonym>(?-i:[A-Z])[\w.]+)\s+(?=[a-z]))?", re.IGNORECASE)


def _measure_target(ents, text: str, actors: list[Mention], agent: Mention, clause_end: int) -> list[str]:
    """ext-deals3: the target after 'imposed by X': 'on Brazil', 'on Argentine steel', else none."""
    on = AGENT_ON.match(text, agent.end, clause_end)
    if on is None:
        return []
    at = on.start("demonym") if on.group("demonym") else on.end()
    named = next((m.entity for m in actors if m.start == at and mention_label(ents, m) in ACTOR), None)
    if named:
        return [named]
    country = knowledge().demonyms.get(fold(on.group("demonym"))) if on.group("demonym") else None
    return [country] if country and country in ents.entities else []


def _office_holder(ents, text: str, right: list[Mention], objects: list[str]) -> list[str]:
    first = next((m for m in right if m.entity == objects[0]), None)
    if first is None or mention_label(ents, first) == "Person":
        return objects
    office = OFFICE_APPOSED.match(text, first.end)
    holder = next((m for m in right if office and m.start == office.end() and mention_label(ents, m) == "Person"), None)
    return [holder.entity] + objects[1:] if holder is not None else objects


def _coordinated(ents, text: str, first: list[Mention], right: list[Mention]) -> list[Mention]:
    """The first actor and those joined to it by commas or 'and' ("by Quirno, Greer and Lutnick")."""
    out = list(first) + [m for m in right if first and m.start == first[0].start and m is not first[0]
                         and mention_label(ents, m) in ACTOR]  # "by both governments": two at one place
    for m in right:
        if not out or m.start <= out[-1].start:
            continue
        if mention_label(ents, m) not in ACTOR or not re.fullmatch(
                r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?(?:[A-Z][\w.]*\s+){0,3}", text[out[-1].end:m.start]):
            break
        out.append(m)
    return out


# ext-money ----------------------------------------------------------------------------------------
MEASURE_SUFFERED = {"hit-with-by", "faces-measure"}
KEEPS_PERSON = {"entry-ban", "blacklisted"}  # a visa ban or a blacklisting names the person, not his country
TO_RECIPIENT = re.compile(r"\s+(?:to|for)\s+(?:the\s+)?")
# money phrases that may name a two-sided loan or swap: the agreement rule reads those, with its name
AGREEMENT_READS = {"amount-to", "possessed-loan-to", "rescued-by-from", "financing-from", "will-pay-to", "granted-a-loan",
                   "loan-of-from", "provided-with"}
# ext-precision: a noun right before a passive participle ("the resolution backed by"): a reduced relative
REDUCED_RELATIVE = guarded(re.compile(r"(?<=[a-z])\s(?!(?:was|were|been|being|is|are|be|has|have|had|get|got|gets|long|also|now|"
                                      r"once|still|even|then|first|later|both|all|each|not|never|reportedly)\s)"
                                      r"(?-i:[a-z][a-z-]*)(?<!ly)\s+$", re.IGNORECASE))
# ext-precision: "the meeting between X and Y was cancelled / called off"
CALLED_OFF = guarded(re.compile(r"\b(?:was|were|has\s+been|had\s+been|have\s+been|is|are|got)\s+(?:\w+ly\s+)?(?:cancel+ed|called\s+off|"
                                r"postponed|scrapped|suspended|shelved|put\s+off|pushed\s+back|delayed)\b", re.IGNORECASE))
# ext-precision: "defended X against Y", "would meet X if ...", "praised X and criticised Y"
ABOUT_BEFORE = guarded(re.compile(r"\b(?:about|regarding|concerning)\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:[\w.-]+\s+){0,2}$",
                                  re.IGNORECASE))
PREFERRING = guarded(re.compile(r"\b(?:prioriti[sz]\w*|prefer\w*|favou?r(?:s|ed|ing)?|chos\w*|choos\w*)\s+(?:\w+\s+){0,3}$",
                                re.IGNORECASE))
COORDINATED_VERB = re.compile(r"\s(?:and|but)\s+(?:also\s+|then\s+|later\s+)?(?:[a-z]+ed|said|met|told|spoke|won|lost|did|does|has|had|is|was|were)\b")
AGAINST_BEFORE = re.compile(r"\bagainst\s+(?:the\s+)?$", re.IGNORECASE)
FUTURE_BEFORE = guarded(re.compile(r"\b(?:would|will|could|might|may|'d|’d)\s+(?:\w+\s+)?$", re.IGNORECASE))
PRESENT_CONDITION = guarded(re.compile(r"\b(?:[Ii]f|[Uu]nless|[Ww]hether|[Ww]hen|[Oo]nce|[Uu]ntil|[Bb]efore)\b"))  # ext-roles3
IF_AFTER = guarded(re.compile(r"\b(?:if|unless|provided|should\s+the)\b", re.IGNORECASE))
CONDITION_AFTER = guarded(re.compile(r"\b(?:if|unless)\s+(?:needed|necessary|required|asked|requested)\b"))
# "a meeting with Secretary of State X": after a preposition an office begins the object
ENDS_WITH_PREPOSITION = guarded(re.compile(r"\b(?:with|to|for|of|by|from|on|against|between)$", re.IGNORECASE))
LENDER_OWNS = {"possessed-debtor"}  # "Argentina, the IMF's largest debtor": the owner is the lender
OF_CHARGE = re.compile(r"\s+of\s+(?:\w+ly\s+)?\w+ing\b")  # ext-stance3: "accused X of running ..."
LEGISLATURE = guarded(re.compile(r"\b(?:Congress|Senate|Chamber|Parliament|Legislature|Assembly|House of Representatives|Deputies)\b"))
NEXT_TITLED = re.compile(r"\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){1,3}")
AGREEMENT_PATIENT = {"welcomed-by-agreement"}  # ext-stance3: "the accord was welcomed by X": only an agreement is backed
# the nouns that name a trade measure, once for both patterns below
MEASURES = (r"tariffs?|dut(?:y|ies)|lev(?:y|ies)|sanctions?|quotas?|restrictions?|embargo(?:es)?|curbs?|bans?|measures?|"
            r"(?:export\s+)?controls")
MEASURE_NOUN = guarded(re.compile(r"\b(?:" + MEASURES + r")\b", re.IGNORECASE))  # "the 25% duty that X placed on Y"
MEASURE_ENDED = guarded(re.compile(r"\b(?:was|were|been|are|is)\s+(?:\w+ly\s+)?(?:lifted|removed|scrapped|suspended|eased|dropped|"
                                   r"waived|ended|lowered|cut|repealed|rolled\s+back|reversed|halved|reduced|eliminated|"
                                   r"withdrawn|struck\s+down|overturned)\b"))
ON_WORDS = re.compile(r"(?:(?:imports?|exports?|goods|products|shipments|sales|purchases)\s+(?:from|of)\s+(?:the\s+)?|"
                      r"(?:former|then|ex-|outgoing|deposed)\s+(?:[a-z]+\s+){0,2})")
MEASURE_BEFORE = guarded(re.compile(r"\b(?:" + MEASURES + r")\s+$"))  # "the tariffs imposed on Brazil"
RELATIVE_PRONOUN = guarded(re.compile(r"\b(?:that|which|who)\s+(?:\w+ly\s+)?$"))
FRONTED_MEETING = re.compile(r"\s*(?:During|At|In|After|Following|Before|Ahead\s+of)\s+(?:a|an|the|his|her|their|"
                             r"Monday's|Tuesday's|Wednesday's|Thursday's|Friday's|Saturday's|Sunday's)?\s*(?:\w+\s+){0,2}$")
MEASURE_AGENT = re.compile(r"\s+(?:(?:imposed|levied|set|applied)\s+)?(?:(?:by|from|in)\s+)?(?:the\s+)?")


def _measure_owner(ents, text, actors: list[Mention], a: int, b: int, clause_end: int) -> list[Mention]:
    """Who imposes a measure suffered: the owner inside the phrase ("US tariffs", "Washington's
    duties"), else the actor right after "by", "from" or "in"."""
    inside = [m for m in actors if a <= m.start and m.end <= b and mention_label(ents, m) in ACTOR]
    if inside:
        return inside[-1:]
    after = [m for m in actors if b <= m.start < clause_end and mention_label(ents, m) in ACTOR]
    return [m for m in after[:1] if MEASURE_AGENT.fullmatch(text[b:m.start])]


def _demonym_before(ents, text, start: int, a: int) -> list[str]:
    """'Argentine steel faces ...': the country of a demonym heading the clause's subject."""
    found = re.search(r"\b([A-Z][\w.]+)\s+(?:[a-z][\w-]*\s+){1,2}(?:(?:is|are|was|were|has|have|had|will|now|still|"
                      r"also|could|may)\s+)*(?:been\s+)?$", text[start:a])
    country = knowledge().demonyms.get(fold(found.group(1))) if found else None
    return [country] if country and country in ents.entities else []


def _issuer(ents, text, actors: list[Mention], a: int, b: int, phrase: str) -> list[str]:
    """The country whose pesos or bonds were bought: an actor or demonym in the phrase, else for a
    bare currency the article's country."""
    inside = [m for m in actors if a <= m.start and m.end <= b and mention_label(ents, m) in ACTOR]
    if inside:
        country = ents.country_of(inside[-1].entity) if mention_label(ents, inside[-1]) == "Person" else inside[-1].entity
        return [country] if country else []
    word = re.search(r"(?-i:[A-Z])[\w.’'-]+(?=\s+(?:pesos|bonds|sovereign|treasury|debt)\b)", phrase)
    if word:
        country = knowledge().demonyms.get(fold(word.group()))
        return [country] if country and country in ents.entities else []
    return [ents.home] if "pesos" in phrase.lower() and ents.home else []


def _object_end(right: list[Mention], objects: list[str], b: int) -> int:
    """Where the last chosen object ends (the trigger's end when none of them is named after it)."""
    ends = [m.end for m in right if m.entity in objects]
    return max(ends) if ends else b


def _fronted_agreement(ents, text, left: list[Mention], a: int, reduced: bool = False) -> tuple[list[str], str] | None:
    """'the trade deal that President Javier Milei has sought': (Milei, the deal)."""
    actors = [m for m in left if mention_label(ents, m) in ACTOR and not m.possessive]
    if not actors:
        return None
    subject = actors[-1]
    if not re.fullmatch(r"\s+(?:has|had|have|had\s+long|has\s+long|long|also|now|repeatedly|\w+ly)?\s*",
                        text[subject.end:a]):
        return None
    for m in reversed(left):
        if m.end <= subject.start and mention_label(ents, m) == "Agreement":
            if re.fullmatch(r"\s+(?:that|which)\s+(?:(?:[A-Z][\w.]*|the)\s+){0,3}", text[m.end:subject.start]) or \
                    reduced and re.fullmatch(r"\s+(?:the\s+)?", text[m.end:subject.start]):
                # "the framework (that) the two governments agreed": a reduced relative clause too
                # "the two governments" stands for both countries at one place
                return list(dict.fromkeys(x.entity for x in actors if x.start == subject.start)), m.entity
            # ext-deals3: "the trade deal(,) which Argentina and the United States signed": coordinated subjects
            group = find_subjects(ents, text, [x for x in actors if x.start > m.end], a, [])
            first = next((x for x in actors if x.start > m.end and x.entity in group), None)
            if len(group) > 1 and first is not None and re.fullmatch(
                    r",?\s+(?:that|which)\s+(?:the\s+)?", text[m.end:first.start]):
                return group, m.entity
            break
    return None


BARE_GOVERNMENT = re.compile(r"\s+(?:of\s+|for\s+|with\s+|to\s+)?"
                             # ext-stance3: "denounced the tariff policy of his government": an aspect of it, and
                             # "his / her / their (own) government" is the speaker's own country's
                             r"(?:the\s+(?:[a-z][\w-]*\s+){0,2}(?:policy|policies|handling|decision|decisions|plans?|"
                             r"record|approach|stance)\s+of\s+)?"
                             r"(?P<det>the|your|this|his|her|their)\s+(?:own\s+)?(?:national\s+|federal\s+|current\s+)?"
                             r"(?:government|administration)\b(?!\s+(?:of|in)\s+(?:the\s+)?[A-Z])")  # "the government's plan" too
WORK_OF = re.compile(r"\s+(?:the|his|her|their)\s+(?:\w+\s+)?(?:support|backing|help|leadership|efforts?|work|role|"
                     r"commitment|courage|stewardship)\s+of\s+(?:(?:the\s+)?(?:[A-Z][\w.]*\s+){0,4})?")
# ext-stance2: "criticised the economic policies of X", "questioned the legality of X": X is the target
# (data/relations.yaml, aspect_nouns); "the arrest of X", "the sale of X" are not aspects of X
ASPECT_OF = re.compile(r"\s+(?:the|its|their|his|her)\s+(?:[a-z][\w-]*\s+){0,2}(?P<noun>" + "|".join(
    # longest first, then alphabetical: one pattern text in every process (kept compiled between runs)
    map(re.escape, sorted(WORDS.get("aspect_nouns", ("policies",)), key=lambda w: (-len(w), w)))) + r")\s+(?:of|by)\s+(?:the\s+)?"
    # ext-stance3: "the fiscal policy of the government of X": an aspect of X's government is X's country's
    r"(?:(?P<gov>government|administration|regime)\s+of\s+(?:the\s+)?)?(?:[A-Z][\w.’'-]*\s+){0,4}")
GOVERNMENT_NOUNS = {"government", "administration", "regime", "cabinet"}
SUPPORT_NOUN_OF = re.compile(r"\s+(?:of|from)\b")
ADJECTIVE_NOUN = guarded(re.compile(r"\b(?:the|its|his|her|their|our)\s+[a-z][\w-]*\s+$"))
ALONG_WITH = re.compile(r",\s+(?:along\s+with|together\s+with|alongside)\s[^,;]*,")
UNLIKE = re.compile(r",\s+(?:unlike|like|as\s+opposed\s+to|in\s+contrast\s+(?:to|with))\s[^,;]*,")
ASIDE = re.compile(r",\s+(?:speaking|writing|addressing|testifying|appearing|talking|responding|replying|reacting|"
                   r"commenting|interviewing|standing|sitting)\b[^,]*,")
SUPPORT_NOUN = re.compile(r"\b(?:the|its|his|her|their|our|continued|further|own|of)\s+$")
BARE_PASSIVE = guarded(re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$"))


def _objects(ents, text, right: list[Mention], trigger: Trigger, b: int, clause_end: int,
             mentions: list[Mention]) -> list[str]:
    if right and right[0].possessive and trigger.type in ("SUPPORTS", "CRITICIZES") and len(right) > 1 and \
            mention_label(ents, right[1]) == "Person" and re.fullmatch(r"['’]s\s+(?:[a-z][\w-]*,?\s+){1,4}",
                                                               text[right[0].end:right[1].start]):
        right = right[1:]  # "praised Milei's economy minister, Luis Caputo": the minister
    if right and right[0].possessive and (trigger.type in ("MET_WITH", "ALLIED_WITH") or (
            trigger.type == "NEGOTIATES" and not right[0].anaphor and not any(
                mention_label(ents, x) == "Agreement" for x in right[1:2]))):
        # "met Machado's envoy": the envoy, not Machado; "met Milei's chief of staff Guillermo
        # Francos": the named official
        named = right[1] if len(right) > 1 else None
        if named is not None and mention_label(ents, named) == "Person" and (re.fullmatch(
                r"['’]s\s+(?:[\w-]+\s+){1,4}", text[right[0].end:named.start]) and
                trigger.type != "NEGOTIATES" or trigger.type == "NEGOTIATES" and OFFICE_APPOSED.fullmatch(
                text, right[0].end, named.start)):
            right = right[1:]  # (ext-deals3: "negotiating with Argentina's economy minister, Luis Caputo")
        else:
            return []
    # "criticised governments that treat Mercosur as ...": an actor inside a relative clause
    # after the object noun belongs to that clause's verb
    rel = RELATIVE_WORD.search(text[b:clause_end])
    if rel and LOWER_LETTER.search(text[b:b + rel.start()]):
        right = [m for m in right if m.start < b + rel.start()]
    # ", and Senator Grassley, ..., warned": a new clause with its own subject starts there
    cut = [m.start for m in right if ", and " in text[b:m.start] and starts_clause(text, m)]
    if cut:
        right = [m for m in right if m.start < cut[0]]
    allowed = [m for m in right if mention_label(ents, m) in trigger.targets
               and not (m.anaphor and m.possessive and m.start - b > 12)
               and not SAYS_AFTER.match(text[m.end:m.end + 10])
               and not (m.possessive and trigger.type in ("MET_WITH", "ALLIED_WITH", "MEMBER_OF"))]
    if trigger.prefer_agreement:
        # "approved the review of Argentina's $20 billion Extended Fund Facility": the owner of an
        # agreement is no object when the agreement itself can be
        owners = {id(m) for k, m in enumerate(right[:-1]) if m.possessive and mention_label(ents, right[k + 1]) ==
                  "Agreement" and right[k + 1].start - m.end <= 25}
        allowed = [m for m in allowed if id(m) not in owners]
    aspect = ASPECT_OF.fullmatch(text, b, allowed[0].start) if trigger.type in STANCE_TYPES and allowed else None
    if aspect and (aspect.group("noun").lower() in GOVERNMENT_NOUNS or aspect.group("gov")) and \
            mention_label(ents, allowed[0]) == "Person":
        # ext-stance2: "criticised the government of President X": X's country
        country = ents.country_of(allowed[0].entity)
        return [country] if country in ents.entities else []
    if trigger.type in ("SUPPORTS", "CRITICIZES") and allowed and re.search(
            r"^\s+(?:the|a|an|its|their|his|her)\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*\s+(?:of|for|about|on|with)\b",
            text[b:allowed[0].start]) and mention_label(ents, allowed[0]) != "Agreement" and not (
            trigger.type == "SUPPORTS" and WORK_OF.fullmatch(text[b:allowed[0].start])) and not aspect:
        return []  # (ext-stance2: bar an aspect of the actor, "the policies of X", "the legality of X": X)  # the stated object is a thing of its own ("the government", "the lack of ..."), bar
                   # someone's work ("praised the support of X", "the leadership of X": X)
    if trigger.type == "MEMBER_OF":
        # money and deals: "joined the IMF program" joins the program, not the Fund
        phrases = [x for x in mentions if mention_label(ents, x) == "Agreement"]
        allowed = [m for m in allowed if not any(x.start <= m.start and m.end <= x.end and x is not m for x in phrases)]
    if trigger.type == "FUNDS":
        # "financed Argentina", "lent to the Treasury": the beneficiary follows the verb closely;
        # "yuan financing in place despite ... Beijing" names none
        allowed = [m for m in allowed if m.start - b <= 30]
    if not allowed:
        return []
    if trigger.prefer_agreement:
        agreements = [m for m in allowed if mention_label(ents, m) == "Agreement" and m.start - b < 120]
        if agreements and trigger.type in STANCE_TYPES and agreements[0] is not allowed[0] and not \
                allowed[0].possessive and re.fullmatch(r"\s+(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,4}", text[b:allowed[0].start]) \
                and (re.search(r"\b(?:over|for|about|on)\b", text[allowed[0].end:agreements[0].start]) or
                     OF_CHARGE.match(text, allowed[0].end)):
            agreements = []  # "slammed Bessent over the swap line": the person is the object
            # (ext-stance3: and "accused Bessent of running a bailout": the charge follows the person)
        if agreements and (agreements[0] is allowed[0] or agreements[0].start - b < 45
                           or trigger.targets == frozenset({"Agreement"}) or trigger.type == "NEGOTIATES"):
            return [agreements[0].entity]
    first = allowed[0]
    if first.start - b > 120:
        return []
    chosen = [first.entity]
    if trigger.objects == "list":
        prev, owner_of = first, None
        for k, m in enumerate(allowed[1:], 1):
            between = text[prev.end:m.start]
            if owner_of is m:
                chosen.append(m.entity)  # the official named after the owner skipped just before
                prev, owner_of = m, None
                continue
            if trigger.type in STANCE_TYPES and m.possessive and k + 1 < len(allowed) and mention_label(
                    ents, allowed[k + 1]) == "Person" and re.fullmatch(r"['’]s\s+(?:[\w-]+\s+){0,3}[\w-]+,?\s*",
                                                                     text[m.end:allowed[k + 1].start]) and \
                    re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", between):
                owner_of = allowed[k + 1]  # "thanked X and the IMF's director, Nigel Chalk": the director
                continue
            if re.fullmatch(r"\s*(?:\([^)]*\)\s*)?(?:,|and|or|,\s*and|as well as|such as)\s*(?:the\s+)?", between) or (
                    trigger.type in STANCE_TYPES and mention_label(ents, m) == "Person" and re.fullmatch(
                        r"\s*(?:,\s*)?and\s+(?:(?:the\s+)?(?:[A-Z][\w.-]*\s+){1,3}|"
                        r"(?:its|their|his|her)\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*,\s+)", between)):
                # "criticised President Milei and Economy Minister Caputo": a titled person joins the list
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
        detail = re.split(r"[,;]", tail)[0].strip().rstrip(".")  # "from the U.S. Treasury" keeps its "U.S."
        return {"detail": (match.group() + " " + detail).strip()}
    return {}


def trigger_phrases(s: SentenceView) -> list[Relation]:
    """Every trigger of data/relations.yaml that matches the sentence, with its subject and object."""
    return _triggers(s.ents, s.tokens, s.mentions, s.index, s.lowered)
