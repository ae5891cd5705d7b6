"""What a number counts (``baselines.assemble.counts``) and which numbers are counts at all
(``baselines.numbers``): phrasings found in MUC-4 train/dev error lists (issue 13), written
here as hand-made sentences; no seed article and no MUC-4 text is used."""

from __future__ import annotations

import pytest

from baselines.assemble.counts import categorize
from baselines.numbers import find_numbers


def decide(text: str, number: str) -> tuple[str, str | None] | None:
    start = text.index(number)
    return categorize(text, 0, len(text), start, start + len(number))


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        # a killing named by a noun: "the murder of the six priests"
        ("Officials discussed the murder of the six priests in the capital.", "six", ("killed", "civilians")),
        ("He was arrested for the assassination of two judges last year.", "two", ("killed", "civilians")),
        ("The bomb on the plane, killing all 107 passengers and crew, was traced.", "107", ("killed", "civilians")),
        # killing verbs the lexicon lacked
        ("Five teachers were murdered at dawn by men in uniform.", "Five", ("killed", "civilians")),
        ("Three peasants were assassinated in the village.", "Three", ("killed", "civilians")),
        # a participle before the victim noun belongs to the noun phrase
        ("The patrol killed six unidentified subversives during the clash.", "six", ("killed", "attackers")),
        ("The patrol killed 15 Shining Path guerrillas during the clash.", "15", ("killed", "attackers")),
        # "30 dead civilians", "12 wounded soldiers": the people come after the casualty adjective
        ("Besides 30 dead civilians, the report lists damage to homes.", "30", ("killed", "civilians")),
        ("The explosion left 12 wounded soldiers at the base.", "12", ("wounded", "security")),
        # civilian nouns by occupation or role
        ("Four pedestrians were killed in the blast.", "Four", ("killed", "civilians")),
        ("Five individuals were injured when the bomb exploded.", "Five", ("wounded", "civilians")),
        (
            "A car bomb exploded at the ministry, killing one person and injuring five others.",
            "one",
            ("killed", "civilians"),
        ),
        ("One adult and four minors were killed when the helicopter fired.", "four", ("killed", "civilians")),
        ("The rebels maimed two people who refused to stop working.", "two", ("wounded", "civilians")),
        ("His driver and two of his bodyguards were killed in the attack.", "two", ("killed", "security")),
        # the number of assailants: "attacks by about 150 guerrillas"
        ("35 people died in attacks by about 150 guerrillas on four towns.", "about 150", ("attackers", "attackers")),
    ],
)
def test_category_and_victims(text: str, number: str, expected: tuple[str, str | None]) -> None:
    assert decide(text, number) == expected


def test_a_participle_that_ends_the_noun_phrase_still_ends_it() -> None:
    # "escaped" is the predicate here, not a modifier of a victim noun
    assert decide("Police said 40 inmates escaped from the jail.", "40") == ("escaped", "prisoners")
    assert decide("Gunmen killed 11 guards, wounding 3 others.", "3") == ("wounded", None)


def numbers(text: str) -> list[str]:
    return [text[s:e] for s, e in find_numbers(text)]


def test_an_age_after_a_name_is_no_count() -> None:
    text = "The judge identified the dead men as Juan Perez, 38, and Jose Marquez, 42."
    assert numbers(text) == []
    # a number after a comma that does not follow a name, or a large one, stays a count
    assert numbers("In the attack, 38, or perhaps more, died.") == ["38"]
    assert numbers("The ministry counted Soldiers, 150, and civilians.") == ["150"]


def test_a_list_label_is_no_count() -> None:
    text = "The communique lists our demands.\n2. The release of 40 prisoners.\n  10) An end to the raids."
    assert numbers(text) == ["40"]
    # at the end of a sentence in the middle of a line, a number stays a count
    assert numbers("The death toll rose to 10. Police blamed rebels.") == ["10"]


@pytest.mark.parametrize(
    "text",
    [
        "Decree 207 was annulled and Article 2 of the constitution cited.",
        "Troops of Military Detachment No. 6 clashed near the bridge.",
        "They were taken to a Zone 18 penitentiary on Flight 141.",
        "Guards were ambushed at km 11 on the northern road, near Channel 7.",
    ],
)
def test_an_identifier_is_no_count(text: str) -> None:
    assert numbers(text) == []


def test_a_number_after_an_identifier_word_with_people_stays_a_count() -> None:
    # the identifier noun must stand right before the number, and a count of people stays one
    assert numbers("The decree freed 207 prisoners.") == ["207"]
    assert numbers("Under the law, 18 guards were dismissed.") == ["18"]
    assert numbers("Under the law 18 guards were dismissed.") == ["18"]
    assert numbers("In 12 cases 300 people died.") == ["12", "300"]
    assert numbers("No 15 people died, officials said.") == ["15"]


@pytest.mark.parametrize(
    "text",
    [
        "The attack began at 0120 today and lasted for four hours.",
        "At 1615, rebel fire downed a plane near the base.",
        "Gunmen stayed until 2200 on Wednesday, witnesses said.",
        "A curfew runs from 2100 to 0500 in the province.",
        "The raid took place shortly after 2100 local time.",
        "The bomb went off at 2300 (0500 GMT) near the base.",
        "Troops of Detachment No 4 arrived at 1400 on 24 August.",
    ],
)
def test_a_clock_time_is_no_count(text: str) -> None:
    assert numbers(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police said at 1500 inmates escaped.", ["1500"]),  # followed by people
        ("The army deployed 2300 troops.", ["2300"]),  # no time word
        ("Between 1000 and 1500 prisoners fled.", ["1000", "1500"]),
        ("Between 1000 and 1500 of the prisoners fled.", ["1000", "1500"]),
        ("The number of escapees rose from 1000 to 1500.", ["1000", "1500"]),
        ("The death toll rose to 1200.", ["1200"]),
        ("The death toll rose to 1200 on Tuesday.", ["1200"]),
        ("It put the death toll at 1500 (AFP).", ["1500"]),
        ("A death toll of 1500, officials said.", ["1500"]),
        ("The raid raised the toll to 1500 today.", ["1500"]),
    ],
)
def test_a_four_digit_number_of_people_stays_a_count(text: str, expected: list[str]) -> None:
    assert numbers(text) == expected
