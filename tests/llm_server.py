"""A chat-completions HTTP server for the llm extractor's tests.

No language model can run on these machines, so this stands in for the model, and only
for the model: a real HTTP server (http.server on 127.0.0.1, a port the OS picks, in a
thread of the test process) that speaks POST /v1/chat/completions and returns answers
the test recorded in advance. Everything on our side of the socket (client, retries,
time-outs, cache, grounding) is the real code.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """A completion whose message content is ``content`` (any text: JSON or not)."""
    content: str
    usage: dict = field(default_factory=lambda: {"prompt_tokens": 100, "completion_tokens": 20})
    finish_reason: str = "stop"


@dataclass
class Status:
    """An HTTP error answer."""
    code: int
    message: str = "error"
    headers: dict = field(default_factory=dict)


@dataclass
class Stall:
    """No answer for ``seconds`` (released early when the server stops), then ``then``."""
    seconds: float
    then: Reply | Status | None = None


@dataclass
class Gate:
    """No answer until ``count`` requests are in flight at once (or ``seconds`` pass), then ``then``."""
    count: int
    then: Reply
    seconds: float = 10.0


def answer(entities: list, relations: list) -> Reply:
    return Reply(json.dumps({"entities": entities, "relations": relations}))


class ChatServer:
    """Answers by the first rule whose needle is in the request's user message.

    ``queue`` answers come first, one per request, whatever the message; ``requests``
    records every request as (headers, body).
    """

    def __init__(self):
        self.rules: list[tuple[str, object]] = []
        self.queue: list[object] = []
        self.requests: list[tuple[dict, dict]] = []
        self.in_flight = self.most_in_flight = 0
        self._release = threading.Event()
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                with owner._lock:
                    owner.requests.append((dict(self.headers), body))
                    planned = owner.queue.pop(0) if owner.queue else owner._rule_for(self.path, body)
                    owner.in_flight += 1
                    owner.most_in_flight = max(owner.most_in_flight, owner.in_flight)
                try:
                    self._send(planned)
                finally:
                    with owner._lock:
                        owner.in_flight -= 1

            def _send(self, planned):
                if isinstance(planned, Gate):
                    with owner._changed:
                        owner._changed.notify_all()
                        owner._changed.wait_for(lambda: owner.most_in_flight >= planned.count
                                                or owner._release.is_set(), planned.seconds)
                    planned = planned.then
                if isinstance(planned, Stall):
                    owner._release.wait(planned.seconds)
                    if planned.then is None or owner._release.is_set():
                        return
                    planned = planned.then
                if isinstance(planned, Status):
                    self._write(planned.code, {"error": {"message": planned.message}}, planned.headers)
                    return
                self._write(200, {"id": "chatcmpl-test", "object": "chat.completion",
                                  "model": "test-model",
                                  "choices": [{"index": 0, "finish_reason": planned.finish_reason,
                                               "message": {"role": "assistant", "content": planned.content}}],
                                  "usage": planned.usage})

            def _write(self, code, payload, headers=None):
                data = json.dumps(payload).encode("utf-8")
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for key, value in (headers or {}).items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the client gave up waiting (time-out tests)
                    pass

            def log_message(self, *args):
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    def _rule_for(self, path: str, body: dict):
        if path != "/v1/chat/completions":
            return Status(404, f"no route {path}")
        user = next((m["content"] for m in body.get("messages", []) if m.get("role") == "user"), "")
        for needle, planned in self.rules:
            if needle in user:
                return planned
        return answer([], [])

    def on(self, needle: str, planned) -> "ChatServer":
        self.rules.append((needle, planned))
        return self

    def start(self) -> "ChatServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()
        with self._changed:
            self._changed.notify_all()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
