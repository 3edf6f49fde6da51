"""Precision, recall and F1 of extracted graphs against gold annotations.

The same matching as the project's evaluation script (``score.py``): names compared after
case-folding and dropping punctuation, quotes and a leading "the"; a node matches the gold
entity whose name or alias equals its name, failing that one of its aliases; a second node
matching one gold entity is a duplicate (false positive); relations match on both ends and
type, MET_WITH/ALLIED_WITH ignore direction, "lenient" treats LEADS and HOLDS_ROLE as one
type; "pairs" ignores type and direction. Scores are micro-averaged over articles.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

from ..errors import InputError

VOCABULARY = {"MET_WITH", "HOLDS_ROLE", "LEADS", "MEMBER_OF", "SUPPORTS", "CRITICIZES",
              "ALLIED_WITH", "NEGOTIATES", "PARTY_TO", "FUNDS", "IMPOSES"}
SYMMETRIC = {"MET_WITH", "ALLIED_WITH"}
LENIENT = {"LEADS": "HOLDS_ROLE"}
KEYS = ("entities", "entities_typed", "relations", "relations_lenient", "pairs")


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    text = re.sub(r"[\u2018\u2019\u201c\u201d'\"`.,;:!?()\[\]]", "", text)
    text = re.sub(r"[-\u2013\u2014_/]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "predicted": n_pred, "gold": n_gold}


def _triple(src: str, typ: str, dst: str, lenient: bool) -> tuple:
    if lenient:
        typ = LENIENT.get(typ, typ)
    if typ in SYMMETRIC:
        src, dst = sorted((src, dst))
    return (src, typ, dst)


def score_article(gold: dict, pred: dict, errors: list[str]) -> Counter:
    """Counts for one article; misses and extras are appended to ``errors``."""
    c: Counter = Counter()
    surface: dict[str, str] = {}
    for ent in gold.get("entities", []):
        for s in [ent["name"], *ent.get("aliases", [])]:
            surface.setdefault(norm(s), ent["name"])
    types = {e["name"]: e["type"] for e in gold.get("entities", [])}
    node_to_gold, matched = {}, set()
    for node in pred.get("nodes", []):
        names = [node.get("name", "")] + list(node.get("aliases") or [])
        hit = next((surface[norm(n)] for n in names if norm(n) in surface), None)
        c["ent_pred"] += 1
        if hit is None:
            errors.append(f"  extra entity: {node.get('name')!r} ({node.get('label')})")
            continue
        if hit in matched:
            errors.append(f"  duplicate of {hit!r}: {node.get('name')!r}")
            continue
        matched.add(hit)
        node_to_gold[node.get("id")] = hit
        c["ent_tp"] += 1
        if node.get("label") == types[hit]:
            c["ent_typed_tp"] += 1
    c["ent_gold"] += len(types)
    for name in sorted(set(types) - matched):
        errors.append(f"  missed entity: {name!r} ({types[name]})")
    for lenient in (False, True):
        key = "lenient" if lenient else "strict"
        gold_rel = {_triple(r["source"], r["type"], r["target"], lenient) for r in gold.get("relations", [])}
        pred_rel, pairs_p, why = set(), set(), {}
        for e in pred.get("edges", []):
            s = node_to_gold.get(e.get("source"), "?" + str(e.get("source")))
            t = node_to_gold.get(e.get("target"), "?" + str(e.get("target")))
            if s != t:
                pairs_p.add(tuple(sorted((s, t))))
            if e.get("type") not in VOCABULARY:
                if not lenient:
                    c["other_edge_types"] += 1
                continue
            pred_rel.add(_triple(s, e["type"], t, lenient))
            rules = sorted({ev["why"] for ev in e.get("evidence") or [] if ev.get("why")})
            if rules:  # the rule (or model) that made the edge: what to fix when it is wrong
                why.setdefault(_triple(s, e["type"], t, lenient), rules)
        c[f"rel_{key}_tp"] += len(gold_rel & pred_rel)
        c[f"rel_{key}_pred"] += len(pred_rel)
        c[f"rel_{key}_gold"] += len(gold_rel)
        if not lenient:
            for r in sorted(gold_rel - pred_rel):
                errors.append(f"  missed relation: {r}")
            for r in sorted(pred_rel - gold_rel):
                errors.append(f"  extra relation: {r}" + (f" [{', '.join(why[r])}]" if r in why else ""))
            pairs_g = {tuple(sorted((s, d))) for s, _, d in gold_rel}
            c["pair_tp"] += len(pairs_g & pairs_p)
            c["pair_pred"] += len(pairs_p)
            c["pair_gold"] += len(pairs_g)
    return c


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """stem -> gold annotation, from ``<stem>.gold.json`` files."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(f"{gold_dir}: gold folder not found")
    gold = {}
    for path in sorted(gold_dir.glob("*.gold.json")):
        try:
            gold[path.name[: -len(".gold.json")]] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{path}: cannot read gold annotation ({exc})") from None
    if not gold:
        raise InputError(f"{gold_dir}: no *.gold.json files")
    return gold


def score(gold: dict[str, dict], predictions: dict[str, dict]) -> tuple[dict, list[tuple[str, list[str]]]]:
    """Micro-averaged scores of graph-JSON ``predictions`` (stem -> dict) against ``gold``."""
    total: Counter = Counter()
    report = []
    for stem in sorted(gold):
        pred = predictions.get(stem)
        errors = [] if pred is not None else ["  no prediction"]
        total += score_article(gold[stem], pred or {}, errors)
        report.append((stem, errors))
    result = {
        "entities": prf(total["ent_tp"], total["ent_pred"], total["ent_gold"]),
        "entities_typed": prf(total["ent_typed_tp"], total["ent_pred"], total["ent_gold"]),
        "relations": prf(total["rel_strict_tp"], total["rel_strict_pred"], total["rel_strict_gold"]),
        "relations_lenient": prf(total["rel_lenient_tp"], total["rel_lenient_pred"], total["rel_lenient_gold"]),
        "pairs": prf(total["pair_tp"], total["pair_pred"], total["pair_gold"]),
        "other_edge_types": total["other_edge_types"],
        "articles": len(report),
    }
    return result, report


def format_scores(result: dict) -> str:
    lines = []
    for k in KEYS:
        v = result[k]
        lines.append(f"{k:18} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f}"
                     f"  (tp={v['tp']} pred={v['predicted']} gold={v['gold']})")
    lines.append(f"other edge types: {result['other_edge_types']}   articles: {result['articles']}")
    return "\n".join(lines)
