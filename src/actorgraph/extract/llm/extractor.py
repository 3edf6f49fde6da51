"""The llm extractor: article -> chunks -> (cache or server) -> grounding -> one graph per article.

Requests for all articles' chunks run on ``jobs`` threads; answers are cached before they
are used, so an interrupted run loses nothing it was told. An article whose chunk cannot
be had (after the client's retries) is left out with one line saying why; the others go on.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ...errors import InputError, ModelError
from ...model import Article, Edge, Evidence, Graph, Node, slugify
from ...ontology import Ontology
from ..dates import sentence_date
from ..document import Document
from ..text import split_sentences
from .cache import AnswerCache, cache_key
from .client import Answer, ChatClient, Unreachable, display_url, parse_content
from .grounding import DROP_REASONS, ENTITY_DROP_REASONS, Excerpt, Found, ground
from .schema import prompt_version, response_format, system_prompt, user_message

DEFAULT_URL = "http://localhost:11434/v1"


@dataclass(frozen=True)
class LLMConfig:
    """Where the model is and how to ask it (see the llm_* entries of settings.SETTINGS)."""
    model: str | None
    url: str = DEFAULT_URL
    api_key: str | None = field(default=None, repr=False)
    cache_dir: Path | None = None
    timeout: float = 300.0
    chunk_chars: int = 6000
    retries: int = 4
    backoff: float = 1.0


@dataclass
class _Request:
    doc: int                 # index of the article
    excerpt: Excerpt
    messages: list[dict]
    key: str


class LLMExtractor:
    def __init__(self, config: LLMConfig):
        if not config.model:
            raise InputError("--extractor llm needs a model: pass --llm-model NAME or set "
                             "ACTORGRAPH_LLM_MODEL (for Ollama e.g. qwen2.5:7b)")
        if not re.match(r"(?i)https?://[^/\s]+", config.url or ""):
            raise InputError(f"--llm-url {config.url!r} is not an http:// or https:// URL "
                             f"(Ollama: {DEFAULT_URL})")
        self.config = config
        self.name = f"llm:{config.model}"
        self.server = display_url(config.url)
        self.cache = AnswerCache(config.cache_dir) if config.cache_dir else None
        self._client: ChatClient | None = None
        self._lock = threading.Lock()
        self._unreachable: ModelError | None = None
        self.stats: Counter = Counter()   # requests, cached, fresh prompt/completion tokens

    # -- the Extractor protocol -------------------------------------------------------------

    def extract(self, doc: Document, ontology: Ontology) -> Graph:
        graphs, failures = self.extract_all([doc], ontology)
        if failures:
            raise ModelError(failures[0])
        return graphs[0]

    def extract_all(self, docs: list[Document], ontology: Ontology, *, jobs: int = 1,
                    progress: Callable[[int, int], None] | None = None
                    ) -> tuple[list[Graph | None], list[str]]:
        """A graph per article (None where it failed) and one line per failed article."""
        if self.cache is not None:
            self.cache.prepare()
        version = prompt_version(ontology)
        by_doc = [self._requests(i, doc, ontology, version) for i, doc in enumerate(docs)]
        answers = self._answers(by_doc, response_format(ontology), version, jobs, progress)
        graphs: list[Graph | None] = []
        failures: list[str] = []
        for doc, mine in zip(docs, by_doc):
            failed = next((answers[r.key] for r in mine if isinstance(answers[r.key], ModelError)), None)
            if failed is not None:
                failures.append(f"{_article_name(doc)}: not extracted: {failed} "
                                f"(server {self.server}, model {self.config.model})")
                graphs.append(None)
                continue
            graphs.append(self._graph(doc, [(r.excerpt, *answers[r.key]) for r in mine], ontology, version))
        return graphs, failures

    def _requests(self, index: int, doc: Document, ontology: Ontology, version: str) -> list[_Request]:
        """One request per chunk of the article, each with its cache key."""
        system = {"role": "system", "content": system_prompt(ontology)}
        spans = chunk_spans(doc.text, self.config.chunk_chars)
        requests = []
        for part, (start, end) in enumerate(spans, start=1):
            excerpt = doc.text[start:end]
            user = user_message(doc, excerpt, part, len(spans))
            requests.append(_Request(index, Excerpt(excerpt, start), [system, {"role": "user", "content": user}],
                                     cache_key(self.config.model, version, user)))
        return requests

    def _answers(self, by_doc: list[list[_Request]], fmt: dict, version: str, jobs: int,
                 progress) -> dict[str, tuple[dict, dict] | ModelError]:
        """Each distinct key's (parsed answer, usage), from the cache or the server, or its error."""
        answers: dict[str, tuple[dict, dict] | ModelError] = {}
        missing: dict[str, _Request] = {}
        for request in (r for mine in by_doc for r in mine):
            if request.key not in answers and request.key not in missing:
                cached = self._cached(request.key)
                if cached is not None:
                    answers[request.key] = cached
                else:
                    missing[request.key] = request
        waiting: dict[int, set[str]] = {}      # article -> keys it still waits for
        docs_of: dict[str, set[int]] = {}      # key -> articles waiting for it
        for index, mine in enumerate(by_doc):
            for r in mine:
                if r.key in missing:
                    waiting.setdefault(index, set()).add(r.key)
                    docs_of.setdefault(r.key, set()).add(index)
        done, total = len(by_doc) - len(waiting), len(by_doc)
        if progress and done:
            progress(done, total)
        if not missing:
            return answers
        client = self._client_for(jobs)
        pool = ThreadPoolExecutor(max_workers=max(1, jobs))
        futures = {pool.submit(self._ask, client, r, fmt, version): key for key, r in missing.items()}
        try:
            for future in as_completed(futures):
                key = futures[future]
                try:
                    answers[key] = future.result()
                except ModelError as exc:
                    answers[key] = exc
                for index in sorted(docs_of[key]):
                    waiting[index].discard(key)
                    if not waiting[index]:
                        del waiting[index]
                        done += 1
                        if progress:
                            progress(done, total)
        finally:  # on Ctrl-C, start no more requests (the answers already had are cached)
            pool.shutdown(wait=False, cancel_futures=True)
        return answers

    # -- asking ------------------------------------------------------------------------------

    def _client_for(self, jobs: int) -> ChatClient:
        if self._client is None:
            c = self.config
            self._client = ChatClient(c.url, c.model, api_key=c.api_key, timeout=c.timeout,
                                      retries=c.retries, backoff=c.backoff, connections=jobs)
        return self._client

    def _cached(self, key: str) -> tuple[dict, dict] | None:
        record = self.cache.get(key) if self.cache is not None else None
        if record is None:
            return None
        try:
            parsed = parse_content(Answer(record["content"]))
        except ModelError:
            return None  # a damaged entry: ask again
        with self._lock:
            self.stats["cached"] += 1
        return parsed, record.get("usage") or {}

    def _ask(self, client: ChatClient, request: _Request, fmt: dict, version: str) -> tuple[dict, dict]:
        if self._unreachable is not None:
            raise self._unreachable
        with self._lock:
            self.stats["requests"] += 1
        try:
            answer = client.complete(request.messages, fmt)
        except Unreachable as exc:
            self._unreachable = exc  # the other chunks would only wait for the same refusal
            raise
        with self._lock:
            self.stats["fresh_prompt_tokens"] += answer.usage.get("prompt_tokens", 0)
            self.stats["fresh_completion_tokens"] += answer.usage.get("completion_tokens", 0)
        parsed = parse_content(answer)   # garbage is not cached: a rerun asks again
        if self.cache is not None:
            self.cache.put(request.key, model=self.config.model, prompt_version=version,
                           content=answer.content, usage=answer.usage)
        return parsed, answer.usage

    # -- building the graph ------------------------------------------------------------------

    def _graph(self, doc: Document, answered: list[tuple[Excerpt, dict, dict]], ontology: Ontology,
               version: str) -> Graph:
        graph = Graph(meta={"extractor": self.name})
        found: list[Found] = [ground(parsed, excerpt, ontology) for excerpt, parsed, _ in answered]
        dropped_relations: Counter = Counter()
        dropped_entities: Counter = Counter()
        ids: dict[str, str] = {}
        for f in found:
            dropped_relations.update(f.dropped_relations)
            dropped_entities.update(f.dropped_entities)
            for name, (label, aliases) in f.entities.items():
                node = graph.add_node(Node(slugify(name), name, label, sorted(aliases)))
                ids[name] = node.id
        sentences = split_sentences(doc.text)
        why = f"llm:{self.config.model}"
        kept = 0
        for f in found:
            for rel in f.relations:
                spec = ontology.relations[rel["type"]]
                source, target = graph.nodes[ids[rel["source"]]], graph.nodes[ids[rel["target"]]]
                if not spec.allows(source.label, target.label):  # another chunk labelled an end otherwise
                    dropped_relations["forbidden_endpoints"] += 1
                    continue
                start, end = rel["start"], rel["end"]
                date, date_source = _date(doc, sentences, start, end)
                evidence = Evidence(doc.id, doc.text[start:end], start, end, date, date_source, why)
                graph.add_edge(Edge(source.id, target.id, spec.name, [evidence], dict(rel["props"])),
                               symmetric=spec.symmetric)
                kept += 1
        graph.add_article(Article(doc.id, doc.title, doc.published, doc.file, doc.sha256,
                                  sorted(graph.nodes), doc.props()))
        tokens = Counter()
        for _, _, usage in answered:
            tokens["prompt"] += usage.get("prompt_tokens", 0)
            tokens["completion"] += usage.get("completion_tokens", 0)
        graph.meta["llm"] = {"model": self.config.model, "prompt_version": version,
                             "chunks": len(answered), "relations_kept": kept,
                             "dropped_relations": dict(sorted(dropped_relations.items())),
                             "dropped_entities": dict(sorted(dropped_entities.items())),
                             "tokens": {"prompt": tokens["prompt"], "completion": tokens["completion"]}}
        return graph

    # -- reporting ---------------------------------------------------------------------------

    def report(self, graphs: list[Graph]) -> tuple[dict, list[str]]:
        """The corpus's ``meta["llm"]`` (sums over articles) and the summary lines for people."""
        per_article = [g.meta["llm"] for g in graphs if "llm" in g.meta]
        total: dict = {"model": self.config.model,
                       "prompt_version": per_article[0]["prompt_version"] if per_article else None,
                       "chunks": 0, "relations_kept": 0, "dropped_relations": Counter(),
                       "dropped_entities": Counter(), "tokens": Counter()}
        for meta in per_article:
            for key in ("chunks", "relations_kept"):
                total[key] += meta[key]
            for key in ("dropped_relations", "dropped_entities", "tokens"):
                total[key].update(meta[key])
        for key in ("dropped_relations", "dropped_entities"):
            total[key] = dict(sorted(total[key].items()))
        total["tokens"] = {"prompt": total["tokens"]["prompt"], "completion": total["tokens"]["completion"]}
        return {"llm": total}, summary_lines(total, self.stats, self.server, self.cache)


