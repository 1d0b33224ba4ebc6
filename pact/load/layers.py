"""Rules in layers: the bundled library at the bottom, each directory laid over the ones before it.

A treaty is replaced whole by a later layer's treaty of the same id (that is how a user amends a
bundled treaty); geography is layered item by item — regions and areas by id, territories and
aliases by code — so that a layer can redefine one region without copying its file. Within one
layer, two definitions of one id remain an error (PACT111). A replacement whose content is
identical (a layer holding a copy of the library) changes nothing and is not recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pact.core.source import Path_, SourceMap, remapped
from pact.model import Geography, Replacement
from pact.model.rulebook import LoadedGeography, LoadedTreaty, Variant


def bundled_rules_dir() -> Path:
    """The treaty rules shipped with pact (inside the installed package, or the source tree)."""
    packaged = Path(str(resources.files("pact"))) / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def shown_path(file: Path) -> str:
    """A rule file as a reader should see it cited: ``rules/NAME.yaml`` when bundled, else as named."""
    bundled = bundled_rules_dir().resolve()
    return f"rules/{file.name}" if file.resolve().parent == bundled else str(file)


def rule_folders(layers: Iterable[Path | str | None], bundled: bool) -> list[Path]:
    """The directories to read, bottom first: the bundled library (unless ``bundled`` is false), then each layer."""
    return [*([bundled_rules_dir()] if bundled else []), *(Path(layer) for layer in layers if layer is not None)]


@dataclass(frozen=True)
class Layer:
    """The rule files of one directory, loaded."""

    folder: Path
    treaties: tuple[LoadedTreaty, ...]
    geographies: tuple[LoadedGeography, ...]
    variants: tuple[Variant, ...] = ()  # its treaties as each combination of their readings has them


@dataclass(frozen=True)
class Stack:
    """Layers merged: what the static checks and the rulebook are built from."""

    treaties: list[LoadedTreaty]
    geographies: list[LoadedGeography]
    replaced: tuple[Replacement, ...]


def stack(layers: Sequence[Layer]) -> Stack:
    """Lay each layer over the ones before it; later definitions replace earlier ones of the same id.

    Only earlier layers' definitions are replaced: two of one id within a layer both stay, for the
    static checks to report (PACT111).
    """
    treaties: list[LoadedTreaty] = []
    geographies: list[LoadedGeography] = []
    replaced: list[Replacement] = []
    for layer in layers:
        incoming = {t.treaty: (t, source) for t, source in layer.treaties}
        for treaty, source in treaties:
            if treaty.treaty in incoming and incoming[treaty.treaty][0] != treaty:
                later = incoming[treaty.treaty][1]
                replaced.append(_replacement("treaty", treaty.treaty, source, ("treaty",), later, ("treaty",)))
        treaties = [*(pair for pair in treaties if pair[0].treaty not in incoming), *layer.treaties]
        redefined = {
            (key, name): (value, source, path)
            for g, source in layer.geographies
            for key, name, value, path in _items(g)
        }
        for geography, source in geographies:
            for key, name, value, path in _items(geography):
                if (key, name) in redefined and redefined[key, name][0] != value:
                    _, later, at = redefined[key, name]
                    replaced.append(_replacement(_KINDS[key], name, source, path, later, at))
        kept = (_without(g, s, set(redefined)) for g, s in geographies)
        geographies = [*(pair for pair in kept if pair is not None), *layer.geographies]
    return Stack(treaties, geographies, tuple(replaced))


_KINDS = {"territories": "territory", "areas": "area", "regions": "region", "aliases": "alias"}
_ID = {"territories": "code", "areas": "id", "regions": "id"}


def _items(geography: Geography) -> Iterator[tuple[str, str, Any, Path_]]:
    """Each definition of a geography file: (list key, id, value, path into the file)."""
    for key, id_field in _ID.items():
        for i, item in enumerate(getattr(geography, key)):
            yield key, getattr(item, id_field), item, (key, i)
    for code, alpha3 in geography.aliases.items():
        yield "aliases", code, alpha3, ("aliases", code)


def _without(geography: Geography, source: SourceMap, drop: set[tuple[str, str]]) -> LoadedGeography | None:
    """The geography file less the definitions a later layer redefines; None when nothing is left of it."""
    if not any((key, name) in drop for key, name, _, _ in _items(geography)):
        return geography, source
    update: dict[str, Any] = {}
    lines = source.lines
    for key, id_field in _ID.items():
        items = getattr(geography, key)
        kept = [i for i, item in enumerate(items) if (key, getattr(item, id_field)) not in drop]
        update[key] = tuple(items[i] for i in kept)
        lines = remapped(lines, key, {old: new for new, old in enumerate(kept)})
    aliases = {code: a for code, a in geography.aliases.items() if ("aliases", code) not in drop}
    update["aliases"] = aliases
    lines = remapped(lines, "aliases", {code: code for code in aliases})
    if not any(update.values()):
        return None
    kept_ids = {item.id for item in (*update["areas"], *update["regions"])}
    update["words"] = {id: said for id, said in geography.words.items() if id in kept_ids}  # a place's words go with it
    lines = remapped(lines, "words", {id: id for id in update["words"]})
    return geography.model_copy(update=update), SourceMap(source.file, lines)


def _replacement(kind: str, name: str, was: SourceMap, was_at: Path_, by: SourceMap, by_at: Path_) -> Replacement:
    return Replacement(
        kind=kind,
        id=name,
        was=f"{shown_path(was.file)}:{was.line(was_at)}",
        by=f"{shown_path(by.file)}:{by.line(by_at)}",
    )


def rules_options(layers: Sequence[Path], bundled: bool) -> str:
    """The command-line options that name these layers (`` --rules A --rules B``, `` --no-bundled``)."""
    return "".join(f" --rules {layer}" for layer in layers) + ("" if bundled else " --no-bundled")
