"""html_markup.py - parses an HTML page from standard input with html5lib's
strict parser, which stops at any parse error, and prints the markup a
browser would build from it: each element with its attributes, and each
link's address, once, in the order of first appearance.  A golden case
of it shows that a hostile value reached the page as text only: no
script element, no event attribute, no javascript: address.

Usage: html_markup.py [--fragment] < page.html
(--fragment: a part of a body, such as cmark writes, not a page)
"""
import sys

import html5lib

parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
if sys.argv[1:] == ["--fragment"]:
    doc = parser.parseFragment(sys.stdin.buffer.read())
else:
    doc = parser.parse(sys.stdin.buffer.read())
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
