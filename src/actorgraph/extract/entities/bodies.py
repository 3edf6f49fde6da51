"""Bills named in quotes, coalitions and chambers named again, short names of organisations."""

from __future__ import annotations

import re

from ..lexicon import entity_words, fold, knowledge
from ..patterns import guarded
from .model import ArticleEntities, Entity, Mention, MentionEditor, _fold, mentions_by_sentence


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

    suffixes = entity_words().company_suffixes
    for org in orgs:
        index(org, [org.name, *org.aliases])
        for found in re.finditer(" of ", org.name):
            holders.setdefault(org.name[:found.start()], {})[id(org)] = org
        head, _, last = org.name.rpartition(" ")
        if head and last.lower() in suffixes:
            holders.setdefault(head, {})[id(org)] = org  # ext-entities2: "Pampa Lithium" is "Pampa Lithium Inc."
    for short in orgs:
        if kb.lookup(short.name) or " " not in short.name:
            continue
        longer = [e for e in holders.get(short.name, {}).values() if e is not short]
        if len(longer) != 1:
            continue
        _fold(result, short, longer[0])
        if longer[0].name.rpartition(" ")[0] == short.name:
            longer[0].aliases.add(short.name)  # ext-entities2: the firm without its legal form
        index(longer[0], [short.name, *short.aliases])  # its forms are the longer one's aliases now


QUOTED_BILL_RE = re.compile(r"[“\"]([a-zA-Z][\w -]{2,40}?)[”\"]\s+(bill|law|act|legislation)\b")


def quoted_bills(result: ArticleEntities) -> None:
    """'a separate "fiscal responsibility" bill': a bill named only by the words in quotes."""
    text = result.text
    with MentionEditor(result) as edit:
        for index, sentence in enumerate(result.sentences):
            if sentence.kind != "body" or text.find('"', sentence.start, sentence.end) < 0 and \
                    text.find("“", sentence.start, sentence.end) < 0:
                continue  # every match begins with one of these marks, found by str.find (re tests its set
                #           of characters beyond Latin-1 one by one; most sentences hold neither)
            for found in QUOTED_BILL_RE.finditer(text, sentence.start, sentence.end):
                if any(m.start < found.end() and found.start() < m.end for m in edit.in_sentence(index)):
                    continue
                name = f"{found.group(1)} {found.group(2)}"
                name = name[:1].upper() + name[1:]
                result.add(name, "Agreement", found.group(), kind="bill")
                edit.add(Mention(found.start(), found.end(), found.group(), name, index, phrase=True))


BODY_WORDS = ("coalition", "bloc", "alliance", "federation", "confederation", "front", "caucus",
              "committee", "commission")  # ext-roles3: "the Senate Banking Committee ... the committee's chairman"


NAMED_BODY_WORDS = frozenset({"committee", "commission"})  # ext-roles3
# behind patterns.guarded: a pattern that begins with "\b" is tried at every character, and
# this one is searched over the whole article
BODY_ANAPHOR_RE = guarded(re.compile(r"\b[Tt]he\s+(" + "|".join(BODY_WORDS) + r")\b"))


WORD_AFTER_RE = re.compile(r"\s+(?:[a-z]+\s+)?(\w+)")


WORD_BEFORE_RE = re.compile(r"\b(\w+),\s+(?:the\s+)?$")


def body_anaphors(result: ArticleEntities) -> None:
    """'the Provincias Unidas coalition ... the coalition also backed': the coalition named last."""
    text = result.text
    if not any(word in text for word in BODY_WORDS) or not BODY_ANAPHOR_RE.search(text):
        return  # no "the coalition", "the committee" ...: nothing to resolve
    last: dict[str, tuple[str, int]] = {}
    named: dict[str, set[str]] = {}  # ext-roles3: committee -> the article's bodies whose name ends with it
    by_sentence = mentions_by_sentence(result.mentions)
    for index, sentence in enumerate(result.sentences):
        here = by_sentence.get(index, [])
        if sentence.kind == "body":
            for found in BODY_ANAPHOR_RE.finditer(text, sentence.start, sentence.end):
                word = found.group(1)
                seen = last.get(word)
                if seen is not None and word in NAMED_BODY_WORDS and named.get(word) == {seen[0]}:
                    seen = (seen[0], index)  # ext-roles3: the article's one committee, however far back
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
            own = entity.name.rsplit(" ", 1)[-1].lower()
            if own in NAMED_BODY_WORDS:  # ext-roles3: "the Senate Banking Committee" is a committee itself
                last[own] = (entity.name, index)
                named.setdefault(own, set()).add(entity.name)


