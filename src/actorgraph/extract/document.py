"""The unit every extractor reads: one article's text and metadata."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    id: str                    # first 16 hex characters of sha256
    text: str                  # the article text; evidence offsets index into it
    file: str                  # the file name it came from
    sha256: str                # of the normalised text
    title: str = ""
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    stem: str = ""             # the file's stem (line number appended for .jsonl records)
    author: str | None = None  # byline, as the page or feed gives it
    language: str | None = None  # ISO 639-1 code, when the page says or the text shows it

    def props(self) -> dict:
        return {k: v for k, v in (("outlet", self.outlet), ("url", self.url), ("author", self.author),
                                  ("language", self.language)) if v}
