"""Helpers for the leaderboard, compare and gate tests: systems on the built-in gold split.

- ``oracle``: the gold itself (every score 1.0);
- ``empty``: no events, no mentions (every score 0.0);
- ``partial``: the gold for the first documents, nothing for the rest (in between).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.extractors.empty import EmptyExtractor
from bench.extractors.oracle import OracleExtractor
from bench.resultsio import load_gold

HOSTILE = "<img src=x onerror=alert(1)>"
META = {
    "authors": ["Ada Lovelace", "Alan Turing"],
    "url": "https://example.org/system",
    "description": "A test system.",
    "model_size": "110M",
    "system_type": "encoder-tagger",
    "decoding": "n/a",
    "open_weights": True,
    "licence": "MIT",
    "training_data": {"saw_test_articles": "no"},
    "date": "2024-05-01",
}


def records(kind: str) -> list[dict[str, Any]]:
    docs = load_gold().docs
    oracle, empty = OracleExtractor().predict(docs), EmptyExtractor().predict(docs)
    if kind == "oracle":
        return oracle
    if kind == "empty":
        return empty
    if kind == "partial":
        keep = max(1, len(docs) // 2)
        return oracle[:keep] + empty[keep:]
    raise ValueError(kind)


def write_predictions(folder: Path, kind: str, name: str | None = None) -> Path:
    path = Path(folder) / f"{name or kind}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(kind)), encoding="utf-8")
    return path


def write_meta(folder: Path, name: str = "meta", **changes: Any) -> Path:
    import yaml

    data = {**META, **changes}
    path = Path(folder) / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=True, allow_unicode=True), encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under ``folder`` (folders map to None, files to their bytes), hidden ones included."""
    folder = Path(folder)
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): (None if p.is_dir() else p.read_bytes()) for p in sorted(folder.rglob("*"))
    }


HOSTILE_META = {
    "authors": ["<b>bold</b> & co", "Eve | Mallory"],
    "description": "<script>window.__pwned = 1</script>\n**not bold** [link](javascript:alert(1))",
    "training_data": {
        "saw_test_articles": "yes",
        "how": "</td><img src=x onerror=alert(2)> | tuned on them",
        "datasets": ["<i>data</i>"],
    },
}


def make_board(folder: Path, bootstrap: int = 50) -> Path:
    """A leaderboard under ``folder/lb``: Oracle, a hostile partial system (hostile metadata too), Empty."""
    from bench.leaderboard.metadata import load_metadata
    from bench.leaderboard.submit import submit

    gold = load_gold()
    plain, hostile = write_meta(folder), write_meta(folder, "hostile", **HOSTILE_META)
    for kind, name, meta in (("oracle", "Oracle", plain), ("partial", HOSTILE, hostile), ("empty", "Empty", plain)):
        submit(write_predictions(folder, kind), load_metadata(meta, name), folder / "lb", gold, bootstrap=bootstrap)
    return folder / "lb"


def write_raw(folder: Path, decoding: str = "free", name: str = "raw") -> Path:
    """Minimal raw outputs of one generative run on the built-in split (every setting stated, no completions)."""
    from bench.generative.raw import RAW_FORMAT

    request = {"model": "m", "temperature": 0.0, "max_tokens": 64, "seed": 0}
    lines = [
        {
            "format": RAW_FORMAT,
            "doc_id": doc.doc_id,
            "doc_sha256": "0" * 64,
            "prompt": {"name": "p", "sha256": "1" * 64},
            "request": request,
            "settings": {"decoding": decoding},
            "response": None,
        }
        for doc in load_gold().docs
    ]
    path = Path(folder) / f"{name}.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path
