#!/usr/bin/env python3
"""layers.py - checks that lib/ keeps its stages (make check-layers).

Reads the #include lines of lib/ and, from the built objects, which file
calls which (nm), then checks:
  - no include circle and no circle of calls between files;
  - a stage includes and calls only itself and the stages before it,
    in the order of STAGES (lib/talks.h lists them);
  - a folder's internal.h is included only inside that folder;
  - no file of lib/ includes the umbrella lib/talks.h, but for the
    files in UMBRELLA, which are to change.
Prints what it finds and exits 1 on a breach.  Run it after make.
"""
import glob
import os
import re
import subprocess
import sys

STAGES = ['util', 'scan', 'read', 'match', 'select', 'write', 'check']
# when.c is left as it is while time handling is rewritten elsewhere.
UMBRELLA = {'lib/select/when.c'}


def stage(path):
    return path.split('/')[1] if path.count('/') >= 2 else None


def includes(files):
    graph = {}
    for f in files:
        graph[f] = []
        text = open(f, encoding='utf-8').read()
        for name in re.findall(r'^#include "([^"]+)"', text, re.M):
            for cand in (os.path.join(os.path.dirname(f), name),
                         os.path.join('lib', name)):
                if os.path.exists(cand):
                    graph[f].append(os.path.normpath(cand))
                    break
    return graph


def calls(objs):
    defs, undefs = {}, {}
    for o in objs:
        out = subprocess.run(['nm', o], capture_output=True,
                             text=True, check=True).stdout
        for line in out.splitlines():
            p = line.split()
            if len(p) == 3 and p[1] in 'TDRB':
                defs[p[2]] = o
            elif len(p) == 2 and p[0] == 'U':
                undefs.setdefault(o, []).append(p[1])
    return {o: sorted({defs[s] for s in undefs.get(o, [])
                       if s in defs and defs[s] != o}) for o in objs}


def cycles(graph):
    """The strongly connected components that are circles (Tarjan)."""
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, []):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1 or v in graph.get(v, []):
                out.append(sorted(comp))

    for v in list(graph):
        if v not in index:
            visit(v)
    return out


def main():
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
    files = sorted(glob.glob('lib/**/*.[ch]', recursive=True))
    objs = sorted(glob.glob('lib/**/*.o', recursive=True))
    if not objs:
        print('layers: no objects in lib/: run make first')
        return 2
    bad = []
    inc = includes(files)
    call = calls(objs)
    for kind, graph in (('include', inc), ('call', call)):
        for c in cycles(graph):
            bad.append('%s circle: %s' % (kind, ' -> '.join(c)))
        for f, targets in graph.items():
            for t in targets:
                a, b = stage(f), stage(t)
                if t == 'lib/talks.h' and f not in UMBRELLA:
                    bad.append('%s includes the umbrella talks.h' % f)
                if a in STAGES and b in STAGES and \
                        STAGES.index(b) > STAGES.index(a):
                    bad.append('%s %ss %s, a later stage' % (f, kind, t))
                if t.endswith('/internal.h') and a != b:
                    bad.append('%s includes %s, private to lib/%s/' %
                               (f, t, b))
    edges = sum(len(v) for v in inc.values())
    print('layers: %d files, %d includes, %d calls between files' %
          (len(files), edges, sum(len(v) for v in call.values())))
    for b in bad:
        print('layers: ' + b)
    print('layers: %s' % ('ok' if not bad else '%d breaches' % len(bad)))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
