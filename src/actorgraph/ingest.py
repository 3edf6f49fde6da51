"""Read articles from files and folders: .txt, .md, saved web pages (.html/.htm), RSS/Atom
feeds (.rss, .atom, .xml) and JSON Lines exports (.jsonl).

A web page's main text and metadata come from trafilatura (measured against readability-lxml
and jusText on tests/fixtures/pages: docs/ingest.md); navigation, cookie banners, related
links, comments, captions and pull quotes are not article text. Metadata (title, author,
published, outlet, url, language) comes from the page's own metadata (Open Graph, JSON-LD,
<time>, meta tags), from a feed's entries, or from JSON fields; a ``manifest.json`` beside
the files wins over all of them. An article's identity is the hash of its normalised text,
so the same article ingested twice (or under two names) is read once.

Bad input never stops a corpus: each unreadable file gives one problem line
("path: skipped: binary file") and the rest is read. Articles that were read but deserve a
word (a page in another language) give a note line.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import jsonfile
from .errors import InputError
from .extract.dates import parse_published
from .extract.document import Document

HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUFFIXES = {".txt", ".md", ".markdown", ".jsonl"} | HTML_SUFFIXES | FEED_SUFFIXES
MAX_BYTES = 20 * 1024 * 1024   # larger files are not news articles; skipped with a message
MAX_RECORD_CHARS = 2_000_000   # one .jsonl record or feed entry
MANIFEST = "manifest.json"
TEXT_KEYS = ("text", "content", "body")   # where a .jsonl record keeps its article, first found wins
META_KEYS = ("title", "published", "outlet", "url", "author", "language")
ENGLISH = "en"                 # the language the rules extractor reads

# A web page holds an article when its kept text has at least this many words in sentence-like
# lines (six words or more, ending like a sentence): a video page's "Please enable JavaScript"
# or a list of headlines does not.
MIN_ARTICLE_WORDS = 20
SENTENCE_LINE = re.compile(r"^(?:\S+\s+){5,}.*[.!?…\"'”’)]$")
# Lines inside a page's text that point to another story, not part of this one ("Read more: ...").
TEASER_LABELS = ("read more", "read also", "also read", "see also", "related", "recommended",
                 "more on this", "watch", "listen", "lea también", "leé también", "lee también",
                 "te puede interesar", "mirá también", "mira también", "ver también", "más información",
                 "leia também", "veja também", "saiba mais")
TEASER_LINE = re.compile(r"^(?:%s)\s*[:：|»›>-]" % "|".join(re.escape(t) for t in TEASER_LABELS), re.IGNORECASE)
PULL_QUOTE_MIN_CHARS = 40       # a shorter line repeated elsewhere is more likely a refrain than a pull quote
# Elements removed before extraction: consent and cookie banners, which trafilatura sometimes
# keeps when they stand before the article.
PRUNE_XPATH = ["//*[not(self::html or self::body or self::main or self::article)][" + " or ".join(
    f"contains(@{attr}, '{word}')" for attr in ("class", "id") for word in ("cookie", "consent", "gdpr")) + "]"]


@dataclass
class Corpus:
    documents: list[Document] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # files or records that could not be read
    notes: list[str] = field(default_factory=list)      # read, but worth a word (another language)
    files_seen: int = 0
    files_left: list[str] = field(default_factory=list)  # in folders, files of other kinds (not read)


def clean_text(text: str) -> str:
    """The text evidence offsets index into: the file's text with Unix newlines and no BOM,
    so a quote's offsets point at the same characters in a .txt file."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def normalise_text(text: str) -> str:
    """The form an article's identity is computed from: NFC, whitespace runs collapsed."""
    # str.split() cuts at exactly the characters ``\s`` matches in a str pattern, and drops
    # them at both ends: the same as re.sub(r"\s+", " ", ...).strip(), at a tenth of the cost
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_hash(text: str) -> str:
    """sha256 of the normalised text: layout changes keep an article's identity."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def markdown_to_text(text: str) -> str:
    """Markdown to plain prose: headings, emphasis, links and images unwrapped."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"^\s*>\s?", "", text, flags=re.MULTILINE)
    return text


def _str(value) -> str | None:
    return str(value) if value not in (None, "") else None


def _first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0].strip()
    return line[:200]


