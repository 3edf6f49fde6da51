"""Agreements: who is party to a loan, swap or accord, who funds whom, who voted for a bill."""

from __future__ import annotations

import re

from ..entities import ArticleEntities, Mention
from ..entities.words import FINANCIAL_KINDS  # the agreement kinds that move money
from ..lexicon import knowledge
from ..patterns import guarded
from .base import ACTOR, entity_label, mention_label, Relation, SentenceView
from .clauses import negated, find_subjects, pending

VOTES_RE = guarded(re.compile(r"\b(?:(?:approved|passed|adopted|cleared)\s+(?:by\s+)?|with\s+(?:the\s+)?votes?\s+"
                              r"(?:from|of)\s+)(?:the\s+)?", re.IGNORECASE))


def _votes(ents: ArticleEntities, mentions: list[Mention], index: int, low: str) -> list[Relation]:
    """'It was approved by the Chamber of Deputies with votes from X, Y and Z', 'The 2027 budget
    cleared the Chamber of Deputies': the chamber and each bloc back the bill."""
    out = []
    text = ents.text
    sentence = ents.sentences[index]
    if "vote" not in low and "approved" not in low and "passed" not in low and "adopted" not in low and \
            "cleared" not in low:
        return out
    if not _names_agreement(ents, mentions):
        return out  # every match needs a bill named before it (``bills`` below): no agreement, no match can count
    for match in VOTES_RE.finditer(text, sentence.start, sentence.end):
        if negated(text, sentence.start, match.start(), "SUPPORTS") or re.search(
                r"\b(?:should|would|must|need|needs|ought)\b(?:\s+\w+){0,3}\s*$", text[sentence.start:match.start()]):
            continue  # "should have been approved by Congress": it was not
        bills = [m for m in mentions if m.end <= match.start() and mention_label(ents, m) == "Agreement"]
        if not bills:
            continue
        bill = bills[0].entity
        passive = not match.group().lower().startswith("with")
        at = match.end()
        names = []
        for m in sorted(mentions, key=lambda m: m.start):
            if m.start < at or mention_label(ents, m) not in ("Organization", "Person"):
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


def _names_agreement(ents: ArticleEntities, mentions: list[Mention]) -> bool:
    """Whether any of the mentions names an agreement (``_votes`` reads nothing without one)."""
    return any(mention_label(ents, m) == "Agreement" for m in mentions)


FACILITY = guarded(re.compile(r"\b(?:facility|loan|loans|credit|financing|bailout|disbursements?|tranche)\b", re.IGNORECASE))
CONCLUDED = {"currency swap", "loan", "credit line", "rescue", "nuclear agreement", "financing program"}
OFFERING = guarded(re.compile(r"\b(?:announc\w*|offer\w*|extend\w*|grant\w*|agree\w*|approv\w*|provid\w*|arrang\w*|"
                              r"lend\w*|lent|bail\w*|rescu\w*|open\w*|sign\w*|start\w*|unveil\w*|pledg\w*)\b",
                              re.IGNORECASE))


AMOUNT_NAME = re.compile(r"(?:US)?\$|\d")  # an agreement named only by its amount
# ext-deals3: a line kept in force ("keeps / maintains a swap with")
HOLDS = guarded(re.compile(r"\b(?:keeps|kept|keep|keeping|maintains|maintained|maintain|maintaining|holds|held|hold|has|had|"
                           r"operates|runs)\s+(?:a|an|the|its)\s+[^,;]{0,40}$", re.IGNORECASE))
# ext-deals3: a borrower drawing on its own line ("tapped its swap line with China")
DRAWN = guarded(re.compile(r"\b(?:tap(?:s|ped|ping)?|dr(?:ew|aws|awn|awing|aw)\s+(?:down\s+)?on|activat(?:ed|es|ing)|us(?:ed|es|ing))\s+"
                           r"(?:\w+\s+){0,3}$", re.IGNORECASE))
EXTENDED_BY = re.compile(r"\s+(?:\w+\s+)?(?:extended|granted|provided|offered|arranged|lent|disbursed|opened|"
                         r"financed|funded)\s+by\s+(?:the\s+)?")


