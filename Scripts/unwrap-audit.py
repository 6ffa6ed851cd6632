#!/usr/bin/env python3
"""Lists every force unwrap, try!, as!, fatalError and precondition in the modules that data
reaches (the sync, the store, the TUI and both programs) and fails when one has no comment saying
why no input can reach it ("By construction: …" on its line or the line above).
Usage: Scripts/unwrap-audit.py [--list]"""
import re, sys, pathlib

MODULES = ["Sources/OverblikSync", "Sources/OverblikConfig", "Sources/OverblikCore", "Sources/OverblikStore", "Sources/OverblikSnapshotWriter",
           "Sources/OverblikTUI", "Sources/overblik", "Sources/overblik-sync"]
SITE = re.compile(r"[A-Za-z0-9_\)\]\}>]!(?![=])|\btry!|\bas!|\bfatalError\(|\bpreconditionFailure\(|\bprecondition\(")

def code(line):
    line = re.sub(r'"([^"\\]|\\.)*"', '""', line)   # string literals
    return line.split("//", 1)[0]

def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    sites, unexplained = 0, []
    for module in MODULES:
        for path in sorted((root / module).rglob("*.swift")):
            lines = path.read_text(encoding="utf-8").splitlines()
            for i, line in enumerate(lines):
                n = len(SITE.findall(code(line)))
                if n == 0:
                    continue
                sites += n
                context = line + (lines[i - 1] if i > 0 else "")
                where = f"{path.relative_to(root)}:{i + 1}"
                if "By construction" not in context:
                    unexplained.append(f"{where}: {line.strip()}")
                elif "--list" in sys.argv:
                    print(f"{where}: {line.strip()}")
    print(f"unwrap audit: {sites} sites in {', '.join(m.split('/')[-1] for m in MODULES)}, {len(unexplained)} without a reason")
    for u in unexplained:
        print("  " + u)
    return 1 if unexplained else 0

if __name__ == "__main__":
    sys.exit(main())
