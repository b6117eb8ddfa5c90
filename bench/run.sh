#!/usr/bin/env bash
# Whole-process benchmark of issue #5: alblog against the decoding floor and the peers users run today, on the same
# generated ALB access logs, side by side in one run. One command from a fresh clone:
#
#   bash bench/run.sh            # 1M lines, 5 runs per contender, one core and two cores, memory, cold start
#   bash bench/run.sh --quick    # 100k lines, 2 runs, small memory inputs: a smoke test of the instrument
#                                # (writes bench/results/quick.md, not the committed latest.md)
#
# Options:
#   --lines N        entries in the main file (default 1000000)
#   --runs N         runs per contender and core setting (default 5; median, min, max are reported)
#   --peer-runs N    runs for GoAccess and the Python baseline (default: --runs)
#   --big            also time the fast contenders on a 10M-line file (3 runs)
#   --no-memory      skip the flat-memory check (10 MB and 2 GB uncompressed inputs)
#   --no-coldstart   skip bench/coldstart.sh
#   --no-install     do not install missing tools with apt-get
#   --tool           also time alblog as a user installs it: `make tool-packages`, then `dotnet tool install` from that
#                    folder into a tool path (on linux-x64: the Native AOT package); a contender in every table, and a
#                    start-up table on a 1,500-line file
#   --idle-wait S    before each run, wait up to S seconds (default 15; 300 in all) for the CPUs to be idle, so that
#                    other work on the machine disturbs fewer runs (0: never wait); runs that start busy are counted
#   --data DIR       where generated logs and builds go (default ${TMPDIR:-/tmp}/alblog-bench); never committed
#   --out FILE       the Markdown results (default bench/results/latest.md; quick.md with --quick)
#
# Contenders (each a whole process, timed wall clock, peak RSS from /usr/bin/time -v):
#   gzip -dc FILE > /dev/null                       the common tool
#   decode-only GZipStream (JIT, AOT)               .NET's zlib-ng inflating to nowhere (bench/AlbLogLambda.DecodeFloor):
#                                                   the floor the targets refer to, started like the build it is compared with
#   decode-only GzipIntegrityStream                 the engine's truncation-detecting decoder, same loop
#   alblog analyze FILE --format json  (JIT, AOT)   the product
#   the same, installed as a .NET tool (--tool)     what `dotnet tool install` gives a user
#   GoAccess --log-format=AWSALB (gzip -dc | ...)   a peer users run today (Debian package goaccess)
#   python3 bench/athena_regex.py FILE        AWS's Athena regex in a short script: what a user would write
# plus: single-thread parse rate, bytes allocated per ordinary entry, peak memory on ~10 MB and ~2 GB inputs with
# --entries, cold start (bench/coldstart.sh), and the issue's targets judged by bench/targets.py.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

LINES=1000000
RUNS=5
PEER_RUNS=
BIG=0
MEMORY=1
COLDSTART=1
INSTALL=1
TOOL=0
QUICK=0
IDLE_WAIT=15
IDLE_BUDGET=300
DATA=${TMPDIR:-/tmp}/alblog-bench
OUT=
COMMAND_LINE=$(echo "bash bench/run.sh $*" | sed -E "s/ +$//")

while [ $# -gt 0 ]; do
  case $1 in
    --lines) LINES=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --peer-runs) PEER_RUNS=$2; shift 2 ;;
    --big) BIG=1; shift ;;
    --no-memory) MEMORY=0; shift ;;
    --no-coldstart) COLDSTART=0; shift ;;
    --no-install) INSTALL=0; shift ;;
    --tool) TOOL=1; shift ;;
    --quick) QUICK=1; LINES=100000; RUNS=2; shift ;;
    --idle-wait) IDLE_WAIT=$2; shift 2 ;;
    --data) DATA=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
done
PEER_RUNS=${PEER_RUNS:-$RUNS}
if [ -z "$OUT" ]; then
  if [ "$QUICK" -eq 1 ]; then OUT=$ROOT/bench/results/quick.md; else OUT=$ROOT/bench/results/latest.md; fi
