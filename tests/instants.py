"""instants.py - the instants of talks, one line each: title, start and
end in UTC (or "floating" times where there is no offset or zone), so that
golden cases compare when talks are, however each format writes it.

Usage: instants.py csv   (records with title, start and end: talks export -t csv)
       instants.py ics   (an iCalendar file, read with python3-icalendar)
       instants.py frab  (a frab schedule XML whose events have a <date>)
Reads standard input; lines come in input order.

       instants.py same CALENDAR.ics SCHEDULE.xml [CALENDAR.ics SCHEDULE.xml ...]
Prints the calendar's events ordered by start, end and title, then "frab:
the same" when the schedule's events are at the same instants with the
same titles (an event without an end lasts no time in frab), else its
own.  With several pairs, each is headed by "== NAME", the calendar's
file name without its folder and extension (one process for them all:
Python and icalendar take a quarter of a second to start).  tests/real_instants.py reads events with from_ics and from_frab.
"""
import csv
import datetime
import io
import sys


def show(dt):
    if dt is None:
        return "-"
    if not isinstance(dt, datetime.datetime):
        return dt.isoformat()
    if dt.tzinfo is None:
        return dt.isoformat() + " floating"
    return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(v):
    if not v:
        return None
    try:
        return datetime.datetime.fromisoformat(v)
    except ValueError:
        return "bad " + v


def from_csv(data):
    for row in csv.DictReader(io.StringIO(data, newline="")):
        s, e = parse(row.get("start")), parse(row.get("end"))
        yield row["title"], s, e


def from_ics(data):
    try:
        import icalendar
    except ImportError:
        sys.exit("instants.py: python3-icalendar is not installed (make deps)")
    cal = icalendar.Calendar.from_ical(data)
    for c in cal.walk("VEVENT"):
        e = c.get("DTEND")
        yield str(c["SUMMARY"]), c["DTSTART"].dt, e.dt if e else None


def from_frab(data):
    import xml.etree.ElementTree as ET
    for ev in ET.fromstring(data).iter("event"):
        s = parse(ev.findtext("date"))
        h, m = ev.findtext("duration").split(":")[:2]
        yield ev.findtext("title"), s, s + datetime.timedelta(
            hours=int(h), minutes=int(m))


def ordered(rows):
    return sorted(rows, key=lambda r: (show(r[1]), show(r[2] or r[1]), r[0]))


def same(ics_path, frab_path):
    with open(ics_path, "rb") as f:
        ics = ordered(from_ics(f.read().decode("utf-8")))
    with open(frab_path, "rb") as f:
        frab = ordered(from_frab(f.read().decode("utf-8")))
    for title, s, e in ics:
        print("%s\t%s\t%s" % (title, show(s), show(e)))
    if [(t, s, e or s) for t, s, e in ics] == frab:
        print("frab: the same")
        return
    print("frab:")
    for title, s, e in frab:
        print("%s\t%s\t%s" % (title, show(s), show(e)))


def main():
    if sys.argv[1] == "same":
        pairs = sys.argv[2:]
        if len(pairs) < 2 or len(pairs) % 2:
            sys.exit("instants.py: same needs pairs of CALENDAR SCHEDULE")
        for i in range(0, len(pairs), 2):
            if len(pairs) > 2:
                name = pairs[i].rsplit("/", 1)[-1].rsplit(".", 1)[0]
                print("== " + name)
            same(pairs[i], pairs[i + 1])
        return
    data = sys.stdin.buffer.read().decode("utf-8")
    rows = {"csv": from_csv, "ics": from_ics,
            "frab": from_frab}[sys.argv[1]](data)
    for title, s, e in rows:
        print("%s\t%s\t%s" % (title, show(s) if not isinstance(s, str) else s,
                              show(e) if not isinstance(e, str) else e))


if __name__ == "__main__":
    main()
