#!/usr/bin/env python3
"""Functions longer than a limit (80 lines by default), from `fn` to its
closing brace, in the library, the command and the engine (tests and
benchmarks aside).

    python3 tools/long-functions.py [LIMIT]
"""
import pathlib
import re
import sys

limit = int(sys.argv[1]) if len(sys.argv) > 1 else 80
repo = pathlib.Path(__file__).resolve().parent.parent
roots = ["src", "cli/src", "engines/datafusion/src"]
FN = re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+(\w+)")


def body_end(lines, start):
    """The line of the brace that closes the body opened at or after `start`."""
    depth, opened = 0, False
    for n in range(start, len(lines)):
        line = re.sub(r'"(?:\\.|[^"\\])*"', '""', lines[n])
        line = re.sub(r"'(?:\\.|[^'\\])'", "''", line)
        line = line.split("//")[0]
        for ch in line:
            if ch == "{":
                depth += 1
                opened = True
            elif ch == "}":
                depth -= 1
                if opened and depth == 0:
                    return n
            elif ch == ";" and not opened and depth == 0:
                return None  # a declaration without a body
    return None


found = []
for root in roots:
    for path in sorted((repo / root).rglob("*.rs")):
        lines = path.read_text().split("\n")
        in_tests = False
        for n, line in enumerate(lines):
            if line.startswith("mod tests") or line.startswith("#[cfg(test)]"):
                in_tests = True
            if in_tests:
                continue
            m = FN.match(line)
            if not m:
                continue
            end = body_end(lines, n)
            if end is not None and end - n + 1 > limit:
                found.append((end - n + 1, f"{path.relative_to(repo)}:{n + 1}", m.group(1)))
for length, where, name in sorted(found, reverse=True):
    print(f"{length:4}  {where}  {name}")
sys.exit(1 if found else 0)