def summary_lines(meta: dict, stats: Counter, server: str, cache: AnswerCache | None) -> list[str]:
    """'kept 41 relations; dropped 3 without a verbatim quote, 1 of an unknown type' and the cost."""
    line = f"llm {meta['model']}: kept {meta['relations_kept']} grounded relations"
    if meta["dropped_relations"]:
        line += "; dropped " + ", ".join(f"{n} {DROP_REASONS.get(k, k)}"
                                         for k, n in meta["dropped_relations"].items())
    if meta["dropped_entities"]:
        line += "; dropped entities: " + ", ".join(f"{n} {ENTITY_DROP_REASONS.get(k, k)}"
                                                   for k, n in meta["dropped_entities"].items())
    tokens = meta["tokens"]
    cost = (f"  {meta['chunks']} chunks: {stats['requests']} sent to {server}, "
            f"{stats['cached']} from the cache" + (f" ({cache.folder})" if cache else " (no cache)")
            + f"; tokens {tokens['prompt']:,} prompt + {tokens['completion']:,} completion"
            + f" ({stats['fresh_prompt_tokens'] + stats['fresh_completion_tokens']:,} spent in this run)")
    return [line, cost]


def chunk_spans(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) pieces of ``text`` of at most ``limit`` characters, cut at line ends.

    A line (a paragraph, in these files) longer than ``limit`` is cut at its last
    sentence end that fits, else at a space, else at ``limit``.
    """
    chunks: list[tuple[int, int]] = []
    current: list[int] | None = None
    for line in re.finditer(r"[^\n]*\S", text):
        for start, end in _pieces(text, line.start(), line.end(), limit):
            if current is not None and end - current[0] > limit:
                chunks.append((current[0], current[1]))
                current = None
            if current is None:
                current = [start, end]
            current[1] = end
    if current is not None:
        chunks.append((current[0], current[1]))
    return chunks


def _pieces(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > limit:
        window = text[start:start + limit]
        cut = max((m.end() for m in re.finditer(r"[.!?][\"'”’)\]]*\s+", window)), default=0)
        if cut == 0:
            cut = window.rfind(" ") + 1
        if cut <= 0:
            cut = limit
        pieces.append((start, start + len(window[:cut].rstrip())))
        start += cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def _date(doc: Document, sentences, start: int, end: int) -> tuple[str | None, str | None]:
    """The date the sentence(s) holding the quote give, else the publication date."""
    around = [s for s in sentences if s.start < end and start < s.end]
    context = doc.text[around[0].start:around[-1].end] if around else doc.text[start:end]
    date = sentence_date(context, doc.published)
    if date:
        return date, "text"
    if doc.published:
        return doc.published, "article"
    return None, None


def _article_name(doc: Document) -> str:
    return doc.file if not doc.stem or Path(doc.file).stem == doc.stem else f"{doc.file} ({doc.stem})"
