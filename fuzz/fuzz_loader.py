"""Coverage-guided fuzzing of pact's loaders with atheris. Run by hand, never in CI.

    python -m pip install atheris
    python fuzz/fuzz_loader.py -max_total_time=300 -dict=fuzz/yaml.dict

Each input is written to a file and read three ways: as a scenario (checked against a small rules
directory, then evaluated), as a rule file, and as the treaty of a rules directory beside a
geography file (cross-checked, compiled, then a scenario run on it). Bad input must end in
``pact.InputError``; any other exception is a failure, and libFuzzer stops and saves the input as
``crash-*``. Replay one with ``python fuzz/fuzz_loader.py crash-…``.

Its files live in ``$TMPDIR/pact-fuzz``, emptied at each start (so run one process at a time).
With no corpus directory on the command line, a corpus is made there from the bundled scenarios,
the test fixtures and the small rule files; name an existing directory (seed it with the same
files) to keep the corpus between runs. Figures of a run: docs/limits.md.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["pact", "yaml"]):
    import pact
    import pact.evaluation.engine  # pact's names load on first use: import them here, where atheris instruments
    from pact.load.loader import load_rule_file, load_rules, load_scenario

ROOT = Path(__file__).resolve().parent.parent
TINY_RULES = ROOT / "tests" / "fixtures" / "valid" / "rules"
WORK = Path(tempfile.gettempdir()) / "pact-fuzz"  # libFuzzer exits without Python's clean-up: reuse one
shutil.rmtree(WORK, ignore_errors=True)
WORK.mkdir()
SCENARIO_FILE = WORK / "input.yaml"
RULES_DIR = WORK / "rules"
RULES_DIR.mkdir()
shutil.copy(TINY_RULES / "geography.yaml", RULES_DIR / "geography.yaml")
TREATY_FILE = RULES_DIR / "treaty.yaml"

TINY = load_rules(TINY_RULES, bundled=False)
ENGINE = pact.Engine(TINY, backend="reference")
SCENARIO = pact.Scenario.model_validate(
    {"scenario": "fuzz", "date": "2001-01-01", "events": [{"type": "armed_attack", "target": "NER", "by": ["NGA"]}]}
)


def test_one_input(data: bytes) -> None:
    SCENARIO_FILE.write_bytes(data)
    with contextlib.suppress(pact.InputError):
        ENGINE.evaluate(load_scenario(SCENARIO_FILE, TINY))
    with contextlib.suppress(pact.InputError):
        load_rule_file(SCENARIO_FILE)
    TREATY_FILE.write_bytes(data)
    try:
        rulebook = load_rules(RULES_DIR, bundled=False)
    except pact.InputError:
        return
    pact.Engine(rulebook, backend="reference").evaluate(SCENARIO)


def seed_corpus() -> Path:
    corpus = WORK / "corpus"
    corpus.mkdir()
    sources = [*(ROOT / "scenarios").glob("*.yaml"), *(ROOT / "tests" / "fixtures").rglob("*.yaml")]
    sources += [f for f in (ROOT / "rules").glob("*.yaml") if f.stat().st_size <= 8192]
    for i, file in enumerate(sorted(sources)):
        shutil.copy(file, corpus / f"{i:04d}-{file.name}")
    return corpus


def main() -> None:
    argv = list(sys.argv)
    if not any(Path(arg).exists() for arg in argv[1:] if not arg.startswith("-")):
        argv.append(str(seed_corpus()))
    if not any(arg.startswith("-max_len=") for arg in argv):
        argv.append("-max_len=16384")
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