POSSESSIVE_BEFORE = re.compile(r"\b(?:its|their|his|her)\s+(?:\w+\s+)?$")  # "its swap line" (compiled once)


def _agreement_relations(ents, tokens, mentions, index) -> list[Relation]:
    out: list[Relation] = []
    text = ents.text
    for m in mentions:
        entity = ents.entities.get(m.entity)
        if entity is None or entity.label != "Agreement" or m.anaphor:
            continue
        parties_here = []
        # explicit parties inside or right after the phrase
        for x in mentions:  # (where it is first: most mentions are outside the phrase)
            if m.start <= x.start and x.end <= m.end and x is not m and mention_label(ents, x) in ACTOR:
                parties_here.append(x)
        possessive_agreement = POSSESSIVE_BEFORE.search(text[max(0, m.start - 25):m.start])
        kind = entity.kind or ""
        concluded = kind in CONCLUDED or bool(possessive_agreement)
        sentence = ents.sentences[index]
        before = [x for x in mentions if x.end <= m.start and mention_label(ents, x) in ACTOR and not x.possessive]
        funders = []
        if pending(text, sentence.start, m.start, modal=False):
            # ext-parties: "Argentina and the IMF are close to a new deal", "nearing a trade pact with
            # X": the subject (and a side named in the phrase) negotiates it; nobody is a party yet
            if not negated(text, sentence.start, m.start, "NEGOTIATES"):
                sides = find_subjects(ents, text, before, m.start, []) + [
                    x.entity for x in parties_here if not x.possessive and x.start > _head_position(text, m)]
                for x in dict.fromkeys(sides):
                    out.append(Relation(x, entity.name, "NEGOTIATES", index, why="rule:close-to-deal"))
            continue
        if kind in FINANCIAL_KINDS and (PENDING.search(text[max(sentence.start, m.start - 60):m.start]) or
                                        SOUGHT_PHRASE.match(m.surface) and
                                        TALKS.search(text, max(sentence.start, m.start - 80), m.start)):
            continue  # a loan still being negotiated or sought funds nobody yet ("talks ... over a new programme")
        if kind in FINANCIAL_KINDS and negated(text, sentence.start, m.start, "PARTY_TO"):  # desire words are PENDING
            continue  # "has not tapped the swap line with X", "never received a loan from Y"
        if kind in FINANCIAL_KINDS:
            funds_why = "rule:loan-funds"
            owner = [x for x in parties_here if x.possessive and x.start == m.start] or _owner_before(ents, text, mentions, m)
            head_at = _head_position(text, m)
            lenders = [x for x in parties_here if not x.possessive and x.end <= head_at]
            after_head = [x for x in parties_here if x.start >= head_at]
            banks = [x for x in after_head if _lender(ents, x.entity)] if kind in (
                "loan", "credit line", "currency swap") else []
            if not lenders and banks:
                lenders = banks[:1]
                after_head = [x for x in after_head if x is not banks[0]]
                owner = owner or [x for x in before if x.end <= m.start][-1:]
            agent = EXTENDED_BY.match(text, m.end)
            if not lenders and agent:
                # "the $20 billion swap line extended by the U.S. Treasury": the agent lends
                lenders = [x for x in mentions if x.start == agent.end() and mention_label(ents, x) in ACTOR][:1]
            offered = agent or OFFERING.search(text[max(sentence.start, m.start - 120):m.start]) or re.search(
                r"\b(?:holds|held|renew(?:s|ed)?)\s+(?:a|an|the|its)\s+[^,;]{0,30}$", text[max(sentence.start, m.start - 60):m.start])
            if lenders and not owner and not after_head and not offered and not re.search(
                    r"\b(?:of|to|for|with)\s*$", text[m.start:m.end]):
                continue  # "criticising the US swap line": the phrase names the line, nothing is granted here
            if lenders:
                funders = [lenders[0].entity]
                beneficiaries = [o.entity for o in owner] + [x.entity for x in after_head]
            elif owner and after_head and not _lender(ents, owner[0].entity) and re.search(
                    r"\bwith\s+(?:the\s+)?$", text[head_at:after_head[0].start]):
                # ext-deals3: "Argentina's currency swap with China", "Beijing's own swap with Argentina":
                # both are sides of it; who lends to whom the phrase does not say
                for x in dict.fromkeys([owner[0].entity, after_head[0].entity]):
                    out.append(Relation(x, entity.name, "PARTY_TO", index, why="rule:possessive-agreement"))
                continue
            elif owner:
                funders = [owner[0].entity]
                beneficiaries = [x.entity for x in after_head]
            else:
                # the subject funds only when it offers ("announced", "agreeing to") the package
                offering = OFFERING.search(text[max(sentence.start, m.start - 120):m.start])
                funders = find_subjects(ents, text, before, m.start, []) if offering else []
                if not offering and HOLDS.search(text, max(sentence.start, m.start - 60), m.start):
                    # ext-deals3: "The People's Bank of China keeps a swap with the central bank": a bank or
                    # fund holding a line with a side funds it; a country keeping one says nothing of who lends
                    holders = find_subjects(ents, text, before, m.start, [])
                    funders = [x for x in holders if _lender(ents, x)][:1]
                    for x in holders if not funders else ():
                        out.append(Relation(x, entity.name, "PARTY_TO", index, why="rule:loan-parties"))
                beneficiaries = [x.entity for x in after_head]
                if possessive_agreement and after_head and re.search(
                        r"\bwith\s+(?:the\s+)?$", text[head_at:after_head[0].start]):
                    # ext-deals3: "Argentina extended / renewed its swap line with China": the subject is
                    # one side of its own line and nobody new is funded; "drew on its swap line with
                    # China": the partner pays the one drawing
                    sides = find_subjects(ents, text, before, m.start, [])
                    drawn = DRAWN.search(text, max(sentence.start, m.start - 40), m.start)
                    for x in dict.fromkeys(sides + beneficiaries[:1]):
                        out.append(Relation(x, entity.name, "PARTY_TO", index, why="rule:loan-parties"))
                    if drawn and sides and not negated(text, sentence.start, drawn.start(), "FUNDS"):
                        lender = beneficiaries[0]
                        lender = ents.country_of(lender) if entity_label(ents, lender) == "Person" else lender
                        if lender and lender != sides[0]:
                            out.append(Relation(lender, sides[0], "FUNDS", index,
                                                {"detail": f"{entity.name}: {_clean(m.surface)}"}, why="rule:drew-on-line"))
                    continue
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
                if mention_label(ents, next(x for x in mentions if x.entity == f)) == "Organization" and \
                        f in (entity.parties or ()):
                    pass
            if not recipients and entity.parties:
                funder_countries = {ents.country_of(f) or _bank_country(f) or f for f in funders}
                recipients = [p for p in entity.parties if p not in funder_countries and p not in funders]
            if not recipients and not entity.parties and len(funders) == 1 and ents.home in ents.entities and \
                    _lender(ents, funders[0]) and (ents.country_of(funders[0]) or _bank_country(funders[0])) != ents.home \
                    and not any(mention_label(ents, x) in ACTOR for x in mentions if x.start >= m.start):
                # ext-deals3: "The World Bank approved a $500 million loan for water works in the northern
                # provinces": a lender's loan with no borrower named goes to the country the article is about
                recipients = [ents.home]
                funds_why = "rule:loan-to-home"
            if not funders and entity.parties:
                release = _lender_release(ents, text, mentions, sentence.start, m, entity)
                if release:  # "The IMF's executive board approved the review of Argentina's program"
                    funders, recipients = [release[0]], [release[1]]
                    funds_why = "rule:lender-release"
            party_lenders = [p for p in (entity.parties or ()) if _lender(ents, p)]
            if party_lenders and funders and party_lenders[0] not in funders:
                # "X, which lent Argentina $20 billion under an Extended Fund Facility": the Fund lends
                funders = party_lenders[:1]
                recipients = [p for p in entity.parties if p not in funders]
            # IMF-style lender embedded in the phrase ("IMF loan")
            if not funders:
                lenders = [x.entity for x in parties_here if mention_label(ents, x) == "Organization"]
                funders = lenders[:1]
                recipients = [r for r in recipients if r not in funders]
            if not funders and FACILITY.search(m.surface) and party_lenders and not negated(
                    text, sentence.start, m.start, "FUNDS"):
                # a lender's facility in force named apart from its lender ("drew on the Extended
                # Fund Facility of the IMF"): the lender funds the borrower
                funders = party_lenders[:1]
                recipients = [p for p in entity.parties if p not in funders and entity_label(ents, p) == "Country"]
                funds_why = "rule:lender-facility"
            for f in funders:
                for r in recipients[:1]:
                    r_country = ents.country_of(r) if entity_label(ents, r) == "Person" else r
                    if r_country and f != r_country:
                        out.append(Relation(f, r_country, "FUNDS", index,
                                            {"detail": f"{entity.name}: {_clean(m.surface)}"}, why=funds_why))
            if concluded and (funders or parties_here or owner) and not (
                    not entity.parties and AMOUNT_NAME.match(entity.name)):  # ext-deals3: "$500 million loan" has no sides
                # a swap named in passing ("about the swap line") restates nobody's part in it
                for p in dict.fromkeys(funders + recipients[:1]):
                    out.append(Relation(p, entity.name, "PARTY_TO", index, why="rule:loan-parties"))
        elif re.match(r"\s*between\b", text[_head_position(text, m):m.end].split(" ", 1)[-1]) and \
                len(parties_here) >= 2:
            if TO_COME_AFTER.match(text, m.end) or negated(text, sentence.start, m.start, "PARTY_TO") or pending(
                    text, sentence.start, m.start, modal=False):
                continue  # ext-deals3: "the pact between X and Y was never ratified": nobody's yet
            for x in parties_here:  # "the 23rd agreement between Argentina and the Fund"
                out.append(Relation(x.entity, entity.name, "PARTY_TO", index, why="rule:agreement-between"))
        elif len(entity.parties) == 2 and (release := _lender_release(ents, text, mentions, sentence.start, m, entity)):
            # "The IMF approved a $20 billion programme for Argentina", "... the review of the country's program"
            out.append(Relation(release[0], release[1], "FUNDS", index,
                                {"detail": f"{entity.name}: {_clean(m.surface)}"}, why="rule:lender-release"))
            for p in entity.parties:
                out.append(Relation(p, entity.name, "PARTY_TO", index, why="rule:lender-release"))
        elif len(entity.parties) == 2 and any(_lender(ents, p) for p in entity.parties) and not PENDING.search(
                text[max(sentence.start, m.start - 60):m.start]) and not negated(
                text, sentence.start, m.start, "PARTY_TO") and not pending(text, sentence.start, m.start, modal=False) and not \
                SOUGHT_PHRASE.match(m.surface) and not (
                m.anaphor or m.surface.lower() in ("program", "programme", "agreement", "deal")):
            # "the IMF program", "Argentina's Extended Fund Facility": a lender's program is in force
            for p in entity.parties:
                if p in ents.entities:
                    out.append(Relation(p, entity.name, "PARTY_TO", index, why="rule:lender-program"))
            lender = next((p for p in entity.parties if _lender(ents, p)), None)
            borrower = next((p for p in entity.parties if p != lender and entity_label(ents, p) == "Country"), None)
            if lender in ents.entities and borrower in ents.entities and FACILITY.search(m.surface) and not negated(
                    text, sentence.start, m.start, "FUNDS"):
                # ext-money: a lender's facility or loan in force funds the borrower ("draw on the $20
                # billion Extended Fund Facility")
                out.append(Relation(lender, borrower, "FUNDS", index, {"detail": f"{entity.name}: {_clean(m.surface)}"},
                                    why="rule:lender-facility"))
        elif not possessive_agreement and (named := _owner_with(ents, text, mentions, m, parties_here)):
            # ext-deals3: "Argentina's trade agreement with the United States": both are parties,
            # unless it is still to come ("Argentina's planned deal with X", "... is being negotiated")
            if not (pending(text, sentence.start, m.start, modal=False) or negated(text, sentence.start, m.start, "PARTY_TO")
                    or TO_COME_INSIDE.search(text, m.start, _head_position(text, m)) or TO_COME_AFTER.match(text, m.end)
                    or PENDING.search(text[max(sentence.start, m.start - 60):m.start])):
                for x in named:
                    out.append(Relation(x, entity.name, "PARTY_TO", index, why="rule:possessive-agreement"))
        elif possessive_agreement and parties_here:
            for x in parties_here:
                out.append(Relation(x.entity, entity.name, "PARTY_TO", index, why="rule:possessive-agreement"))
            owner = find_subjects(ents, text, before, m.start, []) or [
                x.entity for x in mentions if x.possessive and x.end <= m.start and mention_label(ents, x) in ACTOR][:1]
            for o in owner[:1]:
                out.append(Relation(o, entity.name, "PARTY_TO", index, why="rule:possessive-agreement"))
    return out


