#!/usr/bin/env bash
# Peak memory with many distinct keys (issue #11): one object whose every line names another target (3 million
# distinct targets by default, about 12 MB of gzip), analyzed by the JIT build of `alblog analyze`; peak RSS must stay
# under the limit because the per-target, per-target-group and per-load-balancer tallies are bounded
# (AnalysisOptions.MaxTrackedKeys). Kept apart from run.sh so that it can move with it.
#
#   bash bench/distinct-targets.sh                  # 3,000,000 targets, limit 128 MB
#   bash bench/distinct-targets.sh --targets 300000  # quicker
#
# Options:
#   --targets N      distinct targets, one line each (default 3000000); every 100th line is a 502 of its own target group
#   --limit-mb M     fail (exit 1) when peak RSS is above M MB (default 128)
#   --data DIR       where the generated object and the build go (default ${TMPDIR:-/tmp}/alblog-bench, as run.sh)
#   --no-build       reuse DIR/build/jit (made by run.sh or an earlier run of this script)
#
# Prints one Markdown table row: targets, gzip MB, entries, targets folded into others, wall s, peak RSS MB, verdict.
set -euo pipefail

cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

TARGETS=3000000
LIMIT_MB=128
DATA=${TMPDIR:-/tmp}/alblog-bench
BUILD_IT=1
while [ $# -gt 0 ]; do
  case $1 in
    --targets) TARGETS=$2; shift 2 ;;
    --limit-mb) LIMIT_MB=$2; shift 2 ;;
    --data) DATA=$2; shift 2 ;;
    --no-build) BUILD_IT=0; shift ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "distinct-targets.sh: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
done
mkdir -p "$DATA"
JIT=$DATA/build/jit
if [ "$BUILD_IT" -eq 1 ] || [ ! -x "$JIT/alblog" ]; then
  dotnet publish src/AlbLogLambda.Cli -c Release -p:PublishAot=false -o "$JIT" -nologo -v quiet >&2
fi

OBJECT=$DATA/distinct-targets-$TARGETS.log.gz
if [ ! -s "$OBJECT" ]; then
  echo "generating $OBJECT" >&2
  # Target i is 10.a.b.c:port from the bits of i; 502s (connection failed) name a target group of their own.
  awk -v n="$TARGETS" 'BEGIN {
    tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web";
    for (i = 0; i < n; i++) {
      t = sprintf("10.%d.%d.%d:%d", int(i / 65536) % 256, int(i / 256) % 256, i % 256, 8000 + int(i / 16777216));
      if (i % 100 == 0) { times = "-1 -1 -1"; st = "502 -"; g = sprintf("%s-%x/73e2d6bc24d8a067", tg, i); ts = "-" }
      else { times = "0.001 0.012 0.000"; st = "200 200"; g = tg "/73e2d6bc24d8a067"; ts = "200" }
      printf "http 2026-11-24T10:03:12.123456Z app/my-alb/50dc6c495c0c9188 198.51.100.7:51234 %s %s %s 120 560 \"GET http://www.example.com:80/orders HTTP/1.1\" \"curl/8.4.0\" - - %s \"Root=1-6743ad20-0a1b2c3d4e5f60718293a4b5\" \"-\" \"-\" 0 2026-11-24T10:03:12.110000Z \"forward\" \"-\" \"-\" \"%s\" \"%s\" \"-\" \"-\" TID_37acbe0641d1c34287fee137ef3a5286\n", t, times, st, g, t, ts
    }
  }' | gzip -6 > "$OBJECT.tmp"
  mv "$OBJECT.tmp" "$OBJECT"
fi

OUT=$DATA/distinct-targets-$TARGETS
/usr/bin/time -v -o "$OUT.time" "$JIT/alblog" analyze "$OBJECT" --format json > "$OUT.json" 2> "$OUT.err" || {
  echo "distinct-targets.sh: alblog failed:" >&2; cat "$OUT.err" >&2; exit 1; }
rss_kb=$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' "$OUT.time")
wall=$(sed -nE 's/.*Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/\1/p' "$OUT.time")
read -r entries folded < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["entries"], r["untracked"]["targets"]["folded"])' "$OUT.json")
gzip_mb=$(awk -v b="$(stat -c %s "$OBJECT")" 'BEGIN { printf "%.1f", b / 1048576 }')
rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')
verdict=ok
[ "$entries" -eq "$TARGETS" ] || verdict="wrong answer: $entries entries"
awk -v r="$rss_mb" -v l="$LIMIT_MB" 'BEGIN { exit !(r > l) }' && verdict="over ${LIMIT_MB} MB"
echo "| distinct targets | gzip MB | entries | targets folded into others | wall | peak RSS MB | verdict |"
echo "|---:|---:|---:|---:|---:|---:|---|"
echo "| $TARGETS | $gzip_mb | $entries | $folded | $wall | $rss_mb | $verdict |"
[ "$verdict" = ok ]
