"""Rule models to rule files: one YAML file per treaty and per geography, read back by ``pact.load.loader``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pact.core.output import write_files
from pact.load.loader import dump_yaml
from pact.model import Geography, Treaty


def as_data(model: Treaty | Geography) -> dict:
    """The model as a rule file holds it: aliases as keys (``from``), dates as text, defaults left out."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)


def file_name(model: Treaty | Geography) -> str:
    return f"{model.treaty if isinstance(model, Treaty) else model.geography}.yaml"


def write_rules(models: Iterable[Treaty | Geography], folder: Path) -> list[Path]:
    """Write each model to ``folder/ID.yaml`` (the folder is created); the paths written, in order.

    Each file is written whole or not at all, and a link, directory or pipe standing where a file
    goes stops the import before anything is written (``pact.core.output.write_files``)."""
    return write_files(folder, [(file_name(model), dump_yaml(as_data(model))) for model in models])