# the lender's own approval or payment ("approved", "disbursed", "releasing about $1 billion")
RELEASE = guarded(re.compile(r"\b(?:approv(?:ed|es)|disburs(?:ed|es|ing|ement)|releas(?:ed|es|ing)|extend(?:ed|s)|grant(?:ed|s)|"
                             r"complet(?:ed|es)\s+(?:the\s+)?(?:\w+\s+)?review|paid\s+out|pays\s+out|"
                             r"sign(?:ed|s)\s+off\s+on)\b", re.IGNORECASE))
BODY_OF = re.compile(r"['’]s\s+(?:executive\s+)?(?:board|directors|staff|management)\b")


def _lender_release(ents: ArticleEntities, text: str, mentions: list[Mention], begin: int, m: Mention,
                    entity) -> tuple[str, str] | None:
    """(lender, borrower) when the lender party of a two-sided program is the sentence's subject
    (or owns the board that is) and approves or pays out before the program is named."""
    lender = next((p for p in entity.parties if _lender(ents, p)), None)
    borrower = next((p for p in entity.parties if p != lender and entity_label(ents, p) == "Country"), None)
    if lender is None or borrower is None or borrower not in ents.entities:
        return None
    lead = text[begin:m.start]
    cue = RELEASE.search(lead)
    if cue is None or negated(text, begin, begin + cue.start(), "FUNDS") or PENDING.search(lead):
        return None
    cue_at = begin + cue.start()
    from . import DATELINE_RE  # "BUENOS AIRES, March 12 (Reuters) -" names no subject
    dateline = DATELINE_RE.match(text, begin)
    begin = dateline.end() if dateline else begin
    first = ([x for x in mentions if begin <= x.start and x.end <= cue_at and
              mention_label(ents, x) in ACTOR] or [None])[-1]
    if first is None or first.entity != lender or len(text[first.end:cue_at].split()) > 5:
        return None
    lead_in = text[begin:first.start]
    if not (len(lead_in.split()) <= 3 and not re.search(r"[,;:]", lead_in) or
            re.search(r"\b(?:after|when|as|since|because|once)\s+(?:the\s+)?$", lead_in)):
        return None
    if first.possessive and not BODY_OF.match(text, first.end):
        return None
    return lender, borrower


