"""Build the world map's shapes (src/ottawa_cli/data/world/countries.json) from world-atlas.

Run by hand when the shapes should change, never at install:

    cd /tmp && npm pack world-atlas && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world.py /tmp/package/countries-50m.json

world-atlas (ISC, Mike Bostock) is Natural Earth's Admin 0 countries (public domain) as TopoJSON,
keyed by ISO 3166-1 numeric code. This script projects it (Equal Earth, which keeps areas true, so
no State looks larger than it is), simplifies each shared border once (so neighbours still meet),
rounds to whole units of the map, and keys each shape by the alpha-3 code the State registry uses
(pycountry maps numeric to alpha-3). A State too small to see, and one the atlas has no shape for,
is kept as a dot, so that `ottawa map` can show every State. Standard library and pycountry only.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pycountry

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "ottawa_cli" / "data" / "world" / "countries.json"

# The map's units: x from 0 to WIDTH; a unit is a third of a pixel at the usual 1000-pixel width.
WIDTH = 3000
# The southernmost land of any State is Tierra del Fuego (about 56°S): Antarctica is left out.
SOUTH, NORTH = -58.0, 84.0
# Douglas-Peucker tolerance, in map units: a quarter of a pixel at the usual size.
TOLERANCE = 0.75
# A ring smaller than this (square units) is dropped unless it is its State's largest.
MIN_RING = 3.0
# A State whose whole shape covers less than this (square units: 3 by 3 pixels, some 12,000 km²)
# is a dot.
MIN_STATE = 80.0
# Points for States the atlas has no shape for (lon, lat): Tuvalu, at Funafuti.
NO_SHAPE = {"TUV": (179.19, -8.52)}
# Natural Earth areas with no ISO 3166 numeric code (Kosovo, Somaliland, Northern Cyprus, the
# Siachen Glacier, ...) have no State's colour: they are drawn as other land.

Point = tuple[float, float]

# Equal Earth (Šavrič, Patterson and Jenny, 2018).
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> Point:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta)
    x /= 3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1)
    y = theta * (_A4 * t6 * t2 + _A3 * t6 + _A2 * t2 + _A1)
    return x, y


_X_MAX = equal_earth(180.0, 0.0)[0]
_SCALE = WIDTH / (2 * _X_MAX)
_TOP = equal_earth(0.0, NORTH)[1]
HEIGHT = round((_TOP - equal_earth(0.0, SOUTH)[1]) * _SCALE)


def to_map(lon: float, lat: float) -> Point:
    x, y = equal_earth(lon, max(SOUTH, min(NORTH, lat)))
    return (x + _X_MAX) * _SCALE, (_TOP - y) * _SCALE


def decode_arcs(topology: dict[str, object]) -> list[list[Point]]:
    """Each arc in degrees (longitude, latitude), from TopoJSON's quantized deltas."""
    transform = topology["transform"]
    assert isinstance(transform, dict)
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = topology["arcs"]
    assert isinstance(arcs, list)
    out = []
    for arc in arcs:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iteratively: the arc's ends always stay (neighbours share them). A closed
    arc (an island's whole coast) is cut at its point farthest from its start first, or it would
    shrink to that one point."""
    if len(points) < 3:
        return list(points)
    if points[0] == points[-1]:
        x0, y0 = points[0]
        far = max(
            range(len(points)), key=lambda i: math.hypot(points[i][0] - x0, points[i][1] - y0)
        )
        if 0 < far < len(points) - 1:
            head = simplify(points[: far + 1], tolerance)
            return head + simplify(points[far:], tolerance)[1:]
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - x1, py - y1)
            else:
                distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def edges(ring: Sequence[Point]) -> Iterator[tuple[Point, Point]]:
    """Each side of a ring, the last one closing it."""
    return zip(ring, [*ring[1:], *ring[:1]], strict=True)


def crosses_antimeridian(ring: Sequence[Point]) -> bool:
    return any(abs(b[0] - a[0]) > 180 for a, b in edges(ring))


def clip(ring: Sequence[Point], keep: Callable[[float], bool], edge: float) -> list[Point]:
    """Sutherland-Hodgman against one meridian: the part of the ring whose longitudes `keep`."""
    out: list[Point] = []
    for a, b in edges(ring):
        if keep(a[0]):
            out.append(a)
        if keep(a[0]) != keep(b[0]):
            t = (edge - a[0]) / (b[0] - a[0])
            out.append((edge, a[1] + t * (b[1] - a[1])))
    return out


def split_at_antimeridian(ring: Sequence[Point]) -> list[list[Point]]:
    """A ring that crosses 180° (Chukotka, Fiji) as its two halves, one at each edge of the map:
    unwrapped so that its longitudes run on past 180°, then cut there."""
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        previous = unwrapped[-1][0]
        lon += 360 * round((previous - lon) / 360)
        unwrapped.append((lon, lat))
    pieces = []
    for shift in (-360.0, 0.0, 360.0):
        moved = [(lon + shift, lat) for lon, lat in unwrapped]
        piece = clip(clip(moved, lambda x: x <= 180, 180.0), lambda x: x >= -180, -180.0)
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def ring_points(indices: Iterable[int], arcs: list[list[Point]]) -> list[Point]:
    """A ring from its arcs (a negative index is the arc reversed)."""
    points: list[Point] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points[:-1] if len(points) > 1 and points[0] == points[-1] else points


def rounded(ring: Sequence[Point]) -> list[tuple[int, int]]:
    """A ring in whole map units, without the repeated points rounding makes."""
    out: list[tuple[int, int]] = []
    for x, y in ring:
        p = (round(x), round(y))
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def area(ring: Sequence[Point]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in edges(ring))) / 2


def centroid(ring: Sequence[Point]) -> list[int]:
    """The centre of a ring's area (its mean point if it has none), in whole map units."""
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in edges(ring):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if a == 0:
        return [
            round(sum(x for x, _ in ring) / len(ring)),
            round(sum(y for _, y in ring) / len(ring)),
        ]
    return [round(cx / (3 * a)), round(cy / (3 * a))]


def path(rings: Sequence[Sequence[tuple[int, int]]]) -> str:
    """SVG path data with relative moves: the shortest text for whole-unit coordinates."""
    parts: list[str] = []
    x0 = y0 = 0
    for ring in rings:
        (x, y), rest = ring[0], ring[1:]
        parts.append(f"m{x - x0} {y - y0}" if parts else f"M{x} {y}")
        steps = []
        px, py = x, y
        for qx, qy in rest:
            steps.append(f"{qx - px} {qy - py}")
            px, py = qx, qy
        parts.append("l" + " ".join(steps) + "z")
        x0, y0 = x, y  # after z, the current point is the ring's first
    return "".join(parts).replace(" -", "-")


def polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    """A geometry's polygons, each a list of rings of arc indices (none for a null geometry)."""
    arcs: list[Any] = geometry.get("arcs") or []
    return {"Polygon": [arcs], "MultiPolygon": arcs}.get(geometry.get("type", ""), [])


def build(atlas: Path) -> dict[str, object]:
    topology = json.loads(atlas.read_text(encoding="utf-8"))
    degrees = decode_arcs(topology)
    exact = [[to_map(*p) for p in arc] for arc in degrees]
    arcs = [simplify(a, TOLERANCE) for a in exact]

    def projected(ring: list[int]) -> list[tuple[list[Point], list[Point]]]:
        """A ring as (exact, simplified) map rings: one, or a piece at each edge of the map."""
        around = ring_points(ring, degrees)
        if not crosses_antimeridian(around):
            return [(ring_points(ring, exact), ring_points(ring, arcs))]
        pieces = [[to_map(*p) for p in piece] for piece in split_at_antimeridian(around)]
        return [(e, simplify([*e, e[0]], TOLERANCE)[:-1]) for e in pieces]

    # Each State's rings, exact (for its size and dot) and simplified (to draw); Australia
    # comes in two pieces (the Ashmore and Cartier Islands share its code).
    by_code: dict[str, list[tuple[list[Point], list[Point]]]] = {}
    other: list[list[tuple[int, int]]] = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        if numeric == "010":  # Antarctica, below the map
            continue
        country = pycountry.countries.get(numeric=numeric) if numeric else None
        pairs = [pair for polygon in polygons(geometry) for r in polygon for pair in projected(r)]
        if country is None:
            other.extend(
                r for r in (rounded(s) for e, s in pairs if area(e) >= MIN_RING) if len(r) >= 3
            )
        else:
            by_code.setdefault(country.alpha_3, []).extend(pairs)
    shapes: dict[str, dict[str, object]] = {}
    for code, pairs in by_code.items():
        largest = max((e for e, _ in pairs), key=area)
        # Rings too small to draw are dropped; a State too small to see is its dot alone.
        kept = [rounded(s) for e, s in pairs if e is largest or area(e) >= MIN_RING]
        kept = [r for r in kept if len(r) >= 3]
        if sum(area(e) for e, _ in pairs) >= MIN_STATE and kept:
            shapes[code] = {"d": path(kept)}
        else:
            shapes[code] = {"dot": centroid(largest)}
    for code, (lon, lat) in NO_SHAPE.items():
        shapes.setdefault(code, {"dot": [round(v) for v in to_map(lon, lat)]})
    return {
        "source": "Natural Earth Admin 0 countries 1:50m, via world-atlas 2.0.2 (ISC licence); "
        "Equal Earth projection; built by scripts/build_world.py",
        "width": WIDTH,
        "height": HEIGHT,
        "shapes": dict(sorted(shapes.items())),
        "other_land": path(other),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("atlas", type=Path, help="world-atlas's countries-50m.json")
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    world = build(args.atlas)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    # One shape a line: a rebuild's diff shows which States changed.
    shapes = world.pop("shapes")
    assert isinstance(shapes, dict)
    lines = [
        f"  {json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}" for k, v in shapes.items()
    ]
    head = json.dumps(world, indent=1, ensure_ascii=False)[:-2]
    text = head + ',\n "shapes": {\n' + ",\n".join(lines) + "\n }\n}\n"
    args.output.write_text(text, encoding="utf-8")
    dots = sorted(k for k, v in shapes.items() if "d" not in v)
    print(f"{args.output}: {len(shapes)} shapes, {len(text.encode())} bytes", file=sys.stderr)
    print(f"dots: {' '.join(dots)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