fi
mkdir -p "$DATA" "$(dirname "$OUT")"
OUT=$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")
RESULTS=$DATA/results
rm -rf "$RESULTS"; mkdir -p "$RESULTS"

say() { printf '\n== %s\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

# --- tools --------------------------------------------------------------------------------------------------------
install_packages() {
  [ $# -eq 0 ] && return 0
  if [ "$INSTALL" -eq 0 ]; then echo "run.sh: missing $* (--no-install given)" >&2; return 0; fi
  local sudo=
  if [ "$(id -u)" -ne 0 ]; then
    if have sudo; then sudo="sudo -n"; else echo "run.sh: cannot install $* (not root, no sudo)" >&2; return 0; fi
  fi
  say "apt-get install $*"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 || echo "run.sh: apt-get install $* failed" >&2
}

missing=()
have gzip || missing+=(gzip)
have taskset || missing+=(util-linux)
[ -x /usr/bin/time ] || missing+=(time)
have goaccess || missing+=(goaccess)
have python3 || missing+=(python3)
have clang || have gcc || missing+=(clang)
if have dpkg-query; then
  dpkg-query -W -f='${Status}' zlib1g-dev 2>/dev/null | grep -q "install ok installed" || missing+=(zlib1g-dev)
fi
install_packages "${missing[@]}"
for tool in gzip taskset /usr/bin/time dotnet; do
  have "$tool" || [ -x "$tool" ] || { echo "run.sh: $tool is required" >&2; exit 1; }
done
PY=
have python3 && PY=$(python3 -c 'import sys; print(sys.executable)')   # the interpreter itself, not a shim
HAVE_GOACCESS=0; have goaccess && HAVE_GOACCESS=1

# --- builds -------------------------------------------------------------------------------------------------------
BUILD=$DATA/build
say "build: alblog (JIT, Release), alblog (Native AOT), benchmark tool"
dotnet publish src/AlbLogLambda.Cli -c Release -p:PublishAot=false -o "$BUILD/jit" -nologo -v quiet >&2
HAVE_AOT=1
dotnet publish src/AlbLogLambda.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$BUILD/aot" -nologo -v quiet >&2 \
  || { echo "run.sh: Native AOT publish failed (needs clang or gcc and zlib1g-dev); AOT rows are left out" >&2; HAVE_AOT=0; }
dotnet publish bench/AlbLogLambda.DecodeFloor -c Release -o "$BUILD/decode-jit" -nologo -v quiet >&2
if [ "$HAVE_AOT" -eq 1 ]; then
  dotnet publish bench/AlbLogLambda.DecodeFloor -c Release -r linux-x64 -p:PublishAot=true -o "$BUILD/decode-aot" -nologo -v quiet >&2
fi
dotnet build bench/AlbLogLambda.Benchmarks -c Release -nologo -v quiet >&2
TOOL_EXE=
if [ "$TOOL" -eq 1 ]; then
  say "build: alblog as a .NET tool (make tool-packages), installed with dotnet tool install into a tool path"
  rm -rf "$BUILD/tool-packages" "$BUILD/tool"
  make --no-print-directory tool-packages PACKAGES_DIR="$BUILD/tool-packages" CONFIGURATION=Release >&2
  dotnet tool install AlbLogLambda.Cli --tool-path "$BUILD/tool" --add-source "$BUILD/tool-packages" >&2
  TOOL_EXE=$BUILD/tool/alblog
  echo "run.sh: installed $(readlink -f "$TOOL_EXE" | sed "s|^$BUILD/tool/||")" >&2
fi
JIT=$BUILD/jit/alblog
AOT=$BUILD/aot/alblog
DECODE_JIT=$BUILD/decode-jit/decode-floor
DECODE_AOT=$BUILD/decode-aot/decode-floor
BENCH=$ROOT/bench/AlbLogLambda.Benchmarks/bin/Release/net10.0/AlbLogLambda.Benchmarks

# --- data ---------------------------------------------------------------------------------------------------------
# generate LINES NAME: a deterministic gzip log of 10 members (the default cause mix, seed 42);
# reused when already there. Prints the path; stats go to NAME.stats (entries, uncompressed bytes, members, 502s).
generate() {
  local lines=$1 name=$2 file=$DATA/$2.log.gz
  if [ ! -s "$file" ] || [ ! -s "$file.stats" ]; then
    say "generate $lines lines -> $file"
    "$JIT" generate --out "$file" --lines "$lines" --seed 42 --lines-per-member "$(( lines / 10 > 1000 ? lines / 10 : 1000 ))" 2> "$file.gen" \
      || { cat "$file.gen" >&2; exit 1; }
    # "alblog: wrote 1,000,000 entries (646,253,550 bytes uncompressed, 10 gzip members), 14,000 with status 502"
    sed -E ':a; s/([0-9]),([0-9])/\1\2/g; ta' "$file.gen" | sed -nE 's/.*wrote ([0-9]+) entries \(([0-9]+) bytes uncompressed, ([0-9]+) gzip members\), ([0-9]+) with status 502.*/\1 \2 \3 \4/p' > "$file.stats"
    [ -s "$file.stats" ] || { echo "run.sh: cannot read the generator's statistics: $(cat "$file.gen")" >&2; exit 1; }
  fi
  echo "$file"
}

# --- measuring ----------------------------------------------------------------------------------------------------
# idle_percent: share of CPU time idle over the next 0.4 s, all CPUs.
idle_percent() {
  local cpu user nice system idle iowait irq softirq steal rest t1 i1
  read -r cpu user nice system idle iowait irq softirq steal rest < /proc/stat
  t1=$((user + nice + system + idle + iowait + irq + softirq + steal)); i1=$((idle + iowait))
  sleep 0.4
  read -r cpu user nice system idle iowait irq softirq steal rest < /proc/stat
  echo $(( 100 * (idle + iowait - i1) / ((user + nice + system + idle + iowait + irq + softirq + steal - t1) | 1) ))
}

# wait_idle: waits (up to IDLE_WAIT s, IDLE_BUDGET s over the whole run) until the machine is at least 85 % idle.
BUSY_RUNS=0
TOTAL_RUNS=0
wait_idle() {
  TOTAL_RUNS=$((TOTAL_RUNS + 1))
  [ "$IDLE_WAIT" -gt 0 ] || return 0
  local start=$SECONDS
  while [ "$(idle_percent)" -lt 85 ]; do
    if [ $((SECONDS - start)) -ge "$IDLE_WAIT" ] || [ "$IDLE_BUDGET" -le 0 ]; then
      BUSY_RUNS=$((BUSY_RUNS + 1))
      IDLE_BUDGET=$((IDLE_BUDGET - (SECONDS - start)))
      return 0
    fi
  done
  IDLE_BUDGET=$((IDLE_BUDGET - (SECONDS - start)))
}

# measure DIR ID CPUS COMMAND...: one run; appends "seconds maxrss_kib exit" to DIR/ID.CPUS. The command's standard
# output goes to DIR/ID.CPUS.out (the last run's is kept and checked against the generator's statistics), gzip's to
# /dev/null.
measure() {
  local dir=$1 id=$2 cpus=$3; shift 3
  local base=$dir/$id.$cpus start end status rss out=$dir/$id.$cpus.out
  [ "$id" = gzip ] && out=/dev/null   # gzip -dc FILE > /dev/null: its output is the decoded log itself
  wait_idle
  start=$EPOCHREALTIME
  set +e
  taskset -c "$cpus" /usr/bin/time -v -o "$base.time" "$@" > "$out" 2> "$base.err"
  status=$?
  set -e
  end=$EPOCHREALTIME
  rss=$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' "$base.time")
  echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }') ${rss:-0} $status" >> "$base"
  if [ "$status" -ne 0 ]; then
    echo "run.sh: $id (cpus $cpus) exited with $status: $(tail -c 600 "$base.err")" >&2
  fi
}

# The contenders of one table, one per line: id;label;runs;command words (the file substituted). GoAccess is a
# pipeline, run through bash -c (its peak RSS is then the larger of gzip's and goaccess's).
contenders() {
  local file=$1 peers=$2
  echo "gzip;gzip -dc > /dev/null;$RUNS;gzip -dc $file"
  echo "decode-jit;decode-only GZipStream (JIT);$RUNS;$DECODE_JIT $file"
  if [ "$HAVE_AOT" -eq 1 ]; then
    echo "decode-aot;decode-only GZipStream (Native AOT);$RUNS;$DECODE_AOT $file"
    echo "integrity;decode-only GzipIntegrityStream (Native AOT);$RUNS;$DECODE_AOT $file --integrity"
  else
    echo "integrity;decode-only GzipIntegrityStream (JIT);$RUNS;$DECODE_JIT $file --integrity"
  fi
  echo "jit;alblog analyze --format json (JIT);$RUNS;$JIT analyze $file --format json"
  if [ "$HAVE_AOT" -eq 1 ]; then echo "aot;alblog analyze --format json (Native AOT);$RUNS;$AOT analyze $file --format json"; fi
  if [ -n "$TOOL_EXE" ]; then echo "tool;alblog analyze --format json (installed tool, dotnet tool install);$RUNS;$TOOL_EXE analyze $file --format json"; fi
  if [ "$peers" = peers ]; then
    if [ "$HAVE_GOACCESS" -eq 1 ]; then echo "goaccess;GoAccess --log-format=AWSALB (gzip -dc | goaccess -);$PEER_RUNS;-"; fi
    if [ -n "$PY" ]; then echo "python;Python + AWS's Athena regex (athena_regex.py);$PEER_RUNS;$PY $ROOT/bench/athena_regex.py $file"; fi
  fi
  return 0
}

# floor_of ID: the decode-only row a contender is compared with: the same build (JIT or AOT); the fastest floor
# (Native AOT when built) for everything else.
floor_of() {
  case $1 in
    jit|decode-jit) echo decode-jit ;;
    integrity) if [ "$HAVE_AOT" -eq 1 ]; then echo decode-aot; else echo decode-jit; fi ;;
    *) if [ "$HAVE_AOT" -eq 1 ]; then echo decode-aot; else echo decode-jit; fi ;;
  esac
}

