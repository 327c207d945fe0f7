"""read_mbox.py - reads an mbox with Python's mailbox and email modules
and prints each message's decoded headers and body, as a mail program
would show them.

Usage: read_mbox.py FILE
"""
import email.header
import email.policy
import mailbox
import sys


def decoded(v):
    return str(email.header.make_header(email.header.decode_header(v)))


box = mailbox.mbox(sys.argv[1], factory=None, create=False)
for i, msg in enumerate(box):
    print("message", i + 1, "from_:", msg.get_from())
    for k, v in msg.items():
        print("  %s: %r" % (k, decoded(v)))
    parsed = email.message_from_bytes(msg.as_bytes(),
                                      policy=email.policy.default)
    for k in ("To",):
        for a in parsed[k].addresses:
            print("  address: %r <%s>" % (a.display_name, a.addr_spec))
    if parsed.defects:
        print("  defects:", parsed.defects)
    print("  body: %r" % parsed.get_content())
