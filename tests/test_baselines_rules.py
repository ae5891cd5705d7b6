"""The rule-based baseline on small hand-made texts (no seed article is used here)."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest

from baselines.numbers import find_numbers
from baselines.rules import RuleExtractor
from baselines.rules.tagger import tag
from bench.data.model import Document
from bench.extractors import Extractor, load_extractor
from bench.normalize import parse_count
from bench.predictions.validate import validate_records

ROOT = Path(__file__).resolve().parents[1]


def predict(text: str, doc_id: str = "t1") -> dict:
    return RuleExtractor().predict([Document(doc_id=doc_id, text=text)])[0]


def all_counts(record: dict) -> list[dict]:
    return [c for e in record["events"] for c in e["counts"]]


def all_claims(record: dict) -> list[dict]:
    return [c for e in record["events"] for c in e["claims"]]


def test_registry_loads_the_rules_baseline() -> None:
    extractor = load_extractor("rules")
    assert isinstance(extractor, Extractor) and extractor.name == "rules"
    with pytest.raises(TypeError):
        RuleExtractor(epochs=3)


def test_a_number_with_a_reporting_verb_gives_count_category_and_source() -> None:
    record = predict("Police said 12 inmates escaped from the city jail on Monday.")
    [count] = all_counts(record)
    assert count["category"] == "escaped" and count["source"] == "Police"
    assert parse_count(count["value"]).stated == 12


def test_casualties_get_victims_and_the_source_after_the_clause() -> None:
    record = predict("Gunmen stormed a police station in Lagos, killing at least seven officers, the army said.")
    [count] = all_counts(record)
    assert (count["category"], count["victims"], count["source"]) == ("killed", "security", "army")
    assert parse_count(count["value"]).modifier == "at_least"
    [event] = record["events"]
    assert (
        event["type"] == "attack"
        and event["actors"] == ["Gunmen"]
        and event["locations"] == ["police station", "Lagos"]
    )


def test_apposition_and_pronoun_sources() -> None:
    text = (
        "Jane Doe, a spokeswoman for the regional government, said 40 prisoners fled the prison. "
        "She said dozens of guards were wounded."
    )
    counts = all_counts(predict(text))
    assert [(c["category"], c["source"]) for c in counts] == [("escaped", "Jane Doe"), ("wounded", "Jane Doe")]
    assert counts[1]["victims"] == "security"


def test_according_to_and_the_article_voice() -> None:
    counts = all_counts(
        predict("According to Reuters, 30 civilians died in the airstrike. Two soldiers were also killed.")
    )
    assert [(c["victims"], c["source"]) for c in counts] == [("civilians", "Reuters"), ("security", None)]


def test_a_responsibility_claim() -> None:
    [claim] = all_claims(predict("The Taliban claimed responsibility for the bombing in Kabul."))
    assert claim == {"kind": "responsibility", "actor": "Taliban", "source": "Taliban"}


def test_accusation_and_denial() -> None:
    claims = all_claims(
        predict("The government blamed Boko Haram for the raid on the prison. Boko Haram denied any involvement.")
    )
    assert {(c["kind"], c["actor"], c["source"]) for c in claims} == {
        ("accusation", "Boko Haram", "government"),
        ("denial", "Boko Haram", "Boko Haram"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "So far, no group has claimed responsibility for the bombing in Lima.",
        "Neither the guerrillas nor any other organization have claimed responsibility for the attack.",
        "None of the armed groups has claimed responsibility for the attack in Lima.",
        "The rebels have not claimed responsibility for the bombing in Lima.",
        'He said: "If this terrorist group were operating here, it should have claimed responsibility."',
    ],
)
def test_a_denied_or_supposed_claim_is_no_claim(text: str) -> None:
    assert all_claims(predict(text)) == []


def test_a_claim_after_a_clause_with_a_negation_still_counts() -> None:
    text = "No one was hurt, but the Taliban claimed responsibility for the bombing in Kabul."
    assert [c["actor"] for c in all_claims(predict(text))] == ["Taliban"]


def test_intended_numbers_dates_times_and_distances_are_not_counts() -> None:
    text = "On May 8, 2011 at 10 pm, about 12 miles from the jail, militants wanted to free up to 200 inmates."
    assert [text[s:e] for s, e in find_numbers(text)] == ["up to 200"]
    assert all_counts(predict(text)) == []


def test_a_dated_background_incident_is_its_own_event() -> None:
    text = (
        "Militants attacked a prison in Kenya on Friday, and 50 inmates escaped. "
        "In July 2013, a similar raid on a jail in Niger freed more than 500 inmates."
    )
    events = predict(text)["events"]
    assert [(e["type"], e["locations"]) for e in events] == [
        ("prison_break", ["prison", "Kenya"]),
        ("prison_break", ["jail", "Niger"]),
    ]
    assert [[c["value"] for c in e["counts"]] for e in events] == [["50"], ["more than 500"]]


def test_wire_copy_dates_split_background_incidents_but_not_the_story_itself() -> None:
    # re-cased wire copy: "on 7 november" is found whatever its case; a date in the month the
    # report was filed (or the month before) is the story's own time, an older one a background
    text = (
        "LIMA, 9 NOV 89 (EFE) -- [TEXT] TERRORISTS BOMBED A BANK IN HUANTA, INJURING FOUR PEOPLE.\n\n"
        "   ON 7 NOVEMBER, THE TERRORISTS HAD ALSO BOMBED THE HUANTA BANK, KILLING TWO GUARDS.\n\n"
        "   IN AUGUST 1988 THE SAME GROUP BOMBED A POWER PLANT IN PUNO, KILLING SIX WORKERS."
    )
    events = predict(text)["events"]
    assert [[c["value"] for c in e["counts"]] for e in events] == [["FOUR", "TWO"], ["SIX"]]


def test_story_date_reads_wire_and_web_datelines() -> None:
    from baselines.assemble.events import story_date
    from baselines.text import dateline_date

    assert story_date(dateline_date("LIMA, 9 NOV 89 (EFE) -- [TEXT] ...")) == (1989, 11)
    assert story_date(dateline_date("Baghdad, Jan. 3, 2011 (AFP) - Gunmen ...")) == (2011, 1)
    assert story_date(dateline_date("Gunmen stormed a jail on Monday.")) is None
    assert story_date("Jan. 13") == (None, 1)  # a day, not the year 2013
    assert story_date("Marquez 12") is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Police attacked protesters during their last march through the city.", None),
        ("A bomb exploded during march, killing two.", None),
        ("A bomb exploded on 7 november, killing two.", (None, 11)),
        ("The group bombed a power plant in august 1988.", (1988, 8)),
        ("Gunmen attacked the jail in January.", (None, 1)),
    ],
)
def test_a_month_word_is_a_date_only_as_a_date(sentence: str, expected: tuple | None) -> None:
    from baselines.assemble.events import sentence_date

    assert sentence_date(sentence) == expected


def test_boilerplate_is_ignored() -> None:
    text = "Gunmen killed 5 soldiers in Mali.\n\nAlso Read  Storm kills 3 people in Spain\n\nShare this article"
    record = predict(text)
    assert [c["value"] for c in all_counts(record)] == ["5"]
    assert all(m["end"] <= text.index("Also Read") for m in record["mentions"])


def test_mentions_are_flat_typed_and_include_used_counts() -> None:
    text = (
        "Islamic State fighters stormed the Central Prison in Kano, Nigeria, and 120 inmates escaped, officials said."
    )
    record = predict(text)
    spans = [(m["start"], m["end"], m["type"]) for m in record["mentions"]]
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    found = {(text[s:e], t) for s, e, t in spans}
    assert {
        ("Islamic State fighters", "GROUP"),
        ("120", "COUNT"),
        ("Nigeria", "LOCATION"),
        ("officials", "GROUP"),
    } <= found
    assert any(t == "LOCATION" and "Prison" in s for s, t in found)


def test_output_validates_against_the_prediction_format_and_is_deterministic() -> None:
    docs = [
        Document(
            doc_id="a", text="Hundreds of prisoners escaped after an assault on a jail in Iraq, the ministry said."
        ),
        Document(doc_id="b", text="Nothing happened here."),
        Document(doc_id="c", text="Al-Shabaab claimed the attack, which killed 15 people, according to AFP."),
    ]
    first, second = RuleExtractor().predict(docs), RuleExtractor().predict(docs)
    assert first == second
    assert len(validate_records(first, docs, "rules")) == 3
    assert first[1]["events"] == []


def test_tagger_types_people_groups_and_places() -> None:
    text = "Mr. John Smith, a spokesman for the Interior Ministry, said the attack in Mosul was over."
    found = {(text[m.start : m.end], m.type) for m in tag(text)}
    assert {("Mr. John Smith", "PERSON"), ("the Interior Ministry", "GROUP"), ("Mosul", "LOCATION")} <= found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Zarate Wilka group has claimed responsibility for the murder in Lima.", "Zarate Wilka group"),
        # re-cased wire copy: the words of the name that are common English words lose their capitals
        ("THE MORAZANIST PATRIOTIC FRONT CLAIMED RESPONSIBILITY FOR THE BOMBING.", "MORAZANIST PATRIOTIC FRONT"),
    ],
)
def test_a_name_with_a_lower_case_organisation_head_is_one_group(text: str, name: str) -> None:
    [claim] = all_claims(predict(text))
    assert claim["actor"] == name and claim["kind"] == "responsibility"


def test_no_seed_article_names_are_wired_into_the_baselines() -> None:
    """The baselines are scored on unseen articles: lexicons stay generic (cf. the pre-stop hook)."""
    pattern = re.compile(
        r"abu ghraib|taji|gweiran|hass?akeh|hasakah|khalis|batawi|basra|karrada|maliki|baghdadi|shami|"
        r"mazloum|abadi|zuhour|azim|baqouba|kirby|khadrane|diyala|arraf|saleh|kadhimi|rojava",
        re.I,
    )
    hits = [
        f"{path}:{n}"
        for path in sorted((ROOT / "baselines").rglob("*"))
        if path.suffix in (".py", ".json", ".yaml", ".yml", ".txt")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert hits == []


def test_importing_the_baselines_does_not_import_torch() -> None:
    code = "import sys, baselines.rules, baselines.transformer; assert 'torch' not in sys.modules and 'transformers' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


@pytest.mark.parametrize(
    "text,name",
    [
        ("Ali met Ali-Khan, Ali_2, Alis and (Ali). Ali", "Ali"),
        ("aa aaa aa-aa aa", "aa"),  # overlapping candidates: left to right, non-overlapping
        ("Ébert, Ébert's Ébertine 2Ébert", "Ébert"),
        ("Sadr City and Sadr Cityscape", "Sadr City"),
    ],
)
def test_name_occurrences_match_the_bounded_pattern(text: str, name: str) -> None:
    from baselines.rules.tagger import _occurrences
    from baselines.text import Sentence

    pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")
    for start, end in [(0, len(text)), (4, len(text) - 3), (1, 9)]:
        sent = Sentence(start, end, block=0, title=False)
        expected = [start + m.start() for m in pattern.finditer(text[start:end])]
        assert list(_occurrences(text, name, sent)) == expected
