"""The defensive line reader: size cap, per-line UTF-8, strict JSON."""

from __future__ import annotations

from pathlib import Path

from bench.predictions.reader import LineError, doc_hint, parse_json, read_lines


def _read(path: Path, data: bytes, **kwargs) -> list:
    path.write_bytes(data)
    return list(read_lines(path, **kwargs))


def test_plain_lines_and_blank_lines(tmp_path: Path) -> None:
    lines = _read(tmp_path / "p.jsonl", b'{"a": 1}\n\n   \n{"b": 2}')
    assert lines == [(1, {"a": 1}), (4, {"b": 2})]


def test_byte_order_mark_is_ignored_on_the_first_line(tmp_path: Path) -> None:
    lines = _read(tmp_path / "p.jsonl", b'\xef\xbb\xbf{"a": 1}\n')
    assert lines == [(1, {"a": 1})]


def test_over_long_line_is_skipped_and_reading_continues(tmp_path: Path) -> None:
    data = b'{"doc_id": "d1", "x": "' + b"y" * 5000 + b'"}\n{"doc_id": "d2"}\n'
    (n1, first), (n2, second) = _read(tmp_path / "p.jsonl", data, max_bytes=1000)
    assert n1 == 1 and isinstance(first, LineError)
    assert "longer than 1,000 bytes" in first.message and first.doc_hint == "d1"
    assert (n2, second) == (2, {"doc_id": "d2"})


def test_over_long_last_line_without_newline(tmp_path: Path) -> None:
    ((number, error),) = _read(tmp_path / "p.jsonl", b"[" * 3000, max_bytes=100)
    assert number == 1 and isinstance(error, LineError)


def test_invalid_utf8_spoils_one_line_only(tmp_path: Path) -> None:
    (_n1, bad), (_n2, good) = _read(tmp_path / "p.jsonl", b'{"doc_id": "d1", "x": "\xff"}\n{"doc_id": "d2"}\n')
    assert isinstance(bad, LineError) and "UTF-8" in bad.message and bad.doc_hint == "d1"
    assert good == {"doc_id": "d2"}


def test_nan_infinity_duplicate_keys_and_huge_integers_are_errors() -> None:
    for text, fragment in [
        ('{"v": NaN}', "NaN"),
        ('{"v": Infinity}', "Infinity"),
        ('{"v": -Infinity}', "Infinity"),
        ('{"v": 1, "v": 2}', "twice"),
        ('{"v": ' + "1" * 5000 + "}", "digits"),
        ("[" * 100000 + "]" * 100000, "nested"),
        ('{"v": 1', "invalid JSON"),
    ]:
        result = parse_json(text)
        assert isinstance(result, LineError), text[:20]
        assert fragment in result.message


def test_doc_hint_reads_escaped_ids_and_ignores_non_strings() -> None:
    assert doc_hint('{"doc_id": "a\\"b", broken') == 'a"b'
    assert doc_hint('{"doc_id": 5, broken') is None
    assert doc_hint("no id here") is None
