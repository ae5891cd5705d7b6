"""End to end: the oracle scores exactly 1, the empty system 0 recall, and order never matters."""

from __future__ import annotations

import copy
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.data.model import Claim, Count, Document, Entity, Event, KBEntry, Span
from bench.data.problems import ProblemsError
from bench.extractors.empty import EmptyExtractor
from bench.extractors.oracle import OracleExtractor
from bench.normalize.numbers import parse_count
from bench.predictions.validate import validate_records
from bench.score.evaluate import SCORE_KEYS, evaluate
from bench.score.signature import SCORER_VERSION

NAMES = {
    "GROUP": ["ISIS", "Isis", "gunmen", "militants", "officials", "the ministry", "Al-Qaeda"],
    "LOCATION": ["Baghdad", "Taji", "Abu Ghraib", "Iraq", "Hassakeh"],
    "PERSON": ["the mayor", "Farhad Shami"],
}
NUMBERS = ["260", "at least 25", "hundreds", "twelve", "more than 100", "dozens", "nearly a dozen", "up to 200"]
KB = {
    "isis": KBEntry(id="isis", type="GROUP", name="Islamic State", aliases=["ISIS", "Daesh"]),
    "baghdad": KBEntry(id="baghdad", type="LOCATION", name="Baghdad", aliases=["Bagdad"]),
}


def random_document(rng: random.Random, doc_id: str) -> Document:
    """Entities (names may repeat across entities), then 0-3 events with counts and claims."""
    parts: list[str] = []
    pos = 0

    def add(text: str) -> Span:
        nonlocal pos
        parts.append(text + " ")
        span = Span(start=pos, end=pos + len(text), text=text)
        pos += len(text) + 1
        return span

    entities = []
    for i in range(rng.randint(1, 7)):
        kind = rng.choice(list(NAMES))
        mentions = []
        for _ in range(rng.randint(1, 3)):
            add(rng.choice(["and", "said", "near", "the"]))
            mentions.append(add(rng.choice(NAMES[kind])))
        kb = (
            rng.choice([None, "isis"])
            if kind == "GROUP"
            else rng.choice([None, "baghdad"])
            if kind == "LOCATION"
            else None
        )
        entities.append(Entity(id=f"e{i}", type=kind, kb=kb, mentions=mentions))
    groups = [e.id for e in entities if e.type == "GROUP"]
    places = [e.id for e in entities if e.type == "LOCATION"]
    events = []
    for j in range(rng.randint(0, 3)):
        counts = []
        for k in range(rng.randint(0, 3)):
            add("reportedly")
            mention = add(rng.choice(NUMBERS))
            category = rng.choice(["killed", "escaped", "wounded", "inmates"])
            counts.append(
                Count(
                    id=f"v{j}.c{k}",
                    mention=mention,
                    category=category,
                    victims=rng.choice(["security", "mixed"]) if category in ("killed", "wounded") else None,
                    value=parse_count(mention.text),
                    source=rng.choice([None, *groups]),
                )
            )
        claims = [
            Claim(
                id=f"v{j}.k{k}",
                kind=rng.choice(["responsibility", "accusation", "denial"]),
                actor=rng.choice(groups),
                source=rng.choice([None, *groups]),
            )
            for k in range(rng.randint(0, 2))
            if groups
        ]
        events.append(
            Event(
                id=f"v{j}",
                type=rng.choice(["attack", "prison_break"]),
                actors=rng.sample(groups, rng.randint(0, min(2, len(groups)))),
                locations=rng.sample(places, rng.randint(0, min(2, len(places)))),
                counts=counts,
                claims=claims,
            )
        )
    return Document(doc_id=doc_id, text="".join(parts), entities=entities, events=events)


def random_split(seed: int, n: int = 25) -> list[Document]:
    rng = random.Random(seed)
    return [random_document(rng, f"doc{i:03d}") for i in range(n)]


def noisy(records: list[dict], rng: random.Random) -> list[dict]:
    """Oracle records with dropped, changed and invented items."""
    out = copy.deepcopy(records)
    for record in out:
        record["mentions"] = [m for m in record["mentions"] if rng.random() > 0.2]
        record["events"] = [e for e in record["events"] if rng.random() > 0.2]
        for event in record["events"]:
            if rng.random() < 0.3:
                event["actors"].append(rng.choice(NAMES["GROUP"]))
            if rng.random() < 0.3:
                event["type"] = "attack"
            for c in event["counts"]:
                if rng.random() < 0.3:
                    c["source"] = rng.choice([None, "officials"])
                if rng.random() < 0.2:
                    c["value"] = rng.randint(1, 300)
        if rng.random() < 0.3:
            record["events"].append(
                {
                    "type": "attack",
                    "actors": ["militants"],
                    "locations": ["Taji"],
                    "counts": [{"category": "escaped", "value": "dozens"}],
                }
            )
    return out