# ext-deals3: an agreement still to come, said inside its phrase or right after it
TO_COME_INSIDE = guarded(re.compile(r"\b(?:planned|proposed|possible|potential|future|prospective|mooted|hoped-for|draft|"
                                    r"pending|long-sought|sought-after|new|eventual|would-be)\b", re.IGNORECASE))
TO_COME_AFTER = re.compile(r"\s*,?\s+(?:which\s+|that\s+)?(?:is|are|was|were|remains?|remained|has\s+been|had\s+been)\s+"
                           r"(?:still\s+|not\s+yet\s+|yet\s+to\s+be\s+)?(?:being\s+negotiated|under\s+negotiation|"
                           r"in\s+the\s+works|pending|not\s+yet|unsigned|stalled|on\s+hold|being\s+discussed)\b|"
                           r"\s*,?\s+(?:which\s+|that\s+)?(?:was|were|has|have|had|is|are)\s+(?:never|not|yet\s+to\s+be|"
                           r"still\s+not)\s+(?:been\s+|be\s+)?(?:signed|ratified|concluded|finali[sz]ed|approved|sealed)\b",
                           re.IGNORECASE)


def _owner_before(ents, text: str, mentions: list[Mention], m: Mention) -> list[Mention]:
    """ext-deals3: the possessor right before an agreement phrase ("Beijing's own swap with ...")."""
    return [x for x in mentions if x.possessive and x.end <= m.start and m.start - x.end <= 8 and
            mention_label(ents, x) in ACTOR and re.fullmatch(r"['’]s?\s+(?:own\s+)?", text[x.end:m.start])][:1]


