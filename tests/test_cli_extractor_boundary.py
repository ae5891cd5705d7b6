"""What extractor code can do to ``bench eval``: exit, print, return numpy values (issue 10, items 1-3, 19).

The extractors live in a module written to a temporary folder, which is the current folder
of the real ``bench`` script (so these tests also check that ``module:Class`` is found there).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bench.predictions.coerce import to_plain

EXTRACTORS = textwrap.dedent(
    """
    import dataclasses
    import os
    import sys

    import numpy as np
    import pydantic


    def _empty(documents):
        return [{"doc_id": d.doc_id, "events": []} for d in documents]


    class ExitZero:
        name = "exit0"
        def predict(self, documents):
            sys.exit(0)


    class ExitOne:
        name = "exit1"
        def predict(self, documents):
            sys.exit(1)


    class Interrupted:
        name = "interrupt"
        def predict(self, documents):
            raise KeyboardInterrupt


    class ExitOnLoad:
        name = "exit-load"
        def __init__(self):
            sys.exit(0)
        def predict(self, documents):
            return _empty(documents)


    class Chatty:
        name = "chatty"
        def __init__(self):
            print("loading weights...")
        def predict(self, documents):
            print("progress: 100%")
            os.write(1, b"raw fd write\\n")  # as a C extension would
            return _empty(documents)


    @dataclasses.dataclass
    class Count:
        category: str
        value: object
        victims: str | None = None


    class Claim(pydantic.BaseModel):
        kind: str
        actor: str


    class NumpyOutput:
        name = "numpy"
        def predict(self, documents):
            out = []
            for d in documents:
                events = []
                if d.doc_id == "d1":
                    events = [{
                        "type": "prison_break",
                        "actors": ("Isis gunmen",),
                        "locations": np.array(["Gweiran Prison", "Hassakeh"]),
                        "counts": [Count("escaped", "hundreds"), Count("killed", np.int64(5), "security")],
                        "claims": (Claim(kind="responsibility", actor="The Islamic State"),),
                    }]
                out.append({"doc_id": d.doc_id, "events": events, "mentions": ()})
            return tuple(out)


    class SetOutput:
        name = "set"
        def predict(self, documents):
            return [{"doc_id": d.doc_id, "events": [{"type": "attack", "actors": {"x"}}]} for d in documents]
    """
)


@pytest.fixture
def work(tmp_path: Path, tiny_files) -> tuple[Path, list[str]]:
    (tmp_path / "my_extractors.py").write_text(EXTRACTORS, encoding="utf-8")
    split, kb = tiny_files
    return tmp_path, ["--gold", str(split), "--kb", str(kb), "--bootstrap", "0"]


def _bench(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("bench")  # the installed script: no cwd on sys.path by itself
    command = [str(script)] if script.exists() else [sys.executable, "-c", "from bench.cli import main; main()"]
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.mark.parametrize(
    ("cls", "fragment"),
    [
        ("ExitZero", "failed: it called sys.exit(0)"),
        ("ExitOne", "failed: it called sys.exit(1)"),
        ("Interrupted", "failed: it was interrupted (KeyboardInterrupt)"),
        ("ExitOnLoad", "failed to load: it called sys.exit(0)"),
    ],
)
def test_an_extractor_that_exits_is_an_extractor_failure_never_a_pass(work, cls, fragment) -> None:
    folder, gold = work
    out = folder / "results.json"
    result = _bench(
        folder, "eval", "-e", f"my_extractors:{cls}", *gold, "--fail-under", "overall=0.99", "--out", str(out)
    )
    assert result.returncode == 4, (result.returncode, result.stderr)
    assert result.stderr.strip().splitlines() == [f"bench: extractor 'my_extractors:{cls}' {fragment}"]
    assert result.stdout == "" and not out.exists()


def test_extractor_output_never_reaches_json_stdout(work) -> None:
    folder, gold = work
    result = _bench(folder, "eval", "-e", "my_extractors:Chatty", *gold, "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)  # exactly one JSON document
    assert payload["headline"] == 0.0
    for text in ("loading weights...", "progress: 100%", "raw fd write"):
        assert text in result.stderr


def test_predict_stdout_holds_only_the_predictions(work) -> None:
    folder, gold = work
    result = _bench(folder, "predict", "-e", "my_extractors:Chatty", *gold[:4])
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["d1", "d2", "d3"]


def test_numpy_tuples_dataclasses_and_pydantic_are_accepted(work) -> None:
    folder, gold = work
    result = _bench(folder, "eval", "-e", "my_extractors:NumpyOutput", *gold, "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    # d1: both actors' strings, both places, both counts and the claim are right
    assert payload["per_document"]["d1"]["actor"] == {"tp": 1, "fp": 0, "fn": 0}
    assert payload["per_document"]["d1"]["location"] == {"tp": 2, "fp": 0, "fn": 0}
    assert payload["per_document"]["d1"]["count"] == {"tp": 2, "fp": 0, "fn": 0}


def test_what_is_truly_wrong_is_still_rejected(work) -> None:
    folder, gold = work
    result = _bench(folder, "eval", "-e", "my_extractors:SetOutput", *gold)
    assert result.returncode == 3
    assert "events[0].actors: expected an array, got set" in result.stderr


def test_predict_defaults_to_the_same_extractor_as_eval(monkeypatch, tiny_files) -> None:
    from typer.testing import CliRunner

    from bench.cli import app
    from bench.extractors import registry

    monkeypatch.setitem(registry.BUILTIN, "rules", "bench.extractors.empty:EmptyExtractor")
    split, kb = tiny_files
    result = CliRunner().invoke(app, ["predict", "--gold", str(split), "--kb", str(kb)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.splitlines()[0]) == {
        "doc_id": "d1",
        "mentions": [],
        "events": [],
    }


def test_to_plain() -> None:
    import numpy as np

    assert to_plain({"a": (np.int64(3), np.float32(2.0), np.bool_(True))}) == {"a": [3, 2.0, True]}
    assert type(to_plain(np.int64(3))) is int
    marker = object()
    assert to_plain([marker])[0] is marker  # unknown objects stay, for the validator to reject
    loop: list = []
    loop.append(loop)
    assert isinstance(to_plain(loop), list)  # a cycle does not recurse for ever
