"""The regions a place lies in, worked out once per place on the days that concern it, are those the
regions' own rules give on any day."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

import pact
from pact.plan.compile import compile_rulebook

RULES = pact.load_rules()
PLAN = compile_rulebook(RULES)
PLACES = sorted(
    {p.state for t in RULES.treaties for p in t.parties}
    | {t.code for g in RULES.geography for t in g.territories}
    | {"US-HI", "US-AK", "ES-CN", "ES-CE", "JP-47", "FR-GF", "DZA"}
)
DAYS = st.dates(date(1800, 1, 1), date(2040, 1, 1)).map(date.toordinal)


@given(st.sampled_from(PLACES), DAYS)
def test_regions_of_a_place_on_a_day_are_the_regions_rules(place: str, when: int) -> None:
    direct = PLAN.places.regions_of(place, when, lambda t, s: PLAN.is_party(t, s, when))
    assert PLAN.regions_of(place, when) == direct


@given(st.sampled_from(PLACES), st.lists(DAYS, min_size=1, max_size=20))
def test_regions_ever_holds_every_day_s_regions(place: str, days: list[int]) -> None:
    ever = PLAN.regions_ever(place)
    assert all(PLAN.regions_of(place, d) <= ever for d in days)


def test_a_change_of_membership_moves_a_state_into_a_region() -> None:
    """NATO's Article 6 area holds a party's territory: Poland's from its accession, 12 March 1999."""
    before, after = date(1999, 3, 11).toordinal(), date(1999, 3, 12).toordinal()
    assert "nato-art6-territory" not in PLAN.regions_of("POL", before)
    assert "nato-art6-territory" in PLAN.regions_of("POL", after)