def _owner_with(ents, text: str, mentions: list[Mention], m: Mention, parties_here: list[Mention]) -> list[str]:
    """ext-deals3: [owner, partner] of "<owner>'s <agreement> with <partner>", else []."""
    owner = [x for x in parties_here if x.possessive and x.start == m.start] or _owner_before(ents, text, mentions, m)
    head_at = _head_position(text, m)
    partner = [x for x in parties_here if x.start >= head_at and not x.possessive and
               re.search(r"\bwith\s+(?:the\s+)?$", text[head_at:x.start])][:1]
    if not owner or not partner or owner[0].entity == partner[0].entity:
        return []
    return [owner[0].entity, partner[0].entity]


# ext-parties: "a new program", "a possible deal": one still to be made, no party's yet
SOUGHT_PHRASE = re.compile(r"(?:an?\s+)?(?:new|fresh|possible|proposed|potential|future)\b", re.IGNORECASE)
TALKS = guarded(re.compile(r"\b(?:talks|negotiat\w*|discussions?|discuss\w*)\b", re.IGNORECASE))
PENDING = guarded(re.compile(r"\b(?:negotiat\w*|seek(?:s|ing)?|sought|request\w*|talks\s+(?:on|over|about|for)|"
                             r"asks?\s+for|asked\s+for|push(?:es|ing)?\s+for)\b", re.IGNORECASE))


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


