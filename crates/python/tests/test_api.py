"""The package's API: extraction, MinHash, LSH, the table functions, errors and pickling."""

from __future__ import annotations

import pickle
import re
import threading
import time

import numpy as np
import pyarrow as pa
import pytest

import crosscheck

# Invented reports (never third-party text).
HARBOUR = (
    "The harbour of Tarvik reopened on Monday after divers checked the damaged pier, the port "
    "office said. Cranes were back in service by noon, and the first ferry left for the islands "
    "at two in the afternoon with forty passengers on board."
)
HARBOUR_2 = (
    "Divers in Tarvik finished checking the damaged pier on Monday and the harbour reopened, "
    "port officials said, with the first ferry leaving for the islands in the afternoon."
)
BANK = (
    "The central bank of Norland raised its main rate to 4.5 percent on Thursday, Governor "
    "Ilse Marten told reporters in Velholm. Two members of the board voted to keep the rate "
    "unchanged, and markets had expected the increase for weeks."
)
PAGE = (
    "<html><head><title>Harbour reopens - Tarvik Post</title></head><body><nav>Home | News</nav>"
    "<article><h1>Harbour reopens</h1><p>" + HARBOUR + "</p></article>"
    "<footer>Subscribe to the Tarvik Post</footer></body></html>"
)


def table(rows):
    return crosscheck.to_table(rows)


def test_extract_text_and_html():
    a = crosscheck.extract(HARBOUR, url="https://www.tarvik-post.example/harbour")
    assert a["text"].startswith("The harbour of Tarvik reopened")
    assert a["url"] == "https://www.tarvik-post.example/harbour"
    assert a["outlet"] == "tarvik-post.example"
    assert set(a) == {"id", "source", "url", "outlet", "title", "published", "language", "text", "removed"}
    h = crosscheck.extract(PAGE)
    assert "Tarvik reopened on Monday" in h["text"]
    assert "Subscribe" not in h["text"]
    assert h["language"] == "en"


def test_a_permalink_month_is_kept_when_no_day_is_given():
    url = "https://www.tarvik-post.example/2025/11/harbour-reopens"
    a = crosscheck.extract(HARBOUR, url=url)
    assert a["published"] is None
    assert a["published_month"] == "2025-11"
    doc = crosscheck.fuse(table([{"id": "m", "text": HARBOUR, "url": url}]))
    assert doc["stories"][0]["articles"][0]["published"] == "2025-11"


def test_extract_error_names_the_document():
    with pytest.raises(crosscheck.ExtractError, match="empty-page"):
        crosscheck.extract("<html><body><nav>Home</nav></body></html>", id="empty-page")
    with pytest.raises(TypeError):
        crosscheck.extract(b"bytes")  # type: ignore[arg-type]


def test_minhash_estimates_jaccard_and_pickles():
    a, b = crosscheck.MinHash(256), crosscheck.MinHash(256)
    a.update_batch(f"w{i}" for i in range(200))
    for i in range(100, 300):
        b.update(f"w{i}".encode())
    est = a.jaccard(b)
    assert abs(est - 1 / 3) < 0.12, est
    assert a.jaccard(a) == 1.0
    c = pickle.loads(pickle.dumps(a))
    assert c == a and c.jaccard(b) == est
    u = a.copy()
    u.merge(b)
    assert u.jaccard(a) > est
    assert crosscheck.MinHash().is_empty() and not a.is_empty()
    with pytest.raises(ValueError, match="num_perm"):
        a.jaccard(crosscheck.MinHash(128))


def test_minhash_from_text_matches_signatures():
    sigs = crosscheck.signatures([HARBOUR, BANK, HARBOUR + " Share this article."])
    assert sigs.shape == (3, 128) and sigs.dtype == np.uint32
    m = crosscheck.MinHash.from_text(HARBOUR)
    assert np.array_equal(m.hashvalues, sigs[0])
    copy = crosscheck.MinHash(128, seed=m.seed, hashvalues=sigs[2])
    assert m.jaccard(copy) > 0.7
    other = crosscheck.MinHash(128, seed=m.seed, hashvalues=sigs[1])
    assert m.jaccard(other) < 0.1
    with pytest.raises(ValueError, match="takes no tokens"):
        m.update("more")
    with pytest.raises(TypeError, match="text 1"):
        crosscheck.signatures(["ok", 3])  # type: ignore[list-item]


def test_lsh_insert_query_remove_and_pickle():
    lsh = crosscheck.MinHashLSH(threshold=0.5, num_perm=128)
    sigs = crosscheck.signatures([HARBOUR, HARBOUR + " Share this article.", BANK])
    ms = [crosscheck.MinHash(128, seed=-1, hashvalues=s) for s in sigs]
    lsh.insert("harbour", ms[0])
    lsh.insert("bank", ms[2])
    assert "harbour" in lsh and len(lsh) == 2
    assert lsh.query(ms[1]) == ["harbour"]
    with pytest.raises(ValueError, match="already"):
        lsh.insert("harbour", ms[0])
    back = pickle.loads(pickle.dumps(lsh))
    assert back.query(ms[1]) == ["harbour"]
    lsh.remove("harbour")
    assert lsh.query(ms[1]) == [] and back.query(ms[1]) == ["harbour"]
    with pytest.raises(ValueError, match="not in the index"):
        lsh.remove("harbour")


