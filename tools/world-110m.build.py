"""Build pact/data/world-110m.json from Natural Earth (see world-110m.PROVENANCE.md).

Not imported by pact: a record of how the shipped file was made, run by hand with the inputs
unpacked from the registries (build-time only: shapely and pyshp; pact renders with the standard
library):

    pip download "geopandas==0.14.4" --no-deps      # unzip it: naturalearth_lowres, NE 1:110m v5.1.1
    npm pack world-atlas@2.0.2                      # untar it: countries-50m.json, countries-10m.json: NE v4.1.0
    python world-110m.build.py GEOPANDAS_DIR WORLD_ATLAS_DIR pact/data

Debian's iso-codes (/usr/share/iso-codes/json/iso_3166-1.json) maps world-atlas's ISO 3166-1
numeric ids to alpha-3.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from itertools import pairwise
from pathlib import Path

import shapefile  # pyshp
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.ops import polylabel, unary_union

# Equal Earth (Šavrič, Patterson & Jenny 2018), sphere of radius SCALE, y pointing down (SVG).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
SCALE = 1800.0  # the world is 9743 units wide: one unit is 0.037 degrees of longitude at the equator
SUPPLEMENT_TOLERANCE = 1.5  # units; Douglas-Peucker on the projected 1:50m/1:10m shapes

# Natural Earth shapes that are not a pact state: drawn as part of the state that pact counts as
# sovereign there (the de jure view: Somaliland is part of Somalia, northern Cyprus of Cyprus), or
# kept apart as territories (dependencies and Western Sahara), with their administering state.
MERGE_INTO = {"SOL": "SOM", "CYN": "CYP"}
TERRITORIES = {
    "ATA": ("Antarctica", ""),
    "ATF": ("French Southern and Antarctic Lands", "FRA"),
    "ESH": ("Western Sahara", ""),  # a non-self-governing territory (UN); administering power disputed
    "FLK": ("Falkland Islands (Malvinas)", "GBR"),
    "GRL": ("Greenland", "DNK"),
    "NCL": ("New Caledonia", "FRA"),
    "PRI": ("Puerto Rico", "USA"),
}


def project(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1))
    y = theta * (A4 * t6 * t2 + A3 * t6 + A2 * t2 + A1)
    return x * SCALE, -y * SCALE


def projected(geom):
    """The shapely geometry in projected units (not rounded)."""

    def ring(coords):
        return [project(lon, lat) for lon, lat in coords]

    polys = [geom] if isinstance(geom, Polygon) else list(geom.geoms)
    return MultiPolygon([Polygon(ring(p.exterior.coords), [ring(i.coords) for i in p.interiors]) for p in polys])


def path(geom) -> str:
    """SVG path data: one subpath per ring, absolute start, integer relative moves."""
    out = []
    polys = [geom] if isinstance(geom, Polygon) else list(geom.geoms)
    for poly in polys:
        for ring in [poly.exterior, *poly.interiors]:
            pts = []
            for x, y in ring.coords[:-1]:
                p = (round(x), round(y))
                if not pts or p != pts[-1]:
                    pts.append(p)
            while len(pts) > 1 and pts[0] == pts[-1]:
                pts.pop()
            if len(set(pts)) < 3:
                continue
            parts = [f"M{pts[0][0]} {pts[0][1]}l"]
            nums = []
            for (x0, y0), (x1, y1) in pairwise(pts):
                nums.append(f"{x1 - x0}")
                nums.append(f"{y1 - y0}")
            # a minus sign separates numbers by itself
            text = ""
            for n in nums:
                text += n if (n.startswith("-") or not text) else " " + n
            parts.append(text)
            parts.append("z")
            out.append("".join(parts))
    return "".join(out)


def topo_features(path_: Path):
    """Decode a quantized TopoJSON file's countries into (id, name, GeoJSON-like geometry)."""
    topo = json.loads(path_.read_text())
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indexes):
        pts = []
        for i in indexes:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(a if not pts else a[1:])
        return pts

    for g in topo["objects"]["countries"]["geometries"]:
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        rings = [[ring(r) for r in p] for p in polys]
        # quantization leaves some islets of the larger scales with fewer than four points
        geom = MultiPolygon([Polygon(p[0], [h for h in p[1:] if len(h) > 3]) for p in rings if len(p[0]) > 3])
        yield g.get("id"), g["properties"]["name"], geom


