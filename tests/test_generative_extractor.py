"""The ``openai`` extractor against a loopback stub: canned completions, failures, retries, keys, cache."""

from __future__ import annotations

import json

import pytest
from conftest import D1, D2, D3
from openai_stub import Reply, StubServer, by_text

from bench.extractors import load_extractor
from bench.extractors.options import OptionError
from bench.generative.raw import read_raw
from bench.generative.shots import answer_of

SECRET = "sk-test-0123456789abcdef-must-never-be-written"


def good(doc) -> Reply:
    return Reply(content=json.dumps(answer_of(doc)), prompt_tokens=300, completion_tokens=50)


def make(stub: StubServer, tmp_path, **options):
    defaults = {
        "base_url": stub.base_url,
        "model": "stub-model",
        "progress": False,
        "cache_dir": str(tmp_path / "cache"),
    }
    return load_extractor("openai", **{**defaults, **options})


def test_canned_completions_become_predictions_and_diagnostics(tmp_path, tiny_split) -> None:
    docs, _ = tiny_split
    invented = answer_of(docs[1])
    invented["events"][0]["actors"] = ["Martians"]
    replies = {
        D1: good(docs[0]),
        D2: Reply(content="```json\n" + json.dumps(invented) + "\n```"),
        D3: Reply(content='{"events": [{"type": "attack", "act', finish_reason="length"),
    }
    with StubServer(by_text(replies)) as stub:
        extractor = make(stub, tmp_path, raw_out=str(tmp_path / "raw.jsonl"))
        records = extractor.predict(docs)
    assert records[0] == {"doc_id": "d1", **answer_of(docs[0])}
    assert records[1]["events"][0]["actors"] == ["Martians"]  # scored as written, flagged as ungrounded
    assert records[2] == {"doc_id": "d3", "events": []}
    v = extractor.validity
    assert (v["ok"], v["parse_errors"], v["truncated"], v["ungrounded"]) == (2, 1, 1, 1)
    assert v["per_document"]["d2"]["ungrounded"] == ["Martians"]
    assert v["prompt_tokens"] == 300 + 100 + 100 and v["seconds_per_document"] is not None
    raw = read_raw(tmp_path / "raw.jsonl")
    assert list(raw) == ["d1", "d2", "d3"]
    assert raw["d3"]["response"]["finish_reason"] == "length"
    assert raw["d1"]["request"]["model"] == "stub-model" and raw["d1"]["prompt"]["name"] == "zero-shot-v2"
    assert extractor.metadata["prompt"]["sha256"] == raw["d1"]["prompt"]["sha256"]


def test_request_settings_and_decoding_modes(tmp_path, tiny_split) -> None:
    docs, _ = tiny_split
    formats = {}
    for decoding in ("json_schema", "json_object_schema", "json_object", "free"):
        with StubServer(lambda body, n: Reply()) as stub:
            make(stub, tmp_path, decoding=decoding, temperature=0.7, seed=11, max_tokens=99, cache=False).predict(
                docs[:1]
            )
        body = stub.requests[0]
        assert (body["temperature"], body["seed"], body["max_tokens"], body["model"]) == (0.7, 11, 99, "stub-model")
        assert [m["role"] for m in body["messages"]] == ["system", "user"] and D1 in body["messages"][1]["content"]
        formats[decoding] = body.get("response_format")
    assert formats["json_schema"]["type"] == "json_schema" and formats["json_schema"]["json_schema"]["strict"] is True
    assert formats["json_object_schema"]["type"] == "json_object" and "events" in str(formats["json_object_schema"])
    assert formats["json_object"] == {"type": "json_object"} and formats["free"] is None


def test_429_and_500_are_retried_then_succeed(tmp_path, tiny_split) -> None:
    docs, _ = tiny_split
    flaky = {
        D1: lambda n: Reply(status=429) if n == 1 else good(docs[0]),
        D2: lambda n: Reply(status=503) if n < 3 else Reply(),
    }
    with StubServer(by_text(flaky)) as stub:
        extractor = make(stub, tmp_path, retries=3, cache=False)
        records = extractor.predict(docs[:2])
    assert records[0] == {"doc_id": "d1", **answer_of(docs[0])}
    assert extractor.validity["ok"] == 2 and extractor.validity["retries"] == 1 + 2
    assert len(stub.requests) == 2 + 3


def test_exhausted_retries_and_timeouts_are_counted_request_errors(tmp_path, tiny_split) -> None:
    docs, _ = tiny_split
    replies = {D1: Reply(status=429), D2: Reply(delay=2.0), D3: Reply(status=400)}
    with StubServer(by_text(replies)) as stub:
        extractor = make(stub, tmp_path, retries=1, timeout=0.3, cache=False, raw_out=str(tmp_path / "raw.jsonl"))
        records = extractor.predict(docs)
    assert [r["events"] for r in records] == [[], [], []]
    v = extractor.validity
    assert v["request_errors"] == 3 and v["ok"] == 0
    assert "429" in v["per_document"]["d1"]["problems"][0] and "Timeout" in v["per_document"]["d2"]["problems"][0]
    assert v["per_document"]["d3"]["retries"] == 0  # a 400 is not retried
    raw = read_raw(tmp_path / "raw.jsonl")
    assert raw["d1"]["response"] is None and "429" in raw["d1"]["error"]


