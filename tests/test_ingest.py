"""Reading articles: formats, metadata, identity, and every kind of bad input."""

from __future__ import annotations

import json

import pytest

from actorgraph.errors import InputError
from actorgraph.ingest import html_to_text, read_paths, text_hash


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_txt_md_html_jsonl_are_read_with_their_metadata(tmp_path):
    write(tmp_path / "a.txt", "President Javier Milei met Donald Trump.\n")
    write(tmp_path / "b.md", "# Heading\n\nThe **IMF** approved a [loan](http://x.org).\n")
    write(tmp_path / "c.html", """<html><head><title>Page</title>
        <meta property="og:title" content="HTML title">
        <meta property="article:published_time" content="2025-10-14T09:00:00Z">
        <meta property="og:site_name" content="Perfil"><meta property="og:url" content="https://p.example/x">
        <script>var milei = "Trump met nobody";</script><style>p {color: red}</style></head>
        <body><nav>Home | World</nav><article><h1>Headline</h1><p>Milei met Trump.</p></article>
        <footer>Subscribe</footer></body></html>""")
    write(tmp_path / "d.jsonl", json.dumps({"text": "Scott Bessent backed the swap.", "title": "J",
                                            "published": "2025-10", "id": "rec1"}) + "\n")
    corpus = read_paths([tmp_path])
    assert corpus.problems == []
    by_file = {d.file: d for d in corpus.documents}
    assert set(by_file) == {"a.txt", "b.md", "c.html", "d.jsonl"}
    assert "**" not in by_file["b.md"].text and "loan" in by_file["b.md"].text
    html = by_file["c.html"]
    assert html.title == "HTML title" and html.published == "2025-10-14"
    assert html.outlet == "Perfil" and html.url == "https://p.example/x"
    assert "var milei" not in html.text and "Home" not in html.text and "Subscribe" not in html.text
    assert "Milei met Trump." in html.text
    record = by_file["d.jsonl"]
    assert record.stem == "rec1" and record.published == "2025-10" and record.title == "J"


def test_manifest_metadata_missing_files_and_bad_dates(tmp_path):
    write(tmp_path / "a.txt", "Milei met Trump in Washington.\n")
    write(tmp_path / "b.txt", "Bessent backed the swap.\n")
    write(tmp_path / "manifest.json", json.dumps({"articles": [
        {"file": "a.txt", "title": "A title", "published": "2025-09", "outlet": "Outlet"},
        {"file": "b.txt", "published": "next Tuesday"},
        {"file": "gone.txt", "title": "missing"}]}))
    corpus = read_paths([tmp_path])
    docs = {d.file: d for d in corpus.documents}
    assert docs["a.txt"].title == "A title" and docs["a.txt"].published == "2025-09"
    assert docs["a.txt"].outlet == "Outlet"
    assert docs["b.txt"].published is None
    assert any("bad date 'next Tuesday'" in p for p in corpus.problems)
    assert any("gone.txt, which does not exist" in p for p in corpus.problems)


def test_bad_files_are_reported_one_line_each_and_the_rest_is_read(tmp_path):
    write(tmp_path / "good.txt", "Milei met Trump.\n")
    write(tmp_path / "empty.txt", "   \n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    (tmp_path / "latin1.txt").write_bytes("Fernández met Trump".encode("latin-1"))
    with open(tmp_path / "huge.txt", "wb") as handle:  # sparse: 50 MB without writing them
        handle.truncate(50 * 1024 * 1024)
    write(tmp_path / "scripts.html", "<html><body><script>" + "x=1;" * 5000 + "</script></body></html>")
    write(tmp_path / "broken.jsonl", '{"text": "Milei met Lula."}\nnot json\n{"title": "no text"}\n')
    corpus = read_paths([tmp_path])
    problems = "\n".join(corpus.problems)
    assert "empty.txt: skipped: empty file" in problems
    assert "binary.txt: skipped: binary file" in problems
    assert "latin1.txt: skipped: not UTF-8 text" in problems
    assert "huge.txt: skipped: 50 MB is larger than" in problems
    assert "scripts.html: skipped: no article text" in problems
    assert "broken.jsonl:2: skipped: invalid JSON" in problems
    assert "broken.jsonl:3: skipped: needs a 'text' string" in problems
    assert all("\n" not in p for p in corpus.problems)
    assert sorted(d.file for d in corpus.documents) == ["broken.jsonl", "good.txt"]


def test_identity_is_the_normalised_text_hash(tmp_path):
    write(tmp_path / "one.txt", "Milei met Trump.\n")
    write(tmp_path / "two.txt", "Milei   met\r\nTrump.")
    corpus = read_paths([tmp_path])
    assert len(corpus.documents) == 1
    doc = corpus.documents[0]
    assert doc.id == text_hash("Milei met Trump.")[:16] and doc.sha256.startswith(doc.id)


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        read_paths([tmp_path / "nope"])


def test_html_prefers_the_article_element():
    text, meta = html_to_text("<body><div>Menu text</div><main><p>Body one.</p><p>Body two.</p></main></body>")
    assert text == "Body one.\nBody two."
    assert meta == {}
