"""Shared helpers: where the repository, ../shared and the `crosscheck` binary are."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import List

import pytest

REPO = Path(__file__).resolve().parents[3]


def shared_dir() -> Path:
    """`$CROSSCHECK_SHARED`, else the first `shared/` folder beside the repository or a parent."""
    env = os.environ.get("CROSSCHECK_SHARED")
    if env:
        return Path(env)
    for parent in [REPO, *REPO.parents]:
        cand = parent.parent / "shared" if parent == REPO else parent / "shared"
        if (cand / "data").is_dir():
            return cand
    raise RuntimeError("no shared/ folder beside the repository; set CROSSCHECK_SHARED")


def read_jsonl(path: Path) -> List[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def cli(*args: str) -> subprocess.CompletedProcess:
    """Runs the `crosscheck` binary: `$CROSSCHECK_BIN`, else `cargo run -p crosscheck-cli`."""
    exe = os.environ.get("CROSSCHECK_BIN")
    if exe:
        cmd = [exe, *args]
    else:
        cargo = shutil.which("cargo")
        if cargo is None:
            raise RuntimeError("set CROSSCHECK_BIN to the crosscheck binary (cargo is not on PATH)")
        cmd = [cargo, "run", "-q", "-p", "crosscheck-cli", "--", *args]
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def ecbplus() -> List[dict]:
    return read_jsonl(shared_dir() / "data" / "ecbplus" / "articles.jsonl")


@pytest.fixture(scope="session")
def realnews() -> List[dict]:
    root = shared_dir() / "data" / "realnews"
    rows = []
    for path in sorted(root.rglob("*.jsonl")):
        rows.extend(read_jsonl(path))
    return rows
