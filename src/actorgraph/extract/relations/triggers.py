"""Trigger phrases (data/relations.yaml): each match's subject and object through the clause around it."""

from __future__ import annotations

import re

from ..entities import ArticleEntities, Mention
from ..lexicon import fold, knowledge
from ..rulebook import Trigger, rulebook
from ..text import Token
from .base import ACTOR, entity_label, mention_label, Relation, SentenceView
from .clauses import (DURING, after_preposition, is_locative, is_modifier, negated, possessor_subject,
                      starts_clause, find_subjects, is_title_modifier, verb_follows)

MEASURE_RE = re.compile(r"((?:\b\d+(?:\.\d+)?\s?(?:percent|per cent|%)\s+)?(?:\w+\s+)?"
                        r"(?:tariffs?|sanctions?|duties|levies|embargo|restrictions|trade war)\b"
                        r"(?:\s+on\s+[A-Za-z]+(?:\s+(?!on\b|in\b|at\b|by\b)[a-z]+){0,3})?)", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r";|\s[–—]\s|:\s|,\s+(?:but|while|whereas|although|though|yet)\b|\bwhile\b")
RELATIVE = re.compile(r",\s+(?:who|which|whose|a|an|often|now|once|then|currently|like|also|the\s+[a-z]\w*)\b[^,]*,")


