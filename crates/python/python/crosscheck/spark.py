"""A Spark job over the crosscheck engine: the same duplicate groups and stories as one process,
from a cluster.

It uses the DataFrame API only (``mapInArrow``, joins, aggregations, ``repartition``), so it
runs on any Spark Connect endpoint: Sail, or a JVM Spark cluster. Each worker needs the
``crosscheck`` wheel installed.

Stages (each written to ``work/<stage>`` as Parquet, so a failed run resumes cheaply and the
plan never grows):

1. **extract** — JSON Lines records (one article per line, crosscheck's field names) and WARC
   files (read with ``binaryFile``, one task per file) are extracted per partition with
   ``mapInArrow``.
2. **prepare** — articles are repartitioned by outlet (or slices of one, ``chrome_articles``),
   so that lines recurring across an outlet's articles are removed as page chrome, then
   fingerprinted:
   exact-duplicate key, MinHash signature and shingle set (the *signature table*).
3. **candidates** — each distinct text gives one row per LSH band, ``(band key, doc)``: only
   these small rows are shuffled, not signatures. Documents sharing a band key are candidate
   pairs.
4. **verify** — candidate pairs join the signature table on both sides and keep the pairs at
   or above the threshold (exact Jaccard of the shingle sets, as the single process does).
5. **components** — connected components of the verified pairs by large-star / small-star
   iterations (Kiveris et al., 2014), no GraphFrames.
6. **groups** — within each component, documents are replayed in the canonical order with the
   single process's rule (a document joins the most similar *earlier representative* at or
   above the threshold, else it starts a group), so the groups are exactly those of
   :func:`crosscheck.dedup` over the same rows in that order; exact copies join their first
   copy's group.
7. **cluster** — group representatives are clustered into stories per time window.
8. **fuse** — each story is fused; the output is ``crosscheck.story/1``, as JSON Lines (one
   document of one story per line) or Parquet.

The canonical order is (publication date, undated last; then id): the earliest report of a
text is its group's first document. :func:`crosscheck.dedup` and :func:`crosscheck.fuse` give
the same groups and stories for rows in that order (see :func:`canonical_rows`).

Example::

    from pyspark.sql import SparkSession
    from crosscheck.spark import run

    spark = SparkSession.builder.remote("sc://127.0.0.1:50051").getOrCreate()
    result = run(spark, ["data/*.jsonl"], "out/", work="work/")
    print(result.counts)
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Sequence

import pyarrow as pa

__all__ = ["JobResult", "canonical_key", "canonical_rows", "connected_components", "run"]

_NO_DATE = "9999-99-99"


def canonical_key(published: Optional[str], id: str) -> str:
    """The sort key of the canonical order: date (undated last), then id."""
    return f"{published or _NO_DATE}\x00{id}"


def canonical_rows(rows: Sequence[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """``rows`` (record dicts) in the job's canonical order, by the dates extraction finds.

    Rows that fail to extract are left out. Feeding the result to :func:`crosscheck.dedup`,
    :func:`crosscheck.cluster` or :func:`crosscheck.fuse` gives the job's groups and stories
    in one process.
    """
    import crosscheck

    arts = crosscheck.extract_table(crosscheck.to_table(list(rows)))
    keyed = [(canonical_key(a["published"], a["id"]), r) for r, a in zip(rows, arts) if a is not None]
    keyed.sort(key=lambda x: x[0])
    return [r for _, r in keyed]


@dataclass
class JobResult:
    """What :func:`run` wrote and counted."""

    output: str
    """Where the stories are."""
    articles: str
    """A Parquet table of every article: ``id``, ``key`` (canonical order), ``duplicate_of``,
    ``similarity``, ``story``."""
    errors: str
    """A Parquet table of the records that failed: ``record`` (its first 200 characters) and
    ``error``."""
    counts: Dict[str, int] = field(default_factory=dict)
    """Records, articles, errors, candidate pairs, verified pairs, duplicates, stories."""
    seconds: Dict[str, float] = field(default_factory=dict)
    """Wall-clock seconds of each stage."""


# ---------------------------------------------------------------------------------------------
# Functions that run on the workers (inside mapInArrow). They import crosscheck themselves.


def _groups(it: Iterator[pa.RecordBatch], key: str) -> Iterator[pa.Table]:
    """The rows of a partition, one table per value of ``key``, in order of first appearance.

    The whole partition is read first: a sort before ``mapInArrow`` is not kept by every
    engine (Sail does not keep it), so a task holds its partition; choose ``partitions`` so
    that one fits a worker's memory.
    """
    parts: Dict[Any, List[pa.Table]] = {}
    for batch in it:
        if batch.num_rows == 0:
            continue
        t = pa.Table.from_batches([batch])
        keys = t.column(key).to_pylist()
        idx: Dict[Any, List[int]] = {}
        for i, k in enumerate(keys):
            idx.setdefault(k, []).append(i)
        for k, rows in idx.items():
            parts.setdefault(k, []).append(t.take(pa.array(rows, pa.int64())))
    for tables in parts.values():
        yield pa.concat_tables(tables)


def _extract_part(it: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    from crosscheck import _native

    for batch in it:
        lines = [x for x in batch.column(0).to_pylist() if x is not None and x.strip()]
        if not lines:
            continue
        # A name derived from the content: a record without an id gets a stable fallback id.
        names = ["rec-" + hashlib.sha1(x.encode("utf-8")).hexdigest()[:16] for x in lines]
        out = _native.extract_articles(names, lines)
        yield pa.RecordBatch.from_pydict(
            {
                "id": [o[0] for o in out],
                "article": [o[1] for o in out],
                "outlet": [o[2] for o in out],
                "error": [o[3] for o in out],
                "record": [None if o[3] is None else x[:200] for o, x in zip(out, lines)],
            },
            schema=_EXTRACT_SCHEMA,
        )


def _extract_files(it: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    from crosscheck import _native

    for batch in it:
        for path, content in zip(batch.column("path").to_pylist(), batch.column("content").to_pylist()):
            out = _native.extract_file(path.rsplit("/", 1)[-1], content)
            yield pa.RecordBatch.from_pydict(
                {
                    "id": [o[0] for o in out],
                    "article": [o[1] for o in out],
                    "outlet": [o[2] for o in out],
                    "error": [o[3] for o in out],
                    "record": [None if o[3] is None else path for o in out],
                },
                schema=_EXTRACT_SCHEMA,
            )


_EXTRACT_SCHEMA = pa.schema(
    [("id", pa.string()), ("article", pa.string()), ("outlet", pa.string()), ("error", pa.string()), ("record", pa.string())]
)
_EXTRACT_DDL = "id string, article string, outlet string, error string, record string"


def _prepare_part(threshold: float, num_perm: int):
    def f(it: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from crosscheck import _native

        # One group is one outlet (or one slice of it): chrome is judged over all its articles.
        for t in _groups(it, "chrome_group"):
            out = _native.prepare_articles(t.column("article").to_pylist(), threshold, num_perm)
            ids = t.column("id").to_pylist()
            cols: Dict[str, list] = {k: [] for k in _PREPARE_SCHEMA.names}
            for i, (art, exact, sig, sh, title, text, published) in zip(ids, out):
                cols["id"].append(i)
                cols["key"].append(canonical_key(published, i))
                cols["article"].append(art)
                cols["exact"].append(exact)
                cols["sig"].append(sig)
                cols["shingles"].append(sh)
                cols["title"].append(title)
                cols["text"].append(text)
                cols["published"].append(published)
            yield pa.RecordBatch.from_pydict(cols, schema=_PREPARE_SCHEMA)

    return f


_PREPARE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("key", pa.string()),
        ("article", pa.string()),
        ("exact", pa.int64()),
        ("sig", pa.binary()),
        ("shingles", pa.binary()),
        ("title", pa.string()),
        ("text", pa.string()),
        ("published", pa.string()),
    ]
)
_PREPARE_DDL = (
    "id string, key string, article string, exact long, sig binary, shingles binary, "
    "title string, text string, published string"
)


def _bands_part(bands: int, rows: int):
    def f(it: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import numpy as np

        for batch in it:
            if batch.num_rows == 0:
                continue
            nums = batch.column("num").to_numpy()
            sigs = batch.column("sig").to_pylist()
            mat = np.frombuffer(b"".join(sigs), dtype=np.uint32).reshape(len(sigs), -1)
            keys, docs = [], []
            for b in range(bands):
                band = np.ascontiguousarray(mat[:, b * rows : (b + 1) * rows])
                # A 64-bit key per (band, rows): blake2b of the band's bytes, band index mixed in.
                for n, row in zip(nums, band):
                    h = hashlib.blake2b(row.tobytes(), digest_size=8, person=b.to_bytes(4, "little") + b"band")
                    keys.append(int.from_bytes(h.digest(), "little", signed=True))
                    docs.append(int(n))
            yield pa.RecordBatch.from_pydict({"band": pa.array(keys, pa.int64()), "num": pa.array(docs, pa.int64())})

    return f


def _verify_part(threshold: float):
    def f(it: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from crosscheck import _native

        for batch in it:
            if batch.num_rows == 0:
                continue
            sims = _native.jaccard_pairs(batch.column("a_sh").to_pylist(), batch.column("b_sh").to_pylist())
            keep = [i for i, s in enumerate(sims) if s >= threshold]
            yield pa.RecordBatch.from_pydict(
                {
                    "a": pa.array([batch.column("a").to_pylist()[i] for i in keep], pa.int64()),
                    "b": pa.array([batch.column("b").to_pylist()[i] for i in keep], pa.int64()),
                    "sim": pa.array([sims[i] for i in keep], pa.float64()),
                }
            )

    return f


def _replay_part(it: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The single process's grouping rule, replayed within each component."""
    for t in _groups(it, "comp"):
        edges = list(zip(*(t.column(n).to_pylist() for n in ("a", "a_key", "b", "b_key", "sim"))))
        yield _replay(edges)


