"""A leaderboard for the drill-down tests: a rules-like system and a generative one, both hostile.

- ``Careful``: the gold (oracle) except that the first event of the first document names
  ``HOSTILE_ACTOR`` instead of its actors: that document has missed gold actors and one
  spurious, hostile actor; every other document is perfect.
- ``Chatty LLM``: a generative entry with ``raw_outputs.jsonl``: the first document's
  completion is ``HOSTILE_COMPLETION`` (not JSON: a parse failure, longer than the page
  shows), the others answer the gold events as JSON; ``raw_outputs.run2.jsonl`` is a
  second run in which every completion fails (headline 0).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from leaderboard_helpers import META, records, write_meta

from bench.generative.raw import RAW_FORMAT, text_sha256
from bench.resultsio import load_gold

HOSTILE_ACTOR = "<img src=x onerror=alert(3)>"
HOSTILE_COMPLETION = "</pre><script>window.__pwned = 2</script>" + "x" * 5000
TEMPLATE_SHA = "ab" * 32


def careful_records() -> list[dict[str, Any]]:
    out = copy.deepcopy(records("oracle"))
    first = next(r for r in out if r["events"])
    first["events"][0]["actors"] = [HOSTILE_ACTOR]
    return out


def raw_records(fail_all: bool = False) -> list[dict[str, Any]]:
    docs = load_gold().docs
    by_id = {r["doc_id"]: r for r in records("oracle")}
    out = []
    for i, doc in enumerate(docs):
        answer = {"events": by_id[doc.doc_id]["events"]}
        content = HOSTILE_COMPLETION if fail_all or i == 0 else json.dumps(answer)
        out.append(
            {
                "format": RAW_FORMAT,
                "doc_id": doc.doc_id,
                "doc_sha256": text_sha256(doc.text),
                "prompt": {"name": "zero-shot-test", "sha256": TEMPLATE_SHA},
                "request": {"model": "m", "messages": [{"role": "user", "content": f"extract {doc.doc_id}"}]},
                "response": {
                    "content": content,
                    "finish_reason": "stop",
                    "usage": {"prompt_tokens": 100, "completion_tokens": 10},
                },
                "error": None,
                "retries": 0,
                "seconds": 2.0,
                "cached": False,
            }
        )
    return out


def _jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def make_drill_board(folder: Path, bootstrap: int = 20) -> Path:
    """``folder/lb`` with the two entries above (submitted with ``bench.leaderboard.submit``)."""
    from bench.generative.replay import replay
    from bench.leaderboard.metadata import load_metadata
    from bench.leaderboard.submit import submit

    gold = load_gold()
    folder = Path(folder)
    meta = write_meta(folder, "drill", **META)
    submit(
        _jsonl(folder / "careful.jsonl", careful_records()),
        load_metadata(meta, "Careful"),
        folder / "lb",
        gold,
        bootstrap=bootstrap,
    )
    raw = _jsonl(folder / "raw.jsonl", raw_records())
    outcomes, _, _ = replay(raw, gold.docs)
    preds = _jsonl(folder / "llm.jsonl", [o["record"] for o in outcomes])
    submitted = submit(preds, load_metadata(meta, "Chatty LLM"), folder / "lb", gold, bootstrap=bootstrap, raw=raw)
    _jsonl(Path(submitted.path) / "raw_outputs.run2.jsonl", raw_records(fail_all=True))
    return folder / "lb"
