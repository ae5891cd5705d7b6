"""INCIDENT: LOCATION notation and the places knowledge base."""

from bench.data.muc4.places import Place, PlaceKB, parse_location


def test_levels_between_places_alternatives_and_optional():
    optional, readings = parse_location("COLOMBIA: CUCUTA (CITY) - CAMPANARIO (RURAL AREA)")
    assert not optional
    assert readings == [[[Place("COLOMBIA")], [Place("CUCUTA", ("CITY",)), Place("CAMPANARIO", ("RURAL AREA",))]]]
    optional, readings = parse_location("? (EL SALVADOR: SAN SALVADOR (CITY)) / (EL SALVADOR)")
    assert optional and len(readings) == 2 and readings[1] == [[Place("EL SALVADOR")]]
    _, readings = parse_location("COLOMBIA: URABA (REGION / CITY)")  # a "/" inside a type is not a reading
    assert readings == [[[Place("COLOMBIA")], [Place("URABA", ("REGION", "CITY"))]]]


def _kb() -> PlaceKB:
    kb = PlaceKB()
    kb.read_nations("1.0 Set list\n\nEL SALVADOR\nUNITED STATES\n\n2.0 Synonyms\n\nU.S. = UNITED STATES\n")
    kb.read_containing(
        "EL SALVADOR: SAN MIGUEL (DEPARTMENT) *nosc* VALIDATED\n"
        "EL SALVADOR: SAN MIGUEL (CITY) *ads* message 12\n"
        "EL SALVADOR: USULUTAN (DEPARTMENT) *nosc*\n"
        "EL SALVADOR: GOTERA (CITY) *nosc*\n"
        "  Argentina: province, federal district (prose, not an entry)\n",
        multi=False,
    )
    kb.read_synonyms("GOTERA = SAN FRANCISCO GOTERA\nCHALATE -> CHALATENANGO <-NEW\n")
    return kb


def test_kb_entries_ids_aliases_and_country_parents():
    entries = {e.id: e for e in _kb().kb_entries()}
    assert sorted(entries) == [
        "el_salvador",
        "el_salvador.gotera.city",
        "el_salvador.san_miguel.city",
        "el_salvador.san_miguel.department",
        "el_salvador.usulutan.department",
        "united_states",
    ]
    assert entries["united_states"].aliases == ["U.S."] and entries["united_states"].parent is None
    assert entries["el_salvador.gotera.city"].aliases == ["SAN FRANCISCO GOTERA"]
    assert entries["el_salvador.san_miguel.city"].parent == "el_salvador"


def test_parent_is_the_containing_area_the_keys_give_most_often():
    kb = _kb()
    for fill in ("EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN MIGUEL (CITY)",) * 2 + (
        "EL SALVADOR: USULUTAN (DEPARTMENT): SAN MIGUEL (CITY)",
    ):
        kb.resolve_path(parse_location(fill)[1][0], record=True)
    kb.resolve_path(parse_location("EL SALVADOR: USULUTAN (DEPARTMENT): SAN MIGUEL (CITY)")[1][0])  # not recorded
    kb.resolve_path(parse_location("EL SALVADOR: USULUTAN (DEPARTMENT): SAN MIGUEL (CITY)")[1][0])
    entries = {e.id: e for e in kb.kb_entries()}
    assert entries["el_salvador.san_miguel.city"].parent == "el_salvador.san_miguel.department"


def test_town_and_city_are_one_type_and_unknown_places_get_an_entry():
    kb = _kb()
    (country,), (town,) = kb.resolve_path(parse_location("EL SALVADOR: SAN MIGUEL (TOWN)")[1][0])
    assert (country, town) == ("el_salvador", "el_salvador.san_miguel.city")
    (_,), (new,) = kb.resolve_path(parse_location("EL SALVADOR: APOPA (CITY)")[1][0])
    assert new == "el_salvador.apopa.city" and kb.from_keys == {new}


def test_a_cycle_the_keys_make_is_broken_at_the_country():
    kb = _kb()
    kb.resolve_path(parse_location("EL SALVADOR: SAN MIGUEL (DEPARTMENT): USULUTAN (DEPARTMENT)")[1][0], record=True)
    kb.resolve_path(parse_location("EL SALVADOR: USULUTAN (DEPARTMENT): SAN MIGUEL (DEPARTMENT)")[1][0], record=True)
    entries = {e.id: e for e in kb.kb_entries()}
    parents = {i: entries[i].parent for i in ("el_salvador.san_miguel.department", "el_salvador.usulutan.department")}
    assert "el_salvador" in parents.values()  # one of the two climbs to the country: no cycle
