"""read_html.py - parses an HTML page from standard input with html5lib's
strict parser, which stops at any parse error (control characters and
noncharacters among them), and prints the text of its headings and
paragraphs as a browser shows them.

Usage: read_html.py < page.html
"""
import sys

import html5lib

doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(
    sys.stdin.buffer.read())
for el in doc.iter():
    if el.tag in ("title", "h1", "h2", "h3", "dt", "dd", "p"):
        print("%s: %r" % (el.tag, "".join(el.itertext())))