def box(bounds) -> list[int]:
    minx, miny, maxx, maxy = bounds
    return [math.floor(minx), math.floor(miny), math.ceil(maxx), math.ceil(maxy)]


def entry(geom_ll, source: str, simplify: float = 0.0) -> dict:
    proj = projected(geom_ll)
    if simplify:
        proj = proj.simplify(simplify, preserve_topology=True)
    polys = [proj] if isinstance(proj, Polygon) else list(proj.geoms)
    biggest = max(polys, key=lambda p: p.area)
    label = polylabel(biggest, tolerance=1.0) if biggest.area > 4 else biggest.centroid
    return {
        "d": path(proj),
        "bbox": box(proj.bounds),
        "main": box(biggest.bounds),  # the largest polygon's: the mainland, for framing a map
        "label": [round(label.x), round(label.y)],
        "area": round(proj.area),
        "scale": source,
    }


def main(geopandas_dir: Path, atlas_dir: Path, out_dir: Path) -> None:
    registry = list(csv.DictReader((out_dir / "states.csv").open(encoding="utf-8")))
    current = {r["code"] for r in registry if not r["to"]}
    numeric = {
        x["numeric"]: x["alpha_3"]
        for x in json.loads(Path("/usr/share/iso-codes/json/iso_3166-1.json").read_text())["3166-1"]
    }

    shp = geopandas_dir / "geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp"
    reader = shapefile.Reader(str(shp))
    shapes110: dict[str, list] = {}
    for rec, shp_ in zip(reader.records(), reader.shapes(), strict=True):
        code = "XKX" if rec["name"] == "Kosovo" else rec["iso_a3"]
        code = MERGE_INTO.get(code, code)
        shapes110.setdefault(code, []).append(shape(shp_.__geo_interface__))

    states, territories = {}, {}
    for code, geoms in sorted(shapes110.items()):
        geom = unary_union(geoms) if len(geoms) > 1 else geoms[0]
        if code in TERRITORIES:
            name, sovereign = TERRITORIES[code]
            territories[code] = {"name": name, "sovereign": sovereign, **entry(geom, "110m")}
        elif code in current:
            states[code] = entry(geom, "110m")
        else:
            raise SystemExit(f"unexpected 1:110m shape {code}")

    supplements = {}
    for scale in ("50m", "10m"):
        for id_, _name, geom in topo_features(atlas_dir / f"countries-{scale}.json"):
            code = numeric.get(id_ or "")
            if code in current and code not in states and code not in supplements:
                supplements[code] = (scale, geom)
    for code, (scale, geom) in sorted(supplements.items()):
        states[code] = entry(geom, scale, SUPPLEMENT_TOLERANCE)

    x_edge, _ = project(180, 0)
    _, y_top = project(0, 90)
    meta = {
        "source": "Natural Earth Admin 0 Countries 1:110m (v5.1.1 via geopandas 0.14.4 naturalearth_lowres, "
        "Crimea with Ukraine); states absent at 1:110m from 1:50m or 1:10m (v4.1.0 via world-atlas 2.0.2)",
        "licence": "public domain (Natural Earth)",
        "projection": "Equal Earth",
        "formula": "theta=asin(sqrt(3)/2*sin(lat)); x=scale*2*sqrt(3)*lon*cos(theta)/(3*(9*A4*theta^8+7*A3*theta^6"
        "+3*A2*theta^2+A1)); y=-scale*theta*(A4*theta^8+A3*theta^6+A2*theta^2+A1); lon, lat in radians",
        "constants": {"A1": A1, "A2": A2, "A3": A3, "A4": A4, "scale": SCALE},
        "extent": [-math.ceil(x_edge), math.floor(y_top), math.ceil(x_edge), -math.floor(y_top)],
        "units": "projected units, y down, rounded to integers; path data as absolute M then relative l",
        "fill_rule": "evenodd",
    }
    data = {"meta": meta, "states": states, "territories": territories}
    (out_dir / "world-110m.json").write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
