"""schedule_speakers.py - the talks of a published schedule and their
speakers, read with Python's own parsers, for golden cases to compare with
what talks import makes of it.

Usage: schedule_speakers.py FILE
  frab XML:        one line per person of each event: id, a tab, the name
  Sessionize JSON: one line per speaker of each session, the same
  Then a last line: "N talks".
"""
import json
import sys
import xml.etree.ElementTree as ET


def frab(path):
    n = 0
    for day in ET.parse(path).getroot().iter("day"):
        for ev in day.iter("event"):
            n += 1
            for p in ev.iter("person"):
                yield "%s\t%s" % (ev.get("id"), (p.text or "").strip())
    yield "%d talks" % n


def sessionize(path):
    d = json.load(open(path, encoding="utf-8"))
    names = {s["id"]: s["fullName"] for s in d["speakers"]}
    for s in d["sessions"]:
        for sp in s["speakers"]:
            yield "%s\t%s" % (s["id"], names[sp])
    yield "%d talks" % len(d["sessions"])


def main():
    path = sys.argv[1]
    for line in (frab if path.endswith(".xml") else sessionize)(path):
        print(line)


if __name__ == "__main__":
    main()
