#!/usr/bin/env python3
"""Writes the ingest test fixtures in resources/test/ (deterministic; run from anywhere).

All text is invented for these tests. Re-run after editing, then review the snapshot diff:
`cargo insta test -p crosscheck-ingest`.
"""
import gzip
import io
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "test")


def gz(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as f:
        f.write(data)
    return buf.getvalue()


def write(name: str, data: bytes) -> None:
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def warc_record(kind: str, n: int, fields: dict, block: bytes) -> bytes:
    head = [
        "WARC/1.1",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:5e1f0000-0000-4000-8000-{n:012d}>",
        f"WARC-Date: 2031-04-0{n % 9 + 1}T06:30:00Z",
        f"Content-Length: {len(block)}",
    ] + [f"{k}: {v}" for k, v in fields.items()]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http(status: str, headers: list, body: bytes) -> bytes:
    return (f"HTTP/1.1 {status}\r\n" + "".join(h + "\r\n" for h in headers) + "\r\n").encode() + body


def chunked(body: bytes, size: int) -> bytes:
    parts = [body[i:i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x;note=1\r\n" % len(p) + p + b"\r\n" for p in parts) + b"0\r\n\r\n"


def response(n: int, url: str, resp: bytes) -> bytes:
    return warc_record("response", n, {"WARC-Target-URI": url, "Content-Type": "application/http; msgtype=response"}, resp)


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)

    write("a-plain.txt", (
        "Ferry service resumes at Lake Orvanne\n\n"
        "The ferry between Port Vessel and Lindmark sailed again on Tuesday after a week of repairs,\n"
        "the operator said. Back to top\n"
    ).encode())
    write("b-notes.md", "# Council notes\n\nThe vote on the harbour wall was put off until May.\n".encode())
    write("c-latin1.html", (
        '<!DOCTYPE html>\n<html><head><meta charset="iso-8859-1"><title>Fête à Castelmare</title></head>\n'
        '<body><nav>Accueil | Régions</nav><p>La fête du port a réuni trois mille personnes, selon la mairie.</p>'
        "<footer>© Le Courrier du Lac</footer></body></html>\n"
    ).encode("latin-1"))
    write("d-feed.jsonl", "\n".join([
        json.dumps({"maintext": "Divers found the old bell near the northern pier on Monday.",
                    "title": "Old bell found", "date_publish": "2031-04-02 09:15:00",
                    "source_domain": "lakeherald.example", "url": "https://www.lakeherald.example/bell",
                    "language": "en", "authors": ["Mira Tolvanen"]}),
        json.dumps({"text": "A bell lost in 1911 was lifted from the lake, divers said.",
                    "title": "Bell raised", "date": "2031-04-02", "hostname": "ortnews.example",
                    "source": "https://ortnews.example/2031/04/bell", "source-hostname": "Ort News",
                    "author": "K. Saari", "id": "ort-bell-1"}),
        '{"text": "this line is cut off',
        json.dumps({"id": "wire-7", "html": "<p>The bell weighs about 300 kilograms.</p>",
                    "url": "http://wire.example/7", "published": "2031-04-03T07:00:00+02:00",
                    "outlet": "Lake Wire", "lang": "en-GB"}),
        "",
        json.dumps({"id": "no-date", "text": "Officials gave no date for the exhibition.",
                    "published": "next spring"}),
    ]).encode() + b"\n")
    write("e-array.json", json.dumps([
        {"id": "arr-1", "text": "The museum will clean the bell before showing it.", "published": "2031/04/05"},
        {"text": "Tickets go on sale next week.", "title": "Tickets"},
        "not an object",
    ], indent=2).encode())
    write("f-single.json", json.dumps({"text": "One object is one document.", "title": "Lone"}, indent=2).encode())

    warc = b"".join([
        warc_record("warcinfo", 1, {"Content-Type": "application/warc-fields"}, b"software: make_fixtures.py\r\n"),
        warc_record("request", 2, {"WARC-Target-URI": "https://lakeherald.example/ferry",
                                   "Content-Type": "application/http; msgtype=request"},
                    b"GET /ferry HTTP/1.1\r\nHost: lakeherald.example\r\n\r\n"),
        response(3, "https://lakeherald.example/ferry", http("200 OK", [
            "Content-Type: text/html; charset=windows-1252", "Transfer-Encoding: chunked"],
            chunked(b"<html><body><p>The ferry \x96 repaired \x96 sailed at noon.</p></body></html>", 17))),
        warc_record("metadata", 4, {"Content-Type": "application/warc-fields"}, b"fetchTimeMs: 41\r\n"),
        response(5, "https://lakeherald.example/logo.png", http("200 OK", ["Content-Type: image/png"], b"\x89PNG\r\n\x1a\n\0\0")),
        response(6, "https://lakeherald.example/old", http("301 Moved Permanently", ["Location: /ferry"], b"")),
    ])
    write("g-crawl.warc", warc)

    members = [
        response(7, "https://www.ortnews.example/harbour", http("200 OK", [
            "Content-Type: text/html", "Content-Encoding: gzip"],
            gz(b"<html><head><meta charset=utf-8></head><body><p>Harbour wall: vote delayed.</p></body></html>"))),
        response(8, "https://ortnews.example/rss", http("200 OK", ["Content-Type: application/rss+xml"], b"<rss/>")),
        response(9, "https://ortnews.example/bell", http("200 OK", ["Content-Type: text/html"],
                                                         b"<p>Second report on the bell.</p>")),
    ]
    write("h-cc.warc.gz", b"".join(gz(m) for m in members))
    # The same records, cut inside the last gzip member: two good records, then one error.
    whole = b"".join(gz(m) for m in members)
    write("i-cut.warc.gz", whole[:-25])

    write("j-page.html.gz", gz(b"<html><body><p>A gzipped page about the regatta.</p></body></html>"))
    regatta = gz("".join(f"Boat {n} finished in place {n * 7 % 97}.\n" for n in range(300)).encode())
    write("k-truncated.txt.gz", regatta[: len(regatta) // 2])
    write("l-empty.txt", b"")
    write("m-blob.dat", bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]) + bytes(range(256)))
    write("n-noext", json.dumps({"id": "sniffed-1", "text": "No extension, found by sniffing."}).encode() + b"\n")
    write("o-utf16.txt", "\ufeffThe jetty in Härnvik reopened.\n".encode("utf-16-le"))
    write("p-story.page", b"<!doctype html><html><body><p>Sniffed as HTML.</p></body></html>")
    write("q-nested/inner.htm", b"<html><body><p>Nested folders are walked.</p></body></html>")
    write("q-nested/z-last.txt", b"Last file in the nested folder.\n")
    write(".hidden.txt", b"Hidden files are skipped.\n")
    write(".hidden-dir/skipped.txt", b"Hidden folders are skipped.\n")


if __name__ == "__main__":
    main()