def shuffled(records: list[dict], rng: random.Random) -> list[dict]:
    """The same predictions with every list in a new order."""
    out = copy.deepcopy(records)
    rng.shuffle(out)
    for record in out:
        rng.shuffle(record["mentions"])
        rng.shuffle(record["events"])
        for event in record["events"]:
            for key in ("actors", "locations", "counts", "claims"):
                rng.shuffle(event.setdefault(key, []))
    return out


def test_oracle_scores_exactly_one(tiny_split) -> None:
    docs, kb = tiny_split
    results = evaluate(docs, kb, OracleExtractor().predict(docs), bootstrap=200)
    for key in SCORE_KEYS:
        score = results.scores[key]
        assert (score["precision"], score["recall"], score["f1"]) == (1.0, 1.0, 1.0), key
        assert score["ci"] is None or score["ci"] == [1.0, 1.0]
    d = results.diagnostics
    assert d["event_type"]["accuracy"] == 1.0 and d["modifier"]["accuracy"] == 1.0
    assert d["collapsed"]["overall"]["f1"] == 1.0 and d["events"]["f1"] == 1.0


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_oracle_scores_exactly_one_on_random_splits(seed: int) -> None:
    docs = random_split(seed)
    results = evaluate(docs, KB, OracleExtractor().predict(docs), bootstrap=50)
    for key in (*("actor", "location", "count", "attribution", "overall", "span", "span_partial"),):
        assert results.scores[key]["f1"] == 1.0, key
        assert results.scores[key]["recall"] == 1.0 and results.scores[key]["precision"] == 1.0
    # a field a document has nothing of is undefined there (None), never a free 1.0
    assert all(v in (1.0, None) for doc in results.diagnostics["per_document"].values() for v in doc.values())


def test_empty_scores_zero_recall_everywhere(tiny_split) -> None:
    docs, kb = tiny_split
    results = evaluate(docs, kb, EmptyExtractor().predict(docs), bootstrap=200)
    for key in SCORE_KEYS:
        score = results.scores[key]
        if "tp" in score and score["tp"] + score["fn"] == 0:  # span.PERSON: no gold persons in tiny_split
            continue
        assert score["recall"] == 0.0 and score["f1"] == 0.0, key
        assert score["ci"] == [0.0, 0.0], key  # resamples with nothing to find are left out
    assert results.headline == 0.0
    # d3 has no gold events: nothing to find, nothing predicted -> undefined, not perfect
    # (issue 9 item 7; scorer 1.0 gave it 1.0, inflating per-document scores)
    assert results.diagnostics["per_document"]["d3"]["actor"] is None
    assert results.diagnostics["per_document"]["d3"]["overall"] is None


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_shuffling_changes_no_score(seed: int) -> None:
    rng = random.Random(seed)
    docs = random_split(seed + 10)
    records = noisy(OracleExtractor().predict(docs), rng)
    first = evaluate(docs, KB, records, bootstrap=100, errors=True).to_json()
    assert 0.0 < first["headline"] < 1.0  # a meaningful, imperfect system
    for _ in range(3):
        gold = [copy.deepcopy(d) for d in docs]
        rng.shuffle(gold)
        gold = [d.model_copy(update={"events": rng.sample(d.events, len(d.events))}) for d in gold]
        again = evaluate(gold, KB, shuffled(records, rng), bootstrap=100, errors=True).to_json()
        assert again["scores"] == first["scores"]
        assert again["diagnostics"] == first["diagnostics"]
        assert again["per_document"] == first["per_document"]
        assert again["signature"] != "" and again["headline"] == first["headline"]


