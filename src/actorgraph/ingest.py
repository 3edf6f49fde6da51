"""Read articles from files and folders: .txt, .md, .html/.htm and .jsonl.

Metadata (title, published, outlet, url) comes from a ``manifest.json`` beside the files,
from JSON fields (.jsonl), or from HTML meta tags. An article's identity is the hash of its
normalised text, so the same article ingested twice (or under two names) is read once.

Bad input never stops a corpus: each unreadable file gives one problem line
("path: skipped: binary file") and the rest is read.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .errors import InputError
from .extract.dates import parse_published
from .extract.document import Document

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"}
MAX_BYTES = 20 * 1024 * 1024   # larger files are not news articles; skipped with a message
MAX_RECORD_CHARS = 2_000_000   # one .jsonl record
MANIFEST = "manifest.json"


@dataclass
class Corpus:
    documents: list[Document] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    files_seen: int = 0


def clean_text(text: str) -> str:
    """The text evidence offsets index into: the file's text with Unix newlines and no BOM,
    so a quote's offsets point at the same characters in a .txt file."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def normalise_text(text: str) -> str:
    """The form an article's identity is computed from: NFC, whitespace runs collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def text_hash(text: str) -> str:
    """sha256 of the normalised text: layout changes keep an article's identity."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def read_paths(paths: list[Path], *, max_bytes: int = MAX_BYTES) -> Corpus:
    """Read every article under ``paths`` (files or folders, walked in sorted order)."""
    corpus = Corpus()
    seen: set[str] = set()
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                       and not any(part.startswith(".") for part in p.relative_to(path).parts)) \
            if path.is_dir() else [path]
        manifests: dict[Path, dict[str, dict]] = {}
        for file in files:
            folder = file.parent
            if folder not in manifests:
                manifests[folder] = _manifest(folder, corpus.problems)
            corpus.files_seen += 1
            for doc in _read_file(file, manifests[folder].get(file.name, {}), corpus.problems, max_bytes):
                if doc.id in seen:
                    continue
                seen.add(doc.id)
                corpus.documents.append(doc)
        for folder, entries in manifests.items():
            for name in sorted(entries):
                if not (folder / name).exists():
                    corpus.problems.append(f"{folder / MANIFEST}: names {name}, which does not exist")
    return corpus


def _manifest(folder: Path, problems: list[str]) -> dict[str, dict]:
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        problems.append(f"{path}:{exc.lineno}: ignored: invalid JSON ({exc.msg})")
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: ignored: cannot read ({exc.__class__.__name__})")
        return {}
    entries = data.get("articles") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        problems.append(f"{path}: ignored: expected an 'articles' list")
        return {}
    out = {}
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            problems.append(f"{path}: articles[{i}]: ignored: needs a 'file' name")
            continue
        meta = dict(entry)
        if meta.get("published") is not None and parse_published(meta["published"]) is None:
            problems.append(f"{path}: articles[{i}] ({entry['file']}): bad date "
                            f"{meta['published']!r} ignored (use YYYY, YYYY-MM or YYYY-MM-DD)")
            meta["published"] = None
        out[entry["file"]] = meta
    return out


def _read_file(path: Path, meta: dict, problems: list[str], max_bytes: int) -> list[Document]:
    try:
        size = path.stat().st_size
        if size > max_bytes and path.suffix.lower() != ".jsonl":  # a .jsonl holds many articles
            problems.append(f"{path}: skipped: {size / 1048576:.0f} MB is larger than the "
                            f"{max_bytes // 1048576} MB limit for one article file")
            return []
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(f"{path}: skipped: cannot read ({exc.strerror or exc})")
        return []
    if not raw.strip():
        problems.append(f"{path}: skipped: empty file")
        return []
    if b"\x00" in raw:  # anywhere: a late NUL would reach an evidence quote and the store
        problems.append(f"{path}: skipped: binary file")
        return []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"{path}: skipped: not UTF-8 text (bad byte at offset {exc.start}); "
                        "convert it with iconv -t UTF-8")
        return []
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _jsonl(path, text, meta, problems)
    if suffix in (".html", ".htm"):
        text, html_meta = html_to_text(text)
        meta = {**html_meta, **{k: v for k, v in meta.items() if v}}
    elif suffix in (".md", ".markdown"):
        text = markdown_to_text(text)
    doc = _document(path.name, path.stem, text, meta)
    if doc is None:
        problems.append(f"{path}: skipped: no article text")
        return []
    return [doc]