def read_paths(paths: list[Path], *, max_bytes: int = MAX_BYTES) -> Corpus:
    """Read every article under ``paths`` (files or folders, walked in sorted order).

    Inside a folder, a symbolic link that leads out of it (or to another folder) is skipped
    with a problem line: a corpus folder reads only what it holds. So is a ``manifest.json``
    linked from outside its folder. A file named directly is read wherever its link points."""
    corpus = Corpus()
    seen: set[str] = set()
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        files = _folder_files(path, corpus.problems, corpus.files_left) if path.is_dir() else [path]
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
                note = _language_note(doc)
                if note:
                    corpus.notes.append(note)
        for folder, entries in manifests.items():
            for name in sorted(entries):
                if not (folder / name).exists():
                    corpus.problems.append(f"{folder / MANIFEST}: names {name}, which does not exist")
    return corpus


def _folder_files(root: Path, problems: list[str], left: list[str]) -> list[Path]:
    """Article files under ``root`` in sorted order, hidden files and folders left out; the
    files of other kinds are added to ``left``."""
    inside = root.resolve()
    files = []
    for folder, dirs, names in os.walk(root):  # does not descend into linked folders
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(dirs):
            if os.path.islink(os.path.join(folder, name)):
                problems.append(f"{Path(folder) / name}: skipped: a symbolic link to a folder; "
                                "name that folder itself to read it")
        for name in sorted(names):
            path = Path(folder) / name
            if name.startswith(".") or name == MANIFEST:
                continue
            if path.suffix.lower() not in SUFFIXES:
                left.append(str(path))
                continue
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(inside):
                    problems.append(f"{path}: skipped: a symbolic link to {target}, outside {root}; "
                                    "name the file itself to read it")
                    continue
            if path.is_file():
                files.append(path)
    return files


def _manifest(folder: Path, problems: list[str]) -> dict[str, dict]:
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    if path.is_symlink() and not path.resolve().is_relative_to(folder.resolve()):
        # as for article files: a folder's manifest is what the folder holds
        problems.append(f"{path}: ignored: a symbolic link to {path.resolve()}, outside {folder}")
        return {}
    try:
        data = jsonfile.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        problems.append(f"{path}:{exc.lineno}: ignored: invalid JSON ({exc.msg})")
        return {}
    except jsonfile.TooDeep:
        problems.append(f"{path}: ignored: nested too deeply to be a manifest")
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
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if size > max_bytes and suffix not in {".jsonl"} | FEED_SUFFIXES:  # these hold many articles
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
    document = _document_format(raw)
    if document:  # named directly, whatever its suffix: say what it is, not "not UTF-8"
        problems.append(f"{path}: skipped: a {document} file; actorgraph reads text, Markdown, HTML, "
                        f"JSON Lines and feeds: save or convert it as text first")
        return []
    if b"\x00" in raw:  # anywhere: a late NUL would reach an evidence quote and the store
        problems.append(f"{path}: skipped: binary file")
        return []
    if suffix in FEED_SUFFIXES:  # feeds declare their own encoding
        return _feed(path, raw, meta, problems)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"{path}: skipped: not UTF-8 text (bad byte at offset {exc.start}); "
                        "convert it with iconv -t UTF-8")
        return []
    if suffix == ".jsonl":
        return _jsonl(path, text, meta, problems)
    if suffix in HTML_SUFFIXES:
        text, page_meta = html_to_text(text)
        if not text:
            problems.append(f"{path}: skipped: no article text found")
            return []
        meta = _merge(page_meta, meta)
    elif suffix in (".md", ".markdown"):
        text = markdown_to_text(text)
    doc = _document(path.name, path.stem, text, meta)
    if doc is None:
        problems.append(f"{path}: skipped: no article text")
        return []
    return [doc]