def test_results_json(tiny_split) -> None:
    docs, kb = tiny_split
    results = evaluate(docs, kb, EmptyExtractor().predict(docs), bootstrap=20, seed=5, gold_hash="0123456789ab")
    payload = json.loads(json.dumps(results.to_json(), allow_nan=False))
    assert (
        payload["signature"]
        == f"breakout:v1|split:custom@-|gold:sha256=0123456789ab|scorer={SCORER_VERSION}|norm=v1|boot=20:5"
    )
    assert payload["gold_hash"] == "0123456789ab" and payload["bootstrap"]["resamples"] == 20
    assert set(payload["scores"]) >= {"actor", "location", "count", "attribution", "overall", "span"}
    assert set(payload["scores"]["actor"]) >= {"precision", "recall", "f1", "ci"}
    assert list(payload["per_document"]) == ["d1", "d2", "d3"]
    assert payload["per_document"]["d1"]["actor"] == {"tp": 0, "fp": 0, "fn": 1}
    assert payload["diagnostics"]["modifier"]["accuracy"] is None  # no matched counts
    assert payload["harness_version"]


def test_no_bootstrap(tiny_split) -> None:
    docs, kb = tiny_split
    results = evaluate(docs, kb, EmptyExtractor().predict(docs), bootstrap=0)
    assert results.scores["actor"]["ci"] is None and results.signature.endswith("boot=0:0")


def test_bad_predictions_are_refused(tiny_split) -> None:
    docs, kb = tiny_split
    with pytest.raises(ProblemsError):
        evaluate(docs, kb, [{"doc_id": "d1", "events": []}])
    typed = validate_records(EmptyExtractor().predict(docs), docs, "x")
    with pytest.raises(ProblemsError, match="missing"):
        evaluate(docs, kb, typed[:2])
    with pytest.raises(ProblemsError, match="duplicate"):
        evaluate(docs, kb, typed + typed[:1])


def test_errors_only_for_documents_with_errors(tiny_split) -> None:
    docs, kb = tiny_split
    records = OracleExtractor().predict(docs)
    records[1]["events"][0]["actors"] = ["nobody"]
    results = evaluate(docs, kb, records, bootstrap=0, errors=True)
    assert list(results.errors) == ["d2"]
    assert results.errors["d2"]["actor"]["missed"] == [{"event": "break", "item": "militants"}]


def test_a_wrong_event_type_alone_is_listed_as_an_error(tiny_split) -> None:
    docs, kb = tiny_split
    records = OracleExtractor().predict(docs)
    records[0]["events"][0]["type"] = "attack"
    results = evaluate(docs, kb, records, bootstrap=0, errors=True)
    assert list(results.errors) == ["d1"]
    assert results.errors["d1"]["events"]["aligned"] == [
        {"predicted": "events[0]", "gold": "e1", "type": "attack", "gold_type": "prison_break"}
    ]
    assert results.headline == 1.0 and results.diagnostics["event_type"]["accuracy"] == pytest.approx(
        2 / 3
    )  # 3 gold events


def _three_events(d2_events: list[dict]) -> list[dict]:
    return [{"doc_id": "d1", "events": []}, {"doc_id": "d2", "events": d2_events}, {"doc_id": "d3", "events": []}]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ({"category": "escaped", "value": 260, "source": None}, {"category": "escaped", "value": 260, "source": "x"}),
        ({"category": "escaped", "value": 260, "source": None}, {"category": "escaped", "value": 260, "source": "the"}),
        ({"category": "escaped", "value": "hundreds"}, {"category": "escaped", "value": {"low": 200, "high": None}}),
    ],
)
def test_events_differing_by_a_null_and_a_string_score(tiny_split, a: dict, b: dict) -> None:
    """Issue 9 item 1: scorer 1.0 crashed sorting None against str (exit 4) on valid files."""
    docs, kb = tiny_split
    records = _three_events([{"type": "attack", "counts": [a]}, {"type": "attack", "counts": [b]}])
    claims = _three_events(
        [
            {"type": "attack", "claims": [{"kind": "denial", "actor": "ISIS", "source": None}]},
            {"type": "attack", "claims": [{"kind": "denial", "actor": "ISIS", "source": "ISIS"}]},
        ]
    )
    for recs in (records, claims):
        results = evaluate(docs, kb, recs, bootstrap=10)
        assert 0.0 <= results.headline < 1.0


