"""The registry of states: its data agree with ISO 3166 and the bundled geography, the well-known dates
are pinned, COW codes map period by period, and every code of the ATOP files maps to a state."""

from __future__ import annotations

import calendar
import csv
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pycountry
import pytest

from pact.cli import main
from pact.core import states
from pact.core.codes import alpha3_hint, ancestry, country_of, is_alpha3
from pact.load.loader import load_rules

REGISTRY = states.registry()
ATOP = Path("/work/shared/data/atop")

NOT_STATES_WITHOUT_SOVEREIGN = {"ATA", "ESH"}
"""ISO 3166-1 codes that are neither states nor territories with a sovereign in geography.yaml (docs/states.md)."""


# --- the data agree with ISO 3166 and the bundled geography ------------------------------------


def test_every_iso_code_is_a_state_or_a_territory_of_the_bundled_geography() -> None:
    sovereigns = load_rules().sovereigns(date.today())
    iso = {c.alpha_3 for c in pycountry.countries}
    not_states = iso - set(REGISTRY)
    assert not_states == set(sovereigns) | NOT_STATES_WITHOUT_SOVEREIGN
    assert all(states.is_state_on(sovereign, date.today()) for sovereign in sovereigns.values())


def test_kinds_match_iso_3166() -> None:
    current = {c.alpha_3 for c in pycountry.countries}
    former = {c.alpha_3 for c in pycountry.historic_countries}
    for code, state in REGISTRY.items():
        expected = (
            states.Kind.iso3166_1 if code in current else states.Kind.iso3166_3 if code in former else states.Kind.pact
        )
        assert state.kind is expected, code
        assert state.kind is not states.Kind.pact or code.startswith("X"), code  # ISO's user-assigned range
    assert {s.code for s in REGISTRY.values() if s.kind is states.Kind.iso3166_3} == {
        "SUN", "CSK", "DDR", "YUG", "SCG", "VDR", "YMD"
    }  # fmt: skip


def test_current_states_still_exist_and_former_ones_do_not() -> None:
    for state in REGISTRY.values():
        assert (state.end is None) == (state.kind is not states.Kind.iso3166_3 and state.code in _today()), state.code


