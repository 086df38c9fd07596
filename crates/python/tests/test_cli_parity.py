"""The wheel gives the same results as the `crosscheck` command on the demo corpus."""

from __future__ import annotations

import json
from pathlib import Path

import crosscheck
from conftest import REPO, cli

DEMO = REPO / "examples" / "harbor-bridge"


def demo_rows():
    """The demo corpus as rows, in the order the CLI walks it (file names, lines)."""
    ignored = set((DEMO / ".crosscheckignore").read_text().split())
    rows = []
    for path in sorted(DEMO.iterdir()):
        if path.name.startswith(".") or path.name in ignored:
            continue
        if path.suffix == ".jsonl":
            rows.extend(json.loads(line) for line in path.read_text().splitlines() if line.strip())
        elif path.suffix in (".html", ".htm"):
            rows.append({"id": path.stem, "html": path.read_text()})
        elif path.suffix == ".txt":
            rows.append({"id": path.stem, "text": path.read_text()})
        else:
            raise AssertionError(f"unexpected file in the demo corpus: {path.name}")
    return crosscheck.to_table(rows)


def run_cli(*args):
    out = cli(*args)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_extract_equals_cli():
    want = [json.loads(l) for l in run_cli("extract", str(DEMO)).splitlines()]
    got = crosscheck.extract_table(demo_rows())
    assert len(got) == len(want) >= 7
    for g, w in zip(got, want):
        g.pop("source"), w.pop("source")
        assert g == w


def test_dedup_equals_cli():
    want = [json.loads(l) for l in run_cli("dedup", str(DEMO)).splitlines()]
    got = crosscheck.dedup(demo_rows())
    assert got.column("id").to_pylist() == [w["id"] for w in want]
    assert got.column("group").to_pylist() == [w["group"] for w in want]
    assert got.column("duplicate_of").to_pylist() == [w["duplicate_of"] for w in want]
    assert any(w["duplicate_of"] for w in want), "the demo corpus has a near-copy"


def test_cluster_equals_cli():
    want = [json.loads(l) for l in run_cli("cluster", str(DEMO)).splitlines()]
    got = crosscheck.cluster(demo_rows())
    assert got.column("story").to_pylist() == [w["story"] for w in want]
    assert len(set(w["story"] for w in want)) > 1


def test_fuse_equals_cli():
    want = json.loads(run_cli("fuse", "--format", "json", str(DEMO)))
    got = crosscheck.fuse(demo_rows())
    assert got == want
    assert len(want["stories"]) >= 2