HEAD_NOUN = re.compile(r"\b(?:swap|loan|bailout|rescue|credit|aid|assistance|package|agreement|deal|program|programme|"
                       r"facility|accord|pact|treaty|memorandum|arrangement)\b",  # ext-deals3: accord ... arrangement
                       re.IGNORECASE)  # (compiled once: read for every agreement named)


def _head_position(text: str, m: Mention) -> int:
    """Where the head noun of an agreement phrase starts ('swap' in '$20 billion swap line with X')."""
    found = HEAD_NOUN.search(text[m.start:m.end])
    return m.start + found.start() if found else m.end


def _clean(surface: str) -> str:
    return re.sub(r"^[A-Z][\w.-]*(?: [A-Z][\w.-]*)*['’]s\s+", "", surface)


LED_TALKS = guarded(re.compile(r"\b(?:led|leads|leading|heads|headed|heading|ran|runs|running|took\s+over|takes\s+over|"
                               r"in\s+charge\s+of|oversaw|oversees|overseeing|conducted|conducts|conducting)\s+"
                               r"(?:the|these|those|its|their|his|her)\s+(?:\w+\s+)?(?:negotiations|talks|discussions|"
                               r"negotiating\s+team)\b(?!\s+(?:with|on|over|about|between|for)\b)", re.IGNORECASE))


TALKS_BETWEEN = guarded(re.compile(r"\b(?:talks|negotiations|discussions)\b[^.;]{0,60}?\bbetween\b", re.IGNORECASE))
LED_BY = guarded(re.compile(r"\b(?:led|headed|represented)\s+by\s+(?:[A-Za-z][\w.’'-]*\s+){0,5}$"))
# between two people of one team: "Economy Minister X and central bank president Y"
TEAM_AND = re.compile(r"\s*(?:,\s*|,?\s+and\s+)(?:[a-z][\w-]*\s+){0,4}(?:[A-Z][\w.’'-]*\s+){0,4}")