_strings = st.sampled_from(["ISIS", "the", "militants", "Baghdad", "Taji", "", " ", "The ministry", "x"])
_values = st.one_of(
    st.integers(0, 300),
    st.sampled_from(NUMBERS),
    st.fixed_dictionaries({"low": st.none() | st.integers(0, 50), "high": st.integers(50, 300)}),
    st.fixed_dictionaries({"low": st.integers(0, 50), "high": st.none()}),
)
_counts = st.fixed_dictionaries(
    {"category": st.sampled_from(["escaped", "inmates"]), "value": _values, "source": st.none() | _strings}
)
_claims = st.fixed_dictionaries(
    {"kind": st.sampled_from(["responsibility", "denial"]), "actor": _strings, "source": st.none() | _strings}
)
_events = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["attack", "prison_break"]),
        "actors": st.lists(_strings, max_size=3),
        "locations": st.lists(_strings, max_size=2),
        "counts": st.lists(_counts, max_size=3),
        "claims": st.lists(_claims, max_size=2),
    }
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_events, max_size=4), st.lists(_events, max_size=3))
def test_any_file_that_validates_scores(tiny_split, d1: list[dict], d2: list[dict]) -> None:
    """Issue 9 item 1 (property): whatever passes validation is scored, never a crash, and
    the score does not depend on the order of the events."""
    docs, kb = tiny_split

    def flip(source):
        return "the" if source is None else None

    twins = [
        {
            **e,
            "counts": [{**c, "source": flip(c["source"])} for c in e["counts"]],
            "claims": [{**c, "source": flip(c["source"])} for c in e["claims"]],
        }
        for e in d2
    ]  # the same events but for null <-> string sources: what crashed scorer 1.0
    records = [{"doc_id": "d1", "events": d1}, {"doc_id": "d2", "events": d2 + twins}, {"doc_id": "d3", "events": d2}]
    try:
        validate_records(records, docs, "<hypothesis>")
    except ProblemsError:
        return
    first = evaluate(docs, kb, records, bootstrap=5, errors=True)
    backwards = [{**r, "events": list(reversed(r["events"]))} for r in records]
    assert evaluate(docs, kb, backwards, bootstrap=5).scores == first.scores


def _two_documents() -> tuple[list[Document], list[dict]]:
    """d1: one gold actor, found. d2: one gold count (with its attribution), predicted wrong.
    No document has a location: that field is undefined everywhere."""
    t1, t2 = "Isis attacked the town.", "Officials said 260 prisoners escaped."
    d1 = Document(
        doc_id="d1",
        text=t1,
        entities=[Entity(id="isis", type="GROUP", mentions=[Span(start=0, end=4, text="Isis")])],
        events=[Event(id="a", type="attack", actors=["isis"])],
    )
    count = Count(
        id="b.c1",
        mention=Span(start=14, end=17, text="260"),
        category="escaped",
        value=parse_count("260"),
    )
    d2 = Document(doc_id="d2", text=t2, entities=[], events=[Event(id="b", type="prison_break", counts=[count])])
    records = [
        {"doc_id": "d1", "events": [{"type": "attack", "actors": ["ISIS"]}]},
        {"doc_id": "d2", "events": [{"type": "prison_break", "counts": [{"category": "escaped", "value": 12}]}]},
    ]
    return [d1, d2], records


def test_an_undefined_field_is_left_out_of_the_headline_and_its_interval() -> None:
    """Issue 9 item 7: location has nothing to find and nothing predicted. Scorer 1.0 counted
    it as F1 = 1 in the headline ((1 + 1 + 0 + 0) / 4 = 0.5) and dropped every resample from
    the headline interval (each had an undefined field), leaving no interval at all. Now:
    headline = mean(actor 1, count 0, attribution 0) = 1/3; resample {d1, d1} has only actor
    (headline 1), {d2, d2} only count and attribution (0), so the interval spans [0, 1]."""
    docs, records = _two_documents()
    results = evaluate(docs, {}, records, bootstrap=400, seed=1)
    assert results.headline == pytest.approx(1 / 3)
    assert results.scores["location"]["f1"] == 1.0  # reported by convention, not averaged
    assert results.scores["overall"]["ci"] == [0.0, 1.0]
    per_doc = results.diagnostics["per_document"]
    assert per_doc["d1"]["overall"] == 1.0 and per_doc["d1"]["count"] is None
    assert per_doc["d2"]["overall"] == 0.0 and per_doc["d2"]["actor"] is None


def test_a_split_reports_only_its_fields() -> None:
    """Issue 9 item 7 / SPEC 4: a split without attribution gold and without a span layer
    reports neither; its headline is the mean of its own fields."""
    from bench.splits import Split

    docs, records = _two_documents()
    split = Split(name="x/test", version="1", gold="-", kb="-", fields=("actor", "count"), span=False)
    results = evaluate(docs, {}, records, bootstrap=50, split=split)
    assert set(results.scores) == {"actor", "count", "overall"}
    assert results.headline == pytest.approx((1.0 + 0.0) / 2)
    payload = results.to_json()
    assert payload["scored"] == {"fields": ["actor", "count"], "span": False}
    assert set(payload["per_document"]["d1"]) == {
        "actor",
        "count",
        "collapsed.actor",
        "collapsed.count",
        "events",
        "event_type",
        "modifier",
    }
    assert set(payload["diagnostics"]["collapsed"]) == {"actor", "count", "overall"}
    assert "source" not in payload["diagnostics"]  # sources need attribution gold
    assert set(payload["diagnostics"]["per_document"]["d2"]) == {"actor", "count", "overall"}