def _today() -> set[str]:
    return {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def test_successions_refer_to_known_states_and_agree() -> None:
    for state in REGISTRY.values():
        for other in (*state.predecessors, *state.successors, *(g.part_of for g in state.interruptions)):
            assert other in REGISTRY, (state.code, other)
        for successor in state.successors:
            heir = REGISTRY[successor]
            absorbed = heir.start is None or (state.end is not None and heir.start < state.end)  # GDR into FRG
            assert state.code in heir.predecessors or absorbed, (state.code, successor)
        assert state.start is None or state.end is None or state.start < state.end, state.code
        assert all(g.start < g.end for g in state.interruptions), state.code


def test_a_continuing_state_begins_the_day_its_predecessor_ends() -> None:
    for former, heir in [("XRU", "SUN"), ("SUN", "RUS"), ("SCG", "SRB"), ("YUG", "SCG"), ("DDR", "DEU")]:
        ended, started = REGISTRY[former].end, REGISTRY[heir].start
        assert ended is not None and (started == ended or heir == "DEU"), (former, heir)
    assert REGISTRY["VDR"].end == REGISTRY["XVS"].end == REGISTRY["VNM"].start
    assert REGISTRY["YMD"].end == REGISTRY["XYA"].end == REGISTRY["YEM"].start


def test_cow_column_agrees_with_the_cow_mapping() -> None:
    mapped: dict[str, set[int]] = {}
    for ccode, periods in states.periods(states.Scheme.cow).items():
        for period in periods:
            if period.code:
                mapped.setdefault(period.code, set()).add(ccode)
    assert {code: set(s.cow) for code, s in REGISTRY.items() if s.cow} == mapped


@pytest.mark.parametrize("scheme", [states.Scheme.cow, states.Scheme.gw])
def test_each_number_has_periods_in_order_without_overlap(scheme: states.Scheme) -> None:
    for number, periods in states.periods(scheme).items():
        assert periods[0].start is None and periods[-1].end is None, number
        for before, after in pairwise(periods):
            assert before.end == after.start, number


# --- well-known dates --------------------------------------------------------------------------

D = date.fromisoformat

PINNED = {
    # code: (first day a state, first day no longer one)
    "BHS": ("1973-07-10", None),
    "SSD": ("2011-07-09", None),
    "ERI": ("1993-05-24", None),
    "NAM": ("1990-03-21", None),
    "TLS": ("2002-05-20", None),
    "MNE": ("2006-06-03", None),
    "XKX": ("2008-02-17", None),
    "SUN": ("1922-12-30", "1991-12-26"),
    "RUS": ("1991-12-26", None),
    "DDR": ("1949-10-07", "1990-10-03"),
    "DEU": ("1949-05-23", None),
    "CSK": ("1918-10-28", "1993-01-01"),
    "CZE": ("1993-01-01", None),
    "SVK": ("1993-01-01", None),
    "YUG": ("1918-12-01", "1992-04-27"),
    "SVN": ("1991-10-08", None),
    "HRV": ("1991-10-08", None),
    "MKD": ("1991-11-17", None),
    "BIH": ("1992-03-06", None),
    "SCG": ("1992-04-27", "2006-06-05"),
    "VDR": ("1954-07-21", "1976-07-02"),
    "XVS": ("1954-06-04", "1976-07-02"),
    "VNM": ("1976-07-02", None),
    "YMD": ("1967-11-30", "1990-05-22"),
    "YEM": ("1990-05-22", None),
}


@pytest.mark.parametrize("code", sorted(PINNED))
def test_well_known_dates(code: str) -> None:
    start, end = PINNED[code]
    state = states.statehood(code)
    assert (state.start, state.end) == (D(start), D(end) if end else None)
    assert not states.is_state_on(code, D(start) - timedelta(days=1))
    assert states.is_state_on(code, D(start))
    if end:
        assert states.is_state_on(code, D(end) - timedelta(days=1))
        assert not states.is_state_on(code, D(end))


def test_states_sovereign_before_1816_have_no_start() -> None:
    for code in ("GBR", "FRA", "USA", "MCO", "LIE", "SMR", "AND", "XRU", "XAH", "XPR"):
        assert states.statehood(code).start is None, code
        assert states.is_state_on(code, date(1815, 6, 9))


def test_interruptions() -> None:
    assert states.is_state_on("EST", date(1930, 1, 1))
    assert not states.is_state_on("EST", date(1980, 1, 1))
    assert states.is_state_on("EST", date(1991, 9, 6))
    assert not states.is_state_on("SYR", date(1960, 1, 1))
    assert states.is_state_on("SYR", date(1962, 1, 1))


def test_territories_are_not_states() -> None:
    assert not states.is_state_code("GUM")
    assert not states.is_state_on("GUM", date(2000, 1, 1))
    with pytest.raises(KeyError):
        states.statehood("GUM")


# --- COW codes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ccode", "day", "code"),
    [
        (365, "1905-01-01", "XRU"),
        (365, "1980-01-01", "SUN"),
        (365, "1991-12-26", "RUS"),
        (255, "1870-01-01", "XDE"),
        (255, "1866-01-01", "XPR"),
        (255, "1990-10-03", "DEU"),
        (260, "1960-01-01", "DEU"),
        (265, "1960-01-01", "DDR"),
        (345, "1900-01-01", "XSB"),
        (345, "1980-01-01", "YUG"),
        (345, "1999-01-01", "SCG"),
        (345, "2010-01-01", "SRB"),
        (816, "1970-01-01", "VDR"),
        (816, "1990-01-01", "VNM"),
        (817, "1970-01-01", "XVS"),
        (678, "1980-01-01", "XYA"),
        (680, "1980-01-01", "YMD"),
        (679, "1995-01-01", "YEM"),
        (300, "1900-01-01", "XAH"),
        (305, "1930-01-01", "AUT"),
        (713, "1947-04-18", "CHN"),
        (713, "1960-01-01", "TWN"),
        (8152, "1874-03-15", "XAN"),
    ],
)
def test_from_cow(ccode: int, day: str, code: str) -> None:
    assert states.from_cow(ccode, D(day)) == code


def test_an_unknown_cow_code_is_a_clear_error() -> None:
    with pytest.raises(states.CodeError, match="COW country code 999 on 1950-01-01: not a country code") as info:
        states.from_cow(999, date(1950, 1, 1))
    assert (info.value.scheme, info.value.value, info.value.day) == (states.Scheme.cow, 999, date(1950, 1, 1))
    with pytest.raises(states.CodeError, match="260 and the GDR 265"):
        states.from_cow(255, date(1960, 1, 1))


