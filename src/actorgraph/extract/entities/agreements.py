"""Agreements named in lower case by their parties, their anaphors, and one node per agreement."""

from __future__ import annotations

import re
from operator import attrgetter

from ..lexicon import AGREEMENT_HEADS, AGREEMENT_MODIFIERS, AGREEMENT_TOPICS, COMMON, Knowledge, fold, knowledge
from ..text import Token
from .model import (ArticleEntities, Mention, MentionEditor, _NONE, _fold, _mention_at,
                    _most_mentioned_country, _token_index, mentions_by_sentence)
from .words import ANAPHORS, ANAPHOR_DETERMINERS, FINANCIAL, FINANCIAL_KINDS, MONTHS as MONTHS_LOW


_HEADS = frozenset(AGREEMENT_HEADS | ANAPHORS | {"it", "budget", "line"})  # every word agreement_phrases acts on
_LOWER = attrgetter("lower")


def agreement_phrases(result: ArticleEntities) -> None:
    """Lower-case agreement phrases and their anaphors ('the deal', 'this program')."""
    kb = knowledge()
    tokens_of = result.tokens
    text = result.text
    last_agreement: str | None = None
    last_financial: str | None = None
    last_law: str | None = None
    last_plain: str | None = None    # the latest agreement that is no loan or swap
    last_lent: str | None = None     # the latest program with a fund or bank as a side ("the program")
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
                    if _lender_side(result, entity.parties):
                        last_lent = entity.name
                    elif FUND_FACILITY_RE.search(entity.name):
                        last_kind["financing program"] = entity.name  # "the program" after "Extended Fund Facility"
            if _HEADS.isdisjoint(map(_LOWER, tokens)):
                continue  # no word the loop below reads as a head: it would change nothing
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
                if head in ("framework", "trade") and i + 1 < len(tokens) and tokens[i + 1].lower in AGREEMENT_HEADS:
                    continue  # ext-parties: "a framework agreement": the head is the next word
                if tok.text[:1].isupper() and (named := _mention_at(existing, tok)) and \
                        (result.entities.get(named.entity) or _NONE).label == "Agreement":
                    continue  # ext-parties: "the Lima Accord with Peru": the name is the agreement, no second one
                # walk left over modifiers, amounts and capitalised party names
                j = i
                parties: list[str] = []
                amount = False
                mods: list[str] = []
                while j > 0:
                    prev = tokens[j - 1]
                    low = prev.lower
                    mention = _mention_at(existing, prev)
                    if (low in AGREEMENT_MODIFIERS or low in AGREEMENT_TOPICS or
                            low in ("billion", "million", "trillion", "bn")) and prev.text.islower():
                        mods.append(low)
                        j -= 1
                    elif prev.text[:1] in "$" or prev.text == "US$" or prev.text[:1].isdigit() or low.startswith(
                            ("multibillion", "multi-billion", "billion-")):
                        amount = True
                        j -= 1
                    elif prev.text in ("-", "–", "/") and j > 1:  # "the EU–Mercosur agreement"
                        j -= 1
                    elif low == "and" and mods and j > 1 and tokens[j - 2].text.islower() and (
                            tokens[j - 2].lower in AGREEMENT_TOPICS or tokens[j - 2].lower == "trade"):
                        j -= 1  # ext-parties: "a trade and investment agreement": both topics are read
                    elif low == "framework" and head in ("agreement", "agreements", "accord", "deal"):
                        j -= 1  # ext-parties: "a trade and investment framework agreement"
                    elif mention and result.entities.get(mention.entity) and result.entities[
                            mention.entity].label in ("Country", "Organization", "Person"):
                        parties.append(mention.entity)
                        j = _token_index(tokens, mention.start)
                    elif "-" in prev.text[1:-1] and prev.text[:1].isupper() and (
                            sides := _hyphenated_sides(result, prev.text, kb)):
                        parties.extend(sides)  # ext-parties: "the US-Argentina trade pact", "Mercosur-EU deal"
                        j -= 1
                    elif low in ("its", "their") and prev.text.islower():
                        bodies = [m for m in existing if m.end <= prev.start and result.entities.get(m.entity) and
                                  result.entities[m.entity].label in ("Country", "Organization")]
                        if bodies:
                            parties.append(bodies[-1].entity)
                        break
                    elif low in ("’s", "'s") and j > 2 and tokens[j - 2].lower == "country" and \
                            tokens[j - 3].lower == "the" and result.home:
                        parties.append(result.home)  # "the country's program": the article's country
                        break
                    elif low in ("’s", "'s") and j > 1:
                        owner = _mention_at(existing, tokens[j - 2])
                        if owner is None or result.entities.get(owner.entity) is None:
                            break
                        parties.append(owner.entity)
                        j = _token_index(tokens, owner.start)
                    else:
                        if prev.text[:1].isupper() and head in ("agreement", "accord", "treaty", "pact", "agreements") or \
                                head in ("program", "programme") and prev.text.isupper() and len(prev.text) > 2:
                            # "the FIRST programme": an acronym names a programme of its own
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
                # ext-deals3: "a memorandum of understanding on / with ...": the head spans "of understanding"
                mou = MOU.match(text, tok.end) if head == "memorandum" else None
                if mou:
                    end = mou.end()
                p = _participle_between(tokens, i + 1 + (2 if mou else 0))  # "a swap agreed in October between X and Y"
                if p < len(tokens) and (tokens[p].lower in ("with", "to", "for", "of", "between") or
                                        tokens[p].lower == "from" and head in FINANCIAL):  # "a loan from the IMF"
                    k = p + 1
                    if k < len(tokens) and tokens[k].lower == "the":
                        k += 1
                    if k < len(tokens):
                        mention = _mention_at(existing, tokens[k])
                        if mention and result.entities.get(mention.entity) and result.entities[
                                mention.entity].label in ("Country", "Organization", "Person"):
                            right_party = mention.entity
                            end = mention.end
                            if tokens[p].lower == "between":  # "an agreement between Argentina and the Fund"
                                other = _second_party(result, tokens, existing, mention)
                                if other:
                                    parties.append(other.entity)
                                    end = other.end
                topic = POST_TOPIC.match(text, mou.end() if mou else tok.end) if head in TOPIC_HEADS else None
                if topic:
                    # ext-parties: "a framework agreement on reciprocal trade", "a deal on critical
                    # minerals": the topic after the head names the kind as one before it would
                    said = topic.group("topic").lower().split()  # "on Trade and Investment" too
                    words = [w for w in said if w in AGREEMENT_TOPICS or w == "trade"]
                    if words == said[:len(words)] and words:
                        mods = (["trade"] if "trade" in words else words[::-1]) + mods
                        had_words = True
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
                elif head in ("program", "programme") and not mods and parties and \
                        _lender_subject(result, text, existing, sentence.start, start):
                    mods.append("financing")  # "the IMF's board approved the review of the country's program"
                elif head in ("program", "programme") and not parties and not right_party and not amount and \
                        set(mods) <= {"new", "fresh", "current", "existing", "proposed", "possible", "latest"} and \
                        left_i > 0 and tokens[left_i - 1].lower in ("a", "an", "the", "its", "this", "that") and \
                        (lender := next((m.entity for m in existing if _lender_side(result, (m.entity,))), None)):
                    # ext-parties: "Argentina and the IMF began talks on a new program": the fund or
                    # bank the sentence names is its lender
                    parties.append(lender)
                    mods.append("financing")
                kind = _agreement_kind(head, mods)
                if kind in last_kind and _definite(tokens, left_i) and \
                        not (parties or right_party or amount) and head not in ("program", "programme") and \
                        set(mods) <= GENERIC_MODS and i + 1 < len(tokens) and tokens[i + 1].lower not in (
                            "with", "between", "to", "for", "of", "from"):
                    # ext-parties: "the trade pact" after "the EU–Mercosur trade agreement": that one
                    target = last_kind[kind]
                    edit.add(Mention(tok.start, tok.end, tok.text, target, index, anaphor=True))
                    last_seen = index
                    last_agreement = target
                    continue
                if head in ("framework", "memorandum", "arrangement") and descriptive and not (
                        parties or right_party or "trade" in mods or _coordinated_parties(
                            result, text, existing, sentence.start, tokens[left_i].start)):
                    continue  # ext-parties: "a regional security framework" is no agreement of anyone's
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
                    elif head in ("program", "programme") and last_lent:
                        target = last_lent  # "the programme" after "an agreement with the IMF": the Fund's program
                    if i + 1 < len(tokens) and tokens[i + 1].lower in ("for", "of") and head in (
                            "framework", "plan", "package"):
                        target = None  # "a framework for a reciprocal trade agreement": the phrase names it
                    prev_word = tokens[i - 1].lower if i > 0 else ""
                    if prev_word.isalpha() and prev_word not in ANAPHOR_DETERMINERS and not _mention_at(
                            existing, tokens[i - 1]):
                        target = None  # "the naval base plan" is another plan; "the plan", "US aid" refer back
                    if prev_word in ("a", "an") and head in ("deal", "agreement", "accord", "pact", "treaty") and \
                            i + 1 < len(tokens) and re.fullmatch(r"[a-z]+ed|struck|made|won|signed", tokens[i + 1].text):
                        target = None  # ext-parties: "under a deal negotiated in 2014" is another deal
                    if target and tok.lower != "act":
                        s = tok.start
                        edit.add(Mention(s, tok.end, tok.text, target, index, anaphor=True))
                        last_seen = index
                        last_agreement = target  # "called the budget ... and would reject it": the budget
                        continue
                    if not (kind and kind.endswith("agreement") and _coordinated_parties(
                            result, text, existing, sentence.start, tokens[left_i].start)):
                        continue
                    # "Argentina and Chile reached an agreement": nothing to point back to, the
                    # coordinated subjects name a new one (below)
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
                if kind in ("financing program", "loan", "credit line") and len(all_parties) == 1 and \
                        (result.entities.get(all_parties[0]) or _NONE).label == "Country":
                    # "The IMF approved a $20 billion programme for Argentina": a lender that is the
                    # sentence's subject is the other side
                    lender = _lender_subject(result, text, existing, sentence.start, start)
                    if lender:
                        all_parties.append(lender)
                if kind in ("agreement", "memorandum") and len(all_parties) == 1 and right_party:
                    # "The International Monetary Fund's staff reached a staff-level agreement with
                    # Argentina": the sentence's subject is the other side
                    subject = next((m for m in existing if m.start < start and result.entities.get(m.entity)
                                    and result.entities[m.entity].label in ("Country", "Organization", "Person")),
                                   None)
                    lead = (_party_name(result, subject.entity) if result.entities[subject.entity].label != "Person"
                            else result.country_of(subject.entity) or result.home) if subject else None
                    # a minister signs for the state: a person's known country, else the article's own
                    lead_in = text[sentence.start:subject.start] if subject else ""
                    if subject and result.entities[subject.entity].label == "Person":
                        # "In April 2024 Defense Minister X signed ...": a date and a title may lead in
                        lead_in = re.sub(r"^(?:In|On|Last|Earlier)\s+(?:\w+\s+){0,3}?(?:\d{4}|\w+day)\s*,?\s*", "",
                                         lead_in)
                        lead_in = re.sub(r"(?:\b[A-Z][\w.-]*\s+){1,4}$", "", lead_in)
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
                if not all_parties and (kind.endswith("agreement") or kind in (
                        "currency swap", "loan", "credit line", "financing program", "memorandum")):  # ext-parties
                    # "The United States and Argentina signed a critical minerals agreement": the
                    # coordinated subjects are its sides
                    all_parties = _coordinated_parties(result, text, existing, sentence.start, start)
                if len(all_parties) < 2 and (kind.endswith("agreement") or kind in ("currency swap", "memorandum")):
                    # ext-deals3: "the trade framework that the Milei government signed with the United
                    # States": the relative clause names both sides
                    for c in _relative_sides(result, text, existing, end):
                        if c not in all_parties and len(all_parties) < 2:
                            all_parties.append(c)
                if kind in ("trade agreement", "currency swap") or (kind.endswith(" agreement") and kind != "agreement"
                                                                     or "bilateral" in mods) and len(all_parties) < 2:
                    # "The leaders of the Mercosur trade bloc ... the trade agreement with the European
                    # Union": the sentence's own subject is the other side, else the article's countries
                    subject = next((m for m in existing if m.start < start and result.entities.get(m.entity)
                                    and result.entities[m.entity].label in ("Country", "Organization", "Person")),
                                   None)
                    lead = _party_name(result, subject.entity) if subject else None
                    lead_in = text[sentence.start:subject.start] if subject else ""
                    lead_in = OPENING_PHRASE.sub("", lead_in)  # ext-parties: "After two decades of talks, the EU ..."
                    if lead and lead not in all_parties and len(all_parties) == 1 and len(lead_in.split()) <= 5 and \
                            not re.search(r"[,;:]|\w(?:ed|ing)\b", lead_in):
                        all_parties.append(lead)
                    for c in (result.home or _most_mentioned_country(result), result.second):
                        if c and c not in all_parties and len(all_parties) < 2:
                            all_parties.append(c)
                if not all_parties and not amount and not mods:
                    continue
                if head in ("agreement", "deal", "accord", "treaty", "pact", "framework", "memorandum",
                            "accords", "arrangement") and not all_parties and not (
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
                entity = result.add(name, "Agreement", surface_full if " " in surface_full else None, kind=kind,
                                    parties=tuple(all_parties))  # a bare "agreement" is no alias
                variants = {surface_core, surface_full, _strip_amount(surface_full), _strip_amount(surface_core)}
                variants |= {_strip_possessor(v) for v in variants}
                variants |= {re.sub(r"\s+(?:with|to|for|of)\s.*$", "", v) for v in variants}
                variants = {re.sub(r"\s+(?:" + "|".join(PARTICIPLES) + r")\s.*$", "", v) for v in variants}
                for alias in variants:
                    if alias and alias != name and " " in alias:
                        entity.aliases.add(alias)
                _drop_inside(result, edit, index, start, end, name)
                edit.add(Mention(start, end, surface_full, name, index, phrase=True))
                last_agreement = name
                last_seen = index
                last_kind[kind] = name
                if _lender_side(result, all_parties):
                    last_lent = name
                if kind in ("currency swap", "loan", "credit line", "bailout", "financing program"):
                    last_financial = name
                else:
                    last_plain = name


# ext-parties: a phrase that opens a sentence before its subject ("After two decades of talks, ",
# "On Friday, "): no part of the subject's lead-in
OPENING_PHRASE = re.compile(r"^(?:After|Following|On|In|Last|Earlier|Later|Since|Despite|Amid|With)\b[^,;:]{0,80},\s+")


# ext-parties: what an agreement is about, after its head ("on reciprocal trade", "covering
# critical minerals"); agreement_topics (lexicon.yaml) and "trade" decide whether it names the kind
GENERIC_MODS = {"trade", "free", "bilateral", "new", "proposed", "landmark", "historic", "comprehensive", "reciprocal",
                "currency", "swap", "tariff"}  # words that do not tell one agreement of a kind from another
TOPIC_HEADS = {"agreement", "deal", "accord", "treaty", "pact", "framework", "memorandum", "agreements", "accords"}
POST_TOPIC = re.compile(r"\s+(?:on|over|covering|for)\s+(?:(?:reciprocal|bilateral|free|fair|mutual|expanded|"
                        r"greater|closer)\s+)*(?P<topic>[A-Za-z]+(?:\s+[A-Za-z]+)?)\b", re.IGNORECASE)


def _definite(tokens: list[Token], left_i: int) -> bool:
    """'the trade pact', 'the largest trade agreement': a definite article at most two words before
    the phrase (and no indefinite one nearer)."""
    for k in range(left_i - 1, max(-1, left_i - 4), -1):
        low = tokens[k].lower
        if low in ("the", "this", "that"):
            return True
        if not (low.endswith("est") or low in DEFINITE_SKIPS) or not tokens[k].text.islower():
            return False  # "the yuan swap" names another swap; "the largest trade agreement" does not
    return False


DEFINITE_SKIPS = {"same", "current", "existing", "proposed", "planned", "controversial", "whole", "entire", "new",
                  "bilateral", "much-discussed", "long-awaited", "long-negotiated", "landmark", "historic"}


def _lender_side(result: ArticleEntities, parties) -> bool:
    """Has the agreement a fund or bank (not a central bank) among its sides?"""
    return any((result.entities.get(p) or _NONE).label == "Organization" and re.search(r"\b(?:Fund|Bank)\b", p)
               and not p.startswith("Central Bank") for p in parties or ())


def _lender_subject(result: ArticleEntities, text: str, existing: list[Mention], begin: int,
                    start: int) -> str | None:
    """A fund or bank (not a central bank) that is the subject of the sentence (or of its clause
    opened by 'after', 'when', ...) before the phrase."""
    before = [m for m in existing if m.end <= start and result.entities.get(m.entity) is not None
              and result.entities[m.entity].label in ("Country", "Organization", "Person")]
    # "Bonds rose after the International Monetary Fund's board approved ...": a clause's subject
    clause = [m for m in before if re.search(r"\b(?:after|when|as|since|because|once)\s+(?:the\s+)?$",
                                             text[max(begin, m.start - 12):m.start])]
    first = clause[-1] if clause else before[0] if before else None
    lead_in = text[begin:first.start] if first and not clause else ""
    if len(lead_in.split()) > 3 or re.search(r"[,;:]", lead_in):
        return None
    if first is None or result.entities[first.entity].label != "Organization":
        return None
    words = set(first.entity.lower().split())
    if "central" in words or not words & {"bank", "fund"}:
        return None
    return first.entity


def _coordinated_parties(result: ArticleEntities, text: str, existing: list[Mention], begin: int,
                         start: int) -> list[str]:
    """The sides of 'X and Y signed a ... agreement': two countries or bodies joined by 'and',
    the first at most five words into the sentence, the phrase after them."""
    actors = [m for m in existing if m.end <= start and result.entities.get(m.entity) is not None
              and result.entities[m.entity].label in ("Country", "Organization") and not m.possessive]
    for first, second in zip(actors, actors[1:]):
        if re.fullmatch(r"\s+and\s+(?:the\s+)?", text[first.end:second.start]) and \
                len(text[begin:first.start].split()) <= 5 and not re.search(r"[,;:]", text[begin:first.start]):
            names = [_party_name(result, first.entity), _party_name(result, second.entity)]
            if all(names) and names[0] != names[1]:
                return names
    return []


PARTICIPLES = {"agreed", "signed", "reached", "struck", "concluded", "sealed", "negotiated", "renewed"}


def _participle_between(tokens: list[Token], p: int) -> int:
    """The index of 'between' in 'agreed in October between', else ``p`` itself."""
    if p >= len(tokens) or tokens[p].lower not in PARTICIPLES:
        return p
    for q in range(p + 1, min(p + 5, len(tokens))):
        low = tokens[q].lower
        if low == "between":
            return q
        if not (low in ("in", "on", "last", "this", "early", "late") or low.isdigit() or low in MONTHS_LOW):
            break
    return p


def _relative_sides(result: ArticleEntities, text: str, existing: list[Mention], end: int) -> list[str]:
    """ext-deals3: the two sides named by a relative clause right after an agreement phrase."""
    after = sorted((m for m in existing if m.start >= end), key=lambda m: m.start)[:2]
    if len(after) < 2 or not re.fullmatch(r"\s+(?:that|which)?\s*(?:the\s+)?", text[end:after[0].start]) or \
            not re.fullmatch(r"\s+(?:(?:has|had|have|also|just|finally|\w+ly)\s+){0,2}(?:signed|agreed|negotiated|"
                             r"struck|sealed|reached|inked|concluded|clinched)\s+with\s+(?:the\s+)?",
                             text[after[0].end:after[1].start]):
        return []
    sides = []
    for m in after:
        entity = result.entities.get(m.entity)
        if entity is None or entity.label not in ("Country", "Organization", "Person"):
            return []
        side = _party_name(result, m.entity)
        if side and side not in sides:
            sides.append(side)
    return sides


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
    if not keys or "$" not in result.text:
        return  # no amount in the article: none in a sentence of it
    by_sentence = mentions_by_sentence(result.mentions)
    for index, sentence in enumerate(result.sentences):
        if result.text.find("$", sentence.start, sentence.end) < 0:
            continue  # every amount holds a "$"; AMOUNT_RE is tried at every position
        for m in AMOUNT_RE.finditer(result.text, sentence.start, sentence.end):
            key = _amount_key(m.group())
            if re.match(r"\s+[A-Z]", result.text[m.end():m.end() + 2]):
                continue  # "$20 billion Extended Fund Facility": a name of its own follows
            if key in keys and not any(x.start <= m.start() < x.end for x in by_sentence.get(index, ())):
                result.mentions.append(Mention(m.start(), m.end(), m.group(), keys[key], index, anaphor=True))


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
                          r"oppos(?:e|ed|es)|back(?:ed|s)?|endors(?:e|ed|es)|veto(?:ed|es)?|block(?:ed|s)?|"
                          # ext-parties: "both countries signed it", "Congress ratified it", "renegotiate it"
                          r"sign(?:ed|s|ing)?|ratif(?:y|ied|ies|ying)|ink(?:ed|s)?|seal(?:ed|s)?|"
                          r"(?:re)?negotiat(?:e|ed|es|ing))"
                          r"\s+$", re.IGNORECASE)


