"""real_columns.py - checks that talks reads the title (and speaker) of a
real export from the columns its source names, read here with Python's
csv module, independently of talks.

Usage: real_columns.py TALKS SOURCE.csv TITLE [SPEAKER] [-- FLAG...]

TITLE and SPEAKER are header names as the file has them; SPEAKER may be
FIRST+LAST (the two joined with a space).  Without SPEAKER only the
title is checked.  With --speaker-sep flags, each talk's speakers are
compared as a list: the source's value split here at those separators,
';' and line breaks, blanks around each dropped, against talks'
--split-speakers.  With the flag --unguard, the ' that guards a value
starting with = + - @ | or % is dropped here too.  Prints "N talks, title
[and speaker] as the source has them", or the first differences (exit 1).
"""
import csv
import io
import json
import subprocess
import sys

GUARDED = "=+-@|%"


def source_rows(path):
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    # The delimiter as talks(5) says a .csv's is chosen.
    delim = ";" if "," not in strip_quoted(first) and ";" in first else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))


def strip_quoted(line):
    out, inq = [], False
    for c in line:
        if c == '"':
            inq = not inq
        elif not inq:
            out.append(c)
    return "".join(out)


def split(v, seps):
    items = [v]
    for sep in [";", "\r\n", "\n", "\r"] + seps:
        items = [x for i in items for x in i.split(sep)]
    return [x.strip() for x in items if x.strip()]


def column(header, name):
    names = [h.strip() for h in header]
    return names.index(name)


def main():
    args = sys.argv[1:]
    flags = []
    if "--" in args:
        flags = args[args.index("--") + 1:]
        args = args[:args.index("--")]
    talks, path, title = args[:3]
    speaker = args[3] if len(args) > 3 else None
    unguard = "--unguard" in flags
    seps = [flags[i + 1] for i, f in enumerate(flags)
            if f == "--speaker-sep" and i + 1 < len(flags)]
    rows = source_rows(path)
    header, body = rows[0], [r for r in rows[1:] if r]

    def value(r, i):
        v = r[i] if i < len(r) else ""
        if unguard and len(v) > 1 and v[0] == "'" and v[1] in GUARDED:
            v = v[1:]
        return v

    ti = column(header, title)
    want = [{"title": value(r, ti)} for r in body]
    if speaker:
        parts = [column(header, p) for p in speaker.split("+")]
        for w, r in zip(want, body):
            w["speaker"] = " ".join(
                x for x in (value(r, i).strip() for i in parts) if x)
            if seps:
                w["speaker"] = split(w["speaker"], seps)
    fields = "title,speaker" if speaker else "title"
    extra = ["--split-speakers"] if seps else []
    p = subprocess.run([talks, "export", "-t", "jsonl", "-f", fields] +
                       extra + flags + [path], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        print("exit %d: %s" % (p.returncode,
                               p.stderr.decode(errors="replace")[:300]))
        return 1
    got = [json.loads(l) for l in p.stdout.decode().splitlines()]
    bad = 0
    if len(got) != len(want):
        print("%d talks, the source has %d" % (len(got), len(want)))
        bad = 1
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w and bad < 4:
            print("talk %d: %r, the source has %r" % (i + 1, g, w))
            bad += 1
    if bad:
        return 1
    print("%d talks, %s as the source has them" %
          (len(got), "title and speakers, split," if seps else
           "title and speaker" if speaker else "title"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
