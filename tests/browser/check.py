"""check.py - opens the timetable of talks export -t html in headless
Chromium and checks what a person would see, from the boxes the browser
laid out: every talk's cell lies in its room's column and in the rows of
its start and end, no two cells overlap, the page does not scroll
sideways at 1280 px (a grid wider than that scrolls in its own box, the
time column staying in view), and the printed PDF has the expected
number of pages.  The times and rooms are read from the CSV here, not
from the page, so that a cell in the wrong place is found.

Usage: check.py [--screenshots DIR] TALKS CSV... [--largest-day CSV...]
A CSV whose path does not exist is skipped (the real files beside the
tree are optional); those after --largest-day are checked on the day
that has the most talks, as a conference's busiest page, without the
print (a hundred pages) unless screenshots are asked for.  Exit status 1
when a check fails, 2 on bad use or when Chromium or pdfinfo is missing.
"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import html5lib

WIDTH = 1280
TOL = 3.0          # px: the grid's gap is 2 px

failures = []


def fail(name, msg):
    failures.append("%s: %s" % (name, msg))


def browser():
    for b in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(b):
            return b
    sys.exit("check.py: no chromium: install it (sh tests/deps.sh "
             "chromium)")


def run_browser(args, tmp):
    cmd = [browser(), "--headless", "--no-sandbox", "--disable-gpu",
           "--no-first-run", "--disable-extensions", "--mute-audio",
           "--hide-scrollbars", "--user-data-dir=" + tmp + "/profile",
           "--window-size=%d,900" % WIDTH] + args
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120)
    if p.returncode != 0:
        sys.exit("check.py: %s failed: %s" % (cmd[0], p.stderr.decode()[-500:]))
    return p.stdout.decode("utf-8", "replace")


# What the page reports of itself: the boxes of the grid's parts, and
# whether it scrolls sideways; written where --dump-dom shows it.
PROBE = r"""
<script>
(function () {
  function box(el) {
    var r = el.getBoundingClientRect();
    return { x: r.left + scrollX, y: r.top + scrollY,
             r: r.right + scrollX, b: r.bottom + scrollY };
  }
  var out = { scrollWidth: document.documentElement.scrollWidth,
              clientWidth: document.documentElement.clientWidth,
              days: [] };
  document.querySelectorAll('section.day').forEach(function (day) {
    var wrap = day.querySelector('.grid-wrap');
    var d = { id: day.id, grid: box(day.querySelector('.grid')),
              wrap: box(wrap), wrapScroll: wrap.scrollWidth,
              wrapClient: wrap.clientWidth, rooms: [], times: [],
              talks: [] };
    day.querySelectorAll('.room').forEach(function (e) {
      d.rooms.push({ room: e.dataset.room, box: box(e) });
    });
    day.querySelectorAll('.time').forEach(function (e) {
      d.times.push({ time: e.dataset.time, box: box(e) });
    });
    day.querySelectorAll('.talk').forEach(function (e) {
      d.talks.push({ id: e.dataset.talk, room: e.dataset.room,
                     start: e.dataset.start, end: e.dataset.end,
                     box: box(e) });
    });
    /* Scrolled to its right end, the time column stays at the left. */
    var t = day.querySelector('.time');
    wrap.scrollLeft = wrap.scrollWidth;
    d.timeLeftScrolled = t.getBoundingClientRect().left -
        wrap.getBoundingClientRect().left;
    d.scrolledBy = wrap.scrollLeft;
    wrap.scrollLeft = 0;
    out.days.push(d);
  });
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""


def field(row, *names):
    low = {k.strip().lower(): v for k, v in row.items() if k}
    for n in names:
        if n in low and low[n] is not None:
            return low[n].strip()
    return ""


def minutes(hhmm):
    m = re.search(r"(\d{1,2}):(\d{2})", hhmm)
    return int(m.group(1)) * 60 + int(m.group(2)) if m else None


def expected(path):
    """The talks of the CSV by id talk-N (N: the record's number), with
    the room, start and end (HH:MM) that the file gives them."""
    talks = {}
    with open(path, newline="", encoding="utf-8") as f:
        for n, row in enumerate(csv.DictReader(f), 1):
            start = minutes(field(row, "start"))
            if start is None:
                continue
            end = minutes(field(row, "end"))
            dur = field(row, "duration")
            if end is None and dur:
                d = minutes(dur) if ":" in dur else int(dur)
                end = start + d
            talks["talk-%d" % n] = {
                "room": field(row, "room"),
                "start": "%02d:%02d" % divmod(start, 60),
                "end": None if end is None else
                "%02d:%02d" % divmod(end % 1440, 60)}
    return talks


def near(a, b):
    return abs(a - b) <= TOL


def check_day(name, d, want, seen):
    rooms = {r["room"]: r["box"] for r in d["rooms"]}
    times = {t["time"]: t["box"] for t in d["times"]}
    cells = d["talks"]
    for c in cells:
        cid, b = c["id"], c["box"]
        seen.add(cid)
        w = want.get(cid)
        if w is None:
            fail(name, "%s is in the grid but has no time in the CSV" % cid)
            continue
        if c["room"] != w["room"] or c["start"] != w["start"] or \
                (w["end"] and c["end"] != w["end"]):
            fail(name, "%s is shown in %r %s-%s, the CSV says %r %s-%s" % (
                cid, c["room"], c["start"], c["end"], w["room"],
                w["start"], w["end"]))
        col = rooms.get(c["room"])
        if col is None:
            fail(name, "%s: no column for room %r" % (cid, c["room"]))
        elif b["x"] < col["x"] - 0.5 or b["r"] > col["r"] + 0.5:
            fail(name, "%s lies outside its room's column (%g-%g, column "
                 "%g-%g)" % (cid, b["x"], b["r"], col["x"], col["r"]))
        top = times.get(c["start"])
        if top is None or not near(b["y"], top["y"]):
            fail(name, "%s does not start at the row of %s" % (cid,
                                                               c["start"]))
        bottom = times.get(c["end"])
        want_b = bottom["y"] if bottom else d["grid"]["b"]
        if not near(b["b"] + (2 if bottom else 0), want_b):
            fail(name, "%s does not end at the row of %s (%g, not %g)" % (
                cid, c["end"], b["b"], want_b))
        if b["b"] - b["y"] < 4 or b["r"] - b["x"] < 4:
            fail(name, "%s has no room to show" % cid)
    for i, p in enumerate(cells):
        for q in cells[i + 1:]:
            a, b = p["box"], q["box"]
            if min(a["r"], b["r"]) - max(a["x"], b["x"]) > 0.5 and \
                    min(a["b"], b["b"]) - max(a["y"], b["y"]) > 0.5:
                fail(name, "%s and %s overlap" % (p["id"], q["id"]))
    if d["wrapScroll"] > d["wrapClient"] + 1:
        if d["scrolledBy"] <= 0:
            fail(name, "%s: the wide grid does not scroll" % d["id"])
        if abs(d["timeLeftScrolled"]) > 1:
            fail(name, "%s: the time column scrolls away" % d["id"])


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], stdout=subprocess.PIPE,
                         check=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def check(talks, path, tmp, shots, printed=True):
    name = os.path.basename(path)
    page = os.path.join(tmp, name + ".html")
    with open(page, "wb") as f:
        subprocess.run([talks, "export", "-t", "html", "--markup", "html",
                        "--conference", name, path], stdout=f, check=True)
    html = open(page, encoding="utf-8").read()
    try:
        html5lib.HTMLParser(strict=True).parse(html)
    except Exception as e:   # html5lib's ParseError, with where it is
        fail(name, "not valid HTML5 for html5lib: %s" % e)
    probe = os.path.join(tmp, name + ".probe.html")
    with open(probe, "w", encoding="utf-8") as f:
        f.write(html.replace("</body>", PROBE + "</body>"))
    dom = run_browser(["--virtual-time-budget=5000", "--dump-dom",
                       "file://" + probe], tmp)
    m = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    if not m:
        fail(name, "the page's probe did not run")
        return
    data = json.loads(m.group(1).replace("&amp;", "&").replace(
        "&lt;", "<").replace("&gt;", ">").replace("&quot;", '"'))
    want = expected(path)
    seen = set()
    if data["scrollWidth"] > data["clientWidth"]:
        fail(name, "the page scrolls sideways at %d px (%d wide)" % (
            WIDTH, data["scrollWidth"]))
    for d in data["days"]:
        check_day(name, d, want, seen)
    for cid in sorted(set(want) - seen):
        fail(name, "%s has a time but no cell" % cid)
    if not printed and not shots:
        # The largest day of a real schedule prints on a hundred pages:
        # its layout is checked, its print only for screenshots.
        print("check.py: %s: %d days, %d cells (print not checked)" % (
            name, len(data["days"]), len(seen)))
        return
    # Printed: each day's grid on landscape pages, then several talks to
    # a page; never a page per talk.
    pdf = os.path.join(tmp, name + ".pdf")
    run_browser(["--no-pdf-header-footer", "--print-to-pdf=" + pdf,
                 "file://" + page], tmp)
    # A landscape page holds some 55 rows of a grid; the talks come two
    # or more to a page.
    n, ndays, ntalks = pages(pdf), len(data["days"]), html.count("<article")
    rows = [int(r) for r in re.findall(r'--rows: (\d+)', html)]
    least = ndays + 1
    most = sum((r + 54) // 55 for r in rows) + (ntalks + 1) // 2 + 1
    if not least <= n <= most:
        fail(name, "printed on %d pages, expected %d to %d" % (
            n, least, most))
    print("check.py: %s: %d days, %d cells, %d talks on %d pages" % (
        name, ndays, len(seen), ntalks, n))
    if shots:
        os.makedirs(shots, exist_ok=True)
        run_browser(["--screenshot=" + os.path.join(shots, name + ".png"),
                     "file://" + page], tmp)
        shutil.copy(pdf, os.path.join(shots, name + ".pdf"))
        shutil.copy(page, os.path.join(shots, name + ".html"))


def largest_day(path, tmp):
    """The records of the day with the most talks, as a CSV of their own."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    head = [h.strip().lower() for h in rows[0]]
    col = head.index("date") if "date" in head else head.index("day")
    days = {}
    for r in rows[1:]:
        days.setdefault(r[col][:10], []).append(r)
    day = max(sorted(days), key=lambda k: len(days[k]))
    out = os.path.join(tmp, os.path.basename(path).replace(
        ".csv", "-" + day + ".csv"))
    with open(out, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([rows[0]] + days[day])
    return out


def main(argv):
    shots = None
    if argv[:1] == ["--screenshots"]:
        shots, argv = argv[1], argv[2:]
    if len(argv) < 2:
        sys.exit(__doc__)
    talks = os.path.abspath(argv[0])
    for tool in ("pdfinfo",):
        if not shutil.which(tool):
            sys.exit("check.py: no %s: install poppler-utils" % tool)
    tmp = tempfile.mkdtemp(prefix="talks-browser.")
    day = False
    try:
        for path in argv[1:]:
            if path == "--largest-day":
                day = True
                continue
            if not os.path.exists(path):
                print("check.py: %s: absent, skipped" % path)
                continue
            if day:
                path = largest_day(path, tmp)
            check(talks, path, tmp, shots, printed=not day)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for f in failures:
        print("FAIL " + f)
    print("check.py: %d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
