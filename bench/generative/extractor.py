"""``--extractor openai``: any LLM behind an OpenAI-compatible chat endpoint.

vLLM, SGLang, llama.cpp's ``llama-server``, llama-cpp-python, Ollama, LiteLLM and hosted
APIs all speak it. One request per document (bounded parallelism), the completion parsed
by ``bench.generative.parse`` (never raises, repairs nothing), validity diagnostics kept
beside the predictions (``validity``), every request and completion in a raw-outputs
sidecar (``raw_out``), identical requests served from the on-disk cache.

Options (``--option KEY=VALUE``):

- ``base_url`` (``http://127.0.0.1:8000/v1``), ``model``: the endpoint and model name;
- ``api_key_env``: the *name* of the environment variable holding the key (no key is
  ever given on the command line or written to any file);
- ``decoding``: ``json_schema`` (default; the decoding schema, strict),
  ``json_object_schema`` (JSON mode with the schema, for llama-cpp-python's server),
  ``json_object`` or ``free`` (``bench.generative.client.response_format``);
- ``temperature`` (0), ``seed`` (0; ``null`` to send none), ``max_tokens`` (2048);
- ``concurrency`` (4 parallel requests), ``timeout`` (seconds per attempt, 120),
  ``retries`` (3 more attempts on timeouts, 429 and 5xx, with backoff);
- ``prompt``: a template name (``zero-shot-v2``, ``few-shot-v2``: the defaults; ``-v1``) or a path;
- ``shots`` (0): worked examples per document; ``shots_from``: a registered split to take
  them from (default: the split being evaluated, leave-one-document-out);
- ``replay=RAW.jsonl``: re-create the predictions from a raw-outputs file, no endpoint;
- ``raw_out``, ``cache`` (true), ``cache_dir``, ``progress`` (true).
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bench import __version__
from bench.data.model import Document
from bench.extractors.options import OptionError
from bench.generative.client import DECODINGS, Completion
from bench.generative.parse import REQUEST_ERROR, Parsed, parse_completion
from bench.generative.prompt import DEFAULT_FEW_SHOT, DEFAULT_ZERO_SHOT, PromptError, Shot, Template, load_template
from bench.generative.validity import DocValidity, summarise, ungrounded_strings

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def public_url(url: str) -> str:
    """``url`` without user info, query or fragment (what metadata and raw outputs record)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _number(name: str, value: Any, kind: type, minimum: float, *, strict: bool = False) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and not isinstance(value, int)):
        raise OptionError(f"{name} must be {'an integer' if kind is int else 'a number'}, not {value!r}")
    if value < minimum or (strict and value == minimum):
        raise OptionError(f"{name} must be {'>' if strict else '>='} {minimum}, not {value!r}")
    return kind(value)


