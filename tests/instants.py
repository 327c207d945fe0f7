"""instants.py - the instants of talks, one line each: title, start and
end in UTC (or "floating" times where there is no offset or zone), so that
golden cases compare when talks are, however each format writes it.

Usage: instants.py csv   (records with title, start and end: talks export -t csv)
       instants.py ics   (an iCalendar file, read with python3-icalendar)
       instants.py frab  (a frab schedule XML whose events have a <date>)
Reads standard input; lines come in input order.
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


def main():
    data = sys.stdin.buffer.read().decode("utf-8")
    rows = {"csv": from_csv, "ics": from_ics,
            "frab": from_frab}[sys.argv[1]](data)
    for title, s, e in rows:
        print("%s\t%s\t%s" % (title, show(s) if not isinstance(s, str) else s,
                              show(e) if not isinstance(e, str) else e))


if __name__ == "__main__":
    main()
