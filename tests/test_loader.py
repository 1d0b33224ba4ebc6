"""The two YAML parsers of pact.load.loader read every bundled file alike, and the fast one reads them all."""

from __future__ import annotations

from pathlib import Path

import pytest

from pact.core.errors import RuleError
from pact.load.loader import _FastLoader, _parse, _StrictLoader

from .conftest import ROOT

BUNDLED = sorted((ROOT / "rules").rglob("*.yaml")) + sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.skipif(_FastLoader is None, reason="PyYAML was built without libyaml: there is one parser")
@pytest.mark.parametrize("file", BUNDLED, ids=lambda file: str(file.relative_to(ROOT)))
def test_libyaml_reads_each_bundled_file_as_the_python_parser_does(file: Path) -> None:
    """GIVEN a bundled file THEN libyaml's parser reads it without falling back, to the same data and lines.

    A fallback is silent by design (the slow parser words the mistakes), so only this test sees one:
    libyaml marks a plain scalar's style "" where PyYAML marks None, and numbers once fell back."""
    text = file.read_text(encoding="utf-8")
    fast, fast_lines = _parse(_FastLoader, text, file, RuleError)
    strict, strict_lines = _parse(_StrictLoader, text, file, RuleError)
    assert fast == strict
    assert fast_lines.lines == strict_lines.lines