class OpenAIExtractor:
    """An LLM behind an OpenAI-compatible endpoint (see the module docstring for the options)."""

    name = "openai"
    needs_gold = False

    def __init__(
        self,
        base_url: str | None = None,
        model: str | None = None,
        api_key_env: str | None = None,
        decoding: str = "json_schema",
        temperature: float = 0.0,
        seed: int | None = 0,
        max_tokens: int = 2048,
        concurrency: int = 4,
        timeout: float = 120.0,
        retries: int = 3,
        prompt: str | None = None,
        shots: int = 0,
        shots_from: str | None = None,
        gold: str | Path | None = None,
        replay: str | Path | None = None,
        raw_out: str | Path | None = None,
        cache: bool = True,
        cache_dir: str | Path | None = None,
        progress: bool = True,
    ) -> None:
        if api_key_env is not None and (not isinstance(api_key_env, str) or not _ENV_NAME.match(api_key_env)):
            # never echo the value: it may be a key pasted by mistake
            raise OptionError("api_key_env must be the NAME of an environment variable (letters, digits, _), not a key")
        if decoding not in DECODINGS:
            raise OptionError(f"decoding must be one of {', '.join(DECODINGS)}, not {decoding!r}")
        self.replay = Path(replay) if replay is not None else None
        if self.replay is None:
            for key, value in (("base_url", base_url), ("model", model)):
                if not isinstance(value, str) or not value:
                    raise OptionError(f"give --option {key}=... (or --option replay=RAW.jsonl to replay raw outputs)")
            assert isinstance(base_url, str)
            if urlsplit(base_url).scheme not in ("http", "https"):
                raise OptionError(f"base_url must be an http:// or https:// address, not {public_url(base_url)!r}")
        self.base_url, self.model, self.api_key_env, self.decoding = base_url, model, api_key_env, decoding
        self.temperature = _number("temperature", temperature, float, 0)
        self.seed = None if seed is None else _number("seed", seed, int, 0)
        self.max_tokens = _number("max_tokens", max_tokens, int, 1)
        self.concurrency = _number("concurrency", concurrency, int, 1)
        self.timeout = _number("timeout", timeout, float, 0, strict=True)
        self.retries = _number("retries", retries, int, 0)
        self.shots = _number("shots", shots, int, 0)
        self.shots_from, self.gold = shots_from, gold
        try:
            self.template: Template = load_template(prompt or (DEFAULT_FEW_SHOT if self.shots else DEFAULT_ZERO_SHOT))
        except PromptError as err:
            raise OptionError(str(err)) from err
        self.raw_out = Path(raw_out) if raw_out is not None else None
        self.cache, self.cache_dir, self.progress = bool(cache), cache_dir, bool(progress)
        self.validity: dict[str, Any] | None = None
        self.metadata: dict[str, Any] = {"name": self.name}

    # -- building requests -------------------------------------------------------------------

    def _request(self, messages: list[dict[str, str]]) -> dict[str, Any]:
        from bench.generative.client import response_format
        from bench.generative.schema import request_schema

        assert self.base_url is not None
        return {
            "base_url": public_url(self.base_url),
            "model": self.model,
            "messages": messages,
            "temperature": self.temperature,
            "seed": self.seed,
            "max_tokens": self.max_tokens,
            "response_format": response_format(self.decoding, request_schema()),
        }

    def _shots(self, documents: Sequence[Document]) -> tuple[dict[str, list[Shot]], dict[str, Any]]:
        if not self.shots:
            return {d.doc_id: [] for d in documents}, {"k": 0, "protocol": "zero-shot"}
        from bench.generative.shots import load_pool

        try:
            pool = load_pool(self.shots_from, self.gold)
        except LookupError as err:
            raise OptionError(f"shots_from: {err}") from err
        return {d.doc_id: pool.for_document(d.doc_id, d.text, self.shots) for d in documents}, pool.protocol(self.shots)

    def _describe(self, shots: dict[str, Any]) -> None:
        from bench.generative.schema import decoding_schema_sha256

        self.metadata = {
            "name": self.name,
            "model": self.model,
            "base_url": public_url(self.base_url or ""),
            "api_key_env": self.api_key_env,
            "decoding": self.decoding,
            "decoding_schema_sha256": decoding_schema_sha256() if "schema" in self.decoding else None,
            "temperature": self.temperature,
            "seed": self.seed,
            "max_tokens": self.max_tokens,
            "prompt": {"name": self.template.name, "sha256": self.template.sha256},
            "shots": shots,
            "harness_version": __version__,
        }

    # -- predicting --------------------------------------------------------------------------

    def predict(self, documents: Sequence[Document]) -> list[dict[str, Any]]:
        if self.replay is not None:
            from bench.generative.replay import replay

            records, raw, self.metadata = replay(self.replay, documents)
            self._finish(records, raw, wall=None)
            return [r["record"] for r in records]
        return self._live(documents)

    def _live(self, documents: Sequence[Document]) -> list[dict[str, Any]]:
        from bench.generative.cache import Cache
        from bench.generative.client import MissingKey, complete, make_client

        shots, protocol = self._shots(documents)
        self._describe(protocol)
        assert self.base_url is not None
        try:
            client = make_client(self.base_url, self.api_key_env, timeout=self.timeout, retries=self.retries)
        except MissingKey as err:
            raise OptionError(str(err)) from err
        cache = Cache(self.cache_dir) if self.cache else None

        def one(doc: Document) -> dict[str, Any]:
            request = self._request(self.template.messages(doc.text, shots[doc.doc_id]))
            stored = cache.get(request) if cache is not None else None
            if stored is not None:
                completion, cached = Completion.from_json(stored), True
            else:
                completion, cached = complete(client, request, self.retries), False
                if cache is not None and completion.error is None:
                    cache.put(request, completion.to_json())
            return self._outcome(doc, request, [s.doc_id for s in shots[doc.doc_id]], completion, cached)

        start = time.perf_counter()
        with self._bar(len(documents)) as advance, ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            futures = [pool.submit(one, doc) for doc in documents]
            outcomes = []
            for future in futures:
                outcomes.append(future.result())
                advance()
        wall = time.perf_counter() - start
        raw = [o["raw"] for o in outcomes]
        self._finish(outcomes, raw, wall=wall)
        return [o["record"] for o in outcomes]

    def _outcome(
        self, doc: Document, request: dict[str, Any], shot_ids: list[str], completion: Completion, cached: bool
    ) -> dict[str, Any]:
        raw = {
            "doc_id": doc.doc_id,
            "doc_sha256": _sha(doc.text),
            "prompt": {"name": self.template.name, "sha256": self.template.sha256},
            "shots": shot_ids,
            "request": request,
            "settings": {
                "decoding": self.decoding,
                "timeout": self.timeout,
                "retries": self.retries,
                "concurrency": self.concurrency,
                "api_key_env": self.api_key_env,
            },
            "response": None if completion.error else completion.to_json(),
            "error": completion.error,
            "retries": completion.retries,
            "seconds": round(completion.seconds, 4),
            "cached": cached,
            "harness_version": __version__,
        }
        return outcome_of(doc, completion, cached, raw)

    def _finish(self, outcomes: list[dict[str, Any]], raw: list[dict[str, Any]], wall: float | None) -> None:
        self.validity = summarise([o["validity"] for o in outcomes], wall_seconds=wall)
        if self.raw_out is not None and self.replay is None:
            from bench.generative.raw import write_raw

            write_raw(self.raw_out, raw)

    def _bar(self, total: int) -> Any:
        import contextlib

        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        @contextlib.contextmanager
        def bar():
            columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
            with Progress(*columns, console=Console(stderr=True), disable=not self.progress) as progress:
                task = progress.add_task(f"{self.model}", total=total)
                yield lambda: progress.advance(task)

        return bar()


def _sha(text: str) -> str:
    from bench.generative.raw import text_sha256

    return text_sha256(text)


def outcome_of(doc: Document, completion: Completion, cached: bool, raw: dict[str, Any]) -> dict[str, Any]:
    """Parse a completion for ``doc``: its record, its validity and its raw-output line."""
    if completion.error is not None:
        parsed = Parsed({"doc_id": doc.doc_id, "events": []}, REQUEST_ERROR, [completion.error])
    else:
        parsed = parse_completion(completion.content, doc.doc_id, doc.text)
    strings, ungrounded = ungrounded_strings(parsed.record, doc.text)
    validity = DocValidity(
        doc_id=doc.doc_id,
        status=parsed.status,
        truncated=completion.finish_reason == "length",
        strings=strings,
        ungrounded=ungrounded,
        prompt_tokens=completion.prompt_tokens,
        completion_tokens=completion.completion_tokens,
        seconds=round(completion.seconds, 4) if not cached else None,
        retries=completion.retries,
        cached=cached,
        problems=parsed.problems,
    )
    return {"record": parsed.record, "validity": validity, "raw": raw}
