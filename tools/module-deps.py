#!/usr/bin/env python3
"""The library's top-level modules and the ones each imports (`use crate::m`
and inline `crate::m::` paths, doc comments aside), and any cycle among
them. The error module is left out of the cycle check: its rules carry the
values that broke them (a `Term`, a `Money`), and the modules of those
values return its errors; every other edge must point one way.

    python3 tools/module-deps.py
"""
import collections
import pathlib
import re
import sys

src = pathlib.Path(__file__).resolve().parent.parent / "src"


def top(path):
    rel = path.relative_to(src).parts
    return "lib" if rel == ("lib.rs",) else rel[0].removesuffix(".rs")


deps = collections.defaultdict(set)
for path in src.rglob("*.rs"):
    me = top(path)
    for line in path.read_text().split("\n"):
        if line.lstrip().startswith("//"):
            continue
        for m in re.finditer(r"\bcrate::([a-z_]+)", line):
            if m.group(1) != me and m.group(1) != "_documentation":
                deps[me].add(m.group(1))

for m in sorted(deps):
    print(f"{m:<14} -> {', '.join(sorted(deps[m]))}")

# Cycles: strongly connected components of more than one module.
index, low, stack, on, comps, counter = {}, {}, [], set(), [], [0]


def visit(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on.add(v)
    for w in deps.get(v, ()) if v != "error" else ():
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
        if len(comp) > 1:
            comps.append(sorted(comp))


for v in list(deps):
    if v not in index:
        visit(v)
print()
if comps:
    for c in comps:
        print("cycle:", " <-> ".join(c))
    sys.exit(1)
print("no cycles")
