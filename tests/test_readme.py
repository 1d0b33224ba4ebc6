"""The README's examples are real: each shell example that fixes the width (``$ COLUMNS=N …pact``)
prints what the README shows (all of it, or the lines before a closing ``...``), and the Python
API example runs."""

from __future__ import annotations

import re
import shlex

import pytest

from pact.cli import main

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w*)\n(.*?)^```$", README, flags=re.MULTILINE | re.DOTALL)
SHELL = [body for lang, body in BLOCKS if lang == "" and body.startswith("$ COLUMNS=")]


def test_the_readme_has_width_fixed_examples() -> None:
    assert len(SHELL) >= 2 and any("pact explain" in body for body in SHELL)


@pytest.mark.parametrize("block", SHELL, ids=[b.splitlines()[0][2:60] for b in SHELL])
def test_a_shell_example_prints_what_the_readme_shows(
    block: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    command, *shown = block.rstrip("\n").splitlines()
    words = shlex.split(command[2:])
    width = words.pop(0).removeprefix("COLUMNS=")
    words = words[3:] if words[:3] == ["python3", "-m", "pact"] else words[1:]
    monkeypatch.setenv("COLUMNS", width)
    monkeypatch.chdir(ROOT)
    assert main(words) == 0
    printed = capsys.readouterr().out.rstrip("\n").splitlines()
    if shown[-1] == "...":
        assert printed[: len(shown) - 1] == shown[:-1]
    else:
        assert printed == shown


def test_the_python_api_example_runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    [example] = [body for lang, body in BLOCKS if lang == "python" and "pact.explain(engine" in body]
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(compile(example, "README.md", "exec"), namespace)
    assert str(namespace["report"]).startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert "aes True [(" in capsys.readouterr().out