# --- codes: former states validate, withdrawn codes are hinted ----------------------------------


def test_former_states_are_codes_with_a_country() -> None:
    for code in ("SUN", "DDR", "YUG", "XKX", "XPR"):
        assert is_alpha3(code)
        assert country_of(code) == code
        assert ancestry(code) == (code,)
    assert alpha3_hint("SUN") == "SUN"
    assert alpha3_hint("HVO") == "BFA"
    assert alpha3_hint("Prussia") == "XPR"


def run_scenario(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str) -> tuple[int, str]:
    file = tmp_path / "s.yaml"
    file.write_text(text)
    code = main(["run", "--backend", "reference", str(file)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_former_state_can_attack_while_it_exists(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = "scenario: s\ndate: 1980-01-01\nevents:\n  - {type: armed_attack, target: NOR, by: [SUN]}\n"
    code, out = run_scenario(capsys, tmp_path, text)
    assert code == 0, out
    assert "Norway" in out and "Soviet Union" in out


# --- ATOP: every code maps; the states ATOP codes outside their statehood are known -------------


def _atop(name: str) -> list[dict[str, str]]:
    path = ATOP / name
    if not path.is_file():
        pytest.skip(f"ATOP 4.01 data not found at {path} (not redistributable; see /work/shared/data/atop)")
    with path.open(newline="") as file:
        return list(csv.DictReader(file))


def _day(year: str, month: str, day: str, last: bool = False) -> date | None:
    """An ATOP date; a missing day is the month's first (or last) day; year 0 means none."""
    y, m = int(year), int(month or 0)
    if y == 0:
        return None
    return date(y, m, int(day) if day else (calendar.monthrange(y, m)[1] if last else 1))


def _periods_overlapping(ccode: int, first: date, last: date) -> list[states.CodePeriod]:
    return [
        p
        for p in states.periods(states.Scheme.cow).get(ccode, ())
        if (p.start is None or p.start <= last) and (p.end is None or first < p.end)
    ]


def _atop_memberships() -> list[tuple[str, int, date, date]]:
    rows = []
    for r in _atop("atop4_01_member_level.csv"):
        first = _day(r["yrent"], r["moent"], r["dayent"])
        assert first is not None
        end = _day(r["yrexit"], r["moexit"], r["dayexit"], last=True)
        last = end - timedelta(days=1) if end and end > first else first
        rows.append((r["atopid"], int(r["member"]), first, last))
    return rows


def _atop_threats() -> list[tuple[str, int, date]]:
    rows = []
    for r in _atop("atop4_01_alliance_level.csv"):
        begun = _day(r["begyr"], r["begmo"], r["begday"])
        assert begun is not None
        rows += [(r["atopid"], int(float(r[k])), begun) for k in ("statthr1", "statthr2") if r[k] not in ("", "0")]
    return rows


def test_every_atop_member_maps_to_a_state_for_its_whole_membership() -> None:
    rows = _atop_memberships()
    assert len(rows) == 2398
    unmapped = [
        (atopid, ccode, first)
        for atopid, ccode, first, last in rows
        if not (periods := _periods_overlapping(ccode, first, last)) or any(p.code is None for p in periods)
    ]
    assert unmapped == []
    assert len({ccode for _, ccode, _, _ in rows}) == 208


def test_every_atop_threat_state_maps() -> None:
    threats = _atop_threats()
    assert threats
    for atopid, ccode, begun in threats:
        assert states.from_cow(ccode, begun), atopid


KNOWN_OUTSIDE_STATEHOOD = {
    # (atopid, code): ATOP codes a member (or a named threat) on days pact does not count it a state;
    # each is explained in docs/states.md ("ATOP and pact's statehood").
    ("1040", "TUN"), ("1040", "DZA"), ("1070", "TUN"), ("1080", "EGY"), ("1110", "EGY"),
    ("1085", "POL"), ("1090", "POL"), ("1425", "BGR"), ("2270", "IRQ"), ("3015", "SYR"),
    ("3015", "JOR"), ("3040", "JOR"), ("3080", "LKA"), ("3300", "SYR"), ("3385", "MLI"),
    ("3485", "KEN"), ("3841", "BRN"), ("3900", "ATG"), ("3900", "KNA"), ("4016", "UKR"),
    ("4018", "UKR"), ("4018", "BLR"), ("4022", "KGZ"), ("4022", "KAZ"), ("4023", "UKR"),
    ("4023", "KAZ"), ("4055", "LTU"), ("4097", "UKR"), ("4097", "UZB"), ("4099", "BLR"),
    ("4099", "UZB"), ("4120", "UKR"), ("4370", "CZE"), ("4370", "SVK"),
    ("3035", "XDE"), ("3045", "XDE"), ("3050", "XDE"), ("3055", "XDE"), ("3060", "XDE"),
    ("3085", "XDE"), ("3090", "XDE"), ("3095", "XDE"), ("3100", "XDE"), ("3105", "XDE"),
    ("3110", "XDE"), ("3115", "XDE"), ("3120", "XDE"), ("3130", "XDE"), ("3135", "XDE"),
    ("3140", "XDE"), ("3145", "XDE"), ("3155", "XDE"), ("3160", "XDE"), ("3165", "XDE"),
    ("3170", "XDE"), ("3175", "XDE"), ("3185", "XDE"),
}  # fmt: skip


def test_the_states_atop_codes_outside_their_statehood_are_the_known_ones() -> None:
    outside = set()
    for atopid, ccode, first, last in _atop_memberships():
        for day in (first, last):
            code = states.from_cow(ccode, day)
            if not states.is_state_on(code, day):
                outside.add((atopid, code))
    for atopid, ccode, begun in _atop_threats():
        code = states.from_cow(ccode, begun)
        if not states.is_state_on(code, begun):
            outside.add((atopid, code))
    assert outside == KNOWN_OUTSIDE_STATEHOOD


# --- COW and G&W numbers of every state, each way, by date -------------------------------------

NUMBERS = (states.Scheme.cow, states.Scheme.gw)
WITHOUT_NUMBER = {
    # states of the registry that a scheme gives no number (docs/states.md, "COW and G&W numbers")
    states.Scheme.cow: {"PSE", "VAT", "XCA", "XGC"},
    states.Scheme.gw: {"PSE", "VAT", "XMF"},
}


def _change_days() -> list[date]:
    """Every day on which some state begins, ends, is interrupted or changes number (and the day before each):
    between two of them nothing the mapping depends on changes."""
    edges = {d for s in REGISTRY.values() for d in (s.start, s.end) if d}
    edges |= {d for s in REGISTRY.values() for g in s.interruptions for d in (g.start, g.end)}
    numbered = [p for scheme in NUMBERS for ps in states.periods(scheme).values() for p in ps]
    edges |= {d for p in numbered for d in (p.start, p.end) if d}
    return sorted({date(1816, 1, 1), *edges, *(d - timedelta(days=1) for d in edges)})


@pytest.mark.parametrize("scheme", NUMBERS)
def test_every_state_has_one_number_on_every_day_it_existed_and_it_maps_back(scheme: states.Scheme) -> None:
    """GIVEN every day the registry or a code list changes WHEN each state existing that day is numbered THEN it
    has a number (except the few the scheme lacks), no two states share one, and the number maps back to it."""
    without = set()
    for day in _change_days():
        numbers: dict[int, str] = {}
        for code in (c for c in REGISTRY if states.is_state_on(c, day)):
            number = states.number_on(scheme, code, day)
            if number is None:
                without.add(code)
                continue
            assert numbers.setdefault(number, code) == code, (day, number, code, numbers[number])
            assert states.from_number(scheme, number, day) == code, (day, code, number)
    assert without == WITHOUT_NUMBER[scheme]


SUCCESSIONS = [
    # (day, code, COW, G&W): each side of the changes researchers trip on
    ("1990-10-02", "DEU", 260, 260), ("1990-10-02", "DDR", 265, 265), ("1990-10-03", "DEU", 255, 260),
    ("1990-05-21", "XYA", 678, 678), ("1990-05-21", "YMD", 680, 680), ("1990-05-22", "YEM", 679, 678),
    ("1991-12-25", "SUN", 365, 365), ("1991-12-26", "RUS", 365, 365), ("1991-12-26", "UKR", 369, 369),
    ("1992-04-26", "YUG", 345, 345), ("1992-04-27", "SCG", 345, 345), ("2006-06-04", "SCG", 345, 345),
    ("2006-06-05", "SRB", 345, 340), ("2006-06-05", "MNE", 341, 341), ("1918-11-30", "XSB", 345, 340),
    ("1992-12-31", "CSK", 315, 315), ("1993-01-01", "CZE", 316, 316), ("1993-01-01", "SVK", 317, 317),
    ("1976-07-01", "VDR", 816, 816), ("1976-07-01", "XVS", 817, 817), ("1976-07-02", "VNM", 816, 816),
    ("1900-01-01", "XDE", 255, 255), ("1850-01-01", "XPR", 255, 255), ("2000-01-01", "TUV", 947, 973),
    ("2000-01-01", "NRU", 970, 971), ("2000-01-01", "KIR", 946, 970), ("1950-01-01", "CHN", 710, 710),
]  # fmt: skip


@pytest.mark.parametrize(("day", "code", "cow", "gw"), SUCCESSIONS)
def test_numbers_across_successions(day: str, code: str, cow: int, gw: int) -> None:
    assert (states.to_cow(code, D(day)), states.to_gw(code, D(day))) == (cow, gw)
    assert (states.from_cow(cow, D(day)), states.from_gw(gw, D(day))) == (code, code)


def test_a_state_without_a_number_is_a_clear_error() -> None:
    with pytest.raises(states.CodeError, match="PSE on 2000-01-01: no COW country code"):
        states.to_cow("PSE", D("2000-01-01"))
    with pytest.raises(states.CodeError, match="XMF on 1960-07-01: no G&W code"):
        states.to_gw("XMF", D("1960-07-01"))
    with pytest.raises(states.CodeError, match="G&W code 255 on 1960-01-01: no state in pact's registry: GW codes"):
        states.from_gw(255, D("1960-01-01"))
    with pytest.raises(states.CodeError, match="GRL on 2000-01-01: not a state"):
        states.to_gw("GRL", D("2000-01-01"))


LISTS = Path(__file__).parent / "fixtures" / "state-lists"


def test_gw_numbers_are_those_of_gleditsch_and_wards_list() -> None:
    """GIVEN Gleditsch & Ward's list (as the R package states 0.3.3 ships it) WHEN each of its memberships is
    looked up on its first and last day THEN pact's gw.csv knows the number, and where it names a state of the
    registry that existed that day, the state's number that day is the list's."""
    with (LISTS / "gwstates.csv").open(newline="") as file:
        listed = list(csv.DictReader(file))
    assert {int(r["gwcode"]) for r in listed} == set(states.periods(states.Scheme.gw))
    checked = 0
    for row in listed:
        number = int(row["gwcode"])
        for day in (D(row["start"]), min(D(row["end"]), date.today())):
            try:
                code = states.from_gw(number, day)
            except states.CodeError:
                continue
            if states.is_state_on(code, day):
                assert states.to_gw(code, day) == number, (number, day, code)
                checked += 1
    assert checked > 300


COUNTED_BY_PACT_ONLY = {
    40, 41, 42, 70, 90, 91, 92, 93, 94, 101, 130, 135, 145, 150, 155, 160, 165, 210, 211, 212, 220, 221, 223,
    232, 240, 260, 265, 275, 280, 290, 305, 315, 327, 331, 332, 335, 339, 341, 343, 344, 345, 349, 350, 385,
    390, 395, 450, 530, 600, 630, 651, 660, 678, 698, 710, 730, 732, 740, 760, 790, 800, 817, 860, 935, 946,
    947, 955, 970, 983, 987, 990, 8152,
}  # fmt: skip
"""COW codes of states the registry counts on some day COW's system file does not (docs/states.md)."""
COUNTED_BY_COW_ONLY = {350, 552, 616, 651, 712}


def test_where_the_registry_differs_from_cows_system_file_is_documented() -> None:
    """GIVEN COW's State System Membership list WHEN it and the registry are compared on the 1st of January and
    of July of every year 1816-2016 THEN they differ only for the codes docs/states.md explains."""
    with (LISTS / "cowstates.csv").open(newline="") as file:
        members = [(int(r["cowcode"]), D(r["start"]), D(r["end"])) for r in csv.DictReader(file)]
    pact_only, cow_only = set(), set()
    for day in (date(y, m, 1) for y in range(1816, 2017) for m in (1, 7)):
        cow = {n for n, first, last in members if first <= day <= last}
        ours = {states.number_on(states.Scheme.cow, c, day) for c in REGISTRY if states.is_state_on(c, day)}
        pact_only |= ours - cow - {None}
        cow_only |= cow - ours
    assert (pact_only, cow_only) == (COUNTED_BY_PACT_ONLY, COUNTED_BY_COW_ONLY)
