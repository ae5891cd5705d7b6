"""Requests to an OpenAI-compatible chat endpoint, through the official ``openai`` client.

The client does the retrying: up to ``retries`` more attempts on timeouts, connection
errors, 408, 409, 429 and 5xx, with exponential backoff (0.5 s doubling, at most 8 s,
jittered) or the server's ``Retry-After``. Anything still failing is returned as an error
string, never raised: the document becomes a counted ``request_error``.

The API key is read from the environment variable named by ``api_key_env`` when the client
is made; it lives only inside the client object and is never written anywhere. Without
``api_key_env`` a placeholder is sent (local servers ignore it) - the ``OPENAI_API_KEY``
variable is *not* picked up implicitly.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any

NO_KEY = "no-key"


class MissingKey(LookupError):
    """``api_key_env`` names a variable that is not set (the message names the variable only)."""


DECODINGS: tuple[str, ...] = ("json_schema", "json_object_schema", "json_object", "free")


def response_format(decoding: str, schema: dict[str, Any]) -> dict[str, Any] | None:
    """The ``response_format`` of a decoding mode.

    - ``json_schema``: OpenAI's structured outputs, strict (OpenAI, vLLM, SGLang,
      llama.cpp's ``llama-server``, Ollama, LM Studio);
    - ``json_object_schema``: JSON mode carrying the schema, ``{"type": "json_object",
      "schema": ...}`` (llama-cpp-python's server, which refuses ``json_schema``; also
      ``llama-server``);
    - ``json_object``: JSON mode without a schema;
    - ``free``: no constraint (the parser still takes the first JSON object).
    """
    if decoding == "free":
        return None
    if decoding == "json_object":
        return {"type": "json_object"}
    if decoding == "json_object_schema":
        return {"type": "json_object", "schema": schema}
    if decoding == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": "breakout_document", "strict": True, "schema": schema}}
    raise ValueError(f"decoding must be one of {', '.join(DECODINGS)}, not {decoding!r}")


def api_key(api_key_env: str | None) -> str:
    if not api_key_env:
        return NO_KEY
    value = os.environ.get(api_key_env)
    if not value:
        raise MissingKey(f"api_key_env={api_key_env}: the environment variable {api_key_env} is not set or empty")
    return value


def make_client(base_url: str, api_key_env: str | None, *, timeout: float, retries: int) -> Any:
    from openai import OpenAI

    return OpenAI(base_url=base_url, api_key=api_key(api_key_env), timeout=timeout, max_retries=retries)


@dataclass
class Completion:
    """What one request produced: the completion text and its accounting, or an error."""

    content: str | None
    finish_reason: str | None
    prompt_tokens: int | None
    completion_tokens: int | None
    model: str | None
    retries: int
    seconds: float
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "content": self.content,
            "finish_reason": self.finish_reason,
            "usage": {"prompt_tokens": self.prompt_tokens, "completion_tokens": self.completion_tokens},
            "model": self.model,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], *, seconds: float = 0.0, retries: int = 0) -> Completion:
        usage = data.get("usage") or {}
        return cls(
            content=data.get("content"),
            finish_reason=data.get("finish_reason"),
            prompt_tokens=usage.get("prompt_tokens"),
            completion_tokens=usage.get("completion_tokens"),
            model=data.get("model"),
            retries=retries,
            seconds=seconds,
        )


def call_arguments(request: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments of ``chat.completions.create`` for a request (see ``extractor.request``)."""
    arguments: dict[str, Any] = {
        "model": request["model"],
        "messages": request["messages"],
        "temperature": request["temperature"],
        "max_tokens": request["max_tokens"],
    }
    if request.get("seed") is not None:
        arguments["seed"] = request["seed"]
    if request.get("response_format") is not None:
        arguments["response_format"] = request["response_format"]
    return arguments


def _describe(err: Exception) -> str:
    status = getattr(err, "status_code", None)
    message = str(err).replace("\n", " ")
    if len(message) > 300:
        message = message[:297] + "..."
    return f"{type(err).__name__}{f' (HTTP {status})' if status else ''}: {message}"


def complete(client: Any, request: dict[str, Any], retries: int) -> Completion:
    """Send one request; never raises (an exhausted retry budget is ``Completion.error``)."""
    start = time.perf_counter()
    try:
        raw = client.chat.completions.with_raw_response.create(**call_arguments(request))
        taken = int(getattr(raw, "retries_taken", 0) or 0)
        response = raw.parse()
        choice = response.choices[0] if response.choices else None
        usage = response.usage
        return Completion(
            content=choice.message.content if choice is not None else None,
            finish_reason=choice.finish_reason if choice is not None else None,
            prompt_tokens=usage.prompt_tokens if usage is not None else None,
            completion_tokens=usage.completion_tokens if usage is not None else None,
            model=response.model,
            retries=taken,
            seconds=time.perf_counter() - start,
        )
    except Exception as err:  # every failure is a counted request error, never a crash
        return Completion(
            content=None,
            finish_reason=None,
            prompt_tokens=None,
            completion_tokens=None,
            model=None,
            retries=retries if _retryable(err) else 0,
            seconds=time.perf_counter() - start,
            error=_describe(err),
        )


def _retryable(err: Exception) -> bool:
    import openai

    if isinstance(err, (openai.APITimeoutError, openai.APIConnectionError)):
        return True
    status = getattr(err, "status_code", None)
    return isinstance(status, int) and (status in (408, 409, 429) or status >= 500)
