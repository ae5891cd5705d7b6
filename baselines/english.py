"""English words from WordNet, for telling a common word from a name in all-capitals text.

``baselines/data/wordnet_words.json.gz`` holds the WordNet 3.0 lemmas (nouns, verbs, adjectives,
adverbs; one lower-case alphabetic word each) and their irregular forms, as the spaCy pipeline
of the ``[ner]`` extra ships them in its lemmatizer tables (WordNet 3.0 licence:
``baselines/data/WORDNET-LICENSE``). It is built by ``python -m baselines.english`` from the
pinned pipeline files, so the rules need neither spaCy nor the network at run time.

WordNet's nouns include well-known names in lower case ("bogota", "lima", "salvador"), which in
wire copy are names. So a noun only counts as a common word when it is not a word of a gold name
of the *training* split ``muc4/train`` (its role fillers: "EL SALVADOR", "SHINING PATH"), stored
in the same file as ``names``; no development or test split is read. Names outside that list
that WordNet knows ("washington", "moscow") or that look like an inflected noun ("morales") are
lowered all the same: the price of reading all-capitals text without a name list. Gazetteer
names (countries, armed groups) get their capitals back in ``baselines.truecase``.

>>> is_common("blackouts"), is_common("destabilizing"), is_common("slain")
(True, True, True)
>>> is_common("bogota"), is_common("zacatecoluca")
(False, False)
"""

from __future__ import annotations

import gzip
import json
import re
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["PARTS_OF_SPEECH", "WORDS_FILE", "build_table", "is_common", "lemmas", "words"]

WORDS_FILE = Path(__file__).parent / "data" / "wordnet_words.json.gz"
PARTS_OF_SPEECH = ("noun", "verb", "adj", "adv")
# Particles of Spanish and Portuguese names ("El Salvador", "San Miguel", "La Paz"): never common.
NAME_PARTICLES = frozenset("el la las los lo de del da do dos das san santa santo don dona".split())
_SUFFIXES = (("ies", ("y",)), ("ied", ("y",)), ("ing", ("", "e")), ("ed", ("", "e")), ("es", ("", "e")), ("s", ("",)))
_ALPHA = re.compile(r"[a-z]+")


def lemmas(word: str) -> set[str]:
    """``word`` and its regular de-inflections ("hurled" -> "hurl", "occurred" -> "occur").

    >>> sorted(lemmas("kidnapped"))
    ['kidnap', 'kidnapp', 'kidnappe', 'kidnapped']
    """
    out = {word}
    for suffix, replacements in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            out.update(stem + r for r in replacements)
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.add(stem[:-1])  # a doubled final consonant: "kidnapped" -> "kidnap"
    return out


@lru_cache(maxsize=1)
def _table(path: Path = WORDS_FILE) -> dict[str, frozenset[str]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        raw = json.load(handle)
    return {key: frozenset(value) for key, value in raw.items() if isinstance(value, list)}


@lru_cache(maxsize=8)
def words(*parts_of_speech: str) -> frozenset[str]:
    """The WordNet lemmas and irregular forms of the given parts of speech (default: all)."""
    table = _table()
    return frozenset().union(*(table[p] | table[f"{p}_forms"] for p in parts_of_speech or PARTS_OF_SPEECH))


@lru_cache(maxsize=1)
def _common() -> tuple[frozenset[str], frozenset[str]]:
    """(verbs, adjectives and adverbs; nouns that are no word of a training-split name)."""
    names = _table()["names"]
    return words("verb", "adj", "adv"), words("noun") - names


@lru_cache(maxsize=65536)
def is_common(word: str) -> bool:
    """Whether lower-case ``word`` (or a regular de-inflection of it) is a common English word:
    a WordNet verb, adjective or adverb, or a WordNet noun that is no word of a ``muc4/train``
    gold name; name particles ("el", "san") never are."""
    if word in NAME_PARTICLES:
        return False
    other, nouns = _common()
    candidates = lemmas(word)
    if candidates & other:
        return True
    return word not in _table()["names"] and bool(candidates & nouns)  # "torres" is no plural of "tor"


def _alphabetic(items: Iterable[str]) -> list[str]:
    return sorted({w for w in items if _ALPHA.fullmatch(w)})


def build_table(pipeline: Path, train_split: Path) -> dict[str, Any]:
    """The content of ``WORDS_FILE``: WordNet words from the spaCy pipeline folder ``pipeline``
    (its pinned ``lemmatizer/lookups/lookups.bin``) and the name words of ``train_split``."""
    import srsly
    from spacy.strings import hash_string  # type: ignore[attr-defined]

    from baselines.spacy_ner import PINNED, verify

    lookups = "lemmatizer/lookups/lookups.bin"
    verify(pipeline, {lookups: PINNED[lookups]})
    tables = srsly.msgpack_loads((pipeline / lookups).read_bytes())
    table: dict[str, Any] = {"source": f"WordNet 3.0 via en_core_web_sm 3.8.0 {lookups} sha256={PINNED[lookups]}"}
    for pos in PARTS_OF_SPEECH:
        key = hash_string(pos)
        base = _alphabetic(tables["lemma_index"].get(key, ()))
        known = set(base)
        irregular = (form for form, lemma_list in tables["lemma_exc"].get(key, {}).items() if set(lemma_list) & known)
        table[pos], table[f"{pos}_forms"] = base, [w for w in _alphabetic(irregular) if w not in known]
    names: set[str] = set()
    with open(train_split, encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            for entity in doc["entities"]:
                for mention in entity["mentions"]:
                    names.update(_ALPHA.findall(doc["text"][mention["start"] : mention["end"]].lower()))
    table["names"] = sorted(names)
    return table


def write_table(table: dict[str, Any], path: Path = WORDS_FILE) -> None:
    """Write ``table`` gzipped (no timestamp, so the bytes only depend on the content)."""
    data = json.dumps(table, sort_keys=True, separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as raw:
        try:
            with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
                handle.write(data)
        except BaseException:
            Path(raw.name).unlink(missing_ok=True)
            raise
    Path(raw.name).replace(path)


def main() -> None:  # pragma: no cover - a maintainer's command
    from baselines.spacy_ner import default_dir
    from bench import paths

    write_table(build_table(default_dir(), paths.MUC4_DIR / "train.jsonl"))
    print(WORDS_FILE)


if __name__ == "__main__":  # pragma: no cover
    main()