# group N: 1234567 -> 1,234,567
group() { sed -E ':a; s/^([0-9]+)([0-9]{3})/\1,\2/; ta' <<< "$1"; }

median_of() { cut -d' ' -f1 "$1" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run_table FILE TITLE peers|nopeers TAG: every contender on both core settings (runs interleaved, so that drift hits
# all of them alike), then the Markdown table appended to $RESULTS/tables.md.
run_table() {
  local file=$1 title=$2 peers=$3 dir=$RESULTS/$4
  mkdir -p "$dir"
  local entries bytes members http502 compressed
  read -r entries bytes members http502 < "$file.stats"
  compressed=$(stat -c %s "$file")
  cat "$file" > /dev/null   # into the page cache: every contender reads from memory
  local maxruns=$RUNS
  if [ "$peers" = peers ] && [ "$PEER_RUNS" -gt "$maxruns" ]; then maxruns=$PEER_RUNS; fi
  local cpus run id label runs command
  for cpus in 0 0,1; do
    for ((run = 1; run <= maxruns; run++)); do
      while IFS=';' read -r id label runs command; do
        [ "$run" -le "$runs" ] || continue
        printf '  %-9s cpus %-3s run %d/%d\n' "$id" "$cpus" "$run" "$runs" >&2
        if [ "$id" = goaccess ]; then
          measure "$dir" "$id" "$cpus" bash -c "gzip -dc '$file' | goaccess - --log-format=AWSALB --no-global-config --no-progress -o '$dir/goaccess.$cpus.json'"
        else
          # shellcheck disable=SC2086  # the command is a list of words
          measure "$dir" "$id" "$cpus" $command
        fi
      done < <(contenders "$file" "$peers")
    done
  done

  {
    echo "### $title"
    echo
    echo "$(group "$entries") entries, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB uncompressed, $(awk -v b="$compressed" 'BEGIN { printf "%.1f", b / 1e6 }') MB of gzip in $members members, $(group "$http502") entries with status 502 (the generator's default cause mix, seed 42). Wall time of the whole process (start-up included), page cache warm, runs interleaved. Ratios are against rows of the same core setting: × decode-only against the decode-only run of the same build (JIT with JIT, Native AOT with Native AOT; gzip and the peers against the Native AOT one, the lowest floor), × gzip -dc against gzip. The answer column checks what each contender found against the generator's ground truth."
    echo
    echo "| contender | cores | runs | median s | min–max s | lines/s | MB/s uncompressed | × decode-only | × gzip -dc | peak RSS MB | answer |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    local decode_median gzip_median f med min max rss cores answer
    for cpus in 0 0,1; do
      gzip_median=$(median_of "$dir/gzip.$cpus")
      while IFS=';' read -r id label runs command; do
        decode_median=$(median_of "$dir/$(floor_of "$id").$cpus")
        f=$dir/$id.$cpus
        [ -s "$f" ] || continue
        med=$(median_of "$f")
        min=$(cut -d' ' -f1 "$f" | sort -g | head -1)
        max=$(cut -d' ' -f1 "$f" | sort -g | tail -1)
        rss=$(cut -d' ' -f2 "$f" | sort -n | tail -1)
        if [ "$cpus" = 0 ]; then cores="1 (taskset -c 0)"; else cores="2"; fi
        answer=$(check_answer "$dir" "$id" "$cpus" "$entries" "$bytes" "$http502")
        awk -v label="${label//|/\\|}" -v cores="$cores" -v runs="$(wc -l < "$f")" -v med="$med" -v min="$min" -v max="$max" \
            -v lines="$entries" -v bytes="$bytes" -v dec="$decode_median" -v gz="$gzip_median" -v rss="$rss" -v answer="$answer" \
          'function group(n,   s, out) { s = sprintf("%d", n); out = ""; while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) } return s out }
           BEGIN { printf "| %s | %s | %d | %.3f | %.3f–%.3f | %s | %s | %.2f | %.2f | %.1f | %s |\n",
                   label, cores, runs, med, min, max, group(lines / med), group(bytes / med / 1e6), med / dec, med / gz, rss / 1024, answer }'
      done < <(contenders "$file" "$peers")
    done
    echo
  } >> "$RESULTS/tables.md"
}

# check_answer DIR ID CPUS ENTRIES BYTES HTTP502: what the contender found, against the generator's statistics.
check_answer() {
  local dir=$1 id=$2 cpus=$3 entries=$4 bytes=$5 http502=$6
  local out=$dir/$id.$cpus.out
  if grep -qv ' 0$' "$dir/$id.$cpus"; then echo "**failed: exit code**"; return 0; fi
  case $id in
    gzip) echo "-" ;;
    decode-jit|decode-aot|integrity)
      local got; got=$(sed -nE 's/^decoded ([0-9]+) bytes.*/\1/p' "$out")
      if [ "$got" = "$bytes" ]; then echo "all bytes ✓"; else echo "**$got bytes, expected $bytes**"; fi ;;
    jit|aot|tool|mem-*) check_json alblog "$out" "$entries" "$http502" ;;
    python) check_json python "$out" "$entries" "$http502" ;;
    goaccess) check_json goaccess "$dir/goaccess.$cpus.json" "$entries" "$http502" ;;
  esac
}

