"""read_mbox.py - reads an mbox with Python's mailbox and email modules
and prints each message's decoded headers and body, as a mail program
would show them.  Each message is parsed again with the strict policy,
which stops at any defect; header lines longer than 78 characters, or
holding control characters, are reported.

Usage: read_mbox.py FILE ...
With several files, each is headed by "== NAME", its file name without
folder and extension (one process for them all).
"""
import email.header
import email.policy
import mailbox
import os
import re
import sys


def decoded(v):
    v = re.sub(r"\r?\n(?=[ \t])", "", v)
    return str(email.header.make_header(email.header.decode_header(v)))


def show(path):
    box = mailbox.mbox(path, factory=None, create=False)
    for i, msg in enumerate(box):
        print("message", i + 1, "from_:", msg.get_from())
        for k, v in msg.items():
            print("  %s: %r" % (k, decoded(v)))
        raw = msg.as_bytes()
        head = raw.split(b"\n\n", 1)[0]
        for n, line in enumerate(head.split(b"\n")):
            if len(line) > 78:
                print("  header line %d: %d characters" %
                      (n + 1, len(line)))
            if re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", line):
                print("  header line %d: control character" % (n + 1))
        parsed = email.message_from_bytes(raw, policy=email.policy.strict)
        for k in ("To", "Cc", "Bcc", "Reply-To"):
            for a in parsed[k].addresses if parsed[k] else ():
                print("  %s address: %r <%s>" %
                      (k, a.display_name, a.addr_spec))
        if parsed.defects:
            print("  defects:", parsed.defects)
        print("  body: %r" % parsed.get_content())


for path in sys.argv[1:]:
    if len(sys.argv) > 2:
        print("== " + os.path.splitext(os.path.basename(path))[0])
    show(path)
