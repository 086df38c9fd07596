"""crosscheck reads many news reports and gives each story back once, every fact tied to its
sources.

The engine is Rust (the ``crosscheck`` workspace); this package wraps it in the shapes Python
users know:

- :func:`extract` turns one HTML page or text into a dict, the fields of ``crosscheck extract``;
- :class:`MinHash` and :class:`MinHashLSH` follow datasketch's API, and :func:`signatures`
  computes the engine's word 5-gram signatures of many texts at once as a NumPy array;
- :func:`dedup`, :func:`cluster` and :func:`fuse` take any table that speaks the Arrow
  PyCapsule interface (pyarrow, polars, pandas through pyarrow) with ``id``/``text``/``html``/
  ``url``/``published`` columns; the first two return it as a pyarrow table with ``group``,
  ``duplicate_of`` (and ``story``) added, :func:`fuse` returns a ``crosscheck.story/1``
  document as a dict.

Batch calls release the GIL and run on all cores. A row that fails does not stop the batch: its
``error`` column names it and says why (pass ``errors="raise"`` to raise instead). Every
object pickles, so Spark and Ray can ship it to workers; :mod:`crosscheck.spark` is a Spark job
over the same engine.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import numpy as _np

from . import _native
from ._native import CrosscheckError, ExtractError, FuseError

__all__ = [
    "STORY_SCHEMA",
    "CrosscheckError",
    "ExtractError",
    "FuseError",
    "MinHash",
    "MinHashLSH",
    "cluster",
    "dedup",
    "extract",
    "extract_table",
    "fuse",
    "records",
    "signatures",
    "to_table",
]

STORY_SCHEMA: str = _native.STORY_SCHEMA
"""The schema name of fused story documents, ``crosscheck.story/1``."""

# The input fields a row may carry: those of crosscheck's JSON Lines input (see
# `crosscheck::ingest::json`), so that a table and a JSONL file of the same rows read alike.
FIELDS: Tuple[str, ...] = (
    "id",
    "text",
    "maintext",
    "raw_text",
    "body",
    "html",
    "raw_html",
    "url",
    "link",
    "source",
    "title",
    "headline",
    "outlet",
    "sitename",
    "hostname",
    "author",
    "authors",
    "byline",
    "published",
    "date_publish",
    "date",
    "published_at",
    "language",
    "lang",
    "fetched",
)


def _json_value(v: Any) -> Any:
    if isinstance(v, (_dt.datetime, _dt.date)):
        return v.isoformat()
    if isinstance(v, bytes):
        return v.decode("utf-8", errors="replace")
    return v


def extract(html_or_text: str, url: Optional[str] = None, *, id: Optional[str] = None) -> Dict[str, Any]:
    """Extracts the article of one HTML page or plain text.

    Returns a dict with the fields of ``crosscheck extract``: ``id``, ``source``, ``url``,
    ``outlet``, ``title``, ``published`` (``YYYY-MM-DD`` or ``None``), ``language``, ``text``
    and ``removed`` (the lines dropped as page chrome), plus ``published_month`` (``YYYY-MM``)
    only when the page gives a month and no day (a ``/2025/11/slug`` permalink). Content that starts with ``<`` is read
    as HTML. Raises :class:`ExtractError` naming the document when it holds no article.

    >>> a = extract("<html><body><article><p>...</p></article></body></html>", url="https://example.org/a")
    """
    if not isinstance(html_or_text, str):
        raise TypeError(f"extract takes a str, not {type(html_or_text).__name__}")
    doc_id = id if id is not None else "doc"
    field = "html" if html_or_text.lstrip()[:1] == "<" else "text"
    rec: Dict[str, Any] = {"id": doc_id, field: html_or_text}
    if url is not None:
        rec["url"] = url
    return _json.loads(_native.extract_record(doc_id, _json.dumps(rec)))


# ---------------------------------------------------------------------------------------------
# MinHash, datasketch style.


class MinHash:
    """A MinHash signature, with the API of ``datasketch.MinHash``.

    ``update`` adds one element (``bytes`` or ``str``); ``jaccard`` estimates the Jaccard
    similarity of two sets from the fraction of equal entries. The permutations are the
    engine's (``a·x + b mod 2³²`` drawn from ``seed``), so a signature from
    :meth:`MinHash.from_text` matches the deduplicator's for the same text and seed; values
    differ from datasketch's, whose hash functions are different.
    """

    __slots__ = ("num_perm", "seed", "hashvalues")

    def __init__(self, num_perm: int = 128, seed: int = 1, hashvalues: Optional[Iterable[int]] = None) -> None:
        if num_perm <= 0:
            raise ValueError(f"num_perm must be positive, got {num_perm}")
        self.num_perm = int(num_perm)
        self.seed = int(seed)
        if hashvalues is None:
            self.hashvalues = _np.full(self.num_perm, _np.iinfo(_np.uint32).max, dtype=_np.uint32)
        else:
            hv = _np.asarray(hashvalues, dtype=_np.uint32).copy()
            if hv.shape != (self.num_perm,):
                raise ValueError(f"hashvalues has {hv.size} entries, num_perm is {self.num_perm}")
            self.hashvalues = hv

    @classmethod
    def from_text(cls, text: str, num_perm: int = 128, seed: Optional[int] = None) -> "MinHash":
        """The signature of ``text``'s word 5-grams, as the deduplicator computes it.

        ``seed`` defaults to the deduplicator's own (recorded as ``seed=-1``; such a signature
        compares with others made the same way, and takes no tokens).
        """
        sig = signatures([text], num_perm=num_perm, seed=seed)[0]
        return cls(num_perm, seed=-1 if seed is None else seed, hashvalues=sig)

    def update(self, b: Union[bytes, str]) -> None:
        """Adds one element."""
        self.update_batch([b])

    def update_batch(self, bs: Iterable[Union[bytes, str]]) -> None:
        """Adds many elements at once."""
        tokens = [x.encode("utf-8") if isinstance(x, str) else bytes(x) for x in bs]
        if not tokens:
            return
        if self.seed < 0:
            raise ValueError("a MinHash made by from_text with the deduplicator's seed takes no tokens")
        sig = _np.frombuffer(_native.token_signature(tokens, self.num_perm, self.seed), dtype=_np.uint32)
        _np.minimum(self.hashvalues, sig, out=self.hashvalues)

    def _check(self, other: "MinHash") -> None:
        if not isinstance(other, MinHash):
            raise TypeError(f"expected a MinHash, got {type(other).__name__}")
        if other.num_perm != self.num_perm or other.seed != self.seed:
            raise ValueError(
                f"cannot compare MinHash of num_perm {self.num_perm}, seed {self.seed} "
                f"with one of num_perm {other.num_perm}, seed {other.seed}"
            )

    def jaccard(self, other: "MinHash") -> float:
        """The estimated Jaccard similarity to ``other`` (same ``num_perm`` and ``seed``)."""
        self._check(other)
        return float(_np.count_nonzero(self.hashvalues == other.hashvalues)) / self.num_perm

    def merge(self, other: "MinHash") -> None:
        """Makes this the signature of the union of both sets."""
        self._check(other)
        _np.minimum(self.hashvalues, other.hashvalues, out=self.hashvalues)

    def digest(self) -> _np.ndarray:
        """A copy of the hash values."""
        return self.hashvalues.copy()

    def is_empty(self) -> bool:
        """Whether no element was added."""
        return bool(_np.all(self.hashvalues == _np.iinfo(_np.uint32).max))

    def copy(self) -> "MinHash":
        """An independent copy."""
        return MinHash(self.num_perm, self.seed, self.hashvalues)

    def __len__(self) -> int:
        return self.num_perm

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, MinHash)
            and other.seed == self.seed
            and bool(_np.array_equal(other.hashvalues, self.hashvalues))
        )

    __hash__ = None  # type: ignore[assignment]

    def __getstate__(self) -> Tuple[int, int, bytes]:
        return (self.num_perm, self.seed, self.hashvalues.tobytes())

    def __setstate__(self, state: Tuple[int, int, bytes]) -> None:
        self.num_perm, self.seed, raw = state
        self.hashvalues = _np.frombuffer(raw, dtype=_np.uint32).copy()

    def __repr__(self) -> str:
        return f"MinHash(num_perm={self.num_perm}, seed={self.seed})"


class MinHashLSH:
    """An LSH index of MinHash signatures, with the API of ``datasketch.MinHashLSH``.

    Signatures are cut into ``b`` bands of ``r`` rows; two keys are candidates when a band is
    equal. The banding is the deduplicator's for ``threshold`` (or ``params=(b, r)``).
    ``query`` returns candidates, which are likely but not certain to be at or above the
    threshold (verify with :meth:`MinHash.jaccard` when it matters).
    """

    def __init__(
        self, threshold: float = 0.9, num_perm: int = 128, params: Optional[Tuple[int, int]] = None
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = float(threshold)
        self.num_perm = int(num_perm)
        if params is None:
            b, r = _native.bands(self.threshold, self.num_perm)
        else:
            b, r = params
            if b <= 0 or r <= 0 or b * r > self.num_perm:
                raise ValueError(f"params {params} need b·r ≤ num_perm ({self.num_perm})")
        self.b, self.r = int(b), int(r)
        self._tables: List[Dict[bytes, set]] = [dict() for _ in range(self.b)]
        self._keys: Dict[Any, List[bytes]] = {}

    def _bands(self, m: MinHash) -> List[bytes]:
        if m.num_perm != self.num_perm:
            raise ValueError(f"MinHash has num_perm {m.num_perm}, the index {self.num_perm}")
        hv = m.hashvalues
        return [hv[i * self.r : (i + 1) * self.r].tobytes() for i in range(self.b)]

    def insert(self, key: Any, minhash: MinHash, check_duplication: bool = True) -> None:
        """Adds ``minhash`` under ``key``; a key already present is an error."""
        if check_duplication and key in self._keys:
            raise ValueError(f"the key {key!r} is already in the index")
        bands = self._bands(minhash)
        self._keys[key] = bands
        for table, band in zip(self._tables, bands):
            table.setdefault(band, set()).add(key)

    def query(self, minhash: MinHash) -> List[Any]:
        """The keys that share a band with ``minhash``."""
        out: set = set()
        for table, band in zip(self._tables, self._bands(minhash)):
            out.update(table.get(band, ()))
        return list(out)

    def remove(self, key: Any) -> None:
        """Removes ``key``; a missing key is an error."""
        if key not in self._keys:
            raise ValueError(f"the key {key!r} is not in the index")
        for table, band in zip(self._tables, self._keys.pop(key)):
            members = table[band]
            members.discard(key)
            if not members:
                del table[band]

    def __contains__(self, key: Any) -> bool:
        return key in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def is_empty(self) -> bool:
        """Whether the index holds no key."""
        return not self._keys

    def keys(self) -> List[Any]:
        """The keys in the index."""
        return list(self._keys)

    def __repr__(self) -> str:
        return f"MinHashLSH(threshold={self.threshold}, num_perm={self.num_perm}, b={self.b}, r={self.r}, keys={len(self)})"


def signatures(texts: Sequence[str], num_perm: int = 128, seed: Optional[int] = None) -> _np.ndarray:
    """The word 5-gram MinHash signatures of ``texts``, as the deduplicator computes them.

    Returns a ``(len(texts), num_perm)`` array of ``uint32``. Runs on all cores without the GIL.
    ``seed`` defaults to the deduplicator's own.
    """
    texts = list(texts)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(f"text {i} is a {type(t).__name__}, not a str")
    raw = _native.text_signatures(texts, num_perm, 5, seed)
    return _np.frombuffer(raw, dtype=_np.uint32).reshape(len(texts), num_perm).copy()


# ---------------------------------------------------------------------------------------------
# Tables.


def to_table(data: Any):
    """``data`` as a ``pyarrow.Table``: a pyarrow table or record batch, anything with the
    Arrow PyCapsule stream interface (``__arrow_c_stream__``: polars, DuckDB, …), a pandas
    DataFrame, a dict of columns or a list of row dicts."""
    import pyarrow as pa

    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    if hasattr(data, "__arrow_c_stream__"):
        return pa.RecordBatchReader.from_stream(data).read_all()
    if type(data).__module__.startswith("pandas"):
        return pa.Table.from_pandas(data, preserve_index=False)
    if isinstance(data, dict):
        return pa.table(data)
    if isinstance(data, list):
        keys: Dict[str, None] = {}
        for row in data:
            keys.update(dict.fromkeys(row))
        return pa.table({k: [row.get(k) for row in data] for k in keys})
    raise TypeError(
        f"expected a table (pyarrow, polars, pandas or anything with __arrow_c_stream__), got {type(data).__name__}"
    )


def records(table: Any) -> Tuple[List[str], List[str]]:
    """The rows of ``table`` as crosscheck input records (JSON objects) with their names.

    A row without an ``id`` gets its row number. Columns other than the input fields are
    ignored. Used by :func:`dedup`, :func:`cluster`, :func:`fuse` and the Spark job.
    """
    t = to_table(table)
    cols = [c for c in FIELDS if c in t.column_names]
    if not any(c in t.column_names for c in ("text", "maintext", "raw_text", "body", "html", "raw_html")):
        raise ValueError(f"the table has no text or html column (columns: {', '.join(t.column_names)})")
    data = {c: t.column(c).to_pylist() for c in cols}
    names, recs = [], []
    for i in range(t.num_rows):
        rec = {}
        for c in cols:
            v = data[c][i]
            if v is not None:
                rec[c] = _json_value(v)
        rec["id"] = str(rec["id"]) if "id" in rec else str(i)
        names.append(rec["id"])
        recs.append(_json.dumps(rec, ensure_ascii=False))
    return names, recs


def _run(stage: str, table: Any, threshold: float, num_perm: int, errors: str):
    if errors not in ("keep", "raise"):
        raise ValueError(f"errors must be 'keep' or 'raise', got {errors!r}")
    t = to_table(table)
    names, recs = records(t)
    out = _native.run_batch(stage, names, recs, threshold, num_perm)
    ids, payload, group, first, sim, story, score, stories, story_errors = out
    if errors == "raise":
        for i, a in enumerate(ids):
            if a is None:
                raise ExtractError(f"row {i}: {payload[i]}")
        if story_errors:
            raise FuseError(story_errors[0])
    return t, out


def _with(t, ids, columns: Dict[str, Tuple[list, Any]]):
    import pyarrow as pa

    if "id" not in t.column_names:
        t = t.append_column("id", pa.array(ids, pa.string()))
    for name, (values, typ) in columns.items():
        arr = pa.array(values, typ)
        if name in t.column_names:
            t = t.set_column(t.column_names.index(name), name, arr)
        else:
            t = t.append_column(name, arr)
    return t


def dedup(table: Any, *, threshold: float = 0.5, num_perm: int = 128, errors: str = "keep"):
    """Marks exact and near-duplicates (word 5-gram Jaccard ≥ ``threshold``) in ``table``.

    Returns a ``pyarrow.Table``: the input with ``group`` (duplicate group, numbered from 0 in
    row order), ``duplicate_of`` (the id of the group's first row, ``None`` for the first
    itself), ``similarity`` and ``error`` (why the row has no article, else ``None``) added.
    The rule is ``crosscheck dedup``'s: each member is verified against its group's first row.
    """
    import pyarrow as pa

    t, (ids, payload, group, first, sim, _s, _sc, _st, _se) = _run("dedup", table, threshold, num_perm, errors)
    dup = [ids[f] if f is not None else None for f in first]
    err = [payload[i] if ids[i] is None else None for i in range(len(ids))]
    return _with(
        t,
        ids,
        {
            "group": (group, pa.int64()),
            "duplicate_of": (dup, pa.string()),
            "similarity": (sim, pa.float32()),
            "error": (err, pa.string()),
        },
    )


def cluster(table: Any, *, threshold: float = 0.5, num_perm: int = 128, errors: str = "keep"):
    """Marks duplicates as :func:`dedup` does, then groups the rows into stories.

    Returns a ``pyarrow.Table`` with ``group``, ``duplicate_of``, ``similarity``, ``story``
    (the story id, ``s`` and ten hex digits from the story's earliest row, as ``crosscheck
    cluster`` and the store name it), ``score`` (how firmly the row sits in its
    story) and ``error`` added. A duplicate gets its group's first row's story.
    """
    import pyarrow as pa

    t, (ids, payload, group, first, sim, story, score, _st, _se) = _run("cluster", table, threshold, num_perm, errors)
    dup = [ids[f] if f is not None else None for f in first]
    err = [payload[i] if ids[i] is None else None for i in range(len(ids))]
    return _with(
        t,
        ids,
        {
            "group": (group, pa.int64()),
            "duplicate_of": (dup, pa.string()),
            "similarity": (sim, pa.float32()),
            "story": (story, pa.string()),
            "score": (score, pa.float32()),
            "error": (err, pa.string()),
        },
    )


def fuse(
    table: Any, *, threshold: float = 0.5, num_perm: int = 128, errors: str = "keep", return_table: bool = False
):
    """Deduplicates, clusters and fuses the rows of ``table`` into stories.

    Returns a ``crosscheck.story/1`` document as a dict, ``{"schema": ..., "stories": [...]}``,
    the same document ``crosscheck fuse --format json`` writes for the same input: one story
    per cluster in order of its first row, claims, quotes, conflicts and timeline each tied to
    the articles that carry them. Rows that fail are listed under ``"errors"`` (with
    ``errors="keep"``), as ``"<row id>: <reason>"``. With ``return_table=True``, returns
    ``(table, document)``, the table as :func:`cluster` gives it.
    """
    import pyarrow as pa

    t, (ids, payload, group, first, sim, story, score, stories, story_errors) = _run(
        "fuse", table, threshold, num_perm, errors
    )
    doc: Dict[str, Any] = {"schema": STORY_SCHEMA, "stories": [_json.loads(s) for s in stories]}
    failed = [payload[i] for i in range(len(ids)) if ids[i] is None] + list(story_errors)
    if failed:
        doc["errors"] = failed
    if not return_table:
        return doc
    dup = [ids[f] if f is not None else None for f in first]
    err = [payload[i] if ids[i] is None else None for i in range(len(ids))]
    out = _with(
        t,
        ids,
        {
            "group": (group, pa.int64()),
            "duplicate_of": (dup, pa.string()),
            "similarity": (sim, pa.float32()),
            "story": (story, pa.string()),
            "score": (score, pa.float32()),
            "error": (err, pa.string()),
        },
    )
    return out, doc


def extract_table(table: Any, *, errors: str = "keep"):
    """The extracted article of each row, as dicts (``None`` where extraction failed)."""
    _t, (ids, payload, *_rest) = _run("extract", table, 0.5, 128, errors)
    return [_json.loads(p) if a is not None else None for a, p in zip(ids, payload)]