check_json() {
  "$PY" - "$@" <<'PYTHON'
import json, sys
kind, path, entries, http502 = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
try:
    with open(path) as f:
        r = json.load(f)
except Exception as e:
    print(f"**no result ({type(e).__name__})**")
    sys.exit()
extra = ''
if kind == 'alblog':
    found, parsed = r['http502']['total'] + r['http502']['fixedResponse'], r['entries']
    extra = f" in {len(r['causes'])} causes"
elif kind == 'python':
    found, parsed = r['http502'], r['matched']
else:
    found = sum(i['hits']['count'] for g in r.get('status_codes', {}).get('data', [])
                for i in g.get('items', []) if str(i.get('data', '')).startswith('502'))
    parsed = r['general']['valid_requests']
if parsed == entries and found == http502:
    print(f"{found:,} × 502{extra} ✓")
else:
    print(f"{found:,} of {http502:,} × 502; **{entries - parsed:,} lines not parsed**")
PYTHON
}

# --- run ----------------------------------------------------------------------------------------------------------
START_TIME=$(date +%s)
SMALL=
LARGE=
main_name=alb-$LINES
[ "$LINES" -eq 1000000 ] && main_name=alb-1m
MAIN=$(generate "$LINES" "$main_name")
say "throughput: $(basename "$MAIN"), $RUNS runs (peers $PEER_RUNS), one core then two"
run_table "$MAIN" "Throughput: $(basename "$MAIN")" peers main

