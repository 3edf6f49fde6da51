"""A chat-completions client: one POST per chunk, retried with backoff by urllib3.

Speaks ``POST {url}/chat/completions`` as Ollama, llama.cpp's server, vLLM, LM Studio and
hosted APIs serve it. 429, 5xx, broken connections and time-outs are retried with
exponential backoff (a ``Retry-After`` header is honoured, up to a minute); what is still
wrong after the retries becomes a ModelError saying what to change. The API key travels
only in the Authorization header and is blanked out of every message made from an answer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from ... import jsonfile
from ...errors import InputError, ModelError

RETRY_STATUSES = (429, 500, 502, 503, 504)
MAX_WAIT = 60          # longest pause between two tries, Retry-After included, in seconds


@dataclass
class Answer:
    content: str
    usage: dict = field(default_factory=dict)    # prompt_tokens, completion_tokens
    finish_reason: str | None = None


class Unreachable(ModelError):
    """Nothing answered at the server's address (refused, unknown host, connect time-out)."""


def display_url(url: str) -> str:
    """The server's URL as it may be printed: no user:password@, no query string."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


class ChatClient:
    def __init__(self, url: str, model: str, *, api_key: str | None = None, timeout: float = 300.0,
                 retries: int = 4, backoff: float = 1.0, connections: int = 1):
        if not re.match(r"(?i)https?://[^/\s]+", url or ""):
            raise InputError(f"--llm-url {url!r} is not an http:// or https:// URL "
                             "(Ollama: http://localhost:11434/v1)")
        try:
            import urllib3
            from urllib3.util import Retry, Timeout
        except ImportError:  # a core dependency; only a broken install lacks it
            raise InputError('the llm extractor needs urllib3: pip install "urllib3>=2.6.3"') from None
        self.model, self.server, self.timeout, self.retries = model, display_url(url), timeout, retries
        self._endpoint = url.rstrip("/") + "/chat/completions"
        self._key = api_key or None
        retry = Retry(total=retries, connect=retries, read=retries, status=retries, redirect=False,
                      allowed_methods=None,  # POST too: asking again for an answer is harmless
                      status_forcelist=RETRY_STATUSES, backoff_factor=backoff, backoff_max=MAX_WAIT,
                      retry_after_max=MAX_WAIT, raise_on_status=False)
        self._http = urllib3.PoolManager(num_pools=2, maxsize=max(1, connections), block=True,
                                         retries=retry, timeout=Timeout(connect=min(timeout, 30.0),
                                                                        read=timeout))
        self._urllib3 = urllib3

    def complete(self, messages: list[dict], response_format: dict | None) -> Answer:
        """One answer for ``messages`` at temperature 0; ModelError when none can be had."""
        body = {"model": self.model, "messages": messages, "temperature": 0, "stream": False}
        if response_format is not None:
            body["response_format"] = response_format
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self._key:
            headers["Authorization"] = f"Bearer {self._key}"
        exc_types = self._urllib3.exceptions
        try:
            response = self._http.request("POST", self._endpoint, body=json.dumps(body).encode("utf-8"),
                                          headers=headers)
        except exc_types.MaxRetryError as exc:
            raise self._failure(exc.reason) from None
        except exc_types.HTTPError as exc:
            raise self._failure(exc) from None
        return self._answer(response.status, response.data)

    def _failure(self, reason) -> ModelError:
        exc_types = self._urllib3.exceptions
        tries = f"{self.retries + 1} tries"
        if isinstance(reason, exc_types.ReadTimeoutError):
            return ModelError(f"no answer within {self.timeout:g} s ({tries}); raise --llm-timeout "
                              "or lower --llm-chunk-chars")
        if isinstance(reason, (exc_types.NewConnectionError, exc_types.ConnectTimeoutError)):
            detail = "connection refused" if "refused" in str(reason).lower() else "cannot connect"
            return Unreachable(f"{detail} ({tries}); is the server running? (Ollama: `ollama serve`)")
        if isinstance(reason, exc_types.ProtocolError):
            return ModelError(f"the connection broke before an answer ({tries})")
        return ModelError(self._redact(f"request failed: {reason.__class__.__name__}: {reason}"))

    def _answer(self, status: int, data: bytes) -> Answer:
        if status != 200:
            message = self._redact(_error_text(data))
            if status in (401, 403):
                raise ModelError(f"the server refused the request (HTTP {status}: {message}); "
                                 "check ACTORGRAPH_LLM_API_KEY")
            if status == 404:
                raise ModelError(f"HTTP 404 ({message}); check --llm-url (it usually ends in /v1) "
                                 "and that the server has the model")
            if status in RETRY_STATUSES:
                raise ModelError(f"HTTP {status} after {self.retries + 1} tries ({message})")
            raise ModelError(f"HTTP {status} ({message})")
        try:
            reply = jsonfile.loads(data.decode("utf-8"))
            choice = reply["choices"][0]
            content = choice["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError, UnicodeDecodeError):
            raise ModelError("the server's reply is not a chat completion "
                             f"(starts {self._redact(_start(data))!r})") from None
        if not isinstance(content, str):
            raise ModelError("the answer has no text content")
        usage = reply.get("usage") if isinstance(reply.get("usage"), dict) else {}
        counts = {k: int(usage[k]) for k in ("prompt_tokens", "completion_tokens")
                  if isinstance(usage.get(k), int) and not isinstance(usage.get(k), bool)}
        return Answer(content, counts, choice.get("finish_reason"))

    def _redact(self, text: str) -> str:
        return text.replace(self._key, "[API key]") if self._key else text


def parse_content(answer: Answer) -> dict:
    """The JSON object in an answer, tolerating reasoning blocks and code fences around it."""
    text = re.sub(r"(?s)<think>.*?</think>", "", answer.content).strip()
    fenced = re.match(r"(?s)^```(?:json)?\s*(.*?)\s*```$", text)
    if fenced:
        text = fenced.group(1)
    candidates = [text]
    if "{" in text and "}" in text:
        candidates.append(text[text.index("{"):text.rindex("}") + 1])
    for candidate in candidates:
        try:
            value = jsonfile.loads(candidate)
        except ValueError:
            continue
        if isinstance(value, dict) and ("entities" in value or "relations" in value):
            return value
        raise ModelError("the answer is JSON but not an object with 'entities' and 'relations'")
    if answer.finish_reason == "length":
        raise ModelError("the answer was cut off at the server's token limit; lower "
                         "--llm-chunk-chars or give the model a longer context")
    raise ModelError(f"the answer is not JSON (starts {_start(answer.content.encode('utf-8'))!r})")


def _error_text(data: bytes) -> str:
    try:
        body = jsonfile.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return _start(data) or "no message"
    error = body.get("error", body) if isinstance(body, dict) else body
    if isinstance(error, dict):
        error = error.get("message") or error
    return str(error)[:200]


def _start(data: bytes, size: int = 60) -> str:
    text = data.decode("utf-8", "replace").strip()
    return re.sub(r"\s+", " ", text)[:size]
