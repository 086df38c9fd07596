"""Articles per second per core of each stage: the Spark job on Sail (2 workers, 127.0.0.1)
against the single process (the wheel, on all cores).

The corpus is read from ../shared, never copied into the repository: ECB+ (982 plain-text
reports) and the article pages of WCXB (about 1,000 HTML pages, each given a URL on its domain),
written to a temporary folder as JSON Lines. Build the wheel with `maturin develop --release`
first; a debug build measures the compiler, not the engine.

    python crates/python/bench/spark_bench.py [--repeat N] [--json out.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from conftest import read_jsonl, shared_dir  # noqa: E402
from sail import start_sail  # noqa: E402

import crosscheck  # noqa: E402
from crosscheck import _native  # noqa: E402
from crosscheck.spark import run  # noqa: E402

# Which Spark stages make up each single-process stage.
GROUPS = {
    "extract": ["extract"],
    "dedup": ["prepare", "candidates", "verify", "components", "groups"],
    "cluster": ["cluster"],
    "fuse": ["fuse", "write"],
}


def corpus():
    rows = read_jsonl(shared_dir() / "data" / "ecbplus" / "articles.jsonl")
    wcxb = shared_dir() / "data" / "extraction" / "wcxb"
    meta = json.loads((wcxb / "metadata.json").read_text())["files"]
    for key, m in sorted(meta.items()):
        if m["page_type"] != "article":
            continue
        page = wcxb / m["split"] / "html" / f"{key}.html.gz"
        if page.exists():
            html = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
            rows.append({"id": f"wcxb-{key}", "html": html, "url": f"https://{m['domain']}/{key}"})
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=1, help="runs of each side; the fastest counts")
    ap.add_argument("--json", help="write the figures here too")
    ap.add_argument(
        "--scale",
        type=int,
        default=1,
        help="copies of the corpus, each record given a new id and a sentence of its own (near-copies)",
    )
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    rows = corpus()
    scaled = []
    for k in range(args.scale):
        for r in rows:
            r = dict(r)
            if k:
                r["id"] = f"{r['id']}~{k}"
                tail = f" Edition {k} of this report, record {r['id']}."
                if "text" in r:
                    r["text"] += tail
                else:
                    r["html"] = r["html"].replace("</body>", f"<p>{tail}</p></body>", 1)
            scaled.append(r)
    rows = scaled
    names, records = crosscheck.records(rows)

    single = None
    for _ in range(args.repeat):
        stages, n = _native.time_stages(names, records)
        if single is None or sum(s for _, s in stages) < sum(single.values()):
            single = dict(stages)
    articles = n

    tmp = Path(tempfile.mkdtemp(prefix="crosscheck-bench-"))
    try:
        (tmp / "in").mkdir()
        parts = 4
        files = [open(tmp / "in" / f"part-{i}.jsonl", "w", encoding="utf-8") for i in range(parts)]
        for i, r in enumerate(records):
            files[i % parts].write(r + "\n")
        for f in files:
            f.close()
        server, spark = start_sail(workers=2)
        best = None
        for k in range(args.repeat):
            start = time.perf_counter()
            res = run(spark, [str(tmp / "in")], str(tmp / f"out{k}"), work=str(tmp / f"work{k}"), partitions=2)
            total = time.perf_counter() - start
            if best is None or total < best[1]:
                best = (res, total)
        res, total = best
        spark.stop()
        server.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    bands, rows_per_band = _native.bands(0.5, 128)
    sail = {g: sum(res.seconds.get(s, 0.0) for s in ss) for g, ss in GROUPS.items()}
    workers = 2
    out = {
        "articles": articles,
        "records": len(records),
        "cores": cores,
        "workers": workers,
        "single_seconds": single,
        "sail_seconds": sail,
        "sail_stage_seconds": res.seconds,
        "sail_total_seconds": total,
        "counts": res.counts,
        "bands": [bands, rows_per_band],
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(f"{articles} articles ({len(records)} records), {cores} cores; Sail with {workers} workers")
    print(f"{'stage':<10}{'single /s/core':>16}{'Sail /s/core':>14}{'ratio':>8}")
    for g in GROUPS:
        a = articles / (single[g] * cores) if single[g] > 0 else float("inf")
        b = articles / (sail[g] * workers) if sail[g] > 0 else float("inf")
        out.setdefault("per_core", {})[g] = {"single": a, "sail": b, "ratio": b / a}
        print(f"{g:<10}{a:>16.1f}{b:>14.1f}{b / a:>8.2f}")
    ts, tl = sum(single.values()), sum(sail.values())
    a, b = articles / (ts * cores), articles / (tl * workers)
    out["per_core"]["all"] = {"single": a, "sail": b, "ratio": b / a}
    print(f"{'all':<10}{a:>16.1f}{b:>14.1f}{b / a:>8.2f}")
    print(json.dumps(res.counts))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