# Document formats people save articles in, by the bytes they begin with (their "magic numbers")
DOCUMENT_MAGIC = ((b"%PDF-", "PDF"), (b"PK\x03\x04", "zip (Word, OpenDocument or EPUB)"),
                  (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word 97-2003"), (b"{\\rtf", "RTF"))


def _document_format(raw: bytes) -> str | None:
    for magic, name in DOCUMENT_MAGIC:
        if raw.startswith(magic):
            return name
    return None


def _merge(found: dict, given: dict) -> dict:
    """Metadata found in a page or feed, overridden by what the manifest or a JSON field gives."""
    return {**found, **{k: v for k, v in given.items() if v}}


def _jsonl(path: Path, text: str, meta: dict, problems: list[str]) -> list[Document]:
    docs = []
    # JSON Lines are separated by \n only; str.splitlines() would also cut at U+2028 and
    # other separators that may stand inside a JSON string.
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = jsonfile.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path}:{number}: skipped: invalid JSON ({exc.msg})")
            continue
        except jsonfile.TooDeep:
            problems.append(f"{path}:{number}: skipped: nested too deeply to be an article record")
            continue
        body = next((record[k] for k in TEXT_KEYS if isinstance(record.get(k), str)), None) \
            if isinstance(record, dict) else None
        if body is None:
            problems.append(f"{path}:{number}: skipped: needs a 'text', 'content' or 'body' string")
            continue
        if len(body) > MAX_RECORD_CHARS:
            problems.append(f"{path}:{number}: skipped: text of {len(body):,} characters is "
                            f"longer than the {MAX_RECORD_CHARS:,} allowed for one article")
            continue
        fields = {k: record.get(k) for k in META_KEYS if isinstance(record.get(k), (str, int))}
        if fields.get("published") is not None and parse_published(fields["published"]) is None:
            problems.append(f"{path}:{number}: bad date {fields['published']!r} ignored")
            fields["published"] = None
        stem = str(record.get("id") or f"{path.stem}-{number}")
        doc = _document(path.name, stem, body, _merge(meta, fields))
        if doc is None:
            problems.append(f"{path}:{number}: skipped: no article text")
            continue
        docs.append(doc)
    return docs


def _feed(path: Path, raw: bytes, meta: dict, problems: list[str]) -> list[Document]:
    """An RSS or Atom feed: one article per entry, with its link, date and author."""
    import feedparser

    parsed = feedparser.parse(raw)  # bytes, never a URL: feedparser would fetch one
    if not parsed.get("version") and not parsed.entries:
        problems.append(f"{path}: skipped: not an RSS or Atom feed")
        return []
    feed = parsed.get("feed", {})
    outlet, language = feed.get("title"), _language_code(feed.get("language"))
    docs, problems_before = [], len(problems)
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{path}: entry {number}"
        contents = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
        html = max(contents, key=len)
        if len(html) > MAX_RECORD_CHARS:
            problems.append(f"{where}: skipped: text of {len(html):,} characters is longer than the "
                            f"{MAX_RECORD_CHARS:,} allowed for one article")
            continue
        text = fragment_to_text(html)
        if not text:
            problems.append(f"{where}: skipped: no article text (the feed gives only a title and link)")
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        found = {"title": entry.get("title"), "url": entry.get("link"), "author": entry.get("author"),
                 "outlet": outlet, "language": language or _detect_language(text),
                 "published": "%04d-%02d-%02d" % tuple(stamp[:3]) if stamp else None}
        doc = _document(path.name, f"{path.stem}-{number}", text, _merge(found, meta))
        if doc is not None:
            docs.append(doc)
    if not docs and len(problems) == problems_before:
        problems.append(f"{path}: skipped: a feed without entries")
    return docs


def _document(file: str, stem: str, text: str, meta: dict) -> Document | None:
    text = clean_text(text)
    if not text.strip():
        return None
    digest = text_hash(text)
    published = parse_published(meta.get("published")) if meta.get("published") else None
    return Document(id=digest[:16], text=text, file=file, sha256=digest,
                    title=str(meta.get("title") or _first_line(text)), published=published,
                    outlet=_str(meta.get("outlet")), url=_str(meta.get("url")), stem=stem,
                    author=_str(meta.get("author")), language=_language_code(meta.get("language")))


# --- web pages ---------------------------------------------------------------------------

def html_to_text(html: str) -> tuple[str, dict]:
    """Main text of a saved web page and its metadata (title, author, published, outlet, url,
    language); the text is "" when the page holds no article."""
    import trafilatura

    _quiet_libraries()
    tree = trafilatura.load_html(html)
    if tree is None:
        return "", {}
    own = _page_metadata(tree)
    try:
        found = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False,
                                            include_tables=False, include_images=False,
                                            prune_xpath=PRUNE_XPATH)
    except RecursionError:  # markup nested deeper than lxml's tree walkers go
        found = None
    if found is None:
        return "", own
    meta = {"title": found.title, "author": found.author, "published": found.date,
            "outlet": found.sitename, "url": found.url or own.get("url")}
    text = _article_lines(found.text or "", meta["title"])
    meta["language"] = _detect_language(text) or own.get("language")
    if meta["published"] and parse_published(meta["published"]) is None:
        meta["published"] = None
    return text, {k: v for k, v in meta.items() if v}


def _article_lines(text: str, title: str | None) -> str:
    """The extracted text without what is not this article's prose: the headline repeated as
    its first line, "Read more:" teasers, pull quotes that repeat a sentence of the body."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if lines and title and _plain(lines[0]) == _plain(title):
        lines = lines[1:]
    lines = [line for line in lines if not TEASER_LINE.match(line)]
    plain = [_plain(line) for line in lines]
    kept = [line for i, line in enumerate(lines)
            if len(plain[i]) < PULL_QUOTE_MIN_CHARS
            or not any(i != j and plain[i] in other and len(other) > len(plain[i]) for j, other in enumerate(plain))]
    text = "\n".join(kept)
    words = sum(len(line.split()) for line in kept if SENTENCE_LINE.match(line))
    return text if words >= MIN_ARTICLE_WORDS else ""


def _plain(text: str) -> str:
    """Letters and digits only, case-folded: a pull quote matches the sentence it repeats
    whatever its quotation marks and punctuation."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _page_metadata(tree) -> dict:
    """What trafilatura does not read: the page's declared language and a JSON-LD article's url."""
    meta = {}
    language = tree.get("lang") or next(iter(tree.xpath(
        "//meta[@property='og:locale']/@content | //meta[@http-equiv='content-language']/@content")), None)
    for item in _json_ld(tree):
        if re.search(r"(Article|Posting)$", str(item.get("@type", ""))):
            page = item.get("mainEntityOfPage")
            url = item.get("url") or (page.get("@id") if isinstance(page, dict) else page)
            if isinstance(url, str) and url.startswith(("http://", "https://")):
                meta.setdefault("url", url)
            if isinstance(item.get("inLanguage"), str):
                language = language or item["inLanguage"]
    if _language_code(language):
        meta["language"] = _language_code(language)
    return meta


def _json_ld(tree) -> list[dict]:
    items = []
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = jsonfile.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack and len(items) < 100:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                items.append(node)
                stack.extend(v for k, v in node.items() if k == "@graph")
    return items


def fragment_to_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): one line per block element."""
    if "<" not in html:
        return " ".join(html.split())
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script | //style | //figcaption"):
        bad.drop_tree()
    for block in root.xpath("//p | //div | //li | //br | //h1 | //h2 | //h3 | //h4 | //blockquote"):
        block.tail = "\n" + (block.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _quiet_libraries() -> None:
    """trafilatura and htmldate log their doubts as warnings; without a handler Python would
    print them on stderr for every page."""
    import logging  # only web pages need it (trafilatura imports it anyway)

    for name in ("trafilatura", "htmldate", "courlan", "readability", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
            logger.propagate = False


# --- language ------------------------------------------------------------------------------

_IDENTIFIER = None
MIN_DETECT_CHARS = 200           # shorter texts are guessed too often wrong
MIN_DETECT_PROBABILITY = 0.95


def _detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), None when unsure or too short."""
    global _IDENTIFIER
    if len(text) < MIN_DETECT_CHARS:
        return None
    if _plainly_english(text):
        return ENGLISH  # most input: no need to load the model (0.6 CPU-s) or score the text
    if _IDENTIFIER is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    code, probability = _IDENTIFIER.classify(text[:5000])
    return code if probability >= MIN_DETECT_PROBABILITY else None


