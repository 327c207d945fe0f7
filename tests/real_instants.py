"""real_instants.py - checks that the events of a calendar and of a frab
schedule made from a real export start (and end) at the instants its
source columns give, read here independently of talks.

Usage: real_instants.py SOURCE.csv CALENDAR.ics SCHEDULE.xml SPEC...

SPEC is one of
  start=COLUMN         an ISO 8601 date-time (with an offset, or in zone=)
  date=COLUMN time=COLUMN
                       a date (dd/mm/yyyy with dmy, else ISO) and a time
  end=COLUMN           the end as start is read (or end-time=COLUMN, a
                       time on the start's day)
  duration=COLUMN      HH:MM after the start
  title=COLUMN         the title (default "title")
  zone=NAME            the zone of values without an offset
  dmy                  dates are day/month/year

Prints "N events at the source's instants" for each, or the differences
(exit 1).
"""
import csv
import datetime
import sys
import zoneinfo

from instants import from_frab, from_ics

UTC = datetime.timezone.utc


def events(read, path):
    """(start, end or None, title) of the events of file path."""
    with open(path, "rb") as f:
        rows = read(f.read().decode("utf-8"))
        return [(s, e, t) for t, s, e in rows]


def spec(args):
    s = {"title": "title"}
    for a in args:
        k, _, v = a.partition("=")
        s[k] = v if v else True
    return s


def aware(dt, s):
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=zoneinfo.ZoneInfo(s["zone"]))
    return dt.astimezone(UTC)


def date_of(v, s):
    if s.get("dmy"):
        d, m, y = v.split("/")
        return datetime.date(int(y), int(m), int(d))
    return datetime.date.fromisoformat(v)


def time_of(v):
    h, m = v.split(":")[:2]
    return datetime.time(int(h), int(m))


def expected(path, s):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in rows:
        if "start" in s:
            if not r[s["start"]].strip():
                continue
            start = aware(datetime.datetime.fromisoformat(r[s["start"]]), s)
        else:
            if not r[s["date"]].strip() or not r[s["time"]].strip():
                continue
            day = date_of(r[s["date"]], s)
            start = aware(datetime.datetime.combine(
                day, time_of(r[s["time"]])), s)
        end = None
        if "end" in s and r[s["end"]].strip():
            end = aware(datetime.datetime.fromisoformat(r[s["end"]]), s)
        elif "end-time" in s and r[s["end-time"]].strip():
            local = start.astimezone(zoneinfo.ZoneInfo(s["zone"]))
            end = aware(datetime.datetime.combine(
                local.date(), time_of(r[s["end-time"]])), s)
            if end < start:
                end += datetime.timedelta(days=1)
        elif "duration" in s and r[s["duration"]].strip():
            h, m = r[s["duration"]].split(":")
            end = start + datetime.timedelta(hours=int(h), minutes=int(m))
        out.append((start, end, r[s["title"]]))
    return sorted(out, key=key)


def key(e):
    return (e[0], e[1] or e[0], e[2])


def floating(rows):
    return any(s.tzinfo is None for s, _, _ in rows)


def compare(name, got, want, ends):
    if floating(got):
        print("%s: floating times" % name)
        return False
    got = sorted([(s.astimezone(UTC), e and e.astimezone(UTC), t)
                  for s, e, t in got], key=key)
    if not ends:
        got = [(a, None, t) for a, _, t in got]
        want = [(a, None, t) for a, _, t in want]
    if got == want:
        print("%s: %d events at the source's instants%s" % (
            name, len(got), ", ends too" if ends else ""))
        return True
    print("%s: %d events, %d in the source; first differences:" % (
        name, len(got), len(want)))
    for g, w in list(zip(got, want)) + [(None, None)]:
        if g != w:
            print("  got  %s\n  want %s" % (g, w))
            break
    return False


s = spec(sys.argv[4:])
want = expected(sys.argv[1], s)
ends = any(e is not None for _, e, _ in want)
# frab has a duration for every event; an event without an end has 00:00.
want_frab = [(a, e or a, t) for a, e, t in want]
ok = compare("ics", events(from_ics, sys.argv[2]), want, ends)
ok = compare("frab", events(from_frab, sys.argv[3]), want_frab, ends) and ok
sys.exit(0 if ok else 1)
