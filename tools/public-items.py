#!/usr/bin/env python3
"""Count the library's public items by kind, from rustdoc's JSON output.

    cargo +nightly rustdoc -p sms-sla --all-features --lib -- \
        -Z unstable-options --output-format json
    python3 tools/public-items.py target/doc/sms_sla.json [--without-errors]

Counts what a user can name: modules, types, traits, free functions,
inherent methods and associated constants, enum variants and their fields,
public struct fields. Trait implementations are not counted (their items
are the trait's).
"""
import collections
import json
import sys

args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
# --without-errors leaves out the error module (its enums and variants),
# to compare the rest of the surface.
without_errors = "--without-errors" in sys.argv
doc = json.load(open(args[0] if args else "target/doc/sms_sla.json"))
index = doc["index"]
counts = collections.Counter()
seen = set()


def kind(item):
    (k, v), = item["inner"].items() if isinstance(item["inner"], dict) else ((item["inner"], None),)
    return k, v


def visit(item_id, in_variant=False):
    if item_id in seen or str(item_id) not in index:
        return
    seen.add(item_id)
    item = index[str(item_id)]
    if item.get("crate_id", 0) != 0:
        return
    k, v = kind(item)
    if k == "module":
        if without_errors and item.get("name") == "error":
            return
        counts["modules"] += 1
        for child in v["items"]:
            visit(child)
    elif k == "use":
        if v.get("id") is not None:
            visit(v["id"])
    elif k in ("struct", "enum", "union"):
        if without_errors and item.get("name", "").endswith("Error"):
            return
        counts["types (struct, enum)"] += 1
        if k == "struct":
            fields = v["kind"].get("plain", {}).get("fields", []) if isinstance(v["kind"], dict) else []
            for f in fields:
                if index[str(f)]["visibility"] == "public":
                    counts["public struct fields"] += 1
        if k == "enum":
            for var in v["variants"]:
                counts["enum variants"] += 1
                vk = index[str(var)]["inner"]["variant"]["kind"]
                if isinstance(vk, dict):
                    fs = vk.get("struct", {}).get("fields", []) or [f for f in vk.get("tuple", []) if f is not None]
                    counts["variant fields"] += len(fs)
        for imp in v["impls"]:
            im = index[str(imp)]["inner"]["impl"]
            if im["trait"] is None and not im.get("is_synthetic") and im.get("blanket_impl") is None:
                for a in im["items"]:
                    ai = index[str(a)]
                    if ai["visibility"] == "public":
                        ak, _ = kind(ai)
                        counts["methods" if ak == "function" else "associated items"] += 1
    elif k == "trait":
        counts["traits"] += 1
    elif k == "function":
        counts["free functions"] += 1
    elif k in ("constant", "static"):
        counts["constants"] += 1
    elif k == "type_alias":
        counts["type aliases"] += 1
    elif k in ("macro", "proc_macro"):
        counts["macros"] += 1


visit(doc["root"])
width = max(len(k) for k in counts)
for k in sorted(counts):
    print(f"{k:<{width}}  {counts[k]}")
print(f"{'total':<{width}}  {sum(counts.values())}")
