"""Dates in a sentence, resolved against the article's publication date.

"on December 10, 2023" -> 2023-12-10; "09 October 2025" -> 2025-10-09; "in January 2025" ->
2025-01; "On October 14" in an article published 2025-09 -> 2025-10-14. The result keeps the
precision the text gives (year, year-month or day), as ISO 8601.
"""

from __future__ import annotations

import re

from .patterns import guarded

MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december"]
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
PATTERNS = [
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
    re.compile(r"\b" + _MONTH + r"\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b"),
]
PUBLISHED_RE = re.compile(r"^(?P<year>(?:19|20)\d\d)(?:-(?P<month>\d\d)(?:-(?P<day>\d\d))?)?")


def parse_published(value) -> str | None:
    """Normalise a manifest/meta date to YYYY, YYYY-MM or YYYY-MM-DD; None when unusable."""
    if value is None:
        return None
    text = str(value).strip()
    match = PUBLISHED_RE.match(text)
    if match:
        year, month, day = match.group("year"), match.group("month"), match.group("day")
        if month and not 1 <= int(month) <= 12:
            return None
        if day and not 1 <= int(day) <= 31:
            return None
        return "-".join(p for p in (year, month, day) if p)
    found = sentence_date(text, None)
    return found


WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAY_NAME = "(?:" + "|".join(day.capitalize() for day in WEEKDAYS) + ")"  # "Monday", as a name is written
MONTH_ONLY = re.compile(r"\b(?:in|In|since|Since|during|During|until|by|early|late|mid-|last|this|next)\s+(?:early\s+|late\s+)?"
                        + _MONTH.replace("(?P<month>", "(?P<month>") + r"(?![\w-]|\s+\d)")
YEAR_ONLY = re.compile(r"\b(?:in|In|since|Since|during|During|until|by)\s+(?:early\s+|late\s+|mid-)?"
                       r"(?P<year>(?:19|20)\d\d)\b(?![-/]\d)")
WEEKDAY = re.compile(r"\b(?:on|On|last|Last|this|This)\s+(?P<weekday>" + WEEKDAY_NAME + r")\b")


def sentence_date(sentence: str, published: str | None) -> str | None:
    """The first date the sentence gives, completed from the publication date when it lacks a year.

    A date without a year takes the publication year, or the year before when its month lies
    more than two months after the publication month ("in October" in a March article is last
    October; "On October 14" in a September article is next month). "on Tuesday" in an article
    dated to the day is the latest Tuesday on or before it; "in 2011" gives the year."""
    # four evidence quotes in five name no month, weekday or year: one search tells, where the
    # seven patterns below would each be tried (the same result: every one of them needs a piece
    # MAY_HOLD_DATE finds; tests/test_dates.py compares with _first_date over the corpus)
    if not MAY_HOLD_DATE.search(sentence):
        return None
    return _first_date(sentence, published)


def _first_date(sentence: str, published: str | None) -> str | None:
    """``sentence_date`` without its first test."""
    found = []
    dateline = DATELINE.match(sentence)
    if dateline and dateline.end() < len(sentence) and _has_date(sentence[dateline.end():]):
        sentence = sentence[dateline.end():]  # "BUENOS AIRES, April 9 - ... said on Wednesday": the event's day
    # the pieces the sentence holds (a month's first letters, a weekday, a year), found in one
    # pass: a pattern that needs one it lacks has no match and is not searched
    held = {match.lastgroup for match in DATE_PIECES.finditer(sentence)}
    for pattern, needs in _ALL if _DIGIT_RE.search(sentence) else _WITHOUT_DIGITS:
        if needs not in held:
            continue
        for match in pattern.finditer(sentence):
            value = _resolve(match.groupdict(), published)
            if value:
                found.append((match.start(), -(match.end() - match.start()), value))
                break
    return min(found)[2] if found else None


# searched behind a look-ahead for their first characters (the same matches; extract/patterns.py):
# the patterns that begin with \b are otherwise tried at every position of every evidence quote
# each with the piece every match of it holds: a month's name begins with one of MONTH_STARTS
# (_MONTH, case kept), a year is (?:19|20)\d\d, a weekday is named (WEEKDAY)
_ALL = [(guarded(p), needs) for p, needs in zip(PATTERNS + [MONTH_ONLY, YEAR_ONLY, WEEKDAY],
                                                ["month", "month", "year", "month", "month", "year", "weekday"])]
_WITHOUT_DIGITS = [(guarded(MONTH_ONLY), "month"), (guarded(WEEKDAY), "weekday")]  # the others need a digit; most sentences have none
_DIGIT_RE = re.compile(r"\d")
# what a match of each pattern above holds: a month's name or its first three letters (_MONTH,
# case-sensitive as the patterns are), a weekday's name (WEEKDAY), or a year (the rest)
MONTH_STARTS = sorted({m[:3].capitalize() for m in MONTH_NAMES})
MAY_HOLD_DATE = guarded(re.compile("|".join(MONTH_STARTS) + "|" + WEEKDAY_NAME + r"|(?:19|20)\d\d"))
# the same pieces, each named: no two kinds overlap (a month begins with a capital, which no
# weekday holds after its first letter; a year is digits), so every kind held is found
DATE_PIECES = guarded(re.compile("(?P<month>" + "|".join(MONTH_STARTS) + ")|(?P<weekday>" + WEEKDAY_NAME[3:-1]
                                 + r")|(?P<year>(?:19|20)\d\d)"))


DATELINE = re.compile(r"[A-Z][A-Z .'’-]+,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?\s*(?:\([^)]{1,40}\)\s*)?[-–—]\s")


def _has_date(text: str) -> bool:
    return any(p.search(text) for p in PATTERNS + [MONTH_ONLY, YEAR_ONLY, WEEKDAY])


def _resolve(groups: dict, published: str | None) -> str | None:
    if groups.get("weekday"):
        if not published or len(published) < 10:
            return None
        import datetime
        day = datetime.date.fromisoformat(published[:10])
        back = (day.weekday() - WEEKDAYS.index(groups["weekday"].lower())) % 7
        return (day - datetime.timedelta(days=back)).isoformat()
    if groups.get("month") is None and groups.get("mnum") is None:
        year = groups.get("year")
        if year and published and year > published[:4]:
            return None  # "bonds due in 2035": no date of the event
        return year
    month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower().rstrip(".")]
    day = int(groups["day"]) if groups.get("day") else None
    if day is not None and not 1 <= day <= 31:
        return None
    year = groups.get("year")
    if year is None:
        if not published:
            return None
        year = published[:4]
        if len(published) >= 7 and month - int(published[5:7]) > 2:
            year = str(int(year) - 1)
    return f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
