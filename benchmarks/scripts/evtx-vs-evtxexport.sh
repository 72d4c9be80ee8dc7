#!/usr/bin/env bash
# Times libevtx's `evtxexport -f xml` and Vigil's .evtx reader on the same files in the same run,
# and prints Vigil's speed as a multiple of evtxexport's.
#
#   benchmarks/scripts/evtx-vs-evtxexport.sh [FILE...]    (files relative to ../shared/data)
#   RUNS=12 JMH_JSON=out.json benchmarks/scripts/evtx-vs-evtxexport.sh   (more evtxexport runs; keep JMH's JSON)
#
# evtxexport is timed per process with hyperfine (apt-get install hyperfine; run without a shell,
# output discarded), or with a loop of `date +%s%N` without it. Vigil is timed in one JVM after
# warm-up, by EvtxReaderBenchmark (JMH, short settings): `events` (every record a normalised
# event), `hunt` (what `vigil hunt` reads: records that can only be of type OTHER counted, not
# built) and `xml` (event XML text, what evtxexport -f xml makes). A cold `vigil dump --format xml`
# (one process, JVM start included) is timed too, for the whole-command view.
#
# The build machines are shared and their speed drifts by tens of percent within minutes, so for
# each file evtxexport is timed just before and just after Vigil, and the two are pooled. Two
# multiples are printed: mean over mean (every run counts), and best over best (the fastest
# evtxexport process against the fastest JMH iteration: what each does when the machine lets it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${VIGIL_SHARED_DIR:-$ROOT/../shared}/data"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
RUNS="${RUNS:-10}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

FILES=("$@")
if [[ ${#FILES[@]} -eq 0 ]]; then
    FILES=(python-evtx/tests/data/security.evtx deepbluecli/evtx/Powershell-Invoke-Obfuscation-many.evtx)
fi
command -v evtxexport >/dev/null || { echo "evtxexport is missing: apt-get install libevtx-utils" >&2; exit 1; }
if [[ ! -f "$JAR" ]]; then
    (cd "$ROOT" && mvn -B -ntp -DskipTests -pl benchmarks -am package) >"$OUT/build.log" 2>&1 \
        || { tail -n 30 "$OUT/build.log" >&2; exit 1; }
fi

# seconds of each of $RUNS runs of a command, one per line, after 2 warm-up runs
# (a third argument "noshell" runs the command without a shell, its output discarded)
run_seconds() {
    local cmd="$1" name="$2" shell="${3:-}"
    if command -v hyperfine >/dev/null; then
        local how=()
        [[ "$shell" == "noshell" ]] && how=(-N)
        hyperfine "${how[@]}" --style none --warmup 2 --runs "$RUNS" --export-json "$OUT/$name.json" "$cmd" \
            >/dev/null 2>&1
        python3 -c 'import json,sys; print("\n".join(map(str, json.load(open(sys.argv[1]))["results"][0]["times"])))' \
            "$OUT/$name.json"
    else
        for _ in 1 2; do bash -c "$cmd"; done
        local start end
        for ((i = 0; i < RUNS; i++)); do
            start=$(date +%s%N)
            bash -c "$cmd"
            end=$(date +%s%N)
            python3 -c "print(($end - $start) / 1e9)"
        done
    fi
}

evtxexport_seconds() {
    local path="$1" name="$2"
    if command -v hyperfine >/dev/null; then
        run_seconds "evtxexport -f xml '$path'" "$name" noshell
    else
        run_seconds "evtxexport -f xml '$path' >/dev/null 2>&1" "$name"
    fi
}

printf '%-58s %6s %12s %12s %8s %9s %8s %11s\n' "file" "MB" "evtxexport" "vigil xml" "xml ×" "events ×" "hunt ×" "vigil cold"
for f in "${FILES[@]}"; do
    path="$DATA/$f"
    key=$(echo "$f" | tr '/' '_')
    echo "$f: evtxexport, JMH (EvtxReaderBenchmark events|hunt|xml, -f 1 -wi 3 -i 5), evtxexport ..." >&2
    evtxexport_seconds "$path" "before-$key" >"$OUT/export-$key.txt"
    (cd "$ROOT" && java -jar "$JAR" 'EvtxReaderBenchmark\.(events|hunt|xml)$' -f 1 -wi 3 -i 5 -w 2 -r 2 \
        -jvmArgsAppend "-Dvigil.shared.dir=$DATA/.." -p "file=$f" -rf json -rff "$OUT/jmh-$key.json") \
        >"$OUT/jmh-$key.log" 2>&1 || { tail -n 30 "$OUT/jmh-$key.log" >&2; exit 1; }
    evtxexport_seconds "$path" "after-$key" >>"$OUT/export-$key.txt"
    run_seconds "'$ROOT/vigil' dump --format xml '$path' >/dev/null 2>&1" "cold-$key" >"$OUT/cold-$key.txt"
    python3 - "$OUT/jmh-$key.json" "$f" "$path" "$OUT/export-$key.txt" "$OUT/cold-$key.txt" <<'PY'
import json, os, sys
results, name, path, export_file, cold_file = sys.argv[1:6]
export = [float(x) for x in open(export_file).read().split()]
cold = [float(x) for x in open(cold_file).read().split()]
mean_rate, best_rate = {}, {}
for r in json.load(open(results)):
    if r["params"]["file"] == name:
        method = r["benchmark"].rsplit(".", 1)[1]
        mean_rate[method] = r["primaryMetric"]["score"]  # files per second
        best_rate[method] = max(x for fork in r["primaryMetric"]["rawData"] for x in fork)
mb = os.path.getsize(path) / 1e6
export_s, export_best = sum(export) / len(export), min(export)
cold_s = sum(cold) / len(cold)
xml_s, events_s, hunt_s = 1 / mean_rate["xml"], 1 / mean_rate["events"], 1 / mean_rate["hunt"]
print(f"{name[-58:]:58} {mb:6.2f} {export_s * 1e3:10.1f}ms {xml_s * 1e3:10.2f}ms {export_s / xml_s:7.0f}x "
      f"{export_s / events_s:8.0f}x {export_s / hunt_s:7.0f}x {cold_s * 1e3:9.0f}ms   (mean over mean)")
print(f"{'':58} {'':6} {export_best * 1e3:10.1f}ms {1e3 / best_rate['xml']:10.2f}ms "
      f"{export_best * best_rate['xml']:7.0f}x {export_best * best_rate['events']:8.0f}x "
      f"{export_best * best_rate['hunt']:7.0f}x {min(cold) * 1e3:9.0f}ms   (best over best)")
print(f"{'':58} {'':6} {mb / export_s:8.1f}MB/s {mb / xml_s:8.1f}MB/s   events {mb / events_s:7.1f} MB/s, "
      f"hunt {mb / hunt_s:7.1f} MB/s (means; {len(export)} evtxexport runs)")
PY
done

# JMH_JSON=path keeps the JMH results of all files (records/s and bytes/s per method and file)
if [[ -n "${JMH_JSON:-}" ]]; then
    python3 -c 'import json,sys; json.dump([r for f in sys.argv[2:] for r in json.load(open(f))], open(sys.argv[1], "w"), indent=2)' \
        "$JMH_JSON" "$OUT"/jmh-*.json
fi
