import pytest
from helpers import run_bench

from bench.extractors.options import OptionError, check_bindable, parse_options, with_split


class Trains:
    def __init__(self, model: str = "m", gold: str | None = None, epochs: int = 1) -> None: ...


class Plain:
    def __init__(self) -> None: ...


def test_values_are_json_when_they_parse():
    assert parse_options(["a=1", "b=0.5", "c=true", "d=null", "e=some/path", "f="]) == {
        "a": 1,
        "b": 0.5,
        "c": True,
        "d": None,
        "e": "some/path",
        "f": "",
    }


@pytest.mark.parametrize("bad", ["novalue", "=3", "two words=1"])
def test_malformed_options_are_refused(bad):
    with pytest.raises(OptionError):
        parse_options([bad])


def test_split_is_passed_only_to_extractors_that_train_on_it(tmp_path):
    split = tmp_path / "s.jsonl"
    assert with_split(Trains, {}, split) == {"gold": str(split)}
    assert with_split(Trains, {"gold": "mine"}, split) == {"gold": "mine"}
    assert with_split(Plain, {}, split) == {}


def test_unknown_option_names_what_is_accepted():
    check_bindable(Trains, {"epochs": 2})
    with pytest.raises(OptionError, match="it accepts: model, gold, epochs"):
        check_bindable(Trains, {"colour": "red"})


def test_cli_unknown_option_is_a_usage_error():
    result = run_bench("predict", "-e", "rules", "--option", "colour=red")
    assert result.returncode == 2
    assert "extractor 'rules'" in result.stderr and "Traceback" not in result.stderr


def test_cli_options_do_not_mix_with_a_predictions_file(tmp_path):
    preds = tmp_path / "p.jsonl"
    preds.write_text("")
    result = run_bench("eval", "-p", preds, "--model", "x")
    assert result.returncode == 2