CHAMBER_RE = guarded(re.compile(r"\bthe\s+(upper\s+house|lower\s+house|chamber)\b(?!\s+of\b)"))
_ANY_CHAMBER_RE = guarded(re.compile(r"\bthe\s+(?:upper\s+house|lower\s+house|chamber)\b"))  # over the whole article


def chambers(result: ArticleEntities) -> None:
    """'the upper house', 'the lower house' and 'the chamber' just named: the legislative chamber."""
    text = result.text
    senates = [e.name for e in result.entities.values() if e.label == "Organization" and e.name.endswith("Senate")]
    lowers = [e.name for e in result.entities.values() if e.label == "Organization" and re.search(
        r"Chamber of Deputies|House of Representatives", e.name)]
    chambers = set(senates) | set(lowers)
    if not chambers or not _ANY_CHAMBER_RE.search(text):
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


# ext-entities2: a committee named with a lower-case head
LOWER_BODY_HEADS = ("committee", "caucus")
LOWER_BODY_RE = guarded(re.compile(r"\b[Tt]he\s+(?P<caps>(?:[A-Z][\w'’-]*\s+){1,4})(?P<lower>(?:[a-z]+\s+){0,2}?)"
                                   r"(?P<head>subcommittee|committee|caucus)\b"))


def lower_case_bodies(result: ArticleEntities) -> None:
    """'the Western Hemisphere subcommittee', 'the Senate budget committee': a committee news
    writes with a lower-case head is a body; a chamber already found in it names its owner
    ('Argentine Senate budget committee')."""
    text = result.text
    if "committee" not in text and "caucus" not in text:
        return  # every match holds one of them ("subcommittee" holds "committee")
    with MentionEditor(result) as edit:
        for index, sentence in enumerate(result.sentences):
            if sentence.kind != "body" or not any(text.find(h, sentence.start, sentence.end) >= 0
                                                  for h in LOWER_BODY_HEADS):
                continue
            for found in LOWER_BODY_RE.finditer(text, sentence.start, sentence.end):
                s, e = found.start("caps"), found.end()
                inside = [m for m in edit.in_sentence(index) if s <= m.start and m.end <= found.end("caps")]
                across = [m for m in edit.in_sentence(index) if m.start < e and s < m.end and m not in inside]
                if across or any(result.entities[m.entity].label not in ("Organization", "Country")
                                 for m in inside if m.entity in result.entities):
                    continue  # part of a longer name, or a person's: "the Milei campaign committee" is none
                surface = text[s:e]
                owner = inside[0] if len(inside) == 1 and inside[0].start == s else None
                name = surface
                if owner is not None and result.entities[owner.entity].label == "Organization":
                    name = owner.entity + text[owner.end:e]  # "Senate budget committee" -> "Argentine Senate ..."
                edit.drop_starting_in(index, s, e)
                country = result.country_of(owner.entity) if owner is not None else None
                result.add(name, "Organization", surface, country)
                edit.add(Mention(s, e, surface, name, index))


# ext-roles3: a government department or ministry named by its portfolio alone ("the Economy
# Ministry", "the Department of Energy", "the Chinese Foreign Ministry") is one country's; it is
# named as the knowledge file and the gold sets name such bodies: "Ministry of Economy of
# Argentina", "United States Department of Energy". Portfolios every government has only: a
# ministry with a name of its own ("Ministry of Human Capital") is left as written.
PORTFOLIOS = {"foreign": "Foreign Affairs", "foreign affairs": "Foreign Affairs", "economy": "Economy",
              "finance": "Finance", "defense": "Defense", "defence": "Defence", "interior": "Interior",
              "justice": "Justice", "health": "Health", "trade": "Trade", "agriculture": "Agriculture",
              "energy": "Energy", "commerce": "Commerce", "labor": "Labor", "labour": "Labour",
              "education": "Education", "industry": "Industry", "mining": "Mining", "security": "Security",
              "treasury": "the Treasury", "state": "State", "homeland security": "Homeland Security",
              "transportation": "Transportation", "production": "Production", "trade and development":
              "Trade and Development"}
