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

# mean seconds of a shell command, over $RUNS runs after 2 warm-up runs
# (a third argument "noshell" runs the command without a shell, its output discarded)
mean_seconds() {
    local cmd="$1" name="$2" shell="${3:-}"
    if command -v hyperfine >/dev/null; then
        local how=()
        [[ "$shell" == "noshell" ]] && how=(-N)
        hyperfine "${how[@]}" --style none --warmup 2 --runs "$RUNS" --export-json "$OUT/$name.json" "$cmd" \
            >/dev/null 2>&1
        python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$OUT/$name.json"
    else
        for _ in 1 2; do bash -c "$cmd"; done
        local start end
        start=$(date +%s%N)
        for ((i = 0; i < RUNS; i++)); do bash -c "$cmd"; done
        end=$(date +%s%N)
        python3 -c "print(($end - $start) / 1e9 / $RUNS)"
    fi
}

PARAMS=$(IFS=,; echo "${FILES[*]}")
echo "JMH (EvtxReaderBenchmark events|hunt|xml, -f 1 -wi 3 -i 5) on ${#FILES[@]} file(s) ..." >&2
(cd "$ROOT" && java -jar "$JAR" 'EvtxReaderBenchmark\.(events|hunt|xml)$' -f 1 -wi 3 -i 5 -w 2 -r 2 \
    -jvmArgsAppend "-Dvigil.shared.dir=$DATA/.." -p "file=$PARAMS" -rf json -rff "$OUT/jmh.json") >"$OUT/jmh.log" 2>&1 \
    || { tail -n 30 "$OUT/jmh.log" >&2; exit 1; }
# JMH_JSON=path keeps the JMH results (records/s and bytes/s per method and file)
[[ -n "${JMH_JSON:-}" ]] && cp "$OUT/jmh.json" "$JMH_JSON"

printf '%-58s %6s %12s %12s %8s %9s %8s %11s\n' "file" "MB" "evtxexport" "vigil xml" "xml ×" "events ×" "hunt ×" "vigil cold"
for f in "${FILES[@]}"; do
    path="$DATA/$f"
    key=$(echo "$f" | tr '/' '_')
    if command -v hyperfine >/dev/null; then
        export_s=$(mean_seconds "evtxexport -f xml '$path'" "export-$key" noshell)
    else
        export_s=$(mean_seconds "evtxexport -f xml '$path' >/dev/null 2>&1" "export-$key")
    fi
    cold_s=$(mean_seconds "'$ROOT/vigil' dump --format xml '$path' >/dev/null 2>&1" "cold-$key")
    python3 - "$OUT/jmh.json" "$f" "$path" "$export_s" "$cold_s" <<'PY'
import json, os, sys
results, name, path, export_s, cold_s = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
rate = {}
for r in json.load(open(results)):
    if r["params"]["file"] == name:
        rate[r["benchmark"].rsplit(".", 1)[1]] = r["primaryMetric"]["score"]  # files per second
mb = os.path.getsize(path) / 1e6
xml_s, events_s, hunt_s = 1 / rate["xml"], 1 / rate["events"], 1 / rate["hunt"]
print(f"{name[-58:]:58} {mb:6.2f} {export_s * 1e3:10.1f}ms {xml_s * 1e3:10.2f}ms {export_s / xml_s:7.0f}x "
      f"{export_s / events_s:8.0f}x {export_s / hunt_s:7.0f}x {cold_s * 1e3:9.0f}ms")
print(f"{'':58} {'':6} {mb / export_s:8.1f}MB/s {mb / xml_s:8.1f}MB/s   events {mb / events_s:7.1f} MB/s, "
      f"hunt {mb / hunt_s:7.1f} MB/s")
PY
done