def test_dedup_and_cluster_add_columns():
    rows = [
        {"id": "a", "text": HARBOUR},
        {"id": "b", "text": BANK},
        {"id": "c", "text": HARBOUR + " Share this article."},
        {"id": "d", "text": HARBOUR_2},
    ]
    d = crosscheck.dedup(table(rows))
    assert d.column("duplicate_of").to_pylist() == [None, None, "a", None]
    assert d.column("group").to_pylist() == [0, 1, 0, 2]
    c = crosscheck.cluster(table(rows))
    s = c.column("story").to_pylist()
    assert s[0] == s[2] == s[3] and s[1] != s[0]
    assert c.column("error").to_pylist() == [None] * 4


def test_any_arrow_table_is_accepted():
    rows = [{"id": "a", "text": HARBOUR}, {"id": "b", "text": HARBOUR + " Share this article."}]
    want = crosscheck.dedup(table(rows)).column("duplicate_of").to_pylist()
    batch = pa.RecordBatch.from_pylist(rows)
    assert crosscheck.dedup(batch).column("duplicate_of").to_pylist() == want

    class Capsule:  # only the PyCapsule stream interface
        def __arrow_c_stream__(self, requested_schema=None):
            return table(rows).__arrow_c_stream__(requested_schema)

    assert crosscheck.dedup(Capsule()).column("duplicate_of").to_pylist() == want
    assert crosscheck.dedup({"id": ["a", "b"], "text": [r["text"] for r in rows]}).column("duplicate_of").to_pylist() == want
    pd = pytest.importorskip("pandas")
    assert crosscheck.dedup(pd.DataFrame(rows)).column("duplicate_of").to_pylist() == want


def test_bad_rows_are_named_and_do_not_stop_the_batch():
    rows = [
        {"id": "a", "text": HARBOUR},
        {"id": "empty", "text": "   "},
        {"id": "c", "text": HARBOUR + " Share this article."},
    ]
    d = crosscheck.dedup(table(rows))
    err = d.column("error").to_pylist()
    assert err[0] is None and err[2] is None
    assert "empty" in err[1]
    assert d.column("duplicate_of").to_pylist() == [None, None, "a"]
    with pytest.raises(crosscheck.ExtractError, match="row 1"):
        crosscheck.dedup(table(rows), errors="raise")
    with pytest.raises(ValueError, match="no text or html column"):
        crosscheck.dedup(table([{"id": "x", "body_html": "<p>hi</p>"}]))
    doc = crosscheck.fuse(table(rows))
    assert any("empty" in e for e in doc["errors"])


def test_fuse_returns_a_story_document():
    rows = [
        {"id": "a", "text": HARBOUR, "url": "https://tarvik-post.example/1", "published": "2026-03-02"},
        {"id": "b", "text": BANK},
        {"id": "d", "text": HARBOUR_2, "url": "https://isle-news.example/2"},
    ]
    doc = crosscheck.fuse(table(rows))
    assert doc["schema"] == crosscheck.STORY_SCHEMA == "crosscheck.story/1"
    assert [sorted(a["id"] for a in s["articles"]) for s in doc["stories"]] == [["a", "d"], ["b"]]
    assert doc["stories"][0]["articles"][0]["published"] == "2026-03-02"
    assert all(re.fullmatch(r"s[0-9a-f]{10}", s["id"]) for s in doc["stories"])
    t, doc2 = crosscheck.fuse(table(rows), return_table=True)
    assert doc2 == doc
    assert t.column("story").to_pylist() == crosscheck.cluster(table(rows)).column("story").to_pylist()


def test_dates_in_arrow_types_are_read():
    import datetime as dt

    rows = [{"id": "a", "text": HARBOUR, "published": dt.date(2026, 3, 2)}]
    a = crosscheck.extract_table(table(rows))[0]
    assert a["published"] == "2026-03-02"


def test_batch_calls_release_the_gil():
    texts = [HARBOUR + f" Item {i}." for i in range(3000)]
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    start = time.perf_counter()
    crosscheck.signatures(texts)
    crosscheck.dedup(table([{"id": str(i), "text": x} for i, x in enumerate(texts[:300])]))
    elapsed = time.perf_counter() - start
    stop.set()
    t.join()
    during = [x for x in ticks if start <= x <= start + elapsed]
    # A thread that holds the GIL through the call would starve the ticker.
    assert len(during) > elapsed * 100, (len(during), elapsed)