def led_negotiations(s: SentenceView) -> list[Relation]:
    """'Finance Secretary X, who took over the negotiations in January', 'talks between an IMF
    mission led by X and an Argentine team headed by Y and Z': each negotiates the agreement
    the article named last (in this sentence or the three before it)."""
    low = s.lowered
    if "negotiat" not in low and "talks" not in low and "discussions" not in low:
        return []
    out: list[Relation] = []
    for match in LED_TALKS.finditer(s.text, s.sentence.start, s.sentence.end):
        if negated(s.text, s.sentence.start, match.start(), "NEGOTIATES"):
            continue
        left = [m for m in s.mentions if m.end <= match.start()]
        subjects = [x for x in find_subjects(s.ents, s.text, left, match.start(), []) if entity_label(s.ents, x) in ACTOR]
        agreement = _named_last(s, match.start())
        for subject in subjects[:2] if agreement else []:
            out.append(Relation(subject, agreement, "NEGOTIATES", s.index, why="rule:led-negotiations"))
    # every TALKS_BETWEEN match holds "between", whose letters no other letter matches ignoring case
    for match in TALKS_BETWEEN.finditer(s.text, s.sentence.start, s.sentence.end) if "between" in low else ():
        if negated(s.text, s.sentence.start, match.start(), "NEGOTIATES"):
            continue
        agreement = _named_last(s, s.sentence.end)
        previous = None
        for m in sorted(s.mentions, key=lambda m: m.start):
            if m.start < match.end() or mention_label(s.ents, m) != "Person" or agreement is None:
                continue
            before = s.text[max(match.end(), m.start - 60):m.start]
            leads = LED_BY.search(before)
            joined = previous is not None and TEAM_AND.fullmatch(s.text, previous.end, m.start)
            if leads or joined:
                out.append(Relation(m.entity, agreement, "NEGOTIATES", s.index, why="rule:led-negotiations"))
                previous = m
    return out


_NAMED: list = [None, {}]  # the article last read and its agreement mentions by sentence, built once


def _named_last(s: SentenceView, before: int) -> str | None:
    """The agreement the article named last before ``before``, in this sentence or the three before."""
    if _NAMED[0] is not s.ents:
        by_sentence: dict[int, list[Mention]] = {}
        for m in s.ents.mentions:
            if entity_label(s.ents, m.entity) == "Agreement":
                by_sentence.setdefault(m.sentence, []).append(m)
        _NAMED[:] = [s.ents, by_sentence]
    named = [m for i in range(s.index - 3, s.index + 1) for m in _NAMED[1].get(i, ())
             if m.sentence < s.index or m.start < before]
    return max(named, key=lambda m: m.start).entity if named else None


def agreement_parties(s: SentenceView) -> list[Relation]:
    """The lender of a loan or swap FUNDS the beneficiary; both are PARTY_TO it."""
    return _agreement_relations(s.ents, s.tokens, s.mentions, s.index)


def votes_for_bills(s: SentenceView) -> list[Relation]:
    """'approved by the Chamber of Deputies with votes from X and Y': each SUPPORTS the bill."""
    return _votes(s.ents, s.mentions, s.index, s.lowered)


# ext-deals3: talks named with their sides and their subject ("talks between X and Y on the swap",
# "X and Y resumed talks over a trade deal"): each side negotiates the agreement
TALKS_ON = re.compile(r"\b(?:(?P<between>(?:talks|negotiations|discussions)\s+between)\b|"
                      r"(?:held|hold|holds|holding|resumed|resume|resumes|resuming|continued|continue|continues|"
                      r"continuing|began|begin|begins|beginning|opened|open|opens|opening|started|start|starts|"
                      r"starting|launched|launch|launches|launching|restarted|intensified|stepped\s+up)\s+"
                      r"(?:\w+\s+)?(?:talks|negotiations|discussions)\s+(?:on|over|about|for|toward|towards)\b)",
                      re.IGNORECASE)