BODY_BEFORE_RE = re.compile(r"(?:(?P<pre>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s)?(?P<portfolio>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s"
                            r"(?P<kind>Ministry|Department)")
BODY_OF_RE = re.compile(r"(?P<kind>Ministry|Department|Agency)\s(?:of|for)\s(?:the\s)?(?P<portfolio>[A-Z][a-z]+(?:\s(?:and\s)?"
                        r"[A-Z][a-z]+){0,2})(?:\sof\s(?:the\s)?(?P<post>[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,4}))?")
COUNTRY_AFTER_RE = re.compile(r"\s+of\s+(?:the\s+)?")
DEMONYM_BEFORE_RE = re.compile(r"\b([A-Z][a-z]+)\s$")


def national_bodies(result: ArticleEntities) -> None:
    """'the Economy Ministry' -> 'Ministry of Economy of Argentina', 'the Department of Energy of
    the United States of America' -> 'United States Department of Energy' (ext-roles3)."""
    kb = knowledge()
    bodies = [e for e in result.entities.values() if e.label == "Organization" and (
        "Ministry" in e.name or "Department" in e.name or e.name.startswith("Agency "))]
    if not bodies:
        return
    text = result.text
    by_entity: dict[str, list[Mention]] = {}
    for m in result.mentions:
        by_entity.setdefault(m.entity, []).append(m)
    countries = {m.end: m for m in result.mentions if result.entities.get(m.entity) and
                 result.entities[m.entity].label == "Country"}
    for body in bodies:
        if kb.lookup(body.name) is not None:
            continue
        found = BODY_BEFORE_RE.fullmatch(body.name) or BODY_OF_RE.fullmatch(body.name)
        if not found:
            continue
        portfolio = PORTFOLIOS.get(found.group("portfolio").lower())
        if portfolio is None:
            continue
        kind = found.group("kind")
        pre = found.groupdict().get("pre")
        country = None
        post = found.groupdict().get("post")
        if post:  # "Department of Energy of the United States (of America)"
            known = kb.lookup(post) or kb.lookup(re.sub(r"\sof\sAmerica$", "", post))
            if known is None or known.label != "Country":
                continue
            country = known.name
        if pre:
            known = kb.lookup(pre)
            country = kb.demonyms.get(fold(pre)) or (known.name if known and known.label == "Country" else None)
            if country is None:
                continue  # "the Pampas Economy Ministry": an owner no country names
        for m in by_entity.get(body.name, ()):
            if country:
                break
            before = countries.get(m.start - 1) or countries.get(m.start) or countries.get(m.start - 3)
            if before is not None and re.fullmatch(r"\s?|['’]s\s", text[before.end:m.start]):
                country = before.entity  # "the US Department of Energy", "Argentina's Economy Ministry"
                continue
            word = DEMONYM_BEFORE_RE.search(text, max(0, m.start - 20), m.start)
            if word and kb.is_demonym(word.group(1)):
                country = kb.demonyms.get(fold(word.group(1)))  # "the Chinese Foreign Ministry"
                continue
            after = COUNTRY_AFTER_RE.match(text, m.end)
            if after:
                owner = next((x for x in result.mentions if x.start == after.end() and x.entity in result.entities
                              and result.entities[x.entity].label == "Country"), None)
                country = owner.entity if owner else None
        if country is None and kind == "Ministry":
            country = result.home  # "the Economy Ministry": the article's own
        if country is None:
            continue  # "the Department of Energy" with no country named: left as written
        if country == "United States":
            if kind == "Ministry":
                continue
            name = f"United States {kind} {'for' if kind == 'Agency' else 'of'} {portfolio}"
        elif kind == "Ministry":
            name = f"Ministry of {portfolio} of {country}"
        else:
            continue
        known = kb.lookup(name)
        name = known.name if known else name
        if name == body.name:
            continue
        _fold(result, body, result.add(name, "Organization", None, country))
