"""html_markup.py - parses an HTML page from standard input with html5lib's
strict parser, which stops at any parse error, and prints the markup a
browser would build from it: each element with its attributes, and each
link's address, once, in the order of first appearance.  A golden case
of it shows that a hostile value reached the page as text only: no
script element, no event attribute, no javascript: address.

Usage: html_markup.py [--fragment] [PAGE ...]
(--fragment: a part of a body, such as cmark writes, not a page).  With
pages named, each is read in turn and, when there are several, headed by
"== NAME", its file name without folder and extension (one process for
them all: Python and html5lib take a tenth of a second to start).
"""
import os
import sys

import html5lib


def show(data, fragment):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    doc = parser.parseFragment(data) if fragment else parser.parse(data)
    seen = set()
    for el in doc.iter():
        names = sorted(a for a in el.attrib if a not in ("style",) and
                       not a.startswith("data-"))
        line = " ".join([el.tag] + names)
        if el.tag in ("a", "img") and ("href" in el.attrib or
                                       "src" in el.attrib):
            to = el.attrib.get("href", el.attrib.get("src", ""))
            # Links within the page, one line for all.
            line += " -> " + ("#..." if to.startswith("#") else to[:40])
        if line not in seen:
            seen.add(line)
            print(line)


def main():
    args = sys.argv[1:]
    fragment = args[:1] == ["--fragment"]
    if fragment:
        args = args[1:]
    if not args:
        show(sys.stdin.buffer.read(), fragment)
        return
    for path in args:
        if len(args) > 1:
            print("== " + os.path.splitext(os.path.basename(path))[0])
        with open(path, "rb") as f:
            show(f.read(), fragment)


if __name__ == "__main__":
    main()