IT_SUBJECT_RE = re.compile(r"\s+(?:was|has\s+been|had\s+been|is)\s+(?:\w+ly\s+)?(?:approved|passed|adopted|"
                           r"rejected|backed|endorsed|vetoed|blocked|signed)\b")


FUND_FACILITY_RE = re.compile(r"\b(?:Fund Facility|Stand-By Arrangement|Extended Credit Facility)\b")


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
        entity = result.entities.get(name) or kb.actors.get(name)  # ext-parties: a side known but not named here
        label = entity.label if entity else "Organization"
        return (0 if name == "United States" else 1 if label == "Country" else 2, short(name))

    def short(name: str) -> str:
        known = kb.actors.get(name)
        acronyms = [a for a in (known.aliases if known else []) if a.isupper() and 2 <= len(a) <= 5]
        if acronyms and known.label == "Organization":
            return acronyms[0]
        entity = result.entities.get(name)
        if known is None and entity is not None and entity.label == "Organization":
            # ext-parties: an acronym the article defines ("the National Atomic Energy Commission (CNEA)")
            own = sorted(a for a in entity.aliases if a.isupper() and a.isalpha() and 2 <= len(a) <= 5)
            if own:
                return own[0]
        return name

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


def _hyphenated_sides(result: ArticleEntities, word: str, kb: Knowledge) -> list[str]:
    """'US-Argentina', 'Mercosur-EU', 'Argentine-American': every part a known country or body
    (a demonym is its country), else nothing. The sides become entities of the article."""
    sides = []
    for part in word.split("-"):
        known = kb.lookup(part)
        name = known.name if known and known.label in ("Country", "Organization") else kb.demonyms.get(fold(part))
        if name is None or name in sides:
            return []
        label = known.label if known and known.name == name else "Country"
        if name not in result.entities:
            result.add(name, label, None, kb.country_of(name))
        sides.append(name)
    return sides if len(sides) >= 2 else []


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
    if head in ("agreement", "deal", "accord", "treaty", "pact", "memorandum", "accords", "arrangement"):
        # mods are read from the head leftwards: "critical minerals agreement" -> [minerals, critical]
        topic = []
        for mod in mods:
            if mod not in AGREEMENT_TOPICS and mod != "debt":
                break
            topic.insert(0, mod)
        if topic:
            return " ".join(topic) + " agreement"
        return "memorandum" if head == "memorandum" else "agreement"  # ext-parties: "a memorandum with X"
    return None