# The commonest English function words: a fifth of the words of English prose, next to none of
# Spanish, Portuguese, French or German prose.
ENGLISH_WORDS = frozenset("the of and to in is that for on with was as by at from his has it are were be this "
                          "which said its have not".split())


_ENGLISH_BYTES = frozenset(word.encode("ascii") for word in ENGLISH_WORDS)
# every byte but a-z to a space: a character outside ASCII is one "?" once encoded with "replace"
_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def _plainly_english(text: str) -> bool:
    # the runs of a-z that re.findall(r"[a-z]+", ...) gives, as bytes, at a third of its cost
    # (tests/test_ingest.py compares the two)
    words = text[:3000].lower().encode("ascii", "replace").translate(_LETTERS_ONLY).split()
    return len(words) >= 100 and sum(map(_ENGLISH_BYTES.__contains__, words)) >= 0.2 * len(words)


def _language_code(value) -> str | None:
    """'en-US', 'es_AR', 'EN' -> 'en', 'es', 'en'; None for anything that is not a language tag."""
    match = re.fullmatch(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*", str(value or "").strip())
    return match.group(1).lower() if match else None


def _language_note(doc: Document) -> str | None:
    language = doc.language or (_detect_language(doc.text) if len(doc.text) >= MIN_DETECT_CHARS else None)
    if not language or language == ENGLISH:
        return None
    import pycountry

    found = pycountry.languages.get(alpha_2=language) or pycountry.languages.get(alpha_3=language)
    name = found.name if found else language
    where = doc.file if doc.stem in (Path(doc.file).stem, "") else f"{doc.file} ({doc.stem})"
    return (f"{where}: read as {name} ({language}); the rules extractor is written for English, "
            "so expect few entities and relations from it")
