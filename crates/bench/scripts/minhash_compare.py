#!/usr/bin/env python3
"""MinHash signatures: crosscheck vs rensa and datasketch, same documents, same parameters.

Run through minhash-compare.sh, which makes the virtual environment and builds the Rust side.
Parameters: 128 permutations, word 5-grams (lowercased alphanumeric words, as crosscheck
tokenises). Documents: the ECB+ articles (../shared/data/ecbplus), repeated to 20,000.

Throughput is the best of 5 runs for rensa and crosscheck (3 for the Python shingling, 1 for
datasketch, which is slow enough to be steady). Prints one JSON object: docs/s for each tool on
one thread (rensa and datasketch both with the shingles already built in Python, their most
favourable case, and from the text), crosscheck from the text on one thread and on all cores,
and how the Jaccard estimates of crosscheck and datasketch agree on 400 pairs spanning
similarities from 0 to 1.
"""

import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import time

from datasketch import MinHash
from rensa import RMinHash

PERM, NGRAM, DOCS = 128, 5, 20_000
REPEAT = 5
WORD = re.compile(r"[^\W_]+")


def shingles(text):
    w = WORD.findall(text.lower())
    if len(w) < NGRAM:
        return [" ".join(w)] if w else []
    return [" ".join(w[i : i + NGRAM]) for i in range(len(w) - NGRAM + 1)]


def rate(n, seconds):
    return n / seconds if seconds > 0 else float("inf")


def main():
    ecb, binary = sys.argv[1], sys.argv[2]
    texts = [json.loads(l)["text"] for l in open(os.path.join(ecb, "articles.jsonl"))]
    docs = (texts * (DOCS // len(texts) + 1))[:DOCS]
    out = {"docs": len(docs), "mean_bytes": sum(map(len, docs)) // len(docs)}

    # Every timing is the best of REPEAT runs, as crosscheck's own (the machine is shared, so
    # the best run is the one least disturbed).
    py_shingling = math.inf
    for _ in range(3):
        t = time.perf_counter()
        sh = [shingles(d) for d in docs]
        py_shingling = min(py_shingling, time.perf_counter() - t)
    out["python_shingling_docs_per_s"] = rate(len(docs), py_shingling)

    rensa_update = math.inf
    for _ in range(REPEAT):
        t = time.perf_counter()
        for s in sh:
            m = RMinHash(num_perm=PERM, seed=42)
            m.update(s)
            m.digest()
        rensa_update = min(rensa_update, time.perf_counter() - t)
    out["rensa_update_only_docs_per_s"] = rate(len(docs), rensa_update)
    out["rensa_from_text_docs_per_s"] = rate(len(docs), rensa_update + py_shingling)

    n_ds = 2_000
    enc = [[x.encode() for x in s] for s in sh[:n_ds]]
    t = time.perf_counter()
    for s in enc:
        m = MinHash(num_perm=PERM, seed=42)
        m.update_batch(s)
        m.digest()
    ds = time.perf_counter() - t
    out["datasketch_update_only_docs_per_s"] = rate(n_ds, ds)

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "docs.jsonl")
        with open(path, "w") as f:
            for d in texts:
                f.write(json.dumps({"text": d}) + "\n")
        ours = json.loads(subprocess.check_output([binary, "speed", path, str(DOCS)]))
        out["crosscheck_from_text_one_thread_docs_per_s"] = ours["single_docs_per_s"]
        out["crosscheck_from_text_all_cores_docs_per_s"] = ours["all_cores_docs_per_s"]
        out["crosscheck_from_shingle_hashes_one_thread_docs_per_s"] = ours[
            "single_from_shingle_hashes_docs_per_s"
        ]
        out["crosscheck_threads"] = ours["threads"]
        out["speedup_from_text_vs_rensa_update_only"] = (
            ours["single_docs_per_s"] / out["rensa_update_only_docs_per_s"]
        )
        out["speedup_from_text_vs_rensa_from_text"] = (
            ours["single_docs_per_s"] / out["rensa_from_text_docs_per_s"]
        )
        out["speedup_kernel_vs_rensa_update_only"] = (
            ours["single_from_shingle_hashes_docs_per_s"] / out["rensa_update_only_docs_per_s"]
        )

        # Agreement: pairs of an article and a copy with a random fraction of words dropped.
        rng = random.Random(7)
        pairs = []
        for d in rng.sample(texts, 400):
            words = d.split(" ")
            keep = rng.random()
            b = " ".join(w for w in words if rng.random() < 0.2 + 0.8 * keep)
            pairs.append({"a": d, "b": b})
        ppath = os.path.join(tmp, "pairs.jsonl")
        with open(ppath, "w") as f:
            for p in pairs:
                f.write(json.dumps(p) + "\n")
        lines = subprocess.check_output([binary, "pairs", ppath]).decode().splitlines()
        ours_pairs = [json.loads(l) for l in lines]

    within, err_ours, err_ds, diffs = 0, [], [], []
    for p, o in zip(pairs, ours_pairs):
        sa, sb = set(shingles(p["a"])), set(shingles(p["b"]))
        exact = len(sa & sb) / len(sa | sb) if sa | sb else 1.0
        ma, mb = MinHash(num_perm=PERM, seed=1), MinHash(num_perm=PERM, seed=1)
        ma.update_batch([x.encode() for x in sa])
        mb.update_batch([x.encode() for x in sb])
        est = ma.jaccard(mb)
        err_ds.append(abs(est - exact))
        err_ours.append(abs(o["estimate"] - o["exact"]))
        d = abs(o["estimate"] - est)
        diffs.append(d)
        j = (exact + o["exact"]) / 2
        # Two independent estimates differ with standard deviation sqrt(2 J (1-J) / k).
        sd = math.sqrt(2 * j * (1 - j) / PERM)
        within += d <= 2 * sd + 1 / PERM + abs(exact - o["exact"])
    n = len(pairs)
    out["agreement"] = {
        "pairs": n,
        "mean_abs_error_crosscheck": sum(err_ours) / n,
        "mean_abs_error_datasketch": sum(err_ds) / n,
        "mean_abs_difference": sum(diffs) / n,
        "share_within_2_sigma": within / n,
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