def test_parallel_requests_are_bounded(tmp_path, tiny_split) -> None:
    docs, _ = tiny_split
    many = [doc.model_copy(update={"doc_id": f"{doc.doc_id}.{i}"}) for i in range(6) for doc in docs]
    with StubServer(lambda body, n: Reply(delay=0.15)) as stub:
        make(stub, tmp_path, concurrency=3, cache=False).predict(many)
    assert len(stub.requests) == 18 and stub.max_in_flight == 3


def test_the_key_comes_from_the_named_variable_and_is_never_written(tmp_path, tiny_split, monkeypatch, capsys) -> None:
    docs, _ = tiny_split
    monkeypatch.setenv("BREAKOUT_TEST_KEY", SECRET)
    with StubServer(lambda body, n: good(docs[0])) as stub:
        extractor = make(stub, tmp_path, api_key_env="BREAKOUT_TEST_KEY", raw_out=str(tmp_path / "raw.jsonl"))
        extractor.predict(docs)
    assert set(stub.authorizations) == {f"Bearer {SECRET}"}
    assert extractor.metadata["api_key_env"] == "BREAKOUT_TEST_KEY"
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written and all(SECRET not in p.read_text(encoding="utf-8") for p in written)
    assert SECRET not in json.dumps(extractor.metadata) + json.dumps(extractor.validity)
    out = capsys.readouterr()
    assert SECRET not in out.out + out.err


def test_no_key_variable_means_no_key(tmp_path, tiny_split, monkeypatch) -> None:
    docs, _ = tiny_split
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)  # not picked up implicitly
    with StubServer(lambda body, n: Reply()) as stub:
        make(stub, tmp_path, cache=False).predict(docs[:1])
    assert SECRET not in str(stub.authorizations)


def test_key_errors_name_the_variable_never_a_value(tmp_path, tiny_split, monkeypatch) -> None:
    docs, _ = tiny_split
    monkeypatch.delenv("BREAKOUT_UNSET_KEY", raising=False)
    with StubServer(lambda body, n: Reply()) as stub:
        with pytest.raises(OptionError, match="BREAKOUT_UNSET_KEY"):
            make(stub, tmp_path, api_key_env="BREAKOUT_UNSET_KEY").predict(docs)
        with pytest.raises(OptionError) as err:
            make(stub, tmp_path, api_key_env=SECRET)
    assert SECRET not in str(err.value) and not stub.requests


@pytest.mark.parametrize(
    "options, message",
    [
        ({"decoding": "grammar"}, "decoding"),
        ({"base_url": "ftp://x"}, "base_url"),
        ({"base_url": None}, "base_url"),
        ({"model": ""}, "model"),
        ({"concurrency": 0}, "concurrency"),
        ({"temperature": -1}, "temperature"),
        ({"shots": 1.5}, "shots"),
        ({"prompt": "no-such-prompt"}, "prompt template"),
    ],
)
def test_bad_options_are_option_errors(tmp_path, options, message) -> None:
    with StubServer(lambda body, n: Reply()) as stub, pytest.raises(OptionError, match=message):
        make(stub, tmp_path, **options)


def test_identical_requests_come_from_the_cache(tmp_path, tiny_split) -> None:
    docs, _ = tiny_split
    with StubServer(lambda body, n: good(docs[0])) as stub:
        first = make(stub, tmp_path)
        one = first.predict(docs)
        second = make(stub, tmp_path)
        two = second.predict(docs)
        assert len(stub.requests) == 3 and one == two and second.validity["cached"] == 3
        make(stub, tmp_path, seed=1).predict(docs)  # another setting is another request
        assert len(stub.requests) == 6
        make(stub, tmp_path, cache=False).predict(docs)
        assert len(stub.requests) == 9


def test_failures_are_not_cached(tmp_path, tiny_split) -> None:
    docs, _ = tiny_split
    with StubServer(lambda body, n: Reply(status=500)) as stub:
        make(stub, tmp_path, retries=0).predict(docs)
    with StubServer(lambda body, n: Reply()) as stub:
        extractor = make(stub, tmp_path, retries=0)
        extractor.predict(docs)
    assert extractor.validity["ok"] == 3 and extractor.validity["cached"] == 0


def test_few_shot_messages_are_leave_one_document_out(tmp_path, tiny_split, tiny_files) -> None:
    docs, _ = tiny_split
    with StubServer(lambda body, n: Reply()) as stub:
        extractor = make(stub, tmp_path, shots=2, gold=str(tiny_files[0]), cache=False)
        extractor.predict(docs)
    assert extractor.metadata["prompt"]["name"] == "few-shot-v2" and extractor.metadata["shots"]["k"] == 2
    for body in stub.requests:
        messages = body["messages"]
        assert [m["role"] for m in messages] == ["system", "user", "assistant", "user", "assistant", "user"]
        target = next(d for d in docs if d.text in messages[-1]["content"])
        assert all(target.text not in m["content"] for m in messages[:-1])
        for user, answer in zip(messages[1:-1:2], messages[2:-1:2]):
            shot = next(d for d in docs if d.text in user["content"])
            assert json.loads(answer["content"]) == answer_of(shot)
