"""Helpers of the generative tests: canned model answers derived from the gold."""

from __future__ import annotations

import json

from bench.generative.shots import answer_of

INSTALL = 'pip install -e ".[test,transformer,generative-test]"'


def canned_answers(gold) -> dict[str, str]:
    """By document text: right answers for two documents, a truncated one, a wrong one and prose for the rest."""
    docs = sorted(gold.docs, key=lambda d: d.doc_id)
    wrong = answer_of(docs[3])
    for event in wrong["events"]:
        event["actors"] = ["Martians"]
    answers = [json.dumps(answer_of(docs[0])), json.dumps(answer_of(docs[1])), json.dumps(answer_of(docs[2]))[:40]]
    answers += [json.dumps(wrong)] + ["I found nothing."] * (len(docs) - 4)
    return {doc.text: answer for doc, answer in zip(docs, answers)}
