"""Compares kumiai's rust-version with the rust-version of the packages it compiles.

stdin: `cargo metadata` JSON; argv[1]: the packages compiled ("name vX.Y.Z" per line, from
`cargo tree`). Exits 1 when a package needs a newer Rust than Cargo.toml declares.
"""

import json
import sys


def version(text):
    parts = [int(x) for x in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def show(v):
    return ".".join(str(x) for x in v)


used = set()
with open(sys.argv[1], encoding="utf-8") as listing:
    for line in listing:
        name, _, ver = line.strip().partition(" v")
        used.add((name, ver))
meta = json.load(sys.stdin)
ours = next(p for p in meta["packages"] if p["name"] == "kumiai")
declared = version(ours["rust_version"])
needs = sorted(
    (
        (version(p["rust_version"]), p["name"], p["version"])
        for p in meta["packages"]
        if p["name"] != "kumiai"
        and p.get("rust_version")
        and (p["name"], p["version"]) in used
    ),
    reverse=True,
)
top = needs[0][0]
above = [f"{n} {v} ({show(r)})" for r, n, v in needs if r > declared]
if above:
    print(
        f'rust-version = "{show(declared)}" in Cargo.toml, but {len(above)} locked packages '
        f"need more: {', '.join(above[:10])}"
    )
    sys.exit(1)
if declared > top:
    print(
        f"note: rust-version {show(declared)} is above what the dependencies need "
        f"({show(top)}): kumiai's own code must need it"
    )
print(
    f"rust-version {show(declared)}: the highest of the {len(needs)} compiled packages that "
    f"declare one is {show(top)} ({needs[0][1]} {needs[0][2]})"
)
