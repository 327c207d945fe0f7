"""instants.py - the instants of the events of an iCalendar file (read with
Debian's python3-icalendar) and of a frab schedule XML file, in UTC, so
that a golden case can compare them with what its fixture means.

Usage: instants.py CALENDAR.ics [SCHEDULE.xml]

Prints one line per event of the calendar, ordered by start and title:
start and end in UTC ("Z"), or as floating clock times (no "Z") when the
event has no zone, and the title.  With a schedule, then prints "frab: the
same" when its events have the same instants and titles (start from
<date>, end from <date> plus <duration>), else its own lines.
tests/real_instants.py reads events with the functions here.
"""
import datetime
import sys
import xml.etree.ElementTree as ET

try:
    import icalendar
except ImportError:
    sys.exit("instants.py: python3-icalendar is not installed (make deps)")

UTC = datetime.timezone.utc


def utc(dt):
    """dt in UTC when it has a zone; floating (naive) times as they are."""
    if isinstance(dt, datetime.datetime) and dt.tzinfo is not None:
        return dt.astimezone(UTC)
    return dt


def order(e):
    return (str(e[0]), str(e[1] or e[0]), e[2])


def ics_events(path):
    """(start, end or None, title) of each VEVENT, in order."""
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    out = []
    for ev in cal.walk("VEVENT"):
        end = utc(ev["DTEND"].dt) if "DTEND" in ev else None
        out.append((utc(ev["DTSTART"].dt), end, str(ev.get("SUMMARY", ""))))
    return sorted(out, key=order)


def frab_events(path):
    """(start, end, title) of each event: end is date plus duration."""
    out = []
    for ev in ET.parse(path).getroot().iter("event"):
        start = datetime.datetime.fromisoformat(ev.findtext("date"))
        h, m = ev.findtext("duration").split(":")[:2]
        end = start + datetime.timedelta(hours=int(h), minutes=int(m))
        out.append((utc(start), utc(end), ev.findtext("title") or ""))
    return sorted(out, key=order)


def text(dt):
    if dt is None:
        return "-"
    if isinstance(dt, datetime.datetime) and dt.tzinfo is not None:
        return dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return dt.isoformat()


def show(events):
    for start, end, title in events:
        print(text(start), text(end), title)


if __name__ == "__main__":
    ics = ics_events(sys.argv[1])
    show(ics)
    if len(sys.argv) > 2:
        frab = frab_events(sys.argv[2])
        # An event without an end lasts no time in frab.
        if [(s, e or s, t) for s, e, t in ics] == frab:
            print("frab: the same")
        else:
            print("frab:")
            show(frab)
