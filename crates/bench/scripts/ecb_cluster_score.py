#!/usr/bin/env python3
"""Pairwise precision, recall and F1 of `crosscheck cluster` output against ECB+ gold stories.

Usage: crosscheck cluster ../shared/data/ecbplus/articles.jsonl > out.jsonl
       python3 crates/bench/scripts/ecb_cluster_score.py out.jsonl [--gold GOLD_TSV]

Two articles form a pair when they share a story; precision is the share of predicted pairs the
gold also has, recall the share of gold pairs predicted. Only articles present in both count.
"""
import argparse
import collections
import itertools
import json
import os
import sys


def pairs(labels, ids):
    groups = collections.defaultdict(list)
    for i in ids:
        groups[labels[i]].append(i)
    return {p for members in groups.values() for p in itertools.combinations(sorted(members), 2)}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_gold = os.path.join(here, "..", "..", "..", "..", "shared", "data", "ecbplus", "gold_stories.tsv")
    ap = argparse.ArgumentParser()
    ap.add_argument("clusters", help="JSON lines with `id` and `story`, as `crosscheck cluster` prints")
    ap.add_argument("--gold", default=os.environ.get("ECBPLUS_GOLD", default_gold))
    args = ap.parse_args()
    gold = {}
    with open(args.gold, encoding="utf-8") as f:
        for line in f.read().splitlines()[1:]:
            fields = line.split("\t")
            gold[fields[0].split("/")[-1].replace(".xml", "")] = fields[3]
    pred = {}
    with open(args.clusters, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{args.clusters}:{n}: not JSON: {e}")
            pred[row["id"]] = row["story"]
    ids = [i for i in pred if i in gold]
    if not ids:
        sys.exit(f"{args.clusters}: no article id matches the gold file {args.gold}")
    p_pairs, g_pairs = pairs(pred, ids), pairs(gold, ids)
    tp = len(p_pairs & g_pairs)
    p = tp / len(p_pairs) if p_pairs else 0.0
    r = tp / len(g_pairs) if g_pairs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"P {p:.3f} R {r:.3f} F1 {f1:.3f} articles {len(ids)}")


if __name__ == "__main__":
    main()
