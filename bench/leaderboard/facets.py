"""What a practitioner filters the leaderboard by: the system's type, decoding mode, size,
weights and licence, with the one definition of each value that the metadata validator,
the check and the page all use.

>>> parameters("1.3B"), parameters("0"), parameters("undisclosed")
(1300000000, 0, None)
>>> check_licence("apache-2.0")
'Apache-2.0'
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Literal

SystemType = Literal["rules", "encoder-tagger", "llm-zero-shot", "llm-few-shot", "fine-tuned"]
Decoding = Literal["free", "json-mode", "schema-constrained", "n/a"]

SYSTEM_TYPES: dict[str, str] = {
    "rules": "hand-written rules, lexicons or patterns; no learned parameters",
    "encoder-tagger": "an encoder (BERT-like) fine-tuned as a token tagger, with rules or code assembling events",
    "llm-zero-shot": "a generative model prompted with instructions only, no worked examples",
    "llm-few-shot": "a generative model prompted with worked examples (shots) from a training or dev split",
    "fine-tuned": "a generative model fine-tuned for this task, then prompted",
}
LLM_TYPES: frozenset[str] = frozenset({"llm-zero-shot", "llm-few-shot", "fine-tuned"})
DECODINGS: dict[str, str] = {
    "free": "unconstrained generation; the answer is parsed from the text",
    "json-mode": "the server's JSON mode: any syntactically valid JSON object",
    "schema-constrained": "decoding constrained to the predictions' JSON schema (structured outputs, grammars)",
    "n/a": "not a generative system",
}
# ``bench.generative`` decoding option -> the leaderboard's decoding mode
GENERATIVE_DECODING: dict[str, str] = {
    "free": "free",
    "json_object": "json-mode",
    "json_object_schema": "schema-constrained",
    "json_schema": "schema-constrained",
}
OPEN_WEIGHTS = "anyone may download and run the system: its weights (for rules: its code) are published"
SAW_TEST = {
    "no": "the system never saw the test articles or their annotations",
    "yes": "the system was built, tuned or trained with the test articles in view",
    "unknown": "it may have seen them (web-scale pre-training, for example)",
}
PROPRIETARY = "proprietary"
_SIZE = re.compile(r"^(0|[1-9]\d*(?:\.\d+)?)([KMBT]?)$")
_SCALE = {"": 1, "K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}
_LICENCE_REF = re.compile(r"^LicenseRef-[A-Za-z0-9.-]+$")


def parameters(size: str) -> int | None:
    """The number of parameters a ``model_size`` stands for; None when undisclosed."""
    match = _SIZE.match(size.strip())
    if not match:
        return None
    whole, _, fraction = match[1].partition(".")
    scale = _SCALE[match[2]]
    return int(whole) * scale + (int(fraction) * scale) // 10 ** len(fraction) if fraction else int(whole) * scale


def is_model_size(value: str) -> bool:
    return value.strip() == "undisclosed" or _SIZE.match(value.strip()) is not None


@lru_cache(maxsize=1)
def _licensing() -> Any:
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def check_licence(value: str) -> str:
    """An SPDX licence expression (normalised: ``apache-2.0`` -> ``Apache-2.0``), ``LicenseRef-...``
    for a licence SPDX does not list, or ``proprietary``; anything else raises ``ValueError``."""
    value = value.strip()
    if value == PROPRIETARY or _LICENCE_REF.match(value):
        return value
    result = _licensing().validate(value, strict=True)
    if not result.errors and result.normalized_expression:
        return str(result.normalized_expression)
    if result.invalid_symbols and all(_LICENCE_REF.match(str(s)) for s in result.invalid_symbols):
        return value  # an expression with LicenseRef-... parts
    raise ValueError(
        f"licence {value!r} is not an SPDX licence id or expression (e.g. MIT, Apache-2.0), "
        "a LicenseRef-... id, or 'proprietary'"
    )
