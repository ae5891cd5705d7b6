"""The page's filters: what a practitioner narrows a board by, rendered server-side.

Each row carries its facets as data attributes (``row_attributes``); the filter panel
(``filter_panel``) holds one checkbox per value, all ticked at first, each with its
definition (``bench.leaderboard.facets``), and a size range; the script (``assets/filters.js``)
only hides rows and shows, per board, how many entries the filters hide, and the list of
active filters with their definitions. Every string here is ours or escaped; the script
sets no HTML, only ``hidden`` and numbers. The table's facet markup is here too: the type
line under a system's name (``kind``) and the declaration (``declaration``) as separate facts, so that
"saw test articles: yes" and "how: not trained; ..." never run together into one phrase.
"""

from __future__ import annotations

from bench.leaderboard.facets import DECODINGS, OPEN_WEIGHTS, SAW_TEST, SYSTEM_TYPES
from bench.leaderboard.fmt import esc
from bench.leaderboard.model import Board, Entry

# (facet, row attribute, label, {value: definition})
FACETS: tuple[tuple[str, str, str, dict[str, str]], ...] = (
    ("system_type", "data-system-type", "System type", SYSTEM_TYPES),
    ("decoding", "data-decoding", "Decoding mode", DECODINGS),
    ("open_weights", "data-open-weights", "Open weights", {"yes": OPEN_WEIGHTS, "no": "weights or code not published"}),
    ("saw_test_articles", "data-saw", "Saw test articles", SAW_TEST),
)
SIZES: tuple[tuple[int, str], ...] = (
    (0, "0"),
    (10**6, "1M"),
    (10**8, "100M"),
    (10**9, "1B"),
    (10**10, "10B"),
    (10**11, "100B"),
    (10**12, "1T"),
)


def row_attributes(entry: Entry) -> str:
    """The row's facets as data attributes (``data-params`` empty when the size is undisclosed)."""
    meta = entry.meta
    values = {
        "data-system-type": meta.system_type,
        "data-decoding": meta.decoding,
        "data-open-weights": "yes" if meta.open_weights else "no",
        "data-saw": meta.training_data.saw_test_articles,
        "data-params": "" if meta.parameters is None else str(meta.parameters),
    }
    return "".join(f' {key}="{esc(value)}"' for key, value in values.items())


def _fieldset(facet: str, label: str, values: dict[str, str]) -> str:
    boxes = "".join(
        f'<label title="{esc(definition)}"><input type="checkbox" data-facet="{facet}" value="{esc(value)}" checked> '
        f"{esc(value)}</label>"
        for value, definition in values.items()
    )
    return f'<fieldset data-facet="{facet}"><legend>{esc(label)}</legend>{boxes}</fieldset>'


def _size_select(which: str, default: str) -> str:
    options = "".join(
        f'<option value="{n}"{" selected" if str(n) == default else ""}>{text}</option>' for n, text in SIZES
    )
    any_option = f'<option value=""{" selected" if default == "" else ""}>any</option>'
    return f'<select data-size="{which}" aria-label="{which} size">{any_option}{options}</select>'


def _active_items() -> str:
    """One item per possible active filter, hidden until that filter is on (the script only toggles them)."""
    items = [
        f'<li data-active="{facet}:{esc(value)}" hidden>hiding {esc(label.lower())} <strong>{esc(value)}</strong>: '
        f"{esc(definition)}</li>"
        for facet, _, label, values in FACETS
        for value, definition in values.items()
    ]
    items.append(
        '<li data-active="size" hidden>size range <strong><span class="size-from"></span> to '
        '<span class="size-to"></span></strong> parameters (model_size as declared; rules count as 0)</li>'
    )
    items.append(
        '<li data-active="undisclosed" hidden>hiding entries whose model size is <strong>undisclosed</strong></li>'
    )
    return "".join(items)


def filter_panel(board: Board) -> str:
    """The filter form and the active-filter list, once per page, above the boards."""
    total = len(board.entries())
    return (
        '<div id="filters" role="region" aria-labelledby="filters-title"><h2 id="filters-title">Filters</h2>'
        '<form class="filters">'
        + "".join(_fieldset(facet, label, values) for facet, _, label, values in FACETS)
        + '<fieldset data-facet="size"><legend>Model size (parameters)</legend>'
        + f"from {_size_select('min', '')} to {_size_select('max', '')}"
        + '<label><input type="checkbox" data-undisclosed checked> undisclosed</label></fieldset>'
        + '<button type="reset">Show all</button></form>'
        + '<div class="active-filters"><strong>Active filters:</strong> <span class="none-active">none; all '
        + f"{total} entries shown.</span><ul>{_active_items()}</ul></div>"
        + '<p class="note">Filters only hide rows: ranks, intervals and p-values stay those computed among all '
        "entries of the board.</p></div>"
    )


def hidden_note(board: Board) -> str:
    """The board's own "N entries hidden by filters" line (the script keeps the number up to date)."""
    total = len(board.ranked) + len(board.unranked)
    return (
        f'<p class="filter-note" data-total="{total}" aria-live="polite">'
        f'<span class="hidden-count">0</span> of {total} entries hidden by filters</p>'
    )


def declaration(entry: Entry) -> str:
    """The declaration as separate facts: saw the test articles (yes / no / unknown), then how, then
    for generative entries whether the prompt was tuned on the test split and the number of runs."""
    meta, training = entry.meta, entry.meta.training_data
    facts = [f"saw test articles: <strong>{esc(training.saw_test_articles)}</strong>"]
    if training.how:
        facts.append(f"how: {esc(training.how)}")
    if meta.prompt_tuned_on_test is not None:
        facts.append(f"prompt tuned on test: <strong>{'yes' if meta.prompt_tuned_on_test else 'no'}</strong>")
    if meta.runs is not None:
        facts.append(f"runs: <strong>{meta.runs}</strong>")
    return "".join(f'<span class="fact">{fact}</span>' for fact in facts)


def kind(entry: Entry) -> str:
    """The system's type, decoding mode (generative entries) and weights, as one muted line
    under its name (the filters select on the same facets)."""
    meta = entry.meta
    facts = [meta.system_type, *([meta.decoding] if meta.generative else []), "open" if meta.open_weights else "closed"]
    text = " \u00b7 ".join(facts)
    return f'<span class="kind">{esc(text)}</span>'
