"""Answers on disk, keyed by (model, prompt version, chunk text).

One JSON file per answer, ``<dir>/<key[:2]>/<key>.json``, holding the model's reply and
its token counts; never the request, its headers or the article text. With every chunk
of a corpus cached, extraction needs no server and gives the same graph, so the folder
can be shared or committed beside the articles.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ...errors import InputError
from ...model import write_text_atomic

FORMAT = 1


def cache_key(model: str, prompt_version: str, chunk_text: str) -> str:
    digest = hashlib.sha256()
    for part in (model, prompt_version, chunk_text):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


class AnswerCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def prepare(self) -> None:
        """Create the folder now, so an unusable one fails before any request is sent."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"{self.folder}: cannot use as the model answer cache "
                             f"({exc.strerror or exc}); pass --llm-cache DIR") from None
        if not self.folder.is_dir():
            raise InputError(f"{self.folder}: the model answer cache must be a folder")

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        """The stored record, or None when absent or unreadable (then it is asked again)."""
        try:
            record = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or not isinstance(record.get("content"), str):
            return None
        return record

    def put(self, key: str, *, model: str, prompt_version: str, content: str, usage: dict) -> None:
        record = {"format": FORMAT, "model": model, "prompt_version": prompt_version,
                  "content": content, "usage": usage}
        write_text_atomic(self._path(key), json.dumps(record, ensure_ascii=False, indent=1) + "\n")
