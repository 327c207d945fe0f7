"""complete_values.py - what talks __complete offers after an option with
fixed values is what the command takes: the list that its error for an
unknown value gives.  One line per option: the values, or both lists
when they differ.

Usage: complete_values.py TALKS CMD OPTION ...   (pairs; OPTION ending
in '=' is completed in the same word, as --color=)
"""
import re
import subprocess
import sys


def run(args):
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.stdout.decode(), p.stderr.decode()


def main():
    talks, pairs = sys.argv[1], sys.argv[2:]
    for cmd, opt in zip(pairs[::2], pairs[1::2]):
        if opt.endswith("="):
            out, _ = run([talks, "__complete", "2", "talks", cmd, opt])
            offered = [w[len(opt):] for w in out.split()]
            bad = [opt + "nope"]
        else:
            out, _ = run([talks, "__complete", "3", "talks", cmd, opt, ""])
            offered = out.split()
            bad = [opt, "nope"]
        _, err = run([talks, cmd] + bad + ["testdata/short.csv"])
        m = re.search(r"(?:formats:|use|give|known:) ([^()]*)", err)
        taken = re.split(r", | or ", m.group(1).strip()) if m else []
        if offered and sorted(offered) == sorted(taken):
            print("%s %s: %s" % (cmd, opt, " ".join(sorted(offered))))
        else:
            print("%s %s: offers %s, takes %s" % (cmd, opt, offered, taken))


if __name__ == "__main__":
    main()