def _replay(edges: List[tuple]) -> pa.RecordBatch:
    out_num, out_rep, out_sim = [], [], []
    key: Dict[int, str] = {}
    nbrs: Dict[int, List[tuple]] = {}
    for a, ak, b, bk, s in edges:
        key[a], key[b] = ak, bk
        nbrs.setdefault(a, []).append((b, s))
        nbrs.setdefault(b, []).append((a, s))
    rep_of: Dict[int, int] = {}
    for j in sorted(key, key=lambda n: key[n]):
        best = None
        for i, s in nbrs[j]:
            # Only earlier documents that started a group are candidates.
            if key[i] < key[j] and rep_of.get(i) == i:
                if best is None or s > best[1] or (s == best[1] and key[i] < key[best[0]]):
                    best = (i, s)
        if best is None:
            rep_of[j] = j
            out_num.append(j), out_rep.append(j), out_sim.append(1.0)
        else:
            rep_of[j] = best[0]
            out_num.append(j), out_rep.append(best[0]), out_sim.append(best[1])
    return pa.RecordBatch.from_pydict(
        {"num": pa.array(out_num, pa.int64()), "rep": pa.array(out_rep, pa.int64()), "sim": pa.array(out_sim, pa.float64())}
    )


def _cluster_part(it: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    from crosscheck import _native

    for t in _groups(it, "window"):
        w = t.column("window")[0].as_py()
        ids, titles, texts, dates = (t.column(c).to_pylist() for c in ("id", "title", "text", "published"))
        res = _native.cluster_docs(ids, titles, texts, dates)
        yield pa.RecordBatch.from_pydict(
            {
                "id": ids,
                "story": [f"{w}/{story}" for story, _ in res],
                "score": pa.array([score for _, score in res], pa.float32()),
            }
        )


def _fuse_part(it: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    from crosscheck import _native

    out: Dict[str, list] = {"story": [], "first": [], "id": [], "document": [], "error": []}
    for t in _groups(it, "story"):
        s = t.column("story")[0].as_py()
        keys, arts, dups = (t.column(c).to_pylist() for c in ("key", "article", "duplicate_of"))
        idx = sorted(range(len(keys)), key=lambda i: keys[i])
        out["story"].append(s)
        out["first"].append(keys[idx[0]])
        try:
            story = _native.fuse_story([arts[i] for i in idx], [dups[i] for i in idx])
            sid = json.loads(story)["id"]
            doc = '{"schema":"crosscheck.story/1","stories":[' + story + "]}"
            out["id"].append(sid), out["document"].append(doc), out["error"].append(None)
        except Exception as e:  # one story that fails to fuse is recorded, not fatal
            out["id"].append(None), out["document"].append(None), out["error"].append(f"story {s}: {e}")
        if len(out["story"]) >= 256:
            yield pa.RecordBatch.from_pydict(out)
            out = {k: [] for k in out}
    if out["story"]:
        yield pa.RecordBatch.from_pydict(out)


# ---------------------------------------------------------------------------------------------
# The driver.


def connected_components(edges, work: str, *, max_iterations: int = 64):
    """The connected components of an undirected graph by large-star / small-star iterations.

    ``edges`` has long columns ``u`` and ``v``. Returns a DataFrame ``(node, comp)`` for every
    node in an edge, ``comp`` being the smallest node of its component. Each iteration is
    written to ``work`` so that the plan stays small.
    """
    from pyspark.sql import functions as F

    spark = edges.sparkSession
    e = edges.select(F.least("u", "v").alias("u"), F.greatest("u", "v").alias("v")).where(F.col("u") != F.col("v")).distinct()
    e = _materialise(e, f"{work}/cc-0")
    for it in range(1, max_iterations + 1):
        # Large-star: every neighbour larger than x is linked to x's smallest neighbour (or x).
        both = e.select(F.col("u").alias("x"), F.col("v").alias("y")).union(e.select(F.col("v").alias("x"), F.col("u").alias("y")))
        m = both.groupBy("x").agg(F.min("y").alias("m")).select("x", F.least("x", "m").alias("m"))
        large = both.where(F.col("y") > F.col("x")).join(m, "x").select(F.col("y").alias("u"), F.col("m").alias("v"))
        # Small-star: each node and its smaller neighbours are linked to the smallest of them.
        s = large.select(F.greatest("u", "v").alias("x"), F.least("u", "v").alias("y")).where(F.col("x") != F.col("y"))
        m2 = s.groupBy("x").agg(F.min("y").alias("m"))
        small = (
            s.join(m2, "x")
            .select(F.col("y").alias("u"), F.col("m").alias("v"))
            .union(m2.select(F.col("x").alias("u"), F.col("m").alias("v")))
        )
        new = small.select(F.least("u", "v").alias("u"), F.greatest("u", "v").alias("v")).where(F.col("u") != F.col("v")).distinct()
        new = _materialise(new, f"{work}/cc-{it}")
        changed = new.subtract(e).count() + e.subtract(new).count()
        e = new
        if changed == 0:
            break
    else:
        raise RuntimeError(f"connected components did not converge in {max_iterations} iterations")
    # A fixed point is a set of stars, each centred on its component's smallest node.
    leaves = e.groupBy("v").agg(F.min("u").alias("comp")).select(F.col("v").alias("node"), "comp")
    centres = e.select(F.col("u").alias("node")).distinct().join(leaves.select(F.col("node")), "node", "left_anti")
    return leaves.union(centres.select("node", F.col("node").alias("comp")))


def _materialise(df, path: str):
    """Writes ``df`` to ``path`` as Parquet and reads it back (with its schema: an empty
    result may leave no file to read one from)."""
    schema = df.schema
    df.write.mode("overwrite").parquet(path)
    return df.sparkSession.read.schema(schema).parquet(path)


def _stage(result: JobResult, name: str, df, path: str):
    start = time.perf_counter()
    out = _materialise(df, path)
    result.seconds[name] = result.seconds.get(name, 0.0) + time.perf_counter() - start
    return out


def run(
    spark,
    inputs: Sequence[str],
    output: str,
    *,
    warc: Sequence[str] = (),
    work: Optional[str] = None,
    format: str = "jsonl",
    threshold: float = 0.5,
    num_perm: int = 128,
    window_days: Optional[int] = None,
    window_articles: int = 50_000,
    chrome_articles: Optional[int] = None,
    partitions: int = 8,
) -> JobResult:
    """Runs the whole job: JSON Lines files (``inputs``: files, folders or globs) and WARC
    files (``warc``: ``.warc`` or ``.warc.gz``, CC-NEWS's format; each file is read whole by one
    task) in, fused stories out to ``output`` (``format`` ``"jsonl"``: one ``crosscheck.story/1`` document per
    line; or ``"parquet"``: columns ``story``, ``first``, ``id``, ``document``).

    ``work`` holds each stage's Parquet output (by default ``<output>/_work``).

    ``window_days``: with ``None`` (the default), every representative is clustered in one
    task, which gives exactly the single process's stories (and needs the corpus's distinct
    texts to fit one worker). With a number, dated articles are clustered per tumbling window
    of that many days (the single process never links articles more than 7 days apart, but a
    story that straddles a window edge is split) and undated ones in groups of about
    ``window_articles``: the form for a backfill.

    ``chrome_articles``: with ``None`` (the default), page chrome is judged over all of an
    outlet's articles at once, as :func:`crosscheck.fuse` does over a table; with a number, over
    slices of about that many articles of an outlet (the CLI uses chunks of 256 documents), so
    that no task has to hold a large outlet's whole archive.

    ``partitions`` is the number of partitions of each shuffle; a task holds one partition of
    its stage in memory (grouped by outlet, component, window or story).
    """
    from pyspark.sql import functions as F

    import crosscheck
    from crosscheck import _native

    if format not in ("jsonl", "parquet"):
        raise ValueError(f"format must be 'jsonl' or 'parquet', got {format!r}")
    work = work or f"{output.rstrip('/')}/_work"
    result = JobResult(output=output, articles=f"{work}/articles", errors=f"{work}/errors")
    bands, rows = _native.bands(threshold, num_perm)

    # 1. extract
    parts = []
    if inputs:
        lines = spark.read.text(list(inputs)).repartition(partitions)
        parts.append(lines.mapInArrow(_extract_part, _EXTRACT_DDL))
    if warc:
        files = spark.read.format("binaryFile").load(list(warc)).select("path", "content")
        parts.append(files.repartition(partitions).mapInArrow(_extract_files, _EXTRACT_DDL))
    if not parts:
        raise ValueError("no input: give JSON Lines inputs or WARC files")
    raw = parts[0] if len(parts) == 1 else parts[0].unionByName(parts[1])
    extracted = _stage(result, "extract", raw, f"{work}/extracted")
    errors = extracted.where(F.col("error").isNotNull()).select("record", "error")
    errors = _materialise(errors, result.errors)

    # 2. prepare: chrome across each outlet, fingerprints.
    ok = extracted.where(F.col("error").isNull()).select("id", "article", "outlet")
    if chrome_articles is None:
        grouped = ok.withColumn("chrome_group", F.col("outlet"))
    else:
        sizes = ok.groupBy("outlet").count()
        slices = F.ceil(F.col("count") / F.lit(chrome_articles))
        grouped = ok.join(sizes, "outlet").withColumn(
            "chrome_group", F.concat_ws("#", F.col("outlet"), (F.abs(F.hash("id")) % slices).cast("string"))
        )
    grouped = grouped.select("id", "article", "chrome_group")
    prepared = _stage(
        result,
        "prepare",
        grouped.repartition(partitions, "chrome_group").mapInArrow(_prepare_part(threshold, num_perm), _PREPARE_DDL),
        f"{work}/prepared",
    )
    dupe_ids = prepared.groupBy("id").count().where(F.col("count") > 1).limit(5).collect()
    if dupe_ids:
        raise crosscheck.CrosscheckError("ids must be unique; repeated: " + ", ".join(r["id"] for r in dupe_ids))

    # Exact copies: the first (canonical order) of each exact key stands for the others.
    firsts = prepared.groupBy("exact").agg(F.min("key").alias("first_key"))
    keyed = prepared.join(firsts, "exact").withColumn("num", F.monotonically_increasing_id())
    signatures = _stage(
        result, "prepare", keyed.select("num", "id", "key", "first_key", "exact", "sig", "shingles"), f"{work}/signatures"
    )
    unique = signatures.where(F.col("key") == F.col("first_key"))

    # 3. candidates: only (band key, doc) rows are shuffled.
    band_rows = unique.select("num", "sig").mapInArrow(_bands_part(bands, rows), "band long, num long")
    band_rows = _stage(result, "candidates", band_rows, f"{work}/bands")
    a, b = band_rows.alias("a"), band_rows.alias("b")
    pairs = (
        a.join(b, F.col("a.band") == F.col("b.band"))
        .where(F.col("a.num") < F.col("b.num"))
        .select(F.col("a.num").alias("a"), F.col("b.num").alias("b"))
        .distinct()
    )
    pairs = _stage(result, "candidates", pairs, f"{work}/pairs")

    # 4. verify against the signature table.
    sa = unique.select(F.col("num").alias("a"), F.col("key").alias("a_key"), F.col("shingles").alias("a_sh"))
    sb = unique.select(F.col("num").alias("b"), F.col("key").alias("b_key"), F.col("shingles").alias("b_sh"))
    joined = pairs.join(sa, "a").join(sb, "b").select("a", "b", "a_sh", "b_sh")
    edges = _stage(result, "verify", joined.mapInArrow(_verify_part(threshold), "a long, b long, sim double"), f"{work}/edges")

    # 5. components.
    start = time.perf_counter()
    comps = connected_components(edges.select(F.col("a").alias("u"), F.col("b").alias("v")), f"{work}/cc")
    comps = _materialise(comps.withColumnRenamed("node", "n"), f"{work}/components")
    result.seconds["components"] = time.perf_counter() - start

    # 6. groups: replay the single process's rule inside each component.
    keys = unique.select("num", "key")
    e2 = (
        edges.join(comps, edges["a"] == comps["n"])
        .drop("n")
        .join(keys.select(F.col("num").alias("a"), F.col("key").alias("a_key")), "a")
        .join(keys.select(F.col("num").alias("b"), F.col("key").alias("b_key")), "b")
        .select("comp", "a", "a_key", "b", "b_key", "sim")
    )
    replayed = (
        e2.repartition(partitions, "comp").mapInArrow(_replay_part, "num long, rep long, sim double")
    )
    replayed = _stage(result, "groups", replayed, f"{work}/replayed")
    # Unique texts: their representative (themselves when alone); copies: their first copy's.
    uniq = (
        unique.select("num", "id", "key", "exact")
        .join(replayed, "num", "left")
        .select("num", "id", "key", "exact", F.coalesce("rep", "num").alias("rep"), F.coalesce("sim", F.lit(1.0)).alias("sim"))
    )
    names = unique.select(F.col("num").alias("rep"), F.col("id").alias("rep_id"))
    uniq = uniq.join(names, "rep")
    by_exact = uniq.select("exact", F.col("rep_id").alias("x_rep_id"), F.col("sim").alias("x_sim"))
    copies = signatures.where(F.col("key") != F.col("first_key")).select("id", "key", "exact").join(by_exact, "exact")
    members = uniq.select(
        "id", "key", F.when(F.col("rep_id") != F.col("id"), F.col("rep_id")).alias("duplicate_of"), "sim", F.col("rep_id").alias("first")
    ).union(copies.select("id", "key", F.col("x_rep_id").alias("duplicate_of"), F.col("x_sim").alias("sim"), F.col("x_rep_id").alias("first")))
    members = _stage(result, "groups", members, f"{work}/members")

    # 7. cluster the first document of each group, per window.
    firsts_df = members.where(F.col("duplicate_of").isNull()).select("id").join(prepared.select("id", "title", "text", "published"), "id")
    if window_days is None:
        windowed = firsts_df.withColumn("window", F.lit("all")).repartition(1, "window")
    else:
        undated = firsts_df.where(F.col("published").isNull()).count()
        buckets = max(1, -(-undated // window_articles))
        day = F.datediff(F.to_date("published"), F.lit("1970-01-01"))
        windowed = firsts_df.withColumn(
            "window",
            F.when(F.col("published").isNull(), F.concat(F.lit("u"), (F.abs(F.hash("id")) % buckets).cast("string"))).otherwise(
                F.concat(F.lit("d"), F.floor(day / window_days).cast("string"))
            ),
        ).repartition(partitions, "window")
    stories = _stage(
        result, "cluster", windowed.mapInArrow(_cluster_part, "id string, story string, score float"), f"{work}/stories"
    )
    placed = members.join(stories.select(F.col("id").alias("first"), "story", "score"), "first")
    placed = _stage(result, "cluster", placed.select("id", "key", "duplicate_of", "sim", "story", "score"), result.articles)

    # 8. fuse each story.
    fuse_in = placed.join(prepared.select("id", "article"), "id").select("story", "key", "article", "duplicate_of")
    fused = fuse_in.repartition(partitions, "story").mapInArrow(
        _fuse_part, "story string, first string, id string, document string, error string"
    )
    fused = _stage(result, "fuse", fused, f"{work}/fused")
    start = time.perf_counter()
    ordered = fused.where(F.col("error").isNull()).orderBy("first")
    if format == "jsonl":
        ordered.select("document").coalesce(1).write.mode("overwrite").text(output)
    else:
        ordered.select("story", "first", "id", "document").write.mode("overwrite").parquet(output)
    result.seconds["write"] = time.perf_counter() - start

    c = result.counts
    c["records"] = extracted.count()
    c["errors"] = errors.count()
    c["articles"] = prepared.count()
    c["candidate_pairs"] = pairs.count()
    c["verified_pairs"] = edges.count()
    c["duplicates"] = placed.where(F.col("duplicate_of").isNotNull()).count()
    c["stories"] = fused.count()
    c["story_errors"] = fused.where(F.col("error").isNotNull()).count()
    return result
