#!/usr/bin/env python3
"""Runs Python trafilatura on the extraction benchmarks that `extract_eval` reads.

Writes {"<set>": {"<page id>": {"text": "...", "ms": 1.5}}} for `extract_eval --peer`, which
scores it with the same metric code as crosscheck's own predictions. One thread, one page at a
time; the time covers `trafilatura.extract` only (decompression and decoding are not timed, as
on the Rust side).
"""

import argparse
import gzip
import json
import pathlib
import re
import statistics
import sys
import time

import trafilatura


def decode(raw: bytes) -> str:
    head = raw[:2048].decode("ascii", "replace").lower()
    m = re.search(r"charset=[\"']?([a-z0-9_-]+)", head)
    enc = m.group(1) if m else "utf-8"
    try:
        return raw.decode(enc, "replace")
    except LookupError:
        return raw.decode("utf-8", "replace")


def pages(root: pathlib.Path, name: str):
    """Yields (id, url, html) in the same page set as the Rust harness."""
    if name == "aeb":
        d = root / "scrapinghub-aeb"
        gt = json.loads((d / "ground-truth.json").read_text())
        for pid in sorted(gt):
            html = decode(gzip.decompress((d / "html" / f"{pid}.html.gz").read_bytes()))
            yield pid, gt[pid].get("url"), html
    elif name in ("wcxb-dev", "wcxb-test"):
        d = root / "wcxb" / name.split("-")[1]
        for path in sorted((d / "ground-truth").glob("*.json")):
            gt = json.loads(path.read_text())
            if gt["_internal"]["page_type"]["primary"] != "article":
                continue
            pid = path.stem
            html = decode(gzip.decompress((d / "html" / f"{pid}.html.gz").read_bytes()))
            yield pid, gt.get("url"), html
    elif name == "trafilatura":
        d = root / "trafilatura-eval"
        evaldata = json.loads((d / "evaldata.json").read_text())
        index = json.loads((d / "index.json").read_text())
        for pid in sorted(index):
            urls = index[pid].get("urls") or []
            if not urls or urls[0] not in evaldata:
                continue
            html = decode(gzip.decompress((d / "html" / f"{pid}.html.gz").read_bytes()))
            yield pid, urls[0], html
    else:
        sys.exit(f"unknown set {name}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", required=True, type=pathlib.Path)
    ap.add_argument("--sets", default="aeb,wcxb-dev,wcxb-test,trafilatura")
    ap.add_argument("--out", required=True, type=pathlib.Path)
    args = ap.parse_args()
    out = {}
    for name in args.sets.split(","):
        loaded = list(pages(args.data, name))
        # Warm up lazily loaded tables outside the timings, as the Rust harness does.
        if loaded:
            trafilatura.extract(loaded[0][2], url=loaded[0][1], include_comments=False)
        res = {}
        for pid, url, html in loaded:
            t = time.perf_counter()
            try:
                text = trafilatura.extract(html, url=url, include_comments=False) or ""
            except Exception:  # a crash counts as an empty prediction
                text = ""
            res[pid] = {"text": text, "ms": (time.perf_counter() - t) * 1000.0}
        times = [r["ms"] for r in res.values()]
        if times:
            print(f"{name}: {len(times)} pages, median {statistics.median(times):.2f} ms",
                  file=sys.stderr)
        out[name] = res
    args.out.write_text(json.dumps(out))


if __name__ == "__main__":
    main()
