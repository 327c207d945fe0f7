#!/usr/bin/env python3
"""roundtrip.py - property test of talks export: nothing lost on the way.

Generates records with awkward bytes in every field (quotes, commas,
tabs, LF, CR, CRLF, backslashes, blanks at the ends, empty fields,
non-ASCII, bytes that are not UTF-8, a leading quote) from a fixed seed,
writes them as CSV and runs ./talks on them:

  export -t csv F                 reads back (with Python's csv module)
                                  as exactly the generated values
  export -t csv F | export -t csv       the same bytes
  export -t tsv F | export -t tsv       the same bytes
  export -t tsv F | export -t csv       the same bytes as csv
  export -t json / jsonl F        parses as JSON and gives the values, with
                                  bad bytes as Python's "replace" decodes
                                  them, and one warning per such record
  export -t csv --excel F         BOM, CRLF, formulas guarded with "'"
  ... | export -t csv --excel --unguard   the same bytes

Usage: python3 tests/roundtrip.py [RECORDS [SEED]]
"""
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TALKS = os.path.join(TOP, "talks")
WIDE = [b"title", b"speaker", b"track", b"level", b"description",
        b"abstract", b"bio", b"notes"]
HEADER = WIDE

PIECES = [b'"', b",", b"\t", b"\n", b"\r", b"\r\n", b"\\", b" ", b"  ",
          b"a", b"b", b"z", b"0", b";", b"=", b"+", b"-", b"@", b"'",
          b"|", b"<", b"&", b"\\t", b"\\n", b"\\\\", b'""',
          "\u00e9".encode(), "\u2013".encode(), "\U0001f3a4".encode(),
          b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\x80",
          b"\x00", b"\x01", b"\x1f", b"\x7f"]

# Values that have broken readers and writers before: kept in every run.
FIXED = [b"", b'"', b'""', b'"a', b'a"', b'a"b', b"\r", b"\n", b"\r\n",
         b"\\", b"x\\", b"\\t", b" lead", b"trail ", b"\t", b"=cmd()",
         b"+1", b"-2", b"@x", b"\"quoted\" then", b",", b"\xff\xfe"]


def value(rng):
    kind = rng.random()
    if kind < 0.15:
        return b""
    if kind < 0.25:
        return rng.choice(FIXED)
    out = []
    if rng.random() < 0.1:
        out.append(b'"')
    for _ in range(rng.randint(1, 12)):
        if rng.random() < 0.1:
            out.append(bytes([rng.randint(0, 255)]))
        else:
            out.append(rng.choice(PIECES))
    return b"".join(out)


def records(rng, n):
    recs = [[b""] * len(HEADER),             # every field empty
            [b""] * (len(HEADER) - 1) + [b"x"],
            [b'"'] + [b""] * (len(HEADER) - 1)]
    recs += [[f] * len(HEADER) for f in FIXED]
    while len(recs) < n:
        recs.append([value(rng) for _ in HEADER])
    return recs


def csv_field(v, rng):
    """Writes v quoted when it must be, and sometimes when it need not."""
    must = any(c in v for c in (b'"', b",", b"\n", b"\r"))
    if must or rng.random() < 0.3:
        return b'"' + v.replace(b'"', b'""') + b'"'
    return v


def write_csv(recs, rng):
    out = [b",".join(HEADER) + b"\n"]
    for r in recs:
        line = b",".join(csv_field(v, rng) for v in r)
        if line == b"":
            line = b'""'
        out.append(line + rng.choice([b"\n", b"\r\n"]))
    return b"".join(out)


