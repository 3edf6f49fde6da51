"""The publication of a byline or footer, and the author of a byline."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
import re

from .. import dates
from ..lexicon import TITLE_SET, fold, knowledge
from ..text import tokenize
from .model import ArticleEntities, Mention, MentionEditor
from .candidates import _person_like, _person_name


_OUTLET_NAME = r"((?:The\s)?[A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*){0,4})"


_CAPS_NAME = r"((?:THE\s)?[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ&.'’-]+(?:\s(?:DE|DEL|LA|EL|[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ&.'’-]+)){0,4})"
_SPANISH_NAME = r"((?:The\s|La\s|El\s|Los\s|Las\s)?[A-Z][\w&.'’-]*(?:\s(?:de|del|la|el|[A-Z][\w&.'’-]*)){0,4}[\w.])"


# a cheap test per pattern: the text must hold this for the pattern to be tried
OUTLET_NEEDS = ("By", "publish", "|", "desk", "report", "appeared")
OUTLET_RES = (
    re.compile(r"^\W{0,3}By\s" + _OUTLET_NAME + r"\s(?:staff|newsroom|correspondents?|reporters?)\b", re.MULTILINE),
    re.compile(r"^\W{0,3}" + _OUTLET_NAME + r"\s(?:is\spublished|publishes)\b", re.MULTILINE),
    # "By Ana Ruiz | The Pampas Review | May 2026": the part after the author
    re.compile(r"^\W{0,3}By\s[^|\n]{3,60}\|\s*" + _OUTLET_NAME + r"\s*(?:\||$)", re.MULTILINE),
    # "Pampas Herald live desk | Updated 18:42", "LA GACETA (Tucumán) — Staff report"
    re.compile(r"^\W{0,3}" + _OUTLET_NAME + r"\s(?:live\s|news\s)?desk\b", re.MULTILINE),
    re.compile(r"^\W{0,3}(?:" + _OUTLET_NAME[:-1] + r"|" + _CAPS_NAME[1:] + r")(?:\s\([^)\n]{1,30}\))?\s[—–-]\s"
               r"(?:[Ss]taff|[Ss]pecial|[Oo]ur)\s(?:report|correspondent|reporter)", re.MULTILINE),
    # "It first appeared in La Voz del Interior, Córdoba."
    re.compile(r"\b(?:first|originally)\s(?:appeared|published|ran)\sin\s" + _SPANISH_NAME + r"(?=[,.;]|\s*$)",
               re.MULTILINE),
)

# ext-roles3: mastheads and bylines that name the publication. "By Ana Ruiz, Capitol Report";
# "THE PLATA BRIEF | Friday, March 20, 2026", "The Southern Post, Sunday, June 14, 2026", "Diario
# Cuyano — San Juan, Thursday 9 April 2026" (a weekday follows: a dateline has none);
# "EDITORIAL — Gazeta do Planalto (Brasília)"; "told Radio 10", "on Radio Mitre".
_PORTUGUESE_NAME = r"((?:The\s|La\s|El\s|O\s|A\s)?[A-Z][\w&.'’-]*(?:\s(?:de|del|da|do|dos|das|la|el|[A-Z][\w&.'’-]*)){0,4})"
_WEEKDAY = dates.WEEKDAY_NAME + r"\b"
MASTHEAD_RES = (  # tried on an article's first and last lines only, where mastheads and bylines stand
    re.compile(r"^\W{0,3}By\s[A-Z][^,|\n]{2,40},\s+" + _OUTLET_NAME + r"[ \t]*$", re.MULTILINE),
    re.compile(r"^\W{0,3}(?:" + _PORTUGUESE_NAME[:-1] + r"|" + _CAPS_NAME[1:] + r")(?:\s\([^)\n]{1,30}\))?[ \t]*[|,—–-][ \t]*"
               r"(?:[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2},[ \t]*)?" + _WEEKDAY, re.MULTILINE),
    re.compile(r"^\W{0,3}(?:EDITORIAL|OPINION|ANALYSIS|COMMENTARY|Editorial|Opinion)\s[—–-]\s" + _PORTUGUESE_NAME +
               r"(?:\s\([^)\n]{1,30}\))?(?=[,\n]|$)", re.MULTILINE),
)
MASTHEAD_HEAD, MASTHEAD_TAIL = 800, 400
SECTION_WORDS = frozenset({"news", "markets", "analysis", "opinion", "world", "business", "politics", "economy",
                           "sports", "editorial", "live", "updates", "breaking", "latest", "update", "briefing",
                           "edition", "section"})
OUTLET_NEEDS += ("By ", "day", "—", "Radio")
OUTLET_RES += MASTHEAD_RES + (re.compile(r"(Radio\s(?:\d{1,3}|[A-Z]\w+))\b"),)
# the patterns that begin with "^" (MULTILINE) and match no empty text: tried only where a line
# begins (_line_matches), where finditer tried them at every character of the article
_AT_LINE_START = frozenset(p for p in OUTLET_RES if p.pattern.startswith("^") and p.flags & re.MULTILINE)
NOT_OUTLET_LAST = frozenset({"writer", "correspondent", "reporter", "editor", "staff", "contributor", "columnist",
                             "desk", "bureau", "chief"})  # "By Ana Ruiz, Staff Writer": her post, no outlet


def outlets(result: ArticleEntities) -> None:
    """The publication named in a byline or footer ('By Southern Wire Service staff', 'Pampas
    Monitor is published every Monday by ...'). A '©' line names the publisher, often a company
    the article does not otherwise mention, so it is left alone."""
    text = result.text
    names: list[str] = []
    line_starts: dict[str, list[int]] = {}
    for need, pattern in zip(OUTLET_NEEDS, OUTLET_RES):
        if need not in text and not (need == "report" and "correspondent" in text) and \
                not (need == "appeared" and ("published" in text or " ran " in text)):
            continue
        ends = text if pattern not in MASTHEAD_RES or len(text) < MASTHEAD_HEAD + MASTHEAD_TAIL else \
            text[:MASTHEAD_HEAD] + "\n" + text[-MASTHEAD_TAIL:]
        if pattern in _AT_LINE_START and ends not in line_starts:
            line_starts[ends] = _line_starts(ends)  # the article, or its first and last lines: found once for each
        for found in _line_matches(pattern, ends, line_starts[ends]) if pattern in _AT_LINE_START else \
                pattern.finditer(ends):
            surface = next(g for g in found.groups() if g)
            if surface.isupper():
                surface = surface.title()  # "LA OPINIÓN" -> "La Opinión"
            name = re.split(r"\.\s", re.sub(r"^The\s", "", surface))[0].rstrip(".")
            kb = knowledge()
            if name.rsplit(" ", 1)[-1].lower() in NOT_OUTLET_LAST:
                continue
            if pattern in MASTHEAD_RES and (" " not in name or not SECTION_WORDS.isdisjoint(name.lower().split())):
                continue  # "Markets | Monday, May 4", "World News, Sunday": a section, no publication
            if len(name) < 4 or kb.lookup(name) is not None or fold(name) in kb.seats or fold(name) in kb.places \
                    or fold(name) in kb.subdivisions:
                continue
            if any(name.startswith(n + " ") for n in names):
                continue  # "© 2026 Pampas Monitor Media SRL" after "Pampas Monitor is published"
            if name not in names:
                names.append(name)
    starts = [s.start for s in result.sentences]
    for name in names:
        existing = result.entities.get(name)
        if existing is not None and existing.label != "Organization":
            continue
        result.add(name, "Organization")
        with MentionEditor(result) as edit:
            for found in re.finditer(r"\b" + re.escape(name) + r"\b", text, re.IGNORECASE):
                index = bisect.bisect_right(starts, found.start()) - 1
                if index < 0 or found.start() >= result.sentences[index].end:
                    continue
                edit.drop(index, lambda m: m.start < found.end() and found.start() < m.end)
                edit.add(Mention(found.start(), found.end(), name, name, index))


BYLINE_RE = re.compile(
    r"^\W{0,3}(?:By|Author:|Written\s+by|Reporting\s+by|Edited\s+by)\s+(?:(?:Dr|Prof)\.?\s+)?"
    r"(?P<name>[A-Z][\w'’.-]+(?:\s(?:(?:de|del|da|van|von|la)\s)?[A-Z][\w'’.-]+){1,3})"
    r"(?=\s*(?:[,|;]|$|\s+and\s|\s+in\s))", re.MULTILINE)


AND_AUTHOR_RE = re.compile(
    r"[ \t]+and[ \t]+(?P<name>[A-Z][\w'’.-]+(?:[ \t](?:(?:de|del|da|van|von|la)[ \t])?[A-Z][\w'’.-]+){1,3})"
    r"(?=[ \t]*(?:[,|;]|$|[ \t]+in[ \t]))", re.MULTILINE)


# ext-roles3: signatures on a line of their own: "— Marta Ibarguren, Rosario" under a letter,
# "Abel Furlán, Secretary General" under a communiqué (an office the title list names)
SIGNATURE_RE = re.compile(
    r"^(?:[—–][ \t]*(?P<dashed>)|(?=[A-Z]))(?P<name>[A-Z][\w'’.-]+(?:[ \t](?:(?:de|del|da|van|von|la)[ \t])?[A-Z][\w'’.-]+){1,3})"
    r"(?:(?(dashed)(?:,[ \t]*[A-Z][^,\n]{1,40})?|(?!))|,[ \t]+(?P<title>[A-Z][\w-]*(?:[ \t][A-Za-z][\w-]*){0,4}))[ \t]*$",
    re.MULTILINE)


def _line_matches(pattern: re.Pattern, text: str, starts: list[int] | None = None) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` for a pattern that begins with ``^`` in MULTILINE mode (and
    matches no empty text): tried only where a line begins, not at every character (re has no
    quick way past the other positions). The same matches: ``match`` at a line's start is what
    a search finds there, and a line that begins inside the last match is passed over, as
    finditer goes on from its end. ``starts``: the text's ``_line_starts``, when the caller
    tries several patterns on it."""
    end = 0
    for pos in _line_starts(text) if starts is None else starts:
        if pos >= end:
            found = pattern.match(text, pos)
            if found:
                yield found
                end = found.end()


def _line_starts(text: str) -> list[int]:
    """Where each line of ``text`` begins."""
    starts, newline = [0], text.find("\n")
    while newline >= 0:
        starts.append(newline + 1)
        newline = text.find("\n", newline + 1)
    return starts


def _signed_office(title: str) -> bool:
    words = title.lower().split()
    return any(" ".join(words[k:]) in TITLE_SET for k in range(len(words)))


def bylines(result: ArticleEntities) -> None:
    """'By Ana Ruiz, energy correspondent', 'By Ana Ruiz | The Review | May 2026', 'Author: Dr.
    Ana Ruiz': the author of a byline is a person, though the line is no sentence of the body."""
    kb = knowledge()
    text = result.text
    if "By " not in text and "Author:" not in text and "by " not in text and "\n" not in text:
        return
    starts = [s.start for s in result.sentences]
    with MentionEditor(result) as edit:
        found_names = []
        lines = _line_starts(text)
        for found in _line_matches(BYLINE_RE, text, lines):
            found_names.append((found.start("name"), found.end("name"), found.group("name")))
            more = AND_AUTHOR_RE.match(text, found.end("name"))
            if more:  # "By Ana Ruiz and Tom Lee"
                found_names.append((more.start("name"), more.end("name"), more.group("name")))
        for found in _line_matches(SIGNATURE_RE, text, lines) if "\n" in text else ():
            # ext-roles3: a letter's or a communiqué's signature
            title = found.group("title")
            if title is None or _signed_office(title):
                found_names.append((found.start("name"), found.end("name"), found.group("name")))
        for start, end, surface in found_names:
            shouted = surface.isupper()
            words = tokenize(surface.title() if shouted else surface)  # "By MARÍA JOSÉ ALDANA"
            known = kb.lookup(surface)
            if known is None and not _person_like(words, kb):
                continue  # "By Southern Wire Service staff" is the outlet's
            if known is not None and known.label != "Person":
                continue
            index = bisect.bisect_right(starts, start) - 1
            if index < 0 or start >= result.sentences[index].end:
                continue
            name = known.name if known else _person_name(words)
            result.add(name, "Person", surface)
            edit.drop(index, lambda m, start=start, end=end: m.start < end and start < m.end)
            edit.add(Mention(start, end, surface, name, index))
