"""Prompt templates: shipped files, their hash, the messages they make, malformed templates."""

from __future__ import annotations

import hashlib
import json

import pytest

from bench.generative.prompt import PROMPTS_DIR, PromptError, Shot, available, load_template, parse_template


def test_shipped_templates_are_versioned_and_hashed() -> None:
    names = available()
    assert {"zero-shot-v1", "few-shot-v1"} <= set(names)
    for name in names:
        assert name.rsplit("-", 1)[-1].startswith("v"), f"{name}: template names end in a version"
        template = load_template(name)
        assert template.sha256 == hashlib.sha256((PROMPTS_DIR / f"{name}.md").read_bytes()).hexdigest()
        assert "{{text}}" not in template.system and "{{text}}" in template.user


def test_task_definition_is_restated() -> None:
    system = load_template("zero-shot-v1").system
    for word in ("prison_break", "attack", "escaped", "recaptured", "at_large", "killed", "wounded"):
        assert f'"{word}"' in system
    for word in ("attackers", "inmates", "security", "prisoners", "civilians", "mixed"):
        assert f'"{word}"' in system
    for word in ("responsibility", "accusation", "denial", "innermost", "boilerplate", "at least"):
        assert word in system


def test_messages_put_shots_before_the_article() -> None:
    template = load_template("few-shot-v1")
    shots = [Shot("a", "Article A.", {"events": []}), Shot("b", "Article B.", {"events": [{"type": "attack"}]})]
    messages = template.messages("The article.", shots)
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user", "assistant", "user"]
    assert "Article A." in messages[1]["content"] and "The article." in messages[-1]["content"]
    assert json.loads(messages[4]["content"]) == {"events": [{"type": "attack"}]}
    assert "The article." not in template.single_text("x") and "x" in template.single_text("x")


def test_text_with_braces_is_inserted_verbatim() -> None:
    text = "A {{weird}} $text {0} with \\1 backslashes"
    assert text in load_template("zero-shot-v1").user_turn(text)


def test_a_template_by_path(tmp_path) -> None:
    path = tmp_path / "mine-v3.md"
    path.write_text("intro\n<!-- system -->\nBe brief.\n<!-- user -->\nText: {{text}}\n", encoding="utf-8")
    template = load_template(str(path))
    assert (template.name, template.system, template.user) == ("mine-v3", "Be brief.", "Text: {{text}}")


@pytest.mark.parametrize(
    "text, message",
    [
        ("<!-- user -->\n{{text}}\n", "system"),
        ("<!-- system -->\nx\n", "user"),
        ("<!-- system -->\nx\n<!-- user -->\nno placeholder\n", "placeholder"),
        ("<!-- system -->\nx\n<!-- system -->\ny\n<!-- user -->\n{{text}}\n", "two"),
    ],
)
def test_malformed_templates_are_refused(text: str, message: str) -> None:
    with pytest.raises(PromptError, match=message):
        parse_template("bad", text.encode("utf-8"))


def test_unknown_template_names_the_shipped_ones() -> None:
    with pytest.raises(PromptError, match="zero-shot-v1"):
        load_template("no-such-prompt")


def test_defaults_are_the_v2_templates_and_restate_the_v2_rules() -> None:
    from bench.generative.prompt import DEFAULT_FEW_SHOT, DEFAULT_ZERO_SHOT

    assert (DEFAULT_ZERO_SHOT, DEFAULT_FEW_SHOT) == ("zero-shot-v2", "few-shot-v2")
    v1, v2 = load_template("zero-shot-v1").system, load_template(DEFAULT_ZERO_SHOT).system
    # each guidelines-v2 rule the decoding depends on, absent from v1
    for phrase in (
        "never an event of its own",  # responses belong to the incident
        "series of incidents",  # series are not events
        "neither credited nor penalised",  # totals
        "prisoners killed while",  # victims of killed prisoners
        "covers only its",  # scope of "according to"
        "freed by an outside assault",  # freed prisoners are not actors
        "hedged repetition",  # no claim
        "recorded on each",  # a claim about several incidents
    ):
        assert phrase in v2 and phrase not in v1, phrase
    few = load_template(DEFAULT_FEW_SHOT).system
    assert few.replace("\nWorked examples come first: earlier articles, each followed by its correct answer.", "") == v2


def test_templates_used_by_committed_entries_are_unchanged() -> None:
    """A shipped template is never edited in place: replay of committed raw outputs needs its exact bytes."""
    from bench import paths
    from bench.leaderboard.submit import RAW_FILE, entry_dirs

    used = {}
    for entry in entry_dirs(paths.LEADERBOARD_DIR):
        raw = entry / RAW_FILE
        if raw.is_file():
            for line in raw.read_text(encoding="utf-8").splitlines():
                prompt = json.loads(line)["prompt"]
                used[prompt["name"]] = prompt["sha256"]
    assert used, "no committed entry records its prompt"
    for name, sha in used.items():
        assert load_template(name).sha256 == sha, f"{name} was edited in place"
