"""The rulebook kept between runs (``pact.load.stored``): the same rules as a fresh load, never a stale
or foreign one, and never a word about a cache that cannot be written."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

import pact
from pact.cli import main
from pact.load import stored
from pact.load.stored import stored_rules

from .conftest import FIXTURES, SCENARIOS

NATO = FIXTURES / "layers" / "nato-amended"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory of the test's own, the cache enabled."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("PACT_NO_CACHE", raising=False)
    return tmp_path / "cache" / "pact"


def only_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, reading the rule files is a failure: a rulebook must come from the cache."""

    def unexpected(*layers: object, bundled: bool = True) -> pact.Rulebook:
        raise AssertionError("the rule files were read again")

    monkeypatch.setattr(stored, "load_rules", unexpected)


def stored_file(cache: Path) -> Path:
    (file,) = cache.glob("rules-*.pickle")
    return file


def test_a_stored_rulebook_equals_a_fresh_load(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = pact.load_rules(NATO)
    assert stored_rules(NATO) == fresh  # read from the files, and stored
    only_from_the_cache(monkeypatch)
    kept = stored_rules(NATO)
    assert kept == fresh
    assert kept.replaced == fresh.replaced and kept.replaced  # the notes of what a layer replaced, too
    assert kept.origins == fresh.origins


def test_a_changed_rule_file_is_read_again(cache: Path, tmp_path: Path) -> None:
    """Even an edit that keeps the file's size and comes within the same second."""
    layer = shutil.copytree(NATO, tmp_path / "layer")
    first = stored_rules(layer, bundled=True)
    file = layer / "nato.yaml"
    text = file.read_text(encoding="utf-8")
    assert "amended North Atlantic" in text
    file.write_text(text.replace("amended North Atlantic", "amended North Atlantix", 1), encoding="utf-8")
    second = stored_rules(layer)
    assert second == pact.load_rules(layer) != first
    assert second.treaty("nato").title != first.treaty("nato").title


def test_a_file_changed_while_the_rules_are_read_is_not_stored(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rulebook would hold the new text under the old text's key: back to the old text, it would be wrong."""
    layer = shutil.copytree(NATO, tmp_path / "layer")
    file = layer / "nato.yaml"
    old = file.read_text(encoding="utf-8")
    read = stored.load_rules

    def edited_meanwhile(*layers: Path | str | None, bundled: bool = True) -> pact.Rulebook:
        file.write_text(old.replace("amended North Atlantic", "amended North Atlantix", 1), encoding="utf-8")
        return read(*layers, bundled=bundled)

    monkeypatch.setattr(stored, "load_rules", edited_meanwhile)
    stored_rules(layer)
    assert not list(cache.glob("rules-*.pickle"))
    monkeypatch.setattr(stored, "load_rules", read)
    file.write_text(old, encoding="utf-8")
    assert stored_rules(layer) == pact.load_rules(layer)


def test_each_stack_of_layers_has_its_own_rulebook(cache: Path) -> None:
    assert stored_rules() == pact.load_rules()
    assert stored_rules(NATO) == pact.load_rules(NATO)
    assert stored_rules() == pact.load_rules()
    assert len(list(cache.glob("rules-*.pickle"))) == 2


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"not a pickle at all", id="garbage"),
        pytest.param(lambda data: data[: -len(data) // 3] + b"\x00" * (len(data) // 3), id="zeroed tail"),
        pytest.param(lambda data: data[:48] + pickle.dumps({"rules": "no"}), id="foreign object"),
        pytest.param(lambda data: stored.FORMAT + b"\x00" * 32 + data[48:], id="another key"),
    ],
)
def test_a_damaged_or_foreign_file_is_ignored_and_written_anew(cache: Path, damage) -> None:  # type: ignore[no-untyped-def]
    fresh = stored_rules(NATO)
    file = stored_file(cache)
    good = file.read_bytes()
    assert good.startswith(stored.FORMAT) and len(stored.FORMAT) + 32 == 48
    file.write_bytes(damage(good))
    assert stored_rules(NATO) == fresh
    assert file.read_bytes() == good


def test_a_cache_that_cannot_be_written_is_passed_over_in_silence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.delenv("PACT_NO_CACHE", raising=False)
    assert stored_rules(NATO) == pact.load_rules(NATO)
    assert main(["run", "-f", "json", "--backend", "reference", str(SCENARIOS / "aes-niger-attacked.yaml")]) == 0
    out, err = capfd.readouterr()
    assert out.startswith("{") and err == ""


def test_a_file_in_a_directory_others_may_write_is_not_used(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stored_rules(NATO)
    cache.chmod(0o777)
    only_from_the_cache(monkeypatch)
    with pytest.raises(AssertionError, match="read again"):
        stored_rules(NATO)


def test_no_cache_reads_the_files_and_stores_nothing(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert stored_rules(NATO, keep=False) == pact.load_rules(NATO)
    monkeypatch.setenv("PACT_NO_CACHE", "1")
    assert stored_rules(NATO) == pact.load_rules(NATO)
    assert main(["run", "--backend", "reference", str(SCENARIOS / "aes-niger-attacked.yaml")]) == 0
    monkeypatch.delenv("PACT_NO_CACHE")
    assert main(["--no-cache", "run", "--backend", "reference", str(SCENARIOS / "aes-niger-attacked.yaml")]) == 0
    assert not cache.exists()


def test_rules_with_errors_are_never_stored(cache: Path, tmp_path: Path) -> None:
    broken = shutil.copytree(NATO, tmp_path / "broken")
    (broken / "nato.yaml").write_text("treaty: nato\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(pact.RuleError):
            stored_rules(broken)
    assert not list(cache.glob("rules-*.pickle"))


def test_the_command_says_the_same_from_the_cache(
    cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``pact run`` over a layer: the same output and the same notes on stderr, read or stored."""
    scenarios = [str(SCENARIOS / name) for name in ("nato-sweden-before-accession.yaml", "aes-niger-attacked.yaml")]
    argv = ["run", "-f", "json", "--backend", "reference", "--rules", str(NATO), *scenarios]
    assert main(argv) == 0
    fresh = capsys.readouterr()
    only_from_the_cache(monkeypatch)
    assert main(argv) == 0
    assert capsys.readouterr() == fresh
    assert fresh.err.startswith("pact: note: treaty 'nato'")
