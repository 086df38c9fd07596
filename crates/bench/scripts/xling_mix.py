"""Per-report story placement of the cross-lingual mix (see xling-mix.sh)."""

import json
import pathlib
import sys
from collections import Counter


def main() -> int:
    out, data = json.load(open(sys.argv[1])), pathlib.Path(sys.argv[2])
    event_of, lang_of = {}, {}
    for event in sorted(p for p in data.iterdir() if p.is_dir()):
        for name in ("articles.jsonl", "other-languages.jsonl"):
            for line in open(event / name):
                if line.strip():
                    row = json.loads(line)
                    event_of[row["id"]] = event.name
                    lang_of[row["id"]] = row.get("lang", "en")
    for line in open(data / "distractors.jsonl"):
        if line.strip():
            row = json.loads(line)
            event_of[row["id"]], lang_of[row["id"]] = "distractor", "en"
    # Each story is named after the event most of its English reports come from.
    story_of, label = {}, {}
    for i, story in enumerate(out["stories"]):
        ids = [a["id"].rsplit("/", 1)[-1] for a in story["articles"]]
        for a in ids:
            story_of[a] = i
        counts = Counter(event_of.get(a, "?") for a in ids if lang_of.get(a) == "en")
        label[i] = f"#{i}:{counts.most_common(1)[0][0] if counts else 'no-english'}({len(ids)})"
    joined = english_left = distractors_alone = 0
    print("other-language reports:")
    for a, event in sorted(event_of.items(), key=lambda kv: (kv[1], kv[0])):
        if lang_of.get(a, "en") == "en":
            continue
        s = story_of.get(a)
        ok = s is not None and label[s].split(":", 1)[1].startswith(event + "(")
        joined += ok
        print(f"  {'ok ' if ok else 'MISS'} {event:24} {a:10} {lang_of[a]}  -> {label.get(s, 'missing')}")
    for a, event in event_of.items():
        if lang_of.get(a) != "en":
            continue
        s = story_of.get(a)
        if event == "distractor":
            alone = s is not None and label[s].endswith("(1)")
            distractors_alone += alone
            if not alone:
                print(f"  distractor {a} -> {label.get(s, 'missing')}")
        elif s is None or not label[s].split(":", 1)[1].startswith(event + "("):
            english_left += 1
            print(f"  english {a} ({event}) -> {label.get(s, 'missing')}")
    n_other = sum(1 for a in lang_of if lang_of[a] != "en")
    n_dis = sum(1 for e in event_of.values() if e == "distractor")
    print(f"joined {joined}/{n_other}; english reports outside their story {english_left};"
          f" distractors alone {distractors_alone}/{n_dis}; stories {len(out['stories'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