SUBJECT_OF_TALKS = re.compile(r"\s+(?:on|over|about|for|toward|towards)\s+(?:a|an|the|its|their)?\s*")
SIDES_AND = re.compile(r"\s*(?:,\s*|,?\s+and\s+)(?:the\s+)?")


TALK_WORDS = frozenset({"talks", "negotiations", "discussions"})


def talks_on_agreement(s: SentenceView) -> list[Relation]:
    """'talks between X and Y on the swap', 'X and Y resumed talks over a trade deal': NEGOTIATES."""
    if s.words.isdisjoint(TALK_WORDS):
        return []  # cheap gate
    text, ents = s.text, s.ents
    out: list[Relation] = []
    agreements = [m for m in s.mentions if mention_label(ents, m) == "Agreement"]
    if not agreements:
        return out
    for match in TALKS_ON.finditer(text, s.sentence.start, s.sentence.end):
        if negated(text, s.sentence.start, match.start(), "NEGOTIATES") or pending(
                text, s.sentence.start, match.start(), modal=False):
            continue
        if match.group("between"):
            sides, at = [], match.end()
            for m in sorted(s.mentions, key=lambda m: m.start):
                if m.start < at or mention_label(ents, m) not in ACTOR:
                    continue
                if not (re.fullmatch(r"\s+(?:the\s+)?", text[at:m.start]) if not sides else
                        SIDES_AND.fullmatch(text, at, m.start)):
                    break
                sides.append(m.entity)
                at = m.end
            if len(sides) < 2:
                continue
            about = SUBJECT_OF_TALKS.match(text, at)
        else:
            left = [m for m in s.mentions if m.end <= match.start()]
            sides = find_subjects(ents, text, left, match.start(), [])
            about = re.compile(r"\s+(?:a|an|the|its|their)?\s*").match(text, match.end())
        deal = next((m for m in agreements if about is not None and about.start() < m.start <= about.end()), None)
        if deal is None:
            continue
        for x in dict.fromkeys(sides):
            out.append(Relation(x, deal.entity, "NEGOTIATES", s.index, why="rule:talks-on"))
    return out


# ext-deals3: "the FIRST programme, to which Argentina adhered in 2025": a party named in a relative clause
TO_WHICH = re.compile(r"\s*,?\s+(?:to|of)\s+which\s+(?:the\s+)?")
ADHERED = re.compile(r"\s+(?:(?:has|had|have|also|later|formally|officially|already|\w+ly)\s+){0,2}(?:adhered|acceded|"
                     r"(?:is|was|became|has\s+been|had\s+been)\s+(?:a\s+)?(?:party|signatory|signatories|member)|"
                     r"signed\s+up)\b", re.IGNORECASE)


def adhered_to_which(s: SentenceView) -> list[Relation]:
    """'the FIRST programme, to which Argentina adhered in 2025': PARTY_TO."""
    if "which" not in s.words:
        return []  # cheap gate
    text, ents = s.text, s.ents
    out: list[Relation] = []
    ordered = sorted(s.mentions, key=lambda m: m.start)
    for k, m in enumerate(ordered[:-1]):
        if mention_label(ents, m) != "Agreement":
            continue
        nxt = ordered[k + 1]
        if mention_label(ents, nxt) not in ("Country", "Organization", "Person") or nxt.possessive or \
                not TO_WHICH.fullmatch(text, m.end, nxt.start):
            continue
        verb = ADHERED.match(text, nxt.end)
        if verb is None or negated(text, nxt.start, verb.end(), "PARTY_TO") or pending(text, nxt.start, verb.end()):
            continue
        if len(ents.entities[m.entity].parties or ()) >= 2 and re.search(r"adhered|acceded", verb.group()):
            continue  # one adheres to a convention or a programme; a two-sided deal named so is a misreading
        out.append(Relation(nxt.entity, m.entity, "PARTY_TO", s.index, why="rule:adhered-to-which"))
    return out