if [ "$BIG" -eq 1 ]; then
  BIGFILE=$(generate 10000000 alb-10m)
  say "throughput: $(basename "$BIGFILE"), 3 runs, without the peers"
  saved_runs=$RUNS; RUNS=3
  run_table "$BIGFILE" "Throughput: $(basename "$BIGFILE") (GoAccess and Python left out: minutes per run)" nopeers big
  RUNS=$saved_runs
fi

if [ "$TOOL" -eq 1 ]; then
  STARTUP=$(generate 1500 alb-1500)
  say "start-up: $(basename "$STARTUP"), $RUNS runs, without the peers"
  run_table "$STARTUP" "Start-up: $(basename "$STARTUP") (a small object: the time is mostly the process starting)" nopeers startup
fi

say "single-thread parse rate (taskset -c 0)"
wait_idle
taskset -c 0 "$BENCH" parserate --seconds "$([ "$QUICK" -eq 1 ] && echo 1 || echo 3)" > "$RESULTS/parserate.md"

say "steady-state allocation per ordinary entry"
wait_idle
"$BENCH" alloc --lines "$([ "$QUICK" -eq 1 ] && echo 20000 || echo 200000)" > "$RESULTS/alloc.md"

if [ "$MEMORY" -eq 1 ]; then
  if [ "$QUICK" -eq 1 ]; then small_lines=1500; large_lines=30000; else small_lines=15000; large_lines=3000000; fi
  SMALL=$(generate "$small_lines" "alb-mem-$small_lines")
  LARGE=$(generate "$large_lines" "alb-mem-$large_lines")
  say "flat memory: $(basename "$SMALL") and $(basename "$LARGE"), with --entries"
  dir=$RESULTS/memory; mkdir -p "$dir"
  {
    echo "### Peak resident memory: \`alblog analyze FILE --format json --entries FILE.ndjson\`, two cores"
    echo
    echo "| input | uncompressed MB | build | wall s | peak RSS MB | answer |"
    echo "|---|---:|---|---:|---:|---|"
  } > "$RESULTS/memory.md"
  for file in "$SMALL" "$LARGE"; do
    read -r entries bytes members http502 < "$file.stats"
    for build in jit aot; do
      if [ "$build" = aot ] && [ "$HAVE_AOT" -eq 0 ]; then continue; fi
      exe=$JIT; label=JIT
      if [ "$build" = aot ]; then exe=$AOT; label="Native AOT"; fi
      id=mem-$build-$(basename "$file" .log.gz)
      measure "$dir" "$id" 0,1 "$exe" analyze "$file" --format json --entries "$DATA/entries.ndjson"
      read -r secs rss status < "$dir/$id.0,1"
      answer="$(check_answer "$dir" "$id" 0,1 "$entries" "$bytes" "$http502"); $(group "$(wc -l < "$DATA/entries.ndjson")") 5xx entries written"
      rm -f "$DATA/entries.ndjson"
      awk -v name="$(basename "$file")" -v mb="$bytes" -v build="$label" -v secs="$secs" -v rss="$rss" -v answer="$answer" \
        'BEGIN { printf "| %s | %.1f | %s | %.2f | %.1f | %s |\n", name, mb / 1e6, build, secs, rss / 1024, answer }' >> "$RESULTS/memory.md"
    done
  done
