#!/usr/bin/env python3
"""Regenerates `background.txt`, the word-frequency prior that crosscheck-cluster embeds.

Usage (from the repository root):

    python3 -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1
    /tmp/wf/bin/python crates/cluster/data/make_background.py > crates/cluster/data/background.txt

The data come from the `wordfreq` package (Robyn Speer), whose word lists are distributed under
CC BY-SA 4.0; `background.txt` is derived from them and is distributed under the same license
(see README.md in this folder). Only words and quantised frequencies are kept, no text.

Format: lines `@Z` open a band of words whose Zipf frequency (log10 of occurrences per billion
words) rounds to Z/10; the words of the band follow, space-separated, several per line. English
words down to Zipf 3.0 (about 30,000 words), then the most frequent words of other major news
languages, each word once at its highest frequency in any of them. Only words that the engine's
tokenizer keeps whole (letters and digits only, no digit-only words) are listed.
"""

import sys

import wordfreq

# (language, how many of its most frequent words, lowest Zipf frequency kept)
LANGUAGES = [
    ("en", 60000, 3.0),
    ("de", 4000, 3.8),
    ("fr", 4000, 3.8),
    ("es", 4000, 3.8),
    ("it", 3000, 3.8),
    ("pt", 3000, 3.8),
    ("nl", 3000, 3.8),
]


def main() -> None:
    best: dict[str, int] = {}
    for lang, n, floor in LANGUAGES:
        for word in wordfreq.top_n_list(lang, n):
            z = wordfreq.zipf_frequency(word, lang)
            if z < floor:
                break
            if not word.isalnum() or word.isdigit():
                continue
            q = round(z * 10)
            if q > best.get(word, 0):
                best[word] = q
    bands: dict[int, list[str]] = {}
    for word, q in best.items():
        bands.setdefault(q, []).append(word)
    out = sys.stdout
    for q in sorted(bands, reverse=True):
        out.write(f"@{q}\n")
        words = sorted(bands[q])
        for i in range(0, len(words), 16):
            out.write(" ".join(words[i : i + 16]) + "\n")


if __name__ == "__main__":
    main()