def test_source_accuracy_on_matched_counts(tiny_split) -> None:
    """Issue 9 item 6: attribution stays scored on every gold count (so every system is
    scored on the same items); the conditional view is a diagnostic. Oracle d1 + d2 with
    one source changed: 4 gold counts, all matched, 3 with the right source."""
    docs, kb = tiny_split
    records = OracleExtractor().predict(docs)
    records[0]["events"][0]["counts"][0]["source"] = "ISIS"
    results = evaluate(docs, kb, records, bootstrap=0)
    assert results.diagnostics["source"] == {"accuracy": 0.75, "ci": None, "correct": 3, "total": 4}
    assert results.scores["count"]["f1"] == 1.0
    assert (results.scores["attribution"]["tp"], results.scores["attribution"]["fn"]) == (4, 1)  # 4 counts + 1 claim


def test_bootstrap_reports_how_few_distinct_resamples_exist(tiny_split) -> None:
    """Issue 9 item 9: with n documents only C(2n - 1, n) different resamples exist."""
    import math

    docs, kb = tiny_split
    payload = evaluate(docs, kb, EmptyExtractor().predict(docs), bootstrap=100).to_json()
    assert payload["bootstrap"]["documents"] == len(docs)
    assert payload["bootstrap"]["distinct_resamples"] == math.comb(2 * len(docs) - 1, len(docs))


def test_bootstrap_has_a_maximum(tiny_split) -> None:
    """Issue 10 item 15: more than MAX_RESAMPLES is refused before anything is drawn."""
    from bench.score.bootstrap import MAX_RESAMPLES

    docs, kb = tiny_split
    with pytest.raises(ValueError, match="between 0 and"):
        evaluate(docs, kb, EmptyExtractor().predict(docs), bootstrap=MAX_RESAMPLES + 1)


def test_intervals_do_not_depend_on_the_block_size(monkeypatch) -> None:
    """Issue 10 item 15: resamples are drawn and reduced in blocks; the intervals are
    bit-identical whatever the block size (span partial weights included)."""
    import bench.score.bootstrap as bootstrap

    docs = random_split(5)
    rng = random.Random(5)
    records = noisy(OracleExtractor().predict(docs), rng)
    for record in records:  # shortened mentions: fractional partial weights
        for m in record["mentions"]:
            if m["end"] - m["start"] > 2 and rng.random() < 0.5:
                m["end"] -= 1
    whole = evaluate(docs, KB, records, bootstrap=300, seed=4).to_json()
    for cells in (len(docs), 7 * len(docs), 10**9):
        monkeypatch.setattr(bootstrap, "BLOCK_CELLS", cells)
        assert evaluate(docs, KB, records, bootstrap=300, seed=4).to_json() == whole
    assert not float(whole["scores"]["span_partial"]["tp"]).is_integer()


def test_error_listing_on_a_split_without_some_fields() -> None:
    from io import StringIO

    from rich.console import Console

    from bench.score.render import render_errors, render_results
    from bench.splits import Split

    docs, records = _two_documents()
    split = Split(name="x/test", version="1", gold="-", kb="-", fields=("actor", "count"), span=False)
    results = evaluate(docs, {}, records, bootstrap=20, split=split, errors=True)
    assert set(results.errors["d2"]) == {"actor", "count", "events"}
    out = StringIO()
    console = Console(file=out, width=200)
    render_results(results, console)
    render_errors(results.errors, console)
    text = out.getvalue()
    assert "attribution" not in text and "span" not in text
    assert "headline (mean F1 of actor, count)" in text and "escaped = 12" in text


def test_a_split_with_an_undefined_field_is_refused() -> None:
    from bench.splits import Split

    docs, records = _two_documents()
    split = Split(name="x/test", version="1", gold="-", kb="-", fields=("actor", "nonesuch"))
    with pytest.raises(ValueError, match="nonesuch"):
        evaluate(docs, {}, records, bootstrap=0, split=split)
