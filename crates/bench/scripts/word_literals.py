#!/usr/bin/env python3
"""Lists the word literals left in Rust code: string literals of letters only ("said",
"according") in non-test code of the crates that read prose. Word data belongs in the lexicon
(crates/text/lexicon/<lang>/<list>.txt, issue #11); what this prints is either a word list still
to move or a literal that is not word data (a JSON key, a grammar token), to be listed in
ALLOWED with its reason.

Usage: word_literals.py [--count] [--max N] [ROOT]   (ROOT: the repository, by default cwd)
Prints `path:line: "word"` for every word literal outside ALLOWED (--count: only the counts),
a count per file, then the literals ALLOWED keeps by reason; exits 1 when more than N word
literals remain (with --max).
"""
import os
import re
import sys

CRATES = ["crates/fuse/src", "crates/text/src", "crates/extract/src"]

# Literals that are not word data: (path, literals or None for all of the file's, reason).
ALLOWED = [
    ("crates/extract/src/html/lexer.rs", None, "HTML element and attribute names"),
    ("crates/extract/src/html/mod.rs", None, "HTML element and attribute names"),
    ("crates/extract/src/html/meta.rs", None, "HTML meta, JSON-LD and schema.org keys"),
    ("crates/text/src/stem.rs", None, "language codes and a serde type name"),
    ("crates/text/src/stopwords.rs", None, "language codes"),
    ("crates/text/src/sentence.rs", None, "language codes"),
    ("crates/text/src/dates/lexicon.rs", None, "language codes"),
    ("crates/extract/src/lang.rs", None, "language codes"),
    ("crates/text/src/lexicon.rs", None, "the lexicon's own file names"),
    ("crates/extract/src/extractor.rs", None, "error and item messages"),
    ("crates/extract/src/plain.rs", None, "error and item messages"),
    ("crates/fuse/src/fuser.rs", {"untitled story"}, "a label of the report"),
    ("crates/fuse/src/claims/mod.rs", {"not", "similarity arithmetic reads best with short names"},
     "a term key and a lint reason"),
    ("crates/fuse/src/facts/lexicon.rs", None,
     "the value vocabulary of the lexicon files (traits, market directions, hedge kinds)"),
    ("crates/text/src/dates/scan.rs",
     {"early", "mid", "late", "day", "week", "weekend", "month", "year", "past", "min", "near",
      "less", "max", "last", "this", "next", "bare"},
     "the value vocabulary of the lexicon files (parts, units, relations, hedge kinds)"),
    ("crates/fuse/src/conflicts/roles.rs",
     {"exclusive", "sole", "local", "portfolio", "body"}, "the value vocabulary of offices.txt"),
    ("crates/fuse/src/analysis/words.rs", {"common"}, "the value vocabulary of speech_verbs.txt"),
    ("crates/fuse/src/entities/gender.rs", {"f", "m"}, "the value vocabulary of gender_words.txt"),
    ("crates/fuse/src/facts/table.rs", {"count", "percent", "money", "duration", "tally", "vote", "x"},
     "class names and a concept name of the report's keys, a placeholder"),
    ("crates/fuse/src/conflicts/places.rs", {"place", "city"},
     "a slot key and a gazetteer class"),
    ("crates/fuse/src/entities/gazetteer.rs", {"org"}, "a gazetteer class"),
    ("crates/fuse/src/entities/names.rs",
     {"tsch", "shch", "tch", "dzh", "sch", "ch", "zh", "sh", "dj", "kh", "gh", "ck", "ph", "th",
      "dh", "ts", "tz"},
     "letter clusters of the transliteration key (a phonetic algorithm, not words)"),
]


def allowed(rel, lit):
    for path, lits, reason in ALLOWED:
        if rel == path and (lits is None or lit in lits):
            return reason
    return None

# A string literal (plain, not raw) with its escapes.
LIT = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
WORD = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)*$")


def strip_tests(src):
    """Drops `#[cfg(test)]` items (a `mod tests { … }` or a single item) by brace matching."""
    out = []
    i = 0
    while True:
        j = src.find("#[cfg(test)]", i)
        if j < 0:
            out.append(src[i:])
            break
        out.append(src[i:j])
        k = src.find("{", j)
        semi = src.find(";", j)
        if k < 0 or (0 <= semi < k):
            i = semi + 1 if semi >= 0 else len(src)
            out.append("\n" * src[j:i].count("\n"))
            continue
        depth = 0
        m = k
        while m < len(src):
            c = src[m]
            if c == '"':
                lit = LIT.match(src, m)
                if lit:
                    m = lit.end()
                    continue
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    break
            m += 1
        out.append("\n" * src[j:m + 1].count("\n"))
        i = m + 1
    return "".join(out)


def strip_comments(src):
    """Blanks `//` comments (doc comments included), keeping line numbers; literals stay."""
    res = []
    for line in src.split("\n"):
        # Cut at the first `//` outside a literal.
        pos = 0
        cut = len(line)
        while pos < len(line):
            if line.startswith("//", pos):
                cut = pos
                break
            if line[pos] == '"':
                lit = LIT.match(line, pos)
                if lit:
                    pos = lit.end()
                    continue
            if line[pos] == "'" and pos + 2 < len(line) and line[pos + 2] == "'":
                pos += 3
                continue
            pos += 1
        res.append(line[:cut])
    return "\n".join(res)


def literals(root):
    for crate in CRATES:
        base = os.path.join(root, crate)
        for dirpath, _, files in os.walk(base):
            for f in sorted(files):
                if not f.endswith(".rs") or f == "tests.rs" or "/tests" in dirpath:
                    continue
                path = os.path.join(dirpath, f)
                rel = os.path.relpath(path, root)
                with open(path, encoding="utf-8") as fh:
                    src = strip_comments(strip_tests(fh.read()))
                for n, line in enumerate(src.split("\n"), 1):
                    # Messages, format strings and attributes are not word data.
                    if re.search(r"(#\[|format!|write!|writeln!|panic!|expect\(|println!|eprintln!|tracing::|debug!|warn!|info!|error!|concat!|env!|include_str!)", line):
                        continue
                    for m in LIT.finditer(line):
                        s = m.group(1)
                        if WORD.match(s):
                            yield rel, n, s, allowed(rel, s)


def main():
    args = sys.argv[1:]
    limit = None
    count_only = "--count" in args
    if count_only:
        args.remove("--count")
    if "--max" in args:
        i = args.index("--max")
        limit = int(args[i + 1])
        del args[i:i + 2]
    root = args[0] if args else "."
    per_file = {}
    reasons = {}
    total = 0
    for rel, n, s, reason in literals(root):
        if reason is not None:
            reasons[reason] = reasons.get(reason, 0) + 1
            continue
        total += 1
        per_file[rel] = per_file.get(rel, 0) + 1
        if not count_only:
            print(f'{rel}:{n}: "{s}"')
    for rel in sorted(per_file, key=lambda r: -per_file[r]):
        print(f"{per_file[rel]:5} {rel}")
    print(f"{total:5} word literals")
    for reason in sorted(reasons, key=lambda r: -reasons[r]):
        print(f"{reasons[reason]:5} not word data: {reason}")
    print(f"{sum(reasons.values()):5} literals that are not word data")
    if limit is not None and total > limit:
        print(f"more than {limit} word literals: move word lists to crates/text/lexicon",
              file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