MOU = re.compile(r"\s+of\s+understanding\b", re.IGNORECASE)  # ext-deals3
LEGISLATURE = re.compile(r"\b(?:Congress|Senate|Chamber of Deputies|House of Representatives|Parliament|"
                         r"Legislature|National Assembly)\b")  # ext-deals3


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
        if LEGISLATURE.search(entity.name):
            # ext-deals3: "Congress ratified the trade agreement with X": a legislature ratifies for its country
            first = entity.name.split()[0]
            country = entity.country or result.country_of(entity.name) or knowledge().demonyms.get(fold(first)) or (
                result.home if first in ("Congress", "Senate", "Parliament", "Chamber", "House") else None)
            if country:
                return country
        if re.search(r"\bMinistry\b", entity.name) and not knowledge().actors.get(entity.name):
            # "an agreement with the Economy Ministry": a ministry is its government's side
            return entity.country or result.country_of(entity.name) or result.home or entity.name
        bank_of = re.search(r"\bBank of (?:the )?([A-Z][\w ]+)$", entity.name)
        if bank_of:  # "People's Bank of China" stands for China in an agreement's name
            known = knowledge().lookup(bank_of.group(1))
            if known and known.label == "Country":
                return known.name
        return entity.name
    return result.country_of(entity.name)
