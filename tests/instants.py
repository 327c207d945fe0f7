"""instants.py - the instants of talks, one line each: title, start and
end in UTC (or "floating" times where there is no offset or zone), so that
golden cases compare when talks are, however each format writes it.

Usage: instants.py csv   (records with title, start and end: talks export -t csv)
       instants.py ics   (an iCalendar file, read with python3-icalendar)
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


def main():
    data = sys.stdin.buffer.read().decode("utf-8")
    rows = from_csv(data) if sys.argv[1:] == ["csv"] else from_ics(data)
    for title, s, e in rows:
        print("%s\t%s\t%s" % (title, show(s) if not isinstance(s, str) else s,
                              show(e) if not isinstance(e, str) else e))


if __name__ == "__main__":
    main()
