"""Generative extractors: any LLM behind an OpenAI-compatible endpoint (``--extractor openai``).

Modules, in the order the data flows: ``prompt`` (versioned templates in ``prompts/``),
``shots`` (few-shot examples without test leakage), ``schema`` (the decoding schema),
``client`` (requests, retries), ``cache`` (identical requests from disk), ``parse`` (a
completion to a predictions record; never raises), ``validity`` (diagnostics reported
beside the scores), ``raw`` and ``replay`` (the raw-outputs sidecar and offline replay),
``extractor`` (the ``openai`` extractor), ``imports`` (lm-evaluation-harness and Inspect
logs to predictions). ``lm_eval_task/`` and ``inspect_task`` plug BREAKOUT into those
harnesses. Importing this package imports none of them, nor ``openai``.
"""
