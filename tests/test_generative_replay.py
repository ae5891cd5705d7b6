"""Replay: raw outputs re-create the predictions and their diagnostics offline, byte for byte."""

from __future__ import annotations

import json

import pytest
from conftest import D1, D2, D3
from openai_stub import Reply, StubServer, by_text

from bench.data.problems import ProblemsError
from bench.extractors import load_extractor
from bench.extractors.options import OptionError
from bench.generative.shots import answer_of


def _lines(records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def _live(tmp_path, docs):
    replies = {D1: Reply(content=json.dumps(answer_of(docs[0]))), D2: Reply(content="{oops"), D3: Reply(status=500)}
    with StubServer(by_text(replies)) as stub:
        extractor = load_extractor(
            "openai",
            base_url=stub.base_url,
            model="m",
            progress=False,
            cache=False,
            retries=0,
            raw_out=str(tmp_path / "raw.jsonl"),
        )
        return extractor, extractor.predict(docs)


def test_replay_recreates_predictions_and_validity(tmp_path, tiny_split) -> None:
    docs, _ = tiny_split
    live, records = _live(tmp_path, docs)
    replayed = load_extractor("openai", replay=str(tmp_path / "raw.jsonl"), progress=False)
    again = replayed.predict(docs)  # no server is running now
    assert _lines(again) == _lines(records)
    strip = lambda v: {k: x for k, x in v.items() if k != "wall_seconds"}  # noqa: E731
    assert strip(replayed.validity) == strip(live.validity)
    assert replayed.metadata["model"] == "m" and replayed.metadata["replay"].endswith("raw.jsonl")


def test_replay_refuses_other_documents(tmp_path, tiny_split) -> None:
    docs, _ = tiny_split
    _live(tmp_path, docs[:2])
    changed = [docs[0].model_copy(update={"text": docs[0].text + " More."}), *docs[1:]]
    with pytest.raises(ProblemsError) as err:
        load_extractor("openai", replay=str(tmp_path / "raw.jsonl"), progress=False).predict(changed)
    found = {(p.doc_id, p.item) for p in err.value.problems}
    assert found == {("d1", "doc_sha256"), ("d3", "doc_id")}


@pytest.mark.parametrize(
    "text, message",
    [("not json\n", "invalid JSON"), ('{"doc_id": "d1"}\n', "not a raw-outputs record"), ("", "no raw output")],
)
def test_broken_raw_files(tmp_path, tiny_split, text, message) -> None:
    docs, _ = tiny_split
    (tmp_path / "raw.jsonl").write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError, match=message):
        load_extractor("openai", replay=str(tmp_path / "raw.jsonl"), progress=False).predict(docs)


def test_replay_needs_no_endpoint_options() -> None:
    with pytest.raises(OptionError, match="base_url"):
        load_extractor("openai", progress=False)