def _jsonl(path: Path, text: str, meta: dict, problems: list[str]) -> list[Document]:
    docs = []
    # JSON Lines are separated by \n only; str.splitlines() would also cut at U+2028 and
    # other separators that may stand inside a JSON string.
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path}:{number}: skipped: invalid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            problems.append(f"{path}:{number}: skipped: needs a 'text' string")
            continue
        if len(record["text"]) > MAX_RECORD_CHARS:
            problems.append(f"{path}:{number}: skipped: text of {len(record['text']):,} characters is "
                            f"longer than the {MAX_RECORD_CHARS:,} allowed for one article")
            continue
        fields = {k: record.get(k) for k in ("title", "published", "outlet", "url")}
        if fields["published"] is not None and parse_published(fields["published"]) is None:
            problems.append(f"{path}:{number}: bad date {fields['published']!r} ignored")
            fields["published"] = None
        stem = str(record.get("id") or f"{path.stem}-{number}")
        doc = _document(path.name, stem, record["text"], {**meta, **{k: v for k, v in fields.items() if v}})
        if doc is None:
            problems.append(f"{path}:{number}: skipped: no article text")
            continue
        docs.append(doc)
    return docs


def _document(file: str, stem: str, text: str, meta: dict) -> Document | None:
    text = clean_text(text)
    if not text.strip():
        return None
    digest = text_hash(text)
    published = parse_published(meta.get("published")) if meta.get("published") else None
    return Document(id=digest[:16], text=text, file=file, sha256=digest,
                    title=str(meta.get("title") or _first_line(text)), published=published,
                    outlet=_str(meta.get("outlet")), url=_str(meta.get("url")), stem=stem)


def _str(value) -> str | None:
    return str(value) if value not in (None, "") else None


def _first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0].strip()
    return line[:200]


def markdown_to_text(text: str) -> str:
    """Markdown to plain prose: headings, emphasis, links and images unwrapped."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"^\s*>\s?", "", text, flags=re.MULTILINE)
    return text


class _MainText(HTMLParser):
    """Collects the readable text of a page: no scripts, styles, navigation or forms."""

    SKIP = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside",
            "form", "iframe", "button", "select", "head", "figure"}
    BLOCK = {"p", "div", "section", "article", "main", "br", "li", "ul", "ol", "h1", "h2", "h3",
             "h4", "h5", "h6", "tr", "table", "blockquote", "pre", "hr", "dd", "dt"}
    VOID = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed",
            "param", "track"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.article_parts: list[str] = []
        self.skip_depth = 0
        self.article_depth = 0
        self.meta: dict[str, str] = {}
        self.in_title = False
        self.title = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            value = attrs.get("content")
            if value:
                self.meta.setdefault(key, value.strip())
            return
        if tag == "title":
            self.in_title = True
        if tag in self.VOID:
            if tag in self.BLOCK:
                self._emit("\n")
            return
        if tag in self.SKIP:
            self.skip_depth += 1
        if tag in ("article", "main"):
            self.article_depth += 1
        if tag in self.BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in self.SKIP and self.skip_depth:
            self.skip_depth -= 1
        if tag in ("article", "main") and self.article_depth:
            self.article_depth -= 1
        if tag in self.BLOCK:
            self._emit("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title += data
            return
        if self.skip_depth:
            return
        self._emit(re.sub(r"\s+", " ", data))

    def _emit(self, text: str) -> None:
        self.parts.append(text)
        if self.article_depth:
            self.article_parts.append(text)


def html_to_text(html: str) -> tuple[str, dict]:
    """Main text of an HTML page (the <article>/<main> element when there is one) and its
    metadata from <title> and meta tags (og:title, article:published_time, og:site_name, og:url)."""
    parser = _MainText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient; anything it still rejects leaves what it read
        pass
    parts = parser.article_parts if "".join(parser.article_parts).strip() else parser.parts
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in "".join(parts).split("\n")]
    text = "\n".join(line for line in lines if line)
    m = parser.meta
    meta = {
        "title": m.get("og:title") or m.get("twitter:title") or parser.title.strip() or None,
        "published": m.get("article:published_time") or m.get("datepublished") or m.get("date")
        or m.get("pubdate") or None,
        "outlet": m.get("og:site_name") or m.get("publisher") or None,
        "url": m.get("og:url") or None,
    }
    if meta["published"] and parse_published(meta["published"]) is None:
        meta["published"] = None
    return text, {k: v for k, v in meta.items() if v}
