"""instants.py - the instants of the events of an iCalendar file (read with
Debian's python3-icalendar) and of a frab schedule XML file, in UTC, so
that a golden case can compare them with what its fixture means.

Usage: instants.py CALENDAR.ics [SCHEDULE.xml]

Prints one line per event of the calendar, ordered by start and title:
start and end in UTC ("Z"), or as floating clock times (no "Z") when the
event has no zone, and the title.  With a schedule, then prints "frab: the
same" when its events have the same instants and titles (start from
<date>, end from <date> plus <duration>), else its own lines.
"""
import datetime
import sys
import xml.etree.ElementTree as ET

try:
    import icalendar
except ImportError:
    sys.exit("instants.py: python3-icalendar is not installed (make deps)")


def utc(dt):
    if not isinstance(dt, datetime.datetime):
        return "date " + dt.isoformat()
    if dt.tzinfo is None:
        return dt.isoformat()
    return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def ics_events(path):
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    out = []
    for ev in cal.walk("VEVENT"):
        start = ev["DTSTART"].dt
        end = ev["DTEND"].dt if "DTEND" in ev else None
        out.append((utc(start), utc(end) if end is not None else "-",
                    str(ev.get("SUMMARY", ""))))
    return sorted(out)


def frab_events(path):
    root = ET.parse(path).getroot()
    out = []
    for ev in root.iter("event"):
        start = datetime.datetime.fromisoformat(ev.findtext("date"))
        h, m = ev.findtext("duration").split(":")[:2]
        end = start + datetime.timedelta(hours=int(h), minutes=int(m))
        out.append((utc(start), utc(end), ev.findtext("title") or ""))
    return sorted(out)


def show(events):
    for start, end, title in events:
        print(start, end, title)


ics = ics_events(sys.argv[1])
show(ics)
if len(sys.argv) > 2:
    frab = frab_events(sys.argv[2])
    # An event without an end lasts no time in frab.
    if [(s, s if e == "-" else e, t) for s, e, t in ics] == frab:
        print("frab: the same")
    else:
        print("frab:")
        show(frab)
