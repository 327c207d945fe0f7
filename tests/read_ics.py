"""read_ics.py - reads iCalendar files with the icalendar package (Debian's
python3-icalendar) and prints what it parsed, one line per property, so
that a golden case shows what a calendar program would see.

Usage: read_ics.py [FILE ...]   (standard input when no file is named)
"""
import sys

try:
    import icalendar
except ImportError:
    sys.exit("read_ics.py: python3-icalendar is not installed (make deps)")


def show(v):
    if hasattr(v, "dt"):
        dt = v.dt
        tz = getattr(dt, "tzinfo", None)
        return dt.isoformat() + (" [%s]" % tz.zone if hasattr(tz, "zone")
                                 else "")
    if hasattr(v, "cats"):
        return repr([str(c) for c in v.cats])
    return repr(str(v))


def ical(v):
    v = v.to_ical()
    return v.decode() if isinstance(v, bytes) else v


def read(name, data):
    # The parser accepts LF too: check the line ends and lengths here.
    lines = data.split(b"\r\n")
    if lines[-1] != b"" or any(b"\n" in l for l in lines):
        print(name, "line not ended by CRLF")
    for l in lines:
        if len(l) > 75:
            print(name, "line longer than 75 octets")
        l.decode("utf-8")
    unfolded = data.replace(b"\r\n ", b"").split(b"\r\n")
    raw = [l[11:].decode() for l in unfolded if l.startswith(b"CATEGORIES:")]
    cal = icalendar.Calendar.from_ical(data)
    print("calendar", name, cal["VERSION"], cal["PRODID"])
    for c in cal.walk():
        if c.name == "VTIMEZONE":
            print("zone", c["TZID"])
            for s in c.subcomponents:
                print("  %s from %s to %s at %s %s" % (
                      s.name, ical(s["TZOFFSETFROM"]), ical(s["TZOFFSETTO"]),
                      s["DTSTART"].dt, s.get("TZNAME", "")))
        if c.name != "VEVENT":
            continue
        print("event")
        for k in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY",
                  "LOCATION", "CATEGORIES", "DESCRIPTION"):
            if k in c:
                print("  %s: %s" % (k, show(c[k])))
            # icalendar 4.0 splits CATEGORIES at escaped commas too: show
            # the value as written, where "\\," stands for a comma.
            if k == "CATEGORIES" and k in c:
                print("  CATEGORIES as written: %r" % raw.pop(0))


names = sys.argv[1:] or ["-"]
for n in names:
    if n == "-":
        read("-", sys.stdin.buffer.read())
    else:
        with open(n, "rb") as f:
            read(n, f.read())
