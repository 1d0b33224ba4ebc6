"""The README's Dask example runs on a LocalCluster and gives the rows of a single-process sweep."""

from __future__ import annotations

import re

import pytest

import pact
from pact.analysis.sweep import sweep

from .conftest import ROOT

pytest.importorskip("distributed", reason="needs pact-treaties[dask]")


def test_the_readme_dask_example_gives_the_single_process_rows(
    rules: pact.Rulebook, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```$", readme, flags=re.MULTILINE | re.DOTALL)
    [example] = [b for b in blocks if "LocalCluster" in b]
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": "readme_example"}
    exec(compile(example, "README.md", "exec"), namespace)
    on_cluster = namespace["csto_sweep"]()  # type: ignore[operator]
    engine = pact.Engine(rules)  # the example's backend: auto
    alone = [row for done in sweep(engine, namespace["GRID"]) for row in done.rows]  # type: ignore[arg-type]
    assert on_cluster == alone and len(alone) > 100
