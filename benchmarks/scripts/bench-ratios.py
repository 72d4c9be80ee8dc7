#!/usr/bin/env python3
"""Prints each vigil* score of a JMH JSON result as a ratio to the baseline of the same params."""
import json
import sys


def main(path):
    results = json.load(open(path))
    by_key = {}
    for r in results:
        method = r["benchmark"].rsplit(".", 1)[1]
        params = tuple(sorted((r.get("params") or {}).items()))
        by_key.setdefault(params, {})[method] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"],
                                                 r["primaryMetric"]["scoreUnit"])
    rows = []
    for params, methods in sorted(by_key.items()):
        base = methods.get("baseline")
        if not base:
            continue
        for name, (score, err, unit) in sorted(methods.items()):
            if name == "baseline":
                continue
            rows.append((" ".join(f"{k}={v}" for k, v in params), name, score, base[0], unit, score / base[0]))
    print(f"{'params':60} {'method':10} {'score':>12} {'baseline':>12} unit        ratio")
    for p, name, score, base, unit, ratio in rows:
        print(f"{p:60} {name:10} {score:12.3f} {base:12.3f} {unit:11} {ratio:5.2f}x")


if __name__ == "__main__":
    main(sys.argv[1])
