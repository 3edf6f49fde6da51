"""The publication of a byline or footer, and the author of a byline."""

from __future__ import annotations

import bisect
import re

from ..lexicon import knowledge
from ..text import tokenize
from .model import ArticleEntities, Mention, MentionEditor
from .candidates import _person_like, _person_name


_OUTLET_NAME = r"((?:The\s)?[A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*){0,4})"


OUTLET_RES = (
    re.compile(r"^\W{0,3}By\s" + _OUTLET_NAME + r"\s(?:staff|newsroom|correspondents?|reporters?)\b", re.MULTILINE),
    re.compile(r"^\W{0,3}" + _OUTLET_NAME + r"\s(?:is\spublished|publishes)\b", re.MULTILINE),
)


def outlets(result: ArticleEntities) -> None:
    """The publication named in a byline or footer ('By Southern Wire Service staff', 'Pampas
    Monitor is published every Monday by ...'). A '©' line names the publisher, often a company
    the article does not otherwise mention, so it is left alone."""
    text = result.text
    names: list[str] = []
    for pattern in OUTLET_RES:
        for found in pattern.finditer(text):
            name = re.split(r"\.\s", re.sub(r"^The\s", "", found.group(1)))[0].rstrip(".")
            if len(name) < 4 or knowledge().lookup(name) is not None:
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
            for found in re.finditer(r"\b" + re.escape(name) + r"\b", text):
                index = bisect.bisect_right(starts, found.start()) - 1
                if index < 0 or found.start() >= result.sentences[index].end:
                    continue
                edit.drop(index, lambda m: m.start < found.end() and found.start() < m.end)
                edit.add(Mention(found.start(), found.end(), name, name, index))


BYLINE_RE = re.compile(
    r"^\W{0,3}(?:By|Author:|Written\s+by|Reporting\s+by)\s+(?:(?:Dr|Prof)\.?\s+)?"
    r"(?P<name>[A-Z][\w'’.-]+(?:\s(?:(?:de|del|da|van|von|la)\s)?[A-Z][\w'’.-]+){1,3})"
    r"(?=\s*(?:[,|;]|$|\s+and\s|\s+in\s))", re.MULTILINE)


def bylines(result: ArticleEntities) -> None:
    """'By Ana Ruiz, energy correspondent', 'By Ana Ruiz | The Review | May 2026', 'Author: Dr.
    Ana Ruiz': the author of a byline is a person, though the line is no sentence of the body."""
    kb = knowledge()
    text = result.text
    if "By " not in text and "Author:" not in text and "by " not in text:
        return
    starts = [s.start for s in result.sentences]
    with MentionEditor(result) as edit:
        for found in BYLINE_RE.finditer(text):
            surface = found.group("name")
            words = tokenize(surface)
            known = kb.lookup(surface)
            if known is None and not _person_like(words, kb):
                continue  # "By Southern Wire Service staff" is the outlet's
            if known is not None and known.label != "Person":
                continue
            index = bisect.bisect_right(starts, found.start("name")) - 1
            if index < 0 or found.start("name") >= result.sentences[index].end:
                continue
            name = known.name if known else _person_name(words)
            result.add(name, "Person", surface)
            edit.drop(index, lambda m: m.start < found.end("name") and found.start("name") < m.end)
            edit.add(Mention(found.start("name"), found.end("name"), surface, name, index))