fi

if [ "$COLDSTART" -eq 1 ]; then
  say "cold start (bench/coldstart.sh)"
  coldstart_args=(--data "$DATA" --out "$RESULTS/coldstart.md")
  if [ "$QUICK" -eq 1 ]; then coldstart_args+=(--runs 3); fi
  bash bench/coldstart.sh "${coldstart_args[@]}" >&2 || echo "run.sh: the cold-start measurement failed" >&2
fi

# --- results ------------------------------------------------------------------------------------------------------
cpu_model=$(sed -nE 's/^model name\s*:\s*(.*)/\1/p' /proc/cpuinfo | head -1)
cpu_mhz=$(sed -nE 's/^cpu MHz\s*:\s*([0-9]+).*/\1/p' /proc/cpuinfo | head -1)
[ -n "$cpu_mhz" ] && cpu_model="$cpu_model, $cpu_mhz MHz"
mem_gib=$(awk '/MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
{
  echo "# Performance results"
  echo
  echo "Produced by \`$COMMAND_LINE\` on $(date -u +%Y-%m-%dT%H:%MZ) at commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- . ':!bench/results' 2>/dev/null || echo ' (with local changes)'), in $(( $(date +%s) - START_TIME )) s."
  echo
  echo "Machine: $(nproc) cores ($cpu_model), $mem_gib GiB memory, $(uname -sr), $(. /etc/os-release && echo "$PRETTY_NAME"); .NET SDK $(dotnet --version), runtime $(dotnet --list-runtimes | sed -nE 's/^Microsoft.NETCore.App ([^ ]+).*/\1/p' | tail -1); $(gzip --version | head -1); $( [ "$HAVE_GOACCESS" -eq 1 ] && goaccess --version 2>/dev/null | head -1 | sed -E 's/^GoAccess - ([0-9.]*[0-9]).*/GoAccess \1/'); $( [ -n "$PY" ] && "$PY" --version)."
  echo
  echo "Quietness: $BUSY_RUNS of $TOTAL_RUNS timed runs started while other work kept the machine less than 85 % idle (after waiting up to ${IDLE_WAIT} s each); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg). The machine is shared: compare medians with the min column."
  echo
  echo "### Targets"
  echo
  if [ -n "$PY" ]; then "$PY" bench/targets.py "$RESULTS" ${SMALL:+--small "$(basename "$SMALL" .log.gz)"} ${LARGE:+--large "$(basename "$LARGE" .log.gz)" --span "$(awk '{ printf "%.0f", $2 / 1e6 }' "$SMALL.stats") MB to $(awk '{ printf "%.0f", $2 / 1e6 }' "$LARGE.stats") MB uncompressed"}; else echo "(needs python3)"; fi
  echo
  cat "$RESULTS/tables.md"
  echo "### Parse rate, one thread (\`taskset -c 0 AlbLogLambda.Benchmarks parserate\`)"
  echo
  cat "$RESULTS/parserate.md"
  echo
  echo "### Allocation (\`AlbLogLambda.Benchmarks alloc\`)"
  echo
  cat "$RESULTS/alloc.md"
  echo
  if [ -s "$RESULTS/memory.md" ]; then cat "$RESULTS/memory.md"; echo; fi
  if [ -s "$RESULTS/coldstart.md" ]; then echo "### Cold start (\`bash bench/coldstart.sh\`)"; echo; cat "$RESULTS/coldstart.md"; echo; fi
} > "$OUT"

cat "$OUT"
echo >&2
echo "run.sh: results in ${OUT#"$ROOT"/}; raw measurements in $RESULTS" >&2