def _triggers(ents: ArticleEntities, tokens: list[Token], mentions: list[Mention], index: int) -> list[Relation]:
    out: list[Relation] = []
    sentence = ents.sentences[index]
    text = ents.text
    chunk = text[sentence.start:sentence.end]
    base = sentence.start
    actors = [m for m in mentions if mention_label(ents, m) is not None]
    if not actors:
        return out
    candidates = rulebook().candidates(chunk.lower())
    if len({m.entity for m in actors}) < 2:
        # one actor: nothing to relate, bar "tariffs on Argentine goods" and "accused the government"
        kept = ("IMPOSES", "CRITICIZES", "SUPPORTS") if "government" in chunk or "administration" in chunk else ("IMPOSES",)
        candidates = [t for t in candidates if t.type in kept]
    if not candidates:
        return out
    breaks: list[int] | None = None  # clause breaks and relative clauses: read at the first match that needs them
    relatives: list[tuple[int, int]] = []
    for trigger in candidates:
        for match in trigger.pattern.finditer(chunk):
            a, b = base + match.start(), base + match.end()
            if negated(text, base, a, trigger.type):
                continue
            if any(m.start <= a < m.end for m in actors if not m.anaphor and not (
                    trigger.type == "FUNDS" and mention_label(ents, m) == "Agreement")):
                continue  # the trigger word is part of a name ("Democratic Senator"), bar "a $380 million loan from X"
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
            if breaks is None:
                breaks = [base + b.start() for b in CLAUSE_BREAK.finditer(chunk)]
                relatives = [(base + r.start(), base + r.end()) for r in RELATIVE.finditer(chunk)]
            clause_start = max([x for x in breaks if x < a], default=base)
            clause_end = min([x for x in breaks if x >= b], default=sentence.end)
            for rs, re_ in relatives:
                if rs < a < re_:
                    clause_end = min(clause_end, re_)  # a trigger inside ", who met X," ends there
            left = [m for m in actors if clause_start <= m.start and m.end <= a]
            right = [m for m in actors if b <= m.start and m.end <= clause_end]
            right = [m for m in right if not is_locative(text, m, b) and not DURING.search(text, b, m.start)]
            right = [m for m in right if not is_modifier(ents, text, m, mentions)]
            if trigger.mode == "between":
                ends = [m for m in right if mention_label(ents, m) in trigger.targets][:2]
                if len(ends) == 2:
                    out.append(Relation(ends[0].entity, ends[1].entity, trigger.type, index, why=trigger.why))
                continue
            if trigger.mode == "mutual":
                subjects = find_subjects(ents, text, left, a, relatives)
                if len(subjects) >= 2:
                    out.append(Relation(subjects[0], subjects[1], trigger.type, index, why=trigger.why))
                continue
            if trigger.mode == "possessed":
                owner = [m for m in mentions if m.possessive and 0 <= a - m.end <= 4 and mention_label(ents, m) in ACTOR]
                others = find_subjects(ents, text, [m for m in left if not owner or m.end <= owner[0].start], a,
                                   relatives, fallback_possessive=False)
                for o in owner[:1]:
                    for other in others[:1]:
                        out.append(Relation(other, o.entity, trigger.type, index, why=trigger.why))
                continue
            if trigger.mode == "passive":
                agents = [m for m in right if mention_label(ents, m) in ACTOR][:1]
                patients = find_subjects(ents, text, left, a, relatives)
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
                if trigger.type == "IMPOSES":
                    patients = [ents.country_of(p) if entity_label(ents, p) == "Person" else p for p in patients]
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
                antecedent = next((m for m in reversed(left) if mention_label(ents, m) in ACTOR and re.fullmatch(
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
                possessor_subject(ents, text, mentions, a) or find_subjects(ents, text, left, a, relatives))
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
            if re.search(r"\band\s+(?:\w+ly\s+)?$", text[max(base, a - 16):a]) and left:
                # "Milei called Trump a friend and thanked Bessent": the verbs share the first subject
                first = find_subjects(ents, text, left[:1], left[0].end, relatives, fallback_possessive=False)
                if first and verb_follows(text, left[0]):
                    subjects = first
            objects = _objects(ents, text, right, trigger, b, clause_end, mentions)
            if not objects and trigger.type in ("CRITICIZES", "SUPPORTS") and ents.home and \
                    BARE_GOVERNMENT.match(text, b, clause_end):
                # "accused the government of ...": unqualified, the government is the article country's
                objects = [ents.home]
            if trigger.objects == "next":  # "wants China out": the name right after the verb
                objects = [m.entity for m in actors if 0 <= m.start - b <= 2 and mention_label(ents, m) in trigger.targets][:1]
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
            if trigger.type == "FUNDS" or (trigger.type == "IMPOSES" and "sanction" not in match.group().lower()):
                # money and tariffs reach a country ("bail out his friend President Milei" -> Argentina);
                # sanctions may name a person
                objects = [ents.country_of(o) if entity_label(ents, o) == "Person" else o for o in objects]
                objects = [o for o in objects if o and o in ents.entities]
            if trigger.type in ("NEGOTIATES", "PARTY_TO") and subjects:
                # "Bessent, who negotiated the swap with Economy Minister Luis Caputo": both sides did;
                # "signed a memorandum with the Department of Energy": both are parties
                for x in right:
                    if mention_label(ents, x) != "Agreement" or x.entity not in objects:
                        continue
                    partner = re.match(r"\s+with\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,3}", text[x.end:clause_end])
                    if not partner:
                        continue
                    other = next((y for y in right if x.end < y.start <= x.end + partner.end()), None)
                    if other and not other.possessive and mention_label(ents, other) in ACTOR and other.entity not in subjects:
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
    actors = [m for m in left if mention_label(ents, m) in ACTOR and not m.possessive]
    if not actors:
        return None
    subject = actors[-1]
    if not re.fullmatch(r"\s+(?:has|had|have|had\s+long|has\s+long|long|also|now|repeatedly|\w+ly)?\s*",
                        text[subject.end:a]):
        return None
    for m in reversed(left):
        if m.end <= subject.start and mention_label(ents, m) == "Agreement":
            if re.fullmatch(r"\s+(?:that|which)\s+(?:(?:[A-Z][\w.]*|the)\s+){0,3}", text[m.end:subject.start]):
                return subject.entity, m.entity
            break
    return None


BARE_GOVERNMENT = re.compile(r"\s+(?:of\s+|for\s+|with\s+|to\s+)?(?:the|your|this)\s+(?:national\s+|federal\s+|current\s+)?"
                             r"(?:government|administration)\b(?!\s+(?:of|in)\s+(?:the\s+)?[A-Z])(?!['’]s)")
SUPPORT_NOUN = re.compile(r"\b(?:the|its|his|her|their|our|continued|further|own|of)\s+$")
BARE_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$")


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
        if named is not None and mention_label(ents, named) == "Person" and re.fullmatch(
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
    cut = [m.start for m in right if ", and " in text[b:m.start] and starts_clause(text, m)]
    if cut:
        right = [m for m in right if m.start < cut[0]]
    allowed = [m for m in right if mention_label(ents, m) in trigger.targets
               and not (m.anaphor and m.possessive and m.start - b > 12)
               and not re.match(r"\s+(?:said|says|told|added|noted|stated)\b", text[m.end:m.end + 10])
               and not (m.possessive and trigger.type in ("MET_WITH", "ALLIED_WITH", "MEMBER_OF"))]
    if trigger.prefer_agreement:
        # "approved the review of Argentina's $20 billion Extended Fund Facility": the owner of an
        # agreement is no object when the agreement itself can be
        owners = {id(m) for k, m in enumerate(right[:-1]) if m.possessive and mention_label(ents, right[k + 1]) ==
                  "Agreement" and right[k + 1].start - m.end <= 25}
        allowed = [m for m in allowed if id(m) not in owners]
    if trigger.type in ("SUPPORTS", "CRITICIZES") and allowed and re.search(
            r"^\s+(?:the|a|an|its|their|his|her)\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*\s+(?:of|for|about|on|with)\b",
            text[b:allowed[0].start]) and mention_label(ents, allowed[0]) != "Agreement":
        return []  # the stated object is a thing of its own ("the government", "the lack of ...")
    if trigger.type == "FUNDS":
        # "financed Argentina", "lent to the Treasury": the beneficiary follows the verb closely;
        # "yuan financing in place despite ... Beijing" names none
        allowed = [m for m in allowed if m.start - b <= 30]
    if not allowed:
        return []
    if trigger.prefer_agreement:
        agreements = [m for m in allowed if mention_label(ents, m) == "Agreement" and m.start - b < 120]
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


def trigger_phrases(s: SentenceView) -> list[Relation]:
    """Every trigger of data/relations.yaml that matches the sentence, with its subject and object."""
    return _triggers(s.ents, s.tokens, s.mentions, s.index)
