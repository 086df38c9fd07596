"""The Spark job on Sail (2 workers on 127.0.0.1) finds the same duplicate groups and the same
stories as one process, on ECB+ and on the realnews set (read from ../shared, never copied into
the repository)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import crosscheck
from crosscheck.spark import canonical_rows, connected_components, run
from sail import start_sail


@pytest.fixture(scope="module")
def spark():
    server, session = start_sail(workers=2)
    yield session
    session.stop()
    server.stop()


def write_partitioned(rows, folder: Path, parts: int = 3):
    """The rows as `parts` JSON Lines files, dealt round-robin (so no file is in order)."""
    folder.mkdir(parents=True)
    files = [open(folder / f"part-{i}.jsonl", "w", encoding="utf-8") for i in range(parts)]
    for i, row in enumerate(rows):
        files[i % parts].write(json.dumps(row) + "\n")
    for f in files:
        f.close()
    return [str(folder)]


def spark_results(result):
    arts = pq.read_table(result.articles).to_pylist()
    docs = []
    for path in sorted(Path(result.output).glob("*.txt")) + sorted(Path(result.output).glob("part-*")):
        if path.suffix in (".crc",):
            continue
        docs.extend(json.loads(line) for line in path.read_text().splitlines() if line.strip())
    stories = {}
    for d in docs:
        assert d["schema"] == "crosscheck.story/1" and len(d["stories"]) == 1
        s = d["stories"][0]
        stories[s["id"]] = s
    return arts, stories


def check_same_as_one_process(spark, rows, tmp_path):
    inputs = write_partitioned(rows, tmp_path / "in")
    result = run(spark, inputs, str(tmp_path / "out"), work=str(tmp_path / "work"), partitions=2)
    arts, stories = spark_results(result)

    ordered = canonical_rows(rows)
    one, one_doc = crosscheck.fuse(ordered, return_table=True)

    # The same duplicate groups: every article's first copy.
    want_dup = dict(zip(one.column("id").to_pylist(), one.column("duplicate_of").to_pylist()))
    got_dup = {a["id"]: a["duplicate_of"] for a in arts}
    assert got_dup == want_dup
    # The same stories: the same partition of the articles ...
    want_parts = {}
    for i, s in zip(one.column("id").to_pylist(), one.column("story").to_pylist()):
        want_parts.setdefault(s, set()).add(i)
    got_parts = {}
    for a in arts:
        got_parts.setdefault(a["story"], set()).add(a["id"])
    assert sorted(map(sorted, got_parts.values())) == sorted(map(sorted, want_parts.values()))
    # ... and the same fused documents, field for field.
    want_stories = {s["id"]: s for s in one_doc["stories"]}
    assert set(stories) == set(want_stories)
    for sid, s in want_stories.items():
        assert stories[sid] == s, sid
    assert result.counts["stories"] == len(want_stories)
    return result, want_dup, want_stories


def test_ecbplus_same_groups_and_stories(spark, ecbplus, tmp_path):
    result, dup, stories = check_same_as_one_process(spark, ecbplus, tmp_path)
    # ECB+ holds near-copies, so the LSH, verification and component stages did real work.
    assert sum(d is not None for d in dup.values()) >= 20
    assert result.counts["verified_pairs"] > 0
    assert len(stories) > 50


def test_realnews_same_groups_and_stories(spark, realnews, tmp_path):
    result, _dup, stories = check_same_as_one_process(spark, realnews, tmp_path)
    assert result.counts["errors"] == len(realnews) - result.counts["articles"]
    assert len(stories) >= 5


def test_copies_and_chains_group_like_one_process(spark, tmp_path):
    # Invented text. c is close to b but not to a: the single process puts b with a and c alone
    # (c is verified against the group's first document only), which plain connected
    # components of the verified pairs would not.
    base = " ".join(f"word{i} alpha{i % 7} beta{i % 5}" for i in range(60))
    words = base.split()
    b_words = words[:90] + [f"swap{i}" for i in range(90, 110)] + words[110:]
    c_words = b_words[:40] + [f"other{i}" for i in range(40, 80)] + b_words[80:]
    rows = [
        {"id": "a", "text": base, "published": "2026-01-05"},
        {"id": "b", "text": " ".join(b_words), "published": "2026-01-06"},
        {"id": "c", "text": " ".join(c_words), "published": "2026-01-07"},
        {"id": "a-copy", "text": base + "", "published": "2026-01-08"},
        {"id": "lone", "text": "The town council of Orvel met on Tuesday to approve a new school building and a bus route.", "published": "2026-01-06"},
    ]
    ordered = canonical_rows(rows)
    want = crosscheck.dedup(ordered)
    want_dup = dict(zip(want.column("id").to_pylist(), want.column("duplicate_of").to_pylist()))
    assert want_dup["b"] == "a" and want_dup["a-copy"] == "a" and want_dup["c"] is None
    # c is a near-copy of b: the pair is verified, and only the replay keeps c apart.
    bc = crosscheck.dedup([rows[1], rows[2]]).column("duplicate_of").to_pylist()
    assert bc == [None, "b"]
    inputs = write_partitioned(rows, tmp_path / "in", parts=2)
    result = run(spark, inputs, str(tmp_path / "out"), work=str(tmp_path / "work"), partitions=2)
    arts, _ = spark_results(result)
    assert {a["id"]: a["duplicate_of"] for a in arts} == want_dup


def test_connected_components(spark, tmp_path):
    edges = spark.createDataFrame([(5, 9), (9, 2), (7, 8), (8, 10), (10, 7), (3, 4)], "u long, v long")
    got = {r["node"]: r["comp"] for r in connected_components(edges, str(tmp_path / "cc")).collect()}
    assert got == {2: 2, 5: 2, 9: 2, 7: 7, 8: 7, 10: 7, 3: 3, 4: 3}


def test_windows_keep_far_apart_articles_apart(spark, tmp_path):
    text = "Floods closed the main road of Varnholm on {d}, and the river kept rising, the mayor of Varnholm said."
    rows = [
        {"id": "jan", "text": text.format(d="Monday") + " Crews pumped water all night.", "published": "2026-01-05"},
        {"id": "jan2", "text": text.format(d="Tuesday") + " Schools stayed shut.", "published": "2026-01-06"},
        {"id": "jun", "text": text.format(d="Friday") + " Sandbags were handed out.", "published": "2026-06-05"},
    ]
    inputs = write_partitioned(rows, tmp_path / "in", parts=1)
    result = run(spark, inputs, str(tmp_path / "out"), work=str(tmp_path / "work"), partitions=2, window_days=28)
    arts = {a["id"]: a["story"] for a in pq.read_table(result.articles).to_pylist()}
    assert arts["jan"].split("/")[0] != arts["jun"].split("/")[0]
    assert arts["jan"] != arts["jun"]


def warc(pages):
    """A WARC file of response records for invented pages, as a crawler writes it."""
    out = b""
    for n, (url, body) in enumerate(pages):
        http = (
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            f"<html><head><title>{body[:40]}</title></head><body><article><p>{body}</p></article></body></html>"
        ).encode()
        head = (
            "WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012}>\r\n"
            f"WARC-Target-URI: {url}\r\nWARC-Date: 2026-03-02T08:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
        ).encode()
        out += head + http + b"\r\n\r\n"
    return out


def test_warc_and_jsonl_inputs(spark, tmp_path):
    import gzip

    harbour = (
        "The harbour of Tarvik reopened on Monday after divers checked the damaged pier, the port "
        "office said. Cranes were back in service by noon, and the first ferry left for the islands "
        "at two in the afternoon with forty passengers on board."
    )
    bank = (
        "The central bank of Norland raised its main rate to 4.5 percent on Thursday, Governor Ilse "
        "Marten told reporters in Velholm. Two members of the board voted to keep the rate unchanged."
    )
    (tmp_path / "warc").mkdir()
    (tmp_path / "warc" / "crawl-0.warc.gz").write_bytes(
        gzip.compress(warc([("https://tarvik-post.example/a", harbour), ("https://norland-daily.example/b", bank)]))
    )
    rows = [{"id": "copy", "text": harbour + " Share this article.", "url": "https://isle-news.example/c"}]
    inputs = write_partitioned(rows, tmp_path / "in", parts=1)
    result = run(
        spark, inputs, str(tmp_path / "out"), warc=[str(tmp_path / "warc" / "crawl-0.warc.gz")],
        work=str(tmp_path / "work"), partitions=2,
    )
    arts = {a["id"]: a for a in pq.read_table(result.articles).to_pylist()}
    first = "urn:uuid:00000000-0000-4000-8000-000000000000"
    assert set(arts) == {first, "urn:uuid:00000000-0000-4000-8000-000000000001", "copy"}
    # Both undated: the canonical order is by id, so "copy" comes first.
    assert arts[first]["duplicate_of"] == "copy"
    assert arts["urn:uuid:00000000-0000-4000-8000-000000000001"]["duplicate_of"] is None
    assert result.counts["errors"] == 0
