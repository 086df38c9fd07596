#!/usr/bin/env python3
"""Lists import loops between the modules of every workspace crate (issue 11: "no import loops").

A module is a source file (`src/a/b.rs` and `src/a/b/mod.rs` are `a::b`). Module `m` imports
module `n` when `m` names a path `crate::n::…` or `super::…` that resolves to `n` (in a `use` or
inline). A module and its ancestors are not compared (a child reads its parent's items by
design). Prints each loop, between top-level modules of a crate (`analysis`, `entities`…) and
between files, and exits 1 when there is one.

Usage (from the repository root): python3 crates/bench/scripts/import-cycles.py
"""

import pathlib
import re
import sys

PATH = re.compile(r"\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)+|::\{)")


def modules(src):
    """Module path (tuple) -> file, for one crate's `src`."""
    out = {}
    for f in src.rglob("*.rs"):
        parts = list(f.relative_to(src).with_suffix("").parts)
        if parts[-1] in ("mod", "lib", "main"):
            parts = parts[:-1]
        if "bin" in parts[:1]:
            continue
        out[tuple(parts)] = f
    return out


def strip(text):
    """The code without comments and string contents."""
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)


def edges(mods):
    out = {m: set() for m in mods}
    for m, f in mods.items():
        text = strip(f.read_text(encoding="utf-8"))
        for kind, rest in PATH.findall(text):
            if rest == "::{":
                continue  # `use crate::{…}` groups are read below.
            segs = [s for s in rest.split("::") if s]
            base = ()
            if kind == "super":
                up = 1
                while segs and segs[0] == "super":
                    up += 1
                    segs = segs[1:]
                base = m[: max(len(m) - up, 0)]
            target = base
            for s in segs:
                if target + (s,) in mods:
                    target = target + (s,)
                else:
                    break
            if target and target in mods and target != m:
                out[m].add(target)
        # `use crate::{a::…, b}` groups.
        for group in re.findall(r"\bcrate::\{([^}]*)\}", text):
            for item in group.split(","):
                segs = [s.strip() for s in item.split("::") if s.strip()]
                target = ()
                for s in segs:
                    if target + (s,) in mods:
                        target = target + (s,)
                    else:
                        break
                if target and target != m:
                    out[m].add(target)
    # A module and its ancestors are not compared.
    for m in out:
        out[m] = {n for n in out[m] if n[: len(m)] != m and m[: len(n)] != n}
    return out


def sccs(graph):
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def main():
    root = pathlib.Path(__file__).resolve().parents[3]
    loops = 0
    crates = sorted(p.parent for p in root.glob("crates/*/src") if p.is_dir())
    for krate in crates:
        mods = modules(krate / "src")
        graph = edges(mods)
        top = {}
        for m, ns in graph.items():
            for n in ns:
                if m and n and m[0] != n[0]:
                    top.setdefault(m[0], set()).add(n[0])
        for kind, g in (("top-level modules", top), ("files", graph)):
            for comp in sccs(g):
                loops += 1
                names = ["::".join(c) if isinstance(c, tuple) else c for c in comp]
                print(f"{krate.name}: loop between {kind}: {', '.join(names)}")
    print(f"{len(crates)} crates, {loops} import loops")
    return 1 if loops else 0


if __name__ == "__main__":
    sys.exit(main())