def talks(args, data=None, path=None):
    p = subprocess.run([TALKS, "export"] + args + ([path] if path else []),
                       input=data, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit("talks export %s: exit %d: %s" % (
            " ".join(args), p.returncode, p.stderr[:400]))
    return p.stdout, p.stderr


def read_csv(data):
    """Reads CSV bytes with Python's own reader, byte for byte."""
    text = io.StringIO(data.decode("latin-1"), newline="")
    return [[v.encode("latin-1") for v in row] for row in csv.reader(text)]


failures = 0


def fail(what, detail=""):
    global failures
    failures += 1
    if failures <= 10:
        print("FAIL %s %s" % (what, detail))


def same_bytes(what, got, want):
    if got != want:
        at = next((i for i in range(min(len(got), len(want)))
                   if got[i] != want[i]), min(len(got), len(want)))
        fail(what, "differs at byte %d: %r vs %r" % (
            at, got[max(0, at - 20):at + 20], want[max(0, at - 20):at + 20]))


def check_values(what, rows, recs):
    if rows[0] != HEADER:
        fail(what, "header %r" % rows[0])
    if len(rows) - 1 != len(recs):
        fail(what, "%d records, want %d" % (len(rows) - 1, len(recs)))
    for i, (got, want) in enumerate(zip(rows[1:], recs)):
        if got != want:
            fail(what, "record %d: %r, want %r" % (i + 1, got, want))


def decoded(v):
    return v.decode("utf-8", errors="replace")


def check_json(what, objs, recs, err):
    names = [h.decode() for h in HEADER]
    if len(objs) != len(recs):
        fail(what, "%d objects, want %d" % (len(objs), len(recs)))
    for i, (o, r) in enumerate(zip(objs, recs)):
        if list(o.keys()) != names or \
           list(o.values()) != [decoded(v) for v in r]:
            fail(what, "record %d: %r" % (i + 1, o))
    bad = 0
    for r in recs:
        try:
            for v in r:
                v.decode("utf-8")
        except UnicodeDecodeError:
            bad += 1
    lines = [l for l in err.decode().splitlines()
             if not l.endswith("--unguard drops that '") and
             not l.endswith("--encoding cp1252 reads it)")]
    warnings = [l for l in lines if l.endswith(": invalid UTF-8 replaced")]
    if len(warnings) != bad or len(lines) != bad:
        fail(what, "%d warnings, want %d" % (len(warnings), bad))


def check_excel(out, recs):
    if not out.startswith(b"\xef\xbb\xbf"):
        fail("excel", "no byte order mark")
    body = out[3:]
    rows = read_csv(body)
    want = [[b"'" + v if v[:1] in (b"=", b"+", b"-", b"@", b"|", b"%",
                                   b"\t", b"\r")
             else v for v in r] for r in recs]
    check_values("excel values", rows, want)
    # Every line end outside quotes is CRLF: re-joined rows must match.
    if body.count(b"\r\n") < len(recs) + 1:
        fail("excel", "line ends are not CRLF")


def run(rng, n):
    recs = records(rng, n)
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "gen.csv")
        with open(src, "wb") as f:
            f.write(write_csv(recs, rng))
        out_csv, _ = talks(["-t", "csv"], path=src)
        check_values("csv values", read_csv(out_csv), recs)
        same_bytes("csv | csv", talks(["-t", "csv"], out_csv)[0], out_csv)
        out_tsv, _ = talks(["-t", "tsv"], path=src)
        # A header of one name has no delimiter to tell TSV from CSV by.
        tsv_in = ["--tsv"] if len(HEADER) == 1 else []
        same_bytes("tsv | tsv", talks(["-t", "tsv"] + tsv_in, out_tsv)[0],
                   out_tsv)
        same_bytes("tsv | csv", talks(["-t", "csv"] + tsv_in, out_tsv)[0],
                   out_csv)
        same_bytes("csv | tsv", talks(["-t", "tsv"], out_csv)[0], out_tsv)
        out, err = talks(["-t", "json"], path=src)
        check_json("json", json.loads(out.decode("utf-8")), recs, err)
        out, err = talks(["-t", "jsonl"], path=src)
        lines = out.decode("utf-8").split("\n")
        if lines[-1] != "":
            fail("jsonl", "no final line feed")
        check_json("jsonl", [json.loads(l) for l in lines[:-1]], recs, err)
        excel = talks(["-t", "csv", "--excel"], path=src)[0]
        check_excel(excel, recs)
        # Read back with --unguard and guarded again: the same bytes.
        same_bytes("excel | unguard excel",
                   talks(["-t", "csv", "--excel", "--unguard"], excel)[0],
                   excel)


def main():
    global HEADER
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    rng = random.Random(seed)
    run(rng, n)
    # One column: a row of one empty field must not become a blank line.
    HEADER = WIDE[:1]
    run(rng, n // 10)
    HEADER = WIDE[:2]
    run(rng, n // 10)
    if failures:
        print("%d failures" % failures)
        return 1
    print("%d records: csv, tsv, json, jsonl, excel round trips hold" % n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
