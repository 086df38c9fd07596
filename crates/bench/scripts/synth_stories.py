#!/usr/bin/env python3
"""Writes a synthetic news firehose for the store and clustering benchmarks.

Every word is invented (syllables), so nothing of any real text is involved. The feed runs
day by day: each day opens new stories and brings follow-ups of stories opened on earlier days
(most within a week, a few weeks later). A story has its own names (people, places), numbers
and a few topic words; articles also draw from a shared vocabulary with a Zipf distribution,
so stories of one kind share most of their words, as real news does.

    synth_stories.py --articles 200000 --batch 1000 --out DIR     # DIR/batch-00000.jsonl, ...
    synth_stories.py --articles 1000000 --out DIR --one-file      # DIR/all.jsonl
    synth_stories.py --articles 1000000 --out DIR --one-file --gzip   # DIR/all.jsonl.gz

Each line: {"id", "published" (YYYY-MM-DD), "title", "text"}. Deterministic for a seed.
"""

import argparse
import datetime
import gzip
import itertools
import json
import os
import random

SYL = ["ka", "lo", "mi", "ren", "tas", "vo", "bel", "dun", "ish", "mar", "pol", "que", "sil",
       "tor", "ulm", "zen", "fa", "gri", "hob", "jun", "kel", "nor", "osk", "pra", "rim", "sto",
       "tev", "ura", "vin", "wex", "yor", "zal"]
FUNCTION = ("the a of to in and on for with at by from after before said says was were is are "
            "has had have will would could this that it its their they he she officials").split()


def word(rng, n):
    return "".join(rng.choice(SYL) for _ in range(n))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=200_000)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--per-day", type=int, default=2000, help="articles published per day")
    ap.add_argument("--out", required=True)
    ap.add_argument("--one-file", action="store_true")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--gzip", action="store_true", help="write .jsonl.gz (crosscheck reads it)")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    vocab = sorted({word(rng, rng.randint(2, 3)) for _ in range(20000)})
    rng.shuffle(vocab)
    cum = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(vocab))))
    kinds = [[rng.choice(vocab) for _ in range(12)] for _ in range(60)]
    start = datetime.date(2025, 1, 1)
    # Sentences are made once and reused: general sentences from the shared vocabulary, and
    # each story's own sentences with its names, numbers and topic words. An article is a few
    # of each, so articles of one story share sentences (as rewrites of wire copy do) and
    # words, and the generator stays fast enough for millions of articles.
    general = [sentence(rng, vocab, cum, [], [], []) for _ in range(20000)]
    stories = []  # (names, numbers, topic, day opened, own sentences)
    out = None
    written = 0
    while written < a.articles:
        day = written // a.per_day
        if out is None or (not a.one_file and written % a.batch == 0):
            if out:
                out.close()
            name = "all.jsonl" if a.one_file else f"batch-{written // a.batch:05d}.jsonl"
            if a.gzip:
                out = gzip.open(os.path.join(a.out, name + ".gz"), "wt", compresslevel=3)
            else:
                out = open(os.path.join(a.out, name), "w")
        # About one article in seven opens a story; the others follow one up, mostly a recent
        # one, now and then one weeks old.
        if not stories or rng.random() < 0.15:
            names = [word(rng, 3).capitalize() for _ in range(4)]
            numbers = [str(rng.randint(2, 9999)) for _ in range(2)]
            topic = rng.choice(kinds)
            own = [sentence(rng, vocab, cum, names, numbers, topic) for _ in range(12)]
            stories.append((names, numbers, topic, day, own))
            s = stories[-1]
        else:
            back = int(rng.expovariate(1 / 40)) if rng.random() < 0.95 else rng.randint(0, 4000)
            s = stories[max(0, len(stories) - 1 - back)]
        names, numbers, topic, opened, own = s
        published = start + datetime.timedelta(days=max(day, opened))
        parts = rng.sample(own, 4) + [rng.choice(general) for _ in range(rng.randint(3, 6))]
        rng.shuffle(parts)
        text = " ".join(parts)
        title = f"{names[0]} {rng.choice(topic)} {names[1]} {rng.choice(topic)}"
        out.write(json.dumps({"id": f"n{written:07d}", "published": published.isoformat(),
                              "title": title, "text": text}) + "\n")
        written += 1
    out.close()


def sentence(rng, vocab, cum, names, numbers, topic):
    """One sentence of 12 to 18 words: function words, shared vocabulary, and (for a story's
    own sentences) its names, numbers and topic words."""
    words = []
    for _ in range(rng.randint(12, 18)):
        r = rng.random()
        if r < 0.35:
            words.append(rng.choice(FUNCTION))
        elif names and r < 0.50:
            words.append(rng.choice(names))
        elif numbers and r < 0.54:
            words.append(rng.choice(numbers))
        elif topic and r < 0.70:
            words.append(rng.choice(topic))
        else:
            words.append(rng.choices(vocab, cum_weights=cum)[0])
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


if __name__ == "__main__":
    main()
